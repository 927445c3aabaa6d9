"""Static PNG maps for print: every layer of a :class:`maps.webmap.WebMap` as one picture.

Each picture has the map's title and the layer's name, the map drawn in the UTM zone of its
data (so that the scale bar is true), a legend beside it with the same rows as the web map's,
a scale bar of a round length, a north arrow, the sources under the map and, when the web map
carries one, its notice (e.g. that the geometry is schematic) boxed on the map face, so that a
printed copy keeps it. There is no background of tiles.

Drawing uses :class:`matplotlib.figure.Figure` with the Agg canvas directly (never pyplot), so
nothing global changes and threads can draw side by side. Text is DejaVu Sans, which matplotlib
ships and which has every Cyrillic and Kazakh letter; no text is read as mathtext, so a ``$``
in a label is drawn as it is. The same input gives the same PNG bytes.

Examples
--------
>>> import geopandas as gpd
>>> from shapely.geometry import box
>>> from maps.classify import classify
>>> from maps.webmap import ChoroplethLayer, WebMap
>>> gdf = gpd.GeoDataFrame({"pop": [10.0, 20.0]},
...                        geometry=[box(76.0, 43.0, 76.1, 43.1), box(76.1, 43.0, 76.2, 43.1)],
...                        crs="EPSG:4326")
>>> layer = ChoroplethLayer(gdf, column="pop", name="Population",
...                         classes=classify(gdf["pop"], k=2), colors=["#EEEEEE", "#333333"])
>>> webmap = WebMap(layers=[layer], title="Demo")
>>> map_crs(webmap)
'EPSG:32643'
>>> figure_png(map_figure(webmap, lang="en"))[:8]
b'\\x89PNG\\r\\n\\x1a\\n'
"""

from __future__ import annotations

import io
import logging
import math
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import geopandas as gpd
import matplotlib as mpl
import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection, PatchCollection
from matplotlib.figure import Figure
from matplotlib.patches import PathPatch
from matplotlib.path import Path as MplPath
from matplotlib.text import Text
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

from geo.errors import LayerSchemaError
from geo.i18n import check_language, tr
from maps.files import atomic_output, make_folder
from maps.geojson import bounds
from maps.static_furniture import (
    EDGE_COLOR,
    PX_TO_PT,
    TEXT_COLOR,
    layer_legend,
    map_sources,
    north_arrow,
    notice_box,
    png_metadata,
    scale_bar,
    scale_length,
    sources_text,
    title_texts,
)

log = logging.getLogger(__name__)

# scale_length, map_sources and png_metadata live in maps.static_furniture; importable here.
__all__ = ["figure_png", "map_crs", "map_figure", "map_sources", "png_metadata", "png_names",
           "scale_length", "write_png", "write_pngs"]

FONT = "DejaVu Sans"
"""The one font of the maps: matplotlib ships it, and it has every Kazakh letter."""

OUTLINE_COLOR = "#9E9E9E"
FRAME_COLOR = "#999999"

_RC = {
    "font.family": FONT,
    "font.size": 8.0,
    "text.color": TEXT_COLOR,
    # Labels come from user data: "5 $ <b>" must not be typeset as mathematics.
    "text.parse_math": False,
    "text.usetex": False,
}
# Layout, in inches.
_MARGIN = 0.3
_GAP = 0.12
_LEGEND_GAP = 0.22
_MAP_SHARE_MIN = 0.55  # the map keeps at least this share of the figure's width
# Height over width of the map box: flatter or taller data get room around them instead.
_ASPECT_RANGE = (0.5, 1.25)
_PAD_SHARE = 0.05  # empty margin around the data, as a share of its larger side
_SMALLEST_EXTENT_M = 1000.0  # a single point still gets a map a kilometre across


def map_crs(webmap: Any, *, lang: str | None = None) -> str:
    """The projected CRS the static maps of ``webmap`` are drawn in: UTM of the data's centre.

    The centre is that of the box around every layer and the outlines in WGS 84; the zone is
    the usual 6° one (Kazakhstan lies in 41N to 44N), north or south by the centre's latitude.

    Parameters
    ----------
    webmap
        A :class:`maps.webmap.WebMap`.
    lang
        Language of the error message; ``None`` for the current one.

    Returns
    -------
    str
        ``EPSG:326zz`` (north) or ``EPSG:327zz`` (south).

    Raises
    ------
    geo.errors.LayerSchemaError
        (a ``ValueError``) If no layer and no outline has a geometry.
    """
    extent = bounds(webmap.frames())
    if extent is None:
        msg = tr("static.empty", lang=lang, title=_map_name(webmap))
        raise LayerSchemaError(msg)
    (south, west), (north, east) = extent
    lon, lat = (west + east) / 2, (south + north) / 2
    zone = math.floor((lon + 180.0) / 6.0) % 60 + 1
    return f"EPSG:{(32600 if lat >= 0 else 32700) + zone}"


