"""Map furniture of the static PNG maps (:mod:`maps.static`): everything but the data.

The title and the layer's name above the map, the sources under it, the legend beside it, and
on the map face a scale bar of a round length (lower right), an arrow to true north (upper
right) and the web map's notice in a yellowish box (lower left). The colours and sizes here
are the web map's, so that a printed map reads like the one on screen; :mod:`maps.static`
shares them for the data it draws.

Examples
--------
>>> scale_length(40_000.0)  # a fifth is 8 km: 10 km is 1.25× off, 5 km 1.6×
10000.0
"""

from __future__ import annotations

import logging
import math
import textwrap
from collections.abc import Sequence
from typing import Any

import numpy as np
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.text import Text
from pyproj import Transformer

from geo.i18n import _
from maps.text import format_number

log = logging.getLogger(__name__)

PX_TO_PT = 72.0 / 96.0
"""A CSS pixel of the web map in typographic points, so line widths and radii match it."""

TEXT_COLOR = "#1A1A1A"
MUTED_COLOR = "#444444"
EDGE_COLOR = "#737373"
# The web map's .qm-notice box (maps/runtime.py): pale yellow, a gold border, dark brown text.
NOTICE_FACE = "#FFF8DB"
NOTICE_EDGE = "#C9A227"
NOTICE_TEXT = "#3D3000"

# Mean advance of a DejaVu Sans character in em, a little generous, to wrap text by count.
_CHAR_EM = 0.62
_TITLE_PT, _SUBTITLE_PT, _LEGEND_PT, _SOURCES_PT, _NOTICE_PT = 12.0, 10.0, 8.0, 7.0, 8.0
_SOURCES_MIN_PT = 5.0  # the smallest type the one-line sources shrink to
_LEGEND_LABEL_CHARS = 32
_SCALE_SHARE = 0.2  # the scale bar is a round length near this share of the map's width
_SCALE_BAR_PT = 3.5
# Default swatch sizes of line and point legends (pixels), as in maps.legend.legend_html.
_DEFAULT_SWATCH_PX = {"line": 3.0, "point": 6.0}


# -- around the map ----------------------------------------------------------------------------
def title_texts(figure: Figure, webmap: Any, shown: Any, width_in: float) -> list[Text]:
    """The map's title in bold and the layer's name under it, or the layer's name alone.

    Parameters
    ----------
    figure
        The figure to put the texts on.
    webmap
        A :class:`maps.webmap.WebMap`.
    shown
        The layer of ``webmap`` the figure draws.
    width_in
        Width the texts are wrapped to, in inches.

    Returns
    -------
    list[matplotlib.text.Text]
        The texts (gids ``qm-title`` and ``qm-layer-name``), top aligned in inches of the
        figure at its origin, for the caller to place.
    """
    lines = [(str(webmap.title), "qm-title"), (shown.name, "qm-layer-name")] if webmap.title \
        else [(shown.name, "qm-title")]
    texts = []
    for index, (line, gid) in enumerate(lines):
        size = _TITLE_PT if index == 0 else _SUBTITLE_PT
        texts.append(figure.text(
            0, 0, _wrap(line, width_in, size), transform=figure.dpi_scale_trans, ha="left",
            va="top", fontsize=size, fontweight="bold" if index == 0 else "normal",
            color=TEXT_COLOR if index == 0 else MUTED_COLOR, gid=gid,
        ))
    return texts


def sources_text(figure: Figure, sources: Sequence[str], lang: str,
                 width_in: float) -> Text | None:
    """The sources in one line after a heading in ``lang``: smaller type rather than two lines.

    Parameters
    ----------
    figure
        The figure to put the text on.
    sources
        Where the data come from (plain text, one item each); blank items are left out.
    lang
        Language of the heading.
    width_in
        Width the text is wrapped to, in inches.

    Returns
    -------
    matplotlib.text.Text or None
        The text (gid ``qm-sources``), bottom aligned in inches of the figure at its origin,
        for the caller to place; ``None`` if there is no source.
    """
    items = [str(s).strip() for s in sources if str(s).strip()]
    if not items:
        return None
    line = " ".join(_("Sources: {sources}", lang=lang, sources="; ".join(items)).split())
    # One line under the map (the full list is the report's and the PDF's): the type shrinks
    # to fit down to a legible size; only a credit longer than that wraps, never cut, since
    # the licences ask for the whole credit.
    text = figure.text(0, 0, line, transform=figure.dpi_scale_trans, ha="left", va="bottom",
                       fontsize=_SOURCES_PT, color=MUTED_COLOR, gid="qm-sources")
    renderer = figure.canvas.get_renderer()
    wide = text.get_window_extent(renderer).width / figure.dpi
    if wide > width_in:
        size = max(_SOURCES_MIN_PT, _SOURCES_PT * width_in / wide * 0.98)
        text.set_fontsize(size)
        if size == _SOURCES_MIN_PT:
            text.set_text(_wrap(line, width_in, size))
    return text


