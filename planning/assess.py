"""Assess readiness of every unit from the layers of a workspace.

:func:`assess` runs the whole readiness model of DESIGN.md on the layers it is handed:
utilities by zone, social facilities by E2SFCA on the walking network, the transport gate on
the driving network, for the registered and for the actual population.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.crs import WGS84, utm_epsg
from planning import provision, readiness, utilities
from planning.network import RoadGraph, build_graph
from planning.norms import CAPACITY_NETWORKS, Norm, Norms

#: Facility kind of each social network.
FACILITY_KIND = {"schools": "school", "kindergartens": "kindergarten",
                 "polyclinics": "polyclinic"}
UTILITY_NETWORKS = ("heat", "water", "wastewater")
POPULATION = {"registered": "pop_registered", "actual": "pop_actual"}


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
    """

    networks: pd.DataFrame
    units: gpd.GeoDataFrame


def assess(layers: Mapping[str, pd.DataFrame], norms: Norms, *, year: int) -> Assessment:
    """Readiness of every unit for both population bases.

    Parameters
    ----------
    layers
        At least ``units`` (with ``pop_registered``; ``pop_actual`` defaults to it) and
        ``roads``; optionally ``population_grid``, ``facilities``, ``utility_zones``,
        ``utility_sources``, ``zone_sources`` and ``settlements`` (a ``place == "city"`` point
        is a region's centre). A missing utility layer means no unit is on that network.
    norms
        From :func:`planning.norms.load_norms`.
    year
        Base year: sources commissioned later are not counted.
    """
    units = layers["units"].to_crs(WGS84)
    units = units.assign(pop_actual=units.get("pop_actual", units["pop_registered"]))
    if "region" not in units:
        units = units.assign(region="default")
    rows, summaries = [], []
    membership, capacity, zones = _utility_inputs(units, layers, year)
    region_of = units.set_index("unit_id")["region"]
    for network in UTILITY_NETWORKS:
        norm_of = region_of.map(lambda r, n=network: norms.get(n, r).per_resident)
        for basis, column in POPULATION.items():
            table = utilities.utility_supply(units[["unit_id", "region", column]], membership,
                                             zones, capacity, network=network,
                                             per_resident=norm_of, population=column)
            rows.append(_long(table, basis, network, units, norms))
    gates = {basis: [] for basis in POPULATION}
    for region, group in units.groupby("region", sort=False):
        region_rows, region_gates = _region_networks(group, layers, norms, region)
        rows += region_rows
        for basis, gate in region_gates.items():
            gates[basis].append(gate)
    networks = pd.concat(rows, ignore_index=True)
    gate_norm = norms.get("transport")
    for basis in POPULATION:
        summaries.append(readiness.summarise(
            networks[networks["basis"] == basis], pd.concat(gates[basis]), basis=basis,
            target_share=gate_norm.target_share))
    summary = pd.concat(summaries, axis=1)
    result = units.merge(summary, left_on="unit_id", right_index=True, how="left")
    return Assessment(networks=networks, units=gpd.GeoDataFrame(result, crs=WGS84))


def _long(table: pd.DataFrame, basis: str, network: str, units: pd.DataFrame,
          norms: Norms) -> pd.DataFrame:
    region = units.set_index("unit_id")["region"].reindex(table.index)
    frame = table.reset_index()
    frame["basis"] = basis
    frame["network"] = network
    frame["unit"] = norms.get(network).unit
    frame["norm_per_resident"] = [norms.get(network, r).per_resident for r in region]
    frame["norm_source"] = [norms.get(network, r).per_resident_source for r in region]
    return frame


def _utility_inputs(units: gpd.GeoDataFrame, layers: Mapping[str, pd.DataFrame], year: int):
    needed = ("utility_zones", "utility_sources", "zone_sources")
    if not all(name in layers for name in needed):
        empty = pd.DataFrame(columns=["unit_id", "zone_id", "network"])
        return empty, pd.Series(dtype=float), pd.DataFrame(columns=["zone_id", "load"])
    zones = layers["utility_zones"]
    membership = utilities.zone_membership(units, zones)
    capacity = utilities.zone_capacity(layers["zone_sources"], layers["utility_sources"],
                                       year=year)
    zones = pd.DataFrame(zones.drop(columns="geometry"))
    if "load" not in zones:
        zones["load"] = np.nan
    return membership, capacity, zones


def _demand_points(units: gpd.GeoDataFrame, layers: Mapping[str, pd.DataFrame]):
    """Population points of the units, with persons for each basis matching the unit totals.

    A unit without points gets one at its inner point holding all its residents.
    """
    grid = layers.get("population_grid")
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


