"""The report's side of the QGIS styles: its classes and colours, field aliases, unit labels.

So that QGIS shows what the report shows: readiness and the population gap in the report's
classes (:func:`report_classes`, computed by the report's own functions), field names as the
report's column headings (:func:`aliases`) and units labelled by their name
(:func:`labeling`), all in the current language (:func:`geo.i18n.tr`).
"""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET

import numpy as np
import pandas as pd

from geo.i18n import TEXTS, current_language, tr

__all__ = ["aliases", "label_field", "labeling", "report_classes"]


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
    # planning builds on layers: imported here, when a style is made, not when layers loads
    from maps.classify import classify
    from maps.palettes import diverging
    from planning.report.common import symmetric_classes
    from planning.report.flows import LOAD_COLORS
    from planning.report.readiness import CELL_READINESS_BREAKS, READINESS_BREAKS

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


def aliases(frame: pd.DataFrame) -> dict[str, str]:
    """Field aliases in the current language for the columns of ``frame`` that qonys names.

    Examples
    --------
    >>> from geo.i18n import set_language
    >>> set_language("en")
    >>> aliases(pd.DataFrame(columns=["name_kk", "pop_actual", "headroom_heat_actual", "x"]))
    {'name_kk': 'Name (kk)', 'pop_actual': 'Actual population', \
'headroom_heat_actual': 'Headroom: heat, residents'}
    >>> set_language("ru")
    """
    found: dict[str, str] = {}
    for column in map(str, frame.columns):
        text = _alias(column)
        if text:
            found[column] = text
    return found


def _alias(column: str) -> str | None:
    if column.startswith("name_") and len(column) == 7:  # name_ru, name_kk, name_en
        return _name_alias(column[5:])
    for basis in ("actual", "registered"):
        if column == f"readiness_{basis}":
            return tr("col.readiness", basis=tr(f"basis.short_{basis}"))
        if column == f"bottleneck_{basis}":
            return tr("col.bottleneck", basis=tr(f"basis.short_{basis}"))
    match = re.fullmatch(r"headroom_(\w+)_actual", column)
    if match and f"network.{match[1]}" in TEXTS:
        return tr("report.headroom", network=tr(f"network.{match[1]}"))
    key = {"name": "col.name", "region": "col.region", "kind": "col.kind",
           "pop_registered": "col.pop_registered", "pop_actual": "col.pop_actual",
           }.get(column) or f"print.alias.{column}"
    return tr(key) if key in TEXTS else None


def _name_alias(code: str) -> str:
    # "lang" is tr's own keyword: the text's placeholder is filled here
    return TEXTS["print.alias.name"][current_language()].replace("{lang}", code)


def label_field(frame: pd.DataFrame, family: str, layer: str) -> str | None:
    """The column units are labelled by: their name in the current language (not H3 cells,
    which carry their unit's name hundreds of times)."""
    if family != "polygon" or layer.startswith("grid_"):
        return None
    return next((c for c in (f"name_{current_language()}", "name_ru", "name")
                 if c in frame.columns), None)


def labeling(field: str) -> ET.Element:
    """QGIS's simple labelling: the unit's name at its centre, with a white halo."""
    labeling = ET.Element("labeling", {"type": "simple"})
    settings = ET.SubElement(labeling, "settings", {"calloutType": "simple"})
    style = ET.SubElement(settings, "text-style", {
        "fieldName": field, "isExpression": "0", "fontFamily": "DejaVu Sans",
        "fontSize": "8", "fontSizeUnit": "Point", "textColor": "40,40,40,255",
        "textOpacity": "1", "fontWeight": "50", "namedStyle": "Regular"})
    ET.SubElement(style, "text-buffer", {
        "bufferDraw": "1", "bufferSize": "0.7", "bufferSizeUnits": "MM",
        "bufferColor": "255,255,255,255", "bufferOpacity": "0.9", "bufferJoinStyle": "128"})
    ET.SubElement(settings, "placement", {"placement": "1", "placementFlags": "10",
                                          "centroidWhole": "0", "centroidInside": "1",
                                          "fitInPolygonOnly": "0", "priority": "5"})
    ET.SubElement(settings, "rendering", {"obstacle": "1", "obstacleType": "1",
                                          "upsidedownLabels": "0", "limitNumLabels": "0",
                                          "displayAll": "0", "drawLabels": "1"})
    return labeling
