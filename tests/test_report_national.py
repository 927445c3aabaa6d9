"""The report's issue-16 sections (demographic balance, push and pull, centres of attraction) and
``qonys flows --push-pull`` on a small hand-made national workspace.

Balance: two regions × two years, every figure worked out by hand below. Push and pull: flows
between six regions (units, oblast codes, a town carved out of a district, a flow abroad, one
within a region, one of a year outside the window); the report's coefficients must equal a
direct :func:`planning.population.push_pull.fit_push_pull` on the region pairs summed here by
hand. Centres: a ``centres`` layer and its two tables written by hand to the contract of
issue 16 (COMMON.md).
"""

from __future__ import annotations

import html
import math
import re

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from conftest import ROOT
from shapely.geometry import Point, box

from geo.i18n import _
from layers.store import open_store
from maps.report import Report
from maps.runtime import map_configs
from planning.cli.app import main
from planning.population.gravity import great_circle_km
from planning.population.places import read_places
from planning.population.push_pull import fit_push_pull
from planning.population.region_push_pull import fit_regions, region_covariates
from planning.report.balance import add_balance_section
from planning.report.centres import add_centres_section
from planning.report.inputs import ReportInputs, _national
from planning.report.push_pull import add_push_pull_section

XSS = "<img src=x onerror=alert(1)>"
A, B = "750000000", "710000000"  # Almaty city, Astana

# -- the workspace ----------------------------------------------------------------------------

#: One unit per region (a district, the first two digits its region's) and a town of Almaty
#: Region whose id starts with its district's KATO and has no KATO of its own.
UNITS = [("751110000", "751110000", 76.9, 43.2), ("711110000", "711110000", 71.4, 51.1),
         ("791110000", "791110000", 69.6, 42.3), ("194000000", "194000000", 77.0, 44.0),
         ("194000000-town", None, 77.2, 44.1), ("351000000", "351000000", 73.1, 49.8),
         ("611000000", "611000000", 68.3, 43.3)]
REGIONS = [A, B, "790000000", "190000000", "350000000", "610000000"]
#: Covariates as of 2024 (the flows' last year): Almaty's income has a 2023 row that a 2024
#: one replaces, and a 2025 row that must be ignored; Turkestan (610000000) has no income, so
#: its pairs are dropped by the fit.
INCOME = {A: 520_000.0, B: 480_000.0, "790000000": 250_000.0, "190000000": 260_000.0,
          "350000000": 330_000.0}
UNEMPLOYMENT = {A: 4.6, B: 4.3, "790000000": 5.1, "190000000": 4.8, "350000000": 4.7,
                "610000000": 4.9}
HOUSING = {A: 3.1e6, B: 3.4e6, "790000000": 1.2e6, "190000000": 2.4e6, "350000000": 0.6e6,
           "610000000": 1.1e6}


def units() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({
        "unit_id": [u[0] for u in UNITS], "kato": [u[1] for u in UNITS],
        "kind": ["district"] * len(UNITS), "region": [f"{u[0][:2]}0000000" for u in UNITS],
        "name_ru": [f"р-н {u[0]}" for u in UNITS], "name_kk": [f"{u[0]} ауданы" for u in UNITS],
        "name_en": [XSS if i == 0 else f"District {u[0]}" for i, u in enumerate(UNITS)],
    }, geometry=[box(x - 0.1, y - 0.1, x + 0.1, y + 0.1) for _, _, x, y in UNITS],
        crs="EPSG:4326")


def indicators() -> pd.DataFrame:
    rows = [(r, 2024, "income_per_capita_kzt", v, "KZT") for r, v in INCOME.items()]
    rows += [(A, 2023, "income_per_capita_kzt", 1.0, "KZT"),   # replaced by 2024
             (A, 2025, "income_per_capita_kzt", 9e9, "KZT")]   # after the flows: ignored
    rows += [(r, 2024, "unemployment_rate_pct", v, "%") for r, v in UNEMPLOYMENT.items()]
    rows += [(r, 2023, "housing_commissioned_m2", v, "m2") for r, v in HOUSING.items()]
    # the balance: Almaty 1,000 -> 1,100 (+10 %), Astana 2,000 -> 2,600 (+30 %)
    rows += [(A, 2022, "population", 1000.0, "persons"), (A, 2023, "population", 1100.0,
                                                          "persons"),
             (B, 2022, "population", 2000.0, "persons"), (B, 2023, "population", 2600.0,
                                                          "persons"),
             (A, 2023, "population_urban", 600.0, "persons"),
             (A, 2023, "population_rural", 500.0, "persons"),
             (B, 2023, "population_urban", 2000.0, "persons"),
             (B, 2023, "population_rural", 600.0, "persons")]
    frame = pd.DataFrame(rows, columns=["region", "year", "indicator", "value", "unit"])
    return frame.assign(source="BNS test table")


