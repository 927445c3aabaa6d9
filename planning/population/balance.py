"""Demographic balance across regions: how evenly they grow, how evenly people are spread, and
how urban the country is.

Each metric reads a long table of regional figures (columns ``region``, ``year``, ``indicator``,
``value``; indicators ``population``, ``population_urban``, ``population_rural``; a region-year
without a figure has no row) and returns a Series indexed by year, named after the metric. A year
whose figure cannot be computed (no regions with the needed figures) has no entry, never a zero.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from geo.errors import LayerSchemaError
from geo.i18n import _

REQUIRED_COLUMNS = ("region", "year", "indicator", "value")


def _checked(table: pd.DataFrame, indicators: tuple[str, ...], *, name: str) -> pd.DataFrame:
    """The table's rows of ``indicators`` with a numeric value and an integer year.

    Only those rows are checked: the table may hold other indicators (income, unemployment...)
    whose values are not this module's business.
    """
    for column in REQUIRED_COLUMNS:
        if column not in table.columns:
            msg = "\n".join([
                _("The table {table} has no column '{key}'. Its columns: {available}.",
                  table=name, key=column, available=", ".join(map(str, table.columns))),
                _("Add the column '{column}', or rename the file's column to it.", column=column),
            ])
            raise LayerSchemaError(msg, [msg])
    rows = table[table["indicator"].isin(indicators)]
    values = pd.to_numeric(rows["value"], errors="coerce")
    years = pd.to_numeric(rows["year"], errors="coerce")
    year_ok = years.notna() & (years == years.round())
    problems = []
    first_row: dict[tuple, object] = {}
    for i, row in enumerate(rows.index):
        value = values.iloc[i]
        if pd.isna(value) or not np.isfinite(value) or value < 0:
            problems.append(_("Table {table}, row {row}, column {column}: value '{value}' is "
                              "missing, negative or not a number. Give a number of persons of at "
                              "least zero, or remove the row (a region-year without a figure has "
                              "no row).", table=name, row=row, column="value",
                              value=rows["value"].iloc[i]))
        if not year_ok.iloc[i]:
            problems.append(_("Table {table}: {problem}", table=name, problem=_(
                "row {row}, column {column}: year '{value}' is missing or not a whole number. "
                "Give the year the value refers to (for example 2024).",
                row=row, column="year", value=rows["year"].iloc[i])))
            continue
        key = (rows["region"].iloc[i], int(years.iloc[i]), rows["indicator"].iloc[i])
        if key in first_row:
            # summing or picking one would hide a double count or a correction
            problems.append(_("Table {table}, row {row}: {indicator} of region {region} in {year} "
                              "is given already in row {first}. Keep one row per region, year "
                              "and indicator.", table=name, row=row, indicator=key[2],
                              region=key[0], year=key[1], first=first_row[key]))
        else:
            first_row[key] = row
    if problems:
        raise LayerSchemaError("\n".join(problems), problems)
    checked = rows.loc[:, list(REQUIRED_COLUMNS)].copy()
    checked["value"] = values.astype(float)
    checked["year"] = years.astype(int)
    return checked


def _wide(table: pd.DataFrame, indicator: str, *, name: str) -> pd.DataFrame:
    """One indicator as a region × year frame (NaN where the table has no row)."""
    rows = _checked(table, (indicator,), name=name)
    return rows.pivot(index="region", columns="year", values="value")


def growth_cv(table: pd.DataFrame, *, name: str = "region_indicators") -> pd.Series:
    """Coefficient of variation of the regions' population growth rates, per year.

    For each year t whose previous year t-1 is in the table, the growth rate of each region that
    has both years is g = P_t / P_{t-1} - 1, and the metric is std(g) / mean(g). The standard
    deviation is the population one (ddof=0): the regions are the whole set being described, not
    a sample of some larger set of regions. A region missing either year is left out of that year
    only; a region with P_{t-1} = 0 has no rate and is left out too. A year whose mean rate is
    zero has no coefficient (NaN).

    Parameters
    ----------
    table
        Long table with columns ``region``, ``year``, ``indicator``, ``value``.
    name
        The table's name, for error messages.

    Returns
    -------
    pandas.Series
        Indexed by year, named ``growth_cv``.

    Examples
    --------
    >>> t = pd.DataFrame({"region": ["a", "a", "b", "b"], "year": [2022, 2023, 2022, 2023],
    ...                   "indicator": "population", "value": [100, 110, 100, 130]})
    >>> growth_cv(t).round(6).to_dict()
    {2023: 0.5}
    """
    result = {}
    for year, rates in _growth_rates(_wide(table, "population", name=name)):
        mean = rates.mean()
        result[year] = rates.std(ddof=0) / mean if mean != 0 else np.nan
    return pd.Series(result, name="growth_cv", dtype=float).rename_axis("year")


def growth_mean(table: pd.DataFrame, *, name: str = "region_indicators") -> pd.Series:
    """Mean of the regions' population growth rates, per year: the denominator of
    :func:`growth_cv`, which grows without bound as this nears zero.

    The same regions and years as :func:`growth_cv` (a region with both years and
    P_{t-1} > 0); the mean is unweighted, each region counting once.

    Examples
    --------
    >>> t = pd.DataFrame({"region": ["a", "a", "b", "b"], "year": [2022, 2023, 2022, 2023],
    ...                   "indicator": "population", "value": [100, 110, 100, 130]})
    >>> growth_mean(t).round(6).to_dict()
    {2023: 0.2}
    """
    result = {year: float(rates.mean())
              for year, rates in _growth_rates(_wide(table, "population", name=name))}
    return pd.Series(result, name="growth_mean", dtype=float).rename_axis("year")


def _growth_rates(wide: pd.DataFrame):
    """``(year, rates)`` for each year whose previous year is a column: P_t / P_{t-1} - 1 of
    the regions with both years and P_{t-1} > 0 (years with no such region are skipped)."""
    for year in wide.columns:
        if year - 1 not in wide.columns:
            continue
        before, now = wide[year - 1], wide[year]
        both = before.notna() & now.notna() & (before > 0)
        if both.any():
            yield year, now[both] / before[both] - 1


def theil_population(table: pd.DataFrame, *, name: str = "region_indicators") -> pd.Series:
    """Theil T index of population across regions, per year.

    T = (1/N) Σ (x_i/μ) ln(x_i/μ) over the N regions with a population x_i that year, μ their
    mean, with 0·ln 0 = 0. It is 0 when every region holds the same number of people and ln N
    when one region holds everyone. A year whose regions all hold zero has no index (NaN).

    Parameters
    ----------
    table
        Long table with columns ``region``, ``year``, ``indicator``, ``value``.
    name
        The table's name, for error messages.

    Returns
    -------
    pandas.Series
        Indexed by year, named ``theil_population``.

    Examples
    --------
    >>> t = pd.DataFrame({"region": ["a", "b"], "year": 2023, "indicator": "population",
    ...                   "value": [100, 300]})
    >>> theil_population(t).round(6).to_dict()
    {2023: 0.130812}
    """
    wide = _wide(table, "population", name=name)
    result = {}
    for year in wide.columns:
        x = wide[year].dropna()
        if x.empty:
            continue
        mean = x.mean()
        if mean == 0:
            result[year] = np.nan
            continue
        ratio = (x / mean).to_numpy()
        terms = np.where(ratio > 0, ratio * np.log(np.where(ratio > 0, ratio, 1.0)), 0.0)
        result[year] = terms.mean()
    return pd.Series(result, name="theil_population", dtype=float).rename_axis("year")


def urban_share(table: pd.DataFrame, *, name: str = "region_indicators") -> pd.Series:
    """Share of the population living in towns, per year.

    Σ urban / (Σ urban + Σ rural) over the regions that have both an urban and a rural figure that
    year; a region with only one of them is left out of that year (its share is unknown).

    Parameters
    ----------
    table
        Long table with columns ``region``, ``year``, ``indicator``, ``value``.
    name
        The table's name, for error messages.

    Returns
    -------
    pandas.Series
        Indexed by year, named ``urban_share``.

    Examples
    --------
    >>> t = pd.DataFrame({"region": ["a", "a"], "year": 2023,
    ...                   "indicator": ["population_urban", "population_rural"],
    ...                   "value": [60, 40]})
    >>> urban_share(t).to_dict()
    {2023: 0.6}
    """
    urban = _wide(table, "population_urban", name=name)
    rural = _wide(table, "population_rural", name=name)
    result = {}
    for year in urban.columns.intersection(rural.columns):
        u, r = urban[year].align(rural[year], join="inner")
        both = u.notna() & r.notna()
        total = u[both].sum() + r[both].sum()
        if both.any():
            result[year] = u[both].sum() / total if total > 0 else np.nan
    return pd.Series(result, name="urban_share", dtype=float).rename_axis("year")


def balance_table(table: pd.DataFrame, *, name: str = "region_indicators") -> pd.DataFrame:
    """The three balance metrics side by side, one row per year.

    Parameters
    ----------
    table
        Long table with columns ``region``, ``year``, ``indicator``, ``value``.
    name
        The table's name, for error messages.

    Returns
    -------
    pandas.DataFrame
        Indexed by year, columns ``growth_cv``, ``theil_population``, ``urban_share``; NaN where a
        metric cannot be computed that year.

    Examples
    --------
    >>> t = pd.DataFrame({"region": ["a", "b"], "year": 2023, "indicator": "population",
    ...                   "value": [100, 300]})
    >>> list(balance_table(t).columns)
    ['growth_cv', 'theil_population', 'urban_share']
    """
    metrics = [growth_cv(table, name=name), theil_population(table, name=name),
               urban_share(table, name=name)]
    return pd.concat(metrics, axis=1).sort_index().rename_axis("year")
