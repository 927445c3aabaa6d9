"""Alternative centres of attraction (issue 16): criteria, score, rank, sensitivity, command.

The answers are worked by hand in the comments, or come from an independent tool
(scipy.stats.spearmanr, yaml on the raw norms file).
"""

from __future__ import annotations

import dataclasses
import math

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import yaml
from scipy.stats import spearmanr
from shapely.geometry import Point, box

from geo.errors import NormError
from layers.resources import data_dir
from layers.store import open_store
from planning.centres.criteria import housing_estimate, job_access, scaled
from planning.centres.rank import rank_centres
from planning.centres.score import ranks, sensitivity, spearman, weighted_score
from planning.centres.settings import CRITERIA, centres_settings
from planning.cli.app import main
from planning.norms import load_norms
from planning.population.gravity import EARTH_RADIUS_KM

#: A speed of one degree of a great circle per hour: 0.25 degrees is 15 minutes.
DEGREE_PER_HOUR = EARTH_RADIUS_KM * math.pi / 180


# --- job access: the Hansen measure by hand -------------------------------------------------

def test_job_access_by_hand():
    """Candidates on the equator, two job centres; detour 1, one degree an hour, half weight
    30 min, so f(t) = 2^(-t/30) and only t <= 60 counts."""
    jobs = gpd.GeoDataFrame({"jobs": [1000.0, 400.0]}, geometry=[Point(0, 0), Point(0.5, 0)],
                            crs=4326)
    cand = gpd.GeoSeries([Point(0, 0), Point(0.25, 0), Point(0.9, 0), Point(2.0, 0)], crs=4326,
                         index=["a", "b", "c", "d"])
    got = job_access(cand, jobs, max_minutes=60, beta=math.log(2) / 30, detour_factor=1.0,
                     speed_kmh=DEGREE_PER_HOUR)
    expected = {
        "a": 1000 + 400 * 0.5,                          # 0 min and 30 min
        "b": 1000 * 2 ** -0.5 + 400 * 2 ** -0.5,        # 15 min and 15 min
        "c": 1000 * 2 ** (-54 / 30) + 400 * 2 ** (-24 / 30),  # 54 min and 24 min
        "d": 0.0,                                       # 120 and 90 min: beyond 60
    }
    assert got.name == "job_access"
    assert got.to_dict() == pytest.approx(expected, rel=1e-9)


def test_job_access_detour_and_speed_scale_the_time():
    """A detour of 2 doubles the time: 15 min becomes 30, so the weight is 0.5."""
    jobs = gpd.GeoDataFrame({"jobs": [100.0, np.nan]}, geometry=[Point(0.25, 0), Point(0, 0)],
                            crs=4326)
    cand = gpd.GeoSeries([Point(0, 0)], crs=4326)
    got = job_access(cand, jobs, max_minutes=60, beta=math.log(2) / 30, detour_factor=2.0,
                     speed_kmh=DEGREE_PER_HOUR)
    assert got.tolist() == pytest.approx([50.0])  # the centre without jobs is left out


def test_job_access_matches_a_brute_force_on_many_points():
    """The KD-tree finds every pair within reach: equal to all pairs measured one by one."""
    from planning.population.gravity import great_circle_km

    rng = np.random.default_rng(7)
    cand = gpd.GeoSeries(gpd.points_from_xy(rng.uniform(50, 85, 400), rng.uniform(41, 55, 400)),
                         crs=4326)
    jobs = gpd.GeoDataFrame({"jobs": rng.uniform(10, 1000, 150)},
                            geometry=gpd.points_from_xy(rng.uniform(50, 85, 150),
                                                        rng.uniform(41, 55, 150)), crs=4326)
    got = job_access(cand, jobs, max_minutes=60, beta=0.02, detour_factor=1.3, speed_kmh=300)
    a = np.column_stack([cand.x, cand.y]).repeat(150, axis=0)
    b = np.tile(np.column_stack([jobs.geometry.x, jobs.geometry.y]), (400, 1))
    minutes = (great_circle_km(a, b) * 1.3 / 300 * 60).reshape(400, 150)
    brute = (np.where(minutes <= 60, np.exp(-0.02 * minutes), 0.0)
             * jobs["jobs"].to_numpy()).sum(axis=1)
    assert (brute > 0).sum() > 100
    assert got.to_numpy() == pytest.approx(brute, rel=1e-9)