#: A region's code as a flow names it: its unit, or the oblast code for the last two.
END = {A: "751110000", B: "711110000", "790000000": "791110000", "190000000": "194000000",
       "350000000": "350000000", "610000000": "610000000"}


def region_flows() -> dict[tuple[str, str], float]:
    """Persons per ordered region pair and year 2022–2024, from a gravity-like rule."""
    rng = np.random.default_rng(16)
    points = read_places().set_index("code")
    out = {}
    for o in REGIONS:
        for d in REGIONS:
            if o == d:
                continue
            km = great_circle_km(points.loc[[o], ["lon", "lat"]].to_numpy(float),
                                 points.loc[[d], ["lon", "lat"]].to_numpy(float))[0]
            mean = 4e4 * (HOUSING[d] / 1e6) / (km / 100) ** 1.1 / UNEMPLOYMENT[d]
            out[(o, d)] = float(rng.poisson(mean))
    return out


def flows() -> pd.DataFrame:
    rows = []
    for (o, d), persons in region_flows().items():
        # each pair's persons over three years; Almaty Region's departures split between its
        # district and its town (summed into one region pair)
        for year, share in ((2022, 0.3), (2023, 0.3), (2024, 0.4)):
            if o == "190000000":
                rows.append(("194000000", END[d], year, persons * share / 2))
                rows.append(("194000000-town", END[d], year, persons * share / 2))
            else:
                rows.append((END[o], END[d], year, persons * share))
    rows += [("RUS", "711110000", 2024, 900.0),         # abroad: left out
             ("751110000", "750000000", 2024, 77.0),    # within Almaty: left out
             ("751110000", "711110000", 2021, 5000.0)]  # before the window: not summed
    frame = pd.DataFrame(rows, columns=["origin_id", "dest_id", "year", "persons"])
    return frame.assign(flow_kind="internal").assign(
        flow_kind=lambda t: np.where(t["origin_id"] == "RUS", "external", "internal"))


def direct_fit():
    """fit_push_pull on the region pairs as summed here, with the covariates of 2024."""
    points = read_places().set_index("code")
    pairs = pd.DataFrame([(o, d, p) for (o, d), p in region_flows().items()],
                         columns=["origin_id", "dest_id", "persons"])
    pairs["distance_km"] = great_circle_km(points.loc[pairs["origin_id"], ["lon", "lat"]]
                                           .to_numpy(float),
                                           points.loc[pairs["dest_id"], ["lon", "lat"]]
                                           .to_numpy(float))
    covariates = pd.DataFrame({"income_per_capita_kzt": INCOME,
                               "unemployment_rate_pct": UNEMPLOYMENT,
                               "housing_commissioned_m2": HOUSING}).reindex(REGIONS)
    return fit_push_pull(pairs.sort_values(["origin_id", "dest_id"]), covariates,
                         logged=["income_per_capita_kzt", "housing_commissioned_m2"])


def tables(page: str) -> dict[str, list[list[str]]]:
    """Caption -> body cells of every captioned table of the page."""
    found = {}
    for caption, body in re.findall(r"<caption>(.*?)</caption>.*?<tbody>(.*?)</tbody>", page,
                                    re.DOTALL):
        found[html.unescape(caption)] = [re.findall(r"<td[^>]*>(.*?)</td>", row)
                          for row in re.findall(r"<tr>(.*?)</tr>", body)]
    return found


def number(text: str) -> float:
    return float(text.replace("\u2212", "-").replace(",", "").replace("\u00a0", "")
                 .replace(" ", "").rstrip("%"))


# -- demographic balance ----------------------------------------------------------------------


def hand_theil(values: list[float]) -> float:
    mean = sum(values) / len(values)
    return sum(v / mean * math.log(v / mean) for v in values) / len(values)


def forecast() -> tuple[pd.DataFrame, int]:
    # Almaty's unit grows by 400 registered residents 2025 -> 2030, Astana's by nothing; the
    # town of Almaty Region by 50, a region the table has no population for: left out, said.
    population = pd.DataFrame({
        "unit_id": ["751110000", "751110000", "711110000", "711110000", "194000000-town",
                    "194000000-town"],
        "year": [2025, 2030] * 3, "pop_registered": [900.0, 1300.0, 50.0, 50.0, 10.0, 60.0],
        "pop_actual": 0.0})
    return population, 2030


