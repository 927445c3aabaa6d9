"""Where to build new schools, kindergartens or clinics: capacitated facility siting.

Given demand at points, candidate sites with capacities (some of them existing facilities,
always open) and travel minutes, :func:`solve_siting` opens ``p`` new sites and assigns the
demand, by one of two objectives:

* ``p_median``, the capacitated p-median: minimise ``sum c_ij x_ij + U sum u_i`` subject to
  ``sum_j x_ij + u_i = d_i`` (demand is served or left unserved at ``U`` minutes a unit),
  ``sum_i x_ij <= C_j y_j`` (capacity), ``x_ij <= min(d_i, C_j) y_j`` (the strong link, which
  tightens the linear relaxation), ``y_j = 1`` at existing sites and ``sum y_j = p`` over the
  new ones; ``y`` binary, ``x`` continuous (a point's demand may split between sites);
* ``coverage``, the capacitated maximal coverage: maximise the demand served within
  ``cover_minutes`` under the same constraints. Among assignments that cover as much, less
  travel wins: a unit served over ``c`` minutes counts ``1 - TIE_BREAK * c / cover_minutes``,
  so at most a millionth of the coverage could ever be traded for shorter trips. Demand is
  served only within ``cover_minutes``; the rest is reported unserved.

Methods: ``heuristic`` is greedy adding and swaps with exact assignments
(:mod:`planning.proposals.siting_heuristic`). ``exact`` is HiGHS's own MIP up to
:data:`MIP_MAX_LINKS` link rows (:mod:`planning.proposals.siting_mip`: the size of a region's
problem in ``qonys propose``, which it proves in about a second), and above that a branch and
bound on the new sites
(:mod:`planning.proposals.siting_exact`), started from the heuristic's answer: HiGHS solves the
strong linear relaxation at every node (link rows and pairs added as needed), a Lagrangian bound
from its duals settles most candidates, the node's ``y`` rounded gives new solutions, and branches
close when their bound reaches the best cost less :data:`~planning.proposals.siting_exact.GAP_RTOL`.
On the benchmark (bench/siting.py) it proves 1000 points x 150 sites in seconds where HiGHS's own
MIP on the same formulation did not finish in two minutes. ``auto`` is exact up to
:data:`EXACT_MAX_PAIRS` allowed pairs, else heuristic.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse

from geo.errors import MissingDependencyError, QonysError
from geo.i18n import _
from planning.proposals.siting_exact import (
    NOISE_RTOL,
    TIE_BREAK,
    branch_and_bound,
)
from planning.proposals.siting_heuristic import (
    SitingModel,
    TransportLP,
    greedy_swap,
    knapsack,
)
from planning.proposals.siting_mip import link_count, mip_siting

log = logging.getLogger(__name__)

OBJECTIVES = ("p_median", "coverage")
METHODS = ("auto", "exact", "heuristic")
#: ``auto`` solves exactly up to this many allowed pairs (of a point with demand and a site
#: with capacity; for the coverage, within ``cover_minutes``).
EXACT_MAX_PAIRS = 150_000
#: Share of the exact solve's time limit that its first solution (the heuristic) may take.
HEURISTIC_SHARE = 0.25
#: The exact method is HiGHS's own MIP (:mod:`planning.proposals.siting_mip`) up to this many
#: link rows (pairs at candidate sites), our branch and bound above: HiGHS proves the demo's
#: problems (up to 1,830 links) in about a second where the branch and bound stops at its time
#: limit, and takes at most a second more than it on the benchmark's cases of up to 5,000.
MIP_MAX_LINKS = 5_000


class SitingInputError(QonysError, ValueError):
    """The arrays or options given to :func:`solve_siting` do not describe a siting problem.

    ``problems`` lists every problem found, one message each; the message joins them.
    """

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = list(problems or [])


@dataclass(frozen=True)
class SitingResult:
    """New sites opened and demand assigned.

    Attributes
    ----------
    opened
        (m,) bool: the new sites opened (existing sites are open too and are not marked).
    flows
        ``point``, ``site`` (positions), ``amount`` (> 0) and ``minutes``, one row per pair that
        carries demand, sorted by point then site.
    served, unserved
        (n,) demand served (for the coverage: within ``cover_minutes``) and left unserved.
    objective
        p-median: ``sum(minutes * amount) + unserved_minutes * sum(unserved)``; coverage: the
        demand served within ``cover_minutes``.
    method
        ``"exact"`` or ``"heuristic"``.
    mip_gap
        Relative gap between the cost and the lowest bound left (0 when proven; NaN for the
        heuristic).
    seconds
        Wall time of the solve.
    """

    opened: np.ndarray
    flows: pd.DataFrame
    served: np.ndarray
    unserved: np.ndarray
    objective: float
    method: str
    mip_gap: float
    seconds: float


def solve_siting(*, demand: np.ndarray, capacity: np.ndarray, existing: np.ndarray,
                 minutes: np.ndarray | scipy.sparse.sparray | scipy.sparse.spmatrix, p: int,
                 objective: str = "p_median", cover_minutes: float | None = None,
                 unserved_minutes: float | None = None, method: str = "auto",
                 time_limit: float = 60.0) -> SitingResult:
    """Open ``p`` new sites and assign demand to them and to the existing sites.

    Parameters
    ----------
    demand
        (n,) demand at each point (persons, places), >= 0.
    capacity
        (m,) capacity of each site if open, in the same unit, >= 0.
    existing
        (m,) bool: existing facilities, always open.
    minutes
        (n, m) travel minutes. Dense: ``np.inf`` marks a pair that is not allowed. Sparse
        (any scipy sparse matrix or array): only stored entries are allowed (a stored 0 is a
        0-minute trip).
    p
        Number of new sites to open among the others. If there are fewer, all are opened and
        a warning is logged.
    objective
        ``"p_median"`` or ``"coverage"`` (see the module docstring).
    cover_minutes
        Required for the coverage: a point is covered by a site within this many minutes.
    unserved_minutes
        p-median only: cost of a unit of demand left unserved, in minutes. Default: twice the
        largest allowed minutes (at least 1), so that demand goes unserved only when no open
        site within reach has room; with a smaller value, points farther than it stay unserved.
    method
        ``"exact"``, ``"heuristic"`` or ``"auto"``: exact when at most
        :data:`EXACT_MAX_PAIRS` (150,000) pairs can carry demand (a point with demand, a site
        with capacity, within ``cover_minutes`` or ``unserved_minutes``), else heuristic.
    time_limit
        Seconds for the solver. An exact solve that runs out returns its best sites with the
        gap reached and logs a warning.

    Returns
    -------
    SitingResult

    Raises
    ------
    SitingInputError
        Every problem of the input at once: shapes, negative or missing values, ``p < 0``, an
        unknown objective or method, coverage without ``cover_minutes``.
    MissingDependencyError
        highspy is not installed.

    Examples
    --------
    Points at 0, 10 and 20 minutes along a road, candidate sites at the first two: the one
    site to open is the middle one, where most demand is (1 x 10 + 1 x 10 minutes).

    >>> minutes = np.array([[0.0, 10.0], [10.0, 0.0], [20.0, 10.0]])
    >>> result = solve_siting(demand=np.array([1.0, 5.0, 1.0]), capacity=np.array([9.0, 9.0]),
    ...                       existing=np.array([False, False]), minutes=minutes, p=1)
    >>> result.opened.tolist(), round(result.objective, 6)
    ([False, True], 20.0)
    """
    started = time.perf_counter()
    demand, capacity, existing = _check(demand=demand, capacity=capacity, existing=existing,
                                        minutes=minutes, p=p, objective=objective,
                                        cover_minutes=cover_minutes,
                                        unserved_minutes=unserved_minutes, method=method,
                                        time_limit=time_limit)
    try:
        import highspy  # noqa: F401
    except ImportError as exc:
        raise MissingDependencyError(_("Facility siting needs the highspy package (the HiGHS "
                                       "solver). Install it with: pip install highspy.")) from exc
    model, unserved = _model(demand, capacity, existing, minutes, p=p, objective=objective,
                             cover_minutes=cover_minutes, unserved_minutes=unserved_minutes)
    if method == "auto":
        method = "exact" if len(model.point) <= EXACT_MAX_PAIRS else "heuristic"
    if method == "exact" and model.p in (0, int((~existing).sum())):
        # Nothing to choose: every candidate or none, and the assignment is optimal.
        open_sites = existing | (~existing & (model.p > 0))
        open_sites, flows, gap = open_sites, TransportLP(model).solve(open_sites).flows, 0.0
    elif method == "exact" and link_count(model) <= MIP_MAX_LINKS:
        open_sites = first_guess(model)
        found = TransportLP(model).solve(open_sites)
        open_sites, flows, gap = mip_siting(model, open_sites, found, time_limit=time_limit)
    else:
        budget = HEURISTIC_SHARE * time_limit if method == "exact" else time_limit
        open_sites, found = greedy_swap(model, time_limit=budget)
        flows, gap = found.flows, float("nan")
        if method == "exact":
            remaining = time_limit - (time.perf_counter() - started)
            open_sites, flows, gap = branch_and_bound(model, open_sites, found,
                                                       time_limit=remaining)
    return _result(model, open_sites, flows, objective=objective, unserved_cost=unserved,
                   method=method, mip_gap=gap, seconds=time.perf_counter() - started)


def _model(demand: np.ndarray, capacity: np.ndarray, existing: np.ndarray,
           minutes: np.ndarray | scipy.sparse.sparray | scipy.sparse.spmatrix, *, p: int,
           objective: str, cover_minutes: float | None,
           unserved_minutes: float | None) -> tuple[SitingModel, float]:
    """The allowed pairs that can carry demand, their costs, and the unserved minutes."""
    if scipy.sparse.issparse(minutes):
        coo = scipy.sparse.coo_array(minutes)
        point, site, travel = coo.row, coo.col, np.asarray(coo.data, dtype=float)
        first = np.lexsort((travel, site, point))  # a pair stored twice keeps its least
        keep = np.ones(len(first), dtype=bool)
        keep[1:] = (np.diff(point[first]) != 0) | (np.diff(site[first]) != 0)
        point, site, travel = point[first[keep]], site[first[keep]], travel[first[keep]]
    else:
        dense = np.asarray(minutes, dtype=float)
        point, site = np.nonzero(np.isfinite(dense))
        travel = dense[point, site]
    if unserved_minutes is None:
        finite = travel[np.isfinite(travel)]
        unserved_minutes = max(2.0 * float(finite.max()) if len(finite) else 0.0, 1.0)
    useful = np.isfinite(travel) & (demand[point] > 0) & (capacity[site] > 0)
    # A pair farther than the unserved cost (or the cover) can never help.
    useful &= travel <= (cover_minutes if objective == "coverage" else unserved_minutes)
    order = np.flatnonzero(useful)[np.lexsort((point[useful], site[useful]))]
    point, site, travel = point[order].astype(np.int64), site[order].astype(np.int64), \
        travel[order]
    if objective == "coverage":
        cost, unserved_cost = -1.0 + TIE_BREAK * travel / cover_minutes, 0.0
    else:
        cost, unserved_cost = travel, float(unserved_minutes)
    candidates = int((~existing).sum())
    if p > candidates:
        log.warning(_("{p} new sites were asked for but there are only {candidates} candidates "
                      "(sites that are not existing facilities): "
                      "all of them are opened.", p=p, candidates=candidates))
    model = SitingModel(point=point, site=site, minutes=travel, cost=cost, demand=demand,
                        capacity=capacity, existing=existing, p=min(p, candidates),
                        unserved_cost=unserved_cost)
    log.info("siting: %d points, %d sites (%d existing), %d pairs, p=%d, %s, unserved at %g",
             model.n, model.m, int(existing.sum()), len(point), model.p, objective,
             unserved_cost)
    return model, float(unserved_minutes) if objective == "p_median" else 0.0


def first_guess(model: SitingModel) -> np.ndarray:
    """The existing sites and the ``p`` candidates that could save the most on their own.

    A candidate's saving is the most its capacity can buy against leaving demand unserved
    (:func:`~planning.proposals.siting_heuristic.knapsack`), as if no other site were open:
    a first incumbent for HiGHS's MIP in a few milliseconds, where the greedy adding would
    solve ``p`` assignments.
    """
    saving = knapsack(model.unserved_cost - model.cost, model.point, model.site, model)
    candidates = np.flatnonzero(~model.existing)
    open_sites = model.existing.copy()
    open_sites[candidates[np.argsort(-saving[candidates], kind="stable")[:model.p]]] = True
    return open_sites


def _result(model: SitingModel, open_sites: np.ndarray, flows: np.ndarray, *, objective: str,
            unserved_cost: float, method: str, mip_gap: float, seconds: float) -> SitingResult:
    """The result from the open sites and the flow on each pair of the model."""
    carried = flows > NOISE_RTOL * max(float(model.demand.sum()), 1.0)
    point, site = model.point[carried], model.site[carried]
    amount, travel = flows[carried], model.minutes[carried]
    order = np.lexsort((site, point))
    table = pd.DataFrame({"point": point[order], "site": site[order], "amount": amount[order],
                          "minutes": travel[order]})
    served = np.minimum(np.bincount(point, amount, minlength=model.n), model.demand)
    unserved = np.clip(model.demand - served, 0.0, None)
    value = float(served.sum()) if objective == "coverage" else \
        float(travel @ amount + unserved_cost * unserved.sum())
    opened = open_sites & ~model.existing
    log.info("siting (%s): %d new sites opened, objective %.9g, %.2f s", method,
             int(opened.sum()), value, seconds)
    return SitingResult(opened=opened, flows=table, served=served, unserved=unserved,
                        objective=value, method=method, mip_gap=mip_gap, seconds=seconds)


def _check(**given: object) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Demand, capacity and existing as arrays; raise every problem of the input at once."""
    problems: list[str] = []
    amounts = {}
    for what in ("demand", "capacity"):
        try:
            array = np.asarray(given[what], dtype=float)
        except (TypeError, ValueError):
            problems.append(_("{what}: the values are not numbers. Pass a numeric "
                              "array.", what=what))
            continue
        if array.ndim != 1:
            problems.append(_("{what}: expected a one-dimensional array (one value per point or "
                              "site), got shape {shape}.",
                              what=what, shape=array.shape))
            continue
        amounts[what] = array
        bad = np.flatnonzero(~np.isfinite(array) | (array < 0))
        if len(bad):
            problems.append(_("{what}: {count} values are negative or not finite (the first is "
                              "{value} at position {position}). Demand and capacities must be "
                              "finite and at least zero.", what=what, count=len(bad),
                               position=int(bad[0]), value=array[bad[0]]))
    n, m = (len(amounts[w]) if w in amounts else size
            for w, size in (("demand", "n"), ("capacity", "m")))
    existing = np.asarray(given["existing"])
    if existing.ndim != 1 or (isinstance(m, int) and len(existing) != m):
        problems.append(_("existing: expected a one-dimensional array of length {m} (one flag per "
                          "site), got shape {shape}.", shape=existing.shape, m=m))
    elif existing.dtype != bool and not np.isin(existing, (0, 1)).all():
        problems.append(_("existing: only True/False (or 1/0) are allowed: an existing facility "
                          "or not."))
    _check_minutes(given["minutes"], n, m, problems)
    p, objective = given["p"], given["objective"]
    if isinstance(p, bool) or not isinstance(p, int | np.integer) or p < 0:
        problems.append(_("p = {p}: the number of new sites must be a whole number of at least "
                          "zero.", p=p))
    for what, choices in (("objective", OBJECTIVES), ("method", METHODS)):
        if given[what] not in choices:
            problems.append(_("{what} = '{value}' is not supported: choose one of {choices}.",
                              what=what, value=given[what],
                               choices=", ".join(choices)))
    if objective == "coverage" and given["cover_minutes"] is None:
        problems.append(_("The coverage objective needs cover_minutes: the minutes within which a "
                          "point counts as covered (for example 10)."))
    for what in ("cover_minutes", "unserved_minutes", "time_limit"):
        value = given[what]
        try:
            number = None if value is None else float(value)
        except (TypeError, ValueError):
            number = np.nan
        # Travel and time limits must be positive; a zero unserved cost is allowed.
        if number is not None and not (np.isfinite(number) and (
                number > 0 or (number == 0 and what == "unserved_minutes"))):
            problems.append(_("{what} = {value}: a finite positive number is needed "
                              "(unserved_minutes may also be zero).", what=what, value=value))
    if problems:
        msg = _("The facility siting problem is not well defined ({count} "
                "problem(s)):\n{problems}", count=len(problems),
                 problems="\n".join(f"- {problem}" for problem in problems))
        raise SitingInputError(msg, problems)
    return amounts["demand"], amounts["capacity"], existing.astype(bool)


def _check_minutes(minutes: object, n: int | str, m: int | str, problems: list[str]) -> None:
    if scipy.sparse.issparse(minutes):
        shape, values = minutes.shape, np.asarray(minutes.tocoo().data, dtype=float)
    else:
        try:
            values = np.asarray(minutes, dtype=float)
        except (TypeError, ValueError):
            problems.append(_("{what}: the values are not numbers. Pass a "
                              "numeric array.", what="minutes"))
            return
        shape = values.shape
    if len(shape) != 2 or any(isinstance(want, int) and got != want
                              for got, want in zip(shape, (n, m), strict=True)):
        problems.append(_("minutes: expected a {n} × {m} matrix (points × sites), got shape "
                          "{shape}.", shape=shape, n=n, m=m))
    bad = np.isnan(values) | (values < 0)
    if bad.any():
        problems.append(_("minutes: {count} values are missing (NaN) or negative (the first is "
                          "{value}). Mark a pair that is not allowed with np.inf (or leave it out "
                          "of a sparse matrix).", count=int(bad.sum()),
                           value=values[bad].ravel()[0]))










