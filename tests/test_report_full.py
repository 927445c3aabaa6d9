"""``qonys report`` on the planned demo, in ru, kk and en, in a real browser; PNG and PDF.

The demo workspace gets the Kaskelen–Talgar scenario's proposals, and one unit is renamed
``<img src=x onerror=alert(1)>``. The report of that scenario compared with the baseline is then
opened in Debian's Chromium per language: nothing but the document and ``data:`` URIs is
fetched, nothing is logged as an error, every map draws as many features as its data has, the
first map's legend lists the readiness classes in the report's language, switching layers
redraws, and the hostile name stays text. Screenshots go to ``out/report-<lang>.png``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyogrio
import pytest
from conftest import ROOT, need, planned_copy

from geo.i18n import _
from layers.provenance import Provenance
from layers.store import open_store
from maps.classify import classify
from maps.runtime import map_configs
from planning.cli.app import main
from planning.report.readiness import READINESS_BREAKS

XSS = "<img src=x onerror=alert(1)>"
SCENARIO, BASE = "almaty_kaskelen_talgar", "baseline"
LANGS = ("ru", "kk", "en")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
REPORT = ["report", "--scenario", SCENARIO, "--compare", BASE]

ALL_MAPS_DRAWN = "() => [...document.querySelectorAll('.qm-map')].every(m => m.dataset.drawn)"


@pytest.fixture(scope="module")
def planned(tmp_path_factory: pytest.TempPathFactory, planned_demo: Path) -> Path:
    """The planned demo (conftest) with a hostile unit name; reports in three languages."""
    out = tmp_path_factory.mktemp("full")
    store = planned_copy(planned_demo, out)
    with open_store(str(store)) as workspace:
        units = workspace.read_layer("readiness_units")
        first = units.index[units["region"] == "almaty"][0]
        for lang in LANGS:
            units.loc[first, f"name_{lang}"] = XSS
        workspace.write_layers({"readiness_units": units}, provenance={
            "readiness_units": Provenance.generated(units, layer="readiness_units",
                                                    kind="units", rule="test: hostile name",
                                                    note="schematic")})
    for lang in LANGS:
        extra = {"ru": ["--png", str(out / "maps")],
                 "en": ["--pdf", str(out / "report-en.pdf"), "--pdf-from", "png"]}.get(lang, [])
        assert main(["--lang", lang, *REPORT, "--store", str(store),
                     "--out", str(out / f"report-{lang}.html"), *extra]) == 0
    return out


@pytest.fixture(scope="module")
def printed(planned: Path, chromium_path: Path) -> Path:
    """``qonys report --pdf`` printed by the browser the tests drive: only this needs Chromium,
    so that without it the tests of the HTML, the PNGs and the PNG-built PDF still run."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("QONYS_CHROMIUM", str(chromium_path))
        assert main(["--lang", "ru", *REPORT, "--store", str(planned / "qonys-demo.gpkg"),
                     "--out", str(planned / "printed" / "report-ru.html"),
                     "--pdf", str(planned / "report.pdf")]) == 0
    return planned / "report.pdf"


def configs(page: str) -> dict[str, dict]:
    return map_configs(page)


def test_report_has_every_section(planned: Path) -> None:
    page = (planned / "report-en.html").read_text(encoding="utf-8")
    for heading in ("At a glance", "Headroom of each network", "Forecast to 2030",
                    "Proposals", "Method", "Sources"):
        assert heading in page, heading
    # 3 regions × population, headroom; the compare section's bars of Kaskelen and Talgar; the
    # demographic balance by year (the real region_indicators carry population 2000–2025)
    assert page.count('<figure class="qm-chart">') == 9
    assert "Demographic balance by year" in page
    assert XSS not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "Schematic geometry" in page


def test_report_stays_small(planned: Path) -> None:
    # 41 units, 856 res-8 cells of Almaty, hundreds of proposals: far below 5 MB
    assert (planned / "report-ru.html").stat().st_size < 5_000_000


def test_pngs_one_per_map_layer(planned: Path) -> None:
    page = (planned / "report-ru.html").read_text(encoding="utf-8")
    layers = sum(len(cfg["layers"]) for cfg in configs(page).values())
    pngs = sorted((planned / "maps").glob("*.png"))
    assert len(pngs) == layers
    assert all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in pngs)


