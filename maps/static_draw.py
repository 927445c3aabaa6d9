"""The data of a static map (:mod:`maps.static`) drawn on its axes: areas, flows, points, outlines.

Geometry is projected to the map's CRS and drawn as matplotlib collections, one per kind, each
with a gid (``qm-areas``, ``qm-flows``, ``qm-arrowheads``, ``qm-points``, ``qm-outline``) that
tests and the print layout find them by.
"""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection, PatchCollection
from matplotlib.patches import PathPatch
from matplotlib.path import Path as MplPath
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

from maps.static_furniture import EDGE_COLOR, PX_TO_PT

OUTLINE_COLOR = "#9E9E9E"


def _polygon_path(geometry: BaseGeometry | None) -> MplPath | None:
    """A polygonal geometry as one compound path (outer rings counter-clockwise, holes not)."""
    polygons = list(_parts(geometry, (Polygon,)))
    vertices: list[np.ndarray] = []
    codes: list[np.ndarray] = []
    for polygon in polygons:
        polygon = orient(polygon, 1.0)
        for ring in (polygon.exterior, *polygon.interiors):
            xy = np.asarray(ring.coords)[:, :2]
            if len(xy) < 4:
                continue
            ring_codes = np.full(len(xy), MplPath.LINETO, dtype=MplPath.code_type)
            ring_codes[0], ring_codes[-1] = MplPath.MOVETO, MplPath.CLOSEPOLY
            vertices.append(xy)
            codes.append(ring_codes)
    if not vertices:
        return None
    return MplPath(np.concatenate(vertices), np.concatenate(codes))


def _line_parts(geometry: BaseGeometry | None) -> list[np.ndarray]:
    return [np.asarray(line.coords)[:, :2] for line in _parts(geometry, (LineString,))
            if len(line.coords) >= 2]


def _parts(geometry: BaseGeometry | None, kinds: tuple[type, ...]) -> Any:
    """The simple parts of ``geometry`` of the given kinds (through multi-parts and collections)."""
    if geometry is None or geometry.is_empty:
        return
    if isinstance(geometry, kinds):
        yield geometry
    elif isinstance(geometry, (MultiPolygon, MultiLineString)) or hasattr(geometry, "geoms"):
        for part in geometry.geoms:
            yield from _parts(part, kinds)


def draw_outline(axes: Axes, webmap: Any, crs: str) -> None:
    """The outlines of ``webmap`` (its ``outline`` frame), under the data."""
    if webmap.outline is None or not len(webmap.outline):
        return
    geometries = _projected(webmap.outline, crs)
    paths = [p for p in map(_polygon_path, geometries) if p is not None]
    lines = [xy for g in geometries for xy in _line_parts(g)]
    if paths:
        axes.add_collection(PatchCollection(
            [PathPatch(p) for p in paths], facecolors="none", edgecolors=OUTLINE_COLOR,
            linewidths=0.6, zorder=1, gid="qm-outline"), autolim=False)
    if lines:
        axes.add_collection(LineCollection(lines, colors=OUTLINE_COLOR, linewidths=0.6,
                                           zorder=1, gid="qm-outline"), autolim=False)


def draw_layer(axes: Axes, shown: Any, crs: str) -> None:
    """The layer ``shown`` in its colours: areas opaque, flows with arrowheads, or circles."""
    colors = np.asarray(shown.colors(), dtype=object)[np.asarray(shown.codes(), dtype=int)]
    geometries = _projected(shown.gdf, crs)
    if shown.kind == "flow":
        _draw_flows(axes, shown, geometries, colors, crs)
    elif shown.kind == "point":
        _draw_points(axes, shown, geometries, colors)
    else:
        patches, faces = [], []
        for geometry, color in zip(geometries, colors, strict=True):
            path = _polygon_path(geometry)
            if path is not None:
                patches.append(PathPatch(path))
                faces.append(color)
        # Opaque in print: the colour on paper is exactly the legend's.
        axes.add_collection(PatchCollection(
            patches, facecolors=faces, edgecolors=EDGE_COLOR, linewidths=0.4, zorder=2,
            gid="qm-areas"), autolim=False)


def _draw_flows(axes: Axes, shown: Any, geometries: np.ndarray, colors: np.ndarray,
                crs: str) -> None:
    segments, widths, strokes = [], [], []
    for geometry, color, width in zip(geometries, colors, shown.widths, strict=True):
        for xy in _line_parts(geometry):
            segments.append(xy)
            widths.append(float(width) * PX_TO_PT)
            strokes.append(color)
    axes.add_collection(LineCollection(
        segments, colors=strokes, linewidths=widths, alpha=shown.fill_opacity, zorder=3,
        capstyle="butt", joinstyle="round", gid="qm-flows"), autolim=False)
    heads, faces = [], []
    for geometry, color in zip(_projected(shown.arrowheads(), crs), colors, strict=True):
        path = _polygon_path(geometry)
        if path is not None:
            heads.append(PathPatch(path))
            faces.append(color)
    axes.add_collection(PatchCollection(
        heads, facecolors=faces, edgecolors="none", alpha=shown.fill_opacity, zorder=3.1,
        gid="qm-arrowheads"), autolim=False)


def _draw_points(axes: Axes, shown: Any, geometries: np.ndarray, colors: np.ndarray) -> None:
    present = np.array([g is not None and not g.is_empty for g in geometries], dtype=bool)
    radii = np.asarray(shown.radii, dtype=float)[present]
    xy = np.array([(g.x, g.y) for g in geometries[present]], dtype=float).reshape(-1, 2)
    # Large circles first, so that a small one beside a large one stays visible on top.
    order = np.argsort(-radii, kind="stable")
    axes.scatter(xy[order, 0], xy[order, 1], s=(2 * radii[order] * PX_TO_PT) ** 2,
                 c=list(colors[present][order]), alpha=shown.fill_opacity,
                 edgecolors="#333333", linewidths=0.5, zorder=3, gid="qm-points",
                 plotnonfinite=False)


def _projected(frame: gpd.GeoDataFrame | gpd.GeoSeries, crs: str) -> np.ndarray:
    """Geometries of ``frame`` in ``crs`` (missing ones as ``None``)."""
    return np.asarray(frame.to_crs(crs).geometry.values
                      if isinstance(frame, gpd.GeoDataFrame) else frame.to_crs(crs).values,
                      dtype=object)
