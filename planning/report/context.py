"""The report maps' context, built from the workspace itself (no tiles, nothing fetched).

- unit labels: every unit's name in the report's language (:func:`planning.report.common.
  named`) at its representative point, ranked by area so that large units win a collision;
- settlements (the ``settlements`` layer) as labelled dots, ranked above units and by
  population; a settlement that is also a unit (same id) stands for it, and a city's point
  stands for the city's units (:data:`planning.report.common.CITY_KATO`);
- oblast outlines: the units dissolved by the oblast part of their KATO code (Almaty city, 75,
  apart from Almaty oblast, 19), else by region;
- the major roads (:data:`MAJOR_ROADS` of ``highway``, else a speed of at least
  :data:`MAJOR_SPEED_KMH`), merged into long lines;
- a view of each city whose region reaches beyond it (:func:`planning.report.common.
  has_suburbs`), zoomed to its districts.

Examples
--------
>>> import geopandas as gpd
>>> from shapely.geometry import LineString
>>> roads = gpd.GeoDataFrame({"highway": ["motorway", "residential"]}, crs="EPSG:4326",
...     geometry=[LineString([(0, 0), (1, 0)]), LineString([(0, 1), (1, 1)])])
>>> major_roads(roads)["cls"].tolist()
['motorway']
"""

from __future__ import annotations

import logging

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.i18n import N_, _
from geo.regions import CITY_KATO, has_suburbs, region_order
from maps.context import (
    ROAD_STYLES,
    CityView,
    LabelLayer,
    MapContext,
    OutlineLayer,
    RoadLayer,
)
from maps.geojson import DECIMALS, to_wgs84
from maps.webmap import WebMap
from planning.report.common import named

#: The messages of context city by key, chosen at run time, marked for the catalogue.
CONTEXT_CITY_MESSAGES = {
    "almaty": N_("Almaty"),
    "astana": N_("Astana"),
    "shymkent": N_("Shymkent"),
}

log = logging.getLogger(__name__)

#: OpenStreetMap's ``highway`` classes drawn as major roads (their ``_link`` ramps are not).
MAJOR_ROADS = tuple(ROAD_STYLES)
#: A road without a class is major from this speed (km/h): the speed of a trunk road.
MAJOR_SPEED_KMH = 80.0
#: An equal-area CRS for ranking units by area.
_EQUAL_AREA = "+proj=laea +lat_0=48 +lon_0=68 +units=m"


def build_context(units: gpd.GeoDataFrame, *, lang: str,
                  settlements: gpd.GeoDataFrame | None = None,
                  roads: gpd.GeoDataFrame | None = None) -> MapContext:
    """The context of every map of a report.

    Parameters
    ----------
    units
        The units (``unit_id``, names, ``region``, ``kind``, ``kato``), any CRS.
    lang
        The report's language.
    settlements
        The ``settlements`` layer (points: ``settlement_id``, names, ``population``), if any.
    roads
        The ``roads`` layer (lines: ``highway`` and/or ``speed_kmh``), if any.
    """
    units = to_wgs84(units, name="units")
    units = units[units.geometry.notna() & ~units.geometry.is_empty].reset_index(drop=True)
    layers = ["units"]
    places = _places(settlements, units, lang) if settlements is not None else None
    if places is not None and len(places):
        layers.append("settlements")
    labels = _unit_labels(units, lang, places)
    if places is not None and len(places):
        labels = pd.concat([places, labels], ignore_index=True)
        # units link to places by position in the joined frame
        labels["link"] = [int(v) for v in labels["link"]]
    context = MapContext(labels=LabelLayer(gpd.GeoDataFrame(labels, geometry="geometry",
                                                            crs="EPSG:4326")),
                         outlines=OutlineLayer(oblast_outlines(units)),
                         views=city_views(units, lang))
    if roads is not None:
        major = major_roads(roads)
        if len(major):
            context.roads = RoadLayer(major)
            layers.append("roads")
    context.layers = tuple(layers)
    return context


