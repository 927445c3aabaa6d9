"""Regional net migration 2000-2022 by the demographic balance (issue 17's back-test series).

The BNS migration table of kaz-Data gives the regions' net migration for 2023 and 2024 only.
The population at the start of every year (2000-2025) and the natural growth of every year
(2000-2024, ``apps/frontend/public/data/demography/natural_growth.json`` of kaz-Data, BNS,
``"derived": false``) are published by region, and the BNS builds its population estimate by
the balance

    population(1 Jan t+1) = population(1 Jan t) + natural growth(t) + net migration(t),

so the net migration of year ``t`` is the remainder. Measured on the years both exist: the
remainder equals the BNS migration count in all 20 regions in 2023 and within 12 persons of it
in 2024 (a later revision of one of the figures); the regions' remainders add up to the
republic's migration count exactly in 2018-2020 and 2022-2024.

It is *not* the remainder (the row is absent, not zero) where the balance does not hold:

- **census years** 2008 and 2021: the populations of 1 Jan 2009 and 1 Jan 2022 were re-based on
  the 2009 and 2021 censuses (the remainders of 2021 add up to −1.17 million against a count of
  −21,217; of 2008 to +133,833 against +1,300);
- **a border change within the year**: 2014 for Almaty Region and Almaty city (the city took
  part of the region, Nauryzbay district); 2021 for Almaty, East Kazakhstan and Karaganda
  regions anyway (their 1 Jan 2022 population is within the 2022 borders);
- a year without both populations or without natural growth (Turkistan Region and Shymkent
  before 2018, Abay, Zhetisu and Ulytau regions before 2022).

Where the BNS count exists (2023, 2024), it is written instead of the remainder.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

NATURAL_GROWTH = ("apps/frontend/public/data/demography/natural_growth.json",
                  "4d78fe70111243dd1d635fe216ee1122d329d1a4")
REPO = "github.com/armanbostybayev-maker/kaz-Data"
#: Years whose balance does not hold, with why; ``None``: every region.
BREAKS = {
    (2008, None): "the population of 1 Jan 2009 re-based on the 2009 census",
    (2021, None): "the population of 1 Jan 2022 re-based on the 2021 census",
    (2014, "190000000"): "Almaty city took part of Almaty Region in 2014",
    (2014, "750000000"): "Almaty city took part of Almaty Region in 2014",
}
GROWTH_UNIT = "persons per year (births minus deaths)"
BALANCE_UNIT = ("persons per year, estimated: population on 1 Jan of the next year minus "
                "population on 1 Jan minus natural growth (not the BNS migration count)")


def natural_growth_source() -> str:
    """The ``source`` of a natural growth row."""
    return f"BNS via {REPO}, {NATURAL_GROWTH[0]}, commit {NATURAL_GROWTH[1]}"


def read_natural_growth(path: Path) -> pd.DataFrame:
    """``region``, ``year``, ``value`` of kaz-Data's natural growth file (the region level)."""
    document = json.loads(Path(path).read_text(encoding="utf-8"))
    if document.get("indicator") != "natural_growth" or "values" not in document:
        msg = (f"{path} is not kaz-Data's natural_growth.json (no 'indicator': "
               f"'natural_growth' with 'values'); fetch {NATURAL_GROWTH[0]}.")
        raise ValueError(msg)
    rows = [(code, int(year), float(value))
            for year, by_region in document["values"].items()
            for code, value in by_region.items()]
    return pd.DataFrame(rows, columns=["region", "year", "value"])


def break_of(region: str, year: int) -> str | None:
    """Why the balance of ``region`` in ``year`` is not its migration, or ``None``."""
    return BREAKS.get((year, None)) or BREAKS.get((year, region))


def balance_rows(indicators: pd.DataFrame, growth: pd.DataFrame) -> pd.DataFrame:
    """The ``natural_growth`` and ``net_migration_balance`` rows of ``region_indicators.csv``.

    ``net_migration_balance`` is the BNS count where ``indicators`` has it (``net_migration``),
    else the remainder of the balance, except in the years of :data:`BREAKS`.
    """
    population = indicators[indicators["indicator"] == "population"]
    start = population.set_index(["region", "year"])["value"]
    population_source = population.set_index(["region", "year"])["source"]
    counted = indicators[indicators["indicator"] == "net_migration"].set_index(
        ["region", "year"])
    growth_source = natural_growth_source()
    rows = []
    for region, year, births_less_deaths in growth.itertuples(index=False):
        if (region, year) in counted.index:
            row = counted.loc[(region, year)]
            rows.append((region, year, row["value"], "persons per year (arrivals minus "
                         "departures, all flows; the BNS count)", row["source"]))
            continue
        if break_of(region, year) is not None:
            continue
        now, after = start.get((region, year)), start.get((region, year + 1))
        if now is None or after is None:
            continue
        rows.append((region, year, float(after - now - births_less_deaths), BALANCE_UNIT,
                     f"estimated from {population_source[(region, year)]} and "
                     f"{growth_source}"))
    balance = pd.DataFrame(rows, columns=["region", "year", "value", "unit", "source"])
    balance.insert(2, "indicator", "net_migration_balance")
    from tools.national_kazdata import SPLIT_2022  # that module imports this one

    notes = [f"; before 2022 {code} included today's {SPLIT_2022[code]} Region"
             if code in SPLIT_2022 and year < 2022 else ""
             for code, year in zip(growth["region"], growth["year"], strict=True)]
    natural = growth.assign(indicator="natural_growth", unit=GROWTH_UNIT,
                            source=[growth_source + note for note in notes])
    natural = natural[["region", "year", "indicator", "value", "unit", "source"]]
    return pd.concat([natural, balance], ignore_index=True)


def with_balance(indicators: pd.DataFrame, raw_dir: Path) -> pd.DataFrame:
    """``indicators`` with :func:`balance_rows` where ``raw_dir`` holds the natural growth
    file and the indicators hold the population, sorted as ``region_indicators.csv``."""
    path = Path(raw_dir) / Path(NATURAL_GROWTH[0]).name
    if not path.is_file() or not (indicators["indicator"] == "population").any():
        return indicators
    growth = read_natural_growth(path)
    table = pd.concat([indicators, balance_rows(indicators, growth)], ignore_index=True)
    return table.sort_values(["indicator", "region", "year"], kind="stable", ignore_index=True)
