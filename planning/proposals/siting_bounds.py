"""The Lagrangian fixing of candidate sites: from a relaxation's duals, which sites cannot be in
a solution better than the best found, and which must be.
"""

from __future__ import annotations

import logging

import numpy as np

from planning.proposals.siting_heuristic import IMPROVE_RTOL, SitingModel, knapsack

log = logging.getLogger(__name__)



def lagrangian_fixing(model: SitingModel, y_sites: np.ndarray, duals: np.ndarray,
                      lower: np.ndarray, upper: np.ndarray, *,
                      best: float) -> tuple[np.ndarray, np.ndarray]:
    """Bounds on the candidates' ``y`` that every solution cheaper than ``best`` respects.

    With demand duals ``v``, the Lagrangian bound is ``sum_i d_i v_i + sum_j rho_j y_j``
    minimised over the open sets allowed by ``lower <= y <= upper``, where ``rho_j <= 0`` is
    minus the most site ``j`` can save (:func:`knapsack` of savings ``v_i - c_ij``): all
    existing sites, the candidates fixed open, and the rest of the ``p`` of least ``rho``.
    Opening one more candidate (or closing a chosen one) instead raises the bound by a known
    amount; where it then passes ``best``, the candidate is settled. With the duals of the
    relaxation's optimum the bound equals the relaxation's.

    Parameters
    ----------
    y_sites
        The candidate sites (positions), in the order of ``lower`` and ``upper``.
    lower, upper
        Current bounds of their ``y`` (0 or 1).

    Returns
    -------
    tuple
        The tightened ``lower`` and ``upper``.
    """
    every = -knapsack(duals[model.point] - model.cost, model.point, model.site, model)
    rho = every[y_sites]
    free = np.flatnonzero(lower < upper)
    wanted = model.p - int(lower.sum())
    lower, upper = lower.copy(), upper.copy()
    if not len(free) or not 0 <= wanted <= len(free):
        return lower, upper
    if wanted in (0, len(free)):
        lower[free] = upper[free] = float(wanted > 0)
        return lower, upper
    order = free[np.argsort(rho[free], kind="stable")]
    bound = float(model.demand @ duals + every[model.existing].sum() + rho[lower > 0.5].sum()
                  + rho[order[:wanted]].sum())
    margin = best + IMPROVE_RTOL * 1e-3 * (abs(best) + 1.0)
    chosen, others = order[:wanted], order[wanted:]
    upper[others[bound + rho[others] - rho[order[wanted - 1]] > margin]] = 0.0
    lower[chosen[bound - rho[chosen] + rho[order[wanted]] > margin]] = 1.0
    return lower, upper