# --- score: min-max, weighted mean, renormalised weights, ranks -----------------------------

def test_min_max_weighted_mean_and_ranks_by_hand():
    raw = pd.DataFrame({"x": [10.0, 30.0, 20.0], "y": [5.0, 1.0, np.nan]},
                       index=["p", "q", "r"])
    scores = raw.apply(scaled)
    # x: (10-10)/20 = 0, 1, 0.5; y: (5-1)/4 = 1, 0, not assessed
    assert scores["x"].tolist() == [0.0, 1.0, 0.5]
    assert scores["y"].tolist()[:2] == [1.0, 0.0] and math.isnan(scores["y"]["r"])
    score = weighted_score(scores, {"x": 0.6, "y": 0.4})
    # p: (0·0.6 + 1·0.4) / 1 = 0.4; q: 0.6; r: only x, its weight renormalised: 0.5·0.6 / 0.6
    assert score.tolist() == pytest.approx([0.4, 0.6, 0.5])
    assert ranks(score).tolist() == [3.0, 1.0, 2.0]


def test_spearman_equals_scipy_with_ties_and_gaps():
    rng = np.random.default_rng(3)
    a = pd.Series(rng.integers(0, 12, 200).astype(float))
    b = a + pd.Series(rng.normal(0, 3, 200))
    b[::17] = np.nan
    both = a.notna() & b.notna()
    assert spearman(a, b) == pytest.approx(spearmanr(a[both], b[both]).statistic, abs=1e-12)


def test_sensitivity_against_scipy():
    rng = np.random.default_rng(11)
    scores = pd.DataFrame(rng.uniform(0, 1, (60, 3)), columns=["a", "b", "c"])
    scores.loc[::7, "b"] = np.nan  # some candidates lack b: their weights are renormalised
    weights = {"a": 0.5, "b": 0.3, "c": 0.2}
    table = sensitivity(scores, weights)
    assert table[["criterion", "change"]].values.tolist() == [
        ["a", -0.2], ["a", 0.2], ["b", -0.2], ["b", 0.2], ["c", -0.2], ["c", 0.2]]
    values = scores.to_numpy()
    given = ~np.isnan(values)

    def by_hand(w):
        w = np.array(w)
        return (np.where(given, values, 0) @ w) / (given @ w)

    base = by_hand([0.5, 0.3, 0.2])
    for row in table.itertuples():
        moved = dict(weights)
        moved[row.criterion] *= 1 + row.change
        expected = spearmanr(base, by_hand([moved["a"], moved["b"], moved["c"]])).statistic
        assert row.spearman == pytest.approx(expected, abs=1e-12)
        assert 0.9 < row.spearman <= 1.0


# --- the whole ranking on four hand-drawn candidates ----------------------------------------