def with_context(webmap: WebMap, context: MapContext | None) -> WebMap:
    """``webmap`` drawing ``context`` (none when ``None``): one call where a section adds a map."""
    webmap.context = context
    return webmap


def major_roads(roads: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The roads of :data:`MAJOR_ROADS` (``cls``), each class merged into long lines.

    Without ``highway`` (or where it is empty) a road of :data:`MAJOR_SPEED_KMH` or more is a
    trunk road. Roads of no class and no speed are left out: context, not data.
    """
    roads = to_wgs84(roads, name="roads")
    cls = pd.Series(np.nan, index=roads.index, dtype=object)
    if "highway" in roads:
        cls = roads["highway"].astype("string").str.strip().str.lower()
        cls = cls.where(cls.isin(MAJOR_ROADS)).astype(object)
    if "speed_kmh" in roads:
        fast = pd.to_numeric(roads["speed_kmh"], errors="coerce") >= MAJOR_SPEED_KMH
        unclassed = roads["highway"].isna() if "highway" in roads else True
        cls = cls.where(~(fast & unclassed), "trunk")
    kept = roads[cls.notna()].assign(cls=cls[cls.notna()])
    frames = []
    for name in MAJOR_ROADS:
        lines = kept.geometry[kept["cls"] == name].values
        if not len(lines):
            continue
        merged = shapely.line_merge(shapely.union_all(lines))
        parts = shapely.get_parts(merged)
        frames.append(gpd.GeoDataFrame({"cls": [name] * len(parts)}, geometry=list(parts),
                                       crs="EPSG:4326"))
    log.info("context roads: %d of %d roads are major", len(kept), len(roads))
    if not frames:
        return gpd.GeoDataFrame({"cls": []}, geometry=[], crs="EPSG:4326")
    return pd.concat(frames, ignore_index=True)


def oblast_outlines(units: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The units dissolved by oblast (KATO's first two digits, else region): one polygon each."""
    key = _oblast_key(units)
    geometries = [shapely.union_all(units.geometry[key == k].values) for k in key.unique()]
    return gpd.GeoDataFrame({"oblast": list(key.unique())}, geometry=geometries,
                            crs="EPSG:4326")


def city_units(units: pd.DataFrame, region: str) -> pd.DataFrame:
    """The units of ``region`` that are its city's: ``city_district``, else by KATO code."""
    own = units[units["region"] == region]
    prefix = CITY_KATO.get(str(region))
    kinds = own["kind"] if "kind" in own else pd.Series(None, index=own.index, dtype=object)
    codes = _codes(own)
    by_code = codes.str.len().eq(9) & codes.str.startswith(prefix) if prefix else False
    return own[(kinds == "city_district") | (kinds.isna() & by_code)]


def city_views(units: gpd.GeoDataFrame, lang: str) -> list[CityView]:
    """A view of each city whose region has suburbs: the box of its districts."""
    views: list[CityView] = []
    if "region" not in units:
        return views
    for region in region_order(units["region"]):
        if not has_suburbs(units, region):
            continue
        city = city_units(units, region)
        if city.empty:
            continue
        west, south, east, north = (round(float(v), DECIMALS) for v in city.total_bounds)
        views.append(CityView(_("{city}: districts", lang=lang, city=_city_name(region, lang)),
                              ((south, west), (north, east))))
    return views


def _unit_labels(units: gpd.GeoDataFrame, lang: str,
                 places: pd.DataFrame | None) -> pd.DataFrame:
    named_units = named(units, lang)
    areas = named_units.geometry.to_crs(_EQUAL_AREA).area.to_numpy() / 1e6
    boxes = named_units.geometry.bounds
    link = np.full(len(units), -1)
    if places is not None and len(places):
        for i, unit_id in enumerate(named_units["unit_id"].astype(str)):
            hits = np.flatnonzero(places["settlement_id"].astype(str).to_numpy() == unit_id)
            if len(hits):
                link[i] = int(hits[0])
    units_kind = named_units.get("kind", pd.Series(None, index=named_units.index))
    # cells have no names of their own: their ids would only clutter the map
    named_units = named_units[units_kind.astype(object) != "hex"]
    areas, boxes, link = areas[named_units.index], boxes.loc[named_units.index], \
        link[named_units.index]
    return pd.DataFrame({
        "text": named_units["name"].astype(str).to_numpy(), "kind": "unit",
        "rank": areas, "w": boxes["minx"].to_numpy(), "s": boxes["miny"].to_numpy(),
        "e": boxes["maxx"].to_numpy(), "n": boxes["maxy"].to_numpy(), "link": link,
        "geometry": shapely.point_on_surface(named_units.geometry.values)})


def _places(settlements: gpd.GeoDataFrame, units: gpd.GeoDataFrame, lang: str) -> pd.DataFrame:
    """Settlements as place labels; the area a place stands for (its unit, its city)."""
    points = to_wgs84(settlements, name="settlements")
    points = points[points.geometry.notna() & ~points.geometry.is_empty
                    & (points.geometry.geom_type == "Point")].reset_index(drop=True)
    ids = points.get("settlement_id", pd.Series(range(len(points)))).astype(str)
    population = pd.to_numeric(points.get("population", pd.Series(0.0, index=points.index)),
                               errors="coerce").fillna(0.0)
    texts = [_place_name(row, settlement_id, lang)
             for (__, row), settlement_id in zip(points.iterrows(), ids, strict=True)]
    boxes = []
    unit_ids = units["unit_id"].astype(str)
    for settlement_id in ids:
        area = units[unit_ids == settlement_id]
        if area.empty and settlement_id in CITY_KATO:
            area = city_units(units, settlement_id)
        boxes.append(area.total_bounds if len(area) else [np.nan] * 4)
    boxes = np.asarray(boxes, dtype=float).reshape(-1, 4)
    # every place outranks every unit: a unit's rank is its area in km², below 1e9
    return pd.DataFrame({"text": texts, "kind": "place", "rank": 1e9 + population.to_numpy(),
                         "w": boxes[:, 0], "s": boxes[:, 1], "e": boxes[:, 2],
                         "n": boxes[:, 3], "link": -1, "settlement_id": ids.to_numpy(),
                         "geometry": points.geometry.values})


def _place_name(row: pd.Series, settlement_id: str, lang: str) -> str:
    """The name in ``lang``; a city without one is named by qonys; else English, else id."""
    for column in (f"name_{lang}",):
        if column in row and pd.notna(row[column]) and str(row[column]).strip():
            return str(row[column]).strip()
    if settlement_id in CONTEXT_CITY_MESSAGES:
        return _(CONTEXT_CITY_MESSAGES[settlement_id], lang=lang)
    if "name_en" in row and pd.notna(row["name_en"]):
        return str(row["name_en"])
    return settlement_id


def _city_name(region: str, lang: str) -> str:
    key = CONTEXT_CITY_MESSAGES.get(region)
    return _(key, lang=lang) if key is not None else str(region)


def _codes(units: pd.DataFrame) -> pd.Series:
    """Each unit's KATO code as text (``kato``, else ``unit_id``), ``""`` when missing."""
    codes = units["kato"] if "kato" in units else units.get("unit_id")
    if codes is None:
        return pd.Series("", index=units.index)
    text = codes.astype("string").fillna("").str.strip()
    if "unit_id" in units:
        text = text.where(text != "", units["unit_id"].astype("string").fillna(""))
    return text.astype(str)


def _oblast_key(units: pd.DataFrame) -> pd.Series:
    codes = _codes(units)
    region = units["region"].astype(str) if "region" in units else pd.Series("", index=units.index)
    digits = codes.str.slice(0, 9)
    valid = digits.str.fullmatch(r"\d{9}")
    return codes.str.slice(0, 2).where(valid, region)
