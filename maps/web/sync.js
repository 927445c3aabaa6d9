
(function () {
  "use strict";
  var made = {};
  // Every map notes itself under its figure's id as Leaflet makes it.
  L.Map.addInitHook(function () {
    var figure = this.getContainer().closest(".qm-map");
    if (figure && figure.id) { made[figure.id] = this; }
  });
  // Maps are built as they near the view (maps/runtime.py): the link waits for all of them.
  window.qonysSync = function (ids) {
    var figures = ids.map(function (id) { return document.getElementById(id); });
    var linked = false;
    function tryLink() {
      if (!linked && ids.every(function (id) { return made[id]; })) {
        linked = true;
        link(ids.map(function (id) { return made[id]; }), figures);
      }
    }
    figures.forEach(function (figure) { figure.addEventListener("qonys:drawn", tryLink); });
    tryLink();
  };
  function link(maps, figures) {
    var moving = false;
    function follow(leader) {
      if (moving) { return; }
      moving = true;
      try {
        maps.forEach(function (other) {
          if (other !== leader) {
            other.setView(leader.getCenter(), leader.getZoom(), {animate: false});
          }
        });
      } finally { moving = false; }
    }
    maps.forEach(function (map) {
      map.on("move zoomend", function () { follow(map); });
    });
    figures.forEach(function (figure) {
      figure.querySelectorAll("input.qm-switch").forEach(function (input) {
        input.addEventListener("change", function () {
          figures.forEach(function (other) {
            var twin = other.querySelector("input.qm-switch[value='" + input.value + "']");
            if (other !== figure && twin && !twin.checked) {
              twin.checked = true;
              twin.dispatchEvent(new Event("change"));
            }
          });
        });
      });
    });
    follow(maps[0]);
    figures.forEach(function (figure) {
      figure.setAttribute("data-synced", String(maps.length));
    });
  }
})();
