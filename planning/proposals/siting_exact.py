"""The exact siting: a branch and bound on the new sites over HiGHS's strong linear relaxation.

:func:`planning.proposals.siting.solve_siting` calls :func:`branch_and_bound` for
``method="exact"``, started from the heuristic's answer; the method is described there.
"""

from __future__ import annotations

import heapq
import logging
import time

import numpy as np

from geo.i18n import _
from planning.proposals.siting_bounds import lagrangian_fixing
from planning.proposals.siting_heuristic import (
    NEAREST,
    PRICE_TOLERANCE,
    SitingModel,
    Transport,
    TransportLP,
    add_flows,
    assignment_model,
    nearest_pairs,
)
from planning.provision.highs_quiet import AssignmentError

log = logging.getLogger(__name__)

#: Weight of travel against coverage (per unit served, per ``cover_minutes`` of travel).
TIE_BREAK = 1e-6
#: The exact answer is optimal to this share of its cost (HiGHS's own default is 1e-4).
GAP_RTOL = 1e-6
#: Coverage nodes branch on the best of this many fractional sites, tried both ways.
STRONG_BRANCHING = 3
#: Flows below this share of the total demand are solver noise, not people.
NOISE_RTOL = 1e-9
#: A link row joins the relaxation when a flow passes its bound by more than this.
LINK_TOLERANCE = 1e-7


def branch_and_bound(model: SitingModel, open_sites: np.ndarray, found: Transport, *,
                      time_limit: float) -> tuple[np.ndarray, np.ndarray, float]:
    """Best-first branch and bound on the new sites' ``y``, from a first solution.

    A node is a set of ``y`` fixed to 0 or 1 and the basis of its parent. Its relaxation is
    solved, the Lagrangian bound of its duals settles more ``y`` (re-solving if that moved the
    relaxation), and its ``y`` rounded (the ``p`` largest) are assigned exactly. A node whose
    ``y`` come out whole is an open set with its optimal assignment. Otherwise it branches on
    its most fractional ``y`` (coverage: on the best of :data:`STRONG_BRANCHING` tried both
    ways, since its bounds are flat).
    """
    started = time.perf_counter()
    relaxation = _Relaxation(model, found.flows)
    rounding = TransportLP(model)
    best_sites, best_flows, best = open_sites, found.flows, found.cost
    count = len(relaxation.y_sites)
    heap = [(-np.inf, 0, np.zeros(count), np.ones(count), None)]
    pushed, nodes, floor = 1, 0, np.inf
    while heap and time.perf_counter() - started < time_limit:
        parent, __, lower, upper, basis = heapq.heappop(heap)
        if parent >= _cutoff(model, best):
            floor = min(floor, max(parent, best - GAP_RTOL * (abs(best) + 1.0)))
            continue
        nodes += 1
        node = _node(model, relaxation, lower, upper, best, basis)
        if node is None:
            continue
        bound, y, flows, lower, upper = node
        if bound >= _cutoff(model, best):
            # A node closed for covering no more whole unit counts as closed within the gap.
            floor = min(floor, max(bound, best - GAP_RTOL * (abs(best) + 1.0)))
            continue
        fractional = np.flatnonzero(np.minimum(y, 1.0 - y) > 1e-6)
        if not len(fractional):
            best_sites = model.existing.copy()
            best_sites[relaxation.y_sites] = y > 0.5
            best_flows, best = flows, bound
            continue
        rounded = model.existing.copy()
        rounded[relaxation.y_sites[np.argsort(-(y + lower), kind="stable")[:model.p]]] = True
        trial = rounding.solve(rounded)
        if trial.cost < best:
            best_sites, best_flows, best = rounded, trial.flows, trial.cost
        here = relaxation.snapshot()
        for value, child_bound, branch in _branch(model, relaxation, y, lower, upper, bound,
                                                  fractional, here):
            if not np.isfinite(child_bound):
                continue  # the count of new sites cannot be met there
            child_lower, child_upper = lower.copy(), upper.copy()
            child_lower[branch] = child_upper[branch] = value
            heapq.heappush(heap, (child_bound, pushed, child_lower, child_upper, here))
            pushed += 1
    floor = min([floor, *(entry[0] for entry in heap)])
    gap = max(0.0, (best - floor) / max(abs(best), 1e-12)) if np.isfinite(floor) else 0.0
    if heap:
        log.warning(_("The exact solve did not finish in the time allowed ({seconds:.0f} s of "
                      "exact search): the best siting found is returned, within {gap:.2%} of the "
                      "optimum. Allow more time (qonys propose --time-limit SECONDS; in Python, "
                      "time_limit=) or use the heuristic (--method heuristic).",
                      seconds=time_limit, gap=gap))
    log.info("siting exact: %d nodes, cost %.9g, gap %.2g, %.2f s", nodes, best, gap,
             time.perf_counter() - started)
    return best_sites, best_flows, gap


