"""Utility zones, their sources and the zone-source table of the demo.

Zones and published figures come from ``data/demo/utilities.yaml``; a capacity written there
as ``generated`` is computed here by the rule the file states, from the norms in
``data/norms/default.yaml`` and the base-year registered population.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.crs import WGS84
from layers.demo_units import centre_towns


def per_resident(norms: dict, network: str, region: str) -> float:
    """The demand per resident of ``network`` in ``region`` from the norms file."""
    values = norms["networks"][network]["per_resident"]
    return float(values.get(region, values["default"])["value"])


def utility_layers(units: gpd.GeoDataFrame, spec: dict, norms: dict,
                   rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """``utility_zones``, ``utility_sources`` and ``zone_sources`` for the demo.

    Parameters
    ----------
    units
        Demo units with ``region``, ``kind``, ``pop_registered`` and geometry.
    spec
        ``data/demo/utilities.yaml``.
    norms
        ``data/norms/default.yaml``.
    rng
        Draws the reserves of the towns' generated capacities.
    """
    zones, sources, links = [], [], []
    for zone in spec["zones"]:
        members = units[(units.region == zone["region"]) & (units.kind == "city_district")]
        demand = per_resident(norms, zone["network"], zone["region"]) * members.pop_registered.sum()
        published = sum(float(s["capacity"]) for s in zone["sources"]
                        if s["capacity"] != "generated" and not s.get("commissioned"))
        geometry = shapely.union_all(members.geometry.to_numpy())
        load = zone.get("load") or {}
        zones.append(_zone_row(zone["zone_id"], zone["network"], zone["name"], geometry,
                               load.get("value"), load.get("source"), "data/demo/utilities.yaml"))
        for k, source in enumerate(zone["sources"]):
            capacity = source["capacity"]
            if capacity == "generated":
                capacity = demand * (1 + float(source["reserve"])) - published
            sources.append(_source_row(source, zone["network"], float(capacity),
                                       _near(geometry, k)))
            links.append({"zone_id": zone["zone_id"], "source_id": source["source_id"]})
    rule = spec["generator"]["town_rule"]
    low, high = spec["generator"]["town_reserve_range"]
    towns = centre_towns(units)
    for _, town in towns.iterrows():
        for network in spec["town_networks"]:
            reserve = rng.uniform(low, high)
            demand = per_resident(norms, network, town.region) * town.pop_registered
            capacity = demand * (1 + reserve)
            zone_id = f"{town.unit_id}-{network}"
            unit = norms["networks"][network]["unit"]
            zones.append(_zone_row(zone_id, network, f"{town.name_en} {network}", town.geometry,
                                   None, None, rule))
            sources.append({
                "source_id": f"{zone_id}-source", "network": network,
                "name": f"{town.name_en} {network} (generated)",
                "kind": "intake" if network == "water" else "treatment",
                "capacity": round(capacity, 1), "load": None, "unit": unit, "commissioned": None,
                "source": f"{rule}; reserve drawn: {reserve:+.1%}",
                "geometry": town.geometry.representative_point(),
            })
            links.append({"zone_id": zone_id, "source_id": f"{zone_id}-source"})
    return {
        "utility_zones": gpd.GeoDataFrame(zones, geometry="geometry", crs=WGS84),
        "utility_sources": gpd.GeoDataFrame(sources, geometry="geometry", crs=WGS84),
        "zone_sources": pd.DataFrame(links),
    }


def _zone_row(zone_id: str, network: str, name: str, geometry, load: float | None,
              load_source: str | None, source: str) -> dict:
    return {"zone_id": zone_id, "network": network, "name": name,
            "load": None if load is None else float(load), "load_source": load_source,
            "source": f"{source}; zone outline = union of the schematic units it serves",
            "geometry": shapely.MultiPolygon(getattr(geometry, "geoms", [geometry]))}


def _source_row(source: dict, network: str, capacity: float, point) -> dict:
    return {
        "source_id": source["source_id"], "network": network, "name": source["name"],
        "kind": source["kind"], "capacity": round(capacity, 1), "load": None,
        "unit": source["unit"], "commissioned": source.get("commissioned"),
        "source": f"{source['source']}; location schematic", "geometry": point,
    }


def _near(zone, k: int):
    """A schematic location for the k-th source of a zone: spread around its inner point."""
    inner = zone.representative_point()
    return shapely.Point(inner.x + 0.01 * k, inner.y + 0.005 * k)
