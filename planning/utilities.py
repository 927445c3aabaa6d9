"""Utility headroom by service zone (heat, water, wastewater, or any network given as data).

A zone's capacity (its sources in service in the base year) is split among its units in
proportion to their demand. Where the zone's load is measured, the units' demands are scaled
so that they sum to it; S - D is then the unit's share of capacity minus load. A unit in no
zone of a network is "not networked": flagged, with no supply and no headroom, and left out
of that network's minimum.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd


def zone_capacity(zone_sources: pd.DataFrame, sources: pd.DataFrame, *,
                  year: int) -> pd.Series:
    """Capacity of each zone from its sources in service in ``year``, by ``zone_id``."""
    in_service = sources[sources["commissioned"].isna()
                         | (pd.to_numeric(sources["commissioned"]) <= year)]
    linked = zone_sources.merge(in_service[["source_id", "capacity"]], on="source_id")
    return linked.groupby("zone_id")["capacity"].sum()


def zone_membership(units: gpd.GeoDataFrame, zones: gpd.GeoDataFrame) -> pd.DataFrame:
    """Which zone of each network serves each unit (the zone holding its inner point)."""
    inner = gpd.GeoDataFrame({"unit_id": units["unit_id"].to_numpy()},
                             geometry=units.geometry.representative_point().to_numpy(),
                             crs=units.crs)
    joined = gpd.sjoin(inner, zones[["zone_id", "network", "geometry"]].to_crs(units.crs),
                       predicate="within")
    return joined[["unit_id", "zone_id", "network"]].drop_duplicates(["unit_id", "network"])


def utility_supply(units: pd.DataFrame, membership: pd.DataFrame, zones: pd.DataFrame,
                   capacity: pd.Series, *, network: str, per_resident: pd.Series,
                   population: str) -> pd.DataFrame:
    """Demand, supply and headroom of one utility network for every unit.

    Parameters
    ----------
    units
        ``unit_id`` and the ``population`` column.
    membership
        From :func:`zone_membership`.
    zones
        ``zone_id`` and ``load`` (NaN where not measured).
    capacity
        From :func:`zone_capacity`.
    network
        The network to compute.
    per_resident
        The norm of each unit (by ``unit_id``), in the network's unit per resident.
    population
        ``pop_registered`` or ``pop_actual``.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``unit_id``: ``networked``, ``zone_id``, ``demand``, ``supply``,
        ``provision`` and ``headroom`` (residents; negative is a deficit).
    """
    own = membership[membership["network"] == network].set_index("unit_id")["zone_id"]
    frame = units.set_index("unit_id")[[population]].copy()
    frame["zone_id"] = own.reindex(frame.index)
    frame["networked"] = frame["zone_id"].notna()
    frame["norm"] = per_resident.reindex(frame.index).to_numpy(float)
    raw = frame[population] * frame["norm"]
    zone_demand = raw.groupby(frame["zone_id"]).transform("sum")
    load = frame["zone_id"].map(zones.set_index("zone_id")["load"]).astype(float)
    share = raw / zone_demand
    frame["demand"] = np.where(load.notna(), share * load, raw)
    frame["supply"] = share * frame["zone_id"].map(capacity).astype(float)
    frame.loc[~frame["networked"], ["demand", "supply"]] = np.nan
    frame["provision"] = frame["supply"] / frame["demand"]
    frame["headroom"] = (frame["supply"] - frame["demand"]) / frame["norm"]
    return frame[["networked", "zone_id", "demand", "supply", "provision", "headroom"]]