@pytest.fixture(scope="module")
def balance_page() -> str:
    report = Report("t", lang="en")
    population, _horizon = forecast()
    add_balance_section(report, indicators=indicators(), lang="en", population=population,
                        units=units(), scenario="Test scenario")
    return report.to_html()


def test_balance_by_year_worked_by_hand(balance_page, english) -> None:
    rows = tables(balance_page)["Demographic balance by year (—: not assessed that year)"]
    by_year = {int(number(r[0])): r for r in rows}
    assert sorted(by_year) == [2022, 2023]
    # 2023: growth 0.1 and 0.3, mean 0.2 (+20.00 %), population sd 0.1: CV 0.5
    assert by_year[2023][1] == "2" and number(by_year[2023][2]) == 20.0
    assert number(by_year[2023][3]) == 0.5
    assert by_year[2022][2] == by_year[2022][3] == "—"  # no 2021: not assessed, never 0
    assert number(by_year[2022][4]) == pytest.approx(hand_theil([1000, 2000]), abs=5e-4)
    assert number(by_year[2023][4]) == pytest.approx(hand_theil([1100, 2600]), abs=5e-4)
    # urban share 2023: (600 + 2,000) / 3,700 = 70.3 %
    assert number(by_year[2023][5]) == pytest.approx(100 * 2600 / 3700, abs=0.05)
    assert '<figure class="qm-chart">' in balance_page
    assert "Sources: BNS test table." in balance_page


def test_balance_under_the_scenario(balance_page, english) -> None:
    # Almaty 1,100 + 400 = 1,500, Astana 2,600 + 0
    before, after = hand_theil([1100, 2600]), hand_theil([1500, 2600])
    assert f"Theil index {before:.4f} in 2023, {after:.4f} at 2030" in balance_page
    assert "(+50 persons) is left out" in balance_page
    rows = tables(balance_page)["Regions with the scenario's units"]
    assert [[number(c) for c in r[1:]] for r in rows] == [[1100.0, 400.0, 1500.0]]
    assert "Not assessed under the scenario: the growth CV" in balance_page


def test_balance_without_the_table_says_not_assessed(english) -> None:
    report = Report("t", lang="en")
    add_balance_section(report, indicators=None, lang="en")
    assert "Not assessed: load region indicators (qonys national)." in report.to_html()
    ru = Report("t", lang="ru")
    add_balance_section(ru, indicators=None, lang="ru")
    assert _("Not assessed: {reason}.", lang="ru", reason=_(
        "load region indicators (qonys national)", lang="ru")) in ru.to_html()


def test_balance_of_a_bad_table_says_why(english) -> None:
    bad = indicators()
    bad.loc[bad["indicator"] == "population", "value"] = -5.0
    report = Report("t", lang="en")
    add_balance_section(report, indicators=bad, lang="en")
    assert "Not assessed: the table region_indicators cannot be read" in report.to_html()


# -- push and pull ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def push_pull_page() -> str:
    report = Report("t", lang="en")
    add_push_pull_section(report, flows=flows(), units=units(), indicators=indicators(),
                          lang="en")
    return report.to_html()


def test_region_fit_equals_a_direct_fit() -> None:
    from planning.population.flows import check_flows
    from planning.population.places import known_places

    checked = check_flows(flows(), known=known_places(units())).flows
    result = fit_regions(checked, units(), indicators(), places=read_places())
    assert result.years == (2022, 2023, 2024)
    ours = result.fit.coefficients.set_index("term")
    theirs = direct_fit().coefficients.set_index("term")
    assert list(ours.index) == list(theirs.index)
    for column in ("coef", "std_err", "p_value"):
        assert np.allclose(ours[column], theirs[column], rtol=1e-9, atol=1e-12), column
    left = result.left_out.set_index("reason")
    assert left.loc["external", "persons"] == 900.0 and left.loc["within", "persons"] == 77.0
    # Turkestan has no income: its 10 pairs (5 out, 5 in) are dropped by the fit
    assert left.loc["covariate", "pairs"] == 10
    assert set(result.fit.dropped["missing"]) == {"income_per_capita_kzt"}


def test_covariates_as_of_the_last_year() -> None:
    frame, spans = region_covariates(indicators(), year=2024)
    assert frame.loc[A, "income_per_capita_kzt"] == INCOME[A]  # not 2023's, not 2025's
    assert spans["housing_commissioned_m2"] == (2023, 2023)


