"""The report's forecast and scenario-difference sections on small hand-made runs."""

from __future__ import annotations

import re

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import box

from maps.report import Report
from maps.runtime import map_configs
from planning.norms import load_norms
from planning.report.forecast import (
    add_compare_section,
    add_forecast_section,
    first_short_years,
    region_headroom,
)

XSS = "<img src=x onerror=alert(1)>"
YEARS = [2025, 2026, 2027]


def run_units() -> gpd.GeoDataFrame:
    """Three units: two in Almaty (one runs short of heat in 2027), one in Astana (never)."""
    return gpd.GeoDataFrame({
        "unit_id": ["a1", "a2", "s1"], "name_ru": ["Талгар", XSS, "Есиль"],
        "name_kk": ["Талғар", XSS, "Есіл"], "name_en": ["Talgar", XSS, "Esil"],
        "region": ["almaty", "almaty", "astana"],
        "first_deficit_heat": [2027.0, np.nan, np.nan],
        "first_deficit_schools": [np.nan, 2026.0, np.nan],
    }, geometry=[box(76.9, 43.2, 77.0, 43.3), box(77.0, 43.2, 77.1, 43.3),
                 box(71.4, 51.1, 71.5, 51.2)], crs="EPSG:4326")


def run_tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    population = pd.DataFrame({
        "unit_id": np.repeat(["a1", "a2", "s1"], 3), "year": YEARS * 3,
        "pop_registered": [100, 110, 120, 50, 50, 50, 10, 11, 12],
        "pop_actual": [120, 130, 140, 60, 61, 62, 10, 11, 12]})
    # Almaty's heat: a1 100, 40, -30 and a2 20, 10, 5 -> 120, 50, -25: short in 2027.
    # Almaty's schools: 10, -5, -5 from a2 only -> short in 2026. Astana: never short.
    networks = pd.DataFrame({
        "unit_id": ["a1"] * 3 + ["a2"] * 3 + ["a2"] * 3 + ["s1"] * 3,
        "region": ["almaty"] * 9 + ["astana"] * 3, "year": YEARS * 4, "basis": "actual",
        "network": ["heat"] * 6 + ["schools"] * 3 + ["heat"] * 3,
        "headroom": [100.0, 40.0, -30.0, 20.0, 10.0, 5.0, 10.0, -5.0, -5.0, 9.0, 8.0, 7.0]})
    registered = networks.assign(basis="registered", headroom=-1e6)  # must be left out
    return population, pd.concat([networks, registered], ignore_index=True)


def test_region_headroom_sums_units_and_marks_the_first_short_year() -> None:
    _, networks = run_tables()
    almaty = networks[(networks["region"] == "almaty") & (networks["basis"] == "actual")]
    totals = region_headroom(almaty)
    heat = totals[totals["network"] == "heat"]["headroom"].tolist()
    assert heat == [120.0, 50.0, -25.0]
    assert first_short_years(totals) == {"heat": 2027, "schools": 2026}


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
@pytest.mark.slow
def test_forecast_section_charts_and_deficit_table(lang: str) -> None:
    population, networks = run_tables()
    report = Report("t", lang=lang)
    add_forecast_section(report, scenario="almaty_kaskelen_talgar", units=run_units(),
                         population=population, networks=networks, norms=load_norms(),
                         lang=lang)
    page = report.to_html()
    # two regions, each a population chart and a headroom chart
    assert page.count('<figure class="qm-chart">') == 4
    assert "almaty_kaskelen_talgar" in page and "2027" in page
    # Almaty's table: a2 (schools 2026) before a1 (heat 2027) is not the order: the table
    # sorts by the first network's column (heat), missing last -> a1 then a2.
    rows = re.findall(r"<tr><td>(.*?)</td>", page)
    names = {"ru": "Талгар", "kk": "Талғар", "en": "Talgar"}
    assert rows[:2] == [names[lang], "&lt;img src=x onerror=alert(1)&gt;"]
    assert XSS not in page
    # Astana has no deficit: a sentence instead of a table
    assert len(re.findall(r"<table>", page)) == 1


def test_compare_section_maps_changed_regions_and_lists_changed_units() -> None:
    units = run_units()
    diff = units.assign(
        horizon=2030, pop_actual_diff=[75_000.0, 0.0, 0.0],
        readiness_actual_a=[1_000.0, 500.0, 200.0], readiness_actual_b=[-9_000.0, 500.0, 200.0],
        readiness_actual_diff=[-10_000.0, 0.0, 0.0], pop_actual_a=[10.0, 20.0, 30.0],
        pop_actual_b=[75_010.0, 20.0, 30.0])
    report = Report("t", lang="en")
    maps = add_compare_section(report, diff=diff, a="baseline", b="almaty_kaskelen_talgar",
                               lang="en", schematic=True)
    # Almaty: the two scenarios side by side and their difference; Astana did not change and
    # says so in a sentence instead of a map of zeros
    assert len(maps) == 3
    page = report.to_html()
    assert "Astana: the scenarios do not differ" in page
    pair = page[page.index('<div class="qm-pair">'):page.index("<script>qonysSync([")]
    assert pair.count('<figure class="qm-map"') == 2
    assert '<script>qonysSync(["map-1","map-2"]);</script>' in page
    # only Talgar changed: one table row
    body = page[page.index("<tbody>"):page.index("</tbody>")]
    assert body.count("<tr>") == 1 and "Talgar" in body and "−10,000" in body
    configs = map_configs(page)
    # side by side: the report's readiness breaks -50k, -10k, 0, 10k, 50k over both runs'
    # values, the same on both maps: -9,000 is in (-10k, 0], class 2; 500 and 1,000 in
    # (0, 10k], class 3
    first, second = configs["map-1"]["layers"][0], configs["map-2"]["layers"][0]
    assert first["colors"] == second["colors"]
    assert first["k"] == [3, 3] and second["k"] == [2, 3]
    assert configs["map-1"]["bounds"] == configs["map-2"]["bounds"]
    # Almaty's largest |difference| is 10,000: half of it, h = 5,000, is already a round step,
    # so the seven classes end at -5k, -2.5k, -0.5k, 0.5k, 2.5k, 5k, 10k from a minimum of
    # -10k; Talgar's -10,000 is in class 0 and the unchanged unit in the middle class 3
    assert configs["map-3"]["layers"][0]["k"] == [0, 3]
    assert "Schematic geometry" in page
