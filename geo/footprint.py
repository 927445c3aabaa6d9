"""Where a unit's residents live when no population grid says: its populated footprint.

A unit's residents put at one inner point reach only the facilities within a walk of that
point: on real Almaty, two schools city-wide. :func:`footprint_points` spreads them instead
over the unit's settlements, each weighted by its population, or, where the unit has no
settlement with a population, over a regular sample of the unit's area: the centres of its H3
cells, each weighted by its area outside the ``constraints`` layer
(:func:`geo.interpolate.weights_outside`).
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.crs import KAZAKHSTAN_EQUAL_AREA, WGS84
from geo.hexgrid import (
    average_cell_area_km2,
    cell_area_km2,
    cell_centres,
    cell_polygons,
    cells_in_polygons,
)
from geo.interpolate import weights_outside

#: Finest H3 resolutions tried for the area sample, finest first: res 9 cells are about 0.1 km²
#: (centres some 350 m apart, well inside a 7-minute walk of 525 m).
RESOLUTIONS = (9, 8, 7, 6)
#: A unit is sampled at the finest resolution that gives it at most about this many cells, so
#: that a 5,000 km² rural district costs no more searches than a city district.
MAX_CELLS = 3000
#: How a unit's residents were placed: by its ``settlements``, by its ``area`` outside the
#: constraints, or at one inner ``point`` (a unit too small for any cell).
SPREADS = ("settlements", "area", "point")


def footprint_points(polygons: gpd.GeoSeries, *, settlements: gpd.GeoDataFrame | None = None,
                     constraints: gpd.GeoSeries | None = None,
                     population_column: str = "population") -> gpd.GeoDataFrame:
    """Points where each polygon's residents live, with their share of them.

    Parameters
    ----------
    polygons
        Unit polygons indexed by ``unit_id``, any CRS.
    settlements
        Populated places (points); those inside a unit with a population above zero carry its
        residents in proportion to that population. A unit with none is sampled by area.
    constraints
        Polygons where nobody lives (protected land, hazard zones): the area sample leaves them
        out. A unit wholly inside them is sampled by its whole area.
    population_column
        The settlements' residents.

    Returns
    -------
    geopandas.GeoDataFrame
        ``unit_id``, ``weight`` (summing to 1 within each unit) and ``spread`` (one of
        :data:`SPREADS`), points in WGS 84.

    Examples
    --------
    A 2 km square with a settlement of 300 and one of 100 in it, and a square without any:

    >>> a = shapely.box(76.90, 43.20, 76.925, 43.218)
    >>> b = shapely.box(77.00, 43.20, 77.025, 43.218)
    >>> units = gpd.GeoSeries([a, b], index=["a", "b"], crs=4326)
    >>> towns = gpd.GeoDataFrame({"population": [300, 100]}, crs=4326,
    ...                          geometry=gpd.points_from_xy([76.91, 76.92], [43.21, 43.21]))
    >>> out = footprint_points(units, settlements=towns)
    >>> out[out.unit_id == "a"]["weight"].tolist()
    [0.75, 0.25]
    >>> spread = out.groupby("unit_id")["spread"].first()
    >>> spread.to_dict(), bool(abs(out[out.unit_id == "b"]["weight"].sum() - 1) < 1e-9)
    ({'a': 'settlements', 'b': 'area'}, True)
    """
    polygons = polygons.to_crs(WGS84)
    parts = []
    by_settlement = _settlement_points(polygons, settlements, population_column)
    if len(by_settlement):
        parts.append(by_settlement)
    rest = polygons[~polygons.index.isin(by_settlement["unit_id"])]
    if len(rest):
        parts.append(_area_points(rest, constraints))
    if not parts:
        return gpd.GeoDataFrame({"unit_id": [], "weight": [], "spread": []},
                                geometry=gpd.GeoSeries([], crs=WGS84), crs=WGS84)
    points = pd.concat(parts, ignore_index=True)
    points["weight"] = points["weight"] / points.groupby("unit_id")["weight"].transform("sum")
    return gpd.GeoDataFrame(points, geometry="geometry", crs=WGS84)


def _settlement_points(polygons: gpd.GeoSeries, settlements: gpd.GeoDataFrame | None,
                       population_column: str) -> gpd.GeoDataFrame:
    empty = gpd.GeoDataFrame({"unit_id": [], "weight": [], "spread": []},
                             geometry=gpd.GeoSeries([], crs=WGS84), crs=WGS84)
    if settlements is None or settlements.empty or population_column not in settlements:
        return empty
    places = settlements.to_crs(WGS84)
    population = pd.to_numeric(places[population_column], errors="coerce").to_numpy(float)
    keep = np.isfinite(population) & (population > 0) & ~places.geometry.is_empty.to_numpy() \
        & places.geometry.notna().to_numpy()
    places = gpd.GeoDataFrame({"weight": population[keep]},
                              geometry=places.geometry[keep].representative_point().to_numpy(),
                              crs=WGS84)
    if places.empty:
        return empty
    owners = gpd.GeoDataFrame({"unit_id": polygons.index.to_numpy()},
                              geometry=polygons.to_numpy(), crs=WGS84)
    joined = gpd.sjoin(places, owners, predicate="within", how="inner")
    # A place on a shared boundary belongs to the first unit that holds it.
    joined = joined[~joined.index.duplicated()]
    return gpd.GeoDataFrame({"unit_id": joined["unit_id"].to_numpy(),
                             "weight": joined["weight"].to_numpy(float),
                             "spread": "settlements"},
                            geometry=joined.geometry.to_numpy(), crs=WGS84)


def _area_points(polygons: gpd.GeoSeries, constraints: gpd.GeoSeries | None) -> pd.DataFrame:
    area = polygons.to_crs(KAZAKHSTAN_EQUAL_AREA).area.to_numpy() / 1e6
    frames = []
    for res in RESOLUTIONS:
        fits = area / average_cell_area_km2(res) <= MAX_CELLS
        chosen = fits if res != RESOLUTIONS[-1] else np.ones(len(area), dtype=bool)
        if chosen.any():
            frames.append(_cells(polygons[chosen], res, constraints))
        polygons, area = polygons[~chosen], area[~chosen]
        if not len(polygons):
            break
    return pd.concat(frames, ignore_index=True)


def _cells(polygons: gpd.GeoSeries, res: int, constraints: gpd.GeoSeries | None) -> pd.DataFrame:
    cells = cells_in_polygons(polygons, res=res)
    ids = cells["h3"].to_numpy()
    if constraints is None or len(constraints) == 0:
        weight = cell_area_km2(ids).to_numpy()
    else:
        weight = weights_outside(cell_polygons(ids), constraints)
        whole = cell_area_km2(ids).to_numpy()
        # A unit wholly under constraints still has residents: they live somewhere in it.
        blocked = pd.Series(weight).groupby(cells["owner"].to_numpy()).transform("sum") <= 0
        weight = np.where(blocked.to_numpy(), whole, weight)
    centres = cell_centres(ids).to_numpy()
    alone = cells["owner"].map(cells["owner"].value_counts()).to_numpy() == 1
    lonely = alone & ~_centre_inside(polygons, cells["owner"], centres)
    spread = np.where(lonely, "point", "area")
    # A unit smaller than a cell keeps its residents at its own inner point, not the cell's.
    inner = polygons.representative_point()
    centres = np.where(lonely, cells["owner"].map(inner).to_numpy(), centres)
    return pd.DataFrame({"unit_id": cells["owner"].to_numpy(), "weight": weight,
                         "spread": spread, "geometry": centres})


def _centre_inside(polygons: gpd.GeoSeries, owners: pd.Series,
                   centres: np.ndarray) -> np.ndarray:
    owner_shapes = owners.map(polygons).to_numpy()
    return shapely.contains(owner_shapes, centres) | shapely.touches(owner_shapes, centres)
