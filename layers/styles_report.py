"""The report's side of the QGIS styles: its classes and colours, field aliases, unit labels.

So that QGIS shows what the report shows: readiness and the population gap in the report's
classes (:func:`report_classes`, computed by the report's own functions), field names as the
report's column headings (:func:`aliases`) and units labelled by their name
(:func:`labeling`), all in the current language (:func:`geo.i18n.tr`).
"""

from __future__ import annotations

import importlib
import re
import xml.etree.ElementTree as ET

import numpy as np
import pandas as pd

from geo.i18n import N_, NP_, _, current_language
from layers.vocabulary import BASIS_SHORT_MESSAGES, NETWORK_MESSAGES

#: The messages of print alias by key, chosen at run time, marked for the catalogue.
PRINT_ALIAS_MESSAGES = {
    "area_km2": N_("Area, km²"),
    "capacity": N_("Capacity"),
    "name": N_("Name ({lang})"),
    "network": N_("Network"),
    "place": N_("Kind of place"),
    "pop_gap": N_("Gap: actual minus registered, persons"),
    "pop_gap_share": N_("Gap, share of the registered population"),
    "unit_id": N_("Unit code"),
}

__all__ = ["aliases", "label_field", "labeling", "report_classes", "use_report_classes"]

#: ``"module:function"`` of the report's classes, set by :func:`use_report_classes`.
_REPORT_CLASSES: str | None = None


def report_classes(values: np.ndarray, *, column: str,
                   layer: str = "") -> tuple[list[float], list[str], list[str]] | None:
    """The report's classes of ``column``: bounds, colours and legend labels.

    The report owns them (:func:`planning.report.qgis_classes.report_classes`: fixed
    readiness breaks, the population gap's symmetric classes); :mod:`planning` names that
    function here with :func:`use_report_classes` when it is imported, so that this floor never
    imports the one above it.

    Returns
    -------
    tuple or None
        ``k + 1`` bounds (the ends open: the largest negative and positive doubles), ``k``
        colours ``#RRGGBB`` and ``k`` labels; ``None`` when no report has named its classes
        (``layers`` used alone), and the style falls back to its quantiles.
    """
    if _REPORT_CLASSES is None:
        return None
    module, __, name = _REPORT_CLASSES.partition(":")
    return getattr(importlib.import_module(module), name)(values, column=column, layer=layer)


def use_report_classes(spec: str | None) -> None:
    """Take the report's classes from ``spec``, ``"module:function"`` (``None``: none)."""
    global _REPORT_CLASSES
    _REPORT_CLASSES = spec


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
            return _("Can take ({basis})", basis=_(BASIS_SHORT_MESSAGES[basis]))
        if column == f"bottleneck_{basis}":
            return _("Bottleneck ({basis})", basis=_(BASIS_SHORT_MESSAGES[basis]))
    match = re.fullmatch(r"headroom_(\w+)_actual", column)
    if match and match[1] in NETWORK_MESSAGES:
        return _("Headroom: {network}, residents", network=_(NETWORK_MESSAGES[match[1]]))
    key = {"name": N_("Unit"), "region": N_("Region"), "kind": NP_("col.kind", "Kind"),
           "pop_registered": N_("Registered population"), "pop_actual": N_("Actual population"),
           }.get(column)
    if key is not None:
        return _(key)
    key = PRINT_ALIAS_MESSAGES.get(column)
    return _(key) if key is not None else None


def _name_alias(code: str) -> str:
    # "lang" is tr's own keyword: the text's placeholder is filled here
    return _("Name ({lang})").replace("{lang}", code)


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
