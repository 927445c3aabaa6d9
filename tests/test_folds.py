"""Folds (:mod:`maps.folds`): closed on screen, open on paper, said in the report's words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from geo.i18n import n_
from maps.pdf import print_pdf
from maps.report import Report

INSIDE = "Строка внутри сложенной части"


def folded_report(path: Path) -> Path:
    report = Report("Складки", lang="ru")
    report.add_heading("Данные")
    report.add_paragraph("Видно всегда")
    with report.fold(n_("Show {count} data layer: source, licence, when loaded",
                        "Show {count} data layers: sources, licences, "
                        "when loaded", lang="ru", count=12)):
        report.add_paragraph(INSIDE)
    report.add_sources([("Бюро национальной статистики", "https://stat.gov.kz", None)],
                       fold=n_("Show {count} source with its address",
                               "Show {count} sources with their addresses", lang="ru", count=1))
    return report.write(path)


def test_fold_summaries_count_in_the_languages_forms():
    assert n_("Show {count} data layer: source, licence, when loaded",
              "Show {count} data layers: sources, licences, when loaded",
              lang="ru", count=12).startswith("Показать 12 слоёв данных")
    assert n_("Show {count} data layer: source, licence, when loaded",
              "Show {count} data layers: sources, licences, when loaded",
              lang="ru", count=3).startswith("Показать 3 слоя данных")
    assert n_("Show {count} data layer: source, licence, when loaded",
              "Show {count} data layers: sources, licences, when loaded",
              lang="ru", count=21).startswith("Показать 21 слой данных")
    assert n_("Show the explanation of {count} proposal",
              "Show the explanations of all {count} proposals",
              lang="ru", count=1) == "Показать пояснение к 1 предложению"
    assert n_("Show the explanation of {count} proposal",
              "Show the explanations of all {count} proposals", lang="en", count=338) == \
        "Show the explanations of all 338 proposals"


def test_fold_markup_holds_its_blocks_and_the_print_script(tmp_path: Path):
    page = folded_report(tmp_path / "r.html").read_text(encoding="utf-8")
    fold = re.search(r'<details class="qr-fold"><summary>(.*?)</summary>(.*?)</details>',
                     page, re.S)
    assert fold.group(1).startswith("Показать 12 слоёв данных") and INSIDE in fold.group(2)
    assert "Видно всегда" not in fold.group(2)
    assert 'addEventListener("beforeprint"' in page and page.count('class="qr-fold"') == 2


@pytest.mark.browser
def test_folded_on_screen_printed_open_and_closed_again(chromium_path: Path, tmp_path: Path):
    from playwright.sync_api import sync_playwright
    from pypdf import PdfReader

    html = folded_report(tmp_path / "r.html")
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=str(chromium_path),
                                         args=["--no-sandbox"])
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(html.as_uri())
        on_screen = page.is_visible(f"text={INSIDE}")
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        in_print = page.is_visible(f"text={INSIDE}")
        page.evaluate("window.dispatchEvent(new Event('afterprint'))")
        after = page.eval_on_selector_all("details.qr-fold", "ds => ds.map(d => d.open)")
        page.click("summary >> nth=0")  # a reader opens one by a click
        clicked = page.is_visible(f"text={INSIDE}")
        browser.close()
    assert (on_screen, in_print, after, clicked) == (False, True, [False, False], True)
    assert errors == []
    pdf = print_pdf(html, tmp_path / "r.pdf", chromium=chromium_path)
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(pdf).pages)
    assert INSIDE in text and "Бюро национальной статистики" in text
    assert "Показать 12" not in text  # the summary line is for the screen
