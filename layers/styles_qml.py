"""The QML of a QGIS style: its document, renderers and symbols.

:mod:`layers.styles` decides what each layer looks like (which column, classes, colours and
shapes); this module writes it as QGIS 3.22's ``renderer-v2`` XML: :func:`qml_document` around a
renderer (:func:`single_renderer`, :func:`graduated_renderer`, :func:`categorized_renderer`)
of symbols (:func:`fill_symbol`, :func:`marker_symbol`, :func:`line_symbol`).
"""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from collections.abc import Mapping

from geo.i18n import N_, _
from layers.styles_report import labeling
from layers.vocabulary import NETWORK_MESSAGES

#: The messages of styles value by key, chosen at run time, marked for the catalogue.
STYLES_VALUE_MESSAGES = {
    "city": N_("city"),
    "electricity": N_("electricity"),
    "gas": N_("gas"),
    "hamlet": N_("hamlet"),
    "hospital": N_("hospital"),
    "kindergarten": N_("kindergarten"),
    "polyclinic": N_("polyclinic"),
    "school": N_("school"),
    "town": N_("town"),
    "village": N_("village"),
}

QGIS_VERSION = "3.22.0"  # the oldest QGIS whose QML this follows (Debian 12's is 3.22)
DOCTYPE = "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>"
#: The outline of filled polygons.
OUTLINE = "#4D4D4D"
_GEOMETRY_TYPE = {"point": "0", "line": "1", "polygon": "2"}


def qml_document(renderer: ET.Element, family: str, *,
                 aliases: Mapping[str, str] | None = None,
                 label_field: str | None = None) -> str:
    """The QML document of a style: the renderer, its labels and the fields' aliases."""
    root = ET.Element("qgis", {"version": QGIS_VERSION,
                               "styleCategories": "Symbology|Labeling|Fields",
                               "labelsEnabled": "1" if label_field else "0"})
    root.append(renderer)
    if label_field:
        root.append(labeling(label_field))
    if aliases:
        holder = ET.SubElement(root, "aliases")
        for field, name in aliases.items():
            ET.SubElement(holder, "alias", {"field": field, "name": name})
    for tag, text in (("blendMode", "0"), ("featureBlendMode", "0"), ("layerOpacity", "1"),
                      ("layerGeometryType", _GEOMETRY_TYPE[family])):
        ET.SubElement(root, tag).text = text
    ET.indent(root)
    return f"{DOCTYPE}\n{ET.tostring(root, encoding='unicode')}\n"


def _renderer(kind: str, **extra: str) -> ET.Element:
    return ET.Element("renderer-v2", {"type": kind, **extra, "symbollevels": "0",
                                      "forceraster": "0", "enableorderby": "0",
                                      "referencescale": "-1"})


def _finish(renderer: ET.Element, symbols: list, method: ET.Element | None = None):
    holder = ET.SubElement(renderer, "symbols")
    for index, (kind, layer_class, props) in enumerate(symbols):
        symbol = ET.SubElement(holder, "symbol", {"name": str(index), "type": kind, "alpha": "1",
                                                  "clip_to_extent": "1", "force_rhr": "0"})
        layer = ET.SubElement(symbol, "layer", {"class": layer_class, "enabled": "1",
                                                "locked": "0", "pass": "0"})
        options = ET.SubElement(layer, "Option", {"type": "Map"})
        for key, value in props.items():
            ET.SubElement(options, "Option", {"name": key, "type": "QString", "value": value})
        for key, value in props.items():  # the older form, which QGIS 3.22 still writes too
            ET.SubElement(layer, "prop", {"k": key, "v": value})
    if method is not None:
        renderer.append(method)
    ET.SubElement(renderer, "rotation")
    ET.SubElement(renderer, "sizescale")
    return renderer


def single_renderer(symbol) -> ET.Element:
    """One symbol for every feature."""
    return _finish(_renderer("singleSymbol"), [symbol])


