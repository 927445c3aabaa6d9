"""The report's gap and flows sections on a tiny hand-made workspace, answers worked out by hand.

Three units in two regions; flows from a unit, an oblast (750000000, Almaty city), a country
(RUS) and an unknown code (XYZ). Every expected number below is derived in the comments.
"""

from __future__ import annotations

import logging
import re

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import box

from geo.i18n import _, p_
from maps.report import Report
from maps.runtime import map_configs
from maps.text import escape
from planning.report.flows import add_flows_section, symmetric_classes
from planning.report.gap import add_gap_section

XSS = "<img src=x onerror=alert(1)>"
MINUS = "\u2212"

# ColorBrewer RdBu, 7 classes, as published (red to blue); the maps run it blue to red, so
# that more residents (more load) is red.
RDBU7 = ["#B2182B", "#EF8A62", "#FDDBC7", "#F7F7F7", "#D1E5F0", "#67A9CF", "#2166AC"]
BLUE_TO_RED = RDBU7[::-1]


def _units() -> gpd.GeoDataFrame:
    """a1 and a2 side by side near Talgar (almaty), s1 near Astana; 0.2° squares."""
    return gpd.GeoDataFrame({
        "unit_id": ["s1", "a1", "a2"],
        "name_ru": ["Косшы", "Талгар", XSS],
        "name_kk": ["Қосшы", "Талғар", XSS],
        "name_en": ["Kosshy", "Talgar", XSS],
        "region": ["astana", "almaty", "almaty"],
    }, geometry=[box(71.3, 51.0, 71.5, 51.2), box(77.0, 43.0, 77.2, 43.2),
                 box(77.2, 43.0, 77.4, 43.2)], crs="EPSG:4326")


def _gap() -> gpd.GeoDataFrame:
    # gap = actual - registered: s1 -200, a1 +2,500, a2 -1,000; share = gap / registered:
    # s1 -0.01, a1 +0.25, a2 -0.125. Rows are not in |gap| order on purpose.
    registered = np.array([20_000.0, 10_000.0, 8_000.0])
    actual = np.array([19_800.0, 12_500.0, 7_000.0])
    return _units().assign(pop_registered=registered, pop_actual=actual,
                           pop_gap=actual - registered,
                           pop_gap_share=(actual - registered) / registered)


def _flows() -> pd.DataFrame:
    rows = [
        ("750000000", "a1", 2024, 300.0, "internal"),
        ("750000000", "a1", 2024, 50.0, "external"),  # contradicts its places, kept as given
        ("750000000", "a1", 2024, 300.0, "internal"),  # double entry of the first: counts once
        ("RUS", "s1", 2024, 500.0, None),
        ("a1", "a2", 2024, 120.0, "internal"),
        ("s1", "750000000", 2024, 40.0, "internal"),
        ("XYZ", "a2", 2024, 70.0, "internal"),  # unknown place: left out, said in the report
        ("a2", "a2", 2024, 10.0, "internal"),  # within one place: no migration
        ("750000000", "190000000", 2024, 999.0, "internal"),  # touches no unit
        ("RUS", "a1", 2023, 800.0, "external"),  # an earlier year
    ]
    return pd.DataFrame(rows, columns=["origin_id", "dest_id", "year", "persons", "flow_kind"])


def _net() -> pd.DataFrame:
    # 2024 from the flows above: a1 in 350 (300 + 50) out 120; a2 in 120; s1 in 500 out 40.
    # The 2023 row must not enter 2024's classes (800 would widen them).
    return pd.DataFrame({"unit_id": ["a1", "a2", "s1", "a1"], "year": [2024, 2024, 2024, 2023],
                         "inflow": [350.0, 120.0, 500.0, 800.0],
                         "outflow": [120.0, 0.0, 40.0, 0.0],
                         "net": [230.0, 120.0, 460.0, 800.0]})


def _build(lang: str, **options: object) -> tuple[Report, list, list]:
    report = Report("t", lang=lang)
    gap_maps = add_gap_section(report, gap=_gap(), lang=lang, schematic=True)
    flow_maps = add_flows_section(report, flows=options.pop("flows", _flows()), units=_units(),
                                  net=options.pop("net", _net()), lang=lang, schematic=True,
                                  **options)
    return report, gap_maps, flow_maps


@pytest.fixture(scope="module")
def english() -> tuple[str, list, list]:
    report, gap_maps, flow_maps = _build("en")
    return report.to_html(), gap_maps, flow_maps



def column_texts(cfg: dict, index: int) -> list[str]:
    """A tooltip column's texts, undoing the dictionary coding of repetitive columns."""
    column = cfg["columns"][index]
    return [column["v"][i] for i in column["i"]] if "i" in column else column["v"]


