"""The actual population from proxies, every answer worked out by hand.

Norms (data/norms/default.yaml): water 0.30 m3/day a resident, rel_sd 0.20 (weight 1/0.2² = 25);
polyclinic_attached 1.0 a resident, rel_sd 0.10 (weight 1/0.1² = 100); heat 0.00125 Gcal/h in
Almaty, 0.0016 in Astana (derived_from_load: circular), rel_sd 0.25.
"""

from __future__ import annotations

import math
import re

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from catalogues import catalogue, fields, forms, said_in

from geo.errors import QonysError
from geo.i18n import set_language
from layers.validate import ROW_INDEX
from planning.norms import load_norms
from planning.population.actual import (
    PROXIES,
    ActualPopulationError,
    apply_estimate,
    estimate_actual,
    gap_layer,
    known_proxies,
)

NORMS = load_norms()


def _units(**extra):
    frame = pd.DataFrame({"unit_id": ["alm", "ast", "shy"],
                          "region": ["almaty", "astana", "shymkent"],
                          "pop_registered": [650_000.0, 1_500_000.0, 400_000.0],
                          "pop_actual": [np.nan, 1_900_000.0, np.nan]})
    return frame.assign(**extra)


def _proxies(rows):
    return pd.DataFrame(rows, columns=["unit_id", "proxy", "value", "year"])


def _row(result, unit_id):
    return result.units.set_index("unit_id").loc[unit_id]


def test_one_proxy_gives_value_over_norm_and_its_range():
    # water 210,000 m3/day / 0.30 = 700,000; s = 0.20:
    # low  = 700,000 * exp(-1.96 * 0.20) = 700,000 * 0.675704 = 472,993
    # high = 700,000 * exp(+1.96 * 0.20) = 700,000 * 1.479938 = 1,035,956
    result = estimate_actual(_units(), _proxies([("alm", "water_m3_day", 210_000, 2024)]),
                             NORMS)
    row = _row(result, "alm")
    assert row.pop_actual == 700_000
    assert row.pop_actual_method == "proxies"
    assert row.n_proxies == 1
    assert row.pop_actual_low == round(math.exp(math.log(700_000) - 1.96 * 0.20)) == 472_993
    assert row.pop_actual_high == round(math.exp(math.log(700_000) + 1.96 * 0.20)) == 1_035_956
    assert row.pop_actual_inputs == "water_m3_day 2024: 210,000 / 0.3 = 700,000"
    # one proxy: no disagreement to measure
    assert np.isnan(result.disagreement.set_index("unit_id").loc["alm", "birge_ratio"])


def test_two_agreeing_proxies_give_the_weighted_log_mean():
    # water 700,000 (w 25), attached 720,000 (w 100): d = ln(720/700) = 0.0281709
    # mu = ln 700,000 + 100/125 * d  ->  exp(mu) = 700,000 * (720/700)^0.8 = 715,954.8
    # sigma = 1/sqrt(125) = 0.0894427
    # chi2 = 25 (0.8 d)² + 100 (0.2 d)² = 0.0158720 < k - 1 = 1: no widening
    # range = 715,954.8 * exp(-/+ 1.96 * 0.0894427) = 600,828 .. 853,141
    proxies = _proxies([("alm", "water_m3_day", 210_000, 2024),
                        ("alm", "polyclinic_attached", 720_000, 2024)])
    result = estimate_actual(_units(), proxies, NORMS)
    row = _row(result, "alm")
    assert row.pop_actual == 715_955
    assert (row.pop_actual_low, row.pop_actual_high) == (600_828, 853_141)
    assert row.n_proxies == 2
    weights = result.estimates.set_index("proxy")["weight"]
    assert weights["water_m3_day"] == pytest.approx(25.0)
    assert weights["polyclinic_attached"] == pytest.approx(100.0)
    agreement = result.disagreement.set_index("unit_id").loc["alm"]
    assert agreement.chi2 == pytest.approx(0.0158720, rel=1e-4)
    assert agreement.birge_ratio == pytest.approx(math.sqrt(0.0158720), rel=1e-4)
    assert not agreement.widened
    assert row.pop_actual_inputs == ("water_m3_day 2024: 210,000 / 0.3 = 700,000; "
                                     "polyclinic_attached 2024: 720,000 / 1 = 720,000")


def test_two_disagreeing_proxies_widen_the_range_by_the_birge_ratio():
    # water 700,000 (w 25), attached 1,000,000 (w 100): d = ln(10/7) = 0.3566749
    # exp(mu) = 700,000 * (10/7)^0.8 = 931,149.9
    # chi2 = 25*100/125 * d² = 20 * 0.1272170 = 2.544340 > 1: Birge ratio sqrt(2.544340)
    # = 1.595099; sigma = 0.0894427 * 1.595099 = 0.1426700
    # range = 931,149.9 * exp(-/+ 1.96 * 0.1426700) = 704,006 .. 1,231,580
    # (unwidened it would be 781,420 .. 1,109,570)
    proxies = _proxies([("alm", "water_m3_day", 210_000, 2024),
                        ("alm", "polyclinic_attached", 1_000_000, 2024)])
    result = estimate_actual(_units(), proxies, NORMS)
    row = _row(result, "alm")
    assert row.pop_actual == 931_150
    assert (row.pop_actual_low, row.pop_actual_high) == (704_006, 1_231_580)
    agreement = result.disagreement.set_index("unit_id").loc["alm"]
    assert agreement.chi2 == pytest.approx(2.544340, rel=1e-6)
    assert agreement.birge_ratio == pytest.approx(1.595099, rel=1e-6)
    assert agreement.widened


