
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
