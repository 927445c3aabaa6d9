
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  function shot(canvas) {
    var w = canvas.clientWidth, h = canvas.clientHeight;
    var pane = canvas.querySelector(".leaflet-map-pane");
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 " + w + " " + h);
    svg.setAttribute("class", "qm-print-shot");
    var outside = document.createElementNS(SVG, "foreignObject");
    outside.setAttribute("width", String(w));
    outside.setAttribute("height", String(h));
    var face = document.createElement("div");
    face.className = "leaflet-container qm-print-face";
    face.style.width = w + "px";
    face.style.height = h + "px";
    if (pane) {
      var copy = pane.cloneNode(true);
      var live = pane.querySelectorAll("canvas"), dead = copy.querySelectorAll("canvas");
      for (var i = 0; i < live.length; i++) {  // a copied canvas is blank: keep its pixels
        var img = document.createElement("img");
        img.src = live[i].toDataURL("image/png");
        img.className = live[i].className;
        img.style.cssText = live[i].style.cssText;
        img.width = live[i].width;
        img.height = live[i].height;
        dead[i].parentNode.replaceChild(img, dead[i]);
      }
      face.appendChild(copy);
    }
    outside.appendChild(face);
    svg.appendChild(outside);
    return svg;
  }
  function plain(element) {
    var copy = element.cloneNode(true);
    copy.hidden = false;
    copy.removeAttribute("id");
    return copy;
  }
  function select(input) {
    input.checked = true;
    input.dispatchEvent(new Event("change"));
  }
  function multiples(root) {
    var inputs = root.querySelectorAll("input.qm-switch");
    var canvas = root.querySelector(".qm-canvas");
    if (inputs.length < 2 || !canvas) { return; }
    var legends = root.querySelectorAll(".qm-legend");
    var active = root.getAttribute("data-active-layer") || "0";
    var block = document.createElement("div");
    block.className = "qm-print-multiples";
    var notice = root.querySelector(".qm-notice");
    if (notice) { block.appendChild(plain(notice)).className = "qm-notice qm-print-note"; }
    var grid = document.createElement("div");
    grid.className = "qm-print-grid";
    block.appendChild(grid);
    for (var j = 0; j < inputs.length; j++) {
      select(inputs[j]);
      var cell = document.createElement("figure");
      cell.className = "qm-print-cell";
      cell.setAttribute("data-layer", inputs[j].value);
      var label = inputs[j].closest("label");
      var caption = document.createElement("figcaption");
      caption.textContent = (label ? label.textContent : "").trim();
      cell.appendChild(caption);
      cell.appendChild(shot(canvas));
      var legend = legends[Number(inputs[j].value)];
      if (legend) { cell.appendChild(plain(legend)); }
      grid.appendChild(cell);
    }
    var credit = root.querySelector(".qm-attribution");
    if (credit) { block.appendChild(plain(credit)).className = "qm-attribution qm-print-credit"; }
    var back = root.querySelector("input.qm-switch[value='" + active + "']") || inputs[0];
    select(back);
    root.appendChild(block);
    root.classList.add("qm-printing");
  }
  function clear() {
    document.querySelectorAll(".qm-print-multiples").forEach(function (block) {
      block.parentNode.classList.remove("qm-printing");
      block.remove();
    });
  }
  function prepare() {
    clear();
    document.querySelectorAll(".qm-map").forEach(multiples);
  }
  // maps/runtime.py builds and refits every map on beforeprint and afterprint; the copies are
  // taken after that refit and go before the refit after printing, so that no map is fitted
  // while it is hidden. The runtime registers its handlers as the page's head is read, so the
  // copies' handler is registered at "load"; the capture flag runs afterprint's first.
  if (document.readyState === "complete") {
    window.addEventListener("beforeprint", prepare);
  } else {
    window.addEventListener("load", function () {
      window.addEventListener("beforeprint", prepare);
    });
  }
  window.addEventListener("afterprint", clear, true);
})();
