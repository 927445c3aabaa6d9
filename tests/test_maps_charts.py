"""Forecast charts: SVG lines per series, fixed bytes, localised ticks, escaped HTML, errors.

The SVG is read back with :mod:`xml.etree` (text is drawn as outlines there, so words are
checked on the matplotlib figure that :func:`maps.charts.line_figure` returns). The browser
test loads a chart under the report's Content-Security-Policy in Debian's Chromium.
"""

from __future__ import annotations

import base64
import hashlib
import html.parser
import os
import re
import subprocess
import sys
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import ROOT

from maps.chart_svg import chart_html, figure_svg
from maps.charts import line_chart, line_figure
from maps.web_assets import web_asset

SVG_NS = "{http://www.w3.org/2000/svg}"
YEARS = list(range(2024, 2036))  # 12 forecast years
# Okabe & Ito, "Color Universal Design" (2008): orange, sky blue, bluish green, as published.
OKABE_ITO_FIRST_THREE = ["#e69f00", "#56b4e9", "#009e73"]
KAZAKH_LETTERS = "әғқңөұүһі"
HOSTILE = "<img src=x onerror=alert(1)>"


def provision_frame(networks: list[str]) -> pd.DataFrame:
    """Long frame: one row per (network, year); provision falls a little each year, by a
    different slope per network, and bends (squares) so no three points are collinear."""
    rows = []
    for index, network in enumerate(networks):
        for step, year in enumerate(YEARS):
            value = 1.25 - 0.02 * (index + 1) * step - 0.001 * step * step
            rows.append({"network": network, "year": year, "provision": value})
    return pd.DataFrame(rows)


def chart_of(frame: pd.DataFrame, **options) -> str:
    settings = {"x": "year", "y": "provision", "series": "network", "title": "Provision",
                "y_label": "provision", "lang": "en", "y_format": "{:,.2f}"} | options
    return line_chart(frame, **settings)


def groups_by_id(svg: str, prefix: str) -> dict[str, ET.Element]:
    root = ET.fromstring(svg)
    return {g.get("id"): g for g in root.iter(f"{SVG_NS}g")
            if (g.get("id") or "").startswith(prefix)}


def style_of(element: ET.Element) -> dict[str, str]:
    pairs = (item.split(":", 1) for item in element.get("style", "").split(";") if ":" in item)
    return {key.strip(): value.strip() for key, value in pairs}


def path_points(element: ET.Element) -> list[list[tuple[float, float]]]:
    """The polylines of an SVG path's ``d`` (matplotlib writes only M and L for lines)."""
    parts: list[list[tuple[float, float]]] = []
    for command, x, y in re.findall(r"([ML])\s*([-\d.]+)\s+([-\d.]+)", element.get("d", "")):
        if command == "M":
            parts.append([])
        parts[-1].append((float(x), float(y)))
    return parts


# --- the SVG itself ----------------------------------------------------------------------------

def test_one_line_per_series_in_okabe_ito_colours_and_distinct_dashes():
    svg = chart_of(provision_frame(["heat", "water", "schools"]))
    series = groups_by_id(svg, "qm-series-")
    assert sorted(series) == ["qm-series-0", "qm-series-1", "qm-series-2"]
    styles = []
    for index, color in enumerate(OKABE_ITO_FIRST_THREE):
        (path,) = series[f"qm-series-{index}"].findall(f"{SVG_NS}path")  # not <defs>
        style = style_of(path)
        assert style["stroke"] == color
        # 12 years, no gap: one polyline of 12 points, left to right.
        (points,) = path_points(path)
        assert len(points) == len(YEARS)
        assert [p[0] for p in points] == sorted(p[0] for p in points)
        styles.append(style.get("stroke-dasharray", "solid"))
    assert len(set(styles)) == 3  # also tells the lines apart in greyscale


def test_missing_value_leaves_a_gap():
    frame = provision_frame(["heat"])
    frame.loc[frame["year"] == 2030, "provision"] = np.nan
    (group,) = groups_by_id(chart_of(frame), "qm-series-").values()
    (path,) = group.findall(f"{SVG_NS}path")
    # 2024..2029 is 6 points, 2031..2035 is 5: two polylines, not one drawn through the gap.
    assert [len(part) for part in path_points(path)] == [6, 5]


