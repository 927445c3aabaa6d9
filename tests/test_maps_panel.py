"""Maps that do not mislead, checked in Chromium: flow tooltips, a panel that folds away on a
phone, a size key, proposals on one site on a ring, and maps of nothing replaced by a sentence.

The page is made here from a few squares, flows and points whose answers are worked out by
hand (radii, ring distances, legend texts) and read back from the browser.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from conftest import need
from shapely.geometry import LineString, Point, box

from geo.i18n import _, n_
from maps.classify import classify
from maps.overlays import FlowLayer, PointLayer, ring_offsets
from maps.report import Report
from maps.web_layers import ChoroplethLayer
from maps.webmap import WebMap

pytestmark = pytest.mark.browser

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
LANG = "ru"


def squares(values: list[float]) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"name": [f"Район {i + 1}" for i in range(len(values))], "value": values},
        geometry=[box(76.0 + 0.1 * i, 43.0, 76.1 + 0.1 * i, 43.1) for i in range(len(values))],
        crs="EPSG:4326")


def choropleth(gdf: gpd.GeoDataFrame, name: str) -> ChoroplethLayer:
    # fixed classes, as the report's are (one meaning in every region's map)
    classes = classify(pd.Series([-5.0, 0.0, 5.0]), scheme="user", breaks=[-1.0, 1.0])
    return ChoroplethLayer(gdf, column="value", name=name, classes=classes,
                           colors=["#2166AC", "#F7F7F7", "#B2182B"],
                           tooltip={"name": "Название", "value": "Значение"})


def flows() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"origin": ["Талгарский район", "Конаев"], "destination": ["Медеуский", "Алатауский"],
         "persons": [1200.0, 300.0], "outside": [None, "Конаев"]},
        geometry=[LineString([(76.0, 43.0), (76.5, 43.3)]),
                  LineString([(76.6, 43.1), (76.1, 43.4)])], crs="EPSG:4326")


def proposals() -> gpd.GeoDataFrame:
    # three on one site (a school and two kindergartens), one alone
    return gpd.GeoDataFrame(
        {"network": ["schools", "kindergartens", "kindergartens", "schools"],
         "capacity": [1200.0, 300.0, 300.0, 1200.0], "name": ["F1", "F2", "F3", "F4"]},
        geometry=[Point(76.2, 43.2), Point(76.2, 43.2), Point(76.2, 43.2), Point(76.25, 43.2)],
        crs="EPSG:4326")


def build(path: Path) -> Path:
    rep = Report("Карты", lang=LANG)
    rep.add_map(WebMap(title="Потоки", layers=[FlowLayer(
        flows(), column="persons", name="Прибытия", k=2, origin_label="outside",
        tooltip={"origin": "Откуда", "destination": "Куда", "persons": "Человек"})]))
    rep.add_map(WebMap(title="Объекты", layers=[PointLayer(
        proposals(), column="network", name="Новые объекты", size_column="capacity",
        categories={"schools": ("школы", "#E69F00"), "kindergartens": ("детские сады", "#56B4E9")},
        size_key={"schools": ("школы", "мест"), "kindergartens": ("детские сады", "мест")},
        tooltip={"name": "Объект", "capacity": "Мощность"})], outline=squares([1.0] * 3)))
    rep.add_map(WebMap(title="Разрыв", layers=[choropleth(squares([0.0, 0.0, np.nan]), "Нули"),
                                               choropleth(squares([3.0, -2.0, 0.0]), "Разница")]))
    rep.add_map(WebMap(title="Сравнение", layers=[choropleth(squares([0.0, 0.0]), "Готовность"),
                                                  choropleth(squares([np.nan] * 2), "Жители")]))
    return rep.write(path)


@pytest.fixture(scope="module")
def browser(chromium_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        need("BROWSER", "browser tests need playwright: pip install -e '.[test]'")
    path = build(tmp_path_factory.mktemp("panel") / "maps.html")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(chromium_path), args=ARGS)
        chromium.qonys_url = path.resolve().as_uri()
        yield chromium
        chromium.close()


def open_page(browser: Any, width: int) -> tuple[Any, list[str]]:
    page = browser.new_page(viewport={"width": width, "height": 900})
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda exc: errors.append(f"pageerror: {exc}"))
    page.goto(browser.qonys_url)
    page.wait_for_selector("#map-1 .leaflet-overlay-pane path")
    return page, errors


def tooltip_after_hover(page: Any, selector: str) -> str:
    """Move the pointer onto the middle of a drawn path's outline; the tooltip's text."""
    page.locator(selector).first.scroll_into_view_if_needed()
    x, y = page.evaluate("""sel => { const el = document.querySelector(sel);
        const q = el.getPointAtLength(el.getTotalLength() / 2), m = el.getScreenCTM();
        return [q.x * m.a + m.e, q.y * m.d + m.f]; }""", selector)
    page.mouse.move(x, y)
    page.wait_for_selector(".leaflet-tooltip.qm-tooltip")
    return page.inner_text(".leaflet-tooltip.qm-tooltip")


def test_hovering_a_flow_names_its_origin_and_destination(browser: Any) -> None:
    page, errors = open_page(browser, 1280)
    # the first path is the largest flow's line (its arrowhead follows it)
    text = tooltip_after_hover(page, "#map-1 .leaflet-overlay-pane path")
    assert "Талгарский район" in text and "Медеуский" in text
    assert "Откуда" in text and "1\u00a0200" in text
    # the arrowhead belongs to the same flow: hovering it names the same pair
    page.mouse.move(0, 0)
    text = tooltip_after_hover(page, "#map-1 .leaflet-overlay-pane path:nth-of-type(2)")
    assert "Талгарский район" in text
    # the origin outside the units is named on the map at the flow's start, and only it
    assert page.locator("#map-1 .leaflet-tooltip.qm-place").all_inner_texts() == ["Конаев"]
    assert errors == []
    page.close()


def test_panel_is_folded_on_a_phone_and_opens_from_the_keyboard(browser: Any) -> None:
    page, errors = open_page(browser, 390)
    toggle = page.locator("#map-1 .qm-toggle")
    assert toggle.inner_text().strip() == _("Legend", lang=LANG)
    assert toggle.get_attribute("aria-expanded") == "false"
    assert page.locator("#map-1 .qm-panel-body").is_hidden()
    canvas = page.locator("#map-1 .qm-canvas").bounding_box()
    panel = page.locator("#map-1 .qm-panel").bounding_box()
    assert panel["width"] * panel["height"] < 0.1 * canvas["width"] * canvas["height"]
    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    assert page.locator("#map-1 .qm-legend").first.is_visible()
    page.keyboard.press("Space")
    assert page.locator("#map-1 .qm-panel-body").is_hidden()
    assert errors == []
    page.close()
    wide, errors = open_page(browser, 1280)
    assert wide.locator("#map-1 .qm-toggle").get_attribute("aria-expanded") == "true"
    assert wide.locator("#map-1 .qm-legend").first.is_visible()
    wide.close()


def test_size_key_says_each_networks_capacity_in_its_unit(browser: Any) -> None:
    page, __ = open_page(browser, 1280)
    rows = page.eval_on_selector_all(
        "#map-2 .qm-size-key li",
        "ls => ls.map(l => [l.querySelector('.qm-size').getBoundingClientRect().width,"
        " l.querySelector('.qm-label').textContent])")
    # radii 4 + 10·sqrt(c / 1200): 14 px for 1 200 places, 9 px for 300
    assert rows == [[28.0, "школы, мест: 1\u00a0200"], [18.0, "детские сады, мест: 300"]]
    page.close()


def test_points_on_one_site_sit_on_a_ring_and_none_hides_another(browser: Any) -> None:
    page, errors = open_page(browser, 1280)
    page.locator("#map-2").scroll_into_view_if_needed()
    circles = page.eval_on_selector_all(
        "#map-2 .leaflet-overlay-pane path.leaflet-interactive",
        "ps => ps.map(p => { const b = p.getBoundingClientRect();"
        " return [b.x + b.width / 2, b.y + b.height / 2, b.width / 2]; })")
    assert len(circles) == 4
    # drawn in the data's order: the school and two kindergartens on the site, then F4 alone
    on_site = circles[:3]
    assert [r for __, __, r in circles] == pytest.approx([14.0, 9.0, 9.0, 14.0], abs=1.0)
    centre = np.mean([[x, y] for x, y, __ in on_site], axis=0)
    ring = 14 / math.sin(math.pi / 3) + 1  # largest radius over sin(π/n), plus a pixel
    for x, y, __ in on_site:
        assert math.hypot(x - centre[0], y - centre[1]) == pytest.approx(ring, abs=1.5)
    for a in range(len(on_site)):
        for b in range(a + 1, len(on_site)):
            (x1, y1, r1), (x2, y2, r2) = on_site[a], on_site[b]
            assert math.hypot(x1 - x2, y1 - y2) >= r1 + r2 - 0.5
    # the ring is kept in pixels at another zoom: a double click on the site (empty, inside
    # the ring) zooms in about it
    page.mouse.dblclick(*centre)
    page.wait_for_timeout(800)
    lone = math.hypot(circles[3][0] - centre[0], circles[3][1] - centre[1])
    again = page.eval_on_selector_all(
        "#map-2 .leaflet-overlay-pane path.leaflet-interactive",
        "ps => ps.map(p => { const b = p.getBoundingClientRect();"
        " return [b.x + b.width / 2, b.y + b.height / 2]; })")
    centre = np.mean(again[:3], axis=0)
    # zoomed in by half a level (the map's zoomDelta): the lone point is √2 times farther off
    assert math.hypot(again[3][0] - centre[0], again[3][1] - centre[1]) == pytest.approx(
        lone * math.sqrt(2), rel=0.03)
    again = again[:3]
    assert all(math.hypot(x - centre[0], y - centre[1]) == pytest.approx(ring, abs=1.5)
               for x, y in again)
    tip = tooltip_after_hover(page, "#map-2 path.leaflet-interactive:nth-of-type(2)")
    assert "F2" in tip or "F3" in tip
    assert errors == []
    page.close()


def test_a_map_of_nothing_is_a_sentence_and_a_flat_layer_a_line(browser: Any) -> None:
    page, errors = open_page(browser, 1280)
    # two layers, one of nothing but zeros and gaps: the other is drawn, the first named
    assert page.locator("#map-3 input.qm-switch").count() == 0
    assert page.locator("#map-3 .qm-legend-title").all_inner_texts() == ["Разница"]
    assert page.inner_text("#map-3 .qm-dropped") == n_(
        "Layer “{names}” is not shown: its value is zero or unknown everywhere.",
        "Layers “{names}” are not shown: their values are zero or unknown everywhere.",
        lang=LANG, names="Нули", count=1)
    assert page.locator("#map-3 .leaflet-overlay-pane path").count() == 3
    # every layer flat: no map, no legend, one sentence naming both layers
    assert page.locator("figure#map-4").count() == 0
    assert page.inner_text("p#map-4.qm-flat") == "Сравнение. " + n_(
        "No map of “{names}”: its value is zero or unknown everywhere.",
        "No maps of “{names}”: their values are zero or unknown everywhere.",
        lang=LANG, names="Готовность», «Жители", count=2)
    assert "Карты «Готовность», «Жители» не показаны" in page.inner_text("p#map-4")
    assert errors == []
    page.close()


def test_ring_offsets_by_hand() -> None:
    spots = np.array([Point(0, 0)] * 3 + [Point(1, 0)], dtype=object)
    offsets = ring_offsets(spots, np.array([14.0, 9.0, 9.0, 4.0]))
    ring = 14 / math.sin(math.pi / 3) + 1
    assert offsets[0].tolist() == pytest.approx([0.0, -ring])
    assert offsets[1].tolist() == pytest.approx([ring * math.sin(2 * math.pi / 3),
                                                 -ring * math.cos(2 * math.pi / 3)])
    assert offsets[3].tolist() == [0.0, 0.0]


def test_flat_map_draws_no_png(tmp_path: Path) -> None:
    from maps.static_files import write_pngs

    webmap = WebMap(layers=[choropleth(squares([0.0, np.nan]), "Нули")])
    assert webmap.layers == [] and webmap.dropped == ["Нули"]
    assert write_pngs(webmap, tmp_path, stem="map-1", lang=LANG) == []
