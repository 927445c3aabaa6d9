"""The report's classes and colours as the GeoPackage's QGIS styles use them.

:mod:`layers.styles` writes a style with every layer it stores; for the report's own columns it
asks this module (named there by :mod:`planning` at import, through
:func:`layers.styles_report.use_report_classes`) so that QGIS shows what the report shows.
"""

from __future__ import annotations

import sys

import numpy as np
import pandas as pd

from maps.classify import classify
from maps.palettes import diverging
from planning.report.common import symmetric_classes
from planning.report.flows import LOAD_COLORS
from planning.report.readiness import CELL_READINESS_BREAKS, READINESS_BREAKS


def report_classes(values: np.ndarray, *, column: str,
                   layer: str = "") -> tuple[list[float], list[str], list[str]]:
    """The report's classes of ``column``: bounds, colours and legend labels.

    Readiness: the report's fixed breaks in residents
    (:data:`planning.report.readiness.READINESS_BREAKS`, or ``CELL_READINESS_BREAKS`` for an
    H3 grid layer ``grid_*``) and its RdBu colours; the population gap: the report's seven
    classes symmetric about zero (:func:`planning.report.common.symmetric_classes`) in its
    colours. The labels are the report's legend's, in the current language.

    Returns
    -------
    tuple
        ``k + 1`` bounds (the ends open: the largest negative and positive doubles), ``k``
        colours ``#RRGGBB`` and ``k`` labels.
    """
    numbers = pd.Series(np.asarray(values, dtype=float))
    if column == "pop_gap":
        classes, fmt = symmetric_classes(numbers)
        colors = list(LOAD_COLORS)
    else:
        breaks = CELL_READINESS_BREAKS if layer.startswith("grid_") else READINESS_BREAKS
        classes, fmt = classify(numbers, scheme="user", breaks=breaks), "{:,.0f}"
        colors = diverging("RdBu", len(breaks) + 1)[:classes.k]
    # The report puts values beyond the ends in the first and last class (Classes.assign), so
    # the ends are open here too: a value written later is still drawn, in the report's colour.
    bounds = [-sys.float_info.max, *classes.bins[:-1], sys.float_info.max]
    return [float(b) for b in bounds], colors[:classes.k], classes.labels(None, fmt)
