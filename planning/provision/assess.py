"""Assess readiness of every unit (or H3 cell) from the layers of a workspace.

:func:`assess` runs the whole readiness model of DESIGN.md on the layers it is handed:
utilities by zone, social facilities by E2SFCA on the walking network (and, for units, the
exact assignment by linear programming), the transport gate on the driving network, for the
registered and for the actual population. :func:`score` is the same model for any demand
points: the population points of units, or one point per H3 cell (:mod:`planning.provision.grid`).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.crs import WGS84
from geo.errors import LayerSchemaError
from geo.footprint import footprint_points
from geo.i18n import N_, _
from planning.norms import Norms
from planning.notices import say
from planning.provision import access, readiness, utilities
from planning.provision.access import ExactProvision, RegionGraphs
from planning.provision.coverage import OTHER_TOPICS, leave_out, not_assessed
from planning.provision.coverage import coverage as workspace_coverage

#: The messages of assess spread by key, chosen at run time, marked for the catalogue.
ASSESS_SPREAD_MESSAGES = {
    "area": N_("No population grid and no settlement with a population: the residents of {units} "
               "of {total} units are spread over the unit's area outside the constraints layer "
               "({points} H3 cell centres), not put at one point (column pop_spread). A "
               "population_grid or settlements layer is more exact."),
    "point": N_("{units} of {total} units are smaller than an H3 cell: their residents are at one "
                "inner point of the unit (column pop_spread)."),
    "settlements": N_("No population grid: the residents of {units} of {total} units are spread "
                      "over their settlements (layer settlements, {points} points) in proportion "
                      "to their population, not put at one point (column pop_spread)."),
}

log = logging.getLogger(__name__)

POPULATION = {"registered": "pop_registered", "actual": "pop_actual"}
BASES = tuple(POPULATION)


@dataclass(frozen=True)
class Assessment:
    """What :func:`assess` found.

    Attributes
    ----------
    networks
        Long table, one row per basis, unit and network: ``demand``, ``supply`` (in the
        network's ``unit``), ``provision``, ``headroom`` (residents), ``networked``, and the
        norm and its source that produced them.
    units
        The units layer with the readiness columns of :mod:`planning.provision.readiness` for both
        population bases.
    exact
        The exact assignment of residents to facilities (units only; ``None`` for cells).
    graphs
        Per region, what building its walking and driving graphs kept and dropped.
    statuses
        What was assessed, estimated and left out, per region and network
        (:func:`planning.provision.coverage.coverage`).
    """

    networks: pd.DataFrame
    units: gpd.GeoDataFrame
    exact: ExactProvision | None = None
    graphs: dict[str, RegionGraphs] = field(default_factory=dict)
    statuses: list = field(default_factory=list)


def assess(layers: Mapping[str, pd.DataFrame], norms: Norms, *, year: int,
           exact: bool = True) -> Assessment:
    """Readiness of every unit for both population bases.

    Parameters
    ----------
    layers
        At least ``units`` (with ``pop_registered``; ``pop_actual`` defaults to it) and
        ``roads``; optionally ``population_grid``, ``facilities``, ``utility_zones``,
        ``utility_sources``, ``zone_sources``, ``settlements`` (a ``place == "city"`` point
        is a region's centre) and ``job_centres``. A missing utility layer means no unit is on
        that network.
    norms
        From :func:`planning.norms.load_norms`.
    year
        Base year: sources commissioned later are not counted.
    exact
        Also assign residents to facilities by linear programming.
    """
    units = prepare_units(layers["units"])
    grid = locate_points(layers.get("population_grid"), units)
    points = demand_points(units, grid, settlements=layers.get("settlements"),
                           constraints=_geometry(layers.get("constraints")))
    return score(units, points, layers, norms, year=year, exact=exact)


def prepare_units(units: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Units in WGS 84 with ``pop_actual`` (default: registered) and ``region``.

    Raises
    ------
    LayerSchemaError
        If ``pop_registered`` is missing or empty for any unit: the message names the column
        and the ``qonys join`` that supplies it.
    """
    check_population(units)
    units = units.to_crs(WGS84)
    registered = pd.to_numeric(units["pop_registered"], errors="coerce")
    units = units.assign(pop_registered=registered)
    units = units.assign(pop_actual=pd.to_numeric(units.get("pop_actual", registered),
                                                  errors="coerce"))
    units["pop_actual"] = units["pop_actual"].fillna(units["pop_registered"])
    if "region" not in units:
        units = units.assign(region="default")
    return units


def check_population(units: pd.DataFrame) -> None:
    """Raise a :class:`~geo.errors.LayerSchemaError` naming the fix if any unit has no
    ``pop_registered``."""
    if "pop_registered" not in units:
        problem = _("is missing")
    else:
        empty = units[pd.to_numeric(units["pop_registered"], errors="coerce").isna()]
        if empty.empty:
            return
        names = empty["unit_id"].astype(str).tolist() if "unit_id" in empty else []
        listed = ", ".join(names[:5]) + (f" (+{len(names) - 5})" if len(names) > 5 else "")
        problem = _("is empty for the units {units}", units=listed)
    msg = _("The layer units has no population: the column pop_registered {problem}. Join it from "
            "a statistics table: qonys join TABLE --to units --on kato (or --on name) --columns "
            "total --map total=pop_registered.", problem=problem)
    raise LayerSchemaError(msg, [msg])


def locate_points(grid: gpd.GeoDataFrame | None,
                  units: gpd.GeoDataFrame) -> gpd.GeoDataFrame | None:
    """The population grid with every point's ``unit_id``; what was done is said once
    (:func:`planning.notices.say`).

    ``unit_id`` is optional in the catalogue: a point without one (or with one that names no
    unit) belongs to the unit it lies in (the first, on a shared boundary); a point in no unit
    is left out.
    """
    if grid is None or grid.empty:
        return grid
    # An id that names no unit (another numbering) is as good as none: locate the point.
    has = grid["unit_id"].astype(str).isin(units["unit_id"].astype(str)) \
        if "unit_id" in grid else pd.Series(False, index=grid.index)
    if has.all():
        return grid
    grid = grid.to_crs(WGS84)
    lost = grid[~has.to_numpy()]
    joined = gpd.sjoin(lost[["geometry"]], units[["unit_id", "geometry"]],
                       predicate="intersects", how="left")
    found = joined[~joined.index.duplicated()]["unit_id"]
    unit_id = grid["unit_id"].astype(object) if "unit_id" in grid \
        else pd.Series(None, index=grid.index, dtype=object)
    unit_id = unit_id.where(has, found.reindex(grid.index))
    outside = int(unit_id.isna().sum())
    say("assess.grid_located", count=int((~has).sum()), outside=outside)
    located = grid.assign(unit_id=unit_id)
    return located[located["unit_id"].notna()]


def score(units: gpd.GeoDataFrame, points: gpd.GeoDataFrame,
          layers: Mapping[str, pd.DataFrame], norms: Norms, *, year: int, exact: bool = False,
          graphs: Mapping[str, RegionGraphs] | None = None) -> Assessment:
    """The readiness model over any demand points.

    Parameters
    ----------
    units
        ``unit_id``, ``region``, ``pop_registered``, ``pop_actual`` and polygons: districts,
        or H3 cells.
    points
        ``unit_id``, ``registered``, ``actual`` (residents per basis, summing to the units'
        totals) and point geometry.
    graphs
        Region graphs already built, by region; the others are built here.
    """
    graphs = dict(graphs or {})
    statuses = [s for s in workspace_coverage({**layers, "units": units}, norms)
                if s.topic not in OTHER_TOPICS]
    left_out = not_assessed(statuses)
    rows = _utility_rows(units, points, layers, norms, year)
    gates: dict[str, list[pd.DataFrame]] = {basis: [] for basis in BASES}
    exact_parts = []
    facility_networks = tuple(norms.facility_networks)
    facilities = layers.get("facilities")
    coverage, off_units = [], set()
    if exact:
        territory = territories(units)
        facility_unit = facility_units(facilities, units)
    for region, group in units.groupby("region", sort=False):
        if region not in graphs:
            graphs[region] = access.region_graphs(layers["roads"], group.geometry, norms)
        region_graphs = graphs[region]
        own = points[points["unit_id"].isin(group["unit_id"])].reset_index(drop=True)
        on_foot = access.walk_access(own, facilities, region_graphs.walk, norms)
        table = access.facility_provision(on_foot, norms, region=region, bases=BASES,
                                          networks=facility_networks)
        rows.append(_with_norms(table, units, norms))
        covered = table[table["basis"] == "registered"].drop_duplicates("unit_id")
        coverage.append(covered.set_index("unit_id")["road_coverage"])
        if exact:
            # Who is served by facilities that are not there is not a question to answer.
            assessed = tuple(n for n in facility_networks
                             if n not in left_out.get(str(region), set()))
            if assessed:
                exact_parts.append(access.exact_assignment(
                    on_foot, norms, region=region, bases=BASES, networks=assessed,
                    territory=territory, facility_unit=facility_unit))
        gate_norm = norms.get("transport")
        centre = region_centre(own, group, layers.get("settlements"))
        to_centre, to_work, off = access.gate_minutes(
            own, centre, _job_centres(layers, group), region_graphs.drive, gate_norm,
            max_snap_m=access.max_snap_m(norms))
        # The gate is judged on the residents the roads reach; a unit with none is unknown.
        off_units |= set(own["unit_id"]) - set(own.loc[~off, "unit_id"])
        own, to_centre, to_work = own[~off], to_centre[~off], to_work[~off]
        for basis in BASES:
            weighted = own.assign(persons=own[basis])
            gate = readiness.gate_by_unit(weighted, to_work, threshold=gate_norm.minutes,
                                          target_share=gate_norm.target_share)
            centre_gate = readiness.gate_by_unit(weighted, to_centre,
                                                 threshold=gate_norm.minutes,
                                                 target_share=gate_norm.target_share)
            gates[basis].append(gate.assign(centre_share=centre_gate["transport_share"]))
    networks = leave_out(pd.concat(rows, ignore_index=True), units, left_out)
    # Utilities' figures rest on no estimated capacity: False, not missing.
    networks["estimated"] = networks["estimated"].astype("boolean").fillna(False).astype(bool)
    networks["estimated_share"] = networks["estimated_share"].fillna(0.0)
    gate_norm = norms.get("transport")
    summaries = [readiness.summarise(networks[networks["basis"] == basis],
                                     pd.concat(gates[basis]), basis=basis,
                                     target_share=gate_norm.target_share,
                                     capacity_networks=norms.capacity_networks)
                 for basis in BASES]
    summary = pd.concat(summaries, axis=1)
    result = units.merge(summary, left_on="unit_id", right_index=True, how="left")
    result = access.mark_off_network(
        result, off_units, pd.concat(coverage) if coverage else pd.Series(dtype=float),
        bases=BASES)
    result = access.mark_estimated(result, networks, bases=BASES)
    if "spread" in points:
        result["pop_spread"] = result["unit_id"].map(
            points.groupby("unit_id")["spread"].first())
    return Assessment(networks=networks, units=gpd.GeoDataFrame(result, crs=WGS84),
                      exact=_join_exact(exact_parts), graphs=graphs, statuses=statuses)


def demand_points(units: gpd.GeoDataFrame, grid: gpd.GeoDataFrame | None, *,
                  settlements: gpd.GeoDataFrame | None = None,
                  constraints: gpd.GeoSeries | None = None) -> gpd.GeoDataFrame:
    """Population points of the units, with residents per basis matching the unit totals.

    A unit without points of the population grid has its residents spread over its populated
    footprint (:func:`geo.footprint.footprint_points`): its ``settlements`` by population,
    else its area outside ``constraints``; each point says how in ``spread`` and the
    command says it once.
    """
    if grid is None:
        grid = gpd.GeoDataFrame({"unit_id": [], "persons": []}, geometry=[], crs=WGS84)
    grid = grid[grid["unit_id"].isin(units["unit_id"])].to_crs(WGS84)
    missing = units[~units["unit_id"].isin(grid["unit_id"])]
    own = grid[["unit_id", "persons", "geometry"]].assign(spread="grid")
    extra = footprint_points(gpd.GeoSeries(missing.geometry.to_numpy(),
                                           index=missing["unit_id"].to_numpy(), crs=WGS84),
                             settlements=settlements, constraints=constraints)
    how = extra.groupby("unit_id")["spread"].first()
    for spread, count in how.value_counts().items():
        say(f"assess.spread_{spread}", units=int(count), total=len(units),
            points=int(extra["unit_id"].isin(how.index[how == spread]).sum()))
    extra = extra.rename(columns={"weight": "persons"})
    points = pd.concat([own, extra[["unit_id", "persons", "spread", "geometry"]]],
                       ignore_index=True)
    weight = points["persons"].astype(float)
    points["weight"] = weight / weight.groupby(points["unit_id"]).transform("sum")
    return with_residents(gpd.GeoDataFrame(points, geometry="geometry", crs=WGS84), units)


def with_residents(points: gpd.GeoDataFrame, units: pd.DataFrame) -> gpd.GeoDataFrame:
    """Points with ``weight`` (share of their unit) given each unit's residents per basis."""
    totals = units.set_index("unit_id")
    points = points.copy()
    for basis, column in POPULATION.items():
        points[basis] = points["weight"] * points["unit_id"].map(totals[column]).astype(float)
    return points


def _geometry(layer: gpd.GeoDataFrame | None) -> gpd.GeoSeries | None:
    return None if layer is None or layer.empty else layer.geometry


def territories(units: pd.DataFrame) -> dict[str, str]:
    """Territory of each unit for cross-boundary counts: its city, or its own district.

    City districts belong to ``<region> city``; a centre town and the rest of its district
    belong to that district (``parent_id`` of the town, the district's own ``unit_id``).
    """
    kind = units["kind"] if "kind" in units else pd.Series("", index=units.index)
    parent = units["parent_id"] if "parent_id" in units else pd.Series(None, index=units.index)
    territory = np.where(kind == "city_district", units["region"].astype(str) + " city",
                         parent.where(parent.notna() & (parent != ""), units["unit_id"]))
    return dict(zip(units["unit_id"], territory, strict=True))


def facility_units(facilities: gpd.GeoDataFrame | None, units: gpd.GeoDataFrame) -> pd.Series:
    """``unit_id`` of each facility, by ``facility_id``: its own ``unit_id`` where the layer
    gives one of the units, else the unit it stands in (the first, on a shared boundary)."""
    if facilities is None or facilities.empty:
        return pd.Series(dtype=object)
    sites = facilities.to_crs(WGS84)[["facility_id", "geometry"]]
    joined = gpd.sjoin(sites, units[["unit_id", "geometry"]], predicate="intersects", how="left")
    located = joined.drop_duplicates("facility_id").set_index("facility_id")["unit_id"]
    if "unit_id" in facilities:
        own = facilities.set_index("facility_id")["unit_id"]
        own = own[own.isin(units["unit_id"])]
        located = own.combine_first(located)
    return located


def region_centre(points: gpd.GeoDataFrame, group: gpd.GeoDataFrame,
                  settlements: gpd.GeoDataFrame | None):
    """The region's centre: its most populous ``city`` settlement, else the residents' mean."""
    if settlements is not None and "place" in settlements:
        cities = settlements[settlements["place"] == "city"].to_crs(WGS84)
        near = cities[cities.within(extent(group, 0.05))]
        if not near.empty:
            key = near["population"] if "population" in near else pd.Series(0, near.index)
            return near.geometry.loc[key.astype(float).idxmax()]
    weights = points["registered"].to_numpy(float)
    if weights.sum() <= 0:
        weights = np.ones(len(points))
    return gpd.points_from_xy([np.average(points.geometry.x, weights=weights)],
                              [np.average(points.geometry.y, weights=weights)])[0]


def _job_centres(layers: Mapping[str, pd.DataFrame], group: gpd.GeoDataFrame) -> gpd.GeoSeries:
    centres = layers.get("job_centres")
    if centres is None or centres.empty:
        return gpd.GeoSeries([], crs=WGS84)
    centres = centres.to_crs(WGS84)
    return centres.geometry[centres.within(extent(group, access.ROAD_MARGIN_DEG))]


def extent(group: gpd.GeoDataFrame, margin: float):
    """The units' bounding box widened by ``margin`` degrees (a union of 300,000 hexagons
    would take seconds; the box is what the searches need)."""
    minx, miny, maxx, maxy = group.total_bounds
    return shapely.box(minx - margin, miny - margin, maxx + margin, maxy + margin)


def _utility_rows(units: gpd.GeoDataFrame, points: gpd.GeoDataFrame,
                  layers: Mapping[str, pd.DataFrame], norms: Norms, year: int) -> list:
    needed = ("utility_zones", "utility_sources", "zone_sources")
    if all(name in layers for name in needed):
        zones = layers["utility_zones"]
        shares = utilities.unit_zone_shares(units, zones,
                                            points=points.assign(persons=points["registered"]))
        capacity = utilities.zone_capacity(layers["zone_sources"], layers["utility_sources"],
                                           year=year)
        zones = pd.DataFrame(zones.drop(columns="geometry"))
    else:
        shares = pd.DataFrame(columns=utilities.SHARE_COLUMNS)
        capacity = pd.Series(dtype=float)
        zones = pd.DataFrame(columns=["zone_id", "load"])
    rows = []
    region_of = units.set_index("unit_id")["region"]
    for network in norms.utility_networks:
        norm_of = region_of.map(lambda r, n=network: norms.get(n, r).per_resident)
        for basis, column in POPULATION.items():
            table = utilities.utility_supply(units[["unit_id", column]], shares, zones,
                                             capacity, network=network, per_resident=norm_of,
                                             population=column)
            frame = table.reset_index().assign(basis=basis, network=network)
            rows.append(_with_norms(frame, units, norms))
    return rows


def _with_norms(frame: pd.DataFrame, units: pd.DataFrame, norms: Norms) -> pd.DataFrame:
    region = frame["unit_id"].map(units.set_index("unit_id")["region"])
    keys = pd.DataFrame({"network": frame["network"].to_numpy(), "region": region.to_numpy()})
    lookup = keys.drop_duplicates().reset_index(drop=True)
    found = [norms.get(n, r) for n, r in zip(lookup["network"], lookup["region"], strict=True)]
    lookup["unit"] = [norms.get(n).unit for n in lookup["network"]]
    lookup["norm_per_resident"] = [norm.per_resident for norm in found]
    lookup["norm_source"] = [norm.per_resident_source for norm in found]
    described = keys.merge(lookup, on=["network", "region"], how="left")
    for column in ("unit", "norm_per_resident", "norm_source"):
        frame[column] = described[column].to_numpy()
    return frame


def _join_exact(parts: list[ExactProvision]) -> ExactProvision | None:
    if not parts:
        return None
    return ExactProvision(*(pd.concat([getattr(p, name) for p in parts], ignore_index=True)
                            for name in ("units", "facilities", "cross_boundary")))
