"""The tables' markup without a browser: fold, unrounded values, file names, silent columns."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from maps.report import Report
from maps.tables import FOLD_ABOVE


def _page(rows: int, **options: object) -> str:
    rep = Report("t", lang="ru")
    frame = pd.DataFrame({"name": [f"u{i}" for i in range(rows)],
                          "pop": np.arange(rows) * 1000.5,
                          "none": [np.nan] * rows, "zero": [0.0] * rows})
    rep.add_table(frame, caption="Жители: по/единицам", **options)
    return rep.to_html()


def test_only_long_tables_fold_and_say_their_rows_in_russian() -> None:
    assert 'class="qt" data-qonys-table="15"' in _page(FOLD_ABOVE)
    assert 'class="qt-more"' not in _page(FOLD_ABOVE)
    page = _page(321)
    assert 'class="qt qt-folded" data-qonys-table="321"' in page
    assert ">Показать все 321 строки</button>" in page
    assert "… и ещё 311 строк" in page  # the line the PDF prints under the first ten
    assert _page(22).count(">Показать все 22 строки<") == 1
    assert ">Показать все 25 строк<" in _page(25)


def test_cells_carry_the_unrounded_number_and_the_file_its_caption() -> None:
    page = _page(3)
    pops = [re.findall(r'<td class="num" data-v="([^"]*)">', row)[0]
            for row in re.findall(r"<tr>(.*?)</tr>", page.split("<tbody>")[1])]
    assert pops == ["0", "1000.5", "2001"]
    assert '<td class="num">—</td>' in page  # a missing number has no data-v: empty in CSV
    assert 'data-file="Жители  по единицам.csv"' in page


def test_a_column_with_nothing_to_say_becomes_a_sentence() -> None:
    page = _page(3, empty_note=lambda names: "Пусты: " + ", ".join(names) + ".")
    head = re.search(r"<thead>(.*?)</thead>", page)[1]
    assert re.findall(r'<th scope="col"[^>]*>(.*?)</th>', head) == ["name", "pop"]
    assert "<p>Пусты: none, zero.</p>" in page
    assert "<p>Пусты" not in _page(3)  # without a note every column stays


def test_a_column_of_one_value_is_said_once_under_the_table():
    report = Report("t", lang="ru")
    frame = pd.DataFrame({"id": ["F1", "F2", "F3"], "size": [1200.0, 280.0, 500.0],
                          "method": ["точный (MIP)"] * 3, "share": [0.5, 0.5, 0.5]})
    report.add_table(frame, columns={"id": "Предложение", "size": "Мощность",
                                     "method": "Метод", "share": "Доля"},
                     number_format={"share": "{:.1f}"}, same_note=True)
    page = report.to_html()
    head = re.findall(r'<th scope="col"[^>]*>(.*?)</th>', page)
    assert [re.sub(r"<[^>]+>", "", h) for h in head] == ["Предложение", "Мощность"]
    assert "Во всех строках таблицы выше: Метод — точный (MIP); Доля — 0,5." in page
    one_row = Report("t", lang="ru")
    one_row.add_table(frame.head(1), columns={"id": "Предложение", "method": "Метод"},
                      same_note=True)
    assert "Во всех строках" not in one_row.to_html()