def test_pdf_from_the_static_maps_without_a_browser(planned: Path) -> None:
    from pypdf import PdfReader

    # --pdf-from png draws the PNGs beside the report, then a title page and one page each,
    # then the sources (data layers and their licences first) on the pages that follow
    pngs = sorted((planned / "report-en-maps").glob("*.png"))
    reader = PdfReader(planned / "report-en.pdf")
    assert len(pngs) > 10 and len(reader.pages) > 1 + len(pngs)
    assert "How ready each territory is" in reader.pages[0].extract_text()
    sources = " ".join(" ".join(page.extract_text().split())
                       for page in reader.pages[1 + len(pngs):])
    assert sources.startswith("Sources 1. units (units) — generated by qonys: qonys demo")
    assert "CC BY 4.0" in sources and "© OpenStreetMap contributors, ODbL 1.0" in sources


@pytest.mark.browser
def test_pdf_is_the_printed_report(printed: Path) -> None:
    from pypdf import PdfReader

    reader = PdfReader(printed)
    assert len(reader.pages) > 5
    text = "".join(page.extract_text() for page in reader.pages[:2])
    assert "Готовность территорий" in text
    # the page says how to switch layers; paper prints every layer, so the hint is not printed
    html = (printed.parent / "report-ru.html").read_text(encoding="utf-8")
    assert _("Switch layers in the map's panel at the top right.", lang="ru") in html
    whole = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert _("Switch layers in the map's panel at the top right.", lang="ru")[:30] not in whole


class Browser:
    """One page of the report in headless Chromium with what it fetched and logged."""

    def __init__(self, page, url: str) -> None:
        self.page, self.url = page, url
        self.requests: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))


@pytest.fixture(scope="module", params=LANGS)
def opened(request, planned: Path, chromium_path: Path) -> Iterator[tuple[str, Browser]]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        need("BROWSER", "browser tests need playwright: pip install -e '.[test]'")
    lang = request.param
    path = planned / f"report-{lang}.html"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(chromium_path), args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.add_init_script("window.__alerts = []; window.alert = m => __alerts.push(m);")
        session = Browser(page, path.resolve().as_uri())
        page.goto(session.url, wait_until="load")
        # maps below the first screens are built a few per task after "load" (maps/runtime.py)
        page.wait_for_function(ALL_MAPS_DRAWN)
        yield lang, session
        browser.close()


@pytest.mark.browser
def test_report_in_the_browser(opened: tuple[str, Browser], planned: Path) -> None:
    lang, session = opened
    page = session.page
    source = (planned / f"report-{lang}.html").read_text(encoding="utf-8")
    maps = configs(source)
    # every map drew its first layer: as many features as its data has
    drawn = page.eval_on_selector_all(".qm-map", "ms => ms.map(m => [m.id, m.dataset.drawn])")
    assert len(drawn) == len(maps) > 10
    for map_id, count in drawn:
        first = maps[map_id]["layers"][0]
        expected = sum(g is not None for g in maps[map_id]["shapes"][first["shape"]])
        assert int(count) == expected, map_id
    # the first three maps are the regions' units (20, 8, 13 in the demo)
    units = pyogrio.read_dataframe(planned / "qonys-demo.gpkg", layer="readiness_units")
    per_region = units.groupby("region").size()
    region_maps = [d for d in drawn if d[0] in ("map-1",)]
    assert int(region_maps[0][1]) == per_region["almaty"]
    # the legend lists the readiness classes of Almaty's units in the report's language
    almaty = units[units["region"] == "almaty"]["readiness_actual"]
    labels = classify(almaty, scheme="user", breaks=READINESS_BREAKS).labels(lang)
    shown = page.eval_on_selector_all("#map-1 .qm-legend:not([hidden]) .qm-label",
                                      "ls => ls.map(l => l.textContent)")
    assert shown[:len(labels)] == labels
    # switching to the bottleneck layer redraws the same units in other colours
    page.click("#map-1 input.qm-switch[value='1']")
    page.wait_for_function("document.getElementById('map-1').dataset.activeLayer === '1'")
    assert page.get_attribute("#map-1", "data-drawn") == str(per_region["almaty"])
    legend = page.eval_on_selector_all("#map-1 .qm-legend:not([hidden]) .qm-label",
                                       "ls => ls.map(l => l.textContent)")
    assert legend[0] == {"ru": "теплоснабжение", "kk": "жылу", "en": "heat"}[lang]
    # the hostile name is text in tables and tooltips, and ran nothing
    cells = page.eval_on_selector_all("td", "tds => tds.map(td => td.textContent)")
    assert XSS in cells
    assert page.eval_on_selector_all('img[src="x"]', "imgs => imgs.length") == 0
    assert page.evaluate("window.__alerts") == []
    # nothing fetched but the page itself and data: URIs; no errors
    assert [u for u in session.requests if u != session.url and not u.startswith("data:")] == []
    assert session.errors == []
    shot = ROOT / "out" / f"report-{lang}.png"
    shot.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(shot), full_page=False)
    assert shot.stat().st_size > 10_000
