"""Every layer of every map of the planned demo's full report answers a hover, in ru, kk and en.

The demo gets the Kaskelen–Talgar scenario's proposals; its report (compared with the baseline)
is opened in Debian's Chromium per language. For each map and each of its layers, switched
through the map's own panel as a reader would, the pointer is moved onto one drawn feature: a
tooltip must appear whose first line's label is the layer's first tooltip field, in the page's
language (Cyrillic in ru and kk, none in en, and never the English page's label in ru or kk),
and no console error or page error may be logged on the way.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import need, planned_copy

from maps.runtime import map_configs
from planning.cli.app import main

pytestmark = [pytest.mark.slow, pytest.mark.browser]

SCENARIO, BASE = "almaty_kaskelen_talgar", "baseline"
LANGS = ("ru", "kk", "en")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
CYRILLIC = re.compile(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]")
# A point on the outline of one of the active layer's drawn features that the pointer can reach
# (not under the panel, the notice or another feature), in viewport pixels; null if none.
HOVER_POINT = """root => {
  const canvas = root.querySelector('.qm-canvas').getBoundingClientRect();
  const paths = root.querySelectorAll('.leaflet-overlay-pane path.leaflet-interactive');
  for (const path of paths) {
    const length = path.getTotalLength(), m = path.getScreenCTM();
    for (const share of [0.5, 0.25, 0.75, 0.1, 0.9]) {
      const q = path.getPointAtLength(length * share);
      const x = q.x * m.a + q.y * m.c + m.e, y = q.x * m.b + q.y * m.d + m.f;
      if (x < canvas.left + 2 || x > canvas.right - 2 || y < canvas.top + 2 ||
          y > canvas.bottom - 2) { continue; }
      if (document.elementFromPoint(x, y) === path) { return [x, y]; }
    }
  }
  return null;
}"""


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory, chromium_path: Path,
            planned_demo: Path) -> dict[str, Path]:
    """The planned demo's full report in each language (skipped first where no browser is)."""
    out = tmp_path_factory.mktemp("hover")
    store = planned_copy(planned_demo, out)
    paths = {}
    for lang in LANGS:
        paths[lang] = out / f"report-{lang}.html"
        assert main(["--lang", lang, "report", "--scenario", SCENARIO, "--compare", BASE,
                     "--store", str(store), "--out", str(paths[lang])]) == 0
    return paths


@pytest.fixture(scope="module")
def browser(chromium_path: Path) -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        need("BROWSER", "browser tests need playwright: pip install -e '.[test]'")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(chromium_path), args=ARGS)
        yield chromium
        chromium.close()


def first_labels(html: str) -> dict[str, list[str]]:
    """Map id -> the first tooltip label of each of its layers, from the page's map configs."""
    return {map_id: [layer["labels"][0] for layer in cfg["layers"]]
            for map_id, cfg in map_configs(html).items()}


def hover_every_layer(page: Any, map_id: str, layers: int) -> list[str]:
    """Switch to each layer through the map's panel, hover one feature, and the tooltips."""
    root = page.locator(f"#{map_id}")
    root.scroll_into_view_if_needed()
    toggle = root.locator(".qm-toggle")
    if toggle.get_attribute("aria-expanded") == "false":
        toggle.click()
    texts = []
    for index in range(layers):
        if layers > 1:
            root.locator(f"input.qm-switch[value='{index}']").check()
            page.wait_for_function(
                f"document.getElementById('{map_id}').dataset.activeLayer === '{index}'")
        root.scroll_into_view_if_needed()
        point = root.evaluate(HOVER_POINT)
        assert point is not None, f"{map_id} layer {index}: no feature the pointer can reach"
        page.mouse.move(point[0] - 3, point[1] - 3)
        page.mouse.move(point[0], point[1], steps=3)
        tip = root.locator(".leaflet-tooltip.qm-tooltip")
        tip.wait_for(state="visible", timeout=5000)
        texts.append(tip.inner_text())
        page.mouse.move(1, 1)  # off the map, so the next layer's tooltip is its own
        tip.wait_for(state="detached", timeout=5000)
    return texts


def test_every_layer_of_every_map_shows_a_tooltip_in_the_report_language(
        reports: dict[str, Path], browser: Any) -> None:
    labels = {lang: first_labels(path.read_text(encoding="utf-8"))
              for lang, path in reports.items()}
    assert len(labels["ru"]) >= 15  # readiness, networks, cells, flows, compare, proposals
    assert list(labels["ru"]) == list(labels["kk"]) == list(labels["en"])
    hovered = 0
    for lang, path in reports.items():
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        errors: list[str] = []
        page.on("console", lambda m, errors=errors: m.type == "error" and errors.append(m.text))
        page.on("pageerror", lambda exc, errors=errors: errors.append(f"pageerror: {exc}"))
        page.goto(path.resolve().as_uri())
        page.wait_for_selector("figure.qm-map .leaflet-overlay-pane path")
        for map_id, firsts in labels[lang].items():
            texts = hover_every_layer(page, map_id, len(firsts))
            for index, (text, label) in enumerate(zip(texts, firsts, strict=True)):
                where = f"{lang} {map_id} layer {index}"
                assert text.splitlines()[0].strip() == label, where
                if lang == "en":
                    assert not CYRILLIC.search(label), where
                else:
                    assert CYRILLIC.search(label), where
                    assert label != labels["en"][map_id][index], where
                hovered += 1
        assert errors == [], f"{lang}: {errors[:3]}"
        page.close()
    assert hovered == 3 * sum(len(firsts) for firsts in labels["ru"].values())