def layer_legend(figure: Figure, shown: Any, lang: str) -> Legend:
    """The layer's legend: its title and one swatch per row, shaped as on the web map.

    Parameters
    ----------
    figure
        The figure to put the legend on.
    shown
        The layer, with ``legend_rows``, ``legend_shape``, ``legend_sizes`` and
        ``legend_title`` as in :mod:`maps.webmap`.
    lang
        Language of the rows.

    Returns
    -------
    matplotlib.legend.Legend
        The legend (gid ``qm-legend``), its upper left corner anchored in inches of the
        figure at the origin, for the caller to move with ``set_bbox_to_anchor``.
    """
    rows = shown.legend_rows(lang)
    shape = shown.legend_shape
    sizes = shown.legend_sizes()
    if sizes is None or len(sizes) != len(rows):
        sizes = [_DEFAULT_SWATCH_PX.get(shape, 0.0)] * len(rows)
    alpha = 1.0 if shape == "fill" else shown.fill_opacity
    handles: list[Any] = []
    for (color, _label), size in zip(rows, sizes, strict=True):
        if shape == "line":
            handles.append(Line2D([], [], color=color, alpha=alpha,
                                  linewidth=max(1.0, size) * PX_TO_PT, solid_capstyle="butt"))
        elif shape == "point":
            handles.append(Line2D([], [], linestyle="none", marker="o", alpha=alpha,
                                  markersize=2 * max(1.0, size) * PX_TO_PT,
                                  markerfacecolor=color, markeredgecolor="#333333",
                                  markeredgewidth=0.5))
        else:
            handles.append(Patch(facecolor=color, edgecolor=EDGE_COLOR, linewidth=0.6))
    biggest = max([s * (2 if shape == "point" else 1) * PX_TO_PT for s in sizes] or [0.0])
    labels = [textwrap.fill(label, _LEGEND_LABEL_CHARS) for _color, label in rows]
    legend = figure.legend(
        handles, labels, loc="upper left", bbox_to_anchor=(0, 0),
        bbox_transform=figure.dpi_scale_trans, frameon=False, borderpad=0.0,
        borderaxespad=0.0, alignment="left", fontsize=_LEGEND_PT,
        title=textwrap.fill(shown.legend_title, _LEGEND_LABEL_CHARS),
        title_fontsize=_LEGEND_PT + 0.5,
        handlelength=2.6 if shape == "line" else 2.0,
        handleheight=max(0.9, biggest / _LEGEND_PT), labelspacing=0.55,
    )
    legend.set_gid("qm-legend")
    legend.get_title().set_fontweight("bold")
    return legend


# -- on the map face ---------------------------------------------------------------------------
def scale_length(width_m: float) -> float:
    """The round length (1, 2 or 5 × 10ⁿ metres) nearest, by ratio, to a fifth of ``width_m``.

    Examples
    --------
    >>> scale_length(16_500.0)  # a fifth is 3.3 km: 5 km is 1.52× off, 2 km 1.65×
    5000.0
    >>> scale_length(9_000.0)
    2000.0
    """
    target = _SCALE_SHARE * width_m
    exponent = math.floor(math.log10(target))
    candidates = [m * 10.0 ** e for e in (exponent - 1, exponent, exponent + 1)
                  for m in (1, 2, 5)]
    return min(candidates, key=lambda c: abs(math.log(c / target)))


def scale_bar(axes: Axes, extent: list[float], map_w: float, lang: str) -> float:
    """A bar of a round length in the lower right corner; returns the inches it takes.

    Parameters
    ----------
    axes
        The map, in metres.
    extent
        ``[xmin, xmax, ymin, ymax]`` of the map in metres.
    map_w
        Width of the map in inches.
    lang
        Language of the bar's label.

    Returns
    -------
    float
        Width in inches the bar and its margin take from the right edge of the map.
    """
    width_m = extent[1] - extent[0]
    length = scale_length(width_m)
    per_inch = width_m / map_w
    right = extent[1] - 0.2 * per_inch
    bottom = extent[2] + 0.2 * per_inch
    height = _SCALE_BAR_PT / 72 * per_inch
    axes.add_patch(Rectangle((right - length, bottom), length, height, facecolor=TEXT_COLOR,
                             edgecolor="none", zorder=6, gid="qm-scale-bar",
                             path_effects=_halo(2.0)))
    axes.text(right - length / 2, bottom + height + 0.04 * per_inch, _length_label(length, lang),
              ha="center", va="bottom", fontsize=8, color=TEXT_COLOR, zorder=6,
              gid="qm-scale-label", path_effects=_halo())
    return length / per_inch + 0.5


