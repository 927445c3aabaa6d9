"""Access on the road network: social-facility provision and the transport gate.

For one region and a set of demand points (population points of units, or H3 cells), each
with a ``unit_id`` and residents per population basis:

* :func:`facility_provision` shares every school, kindergarten and polyclinic among the demand
  that reaches it on foot within the norm, by E2SFCA on the walking graph;
* :func:`exact_assignment` assigns residents to facilities by linear programming (HiGHS): who
  is served, who is not, which facility is overloaded, and how much demand crosses a boundary;
* :func:`gate_minutes` gives each point's driving time to the city centre and to the nearest
  job centre, for the transport gate.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.crs import WGS84, utm_epsg
from planning import assignment, provision
from planning.network import RoadGraph, build_graph
from planning.norms import Norm, Norms
from planning.travel import nearest, reach_pairs

#: Facility kind of each social network.
FACILITY_KIND = {"schools": "school", "kindergartens": "kindergarten",
                 "polyclinics": "polyclinic"}
#: Territory of a facility that stands in no unit.
OUTSIDE = "outside the units"
#: Roads this far (degrees) beyond a region's units still carry its trips.
ROAD_MARGIN_DEG = 0.5


@dataclass(frozen=True)
class RegionGraphs:
    """The walking and driving graphs of one region, in its UTM zone."""

    walk: RoadGraph
    drive: RoadGraph


def region_graphs(roads: gpd.GeoDataFrame, area: gpd.GeoSeries, norms: Norms) -> RegionGraphs:
    """Walking and driving graphs of the roads within reach of ``area``, in the UTM zone of
    the centre of its bounds."""
    minx, miny, maxx, maxy = area.to_crs(WGS84).total_bounds
    crs = utm_epsg((minx + maxx) / 2, (miny + maxy) / 2)
    margin = ROAD_MARGIN_DEG
    near = roads.to_crs(WGS84).cx[minx - margin:maxx + margin, miny - margin:maxy + margin]
    return RegionGraphs(
        walk=build_graph(near, mode="walk", crs=crs, walk_speed_kmh=norms.walk_speed_kmh),
        drive=build_graph(near, mode="drive", crs=crs, walk_speed_kmh=norms.walk_speed_kmh))


@dataclass(frozen=True)
class WalkAccess:
    """Demand points and facilities attached to a walking graph, once for every search.

    Attributes
    ----------
    graph
        The walking graph with the points and the facilities as nodes of their own.
    points
        Demand points: ``unit_id`` and one column of residents per basis.
    point_nodes
        Node of each demand point.
    sites
        Facilities (``facility_id``, ``kind``, ``capacity``; a missing capacity is 0).
    site_nodes
        Node of each facility.
    """

    graph: RoadGraph
    points: gpd.GeoDataFrame
    point_nodes: np.ndarray
    sites: gpd.GeoDataFrame
    site_nodes: np.ndarray

    def of_network(self, network: str) -> tuple[gpd.GeoDataFrame, np.ndarray]:
        """The facilities of one network and their nodes."""
        own = (self.sites["kind"] == FACILITY_KIND.get(network, network)).to_numpy()
        return self.sites[own], self.site_nodes[own]


def walk_access(points: gpd.GeoDataFrame, facilities: gpd.GeoDataFrame | None,
                walk: RoadGraph) -> WalkAccess:
    """Attach ``points`` and ``facilities`` to the walking graph ``walk``."""
    sites = _sites(facilities)
    attached = walk.attach(pd.concat([points.geometry, sites.geometry], ignore_index=True),
                           label="demand points and facilities")
    return WalkAccess(graph=attached.graph, points=points,
                      point_nodes=attached.nodes[: len(points)], sites=sites,
                      site_nodes=attached.nodes[len(points):])


def facility_provision(access: WalkAccess, norms: Norms, *, region: str,
                       bases: tuple[str, ...], networks: tuple[str, ...]) -> pd.DataFrame:
    """Demand, E2SFCA supply and headroom of every facility network, per unit and basis.

    Parameters
    ----------
    access
        The region's demand points and facilities on its walking graph.
    bases
        The residents' columns of ``points`` (``registered``, ``actual``).
    networks
        The facility networks to compute (``schools`` ...).

    Returns
    -------
    pandas.DataFrame
        Long table: ``unit_id``, ``basis``, ``network``, ``networked``, ``zone_id``,
        ``demand``, ``supply``, ``provision``, ``headroom`` (residents).
    """
    persons = access.points[list(bases)].to_numpy(float)
    rows = []
    for network in networks:
        norm = norms.get(network, region)
        sites, site_nodes = access.of_network(network)
        demand = persons * norm.per_resident
        accessibility = provision.e2sfca_on_graph(
            access.graph, access.point_nodes, demand, site_nodes,
            sites["capacity"].to_numpy(float), threshold=norm.minutes,
            weights=norms.decay_weights)
        for k, basis in enumerate(bases):
            frame = pd.DataFrame({"unit_id": access.points["unit_id"].to_numpy(),
                                  "demand": demand[:, k],
                                  "supply": accessibility[:, k] * demand[:, k]})
            table = frame.groupby("unit_id", sort=False)[["demand", "supply"]].sum()
            table["networked"] = True
            table["zone_id"] = None
            table["provision"] = table["supply"] / table["demand"]
            table["headroom"] = (table["supply"] - table["demand"]) / norm.per_resident
            table = table.reset_index()
            table["basis"] = basis
            table["network"] = network
            rows.append(table)
    return pd.concat(rows, ignore_index=True)


@dataclass(frozen=True)
class ExactProvision:
    """The exact assignment of one region, all facility networks and bases.

    Attributes
    ----------
    units
        Per ``unit_id``, ``basis`` and ``network``: ``demand``, ``served``, ``unserved``
        (the network's unit) and ``unserved_residents``.
    facilities
        Per ``facility_id`` and ``basis``: ``capacity``, ``served``, ``nearest_demand``,
        ``overload`` (see :func:`planning.assignment.assign`).
    cross_boundary
        Per home ``territory``, ``basis`` and ``network``: served at home and elsewhere, and
        the largest outside carrier.
    """

    units: pd.DataFrame
    facilities: pd.DataFrame
    cross_boundary: pd.DataFrame


def exact_assignment(access: WalkAccess, norms: Norms, *, region: str,
                     bases: tuple[str, ...], networks: tuple[str, ...],
                     territory: Mapping[str, str], facility_unit: pd.Series) -> ExactProvision:
    """Assign residents to facilities within the norm's walking time by linear programming.

    Parameters
    ----------
    access
        The region's demand points and facilities on its walking graph.
    territory
        Territory of each ``unit_id`` (the city, or the suburb's district) for cross-boundary
        counts.
    facility_unit
        ``unit_id`` of each facility, by ``facility_id``.
    """
    points = access.points
    home = points["unit_id"].to_numpy()
    units, by_facility, crossing = [], [], []
    for network in networks:
        norm = norms.get(network, region)
        own, nodes = access.of_network(network)
        pairs = reach_pairs(access.graph, nodes, access.point_nodes, limit=norm.minutes,
                            direction="to")
        pairs = pairs.rename(columns={"origin": "facility", "target": "point"})
        for basis in bases:
            demand = points[basis].to_numpy(float) * norm.per_resident
            result = assignment.assign(pairs, demand, own["capacity"].to_numpy(float))
            by_point = result.by_point.reindex(range(len(points)))
            table = pd.DataFrame({"unit_id": home, "demand": demand,
                                  "served": by_point["served"].to_numpy()})
            table = table.groupby("unit_id", sort=False)[["demand", "served"]].sum()
            table["unserved"] = table["demand"] - table["served"]
            table["unserved_residents"] = table["unserved"] / norm.per_resident
            units.append(table.reset_index().assign(basis=basis, network=network))
            fac = result.by_facility.reindex(range(len(own)))
            fac.insert(0, "facility_id", own["facility_id"].to_numpy())
            by_facility.append(fac.assign(basis=basis, network=network))
            point_territory = pd.Series(home).map(territory).to_numpy()
            fac_territory = own["facility_id"].map(facility_unit).map(territory)
            fac_territory = fac_territory.fillna(OUTSIDE).to_numpy()
            cross = assignment.cross_boundary(result, point_territory, fac_territory)
            crossing.append(cross.reset_index().assign(basis=basis, network=network))
    return ExactProvision(units=pd.concat(units, ignore_index=True),
                          facilities=pd.concat(by_facility, ignore_index=True),
                          cross_boundary=pd.concat(crossing, ignore_index=True))


def gate_minutes(points: gpd.GeoDataFrame, centre, job_centres: gpd.GeoSeries,
                 drive: RoadGraph, norm: Norm) -> tuple[np.ndarray, np.ndarray]:
    """Driving minutes of each point to the centre and to the nearest place of work.

    The nearest place of work is the centre or any job centre, whichever is nearer; both are
    ``inf`` beyond the norm's travel time.
    """
    targets = gpd.GeoSeries([centre, *job_centres.to_crs(WGS84).tolist()], crs=WGS84)
    attached = drive.attach(pd.concat([points.geometry.to_crs(WGS84), targets],
                                      ignore_index=True), label="residents and job centres")
    point_nodes = attached.nodes[: len(points)]
    target_nodes = attached.nodes[len(points):]
    to_centre, _ = nearest(attached.graph, target_nodes[:1], limit=norm.minutes, direction="to")
    to_work, _ = nearest(attached.graph, target_nodes, limit=norm.minutes, direction="to")
    return to_centre[point_nodes], to_work[point_nodes]


def _sites(facilities: gpd.GeoDataFrame | None) -> gpd.GeoDataFrame:
    if facilities is None or facilities.empty:
        return gpd.GeoDataFrame({"facility_id": [], "kind": [], "capacity": []},
                                geometry=gpd.GeoSeries([], crs=WGS84), crs=WGS84)
    sites = facilities.to_crs(WGS84).reset_index(drop=True)
    return sites.assign(capacity=pd.to_numeric(sites["capacity"], errors="coerce").fillna(0.0))
