"""The forecast on H3 cells: a region's populated footprint, year by year.

The cells and their base-year residents come from :func:`planning.provision.grid.populated_cells`;
in later years each cell keeps its share of its unit's residents (a unit's new residents live
where its residents live now), and every year is scored on the same road graphs as the
units' forecast (:func:`planning.forecast.model.score_years`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.crs import WGS84
from planning.forecast.model import (
    Forecast,
    Programme,
    population_path,
    score_years,
    with_programme,
)
from planning.norms import Norms
from planning.provision.assess import prepare_units
from planning.provision.grid import populated_cells

CELL_COLUMNS = ["unit_id", "h3", "parent_unit_id", "name_ru", "name_kk", "name_en", "kind",
                "region", "pop_registered", "pop_actual", "geometry"]


def forecast_cells(layers: Mapping[str, pd.DataFrame], norms: Norms, *, region: str, res: int,
                   base_year: int, horizon: int, programme: Programme | None = None,
                   net_migration: pd.Series | None = None, spread: str = "auto",
                   progress: Callable[[int], None] | None = None) -> Forecast:
    """The forecast of :func:`planning.forecast.model.forecast` for the cells of one region.

    Returns
    -------
    Forecast
        Its ``population``, ``networks`` and ``units`` tables are per cell (``unit_id`` is
        the cell's id, as in :func:`planning.provision.grid.grid_readiness`). The base year is
        scored once, with the others.
    """
    programme = programme or Programme()
    units = prepare_units(layers["units"])
    years, people = population_path(units, layers, norms, base_year=base_year,
                                    horizon=horizon, programme=programme,
                                    net_migration=net_migration)
    planned = with_programme(layers, programme)
    found = populated_cells(planned, region=region, res=res, spread=spread)
    cells = gpd.GeoDataFrame(found.cells.reindex(columns=CELL_COLUMNS), geometry="geometry",
                             crs=WGS84)
    population = cell_population(cells, people, years=years)
    centre_of = dict(zip(found.points["unit_id"], found.points.geometry, strict=True))

    def points_of(year_cells: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
        return gpd.GeoDataFrame({"unit_id": year_cells["unit_id"].to_numpy(),
                                 "registered": year_cells["pop_registered"].to_numpy(float),
                                 "actual": year_cells["pop_actual"].to_numpy(float)},
                                geometry=[centre_of[c] for c in year_cells["unit_id"]],
                                crs=WGS84)

    return score_years(cells, population, planned, norms, years=years,
                       points_of=points_of, progress=progress)


def cell_population(cells: pd.DataFrame, people: pd.DataFrame, *,
                    years: list[int]) -> pd.DataFrame:
    """Each cell's residents per year: its base-year residents times its unit's growth.

    Examples
    --------
    A unit of 1,000 residents in two cells (600 and 400) grows to 1,100:

    >>> cells = pd.DataFrame({"unit_id": ["c1", "c2"], "parent_unit_id": "u",
    ...                       "pop_registered": [600.0, 400.0], "pop_actual": [600.0, 400.0]})
    >>> people = pd.DataFrame({"unit_id": "u", "year": [2025, 2026],
    ...                        "pop_registered": [1000.0, 1100.0],
    ...                        "pop_actual": [1000.0, 1100.0]})
    >>> cell_population(cells, people, years=[2025, 2026])["pop_actual"].round(6).tolist()
    [600.0, 400.0, 660.0, 440.0]
    """
    base = people[people["year"] == years[0]].set_index("unit_id")
    frames = []
    for year in years:
        now = people[people["year"] == year].set_index("unit_id")
        frame = pd.DataFrame({"unit_id": cells["unit_id"].to_numpy(), "year": year})
        for column in ("pop_registered", "pop_actual"):
            before = cells["parent_unit_id"].map(base[column]).to_numpy(float)
            after = cells["parent_unit_id"].map(now[column]).to_numpy(float)
            with np.errstate(divide="ignore", invalid="ignore"):
                ratio = np.where(before > 0, after / before, 1.0)
            frame[column] = cells[column].to_numpy(float) * ratio
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)
