"""HiGHS's own MIP in ``bench/siting.py`` states the same problem as our branch and bound: both
find the optimum of a hand-sized instance, worked out by hand and checked by brute force."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from planning.proposals.siting import solve_siting
from tests.test_siting import load_bench

# Points P0..P4 at 0, 10, 20, 30, 40 minutes along a road, demand 1, 1, 2, 1, 1 (6 in all).
# Sites S0..S4 at the same spots: S0 exists with 1 place, S1..S4 would have 1, 2, 2, 1.
# P4 cannot reach S0. p = 2; a unit left unserved costs 2 x 40 = 80 minutes.
# No two new sites hold all 6: S2 + S3 hold 1 + 2 + 2 = 5, every other pair 4 or less (two
# units unserved, >= 160). With S2 + S3: S0 takes P0 (0), S2 both units of P2 (0), S3 takes P3
# (0) and P4 (10), and P1 (10 from every open site, as P4 is from S3) is left unserved:
# 10 + 80 = 90, the optimum. Coverage within 10 minutes: S2 + S3 cover the same 5 units, the
# other pairs at most 4. Without the capacity rows (each pair still at most min(d_i, C_j))
# S1 + S3 would serve everyone for 20 minutes, so the capacities decide.
POSITIONS = [0.0, 10.0, 20.0, 30.0, 40.0]
DEMAND = np.array([1.0, 1.0, 2.0, 1.0, 1.0])
CAPACITY = np.array([1.0, 1.0, 2.0, 2.0, 1.0])
EXISTING = np.array([True, False, False, False, False])
P, COVER = 2, 10.0
EXPECTED = {"p_median": 90.0, "coverage": 5.0}
BEST_SITES = [False, False, True, True, False]


def hand_minutes() -> np.ndarray:
    minutes = np.abs(np.subtract.outer(POSITIONS, POSITIONS))
    minutes[4, 0] = np.inf
    return minutes


def brute_force(objective: str) -> float:
    """Every pair of new sites, every unit of demand sent to an open site or left unserved.

    With whole-number demand and capacities the assignment has a whole-number optimum, so
    one choice per unit covers it.
    """
    minutes = hand_minutes()
    unserved = 2.0 * minutes[np.isfinite(minutes)].max()
    units = [point for point, amount in enumerate(DEMAND) for _ in range(int(amount))]
    best = None
    for new in itertools.combinations(np.flatnonzero(~EXISTING), P):
        sites = [*np.flatnonzero(EXISTING), *new]
        for choice in itertools.product([*sites, None], repeat=len(units)):
            load = np.bincount([s for s in choice if s is not None], minlength=len(CAPACITY))
            trips = [minutes[u, s] for u, s in zip(units, choice, strict=True) if s is not None]
            if (load > CAPACITY).any() or not np.isfinite(trips).all() or (
                    objective == "coverage" and max(trips, default=0.0) > COVER):
                continue
            value = len(trips) if objective == "coverage" else \
                sum(trips) + unserved * (len(units) - len(trips))
            if best is None or (value > best if objective == "coverage" else value < best):
                best = value
    return float(best)


@pytest.mark.parametrize("objective", ["p_median", "coverage"])
def test_highs_mip_and_branch_and_bound_agree_on_the_hand_instance(objective):
    assert brute_force(objective) == EXPECTED[objective]
    options = {"demand": DEMAND, "capacity": CAPACITY, "existing": EXISTING,
               "minutes": hand_minutes(), "p": P, "objective": objective,
               "cover_minutes": COVER if objective == "coverage" else None}
    ours = solve_siting(**options, method="exact")
    assert ours.opened.tolist() == BEST_SITES
    assert ours.objective == pytest.approx(EXPECTED[objective], abs=1e-6)
    highs = load_bench().highs_mip(**options, time_limit=10.0)
    assert highs["objective"] == pytest.approx(EXPECTED[objective], abs=1e-6)
    assert highs["opened"] == P
    assert highs["mip_gap"] == pytest.approx(0.0, abs=1e-6)


def test_bench_compares_highs_on_the_smallest_case():
    bench = load_bench()
    figures = bench.compare(bench.load_case("case01"), "p_median", highs_time_limit=30.0)
    assert figures["highs_agree"] == 1.0
    assert figures["highs_mip_gap"] <= 1e-5
    assert figures["highs_vs_exact_s"] == pytest.approx(figures["highs_s"] / figures["exact_s"])
