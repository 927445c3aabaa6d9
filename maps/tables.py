"""Tables a reader can use: long ones folded, every one sortable and downloadable as CSV.

:meth:`maps.report.Report.add_table` wraps each table with :func:`table_block`; the page's
``<head>`` carries :func:`tables_head` once. Everything works offline under the page's
Content-Security-Policy (scripts by hash, ``default-src 'none'``): the CSV is made in the
browser from the table itself and handed over as a ``Blob`` URL, which a download link may
follow (a download is not a fetch that ``default-src`` governs).

Decisions:

- A table of more than :data:`FOLD_ABOVE` rows shows its first :data:`SHOWN` and folds the rest
  behind a button that names how many rows there are; folding fewer rows would hide almost
  nothing. The fold is CSS (``nth-child``), so a sort reorders what is shown: sorted by cost,
  the first rows are the costliest. Without scripts (``<noscript>``) every row shows.
- Sorting: numbers by value (read from the cell's ``data-v``, the unrounded number), text with
  :js:`Intl.Collator` in the page's language; missing values last in either direction; ties
  keep the table's own order. A second click reverses.
- The CSV has every row (folded or not) in the order shown, a header row of the column
  titles, comma separated, numbers plain (``1234.5``, not ``1 234,5``), missing values empty,
  UTF-8 with a byte order mark so that Excel reads Cyrillic.
- In print, a folded table prints its first rows and a line saying how many more the HTML
  page holds; an unfolded one prints whole (the reader chose to see it all).
"""

from __future__ import annotations

import re

from geo.i18n import tr
from maps.leaflet import script_safe, style_safe
from maps.text import escape, is_missing, is_number

#: A table of more rows than this is folded ...
FOLD_ABOVE = 15
#: ... to this many.
SHOWN = 10
#: Tables of more columns than this become one card per row on a phone (at most 640 px).
CARDS_ABOVE = 2
_FILE_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')

TABLES_JS = r"""
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
""".replace("@CARDS_ABOVE@", str(CARDS_ABOVE))

TABLES_CSS = f"""
.qt {{ margin: .75rem 0 1.5rem; }}
.qt > .table-wrap {{ margin: 0; }}
.qt-folded tbody tr:nth-child(n+{SHOWN + 1}) {{ display: none; }}
.qt-bar {{ display: flex; flex-wrap: wrap; gap: .4rem .8rem; margin: .35rem 0 0;
  font-size: .85rem; }}
.qt-bar button {{ font: inherit; color: #0b57a4; background: none; border: 1px solid #b8c7d9;
  border-radius: 3px; padding: .15rem .55rem; cursor: pointer; }}
.qt-bar button:hover {{ background: #eef3f9; }}
.qt-sort {{ font: inherit; font-weight: inherit; color: inherit; text-align: inherit;
  background: none; border: 0; padding: 0; margin: 0; cursor: pointer; width: 100%; }}
/* the arrow sits in the header's right padding: it widens no column */
.qt th {{ position: relative; padding-right: .85rem; }}
.qt-sort::after {{ content: "\\2195"; color: #aaa; font-weight: 400; font-size: .8em;
  position: absolute; right: .15rem; bottom: .35rem; }}
th[aria-sort="ascending"] .qt-sort::after {{ content: "\\25B2"; color: #333; }}
th[aria-sort="descending"] .qt-sort::after {{ content: "\\25BC"; color: #333; }}
.qt-print-note {{ display: none; margin: .2rem 0 0; color: #555; font-size: .85em; }}
@media (max-width: 640px) {{
  .qt[data-cards] table, .qt[data-cards] thead, .qt[data-cards] tbody, .qt[data-cards] tr,
  .qt[data-cards] td, .qt[data-cards] caption {{
    display: block; }}
  .qt[data-cards] table {{ min-width: 0; width: 100%; }}
  .qt[data-cards] thead tr {{ display: flex; flex-wrap: wrap; gap: 0 .2rem; }}
  .qt[data-cards] thead th {{ border: 0; background: none; padding: .1rem .3rem; }}
  .qt[data-cards] tbody tr {{ border: 1px solid #e3e3e3; border-radius: 4px;
    margin: 0 0 .5rem; padding: .25rem .5rem; }}
  .qt[data-cards] td {{ display: flex; gap: .6rem; justify-content: space-between;
    border: 0; padding: .1rem 0; text-align: right; position: static; box-shadow: none;
    background: none !important; min-width: 0; flex-wrap: wrap; white-space: normal; }}
  .qt[data-cards] td::before {{ content: attr(data-label); color: #555; text-align: left;
    font-size: .9em; flex: 0 1 45%; overflow-wrap: normal; word-break: normal; }}
}}
@media print {{
  .qt-bar {{ display: none; }}
  .qt-sort::after {{ content: none; }}
  .qt-folded .qt-print-note {{ display: block; }}
}}
"""

