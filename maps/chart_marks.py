"""Marks on a chart's lines (a ring, a drop line, the year) and labels that never collide.

A label goes beside its point where it fits: inside its axes, clear of every label placed
before it. The candidates are the four corners around the point, then the same corners a
label's height further away each time, so several marks on one year stack instead of printing
over one another (four networks of Astana run short in 2025). Placing needs the labels' sizes,
so the figure is laid out once first and then kept as it is: another layout pass could move
the axes after the labels were fitted to them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.text import Annotation

TEXT_COLOR = "#1A1A1A"
RING_STYLE = {"marker": "o", "markersize": 11, "markerfacecolor": "none",
              "markeredgewidth": 1.6, "linestyle": "none"}
GAP_PX = 4.0
"""Room between a label and its point, and between two labels (pixels at the figure's dpi)."""


def draw_marks(axes: Any, marks: Mapping[Any, int], lines: dict[Any, pd.Series],
               colors: Mapping[Any, str], *, first_index: int = 0) -> list[Annotation]:
    """Rings, drop lines and year labels for ``marks`` (series -> year) on ``axes``.

    ``marks`` must name series of ``lines`` and whole years (the caller checks and says so in
    the report's language). Returns the year labels, to be placed by :func:`place_labels`.
    """
    labels = []
    for index, (key, year) in enumerate(marks.items(), start=first_index):
        year = int(year)
        color = colors[key]
        value = lines[key].get(year, math.nan)
        gid = f"qm-mark-{index}"
        if math.isfinite(value):
            # From the point down to the axis, whatever the value range turns out to be: the
            # arrow's foot is in axis coordinates (y = 0 is the bottom of the plot).
            axes.annotate("", xy=(year, 0), xycoords=axes.get_xaxis_transform(),
                          xytext=(year, value), textcoords="data", zorder=2,
                          arrowprops={"arrowstyle": "-", "color": color, "linestyle": ":",
                                      "linewidth": 1.1, "shrinkA": 0, "shrinkB": 0})
            axes.plot([year], [value], color=color, zorder=4, gid=gid, **RING_STYLE)
            anchor, coords = (year, value), "data"
        else:  # no value that year: a line over the whole height still shows when
            axes.axvline(year, color=color, linestyle=":", linewidth=1.1, zorder=2, gid=gid)
            anchor, coords = (year, 1.0), axes.get_xaxis_transform()
        label = axes.annotate(str(year), anchor, xycoords=coords, xytext=(0, 0),
                              textcoords="offset points", ha="left", va="bottom",
                              color=TEXT_COLOR, fontsize=8, zorder=5, gid=f"{gid}-label",
                              bbox={"boxstyle": "round,pad=0.15", "facecolor": "white",
                                    "edgecolor": "none", "alpha": 0.85})
        # Placed inside the axes after layout: it must not widen the axes' margins.
        label.set_in_layout(False)
        labels.append(label)
    return labels


def legend_ring() -> Line2D:
    """The ring of the legend that explains the marks."""
    return Line2D([], [], color=TEXT_COLOR, **RING_STYLE)


def place_labels(figure: Any, labels: list[Annotation]) -> None:
    """Move ``labels`` so that none overlaps another and each lies inside its own axes.

    Lays the figure out once (its layout engine, e.g. constrained) and then keeps that layout,
    so the positions found here are the ones drawn and saved. Labels are placed in the order
    of their points, left to right, then bottom to top.
    """
    if not labels:
        return
    figure.draw_without_rendering()
    figure.set_layout_engine("none")
    renderer = figure._get_renderer()  # the one draw_without_rendering used
    points_per_px = 72.0 / figure.dpi
    placed: list[tuple[float, float, float, float]] = []
    for label in sorted(labels, key=lambda text: tuple(_anchor(text))):
        px, py = _anchor(label)
        box = label.get_window_extent(renderer)
        width, height = box.width, box.height
        frame = label.axes.get_window_extent(renderer)
        limits = (frame.x0 + 1, frame.y0 + 1, frame.x1 - 1, frame.y1 - 1)
        best, best_cost = None, math.inf
        for dx, dy in _candidates(width, height, count=len(labels)):
            candidate = (px + dx, py + dy, px + dx + width, py + dy + height)
            outside = _outside(candidate, limits)
            crowd = sum(_overlap(candidate, other) for other in placed)
            cost = outside * 1e6 + crowd
            if cost < best_cost:
                best, best_cost = (dx, dy), cost
            if cost == 0:
                break
        dx, dy = best
        if best_cost >= 1e6:  # nothing fits inside: push the first corner back in
            dx, dy = _clamp(px + dx, py + dy, width, height, limits)
            dx, dy = dx - px, dy - py
        label.set_position((dx * points_per_px, dy * points_per_px))
        placed.append((px + dx, py + dy, px + dx + width, py + dy + height))


def _anchor(label: Annotation) -> tuple[float, float]:
    """The label's point in display pixels."""
    # draw_marks anchors a label in data coordinates or in a Transform (the x-axis blend)
    coords = label.xycoords
    transform = label.axes.transData if coords == "data" else coords
    x, y = transform.transform(label.xy)
    return float(x), float(y)


def _candidates(width: float, height: float, *, count: int) -> list[tuple[float, float]]:
    """Offsets of a label's lower-left corner from its point: near corners first."""
    step = height + GAP_PX
    offsets = []
    for ring in range(count + 2):
        lift = ring * step
        offsets += [(GAP_PX, GAP_PX + lift), (GAP_PX, -GAP_PX - height - lift),
                    (-GAP_PX - width, GAP_PX + lift), (-GAP_PX - width, -GAP_PX - height - lift)]
    return offsets


def _outside(box: tuple[float, float, float, float],
             limits: tuple[float, float, float, float]) -> float:
    """How far (pixels, summed over the sides) ``box`` reaches beyond ``limits``."""
    x0, y0, x1, y1 = box
    left, bottom, right, top = limits
    return max(0.0, left - x0) + max(0.0, bottom - y0) + max(0.0, x1 - right) + max(0.0, y1 - top)


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> float:
    """Area two boxes share, each grown by half the gap (so touching labels count too)."""
    half = GAP_PX / 2
    width = min(a[2], b[2]) - max(a[0], b[0]) + 2 * half
    height = min(a[3], b[3]) - max(a[1], b[1]) + 2 * half
    return max(0.0, width) * max(0.0, height)


def _clamp(x: float, y: float, width: float, height: float,
           limits: tuple[float, float, float, float]) -> tuple[float, float]:
    """The lower-left corner of a box moved the least way into ``limits``."""
    left, bottom, right, top = limits
    return min(max(x, left), right - width), min(max(y, bottom), top - height)
