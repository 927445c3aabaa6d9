"""Grouped bar charts: one group of bars per category, one bar per scenario, zero as the base.

Made for the headroom of a unit's networks under two scenarios: bars above zero are room (blue),
below zero a deficit (red), the first scenario light and hatched, the second solid, so the two
read apart in greyscale too. Each bar carries its value in the report's number format.

Examples
--------
>>> import pandas as pd
>>> frame = pd.DataFrame({"network": ["water", "water", "schools", "schools"],
...                       "scenario": ["a", "b", "a", "b"], "headroom": [10.0, -5.0, 3.0, 1.0]})
>>> figure = bars_figure(frame, category="network", group="scenario", value="headroom",
...                      title="Kaskelen", y_label="residents", lang="en")
>>> [round(p.get_height()) for p in figure.axes[0].patches if p.get_gid()]
[10, 3, -5, 1]
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator

from geo.i18n import N_, check_language
from maps.chart_svg import TEXT_COLOR, chart_style, figure_svg
from maps.charts import GRID_COLOR, _fail, _numbers
from maps.text import format_number

ROOM_COLORS = ("#9ECAE1", "#2171B5")
"""Bars above zero, first and second group (ColorBrewer Blues 3 and 7)."""
DEFICIT_COLORS = ("#FCAE91", "#CB181D")
"""Bars below zero, first and second group (ColorBrewer Reds 3 and 7)."""
HATCHES = ("////", "")
NEUTRAL = ("#D9D9D9", "#636363")
"""The groups' legend swatches: light hatched and dark solid, neither room nor deficit."""


def bars_figure(
    frame: pd.DataFrame,
    *,
    category: str,
    group: str,
    value: str,
    title: str,
    y_label: str,
    lang: str,
    category_labels: Mapping[Any, str] | None = None,
    group_labels: Mapping[Any, str] | None = None,
    room_label: str | None = None,
    deficit_label: str | None = None,
    y_format: str = "{:,.0f}",
    width_in: float = 7.0,
    height_in: float = 3.3,
) -> Figure:
    """Bars of ``value`` per ``category`` (x) and ``group`` (side by side), as a figure.

    Parameters
    ----------
    frame
        One row per (category, group); a missing value leaves its bar out.
    category, group, value
        Columns: the x categories (networks), the bars in each (scenarios, at most two), the
        heights.
    title, y_label
        Chart title and value-axis label, in the report's language.
    lang
        ``ru``, ``kk`` or ``en``: the number format of ticks and bar labels.
    category_labels, group_labels
        Value -> text, in display order; values they do not name follow as they come.
    room_label, deficit_label
        Legend texts of the blue and red colours; no entry if ``None``.
    y_format
        ``str.format`` template of the numbers (English style; ``lang`` localises it).
    width_in, height_in
        Size in inches.

    Returns
    -------
    matplotlib.figure.Figure
        The chart; bar ``j`` of group ``i`` has the gid ``qm-bar-<i>-<j>``.

    Raises
    ------
    geo.errors.LayerSchemaError
        If a column is missing, there are no values, the values are not numbers, there are
        more than two groups, or a (category, group) pair has two rows.
    """
    lang = check_language(lang)
    table = _bar_table(frame, category=category, group=group, value=value, title=title,
                       lang=lang, categories=list(category_labels or ()),
                       groups=list(group_labels or ()))
    cats, groups = list(table.index), list(table.columns)
    category_labels = dict(category_labels or {})
    group_labels = dict(group_labels or {})
    with chart_style():
        figure = Figure(figsize=(width_in, height_in), layout="constrained")
        axes = figure.add_subplot()
        width = 0.8 / len(groups)
        positions = np.arange(len(cats), dtype=float)
        for i, key in enumerate(groups):
            heights = table[key].to_numpy(dtype=float)
            offset = (i - (len(groups) - 1) / 2) * width
            for j, height in enumerate(heights):
                if not np.isfinite(height):
                    continue
                colors = DEFICIT_COLORS if height < 0 else ROOM_COLORS
                (bar,) = axes.bar(positions[j] + offset, height, width=width * 0.92,
                                  color=colors[i], hatch=HATCHES[i], edgecolor="#404040",
                                  linewidth=0.6, zorder=3)
                bar.set_gid(f"qm-bar-{i}-{j}")
                axes.annotate(format_number(height, y_format, lang),
                              (positions[j] + offset, height), xytext=(0, 2 if height >= 0
                                                                      else -2),
                              textcoords="offset points", ha="center",
                              va="bottom" if height >= 0 else "top", fontsize=6.5,
                              color=TEXT_COLOR, zorder=4)
        axes.axhline(0.0, color=TEXT_COLOR, linewidth=0.9, zorder=4)
        axes.set_xticks(positions, [textwrap.fill(category_labels.get(c, str(c)), 14)
                                    for c in cats])
        axes.set_xlim(-0.6, len(cats) - 0.4)
        _value_axis(axes, table, y_label=y_label, y_format=y_format, lang=lang)
        axes.set_title(textwrap.fill(title, width=max(20, int(width_in * 13))), loc="left",
                       fontweight="bold")
        handles = [Patch(facecolor=NEUTRAL[i], hatch=HATCHES[i], edgecolor="#404040",
                         label=group_labels.get(key, str(key))) for i, key in enumerate(groups)]
        if room_label is not None:
            handles.append(Patch(facecolor=ROOM_COLORS[1], label=room_label))
        if deficit_label is not None:
            handles.append(Patch(facecolor=DEFICIT_COLORS[1], label=deficit_label))
        # Scenario titles are long: two columns, filled column first (groups, colours)
        figure.legend(handles=handles, loc="outside lower center",
                      ncols=min(2, len(handles)), frameon=False, columnspacing=1.6)
    return figure


