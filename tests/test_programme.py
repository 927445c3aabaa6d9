"""The resettlement programme's incentives, cost, take-up and quotas (issue 17), by hand."""

from __future__ import annotations

import math
import textwrap
from pathlib import Path

import pandas as pd
import pytest
from scipy.special import expit, logit

from planning.forecast.programme import (
    apply_take_up,
    package_mrp,
    take_up,
    tenge_per_person,
)
from planning.forecast.scenario import ScenarioError, load_scenario
from planning.forecast.scenario_run import run_scenario
from planning.norms import load_norms
from tests.test_forecast import two_units

# The published figures of ../shared/facts/resettlement_and_migration.md, as data/ carries them.
MRP_2026 = 4325
FAMILY = 29 / 14  # Shymkent's centre: 29 persons in 14 families, rounded to 2.07 in data/
PACKAGE_2026 = 70 * 2.07 + 15 * 12 + 1625 + 400   # 2,349.9 MRP per family
PACKAGE_2025 = 70 * 2.07 + 15 * 12 + 1160 + 400   # 1,884.9 MRP: the anchor's certificate


def write(folder: Path, text: str, name: str = "s.yaml") -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def test_the_data_carry_the_published_figures_with_sources():
    norms = load_norms()
    figure = lambda key: norms.figure("resettlement_programme", key)  # noqa: E731
    assert figure("mrp_tenge").value == MRP_2026
    assert figure("relocation_mrp_per_member").value * MRP_2026 == 302_750
    assert figure("housing_certificate_mrp").value * MRP_2026 == 7_028_125
    assert figure("take_up_anchor").value == round(5213 / 9653, 2)
    assert round(FAMILY, 2) == figure("persons_per_family").value
    for key in ("incentive_elasticity", "readiness_elasticity"):
        assert figure(key).source.startswith("ASSUMPTION")


def test_package_and_cost_by_hand():
    norms = load_norms()
    assert package_mrp(norms) == pytest.approx(2349.9)
    assert package_mrp(norms, anchor=True) == pytest.approx(1884.9)
    # 2,349.9 MRP x 4,325 tenge / 2.07 persons = 4,909,815.2 tenge per person who moves
    assert tenge_per_person(norms) == pytest.approx(2349.9 * 4325 / 2.07)
    richer = {"rent_mrp_per_family_month": 30, "rent_months": 12}
    assert package_mrp(norms, richer) == pytest.approx(2349.9 + 15 * 12)


def test_take_up_is_the_anchor_with_the_2025_package_and_a_ready_destination():
    norms = load_norms()
    share = take_up(norms, {"housing_certificate_mrp": 1160}, pd.Series([1.0], index=["u"]))
    assert share["u"] == pytest.approx(0.54)


def test_take_up_by_hand_for_the_2026_package_and_half_ready_destinations():
    norms = load_norms()
    readiness = pd.Series([1.0, 0.5, 0.0], index=["ready", "half", "none"])
    got = take_up(norms, None, readiness)
    p0 = 0.54
    ready = expit(logit(p0) + 0.5 * math.log(PACKAGE_2026 / PACKAGE_2025) / (1 - p0))
    half = expit(logit(p0) + (0.5 * math.log(PACKAGE_2026 / PACKAGE_2025)
                              + 1.0 * (0.5 - 1)) / (1 - p0))
    none = expit(logit(p0) + (0.5 * math.log(PACKAGE_2026 / PACKAGE_2025) - 1.0) / (1 - p0))
    assert got["ready"] == pytest.approx(ready)       # 0.5987: the raised certificate draws more
    assert got["half"] == pytest.approx(half)         # 0.3347
    assert got["none"] == pytest.approx(none)         # 0.1451
    assert (round(ready, 4), round(half, 4), round(none, 4)) == (0.5987, 0.3347, 0.1451)
    # the elasticity at the anchor is what the data say: d ln p / d ln I = 0.5
    step = take_up(norms, {"housing_certificate_mrp": 1160 * 1.0001 + 0.0001 * 724.9},
                   pd.Series([1.0]))[0]
    assert math.log(step / 0.54) / math.log(1.0001) == pytest.approx(0.5, rel=1e-3)


def test_arrivals_keep_whole_persons_and_the_rounded_total():
    norms = load_norms()
    planned = pd.DataFrame({"unit_id": ["u"] * 3, "year": [2026, 2027, 2028],
                            "persons": [4, 3, 3]})
    programme = load_programme_from({"housing_certificate_mrp": 1160})
    table = apply_take_up(planned, norms, programme, pd.Series({"u": 1e9}))
    # 10 x 0.54 = 5.4 -> 5; exact 2.16, 1.62, 1.62: floors 2, 1, 1 and one more to 2027
    assert table["arrivals"].tolist() == [2, 2, 1]
    assert table["cost_tenge"].sum() == pytest.approx(5 * 1884.9 * 4325 / 2.07)


def load_programme_from(incentives: dict):
    from planning.forecast.programme import ResettlementProgramme

    return ResettlementProgramme(incentives, "test")


PROGRAMME_YAML = """
    horizon: 2027
    migration: none
    resettlement:
      - {unit: B, persons: 1200, from: 2026, source: "test"}
    programme:
      incentives: {housing_certificate_mrp: 1625, source: "the 2026 package"}
      quotas:
        - {region: test, persons: 1200, year: 2026, source: "test quota"}
    """


