"""Small multiples: one small line chart per series, each on its own value scale.

The headroom of a region's networks spans two orders of magnitude (Almaty's water has room
for 2 million residents, its schools run 300,000 short): on one axis the large line flattens
every other one into the zero line. A panel per network keeps every line readable in the
residents it is counted in, with the zero line ("no room left") and the first year of deficit
in each panel; the years are shared, so panels line up. See docs/decisions.md.

Examples
--------
>>> import pandas as pd
>>> frame = pd.DataFrame({"network": ["heat"] * 3 + ["water"] * 3,
...                       "year": [2025, 2026, 2027] * 2,
...                       "headroom": [10.0, 0.0, -10.0, 2e6, 1.9e6, 1.8e6]})
>>> figure = panels_figure(frame, x="year", y="headroom", series="network", title="Headroom",
...                        y_label="residents", lang="en", reference=0.0, marks={"heat": 2027})
>>> [axes.get_title(loc="left") for axes in figure.axes]
['heat', 'water']
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, MaxNLocator

from geo.i18n import check_language
from maps.chart_marks import draw_marks, legend_ring, place_labels
from maps.chart_svg import chart_style, figure_svg
from maps.charts import (
    GRID_COLOR,
    LINE_STYLES,
    MARKERS,
    REFERENCE_COLOR,
    _series_data,
    _series_name,
    _tick_number,
    check_marks,
)
from maps.palettes import categorical

PANEL_HEIGHT_IN = 1.7
"""Height of one row of panels; the title and the legend add :data:`FRAME_HEIGHT_IN`."""
FRAME_HEIGHT_IN = 1.0


def panels_figure(
    frame: pd.DataFrame,
    *,
    x: str,
    y: str,
    series: str,
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
    columns: int | None = None,
) -> Figure:
    """One panel per series, titled by its label, on a grid of shared years.

    Parameters
    ----------
    frame, x, y, series, title, y_label, lang, series_labels, reference, reference_label, \
marks, mark_label, y_format, width_in
        As in :func:`maps.charts.line_figure`; ``series_labels`` titles the panels (in its
        order) instead of a legend, and every panel's value range includes ``reference``.
    columns
        Panels per row; default 3 for five series or more, else 2 (1 for one series).

    Returns
    -------
    matplotlib.figure.Figure
        The panels, one axes each; lines have the gids ``qm-series-<i>``, the reference
        lines ``qm-reference-<i>``, the marks ``qm-mark-<i>`` and their years
        ``qm-mark-<i>-label``.

    Raises
    ------
    geo.errors.LayerSchemaError
        As :func:`maps.charts.line_figure`.
    """
    lang = check_language(lang)
    lines = _series_data(frame, x=x, y=y, series=series, title=title, lang=lang,
                         order=list(series_labels or ()))
    labels = dict(series_labels or {})
    marks = dict(marks or {})
    check_marks(marks, lines, title=title, lang=lang)
    count = len(lines)
    columns = columns or (1 if count == 1 else 3 if count >= 5 else 2)
    rows = math.ceil(count / columns)
    years = sorted({int(year) for line in lines.values() for year in line.index})
    with chart_style():
        figure = Figure(figsize=(width_in, FRAME_HEIGHT_IN + rows * PANEL_HEIGHT_IN),
                        layout="constrained")
        grid = figure.subplots(rows, columns, sharex=True, squeeze=False)
        colors = categorical(count)
        placed = []
        for index, (key, data) in enumerate(lines.items()):
            axes = grid[index // columns][index % columns]
            axes.plot(data.index.to_numpy(dtype=float), data.to_numpy(dtype=float),
                      color=colors[index], linestyle=LINE_STYLES[index % len(LINE_STYLES)],
                      marker=MARKERS[index], markersize=4, markeredgewidth=0.6,
                      markeredgecolor="#222222", linewidth=1.8, zorder=3,
                      gid=f"qm-series-{index}")
            if reference is not None:
                axes.axhline(reference, color=REFERENCE_COLOR, linestyle=(0, (4, 3)),
                             linewidth=1.1, zorder=2, gid=f"qm-reference-{index}")
            _value_range(axes, data, reference)
            axes.set_title(labels.get(key, _series_name(key)), loc="left", fontsize=9.0)
            _style_panel(axes, lang=lang, y_format=y_format, years=years)
            if key in marks:
                placed += draw_marks(axes, {key: marks[key]}, lines, {key: colors[index]},
                                     first_index=list(marks).index(key))
        for spare in range(count, rows * columns):  # an empty cell of the last row
            grid[spare // columns][spare % columns].set_visible(False)
        for axes in grid[-1]:
            axes.xaxis.set_tick_params(labelbottom=True)
        figure.suptitle(title, x=0.01, ha="left", fontweight="bold", fontsize=10.5)
        figure.supylabel(y_label, fontsize=9.0)
        handles = _legend_handles(reference, reference_label, marks, mark_label, y_format, lang)
        if handles:
            figure.legend(handles=handles, loc="outside lower center", ncols=len(handles),
                          frameon=False, handlelength=3.2, columnspacing=1.6)
        place_labels(figure, placed)
    return figure


def panels_chart(frame: pd.DataFrame, **options: Any) -> str:
    """:func:`panels_figure` as SVG text (the same input gives the same bytes)."""
    return figure_svg(panels_figure(frame, **options))


def _value_range(axes: Any, data: pd.Series, reference: float | None) -> None:
    """The panel's values and the reference, with room above for a year label."""
    values = data.to_numpy(dtype=float)
    values = values[np.isfinite(values)]
    if not values.size:  # a line with no value at all: matplotlib's own range
        return
    low = min(values.min(), reference) if reference is not None else values.min()
    high = max(values.max(), reference) if reference is not None else values.max()
    span = (high - low) or max(abs(high), 1.0)
    axes.set_ylim(low - 0.12 * span, high + 0.28 * span)


def _style_panel(axes: Any, *, lang: str, y_format: str, years: list[int]) -> None:
    """Whole years, at most four localised value ticks, a light grid, no box."""
    axes.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=min(6, max(1, len(years)))))
    axes.xaxis.set_major_formatter(FuncFormatter(lambda value, _pos: f"{round(value):d}"))
    axes.yaxis.set_major_locator(MaxNLocator(nbins=4))
    axes.yaxis.set_major_formatter(
        FuncFormatter(lambda value, _pos: _tick_number(value, y_format, lang)))
    axes.tick_params(labelsize=7.5)
    axes.grid(axis="y", color=GRID_COLOR, linewidth=0.8)
    axes.set_axisbelow(True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    if years:
        axes.set_xlim(years[0] - 0.5, years[-1] + 0.5)


def _legend_handles(reference: float | None, reference_label: str | None,
                    marks: Mapping[Any, int], mark_label: str | None, y_format: str,
                    lang: str) -> list[Any]:
    """The figure's legend: the reference line and the ring (the panels name the series)."""
    handles = []
    if reference is not None:
        text = reference_label if reference_label is not None else _tick_number(
            reference, y_format, lang)
        handles.append(Line2D([], [], color=REFERENCE_COLOR, linestyle=(0, (4, 3)),
                              linewidth=1.1, label=text))
    if marks and mark_label is not None:
        ring = legend_ring()
        ring.set_label(mark_label)
        handles.append(ring)
    return handles
