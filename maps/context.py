"""Context on a web map: place labels, outlines, major roads, a scale bar and city views.

Context is what lets a reader find the place on a map without tiles: the units' names, the
settlements, the oblasts' borders and the major roads. It is drawn above the data, never
receives the mouse (tooltips stay the data's), and has no legend entry. A
:class:`MapContext` holds it for a whole report (EPSG:4326); each map carries only what falls
near its own extent (:func:`encode_context`), geometry in the map's own quantised grid
(:mod:`maps.encode`).

Labels say where they may be drawn, not only what they say:

- a *unit* label sits at the unit's representative point (inside it) and is shown only
  from the zoom at which its text fits in the unit's box on screen;
- a *place* label sits beside a settlement's dot; a place that stands for an area (a town
  that is also a unit, a city of several districts) hides its label once that area is
  :data:`AREA_PX` wide on screen, where the units' own labels take over;
- labels that would overlap are left out, the higher ``rank`` first.

A :class:`CityView` is a button on the map that zooms to a city, so that its districts can be
read on a map of its whole agglomeration. The static maps (:mod:`maps.static`) can draw the
same context from the same objects: ``labels.gdf`` (``text``, ``kind``, ``rank``), ``outlines.gdf``
(polygons), ``roads.gdf`` (``cls`` in :data:`ROAD_STYLES`) and ``views``.

Examples
--------
>>> import geopandas as gpd
>>> from shapely.geometry import LineString, Point, box
>>> from maps.encode import Quantisation
>>> labels = LabelLayer(gpd.GeoDataFrame(
...     {"text": ["Talgar"], "kind": ["place"], "rank": [1.0]},
...     geometry=[Point(77.23, 43.30)], crs="EPSG:4326"))
>>> roads = RoadLayer(gpd.GeoDataFrame({"cls": ["trunk"]},
...     geometry=[LineString([(77.0, 43.3), (77.3, 43.3)])], crs="EPSG:4326"))
>>> extent = [[43.2, 77.0], [43.4, 77.3]]
>>> config = encode_context(MapContext(labels=labels, roads=roads), extent=extent,
...                         grid=Quantisation.for_bounds(extent), lang="en")
>>> config["labels"][0]["t"], config["roads"]["cls"]
('Talgar', ['trunk'])
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry import box

from geo.i18n import _
from maps.encode import Quantisation
from maps.geojson import DECIMALS, to_wgs84
from maps.web_assets import web_asset

#: A place standing for an area hides its label once the area is this wide on screen (px).
AREA_PX = 220
#: Context is kept this share of the map's extent beyond it on every side (for panning).
MARGIN_SHARE = 0.3
#: Roads and outlines are simplified this many times more than the data (half a pixel at the
#: map's first zoom on a 1,000 px page): most of their size is vertices nobody sees.
CONTEXT_SIMPLIFY = 10
#: Line width (px) per road class, widest first; the classes a report's map shows.
ROAD_STYLES = {"motorway": 2.6, "trunk": 2.0, "primary": 1.4}
#: At most this many labels per map, the highest ranked: a map of thousands of hexagons
#: carries the names it can show, not a name per cell.
MAX_LABELS = 300
#: A city view is offered only when the city is at most this share of the map's extent.
VIEW_SHARE = 0.5


def _checked(gdf: gpd.GeoDataFrame, columns: Sequence[str], name: str) -> gpd.GeoDataFrame:
    missing = [c for c in columns if c not in gdf.columns]
    if missing:
        msg = f"Context {name}: no column {', '.join(map(repr, missing))} in the data."
        raise KeyError(msg)
    gdf = to_wgs84(gdf, name=name)
    keep = gdf.geometry.notna() & ~gdf.geometry.is_empty
    return gdf[keep].reset_index(drop=True)


@dataclass
class LabelLayer:
    """Labels: points with ``text``, ``kind`` (``unit`` or ``place``) and ``rank``.

    Optional columns: ``w``, ``s``, ``e``, ``n`` (the box the label stands for: a unit's own,
    a place's area; NaN for a place of no area) and ``link`` (for a unit: the ``text`` row
    index of the place that stands for it, whose label it gives way to; -1 for none).
    """

    gdf: gpd.GeoDataFrame

    def __post_init__(self) -> None:
        self.gdf = _checked(self.gdf, ("text", "kind", "rank"), "labels")
        for column in ("w", "s", "e", "n"):
            if column not in self.gdf:
                self.gdf[column] = np.nan
        if "link" not in self.gdf:
            self.gdf["link"] = -1


@dataclass
class OutlineLayer:
    """Borders drawn as lines (oblasts, a city's edge): polygons in any CRS."""

    gdf: gpd.GeoDataFrame

    def __post_init__(self) -> None:
        self.gdf = _checked(self.gdf, (), "outlines")


@dataclass
class RoadLayer:
    """Major roads: lines with ``cls``, one of :data:`ROAD_STYLES`."""

    gdf: gpd.GeoDataFrame

    def __post_init__(self) -> None:
        self.gdf = _checked(self.gdf, ("cls",), "roads")
        unknown = set(self.gdf["cls"]) - set(ROAD_STYLES)
        if unknown:
            msg = (f"Context roads: classes {sorted(unknown)} are not drawn; give one of "
                   f"{list(ROAD_STYLES)}.")
            raise ValueError(msg)


@dataclass(frozen=True)
class CityView:
    """A button that zooms the map to a city: its label and ``[[south, west], [north, east]]``."""

    label: str
    bounds: tuple[tuple[float, float], tuple[float, float]]


@dataclass
class MapContext:
    """Everything a report's maps draw as context; any part may be missing."""

    labels: LabelLayer | None = None
    outlines: OutlineLayer | None = None
    roads: RoadLayer | None = None
    views: list[CityView] = field(default_factory=list)
    layers: tuple[str, ...] = ()
    """The workspace layers the context is drawn from (for the maps' credit line)."""
    scale: bool = True


def encode_context(context: MapContext, *, extent: list[list[float]] | None,
                   grid: Quantisation, lang: str) -> dict[str, Any] | None:
    """The part of ``context`` near a map of ``extent``, as its page script reads it.

    Parameters
    ----------
    context
        The report's context.
    extent
        The map's ``[[south, west], [north, east]]`` (:func:`maps.geojson.bounds`).
    grid
        The map's quantisation (:meth:`maps.encode.Quantisation.for_bounds`).
    lang
        Language of the scale bar's units and the view buttons.
    """
    out: dict[str, Any] = {"scale": None, "labels": [], "outlines": None, "roads": None,
                           "views": []}
    if context.scale:
        out["scale"] = {"m": _("m", lang=lang), "km": _("km", lang=lang)}
    if extent is None:
        return out
    (south, west), (north, east) = extent
    dx, dy = (east - west) * MARGIN_SHARE, (north - south) * MARGIN_SHARE
    area = box(west - dx, south - dy, east + dx, north + dy)
    if context.labels is not None:
        out["labels"] = _labels(context.labels.gdf, area)
    coarse = dataclasses.replace(grid, tolerance=grid.tolerance * CONTEXT_SIMPLIFY)
    if context.outlines is not None:
        lines = shapely.boundary(context.outlines.gdf.geometry.values)
        lines = _clipped(np.asarray(lines, dtype=object), area)
        out["outlines"] = coarse.encode(lines) if len(lines) else None
    if context.roads is not None:
        gdf = context.roads.gdf
        lines = _clipped(np.asarray(gdf.geometry.values, dtype=object), area)
        # one multiline per class: a path per road would cost the page thousands of paths
        classes, shapes = [], []
        for cls in ROAD_STYLES:
            parts = shapely.get_parts(lines[(gdf["cls"] == cls).to_numpy()])
            parts = [p for p in parts if p.geom_type == "LineString" and not p.is_empty]
            if parts:
                classes.append(cls)
                shapes.append(shapely.MultiLineString(parts))
        if shapes:
            out["roads"] = {"shape": coarse.encode(np.array(shapes, dtype=object)),
                            "cls": classes, "w": ROAD_STYLES}
    span = max(east - west, north - south)
    for view in context.views:
        (vs, vw), (vn, ve) = view.bounds
        inside = vw < east and ve > west and vs < north and vn > south
        if inside and max(ve - vw, vn - vs) <= VIEW_SHARE * span:
            out["views"].append({"label": view.label, "bounds": [list(p) for p in view.bounds]})
    if out["views"]:
        out["all"] = _("Whole map", lang=lang)
        out["title"] = _("Map view", lang=lang)
    return out


def _clipped(geometries: np.ndarray, area: Any) -> np.ndarray:
    """Geometries cut to ``area`` (a map need not carry roads far outside it)."""
    if not len(geometries):
        return geometries
    xmin, ymin, xmax, ymax = area.bounds
    return np.asarray(shapely.clip_by_rect(geometries, xmin, ymin, xmax, ymax), dtype=object)


def _labels(gdf: gpd.GeoDataFrame, area: Any) -> list[dict[str, Any]]:
    """Labels inside ``area``, highest rank first, links renumbered among those kept."""
    inside = np.asarray(shapely.contains_xy(area, gdf.geometry.x, gdf.geometry.y))
    kept = gdf[inside].sort_values("rank", ascending=False, kind="mergesort").head(MAX_LABELS)
    position = {index: i for i, index in enumerate(kept.index)}
    out = []
    for __, row in kept.iterrows():
        label: dict[str, Any] = {
            "t": str(row["text"]), "kind": str(row["kind"]),
            "p": [round(float(row.geometry.x), DECIMALS), round(float(row.geometry.y), DECIMALS)]}
        extent = [row["w"], row["s"], row["e"], row["n"]]
        if np.all(np.isfinite(np.asarray(extent, dtype=float))):
            label["b"] = [round(float(v), DECIMALS) for v in extent]
        link = int(row["link"])
        if link in position:
            label["link"] = position[link]
        out.append(label)
    return out


def context_js() -> str:
    """The page script that draws a map's context (``maps/web/context.js``), thresholds filled."""
    return web_asset("context.js", AREA_PX=AREA_PX)
