"""Assess readiness of every unit (or H3 cell) from the layers of a workspace.

:func:`assess` runs the whole readiness model of DESIGN.md on the layers it is handed:
utilities by zone, social facilities by E2SFCA on the walking network (and, for units, the
exact assignment by linear programming), the transport gate on the driving network, for the
registered and for the actual population. :func:`score` is the same model for any demand
points: the population points of units, or one point per H3 cell (:mod:`planning.grid`).
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
from geo.i18n import tr
from planning import access, coverage, readiness, utilities
from planning.access import ExactProvision, RegionGraphs
from planning.norms import Norms

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
        The units layer with the readiness columns of :mod:`planning.readiness` for both
        population bases.
    exact
        The exact assignment of residents to facilities (units only; ``None`` for cells).
    graphs
        Per region, what building its walking and driving graphs kept and dropped.
    statuses
        What was assessed, estimated and left out, per region and topic
        (:func:`planning.coverage.coverage`).
    notes
        What the model did that the user should be told (in the current language).
    """

    networks: pd.DataFrame
    units: gpd.GeoDataFrame
    exact: ExactProvision | None = None
    graphs: dict[str, RegionGraphs] = field(default_factory=dict)
    statuses: list = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


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
    grid, notes = locate_points(layers.get("population_grid"), units)
    points = demand_points(units, grid)
    result = score(units, points, layers, norms, year=year, exact=exact)
    result.notes[:0] = notes
    return result


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
        problem = tr("assess.pop_column_missing")
    else:
        empty = units[pd.to_numeric(units["pop_registered"], errors="coerce").isna()]
        if empty.empty:
            return
        names = empty["unit_id"].astype(str).tolist() if "unit_id" in empty else []
        listed = ", ".join(names[:5]) + (f" (+{len(names) - 5})" if len(names) > 5 else "")
        problem = tr("assess.pop_column_empty", units=listed)
    msg = tr("assess.no_population", problem=problem)
    raise LayerSchemaError(msg, [msg])


def locate_points(grid: gpd.GeoDataFrame | None,
                  units: gpd.GeoDataFrame) -> tuple[gpd.GeoDataFrame | None, list[str]]:
    """The population grid with every point's ``unit_id``, and what was said about it.

    ``unit_id`` is optional in the catalogue: a point without one (or with one that names no
    unit) belongs to the unit it lies in (the first, on a shared boundary); a point in no unit
    is left out.
    """
    if grid is None or grid.empty:
        return grid, []
    # An id that names no unit (another numbering) is as good as none: locate the point.
    has = grid["unit_id"].astype(str).isin(units["unit_id"].astype(str)) \
        if "unit_id" in grid else pd.Series(False, index=grid.index)
    if has.all():
        return grid, []
    grid = grid.to_crs(WGS84)
    lost = grid[~has.to_numpy()]
    joined = gpd.sjoin(lost[["geometry"]], units[["unit_id", "geometry"]],
                       predicate="intersects", how="left")
    found = joined[~joined.index.duplicated()]["unit_id"]
    unit_id = grid["unit_id"].astype(object) if "unit_id" in grid \
        else pd.Series(None, index=grid.index, dtype=object)
    unit_id = unit_id.where(has, found.reindex(grid.index))
    outside = int(unit_id.isna().sum())
    note = tr("assess.grid_located", count=int((~has).sum()), outside=outside)
    located = grid.assign(unit_id=unit_id)
    return located[located["unit_id"].notna()], [note]


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
    statuses = [s for s in coverage.coverage({**layers, "units": units}, norms)
                if s.topic not in coverage.OTHER_TOPICS]
    left_out = coverage.not_assessed(statuses)
    rows = _utility_rows(units, points, layers, norms, year)
    gates: dict[str, list[pd.DataFrame]] = {basis: [] for basis in BASES}
    exact_parts = []
    facility_networks = tuple(norms.facility_networks)
    facilities = layers.get("facilities")
    if exact:
        territory = territories(units)
        facility_unit = facility_units(facilities, units)
    for region, group in units.groupby("region", sort=False):
        if region not in graphs:
            graphs[region] = access.region_graphs(layers["roads"], group.geometry, norms)
        region_graphs = graphs[region]
        own = points[points["unit_id"].isin(group["unit_id"])].reset_index(drop=True)
        on_foot = access.walk_access(own, facilities, region_graphs.walk)
        table = access.facility_provision(on_foot, norms, region=region, bases=BASES,
                                          networks=facility_networks)
        rows.append(_with_norms(table, units, norms))
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
        to_centre, to_work = access.gate_minutes(own, centre, _job_centres(layers, group),
                                                 region_graphs.drive, gate_norm)
        for basis in BASES:
            weighted = own.assign(persons=own[basis])
            gate = readiness.gate_by_unit(weighted, to_work, threshold=gate_norm.minutes,
                                          target_share=gate_norm.target_share)
            centre_gate = readiness.gate_by_unit(weighted, to_centre,
                                                 threshold=gate_norm.minutes,
                                                 target_share=gate_norm.target_share)
            gates[basis].append(gate.assign(centre_share=centre_gate["transport_share"]))
    networks = leave_out(pd.concat(rows, ignore_index=True), units, left_out)
    gate_norm = norms.get("transport")
    summaries = [readiness.summarise(networks[networks["basis"] == basis],
                                     pd.concat(gates[basis]), basis=basis,
                                     target_share=gate_norm.target_share,
                                     capacity_networks=norms.capacity_networks)
                 for basis in BASES]
    summary = pd.concat(summaries, axis=1)
    result = units.merge(summary, left_on="unit_id", right_index=True, how="left")
    return Assessment(networks=networks, units=gpd.GeoDataFrame(result, crs=WGS84),
                      exact=_join_exact(exact_parts), graphs=graphs, statuses=statuses)