def test_push_pull_table_and_words(push_pull_page, english) -> None:
    fit = direct_fit().coefficients.set_index("term")
    rows = {r[0]: r for r in tables(push_pull_page)["Effects on the flows between regions"]}
    row = rows["destination: housing commissioned"]
    coef = fit.loc["destination:housing_commissioned_m2"]
    assert number(row[1]) == pytest.approx(coef["coef"], abs=5e-3)
    assert number(row[2]) == pytest.approx(coef["std_err"], abs=5e-3)
    assert number(row[3]) == pytest.approx(coef["ci_low"], abs=5e-3)
    assert number(row[4]) == pytest.approx(coef["ci_high"], abs=5e-3)
    assert number(row[5]) == pytest.approx(coef["p_value"], abs=5e-4)
    change = 100 * (1.1 ** coef["coef"] - 1)
    assert row[6].startswith(f"A 10 % higher housing commissioned at the destination: "
                             f"{change:+.1f} % arrivals.".replace("-", "\u2212")[:60]) or \
        row[6].startswith(f"A 10 % higher housing commissioned at the destination: "
                          f"{change:+.1f} % arrivals.")
    unemployment = fit.loc["origin:unemployment_rate_pct", "coef"]
    assert f"{100 * (math.exp(unemployment) - 1):+.1f}" in rows[
        "origin: unemployment rate (percentage points)"][6]
    assert "distance" in rows
    left = {r[0]: r for r in tables(push_pull_page)["Flows left out of the fit"]}
    assert number(left["an end abroad or without a region code"][2]) == 900.0
    assert number(left["within one region"][2]) == 77.0
    assert number(left["a covariate missing at an end"][1]) == 10.0
    # the pairs without a covariate, named in words: Turkestan's 10, each lacking income
    assert push_pull_page.count("<td>income per capita</td>") == 10
    assert "generated" not in push_pull_page  # these flows are not marked generated


def test_generated_flows_say_so_on_the_face(english) -> None:
    report = Report("t", lang="en")
    add_push_pull_section(report, flows=flows().assign(source="generated (test)"),
                          units=units(), indicators=indicators(), lang="en")
    page = report.to_html()
    assert ("this fit shows the method on generated flows and is not a finding") in page
    assert page.index("not a finding") < page.index("Effects on the flows between regions")


@pytest.mark.parametrize(("options", "expected"), [
    ({"indicators": None}, "Not assessed: load region indicators (qonys national)."),
    ({"flows": None}, "Not assessed: the workspace has no migration flows"),
    ({"indicators": indicators().query("indicator == 'population'")},
     "Not assessed: The table region_indicators has none of the covariates"),
    ({"flows": flows()[flows()["dest_id"].isin(["751110000", "711110000", "791110000"])
                       & flows()["origin_id"].isin(["751110000", "711110000", "791110000"])]},
     "Not assessed: The push-and-pull model has 6 pairs for 8 terms"),
])
def test_push_pull_not_assessed_with_the_reason(options, expected, english) -> None:
    report = Report("t", lang="en")
    given = {"flows": flows(), "indicators": indicators(), **options}
    add_push_pull_section(report, units=units(), lang="en", **given)
    page = report.to_html()
    assert expected in page and "Traceback" not in page


# -- centres ----------------------------------------------------------------------------------


def centres() -> gpd.GeoDataFrame:
    """Three districts and two towns, as ``qonys centres`` writes them (COMMON.md)."""
    ids = ["751110000", "711110000", "351000000", "town:1", "town:2"]
    frame = gpd.GeoDataFrame({
        "candidate_id": ids, "candidate_kind": ["district"] * 3 + ["town"] * 2,
        "name_ru": [f"кандидат {i}" for i in ids], "name_kk": [f"үміткер {i}" for i in ids],
        "name_en": [XSS, "Esil", "Karaganda-1", "Town one", "Town two"],
        "region": [A, B, "350000000", "350000000", B],
        "unit_id": ["751110000", "711110000", "351000000", "351000000", "711110000"],
        "score": [0.55, 0.91, 0.12, 0.70, 0.33], "rank": [3, 1, 5, 2, 4],
        "spare_capacity_residents": [1200.0, 5000.0, 10.0, 800.0, 300.0],
        "job_access": [1e5, 2e5, 1e4, 5e4, 3e4], "rural_potential": np.nan,
        "outflow_persons": [0.0, 0.0, 4000.0, 4000.0, 0.0],
        "score_spare_capacity_residents": [0.3, 1.0, 0.0, 0.2, 0.1],
        "score_job_access": [0.5, 1.0, 0.0, 0.2, 0.1], "score_rural_potential": np.nan,
        "score_outflow_persons": [0.0, 0.0, 1.0, 1.0, 0.0],
        "spare_capacity_basis": "norm_estimate",
        "explanation_ru": "объяснение", "explanation_kk": "түсіндірме",
        "explanation_en": [f"Because {i}" for i in ids],
    }, geometry=[Point(76.9, 43.2), Point(71.4, 51.1), Point(73.1, 49.8), Point(73.2, 49.9),
                 Point(71.5, 51.2)], crs="EPSG:4326")
    return frame


