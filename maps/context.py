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

from geo.i18n import tr
from maps.encode import Quantisation
from maps.geojson import DECIMALS, to_wgs84

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
        out["scale"] = {"m": tr("context.m", lang=lang), "km": tr("context.km", lang=lang)}
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
        out["all"] = tr("context.view_all", lang=lang)
        out["title"] = tr("context.views", lang=lang)
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
    for _, row in kept.iterrows():
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


CONTEXT_JS = r"""
(function () {
  "use strict";
  var AREA_PX = @AREA_PX@, measure = document.createElement("canvas").getContext("2d");
  function textWidth(text, font) { measure.font = font; return measure.measureText(text).width; }
  function pane(map, name, z) {
    var p = map.getPane(name) || map.createPane(name);
    p.style.zIndex = String(z); p.style.pointerEvents = "none";
    return name;
  }
  var Scale = L.Control.Scale.extend({
    _updateMetric: function (maxMeters) {
      var meters = this._getRoundNum(maxMeters), words = this.options.words;
      var label = meters < 1000 ? meters + " " + words.m : (meters / 1000) + " " + words.km;
      this._updateScale(this._mScale, label, meters / maxMeters);
    }
  });
  function boxPx(map, b) {
    var a = map.latLngToContainerPoint([b[1], b[0]]), c = map.latLngToContainerPoint([b[3], b[2]]);
    return {w: Math.abs(c.x - a.x), h: Math.abs(c.y - a.y)};
  }
  function drawLabels(map, labels, root) {
    var panes = pane(map, "qm-ctx-labels", 640), dots = pane(map, "qm-ctx-dots", 460);
    var items = labels.map(function (label) {
      var text = document.createElement("span");
      text.className = "qm-ctx-text";
      text.textContent = label.t;
      var marker = L.marker([label.p[1], label.p[0]], {
        icon: L.divIcon({className: "qm-ctx-label qm-ctx-" + label.kind, html: text,
                         iconSize: [0, 0]}),
        interactive: false, keyboard: false, pane: panes}).addTo(map);
      var dot = null;
      if (label.kind === "place") {
        dot = L.circleMarker([label.p[1], label.p[0]], {radius: 3, weight: 1, color: "#252525",
          fillColor: "#fff", fillOpacity: 1, interactive: false, pane: dots}).addTo(map);
      }
      var font = label.kind === "place" ? "600 12px system-ui, sans-serif"
                                        : "500 11px system-ui, sans-serif";
      return {label: label, marker: marker, dot: dot, width: textWidth(label.t, font) + 6,
              shown: false};
    });
    function update() {
      var size = map.getSize(), placed = [], count = 0;
      items.forEach(function (item) {
        var l = item.label, want;
        if (l.kind === "place") {
          want = !l.b || boxPx(map, l.b).w < AREA_PX;
        } else {
          var px = boxPx(map, l.b);
          want = item.width <= 0.9 * px.w && 16 <= 0.7 * px.h &&
                 !(l.link !== undefined && items[l.link].want);
        }
        item.want = want;
        // a city's point says nothing once its districts are drawn large enough to read
        if (item.dot) { item.dot.setStyle({opacity: want ? 1 : 0, fillOpacity: want ? 1 : 0}); }
      });
      items.forEach(function (item) {
        var l = item.label, show = item.want;
        if (show) {
          var p = map.latLngToContainerPoint([l.p[1], l.p[0]]);
          var r = l.kind === "place"
            ? {x0: p.x - 4, x1: p.x + 6 + item.width, y0: p.y - 8, y1: p.y + 8}
            : {x0: p.x - item.width / 2, x1: p.x + item.width / 2, y0: p.y - 8, y1: p.y + 8};
          show = r.x1 > 0 && r.x0 < size.x && r.y1 > 0 && r.y0 < size.y &&
                 !placed.some(function (q) {
                   return r.x0 < q.x1 && q.x0 < r.x1 && r.y0 < q.y1 && q.y0 < r.y1; });
          if (show) { placed.push(r); count += 1; }
        }
        var el = item.marker.getElement();
        if (el) { el.style.display = show ? "" : "none"; }
        item.shown = show;
      });
      root.setAttribute("data-labels", String(count));
    }
    map.on("zoomend moveend resize", update);
    update();
  }
  function viewsControl(map, ctx, root, fit) {
    var box = document.createElement("div");
    box.className = "qm-views leaflet-bar";
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", ctx.title);
    function button(text, go, name) {
      var b = document.createElement("button");
      b.type = "button"; b.className = "qm-view"; b.textContent = text;
      b.addEventListener("click", function () { go(); root.setAttribute("data-view", name); });
      box.appendChild(b);
    }
    ctx.views.forEach(function (view, i) {
      button(view.label, function () {
        // as the map's own fit: the city clear of the legend panel at the top right
        var panel = root.querySelector(".qm-panel"), width = map.getSize().x;
        var right = panel ? Math.min(panel.offsetWidth + 20, 0.4 * width) : 16;
        map.fitBounds(view.bounds, {paddingTopLeft: [16, 16], paddingBottomRight: [right, 16]});
      }, String(i));
    });
    button(ctx.all, fit, "all");
    var control = L.control({position: "topleft"});
    control.onAdd = function () {
      L.DomEvent.disableClickPropagation(box);
      return box;
    };
    control.addTo(map);
  }
  window.qonysContext = function (map, ctx, root, geometry, fit) {
    root.qonysLeaflet = map;  // for scripts and tests that measure the map on screen
    if (ctx.scale) {
      new Scale({metric: true, imperial: false, position: "bottomleft",
                 words: ctx.scale}).addTo(map);
    }
    var lines = pane(map, "qm-ctx-lines", 450), renderer = L.svg({pane: lines, padding: 0.3});
    function shapes(list, style) {
      var features = [];
      list.forEach(function (g, i) {
        if (g !== null) {
          features.push({type: "Feature", properties: {i: i}, geometry: geometry(g)});
        }
      });
      return L.geoJSON(features, {interactive: false, renderer: renderer, pane: lines,
                                  style: style}).addTo(map);
    }
    if (ctx.roads) {
      shapes(ctx.roads.shape, function (f) {
        return {color: "#7f5a1e", weight: ctx.roads.w[ctx.roads.cls[f.properties.i]],
                opacity: 0.8, lineCap: "round", className: "qm-ctx-road"};
      });
    }
    if (ctx.outlines) {
      shapes(ctx.outlines, function () {
        return {color: "#252525", weight: 1.6, opacity: 0.9, dashArray: "6 3",
                className: "qm-ctx-outline"};
      });
    }
    if (ctx.labels.length) { drawLabels(map, ctx.labels, root); }
    if (ctx.views.length) { viewsControl(map, ctx, root, fit); }
  };
})();
""".replace("@AREA_PX@", str(AREA_PX))

CONTEXT_CSS = """
.qm-ctx-label { pointer-events: none; }
.qm-ctx-text { position: absolute; white-space: nowrap; color: #111;
  text-shadow: 0 0 2px #fff, 0 0 2px #fff, 0 0 3px #fff; }
.qm-ctx-unit .qm-ctx-text { transform: translate(-50%, -50%); font: 500 11px/1 system-ui,
  sans-serif; }
.qm-ctx-place .qm-ctx-text { transform: translate(6px, -50%); font: 600 12px/1 system-ui,
  sans-serif; }
.qm-views { background: #fff; display: flex; flex-direction: column; }
.qm-view { border: 0; border-bottom: 1px solid #ccc; background: #fff; padding: 3px 8px;
  font: 12px/1.3 system-ui, sans-serif; cursor: pointer; text-align: left; }
.qm-view:last-child { border-bottom: 0; }
.qm-view:hover, .qm-view:focus { background: #f0f0f0; }
@media print { .qm-views { display: none; } }
"""
