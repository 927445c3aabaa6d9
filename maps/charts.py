"""Forecast charts for the offline report: matplotlib line charts as SVG in ``<img>`` data URIs.

The report's Content-Security-Policy lets the page load nothing but ``data:`` images and run
nothing but its own scripts, so a chart is an SVG file inside ``<img src="data:...">``: a
browser never runs script in an image, and the page needs no network. Text in the SVG is
drawn as glyph outlines (``svg.fonttype: path``) from DejaVu Sans, which covers Cyrillic and
the Kazakh letters ә ғ қ ң ө ұ ү һ і, so the reader needs no font either.

Lines take the Okabe–Ito colours (:func:`maps.palettes.categorical`) and, for black-and-white
print, a line style and a marker of their own. Numbers on the value axis are written in the
report's language (:func:`maps.text.format_number`); years are plain integers.

The same input gives the same SVG bytes: element ids come from a fixed salt instead of random
ones, and the file carries no date (:mod:`maps.chart_svg` holds the style, the SVG and the
HTML figure that every chart shares).

Examples
--------
>>> import pandas as pd
>>> frame = pd.DataFrame({"year": [2025, 2026, 2027], "residents": [1200, 1350, 1500]})
>>> svg = line_chart(frame, x="year", y="residents", series=None, title="Жители",
...                  y_label="человек", lang="ru")
>>> svg.startswith("<?xml") and svg == line_chart(
...     frame, x="year", y="residents", series=None, title="Жители", y_label="человек",
...     lang="ru")
True
>>> from maps.chart_svg import chart_html
>>> chart_html(svg, alt="<b>", caption=None).startswith('<figure class="qm-chart"><img src="data:')
True
"""

from __future__ import annotations

import logging
import textwrap
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, MaxNLocator

from geo.errors import LayerSchemaError
from geo.i18n import N_, _, check_language
from maps.chart_marks import draw_marks, legend_ring, place_labels
from maps.chart_svg import chart_style, figure_svg
from maps.palettes import OKABE_ITO, categorical
from maps.text import MISSING, format_number, is_missing

log = logging.getLogger(__name__)

MOST_SERIES = len(OKABE_ITO)
"""More lines than colours in the colour-blind-safe palette cannot be told apart."""

# Solid, dashed, dash-dot, dotted: with the markers below every line differs from every other
# in colour, dash and marker, so a chart still reads in greyscale and to colour-blind readers.
LINE_STYLES: tuple[Any, ...] = ("-", (0, (6, 2.5)), (0, (6, 2, 1.5, 2)), (0, (1.5, 1.5)))
MARKERS: tuple[str, ...] = ("o", "s", "^", "D", "v", "P", "X", "*")
REFERENCE_COLOR = "#4D4D4D"
GRID_COLOR = "#E3E3E3"



