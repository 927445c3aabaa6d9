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

This module lays a picture out; :mod:`maps.static_draw` draws the data and the outlines on it,
:mod:`maps.static_furniture` everything else (legend, scale bar, north arrow, sources), and
:mod:`maps.static_files` writes the pictures as PNG files and names them.

Examples
--------
>>> import geopandas as gpd
>>> from shapely.geometry import box
>>> from maps.classify import classify
>>> from maps.web_layers import ChoroplethLayer
>>> from maps.webmap import WebMap
>>> gdf = gpd.GeoDataFrame({"pop": [10.0, 20.0]},
...                        geometry=[box(76.0, 43.0, 76.1, 43.1), box(76.1, 43.0, 76.2, 43.1)],
...                        crs="EPSG:4326")
>>> layer = ChoroplethLayer(gdf, column="pop", name="Population",
...                         classes=classify(gdf["pop"], k=2), colors=["#EEEEEE", "#333333"])
>>> webmap = WebMap(layers=[layer], title="Demo")
>>> map_crs(webmap)
'EPSG:32643'
>>> from maps.static_files import figure_png
>>> figure_png(map_figure(webmap, lang="en"))[:8]
b'\\x89PNG\\r\\n\\x1a\\n'
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import matplotlib as mpl
import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from geo.errors import LayerSchemaError
from geo.i18n import _, check_language
from maps.geojson import bounds
from maps.static_draw import draw_layer, draw_outline
from maps.static_furniture import (
    TEXT_COLOR,
    layer_legend,
    map_sources,
    north_arrow,
    notice_box,
    scale_bar,
    sources_text,
    title_texts,
)

FONT = "DejaVu Sans"
"""The one font of the maps: matplotlib ships it, and it has every Kazakh letter."""

FRAME_COLOR = "#999999"

#: matplotlib settings of every static map (:mod:`maps.static_files` saves with them too).
RC = {
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
        msg = _("The map “{title}” has nothing to draw: neither its layers nor its outlines have "
                "any geometry.",
                lang=lang, title=_map_name(webmap))
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
    with mpl.rc_context(RC):
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
        draw_outline(axes, webmap, crs)
        draw_layer(axes, shown, crs)
        scale = scale_bar(axes, extent, map_w, lang)
        north_arrow(axes, extent, crs, lang)
        if webmap.notice:
            notice_box(axes, str(webmap.notice), map_w - scale)
        # text.parse_math is read when a Text is made; no Text may escape it, however made
        for text in figure.findobj(Text):
            text.set_parse_math(False)
    return figure


# -- layout ------------------------------------------------------------------------------------
def _map_name(webmap: Any) -> str:
    return str(webmap.title) if webmap.title else webmap.layers[0].name


def _size_in(artist: Any, renderer: Any) -> tuple[float, float]:
    """Width and height of a drawn artist in inches."""
    box = artist.get_window_extent(renderer)
    dpi = artist.figure.dpi
    return box.width / dpi, box.height / dpi


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


