"""The readiness headroom as a covariate of the push-and-pull model between regions.

Twenty real regions (``data/reference/places.csv``), two units each, every unit with a
readiness figure; flows simulated from a known model in which the headroom (the sum over a
region's units, in thousands of residents) pushes and pulls. The fit must equal statsmodels'
Poisson GLM with the headroom in the design to 1e-4, recover the known coefficients over many
seeds, and leave the headroom out ("not assessed", never 0) where a region lacks it.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest

from layers.store import open_store
from maps.report import Report
from planning.cli.app import main
from planning.population.gravity import MIN_DISTANCE_KM, great_circle_km
from planning.population.places import read_places
from planning.population.region_headroom import HEADROOM, region_headroom
from planning.population.region_push_pull import fit_regions, unit_regions
from planning.report.push_pull import add_push_pull_section

PLACES = read_places()
REGIONS = sorted(c for c in PLACES["code"].astype(str) if c.endswith("0000000"))
TRUE = {"const": -9.0, "origin:income_per_capita_kzt": -0.7,
        "origin:unemployment_rate_pct": 0.12, "origin:housing_commissioned_m2": 0.3,
        f"origin:{HEADROOM}": -0.006,
        "destination:income_per_capita_kzt": 1.1, "destination:unemployment_rate_pct": -0.15,
        "destination:housing_commissioned_m2": 0.5, f"destination:{HEADROOM}": 0.012,
        "log_distance": -1.0}
LOGGED = ("income_per_capita_kzt", "housing_commissioned_m2")


def _units() -> gpd.GeoDataFrame:
    ids = [f"{r[:2]}{k}110000" for r in REGIONS for k in (1, 2)]
    points = PLACES.assign(code=PLACES["code"].astype(str)).set_index("code")
    at = points.loc[[f"{i[:2]}0000000" for i in ids]]
    return gpd.GeoDataFrame({"unit_id": ids, "kato": ids}, crs="EPSG:4326",
                            geometry=gpd.points_from_xy(at["lon"], at["lat"]))


def _world(seed: int) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Units, readiness, region indicators and flows of one simulated country."""
    rng = np.random.default_rng(seed)
    units = _units()
    # a unit can take -5,000 (a deficit) to 60,000 residents
    readiness = pd.DataFrame(units.drop(columns="geometry")).assign(
        readiness_actual=rng.uniform(-5_000, 60_000, len(units)))
    figures = pd.DataFrame({
        "income_per_capita_kzt": rng.uniform(200_000, 600_000, len(REGIONS)),
        "unemployment_rate_pct": rng.uniform(4.0, 6.0, len(REGIONS)),
        "housing_commissioned_m2": rng.uniform(0.3e6, 4e6, len(REGIONS))}, index=REGIONS)
    indicators = figures.reset_index(names="region").melt(
        id_vars="region", var_name="indicator", value_name="value").assign(year=2024)
    # the headroom worked out here, not by the code under test: the sum of both units
    by_region = readiness.groupby(readiness["unit_id"].str[:2] + "0000000")[
        "readiness_actual"].sum() / 1000.0
    figures[HEADROOM] = by_region.reindex(REGIONS)
    points = PLACES.assign(code=PLACES["code"].astype(str)).set_index("code")
    o, d = (a.ravel() for a in np.meshgrid(REGIONS, REGIONS, indexing="ij"))
    o, d = o[o != d], d[o != d]
    km = np.maximum(MIN_DISTANCE_KM,
                    great_circle_km(points.loc[o, ["lon", "lat"]].to_numpy(float),
                                    points.loc[d, ["lon", "lat"]].to_numpy(float)))
    eta = TRUE["const"] + TRUE["log_distance"] * np.log(km)
    for role, ends in (("origin", o), ("destination", d)):
        for name in figures.columns:
            value = figures.loc[ends, name].to_numpy(float)
            eta += TRUE[f"{role}:{name}"] * (np.log(value) if name in LOGGED else value)
    # overdispersed: Poisson with a gamma-distributed mean; a region's persons split between
    # its two units, as the fit must sum them
    persons = rng.poisson(np.exp(eta) * rng.gamma(5.0, 0.2, len(eta)))
    half = persons // 2
    rows = list(zip([f"{x[:2]}1110000" for x in o], [f"{x[:2]}2110000" for x in d],
                    [2024] * len(o), half, strict=True))
    rows += list(zip([f"{x[:2]}2110000" for x in o], [f"{x[:2]}1110000" for x in d],
                     [2024] * len(o), persons - half, strict=True))
    flows = pd.DataFrame(rows, columns=["origin_id", "dest_id", "year", "persons"])
    return units, readiness, indicators, flows.assign(persons=flows["persons"].astype(float))