def map_figure(
    webmap: Any,
    *,
    layer: int = 0,
    lang: str,
    sources: Sequence[str] = (),
    width_in: float = 8.0,
    dpi: int = 150,
) -> Figure:
    """One layer of ``webmap`` as a matplotlib figure ready to print.

    Parameters
    ----------
    webmap
        A :class:`maps.webmap.WebMap` whose layers are area, flow or point layers.
    layer
        Index of the layer to draw.
    lang
        ``ru``, ``kk`` or ``en``: the scale bar's unit, the north letter, the sources' heading.
    sources
        Where the data come from (plain text, one item each), listed under the map after the
        map's own ``attribution`` (its data's sources and licences), if it has one.
    width_in
        Width of the figure in inches; its height follows the data's shape.
    dpi
        Pixels per inch of the PNG the figure will be saved as.

    Returns
    -------
    matplotlib.figure.Figure
        The figure, with an Agg canvas. Its only :class:`~matplotlib.axes.Axes` (gid
        ``qm-map``) is the map in metres of :func:`map_crs`, so ``axes.transData`` takes map
        coordinates to pixels of the PNG (origin at the bottom left). Its artists carry gids:
        ``qm-title``, ``qm-layer-name``, ``qm-legend``, ``qm-scale-bar``, ``qm-scale-label``,
        ``qm-north``, ``qm-sources``, ``qm-notice``, ``qm-areas``, ``qm-flows``,
        ``qm-arrowheads``, ``qm-points``, ``qm-outline``.

    Raises
    ------
    IndexError
        If the map has no layer ``layer``.
    geo.errors.LayerSchemaError
        (a ``ValueError``) If no layer and no outline has a geometry.
    """
    lang = check_language(lang)
    if not 0 <= layer < len(webmap.layers):
        msg = f"The map has {len(webmap.layers)} layers; there is no layer {layer}."
        raise IndexError(msg)
    shown = webmap.layers[layer]
    crs = map_crs(webmap, lang=lang)
    with mpl.rc_context(_RC):
        figure = Figure(figsize=(width_in, width_in * 0.75), dpi=dpi, facecolor="white")
        FigureCanvasAgg(figure)
        renderer = figure.canvas.get_renderer()
        text_width = width_in - 2 * _MARGIN
        titles = title_texts(figure, webmap, shown, text_width)
        source_text = sources_text(figure, map_sources(webmap, sources), lang, text_width)
        legend = layer_legend(figure, shown, lang)
        legend_w, legend_h = _size_in(legend, renderer)
        # The legend takes what it needs beside the map; a very wide one is cut short by the
        # figure's edge rather than the map shrinking to nothing.
        map_w = max(width_in - 2 * _MARGIN - _LEGEND_GAP - legend_w, _MAP_SHARE_MIN * width_in)
        extent = _extent(webmap, crs, map_w)
        dx, dy = extent[1] - extent[0], extent[3] - extent[2]
        low, high = _ASPECT_RANGE
        map_h = max(min(max(dy / dx, low), high) * map_w, legend_h)
        extent = _fit(extent, map_h / map_w)
        title_h = sum(_size_in(t, renderer)[1] for t in titles) + 0.05 * (len(titles) - 1)
        sources_h = _size_in(source_text, renderer)[1] if source_text is not None else 0.0
        height = (2 * _MARGIN + title_h + _GAP + map_h
                  + (_GAP + sources_h if source_text is not None else 0.0))
        figure.set_size_inches(width_in, height)

        top = height - _MARGIN
        for text in titles:
            text.set_position((_MARGIN, top))
            top -= _size_in(text, renderer)[1] + 0.05
        map_top = height - _MARGIN - title_h - _GAP
        axes = figure.add_axes((_MARGIN / width_in, (map_top - map_h) / height,
                                map_w / width_in, map_h / height), gid="qm-map")
        legend.set_bbox_to_anchor((_MARGIN + map_w + _LEGEND_GAP, map_top),
                                  transform=figure.dpi_scale_trans)
        if source_text is not None:
            source_text.set_position((_MARGIN, _MARGIN))

        _style_axes(axes, extent)
        _draw_outline(axes, webmap, crs)
        _draw_layer(axes, shown, crs)
        scale = scale_bar(axes, extent, map_w, lang)
        north_arrow(axes, extent, crs, lang)
        if webmap.notice:
            notice_box(axes, str(webmap.notice), map_w - scale)
        # text.parse_math is read when a Text is made; no Text may escape it, however made
        for text in figure.findobj(Text):
            text.set_parse_math(False)
    return figure


