"""The script and styles that draw a :class:`maps.webmap.WebMap` on a page.

Kept as Python strings (not package data files) so that a plain ``pip install .`` ships them.
The script never puts a user's string into ``innerHTML``: legends, the layer switcher and the
notice are HTML escaped in Python, and tooltips are built with ``textContent``. Each feature's
style is read from its properties (``k``: index into the layer's colours), not from closures.
"""

from __future__ import annotations

from maps.leaflet import leaflet_css, leaflet_js, script_safe, style_safe

MAP_JS = r"""
(function () {
  "use strict";
  function node(tag, cls, text) {
    var el = document.createElement(tag);
    if (cls) { el.className = cls; }
    if (text !== undefined) { el.textContent = text; }
    return el;
  }
  function tooltipFor(labels) {
    return function (layer) {
      var values = layer.feature.properties.t, box = node("div", "qm-tip");
      for (var i = 0; i < labels.length; i++) {
        var row = node("div", "qm-tip-row");
        row.appendChild(node("span", "qm-tip-key", labels[i]));
        row.appendChild(node("span", "qm-tip-value", values[i]));
        box.appendChild(row);
      }
      return box;
    };
  }
  function styleFor(spec) {
    return function (feature) {
      return {fillColor: spec.colors[feature.properties.k], fillOpacity: spec.opacity,
              color: "#525252", weight: 0.8, opacity: 0.9};
    };
  }
  function pointFor(latlng) {
    return L.circleMarker(latlng, {radius: 6});
  }
  function controlOf(position, element) {
    var control = L.control({position: position});
    control.onAdd = function () {
      element.hidden = false;
      L.DomEvent.disableClickPropagation(element);
      L.DomEvent.disableScrollPropagation(element);
      return element;
    };
    return control;
  }
  function overlayOf(spec) {
    var group = L.geoJSON(spec.data, {style: styleFor(spec), pointToLayer: function (f, ll) {
      return pointFor(ll);
    }});
    group.bindTooltip(tooltipFor(spec.labels), {sticky: true, className: "qm-tooltip"});
    group.on("mouseover", function (e) { e.layer.setStyle({weight: 2.5, color: "#000"}); });
    group.on("mouseout", function (e) { group.resetStyle(e.layer); });
    return group;
  }
  window.qonysMap = function (id, cfg) {
    var root = document.getElementById(id);
    var map = L.map(root.querySelector(".qm-canvas"), {zoomSnap: 0.25, zoomDelta: 0.5,
                                                       scrollWheelZoom: false});
    if (cfg.tiles) {
      L.tileLayer(cfg.tiles.url, {attribution: cfg.tiles.attribution}).addTo(map);
    }
    var overlays = cfg.layers.map(overlayOf);
    var legends = root.querySelectorAll(".qm-legend");
    var active = null;
    function show(index) {
      if (active !== null) { map.removeLayer(overlays[active]); }
      active = index;
      overlays[index].addTo(map);
      for (var j = 0; j < legends.length; j++) { legends[j].hidden = (j !== index); }
      root.setAttribute("data-active-layer", String(index));
    }
    var panel = root.querySelector(".qm-panel");
    if (panel) { controlOf("topright", panel).addTo(map); }
    var notice = root.querySelector(".qm-notice");
    if (notice) { controlOf("bottomleft", notice).addTo(map); }
    function fit() {
      if (!cfg.bounds) { map.setView([0, 0], 1); return; }
      // keep the data clear of the legend (top right) and the notice (bottom left)
      var width = map.getSize().x;
      var right = panel ? Math.min(panel.offsetWidth + 20, 0.4 * width) : 12;
      var bottom = notice ? notice.offsetHeight + 16 : 12;
      map.fitBounds(cfg.bounds, {paddingTopLeft: [12, 12], paddingBottomRight: [right, bottom]});
    }
    root.querySelectorAll("input.qm-switch").forEach(function (input) {
      input.addEventListener("change", function () { show(Number(input.value)); });
    });
    show(0);
    fit();
    window.addEventListener("beforeprint", function () { map.invalidateSize(); fit(); });
    window.addEventListener("afterprint", function () { map.invalidateSize(); fit(); });
  };
})();
"""

MAP_CSS = """
.qm-map { margin: 1.25rem 0 1.75rem; break-inside: avoid; page-break-inside: avoid; }
.qm-title { font-weight: 600; font-size: 1.05rem; margin: 0 0 .4rem; }
.qm-canvas { width: 100%; background: #fff; border: 1px solid #bdbdbd; }
.qm-canvas.leaflet-container { font: 13px/1.4 system-ui, "Segoe UI", Roboto, "Noto Sans",
  Arial, sans-serif; }
.qm-panel { background: rgba(255, 255, 255, .94); border-radius: 4px; padding: 6px 10px;
  box-shadow: 0 1px 5px rgba(0, 0, 0, .35); max-width: 280px; overflow: auto; }
.qm-layers { border: 0; margin: 0 0 6px; padding: 0 0 6px; border-bottom: 1px solid #ddd; }
.qm-layers legend, .qm-legend-title { font-weight: 600; padding: 0; margin: 0 0 3px; }
.qm-layers label { display: block; cursor: pointer; }
.qm-legend[hidden], .qm-panel[hidden], .qm-notice[hidden] { display: none; }
.qm-legend ul { list-style: none; margin: 0; padding: 0; }
.qm-legend li { margin: 2px 0; white-space: nowrap; }
.qm-swatch { display: inline-block; width: 18px; height: 12px; margin-right: 6px;
  vertical-align: -1px; border: 1px solid #737373; -webkit-print-color-adjust: exact;
  print-color-adjust: exact; }
.qm-notice { background: #fff8db; border: 1px solid #c9a227; border-radius: 3px;
  padding: 3px 8px; font-size: 12px; font-weight: 600; color: #3d3000; max-width: 24rem;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.qm-tip-row { display: flex; gap: .75em; justify-content: space-between; }
.qm-tip-key { color: #555; }
.qm-tip-value { font-weight: 600; font-variant-numeric: tabular-nums; }
@media print {
  .qm-canvas { border-color: #999; }
  .qm-layers, .leaflet-control-zoom { display: none; }
  .qm-panel { box-shadow: none; border: 1px solid #999; }
}
"""


def assets_html() -> str:
    """The ``<style>`` and ``<script>`` elements every page with maps needs, once, in ``<head>``.

    Leaflet's files and this module's script and styles, all inline.

    Raises
    ------
    geo.errors.MissingDependencyError
        If Leaflet's package is not installed.
    """
    css = style_safe(leaflet_css() + MAP_CSS)
    js = script_safe(leaflet_js() + "\n" + MAP_JS)
    return f"<style>{css}</style>\n<script>{js}</script>\n"
