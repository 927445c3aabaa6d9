"""Maps are built as the reader nears them, the rest after the page has loaded (maps/runtime.py).

A hand-made page of four maps, each after a spacer taller than a screen and its margin (the
runtime builds a map within one screen height of the view, here 900 px): at 1,400 × 900 the
first map is on the first screen and the others are 3,200 px apart. Playwright's clock holds
the page's timers, so that the build after ``load`` (in timer tasks) waits while the
test scrolls.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import geopandas as gpd
import pytest
from shapely.geometry import box

from maps.classify import classify
from maps.report import Report
from maps.web_layers import ChoroplethLayer
from maps.webmap import WebMap

pytestmark = pytest.mark.browser

MAPS = ["map-1", "map-2", "map-3", "map-4"]
SPACER = '<div style="height:3200px"></div>'
DRAWN = ("() => [...document.querySelectorAll('.qm-map')]"
         ".filter(m => m.dataset.drawn).map(m => m.id)")
# The order maps announce themselves in: the event does not bubble, so listen while capturing.
RECORD = """window.__order = [];
document.addEventListener("qonys:drawn", e => window.__order.push(e.target.id), true);
document.addEventListener("DOMContentLoaded", () => {
  window.__atReady = [...document.querySelectorAll('.qm-map')]
    .filter(m => m.dataset.drawn).map(m => m.id);
});"""


def four_maps(path: Path) -> Path:
    squares = gpd.GeoDataFrame({"residents": [100.0, 200.0]},
                               geometry=[box(76.0, 43.0, 76.1, 43.1), box(76.1, 43.0, 76.2, 43.1)],
                               crs="EPSG:4326")
    classes = classify(squares["residents"], scheme="equal_interval", k=2)
    report = Report("Четыре карты", lang="ru")
    for n in range(4):
        if n:
            report.add_html(SPACER)
        layer = ChoroplethLayer(squares, column="residents", name="Жители", classes=classes,
                                colors=["#EEEEEE", "#333333"])
        report.add_map(WebMap(layers=[layer], title=f"Карта {n + 1}", height_px=300))
    return report.write(path)


@pytest.fixture
def page(chromium_path: Path, tmp_path: Path):
    from playwright.sync_api import sync_playwright

    html = four_maps(tmp_path / "report.html")
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=str(chromium_path),
                                         args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.errors = []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.add_init_script(RECORD)
        page.url_of_report = html.as_uri()
        yield page
        browser.close()


def test_far_maps_wait_for_load_then_draw_in_page_order(page) -> None:
    page.goto(page.url_of_report, wait_until="load")
    page.wait_for_function(f"() => ({DRAWN})().length === {len(MAPS)}")
    at_ready = page.evaluate("window.__atReady")
    assert not {"map-2", "map-3", "map-4"} & set(at_ready)  # 3,500 px and more below the view
    assert page.evaluate("window.__order") == MAPS
    assert page.evaluate("() => [...document.querySelectorAll('.qm-map')]"
                         ".map(m => m.dataset.drawn)") == ["2"] * 4
    assert page.errors == []


def test_a_map_scrolled_to_is_drawn_before_the_ones_above_it(page) -> None:
    start = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
    page.clock.install(time=start)
    page.clock.pause_at(start + timedelta(seconds=1))  # the build after load waits for it
    page.goto(page.url_of_report, wait_until="load")
    page.evaluate("document.getElementById('map-3').scrollIntoView()")
    page.wait_for_selector("#map-3[data-drawn]", state="attached")
    drawn = page.evaluate(DRAWN)
    assert "map-3" in drawn and "map-2" not in drawn and "map-4" not in drawn
    page.clock.resume()
    page.wait_for_function(f"() => ({DRAWN})().length === {len(MAPS)}")
    order = page.evaluate("window.__order")
    assert order.index("map-3") < order.index("map-2")
    assert page.errors == []


def test_printing_builds_every_map_first(page) -> None:
    # beforeprint as soon as the document is read, before "load" starts the build
    page.add_init_script("""document.addEventListener("DOMContentLoaded", () => {
      window.dispatchEvent(new Event("beforeprint"));
      window.__afterPrint = [...document.querySelectorAll('.qm-map')]
        .filter(m => m.dataset.drawn).map(m => m.id);
    });""")
    page.goto(page.url_of_report, wait_until="load")
    assert page.evaluate("window.__afterPrint") == MAPS
    assert page.errors == []
