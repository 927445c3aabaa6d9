"""Residents year by year: natural growth, migration, resettlement and the housing that limits
it, as the forecast (:mod:`planning.forecast.model`) steps them.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from planning.norms import Norms
from planning.provision.assess import (
    BASES,
    POPULATION,
)

log = logging.getLogger(__name__)



def housing_limited(wanted: pd.DataFrame, housing: pd.DataFrame | None, norms: Norms, *,
                    years: list[int]) -> pd.DataFrame:
    """The programme's arrivals, no faster than homes.

    A unit listed in ``housing`` takes at most ``dwellings x persons_per_dwelling`` arrivals
    a year; who cannot move in waits for the next year's homes (the queue is first come,
    first served). A unit not listed is not capped: the layer says nothing about it.

    Returns
    -------
    pandas.DataFrame
        ``unit_id``, ``year``, ``wanted`` (due that year), ``arrived``, ``waiting`` (still
        without a home at the end of the year).

    Examples
    --------
    3,000 wanted in 2026, homes for 1,500 people a year (500 dwellings x 3.0):

    >>> from planning.norms import load_norms
    >>> wanted = pd.DataFrame({"unit_id": ["k"], "year": [2026], "persons": [3000]})
    >>> homes = pd.DataFrame({"unit_id": "k", "year": [2026, 2027, 2028],
    ...                       "dwellings": 500.0})
    >>> out = housing_limited(wanted, homes, load_norms(), years=[2026, 2027, 2028])
    >>> out[["year", "arrived", "waiting"]].to_numpy().tolist()
    [[2026, 1500, 1500], [2027, 1500, 0], [2028, 0, 0]]
    """
    columns = ["unit_id", "year", "wanted", "arrived", "waiting"]
    if wanted is None or wanted.empty:
        return pd.DataFrame(columns=columns)
    due = wanted.groupby(["unit_id", "year"])["persons"].sum()
    homes = pd.Series(dtype=float)
    if housing is not None and not housing.empty:
        homes = housing.groupby(["unit_id", "year"])["dwellings"].sum()
    capped_units = set(homes.index.get_level_values(0)) if len(homes) else set()
    rows = []
    for unit_id in due.index.get_level_values(0).unique():
        queue = 0
        for year in years:
            wanted_now = int(due.get((unit_id, year), 0))
            queue += wanted_now
            if unit_id in capped_units:
                per_dwelling = norms.figure("housing", "persons_per_dwelling").value
                room = int(np.floor(float(homes.get((unit_id, year), 0.0)) * per_dwelling))
                moved = min(queue, room)
            else:
                moved = queue
            queue -= moved
            rows.append((unit_id, year, wanted_now, moved, queue))
    return pd.DataFrame(rows, columns=columns)


def step_population(units: pd.DataFrame, norms: Norms, *, years: list[int],
                    migration: pd.Series, arrivals: pd.DataFrame) -> pd.DataFrame:
    """Residents of every unit from ``years[0]`` (as loaded) to ``years[-1]``.

    Both bases change by the same persons a year except natural increase, which is each
    basis's own population times the rate: the gap between registered and actual residents
    is carried forward, not closed.

    Examples
    --------
    Almaty's rate is 0.0091: 100,000 residents gain 910 by births, 500 by migration and 1,000
    resettled in 2026, then 100,000 + 2,410 = 102,410; 2027 adds round(102,410 x 0.0091) = 932
    and 500 more migrants.

    >>> from planning.norms import load_norms
    >>> units = pd.DataFrame({"unit_id": ["a"], "region": ["almaty"],
    ...                       "pop_registered": [100000.0], "pop_actual": [100000.0]})
    >>> moved = pd.DataFrame({"unit_id": ["a"], "year": [2026], "arrived": [1000]})
    >>> out = step_population(units, load_norms(), years=[2025, 2026, 2027],
    ...                       migration=pd.Series({"a": 500.0}), arrivals=moved)
    >>> out["pop_actual"].tolist(), out["natural"].tolist()
    ([100000.0, 102410.0, 103842.0], [0.0, 910.0, 932.0])
    """
    rate = units["region"].map(lambda r: norms.figure("growth", "natural", r).value)
    rate = rate.to_numpy(float)
    moved = pd.Series(dtype=float)
    if arrivals is not None and not arrivals.empty:
        moved = arrivals.groupby(["unit_id", "year"])["arrived"].sum()
    ids = units["unit_id"].to_numpy()
    flow = migration.reindex(ids).fillna(0.0).to_numpy(float)
    current = {basis: units[column].to_numpy(float).copy() for basis, column in
               POPULATION.items()}
    zeros = np.zeros(len(ids))
    frames = [_population_rows(ids, years[0], current, zeros, zeros, zeros)]
    for year in years[1:]:
        resettled = np.array([float(moved.get((u, year), 0.0)) for u in ids])
        natural = {}
        for basis in BASES:
            natural[basis] = np.round(current[basis] * rate)
            current[basis] = np.maximum(current[basis] + natural[basis] + flow + resettled, 0.0)
        frames.append(_population_rows(ids, year, current, natural["actual"], flow, resettled))
    population = pd.concat(frames, ignore_index=True)
    if arrivals is not None and not arrivals.empty:
        queue = arrivals.reindex(columns=["unit_id", "year", "wanted", "waiting"])
        population = population.merge(queue, on=["unit_id", "year"], how="left")
    else:
        population = population.assign(wanted=0.0, waiting=0.0)
    population[["wanted", "waiting"]] = population[["wanted", "waiting"]].fillna(0.0)
    return population


def _population_rows(ids, year, current, natural, migration, resettled) -> pd.DataFrame:
    return pd.DataFrame({"unit_id": ids, "year": year,
                         "pop_registered": current["registered"].copy(),
                         "pop_actual": current["actual"].copy(), "natural": natural,
                         "migration": migration, "resettled": resettled})


def yearly_migration(units: pd.DataFrame, net: pd.Series | None, scale: float) -> pd.Series:
    if net is None or scale == 0:
        return pd.Series(0.0, index=units["unit_id"])
    return (net.reindex(units["unit_id"]).fillna(0.0) * scale).round()
