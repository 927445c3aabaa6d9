"""What every chart shares: its matplotlib style, its SVG text and its HTML ``<figure>``.

The charts (:mod:`maps.charts`, :mod:`maps.chart_bars`, :mod:`maps.chart_panels`) draw with
:func:`chart_style` in force and save with :func:`figure_svg`; :func:`chart_html` puts the SVG
into an ``<img>`` data URI, which the report's Content-Security-Policy allows and in which a
browser never runs script.

Examples
--------
>>> chart_html("<svg/>", alt="<b>").startswith('<figure class="qm-chart"><img src="data:')
True
"""

from __future__ import annotations

import base64
import io
from typing import Any

import matplotlib as mpl
from matplotlib.figure import Figure

from maps.text import escape

FONT = "DejaVu Sans"
"""The one font of every chart: matplotlib ships it, and it has every Kazakh letter."""

TEXT_COLOR = "#1A1A1A"

# Read at drawing and saving time from matplotlib's rcParams, so they are set only for the
# while of one chart (see chart_style) and put back after it.
STYLE = {
    "font.family": "sans-serif",
    "font.sans-serif": [FONT],
    "font.size": 9.0,
    "axes.titlesize": 10.5,
    "axes.labelsize": 9.0,
    "text.color": TEXT_COLOR,
    "axes.labelcolor": TEXT_COLOR,
    "xtick.color": TEXT_COLOR,
    "ytick.color": TEXT_COLOR,
    "svg.fonttype": "path",
    # A fixed salt instead of a random one: the ids of clip paths and glyphs, and so the bytes,
    # repeat from run to run.
    "svg.hashsalt": "qonys-charts",
    "svg.id": None,
    "path.simplify": True,
}


def chart_style() -> Any:
    """A context with the charts' fonts and SVG settings; matplotlib's previous ones return."""
    return mpl.rc_context(STYLE)


def figure_svg(figure: Figure) -> str:
    """``figure`` as SVG text with text as outlines, no date and fixed element ids.

    Parameters
    ----------
    figure
        A figure, e.g. from :func:`maps.charts.line_figure`.

    Returns
    -------
    str
        The SVG document.
    """
    buffer = io.BytesIO()
    with chart_style():
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue().decode("utf-8")


def chart_html(svg: str, *, alt: str, caption: str | None = None) -> str:
    """A ``<figure class="qm-chart">`` that shows ``svg`` as an ``<img>`` with a data URI.

    Parameters
    ----------
    svg
        SVG text, e.g. from :func:`maps.charts.line_chart`.
    alt
        Text alternative for readers who cannot see the chart (plain text, escaped here).
    caption
        Caption under the chart (plain text, escaped here); none if ``None``.

    Returns
    -------
    str
        The HTML fragment, for :meth:`maps.report.Report.add_html`; the page needs
        ``maps/web/charts.css`` in its styles.

    Raises
    ------
    ValueError
        If ``svg`` is not an SVG document.
    """
    if "<svg" not in svg[:2000]:
        msg = f"chart_html() wants SVG text, not {svg[:40]!r}…"
        raise ValueError(msg)
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    figcaption = "" if caption is None else f"<figcaption>{escape(caption)}</figcaption>"
    return (
        f'<figure class="qm-chart"><img src="data:image/svg+xml;base64,{data}" '
        f'alt="{escape(alt)}">{figcaption}</figure>'
    )