def test_region_headroom_is_the_sum_of_its_units_in_thousands() -> None:
    units, readiness, _indicators, _flows = _world(seed=1)
    found = region_headroom(readiness, unit_regions(units))
    hand = {r: (readiness.loc[readiness["unit_id"].str[:2] == r[:2], "readiness_actual"].sum()
                / 1000.0) for r in REGIONS}
    assert found.basis == "readiness_actual" and found.assessed
    assert found.values.to_dict() == pytest.approx(hand, rel=1e-12)


def test_fit_with_headroom_equals_statsmodels_to_1e_4() -> None:
    from statsmodels.genmod import families
    from statsmodels.genmod.generalized_linear_model import GLM

    units, readiness, indicators, flows = _world(seed=7)
    result = fit_regions(flows, units, indicators, places=PLACES, readiness=readiness)
    assert result.headroom.assessed
    fit = result.fit
    terms = fit.coefficients["term"].tolist()
    assert terms == list(TRUE)
    used = fit.fitted
    design = [np.ones(len(used))]
    for term in terms[1:-1]:
        values = used[term].to_numpy(float)
        design.append(np.log(values) if term.split(":")[1] in LOGGED else values)
    design.append(np.log(used["distance_km"].to_numpy(float)))
    reference = GLM(used["persons"].to_numpy(float), np.column_stack(design),
                    family=families.Poisson()).fit(cov_type="HC0", tol=1e-12)
    # the fit's HC1 is statsmodels' HC0 scaled by sqrt(n / (n - k))
    n, k = used.shape[0], len(design)
    np.testing.assert_allclose(fit.coefficients["coef"], reference.params, rtol=1e-4)
    np.testing.assert_allclose(fit.coefficients["std_err"],
                               reference.bse * np.sqrt(n / (n - k)), rtol=1e-4)
    # the headroom at each end is the hand sum of the region's units
    hand = readiness.groupby(readiness["unit_id"].str[:2] + "0000000")[
        "readiness_actual"].sum() / 1000.0
    np.testing.assert_allclose(used[f"destination:{HEADROOM}"],
                               hand.reindex(used["dest_id"]).to_numpy(), rtol=1e-12)


def test_recovers_the_known_headroom_effect_on_simulated_flows() -> None:
    """Over 15 simulated countries every estimate lies within 4 robust standard errors of the
    truth, and the 95 % intervals of the headroom hold the truth about 95 % of the time."""
    covered = total = 0
    for seed in range(15):
        units, readiness, indicators, flows = _world(seed)
        table = fit_regions(flows, units, indicators, places=PLACES,
                            readiness=readiness).fit.coefficients.set_index("term")
        truth = pd.Series(TRUE)[table.index]
        assert (np.abs(table["coef"] - truth) < 4 * table["std_err"]).all(), seed
        for term in (f"origin:{HEADROOM}", f"destination:{HEADROOM}"):
            covered += int(table.loc[term, "ci_low"] <= TRUE[term] <= table.loc[term, "ci_high"])
            total += 1
    assert covered / total >= 0.8, covered / total


def _without_headroom(units, indicators, flows):
    return fit_regions(flows, units, indicators, places=PLACES).fit.coefficients


@pytest.mark.parametrize("damage", ["absent", "unit_missing", "unit_nan", "no_column",
                                    "constant"])
