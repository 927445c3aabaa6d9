"""The radiation model of flows (Simini, González, Maritan and Barabási, Nature 484, 2012).

A mover from place ``i`` (population ``m_i``) goes to ``j`` (``n_j``) with probability

    p_ij = m_i n_j / ((m_i + s_ij) (m_i + n_j + s_ij))

where ``s_ij`` is the population within ``d_ij`` of ``i`` other than ``i`` and ``j``: the
nearer opportunities a mover passes. It has no parameter but the number of movers: here
``T_i = rate x m_i`` leave ``i`` a year. In a finite system the ``p_ij`` of one origin add up to
``1 - m_i / M`` (``M`` the total population), so they are divided by it (Masucci et al., Phys.
Rev. E 88, 2013): every mover goes somewhere in the system. ``rate`` is the one figure fitted
(:func:`fit_rate`), by least squares of the model's net migration against the observed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def radiation_probabilities(population: np.ndarray, distance: np.ndarray, *,
                            normalised: bool = True) -> np.ndarray:
    """``p_ij`` of the radiation model (zero on the diagonal).

    Parameters
    ----------
    population
        Population of each place, length ``n``.
    distance
        ``n x n`` distances between the places (any unit; only their order matters).
    normalised
        Divide by ``1 - m_i / M`` so that each row adds up to 1.

    Examples
    --------
    Three places on a line at 0, 1 and 3 km with 100, 50 and 200 residents: from the first,
    1/3 to the second (no one in between) and 100·200 / (150·350) = 8/21 to the third (the
    second's 50 are passed on the way); together 5/7 = 1 - 100/350.

    >>> x = np.array([0.0, 1.0, 3.0])
    >>> p = radiation_probabilities(np.array([100.0, 50.0, 200.0]),
    ...                             np.abs(x[:, None] - x[None, :]), normalised=False)
    >>> [round(float(v) * 21, 6) for v in p[0]]
    [0.0, 7.0, 8.0]
    """
    m = np.asarray(population, dtype=float)
    d = np.asarray(distance, dtype=float)
    n = len(m)
    p = np.zeros((n, n))
    for i in range(n):
        others = np.arange(n) != i
        for j in np.flatnonzero(others):
            passed = others & (np.arange(n) != j) & (d[i] <= d[i, j])
            s = m[passed].sum()
            p[i, j] = m[i] * m[j] / ((m[i] + s) * (m[i] + m[j] + s))
    if normalised:
        p /= (1.0 - m / m.sum())[:, None]
    return p


def radiation_net(population: np.ndarray, distance: np.ndarray, *, rate: float = 1.0,
                  probabilities: np.ndarray | None = None) -> np.ndarray:
    """Net migration of each place (arrivals minus departures) when ``rate x m_i`` leave ``i``.

    ``probabilities``: :func:`radiation_probabilities` of ``population`` and ``distance`` if
    already worked out (they do not depend on ``rate``).

    Examples
    --------
    The three places above with a tenth leaving a year: 41/9, 9 and -122/9 persons.

    >>> x = np.array([0.0, 1.0, 3.0])
    >>> net = radiation_net(np.array([100.0, 50.0, 200.0]), np.abs(x[:, None] - x[None, :]),
    ...                     rate=0.1)
    >>> [round(float(v) * 9, 6) for v in net]
    [41.0, 81.0, -122.0]
    """
    m = np.asarray(population, dtype=float)
    if probabilities is None:
        probabilities = radiation_probabilities(m, distance)
    flows = (rate * m)[:, None] * probabilities
    return flows.sum(axis=0) - flows.sum(axis=1)


def fit_rate(unit_nets: list[np.ndarray], observed: list[np.ndarray]) -> float:
    """The ``rate`` that makes ``rate x unit_net`` closest to ``observed`` (least squares).

    ``unit_nets`` are :func:`radiation_net` with ``rate=1`` for each year of the fit;
    ``observed`` the same years' net migration, NaN where not known (left out).

    Examples
    --------
    >>> fit_rate([np.array([1.0, -1.0])], [np.array([2.0, np.nan])])
    2.0
    """
    x = np.concatenate(unit_nets)
    y = np.concatenate(observed)
    known = np.isfinite(y) & np.isfinite(x)
    denominator = float((x[known] ** 2).sum())
    if denominator == 0:
        return 0.0
    return float((x[known] * y[known]).sum() / denominator)


def radiation_frame(population: pd.Series, distance: pd.DataFrame, *, rate: float) -> pd.Series:
    """:func:`radiation_net` of regions by code (``population`` and ``distance`` by code)."""
    codes = list(population.index)
    net = radiation_net(population.to_numpy(float),
                        distance.loc[codes, codes].to_numpy(float), rate=rate)
    return pd.Series(net, index=population.index, name="net_migration")
