"""The report's proposals section on small hand-made tables: maps, totals, tables, escaping.

Two regions: Almaty (units a1, a2) gets a school of 1,200 places and a kindergarten of 300;
Astana (unit s1) a polyclinic of 500 visits per shift and a gas expansion. Every expected
number below is worked out by hand in a comment.
"""

from __future__ import annotations

import dataclasses
import html
import re

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Point, box

from geo.i18n import _, p_
from maps.report import Report
from maps.runtime import map_configs
from planning.norms import Norms, load_norms
from planning.report.proposals import add_proposals_section

XSS = "<img src=x onerror=alert(1)>"
GAS_NAMES = {"ru": "газоснабжение", "kk": "газбен жабдықтау", "en": "gas supply"}


@pytest.fixture(scope="module")
def norms() -> Norms:
    """The shipped norms, plus a display name for a ``gas`` network given as data."""
    return dataclasses.replace(load_norms(), names={"gas": GAS_NAMES})


def units() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({
        "unit_id": ["a1", "a2", "s1"],
        "region": ["almaty", "almaty", "astana"],
        "name_ru": ["Алмалинский", "Бостандыкский", "Есильский"],
        "name_kk": ["Алмалы", "Бостандық", "Есіл"],
        "name_en": ["Almaly", "Bostandyk", "Yesil"],
    }, geometry=[box(76.90, 43.20, 76.95, 43.25), box(76.95, 43.20, 77.00, 43.25),
                 box(71.40, 51.10, 71.45, 51.15)], crs="EPSG:4326")


def explanations(texts: list[str]) -> dict[str, list[str]]:
    return {f"explanation_{lang}": [f"{lang}: {t}" for t in texts] for lang in ("ru", "kk", "en")}


def facilities() -> gpd.GeoDataFrame:
    # The kindergarten comes first here; the table must put the school (first network in the
    # norms file) before it.
    return gpd.GeoDataFrame({
        "proposal_id": ["F002", "F001", "F003"],
        "network": ["kindergartens", "schools", "polyclinics"],
        "kind": ["kindergarten", "school", "polyclinic"],
        "site_id": ["site-a2", "site-a1", "site-s1"],
        "unit_id": ["a2", "a1", "s1"],
        "region": ["almaty", "almaty", "astana"],
        "capacity": [300.0, 1200.0, 500.0],
        "served": [300.0, 1200.0, 500.0],
        "residents": [4_000.0, 10_000.0, 20_000.0],
        "deficit": [900.0, 5_000.0, 700.0],
        "cost_tenge": [1.5e9, 12e9, 4e9],
        "method": ["exact", "exact", "heuristic"],
        "mip_gap": [0.0, 0.0, 0.02],
        **explanations(["kindergarten", f"school {XSS}", "polyclinic"]),
    }, geometry=[Point(76.97, 43.22), Point(76.92, 43.23), Point(71.42, 51.12)],
        crs="EPSG:4326")


def utilities() -> pd.DataFrame:
    return pd.DataFrame({
        "proposal_id": ["U001"], "network": ["gas"], "zone_id": ["z-gas"],
        "region": ["astana"], "add": [2_000.0], "unit": ["m3/h"], "deficit": [1_500.0],
        "residents": [5_000.0], "cost_tenge": [3e9], **explanations(["gas zone"]),
    })


def phasing() -> pd.DataFrame:
    # Listed in the wrong order: the table must put order 1 (P-s1) first.
    return pd.DataFrame({
        "investment_id": ["P-a1", "P-s1"], "constraint_id": ["ready:a1", "ready:s1"],
        "network": ["all", "all"], "label": ["F001,F002", "F003,U001"],
        "cost": [13.5e9, 7e9], "residents": [3_000.0, 12_000.0], "lead_years": [1, 0],
        "funded_year": [2027, 2026], "commissioned_year": [2028, 2026],
        "unlocked": [2_500.0, 10_000.0],
        "unlocked_per_mtenge": [2_500.0 / 13_500.0, 10_000.0 / 7_000.0], "order": [2, 1],
    })


