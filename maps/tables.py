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

from geo.i18n import _, n_
from maps.leaflet import script_safe, style_safe
from maps.text import escape, is_missing, is_number
from maps.web_assets import web_asset

#: A table of more rows than this is folded ...
FOLD_ABOVE = 15
#: ... to this many.
SHOWN = 10
#: Tables of more columns than this become one card per row on a phone (at most 640 px).
CARDS_ABOVE = 2
_FILE_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def tables_head() -> str:
    """The ``<style>``, ``<noscript>`` and ``<script>`` of the tables, once in ``<head>``."""
    css = web_asset("tables.css", FIRST_FOLDED=SHOWN + 1)
    # Without scripts nothing can unfold or sort: show every row and hide the dead buttons.
    noscript = web_asset("tables-noscript.css")
    js = web_asset("tables.js", CARDS_ABOVE=CARDS_ABOVE)
    return (f"<style>{style_safe(css)}</style>\n"
            f"<noscript><style>{noscript}</style></noscript>\n"
            f"<script>{script_safe(js)}</script>\n")


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
    name = _file_name(caption) or _("table {number}", lang=lang, number=number)
    folded = rows > FOLD_ABOVE
    buttons = []
    note = ""
    if folded:
        more = n_("Show all {count:,d} row", "Show all {count:,d} rows", lang=lang, count=rows)
        less = n_("Show only the first {count:,d} row",
                  "Show only the first {count:,d} rows", lang=lang, count=SHOWN)
        buttons.append(f'<button type="button" class="qt-more" aria-expanded="false" '
                       f'data-more="{escape(more)}" data-less="{escape(less)}">'
                       f"{escape(more)}</button>")
        print_more = n_("… and {count:,d} more row: the whole table is in the report's HTML "
                        "version (which can download it as CSV).",
                        "… and {count:,d} more rows: the whole table is in the report's HTML "
                        "version (which can download it as CSV).",
                        lang=lang, count=rows - SHOWN)
        note = (f'<p class="qt-print-note">'
                f"{escape(print_more)}</p>")
    csv = _("Download CSV", lang=lang)
    buttons.append(f'<button type="button" class="qt-csv">'
                   f"{escape(csv)}</button>")
    classes = "qt qt-folded" if folded else "qt"
    sort = _("Click to sort; click again to reverse", lang=lang)
    return (f'<div class="{classes}" data-qonys-table="{rows}" data-file="{escape(name)}.csv" '
            f'data-sort-title="{escape(sort)}">{table_html}'
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
