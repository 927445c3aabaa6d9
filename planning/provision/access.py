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
from planning.network.graph import RoadGraph, build_graph
from planning.network.travel import nearest, reach_pairs
from planning.norms import Norm, Norms, load_norms
from planning.provision import assignment
from planning.provision import e2sfca as provision
from planning.provision.gaps import (  # noqa: F401 (the access model's names, used as access.X)
    FACILITY_KIND,
    OFF_NETWORK,
    mark_estimated,
    mark_off_network,
    max_snap_m,
    say_snaps,
    with_capacities,
)

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
        Facilities (``facility_id``, ``kind``, ``capacity``, ``capacity_estimated``: a
        missing capacity is the norm's standard size; ``in_reach``: within the graph's reach,
        the others join no road).
    site_nodes
        Node of each facility.
    point_off
        Demand points off the network (farther than ``roads.max_snap_m`` from every road).
    """

    graph: RoadGraph
    points: gpd.GeoDataFrame
    point_nodes: np.ndarray
    sites: gpd.GeoDataFrame
    site_nodes: np.ndarray
    point_off: np.ndarray | None = None

    def of_network(self, network: str) -> tuple[gpd.GeoDataFrame, np.ndarray]:
        """The facilities of one network and their nodes."""
        own = (self.sites["kind"] == FACILITY_KIND.get(network, network)).to_numpy()
        return self.sites[own], self.site_nodes[own]

    def persons(self, basis: str) -> np.ndarray:
        """Residents of each point on the network (zero off it: not assessed, not unserved)."""
        persons = self.points[basis].to_numpy(float)
        return persons if self.point_off is None else np.where(self.point_off, 0.0, persons)


def walk_access(points: gpd.GeoDataFrame, facilities: gpd.GeoDataFrame | None,
                walk: RoadGraph, norms: Norms | None = None) -> WalkAccess:
    """Attach ``points`` and the facilities within the graph's reach to the walking graph.

    A facility is within reach when it stands inside the graph's extent widened by the
    longest walking norm and ``roads.max_snap_m``; the facilities of other regions keep their
    row (``in_reach`` false) but join no road, instead of being walked to from a thousand
    kilometres. Points and facilities farther
    than ``roads.max_snap_m`` from every road are off the network, and said so once.
    """
    norms = norms or load_norms()
    limit = max_snap_m(norms)
    sites = with_capacities(facilities, norms)
    reach = minutes_reach(norms) + limit
    minx, miny, maxx, maxy = walk.reach_box(reach)
    projected = sites.geometry.to_crs(walk.crs)
    inside = ((projected.x >= minx) & (projected.x <= maxx)
              & (projected.y >= miny) & (projected.y <= maxy)).to_numpy()
    n = len(points)
    # Sites beyond the reach keep their row (callers index the sites) but join no road.
    beyond = np.concatenate([np.zeros(n, dtype=bool), ~inside])
    attached = walk.attach(pd.concat([points.geometry, sites.geometry], ignore_index=True),
                           max_snap_m=limit, detached=beyond)
    point_off = attached.off[:n]
    say_snaps(points, attached.snap_m[:n], point_off, sites[inside],
               attached.snap_m[n:][inside], attached.off[n:][inside], limit=limit)
    return WalkAccess(graph=attached.graph, points=points,
                      point_nodes=attached.nodes[:n], sites=sites.assign(in_reach=inside),
                      site_nodes=attached.nodes[n:], point_off=point_off)


def minutes_reach(norms: Norms) -> float:
    """Metres walked in the longest walking norm of the facility networks."""
    minutes = [norms.get(n).minutes or 0.0 for n in norms.facility_networks]
    return max(minutes, default=0.0) * norms.walk_speed_kmh * 1000 / 60


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
        ``demand``, ``supply``, ``provision``, ``headroom`` (residents); ``estimated_share``
        (of the supply, from facilities whose capacity is the norm's standard size) and
        ``estimated`` (that share is above zero); ``road_coverage`` (share of the unit's
        residents within ``roads.max_snap_m`` of a road: only they are counted) and
        ``access_unknown`` (nobody is: the figures are NaN and ``networked`` is false, so
        the unit is left out of the network's minimum instead of shown a deficit).
    """
    persons = np.column_stack([access.persons(basis) for basis in bases])
    everyone = access.points[list(bases)].to_numpy(float)
    # Sums by unit in numpy (a unit in the order it first appears, as groupby(sort=False); a
    # missing value adds nothing, as in pandas): 2 x 3 small groupbys a year and region
    # were most of a forecast's time.
    code, unit_ids = pd.factorize(access.points["unit_id"].to_numpy())
    keep = code >= 0

    def by_unit(values: np.ndarray) -> np.ndarray:
        values = np.where(np.isnan(values), 0.0, values)
        return np.bincount(code[keep], values[keep], minlength=len(unit_ids))

    rows = []
    for network in networks:
        norm = norms.get(network, region)
        sites, site_nodes = access.of_network(network)
        demand = persons * norm.per_resident
        accessibility, estimated = provision.e2sfca_on_graph(
            access.graph, access.point_nodes, demand, site_nodes,
            sites["capacity"].to_numpy(float), threshold=norm.minutes,
            weights=norms.decay_weights, part=sites["capacity_estimated"].to_numpy(bool))
        for k, basis in enumerate(bases):
            total = by_unit(demand[:, k])
            supply = by_unit(accessibility[:, k] * demand[:, k])
            estimated_supply = by_unit(estimated[:, k] * demand[:, k])
            people, covered = by_unit(everyone[:, k]), by_unit(persons[:, k])
            with np.errstate(divide="ignore", invalid="ignore"):
                road = np.where(people > 0, covered / np.where(people > 0, people, 1.0), 1.0)
            # Nobody of the unit on the network: its access is unknown, not a deficit.
            unknown = (road <= 0) & (people > 0)
            total, supply, estimated_supply = (np.where(unknown, np.nan, v)
                                               for v in (total, supply, estimated_supply))
            with np.errstate(divide="ignore", invalid="ignore"):
                share = np.where(supply > 0, estimated_supply / supply, 0.0)
                rows.append(pd.DataFrame({
                    "unit_id": unit_ids, "demand": total, "supply": supply,
                    "road_coverage": road, "networked": ~unknown, "access_unknown": unknown,
                    "zone_id": None, "provision": supply / total,
                    "headroom": (supply - total) / norm.per_resident,
                    "estimated_share": share, "estimated": share > 0, "basis": basis,
                    "network": network}))
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
        ``overload`` (see :func:`planning.provision.assignment.assign`).
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
            demand = access.persons(basis) * norm.per_resident
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
            fac["capacity_estimated"] = own["capacity_estimated"].to_numpy(bool)
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
                 drive: RoadGraph, norm: Norm, *, max_snap_m: float | None = None
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Driving minutes of each point to the centre and to the nearest place of work, and
    which points are off the network.

    The nearest place of work is the centre or any job centre, whichever is nearer; both are
    ``inf`` beyond the norm's travel time. A point farther than ``max_snap_m`` from every road
    is off the network (third array): its minutes are unknown, not a closed gate.
    """
    targets = gpd.GeoSeries([centre, *job_centres.to_crs(WGS84).tolist()], crs=WGS84)
    attached = drive.attach(pd.concat([points.geometry.to_crs(WGS84), targets],
                                      ignore_index=True), max_snap_m=max_snap_m)
    point_nodes = attached.nodes[: len(points)]
    target_nodes = attached.nodes[len(points):]
    to_centre, _ = nearest(attached.graph, target_nodes[:1], limit=norm.minutes, direction="to")
    to_work, _ = nearest(attached.graph, target_nodes, limit=norm.minutes, direction="to")
    return to_centre[point_nodes], to_work[point_nodes], attached.off[: len(points)]