def arrivals() -> pd.DataFrame:
    return pd.DataFrame({
        "unit_id": ["a1", "a1", "s1", "s1"], "year": [2026, 2027, 2026, 2027],
        "wanted": [1_000.0, 2_000.0, 500.0, 1_000.0], "arrived": [600.0, 900.0, 500.0, 0.0],
        "cumulative": [600.0, 1_500.0, 500.0, 500.0], "waiting": [400.0, 500.0, 0.0, 500.0],
        "held_by": ["ready:a1", "ready:a1", "", "ready:s1"],
    })


def existing() -> gpd.GeoDataFrame:
    """Existing facilities: only those of the kinds proposed in each region are mapped."""
    return gpd.GeoDataFrame({
        "facility_id": ["e1", "e2", "e3", "e4", "e5", "e6"],
        "kind": ["school", "polyclinic", "kindergarten", "school", "polyclinic", "school"],
        "name": ["school 1", "clinic 1", "kindergarten 1", "school 2", "clinic 2", "school 3"],
        "capacity": [75.0, 900.0, 300.0, 1_200.0, 2_000.0, 600.0],
        "unit_id": ["a1", "a1", "a2", "s1", "s1", None],
    }, geometry=[Point(76.91, 43.21), Point(76.93, 43.24), Point(76.98, 43.24),
                 Point(71.41, 51.11), Point(71.44, 51.14), Point(75.0, 45.0)],
        crs="EPSG:4326")


def build(norms: Norms, *, lang: str = "en", schematic: bool = True,
          **tables: object) -> tuple[str, list]:
    report = Report("Proposals", lang=lang)
    given = {"facilities": facilities(), "utilities": utilities(), "phasing": phasing(),
             "arrivals": arrivals(), "existing": existing()} | tables
    maps = add_proposals_section(report, scenario="test_scenario", units=units(), norms=norms,
                                 lang=lang, schematic=schematic, **given)
    return report.to_html(), maps


def configs_in_order(page: str) -> list[dict]:
    """Each map's JSON config, in page order."""
    return list(map_configs(page).values())


def paragraphs(page: str) -> list[str]:
    return [html.unescape(p) for p in re.findall(r"<p>(.*?)</p>", page, re.DOTALL)]


def table_rows(page: str, caption: str) -> list[list[str]]:
    """The body cells of the table with ``caption``, as text."""
    start = page.index(f"<caption>{html.escape(caption)}</caption>")
    body = page[start:page.index("</table>", start)].split("<tbody>")[1]
    return [[html.unescape(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row)]
            for row in re.findall(r"<tr>(.*?)</tr>", body)]


def points(config: dict, layer: int) -> list[list]:
    return config["shapes"][config["layers"][layer]["shape"]]


@pytest.fixture(scope="module")
def english(norms: Norms) -> tuple[str, list]:
    return build(norms)


def test_one_map_per_region_with_its_points(english: tuple[str, list]) -> None:
    page, maps = english
    configs = configs_in_order(page)
    assert len(maps) == len(configs) == 2
    almaty, astana = configs
    # Almaty: 2 new facilities; among the existing, the school of a1 (75) and the kindergarten
    # of a2 (300): the a1 clinic is of a kind not proposed there, e4..e6 lie elsewhere.
    assert [len(points(almaty, 0)), len(points(almaty, 1))] == [2, 4]
    # Astana: 1 new polyclinic; among the existing only the s1 polyclinic (e5).
    assert [len(points(astana, 0)), len(points(astana, 1))] == [1, 2]
    for config in configs:
        for layer in range(2):
            assert all(p[0] == 1 and len(p) == 3 for p in points(config, layer))
        assert [layer["kind"] for layer in config["layers"]] == ["point", "point"]
    # The outline is the region's units: two squares in Almaty, one in Astana.
    assert len(almaty["shapes"][almaty["outline"]]) == 2
    assert len(astana["shapes"][astana["outline"]]) == 1