def _branch(model: SitingModel, relaxation: _Relaxation, y: np.ndarray, lower: np.ndarray,
            upper: np.ndarray, bound: float, fractional: np.ndarray,
            here: tuple) -> list[tuple[float, float, int]]:
    """The two children (value, bound, branched ``y``) of a node."""
    order = fractional[np.argsort(-np.minimum(y, 1.0 - y)[fractional], kind="stable")]
    if model.unserved_cost != 0:
        return [(1.0, bound, order[0]), (0.0, bound, order[0])]
    best_score, children = -np.inf, []
    for branch in order[:STRONG_BRANCHING]:
        tried = []
        for value in (1.0, 0.0):
            child_lower, child_upper = lower.copy(), upper.copy()
            child_lower[branch] = child_upper[branch] = value
            solved = relaxation.solve(child_lower, child_upper, here)
            tried.append((value, np.inf if solved is None else max(bound, solved[0]), branch))
        score = min(tried[0][1], tried[1][1])
        if score > best_score:
            best_score, children = score, tried
    return children


def _cutoff(model: SitingModel, best: float) -> float:
    """Bound at or above which a node cannot hold a solution better than ``best``."""
    cutoff = best - GAP_RTOL * (abs(best) + 1.0)
    if model.unserved_cost == 0 and np.all(model.demand == np.round(model.demand)) and \
            np.all(model.capacity == np.round(model.capacity)):
        # With whole-number data every siting covers a whole number of units (its assignment
        # is a transportation problem): a node must be able to cover one more.
        covered = round(-best)
        cutoff = max(cutoff, -(covered + 1) * (1.0 - TIE_BREAK))
    return cutoff


def _node(model: SitingModel, relaxation: _Relaxation, lower: np.ndarray, upper: np.ndarray,
          best: float, basis: tuple | None) -> tuple | None:
    """Bound, ``y``, flows and the tightened ``y`` bounds of a node (None: infeasible)."""
    while True:
        solved = relaxation.solve(lower, upper, basis)
        if solved is None:
            return None
        bound, y, flows, duals = solved
        if bound >= best:
            return bound, y, flows, lower, upper
        lower, upper = lagrangian_fixing(model, relaxation.y_sites, duals, lower, upper,
                                         best=best)
        # The relaxation's optimum changes only if a settled y moved away from its value.
        if not ((y < lower - 1e-9) | (y > upper + 1e-9)).any():
            return bound, y, flows, lower, upper
        basis = None