def leave_out(networks: pd.DataFrame, units: pd.DataFrame,
              left_out: Mapping[str, set[str]]) -> pd.DataFrame:
    """Mark the networks not assessed in each region (``assessed`` False): not on the network,
    supply, provision and headroom unknown (NaN), so they never count as zero in a minimum.
    Demand stays: it needs only residents and the norm."""
    region = networks["unit_id"].map(units.set_index("unit_id")["region"]).astype(str)
    out = np.zeros(len(networks), dtype=bool)
    for name, left in left_out.items():
        out |= (region == name).to_numpy() & networks["network"].isin(left).to_numpy()
    networks = networks.assign(assessed=~out)
    if out.any():
        networks.loc[out, "networked"] = False
        for column in ("supply", "provision", "headroom", "supply_residents"):
            if column in networks:
                networks.loc[out, column] = np.nan
    return networks


def demand_points(units: gpd.GeoDataFrame, grid: gpd.GeoDataFrame | None) -> gpd.GeoDataFrame:
    """Population points of the units, with residents per basis matching the unit totals.

    A unit without points gets one at its inner point holding all its residents.
    """
    if grid is None:
        grid = gpd.GeoDataFrame({"unit_id": [], "persons": []}, geometry=[], crs=WGS84)
    grid = grid[grid["unit_id"].isin(units["unit_id"])].to_crs(WGS84)
    missing = units[~units["unit_id"].isin(grid["unit_id"])]
    extra = gpd.GeoDataFrame({"unit_id": missing["unit_id"].to_numpy(), "persons": 1.0},
                             geometry=missing.geometry.representative_point().to_numpy(),
                             crs=WGS84)
    points = pd.concat([grid[["unit_id", "persons", "geometry"]], extra], ignore_index=True)
    weight = points["persons"].astype(float)
    weight = weight / weight.groupby(points["unit_id"]).transform("sum")
    totals = units.set_index("unit_id")
    for basis, column in POPULATION.items():
        points[basis] = weight * points["unit_id"].map(totals[column]).astype(float)
    return gpd.GeoDataFrame(points, geometry="geometry", crs=WGS84)


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
