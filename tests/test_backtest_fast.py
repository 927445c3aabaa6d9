"""The back-test's array paths (memoised year arrays, stacked gravity years, training rows
built as arrays) against straightforward references written plainly here, on a generated
panel whose regions change (one appears in 2008), with gaps in net migration and income."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from planning.forecast import backtest as bt
from planning.forecast.learned import FEATURES, origin_features, training_rows
from planning.forecast.radiation import fit_rate, radiation_probabilities
from planning.forecast.regional_models import (
    Panel,
    _gravity_from_terms,
    _stacked_years,
    _year_data,
    fit_gravity_net,
    forecast_gravity,
    forecast_radiation,
    gravity_net,
)

YEARS = list(range(2000, 2016))
CODES = ["190000000", "350000000", "r3", "r4", "r5", "r6", "r7"]


def _panel(seed: int = 3) -> Panel:
    rng = np.random.default_rng(seed)
    n, y = len(CODES), len(YEARS)
    pop = pd.DataFrame(rng.uniform(3e5, 3e6, (n, y)), index=CODES, columns=YEARS)
    pop.loc["r7", [c for c in YEARS if c < 2008]] = np.nan  # a region from 2008 on
    net = pd.DataFrame(rng.normal(0, 8000, (n, y)), index=CODES, columns=YEARS)
    net.loc["r3", 2004] = net.loc["r5", 2011] = np.nan
    net = net.where(pop.notna())
    income = pd.DataFrame(rng.uniform(5e4, 2e5, (n, y)), index=CODES, columns=YEARS)
    income.loc["r4", 2006] = np.nan
    xy = rng.uniform(0, 1500, (n, 2))
    km = np.hypot(*(xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1))
    return Panel(net=net, population=pop, income=income,
                 distance=pd.DataFrame(km, index=CODES, columns=CODES))


def _plain_gravity_residuals(panel: Panel, params, origin: int) -> list[float]:
    log_k, gamma, b_income, b_pop = params
    out = []
    for year in range(origin - 9, origin + 1):
        codes = [c for c in CODES if pd.notna(panel.population.at[c, year])
                 and pd.notna(panel.income.at[c, year])]
        if sum(pd.notna(panel.net.at[c, year]) for c in codes) < 3:
            continue
        for i in codes:
            if pd.isna(panel.net.at[i, year]):
                continue
            total = 0.0
            for j in codes:
                if j == i:
                    continue
                p_i = panel.population.at[i, year] / 1e6
                p_j = panel.population.at[j, year] / 1e6
                d = panel.distance.at[i, j] / 100.0
                gap = (b_income * (math.log(panel.income.at[i, year])
                                   - math.log(panel.income.at[j, year]))
                       + b_pop * (math.log(p_i) - math.log(p_j)))
                total += math.exp(log_k) * p_i * p_j / d ** gamma * math.sinh(gap)
            out.append((total * 1e6 - panel.net.at[i, year]) / 1e4)
    return out


def test_gravity_residuals_and_fit_are_the_plain_ones():
    from scipy.optimize import least_squares

    panel = _panel()
    origin = 2011
    data = [d for y in range(origin - 9, origin + 1)
            if (d := _year_data(panel, y, need_income=True)) is not None]
    runs = _stacked_years(data)
    assert len(runs) > 1  # 6 regions in 2006 (no income for r4), 7 from 2008: several runs
    for params in ([np.log(0.01), 1.0, 0.5, 0.1], [-3.0, 2.2, -1.5, 0.7]):
        fast = np.concatenate([(_gravity_from_terms(np.array(params), terms)[known] - seen)
                               / 1e4 for terms, known, seen in runs])
        np.testing.assert_allclose(fast, _plain_gravity_residuals(panel, params, origin),
                                   rtol=1e-12)
    # Net migration made by the model itself with known parameters: both fits find them.
    truth = np.array([-2.0, 1.3, 0.8, 0.2])
    made = panel.net.copy()
    for year in range(origin - 9, origin + 1):
        if (d := _year_data(panel, year, need_income=True)) is not None:
            known = panel.net.loc[d[0], year].notna()
            values = gravity_net(truth, d[1], d[2], d[3])
            made.loc[d[0], year] = np.where(known, values, np.nan)
    model_panel = Panel(net=made, population=panel.population, income=panel.income,
                        distance=panel.distance)
    start = np.array([np.log(0.01), 1.0, 0.5, 0.1])
    plain = least_squares(lambda x: _plain_gravity_residuals(model_panel, x, origin), start,
                          bounds=([-20, 0.0, -10, -10], [10, 4.0, 10, 10])).x
    fast = fit_gravity_net(model_panel, origin=origin)
    np.testing.assert_allclose(fast, truth, atol=1e-6)
    np.testing.assert_allclose(fast, plain, atol=1e-8)
    assert set(forecast_gravity(panel, origin=origin, horizon=2)["region"]) == set(CODES)


def test_radiation_forecast_is_the_plain_fit():
    panel = _panel()
    origin = 2012
    units, observed = [], []
    for year in range(origin - 9, origin + 1):
        codes = [c for c in CODES if pd.notna(panel.population.at[c, year])]
        m = panel.population.loc[codes, year].to_numpy(float)
        flows = m[:, None] * radiation_probabilities(
            m, panel.distance.loc[codes, codes].to_numpy(float))
        units.append(flows.sum(axis=0) - flows.sum(axis=1))
        observed.append(panel.net.loc[codes, year].to_numpy(float))
    rate = fit_rate(units, observed)
    expected = rate * units[-1]
    made = forecast_radiation(panel, origin=origin, horizon=3)
    assert made["region"].tolist() == CODES * 3
    np.testing.assert_allclose(made["net_migration"].to_numpy(), np.tile(expected, 3),
                               rtol=1e-12)
    # Asked again (now from the memo), the same figures.
    pd.testing.assert_frame_equal(forecast_radiation(panel, origin=origin, horizon=3), made)


def test_training_rows_are_the_plain_loop_in_the_same_order():
    panel = _panel()
    origin, horizon = 2015, 4
    expected = []
    for start in YEARS:
        if start >= origin:
            continue
        features = origin_features(panel, start)
        for h in range(1, horizon + 1):
            target_year = start + h
            if target_year > origin:
                continue
            for code in features.index:
                target = panel.net.at[code, target_year] / panel.population.at[code, start]
                if np.isnan(target) or not bt.comparable(code, start, target_year):
                    continue
                expected.append([code, *features.loc[code].tolist(), h, target])
    rows = training_rows(panel, origin=origin, horizon=horizon, comparable=bt.comparable)
    got = [[code, *values] for code, values in zip(
        rows.index, rows[[*FEATURES, "target"]].to_numpy(float).tolist(), strict=True)]
    assert len(got) == len(expected) > 300
    for mine, plain in zip(got, expected, strict=True):
        assert mine[0] == plain[0]
        assert mine[1:] == pytest.approx(plain[1:], rel=0, abs=0, nan_ok=True)
    # The border change of 2015: 190000000's rows aiming at 2015 from before it are left out.
    everything = training_rows(panel, origin=origin, horizon=horizon)
    assert len(everything) - len(rows) == horizon