def criteria() -> pd.DataFrame:
    return pd.DataFrame({
        "criterion": ["spare_capacity_residents", "job_access", "rural_potential",
                      "outflow_persons"],
        "weight": [0.3, 0.3, 0.2, 0.2],
        "source": ["norms estimate", "job_centres (estimated)", "Order No 50 layer",
                   "net_migration_official (BNS)"],
        "assessed": [True, True, False, True], "basis": ["norm_estimate", "hansen", "", "region"],
        "note": ["", "", "scoring layer not loaded", ""]})


def sensitivity() -> pd.DataFrame:
    return pd.DataFrame({"criterion": ["job_access", "job_access"], "change": [-0.2, 0.2],
                         "spearman": [0.9871, 0.9912]})


@pytest.fixture(scope="module")
def centres_report() -> tuple[str, list]:
    report = Report("t", lang="en")
    maps = add_centres_section(report, centres=centres(), criteria=criteria(),
                               sensitivity=sensitivity(), units=units(), lang="en")
    return report.to_html(), maps


def test_centres_map_ranked_table_criteria_sensitivity(centres_report, english) -> None:
    page, maps = centres_report
    assert len(maps) == 1
    (config,) = map_configs(page).values()
    assert [len(config["shapes"][layer["shape"]]) for layer in config["layers"]] == [3, 2]
    found = tables(page)
    ranked = found["The 5 best-ranked candidates (—: not assessed)"]
    assert [r[0] for r in ranked] == ["1", "2", "3", "4", "5"]
    assert [r[1] for r in ranked][:3] == ["Esil", "Town one", "&lt;img src=x onerror=alert(1)&gt;"]
    assert ranked[0][2] == "Astana (city)" and number(ranked[0][3]) == 0.91
    assert ranked[0][-1] == "Because 711110000"
    assert ranked[0][6] == "—"  # rural potential not assessed: blank, never 0
    rows = found["Criteria, their weights and sources"]
    assert rows[2][:4] == ["rural development potential", "0.20", "Order No 50 layer", "no"]
    spear = found["How stable the ranking is when a weight moves by ±20 %"]
    assert spear == [["access to jobs", "\u221220%", "0.987"], ["access to jobs", "+20%", "0.991"]]
    assert "Sources: norms estimate; job_centres (estimated)" in page
    assert "<img src=x" not in page


def test_centres_absent_say_run_qonys_centres(english) -> None:
    report = Report("t", lang="en")
    assert add_centres_section(report, centres=None, criteria=None, sensitivity=None,
                               units=None, lang="en") == []
    assert "Not assessed: run `qonys centres`." in report.to_html()


def test_the_page_stays_offline(push_pull_page, balance_page, centres_report) -> None:
    for page in (push_pull_page, balance_page, centres_report[0]):
        loads = re.findall(r"<(?:script|link|img|iframe|embed|object|source)\b[^>]*>", page,
                           flags=re.IGNORECASE)
        # nothing loaded but data: URIs (the charts are inline SVG images)
        for tag in loads:
            targets = re.findall(r"""\b(?:src|href|data)\s*=\s*["']?([^"'\s>]*)""", tag,
                                 re.IGNORECASE)
            assert all(t.startswith("data:") for t in targets), tag
        assert not re.search(r"""\bsrc\s*=\s*["']?(?:https?:)?//""", page)
        assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", page)


# -- the workspace read and the command line --------------------------------------------------


@pytest.fixture
def workspace(tmp_path) -> str:
    path = str(tmp_path / "national.gpkg")
    with open_store(path) as store:
        store.write_layers({"units": units(), "flows": flows(),
                            "region_indicators": indicators(), "centres": centres(),
                            "centres_criteria": criteria(),
                            "centres_sensitivity": sensitivity()})
    return path


