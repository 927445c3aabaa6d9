"""The units' populations at the base year: rolled forward from the year they were counted.

A population counted on 1 January 2023 is not the population of a 2025 base year. Where the
units say when they were counted (``pop_year``), an earlier count is stepped forward year by
year by the region's natural increase (the norms' ``growth.natural``, as the forecast steps
it), without migration, which needs flows; the command says so once. Where the units do not
say, their figures are taken as of the base year, and that is said too.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from planning.norms import Norms
from planning.notices import say

#: The population columns rolled forward.
COLUMNS = ("pop_registered", "pop_actual")


def roll_forward(units: pd.DataFrame, norms: Norms, *, year: int) -> pd.DataFrame:
    """The units with their populations at ``year``.

    Each unit with a ``pop_year`` before ``year`` gains, each year, ``round(pop x rate)`` of
    its region's natural increase; ``pop_year_loaded`` keeps the year counted and ``pop_year``
    becomes ``year``. Later counts are kept as they are (and said).

    Examples
    --------
    Almaty's rate is 0.0091: 100,000 residents counted in 2023 are 100,910 in 2024 and
    100,910 + round(100,910 x 0.0091) = 101,828 in 2025.

    >>> from planning.norms import load_norms
    >>> from planning.notices import collect
    >>> units = pd.DataFrame({"unit_id": ["a"], "region": ["almaty"],
    ...                       "pop_registered": [100000.0], "pop_year": [2023]})
    >>> with collect() as said:
    ...     out = roll_forward(units, load_norms(), year=2025)
    >>> out["pop_registered"].tolist(), out["pop_year_loaded"].tolist()
    ([101828.0], [2023])
    >>> list(said.said)
    ['base_year.rolled']
    """
    if "pop_year" not in units or pd.to_numeric(units["pop_year"], errors="coerce").isna().all():
        say("base_year.no_pop_year", year=year)
        return units
    counted = pd.to_numeric(units["pop_year"], errors="coerce")
    units = units.copy()
    region = units["region"] if "region" in units else pd.Series("default", index=units.index)
    rate = region.map(lambda r: norms.figure("growth", "natural", r).value).to_numpy(float)
    steps = (year - counted).fillna(0).clip(lower=0).astype(int).to_numpy()
    for column in COLUMNS:
        if column not in units:
            continue
        values = pd.to_numeric(units[column], errors="coerce").to_numpy(float).copy()
        for step in range(int(steps.max(initial=0))):
            going = steps > step
            values[going] = values[going] + np.round(values[going] * rate[going])
        units[column] = values
    units["pop_year_loaded"] = counted.astype("Int64")
    rolled = steps > 0
    if rolled.any():
        years = sorted({int(y) for y in counted[rolled]})
        rates = sorted({float(r) for r in rate[rolled]})
        units.loc[rolled, "pop_year"] = year
        say("base_year.rolled", units=int(rolled.sum()), total=len(units),
            years=", ".join(map(str, years)), year=year,
            rates=", ".join(f"{r:.2%}" for r in rates))
    later = (counted > year).to_numpy()
    if later.any():
        say("base_year.later", units=int(later.sum()), year=year,
            years=", ".join(str(int(y)) for y in sorted(set(counted[later]))))
    missing = counted.isna().to_numpy()
    if missing.any():
        say("base_year.some_missing", units=int(missing.sum()), total=len(units), year=year)
    return units
