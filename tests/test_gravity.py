"""The gravity model: the Poisson fixed-effects margins, recovery of a known elasticity, an
independent minimisation of the Poisson likelihood with scipy, and fill_pairs by hand."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import minimize

from planning.population.flows import check_flows
from planning.population.gravity import GravityError, fill_pairs, fit_gravity
from planning.population.places import known_places

# Places on the equator: the great-circle distance between two of them is exactly
# 6371.0088 km × |difference of longitude| in radians.
KM_PER_DEGREE = 6371.0088 * np.pi / 180


def _places(lons: dict[str, float]):
    units = pd.DataFrame({"unit_id": list(lons), "lon": list(lons.values()), "lat": 0.0})
    return known_places(units, places=pd.DataFrame(columns=["code", "kind", "lon", "lat",
                                                            "name_en"]))


def _flows(counts: dict[tuple[str, str], float], year: int = 2024) -> pd.DataFrame:
    return pd.DataFrame([(o, d, year, p, "internal") for (o, d), p in counts.items()],
                        columns=["origin_id", "dest_id", "year", "persons", "flow_kind"])


def _simulated(n_o: int, n_d: int, beta: float, scale: float, seed: int):
    """Poisson counts from known effects and elasticity, origins and destinations spread
    along the equator."""
    rng = np.random.default_rng(seed)
    lons = {f"o{i}": float(x) for i, x in enumerate(rng.uniform(0, 40, n_o))}
    lons |= {f"d{j}": float(x) for j, x in enumerate(rng.uniform(0, 40, n_d))}
    a, b = rng.normal(0, 0.5, n_o), rng.normal(0, 0.5, n_d)
    counts = {}
    for i, j in itertools.product(range(n_o), range(n_d)):
        km = max(1.0, abs(lons[f"o{i}"] - lons[f"d{j}"]) * KM_PER_DEGREE)
        counts[(f"o{i}", f"d{j}")] = float(rng.poisson(scale * np.exp(a[i] + b[j])
                                                       * km ** beta))
    return _places(lons), counts


def test_fitted_margins_equal_observed_ones():
    # With origin and destination effects, the Poisson score equations say that the fitted
    # flows out of each origin and into each destination add up to the observed ones.
    known, counts = _simulated(6, 7, beta=-1.0, scale=2e4, seed=3)
    for gone in [("o0", "d1"), ("o2", "d5"), ("o4", "d0")]:  # a few unobserved pairs
        counts.pop(gone)
    fit = fit_gravity(_flows(counts), known=known)
    pairs = fit.pairs
    for side in ("origin_id", "dest_id"):
        sums = pairs.groupby(side)[["persons", "fitted"]].sum()
        np.testing.assert_allclose(sums["fitted"], sums["persons"], rtol=1e-6)
    assert fit.converged and fit.n_pairs == 6 * 7 - 3


def test_known_elasticity_is_recovered():
    known, counts = _simulated(12, 15, beta=-1.3, scale=5e5, seed=11)
    fit = fit_gravity(_flows(counts), known=known)
    assert abs(fit.distance_elasticity - (-1.3)) < 0.05
    low, high = fit.distance_ci
    assert low < fit.distance_elasticity < high
    assert 0.9 < fit.pseudo_r2 <= 1.0
    assert fit.pseudo_r2 == pytest.approx(1 - fit.deviance / fit.null_deviance)


# The tiny case: 3 origins, 3 destinations, the pair o3 -> d3 not observed.
TINY_LONS = {"o1": 0.0, "o2": 3.0, "o3": 7.0, "d1": 1.0, "d2": 5.0, "d3": 11.0}
TINY = {("o1", "d1"): 520, ("o1", "d2"): 90, ("o1", "d3"): 30,
        ("o2", "d1"): 140, ("o2", "d2"): 260, ("o2", "d3"): 45,
        ("o3", "d1"): 35, ("o3", "d2"): 210}


def _scipy_fit():
    """Minimise the Poisson negative log-likelihood sum(mu - y ln mu) directly: parameters
    a1, a2, a3 (origins), b2, b3 (destinations, b1 = 0) and beta."""
    pairs = list(TINY)
    y = np.array([TINY[p] for p in pairs], float)
    x = np.zeros((len(pairs), 6))
    for row, (o, d) in enumerate(pairs):
        x[row, int(o[1]) - 1] = 1.0
        if d != "d1":
            x[row, 3 + int(d[1]) - 2] = 1.0
        x[row, 5] = np.log(abs(TINY_LONS[o] - TINY_LONS[d]) * KM_PER_DEGREE)

    def nll(theta):
        eta = x @ theta
        return np.sum(np.exp(eta) - y * eta)

    def grad(theta):
        return x.T @ (np.exp(x @ theta) - y)

    def hess(theta):
        return x.T @ (np.exp(x @ theta)[:, None] * x)

    start = np.r_[np.log(y.mean()), np.log(y.mean()), np.log(y.mean()), 0.0, 0.0, 0.0]
    found = minimize(nll, start, jac=grad, hess=hess, method="trust-exact",
                     options={"gtol": 1e-8})
    # at the minimum: a Newton step would move no parameter by more than 1e-6, far below
    # the 1e-4 the comparison allows
    assert np.abs(np.linalg.solve(hess(found.x), grad(found.x))).max() < 1e-6
    return found.x


def test_same_coefficients_as_a_direct_likelihood_minimisation():
    fit = fit_gravity(_flows(TINY), known=_places(TINY_LONS))
    theta = _scipy_fit()
    assert fit.distance_elasticity == pytest.approx(theta[5], abs=1e-4)
    origins = fit.effects("origin")
    destinations = fit.effects("destination")
    assert origins[["o1", "o2", "o3"]].to_numpy() == pytest.approx(theta[:3], abs=1e-4)
    assert destinations[["d1", "d2", "d3"]].to_numpy() == pytest.approx([0, *theta[3:5]],
                                                                         abs=1e-4)


def test_fill_pairs_predicts_the_unobserved_pair_by_hand():
    fit = fit_gravity(_flows(TINY), known=_places(TINY_LONS))
    table = fit.coefficients.set_index(["term", "place"])["coef"]
    a3, b3 = table[("origin", "o3")], table[("destination", "d3")]
    beta = table[("log_distance", "")]
    km = (11.0 - 7.0) * KM_PER_DEGREE  # o3 at 7°, d3 at 11° on the equator
    filled = fill_pairs(fit).set_index(["origin_id", "dest_id"])
    assert not filled.loc[("o3", "d3"), "observed"]
    assert filled.loc[("o3", "d3"), "persons"] == pytest.approx(np.exp(a3 + b3 + beta
                                                                       * np.log(km)))
    assert filled.loc[("o1", "d1"), "observed"]
    assert filled.loc[("o1", "d1"), "persons"] == 520
    assert len(filled) == 9  # 3 × 3, no origin is also a destination
    only = fill_pairs(fit, origins=["o3"], destinations=["d3"])
    assert only[["origin_id", "dest_id"]].values.tolist() == [["o3", "d3"]]
    with pytest.raises(GravityError, match="d9"):
        fill_pairs(fit, destinations=["d9"])


def test_report_in_three_languages():
    fit = fit_gravity(_flows(TINY), known=_places(TINY_LONS))
    english = fit.report(lang="en")
    assert f"{fit.distance_elasticity:.3f}" in english and "8 pairs" in english
    assert "Эластичность" in fit.report(lang="ru")
    assert "икемділік" in fit.report(lang="kk")


def test_too_few_pairs_and_unlinked_groups_are_refused(english):
    known = _places({"o1": 0, "o2": 2, "o3": 4, "o4": 6, "d1": 1, "d2": 3, "d3": 5, "d4": 7})
    square = {("o1", "d1"): 5, ("o1", "d2"): 6, ("o2", "d1"): 7, ("o2", "d2"): 8}
    # 2 origins and 2 destinations need 2 + 2 coefficients, so at least 5 pairs
    with pytest.raises(GravityError, match="2 destinations and 5 pairs"):
        fit_gravity(_flows(square), known=known)
    with pytest.raises(GravityError, match="2 origins"):
        fit_gravity(_flows({("o1", "d1"): 5, ("o1", "d2"): 6}), known=known)
    # o1-o3 with d1-d3 and o4-o6 with d4-d6: 18 pairs, enough for 12 coefficients, but no
    # pair links the two groups
    lons = {f"{p}{i}": float(i + (0.5 if p == "d" else 0)) for p in "od" for i in range(1, 7)}
    known = _places(lons)
    two_groups = {(f"o{i}", f"d{j}"): 10.0 + i + j for g in (0, 3)
                  for i in range(g + 1, g + 4) for j in range(g + 1, g + 4)}
    with pytest.raises(GravityError, match="2 groups"):
        fit_gravity(_flows(two_groups), known=known)
    with pytest.raises(GravityError, match="nowhere"):
        fit_gravity(_flows(square | {("nowhere", "d1"): 3}), known=known)


@pytest.mark.slow
def test_demo_flows_give_a_sensible_fit():
    from layers import demo_units
    from layers.demo_flows import demo_flows
    from layers.resources import data_dir, read_yaml

    root = data_dir()
    units = demo_units.base_year_units(
        pd.read_csv(root / "demo" / "units_2023.csv", dtype={"kato": str}),
        pd.read_csv(root / "demo" / "towns_2023.csv", dtype={"parent_kato": str}),
        read_yaml(root / "demo" / "base_year.yaml"))
    known = known_places(units)
    flows = check_flows(demo_flows(units, np.random.default_rng(1)), known=known).flows
    fit = fit_gravity(flows, known=known, flow_kind="internal")
    assert fit.converged and -2.0 < fit.distance_elasticity < -0.3
    assert fit.pseudo_r2 > 0.5
    districts = units.loc[units["kind"] == "city_district", "unit_id"].tolist()
    oblasts = [c for c in fit.effects("origin").index
               if known.table.loc[c, "kind"] == "oblast"]
    filled = fill_pairs(fit, origins=oblasts, destinations=districts)
    assert len(filled) == len(oblasts) * len(districts)
    missing = filled[~filled["observed"]]
    assert len(missing) > 0 and (missing["persons"] > 0).all()
