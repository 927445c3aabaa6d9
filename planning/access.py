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
from geo.errors import NormError
from geo.i18n import TEXTS
from planning import assignment, provision
from planning.network import LARGE_SNAP_M, RoadGraph, build_graph
from planning.norms import Norm, Norms, load_norms
from planning.notices import Key, say
from planning.travel import nearest, reach_pairs

#: Facility kind of each social network.
FACILITY_KIND = {"schools": "school", "kindergartens": "kindergarten",
                 "polyclinics": "polyclinic"}
#: Territory of a facility that stands in no unit.
OUTSIDE = "outside the units"
#: Roads this far (degrees) beyond a region's units still carry its trips.
ROAD_MARGIN_DEG = 0.5
#: Bottleneck of a unit whose residents the roads do not reach: its access is unknown.
OFF_NETWORK = "off_network"


def max_snap_m(norms: Norms) -> float:
    """Metres beyond which a point is off the road network (norms ``roads.max_snap_m``; a
    norms file without it takes the shipped default)."""
    try:
        return norms.figure("roads", "max_snap_m").value
    except NormError:
        return load_norms().figure("roads", "max_snap_m").value


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
    _say_snaps(points, attached.snap_m[:n], point_off, sites[inside],
               attached.snap_m[n:][inside], attached.off[n:][inside], limit=limit)
    return WalkAccess(graph=attached.graph, points=points,
                      point_nodes=attached.nodes[:n], sites=sites.assign(in_reach=inside),
                      site_nodes=attached.nodes[n:], point_off=point_off)


def minutes_reach(norms: Norms) -> float:
    """Metres walked in the longest walking norm of the facility networks."""
    minutes = [norms.get(n).minutes or 0.0 for n in norms.facility_networks]
    return max(minutes, default=0.0) * norms.walk_speed_kmh * 1000 / 60


def _say_snaps(points: gpd.GeoDataFrame, point_m: np.ndarray, point_off: np.ndarray,
               sites: gpd.GeoDataFrame, site_m: np.ndarray, site_off: np.ndarray, *,
               limit: float) -> None:
    """Say once what lies far from the roads and what lies off them."""
    if point_off.any():
        persons = points["registered"].to_numpy(float) if "registered" in points \
            else np.ones(len(points))
        off_share = pd.Series(persons * point_off).groupby(points["unit_id"].to_numpy()).sum()
        total = pd.Series(persons).groupby(points["unit_id"].to_numpy()).sum()
        share = (off_share / total.where(total > 0)).fillna(1.0)
        worst = float(point_m[point_off].max()) / 1000
        whole, part = share >= 1, (share > 0) & (share < 1)
        if whole.any():
            say("access.off_network_units", units=int(whole.sum()), limit=limit, worst=worst,
                persons=float(off_share[whole].sum()))
        if part.any():
            say("access.off_network_part", units=int(part.sum()), limit=limit, worst=worst,
                persons=float(off_share[part].sum()))
    if site_off.any():
        say("access.off_network_sites", count=int(site_off.sum()), total=len(site_off),
            limit=limit, worst=float(site_m[site_off].max()) / 1000)
    far = (np.concatenate([point_m, site_m]) > LARGE_SNAP_M) & \
        ~np.concatenate([point_off, site_off])
    if far.any():
        say("graph.far_snap", count=int(far.sum()), total=len(far), limit=LARGE_SNAP_M,
            worst=float(np.concatenate([point_m, site_m])[far].max()), off=limit)


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
    units = access.points["unit_id"].to_numpy()
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
            frame = pd.DataFrame({"unit_id": units, "demand": demand[:, k],
                                  "supply": accessibility[:, k] * demand[:, k],
                                  "estimated_supply": estimated[:, k] * demand[:, k],
                                  "everyone": everyone[:, k], "covered": persons[:, k]})
            table = frame.groupby("unit_id", sort=False)[
                ["demand", "supply", "estimated_supply", "everyone", "covered"]].sum()
            table["road_coverage"] = (table["covered"] / table["everyone"].where(
                table["everyone"] > 0)).fillna(1.0)
            # Nobody of the unit on the network: its access is unknown, not a deficit.
            unknown = (table["road_coverage"] <= 0) & (table["everyone"] > 0)
            table["networked"] = ~unknown
            table["access_unknown"] = unknown
            table["zone_id"] = None
            table.loc[unknown, ["demand", "supply", "estimated_supply"]] = np.nan
            table["provision"] = table["supply"] / table["demand"]
            table["headroom"] = (table["supply"] - table["demand"]) / norm.per_resident
            share = table["estimated_supply"] / table["supply"].where(table["supply"] > 0)
            table["estimated_share"] = share.fillna(0.0)
            table["estimated"] = table["estimated_share"] > 0
            table = table.drop(columns=["estimated_supply", "everyone", "covered"])
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


