"""The push-and-pull model (PPML with covariates): against statsmodels, on simulated flows with
known elasticities, in words, and on bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from planning.population.push_pull import PushPullError, effect_words, fit_push_pull


def _places(count: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame({
        "wage": rng.uniform(150_000, 450_000, count),
        "unemployment": rng.uniform(4.0, 6.0, count),
        "population": rng.uniform(2e5, 2e6, count),
        "lon": rng.uniform(50, 85, count), "lat": rng.uniform(41, 54, count),
    }, index=[f"r{i:02d}" for i in range(count)])


def _pairs(places: pd.DataFrame) -> pd.DataFrame:
    codes = places.index.to_numpy()
    o, d = np.meshgrid(codes, codes, indexing="ij")
    keep = o != d
    frame = pd.DataFrame({"origin_id": o[keep], "dest_id": d[keep]})
    a, b = places.loc[frame["origin_id"]], places.loc[frame["dest_id"]]
    frame["distance_km"] = 111.0 * np.hypot(a["lon"].to_numpy() - b["lon"].to_numpy(),
                                            a["lat"].to_numpy() - b["lat"].to_numpy())
    return frame


TRUE = {"const": -12.0, "origin:wage": -0.8, "origin:unemployment": 0.15,
        "origin:population": 0.9, "destination:wage": 1.2,
        "destination:unemployment": -0.2, "destination:population": 0.8, "log_distance": -1.1}
LOGGED = ["wage", "population"]


def _simulated(seed: int, count: int = 20) -> tuple[pd.DataFrame, pd.DataFrame]:
    places = _places(count, seed)
    pairs = _pairs(places)
    eta = np.full(len(pairs), TRUE["const"]) + TRUE["log_distance"] * np.log(pairs["distance_km"])
    for role, column in (("origin", "origin_id"), ("destination", "dest_id")):
        ends = places.loc[pairs[column]]
        for name in ("wage", "unemployment", "population"):
            values = ends[name].to_numpy()
            eta += TRUE[f"{role}:{name}"] * (np.log(values) if name in LOGGED else values)
    rng = np.random.default_rng(seed + 1000)
    # overdispersed, as real flows are: Poisson with a gamma-distributed mean (NB, shape 5)
    pairs["persons"] = rng.poisson(np.exp(eta) * rng.gamma(5.0, 1 / 5.0, len(pairs)))
    return pairs, places[["wage", "unemployment", "population"]]


@pytest.mark.parametrize("cov_type", ["HC0", "HC1"])
def test_equals_statsmodels_to_1e_4(cov_type):
    from statsmodels.genmod import families
    from statsmodels.genmod.generalized_linear_model import GLM

    pairs, covariates = _simulated(seed=3)
    fit = fit_push_pull(pairs, covariates, logged=LOGGED, cov_type=cov_type)
    used = fit.fitted
    design = [np.ones(len(used))]
    for role in ("origin", "destination"):
        for name in covariates.columns:
            values = used[f"{role}:{name}"].to_numpy()
            design.append(np.log(values) if name in LOGGED else values)
    design.append(np.log(used["distance_km"].to_numpy()))
    # statsmodels' GLM gives HC1 the same numbers as HC0 (no small-sample scaling for a GLM),
    # so HC1 is checked as its HC0 scaled by sqrt(n / (n - k)), the HC1 of gravity papers
    reference = GLM(used["persons"].to_numpy(float), np.column_stack(design),
                    family=families.Poisson()).fit(cov_type="HC0", tol=1e-12)
    n, k = len(used), len(design)
    scale = np.sqrt(n / (n - k)) if cov_type == "HC1" else 1.0
    np.testing.assert_allclose(fit.coefficients["coef"], reference.params, rtol=1e-4)
    np.testing.assert_allclose(fit.coefficients["std_err"], reference.bse * scale, rtol=1e-4)
    np.testing.assert_allclose(fit.fitted["fitted"], reference.fittedvalues, rtol=1e-4)
    assert fit.converged


def test_recovers_known_elasticities_on_simulated_flows():
    """Over 20 seeds of 20 x 20 regions, every estimate falls within 4 robust standard errors
    of the truth, and the 95 % intervals hold the truth about 95 % of the time."""
    covered = total = 0
    for seed in range(20):
        pairs, covariates = _simulated(seed)
        fit = fit_push_pull(pairs, covariates, logged=LOGGED)
        table = fit.coefficients.set_index("term")
        truth = pd.Series(TRUE)[table.index]
        assert (np.abs(table["coef"] - truth) < 4 * table["std_err"]).all(), seed
        covered += int(((table["ci_low"] <= truth) & (truth <= table["ci_high"])).sum())
        total += len(truth)
    assert 0.88 <= covered / total <= 0.99, covered / total


def test_exact_fit_by_hand():
    """Flows made exactly as exp(ln 2 * wage_o + ln 3 * wage_d) / d: the fit returns them."""
    wages = pd.DataFrame({"wage": [0.0, 1.0, 2.0]}, index=["a", "b", "c"])
    rows = []
    for o, wo in wages["wage"].items():
        for d, wd in wages["wage"].items():
            if o != d:
                distance = 10.0 * (1 + abs(wo - wd))
                rows.append((o, d, 2.0 ** wo * 3.0 ** wd * 1000 / distance, distance))
    pairs = pd.DataFrame(rows, columns=["origin_id", "dest_id", "persons", "distance_km"])
    table = fit_push_pull(pairs, wages).coefficients.set_index("term")["coef"]
    assert table["origin:wage"] == pytest.approx(np.log(2.0), abs=1e-8)
    assert table["destination:wage"] == pytest.approx(np.log(3.0), abs=1e-8)
    assert table["log_distance"] == pytest.approx(-1.0, abs=1e-8)
    assert table["const"] == pytest.approx(np.log(1000.0), abs=1e-7)


def test_words_worked_out_by_hand():
    row = pd.Series({"term": "destination:wage", "role": "destination", "covariate": "wage",
                     "logged": True, "coef": 1.2, "p_value": 0.001})
    # 1.1 ** 1.2 - 1 = 0.12126...
    assert effect_words(row, lang="en") == ("A 10 % higher wage at the destination: +12.1 % "
                                            "arrivals.")
    row = pd.Series({"term": "origin:unemployment", "role": "origin",
                     "covariate": "unemployment", "logged": False, "coef": 0.15,
                     "p_value": 0.2})
    # exp(0.15) - 1 = 0.16183...
    assert effect_words(row, lang="en") == ("One unit more unemployment at the origin: +16.2 % "
                                            "departures. (not significant at 5 %: p = 0.20)")
    row = pd.Series({"term": "log_distance", "role": "", "covariate": "", "logged": True,
                     "coef": -1.0, "p_value": 0.0})
    # 2 ** -1 - 1 = -0.5
    assert effect_words(row, lang="en") == "Twice the distance: -50.0 % movers."
    wage = pd.Series({"term": "destination:wage", "role": "destination", "covariate": "wage",
                      "logged": True, "coef": 1.2, "p_value": 0.001})
    russian = effect_words(wage, lang="ru")
    assert "+12,1" in russian and russian != effect_words(wage, lang="en")


def test_missing_figure_leaves_the_pair_out_and_says_which():
    pairs, covariates = _simulated(seed=1, count=6)
    covariates.loc["r02", "unemployment"] = np.nan
    fit = fit_push_pull(pairs, covariates, logged=LOGGED)
    # r02 is an end of 5 + 5 of the 30 pairs
    assert len(fit.dropped) == 10
    assert set(fit.dropped["missing"]) == {"unemployment"}
    assert len(fit.fitted) == 20
    assert not fit.fitted[["origin_id", "dest_id"]].isin(["r02"]).any().any()


def test_bad_input_is_named(english):
    pairs, covariates = _simulated(seed=2, count=5)
    flat = covariates.assign(unemployment=5.0)
    with pytest.raises(PushPullError, match=r"unemployment.*region_indicators.*5\.0"):
        fit_push_pull(pairs, flat, logged=LOGGED)
    negative = covariates.copy()
    negative.loc["r01", "wage"] = -1.0
    with pytest.raises(PushPullError, match=r"wage.*-1\.0.*above zero"):
        fit_push_pull(pairs, negative, logged=LOGGED)
    with pytest.raises(PushPullError, match="zero"):
        fit_push_pull(pairs.assign(persons=0), covariates, logged=LOGGED)
    with pytest.raises(PushPullError, match="distance_km"):
        fit_push_pull(pairs.drop(columns="distance_km"), covariates)
    with pytest.raises(PushPullError, match="HC3"):
        fit_push_pull(pairs, covariates, cov_type="HC3")
    twice = pd.concat([covariates, covariates.loc[["r02"]]])
    with pytest.raises(PushPullError, match=r"region_indicators.*r02.*once"):
        fit_push_pull(pairs, twice, logged=LOGGED)