@pytest.mark.slow
def test_same_input_gives_the_same_bytes_even_in_another_process():
    frame = provision_frame(["heat", "water"])
    svg = chart_of(frame, reference=1.0, marks={"water": 2030})
    assert svg == chart_of(frame, reference=1.0, marks={"water": 2030})
    assert "<dc:date>" not in svg
    # A fresh interpreter with another hash seed: ids must not come from random numbers,
    # object addresses or string hashing.
    script = (
        "import sys; sys.path.insert(0, 'tests'); import hashlib; "
        "from test_maps_charts import chart_of, provision_frame; "
        "svg = chart_of(provision_frame(['heat', 'water']), reference=1.0, "
        "marks={'water': 2030}); print(hashlib.sha256(svg.encode()).hexdigest())"
    )
    env = os.environ | {"PYTHONHASHSEED": "12345"}
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env,
                            capture_output=True, text=True, check=True, timeout=120)
    assert result.stdout.strip() == hashlib.sha256(svg.encode()).hexdigest()


def test_reference_line_is_dashed_and_horizontal_at_its_value():
    frame = provision_frame(["heat", "water"])
    svg = chart_of(frame, reference=1.0, reference_label="demand met")
    (group,) = groups_by_id(svg, "qm-reference").values()
    (path,) = group.findall(f"{SVG_NS}path")
    assert "stroke-dasharray" in style_of(path)
    ((left, right),) = path_points(path)
    assert left[1] == right[1] and left[0] < right[0]
    assert "qm-reference" not in chart_of(frame)

    figure = line_figure(frame, x="year", y="provision", series="network", title="P",
                         y_label="p", lang="en", reference=1.0)
    (reference,) = [line for line in figure.axes[0].lines if line.get_gid() == "qm-reference"]
    assert list(reference.get_ydata()) == [1.0, 1.0]


def test_six_series_of_twelve_years_stay_small():
    svg = chart_of(provision_frame(["a", "b", "c", "d", "e", "f"]), reference=1.0,
                   marks={"a": 2030, "f": 2026}, mark_label="first deficit")
    assert len(groups_by_id(svg, "qm-series-")) == 6
    assert len(svg.encode()) < 150_000


def test_kazakh_letters_are_drawn_from_dejavu_sans_glyphs():
    from matplotlib.font_manager import FontProperties, findfont, get_font

    frame = provision_frame(["heat"])
    title = f"Қамтамасыз ету: {KAZAKH_LETTERS}"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing glyph is a UserWarning from matplotlib
        svg = chart_of(frame, title=title, lang="kk")
    font = get_font(findfont(FontProperties(family="DejaVu Sans")))
    for letter in KAZAKH_LETTERS:
        glyph = font.get_char_index(ord(letter))
        assert glyph != 0, letter  # 0 is the font's "no such glyph" box
        # Text as outlines: each glyph is a path in <defs>, named font-glyph index in hex.
        assert f'id="DejaVuSans-{glyph:x}"' in svg or f'id="DejaVuSans-Bold-{glyph:x}"' in svg
    # The check above can fail: a letter DejaVu Sans lacks is reported.
    with pytest.warns(UserWarning, match="missing from font"):
        chart_of(frame, title="漢", lang="kk")


# --- words and numbers, read from the figure ---------------------------------------------------

def drawn(figure):
    figure.draw_without_rendering()
    return figure


def test_legend_follows_series_labels_then_reference_then_marks():
    frame = provision_frame(["water", "heat", "other"])
    figure = drawn(line_figure(
        frame, x="year", y="provision", series="network", title="Обеспеченность",
        y_label="обеспеченность", lang="ru",
        series_labels={"heat": "теплоснабжение", "water": "водоснабжение"},
        reference=1.0, reference_label="спрос покрыт", marks={"heat": 2029},
        mark_label="первый год дефицита", y_format="{:,.2f}"))
    (legend,) = figure.legends
    # The labels' order first, then the unlabelled series under its own value.
    assert [t.get_text() for t in legend.get_texts()] == [
        "теплоснабжение", "водоснабжение", "other", "спрос покрыт", "первый год дефицита"]
    axes = figure.axes[0]
    assert axes.get_xlabel() == "год"
    # heat is the second network in the frame (index 1): 1.25 - 0.04*5 - 0.001*25 in 2029.
    (ring,) = [line for line in axes.lines if line.get_gid() == "qm-mark-0"]
    assert list(ring.get_xdata()) == [2029]
    assert ring.get_ydata()[0] == pytest.approx(1.025)
    assert ring.get_markeredgecolor() == ring.get_color() == "#E69F00"  # heat's line, drawn 1st
    assert "2029" in [text.get_text() for text in axes.texts]