def test_radii_follow_capacity_on_a_square_root_scale(english: tuple[str, list]) -> None:
    almaty, astana = configs_in_order(english[0])
    # r = 4 + 10 * sqrt(capacity / largest), largest drawn first.
    # Almaty by network: 1,200 -> 14; 300 -> 4 + 10 * sqrt(1/4) = 9.
    assert almaty["layers"][0]["r"] == [14.0, 9.0]
    # Among existing (existing first, each largest first; largest of all 1,200):
    # kindergarten 300 -> 9, school 75 -> 4 + 10 * sqrt(1/16) = 6.5, then new 1,200 -> 14, 300 -> 9.
    assert almaty["layers"][1]["r"] == [9.0, 6.5, 14.0, 9.0]
    assert almaty["layers"][1]["k"] == [0, 0, 1, 1]
    # Astana: a lone point is the largest (14); existing clinic 2,000 -> 14, new 500 -> 9.
    assert astana["layers"][0]["r"] == [14.0]
    assert astana["layers"][1]["r"] == [14.0, 9.0]
    assert astana["layers"][1]["k"] == [0, 1]


def test_the_largest_circle_is_the_school(english: tuple[str, list]) -> None:
    almaty = configs_in_order(english[0])[0]
    x0, y0, step = almaty["grid"]
    first = points(almaty, 0)[0]
    # The school F001 stands at (76.92, 43.23): its circle is the first (radius 14).
    assert x0 + first[1] * step == pytest.approx(76.92, abs=step)
    assert y0 + first[2] * step == pytest.approx(43.23, abs=step)
    # Colours: schools then kindergartens (the norms file's order), Okabe-Ito orange, sky blue.
    assert almaty["layers"][0]["colors"][:2] == ["#E69F00", "#56B4E9"]
    assert almaty["layers"][0]["k"] == [0, 1]


def test_totals_sentence_worked_by_hand(english: tuple[str, list]) -> None:
    texts = paragraphs(english[0])
    # Cost 12 + 1.5 + 4 (facilities) + 3 (gas) = 20.5 bn tenge.
    assert "Proposed: 3 new social facilities and 1 utility network expansions, about 20.5 bn " \
           "tenge in all." in texts
    assert "Capacity of the new facilities: schools: 1,200 places; kindergartens: 300 places; " \
           "polyclinics: 500 visits per shift." in texts
    # Funded packages unlock 10,000 + 2,500 = 12,500.
    assert "The phasing plan funds 2 of 2 packages; they make room for 12,500 residents." \
        in texts
    # 2027: wanted 2,000 + 1,000; arrived so far 1,500 + 500; waiting 500 + 500.
    assert "By 2027, 2,000 of the programme's 3,000 residents arrive; 1,000 still wait." in texts
    assert _("Costs are illustrative: the unit costs of the norms file (section `costs`) give "
             "orders of magnitude for ranking proposals by residents per tenge, not a budget "
             "estimate.", lang="en") in texts


def test_russian_numbers_are_localised(norms: Norms) -> None:
    texts = paragraphs(build(norms, lang="ru")[0])
    totals = next(t for t in texts if t.startswith("Предложено:"))
    assert "20,5 млрд тенге" in totals
    assert "школы: 1\u00a0200 мест" in next(t for t in texts if "Мощность" in t)


