"""Utility headroom by service zone, for every network of ``type: utility`` in the norms.

Heat, water, wastewater, and any network a norms file adds (gas, electricity) are computed the
same way (DESIGN.md, "The readiness model"). A zone is served by a set of connected sources
(``zone_sources``); its capacity is the sum of those in service in the base year, and its
``load`` (NaN where not measured) is at design conditions, both in the network's own unit.

This module owns three steps:

1. Which part of each unit each zone serves (:func:`zone_shares` from population points,
   :func:`area_shares` from overlap areas for units without points, :func:`unit_zone_shares`
   for both). A unit may be split between zones; the part of a unit in no zone of a network is
   "not networked" (individual boilers, wells, septic tanks).
2. The capacity of each zone in a year (:func:`zone_capacity`).
3. Demand, supply and headroom of each unit (:func:`utility_supply`): a zone's capacity is split
   among its (unit, zone) pieces by demand, the demands scaled to the zone's measured load where
   there is one, and each unit sums its pieces. A unit in no zone is flagged, its figures NaN,
   so that it is left out of that network's minimum rather than counted as zero.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.crs import KAZAKHSTAN_EQUAL_AREA
from geo.errors import CRSError
from geo.i18n import _

#: Columns of a shares table.
SHARE_COLUMNS = ["unit_id", "network", "zone_id", "share"]
#: Columns of :func:`utility_supply`'s result.
SUPPLY_COLUMNS = ["networked", "networked_share", "zone_id", "zone_ids", "demand", "supply",
                  "provision", "headroom", "demand_residents", "supply_residents"]


def zone_shares(points: gpd.GeoDataFrame, zones: gpd.GeoDataFrame) -> pd.DataFrame:
    """The share of each unit's residents inside each zone, from its population points.

    A point belongs to the zone that contains it (its boundary included). Where zones of one
    network overlap, a point in both counts for the first by ``zone_id`` order only, so that a
    unit's shares of one network never sum to more than 1. The rest of the unit is not
    networked. Where a unit's points hold nobody, each point weighs the same. A unit with no
    point gets no row: give it shares by area (:func:`area_shares`, or
    :func:`unit_zone_shares` for both at once).

    Parameters
    ----------
    points
        Population points: ``unit_id``, ``persons`` (for H3 cells, one point per cell).
    zones
        ``zone_id``, ``network`` and polygons (``utility_zones``).

    Returns
    -------
    pandas.DataFrame
        ``unit_id``, ``network``, ``zone_id``, ``share`` (0-1): the unit's persons inside the
        zone / the unit's persons. One row per unit and zone with a share above zero.

    Examples
    --------
    Unit ``u`` has 700 residents at x = 1 (in zone ``h1``) and 300 at x = 3 (in ``h2``):

    >>> pts = gpd.GeoDataFrame({"unit_id": ["u", "u"], "persons": [700.0, 300.0]},
    ...                        geometry=gpd.points_from_xy([1, 3], [1, 1]), crs=32643)
    >>> zns = gpd.GeoDataFrame({"zone_id": ["h1", "h2"], "network": "heat"},
    ...                        geometry=[shapely.box(0, 0, 2, 2), shapely.box(2, 0, 4, 2)],
    ...                        crs=32643)
    >>> zone_shares(pts, zns)
      unit_id network zone_id  share
    0       u    heat      h1    0.7
    1       u    heat      h2    0.3
    """
    _need_crs(points, "population_grid")
    _need_crs(zones, "utility_zones")
    unit_code, unit_names = pd.factorize(points["unit_id"])
    persons = points["persons"].to_numpy(float)
    total = np.bincount(unit_code, persons, len(unit_names))[unit_code]
    count = np.bincount(unit_code, minlength=len(unit_names))[unit_code]
    with np.errstate(divide="ignore", invalid="ignore"):
        # A unit of nobody (an empty H3 cell) is still on the network where its points are.
        weight = np.where(total > 0, persons / total, 1.0 / count)
    kept = np.flatnonzero(np.isfinite(weight) & (weight > 0))
    ordered = _zones_in(zones, points.crs)
    network_code, __ = pd.factorize(ordered["network"])
    tree = shapely.STRtree(ordered.geometry.to_numpy())
    found, zone = tree.query(np.asarray(points.geometry.to_numpy())[kept], predicate="intersects")
    point = kept[found]
    # Zones are in zone_id order: the first zone of a network holding a point keeps it.
    order = np.lexsort((zone, network_code[zone], point))
    point, zone = point[order], zone[order]
    first = np.ones(len(point), dtype=bool)
    first[1:] = (point[1:] != point[:-1]) | (network_code[zone[1:]] != network_code[zone[:-1]])
    point, zone = point[first], zone[first]
    key, inverse = np.unique(unit_code[point].astype(np.int64) * len(ordered) + zone,
                             return_inverse=True)
    share = np.bincount(inverse, weight[point], len(key))
    unit, zone = key // len(ordered), key % len(ordered)
    group = unit * (network_code.max(initial=0) + 1) + network_code[zone]
    return pd.DataFrame({"unit_id": np.asarray(unit_names, dtype=object)[unit],
                         "network": ordered["network"].to_numpy()[zone],
                         "zone_id": ordered["zone_id"].to_numpy()[zone],
                         "share": _capped(group, share)})


def area_shares(units: gpd.GeoDataFrame, zones: gpd.GeoDataFrame) -> pd.DataFrame:
    """The share of each unit's area inside each zone, for units without population points.

    Areas are measured in :data:`geo.crs.KAZAKHSTAN_EQUAL_AREA`. Where zones of one network
    overlap, the overlap belongs to the first by ``zone_id`` order, as in :func:`zone_shares`.

    Parameters
    ----------
    units
        ``unit_id`` and polygons.
    zones
        ``zone_id``, ``network`` and polygons.

    Returns
    -------
    pandas.DataFrame
        ``unit_id``, ``network``, ``zone_id``, ``share``: the area of the unit inside the zone
        / the unit's area.

    Examples
    --------
    A 1 km square cell, its western quarter in the water zone:

    >>> cell = gpd.GeoDataFrame({"unit_id": ["c"]}, crs=32643,
    ...                         geometry=[shapely.box(500000, 4790000, 501000, 4791000)])
    >>> zone = gpd.GeoDataFrame({"zone_id": ["w"], "network": "water"}, crs=32643,
    ...                         geometry=[shapely.box(499000, 4790000, 500250, 4791000)])
    >>> round(float(area_shares(cell, zone)["share"].iloc[0]), 4)
    0.25
    """
    _need_crs(units, "units")
    _need_crs(zones, "utility_zones")
    cells = gpd.GeoDataFrame({"unit_id": units["unit_id"].to_numpy()},
                             geometry=units.geometry.to_numpy(), crs=units.crs)
    cells = cells.to_crs(KAZAKHSTAN_EQUAL_AREA)
    exclusive = _exclusive(_zones_in(zones, KAZAKHSTAN_EQUAL_AREA))
    joined = gpd.sjoin(cells, exclusive, predicate="intersects")
    if joined.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in SHARE_COLUMNS[:3]}
                            | {"share": pd.Series(dtype=float)})
    unit_geometry = cells.geometry.to_numpy()[joined.index.to_numpy()]
    zone_geometry = exclusive.geometry.to_numpy()[joined["index_right"].to_numpy()]
    inside = shapely.area(shapely.intersection(unit_geometry, zone_geometry))
    with np.errstate(divide="ignore", invalid="ignore"):
        share = inside / shapely.area(unit_geometry)
    pieces = pd.DataFrame({"unit_id": joined["unit_id"].to_numpy(),
                           "network": joined["network"].to_numpy(),
                           "zone_id": joined["zone_id"].to_numpy(), "share": share})
    pieces = pieces[np.isfinite(share) & (share > 0)]
    pieces = pieces.groupby(SHARE_COLUMNS[:3], sort=True)["share"].sum().reset_index()
    group = pieces.groupby(["unit_id", "network"], sort=False).ngroup().to_numpy()
    pieces["share"] = _capped(group, pieces["share"].to_numpy(float))
    return pieces[SHARE_COLUMNS]


def unit_zone_shares(units: gpd.GeoDataFrame, zones: gpd.GeoDataFrame, *,
                     points: gpd.GeoDataFrame | None = None) -> pd.DataFrame:
    """Shares of every unit: from its population points, by area where it has none.

    Parameters
    ----------
    units
        ``unit_id`` and polygons.
    zones
        ``zone_id``, ``network`` and polygons.
    points
        Population points with ``unit_id`` and ``persons``; ``None``: every unit by area.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`zone_shares`.
    """
    if points is None or points.empty:
        return area_shares(units, zones)
    points = points[points["unit_id"].isin(units["unit_id"])]
    by_points = zone_shares(points, zones)
    by_area = area_shares(units[~units["unit_id"].isin(points["unit_id"])], zones)
    frames = [f for f in (by_points, by_area) if not f.empty]
    return pd.concat(frames, ignore_index=True) if frames else by_points


def zone_capacity(zone_sources: pd.DataFrame, sources: pd.DataFrame, *,
                  year: int) -> pd.Series:
    """Capacity of each zone from its sources in service in ``year``, by ``zone_id``.

    A source with no ``commissioned`` year is in service; one commissioned after ``year`` is
    not counted. A zone none of whose sources is in service is absent (its capacity is zero).

    Examples
    --------
    >>> links = pd.DataFrame({"zone_id": ["z", "z"], "source_id": ["old", "new"]})
    >>> plants = pd.DataFrame({"source_id": ["old", "new"], "capacity": [10.0, 5.0],
    ...                        "commissioned": [None, 2030]})
    >>> zone_capacity(links, plants, year=2025).to_dict()
    {'z': 10.0}
    """
    commissioned = pd.to_numeric(sources["commissioned"]) if "commissioned" in sources \
        else pd.Series(np.nan, index=sources.index)
    in_service = sources[commissioned.isna() | (commissioned <= year)]
    linked = zone_sources.merge(in_service[["source_id", "capacity"]], on="source_id")
    return linked.groupby("zone_id")["capacity"].sum().astype(float)


def utility_supply(units: pd.DataFrame, shares: pd.DataFrame, zones: pd.DataFrame,
                   capacity: pd.Series, *, network: str, per_resident: pd.Series | float,
                   population: str) -> pd.DataFrame:
    """Demand, supply and headroom of one utility network for every unit.

    Each (unit, zone) piece has a raw demand of the unit's population x its share x the norm.
    A zone's capacity is split among its pieces in proportion to raw demand (equally by share
    where the zone's pieces have no demand at all); where the zone's ``load`` is measured, the
    pieces' demands are scaled so that they sum to it. A unit sums its pieces.

    Parameters
    ----------
    units
        ``unit_id`` and the ``population`` column.
    shares
        From :func:`unit_zone_shares` (or :func:`zone_shares`, :func:`area_shares`); rows of
        other networks are ignored.
    zones
        ``zone_id`` and ``load`` (NaN where not measured; the column may be absent).
    capacity
        From :func:`zone_capacity`; a zone missing from it has no capacity.
    network
        The network to compute.
    per_resident
        The norm (network unit per resident): one value, or one per unit indexed by ``unit_id``.
    population
        The population column, e.g. ``pop_registered`` or ``pop_actual``.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``unit_id`` in the order of ``units``: ``networked`` (any share above 0),
        ``networked_share`` (0-1), ``zone_id`` (the zone of the largest share), ``zone_ids``
        (every zone, largest share first, joined with ``;``), ``demand`` and ``supply`` (in the
        network's unit, over the networked part of the unit only), ``provision`` (S / D),
        ``headroom`` ((S - D) / norm, residents; negative: a deficit), ``demand_residents`` and
        ``supply_residents`` (D / norm, S / norm). A unit that is not networked has
        ``networked`` False and NaN figures.

    Examples
    --------
    Zone ``h`` (10 Gcal/h, load not measured) serves all of ``a`` (1,000 residents) and 60 %
    of ``b`` (2,500): raw demands 1,000 and 1,500 residents' worth, so ``a`` gets 10 x 0.4 = 4
    Gcal/h against a demand of 1.25, headroom (4 - 1.25) / 0.00125 = 2,200 residents.

    >>> people = pd.DataFrame({"unit_id": ["a", "b", "c"], "pop": [1000.0, 2500.0, 10.0]})
    >>> parts = pd.DataFrame({"unit_id": ["a", "b"], "network": "heat", "zone_id": "h",
    ...                       "share": [1.0, 0.6]})
    >>> out = utility_supply(people, parts, pd.DataFrame({"zone_id": ["h"]}),
    ...                      pd.Series({"h": 10.0}), network="heat", per_resident=0.00125,
    ...                      population="pop")
    >>> out[["networked", "supply", "headroom"]].round(2)  # doctest: +NORMALIZE_WHITESPACE
             networked  supply  headroom
    unit_id
    a             True     4.0    2200.0
    b             True     6.0    3300.0
    c            False     NaN       NaN
    """
    ids = pd.Index(units["unit_id"], name="unit_id")
    if isinstance(per_resident, pd.Series):
        norm = per_resident.reindex(ids).to_numpy(float)
    else:
        norm = np.full(len(ids), float(per_resident))
    own = shares[(shares["network"] == network) & (shares["share"] > 0)]
    position = ids.get_indexer(own["unit_id"])  # units are numbered once: no string maps
    own, position = own[position >= 0], position[position >= 0]
    zone_code, zone_names = pd.factorize(own["zone_id"], sort=True)
    share = own["share"].to_numpy(float)
    raw = units[population].to_numpy(float)[position] * share * norm[position]
    demand, supply = _piece_figures(raw, share, zone_code, zone_names, zones, capacity)
    # Largest share first, then zone_id: the first piece of a unit names its zone.
    order = np.lexsort((zone_code, -share, position))
    position, zone_code = position[order], zone_code[order]
    leading = np.ones(len(position), dtype=bool)
    leading[1:] = position[1:] != position[:-1]
    count = np.bincount(position, minlength=len(ids))
    zone_id = np.full(len(ids), None, dtype=object)
    zone_id[position[leading]] = np.asarray(zone_names, dtype=object)[zone_code[leading]]
    zone_ids = zone_id.copy()
    split = count[position] > 1
    if split.any():
        joined = pd.Series(np.asarray(zone_names, dtype=object)[zone_code[split]]).groupby(
            position[split], sort=False).agg(";".join)
        zone_ids[joined.index.to_numpy()] = joined.to_numpy()
    networked = count > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        out = pd.DataFrame({
            "networked": networked,
            "networked_share": np.minimum(np.bincount(position, share[order], len(ids)), 1.0),
            "zone_id": zone_id, "zone_ids": zone_ids,
            "demand": np.where(networked, np.bincount(position, demand[order], len(ids)), np.nan),
            "supply": np.where(networked, np.bincount(position, supply[order], len(ids)), np.nan),
        }, index=ids)
        out["provision"] = out["supply"] / out["demand"]
        out["headroom"] = (out["supply"] - out["demand"]) / norm
        out["demand_residents"] = out["demand"] / norm
        out["supply_residents"] = out["supply"] / norm
    return out[SUPPLY_COLUMNS]


def _piece_figures(raw: np.ndarray, share: np.ndarray, zone_code: np.ndarray,
                   zone_names: pd.Index, zones: pd.DataFrame,
                   capacity: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Demand and supply of each (unit, zone) piece, in the network's unit."""
    zone_raw = np.bincount(zone_code, raw, len(zone_names))[zone_code]
    zone_share = np.bincount(zone_code, share, len(zone_names))[zone_code]
    with np.errstate(divide="ignore", invalid="ignore"):
        # A zone whose pieces hold nobody splits its capacity by share: no 0 / 0.
        weight = np.where(zone_raw == 0, share / zone_share, raw / zone_raw)
    zone_capacity_ = capacity.astype(float).reindex(zone_names).fillna(0.0).to_numpy()
    loads = (pd.to_numeric(zones.set_index("zone_id")["load"]) if "load" in zones
             else pd.Series(dtype=float))
    zone_load = loads.astype(float).reindex(zone_names).to_numpy(float)[zone_code]
    demand = np.where(np.isnan(zone_load), raw, weight * zone_load)
    return demand, weight * zone_capacity_[zone_code]


def _capped(group: np.ndarray, share: np.ndarray) -> np.ndarray:
    """Shares rescaled where their sum over one unit and network exceeds 1 by rounding."""
    __, inverse = np.unique(group, return_inverse=True)
    total = np.bincount(inverse, share)[inverse] if len(share) else share
    return share / np.maximum(total, 1.0)


def _zones_in(zones: gpd.GeoDataFrame, crs) -> gpd.GeoDataFrame:
    ordered = zones[["zone_id", "network", "geometry"]].sort_values("zone_id", kind="stable")
    return ordered.to_crs(crs).reset_index(drop=True)


def _exclusive(zones: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Each zone less the zones of its network before it (by ``zone_id``).

    A loop over zones (tens to hundreds), never over units.
    """
    geometry = zones.geometry.to_numpy().copy()
    for __, positions in zones.groupby("network", sort=False).indices.items():
        covered = None
        for position in positions:
            own = geometry[position]
            if covered is not None:
                geometry[position] = shapely.difference(own, covered)
            covered = own if covered is None else shapely.union(covered, own)
    return zones.set_geometry(gpd.GeoSeries(geometry, index=zones.index, crs=zones.crs))


def _need_crs(frame: gpd.GeoDataFrame, layer: str) -> None:
    if frame.crs is None:
        raise CRSError(_("The layer '{layer}' has no coordinate reference system, so it cannot be "
                         "matched to the network zones. Give its CRS when loading "
                         "it.", layer=layer))
