"""Generated parts of the demo: population points, facilities, roads, utility zones and sources.

Everything here is generated from a seeded random generator and says so, with its rule, in a
``source`` column. Only the capacities and loads that ``data/demo/utilities.yaml`` cites are
published figures.
"""

from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from scipy.cluster.hierarchy import DisjointSet
from scipy.spatial import Delaunay

from geo.crs import WGS84, utm_epsg

URBAN_KINDS = ("city_district", "town", "satellite_city")
#: Residents per population point: neighbourhoods in towns and cities, villages elsewhere.
PERSONS_PER_POINT = {"urban": 8000, "rural": 5000}
POINTS_PER_UNIT = (3, 60)
#: Typical capacity of one generated facility, by settlement type.
TYPICAL_CAPACITY = {
    "school": {"urban": 1200, "rural": 400},
    "kindergarten": {"urban": 240, "rural": 90},
    "polyclinic": {"urban": 500, "rural": 100},
}
FACILITY_NETWORK = {"school": "schools", "kindergarten": "kindergartens",
                    "polyclinic": "polyclinics"}
PROVISION_RANGE = (0.85, 1.35)
#: Road classes of the generated network by segment length (metres): class, speed km/h.
ROAD_CLASSES = ((2_000, "residential", 30.0), (10_000, "secondary", 50.0),
                (math.inf, "trunk", 80.0))


def settlement_type(kind: str) -> str:
    """``urban`` for city districts, towns and satellite cities, else ``rural``."""
    return "urban" if kind in URBAN_KINDS else "rural"


def population_points(units: gpd.GeoDataFrame, rng: np.random.Generator) -> gpd.GeoDataFrame:
    """Spread each unit's residents over generated points inside it, totals kept exactly.

    Returns
    -------
    geopandas.GeoDataFrame
        ``point_id``, ``unit_id``, ``persons`` (registered), ``persons_actual``, ``source``.
    """
    frames = []
    for _, unit in units.iterrows():
        kind = settlement_type(unit.kind)
        n = int(np.clip(round(unit.pop_registered / PERSONS_PER_POINT[kind]), *POINTS_PER_UNIT))
        points = _points_inside(unit.geometry, n, rng)
        weights = rng.gamma(2.0, size=n)
        weights /= weights.sum()
        frames.append(gpd.GeoDataFrame({
            "point_id": [f"{unit.unit_id}-p{i}" for i in range(n)],
            "unit_id": unit.unit_id,
            "persons": split_exactly(unit.pop_registered, weights),
            "persons_actual": split_exactly(unit.pop_actual, weights),
        }, geometry=points, crs=WGS84))
    result = pd.concat(frames, ignore_index=True)
    result["source"] = (
        "generated: each unit's population spread over random points inside its schematic "
        "polygon (one per about 8,000 residents in towns, 5,000 in villages), gamma(2) weights, "
        "totals kept exactly"
    )
    return gpd.GeoDataFrame(result, geometry="geometry", crs=WGS84)


def split_exactly(total: float, weights: np.ndarray) -> np.ndarray:
    """Whole persons in proportion to ``weights`` that add up to ``total`` exactly."""
    raw = weights * round(total)
    whole = np.floor(raw)
    short = int(round(total) - whole.sum())
    whole[np.argsort(raw - whole)[::-1][:short]] += 1
    return whole


def _points_inside(polygon, n: int, rng: np.random.Generator) -> list:
    minx, miny, maxx, maxy = polygon.bounds
    found: list = []
    shapely.prepare(polygon)
    while len(found) < n:
        xs = rng.uniform(minx, maxx, 4 * n)
        ys = rng.uniform(miny, maxy, 4 * n)
        candidates = shapely.points(xs, ys)
        found.extend(candidates[shapely.contains(polygon, candidates)][: n - len(found)])
    return found


