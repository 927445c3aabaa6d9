"""The report in a real browser: it loads nothing, draws every feature and escapes every name.

Drives Debian's Chromium through playwright with ``executable_path`` (no browser download).
Writes a screenshot to ``out/test-report.png`` for a human to look at.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, need
from test_maps_data import LANG, XSS, almaty, astana, build_report, readiness_classes

from maps.palettes import NO_DATA_COLOR, categorical, sequential

pytestmark = pytest.mark.browser

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
RECORD_ALERTS = """
window.__alerts = [];
window.alert = function (message) { window.__alerts.push(String(message)); };
"""
SCREENSHOT = ROOT / "out" / "test-report.png"


class Session:
    """The open page and everything it reported."""

    def __init__(self, page: Any, url: str) -> None:
        self.page = page
        self.url = url
        self.requests: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))

    def fills(self, map_id: str) -> list[str]:
        """Fill colour of each path drawn in a map's overlay pane."""
        return self.page.eval_on_selector_all(
            f"#{map_id} .leaflet-overlay-pane path", "ps => ps.map(p => p.getAttribute('fill'))")

    def legend(self, map_id: str) -> list[str]:
        """Labels of the legend shown for a map's active layer."""
        return self.page.eval_on_selector_all(
            f"#{map_id} .qm-legend:not([hidden]) .qm-label", "ls => ls.map(l => l.textContent)")

    def switch(self, map_id: str, index: int) -> None:
        """Click a map's layer radio button."""
        self.page.click(f"#{map_id} input.qm-switch[value='{index}']")
        self.page.wait_for_function(
            f"document.getElementById('{map_id}').dataset.activeLayer === '{index}'")


@pytest.fixture(scope="module")
def session(chromium_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Session]:
    """The shared report open in headless Chromium, alerts recorded from before load."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        need("BROWSER", "browser tests need playwright: pip install -e '.[test]'")
    path = build_report(tmp_path_factory.mktemp("browser") / "report.html")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(chromium_path), args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.add_init_script(RECORD_ALERTS)
        session = Session(page, path.resolve().as_uri())
        page.goto(session.url)
        page.wait_for_selector("#map-2 .leaflet-overlay-pane path")
        yield session
        browser.close()


def test_each_map_draws_one_path_per_feature(session: Session) -> None:
    assert len(session.fills("map-1")) == len(almaty())
    assert len(session.fills("map-2")) == len(astana())


def test_legend_lists_the_classes(session: Session) -> None:
    labels = readiness_classes().labels(LANG)
    assert session.legend("map-1") == labels
    assert session.legend("map-2")[:2] == ["теплоснабжение", "водоснабжение"]
    assert session.legend("map-2")[-1] == "нет данных"


def test_switching_layers_recolours_the_map(session: Session) -> None:
    ramp, okabe = sequential("YlGnBu", 3), categorical(4)
    assert set(session.fills("map-1")) == {ramp[2], ramp[0]}
    session.switch("map-1", 1)
    assert sorted(session.fills("map-1")) == sorted(okabe[:3])  # heat, water, transport
    assert session.legend("map-1")[:4] == ["теплоснабжение", "водоснабжение", "транспорт", "школы"]
    assert len(session.fills("map-1")) == len(almaty())
    session.switch("map-1", 0)
    assert set(session.fills("map-1")) == {ramp[2], ramp[0]}
    assert set(session.fills("map-2")) == {okabe[3], NO_DATA_COLOR, okabe[0]}
    session.switch("map-2", 1)
    assert set(session.fills("map-2")) == {ramp[2], NO_DATA_COLOR, ramp[1]}
    assert session.legend("map-2") == [*readiness_classes().labels(LANG), "нет данных"]
    session.switch("map-2", 0)


def test_hostile_name_is_text_everywhere(session: Session) -> None:
    page = session.page
    cells = page.eval_on_selector_all("td", "tds => tds.map(td => td.textContent)")
    assert XSS in cells
    tooltips = []
    paths = page.locator("#map-1 .leaflet-overlay-pane path")
    for i in range(paths.count()):
        paths.nth(i).hover()
        page.wait_for_selector(".leaflet-tooltip .qm-tip-value")
        tooltips.append(page.text_content(".leaflet-tooltip .qm-tip-value"))
    page.mouse.move(5, 5)
    assert XSS in tooltips and "Алмалинский" in tooltips
    assert page.eval_on_selector_all('img[src="x"]', "imgs => imgs.length") == 0
    assert page.evaluate("window.__alerts") == []
    assert page.evaluate("document.querySelector('a[href^=\"javascript\"]')") is None


def test_screenshot_shows_the_maps(session: Session) -> None:
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    session.page.locator("#map-1 .leaflet-overlay-pane path").nth(1).hover()
    session.page.screenshot(path=str(SCREENSHOT), full_page=True)
    assert SCREENSHOT.stat().st_size > 10_000
    for box in (".qm-notice", ".qm-panel"):  # moved onto the map face as Leaflet controls
        assert session.page.is_visible(f"#map-1 .leaflet-control-container {box}")
        assert session.page.is_visible(f"#map-2 .leaflet-control-container {box}")


def test_print_hides_the_controls_and_keeps_legend_and_notice(session: Session) -> None:
    page = session.page
    page.emulate_media(media="print")
    try:
        assert not page.is_visible("#map-1 .leaflet-control-zoom")
        assert not page.is_visible("#map-1 .qm-layers")
        assert page.is_visible("#map-1 .qm-legend:not([hidden])")
        assert page.is_visible("#map-1 .qm-notice")
        adjust = page.eval_on_selector(
            "#map-1 .qm-swatch", "s => getComputedStyle(s).printColorAdjust")
        assert adjust == "exact"
    finally:
        page.emulate_media(media="screen")


def test_only_the_document_and_data_uris_were_fetched(session: Session) -> None:
    others = [u for u in session.requests if u != session.url and not u.startswith("data:")]
    assert session.url in session.requests
    assert others == []


def test_no_console_or_page_errors(session: Session) -> None:
    assert session.errors == []