def line_figure(
    frame: pd.DataFrame,
    *,
    x: str,
    y: str,
    series: str | None,
    title: str,
    y_label: str,
    lang: str,
    series_labels: Mapping[Any, str] | None = None,
    reference: float | None = None,
    reference_label: str | None = None,
    marks: Mapping[Any, int] | None = None,
    mark_label: str | None = None,
    y_format: str = "{:,.0f}",
    width_in: float = 7.0,
    height_in: float = 3.2,
) -> Figure:
    """A line chart as a matplotlib :class:`~matplotlib.figure.Figure` (no pyplot).

    :func:`line_chart` turns it into SVG; callers that want to look at the drawing itself
    (tests, another output format) take the figure. Tick labels exist once the figure is
    drawn, e.g. by ``figure.draw_without_rendering()``.

    Parameters
    ----------
    frame
        One row per (series, year): the columns ``x``, ``y`` and, if given, ``series``.
    x
        Column of the years (whole numbers).
    y
        Column of the values; missing values leave a gap in the line.
    series
        Column whose values split the rows into lines; ``None`` for one line, which is then
        named ``y`` in ``series_labels`` and ``marks``.
    title
        Chart title (plain text, already in the report's language).
    y_label
        Label of the value axis.
    lang
        ``ru``, ``kk`` or ``en``: number format and the axis word for years.
    series_labels
        Series value -> legend text. Its order is the order of the lines; series it does not
        name follow in their order of first appearance, labelled by their value.
    reference
        Value of a dashed horizontal line, e.g. ``1.0`` for a provision that meets demand.
    reference_label
        Legend text of that line; default: the value itself.
    marks
        Series value -> year to mark on that line (e.g. its first deficit year): a ring on the
        point, a dotted drop line to the axis, and the year beside it, placed inside the axes
        and clear of the other years (:func:`maps.chart_marks.place_labels`).
    mark_label
        Legend text that explains the rings (e.g. "first year of deficit"); none if ``None``.
    y_format
        ``str.format`` template of the value-axis numbers, written the English way
        (``"{:,.2f}"`` for ratios); separators follow ``lang``.
    width_in, height_in
        Size of the chart in inches.

    Returns
    -------
    matplotlib.figure.Figure
        The chart. Its series lines have the gids ``qm-series-0``, ``qm-series-1``, …, the
        reference line ``qm-reference`` and the marks ``qm-mark-0``, …

    Raises
    ------
    geo.errors.LayerSchemaError
        (a ``ValueError``) If a column is missing, the frame has no values, the years are not
        whole numbers, the values are not numbers, a series has two values for one year, there
        are more than :data:`MOST_SERIES` series, or a mark names no series.
    """
    lang = check_language(lang)
    lines = _series_data(frame, x=x, y=y, series=series, title=title, lang=lang,
                         order=list(series_labels or ()))
    labels = dict(series_labels or {})
    with chart_style():
        figure = Figure(figsize=(width_in, height_in), layout="constrained")
        axes = figure.add_subplot()
        handles: list[Any] = []
        colors = categorical(len(lines)) if lines else []
        drawn: dict[Any, Line2D] = {}
        for index, (key, data) in enumerate(lines.items()):
            (line,) = axes.plot(
                data.index.to_numpy(dtype=float), data.to_numpy(dtype=float),
                color=colors[index], linestyle=LINE_STYLES[index % len(LINE_STYLES)],
                marker=MARKERS[index], markersize=4.5, markeredgewidth=0.6,
                markeredgecolor="#222222", linewidth=1.8, zorder=3,
                label=labels.get(key, _series_name(key)), gid=f"qm-series-{index}",
            )
            handles.append(line)
            drawn[key] = line
        if reference is not None:
            handles.append(axes.axhline(
                reference, color=REFERENCE_COLOR, linestyle=(0, (4, 3)), linewidth=1.2,
                zorder=2, gid="qm-reference",
                label=(reference_label if reference_label is not None
                       else format_number(reference, y_format, lang)),
            ))
        labels_to_place = []
        if marks:
            check_marks(marks, lines, title=title, lang=lang)
            labels_to_place = draw_marks(axes, marks, lines,
                                         {key: line.get_color() for key, line in drawn.items()})
            if mark_label is not None:
                ring = legend_ring()
                ring.set_label(mark_label)
                handles.append(ring)
        _style_axes(axes, title=title, y_label=y_label, lang=lang, y_format=y_format,
                    width_in=width_in)
        # One unlabelled line needs no legend: the value axis already says what it is.
        single_unnamed = series is None and y not in labels
        legend_handles = handles[1:] if single_unnamed else handles
        if legend_handles:
            figure.legend(handles=legend_handles, loc="outside lower center",
                          ncols=min(3, len(legend_handles)), frameon=False,
                          handlelength=3.2, columnspacing=1.6)
        place_labels(figure, labels_to_place)
    return figure


def line_chart(
    frame: pd.DataFrame,
    *,
    x: str,
    y: str,
    series: str | None,
    title: str,
    y_label: str,
    lang: str,
    series_labels: Mapping[Any, str] | None = None,
    reference: float | None = None,
    reference_label: str | None = None,
    marks: Mapping[Any, int] | None = None,
    mark_label: str | None = None,
    y_format: str = "{:,.0f}",
    width_in: float = 7.0,
    height_in: float = 3.2,
) -> str:
    """A line chart of yearly values as SVG text, for :func:`chart_html`.

    Parameters
    ----------
    frame, x, y, series, title, y_label, lang, series_labels, reference, reference_label, \
marks, mark_label, y_format, width_in, height_in
        As in :func:`line_figure`.

    Returns
    -------
    str
        A standalone SVG document; the same input always gives the same text.

    Raises
    ------
    geo.errors.LayerSchemaError
        As :func:`line_figure`.
    """
    figure = line_figure(
        frame, x=x, y=y, series=series, title=title, y_label=y_label, lang=lang,
        series_labels=series_labels, reference=reference, reference_label=reference_label,
        marks=marks, mark_label=mark_label, y_format=y_format, width_in=width_in,
        height_in=height_in,
    )
    return figure_svg(figure)


