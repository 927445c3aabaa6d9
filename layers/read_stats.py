"""Read statistics tables, CSV or XLSX, as bulletins publish them: title rows above the
header, multi-row headers, notes below, "-" for nothing, "1 234,5" for a number.

:func:`read_statistics` is what ``qonys join`` (:mod:`layers.join`) and ``qonys load`` of an
``.xlsx`` table read with.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np
import pandas as pd

from geo.errors import InputFileError
from geo.i18n import _
from layers.encoding import decode_text

MISSING_MARKS = frozenset({"", "-", "–", "—", "х", "x", "...", "…"})
#: Table headers taken for the KATO column, in this order (compared as :func:`header_key`).
KATO_HEADERS = ("kato", "код като", "като", "kato code", "code", "код")
#: Table headers taken for the parent (oblast) column of a name join.
PARENT_HEADERS = ("parent", "parent name", "oblast", "region", "область", "облыс", "облысы",
                  "регион", "өңір")
#: Layer columns that hold names, in the order labels use them.
NAME_COLUMNS = ("name_ru", "name_kk", "name_en")
_SPACES = re.compile(r"[\s\u00a0\u2007\u2009\u202f]")
_PLAIN = re.compile(r"[-+]?\d+(?:[.,]\d+)?")
# Thousands grouped by "," or "." (1,234,567; 1.234,5), the decimal mark being the other one.
_GROUPED = re.compile(r"[-+]?\d{1,3}(?P<sep>[.,])\d{3}(?:(?P=sep)\d{3})*(?:(?!(?P=sep))[.,]\d+)?")


def read_statistics(path: str | Path, *, sheet: str | None = None) -> tuple[pd.DataFrame, str]:
    """Read a statistics table from CSV or XLSX, finding its header below any title rows.

    Parameters
    ----------
    path
        A ``.csv`` (UTF-8, UTF-8 with BOM, cp1251, cp866 or KOI8-R; ``,`` ``;`` or tab) or an
        ``.xlsx`` workbook.
    sheet
        The XLSX sheet; by default the first sheet that holds a table (bulletins begin with a
        cover and a contents sheet).

    Returns
    -------
    frame : pandas.DataFrame
        One row per non-empty data row, indexed by its row in the file (``source_row``, from
        1). A column whose values are all numbers (``1 234,5`` with spaces or no-break spaces
        between thousands and a decimal comma) or missing (``-``, ``—``, ``х``, empty) is
        numeric (``Int64`` when whole); other columns are text, missing as ``None``, and so is
        a KATO column. Headers over several rows are joined with `` / ``; an empty header is
        named by its column (``A`` in XLSX, ``column_1`` in CSV). ``frame.attrs["sheet"]``
        names the sheet read.
    encoding : str
        ``"utf-8"``, ``"utf-8-sig"``, ``"cp1251"``, ``"cp866"`` or ``"koi8_r"``; ``"utf-8"``
        for XLSX.

    Raises
    ------
    InputFileError
        The file is missing, unreadable, of another format, or holds no table.
    """
    path = Path(path)
    if not path.is_file():
        msg = _("The file {path} does not exist. Check the path to the statistics "
                "table.", path=path)
        raise InputFileError(msg)
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv", ".txt"):
        rows, encoding = _csv_rows(path)
        sheets: Iterable[tuple[str | None, list[list[str]]]] = [(None, rows)]
    elif suffix in (".xlsx", ".xlsm"):
        sheets, encoding = _xlsx_sheets(path, sheet), "utf-8"
    else:
        msg = _("{path}: the format '{suffix}' is not supported. Save the table as CSV (UTF-8 or "
                "Windows-1251) or XLSX.",
                path=path, suffix=suffix or path.name)
        raise InputFileError(msg)
    for name, rows in sheets:
        # Choosing a sheet: the first with numbers under a header (not a cover, not contents).
        frame = _table(rows, letters=name is not None, numbers=sheet is None and name is not None)
        if frame is not None:
            frame.attrs["sheet"] = name
            return frame, encoding
    msg = _("{path}: no table with a header row above its data was found. Keep a row of column "
            "names above the data.", path=path)
    raise InputFileError(msg)


def _csv_rows(path: Path) -> tuple[list[list[str]], str]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        msg = _("Cannot read {path}: {error}. Save the table again as CSV or XLSX.",
                path=path, error=exc.strerror or exc)
        raise InputFileError(msg) from exc
    # A zip (an .xlsx renamed) or NUL bytes (UTF-16) would decode as cp1251 garbage.
    if raw.startswith(b"PK\x03\x04") or b"\x00" in raw[:4096]:
        msg = _("{path} is not a text CSV (binary data, UTF-16, or an Excel workbook named .csv). "
                "Save it as 'CSV UTF-8' or as XLSX.", path=path)
        raise InputFileError(msg)
    # not UTF-8: the Cyrillic code page its letters read best in (KOI8-R is no cp1251)
    decoded = decode_text(raw, mark_means_utf8=True)
    if decoded is None:
        msg = _("{path} is not a text CSV (binary data, UTF-16, or an Excel workbook named .csv). "
                "Save it as 'CSV UTF-8' or as XLSX.", path=path)
        raise InputFileError(msg)
    text, encoding = decoded
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text)))
    return rows, encoding


def sniff_delimiter(text: str) -> str:
    """The delimiter (``,`` ``;`` or tab) that splits most of the first 50 lines into the same
    number (> 1) of fields; ``,`` when none does.

    Examples
    --------
    >>> sniff_delimiter(chr(10).join(["a;b;c", "1;2,5;3"]))
    ';'
    """
    lines = [line for line in text.splitlines() if line.strip()][:50]
    best, score = ",", (0, 0)
    for delimiter in (",", ";", "\t"):
        counts = Counter(len(row) for row in csv.reader(lines, delimiter=delimiter))
        width, rows = max(counts.items(), key=lambda item: (item[1], item[0]), default=(0, 0))
        if width > 1 and (rows, width) > score:
            best, score = delimiter, (rows, width)
    return best


def _xlsx_sheets(path: Path, sheet: str | None) -> Iterator[tuple[str, list[list[str]]]]:
    from zipfile import BadZipFile

    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    check_no_doctype(path)
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, KeyError, OSError, ValueError,
            SyntaxError) as exc:  # SyntaxError: ElementTree's ParseError
        msg = _("Cannot read {path}: {error}. Save the table again as CSV "
                "or XLSX.", path=path, error=exc)
        raise InputFileError(msg) from exc
    try:
        if sheet is not None and sheet not in book.sheetnames:
            msg = _("The workbook {path} has no sheet '{sheet}'. Its "
                    "sheets: {sheets}.", path=path, sheet=sheet,
                     sheets=", ".join(book.sheetnames))
            raise InputFileError(msg)
        for name in [sheet] if sheet is not None else book.sheetnames:
            worksheet = book[name]
            # read-only mode trusts the sheet's <dimension>, which some writers leave at the
            # first rows: "A1:C4" over 1,000 rows read 3 of them with no error (issue 18)
            if hasattr(worksheet, "reset_dimensions"):  # a chart sheet has no cells
                worksheet.reset_dimensions()
            try:  # read-only mode parses the sheet's XML here, lazily
                rows = [[_cell_text(v) for v in row]
                        for row in worksheet.iter_rows(values_only=True)]
            except (SyntaxError, ValueError, KeyError, OSError, BadZipFile) as exc:
                msg = _("Cannot read {path}: {error}. Save the table again as CSV or XLSX.",
                        path=path, error=f"{name}: {exc}")
                raise InputFileError(msg) from exc
            yield name, rows
    finally:
        book.close()


#: How much of each XML part of an XLSX is searched for a DOCTYPE: it can only stand in the
#: prolog, before the root element.
_PROLOG_BYTES = 64 * 1024


def check_no_doctype(path: Path) -> None:
    """Refuse an XLSX any of whose XML parts declares a DOCTYPE.

    No spreadsheet program writes one; it is how entity expansion and external entities (XXE)
    get into a file, and openpyxl parses without defusedxml here, so the file is refused
    before it is parsed.

    Raises
    ------
    InputFileError
        Naming the file and the part, with the fix.
    """
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            for member in archive.infolist():
                if member.is_dir() or not member.filename.lower().endswith(
                        (".xml", ".rels", ".vml")):
                    continue
                with archive.open(member) as handle:
                    prolog = handle.read(_PROLOG_BYTES).lower()
                if any(mark in prolog for mark in _DOCTYPE_MARKS):
                    msg = _("{file}: its part {part} declares a DOCTYPE; spreadsheets hold none, "
                            "and XML entities in one can read files or exhaust memory. The file "
                            "was not read: save the table again from a spreadsheet program, or as "
                            "CSV.",
                            file=Path(path).name, part=member.filename)
                    raise InputFileError(msg)
    except (zipfile.BadZipFile, RuntimeError) as exc:  # RuntimeError: an encrypted member
        msg = _("Cannot read {path}: {error}. Save the table again as CSV "
                "or XLSX.", path=path, error=exc)
        raise InputFileError(msg) from exc


_DOCTYPE_MARKS = tuple("<!doctype".encode(codec) for codec in ("utf-8", "utf-16-le", "utf-16-be"))


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value).strip()


def _table(rows: list[list[str]], *, letters: bool, numbers: bool) -> pd.DataFrame | None:
    """The table in ``rows`` (header rows above the first data row), or ``None``.

    The data end at the last row with numbers where the table has numbers: notes and
    signatures below a bulletin's table are not rows of it.
    """
    width = max((len(r) for r in rows), default=0)
    grid = [[c.strip() for c in r] + [""] * (width - len(r)) for r in rows]
    used = [j for j in range(width) if any(r[j] for r in grid)]
    if not used:
        return None
    first, ncols = used[0], used[-1] - used[0] + 1
    grid = [r[first:first + ncols] for r in grid]
    numeric = _numeric_columns(grid)
    start = _data_start(grid, numeric)
    header = _header_rows(grid, start, numeric) if start else None
    if header is None or (numbers and not numeric):
        return None
    end = max((i + 1 for i in range(start, len(grid)) if _is_data(grid[i], numeric)),
              default=len(grid)) if numeric else len(grid)
    names: list[str] = []
    for j in range(ncols):
        name = " / ".join(" ".join(grid[h][j].split()) for h in header if grid[h][j])
        if not name:
            name = _letter(first + j) if letters else f"column_{first + j + 1}"
        base, k = name, 2
        # in any letter case: a GeoPackage (SQLite) cannot hold both "Year" and "year"
        while name.casefold() in {n.casefold() for n in names}:
            name, k = f"{base} ({k})", k + 1
        names.append(name)
    body = [(i + 1, r) for i, r in enumerate(grid) if start <= i < end and any(r)]
    if not body:
        return None
    frame = pd.DataFrame([r for __, r in body], columns=names, dtype=object)
    frame.index = pd.Index([i for i, __ in body], name="source_row")
    for name in names:
        frame[name] = _convert(frame[name], keep_text=header_key(name) in KATO_HEADERS)
    return frame


def _numeric_columns(grid: list[list[str]]) -> set[int]:
    """Columns where at least half of the values (titles and headers included) are numbers."""
    found = set()
    for j in range(len(grid[0])):
        values = [r[j] for r in grid if r[j].casefold() not in MISSING_MARKS]
        if values and sum(_number(v) is not None for v in values) * 2 >= len(values):
            found.add(j)
    return found


def _data_start(grid: list[list[str]], numeric: set[int]) -> int | None:
    widths = [sum(bool(c) for c in r) for r in grid]
    least = min(2, len(grid[0]))
    if not numeric:  # a table of text: its header is the first row about as wide as the rest
        wide = max(least, (max(widths) + 1) // 2)
        return next((i + 1 for i, w in enumerate(widths) if w >= wide), None)
    return next((i for i, r in enumerate(grid) if widths[i] >= least and _is_data(r, numeric)),
                None)


def _is_data(row: list[str], numeric: set[int]) -> bool:
    """Whether the numeric columns of ``row`` hold numbers or missing marks ("-"), and not
    only empty cells."""
    cells = [row[j].casefold() for j in numeric if row[j]]
    return bool(cells) and all(c in MISSING_MARKS or _number(c) is not None for c in cells)


def _header_rows(grid: list[list[str]], start: int, numeric: set[int]) -> list[int] | None:
    """The last non-empty row above the data, and the rows above it that continue the header.

    ``None`` if that row has a single cell in a wider table (a title, not a header). Going up
    stops at an empty row, a row with one cell (a title) or, in a table of three or more
    columns, a row with cells only at its two edges (a units line: ``адам ... человек``).
    """
    last = len(grid[0]) - 1
    below = next((i for i in range(start - 1, -1, -1) if any(grid[i])), None)
    if below is None or (last >= 1 and sum(bool(c) for c in grid[below]) < 2):
        return None
    rows = [below]
    for i in range(below - 1, -1, -1):
        cells = {j for j, c in enumerate(grid[i]) if c}
        if len(cells) < 2 or (last >= 2 and cells <= {0, last}):
            break
        if any(_number(grid[i][j]) is not None for j in cells & numeric):
            break
        rows.insert(0, i)
    return rows


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def header_key(name: object) -> str:
    """A column header as compared with known headers: case-folded, ``_`` as a space."""
    return " ".join(str(name).casefold().replace("_", " ").split())


def _number(text: str) -> float | None:
    """``text`` as a number: spaces between thousands, a decimal comma or dot, else ``None``.

    >>> _number("1 234,5"), _number("1\u00a0234\u00a0567"), _number("12.5"), _number("1,234.5")
    (1234.5, 1234567.0, 12.5, 1234.5)
    >>> _number("12 а"), _number("1,2,3")
    (None, None)
    """
    s = _SPACES.sub("", text).replace("\u2212", "-")
    if _PLAIN.fullmatch(s):
        return float(s.replace(",", "."))
    grouped = _GROUPED.fullmatch(s)
    if grouped is None:
        return None
    return float(s.replace(grouped.group("sep"), "").replace(",", "."))


def _convert(values: pd.Series, *, keep_text: bool) -> pd.Series:
    text = values.map(lambda c: None if c.casefold() in MISSING_MARKS else c)
    present = text.dropna()
    numbers = None if keep_text or present.empty else [_number(c) for c in present]
    if numbers is None or any(n is None for n in numbers):
        return text.astype(object)
    parsed = pd.Series(np.nan, index=text.index)
    parsed[present.index] = numbers
    if all(float(n).is_integer() and abs(n) < 2**53 for n in numbers):
        return parsed.astype("Int64")
    return parsed


def is_missing(value: object) -> bool:
    """Whether a cell means "no value": empty, NaN, or a bulletin's dash, "х" or "..."."""
    if isinstance(value, str):
        return value.strip().casefold() in MISSING_MARKS
    return value is None or bool(pd.isna(value))
