"""The forecasting centre (issue 17): back-test arithmetic, the radiation model, the learned
model and the interval, each against a known answer (hand-worked or simulated)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from planning.forecast import backtest as bt
from planning.forecast.learned import forecast_learned
from planning.forecast.radiation import fit_rate, radiation_net, radiation_probabilities
from planning.forecast.regional_models import Panel, forecast_gravity, gravity_net

YEARS = list(range(2000, 2006))


def _panel(net: pd.DataFrame, *, population: float = 1e6, income=None, seed=0) -> Panel:
    codes = list(net.index)
    rng = np.random.default_rng(seed)
    xy = rng.uniform(0, 1000, size=(len(codes), 2))
    km = np.hypot(*(xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1))
    pop = pd.DataFrame(population, index=codes, columns=net.columns)
    income = pd.DataFrame(1.0, index=codes, columns=net.columns) if income is None else income
    return Panel(net=net, population=pop, income=income,
                 distance=pd.DataFrame(km, index=codes, columns=codes))


def test_backtest_arithmetic_on_a_hand_worked_series():
    # Net 10, 20, ..., 60 in 2000-2005; the trend is the mean of the last three known years.
    # Origin 2002: 20 for 2003 (actual 40) and 2004 (50): errors -20, -30; origin 2003: 30
    # against 50 and 60: -20, -30; origin 2004: 40 against 60: -20 (2006 is not known).
    net = pd.DataFrame([[10.0, 20, 30, 40, 50, 60]], index=["a"], columns=YEARS)
    pairs = bt.backtest(_panel(net), models={"trend": bt.MODELS["trend"]}, first_origin=2002,
                        horizon=2)
    assert pairs[["origin", "year", "error"]].to_numpy().tolist() == [
        [2002, 2003, -20], [2002, 2004, -30], [2003, 2004, -20], [2003, 2005, -30],
        [2004, 2005, -20]]
    table = bt.scores(pairs, floor=10.0)
    # MAE (20 + 30 + 20 + 30 + 20) / 5 = 24; MAPE (20/40 + 30/50 + 20/50 + 30/60 + 20/60) / 5.
    assert table.loc[0, "mae"] == 24.0
    assert table.loc[0, "mape"] == pytest.approx(100 * (0.5 + 0.6 + 0.4 + 0.5 + 1 / 3) / 5)
    # The guard: with a floor of 1,000 persons every denominator is 1,000: 24 / 1,000 = 2.4 %.
    assert bt.scores(pairs).loc[0, "mape"] == pytest.approx(2.4)


def test_backtest_skips_missing_years_and_border_changes():
    net = pd.DataFrame([[10.0, 20, 30, np.nan, 50, 60]], index=["190000000"],
                       columns=YEARS)
    pairs = bt.backtest(_panel(net), models={"trend": bt.MODELS["trend"]}, first_origin=2002,
                        horizon=2)
    assert (2002, 2003) not in set(zip(pairs["origin"], pairs["year"], strict=True))
    assert not pairs["actual"].isna().any()
    assert not bt.comparable("190000000", 2021, 2022)
    assert bt.comparable("190000000", 2022, 2024) and bt.comparable("110000000", 2021, 2022)


def test_choice_is_the_lower_error_unless_fixed():
    table = pd.DataFrame({"model": ["trend", "gravity", "learned"],
                          "mae": [900.0, 1200.0, 700.0]})
    assert bt.choose_model(table) == ("learned", "lowest_mae")
    assert bt.choose_model(table, fixed="gravity") == ("gravity", "fixed")
    with pytest.raises(ValueError, match="auto"):
        bt.choose_model(table, fixed="neural")


def test_radiation_against_a_hand_worked_three_place_example():
    # Places at 0, 1 and 3 km with 100, 50 and 200 residents (M = 350). From A: B 100·50 /
    # (100·150) = 1/3, C 100·200 / (150·350) = 8/21 (B's 50 passed). From B: A 50·100 / (50·150)
    # = 2/3, C 50·200 / (150·350) = 4/21 (A's 100 within 2 km). From C: B 200·50 / (200·250)
    # = 1/5, A 200·100 / (250·350) = 8/35 (B passed). Each row adds up to 1 - m_i / M.
    x = np.array([0.0, 1.0, 3.0])
    m = np.array([100.0, 50.0, 200.0])
    d = np.abs(x[:, None] - x[None, :])
    raw = radiation_probabilities(m, d, normalised=False)
    expected = np.array([[0, 1 / 3, 8 / 21], [2 / 3, 0, 4 / 21], [8 / 35, 1 / 5, 0]])
    np.testing.assert_allclose(raw, expected, rtol=1e-12)
    np.testing.assert_allclose(raw.sum(axis=1), 1 - m / m.sum(), rtol=1e-12)
    np.testing.assert_allclose(radiation_probabilities(m, d).sum(axis=1), 1.0, rtol=1e-12)
    # A tenth leaves: T_A = 10 (A→B 10·(1/3)/(5/7) = 14/3, A→C 16/3), T_B = 5 (B→A 35/9,
    # B→C 10/9), T_C = 20 (C→B 28/3, C→A 32/3). Nets: A 35/9 + 32/3 - 10 = 41/9, B 14/3 + 28/3
    # - 5 = 9, C 16/3 + 10/9 - 20 = -122/9; they add up to zero.
    net = radiation_net(m, d, rate=0.1)
    np.testing.assert_allclose(net, [41 / 9, 9.0, -122 / 9], rtol=1e-12)
    assert fit_rate([radiation_net(m, d)], [net]) == pytest.approx(0.1)


def test_gravity_with_covariates_recovers_its_parameters():
    # Generated nets (a code test, not the model's skill): fitted back within 1 %.
    codes = [f"r{i}" for i in range(8)]
    rng = np.random.default_rng(3)
    years = list(range(2000, 2012))
    pop = pd.DataFrame(rng.uniform(2e5, 2e6, (8, 1)).repeat(len(years), 1), index=codes,
                       columns=years)
    income = pd.DataFrame(rng.uniform(1, 3, (8, len(years))), index=codes, columns=years)
    panel = _panel(pd.DataFrame(0.0, index=codes, columns=years), income=income, seed=3)
    panel = Panel(panel.net, pop, income, panel.distance)
    truth = np.array([np.log(0.02), 1.5, 0.8, 0.2])
    for year in years:
        panel.net[year] = gravity_net(truth, pop[year].to_numpy(), income[year].to_numpy(),
                                      panel.distance.to_numpy())
    made = forecast_gravity(panel, origin=2010, horizon=1).set_index("region")
    np.testing.assert_allclose(made["net_migration"], panel.net[2010], rtol=0.01, atol=1.0)


def test_learned_model_recovers_a_simple_relation_on_generated_data():
    # Net migration 2 % of the population times the income gap, plus noise: a code test on
    # generated data, never the model's skill.
    codes = [f"r{i}" for i in range(20)]
    rng = np.random.default_rng(1)
    years = list(range(2000, 2021))
    gap = rng.uniform(-0.5, 0.5, 20)
    income = pd.DataFrame(np.exp(gap)[:, None].repeat(len(years), 1)
                          * rng.uniform(0.95, 1.05, (20, len(years))), index=codes,
                          columns=years)
    truth = 0.02 * np.log(income.to_numpy()) * 1e6
    net = pd.DataFrame(truth + rng.normal(0, 200, truth.shape), index=codes, columns=years)
    panel = _panel(net, income=income, seed=1)
    made = forecast_learned(panel, origin=2017, horizon=3)
    actual = [truth[codes.index(r), years.index(y)] for r, y in zip(made["region"],
                                                                      made["year"], strict=True)]
    error = np.abs(made["net_migration"].to_numpy() - actual).mean()
    spread = np.abs(np.asarray(actual)).mean()
    assert error < 0.25 * spread  # against about 5,000 persons a year of signal


def test_interval_covers_in_a_simulation():
    # Each region's net is its level plus independent noise; the trend's 80 % interval from the
    # back-test's errors should hold about 80 % of fresh draws of the next years.
    rng = np.random.default_rng(7)
    codes = [f"r{i}" for i in range(40)]
    years = list(range(2000, 2021))
    level = rng.uniform(-5000, 5000, 40)
    net = pd.DataFrame(level[:, None] + rng.normal(0, 1000, (40, len(years))), index=codes,
                       columns=years)
    panel = _panel(net)
    pairs = bt.backtest(panel, models={"trend": bt.MODELS["trend"]}, first_origin=2005,
                        horizon=3)
    made = bt.regional_forecast(panel, pairs, model="trend", origin=2020, horizon_year=2023)
    made = made.set_index(["region", "year"])
    yearly, cumulative = [], []
    for _draw in range(200):
        future = level[:, None] + rng.normal(0, 1000, (40, 3))
        for i, code in enumerate(codes):
            total = 0.0
            for h, year in enumerate((2021, 2022, 2023)):
                row = made.loc[(code, year)]
                total += future[i, h]
                yearly.append(row["low"] <= future[i, h] <= row["high"])
                cumulative.append(row["cumulative_low"] <= total <= row["cumulative_high"])
    assert 0.74 < np.mean(yearly) < 0.86
    assert 0.72 < np.mean(cumulative) < 0.88
    assert (made["low"] < made["net_migration"]).all()
    assert (made["net_migration"] < made["high"]).all()


def test_first_deficit_range_and_its_words(english):
    nets = pd.DataFrame({"unit_id": "a", "basis": "actual", "network": "heat",
                         "networked": True, "year": [2026, 2027, 2028, 2029],
                         "headroom": [300.0, 100.0, -50.0, -200.0]})
    band = pd.DataFrame({"unit_id": "a", "year": [2026, 2027, 2028, 2029],
                         "fewer": [0.0, 50.0, 100.0, 300.0], "more": [0.0, 150.0, 200.0, 300.0]})
    row = bt.first_deficit_range(nets, band).iloc[0]
    # 100 - 150 < 0 in 2027 (more residents); -50 + 100 >= 0 but -200 + 300 >= 0 too: none.
    assert (row["first_deficit_year"], row["earliest"]) == (2028, 2027)
    assert pd.isna(row["latest"])
    assert bt.deficit_text(row, horizon=2029) == "2028, from 2027 to beyond 2029"


def test_settings_fix_the_model_or_refuse_an_unknown_one():
    import dataclasses

    from geo.errors import NormError
    from planning.forecast.centre import centre_settings
    from planning.norms import load_norms

    norms = load_norms()
    assert centre_settings(norms).model == "auto"
    sections = {**norms.sections, "migration_models": {"model": {"value": "radiation",
                                                                 "source": "test"}}}
    fixed = centre_settings(dataclasses.replace(norms, sections=sections))
    assert (fixed.model, fixed.horizon_years, fixed.mape_floor) == ("radiation", 6, 1000.0)
    sections["migration_models"] = {"model": {"value": "neural", "source": "test"}}
    with pytest.raises(NormError, match=r"migration_models\.model.*neural"):
        centre_settings(dataclasses.replace(norms, sections=sections))


def test_unit_band_is_the_units_share_of_its_regions_range():
    from planning.forecast.centre import CentreResult, unit_band

    population = pd.DataFrame({2024: [1_000_000.0]}, index=["750000000"])
    panel = Panel(population, population, population,
                  pd.DataFrame([[0.0]], index=["750000000"], columns=["750000000"]))
    made = pd.DataFrame({"region": "750000000", "year": [2025, 2026],
                         "cumulative": [1000.0, 2000.0], "cumulative_low": [800.0, 1500.0],
                         "cumulative_high": [1100.0, 2600.0]})
    result = CentreResult(panel, pd.DataFrame(), pd.DataFrame(), "trend", "lowest_mae", made,
                          ["750000000"], 2024)
    units = pd.DataFrame({"unit_id": ["751110000", "x"], "kato": ["751110000", None],
                          "pop_actual": [250_000.0, 10.0]})
    band = unit_band(result, units, base_year=2025)
    # A quarter of the city: 2026 (h = 1) 200 / 4 fewer and 100 / 4 more; 2027: 500 / 4, 600 / 4.
    assert band.to_numpy().tolist() == [["751110000", 2026, 50.0, 25.0],
                                        ["751110000", 2027, 125.0, 150.0]]


def test_report_section_says_not_assessed_without_series(english):
    from maps.report import Report
    from planning.norms import load_norms
    from planning.report.forecast_models import add_models_section

    report = Report(title="t")
    units = pd.DataFrame({"unit_id": ["751110000"], "kato": ["751110000"]})
    add_models_section(report, indicators=None, units=units,
                       population=pd.DataFrame({"unit_id": [], "year": []}),
                       networks=pd.DataFrame(), norms=load_norms(), lang="en")
    assert "Not assessed" in report.to_html()