def figure_png(figure: Figure, *, metadata: dict[str, str] | None = None) -> bytes:
    """``figure`` as PNG bytes at its own dpi, without a date or software name inside.

    Parameters
    ----------
    figure
        A figure, e.g. from :func:`map_figure`.
    metadata
        PNG text chunks to write (keyword → text; see :func:`png_metadata`).

    Returns
    -------
    bytes
        The PNG file; the same figure always gives the same bytes.
    """
    buffer = io.BytesIO()
    with mpl.rc_context(_RC):
        FigureCanvasAgg(figure).print_png(buffer, metadata={**(metadata or {}),
                                                            "Software": None})
    return buffer.getvalue()


def write_png(
    webmap: Any,
    path: str | os.PathLike[str],
    *,
    layer: int = 0,
    lang: str,
    sources: Sequence[str] = (),
    dpi: int = 150,
) -> Path:
    """Write one layer of ``webmap`` as a PNG file (whole or not at all).

    Parameters
    ----------
    webmap, layer, lang, sources, dpi
        As in :func:`map_figure`.
    path
        The PNG file to write; its folder must exist. An existing file is replaced.

    Returns
    -------
    pathlib.Path
        ``path``.
    """
    path = Path(path)
    data = figure_png(map_figure(webmap, layer=layer, lang=lang, sources=sources, dpi=dpi),
                      metadata=png_metadata(webmap, sources))
    # A reader (or a PDF build) never sees half a picture: write aside, then rename over.
    with atomic_output(path) as staged:
        staged.write_bytes(data)
    log.debug("wrote %s (%d bytes)", path, len(data))
    return path


def png_names(maps: Sequence[Any]) -> list[list[str]]:
    """File names for every layer of ``maps`` that say the region and the layer.

    ``<region>-<layer>.png`` (``almaty-readiness.png``, ``almaty-heat-headroom.png``): the
    region is the one value of the layer's (or else the outline's) ``region`` column, left out
    where a layer spans several; the layer part comes from its column (``readiness_actual`` →
    ``readiness``, ``headroom_heat_actual`` → ``heat-headroom``, ``pop_gap`` → ``gap``). A name
    met again gets ``-2``, ``-3`` …, so that the names of one report are unique.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely.geometry import box
    >>> from maps.webmap import CategoryLayer, WebMap
    >>> gdf = gpd.GeoDataFrame({"region": ["almaty"], "bottleneck_actual": ["heat"]},
    ...                        geometry=[box(76, 43, 77, 44)], crs="EPSG:4326")
    >>> layer = CategoryLayer(gdf, column="bottleneck_actual", name="B",
    ...                       categories={"heat": ("Heat", "#ff0000")})
    >>> png_names([WebMap(layers=[layer, layer])])
    [['almaty-bottleneck.png', 'almaty-bottleneck-2.png']]
    """
    taken: set[str] = set()
    names = []
    for webmap in maps:
        own = []
        for shown in webmap.layers:
            parts = [part for part in (_region_of(shown.gdf) or _region_of(webmap.outline),
                                       _layer_key(shown)) if part]
            stem = _slug("-".join(parts)) or "map"
            name, count = stem, 1
            while name in taken:
                count += 1
                name = f"{stem}-{count}"
            taken.add(name)
            own.append(f"{name}.png")
        names.append(own)
    return names


def write_pngs(
    webmap: Any,
    folder: str | os.PathLike[str],
    *,
    stem: str | None = None,
    names: Sequence[str] | None = None,
    lang: str,
    sources: Sequence[str] = (),
) -> list[Path]:
    """Write every layer of ``webmap`` as a PNG in ``folder``.

    Parameters
    ----------
    webmap, lang, sources
        As in :func:`map_figure`.
    folder
        Where to write; made if missing.
    stem
        Files ``<stem>-1.png``, ``<stem>-2.png`` …: a plain name, no folder.
    names
        Else one file name per layer (see :func:`png_names`); default: those of
        ``png_names([webmap])``.

    Returns
    -------
    list[pathlib.Path]
        The files, in the order of the layers.

    Raises
    ------
    ValueError
        If ``stem`` or a name is empty or names a folder, or ``names`` has not one per layer.
    """
    if stem is not None:
        names = [f"{stem}-{index + 1}.png" for index in range(len(webmap.layers))]
    elif names is None:
        names = png_names([webmap])[0]
    names = [str(name) for name in names]
    for name in [stem] if stem is not None else names:
        if not name or Path(name).name != name or name in (".", ".."):
            msg = f"A file name is a plain name without folders, not {name!r}."
            raise ValueError(msg)
    if len(names) != len(webmap.layers):
        msg = f"{len(names)} file names for the {len(webmap.layers)} layers of the map."
        raise ValueError(msg)
    folder = Path(folder)
    make_folder(folder)
    return [write_png(webmap, folder / name, layer=index, lang=lang, sources=sources)
            for index, name in enumerate(names)]


