"""Scenarios side by side: headroom bars against the stored demo runs, mark labels that never
collide, and the two linked maps in Debian's Chromium (side by side, stacked, panning together).

The demo's runs are read from a copy of the planned workspace (``/work/wt/planned`` here, or
made by ``qonys demo`` + ``qonys propose`` where it is absent) with pyogrio and pandas only.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pyogrio
import pytest
from conftest import need, planned_copy

from maps.chart_bars import DEFICIT_COLORS, ROOM_COLORS, bars_figure
from maps.chart_panels import panels_figure
from maps.charts import line_figure
from maps.report import Report
from planning.forecast.scenario_run import compare
from planning.norms import load_norms
from planning.report.compare import add_compare_section, compare_headroom, target_units

A, B = "baseline", "almaty_kaskelen_talgar"
KASKELEN, TALGAR = "195200000-town", "196200000-town"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, planned_demo: Path) -> Path:
    """A copy of the planned demo workspace (never the original: reading may not write)."""
    return planned_copy(planned_demo, tmp_path_factory.mktemp("compare"))


def layer(store: Path, name: str) -> pd.DataFrame:
    return pyogrio.read_dataframe(store, layer=name)


def runs(store: Path) -> dict[str, dict[str, pd.DataFrame]]:
    return {s: {part: layer(store, f"scenario_{s}_{part}")
                for part in ("units", "networks", "population")} for s in (A, B)}


# --- the bars, against the stored tables ---------------------------------------------------------

def test_target_units_are_the_scenarios_resettlement_units(demo: Path) -> None:
    tables = runs(demo)
    assert target_units({s: t["population"] for s, t in tables.items()}) == [KASKELEN, TALGAR]


@pytest.mark.parametrize("unit", [KASKELEN, TALGAR])
def test_bar_heights_are_the_stored_headroom_at_the_horizon(demo: Path, unit: str) -> None:
    tables = runs(demo)
    # independently: the stored networks table, actual basis, last year, one column per run
    expected = {}
    for scenario in (A, B):
        net = tables[scenario]["networks"]
        own = net[(net["unit_id"] == unit) & (net["basis"] == "actual")]
        expected[scenario] = own[own["year"] == 2030].set_index("network")["headroom"]
    expected = pd.DataFrame(expected)
    assert expected.loc["heat"].isna().all()  # the towns have no heat network: no bar
    shown = expected.dropna(how="all")
    assert len(shown) == 5 and (shown[B] < -50_000).all()  # 75,000 arrivals: short everywhere

    frame = compare_headroom({s: t["networks"] for s, t in tables.items()}, unit=unit,
                             scenarios=(A, B))
    frame = frame[frame["network"].isin(shown.index)]
    order = list(shown.index)
    figure = bars_figure(frame, category="network", group="scenario", value="headroom",
                         title="t", y_label="жителей", lang="ru",
                         category_labels={n: n for n in order}, group_labels={A: A, B: B})
    bars = {p.get_gid(): p for p in figure.axes[0].patches if p.get_gid()}
    assert len(bars) == 10
    for i, scenario in enumerate((A, B)):
        for j, network in enumerate(order):
            bar = bars[f"qm-bar-{i}-{j}"]
            value = shown.loc[network, scenario]
            assert bar.get_height() == pytest.approx(value)
            assert bar.get_y() == 0  # from zero: a deficit hangs below it
            colors = DEFICIT_COLORS if value < 0 else ROOM_COLORS
            hex_color = "#{:02X}{:02X}{:02X}".format(
                *(round(c * 255) for c in bar.get_facecolor()[:3]))
            assert hex_color == colors[i]
    # the bar labels are the values in the report's format: "−73 085"
    texts = {t.get_text() for t in figure.axes[0].texts}
    minus = "\u2212"
    for value in shown[B]:
        assert f"{minus}{abs(value):,.0f}".replace(",", "\u00a0") in texts


def test_report_section_has_a_chart_and_the_trade_per_target_unit(demo: Path) -> None:
    tables = runs(demo)
    diff = compare(tables[A]["units"], tables[B]["units"])
    report = Report("t", lang="en")
    maps = add_compare_section(report, diff=diff, a=A, b=B, lang="en", schematic=True,
                               norms=load_norms(),
                               networks={s: t["networks"] for s, t in tables.items()},
                               populations={s: t["population"] for s, t in tables.items()})
    page = report.to_html()
    assert page.count('<figure class="qm-chart">') == 2
    # Kaskelen at 2030, counted from the stored table: baseline short in schools and
    # wastewater (2 of 5 networks), the scenario in all 5; worst: schools, -86,505
    net = tables[A]["networks"]
    own = net[(net["unit_id"] == KASKELEN) & (net["basis"] == "actual") & (net["year"] == 2030)]
    assert int((own["headroom"] < 0).sum()) == 2
    assert "Kaskelen: networks short at 2030 — 2 of 5 under" in page
    net = tables[B]["networks"]
    own = net[(net["unit_id"] == KASKELEN) & (net["basis"] == "actual") & (net["year"] == 2030)]
    worst = own.loc[own["headroom"].idxmin()]
    assert worst["network"] == "schools"
    assert f"schools, a deficit of {abs(worst['headroom']):,.0f} residents" in page
    assert "No figure (no network, or not assessed): heat." in page
    # only Almaty changes: its pair of maps and its difference map; the others say so
    assert len(maps) == 3
    assert page.count("the scenarios do not differ") == 2


# --- labels that do not collide ----------------------------------------------------------------

def _label_boxes(figure) -> list:
    figure.draw_without_rendering()
    renderer = figure._get_renderer()
    return [(text, text.get_window_extent(renderer)) for axes in figure.axes
            for text in axes.texts if (text.get_gid() or "").endswith("-label")]


def _assert_apart_and_inside(figure, count: int) -> None:
    boxes = _label_boxes(figure)
    assert len(boxes) == count
    for (_, one), (_, other) in itertools.combinations(boxes, 2):
        assert not one.overlaps(other), (one, other)
    whole = figure.bbox
    for text, box in boxes:
        inner = text.axes.get_window_extent()
        assert whole.x0 <= box.x0 and box.x1 <= whole.x1 and whole.y0 <= box.y0
        assert box.y1 <= whole.y1
        assert inner.x0 <= box.x0 and box.x1 <= inner.x1, text.get_text()
        assert inner.y0 <= box.y0 and box.y1 <= inner.y1, text.get_text()


def _astana_like() -> tuple[pd.DataFrame, dict[str, int]]:
    """Four networks short in the first year, close together, one at the right edge."""
    years = list(range(2025, 2031))
    rows = []
    for index, network in enumerate(["kg", "poly", "schools", "waste", "water", "heat"]):
        start = [-90_000, -220_000, -270_000, -1_000_000, 210_000, 430_000][index]
        rows += [{"network": network, "year": y, "headroom": start - 60_000 * k}
                 for k, y in enumerate(years)]
    marks = {"kg": 2025, "poly": 2025, "schools": 2025, "waste": 2025, "water": 2029}
    return pd.DataFrame(rows), marks


def test_first_deficit_labels_of_one_chart_do_not_overlap_and_stay_inside() -> None:
    frame, marks = _astana_like()
    # the old placement put the four 2025 labels at the same offset from nearly one point
    figure = line_figure(frame, x="year", y="headroom", series="network", title="Astana",
                         y_label="residents", lang="ru", reference=0.0, marks=marks,
                         mark_label="first year of deficit")
    _assert_apart_and_inside(figure, len(marks))


@pytest.mark.slow
def test_panels_give_each_network_its_own_scale_and_labels_inside() -> None:
    frame, marks = _astana_like()
    frame.loc[frame["network"] == "water", "headroom"] += 2_000_000  # Almaty's 2 million
    figure = panels_figure(frame, x="year", y="headroom", series="network", title="Astana",
                           y_label="residents", lang="ru", reference=0.0, marks=marks,
                           mark_label="first year of deficit")
    _assert_apart_and_inside(figure, len(marks))
    # one panel each; a small network's line spans most of its own panel's height
    assert len(figure.axes) == 6
    kg = figure.axes[0]
    low, high = kg.get_ylim()
    values = frame.loc[frame["network"] == "kg", "headroom"]
    assert (values.max() - min(values.min(), 0)) / (high - low) > 0.5
    assert [a.get_title(loc="left") for a in figure.axes][:2] == ["kg", "poly"]


# --- in a browser ------------------------------------------------------------------------------

def _page(demo: Path, tmp_path: Path) -> Path:
    tables = runs(demo)
    diff = compare(tables[A]["units"], tables[B]["units"])
    report = Report("compare", lang="ru")
    add_compare_section(report, diff=diff, a=A, b=B, lang="ru", schematic=True,
                        norms=load_norms(),
                        networks={s: t["networks"] for s, t in tables.items()},
                        populations={s: t["population"] for s, t in tables.items()})
    return report.write(tmp_path / "compare.html")


# Where the first unit is drawn, relative to its map's canvas, rounded to whole pixels: two
# maps that show the same view draw it in the same place.
PLACE = """id => {
  const canvas = document.querySelector('#' + id + ' .qm-canvas').getBoundingClientRect();
  const shape = document.querySelector('#' + id + ' path.leaflet-interactive')
    .getBoundingClientRect();
  return [shape.left - canvas.left, shape.top - canvas.top, shape.width, shape.height]
    .map(Math.round);
}"""


@pytest.mark.slow
@pytest.mark.browser
def test_two_maps_side_by_side_stacked_on_a_phone_and_panning_together(
        demo: Path, tmp_path: Path, chromium_path: Path) -> None:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        need("BROWSER", "browser tests need playwright: pip install -e '.[test]'")
    path = _page(demo, tmp_path)
    ids = re.findall(r'<script>qonysSync\(\["(map-\d+)","(map-\d+)"\]\);', path.read_text())
    assert len(ids) == 1
    first, second = ids[0]
    errors: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(chromium_path),
                                     args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.on("console", lambda m: m.type == "error" and errors.append(m.text))
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(path.as_uri())
            page.wait_for_function(f"document.getElementById('{second}').dataset.synced")
            page.locator(f"#{first}").scroll_into_view_if_needed()
            one = page.locator(f"#{first}").bounding_box()
            two = page.locator(f"#{second}").bounding_box()
            # side by side: one row, the second to the right, the same size
            assert abs(one["y"] - two["y"]) < 1 and two["x"] >= one["x"] + one["width"]
            assert abs(one["width"] - two["width"]) < 1 and one["width"] > 400
            before = [page.evaluate(PLACE, i) for i in (first, second)]
            assert before[0] == before[1]  # the same view from the start
            # drag the first map 150 px left and 60 px up, over an empty part of it
            canvas = page.locator(f"#{first} .qm-canvas").bounding_box()
            x, y = canvas["x"] + 60, canvas["y"] + canvas["height"] - 140
            page.mouse.move(x, y)
            page.mouse.down()
            for step in range(1, 11):
                page.mouse.move(x - 15 * step, y - 6 * step)
            page.mouse.up()
            page.wait_for_timeout(800)  # the drag's inertia, which the other map follows
            after = [page.evaluate(PLACE, i) for i in (first, second)]
            # the same place on both, to the pixel Leaflet rounds each map's position to
            assert after[0] != before[0]
            assert max(abs(a - b) for a, b in zip(*after, strict=True)) <= 1, after
            # zooming the second zooms the first: the same unit grows on both, in one place
            page.click(f"#{second} .leaflet-control-zoom-in")
            page.wait_for_timeout(800)
            zoomed = [page.evaluate(PLACE, i) for i in (first, second)]
            # half a zoom step: 2 ** 0.5 wider, less the outline's own width
            assert zoomed[0][2] > 1.2 * after[0][2] and zoomed[0] == zoomed[1]
            # choosing the bottleneck layer on one chooses it on both
            page.click(f"#{second} input.qm-switch[value='1']")
            page.wait_for_function(
                f"document.getElementById('{first}').dataset.activeLayer === '1'")
            # a phone: one above the other, each the page's width
            page.set_viewport_size({"width": 390, "height": 800})
            page.wait_for_timeout(300)
            one = page.locator(f"#{first}").bounding_box()
            two = page.locator(f"#{second}").bounding_box()
            assert two["y"] >= one["y"] + one["height"] and abs(one["x"] - two["x"]) < 1
            assert one["width"] <= 390 and one["width"] > 300
            # the bar charts fit the phone too
            charts = page.eval_on_selector_all(
                ".qm-chart img", "is => is.map(i => i.getBoundingClientRect().right)")
            assert len(charts) == 2 and max(charts) <= 390
        finally:
            browser.close()
    assert errors == []
    assert np.isfinite(one["height"])
