"""Demographic balance: growth CV, Theil index of population and urban share, on hand-drawn
tables whose answers are worked out by hand in the tests."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy.stats import entropy

from geo.errors import LayerSchemaError
from planning.population import (
    balance_table,
    growth_cv,
    growth_mean,
    theil_population,
    urban_share,
)


def _long(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["region", "year", "indicator", "value"])


def test_theil_of_two_regions_by_hand():
    # mean 200, shares of the mean 0.5 and 1.5:
    # T = 0.5 * (0.5 ln 0.5 + 1.5 ln 1.5) = 0.5 * (-0.346574 + 0.608198) = 0.130812
    table = _long([("a", 2023, "population", 100), ("b", 2023, "population", 300)])
    result = theil_population(table)
    assert result.name == "theil_population"
    assert result.index.tolist() == [2023]
    assert result[2023] == pytest.approx(0.130812, abs=1e-6)


def test_theil_bounds_equal_and_one_holds_everyone():
    table = _long([("a", 2020, "population", 50), ("b", 2020, "population", 50),
                   ("c", 2020, "population", 50),
                   ("a", 2021, "population", 0), ("b", 2021, "population", 0),
                   ("c", 2021, "population", 150)])
    result = theil_population(table)
    assert result[2020] == pytest.approx(0.0, abs=1e-12)
    assert result[2021] == pytest.approx(math.log(3))


def test_theil_against_entropy_of_shares():
    # T = ln N - H(shares), H the Shannon entropy in nats (scipy normalises the shares itself)
    rng = np.random.default_rng(16)
    people = rng.integers(1_000, 2_000_000, size=20)
    table = _long([(f"r{i}", 2024, "population", int(x)) for i, x in enumerate(people)])
    expected = math.log(len(people)) - entropy(people)
    assert theil_population(table)[2024] == pytest.approx(expected, rel=1e-12)


def test_growth_cv_by_hand():
    # rates 0.10 and 0.30: mean 0.20, population std 0.10, CV = 0.5
    table = _long([("a", 2022, "population", 100), ("a", 2023, "population", 110),
                   ("b", 2022, "population", 200), ("b", 2023, "population", 260)])
    result = growth_cv(table)
    assert result.name == "growth_cv"
    assert result.index.tolist() == [2023]  # 2022 has no previous year
    assert result[2023] == pytest.approx(0.5)
    mean = growth_mean(table)
    assert mean.name == "growth_mean" and mean.to_dict() == {2023: pytest.approx(0.2)}


def test_a_region_missing_a_year_is_left_out_of_that_year_only():
    # c has no 2023: left out of 2023 (no rate 2022->2023) and of 2024 (no base), but in 2025.
    # 2023: a 0.10, b 0.30 -> 0.5.  2024: a 0, b 0 -> mean 0, no CV.
    # 2025: a 0.20, b 0.20, c 0.50 -> mean 0.30, std sqrt((0.01+0.01+0.04)/3) = 0.141421,
    # CV 0.471405
    table = _long([("a", 2022, "population", 100), ("a", 2023, "population", 110),
                   ("a", 2024, "population", 110), ("a", 2025, "population", 132),
                   ("b", 2022, "population", 200), ("b", 2023, "population", 260),
                   ("b", 2024, "population", 260), ("b", 2025, "population", 312),
                   ("c", 2022, "population", 400), ("c", 2024, "population", 400),
                   ("c", 2025, "population", 600)])
    result = growth_cv(table)
    assert result.index.tolist() == [2023, 2024, 2025]
    assert result[2023] == pytest.approx(0.5)
    assert np.isnan(result[2024])
    assert result[2025] == pytest.approx(0.471405, abs=1e-6)
    # Theil of 2023 is over a and b alone: 110 and 260, mean 185
    x = np.array([110, 260]) / 185
    assert theil_population(table)[2023] == pytest.approx(np.mean(x * np.log(x)))


def test_urban_share_by_hand():
    # urban 60 + 10 = 70, rural 40 + 90 = 130 -> 70 / 200 = 0.35; c has no rural figure: left out
    table = _long([("a", 2023, "population_urban", 60), ("a", 2023, "population_rural", 40),
                   ("b", 2023, "population_urban", 10), ("b", 2023, "population_rural", 90),
                   ("c", 2023, "population_urban", 1000)])
    result = urban_share(table)
    assert result.name == "urban_share"
    assert result.to_dict() == {2023: pytest.approx(0.35)}


def test_balance_table_joins_by_year():
    table = _long([("a", 2022, "population", 100), ("a", 2023, "population", 110),
                   ("b", 2022, "population", 300), ("b", 2023, "population", 390),
                   ("a", 2023, "population_urban", 60), ("a", 2023, "population_rural", 50)])
    result = balance_table(table)
    assert result.columns.tolist() == ["growth_cv", "theil_population", "urban_share"]
    assert result.index.tolist() == [2022, 2023]
    assert np.isnan(result.loc[2022, "growth_cv"])
    assert np.isnan(result.loc[2022, "urban_share"])
    # rates 0.10 and 0.30 again -> 0.5; 2022 populations 100 and 300 -> 0.130812
    assert result.loc[2023, "growth_cv"] == pytest.approx(0.5)
    assert result.loc[2022, "theil_population"] == pytest.approx(0.130812, abs=1e-6)
    assert result.loc[2023, "urban_share"] == pytest.approx(60 / 110)


def test_missing_column_names_table_column_and_fix(english):
    table = pd.DataFrame({"region": ["a"], "year": [2023], "value": [1]})
    with pytest.raises(LayerSchemaError) as caught:
        theil_population(table, name="region_indicators")
    text = str(caught.value)
    assert "region_indicators" in text and "'indicator'" in text
    assert "Add the column 'indicator'" in text
    assert isinstance(caught.value, ValueError)


def test_bad_values_name_row_column_value_and_fix(english):
    table = _long([("a", 2023, "population", 100), ("b", 2023, "population", -5),
                   ("c", 2023, "population", "many"), ("d", "2023.5", "population", 7)])
    with pytest.raises(LayerSchemaError) as caught:
        growth_cv(table, name="region_indicators")
    problems = caught.value.problems
    assert len(problems) == 3
    assert "row 1, column value: value '-5'" in problems[0]
    assert "row 2, column value: value 'many'" in problems[1]
    assert "Give a number of persons of at least zero" in problems[0]
    assert all(p.startswith("Table region_indicators") for p in problems)
    assert "row 3, column year: year '2023.5'" in problems[2]


def test_bad_value_message_in_russian():
    from geo.i18n import current_language, set_language

    before = current_language()
    set_language("ru")
    try:
        with pytest.raises(LayerSchemaError) as caught:
            urban_share(_long([("a", 2023, "population_urban", -1)]), name="region_indicators")
    finally:
        set_language(before)
    assert str(caught.value).startswith("Таблица region_indicators, строка 0, столбец value: "
                                        "значение «-1»")


def test_duplicate_row_is_refused_not_summed(english):
    table = _long([("a", 2023, "population", 100), ("b", 2023, "population", 300),
                   ("a", 2023, "population", 100)])
    with pytest.raises(LayerSchemaError) as caught:
        theil_population(table, name="region_indicators")
    assert caught.value.problems == [
        "Table region_indicators, row 2: population of region a in 2023 is given already in "
        "row 0. Keep one row per region, year and indicator."]


def test_other_indicators_are_not_checked_or_counted():
    # a negative figure of another indicator is not this module's business
    table = _long([("a", 2023, "population", 100), ("b", 2023, "population", 300),
                   ("a", 2023, "net_migration", -40), ("b", 2023, "income_per_capita", "n/a")])
    assert theil_population(table)[2023] == pytest.approx(0.130812, abs=1e-6)