def _region_of(frame: Any) -> str:
    """The one region of ``frame`` (its ``region`` column), or ``""``."""
    if frame is None or "region" not in getattr(frame, "columns", ()):
        return ""
    regions = set(frame["region"].dropna().astype(str))
    return regions.pop() if len(regions) == 1 else ""


def _layer_key(shown: Any) -> str:
    """What the layer shows, from its column: ``readiness``, ``heat-headroom``, ``gap-share``."""
    column = str(shown.column or "")
    cells = "h3" in shown.gdf.columns or "cell" in shown.gdf.columns
    column = column.removesuffix("_actual").replace("_actual_", "_")
    if column.startswith("headroom_"):
        column = column.removeprefix("headroom_") + "_headroom"
    column = {"pop_gap": "gap", "pop_gap_pct": "gap_share", "net": "net_migration",
              "persons": "flows", "network": "proposals", "status": "proposals_status",
              "readiness_diff": "readiness_difference", "pop_diff": "population_difference",
              }.get(column, column)
    return f"cells_{column}" if cells else column


def _slug(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))


# -- layout ------------------------------------------------------------------------------------
def _map_name(webmap: Any) -> str:
    return str(webmap.title) if webmap.title else webmap.layers[0].name


def _size_in(artist: Any, renderer: Any) -> tuple[float, float]:
    """Width and height of a drawn artist in inches."""
    box = artist.get_window_extent(renderer)
    dpi = artist.figure.dpi
    return box.width / dpi, box.height / dpi


def _projected(frame: gpd.GeoDataFrame | gpd.GeoSeries, crs: str) -> np.ndarray:
    """Geometries of ``frame`` in ``crs`` (missing ones as ``None``)."""
    return np.asarray(frame.to_crs(crs).geometry.values
                      if isinstance(frame, gpd.GeoDataFrame) else frame.to_crs(crs).values,
                      dtype=object)


def _extent(webmap: Any, crs: str, map_w: float) -> list[float]:
    """``[xmin, xmax, ymin, ymax]`` in map metres around every layer and the outlines.

    Every layer of the map gets the same frame, as on the web map, so that its pictures can be
    compared; point layers get room for their circles at the edges.
    """
    boxes = []
    for frame in webmap.frames():
        projected = frame.to_crs(crs)
        if len(projected) and not projected.geometry.is_empty.all():
            boxes.append(projected.total_bounds)
    boxes = [b for b in boxes if np.all(np.isfinite(b))]
    stacked = np.vstack(boxes)
    x0, y0 = stacked[:, 0].min(), stacked[:, 1].min()
    x1, y1 = stacked[:, 2].max(), stacked[:, 3].max()
    side = max(x1 - x0, y1 - y0, _SMALLEST_EXTENT_M)
    pad = _PAD_SHARE * side
    radius_px = max([float(np.max(lyr.radii)) for lyr in webmap.layers
                     if lyr.kind == "point" and len(getattr(lyr, "radii", ()))] or [0.0])
    pad += radius_px / 96 * (side * (1 + 2 * _PAD_SHARE) / map_w)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    half_x = max(x1 - x0, _SMALLEST_EXTENT_M) / 2 + pad
    half_y = max(y1 - y0, _SMALLEST_EXTENT_M) / 2 + pad
    return [cx - half_x, cx + half_x, cy - half_y, cy + half_y]


def _fit(extent: list[float], ratio: float) -> list[float]:
    """``extent`` grown around its centre to height / width = ``ratio`` (one metre per metre)."""
    x0, x1, y0, y1 = extent
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    dx, dy = x1 - x0, y1 - y0
    if dy / dx < ratio:
        dy = dx * ratio
    else:
        dx = dy / ratio
    return [cx - dx / 2, cx + dx / 2, cy - dy / 2, cy + dy / 2]


def _style_axes(axes: Axes, extent: list[float]) -> None:
    axes.set_xlim(extent[0], extent[1])
    axes.set_ylim(extent[2], extent[3])
    axes.set_aspect("equal", adjustable="datalim")
    axes.set_xticks([])
    axes.set_yticks([])
    axes.set_facecolor("white")
    for spine in axes.spines.values():
        spine.set_edgecolor(FRAME_COLOR)
        spine.set_linewidth(0.8)


# -- drawing -----------------------------------------------------------------------------------
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


def _draw_outline(axes: Axes, webmap: Any, crs: str) -> None:
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


def _draw_layer(axes: Axes, shown: Any, crs: str) -> None:
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