# Without scripts nothing can unfold or sort: show every row and hide the dead buttons.
_NOSCRIPT_CSS = (".qt-folded tbody tr { display: table-row !important; }"
                 " .qt-bar, .qt-print-note { display: none !important; }")


def tables_head() -> str:
    """The ``<style>``, ``<noscript>`` and ``<script>`` of the tables, once in ``<head>``."""
    return (f"<style>{style_safe(TABLES_CSS)}</style>\n"
            f"<noscript><style>{_NOSCRIPT_CSS}</style></noscript>\n"
            f"<script>{script_safe(TABLES_JS)}</script>\n")


def table_block(table_html: str, *, rows: int, lang: str, caption: str | None,
                number: int) -> str:
    """``table_html`` (a ``<div class="table-wrap">``) with its fold, sort and CSV controls.

    Parameters
    ----------
    table_html
        The table's markup.
    rows
        Its number of body rows.
    lang
        ``ru``, ``kk`` or ``en``: the controls' language.
    caption
        The table's caption, which names the CSV file; ``None`` for "table N".
    number
        The table's place on the page (1 for the first), for a file name without a caption.

    Returns
    -------
    str
        HTML.
    """
    name = _file_name(caption) or tr("tables.file", lang=lang, number=number)
    folded = rows > FOLD_ABOVE
    buttons = []
    note = ""
    if folded:
        more = tr("tables.show_all", lang=lang, count=rows)
        less = tr("tables.show_first", lang=lang, count=SHOWN)
        buttons.append(f'<button type="button" class="qt-more" aria-expanded="false" '
                       f'data-more="{escape(more)}" data-less="{escape(less)}">'
                       f"{escape(more)}</button>")
        note = (f'<p class="qt-print-note">'
                f"{escape(tr('tables.print_more', lang=lang, count=rows - SHOWN))}</p>")
    buttons.append(f'<button type="button" class="qt-csv">'
                   f"{escape(tr('tables.csv', lang=lang))}</button>")
    classes = "qt qt-folded" if folded else "qt"
    return (f'<div class="{classes}" data-qonys-table="{rows}" data-file="{escape(name)}.csv" '
            f'data-sort-title="{escape(tr("tables.sort", lang=lang))}">{table_html}'
            f'<div class="qt-bar">{"".join(buttons)}</div>{note}</div>')


def raw_number(value: object) -> str:
    """A number as the CSV and the sort read it: plain, unrounded, ``""`` if missing.

    Examples
    --------
    >>> [raw_number(v) for v in (1200.0, 0.1 + 0.2, -3, float("nan"))]
    ['1200', '0.30000000000000004', '-3', '']
    """
    if is_missing(value) or not is_number(value):
        return ""
    number = float(value)  # type: ignore[arg-type]
    if number != number or number in (float("inf"), float("-inf")):
        return ""
    return str(int(number)) if number.is_integer() else repr(number)


def _file_name(caption: str | None) -> str:
    """``caption`` as a file name: no path or reserved characters, at most 80 characters."""
    if not caption:
        return ""
    return _FILE_UNSAFE.sub(" ", caption).strip(" .")[:80].strip()