def test_headroom_not_assessed_is_left_out_never_zero(damage) -> None:
    units, readiness, indicators, flows = _world(seed=3)
    reasons = {"absent": "no_readiness", "unit_missing": "regions", "unit_nan": "regions",
               "no_column": "no_column", "constant": "constant"}
    if damage == "absent":
        readiness = None
    elif damage == "unit_missing":
        readiness = readiness[readiness["unit_id"] != "352110000"]
    elif damage == "unit_nan":
        readiness = readiness.assign(readiness_actual=readiness["readiness_actual"].where(
            readiness["unit_id"] != "352110000"))
    elif damage == "no_column":
        readiness = readiness.drop(columns="readiness_actual")
    else:  # 1,000 residents in every unit: 2 thousand in every region, nothing to explain
        readiness = readiness.assign(readiness_actual=1000.0)
    result = fit_regions(flows, units, indicators, places=PLACES, readiness=readiness)
    assert result.headroom.reason == reasons[damage]
    if damage.startswith("unit"):
        assert result.headroom.lacking == ("350000000",)
    # the fit is the one without the covariate: the same terms and figures, no pair lost
    pd.testing.assert_frame_equal(result.fit.coefficients,
                                  _without_headroom(units, indicators, flows))
    assert len(result.fit.fitted) == len(REGIONS) * (len(REGIONS) - 1)


def test_a_region_dropped_for_another_covariate_does_not_block_the_headroom() -> None:
    units, readiness, indicators, flows = _world(seed=4)
    # Karaganda (350000000) has no income, so its pairs leave the fit; nor has it readiness
    indicators = indicators[~((indicators["region"] == "350000000")
                              & (indicators["indicator"] == "income_per_capita_kzt"))]
    readiness = readiness[~readiness["unit_id"].str.startswith("35")]
    result = fit_regions(flows, units, indicators, places=PLACES, readiness=readiness)
    assert result.headroom.assessed
    assert f"destination:{HEADROOM}" in set(result.fit.coefficients["term"])
    assert len(result.fit.dropped) == 2 * (len(REGIONS) - 1)


def test_report_and_command_line_show_the_headroom(tmp_path, capsys, english) -> None:
    units, readiness, indicators, flows = _world(seed=5)
    indicators = indicators.assign(source="BNS test table")
    fit = fit_regions(flows, units, indicators, places=PLACES,
                      readiness=readiness).fit.coefficients.set_index("term")
    coef = fit.loc[f"destination:{HEADROOM}", "coef"]
    change = f"{100 * (np.exp(coef) - 1):+.1f} % arrivals"
    report = Report("t", lang="en")
    add_push_pull_section(report, flows=flows, units=units, indicators=indicators, lang="en",
                          readiness=readiness)
    page = report.to_html()
    assert "destination: readiness headroom (thousand residents)" in page
    assert ("One unit more readiness headroom (thousand residents) at the destination: "
            + change).replace("-", "\u2212") in page.replace("-", "\u2212")
    assert "readiness_actual, summed over the units, in thousands" in page

    report = Report("t", lang="en")
    add_push_pull_section(report, flows=flows, units=units, indicators=indicators, lang="en")
    page = report.to_html()
    assert ("Readiness headroom: not assessed, the workspace has no readiness results "
            "(run `qonys readiness`); the fit leaves it out.") in page
    assert "readiness headroom (thousand residents)" not in page

    # readiness for every region but Karaganda: not assessed, the region named in words
    report = Report("t", lang="en")
    add_push_pull_section(report, flows=flows, units=units, indicators=indicators, lang="en",
                          readiness=readiness[~readiness["unit_id"].str.startswith("35")])
    page = report.to_html()
    assert ("Readiness headroom: not assessed, no readiness figure for every unit of the "
            "regions Karagandy Region; the fit leaves it out.") in page
    assert "readiness headroom (thousand residents)" not in page

    path = str(tmp_path / "w.gpkg")
    with open_store(path) as store:
        store.write_layers({"units": units, "flows": flows, "region_indicators": indicators,
                            "readiness_units": readiness.drop(columns="kato")})
    assert main(["--lang", "en", "flows", "--push-pull", "--store", path]) == 0
    out = capsys.readouterr().out
    assert ("destination: readiness headroom (thousand residents): One unit more readiness "
            "headroom (thousand residents) at the destination: " + change) in out
    assert "Readiness headroom: the residents the workspace's units" in out

    lacking = readiness[~readiness["unit_id"].str.startswith("35")]
    with open_store(path) as store:
        store.write_layers({"readiness_units": lacking.drop(columns="kato")})
    assert main(["--lang", "en", "flows", "--push-pull", "--store", path]) == 0
    out = capsys.readouterr().out
    assert ("Readiness headroom: not assessed, no readiness figure for every unit of the "
            "regions Karagandy Region; the fit leaves it out.") in out
    assert "readiness headroom (thousand" not in out
