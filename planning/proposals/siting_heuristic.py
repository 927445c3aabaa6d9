"""Greedy-and-swap heuristic of capacitated facility siting, and the assignment it rests on.

:mod:`planning.proposals.siting` states the problem and owns the exact solver; this module owns what
both share: :class:`SitingModel` (the problem reduced to its allowed pairs), :class:`TransportLP`
(the capacitated assignment for a given set of open sites, a transportation linear program
solved by HiGHS) and the Lagrangian bounds built from an assignment's prices.

The heuristic is Teitz and Bart's vertex substitution with a capacitated assignment. Existing
sites stay open. Greedy adding opens, one at a time, the new site that promises the largest
saving; then swaps (close one new site, open another) are made while one lowers the cost.
Every move is judged by an exact assignment, so the reported cost is the true cost of the
reported sites. What keeps it fast:

* a swap is screened by a Lagrangian bound: with the capacity prices ``pi`` of the current
  assignment (its duals), the cost of any open set ``S`` is at least
  ``sum_i d_i min(U, min_{l in S} c_il + pi_l) - sum_{l in S} C_l pi_l``; for the site a swap
  opens, the best price is a fractional knapsack (fill its capacity with the points that save
  most). All swaps are bounded at once with numpy;
* swaps are solved in the order of their bounds. Before the first swap that closes a site is
  solved, the closing alone is solved and the bounds of that row are recomputed from its prices
  (much sharper); rows so refined are remembered across passes;
* a site is swapped only for one of its :data:`NEIGHBOURS` nearest candidates (those sharing
  the most points among their nearest sites) or for one of the :data:`GLOBAL_SWAPS` best bounds
  overall: on the benchmark cases the improving swaps late in the search are local;
* the assignment starts with each point's :data:`NEAREST` nearest sites and lets the other
  pairs join by column generation; a swap is tried without generation (an upper bound of its
  cost, so an improvement found is real) from the current optimal basis.

The coverage objective has wide plateaus (many open sets cover as much), where swaps stall:
its search restarts :data:`KICKS` times from the best sites with one of the least used new
sites replaced, and keeps the best result.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

import numpy as np
import scipy.sparse

from geo.i18n import _
from planning.provision.highs_quiet import AssignmentError, quiet_highs

log = logging.getLogger(__name__)

#: Pairs of each point with its nearest sites that the assignment starts from.
NEAREST = 8
#: A new site is swapped for one of this many nearest candidates ...
NEIGHBOURS = 5
#: ... or for a site of one of this many best bounds overall.
GLOBAL_SWAPS = 3
#: Coverage: restarts from the local optimum with one of its least used new sites replaced.
KICKS = 2
#: Assignments solved per swap pass, at most.
MAX_SOLVES = 200
#: A move must lower the cost by this share of it: smaller changes are solver noise or, for
#: the coverage, the travel tie-break alone.
IMPROVE_RTOL = 1e-6
#: A pair joins the assignment when its reduced cost is below minus this.
PRICE_TOLERANCE = 1e-7


@dataclass(frozen=True)
class SitingModel:
    """The siting problem as the solvers see it: allowed pairs and costs to minimise.

    Attributes
    ----------
    point, site
        Positions of the allowed pairs (int64), sorted by site then point.
    minutes
        Travel minutes of each pair.
    cost
        Cost of one unit of demand served over the pair (minimised): the minutes for the
        p-median, ``-(1 - TIE_BREAK * minutes / cover_minutes)`` for the coverage.
    demand, capacity, existing
        Per point and per site, as given.
    p
        New sites to open (at most the number of candidates).
    unserved_cost
        Cost of one unit left unserved: ``unserved_minutes`` (p-median) or 0 (coverage).
    """

    point: np.ndarray
    site: np.ndarray
    minutes: np.ndarray
    cost: np.ndarray
    demand: np.ndarray
    capacity: np.ndarray
    existing: np.ndarray
    p: int
    unserved_cost: float

    @property
    def n(self) -> int:
        return len(self.demand)

    @property
    def m(self) -> int:
        return len(self.capacity)

    @property
    def pair_upper(self) -> np.ndarray:
        """Most a pair can carry: its point's demand or its site's capacity."""
        return np.minimum(self.demand[self.point], self.capacity[self.site])


@dataclass(frozen=True)
class Transport:
    """An optimal assignment: ``cost`` (the model's objective), ``flows`` on each pair of the
    model and the capacity ``prices`` of the sites (duals, >= 0; 0 at closed sites)."""

    cost: float
    flows: np.ndarray
    prices: np.ndarray


class TransportLP:
    """The capacitated assignment for a set of open sites, a HiGHS model kept between calls.

    Rows: each point's flows plus its unserved amount equal its demand; each site's flows stay
    within its capacity. Columns: the unserved amounts, then flows of the pairs in use: each
    point's :data:`NEAREST` nearest sites, and any pair of an open site that joins by column
    generation. A closed site's flows get upper bound 0, so HiGHS restarts from the last basis.
    """

    def __init__(self, model: SitingModel) -> None:
        import highspy  # planning.proposals.siting checked that it is installed

        self.model, self.highspy = model, highspy
        self.upper = model.pair_upper
        self.column = np.full(len(model.point), -1)  # column of each pair, -1: not in use
        self.open = np.zeros(model.m, dtype=bool)
        self.highs = assignment_model(model, model.capacity)
        if model.unserved_cost == 0:
            # The coverage is highly degenerate: the primal simplex is about 3x faster on it.
            self.highs.setOptionValue("simplex_strategy", 4)
        self.near = np.zeros(len(model.point), dtype=bool)
        self.near[nearest_pairs(model, NEAREST)] = True
        self._add(np.flatnonzero(self.near))

    def _add(self, pairs: np.ndarray) -> None:
        """Add the flows of ``pairs`` as columns (open at their sites' current state)."""
        upper = np.where(self.open[self.model.site[pairs]], self.upper[pairs], 0.0)
        self.column[pairs] = add_flows(self.highs, self.model, pairs, upper)

    def solve(self, open_sites: np.ndarray, *, price: bool = True) -> Transport:
        """The optimal assignment when exactly the sites marked in ``open_sites`` are open.

        With ``price=False`` no pair joins: the assignment is optimal over the pairs in use, and
        its cost an upper bound of the true one.
        """
        model = self.model
        at_open = open_sites[model.site]
        changed = np.flatnonzero((at_open != self.open[model.site]) & (self.column >= 0))
        self.open = open_sites.copy()
        if len(changed):
            upper = np.where(at_open[changed], self.upper[changed], 0.0)
            self.highs.changeColsBounds(len(changed), self.column[changed].astype(np.int32),
                                        np.zeros(len(changed)), upper)
        outside = np.flatnonzero(at_open & (self.column < 0))
        while True:
            self.highs.run()
            status = self.highs.getModelStatus()
            if status != self.highspy.HighsModelStatus.kOptimal:
                msg = _("The HiGHS solver found no solution ({phase}): status '{status}'. This is "
                        "a program or numerical failure; report it with the "
                        "input data.", phase="assignment",
                         status=self.highs.modelStatusToString(status))
                raise AssignmentError(msg)
            duals = np.asarray(self.highs.getSolution().row_dual)
            reduced = (model.cost[outside] - duals[model.point[outside]]
                       - duals[model.n + model.site[outside]])
            entering = reduced < -PRICE_TOLERANCE
            if not price or not entering.any():
                break
            self._add(outside[entering])
            outside = outside[~entering]
        values = np.asarray(self.highs.getSolution().col_value)
        flows = np.zeros(len(model.point))
        used = self.column >= 0
        flows[used] = np.clip(values[self.column[used]], 0.0, None)
        # HiGHS gives a <= row of a minimisation a dual <= 0: the price is its negative.
        prices = np.clip(-duals[model.n:], 0.0, None) * open_sites
        return Transport(float(self.highs.getInfo().objective_function_value), flows, prices)


def assignment_model(model: SitingModel, capacity: np.ndarray) -> object:
    """A HiGHS model with each point's demand row (``=``), each site's capacity row
    (``<= capacity``) and each point's unserved amount (columns 0 to n - 1)."""
    import highspy

    n, m = model.n, model.m
    highs = quiet_highs(highspy)
    highs.addRows(n + m, np.concatenate([model.demand, np.full(m, -highspy.kHighsInf)]),
                  np.concatenate([model.demand, capacity]), 0, np.zeros(0, np.int32),
                  np.zeros(0, np.int32), np.zeros(0))
    highs.addCols(n, np.full(n, model.unserved_cost), np.zeros(n), model.demand, n,
                  np.arange(n, dtype=np.int32), np.arange(n, dtype=np.int32), np.ones(n))
    return highs


def add_flows(highs: object, model: SitingModel, pairs: np.ndarray,
              upper: np.ndarray) -> np.ndarray:
    """Add a flow column per pair (in its point's and its site's rows); return the columns."""
    count = len(pairs)
    first = highs.getNumCol()
    index = np.column_stack([model.point[pairs], model.n + model.site[pairs]]).ravel()
    highs.addCols(count, model.cost[pairs], np.zeros(count), upper, 2 * count,
                  np.arange(0, 2 * count, 2, dtype=np.int32), index.astype(np.int32),
                  np.ones(2 * count))
    return first + np.arange(count)


def nearest_pairs(model: SitingModel, count: int) -> np.ndarray:
    """The pairs of each point with its ``count`` nearest sites (fewest minutes)."""
    order = np.lexsort((model.site, model.minutes, model.point))
    first = np.searchsorted(model.point[order], model.point[order], side="left")
    return np.sort(order[np.arange(len(order)) - first < count])


def greedy_swap(model: SitingModel, *, time_limit: float) -> tuple[np.ndarray, Transport]:
    """Open ``model.p`` new sites by greedy adding then swaps; return them and their assignment.

    Parameters
    ----------
    model
        The problem.
    time_limit
        Seconds after which no further swap is tried (the best sites so far are returned).

    Returns
    -------
    tuple
        The open sites (existing and new, bool of length m) and their optimal assignment.
    """
    start = time.perf_counter()
    lp = TransportLP(model)
    open_sites = model.existing.copy()
    current = lp.solve(open_sites, price=False)
    for __ in range(model.p):
        # The bound of opening each site; for the p-median only from its pairs with the points
        # it is near (all its pairs cost more than the assignment; the coverage has few).
        bound = _bounds(model, open_sites, current, close=[None],
                        near=lp.near if model.unserved_cost else None)[0]
        bound[open_sites] = np.inf
        open_sites[int(np.argmin(bound))] = True
        current = lp.solve(open_sites, price=False)
    best_sites, best = open_sites, lp.solve(open_sites)
    neighbours = _neighbours(model, lp.near)
    solves = 0
    kicks = KICKS if model.unserved_cost == 0 else 0  # the coverage's plateaus trap it more
    for kick in range(kicks + 1):
        open_sites, current = best_sites, best
        if kick:  # replace the kick-th least used new site by the best other one, go on
            new = np.flatnonzero(open_sites & ~model.existing)
            if len(new) < kick or (~open_sites & ~model.existing).sum() <= kick:
                break
            load = np.bincount(model.site, current.flows, minlength=model.m)[new]
            open_sites = open_sites.copy()
            open_sites[new[np.argsort(load, kind="stable")[kick - 1]]] = False
            bound = _bounds(model, open_sites, current, close=[None])[0]
            bound[best_sites] = np.inf
            open_sites[int(np.argmin(bound))] = True
            current = lp.solve(open_sites)
        memory: dict[int, np.ndarray] = {}  # a closing's refined bounds, by the site closed
        while time.perf_counter() - start < time_limit:
            better, used = _best_swap(model, lp, open_sites, current, memory, neighbours)
            solves += used
            if better is None:
                break
            gain = current.cost - better[1].cost
            open_sites, current = better
            memory = {j: row - gain for j, row in memory.items() if open_sites[j]}
        if current.cost < best.cost - IMPROVE_RTOL * (abs(best.cost) + 1.0):
            best_sites, best = open_sites, current
    log.info("siting heuristic: %d assignments solved in swaps, cost %.9g, %.2f s", solves,
             best.cost, time.perf_counter() - start)
    return best_sites, best


def _best_swap(model: SitingModel, lp: TransportLP, open_sites: np.ndarray,
               current: Transport, memory: dict[int, np.ndarray], neighbours: np.ndarray
               ) -> tuple[tuple[np.ndarray, Transport] | None, int]:
    """The first swap found that lowers the cost (or None), and the assignments solved."""
    candidates = ~model.existing
    opened = np.flatnonzero(open_sites & candidates)
    closed = np.flatnonzero(~open_sites & candidates)
    if not len(opened) or not len(closed):
        return None, 0
    bounds = _bounds(model, open_sites, current, close=list(opened))
    refined = np.array([j in memory for j in opened], dtype=bool)
    for row in np.flatnonzero(refined):
        bounds[row] = np.maximum(bounds[row], memory[opened[row]])
    bounds = bounds[:, closed]
    allowed = neighbours[np.ix_(opened, closed)]
    allowed.flat[np.argsort(bounds, axis=None, kind="stable")[:GLOBAL_SWAPS]] = True
    bounds[~allowed] = np.inf
    tolerance = IMPROVE_RTOL * (abs(current.cost) + 1.0)
    basis = lp.highs.getBasis()  # every trial starts from the current optimum
    solves = 0
    while solves < MAX_SOLVES:
        flat = int(np.argmin(bounds))
        if bounds.flat[flat] >= current.cost - tolerance:
            break
        out, into = divmod(flat, len(closed))
        trial_sites = open_sites.copy()
        trial_sites[opened[out]] = False
        lp.highs.setBasis(basis)
        solves += 1
        if not refined[out]:  # solve the closing alone; its prices bound the row sharper
            refined[out] = True
            dropped = lp.solve(trial_sites, price=False)
            sharper = _bounds(model, trial_sites, dropped, close=[None])[0]
            memory[int(opened[out])] = sharper
            bounds[out] = np.maximum(bounds[out], sharper[closed])
            continue
        trial_sites[closed[into]] = True
        trial = lp.solve(trial_sites, price=False)
        bounds.flat[flat] = np.inf
        if trial.cost < current.cost - tolerance:
            return (trial_sites, lp.solve(trial_sites)), solves
    return None, solves


def _neighbours(model: SitingModel, near: np.ndarray) -> np.ndarray:
    """(m, m) bool: each site's :data:`NEIGHBOURS` candidates sharing most of its near points."""
    pairs = np.flatnonzero(near)
    incidence = scipy.sparse.csr_array((np.ones(len(pairs)), (model.point[pairs],
                                                               model.site[pairs])),
                                       shape=(model.n, model.m))
    shared = (incidence.T @ incidence).toarray()
    np.fill_diagonal(shared, 0.0)
    shared[:, model.existing] = 0.0
    rank = np.argsort(np.argsort(-shared, axis=1, kind="stable"), axis=1, kind="stable")
    return (rank < NEIGHBOURS) & (shared > 0)


def _bounds(model: SitingModel, open_sites: np.ndarray, current: Transport,
            close: list[int | None], near: np.ndarray | None = None) -> np.ndarray:
    """Lagrangian lower bounds of the cost after closing each ``close`` site and opening any.

    Row ``r`` bounds the open set ``open_sites - close[r] + k`` for every site ``k`` (column);
    ``None`` closes nothing. Columns of open sites are meaningless. With ``near``, only those
    pairs count for the site opened (an estimate, no longer a bound).
    """
    prices = current.prices
    best, arg, second = _best_two(model, open_sites, prices)
    base = float(model.demand @ best - model.capacity @ prices)
    shut = ~open_sites[model.site] & (model.capacity[model.site] > 0)
    if near is not None:
        shut &= near
    point, site, cost = model.point[shut], model.site[shut], model.cost[shut]
    rows = []
    for j in close:
        reach = best.copy()
        closing = 0.0
        if j is not None:
            moved = arg == j
            reach[moved] = second[moved]
            closing = float(model.demand @ (reach - best)) + model.capacity[j] * prices[j]
        rows.append(base + closing - knapsack(reach[point] - cost, point, site, model))
    return np.array(rows)


def knapsack(saving: np.ndarray, point: np.ndarray, site: np.ndarray,
             model: SitingModel) -> np.ndarray:
    """Per site, the most saving its capacity can buy: fill it with the best-saving points."""
    keep = saving > 0
    saving, point, site = saving[keep], point[keep], site[keep]
    order = np.lexsort((-saving, site))
    saving, point, site = saving[order], point[order], site[order]
    amount = model.demand[point]
    # Demand already taken by better points of the same site, then what still fits.
    before = np.cumsum(amount) - amount
    first = np.ones(len(site), dtype=bool)
    first[1:] = site[1:] != site[:-1]
    before -= np.maximum.accumulate(np.where(first, before, 0.0))
    taken = np.clip(model.capacity[site] - before, 0.0, amount)
    return np.bincount(site, taken * saving, minlength=model.m)


def _best_two(model: SitingModel, open_sites: np.ndarray,
              prices: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per point: the cheapest priced option (an open site, or unserved), that option's site
    (-1: unserved) and the cheapest option without that site."""
    keep = np.flatnonzero(open_sites[model.site])
    point, site = model.point[keep], model.site[keep]
    opened = np.flatnonzero(open_sites)
    slot = np.full(model.m, -1)
    slot[opened] = np.arange(len(opened))
    # Points x open sites, and twice the unserved option, so that both best ones exist.
    table = np.full((model.n, len(opened) + 2), np.inf)
    table[:, -2:] = model.unserved_cost
    table[point, slot[site]] = model.cost[keep] + prices[site]
    two = np.sort(np.argpartition(table, 1, axis=1)[:, :2], axis=1)
    values = np.take_along_axis(table, two, axis=1)
    flip = values[:, 1] < values[:, 0]
    two[flip], values[flip] = two[flip, ::-1], values[flip, ::-1]
    return values[:, 0], np.append(opened, [-1, -1])[two[:, 0]], values[:, 1]


