"""Exact siting of small problems by HiGHS's own MIP, started from the heuristic's answer.

Our branch and bound (:mod:`planning.proposals.siting_exact`) proves the benchmark's large
problems (up to 1,000 points x 150 sites, 150,000 pairs) where HiGHS's MIP does not finish in
two minutes. The problems ``qonys propose`` meets on a region (a few hundred demand points, a
few hundred existing facilities, about a hundred candidates, a few thousand pairs, fractional
demand) are the other way round: HiGHS's presolve and cuts prove them in about a second, while
the branch and bound's coverage bounds stay flat (0.25 % left after 120 s on the demo's
Almaty schools). :func:`mip_siting` is used up to
:data:`planning.proposals.siting.MIP_MAX_LINKS` link rows (docs/decisions.md, issue 19).

The formulation is the one :mod:`planning.proposals.siting` states, over the allowed pairs of
the :class:`~planning.proposals.siting_heuristic.SitingModel`: a flow per pair, an unserved
amount per point, ``y`` per candidate; demand rows, capacity rows ``sum_i x_ij <= C_j y_j``
(``<= C_j`` at existing sites), the strong links ``x_ij <= min(d_i, C_j) y_j`` at the
candidates and ``sum y = p``. HiGHS must prove the branch and bound's relative gap
(:data:`~planning.proposals.siting_exact.GAP_RTOL`).
"""

from __future__ import annotations

import logging
import time

import numpy as np
import scipy.sparse

from geo.i18n import _
from planning.proposals.siting_exact import GAP_RTOL
from planning.proposals.siting_heuristic import SitingModel, Transport, TransportLP
from planning.provision.highs_quiet import AssignmentError, quiet_highs

log = logging.getLogger(__name__)


def link_count(model: SitingModel) -> int:
    """Link rows of the strong formulation: the pairs at candidate sites."""
    return int((~model.existing[model.site]).sum())


def mip_siting(model: SitingModel, open_sites: np.ndarray, found: Transport, *,
               time_limit: float) -> tuple[np.ndarray, np.ndarray, float]:
    """The optimal new sites by HiGHS's MIP, started from ``open_sites`` and its assignment.

    Parameters
    ----------
    model
        The problem.
    open_sites, found
        A first solution (the heuristic's): the open sites (bool of length m) and their
        optimal assignment, given to HiGHS as its first incumbent.
    time_limit
        Seconds HiGHS may take; when it runs out, its best sites and the gap it proved are
        returned and a warning is logged.

    Returns
    -------
    tuple
        The open sites, the optimal flow on each pair of the model for them (solved again as a
        transportation problem, so that the flows are those of the sites and not of the MIP's
        tolerance), and the proven relative gap (0 when optimal to ``GAP_RTOL``).
    """
    import highspy

    started = time.perf_counter()
    highs = quiet_highs(highspy)
    candidates = np.flatnonzero(~model.existing)
    highs.passModel(_formulation(highspy, model, candidates))
    highs.setOptionValue("mip_rel_gap", GAP_RTOL)
    highs.setOptionValue("time_limit", max(float(time_limit), 0.0))
    start = highspy.HighsSolution()
    start.col_value = np.concatenate([found.flows,
                                      model.demand - np.bincount(model.point, found.flows,
                                                                 minlength=model.n),
                                      open_sites[candidates].astype(float)])
    start.value_valid = True
    highs.setSolution(start)
    highs.run()
    info = highs.getInfo()
    if info.primal_solution_status != 2:  # 2: feasible. The start is, so this is a failure.
        msg = _("The HiGHS solver found no solution ({phase}): status '{status}'. This is "
                "a program or numerical failure; report it with the "
                "input data.", phase="MIP",
                status=highs.modelStatusToString(highs.getModelStatus()))
        raise AssignmentError(msg)
    values = np.asarray(highs.getSolution().col_value)
    chosen = model.existing.copy()
    y = values[len(model.point) + model.n:]
    chosen[candidates[np.argsort(-y, kind="stable")[:model.p]]] = True
    status = highs.getModelStatus()
    gap = 0.0 if status == highspy.HighsModelStatus.kOptimal else float(info.mip_gap)
    assignment = TransportLP(model).solve(chosen)
    if assignment.cost > found.cost:  # HiGHS's tolerance, never a worse answer than the start
        chosen, assignment = open_sites, found
    if status != highspy.HighsModelStatus.kOptimal:
        log.warning(_("The exact solve did not finish in the time allowed ({seconds:.0f} s of "
                      "exact search): the best siting found is returned, within {gap:.2%} of the "
                      "optimum. Allow more time (qonys propose --time-limit SECONDS; in Python, "
                      "time_limit=) or use the heuristic (--method heuristic).",
                      seconds=time_limit, gap=gap))
    log.info("siting MIP: %d nodes, cost %.9g, gap %.2g, %.2f s", int(info.mip_node_count),
             assignment.cost, gap, time.perf_counter() - started)
    return chosen, assignment.flows, gap


def _formulation(highspy: object, model: SitingModel, candidates: np.ndarray) -> object:
    """The strong formulation as a ``HighsLp``: columns x (pairs), u (points), y (candidates);
    rows demand (n), capacity (m), links (pairs at candidates), count (1)."""
    n, m, pairs = model.n, model.m, len(model.point)
    ny = len(candidates)
    y_of = np.full(m, -1)
    y_of[candidates] = pairs + n + np.arange(ny)
    linked = np.flatnonzero(~model.existing[model.site])
    links = len(linked)
    upper = model.pair_upper
    rows = np.concatenate([model.point, n + model.site, n + m + np.arange(links),  # x
                           np.arange(n),  # u
                           n + candidates, n + m + np.arange(links),  # y
                           np.full(ny, n + m + links)])
    cols = np.concatenate([np.arange(pairs), np.arange(pairs), linked,
                           pairs + np.arange(n),
                           y_of[candidates], y_of[model.site[linked]], y_of[candidates]])
    vals = np.concatenate([np.ones(2 * pairs + links), np.ones(n),
                           -model.capacity[candidates], -upper[linked], np.ones(ny)])
    matrix = scipy.sparse.csc_array((vals, (rows, cols)),
                                    shape=(n + m + links + 1, pairs + n + ny))
    inf = highspy.kHighsInf
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = pairs + n + ny, n + m + links + 1
    lp.col_cost_ = np.concatenate([model.cost, np.full(n, model.unserved_cost), np.zeros(ny)])
    lp.col_lower_ = np.zeros(pairs + n + ny)
    lp.col_upper_ = np.concatenate([upper, model.demand, np.ones(ny)])
    lp.row_lower_ = np.concatenate([model.demand, np.full(m + links, -inf), [model.p]])
    lp.row_upper_ = np.concatenate([model.demand,
                                    np.where(model.existing, model.capacity, 0.0),
                                    np.zeros(links), [model.p]])
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = matrix.indptr.astype(np.int32)
    lp.a_matrix_.index_ = matrix.indices.astype(np.int32)
    lp.a_matrix_.value_ = matrix.data
    lp.integrality_ = [highspy.HighsVarType.kContinuous] * (pairs + n) + \
        [highspy.HighsVarType.kInteger] * ny
    return lp
