
(function () {
  var CARDS_ABOVE = @CARDS_ABOVE@;  // columns; a narrower table fits a phone as it is
  "use strict";
  var MISSING = "\u2014";
  var lang = document.documentElement.lang || undefined, collator;
  try { collator = new Intl.Collator(lang, {numeric: true, sensitivity: "base"}); }
  catch (e) { collator = new Intl.Collator(undefined, {numeric: true}); }
  function text(cell) { return cell.textContent.trim(); }
  // The sort key and the CSV field of a cell: numbers carry their unrounded value in data-v.
  function raw(cell) {
    if (cell.hasAttribute("data-v")) { return cell.getAttribute("data-v"); }
    var t = text(cell);
    return t === MISSING ? "" : t;
  }
  function key(cell, numeric) {
    var r = raw(cell);
    if (r === "") { return null; }
    if (!numeric) { return r; }
    var n = Number(r);
    return isNaN(n) ? null : n;
  }
  function field(value) {
    return /[",\r\n]/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value;
  }
  function csv(table) {
    var lines = [Array.prototype.map.call(table.tHead.rows[0].cells,
                                          function (th) { return field(text(th)); }).join(",")];
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      lines.push(Array.prototype.map.call(row.cells,
                                          function (td) { return field(raw(td)); }).join(","));
    });
    return "\ufeff" + lines.join("\r\n") + "\r\n";
  }
  function download(block, table) {
    var blob = new Blob([csv(table)], {type: "text/csv;charset=utf-8"});
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = block.getAttribute("data-file");
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 60000);
  }
  function sort(table, heads, index) {
    var th = heads[index], numeric = th.classList.contains("num");
    var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
    heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.map.call(body.rows, function (row) {
      return {row: row, key: key(row.cells[index], numeric), order: row.qtOrder};
    });
    rows.sort(function (a, b) {
      if (a.key === null || b.key === null) {
        return (a.key === null) - (b.key === null) || a.order - b.order;
      }
      var d = numeric ? a.key - b.key : collator.compare(a.key, b.key);
      return d !== 0 ? dir * d : a.order - b.order;
    });
    var fragment = document.createDocumentFragment();
    rows.forEach(function (r) { fragment.appendChild(r.row); });
    body.appendChild(fragment);
  }
  function init(block) {
    var table = block.querySelector("table");
    if (!table || !table.tHead || !table.tBodies.length) { return; }
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row, i) { row.qtOrder = i; });
    var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
    // On a phone a wide table is shown as one card per row: each cell names its column.
    if (heads.length > CARDS_ABOVE) {
      var labels = heads.map(function (th) { return th.textContent; });
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        Array.prototype.forEach.call(row.cells, function (td, i) {
          td.setAttribute("data-label", labels[i] || "");
        });
      });
      block.setAttribute("data-cards", "");
    }
    heads.forEach(function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "qt-sort";
      button.title = block.getAttribute("data-sort-title") || "";
      while (th.firstChild) { button.appendChild(th.firstChild); }
      th.appendChild(button);
      button.addEventListener("click", function () { sort(table, heads, index); });
    });
    var more = block.querySelector(".qt-more");
    if (more) {
      more.addEventListener("click", function () {
        var folded = block.classList.toggle("qt-folded");
        more.textContent = more.getAttribute(folded ? "data-more" : "data-less");
        more.setAttribute("aria-expanded", String(!folded));
        if (folded) { more.scrollIntoView({block: "nearest"}); }
      });
    }
    var save = block.querySelector(".qt-csv");
    if (save) { save.addEventListener("click", function () { download(block, table); }); }
  }
  function start() {
    document.querySelectorAll("[data-qonys-table]").forEach(init);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else { start(); }
})();
