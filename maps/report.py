"""The report page: one self-contained UTF-8 HTML file that opens with no network.

Headings, paragraphs, tables, maps and a sources section, in Russian, Kazakh or English. Every
script and style is inline (Leaflet from its registry package, stylesheet images as ``data:``
URIs), and a Content-Security-Policy in the page itself forbids the browser to fetch anything
but ``data:`` URIs and runs only the page's own scripts (by hash): even a value that escaped
escaping could not load or run anything. Links to sources are plain ``<a href>``: a link is
not a load.

Examples
--------
>>> import pandas as pd
>>> rep = Report("Готовность", lang="ru")
>>> rep.add_table(pd.DataFrame({"name": ["<b>A</b>"], "pop": [1234.6]}),
...               columns={"name": "Единица", "pop": "Жители"})
>>> "&lt;b&gt;A&lt;/b&gt;" in rep.to_html() and "1\\xa0235" in rep.to_html()
True
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

from geo.i18n import _, check_language
from maps.files import atomic_output, make_folder
from maps.folds import folds_head
from maps.runtime import assets_html
from maps.tables import raw_number, table_block, tables_head
from maps.text import escape, format_value, is_number
from maps.web_assets import web_asset
from maps.webmap import WebMap

LINK_SCHEMES = ("http", "https", "mailto")
_NUM = ' class="num"'
_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


class Report:
    """An HTML report built block by block, then written as one file.

    Parameters
    ----------
    title
        Page title and first heading (plain text).
    lang
        ``ru``, ``kk`` or ``en``: the page's language, its fixed words and number format.
    subtitle
        A line under the title (plain text).
    date
        Date printed in the footer; default: today.
    """

    def __init__(
        self,
        title: str,
        *,
        lang: str = "ru",
        subtitle: str | None = None,
        date: dt.date | None = None,
    ) -> None:
        self.title = title
        self.lang = check_language(lang)
        self.subtitle = subtitle
        self.date = date or dt.date.today()
        self.blocks: list[str] = []
        #: ``(id, text)`` of every level-2 heading, in page order: the table of contents.
        self.sections: list[tuple[str, str]] = []
        self._toc_at: int | None = None
        self._toc_title = ""
        self._headings = 0
        self.maps: list[WebMap] = []
        #: The credit line (data sources and licences) of maps added from now on that carry
        #: none of their own; the report's author sets it before each section.
        self.map_attribution: str | None = None
        #: Every source the page names, as plain text lines (for a PDF made without the page).
        self.source_texts: list[str] = []

    def add_heading(self, text: str, level: int = 2, *, anchor: str | None = None) -> str:
        """A heading (``level`` 2 to 4; the title is the only level 1); returns its ``id``.

        Every heading gets an ``id`` (``anchor``, else ``s1``, ``s2``… in page order), so that
        the table of contents and a link from another document can point at it.
        """
        if level not in (2, 3, 4):
            msg = f"Heading levels are 2, 3 or 4, not {level}."
            raise ValueError(msg)
        self._headings += 1
        anchor = anchor or f"s{self._headings}"
        if not re.fullmatch(r"[A-Za-z][\w-]*", anchor):
            msg = f"A heading's anchor is a letter then letters, digits, - or _, not {anchor!r}."
            raise ValueError(msg)
        if level == 2:
            self.sections.append((anchor, text))
        self.blocks.append(f'<h{level} id="{anchor}">{escape(text)}</h{level}>')
        return anchor

    def add_contents(self, title: str) -> None:
        """Here, a table of contents: a link to every level-2 heading that follows."""
        self._toc_at = len(self.blocks)
        self._toc_title = title
        self.blocks.append("")  # filled in by to_html, when every heading is known

    def add_paragraph(self, text: str) -> None:
        """A paragraph of plain text (escaped)."""
        self.blocks.append(f"<p>{escape(text)}</p>")

    def add_list(self, items: Iterable[str]) -> None:
        """A bulleted list of plain-text items (escaped)."""
        lis = "".join(f"<li>{escape(str(item))}</li>" for item in items)
        self.blocks.append(f"<ul>{lis}</ul>")

    def add_html(self, html: str) -> None:
        """Trusted HTML made by :mod:`maps` itself; never pass user data here."""
        self.blocks.append(html)

    def add_map(self, webmap: WebMap) -> None:
        """A :class:`maps.webmap.WebMap`, drawn in the report's language.

        A map without an ``attribution`` takes :attr:`map_attribution`, so that its static PNG
        carries the same credit.
        """
        if not webmap.attribution and self.map_attribution:
            webmap.attribution = self.map_attribution
        self.maps.append(webmap)
        self.blocks.append(webmap.to_html(lang=self.lang, element_id=f"map-{len(self.maps)}"))

    def add_table(
        self,
        df: pd.DataFrame,
        *,
        columns: Mapping[str, str] | None = None,
        number_format: Mapping[str, str] | None = None,
        caption: str | None = None,
        marks: Mapping[str, Iterable[bool]] | None = None,
        mark: str = "≈",
        empty_note: Callable[[list[str]], str] | None = None,
        same_note: bool = False,
    ) -> None:
        """A table of ``df``'s rows (its index is not shown).

        Parameters
        ----------
        df
            The data.
        columns
            Column -> header (already translated), in display order; default: every column
            under its own name.
        number_format
            Column -> ``str.format`` template for its numbers (English style; separators are
            localised). Other numbers get :func:`maps.text.default_format`.
        caption
            Caption above the table (plain text).
        marks, mark
            Column -> one flag per row: a flagged value is shown with ``mark`` before it (an
            estimate is "≈ 1,200"); its cell stays a number, right-aligned.
        empty_note
            Given, a column with nothing to say (every value missing or zero) is left out and
            this function of the left-out headers makes the sentence said under the table
            instead (what an empty column means is the caller's to say). ``None``: every
            column is shown.
        same_note
            True: a column that holds one value in every row (of two or more) is left out and
            said once, in a sentence under the table ("In every row: siting method — exact").
        """
        columns = dict(columns) if columns is not None else {str(c): str(c) for c in df.columns}
        missing = [c for c in columns if c not in df.columns]
        if missing:
            msg = f"The table has no column {', '.join(map(repr, missing))}."
            raise KeyError(msg)
        quiet = [c for c in columns if empty_note is not None and not df.empty
                 and _says_nothing(df[c])]
        if quiet and len(quiet) < len(columns):
            note = empty_note([columns[c] for c in quiet])  # type: ignore[misc]
            self.add_table(df, columns={c: v for c, v in columns.items() if c not in quiet},
                           number_format=number_format, caption=caption,
                           marks={c: v for c, v in (marks or {}).items() if c not in quiet},
                           mark=mark)
            self.add_paragraph(note)
            return
        same = [c for c in columns if same_note and len(df) > 1 and c not in (marks or {})
                and df[c].nunique(dropna=False) == 1]
        if same and len(same) < len(columns):
            formats = dict(number_format or {})
            pairs = "; ".join(f"{columns[c]} — "
                              f"{format_value(df[c].iloc[0], formats.get(c), lang=self.lang)}"
                              for c in same)
            self.add_table(df, columns={c: v for c, v in columns.items() if c not in same},
                           number_format=number_format, caption=caption, marks=marks,
                           mark=mark)
            self.add_paragraph(_("In every row of the table above: {pairs}.",
                                 lang=self.lang, pairs=pairs))
            return
        if df.empty:
            table_empty = _("No rows.", lang=self.lang)
            self.blocks.append(f"<p>{escape(table_empty)}</p>")
            return
        flags = {c: [bool(f) for f in v] for c, v in (marks or {}).items()}
        wrong = [c for c, v in flags.items() if c not in columns or len(v) != len(df)]
        if wrong:
            msg = f"Marks of {', '.join(map(repr, wrong))} do not match the table's rows."
            raise ValueError(msg)
        number = sum("data-qonys-table=" in block for block in self.blocks) + 1
        self.blocks.append(table_block(
            self._table(df, columns, dict(number_format or {}), caption, flags, mark),
            rows=len(df), lang=self.lang, caption=caption, number=number))

    def _table(self, df: pd.DataFrame, columns: dict[str, str], formats: dict[str, str],
               caption: str | None, flags: dict[str, list[bool]] | None = None,
               mark: str = "≈") -> str:
        """The ``<table>`` markup; numeric cells are right-aligned."""
        numeric = {c: _is_numeric_column(df[c]) for c in columns}
        head = "".join(
            f'<th scope="col"{_NUM if numeric[c] else ""}>{escape(label)}</th>'
            for c, label in columns.items()
        )
        body = []
        flags = flags or {}
        for number, row in enumerate(df[list(columns)].itertuples(index=False, name=None)):
            pairs = zip(columns, row, strict=True)
            cells = "".join(self._cell(v, formats.get(c), numeric[c],
                                       mark if c in flags and flags[c][number] else "")
                            for c, v in pairs)
            body.append(f"<tr>{cells}</tr>")
        cap = f"<caption>{escape(caption)}</caption>" if caption else ""
        return (f'<div class="table-wrap"><table>{cap}<thead><tr>{head}</tr></thead>'
                f"<tbody>{''.join(body)}</tbody></table></div>")

    def _cell(self, value: object, fmt: str | None, numeric: bool, mark: str = "") -> str:
        """One ``<td>``: escaped text, right-aligned in a column of numbers."""
        text = escape(format_value(value, fmt, lang=self.lang))
        if mark:
            text = f"{escape(mark)}\u00a0{text}"
        if not numeric:
            return f"<td>{text}</td>"
        # the unrounded number, for sorting and the CSV (maps.tables)
        raw = raw_number(value)
        value_attr = f' data-v="{raw}"' if raw else ""
        return f'<td class="num"{value_attr}>{text}</td>'

    @contextmanager
    def fold(self, summary: str) -> Iterator[None]:
        """Blocks added inside ``with report.fold(summary):`` are folded behind ``summary``.

        Closed on screen, printed open (:mod:`maps.folds`).
        """
        self.blocks.append(_fold_open(summary))
        try:
            yield
        finally:
            self.blocks.append(_FOLD_CLOSE)

    def add_sources(self, sources: Iterable[tuple[str, str | None, str | None]], *,
                    title: str | None = None, fold: str | None = None) -> None:
        """A numbered list of sources: ``(label, url or None, note)`` each.

        Only ``http``, ``https`` and ``mailto`` URLs become links; any other URL is shown as
        text, so a ``javascript:`` URL can never run. With ``fold``, the list is folded behind
        that text (:meth:`fold`).
        """
        sources = list(sources)
        items = [_source_item(*entry) for entry in sources]
        self.source_texts += [" — ".join(str(part) for part in (label, note) if part)
                              for label, __, note in sources]
        heading = title if title is not None else _("Sources", lang=self.lang)
        self.sections.append(("sources", heading))
        self.blocks.append(
            f'<section class="sources"><h2 id="sources">{escape(heading)}</h2>'
            + (_fold_open(fold) if fold else "")
            + f'<ol>{"".join(items)}</ol>' + (_FOLD_CLOSE if fold else "") + "</section>"
        )

    def _contents(self) -> str:
        """The ``<nav>`` of the headings after :meth:`add_contents`' place."""
        later = {m.group(1) for block in self.blocks[self._toc_at:]
                 for m in re.finditer(r'<h2 id="([^"]+)"', block)}
        items = "".join(f'<li><a href="#{anchor}">{escape(text)}</a></li>'
                        for anchor, text in self.sections if anchor in later)
        return (f'<nav class="toc" aria-label="{escape(self._toc_title)}">'
                f"<h2 class=\"toc-title\">{escape(self._toc_title)}</h2><ol>{items}</ol></nav>")

    def to_html(self) -> str:
        """The whole page as a string."""
        blocks = list(self.blocks)
        if self._toc_at is not None:
            blocks[self._toc_at] = self._contents()
        body = "\n".join(blocks)
        assets = assets_html() if self.maps or "data-qonys-map" in body else ""
        subtitle = f'<p class="subtitle">{escape(self.subtitle)}</p>' if self.subtitle else ""
        footer = escape(_("Report made by qonys on {date}.",
                          lang=self.lang, date=self.date.isoformat()))
        head = f"<style>{web_asset('page.css')}{web_asset('charts.css')}</style>\n{assets}"
        if "data-qonys-table=" in body:
            head += tables_head()
        if 'class="qr-fold"' in body:
            head += folds_head()
        csp = self._content_security_policy(head + body)
        return (
            f'<!DOCTYPE html>\n<html lang="{self.lang}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(self.title)}</title>\n{head}</head>\n<body>\n<main>\n"
            f"<header><h1>{escape(self.title)}</h1>{subtitle}</header>\n{body}\n"
            f"<footer>{footer}</footer>\n</main>\n</body>\n</html>\n"
        )

    def _content_security_policy(self, html: str) -> str:
        """Only this page's scripts run (by hash); only ``data:`` images and fonts load.

        A tile server named by a map is added to ``img-src``.
        """
        hashes = [f"'sha256-{_sha256(script)}'" for script in _SCRIPT.findall(html)]
        images = ["data:", *sorted({m.tile_origin for m in self.maps if m.tile_origin})]
        rules = {
            "default-src": ["'none'"],
            "script-src": hashes or ["'none'"],
            "style-src": ["'unsafe-inline'"],
            "img-src": images,
            "font-src": ["data:"],
            "base-uri": ["'none'"],
            "form-action": ["'none'"],
        }
        policy = "; ".join(f"{name} {' '.join(values)}" for name, values in rules.items())
        if re.search(r'[<>"&]', policy):  # origins come from a parsed URL; say so if not
            msg = f"Unexpected characters in the page's security policy: {policy!r}"
            raise ValueError(msg)
        return policy

    def write(self, path: str | os.PathLike[str]) -> Path:
        """Write the page to ``path`` (UTF-8, atomically: a reader never sees half a file).

        Returns
        -------
        pathlib.Path
            The path written.
        """
        path = Path(path)
        make_folder(path.parent)
        with atomic_output(path) as staged:
            staged.write_text(self.to_html(), encoding="utf-8", newline="\n")
        return path


_FOLD_CLOSE = "</details>"


def _fold_open(summary: str) -> str:
    """The opening of a fold (:mod:`maps.folds`) behind the plain-text ``summary``."""
    return f'<details class="qr-fold"><summary>{escape(summary)}</summary>'


def _sha256(text: str) -> str:
    """Base64 SHA-256 of ``text`` in UTF-8, as a CSP hash source wants it."""
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def _is_numeric_column(series: pd.Series) -> bool:
    """True for number columns (not booleans), or object columns holding only numbers."""
    if pd.api.types.is_bool_dtype(series):
        return False
    if pd.api.types.is_numeric_dtype(series):
        return True
    values = series.dropna()
    return len(values) > 0 and all(is_number(v) for v in values)


def _says_nothing(series: pd.Series) -> bool:
    """True for a column whose every value is missing, or zero (as a number)."""
    values = series.dropna()
    return values.empty or (_is_numeric_column(values)
                            and bool((pd.to_numeric(values) == 0).all()))


def _source_item(label: str, url: str | None = None, note: str | None = None) -> str:
    """One ``<li>`` of the sources list."""
    text = escape(label)
    if url and urlsplit(url).scheme.lower() in LINK_SCHEMES:
        text = f'<a href="{escape(url)}" rel="noopener noreferrer">{text}</a>'
    elif url:
        text = f"{text} <code>{escape(url)}</code>"
    if note:
        text += f' <span class="note">— {escape(note)}</span>'
    return f"<li>{text}</li>"