def bars_chart(frame: pd.DataFrame, **options: Any) -> str:
    """:func:`bars_figure` as SVG text (the same input gives the same bytes)."""
    return figure_svg(bars_figure(frame, **options))


def _bar_table(frame: pd.DataFrame, *, category: str, group: str, value: str, title: str,
               lang: str, categories: list[Any], groups: list[Any]) -> pd.DataFrame:
    """Values as a table: categories (rows) by groups (columns), in display order."""
    for column in (category, group, value):
        if column not in frame.columns:
            _fail(N_(
                    "The data of the chart “{title}” has no column “{column}”; its columns are: "
                    "{columns}."), lang=lang, title=title, column=column,
                  columns=", ".join(map(str, frame.columns)))
    values = _numbers(frame[value], column=value, title=title, lang=lang)
    if frame.empty or not np.isfinite(values).any():
        _fail(N_("There is no data for the chart “{title}”."), lang=lang, title=title)
    long = pd.DataFrame({"c": frame[category].to_numpy(), "g": frame[group].to_numpy(),
                         "v": values})
    repeated = long.duplicated(["c", "g"])
    if repeated.any():
        row = long[repeated].iloc[0]
        _fail(N_(
                "In the chart “{title}” “{category}” has more than "
                "one value for “{group}”."),
              lang=lang, title=title, category=row["c"], group=row["g"])
    seen_groups = list(dict.fromkeys(long["g"]))
    if len(seen_groups) > len(ROOM_COLORS):
        _fail(N_(
                "The chart “{title}” can show at most {most} series distinguishably, not {count}: "
                "group them."), lang=lang, title=title, most=len(ROOM_COLORS),
              count=len(seen_groups))
    table = long.pivot(index="c", columns="g", values="v")
    rows = [c for c in categories if c in table.index]
    rows += [c for c in dict.fromkeys(long["c"]) if c not in rows]
    cols = [g for g in groups if g in table.columns]
    cols += [g for g in seen_groups if g not in cols]
    return table.loc[rows, cols]


def _value_axis(axes: Any, table: pd.DataFrame, *, y_label: str, y_format: str,
                lang: str) -> None:
    """Zero always in range, room for the bar labels, localised ticks, a light grid."""
    values = table.to_numpy(dtype=float)
    values = values[np.isfinite(values)]
    low, high = min(0.0, values.min()), max(0.0, values.max())
    span = (high - low) or 1.0
    axes.set_ylim(low - (0.12 * span if low < 0 else 0), high + (0.12 * span if high > 0
                                                                 else 0.05 * span))
    axes.yaxis.set_major_locator(MaxNLocator(nbins=5))
    axes.yaxis.set_major_formatter(FuncFormatter(
        lambda v, _pos: format_number(v, y_format, lang) if abs(v) > 1e-9 else "0"))
    axes.set_ylabel(y_label)
    axes.tick_params(axis="x", length=0, labelsize=8)
    axes.grid(axis="y", color=GRID_COLOR, linewidth=0.8)
    axes.set_axisbelow(True)
    for side in ("top", "right", "bottom"):
        axes.spines[side].set_visible(False)