def test_astana_heat_is_circular_and_skipped_while_almaty_heat_is_used():
    # Almaty: 875 Gcal/h / 0.00125 = 700,000, used.
    # Astana: 3,040 Gcal/h / 0.0016 = 1,900,000 would only give back the norm's own population:
    # not used, so Astana keeps its loaded 1,900,000 with an empty range.
    proxies = _proxies([("alm", "heat_gcal_h", 875, 2024), ("ast", "heat_gcal_h", 3040, 2024)])
    result = estimate_actual(_units(), proxies, NORMS)
    rows = result.estimates.set_index("unit_id")
    assert rows.loc["alm", "used"]
    assert rows.loc["alm", "per_resident"] == 0.00125
    assert not rows.loc["ast", "used"]
    assert rows.loc["ast", "weight"] == 0.0
    assert rows.loc["ast", "per_resident"] == 0.0016
    assert rows.loc["ast", "estimate"] == pytest.approx(1_900_000)
    assert "heat" in rows.loc["ast", "note"] and "astana" in rows.loc["ast", "note"]
    assert _row(result, "alm").pop_actual == 700_000
    astana = _row(result, "ast")
    assert astana.pop_actual_method == "loaded"
    assert astana.pop_actual == astana.pop_actual_low == astana.pop_actual_high == 1_900_000
    assert astana.n_proxies == 0


def test_astana_uses_its_other_proxies_when_heat_is_skipped():
    # attached 1,850,000 / 1 = 1,850,000 is the only usable proxy.
    proxies = _proxies([("ast", "heat_gcal_h", 3040, 2024),
                        ("ast", "polyclinic_attached", 1_850_000, 2024)])
    astana = _row(estimate_actual(_units(), proxies, NORMS), "ast")
    assert (astana.pop_actual, astana.pop_actual_method, astana.n_proxies) == \
        (1_850_000, "proxies", 1)


def test_the_latest_year_up_to_the_asked_year_is_used():
    # 2022: 180,000 / 0.3 = 600,000; 2024: 210,000 / 0.3 = 700,000; 2026: 240,000 -> 800,000
    proxies = _proxies([("alm", "water_m3_day", 240_000, 2026),
                        ("alm", "water_m3_day", 180_000, 2022),
                        ("alm", "water_m3_day", 210_000, 2024)])
    result = estimate_actual(_units(), proxies, NORMS, year=2025)
    assert _row(result, "alm").pop_actual == 700_000
    considered = result.estimates.set_index("year")
    assert sorted(considered.index) == [2022, 2024]  # 2026 is after the asked year
    assert considered.loc[2024, "used"] and not considered.loc[2022, "used"]
    assert "2024" in considered.loc[2022, "note"]
    assert _row(estimate_actual(_units(), proxies, NORMS), "alm").pop_actual == 800_000
    # before every row: no proxy, the registered population stays
    early = _row(estimate_actual(_units(), proxies, NORMS, year=2020), "alm")
    assert (early.pop_actual, early.pop_actual_method) == (650_000, "registered")


def test_units_without_proxies_keep_their_loaded_or_registered_population():
    result = estimate_actual(_units(), _proxies([("alm", "water_m3_day", 210_000, 2024)]),
                             NORMS)
    astana, shymkent = _row(result, "ast"), _row(result, "shy")
    assert astana.pop_actual_method == "loaded"
    assert (astana.pop_actual_low, astana.pop_actual_high) == (1_900_000, 1_900_000)
    assert astana.pop_gap == 400_000  # 1,900,000 - 1,500,000
    assert shymkent.pop_actual_method == "registered"
    assert shymkent.pop_actual == shymkent.pop_actual_low == shymkent.pop_actual_high == 400_000
    assert shymkent.pop_gap == 0
    assert shymkent.pop_actual_inputs == ""


def test_a_zero_value_is_listed_but_not_used():
    proxies = _proxies([("shy", "water_m3_day", 0, 2024),
                        ("shy", "school_enrolled", 76_000, 2024)])
    result = estimate_actual(_units(), proxies, NORMS)
    # 76,000 pupils / 0.19 = 400,000
    assert _row(result, "shy").pop_actual == 400_000
    water = result.estimates.set_index("proxy").loc["water_m3_day"]
    assert not water.used and water.note


