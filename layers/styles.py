"""QGIS styles for the layers of the workspace, so that QGIS opens every layer styled.

:func:`style_for` makes a QGIS style (QML with a ``renderer-v2``) for one layer from its data
and its kind; the stores write it as the layer's default row of QGIS's ``layer_styles`` table,
in the same atomic write as the layer (:mod:`layers.store_gpkg`, :mod:`layers.store_postgis`).

- Polygons with a result or population column (:data:`GRADUATED_COLUMNS`, the first with a
  value): readiness and the population gap in the report's own classes, colours and legend
  labels (:func:`report_classes`: fixed breaks in residents, so that a colour means the same
  range as in the report); population in :data:`CLASSES` quantile classes (YlOrRd). Features
  without a value are not drawn (a graduated renderer has no "else"). Other units: outlines.
  Units are labelled by their name in the current language; fields qonys names have aliases.
- Points: categorized by :data:`CATEGORY_COLUMNS` (facilities by ``kind``, utility sources by
  ``network``, settlements by ``place``) with Okabe–Ito colours and distinct marker shapes;
  population points a small grey dot; candidate sites a star.
- Lines: roads categorized by ``highway`` (width by road class), else graduated width by
  ``speed_kmh``.
- Other polygons: utility zones by ``network`` (see-through, zones of different networks
  overlap), constraints hatched by ``reason``, anything else one fill.
- Tables without geometry: ``None``.

Values without a fixed symbol get the next free colour and shape; above :data:`MAX_CATEGORIES`
values, one symbol. An "other values" class catches values added later. Labels are in the
current language (:func:`geo.i18n.tr`) when the style is made.

Examples
--------
>>> import geopandas as gpd
>>> from shapely.geometry import Point
>>> sites = gpd.GeoDataFrame({"kind": ["school", "polyclinic"]},
...                          geometry=[Point(0, 0), Point(1, 1)], crs="EPSG:4326")
>>> style = style_for(sites, layer="facilities", kind="facilities")
>>> 'type="categorizedSymbol"' in style.qml, style.name
(True, 'facilities')
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.i18n import _
from geo.repair import GEOMETRY_TYPE_IDS
from layers.catalogue import KINDS
from layers.styles_qml import (
    OUTLINE,
    categorized_renderer,
    fill_symbol,
    graduated_renderer,
    line_symbol,
    marker_symbol,
    qml_document,
    single_renderer,
)
from layers.styles_report import aliases, label_field, report_classes

__all__ = ["CLASSES", "LayerStyle", "aliases", "quantile_bounds", "report_classes",
           "report_column_style", "style_for", "styles_for"]

#: Number of classes of a graduated style.
CLASSES = 5
#: Columns a polygon layer is graduated on: the first with a numeric value wins.
GRADUATED_COLUMNS = ("readiness_actual", "readiness_registered", "pop_gap", "pop_actual",
                     "pop_registered")
#: Columns styled with the report's own classes and colours, not quantiles of the layer.
REPORT_COLUMNS = ("readiness_actual", "readiness_registered", "pop_gap")
#: The column a layer kind is categorized by.
CATEGORY_COLUMNS = {"facilities": "kind", "utility_sources": "network", "settlements": "place",
                    "utility_zones": "network", "constraints": "reason", "roads": "highway"}
#: Above this many distinct values a layer gets one symbol: colours could not be told apart.
MAX_CATEGORIES = 24
#: ``owner`` of the rows qonys writes to ``layer_styles``: a rewrite replaces only those.
STYLE_OWNER = "qonys"
STYLE_NAME_LENGTH = 30  # QGIS's first layer_styles tables have styleName varchar(30)

# ColorBrewer (Brewer, Harrower and The Pennsylvania State University, colorbrewer2.org), the
# published definitions; all three are marked colour-blind safe there.
_BREWER = {
    "YlOrRd": {3: "FFEDA0 FEB24C F03B20", 4: "FFFFB2 FECC5C FD8D3C E31A1C",
               5: "FFFFB2 FECC5C FD8D3C F03B20 BD0026"},
    "Blues": {3: "DEEBF7 9ECAE1 3182BD", 4: "EFF3FF BDD7E7 6BAED6 2171B5",
              5: "EFF3FF BDD7E7 6BAED6 3182BD 08519C",
              6: "EFF3FF C6DBEF 9ECAE1 6BAED6 3182BD 08519C"},
    "RdBu": {3: "EF8A62 F7F7F7 67A9CF", 4: "CA0020 F4A582 92C5DE 0571B0",
             6: "B2182B EF8A62 FDDBC7 D1E5F0 67A9CF 2166AC",
             8: "B2182B D6604D F4A582 FDDBC7 D1E5F0 92C5DE 4393C3 2166AC",
             10: "67001F B2182B D6604D F4A582 FDDBC7 D1E5F0 92C5DE 4393C3 2166AC 053061"},
}
# Okabe and Ito, Color Universal Design (2008): told apart under common colour blindness.
OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7",
             "#000000")
SHAPES = ("circle", "square", "triangle", "diamond", "pentagon", "star", "hexagon", "cross_fill")
OTHER_COLOR = "#969696"
# Fixed symbols of known values, so that a school looks the same in every layer and workspace.
_KNOWN = {
    "school": ("#E69F00", "square"), "kindergarten": ("#56B4E9", "circle"),
    "polyclinic": ("#009E73", "cross_fill"), "hospital": ("#D55E00", "diamond"),
    "heat": ("#D55E00", "triangle"), "water": ("#0072B2", "circle"),
    "wastewater": ("#CC79A7", "square"), "electricity": ("#F0E442", "star"),
    "gas": ("#E69F00", "pentagon"),
    "city": ("#000000", "square"), "town": ("#0072B2", "circle"),
    "village": ("#009E73", "circle"), "hamlet": ("#56B4E9", "circle"),
}
_PLACE_SIZE = {"city": 4.2, "town": 3.2, "village": 2.4, "hamlet": 1.8}
# OSM road classes, major first: (line width in mm, colour).
_ROADS = {
    "motorway": (1.6, "#D55E00"), "trunk": (1.3, "#D55E00"), "primary": (1.0, "#E69F00"),
    "secondary": (0.8, "#E69F00"), "tertiary": (0.6, "#737373"),
    "unclassified": (0.4, "#969696"), "residential": (0.4, "#969696"),
    "living_street": (0.35, "#969696"), "service": (0.25, "#BDBDBD"),
    "track": (0.25, "#BDBDBD"),
}


@dataclass(frozen=True)
class LayerStyle:
    """A QGIS style of one layer, as QGIS keeps it in ``layer_styles``.

    Attributes
    ----------
    qml
        The QML document (``styleQML``).
    name
        The style's name (``styleName``): the layer's name, cut to 30 characters.
    description
        What the style shows, in the current language (``description``).
    """

    qml: str
    name: str
    description: str


def style_for(frame: pd.DataFrame, *, layer: str, kind: str) -> LayerStyle | None:
    """The QGIS style of one layer, or ``None`` for a table without geometry.

    Parameters
    ----------
    frame
        The layer as the store writes it (geometry in the active geometry column).
    layer
        The layer's name.
    kind
        Its kind in the catalogue (``units``, ``facilities`` ...), or ``""`` if unknown.

    Returns
    -------
    LayerStyle or None
    """
    family = _family(frame, kind)
    if family is None:
        return None
    if family == "polygon":
        renderer, description = _polygons(frame, kind, layer)
    else:
        renderer, description = {"line": _lines, "point": _points}[family](frame, kind)
    return LayerStyle(qml=qml_document(renderer, family, aliases=aliases(frame),
                                       label_field=label_field(frame, family, layer)),
                      name=layer[:STYLE_NAME_LENGTH], description=description)


def report_column_style(frame: pd.DataFrame, *, column: str, layer: str) -> LayerStyle:
    """A polygon style of ``column`` in the report's classes (:func:`report_classes`), e.g. one
    network's headroom, which the layer's own style (by readiness) does not show."""
    renderer, description = _graduated_polygons(frame, column, layer, report=True)
    return LayerStyle(
        qml=qml_document(renderer, "polygon", aliases=aliases(frame),
                         label_field=label_field(frame, "polygon", layer)),
        name=layer[:STYLE_NAME_LENGTH], description=description)


def styles_for(frames: Mapping[str, pd.DataFrame],
               provenance: pd.DataFrame) -> dict[str, LayerStyle | None]:
    """The style of every frame of one write, each with the kind its provenance row gives."""
    kinds = dict(zip(provenance["layer"], provenance["kind"], strict=True))
    return {name: style_for(frame, layer=name, kind=str(kinds.get(name) or ""))
            for name, frame in frames.items()}


def quantile_bounds(values: Iterable[float], *, k: int = CLASSES) -> list[float]:
    """Bounds of ``k`` quantile classes, from the minimum to the maximum of the finite values.

    Fewer classes where quantiles coincide; ``[]`` without a finite value.

    Examples
    --------
    >>> quantile_bounds([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], k=3)
    [1.0, 4.0, 7.0, 10.0]
    >>> quantile_bounds([7, 7, 7])
    [7.0, 7.0]
    """
    data = _finite(values)
    if data.size == 0:
        return []
    bounds = [float(x) for x in np.unique(np.quantile(data, np.linspace(0, 1, k + 1)))]
    return bounds * 2 if len(bounds) == 1 else bounds


# --- what each geometry gets ------------------------------------------------------------------


def _polygons(frame: pd.DataFrame, kind: str, layer: str) -> tuple[ET.Element, str]:
    column = next((c for c in GRADUATED_COLUMNS if _finite(_numbers(frame, c)).size), None)
    if column is not None:
        return _graduated_polygons(frame, column, layer, report=column in REPORT_COLUMNS)
    if kind == "constraints":  # hatched: land where no housing goes
        return _categorized_or_single(frame, "reason", lambda color, _shape, _value: fill_symbol(
            color, style="b_diagonal", outline=color, width=0.4), "#D55E00")
    if kind == "utility_zones":  # see-through: zones of different networks overlap
        return _categorized_or_single(frame, "network", lambda color, _shape, _value: fill_symbol(
            color, alpha=70, outline=color, width=0.5), "#0072B2")
    if kind == "units":  # boundaries only
        return (single_renderer(fill_symbol(OUTLINE, style="no", width=0.4)),
                _("qonys style: one symbol for every feature"))
    return (single_renderer(fill_symbol("#CCCCCC", alpha=160, outline="#636363")),
            _("qonys style: one symbol for every feature"))


def _graduated_polygons(frame: pd.DataFrame, column: str, layer: str, *,
                        report: bool) -> tuple[ET.Element, str]:
    """Polygons graduated by ``column``: in the report's classes where ``report`` and a report
    has named them (:func:`report_classes`), else in :func:`quantile_bounds`."""
    values = _numbers(frame, column)
    found = report_classes(values, column=column, layer=layer) if report else None
    if found is not None:
        bounds, colors, labels = found
        method, scheme, label_list = _("the report's class breaks"), "Custom", labels
    else:
        bounds = quantile_bounds(values)
        colors = _brewer("YlOrRd", len(bounds) - 1)
        method, scheme, label_list = _("quantiles"), "Quantile", None
    symbols = [fill_symbol(color, outline="#636363", width=0.2) for color in colors]
    return (graduated_renderer(column, bounds, symbols, method=scheme, labels=label_list),
            _("qonys style: {k} classes of {column} ({method})", column=column, k=len(symbols),
              method=method))


def _points(frame: pd.DataFrame, kind: str) -> tuple[ET.Element, str]:
    if kind in ("population_grid", "candidate_sites") or kind not in CATEGORY_COLUMNS:
        symbol = {"population_grid": marker_symbol("#636363", "circle", size=1.0, outline=None),
                  "candidate_sites": marker_symbol("#CC79A7", "star", size=3.6)}.get(
                      kind, marker_symbol("#0072B2", "circle"))
        return single_renderer(symbol), _("qonys style: one symbol for every feature")
    return _categorized_or_single(frame, CATEGORY_COLUMNS[kind], lambda color, shape, value:
                                  marker_symbol(color, shape, size=_PLACE_SIZE.get(value, 2.6)),
                                  "#0072B2")


def _lines(frame: pd.DataFrame, _kind: str) -> tuple[ET.Element, str]:
    values = _categories(frame, "highway")
    if 0 < len(values) <= MAX_CATEGORIES:
        order = [*_ROADS, ""]  # major roads first, unknown classes last
        values.sort(key=lambda v: (order.index(_road(v) if _road(v) in _ROADS else ""), v))
        looks = [(_ROADS.get(_road(v), (0.3, OTHER_COLOR)), v != _road(v)) for v in values]
        symbols = [line_symbol(color, width * (0.7 if link else 1))
                   for (width, color), link in looks]
        return (categorized_renderer("highway", values, symbols, line_symbol("#BDBDBD", 0.3)),
                _("qonys style: categories of {column} ({n})", column="highway", n=len(values)))
    bounds = quantile_bounds(_numbers(frame, "speed_kmh"))
    if not bounds:
        return single_renderer(line_symbol("#636363", 0.4)), _("qonys style: one symbol for every "
                                                               "feature")
    n = len(bounds) - 1
    colors = _brewer("Blues", n + 1)[1:]  # the lightest blue is lost on a white map
    symbols = [line_symbol(color, 0.3 + 1.2 * i / max(n - 1, 1)) for i, color in enumerate(colors)]
    return (graduated_renderer("speed_kmh", bounds, symbols, method="Quantile", size=True),
            _("qonys style: {k} classes of {column} ({method})", column="speed_kmh", k=n,
               method=_("quantiles")))


def _categorized_or_single(frame: pd.DataFrame, column: str, make,
                           fallback: str) -> tuple[ET.Element, str]:
    """Categories of ``column``, symbols ``make(colour, shape, value)``; one symbol if none."""
    values = _categories(frame, column)
    if not values or len(values) > MAX_CATEGORIES:
        return single_renderer(make(fallback, "circle", "")), _("qonys style: one symbol for "
                                                                "every feature")
    looks = _looks(values)
    symbols = [make(*looks[value], value) for value in values]
    return (categorized_renderer(column, values, symbols, make(OTHER_COLOR, "circle", "")),
            _("qonys style: categories of {column} ({n})", column=column, n=len(values)))


def _looks(values: list[str]) -> dict[str, tuple[str, str]]:
    """A colour and a shape for each value, fixed for known values, no pair used twice."""
    looks = {value: _KNOWN[value] for value in values if value in _KNOWN}
    pairs = ((color, shape) for shape in SHAPES for color in OKABE_ITO)
    free = (pair for pair in pairs if pair not in looks.values())
    return {value: looks.get(value) or next(free) for value in values}


# --- small helpers ----------------------------------------------------------------------------


def _family(frame: pd.DataFrame, kind: str) -> str | None:
    """``point``, ``line`` or ``polygon`` from the geometries (the most common), or ``None``."""
    if not isinstance(frame, gpd.GeoDataFrame) or frame.active_geometry_name is None:
        return None
    ids = shapely.get_type_id(frame.geometry.array.to_numpy())
    ids = ids[ids >= 0]  # -1: missing
    if ids.size == 0:  # no geometry yet: what the kind says
        spec = KINDS.get(kind)
        return _FAMILY_OF_KIND.get(spec.geometry if spec else None)
    counts = np.bincount(ids, minlength=7)
    families = {_FAMILY_OF_KIND[name]: counts[list(type_ids)].sum()
                for name, type_ids in GEOMETRY_TYPE_IDS.items()}
    best = max(families, key=families.__getitem__)
    return best if families[best] else None


_FAMILY_OF_KIND = {"Point": "point", "LineString": "line", "Polygon": "polygon"}


def _numbers(frame: pd.DataFrame, column: str) -> np.ndarray:
    values = frame[column] if column in frame.columns else pd.Series([], dtype=float)
    if pd.api.types.is_bool_dtype(values) or not pd.api.types.is_numeric_dtype(values):
        return np.array([], dtype=float)
    return values.to_numpy(dtype=float, na_value=np.nan)


def _finite(values: Iterable[float]) -> np.ndarray:
    data = np.asarray(values if isinstance(values, np.ndarray) else list(values), dtype=float)
    return data[np.isfinite(data)]


def _categories(frame: pd.DataFrame, column: str) -> list[str]:
    """The column's distinct values that a QML document can hold.

    XML 1.0 has no way to write most control characters, even escaped: a style naming one is
    no XML at all, and PostGIS's ``xml`` column refuses it. Such a value gets no category of
    its own and is drawn as "all other values".
    """
    if column not in frame.columns:
        return []
    values = frame[column].dropna().astype(str)
    return sorted(value for value in set(values[values != ""]) if _is_xml_text(value))


# XML 1.0's Char production less the characters that ElementTree cannot write back unchanged
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _is_xml_text(value: str) -> bool:
    return _NOT_XML.search(value) is None


def _road(value: str) -> str:
    return value.removesuffix("_link")


def _brewer(scheme: str, k: int) -> list[str]:
    """``k`` colours of a ColorBrewer scheme (as in ``_BREWER``); 1 and 2 taken from 3."""
    colors = ["#" + code for code in _BREWER[scheme][max(k, 3)].split()]
    return [colors[1]] if k == 1 else [colors[0], colors[2]] if k == 2 else colors