def facilities(units: gpd.GeoDataFrame, points: gpd.GeoDataFrame, norms: dict,
               rng: np.random.Generator) -> gpd.GeoDataFrame:
    """Schools, kindergartens and polyclinics near the residents they serve.

    Each unit gets, per kind, a capacity of its registered demand times a ratio drawn from
    :data:`PROVISION_RANGE`, split into facilities of typical size; each facility stands at a
    random distance, up to 0.8 times the norm's walking reach, from a population point drawn in
    proportion to its residents, and is joined to it by a street (see :func:`roads`).

    Returns
    -------
    geopandas.GeoDataFrame
        ``facility_id``, ``kind``, ``name``, ``capacity``, ``unit_id``, ``point_id`` (the point
        it is joined to), ``source``.
    """
    walk_m_per_min = float(norms["walk_speed_kmh"]["value"]) * 1000 / 60
    rows = []
    for _, unit in units.iterrows():
        kind = settlement_type(unit.kind)
        own = points[points.unit_id == unit.unit_id]
        epsg = utm_epsg(unit.geometry.centroid.x, unit.geometry.centroid.y)
        own_utm = own.to_crs(epsg)
        polygon_utm = gpd.GeoSeries([unit.geometry], crs=WGS84).to_crs(epsg).iloc[0]
        for fac_kind, network in FACILITY_NETWORK.items():
            spec = norms["networks"][network]
            per_resident = float(spec["per_resident"]["default"]["value"])
            reach_m = float(spec["access"]["minutes"]) * walk_m_per_min
            ratio = rng.uniform(*PROVISION_RANGE)
            total = ratio * per_resident * unit.pop_registered
            count = max(1, round(total / TYPICAL_CAPACITY[fac_kind][kind]))
            hosts = rng.choice(len(own), size=count, p=own.persons / own.persons.sum())
            for i, host in enumerate(hosts):
                base = own_utm.geometry.iloc[host]
                distance = rng.uniform(0, 0.8 * reach_m)
                angle = rng.uniform(0, 2 * math.pi)
                site = shapely.Point(base.x + distance * math.cos(angle),
                                     base.y + distance * math.sin(angle))
                if not polygon_utm.contains(site):
                    site = base
                rows.append({
                    "facility_id": f"{fac_kind}-{unit.unit_id}-{i + 1}",
                    "kind": fac_kind,
                    "name": f"{fac_kind} {i + 1}, {unit.name_en} (generated)",
                    **{f"name_{lang}": _facility_name(fac_kind, i + 1, unit, lang)
                       for lang in ("ru", "kk", "en")},
                    "capacity": float(round(total / count)),
                    "unit_id": unit.unit_id,
                    "point_id": own.point_id.iloc[host],
                    "geometry": gpd.GeoSeries([site], crs=epsg).to_crs(WGS84).iloc[0],
                })
    result = gpd.GeoDataFrame(rows, geometry="geometry", crs=WGS84)
    result["source"] = (
        f"generated: per unit and kind, capacity = registered demand x a ratio drawn from "
        f"{PROVISION_RANGE[0]:.2f}-{PROVISION_RANGE[1]:.2f}, split into facilities of typical "
        "size, each up to 0.8 x the walking reach of the norm from a population point"
    )
    return result