def test_one_unlabelled_line_has_no_legend():
    frame = pd.DataFrame({"year": YEARS, "residents": np.linspace(1000, 3000, len(YEARS))})
    figure = line_figure(frame, x="year", y="residents", series=None, title="Жители",
                         y_label="человек", lang="ru")
    assert figure.legends == []
    assert [line.get_gid() for line in figure.axes[0].lines] == ["qm-series-0"]


@pytest.mark.parametrize(
    ("lang", "thousand"),
    # maps.text writes ru and kk thousands with U+00A0 (its docstring: 1234.5 -> '1\xa0234,5').
    [("ru", "1\u00a0000"), ("kk", "1\u00a0000"), ("en", "1,000")],
)
def test_value_ticks_in_the_report_language_and_years_as_plain_integers(lang, thousand):
    frame = pd.DataFrame({"year": YEARS, "residents": np.linspace(0, 3000, len(YEARS))})
    axes = drawn(line_figure(frame, x="year", y="residents", series=None, title="T",
                             y_label="t", lang=lang)).axes[0]
    values = [t.get_text() for t in axes.get_yticklabels()]
    assert thousand in values and "0" in values
    years = [t for t in axes.get_xticklabels() if t.get_text()]
    assert years and all(re.fullmatch(r"20\d\d", t.get_text()) for t in years)
    assert all(t.get_text() == str(int(t.get_position()[0])) for t in years)


def test_ratio_ticks_keep_decimals_with_a_comma_and_zero_has_no_minus():
    frame = pd.DataFrame({"year": YEARS, "change": np.linspace(-0.5, 1.2, len(YEARS))})
    axes = drawn(line_figure(frame, x="year", y="change", series=None, title="T",
                             y_label="t", lang="kk", y_format="{:,.2f}")).axes[0]
    values = [t.get_text() for t in axes.get_yticklabels()]
    # Ticks of a −0.5..1.2 range fall on tenths: 1.00 and 0 are among them, −0.5 too.
    assert "1,00" in values and "0,00" in values and "\u22120,50" in values
    assert not any("." in v for v in values)


# --- HTML -----------------------------------------------------------------------------------