def mark_off_network(units: pd.DataFrame, off_units: set, coverage: pd.Series, *,
                     bases: tuple[str, ...]) -> pd.DataFrame:
    """Units none of whose residents the roads reach: access unknown, not a closed gate.

    Their transport share, readiness and what they can take become unknown (NaN) and their
    bottleneck :data:`OFF_NETWORK`; every unit gets ``road_coverage``, the share of its
    residents within ``roads.max_snap_m`` of a walkable road.

    Examples
    --------
    >>> u = pd.DataFrame({"unit_id": ["a", "b"], "transport_share_actual": [0.0, 0.9],
    ...                   "gate_open_actual": [False, True], "bottleneck_actual":
    ...                   ["transport", "schools"], "readiness_actual": [-50.0, 10.0],
    ...                   "can_take_actual": [0.0, 10.0]})
    >>> out = mark_off_network(u, {"a"}, pd.Series({"a": 0.0, "b": 1.0}), bases=("actual",))
    >>> out["bottleneck_actual"].tolist(), out["readiness_actual"].tolist()
    (['off_network', 'schools'], [nan, 10.0])
    """
    units = units.copy()
    units["road_coverage"] = units["unit_id"].map(coverage).astype(float).fillna(1.0)
    off = units["unit_id"].isin(off_units).to_numpy()
    if not off.any():
        return units
    say("access.off_network_gate", units=int(off.sum()), total=len(units))
    for basis in bases:
        for column in (f"transport_share_{basis}", f"centre_share_{basis}",
                       f"readiness_{basis}", f"can_take_{basis}", f"index_{basis}"):
            if column in units:
                units[column] = units[column].astype(float).where(~off)
        units[f"bottleneck_{basis}"] = np.where(off, OFF_NETWORK, units[f"bottleneck_{basis}"])
    return units


def with_capacities(facilities: gpd.GeoDataFrame | None, norms: Norms) -> gpd.GeoDataFrame:
    """Facilities with a capacity for every one: a missing capacity is estimated.

    Unknown is not zero: a facility without capacity counts at its network's standard size
    (the norms' ``facility_size``, the size ``qonys propose`` builds), marked
    ``capacity_estimated``, and the estimate is said once per network.
    """
    if facilities is None or facilities.empty:
        return gpd.GeoDataFrame({"facility_id": [], "kind": [], "capacity": [],
                                 "capacity_estimated": np.zeros(0, dtype=bool)},
                                geometry=gpd.GeoSeries([], crs=WGS84), crs=WGS84)
    sites = facilities.to_crs(WGS84).reset_index(drop=True)
    given = sites["capacity"] if "capacity" in sites else pd.Series(np.nan, index=sites.index)
    capacity = pd.to_numeric(given, errors="coerce")
    missing = capacity.isna().to_numpy()
    kinds = sites["kind"].astype(str).to_numpy() if "kind" in sites else \
        np.full(len(sites), "")
    for network in norms.facility_networks:
        own = kinds == FACILITY_KIND.get(network, network)
        unknown = own & missing
        if not unknown.any():
            continue
        try:
            size = norms.figure("facility_size", network)
        except NormError:
            say("access.capacity_unknown", once=f"capacity.{network}",
                network=_label(norms, network), count=int(unknown.sum()), total=int(own.sum()))
            continue
        capacity[unknown] = size.value
        say("access.capacity_estimated", once=f"capacity.{network}",
            network=_label(norms, network), count=int(unknown.sum()), total=int(own.sum()),
            size=size.value, unit=_unit(norms.get(network).unit),
            figure=f"facility_size.{network}")
    estimated = missing & capacity.notna().to_numpy()
    return sites.assign(capacity=capacity.fillna(0.0), capacity_estimated=estimated)


def _label(norms: Norms, network: str):
    """The network's name, in the language each notice is rendered in where qonys has it."""
    key = f"network.{network}"
    return Key(key) if key in TEXTS and not (norms.names or {}).get(network) \
        else norms.label(network)


def _unit(unit: str | None):
    key = f"plan.unit.{unit}"
    return Key(key) if key in TEXTS else (unit or "")