def graduated_renderer(column: str, bounds: list[float], symbols: list, *, method: str,
                       size: bool = False, labels: list[str] | None = None) -> ET.Element:
    """A symbol per class of ``column`` between consecutive ``bounds`` (colour, or width when
    ``size``); legend labels ``labels`` or the bounds."""
    renderer = _renderer("graduatedSymbol", attr=column,
                         graduatedMethod="GraduatedSize" if size else "GraduatedColor")
    ranges = ET.SubElement(renderer, "ranges")
    for index, (lower, upper) in enumerate(itertools.pairwise(bounds)):
        # repr: the shortest text that reads back as the same double, so min and max stay in
        ET.SubElement(ranges, "range", {"lower": repr(lower), "upper": repr(upper),
                                        "symbol": str(index), "render": "true",
                                        "label": labels[index] if labels else
                                        f"{_number(lower)} – {_number(upper)}"})
    classification = ET.Element("classificationMethod", {"id": method})
    ET.SubElement(classification, "symmetricMode", {"enabled": "0", "symmetrypoint": "0",
                                                    "astride": "0"})
    ET.SubElement(classification, "labelFormat", {"format": "%1 – %2", "labelprecision": "0",
                                                  "trimtrailingzeroes": "1"})
    ET.SubElement(ET.SubElement(classification, "parameters"), "Option")
    ET.SubElement(classification, "extraInformation")
    return _finish(renderer, symbols, classification)


def categorized_renderer(column: str, values: list[str], symbols: list, other) -> ET.Element:
    """A symbol per value of ``column``, and ``other`` for values added later."""
    renderer = _renderer("categorizedSymbol", attr=column)
    categories = ET.SubElement(renderer, "categories")
    for index, value in enumerate(values):
        ET.SubElement(categories, "category", {"value": value, "symbol": str(index),
                                               "label": _label(value), "render": "true"})
    # QGIS's "all other values": an empty value, drawn for values added after this style
    ET.SubElement(categories, "category", {"value": "", "symbol": str(len(values)),
                                           "label": _("other values"), "render": "true"})
    return _finish(renderer, [*symbols, other])


def fill_symbol(color: str, *, alpha: int = 255, style: str = "solid", outline: str = OUTLINE,
                width: float = 0.26) -> tuple[str, str, dict[str, str]]:
    """A polygon fill: kind, QGIS symbol layer class and properties."""
    return "fill", "SimpleFill", {
        "color": _rgba(color, alpha), "style": style, "outline_color": _rgba(outline),
        "outline_style": "solid", "outline_width": f"{width:g}", "outline_width_unit": "MM",
        "joinstyle": "bevel"}


def marker_symbol(color: str, shape: str, *, size: float = 2.4,
                  outline: str | None = "#333333") -> tuple[str, str, dict[str, str]]:
    """A point marker (size in millimetres)."""
    return "marker", "SimpleMarker", {
        "name": shape, "color": _rgba(color), "outline_color": _rgba(outline or color),
        "outline_style": "solid" if outline else "no", "outline_width": "0.2",
        "outline_width_unit": "MM", "size": f"{size:g}", "size_unit": "MM", "angle": "0",
        "scale_method": "diameter"}


def line_symbol(color: str, width: float) -> tuple[str, str, dict[str, str]]:
    """A line (width in millimetres)."""
    return "line", "SimpleLine", {
        "line_color": _rgba(color), "line_width": f"{width:.3g}", "line_width_unit": "MM",
        "line_style": "solid", "capstyle": "round", "joinstyle": "round"}


def _label(value: str) -> str:
    key = STYLES_VALUE_MESSAGES.get(value)
    if key is not None:
        return _(key)
    key = NETWORK_MESSAGES.get(value)
    return _(key) if key is not None else value


def _rgba(color: str, alpha: int = 255) -> str:
    return ",".join(str(int(color[i:i + 2], 16)) for i in (1, 3, 5)) + f",{alpha}"


def _number(x: float) -> str:
    """A class bound for a legend: grouped thousands, U+2212 for minus."""
    text = f"{abs(x):,.0f}" if abs(x) >= 100 or float(x).is_integer() else f"{abs(x):.2f}"
    text = text.replace(",", "\u202f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"\u2212{text}" if x < 0 and any(c in "123456789" for c in text) else text