def roads(points: gpd.GeoDataFrame, sites: gpd.GeoDataFrame, units: gpd.GeoDataFrame,
          centres: dict) -> gpd.GeoDataFrame:
    """A schematic road network per region: a Delaunay mesh of population points and the city
    centre, plus a street from each facility to the point it serves.

    Mesh edges that leave the region's units (across a neighbour's land or a bay of the real
    boundary) are dropped, except the shortest of them that keep the mesh connected (an
    exclave's link, see :func:`_inside_edges`). Segments are classed by length
    (:data:`ROAD_CLASSES`); every segment is two-way. Every point reaches every other.
    """
    region_of_unit = units.set_index("unit_id").region
    frames = []
    for region, centre in centres.items():
        own = points[points.unit_id.map(region_of_unit) == region]
        coords = np.vstack([np.column_stack([own.geometry.x, own.geometry.y]),
                            [[centre["lon"], centre["lat"]]]])
        epsg = utm_epsg(centre["lon"], centre["lat"])
        mesh = Delaunay(_project(coords, epsg))
        edges = {tuple(sorted((int(a), int(b))))
                 for tri in mesh.simplices for a, b in ((tri[0], tri[1]), (tri[1], tri[2]),
                                                          (tri[0], tri[2]))}
        area = shapely.union_all(units.geometry[units.region == region].to_numpy())
        lines = [shapely.LineString([coords[a], coords[b]])
                 for a, b in _inside_edges(sorted(edges), coords, area)]
        fac = sites[sites.unit_id.map(region_of_unit) == region]
        host = own.set_index("point_id").geometry
        lines += [shapely.LineString([host[p], g]) for p, g in zip(fac.point_id, fac.geometry,
                                                                    strict=True)
                  if not host[p].equals(g)]
        frame = gpd.GeoDataFrame({"region": [region] * len(lines)}, geometry=lines, crs=WGS84)
        length = frame.to_crs(epsg).length.to_numpy()
        frame["highway"], frame["speed_kmh"] = _road_class(length)
        frames.append(frame)
    result = pd.concat(frames, ignore_index=True)
    result["oneway"] = False
    result["source"] = (
        "generated: Delaunay mesh of the population points and the city centre (edges leaving "
        "the region's units dropped unless needed to connect it), plus a street from each "
        "facility to its population point; class by length (< 2 km residential "
        "30 km/h, < 10 km secondary 50 km/h, else trunk 80 km/h)"
    )
    return gpd.GeoDataFrame(result, geometry="geometry", crs=WGS84)


def _inside_edges(edges: list[tuple[int, int]], coords: np.ndarray,
                  area) -> list[tuple[int, int]]:
    """The edges that stay inside ``area``, and of the others the shortest ones (in degrees,
    enough to rank them) that join parts left apart, as Kruskal's algorithm picks them."""
    lines = shapely.linestrings([[coords[a], coords[b]] for a, b in edges])
    shapely.prepare(area)
    # 1e-7 degrees (about 1 cm): a segment along the boundary is inside within rounding.
    inside = shapely.covered_by(lines, area) | (
        shapely.length(shapely.difference(lines, area)) < 1e-7)
    joined = DisjointSet(range(len(coords)))
    for (a, b), keep in zip(edges, inside, strict=True):
        if keep:
            joined.merge(a, b)
    kept = [e for e, keep in zip(edges, inside, strict=True) if keep]
    for k in np.argsort(shapely.length(lines), kind="stable"):
        a, b = edges[k]
        if not inside[k] and joined.merge(a, b):
            kept.append((a, b))
    return sorted(kept)


def _project(lonlat: np.ndarray, epsg: int) -> np.ndarray:
    projected = gpd.GeoSeries(gpd.points_from_xy(lonlat[:, 0], lonlat[:, 1]), crs=WGS84)
    projected = projected.to_crs(epsg)
    return np.column_stack([projected.x, projected.y])


def _road_class(length_m: np.ndarray) -> tuple[list[str], list[float]]:
    names, speeds = [], []
    for length in length_m:
        for limit, name, speed in ROAD_CLASSES:
            if length < limit:
                names.append(name)
                speeds.append(speed)
                break
    return names, speeds


# What a generated facility is called in each language: its kind, number and unit, and that it
# was generated (the report shows a facility's name_<lang> where the layer has one).
_FACILITY_WORDS = {
    "school": {"ru": "школа", "kk": "мектеп", "en": "school"},
    "kindergarten": {"ru": "детский сад", "kk": "балабақша", "en": "kindergarten"},
    "polyclinic": {"ru": "поликлиника", "kk": "емхана", "en": "polyclinic"},
}
_GENERATED = {"ru": "сгенерировано", "kk": "генерацияланған", "en": "generated"}


def _facility_name(kind: str, number: int, unit, lang: str) -> str:
    """``школа 4, Бостандыкский (сгенерировано)``: the demo facility's name in ``lang``."""
    word = _FACILITY_WORDS.get(kind, {}).get(lang, kind)
    place = getattr(unit, f"name_{lang}", None) or unit.name_en
    return f"{word} {number}, {place} ({_GENERATED[lang]})"