def test_gap_columns_and_the_gap_layer():
    units = _units()
    result = estimate_actual(units, _proxies([("alm", "water_m3_day", 210_000, 2024)]), NORMS)
    assert list(result.units.index) == list(units.index)
    row = _row(result, "alm")
    # 700,000 - 650,000 = 50,000; 50,000 / 650,000 = 0.0769231
    assert row.pop_gap == 50_000
    assert row.pop_gap_share == pytest.approx(50_000 / 650_000)
    boxes = [shapely.box(i, 0, i + 1, 1) for i in range(3)]
    layer = gpd.GeoDataFrame(units.assign(name_ru=["Алматы", "Астана", "Шымкент"],
                                          kato="x"), geometry=boxes, crs=32643)
    applied = apply_estimate(layer, result)
    assert applied["pop_actual"].tolist() == [700_000, 1_900_000, 400_000]
    assert applied["kato"].tolist() == ["x"] * 3
    assert applied.geometry.equals(layer.geometry) and applied.crs == layer.crs
    gap = gap_layer(applied)
    assert list(gap.columns) == ["unit_id", "name_ru", "region", "pop_registered", "pop_actual",
                                 "pop_gap", "pop_gap_share", "pop_actual_low",
                                 "pop_actual_high", "geometry"]
    assert gap["pop_gap"].tolist() == [50_000, 400_000, 0]
    assert gap.crs == layer.crs


def test_apply_keeps_units_the_estimate_does_not_cover():
    units = _units()
    result = estimate_actual(units.iloc[:1], _proxies([("alm", "water_m3_day", 210_000, 2024)]),
                             NORMS)
    layer = gpd.GeoDataFrame(units, geometry=[shapely.Point(i, 0) for i in range(3)])
    applied = apply_estimate(layer, result)
    assert applied["pop_actual"].tolist()[:2] == [700_000, 1_900_000]
    assert np.isnan(applied["pop_actual"].iloc[2])
    assert applied["pop_actual_method"].tolist()[0] == "proxies"
    assert applied["pop_actual_method"].isna().tolist()[1:] == [True, True]


def test_validation_lists_every_problem_at_once():
    proxies = _proxies([("alm", "water_m3_day", 210_000, 2024),     # row 1: fine
                        ("alm", "electricity_kwh", 5, 2024),        # row 2: unknown proxy
                        ("nowhere", "water_m3_day", 1_000, 2024),   # row 3: unknown unit
                        ("alm", "water_m3_day", 200_000, 2024),     # row 4: repeats row 1
                        ("ast", "polyclinic_attached", -5, 2024),   # row 5: negative
                        ("shy", "school_enrolled", None, 2024)])    # row 6: missing value
    set_language("en")
    try:
        with pytest.raises(ActualPopulationError) as caught:
            estimate_actual(_units(), proxies, NORMS, layer="proxies.csv")
    finally:
        set_language("ru")
    error = caught.value
    assert isinstance(error, QonysError) and isinstance(error, ValueError)
    assert len(error.problems) == 5
    text = str(error)
    assert "proxies.csv" in text and "5 problems" in text
    assert re.search(r"row 2, column proxy: unknown proxy 'electricity_kwh'", text)
    assert all(name in text for name in PROXIES)  # the known ones are listed
    assert re.search(r"row 3, column unit_id: unit 'nowhere'", text)
    assert re.search(r"row 4, columns unit_id, proxy, year: \(alm, water_m3_day, 2024\) is "
                     r"given already in row 1", text)
    assert re.search(r"row 5, column value: value '-5(\.0)?'", text)
    assert re.search(r"row 6, column value: value '(nan|None)'", text)


def test_validation_cites_the_source_rows_and_speaks_russian():
    proxies = _proxies([("alm", "water_m3_day", 210_000, 2024),
                        ("alm", "water_m3_day", 210_000, np.nan)])
    proxies.index = pd.Index([7, 9], name=ROW_INDEX)
    with pytest.raises(ActualPopulationError) as caught:
        estimate_actual(_units(), proxies, NORMS)
    assert "строка 9, столбец year" in str(caught.value)
    assert "population_proxies" in str(caught.value)


def test_missing_columns_are_reported_for_both_tables():
    with pytest.raises(ActualPopulationError) as caught:
        estimate_actual(pd.DataFrame({"unit_id": ["a"]}), pd.DataFrame({"unit_id": ["a"]}),
                        NORMS)
    # units: pop_registered; proxies: proxy, value, year
    assert len(caught.value.problems) == 4


def test_the_known_proxies_are_those_of_the_norms():
    assert known_proxies(NORMS) == PROXIES == tuple(NORMS.sections["proxies"])


def test_texts_exist_in_russian_kazakh_and_english():
    """Every message of planning/population/actual.py is in both catalogues, translated, with
    the same placeholders."""
    own = said_in("planning/population/actual.py")
    assert own
    ru, kk = catalogue("ru"), catalogue("kk")
    for (context, msgid), (_ids, where) in own.items():
        found = {"ru": ru.get(msgid, context=context), "kk": kk.get(msgid, context=context)}
        assert all(found.values()), where
        texts = {lang: forms(m)[0] for lang, m in found.items()}
        assert all(texts.values()), where
        assert texts["ru"] != msgid and texts["kk"] != msgid, where
        assert texts["kk"] != texts["ru"], where
        assert fields(texts["ru"]) == fields(texts["kk"]) == fields(msgid), where