def _region_networks(group: gpd.GeoDataFrame, layers: Mapping[str, pd.DataFrame], norms: Norms,
                     region: str):
    centroid = group.geometry.union_all().centroid
    crs = utm_epsg(centroid.x, centroid.y)
    roads = _roads_near(layers["roads"], group)
    walk = build_graph(roads, mode="walk", crs=crs, walk_speed_kmh=norms.walk_speed_kmh)
    drive = build_graph(roads, mode="drive", crs=crs, walk_speed_kmh=norms.walk_speed_kmh)
    points = _demand_points(group, layers)
    rows = []
    for network in CAPACITY_NETWORKS[3:]:
        norm = norms.get(network, region)
        # Travel times do not depend on the population basis: one search serves both.
        minutes, capacity = _reach(points, layers.get("facilities"), walk, norm)
        for basis in POPULATION:
            table = _facility_table(points.assign(persons=points[basis]), minutes, capacity,
                                    norm=norm, weights=norms.decay_weights)
            rows.append(_long(table, basis, network, group, norms))
    gate_norm = norms.get("transport")
    minutes = _minutes_to_centre(points, group, layers.get("settlements"), drive)
    gates = {basis: readiness.gate_by_unit(points.assign(persons=points[basis]), minutes,
                                           threshold=gate_norm.minutes,
                                           target_share=gate_norm.target_share)
             for basis in POPULATION}
    return rows, gates


def _roads_near(roads: gpd.GeoDataFrame, group: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    minx, miny, maxx, maxy = group.total_bounds
    margin = 0.5  # degrees: roads just outside the units still carry their trips
    return roads.to_crs(WGS84).cx[minx - margin:maxx + margin, miny - margin:maxy + margin]


def _reach(points: gpd.GeoDataFrame, facilities: gpd.GeoDataFrame | None, walk: RoadGraph,
           norm: Norm) -> tuple[np.ndarray, np.ndarray]:
    """Facilities x points walking minutes within the norm's reach, and the capacities."""
    if facilities is None:
        return np.full((0, len(points)), np.inf), np.zeros(0)
    sites = facilities[facilities["kind"] == FACILITY_KIND[norm.network]]
    if sites.empty:
        return np.full((0, len(points)), np.inf), np.zeros(0)
    minutes = _walk_minutes(walk, points, sites.to_crs(WGS84), limit=norm.minutes)
    return minutes, sites["capacity"].to_numpy(float)


def _facility_table(points: gpd.GeoDataFrame, minutes: np.ndarray, capacity: np.ndarray, *,
                    norm: Norm, weights: tuple[float, float, float]) -> pd.DataFrame:
    table = provision.facility_supply(points, minutes, capacity, per_resident=norm.per_resident,
                                      threshold=norm.minutes, weights=weights)
    table["networked"] = True
    table["zone_id"] = None
    table["provision"] = table["supply"] / table["demand"]
    table["headroom"] = (table["supply"] - table["demand"]) / norm.per_resident
    return table


def _walk_minutes(walk: RoadGraph, points: gpd.GeoDataFrame, sites: gpd.GeoDataFrame, *,
                  limit: float) -> np.ndarray:
    """Facilities x points walking minutes, snap distances walked at both ends."""
    point_node, point_snap = walk.snap(points.geometry)
    site_node, site_snap = walk.snap(sites.geometry)
    unique, inverse = np.unique(point_node, return_inverse=True)
    times = walk.times_from(unique, limit=limit)[inverse][:, site_node]
    times = times + walk.walk_minutes(point_snap)[:, None] + walk.walk_minutes(site_snap)[None, :]
    return times.T


def _minutes_to_centre(points: gpd.GeoDataFrame, group: gpd.GeoDataFrame,
                       settlements: gpd.GeoDataFrame | None, drive: RoadGraph) -> np.ndarray:
    centre = _centre(points, group, settlements)
    centre_node, centre_snap = drive.snap(gpd.GeoSeries([centre], crs=WGS84))
    point_node, point_snap = drive.snap(points.geometry)
    # Residents travel to the centre: on the reversed graph one search gives every trip.
    times = _times_to(drive, int(centre_node[0]))
    return times[point_node] + drive.walk_minutes(point_snap) + drive.walk_minutes(centre_snap)[0]


def _times_to(graph: RoadGraph, node: int) -> np.ndarray:
    reverse = RoadGraph(graph.matrix.T.tocsr(), graph.xy, graph.crs, graph.walk_speed_kmh)
    return reverse.times_from([node])[0]


def _centre(points: gpd.GeoDataFrame, group: gpd.GeoDataFrame,
            settlements: gpd.GeoDataFrame | None):
    """The region's centre: its most populous ``city`` settlement, else the residents' mean."""
    if settlements is not None and "place" in settlements:
        cities = settlements[settlements["place"] == "city"].to_crs(WGS84)
        near = cities[cities.within(group.geometry.union_all().convex_hull.buffer(0.05))]
        if not near.empty:
            key = near["population"] if "population" in near else pd.Series(0, near.index)
            return near.geometry.loc[key.astype(float).idxmax()]
    weights = points["registered"].to_numpy(float)
    return gpd.points_from_xy([np.average(points.geometry.x, weights=weights)],
                              [np.average(points.geometry.y, weights=weights)])[0]
