"""Readiness per H3 cell: ``qonys grid --region R --res 8|9``.

The region's units are filled with H3 cells (a cell belongs to the unit holding its centre);
each unit's registered and actual residents are spread over its cells, by the population
grid where one is loaded, else by area outside the ``constraints`` layer, each unit's total
kept exactly in whole persons (:func:`geo.interpolate.disaggregate`). Cells with no residents
and no facility are left out; every other cell is scored by the readiness model of the units
(:func:`planning.provision.assess.score`) with the cell as the unit and its centre as its one demand
point: utilities by the zone holding the centre, facilities by E2SFCA on foot, the gate by
car. The exact assignment by linear programming is a unit-level figure and is not run per cell.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd

from geo import hexgrid
from geo.crs import WGS84
from geo.errors import LayerNotFoundError
from geo.i18n import _
from geo.interpolate import disaggregate
from planning.norms import Norms
from planning.provision.assess import POPULATION, Assessment, prepare_units, score

log = logging.getLogger(__name__)

RESOLUTIONS = (8, 9)
#: How residents are spread over cells: ``auto`` (the population grid where loaded, else by
#: area), ``grid`` or ``area``.
SPREAD = ("auto", "grid", "area")
#: Unit columns carried onto each cell.
CARRIED = ("name_ru", "name_kk", "name_en", "kind", "region")


@dataclass(frozen=True)
class GridResult:
    """What :func:`grid_readiness` made.

    Attributes
    ----------
    cells
        The scored cells: ``h3``, ``unit_id`` (the cell's id, unique), ``parent_unit_id`` (the
        unit holding its centre), the parent's names, ``pop_registered``, ``pop_actual``,
        ``pop_spread`` (``grid`` or ``area``) and the readiness columns of
        :mod:`planning.provision.readiness`; hexagon geometry in WGS 84.
    assessment
        The readiness model's full result (the long table of networks per cell).
    footprint_cells
        Cells filling the region's units, scored or not.
    spread
        ``grid`` or ``area``: how residents were spread.
    """

    cells: gpd.GeoDataFrame
    assessment: Assessment
    footprint_cells: int
    spread: str


def layer_name(region: str, res: int) -> str:
    """Workspace layer of the cells of ``region`` at ``res``, e.g. ``grid_almaty_r9``."""
    return f"grid_{region}_r{res}"


def grid_readiness(layers: Mapping[str, pd.DataFrame], norms: Norms, *, region: str, res: int,
                   year: int, spread: str = "auto",
                   stage: Callable[[str], None] | None = None) -> GridResult:
    """Readiness of every populated H3 cell of one region.

    Parameters
    ----------
    layers
        The workspace's layers, as for :func:`planning.provision.assess.assess`; ``constraints`` is
        used when residents are spread by area.
    region
        A value of the units' ``region`` column.
    res
        H3 resolution, 8 (0.74 km² cells) or 9 (0.11 km²).
    year
        Base year of the utilities.
    spread
        One of :data:`SPREAD`.
    stage
        Called with the name of each stage as it starts (``cells``, ``population``, ``score``).
    """
    found = populated_cells(layers, region=region, res=res, spread=spread, stage=stage)
    if stage is not None:
        stage("score")
    assessment = score(found.cells, found.points, layers, norms, year=year, exact=False)
    return GridResult(cells=assessment.units.assign(pop_spread=found.spread),
                      assessment=assessment, footprint_cells=found.footprint_cells,
                      spread=found.spread)


@dataclass(frozen=True)
class PopulatedCells:
    """The cells :func:`populated_cells` keeps, before scoring.

    Attributes
    ----------
    cells
        As :attr:`GridResult.cells` without the readiness columns.
    points
        One demand point per cell, at its centre: ``unit_id``, ``registered``, ``actual``.
    footprint_cells, spread
        As in :class:`GridResult`.
    """

    cells: gpd.GeoDataFrame
    points: gpd.GeoDataFrame
    footprint_cells: int
    spread: str


def populated_cells(layers: Mapping[str, pd.DataFrame], *, region: str, res: int,
                    spread: str = "auto",
                    stage: Callable[[str], None] | None = None) -> PopulatedCells:
    """The region's cells with residents or a facility, and their residents per basis
    (parameters as for :func:`grid_readiness`)."""
    step = stage or (lambda _name: None)
    units = _region_units(layers, region)
    if res not in RESOLUTIONS:
        raise ValueError(_("Grid resolution {res} is not supported: "
                           "use --res {allowed}.", res=res, allowed="8, 9"))
    if spread not in SPREAD:
        raise ValueError(_("Unknown way of spreading residents {spread!r}: use {allowed}.",
                           spread=spread, allowed=", ".join(SPREAD)))
    step("cells")
    owned = hexgrid.cells_in_polygons(gpd.GeoSeries(units.geometry.to_numpy(),
                                                    index=units["unit_id"].to_numpy(),
                                                    crs=WGS84), res=res)
    step("population")
    grid = layers.get("population_grid")
    use_grid = grid is not None and not grid.empty and spread != "area"
    if spread == "grid" and not use_grid:
        raise LayerNotFoundError(_("--by grid needs a population_grid layer and the workspace has "
                                   "none (region {region}). Load one (`qonys load FILE --kind "
                                   "population_grid`) or use --by area.", region=region))
    constraints = layers.get("constraints")
    constraint_shapes = None if constraints is None else constraints.geometry
    totals = units.set_index("unit_id")
    # Bases spread by the same points column share one set of weights, computed once.
    by_column: dict[str, list[str]] = {}
    for basis in POPULATION:
        points_column = "persons_actual" if basis == "actual" and use_grid \
            and "persons_actual" in grid else "persons"
        by_column.setdefault(points_column, []).append(basis)
    persons = {}
    for points_column, bases in by_column.items():
        spread_out = disaggregate(totals[[POPULATION[b] for b in bases]], owned,
                                  points=grid if use_grid else None,
                                  constraints=constraint_shapes, res=res,
                                  persons_column=points_column)
        persons.update({b: spread_out[POPULATION[b]] for b in bases})
        if spread_out.attrs.get("units_by_area") and use_grid:
            log.info(_("{count} units have no population points: their residents are spread by "
                       "area.",
                       count=len(spread_out.attrs["units_by_area"])))
    facility_cells = _facility_cells(layers.get("facilities"), res)
    populated = (persons["registered"].to_numpy() > 0) | (persons["actual"].to_numpy() > 0)
    scored = populated | owned["h3"].isin(facility_cells).to_numpy()
    cells = _cell_units(owned[scored], units, {b: p[scored] for b, p in persons.items()})
    points = gpd.GeoDataFrame(
        {"unit_id": cells["unit_id"].to_numpy(),
         "registered": cells["pop_registered"].to_numpy(float),
         "actual": cells["pop_actual"].to_numpy(float)},
        geometry=hexgrid.cell_centres(cells["h3"].to_numpy()).to_numpy(), crs=WGS84)
    return PopulatedCells(cells, points, len(owned), "grid" if use_grid else "area")


def _region_units(layers: Mapping[str, pd.DataFrame], region: str) -> gpd.GeoDataFrame:
    units = prepare_units(layers["units"])
    regions = sorted(units["region"].dropna().astype(str).unique())
    if region not in regions:
        raise LayerNotFoundError(_("The units layer has no region {region!r}. The workspace's "
                                   "regions: {regions}.", region=region,
                                    regions=", ".join(regions)))
    return units[units["region"] == region].reset_index(drop=True)


def _facility_cells(facilities: gpd.GeoDataFrame | None, res: int) -> set[str]:
    if facilities is None or facilities.empty:
        return set()
    return set(hexgrid.points_to_cells(facilities.geometry, res=res).dropna())


def _cell_units(owned: pd.DataFrame, units: gpd.GeoDataFrame,
                persons: dict[str, pd.Series]) -> gpd.GeoDataFrame:
    """Scored cells as units of the readiness model, with their parent unit's attributes."""
    h3_ids = owned["h3"].to_numpy()
    repeated = pd.Series(h3_ids).duplicated(keep=False).to_numpy()
    # A unit smaller than a cell owns a copy of a cell another unit owns: keep both apart.
    cell_id = np.where(repeated, h3_ids.astype(object) + "/" + owned["owner"].astype(str), h3_ids)
    parent = units.set_index("unit_id")
    frame = pd.DataFrame({"unit_id": cell_id, "h3": h3_ids,
                          "parent_unit_id": owned["owner"].to_numpy()})
    for column in CARRIED:
        if column in parent:
            frame[column] = frame["parent_unit_id"].map(parent[column]).to_numpy()
    frame["kind"] = "hex"
    frame["pop_registered"] = persons["registered"].to_numpy(float)
    frame["pop_actual"] = persons["actual"].to_numpy(float)
    geometry = hexgrid.cell_polygons(h3_ids).to_numpy()
    return gpd.GeoDataFrame(frame, geometry=geometry, crs=WGS84)
