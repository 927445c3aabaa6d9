"""What the access model cannot know, said and marked rather than filled with a zero.

* :func:`with_capacities`: a facility without capacity counts at its network's standard size
  (the norms' ``facility_size``), marked ``capacity_estimated``;
* :func:`max_snap_m`: beyond this distance from every road a point is off the network;
* :func:`mark_off_network` and :func:`mark_estimated`: the units whose access is unknown, and
  the figures that rest on estimated capacities;
* every finding is said once per command through :mod:`planning.notices`.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.crs import WGS84
from geo.errors import NormError
from layers.vocabulary import NETWORK_MESSAGES
from planning.network.graph import LARGE_SNAP_M
from planning.norms import Norms, load_norms
from planning.notices import Key, say
from planning.vocabulary import PLAN_UNIT_MESSAGES

#: Facility kind of each social network.
FACILITY_KIND = {"schools": "school", "kindergartens": "kindergarten",
                 "polyclinics": "polyclinic"}
#: Bottleneck of a unit whose residents the roads do not reach: its access is unknown.
OFF_NETWORK = "off_network"


def max_snap_m(norms: Norms) -> float:
    """Metres beyond which a point is off the road network (norms ``roads.max_snap_m``; a
    norms file without it takes the shipped default)."""
    try:
        return norms.figure("roads", "max_snap_m").value
    except NormError:
        return load_norms().figure("roads", "max_snap_m").value


def say_snaps(points: gpd.GeoDataFrame, point_m: np.ndarray, point_off: np.ndarray,
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


def mark_estimated(units: pd.DataFrame, networks: pd.DataFrame, *,
                   bases: tuple[str, ...]) -> pd.DataFrame:
    """Say on each unit which of its figures rest on estimated capacities.

    ``estimated_networks`` lists the networks whose supply to the unit is partly estimated
    (either basis); ``readiness_estimated_<basis>`` is true where the unit's bottleneck is one
    of them, so that the readiness figure itself is an estimate.

    Examples
    --------
    >>> nets = pd.DataFrame({"unit_id": ["a", "a", "b"], "basis": "actual",
    ...                      "network": ["schools", "heat", "schools"],
    ...                      "estimated": [True, False, False]})
    >>> u = pd.DataFrame({"unit_id": ["a", "b"], "bottleneck_actual": ["schools", "schools"]})
    >>> out = mark_estimated(u, nets, bases=("actual",))
    >>> out["estimated_networks"].tolist(), out["readiness_estimated_actual"].tolist()
    (['schools', ''], [True, False])
    """
    units = units.copy()
    flagged = networks[networks["estimated"].astype(bool)]
    listed = flagged.groupby("unit_id")["network"].agg(lambda n: ", ".join(sorted(set(n))))
    units["estimated_networks"] = [listed.get(unit, "") for unit in units["unit_id"]]
    for basis in bases:
        own = flagged[flagged["basis"] == basis]
        pairs = set(zip(own["unit_id"], own["network"], strict=True))
        units[f"readiness_estimated_{basis}"] = [
            (unit, bottleneck) in pairs
            for unit, bottleneck in zip(units["unit_id"], units[f"bottleneck_{basis}"],
                                        strict=True)]
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
    key = NETWORK_MESSAGES.get(network)
    return Key(key) if key is not None and not (norms.names or {}).get(network) \
        else norms.label(network)


def _unit(unit: str | None):
    key = PLAN_UNIT_MESSAGES.get(unit)
    return Key(key) if key is not None else (unit or "")
