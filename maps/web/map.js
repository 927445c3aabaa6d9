
(function () {
  "use strict";
  var CANVAS_ABOVE = 3000;  // features; Leaflet's SVG slows down beyond a few thousand paths
  // px of map width; a narrower map (a phone) starts with its panel folded. The side-by-side
  // comparison maps (about 540 px at 1,400 px) keep theirs open: their legend is the point.
  var PANEL_OPEN_FROM = 480;
  // ms of map building per task after "load"; a task under 50 ms is not a "long task" that
  // delays a reader's input
  var TASK_MS = 40;
  function node(tag, cls, text) {
    var el = document.createElement(tag);
    if (cls) { el.className = cls; }
    if (text !== undefined) { el.textContent = text; }
    return el;
  }
  // maps/encode.py writes the geometry; this is its inverse.
  function decoder(grid) {
    var x0 = grid[0], y0 = grid[1], step = grid[2];
    function line(flat, closed) {
      var out = [], x = 0, y = 0;
      for (var i = 0; i < flat.length; i += 2) {
        x += flat[i]; y += flat[i + 1];
        out.push([x0 + x * step, y0 + y * step]);
      }
      if (closed && out.length) { out.push(out[0]); }
      return out;
    }
    function rings(list) { return list.map(function (r) { return line(r, true); }); }
    function geometry(g) {
      switch (g[0]) {
        case 1: return {type: "Point", coordinates: [x0 + g[1] * step, y0 + g[2] * step]};
        case 2: return {type: "LineString", coordinates: line(g[1], false)};
        case 3: return {type: "Polygon", coordinates: rings(g[1])};
        case 4: return {type: "MultiPoint", coordinates: line(g[1], false)};
        case 5: return {type: "MultiLineString",
                        coordinates: g[1].map(function (l) { return line(l, false); })};
        case 6: return {type: "MultiPolygon", coordinates: g[1].map(rings)};
        default: return {type: "GeometryCollection", geometries: g[1].map(geometry)};
      }
    }
    return geometry;
  }
  function columnText(column, i) {
    return column.i ? column.v[column.i[i]] : column.v[i];
  }
  function tooltipFor(spec, columns) {
    return function (layer) {
      var feature = layer.feature || (layer.qmWhole && layer.qmWhole.feature);
      var i = feature.properties.i, box = node("div", "qm-tip");
      for (var c = 0; c < spec.labels.length; c++) {
        var row = node("div", "qm-tip-row");
        row.appendChild(node("span", "qm-tip-key", spec.labels[c]));
        row.appendChild(node("span", "qm-tip-value", columnText(columns[spec.columns[c]], i)));
        box.appendChild(row);
      }
      return box;
    };
  }
  function styleFor(spec) {
    return function (feature) {
      var i = feature.properties.i, color = spec.colors[spec.k[i]];
      if (spec.kind === "flow") {
        return {color: color, weight: spec.w[i], opacity: 0.85, fillColor: color,
                fillOpacity: 0.85, lineCap: "round"};
      }
      if (spec.kind === "point") {
        return {fillColor: color, fillOpacity: spec.opacity, color: "#252525", weight: 1,
                opacity: 0.9, radius: spec.r[i]};
      }
      return {fillColor: color, fillOpacity: spec.opacity, color: "#525252", weight: 0.8,
              opacity: 0.9};
    };
  }
  function features(shape, geometry) {
    var out = [];
    for (var i = 0; i < shape.length; i++) {
      if (shape[i] !== null) {
        out.push({type: "Feature", properties: {i: i}, geometry: geometry(shape[i])});
      }
    }
    return out;
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
  function draw(root, cfg) {
    var map = L.map(root.querySelector(".qm-canvas"), {zoomSnap: 0.25, zoomDelta: 0.5,
                                                       scrollWheelZoom: false});
    if (cfg.tiles) {
      L.tileLayer(cfg.tiles.url, {attribution: cfg.tiles.attribution}).addTo(map);
    }
    var geometry = decoder(cfg.grid), decoded = {};
    function shapeFeatures(index) {
      if (!decoded[index]) { decoded[index] = features(cfg.shapes[index], geometry); }
      return decoded[index];
    }
    function rendererFor(count) {
      return count > CANVAS_ABOVE ? L.canvas({padding: 0.3}) : L.svg({padding: 0.3});
    }
    if (cfg.outline !== null) {
      var lines = shapeFeatures(cfg.outline);
      L.geoJSON(lines, {interactive: false, renderer: rendererFor(lines.length),
                        style: {fill: false, color: "#969696", weight: 0.7}}).addTo(map);
    }
    var overlays = [];
    // A ring is kept in pixels, whatever the zoom, so its points touch but never cover.
    function shifted(marker) {
      return map.unproject(map.project(marker.qmSpot).add(marker.qmShift));
    }
    map.on("zoomend", function () {
      overlays.forEach(function (group) {
        group.eachLayer(function (marker) {
          if (marker.qmSpot) { marker.setLatLng(shifted(marker)); }
        });
      });
    });
    function overlay(index) {
      if (overlays[index]) { return overlays[index]; }
      var spec = cfg.layers[index], list = shapeFeatures(spec.shape);
      var group = L.geoJSON(list, {
        style: styleFor(spec), renderer: rendererFor(list.length),
        pointToLayer: function (feature, latlng) {
          var marker = L.circleMarker(latlng, styleFor(spec)(feature));
          var shift = spec.o && spec.o[feature.properties.i];
          if (shift) {  // one of several points on one spot: kept on a ring around it
            marker.qmSpot = latlng;
            marker.qmShift = L.point(shift[0], shift[1]);
            marker.setLatLng(shifted(marker));
          }
          return marker;
        },
        // A flow is a GeometryCollection (its line and its arrowhead): Leaflet makes it a
        // group whose paths, the ones the pointer touches, carry no feature of their own.
        onEachFeature: function (feature, layer) {
          if (layer.eachLayer) {
            layer.eachLayer(function (part) { part.feature = feature; part.qmWhole = layer; });
          }
        }
      });
      group.bindTooltip(tooltipFor(spec, cfg.columns), {sticky: true, className: "qm-tooltip"});
      var emphasis = spec.kind === "flow" ? {color: "#000"} : {weight: 2.5, color: "#000"};
      function whole(layer) { return layer.qmWhole || layer; }
      group.on("mouseover", function (e) { whole(e.layer).setStyle(emphasis); });
      group.on("mouseout", function (e) { group.resetStyle(whole(e.layer)); });
      if (spec.lab) {  // places named on the map face: textContent, never HTML
        group.qmLabels = L.layerGroup(spec.lab.map(function (place) {
          return L.tooltip({permanent: true, direction: "left", className: "qm-place",
                            interactive: false})
            .setLatLng([place[1], place[0]]).setContent(node("span", null, place[2]));
        }));
      }
      overlays[index] = group;
      return group;
    }
    var legends = root.querySelectorAll(".qm-legend");
    var active = null;
    function show(index) {
      if (active !== null) {
        map.removeLayer(overlays[active]);
        if (overlays[active].qmLabels) { map.removeLayer(overlays[active].qmLabels); }
      }
      active = index;
      var group = overlay(index).addTo(map);
      if (group.qmLabels) { group.qmLabels.addTo(map); }
      for (var j = 0; j < legends.length; j++) { legends[j].hidden = (j !== index); }
      root.setAttribute("data-active-layer", String(index));
      root.setAttribute("data-drawn", String(group.getLayers().length));
    }
    var panel = root.querySelector(".qm-panel");
    if (panel) {
      controlOf("topright", panel).addTo(map);
      var toggle = panel.querySelector(".qm-toggle");
      var body = panel.querySelector(".qm-panel-body");
      var setOpen = function (open) {
        body.hidden = !open;
        toggle.setAttribute("aria-expanded", String(open));
      };
      // On a phone the open panel would cover the map: it starts folded there.
      setOpen(map.getSize().x >= PANEL_OPEN_FROM);
      toggle.addEventListener("click", function () { setOpen(body.hidden); });
    }
    var notice = root.querySelector(".qm-notice");
    if (notice) { controlOf("bottomleft", notice).addTo(map); }
    var credit = root.querySelector(".qm-attribution");
    if (credit) { controlOf("bottomright", credit).addTo(map); }
    function fit() {
      if (!cfg.bounds) { map.setView([0, 0], 1); return; }
      // keep the data clear of the legend (top right) and the notice (bottom left)
      var width = map.getSize().x;
      var right = panel ? Math.min(panel.offsetWidth + 20, 0.4 * width) : 12;
      var bottom = Math.max(notice ? notice.offsetHeight + 16 : 12,
                            credit ? credit.offsetHeight + 8 : 12);
      map.fitBounds(cfg.bounds, {paddingTopLeft: [12, 12], paddingBottomRight: [right, bottom]});
    }
    root.querySelectorAll("input.qm-switch").forEach(function (input) {
      input.addEventListener("change", function () { show(Number(input.value)); });
    });
    fit();
    show(0);
    // maps/context.py: labels, outlines, roads, scale bar, city views
    if (cfg.context) {
      // The data first: the context (labels, outlines, roads, scale) is drawn once the page
      // has loaded, so that twenty maps' labels do not hold back the first screen.
      var drawContext = function () { window.qonysContext(map, cfg.context, root, geometry, fit); };
      if (document.readyState === "complete") { drawContext(); } else {
        window.addEventListener("load", function () { setTimeout(drawContext, 0); });
      }
    }
    refits.push(function () { map.invalidateSize(); fit(); });
  }
  // A map is built when it comes within a screen of the view, and the others a few per task
  // once the page has loaded, so that the first screen does not wait for twenty maps; its data
  // (a JSON block, not script) is parsed only then. Printing builds every map first.
  var waiting = [], refits = [];
  function build(root) {
    if (root.qmBuilt) { return; }
    root.qmBuilt = true;
    var data = document.getElementById(root.id + "-data");
    draw(root, JSON.parse(data.textContent));
    root.dispatchEvent(new CustomEvent("qonys:drawn"));
  }
  var near = "IntersectionObserver" in window ? new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (entry.isIntersecting) { near.unobserve(entry.target); build(entry.target); }
    });
  }, {rootMargin: "100% 0px"}) : null;
  function buildNext() {
    // maps for about one frame's work per task, so that scrolling and clicks stay answered
    var until = performance.now() + TASK_MS;
    while (waiting.length && performance.now() < until) {
      var root = waiting.shift();
      if (near) { near.unobserve(root); }
      build(root);
    }
    if (waiting.length) { setTimeout(buildNext, 0); }
  }
  function buildAll() { while (waiting.length) { build(waiting.shift()); } }
  // Registered before maps/runtime_print.py's handlers, whenever a map is built: every map is
  // built and refitted to the paper before the copies are taken, and again after printing.
  function refitAll() { refits.forEach(function (refit) { refit(); }); }
  window.addEventListener("beforeprint", function () { buildAll(); refitAll(); });
  window.addEventListener("afterprint", refitAll);
  if (document.readyState === "complete") { setTimeout(buildNext, 0); } else {
    window.addEventListener("load", function () { setTimeout(buildNext, 0); });
  }
  window.qonysMap = function (id) {
    var root = document.getElementById(id);
    if (!near) { build(root); return; }
    waiting.push(root);
    near.observe(root);
  };
})();