def _layers():
    units = gpd.GeoDataFrame(
        {"unit_id": ["111000000", "112000000", "121000000"],
         "region": ["110000000", "110000000", "120000000"],
         "name_en": ["D one", "D two", "D three"], "kind": "district",
         "pop_registered": [30000.0, 10000.0, 20000.0]},
        geometry=[box(0, 0, 1, 1), box(1, 0, 2, 1), box(10, 0, 11, 1)], crs=4326)
    settlements = gpd.GeoDataFrame(
        {"settlement_id": ["osm:1", "osm:2", "osm:3", "osm:4"],
         "name_en": ["Town", "Village", "Hamlet", "Abroad"],
         "place": ["town", "village", "town", "city"],
         "population": [5000.0, 800.0, np.nan, 90000.0],
         "kato": ["121000000", "121000000", "111000000", None]},
        geometry=[Point(10.5, 0.5), Point(10.2, 0.2), Point(0.5, 0.5), Point(50, 50)], crs=4326)
    indicators = pd.DataFrame({
        "region": ["110000000", "120000000", "120000000"], "year": [2024, 2023, 2024],
        "indicator": "housing_commissioned_m2", "value": [72000.0, 1.0, 36000.0],
        "unit": "m2", "source": "hand-made"})
    migration = pd.DataFrame({
        "code": ["110000000", "110000000", "120000000"], "level": "region", "area": "total",
        "year": [2023, 2024, 2024], "persons": [-1000.0, -6000.0, 2000.0], "source": "hand"})
    readiness = pd.DataFrame({"unit_id": ["112000000"], "readiness_actual": [2500.0]})
    rural = pd.DataFrame({"settlement_id": ["osm:1", None], "unit_id": [None, "121000000"],
                          "employees": [300.0, 100.0]})
    return {"units": units, "settlements": settlements, "region_indicators": indicators,
            "net_migration_official": migration, "readiness_units": readiness,
            "rural_potential": rural}


def _settings():
    return dataclasses.replace(centres_settings(), weights={
        "job_access": 0.3, "spare_capacity_residents": 0.3, "rural_potential": 0.2,
        "outflow_persons": 0.2})


def test_rank_centres_by_hand(english):
    result = rank_centres(_layers(), _settings())
    got = result.centres.set_index("candidate_id")
    # The village is no town, the hamlet has no population and the city lies in no unit
    # (across the border): 3 districts and 1 town.
    assert sorted(got.index) == ["111000000", "112000000", "121000000", "osm:1"]
    assert result.towns_outside_units == 1
    # Spare capacity: region 11 builds 72,000 m2 / 18 = 4,000 residents, shared 30:10 among its
    # 40,000; region 12 36,000 / 18 = 2,000 over 20,000: the town takes its 5,000's share, 500,
    # and D three, which holds it, the share of the other 15,000, 1,500 (not 2,000 again);
    # D two has a readiness result, 2,500, which wins over its estimate.
    spare = got["spare_capacity_residents"]
    assert spare.to_dict() == pytest.approx({"111000000": 3000.0, "112000000": 2500.0,
                                             "121000000": 1500.0, "osm:1": 500.0})
    assert got.loc["112000000", "spare_capacity_basis"] == "readiness"
    assert got.loc["osm:1", "spare_capacity_basis"] == "norm_estimate"
    # Outflow: region 11 lost 6,000 in 2024 (not 1,000 of 2023), region 12 gained 2,000.
    assert got["outflow_persons"].to_dict() == {"111000000": 6000.0, "112000000": 6000.0,
                                 "121000000": -2000.0, "osm:1": -2000.0}
    # Scores 0-1: spare (x - 500) / 2,500; outflow 1 or 0; rural: the town 1, D three 0.
    assert got["score_spare_capacity_residents"].to_dict() == pytest.approx(
        {"111000000": 1.0, "112000000": 0.8, "121000000": 0.4, "osm:1": 0.0})
    assert got.loc["osm:1", "score_rural_potential"] == 1.0
    assert got.loc["121000000", "score_rural_potential"] == 0.0
    assert got.loc[["111000000", "112000000"], "score_rural_potential"].isna().all()
    assert got["score_job_access"].isna().all()  # no job_centres layer: not assessed, not 0
    # Weighted means over the criteria assessed (jobs never; rural for two):
    # D one (1·0.3 + 1·0.2) / 0.5 = 1; D two (0.8·0.3 + 1·0.2) / 0.5 = 0.88;
    # D three (0.4·0.3 + 0 + 0) / 0.7 = 0.1714; the town (0 + 1·0.2 + 0) / 0.7 = 0.2857.
    assert got["score"].to_dict() == pytest.approx(
        {"111000000": 1.0, "112000000": 0.88, "121000000": 0.12 / 0.7, "osm:1": 0.2 / 0.7})
    assert got["rank"].to_dict() == {"111000000": 1, "112000000": 2, "osm:1": 3,
                                     "121000000": 4}
    assert result.centres["candidate_id"].tolist()[0] == "111000000"  # sorted by rank
    text = got.loc["121000000", "explanation_en"]
    assert text.startswith("ranked 4 of 4: jobs within 60 min not assessed (no job_centres "
                           "layer loaded); spare capacity 1,500 residents (estimated from norms")
    assert "its region gained 2,000 persons by net migration in 2024" in text
    assert text.endswith("weights renormalised over the 3 criteria assessed")
    assert "rural potential not assessed (not in the rural_potential layer)" in \
        got.loc["111000000", "explanation_en"]
    assert "(readiness model; score 0.80, weight 0.30)" in got.loc["112000000", "explanation_en"]
    for lang in ("ru", "kk"):
        assert got[f"explanation_{lang}"].str.len().gt(0).all()
    table = result.criteria.set_index("criterion")
    assert table["assessed"].to_dict() == {"job_access": False, "spare_capacity_residents": True,
                                           "rural_potential": True, "outflow_persons": True}
    assert table.loc["job_access", "note"] == "not assessed: no job_centres layer loaded"
    assert "travel time estimated" in table.loc["job_access", "basis"]
    assert table.loc["rural_potential", "note"] == (
        "assessed for 2 of 4 candidates; criteria of the norms file not in the layer, not "
        "assessed: arable_land_ha, pasture_ha, hayfield_ha, agri_smes, nonagri_businesses, "
        "base_enterprise, market_distance_km, processing, household_output")
    assert result.sensitivity["criterion"].tolist() == [c for c in CRITERIA for _ in (0, 1)]
    assert result.sensitivity.set_index("criterion").loc["job_access", "spearman"].isna().all()