def north_arrow(axes: Axes, extent: list[float], crs: str, lang: str) -> None:
    """An arrow to true north (UTM's grid north is off by up to ~3°) in the upper right.

    Parameters
    ----------
    axes
        The map, in metres of ``crs``, already placed on its figure.
    extent
        ``[xmin, xmax, ymin, ymax]`` of the map in metres.
    crs
        The map's projected CRS.
    lang
        Language of the letter at the arrow's tip.
    """
    _x0, x1, y0, y1 = extent
    per_inch_y = (y1 - y0) / (axes.get_position().height * axes.figure.get_figheight())
    base = np.array([x1 - 0.35 * per_inch_y, y1 - 0.75 * per_inch_y])
    to_lonlat = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
    to_map = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
    lon, lat = to_lonlat.transform(*base)
    north = np.array(to_map.transform(lon, min(lat + 0.01, 89.99))) - base
    direction = north / np.hypot(*north)
    tip = base + direction * 0.4 * per_inch_y
    axes.annotate("", xy=tuple(tip), xytext=tuple(base), zorder=6,
                  arrowprops={"arrowstyle": "-|>,head_length=0.7,head_width=0.35",
                              "color": TEXT_COLOR, "linewidth": 1.5, "shrinkA": 0,
                              "shrinkB": 0, "path_effects": _halo(3.0)})
    letter = tip + direction * 0.05 * per_inch_y
    axes.text(letter[0], letter[1], _("N", lang=lang), ha="center",
              va="bottom", fontsize=10, fontweight="bold", color=TEXT_COLOR, zorder=6,
              gid="qm-north", path_effects=_halo())


def notice_box(axes: Axes, notice: str, room_in: float) -> None:
    """The web map's notice as a yellowish box in the lower left corner of the map face.

    Parameters
    ----------
    axes
        The map.
    notice
        The notice, plain text.
    room_in
        Width in inches left beside the scale bar; the text is wrapped to fit it.
    """
    axes.text(0.012, 0.018, _wrap(notice, max(1.2, room_in - 0.3), _NOTICE_PT),
              transform=axes.transAxes, ha="left", va="bottom", fontsize=_NOTICE_PT,
              fontweight="bold", color=NOTICE_TEXT, zorder=7, gid="qm-notice",
              bbox={"boxstyle": "round,pad=0.4,rounding_size=0.25", "facecolor": NOTICE_FACE,
                    "edgecolor": NOTICE_EDGE, "linewidth": 0.8})


# -- helpers -----------------------------------------------------------------------------------
def _wrap(text: str, width_in: float, size_pt: float) -> str:
    """``text`` broken into lines that fit ``width_in`` at ``size_pt`` (no-break spaces hold)."""
    chars = max(12, int(width_in * 72 / (size_pt * _CHAR_EM)))
    return "\n".join(textwrap.fill(part, chars) if part else "" for part in text.split("\n"))


def _length_label(length_m: float, lang: str) -> str:
    if length_m >= 1000:
        return _("{value} km", lang=lang, value=format_number(length_m / 1000, "{:,.0f}", lang))
    return _("{value} m", lang=lang, value=format_number(length_m, "{:,.0f}", lang))


def _halo(width: float = 2.5) -> list[Any]:
    return [patheffects.withStroke(linewidth=width, foreground="white")]


def map_sources(webmap: Any, sources: Sequence[str] = ()) -> list[str]:
    """What the sources block under a static map lists: the map's attribution, then ``sources``.

    Blank and repeated items are left out.

    Examples
    --------
    >>> class Map:
    ...     attribution = "Data: CC BY 4.0"
    >>> map_sources(Map(), ["BNS", " ", "Data: CC BY 4.0"])
    ['Data: CC BY 4.0', 'BNS']
    """
    items: list[str] = []
    for item in (getattr(webmap, "attribution", None), *sources):
        text = str(item).strip() if item is not None else ""
        if text and text not in items:
            items.append(text)
    return items


def png_metadata(webmap: Any, sources: Sequence[str] = ()) -> dict[str, str]:
    """PNG text chunks of a static map: its title (``Title``), sources (``Source``) and the
    notice on its face (``Warning``: schematic geometry, estimated figures).

    The same words as on the picture, so that a program (or a search) reads them without
    reading the pixels.
    """
    title = webmap.title or webmap.layers[0].name
    metadata = {"Title": str(title)}
    if getattr(webmap, "notice", None):
        metadata["Warning"] = " ".join(str(webmap.notice).split())
    items = map_sources(webmap, sources)
    if items:
        metadata["Source"] = "; ".join(items)
    return metadata
