"""Readiness: how many more residents each unit can take, and what limits it.

For every unit and capacity network (heat, water, wastewater, schools, kindergartens,
polyclinics) headroom is (S - D) / norm, in residents. A unit can take the minimum headroom
over the networks it is on, if its transport gate is open; the network of that minimum (or
the closed gate) is its bottleneck. Networks a unit is not on (autonomous heating, wells,
septic tanks) are flagged and left out of the minimum, never counted as zero.

Columns of the unit summary, for each population basis ``b`` (``registered``, ``actual``):

``headroom_<network>_b``
    Headroom of one capacity network, residents (NaN: not networked).
``headroom_min_b``
    The minimum of those.
``transport_share_b``, ``gate_open_b``
    Share of residents within the gate's travel time of a place of work (the city centre or
    a job centre, whichever is nearer), and whether it meets the target share.
``centre_share_b``
    Share of residents within the gate's travel time of the city centre itself (shown beside
    the gate; the gate does not use it).
``bottleneck_b``
    ``transport`` when the gate is closed, else the network of the minimum headroom
    (``none`` where the unit is on no capacity network). Where several networks share the
    minimum, none is picked at random: ``no_facility`` when all of them have no supply at all
    (no school, kindergarten or polyclinic within a walk), else their names joined by ``+``.
    ``not_assessed`` where no capacity network could be assessed at all (no data).
``bottleneck_networks_b``
    The networks that share the minimum, joined by ``+`` (one name where one sets it).
``readiness_b``
    Residents the unit can take: ``headroom_min_b`` when the gate is open; when it is closed,
    no more than zero (a deficit stays visible).
``can_take_b``
    ``max(0, readiness_b)``.
``index_b``
    Composite index for ranking only, 0-100: ``100 * min(1, lowest provision) *
    min(1, transport share / target)``. It sits beside the readiness figure, never instead.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from planning.norms import CAPACITY_NETWORKS

BASES = ("registered", "actual")


def summarise(networks: pd.DataFrame, gate: pd.DataFrame, *, basis: str,
              target_share: float,
              capacity_networks: tuple[str, ...] = CAPACITY_NETWORKS) -> pd.DataFrame:
    """Readiness of every unit for one population basis.

    Parameters
    ----------
    networks
        Long table of one basis: ``unit_id``, ``network``, ``networked``, ``provision``,
        ``headroom`` for the capacity networks.
    gate
        Indexed by ``unit_id``: ``transport_share`` and ``gate_open``.
    basis
        ``registered`` or ``actual``: the suffix of the columns.
    target_share
        The gate's target share, for the composite index.
    capacity_networks
        The capacity networks of the norms (utilities then facilities), in column order.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``unit_id``, the columns of the module docstring.

    Examples
    --------
    Heat leaves room for 500 residents, schools for 200; the gate is open: the unit can take
    200 and schools are its bottleneck.

    >>> nets = pd.DataFrame({"unit_id": ["a", "a"], "network": ["heat", "schools"],
    ...                      "networked": [True, True], "provision": [1.5, 1.1],
    ...                      "headroom": [500.0, 200.0]})
    >>> gate = pd.DataFrame({"transport_share": [0.9], "gate_open": [True]}, index=["a"])
    >>> s = summarise(nets, gate, basis="actual", target_share=0.8)
    >>> float(s.loc["a", "readiness_actual"]), s.loc["a", "bottleneck_actual"]
    (200.0, 'schools')
    """
    capacity_networks = tuple(capacity_networks)
    on = networks[networks["networked"].astype(bool) & networks["network"].isin(capacity_networks)]
    headroom = networks.pivot(index="unit_id", columns="network", values="headroom")
    headroom = headroom.reindex(columns=list(capacity_networks))
    lowest = on.loc[on.groupby("unit_id")["headroom"].idxmin()].set_index("unit_id")
    tied, bottleneck = _ties(on, lowest["headroom"], capacity_networks)
    units = gate.index.union(headroom.index)
    out = pd.DataFrame(index=units)
    for network in capacity_networks:
        out[f"headroom_{network}_{basis}"] = headroom[network].reindex(units)
    out[f"headroom_min_{basis}"] = lowest["headroom"].reindex(units)
    share = gate["transport_share"].reindex(units)
    gate_open = gate["gate_open"].reindex(units).fillna(False).astype(bool)
    out[f"transport_share_{basis}"] = share
    if "centre_share" in gate:
        out[f"centre_share_{basis}"] = gate["centre_share"].reindex(units)
    out[f"gate_open_{basis}"] = gate_open
    bottleneck = bottleneck.reindex(units).fillna("none")
    if "assessed" in networks:  # on no network because none could be assessed: not "none"
        seen = networks[networks["network"].isin(capacity_networks)]
        assessed = seen["assessed"].astype(bool).groupby(seen["unit_id"]).any()
        bottleneck = bottleneck.where(assessed.reindex(units).fillna(True).astype(bool),
                                      NOT_ASSESSED)
    out[f"bottleneck_{basis}"] = np.where(gate_open, bottleneck, "transport")
    out[f"bottleneck_networks_{basis}"] = tied.reindex(units).fillna("")
    least = out[f"headroom_min_{basis}"]
    readiness = np.where(gate_open, least, np.minimum(least.fillna(0.0), 0.0))
    out[f"readiness_{basis}"] = readiness
    out[f"can_take_{basis}"] = np.maximum(out[f"readiness_{basis}"].fillna(0.0), 0.0)
    min_provision = on.groupby("unit_id")["provision"].min().reindex(units)
    out[f"index_{basis}"] = (100 * min_provision.fillna(1.0).clip(upper=1.0)
                             * (share / target_share).fillna(0.0).clip(upper=1.0))
    return out


#: Headrooms closer than this (residents) to a unit's minimum share it.
TIE_RESIDENTS = 1e-6
NO_FACILITY = "no_facility"
NOT_ASSESSED = "not_assessed"


def _ties(on: pd.DataFrame, least: pd.Series,
          order: tuple[str, ...]) -> tuple[pd.Series, pd.Series]:
    """Per unit, the networks sharing its minimum headroom (joined by ``+``, in the norms'
    order) and the bottleneck they make: the one network, ``no_facility`` where all of them
    have no supply, else the joined names.

    A cell with no school, kindergarten or polyclinic within a walk has headroom -residents on
    all three: naming one of them would be a coin toss.
    """
    if on.empty:
        empty = pd.Series(dtype=object)
        return empty, empty
    minimum = on["unit_id"].map(least).to_numpy(float)
    close = on[on["headroom"].to_numpy(float) <= minimum + TIE_RESIDENTS
               * np.maximum(1.0, np.abs(minimum))]
    rank = {network: i for i, network in enumerate(order)}
    close = close.assign(rank=close["network"].map(rank).fillna(len(rank))).sort_values(
        ["unit_id", "rank"], kind="stable")
    names = close.groupby("unit_id", sort=False)["network"].agg("+".join)
    count = close.groupby("unit_id", sort=False).size()
    if "supply" in close:
        nothing = (close["supply"].fillna(np.inf) <= 0).groupby(close["unit_id"],
                                                                  sort=False).all()
    else:
        nothing = pd.Series(False, index=count.index)
    bottleneck = names.where(count == 1, np.where(nothing.reindex(count.index), NO_FACILITY,
                                                  names))
    return names, bottleneck


def label(bottleneck: object, norms, lang: str | None = None) -> object:
    """A bottleneck's name in ``lang``: a network's, several joined by `` + ``, or the text of
    ``none``, ``transport`` and ``no_facility``; a missing value stays missing."""
    if not isinstance(bottleneck, str):
        return bottleneck
    return " + ".join(norms.label(part, lang=lang) for part in bottleneck.split("+"))


def gate_by_unit(points: pd.DataFrame, minutes_to_centre: np.ndarray, *, threshold: float,
                 target_share: float) -> pd.DataFrame:
    """The transport gate of every unit from its population points.

    Parameters
    ----------
    points
        ``unit_id`` and ``persons`` of each population point.
    minutes_to_centre
        Travel time of each point to its city centre (``inf`` if unreachable).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``unit_id``: ``transport_share`` and ``gate_open``. A unit whose points hold
        no residents gets the share of its points within reach.

    Examples
    --------
    >>> pts = pd.DataFrame({"unit_id": ["a", "a", "b"], "persons": [900.0, 100.0, 50.0]})
    >>> gate_by_unit(pts, np.array([30.0, 90.0, 70.0]), threshold=60, target_share=0.8)
       transport_share  gate_open
    a              0.9       True
    b              0.0      False
    """
    within = np.asarray(minutes_to_centre) <= threshold
    persons = points["persons"].to_numpy(float)
    frame = pd.DataFrame({"unit_id": points["unit_id"].to_numpy(), "within": persons * within,
                          "persons": persons, "points_within": within.astype(float),
                          "points": 1.0})
    sums = frame.groupby("unit_id", sort=False)[["within", "persons", "points_within",
                                                  "points"]].sum()
    # A unit with no residents (an H3 cell holding only a school) is judged by its place.
    share = (sums["within"] / sums["persons"]).where(
        sums["persons"] > 0, sums["points_within"] / sums["points"])
    result = pd.DataFrame({"transport_share": share, "gate_open": share >= target_share})
    result.index.name = None
    return result