def decoded_line(cfg: dict, flat: list[int]) -> np.ndarray:
    """Longitude/latitude of a delta-coded line: x0 + step * running sum."""
    x0, y0, step = cfg["grid"]
    steps = np.cumsum(np.asarray(flat, dtype=np.int64).reshape(-1, 2), axis=0)
    return np.column_stack([x0 + steps[:, 0] * step, y0 + steps[:, 1] * step])


def table_rows(page: str, index: int) -> list[list[str]]:
    """The body cells of the page's ``index``-th table."""
    table = re.findall(r"<table>(.*?)</table>", page, re.DOTALL)[index]
    body = table.split("<tbody>", 1)[1]
    return [re.findall(r"<td[^>]*>(.*?)</td>", row) for row in re.findall(r"<tr>(.*?)</tr>", body)]


# -- the gap section ------------------------------------------------------------------------


def test_gap_classes_are_symmetric_about_zero(english) -> None:
    __, gap_maps, __ = english
    persons, share = gap_maps[0].layers
    # The largest |gap| is 2,500: symmetric_breaks' step h = ceil(2,500 / 2 / 1,000) * 1,000
    # = 2,000; classes at ±h/10, ±h/2, ±h, ±2h.
    assert persons.classes.bins == [-2000.0, -1000.0, -200.0, 200.0, 1000.0, 2000.0, 4000.0]
    assert persons.classes.minimum == -4000.0
    labels = [label for __, label in persons.legend_rows("en")]
    assert labels == [f"{MINUS}4,000 to {MINUS}2,000", f"{MINUS}2,000 to {MINUS}1,000",
                      f"{MINUS}1,000 to {MINUS}200", f"{MINUS}200 to 200", "200 to 1,000",
                      "1,000 to 2,000", "2,000 to 4,000"]
    # mirror image: the i-th label from the top is the i-th from the bottom with signs swapped
    for low, high in zip(labels[:3], labels[::-1][:3], strict=True):
        lo, hi = low.split(" to ")
        assert (hi.lstrip(MINUS), lo.lstrip(MINUS)) == tuple(high.split(" to "))
    # the share in % (25, -12.5, -1): h = ceil(12.5 / 10) * 10 = 20
    assert share.classes.bins == [-20.0, -10.0, -2.0, 2.0, 10.0, 20.0, 40.0]
    assert [color for color, __ in persons.legend_rows("en")] == BLUE_TO_RED


def test_gap_maps_per_region_in_report_order(english) -> None:
    page, gap_maps, __ = english
    configs = map_configs(page)
    assert len(gap_maps) == 2  # almaty, then astana, though astana comes first in the layer
    almaty, astana = configs["map-1"], configs["map-2"]
    # a1 +2,500 is in (2,000, 4,000]: class 6, red; a2 -1,000 in (-2,000, -1,000]: class 1;
    # shares: a1 25 % in (20, 40]: 6; a2 -12.5 % in (-20, -10]: 1; s1 -1 % in (-2, 2]: 3
    assert [layer["k"] for layer in almaty["layers"]] == [[6, 1], [6, 1]]
    assert [layer["k"] for layer in astana["layers"]] == [[2], [3]]
    assert almaty["layers"][0]["colors"][6] == "#B2182B"
    tips = dict(zip(almaty["layers"][0]["labels"], almaty["layers"][0]["columns"], strict=True))
    assert column_texts(almaty, tips["Registered"]) == ["10,000", "8,000"]
    assert column_texts(almaty, tips["Actual"]) == ["12,500", "7,000"]
    assert column_texts(almaty, tips["Gap"]) == ["2,500", f"{MINUS}1,000"]
    assert escape(p_("report.demo_notice",
                     "Schematic geometry: town outlines, roads, facilities and utility zones are "
                     "generated; district boundaries are real (geokz)", lang="en")) in page


def test_gap_table_is_sorted_by_absolute_gap(english) -> None:
    page, __, __ = english
    rows = table_rows(page, 0)
    # |gap|: a1 2,500 > a2 1,000 > s1 200
    assert [row[0] for row in rows] == ["Talgar", escape(XSS), "Kosshy"]
    assert rows[0][1:] == ["Almaty agglomeration", "10,000", "12,500", "2,500", "25.0"]
    assert rows[1][4:] == [f"{MINUS}1,000", f"{MINUS}12.5"]
    assert rows[2][4:] == [f"{MINUS}200", f"{MINUS}1.0"]


def test_symmetric_classes_keep_small_steps_readable() -> None:
    # top 0.6: step 10 ** floor(log10(0.3)) = 0.1, h = ceil(0.3 / 0.1) * 0.1 = 0.3; h/10 = 0.03
    # needs two decimals in the labels
    classes, fmt = symmetric_classes(pd.Series([0.6, -0.1]))
    assert classes.bins == [-0.3, -0.15, -0.03, 0.03, 0.15, 0.3, 0.6]
    assert fmt == "{:,.2f}"