def test_a_run_takes_up_by_the_destinations_base_year_readiness(tmp_path):
    layers, norms = two_units()
    del layers["housing"]  # arrivals as taken up, not capped by homes
    scenario = load_scenario(write(tmp_path, PROGRAMME_YAML))
    run = run_scenario(layers, scenario, norms, base_year=2025)
    # Base year: the heat zone (5 Gcal/h) serves 3,000 residents at 0.00125: 1.25 Gcal/h spare,
    # B's share 2/3 of the zone: (5 x 2/3 - 2.5) / 0.00125 = 666.7 residents of 1,200 planned.
    table = run.take_up.set_index("unit_id")
    share = (5 * 2 / 3 - 2000 * 0.00125) / 0.00125 / 1200
    assert table.at["B", "readiness_share"] == pytest.approx(share)
    rate = expit(logit(0.54) + (0.5 * math.log(PACKAGE_2026 / PACKAGE_2025)
                                + (share - 1)) / (1 - 0.54))
    assert table.at["B", "take_up"] == pytest.approx(rate)
    assert table.at["B", "arrivals"] == round(1200 * rate)
    people = run.forecast.population.set_index(["unit_id", "year"])
    assert people.at[("B", 2026), "resettled"] == round(1200 * rate)


def test_quotas_and_incentives_are_checked_with_clear_messages(tmp_path, english):
    layers, _ = two_units()
    over = write(tmp_path, PROGRAMME_YAML.replace("persons: 1200, year", "persons: 1000, year"),
                 "over.yaml")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(over).check_against(layers)
    assert caught.value.problems == [
        "over.yaml, line 8, programme.quotas[1].persons: 1,200 persons are planned to test in "
        "2026, more than its quota of 1,000. Plan fewer there or raise the quota."]
    wrong = write(tmp_path, PROGRAMME_YAML.replace("region: test", "region: tset"), "w.yaml")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(wrong).check_against(layers)
    assert caught.value.problems == [
        "w.yaml, line 8, programme.quotas[1].region: 'tset' is not a region of the units "
        "(did you mean test?). Regions: test.",
        "w.yaml, line 8, programme.quotas: resettlement is planned to test, which has no "
        "quota. Add a quota for test or plan elsewhere."]
    bad = write(tmp_path, """
        programme:
          incentives: {housing_certificate: 1625, rent_months: -2}
        """, "bad.yaml")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(bad)
    text = "\n".join(caught.value.problems)
    assert "programme.incentives.housing_certificate: unknown key 'housing_certificate' " \
           "(did you mean housing_certificate_mrp?)" in text
    assert "programme.incentives.rent_months: rent_months is -2.0; an incentive cannot be " \
           "negative. Give 0 or more." in text
    assert "programme.incentives: 'source' is missing." in text


def test_the_report_shows_take_up_with_its_assumptions_and_both_kinds_of_spending(english):
    from maps.report import Report
    from planning.report.programme import add_programme_section

    norms = load_norms()
    programme = load_programme_from({})
    planned = pd.DataFrame({"unit_id": ["u"], "year": [2026], "persons": [1000]})
    take = apply_take_up(planned, norms, programme, pd.Series({"u": 500.0}))
    spending = pd.DataFrame({"year": [2026], "budget": [5e9], "available": [5e9],
                             "investments": [3e9], "programme": [1.5e9], "spent": [4.5e9],
                             "carried": [0.5e9]})
    units = pd.DataFrame({"unit_id": ["u"], "name_en": ["Talgar"]})
    report = Report("Programme", lang="en")
    add_programme_section(report, take_up=take, spending=spending, units=units, norms=norms,
                          lang="en")
    page = report.to_html()
    assert "ASSUMPTIONS until an evaluation" in page
    assert "5,213 / 9,653" in page and "4,325 tenge" in page
    # half ready: take-up by the formula, and its cost in bn tenge
    rate = expit(logit(0.54) + (0.5 * math.log(PACKAGE_2026 / PACKAGE_2025)
                                + (0.5 - 1)) / (1 - 0.54))
    assert f"{rate:.1%}" in page and "Talgar" in page
    cost_bn = round(1000 * rate) * 2349.9 * 4325 / 2.07 / 1e9
    assert f"{cost_bn:,.2f}" in page
    for text in ("Infrastructure, bn tenge", "Programme payments, bn tenge", "3.00", "1.50"):
        assert text in page


def test_scenario_run_prints_the_take_up_and_its_cost(capsys, english):
    from types import SimpleNamespace

    from planning.cli.commands.scenario import print_scenario

    take = pd.DataFrame({"unit_id": ["u", "u"], "planned": [1000, 1000],
                         "arrivals": [150, 151], "cost_tenge": [0.75e9, 0.76e9]})
    first = pd.DataFrame(columns=["unit_id", "basis", "network", "first_deficit_year"])
    run = SimpleNamespace(scenario=SimpleNamespace(name="s", chain=("s",)),
                          forecast=SimpleNamespace(years=[2025, 2026], first_deficit=first),
                          take_up=take)
    print_scenario(run, "w.gpkg")
    out = capsys.readouterr().out
    assert "Resettlement programme: 301 of 2,000 planned take up" in out
    assert "costing 1.5 bn tenge" in out