class _Relaxation:
    """The strong linear relaxation, kept in one HiGHS model and tightened as needed.

    Rows: demand (``=``), capacity (``sum_i x_ij - C_j y_j <= 0``; ``<= C_j`` at existing
    sites), the count of new sites, and link rows ``x_ij <= min(d_i, C_j) y_j`` added only when
    a solution violates them (row generation: the others hold anyway). Columns: unserved
    amounts, ``y`` of the candidates, and flows of the pairs in use, at first each point's
    nearest sites and the first solution's pairs; a pair joins when its reduced cost is
    negative (column generation). Both loops end at the optimum over all rows and pairs.
    """

    def __init__(self, model: SitingModel, flows: np.ndarray) -> None:
        import highspy

        self.model, self.highspy = model, highspy
        n, m = model.n, model.m
        self.y_sites = np.flatnonzero(~model.existing)
        ny = len(self.y_sites)
        self.y_column = np.full(m, -1)
        self.y_column[self.y_sites] = n + np.arange(ny)
        self.upper = model.pair_upper
        self.column = np.full(len(model.point), -1)
        self.linked = model.existing[model.site].copy()  # existing sites need no link row
        self.highs = assignment_model(model, np.where(model.existing, model.capacity, 0.0))
        self.highs.addRow(model.p, model.p, 0, np.zeros(0, np.int32), np.zeros(0))  # count
        index = np.column_stack([n + self.y_sites, np.full(ny, n + m)]).ravel()
        self.highs.addCols(ny, np.zeros(ny), np.zeros(ny), np.ones(ny), 2 * ny,
                           np.arange(0, 2 * ny, 2, dtype=np.int32), index.astype(np.int32),
                           np.column_stack([-model.capacity[self.y_sites], np.ones(ny)]).ravel())
        start = np.zeros(len(model.point), dtype=bool)
        start[nearest_pairs(model, NEAREST)] = True
        self._add_columns(np.flatnonzero(start | (flows > 0)))
        self.statuses = [highspy.HighsBasisStatus(k) for k in range(5)]

    def _add_columns(self, pairs: np.ndarray) -> None:
        self.column[pairs] = add_flows(self.highs, self.model, pairs, self.upper[pairs])

    def _add_links(self, pairs: np.ndarray) -> None:
        count = len(pairs)
        self.linked[pairs] = True
        index = np.column_stack([self.column[pairs], self.y_column[self.model.site[pairs]]])
        self.highs.addRows(count, np.full(count, -self.highspy.kHighsInf), np.zeros(count),
                           2 * count, np.arange(0, 2 * count, 2, dtype=np.int32),
                           index.ravel().astype(np.int32),
                           np.column_stack([np.ones(count), -self.upper[pairs]]).ravel())

    def snapshot(self) -> tuple[np.ndarray, np.ndarray]:
        """The current basis, to start a later solve from (columns and rows only grow)."""
        basis = self.highs.getBasis()
        return (np.array([int(s) for s in basis.col_status], dtype=np.int8),
                np.array([int(s) for s in basis.row_status], dtype=np.int8))

    def _restore(self, start: tuple[np.ndarray, np.ndarray]) -> None:
        """Start from ``start``: columns added since at their lower bound, rows basic."""
        columns = np.zeros(self.highs.getNumCol(), dtype=np.int8)  # 0: at lower bound
        rows = np.ones(self.highs.getNumRow(), dtype=np.int8)  # 1: basic
        columns[:len(start[0])], rows[:len(start[1])] = start
        basis = self.highspy.HighsBasis()
        basis.col_status = [self.statuses[k] for k in columns]
        basis.row_status = [self.statuses[k] for k in rows]
        basis.valid = True
        self.highs.setBasis(basis)

    def solve(self, lower: np.ndarray, upper: np.ndarray,
              start: tuple[np.ndarray, np.ndarray] | None = None) -> tuple | None:
        """Bound, ``y``, flows (per pair) and demand duals with ``lower <= y <= upper``."""
        model, highs = self.model, self.highs
        if lower.sum() > model.p or upper.sum() < model.p:
            return None  # the count of new sites cannot be met
        if start is not None:
            self._restore(start)
        ny = len(self.y_sites)
        highs.changeColsBounds(ny, (model.n + np.arange(ny)).astype(np.int32), lower, upper)
        while True:
            highs.run()
            if highs.getModelStatus() != self.highspy.HighsModelStatus.kOptimal:
                msg = _("The HiGHS solver found no solution ({phase}): status '{status}'. This is "
                        "a program or numerical failure; report it with the "
                        "input data.", phase="relaxation",
                         status=highs.modelStatusToString(highs.getModelStatus()))
                raise AssignmentError(msg)
            solution = highs.getSolution()
            values, duals = np.asarray(solution.col_value), np.asarray(solution.row_dual)
            opened = np.zeros(model.m)
            opened[self.y_sites] = values[model.n:model.n + ny]
            used = np.flatnonzero(self.column >= 0)
            flows = np.zeros(len(model.point))
            flows[used] = values[self.column[used]]
            violated = np.flatnonzero(~self.linked & (flows > self.upper * opened[model.site]
                                                      + LINK_TOLERANCE))
            reduced = model.cost - duals[model.point] - duals[model.n + model.site]
            entering = np.flatnonzero((self.column < 0) & (reduced < -PRICE_TOLERANCE))
            if not len(violated) and not len(entering):
                break
            if len(violated):
                self._add_links(violated)
            if len(entering):
                self._add_columns(entering)
        bound = float(highs.getInfo().objective_function_value)
        return bound, opened[self.y_sites], np.clip(flows, 0.0, None), duals[:model.n]