# -- the flows section ----------------------------------------------------------------------


def test_flow_map_draws_the_summed_flows_of_the_latest_year(english) -> None:
    page, __, flow_maps = english
    cfg = map_configs(page)["map-3"]
    assert flow_maps[0].layers[0].kind == "flow"
    arrivals, departures = cfg["layers"]
    # 2024, summed per pair, the double entry once, no self-flow, none outside the units:
    # arrivals RUS->s1 500, 750000000->a1 350, a1->a2 120; departures a1->a2 120, s1->750.. 40
    assert len(cfg["shapes"][arrivals["shape"]]) == 3
    assert len(cfg["shapes"][departures["shape"]]) == 2
    tips = dict(zip(arrivals["labels"], arrivals["columns"], strict=True))
    assert column_texts(cfg, tips["Persons"]) == ["500", "350", "120"]
    assert column_texts(cfg, tips["From"]) == ["Russia", "Almaty (city)", "Talgar"]
    assert column_texts(cfg, tips["To"]) == ["Kosshy", "Talgar", XSS]
    dep = dict(zip(departures["labels"], departures["columns"], strict=True))
    assert column_texts(cfg, dep["Persons"]) == ["120", "40"]
    # four distinct values in four natural-breaks classes: one value each, bounds 40, 120,
    # 350, 500; widths 2, 4, 9, 12 px (FLOW_WIDTHS at positions 0, 1, 3, 4)
    assert [label for __, label in flow_maps[0].layers[0].legend_rows("en")] == [
        "40", "40 to 120", "120 to 350", "350 to 500"]
    assert arrivals["w"] == [12.0, 9.0, 4.0] and departures["w"] == [4.0, 2.0]
    # the largest flow runs from Moscow (places.csv: 37.62, 55.76) to s1's centre (71.4, 51.1)
    collection = cfg["shapes"][arrivals["shape"]][0]
    assert collection[0] == 7 and [part[0] for part in collection[1]] == [2, 3]
    line = decoded_line(cfg, collection[1][0][1])
    assert np.allclose(line[0], [37.62, 55.76], atol=1e-3)
    assert np.allclose(line[-1], [71.4, 51.1], atol=0.02)
    assert len(cfg["shapes"][cfg["outline"]]) == 3  # the units under the flows


def test_flow_sentences_and_table(english) -> None:
    page, __, __ = english
    # 500 + 350 + 120 + 40 = 1,010 persons in 4 pairs; XYZ -> a2: 1 pair, 70 persons
    assert escape(_("In {year}, {persons} persons moved into, out of or between the workspace's "
                    "units (origin–destination pairs: {flows}).",
                    lang="en", year=2024, persons="1,010",
                     flows="4")) in page
    assert escape(_("Flows of {year} that name a place qonys does not know ({codes}) are left out "
                    "(pairs: {flows}; {persons} persons): correct the code or add the place to "
                    "data/reference/places.csv.",
                    lang="en", year=2024, codes="XYZ", flows="1",
                     persons="70")) in page
    rows = table_rows(page, 1)
    assert rows == [["Russia", "Kosshy", "500"], ["Almaty (city)", "Talgar", "350"],
                    ["Talgar", escape(XSS), "120"], ["Kosshy", "Almaty (city)", "40"]]


def test_net_migration_maps_use_the_years_symmetric_classes(english) -> None:
    page, __, flow_maps = english
    configs = map_configs(page)
    assert len(flow_maps) == 3  # the flow map, then almaty's and astana's net migration
    layer = flow_maps[1].layers[0]
    # 2024 nets 230, 120, 460: h = ceil(230 / 100) * 100 = 300 (2023's 800 would give 400)
    assert layer.classes.bins == [-300.0, -150.0, -30.0, 30.0, 150.0, 300.0, 600.0]
    # a1 230 in (150, 300]: 5; a2 120 in (30, 150]: 4; s1 460 in (300, 600]: 6
    assert configs["map-4"]["layers"][0]["k"] == [5, 4]
    assert configs["map-5"]["layers"][0]["k"] == [6]
    tips = dict(zip(configs["map-4"]["layers"][0]["labels"],
                    configs["map-4"]["layers"][0]["columns"], strict=True))
    assert column_texts(configs["map-4"], tips["Arrivals"]) == ["350", "120"]
    assert column_texts(configs["map-4"], tips["Departures"]) == ["120", "0"]


def test_user_data_is_escaped(english) -> None:
    page, __, __ = english
    assert escape(XSS) in page
    assert "<img" not in page  # inside the map scripts "<" is written \u003c


