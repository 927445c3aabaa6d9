"""What the OpenStreetMap readers share: rows collected as columns, names in three languages,
ways cut by the extract's edge, and the outlines and inner points of closed ways.

:mod:`layers.read_osm` (roads, and the dispatch of a file) and :mod:`layers.osm_facilities`
(social facilities) both build on it, and neither imports the other's internals.
"""

from __future__ import annotations

import re

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.i18n import _

NUMBER = re.compile(r"^\d+(?:\.\d+)?$")
NAME_KEYS = {"name:ru": "name_ru", "name:kk": "name_kk", "name:en": "name_en"}
SOURCE = "OpenStreetMap"


class Collector:
    """What both readers share: rows as columns, names, and the ways cut off."""

    def __init__(self, osmium) -> None:
        self.wkb = osmium.geom.WKBFactory()
        self.rows: dict[str, list] = {}
        self.names: dict[str, dict[int, str]] = {col: {} for col in NAME_KEYS.values()}
        self.geoms: list = []
        self.missing: list[str] = []
        self.clipped: list[str] = []
        self.degenerate = 0

    def add(self, tags, geom, **values) -> None:
        row = len(self.geoms)
        self.geoms.append(geom)
        for key, value in values.items():
            self.rows.setdefault(key, []).append(value)
        self.rows.setdefault("name", []).append(tags.get("name"))
        for key, col in NAME_KEYS.items():
            if key in tags:
                self.names[col][row] = tags[key]

    def line(self, way, oid: str):
        """The way's line as WKB, or None (counted) when nodes are missing or too few."""
        # Checked here rather than left to create_linestring: it raises InvalidLocationError
        # for some missing nodes but merges runs of them into one point for others (seen
        # with pyosmium 4.3), which would build a shortened line without a word.
        nodes = list(way.nodes)
        if not all(node.location.valid() for node in nodes):
            run = _longest_present_run(nodes)
            if len(set(run)) < 2:
                self.missing.append(oid)
                return None
            # A road cut by the extract's edge still connects what is inside it.
            self.clipped.append(oid)
            return shapely.to_wkb(shapely.LineString(run), hex=True)
        try:
            return self.wkb.create_linestring(way)
        except RuntimeError:  # osmium's geometry_error: fewer than two distinct points
            self.degenerate += 1
        return None

    def drop_notes(self) -> list[str]:
        found = []
        if self.missing:
            found.append(_("{count} dropped: nodes missing from the file", count=len(self.missing)))
        if self.degenerate:
            found.append(_("{count} dropped: fewer than two distinct "
                           "points, or no area", count=self.degenerate))
        return found

    def build(self, columns: list[str], geoms: np.ndarray) -> gpd.GeoDataFrame:
        data = {col: self.rows.get(col, []) for col in columns}
        frame = pd.DataFrame(data, columns=columns)
        insert_at = frame.columns.get_loc("name") + 1
        for col in reversed(list(NAME_KEYS.values())):
            if self.names[col]:  # only translations the file has
                frame.insert(insert_at, col, [self.names[col].get(i) for i in range(len(frame))])
        frame["source"] = SOURCE
        return gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(geoms, crs="EPSG:4326"),
                                crs="EPSG:4326")


def outline(ring: shapely.LineString) -> shapely.Geometry | None:
    """The polygon a closed way outlines (repaired), or None for a ring enclosing nothing."""
    if len(ring.coords) < 4:
        return None
    polygon = shapely.make_valid(shapely.Polygon(ring.coords))
    return None if polygon.is_empty or polygon.area == 0 else polygon


def inside_point(polygon: shapely.Geometry | None) -> shapely.Point | None:
    """The centroid of an outline, or a point inside it.

    An L- or U-shaped building has its centroid outside: a facility must stand on its own
    ground, so the representative point is taken there. None for an outline that encloses
    nothing.
    """
    if polygon is None or polygon.is_empty or polygon.area == 0:
        return None
    centroid = polygon.centroid
    return centroid if polygon.contains(centroid) else polygon.representative_point()


def _longest_present_run(nodes) -> list[tuple[float, float]]:
    """The longest run of consecutive nodes whose locations the file has, as (lon, lat)."""
    best: list[tuple[float, float]] = []
    current: list[tuple[float, float]] = []
    for node in nodes:
        if node.location.valid():
            current.append((node.location.lon, node.location.lat))
            if len(current) > len(best):
                best = list(current)
        else:
            current = []
    return best
