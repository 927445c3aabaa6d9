"""The report's tables in a real browser: folded, sorted by a header click, saved as CSV.

A hand-made report with one 25-row table (a text, a number and a column with gaps) is opened
in Debian's Chromium under the page's own Content-Security-Policy; the expected orders come
from Python's ``sorted`` of the same values and the CSV is read back with :mod:`csv`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from conftest import need

from maps.report import Report
from maps.tables import SHOWN

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ARGS = ["--no-sandbox", "--disable-gpu"]
ROWS = 25
FIRST = "document.querySelector('table').tBodies[0].rows"
VISIBLE = f"() => Array.from({FIRST}).filter(r => r.offsetParent).map(r => r.cells[0].textContent)"
CELLS = f"i => Array.from({FIRST}, r => r.cells[i].textContent)"
# Lines of text in each shown number cell (a Range has one box per line).
NUMBER_LINES = """() => Array.from(document.querySelectorAll('td.num'))
  .filter(td => td.offsetParent)
  .map(td => { const r = document.createRange(); r.selectNodeContents(td);
               return new Set(Array.from(r.getClientRects(), b => Math.round(b.top))).size; })"""


def frame() -> pd.DataFrame:
    """25 rows: names out of order, populations with thousands and fractions, some gaps."""
    names = [f"Единица {(7 * i) % ROWS:02d}" for i in range(ROWS)]
    pop = [((i * 7919) % 1000) * 137.25 + (i % 3) * 0.5 for i in range(ROWS)]
    share = [None if i % 4 == 0 else round((i * 37) % 100 / 3, 4) for i in range(ROWS)]
    return pd.DataFrame({"name": names, "pop": pop, "share": share})


@pytest.fixture(scope="module")
def report_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    rep = Report("Таблицы", lang="ru")
    rep.add_paragraph("Широкий текст. " * 40)
    rep.add_table(frame(), columns={"name": "Единица", "pop": "Жители", "share": "Доля, %"},
                  number_format={"pop": "{:,.0f}", "share": "{:,.1f}"},
                  caption="Жители по единицам")
    wide = pd.DataFrame({f"c{i}": [f"длинное слово {i} и ещё слова"] * 3 for i in range(6)})
    rep.add_table(wide, caption="Широкая таблица")
    return rep.write(tmp_path_factory.mktemp("tables") / "tables.html")


@pytest.fixture
def open_page(chromium_path: Path, report_path: Path) -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        need("BROWSER", "browser tests need playwright: pip install -e '.[test]'")

    def opener(width: int = 1400) -> Any:
        page = browser.new_page(viewport={"width": width, "height": 900}, accept_downloads=True)
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(report_path.resolve().as_uri())
        return page

    errors: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(chromium_path), args=ARGS)
        yield opener
        browser.close()
    assert errors == []  # nothing blocked by the page's policy, no script error


def test_long_table_shows_ten_rows_then_all(open_page: Any) -> None:
    page = open_page()
    names = frame()["name"].tolist()
    assert page.evaluate(VISIBLE) == names[:SHOWN]
    more = page.locator(".qt-more")
    assert more.text_content() == "Показать все 25 строк"
    more.click()
    assert page.evaluate(VISIBLE) == names
    assert more.text_content() == "Свернуть до 10 строк"
    more.click()
    assert len(page.evaluate(VISIBLE)) == SHOWN


def test_numeric_header_sorts_by_value_missing_last(open_page: Any) -> None:
    page = open_page()
    data = frame()
    page.get_by_role("button", name="Жители").click()
    by_pop = data.sort_values("pop", kind="mergesort")["name"].tolist()
    assert page.evaluate(CELLS, 0) == by_pop
    assert page.evaluate(VISIBLE) == by_pop[:SHOWN]  # the fold shows the smallest ten
    page.get_by_role("button", name="Жители").click()
    assert page.evaluate(CELLS, 0) == sorted(data["name"], key=lambda n: -data.set_index(
        "name").loc[n, "pop"])
    page.get_by_role("button", name="Доля, %").click()
    shares = [float(v.replace(",", ".")) if v != "—" else None
              for v in page.evaluate(CELLS, 2)]
    known = [v for v in data["share"] if pd.notna(v)]
    assert shares[:len(known)] == sorted(round(v, 1) for v in known)
    assert shares[len(known):] == [None] * (ROWS - len(known))
    page.get_by_role("button", name="Единица").click()
    assert page.evaluate(CELLS, 0) == sorted(data["name"])


def test_csv_download_holds_every_row_with_plain_numbers(open_page: Any) -> None:
    page = open_page()
    with page.expect_download() as info:
        page.locator(".qt-csv").first.click()
    download = info.value
    assert download.suggested_filename == "Жители по единицам.csv"
    raw = Path(download.path()).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM, for Excel
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["Единица", "Жители", "Доля, %"]
    data = frame()
    assert len(rows) == ROWS + 1
    for got, (_, want) in zip(rows[1:], data.iterrows(), strict=True):
        assert got[0] == want["name"]
        assert float(got[1]) == want["pop"]
        assert (got[2] == "") if pd.isna(want["share"]) else float(got[2]) == want["share"]


@pytest.mark.parametrize("width", [1400, 390])
def test_page_does_not_scroll_sideways(open_page: Any, width: int) -> None:
    page = open_page(width)
    assert page.evaluate("document.scrollingElement.scrollWidth <= innerWidth")
    # numbers stay on one line; the text table wraps into the column at 1,400 px
    assert set(page.evaluate(NUMBER_LINES)) == {1}
    # every table fits its column: at 1,400 px as a table, at 390 px as one card per row
    assert page.evaluate("Array.from(document.querySelectorAll('.table-wrap'))"
                         ".every(w => w.scrollWidth <= w.clientWidth)")
    if width == 390:
        heads = page.evaluate("Array.from(document.querySelector('thead').rows[0].cells, th => "
                              "th.textContent)")
        first_row = page.evaluate("Array.from(document.querySelectorAll('tbody tr')[0].cells,"
                                  " td => td.getAttribute('data-label'))")
        assert first_row == heads
        display = page.evaluate("getComputedStyle(document.querySelector('tbody td')).display")
        assert display == "flex"


def test_print_shows_the_first_rows_and_says_how_many_more(open_page: Any) -> None:
    page = open_page()
    page.emulate_media(media="print")
    assert page.evaluate(VISIBLE) == frame()["name"].tolist()[:SHOWN]
    note = page.locator(".qt-print-note")
    assert note.is_visible() and note.text_content().startswith("… и ещё 15 строк")
    assert not page.locator(".qt-csv").first.is_visible()
    page.emulate_media(media="screen")
    page.locator(".qt-more").click()
    page.emulate_media(media="print")
    assert len(page.evaluate(VISIBLE)) == ROWS and not note.is_visible()