def test_unknown_places_are_logged(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="planning.report.flows"):
        add_flows_section(Report("t", lang="en"), flows=_flows(), units=_units(), net=None,
                          lang="en", schematic=False)
    assert any("XYZ" in r.getMessage() and "70" in r.getMessage() for r in caplog.records)


def test_top_and_year_options() -> None:
    report, __, flow_maps = _build("en", top=1)
    cfg = map_configs(report.to_html())["map-3"]
    # the largest arrival (500) and the largest departure (a1->a2 120): two classes, 2 and 12 px
    assert [len(cfg["shapes"][layer["shape"]]) for layer in cfg["layers"]] == [1, 1]
    assert [layer["w"] for layer in cfg["layers"]] == [[12.0], [2.0]]
    assert table_rows(report.to_html(), 1) == [["Russia", "Kosshy", "500"]]

    report, __, flow_maps = _build("en", year=2023, net=None)
    cfg = map_configs(report.to_html())["map-3"]
    # 2023 holds RUS -> a1 only: one arrival, no departures layer, no net migration maps
    assert len(cfg["layers"]) == 1 and len(flow_maps) == 1
    assert column_texts(cfg, cfg["layers"][0]["columns"][2]) == ["800"]
    assert escape(_("Net migration per unit has not been computed: run `qonys flows`.",
                    lang="en")) in report.to_html()


def test_no_flows_says_how_to_load_them() -> None:
    report = Report("t", lang="ru")
    empty = _flows().iloc[:0]
    maps = add_flows_section(report, flows=empty, units=_units(), net=None, lang="ru",
                             schematic=False)
    page = report.to_html()
    assert maps == [] and report.maps == []
    assert "qonys load" in page and "--kind flows" in page and "qonys flows" in page


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_other_languages_render(lang: str) -> None:
    report, gap_maps, flow_maps = _build(lang)
    page = report.to_html()
    assert len(gap_maps) == 2 and len(flow_maps) == 3
    cfg = map_configs(page)["map-3"]
    origins = column_texts(cfg, cfg["layers"][0]["columns"][0])
    # places.csv's names: RUS is Россия / Ресей, 750000000 город Алматы / Алматы қаласы
    expected = {"ru": ["Россия", "город Алматы", "Талгар"],
                "kk": ["Ресей", "Алматы қаласы", "Талғар"]}[lang]
    assert origins == expected
    # 1,010 with a non-breaking space as the thousands separator
    assert escape(_("In {year}, {persons} persons moved into, out of or between the workspace's "
                    "units (origin–destination pairs: {flows}).",
                    lang=lang, year=2024, persons="1\u00a0010",
                     flows="4")) in page
    assert "2\u00a0500" in page and escape(XSS) in page


def _zero_gap(gaps: list[float]) -> gpd.GeoDataFrame:
    """Ten units of 1,000 registered residents each, with the given gaps (the rest zero)."""
    n = 10
    registered = np.full(n, 1_000.0)
    gap = np.array(gaps + [0.0] * (n - len(gaps)))
    return gpd.GeoDataFrame({
        "unit_id": [f"u{i}" for i in range(n)],
        "name_ru": [f"Ед{i}" for i in range(n)], "name_kk": [f"Б{i}" for i in range(n)],
        "name_en": [f"U{i}" for i in range(n)], "region": ["almaty"] * n,
        "pop_registered": registered, "pop_actual": registered + gap, "pop_gap": gap,
        "pop_gap_share": gap / registered,
    }, geometry=[box(77 + i / 10, 43.0, 77.1 + i / 10, 43.1) for i in range(n)],
        crs="EPSG:4326")


def test_gap_table_lists_only_units_with_a_gap_and_says_the_rest() -> None:
    # gaps 300, -40 and 0.4 (rounds to zero persons): two rows; 8 of 10 units have none
    report = Report("t", lang="ru")
    add_gap_section(report, gap=_zero_gap([300.0, -40.0, 0.4]), lang="ru", schematic=True)
    page = report.to_html()
    rows = table_rows(page, 0)
    assert [row[0] for row in rows] == ["Ед0", "Ед1"]
    assert "Ещё в 8 единицах из 10 разрыва нет" in page
    report = Report("t", lang="en")
    add_gap_section(report, gap=_zero_gap([]), lang="en", schematic=True)
    page = report.to_html()
    assert "<table>" not in page
    assert "None of the 10 units has a gap" in page
    report = Report("t", lang="ru")
    add_gap_section(report, gap=_zero_gap([5.0] * 10), lang="ru", schematic=True)
    page = report.to_html()
    assert len(table_rows(page, 0)) == 10 and "разрыва нет" not in page