class _Fragment(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def test_chart_html_is_a_data_uri_image_that_decodes_back_and_escapes_text():
    svg = chart_of(provision_frame(["heat"]))
    fragment = chart_html(svg, alt='provision "heat" <b>', caption=HOSTILE)
    parser = _Fragment()
    parser.feed(fragment)
    assert [tag for tag, _ in parser.tags] == ["figure", "img", "figcaption"]
    figure_attrs, image_attrs = parser.tags[0][1], parser.tags[1][1]
    assert figure_attrs == {"class": "qm-chart"}
    prefix = "data:image/svg+xml;base64,"
    assert image_attrs["src"].startswith(prefix)
    assert base64.b64decode(image_attrs["src"][len(prefix):]) == svg.encode("utf-8")
    assert image_attrs["alt"] == 'provision "heat" <b>'  # an attribute value, not markup
    assert "".join(parser.text) == HOSTILE  # the caption is text, not a second <img>
    assert "&lt;img src=x onerror=alert(1)&gt;" in fragment
    assert "<figcaption>" not in chart_html(svg, alt="a")


def test_chart_html_refuses_what_is_not_svg():
    with pytest.raises(ValueError, match="SVG"):
        chart_html("<p>hi</p>", alt="a")


def test_chart_css_is_responsive_and_keeps_a_chart_whole_in_print():
    CHART_CSS = web_asset("charts.css")
    assert re.search(r"\.qm-chart img \{[^}]*max-width:[^}]*height: auto", CHART_CSS)
    assert re.search(r"@media print \{[^@]*\.qm-chart \{ break-inside: avoid", CHART_CSS)


# --- errors --------------------------------------------------------------------------------

def test_missing_column_names_it_and_the_chart():
    frame = provision_frame(["heat"])
    with pytest.raises(ValueError, match=r"“Heat provision”.*“share”"):
        chart_of(frame, y="share", title="Heat provision")
    with pytest.raises(ValueError, match=r"«Обеспеченность».*«net»"):
        chart_of(frame, series="net", title="Обеспеченность", lang="ru")


@pytest.mark.parametrize(
    ("frame", "words"),
    [
        (pd.DataFrame({"year": [], "provision": [], "network": []}), "no data"),
        (pd.DataFrame({"year": [2025, 2026], "provision": [np.nan, np.nan],
                       "network": ["a", "a"]}), "no data"),
        (pd.DataFrame({"year": [2025.5], "provision": [1.0], "network": ["a"]}),
         "whole years, not 2025.5"),
        (pd.DataFrame({"year": [2025], "provision": ["many"], "network": ["a"]}),
         "must hold numbers, not many"),
        (pd.DataFrame({"year": [2025, 2025], "provision": [1.0, 2.0], "network": ["a", "a"]}),
         "“a” has more than one value for 2025"),
        (pd.DataFrame({"year": 2025, "provision": 1.0, "network": list("abcdefghi")}),
         "at most 8 series"),
    ],
)
def test_unusable_data_is_refused_naming_the_chart(frame, words):
    with pytest.raises(ValueError, match=f"“Provision”.*{re.escape(words)}|{re.escape(words)}"
                                         ".*“Provision”"):
        chart_of(frame)


def test_a_mark_on_a_series_that_is_not_there_is_refused():
    with pytest.raises(ValueError, match="no series “gas” to mark; its series are: heat"):
        chart_of(provision_frame(["heat"]), marks={"gas": 2030})


def test_figure_svg_leaves_matplotlib_settings_as_they_were():
    import matplotlib as mpl

    before = (mpl.rcParams["svg.fonttype"], mpl.rcParams["svg.hashsalt"])
    figure_svg(line_figure(provision_frame(["heat"]), x="year", y="provision",
                           series="network", title="T", y_label="t", lang="en"))
    assert (mpl.rcParams["svg.fonttype"], mpl.rcParams["svg.hashsalt"]) == before


# --- in a browser, under the report's security policy ------------------------------------------

@pytest.mark.browser
def test_chart_shows_in_the_report_under_its_security_policy(chromium_path: Path,
                                                             tmp_path: Path):
    from playwright.sync_api import sync_playwright

    from maps.report import Report

    report = Report("Charts", lang="ru")
    report.add_html(f"<style>{web_asset('charts.css')}</style>")
    report.add_html(chart_html(chart_of(provision_frame(["heat"]), reference=1.0),
                               alt="обеспеченность", caption=HOSTILE))
    page_path = report.write(tmp_path / "report.html")
    errors: list[str] = []
    requests: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium_path),
                                             args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page(viewport={"width": 900, "height": 700})
            page.on("console", lambda m: m.type == "error" and errors.append(m.text))
            page.on("request", lambda request: requests.append(request.url))
            page.goto(page_path.as_uri())
            page.wait_for_function("document.querySelector('.qm-chart img').complete")
            # 7 in at 72 pt per inch is 504 pt, which is 672 CSS pixels.
            natural = page.eval_on_selector(".qm-chart img", "i => i.naturalWidth")
            caption = page.text_content(".qm-chart figcaption")
            images = page.eval_on_selector_all("img", "is => is.length")
            shot = page.locator(".qm-chart img").screenshot()
        finally:
            browser.close()
    assert natural == 672
    assert caption == HOSTILE and images == 1
    assert errors == []  # a blocked data: image would be a CSP error on the console
    assert [url for url in requests if not url.startswith(("file:", "data:"))] == []
    # The heat line is drawn in Okabe–Ito orange (230, 159, 0): some pixels of that colour.
    import io

    from PIL import Image

    pixels = np.asarray(Image.open(io.BytesIO(shot)).convert("RGB")).reshape(-1, 3).astype(int)
    orange = np.abs(pixels - [230, 159, 0]).sum(axis=1) < 30
    assert orange.sum() > 100