def _series_data(
    frame: pd.DataFrame, *, x: str, y: str, series: str | None, title: str, lang: str,
    order: list[Any],
) -> dict[Any, pd.Series]:
    """Series value (or ``y`` for one line) -> values indexed by year, years ascending."""
    if not isinstance(frame, pd.DataFrame):
        msg = f"line_chart() wants a pandas DataFrame, not {type(frame).__name__}."
        raise TypeError(msg)
    for column in (x, y) if series is None else (x, y, series):
        if column not in frame.columns:
            columns = ", ".join(map(str, frame.columns)) or MISSING
            _fail(N_(
                    "The data of the chart “{title}” has no column “{column}”; its columns are: "
                    "{columns}."), lang=lang, title=title, column=column, columns=columns)
    if frame.empty:
        _fail(N_("There is no data for the chart “{title}”."), lang=lang, title=title)
    years = _numbers(frame[x], column=x, title=title, lang=lang)
    whole = np.isfinite(years) & (years == np.round(years))
    if not whole.all():
        value = frame[x][~whole].iloc[0]
        _fail(N_(
                "Column “{column}” of the chart “{title}” "
                "must hold whole years, not {value}."),
              lang=lang, title=title, column=x, value=value)
    values = _numbers(frame[y], column=y, title=title, lang=lang)
    if not np.isfinite(values).any():
        _fail(N_("There is no data for the chart “{title}”."), lang=lang, title=title)
    table = pd.DataFrame({"year": years.astype("int64"), "value": values})
    if series is None:
        groups: list[tuple[Any, pd.DataFrame]] = [(y, table)]
    else:
        table["key"] = frame[series].to_numpy()
        groups = [(key, part) for key, part in table.groupby("key", sort=False, dropna=False)]
    if len(groups) > MOST_SERIES:
        _fail(N_(
                "The chart “{title}” can show at most {most} series distinguishably, not {count}: "
                "group them."), lang=lang, title=title, most=MOST_SERIES, count=len(groups))
    lines: dict[Any, pd.Series] = {}
    for key, part in groups:
        repeated = part["year"].duplicated()
        if repeated.any():
            _fail(N_(
                    "In the chart “{title}” the series “{series}” has more than one value for "
                    "{year}."), lang=lang, title=title, series=_series_name(key),
                  year=int(part["year"][repeated].iloc[0]))
        lines[key] = part.set_index("year")["value"].sort_index()
    # The caller's order first (e.g. the report's order of networks), then the rest as they come.
    first = [key for key in order if key in lines]
    return {key: lines[key] for key in [*first, *(k for k in lines if k not in first)]}


def _numbers(values: pd.Series, *, column: str, title: str, lang: str) -> np.ndarray:
    """``values`` as floats (missing values NaN), or a localised error naming a non-number."""
    if pd.api.types.is_bool_dtype(values):
        _fail(N_(
                "Column “{column}” of the chart "
                "“{title}” must hold numbers, not {value}."), lang=lang, title=title, column=column,
              value=values.iloc[0])
    converted = pd.to_numeric(values, errors="coerce")
    bad = converted.isna() & ~values.map(is_missing).astype(bool)
    if bad.any():
        _fail(N_(
                "Column “{column}” of the chart "
                "“{title}” must hold numbers, not {value}."), lang=lang, title=title, column=column,
              value=values[bad].iloc[0])
    return converted.to_numpy(dtype=float, na_value=np.nan)


def check_marks(marks: Mapping[Any, int], lines: dict[Any, pd.Series], *, title: str,
                lang: str) -> None:
    """Refuse, in the report's language, a mark on no series or on a year that is not whole."""
    known = ", ".join(_series_name(key) for key in lines)
    for key, year in marks.items():
        if key not in lines:
            _fail(N_(
                    "The chart “{title}” has no series “{series}” to mark; its series are: "
                    "{known}."), lang=lang, title=title, series=_series_name(key),
                  known=known)
        if not float(year).is_integer():
            _fail(N_(
                    "Column “{column}” of the chart “{title}” must "
                    "hold whole years, not {value}."),
                  lang=lang, title=title, column=_series_name(key),
                  value=year)


def _style_axes(
    axes: Any, *, title: str, y_label: str, lang: str, y_format: str, width_in: float,
) -> None:
    """Title, axis words, integer years, localised value ticks, a light grid."""
    # Wrap long titles to the chart's width (about 13 title characters an inch in DejaVu Sans).
    axes.set_title(textwrap.fill(title, width=max(20, int(width_in * 13))), loc="left",
                   fontweight="bold")
    axes.set_xlabel(_("year", lang=lang))
    axes.set_ylabel(y_label)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.xaxis.set_major_formatter(FuncFormatter(lambda value, _pos: f"{round(value):d}"))
    axes.yaxis.set_major_formatter(
        FuncFormatter(lambda value, _pos: _tick_number(value, y_format, lang)))
    axes.grid(axis="y", color=GRID_COLOR, linewidth=0.8)
    axes.set_axisbelow(True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)


def _tick_number(value: float, fmt: str, lang: str) -> str:
    """A tick value in ``lang``'s format; a value that rounds to zero gets no minus sign."""
    text = format_number(value, fmt, lang)
    if not any(char in "123456789" for char in text):
        text = text.replace("\u2212", "")
    return text


def _series_name(key: Any) -> str:
    """A series value as text: missing values as an em dash."""
    return MISSING if is_missing(key) else str(key)


def _fail(key: str, *, lang: str, **values: Any) -> None:
    """Raise the localised :class:`LayerSchemaError` of ``key``."""
    msg = _(key, lang=lang, **values)
    raise LayerSchemaError(msg, [msg])