def test_explanation_in_russian_writes_numbers_the_russian_way():
    text = rank_centres(_layers(), _settings()).centres.set_index(
        "candidate_id").loc["121000000", "explanation_ru"]
    assert "1\xa0500" in text and "0,40" in text


def test_without_migration_figures_outflow_is_not_assessed_never_zero(english):
    layers = _layers()
    del layers["net_migration_official"]
    got = rank_centres(layers, _settings()).centres
    assert got["outflow_persons"].isna().all() and got["score_outflow_persons"].isna().all()
    assert got["explanation_en"].str.contains(
        "outflow of its region not assessed \\(no net_migration_official table loaded\\)").all()


# --- the norms file -------------------------------------------------------------------------

def test_weights_are_read_from_the_norms_file():
    raw = yaml.safe_load((data_dir() / "norms" / "default.yaml").read_text(encoding="utf-8"))
    weights = {k: v["value"] for k, v in raw["centres"]["weights"].items()}
    settings = centres_settings()
    assert settings.weights == weights and set(weights) == set(CRITERIA)
    assert all(settings.weight_sources[c] for c in CRITERIA)
    assert settings.beta == pytest.approx(math.log(2) / raw["centres"][
        "job_access_half_weight_minutes"]["value"])


@pytest.mark.parametrize(("key", "value", "shown"), [
    ("job_access", -0.1, "-0.1"),
    ("job_access", "'heavy'", "heavy"),
    ("beauty", 0.5, "0.5"),
])
def test_a_bad_weight_is_refused_naming_file_key_and_value(tmp_path, key, value, shown):
    text = (data_dir() / "norms" / "default.yaml").read_text(encoding="utf-8")
    line = ('    job_access: {value: 0.3, source: "assumption, to be set by the working group: '
            'jobs within reach weigh as much as spare capacity"}')
    assert line in text
    extra = f'\n    {key}: {{value: {value}, source: "test"}}' if key != "job_access" else ""
    bad = line if key != "job_access" else line.replace("value: 0.3", f"value: {value}")
    path = tmp_path / "norms.yaml"
    path.write_text(text.replace(line, bad + extra), encoding="utf-8")
    with pytest.raises(NormError) as caught:
        centres_settings(load_norms(path))
    message = str(caught.value)
    assert str(path) in message and f"centres.weights.{key}" in message and shown in message