def test_report_reads_the_national_tables(workspace) -> None:
    inputs = ReportInputs(units=units(), year=2024, schematic=False)
    with open_store(workspace) as store:
        _national(store, set(store.layer_names()), inputs)
    assert len(inputs.region_indicators) == len(indicators())
    assert set(inputs.national) == {"centres", "centres_criteria", "centres_sensitivity",
                                    "units"}


def test_flows_push_pull_prints_the_effects(workspace, capsys, english) -> None:
    assert main(["--lang", "en", "flows", "--push-pull", "--store", workspace]) == 0
    out = capsys.readouterr().out
    coef = direct_fit().coefficients.set_index("term").loc[
        "destination:housing_commissioned_m2", "coef"]
    assert "flows of 2022–2024 (20 pairs)" in out
    assert (f"destination: housing commissioned: A 10 % higher housing commissioned at the "
            f"destination: {100 * (1.1 ** coef - 1):+.1f} % arrivals") in out
    assert "left out, within one region: 1 pairs, 77 persons" in out
    # the national workspace has no readiness: the headroom is said not assessed, not 0
    assert ("Readiness headroom: not assessed, the workspace has no readiness results (run "
            "`qonys readiness`); the fit leaves it out.") in out


def test_flows_push_pull_without_indicators_says_what_to_run(tmp_path, capsys, english) -> None:
    path = str(tmp_path / "bare.gpkg")
    with open_store(path) as store:
        store.write_layers({"units": units(), "flows": flows()})
    assert main(["--lang", "en", "flows", "--push-pull", "--store", path]) == 2
    err = capsys.readouterr().err
    assert "needs the layer 'region_indicators'" in err and "qonys national" in err
    assert "Traceback" not in err


def test_sections_name_the_layers_they_are_made_from(workspace, english) -> None:
    from planning.report.sources import layer_sources

    with open_store(workspace) as store:
        layers = layer_sources(store)
    report = Report("t", lang="en")
    add_balance_section(report, indicators=indicators(), lang="en", layers=layers)
    add_centres_section(report, centres=centres(), criteria=criteria(),
                        sensitivity=sensitivity(), units=units(), lang="en", layers=layers)
    page = report.to_html()
    assert "region_indicators: source not recorded, licence not given" in page
    assert "centres: source not recorded, licence not given" in page


def test_the_demo_carries_the_real_region_indicators() -> None:
    from planning.cli.pipeline import demo_national_tables

    found = demo_national_tables()
    raw = pd.read_csv(ROOT / "data" / "national" / "region_indicators.csv", dtype={"region": str})
    frame, provenance = found["region_indicators"]
    pd.testing.assert_frame_equal(frame, raw)
    # official figures, not generated: the file is named, each row keeps its source
    assert provenance.source == "data/national/region_indicators.csv"
    assert not provenance.source.startswith("generated")
    assert "BNS" in provenance.licence
    assert frame["source"].str.len().gt(0).all()


def test_a_country_row_is_no_region(english) -> None:
    with_country = pd.concat([indicators(), pd.DataFrame({
        "region": ["000000000", "000000000"], "year": [2022, 2023], "indicator": "population",
        "value": [20e6, 20.2e6], "unit": "persons", "source": "BNS test table"})])
    pages = []
    for table in (indicators(), with_country):
        report = Report("t", lang="en")
        add_balance_section(report, indicators=table, lang="en")
        pages.append(tables(report.to_html()))
    assert pages[0] == pages[1]


def test_a_national_workspace_without_readiness_gets_its_national_report(workspace, tmp_path,
                                                                          capsys, english) -> None:
    page_path = tmp_path / "national.html"
    assert main(["--lang", "en", "report", "--store", workspace, "--out", str(page_path)]) == 0
    page = page_path.read_text(encoding="utf-8")
    assert "Not assessed: the workspace has no readiness results" in page
    found = tables(page)
    assert [r[0] for r in found["The 5 best-ranked candidates (—: not assessed)"]] == \
        ["1", "2", "3", "4", "5"]
    assert any(title.startswith("Demographic balance by year") for title in found)
    assert "Why people leave" in page and "Traceback" not in page
    # no per-resident norm is used without readiness, so none is cited as a source
    assert "per resident" not in page
    capsys.readouterr()
    assert main(["--lang", "en", "report", "--store", workspace, "--out", str(page_path),
                 "--scenario", "baseline"]) != 0
    assert "no readiness results" in capsys.readouterr().err