def test_tables_in_order(english: tuple[str, list]) -> None:
    page = english[0]
    rows = table_rows(page, _("Phasing plan: packages in the order funded", lang="en"))
    # Order 1 first: P-s1 (10,000 / 7,000 = 1.429 per million tenge), then P-a1
    # (2,500 / 13,500 = 0.185); each named by its unit (ready:s1 is Yesil) and what it holds
    # (F003 a polyclinic, U001 gas +2,000 m3/h; F001 a school, F002 a kindergarten).
    assert rows[0] == ["1", "Yesil: 1 polyclinic; gas supply +2,000 m3/h", "2026", "2026",
                       "7.00", "10,000", "1.429"]
    assert rows[1] == ["2", "Almaly: 1 school, 1 kindergarten", "2027", "2028", "13.50",
                       "2,500", "0.185"]
    facilities_rows = table_rows(page, _("Proposed social facilities", lang="en"))
    assert [r[0] for r in facilities_rows] == ["F001", "F002", "F003"]
    assert facilities_rows[0][:7] == ["F001", "Almaty agglomeration", "schools", "Almaly",
                                      "site-a1", "1,200", "places"]
    # 2026: wanted 1,000 + 500, arrived 600 + 500, so far 600 + 500, waiting 400 + 0.
    assert table_rows(page, _("Arrivals by year (all units)", lang="en")) == [
        ["2026", "1,500", "1,100", "1,100", "400"], ["2027", "3,000", "900", "2,000", "1,000"]]
    utility_rows = table_rows(page, _("Utility network expansions", lang="en"))
    assert utility_rows == [["U001", "Astana", "gas supply", "z-gas", "2,000", "m3/h",
                             "1,500.0", "5,000", "3.00"]]


def test_explanations_are_escaped(norms: Norms) -> None:
    page, __ = build(norms, facilities=facilities().assign(site_id=["site-a2", XSS, "site-s1"]))
    assert "site &lt;img src=x onerror=alert(1)&gt; (Almaly)" in page
    assert "<img src=x" not in page
    # made from the stored fields, not copied from the stored explanation strings
    assert "en: school" not in page


@pytest.mark.parametrize("lang", ["kk", "en"])
def test_other_languages_render(norms: Norms, lang: str) -> None:
    page, maps = build(norms, lang=lang)
    assert len(maps) == 2
    assert html.escape(_("Proposals of scenario '{scenario}'",
                         lang=lang, scenario="test_scenario")) in page
    assert html.escape(_("kindergarten", lang=lang)) in page
    assert "ru: kindergarten" not in page and f"{lang}: kindergarten" not in page
    assert html.escape(GAS_NAMES[lang]) in page
    assert html.escape(p_("report.demo_notice",
                          "Schematic geometry: town outlines, roads, facilities and utility zones "
                          "are generated; district boundaries are real "
                          "(geokz)", lang=lang)) in page


def test_no_proposals_names_the_command(norms: Norms) -> None:
    report = Report("Proposals", lang="en")
    maps = add_proposals_section(report, scenario="my_scenario", facilities=None,
                                 utilities=None, phasing=None, arrivals=None, units=units(),
                                 existing=existing(), norms=norms, lang="en", schematic=False)
    page = report.to_html()
    assert maps == []
    assert "qonys propose --scenario my_scenario" in paragraphs(page)[-1]
    assert "qonysMap" not in page and "<table" not in page


def test_networks_given_as_data_do_not_raise(norms: Norms) -> None:
    # "sportsgrounds" is in neither the texts nor the norms (its key is its name); "gas" has
    # only the norms file's name. No phasing: the section says so instead of a residents count.
    sports = facilities().assign(network=["sportsgrounds", "schools", "polyclinics"],
                                 kind=["sportsground", "school", "polyclinic"])
    page, maps = build(norms, facilities=sports, phasing=None, arrivals=None, schematic=False)
    assert len(maps) == 2
    texts = paragraphs(page)
    assert _("There is no phasing plan: the scenario resettles nobody or names no budget, so the "
             "residents unlocked are not computed.", lang="en") in texts
    assert _("Costs are illustrative: the unit costs of the norms file (section `costs`) give "
             "orders of magnitude for ranking proposals by residents per tenge, not a budget "
             "estimate.", lang="en") not in texts
    assert "sportsgrounds: 300" in next(t for t in texts if t.startswith("Capacity"))
    almaty = configs_in_order(page)[0]
    # schools, polyclinics (norms order), then sportsgrounds: three Okabe-Ito colours.
    assert almaty["layers"][0]["colors"][:3] == ["#E69F00", "#56B4E9", "#009E73"]
    assert "Schematic" not in page