def test_a_scenario_may_override_a_weight():
    from planning.forecast.scenario_yaml import NORM_SECTIONS, norm_target

    assert "centres" in NORM_SECTIONS
    assert norm_target("centres.weights.job_access") == ("figure", "centres", "weights",
                                                         "job_access")


# --- the command ----------------------------------------------------------------------------

def _workspace(path, layers):
    with open_store(path) as store:
        store.write_layers(layers)


def test_qonys_centres_on_a_tiny_workspace(tmp_path, capsys):
    layers = _layers()
    layers["job_centres"] = gpd.GeoDataFrame(
        {"job_centre_id": ["j1"], "jobs": [1000.0]}, geometry=[Point(0.5, 0.5)], crs=4326)
    path = tmp_path / "ws.gpkg"
    _workspace(path, layers)
    assert main(["centres", "--store", str(path), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Layer centres: 4 candidates ranked of 4 (districts: 3, towns: 1)." in out
    assert "ranked 1 of 4: jobs within 60 min" in out
    assert "Sensitivity" in out
    with open_store(path) as store:
        centres = store.read_layer("centres")
        criteria = store.read_layer("centres_criteria")
        moved = store.read_layer("centres_sensitivity")
        kinds = store.provenance().set_index("layer")["kind"]
    assert len(centres) == 4 and centres["rank"].min() == 1
    assert set(criteria["criterion"]) == set(CRITERIA) and criteria["assessed"].all()
    assert len(moved) == 8 and moved["spearman"].between(-1, 1).all()
    assert kinds["centres"] == "centres" and kinds["centres_sensitivity"] == "table"
    assert centres.crs.to_epsg() == 4326


def test_qonys_centres_without_units_or_settlements_says_what_to_load(tmp_path, capsys):
    path = tmp_path / "ws.gpkg"
    _workspace(path, {"region_indicators": _layers()["region_indicators"]})
    assert main(["centres", "--store", str(path), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "neither a units nor a settlements layer" in err and "qonys national" in err


def test_without_housing_figures_spare_capacity_says_why(english):
    layers = _layers()
    del layers["readiness_units"]
    layers["region_indicators"] = layers["region_indicators"].assign(indicator="population")
    result = rank_centres(layers, _settings())
    assert result.centres["spare_capacity_residents"].isna().all()
    assert result.centres["explanation_en"].str.contains(
        "spare capacity not assessed (no readiness results, and region_indicators has no "
        "housing_commissioned_m2)", regex=False).all()


def test_qonys_centres_takes_the_weights_of_a_scenario(tmp_path, capsys):
    path = tmp_path / "ws.gpkg"
    _workspace(path, _layers())
    scenario = tmp_path / "weights.yaml"
    scenario.write_text("horizon: 2030\nnorms:\n  centres.weights.outflow_persons:\n"
                        "    value: 0.1\n    source: \"test: outflow halved\"\n", encoding="utf-8")
    assert main(["centres", "--store", str(path), "--lang", "en", "--scenario",
                 str(scenario)]) == 0
    with open_store(path) as store:
        got = store.read_layer("centres").set_index("candidate_id")
        weights = store.read_layer("centres_criteria").set_index("criterion")["weight"]
    assert weights["outflow_persons"] == 0.1
    # Outflow weighs 0.1: D three (0.4·0.3 + 0·0.2 + 0·0.1) / 0.6 = 0.2, the town
    # (0·0.3 + 1·0.2 + 0·0.1) / 0.6 = 1/3.
    assert got.loc["121000000", "score"] == pytest.approx(0.2)
    assert got.loc["osm:1", "score"] == pytest.approx(1 / 3)


def test_a_city_is_ranked_by_its_districts_not_as_a_town():
    from planning.centres.candidates import candidates

    units = gpd.GeoDataFrame(
        {"unit_id": ["751110000", "751210000", "194000000"],
         "kind": ["city_district", "city_district", "district"],
         "pop_registered": [200_000.0, 300_000.0, 80_000.0]},
        geometry=[box(0, 0, 1, 1), box(1, 0, 2, 1), box(3, 0, 4, 1)], crs=4326)
    towns = gpd.GeoDataFrame(
        {"settlement_id": ["osm:city", "osm:esik"], "place": ["city", "town"],
         "population": [500_000.0, 40_000.0]},
        geometry=[Point(0.9, 0.5), Point(3.5, 0.5)], crs=4326)
    found = candidates(units, towns)
    assert sorted(found.index) == ["194000000", "751110000", "751210000", "osm:esik"]
    assert found.attrs["towns_in_city_districts"] == 1
    assert found.attrs["towns_outside_units"] == 0


def test_housing_estimate_counts_a_town_once_and_sums_to_the_region():
    """Region r builds 90,000 m2 = 5,000 residents (18 m2 each) over 50,000 residents in three
    districts; district a (30,000) holds towns t1 (6,000) and t2 (4,000), district b (15,000)
    the town t3 (15,500, more than its district by OpenStreetMap's count), c (5,000) none.
    Shares: t1 600, t2 400, a (30,000 - 10,000) / 50,000 = 2,000; t3 1,550, b max(0, -500) = 0;
    c 500. A district is never below 0."""
    cand = pd.DataFrame({
        "candidate_kind": ["district", "district", "district", "town", "town", "town"],
        "region": "r", "unit_id": ["a", "b", "c", "a", "a", "b"],
        "population": [30000.0, 15000.0, 5000.0, 6000.0, 4000.0, 15500.0]},
        index=["a", "b", "c", "t1", "t2", "t3"])
    ind = pd.DataFrame({"region": ["r"], "year": [2024], "indicator": [
        "housing_commissioned_m2"], "value": [90000.0]})
    got = housing_estimate(cand, ind, living_space_m2_per_person=18)
    assert got.to_dict() == pytest.approx({"a": 2000.0, "b": 0.0, "c": 500.0, "t1": 600.0,
                                           "t2": 400.0, "t3": 1550.0})
    # towns that fit inside their districts: the region's total exactly, not the towns twice
    fits = cand.assign(population=cand["population"].where(cand.index != "t3", 5000.0))
    assert housing_estimate(fits, ind, living_space_m2_per_person=18).sum() == \
        pytest.approx(5000.0)


def test_a_rural_column_that_is_no_criterion_is_named_with_the_fix(english):
    """The layer gives one criterion of the norms file and a column the norms do not list: the
    column is not scored, and the note names it and what to add; the score is the one
    criterion's alone (the town 1, D three 0, as without the column)."""
    layers = _layers()
    layers["rural_potential"] = layers["rural_potential"].assign(
        schools=[3.0, 1.0], name=["Town", "D three"])
    result = rank_centres(layers, _settings())
    note = result.criteria.set_index("criterion").loc["rural_potential", "note"]
    assert note.endswith("; columns of the layer that are no criterion of the norms file, not "
                         "scored: schools (add each to centres.rural_criteria with its block, "
                         "direction, weight and source, or drop it)")
    got = result.centres.set_index("candidate_id")["score_rural_potential"]
    assert got[["osm:1", "121000000"]].tolist() == [1.0, 0.0]
