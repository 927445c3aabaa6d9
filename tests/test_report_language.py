"""The planned demo's full report speaks only its language: no Latin-script word in ru or kk.

The report of the Kaskelen–Talgar scenario compared with the baseline is opened in Chromium in
Russian and in Kazakh. The words read are the page's text (``document.body.innerText``), every
legend (also of layers not shown) and every map's tooltip labels and values, taken from the data
the page hands to its maps. A word in Latin script fails the test unless it is

- quoted as published or recorded: the titles and notes of the sources (``data/demo/sources.yaml``,
  the norms file's ``source`` fields, ``utility_sources.source``), what the workspace's provenance
  records of each layer, and the names the workspace holds for facilities and utility sources;
- an identifier: a layer, a scenario, a proposal, a site, a zone or a package id, a file path,
  a command or a key of a file in backticks;
- in the short allow-list below (codes and names written the same in every language).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import need, planned_copy

from layers.resources import data_dir, read_yaml
from layers.store import open_store
from planning.cli.app import main

SCENARIO, BASE = "almaty_kaskelen_talgar", "baseline"
LANGS = ("ru", "kk")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
#: Names and codes every language writes the same way.
ALLOWED = {
    "qonys", "H3", "OSM", "OpenStreetMap", "ODbL", "CC", "BY", "geokz", "HiGHS", "MIP",
    "KATO", "Leaflet", "GeoPackage", "QGIS", "PNG", "PDF", "CSV", "HTML", "E2SFCA", "UTC",
    "WGS", "EPSG", "CRS", "PostGIS", "YAML", "ID",
    # statistics: a p-value is p, robust standard errors of kind HC1, in every language
    "p", "HC1",
    # the Theil index's bound: ln N for N regions
    "ln", "N",
    # the back-test: a model trained up to year t, its errors MAE and MAPE, named so in
    # Russian and Kazakh statistics too
    "t", "MAE", "MAPE",
}
#: Identifiers: proposals (F001, U006), packages (P-195200000-town), sites, zones, file paths,
#: commands and layer names in backticks.
IDENTIFIERS = re.compile(
    r"`[^`]*`|\b[FU]\d{3}\b|\bP-[\w-]+|\bsite-[\w-]+|\b\d{9}(?:-town)?(?:-[a-z]+)*\b"
    r"|[\w.-]*/[\w./*-]*|\b[\w-]+\.(?:yaml|csv|gpkg|geojson|html|pdf|png)\b")
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")
# The maps' data as the page hands it over: the JSON blocks maps/runtime.py parses.
READ_MAPS = """() => Array.from(document.querySelectorAll("script.qm-data"),
                         block => JSON.parse(block.textContent))"""
READ_TEXTS = """() => {
  const out = [document.body.innerText];
  document.querySelectorAll(".qm-legend, .qm-layers").forEach(e => out.push(e.textContent));
  for (const cfg of (""" + READ_MAPS + """)()) {
    for (const layer of cfg.layers) { out.push((layer.labels || []).join("\\n")); }
    for (const column of cfg.columns) {
      if (column && column.v) { out.push(column.v.map(String).join("\\n")); }
    }
  }
  return out.join("\\n");
}"""


@pytest.fixture(scope="module")
def planned(tmp_path_factory: pytest.TempPathFactory, chromium_path: Path,
            planned_demo: Path) -> Path:
    """A copy of the planned demo (conftest) and its report in ru and kk; where there is no
    browser to read them, skipped before the demo is built."""
    out = tmp_path_factory.mktemp("language")
    store = planned_copy(planned_demo, out)
    for lang in LANGS:
        assert main(["--lang", lang, "report", "--scenario", SCENARIO, "--compare", BASE,
                     "--store", str(store), "--out", str(out / f"report-{lang}.html")]) == 0
    return out


def quoted(store: Path) -> list[str]:
    """Texts shown as published or recorded, longest first (so none is cut by a shorter)."""
    texts = {SCENARIO, BASE}
    for ref in read_yaml(data_dir() / "demo" / "sources.yaml")["references"]:
        texts |= {ref["label"], ref.get("note") or ""}

    def sources(node: object) -> None:
        if isinstance(node, dict):
            texts.add(str(node.get("source") or ""))
            for value in node.values():
                sources(value)

    sources(read_yaml(data_dir() / "norms" / "default.yaml"))
    with open_store(str(store)) as workspace:
        provenance = workspace.provenance()
        for column in ("source", "note", "repairs", "layer", "kind", "licence"):
            texts |= {str(v) for v in provenance[column].dropna()}
        # a layer's source as the report shows it: the rule after qonys's prefix
        texts |= {str(v).split(": ", 1)[-1] for v in provenance["source"].dropna()}
        # and the file it names, by its name alone (else the layer's name, quoted, would cut
        # "region_indicators.csv" before the file names are recognised)
        for value in provenance["source"].dropna():
            files = re.findall(r"[\w./-]+\.(?:csv|yaml|gpkg|geojson)\b", str(value))
            texts |= {Path(f).name for f in files} | set(files)
        texts |= set(workspace.layer_names())
        texts |= {str(v) for v in workspace.read_layer("utility_zones")["zone_id"]}
        # the national tables' and the flows' sources, quoted by the report as recorded
        for layer in ("region_indicators", "flows"):
            if workspace.has_layer(layer):
                texts |= {str(v) for v in workspace.read_layer(layer)["source"].dropna()}
        for layer in ("facilities", "utility_sources"):
            frame = workspace.read_layer(layer)
            # a layer with names in every language (the demo's facilities) is shown by them:
            # its plain, English `name` is then no excuse for a Latin word
            if not {"name_ru", "name_kk"} <= set(frame.columns):
                texts |= {str(v) for v in frame["name"].dropna()}
            if "source" in frame:
                texts |= {str(v) for v in frame["source"].dropna()}
    return sorted((t for t in texts if t), key=len, reverse=True)


def unquoted(line: str, quotes: list[str]) -> str:
    """``line`` without the quoted texts and identifiers in it."""
    for quote in quotes:
        if quote in line:
            line = line.replace(quote, " ")
    return IDENTIFIERS.sub(" ", line)


def latin_words(text: str, quotes: list[str]) -> dict[str, str]:
    """Latin-script words of ``text`` outside quotes, identifiers and :data:`ALLOWED`, each
    with the line it was found in."""
    found = {}
    for line in text.splitlines():
        for word in LATIN_WORD.findall(unquoted(line, quotes)):
            if word not in ALLOWED:
                found.setdefault(word, line.strip()[:200])
    return found


@pytest.fixture(scope="module", params=LANGS)
def page_text(request, planned: Path, chromium_path: Path) -> Iterator[tuple[str, str]]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        need("BROWSER", "browser tests need playwright: pip install -e '.[test]'")
    lang = request.param
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(chromium_path), args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto((planned / f"report-{lang}.html").resolve().as_uri(), wait_until="load")
        text = page.evaluate(READ_TEXTS)
        maps = len(page.evaluate(READ_MAPS))
        browser.close()
    assert maps > 10  # the maps' data was read, not only the page's text
    yield lang, text


@pytest.mark.slow
@pytest.mark.browser
def test_report_has_no_latin_word(page_text: tuple[str, str], planned: Path) -> None:
    lang, text = page_text
    quotes = quoted(planned / "qonys-demo.gpkg")
    assert latin_words(text, quotes) == {}
    own = "\n".join(unquoted(line, quotes) for line in text.splitlines())
    # the words the issue found are gone, and their own words are there
    words = {"ru": ("мест", "Алматинская агломерация"), "kk": ("орын", "Алматы агломерациясы")}
    for word in words[lang]:
        assert word in text
    for english in (r"\(places\)", r"\balmaty\b", r"\bpolyclinics\b", "Gcal/h", "visits/shift"):
        assert not re.search(english, own), english
    # numbers are grouped the language's way: 1 200, never 1,200 (quotes keep their own)
    assert not re.search(r"(?<![\d,.])[1-9]\d{0,2}(?:,\d{3})+(?![\d,])", own)


def test_latin_words_are_found_outside_quotes_and_codes() -> None:
    """The filter itself: codes, quotes and the allow-list pass; an English word does not."""
    quotes = ["BlocksNet defaults"]
    text = ("F025: школы на площадке site-195200000-town-1, H3, OSM (BlocksNet defaults)\n"
            "в регионе almaty не хватает 1 200 (places); `qonys layers`; data/norms/default.yaml")
    assert latin_words(text, quotes) == {"almaty": "в регионе almaty не хватает 1 200 "
                                         "(places); `qonys layers`; data/norms/default.yaml",
                                         "places": "в регионе almaty не хватает 1 200 "
                                         "(places); `qonys layers`; data/norms/default.yaml"}
