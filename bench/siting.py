"""Benchmark of facility siting: the exact solver against the heuristic and against HiGHS's MIP.

The cases (``bench/siting_cases``, written by ``make_cases.py`` there) range from 200 demand
points x 30 candidate sites to 1,000 x 150, about a fifth of the sites existing, capacities
binding (existing plus ``p`` average new sites hold 1.1-1.3 times the demand). Travel minutes
are the straight distance at 30 km/h. Each case is solved for the capacitated p-median and for
the capacitated coverage within its ``cover_minutes`` (10), by
:func:`planning.proposals.siting.solve_siting` with ``method="exact"`` and
``method="heuristic"``, and by HiGHS's own MIP on the same formulation (:func:`highs_mip`), so
that the decision to keep our branch and bound (docs/decisions.md, issues 5 and 15) is measured
again whenever highspy improves.

One run prints one ``name=value`` a line:

* ``<case>_<objective>_exact_s``, ``..._heuristic_s``: wall seconds of each method (the exact
  one includes the heuristic's first solution it starts from);
* ``<case>_<objective>_gap``: how much worse the heuristic is than the exact answer, relative
  (p-median: (heuristic - exact) / exact; coverage: (exact - heuristic) / exact);
* ``<case>_<objective>_exact_mip_gap``: the gap the exact solver proved (0: optimal);
* ``siting_gap_vs_exact``: the worst gap over the cases where the exact solve finished
  (target at most 0.01); ``siting_exact_max_s`` and ``siting_heuristic_max_s``: the slowest
  solves; ``siting_exact_under_60s``: 1 if every exact solve took under 60 s;
  ``siting_speedup_min``: the least exact / heuristic time over the cases;
* ``<case>_<objective>_highs_s``, ``..._highs_mip_gap``: HiGHS's wall seconds (building its
  model included) and the gap it proved when it stopped (0: optimal; the time limit is
  ``--time-limit``, 120 s by default); ``..._highs_worse``: how much worse its answer is than
  the exact one, relative as ``gap`` (below 0: it found a better one, a bug of ours);
  ``..._highs_agree``: 1 if the two objectives are within :data:`AGREE_RTOL`;
  ``..._highs_vs_exact_s``: HiGHS's seconds over ours (the ratio against the baseline);
* ``siting_highs_vs_exact_s_min`` and ``_max``, ``siting_highs_max_s``,
  ``siting_highs_mip_gap_max``, ``siting_highs_proven`` (solves HiGHS proved optimal),
  ``siting_highs_agree_all`` and ``siting_highs_worse_min`` over the cases.

Run: ``.venv/bin/python bench/siting.py [--cases case01,case02] [--time-limit 120] [--quick]``
(``--quick``: the smallest case; ``--time-limit 0``: without HiGHS's MIP).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import scipy.sparse

# Run as a script, this folder comes first on sys.path, and bench/planning.py would shadow the
# planning package.
sys.path[:] = [entry for entry in sys.path
               if Path(entry or ".").resolve() != Path(__file__).resolve().parent]

from planning.proposals.siting import solve_siting  # noqa: E402
from planning.proposals.siting_exact import GAP_RTOL, TIE_BREAK  # noqa: E402
from planning.provision.highs_quiet import quiet_highs  # noqa: E402

CASES_DIR = Path(__file__).resolve().parent / "siting_cases"
SPEED_KMH = 30.0
OBJECTIVES = ("p_median", "coverage")
TIME_LIMIT_S = 60.0
#: Seconds HiGHS's own MIP may take on one case and objective (``--time-limit``).
HIGHS_TIME_LIMIT_S = 120.0
#: The two answers agree when their objectives differ by at most this share: both are proven
#: to :data:`planning.proposals.siting_exact.GAP_RTOL`, and the coverage's tie-break may trade
#: a millionth.
AGREE_RTOL = 1e-5
#: ``--quick``: the smallest case.
QUICK_CASES = ("case01",)


def case_names(*, cases_dir: Path = CASES_DIR) -> list[str]:
    """The cases listed in ``cases.json``, smallest first."""
    return list(json.loads((Path(cases_dir) / "cases.json").read_text(encoding="utf-8")))


def load_case(name: str, *, cases_dir: Path = CASES_DIR) -> dict:
    """The arrays and options of one case, ready for :func:`solve_siting`.

    Returns
    -------
    dict
        ``demand`` (n,), ``capacity`` (m,), ``existing`` (m,) bool, ``minutes`` (n, m)
        (Euclidean km at :data:`SPEED_KMH`), ``p`` and ``cover_minutes``.
    """
    cases_dir = Path(cases_dir)
    entry = json.loads((cases_dir / "cases.json").read_text(encoding="utf-8"))[name]
    table = pd.read_csv(cases_dir / entry["file"])
    points = table[table["kind"] == "point"]
    sites = table[table["kind"] == "site"]
    if len(points) != entry["points"] or len(sites) != entry["sites"]:
        msg = (f"{entry['file']}: {len(points)} points and {len(sites)} sites, cases.json says "
               f"{entry['points']} and {entry['sites']}; run bench/siting_cases/make_cases.py")
        raise ValueError(msg)
    xy = points[["x_km", "y_km"]].to_numpy(float)
    site_xy = sites[["x_km", "y_km"]].to_numpy(float)
    km = np.hypot(xy[:, None, 0] - site_xy[None, :, 0], xy[:, None, 1] - site_xy[None, :, 1])
    return {"demand": points["demand"].to_numpy(float),
            "capacity": sites["capacity"].to_numpy(float),
            "existing": sites["existing"].to_numpy(float) == 1,
            "minutes": km / SPEED_KMH * 60.0, "p": int(entry["p"]),
            "cover_minutes": float(entry["cover_minutes"])}


def compare(case: dict, objective: str, *,
            highs_time_limit: float | None = None) -> dict[str, float]:
    """Exact and heuristic on one case and objective: seconds, gap, proven gap.

    With ``highs_time_limit``, HiGHS's own MIP (:func:`highs_mip`) too: ``highs_s``,
    ``highs_mip_gap``, ``highs_worse`` (how much worse its answer is than the exact one,
    relative as ``gap``; below 0 if it found better), ``highs_agree`` (1 if the two objectives
    are within :data:`AGREE_RTOL`) and ``highs_vs_exact_s`` (its seconds over ours).
    """
    options = {key: case[key] for key in ("demand", "capacity", "existing", "minutes", "p")}
    if objective == "coverage":
        options["cover_minutes"] = case["cover_minutes"]
    exact = solve_siting(**options, objective=objective, method="exact",
                         time_limit=TIME_LIMIT_S)
    heuristic = solve_siting(**options, objective=objective, method="heuristic",
                             time_limit=TIME_LIMIT_S)
    sign = -1.0 if objective == "coverage" else 1.0
    figures = {"exact_s": exact.seconds, "heuristic_s": heuristic.seconds,
               "gap": sign * (heuristic.objective - exact.objective) / abs(exact.objective),
               "exact_mip_gap": exact.mip_gap}
    if highs_time_limit is not None:
        highs = highs_mip(**options, objective=objective, time_limit=highs_time_limit)
        worse = sign * (highs["objective"] - exact.objective) / abs(exact.objective)
        figures.update({"highs_s": highs["seconds"], "highs_mip_gap": highs["mip_gap"],
                        "highs_worse": worse, "highs_agree": float(abs(worse) <= AGREE_RTOL),
                        "highs_vs_exact_s": highs["seconds"] / exact.seconds})
    return figures


def highs_mip(*, demand: np.ndarray, capacity: np.ndarray, existing: np.ndarray,
              minutes: np.ndarray, p: int, objective: str = "p_median",
              cover_minutes: float | None = None, unserved_minutes: float | None = None,
              time_limit: float = HIGHS_TIME_LIMIT_S) -> dict[str, float]:
    """HiGHS's own MIP on the problem :func:`planning.proposals.siting.solve_siting` solves.

    The formulation is the one that module's docstring states, written out here from the
    arrays (dense ``minutes``, ``np.inf`` for a pair not allowed) rather than taken from its
    private model, so that it checks the problem as well as the solver. Columns: a flow
    ``x_ij`` per allowed pair (a point with demand, a site with capacity, within the unserved
    minutes or ``cover_minutes``, as there), ``u_i`` unserved, ``y_j`` per site (1 at existing
    sites, integer at the others). Rows: ``sum_j x_ij + u_i = d_i``, ``sum_i x_ij - C_j y_j <=
    0``, the strong link ``x_ij - min(d_i, C_j) y_j <= 0`` at the candidates and ``sum y_j =
    p`` over them. Costs: minutes and ``U`` per unit unserved (p-median), or ``-1 + TIE_BREAK *
    minutes / cover_minutes`` and 0 (coverage). HiGHS must prove the same relative gap as the
    branch and bound (:data:`planning.proposals.siting_exact.GAP_RTOL`).

    Returns
    -------
    dict
        ``objective`` as :class:`planning.proposals.siting.SitingResult` reports it (p-median:
        minutes times amounts plus ``U`` per unit unserved; coverage: demand served),
        ``seconds`` (wall, building the model included), ``mip_gap`` (HiGHS's final relative
        gap; NaN if it found no solution) and ``opened`` (the number of new sites in its answer).
    """
    import highspy

    started = time.perf_counter()
    demand, capacity = np.asarray(demand, float), np.asarray(capacity, float)
    existing, minutes = np.asarray(existing, bool), np.asarray(minutes, float)
    n, m = minutes.shape
    if unserved_minutes is None:
        finite = minutes[np.isfinite(minutes)]
        unserved_minutes = max(2.0 * float(finite.max()) if len(finite) else 0.0, 1.0)
    reach = cover_minutes if objective == "coverage" else unserved_minutes
    allowed = np.isfinite(minutes) & (minutes <= reach)
    allowed &= (demand[:, None] > 0) & (capacity[None, :] > 0)
    point, site = np.nonzero(allowed)
    travel = minutes[point, site]
    if objective == "coverage":
        cost, unserved_cost = -1.0 + TIE_BREAK * travel / cover_minutes, 0.0
    else:
        cost, unserved_cost = travel, float(unserved_minutes)
    pairs, new = len(point), np.flatnonzero(~existing)
    linked = np.flatnonzero(~existing[site])
    links = len(linked)
    # Columns: x (pairs), u (n), y (m). Rows: demand (n), capacity (m), links, count (1).
    x_rows = np.concatenate([point, n + site, n + m + np.arange(links)])
    x_cols = np.concatenate([np.arange(pairs), np.arange(pairs), linked])
    y_rows = np.concatenate([n + np.arange(m), n + m + np.arange(links),
                             np.full(len(new), n + m + links)])
    y_cols = pairs + n + np.concatenate([np.arange(m), site[linked], new])
    y_vals = np.concatenate([-capacity, -np.minimum(demand[point[linked]],
                                                    capacity[site[linked]]),
                             np.ones(len(new))])
    rows = np.concatenate([x_rows, np.arange(n), y_rows])
    cols = np.concatenate([x_cols, pairs + np.arange(n), y_cols])
    vals = np.concatenate([np.ones(len(x_rows)), np.ones(n), y_vals])
    matrix = scipy.sparse.csc_array((vals, (rows, cols)), shape=(n + m + links + 1,
                                                                 pairs + n + m))
    count = min(int(p), len(new))
    inf = highspy.kHighsInf
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = pairs + n + m, n + m + links + 1
    lp.col_cost_ = np.concatenate([cost, np.full(n, unserved_cost), np.zeros(m)])
    lp.col_lower_ = np.concatenate([np.zeros(pairs + n), existing.astype(float)])
    lp.col_upper_ = np.concatenate([np.minimum(demand[point], capacity[site]), demand,
                                    np.ones(m)])
    lp.row_lower_ = np.concatenate([demand, np.full(m + links, -inf), [count]])
    lp.row_upper_ = np.concatenate([demand, np.zeros(m + links), [count]])
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = matrix.indptr.astype(np.int32)
    lp.a_matrix_.index_ = matrix.indices.astype(np.int32)
    lp.a_matrix_.value_ = matrix.data
    lp.integrality_ = [highspy.HighsVarType.kContinuous] * (pairs + n) + \
        [highspy.HighsVarType.kInteger] * m
    highs = quiet_highs(highspy)
    highs.setOptionValue("time_limit", float(time_limit))
    highs.setOptionValue("mip_rel_gap", GAP_RTOL)
    highs.passModel(lp)
    highs.run()
    info = highs.getInfo()
    if info.primal_solution_status != 2:  # 2: feasible; HiGHS found no solution in time
        return {"objective": float("nan"), "seconds": time.perf_counter() - started,
                "mip_gap": float("nan"), "opened": float("nan")}
    values = np.asarray(highs.getSolution().col_value)
    flows = np.clip(values[:pairs], 0.0, None)
    served = np.minimum(np.bincount(point, flows, minlength=n), demand)
    value = float(served.sum()) if objective == "coverage" else \
        float(travel @ flows + unserved_cost * np.clip(demand - served, 0.0, None).sum())
    return {"objective": value, "seconds": time.perf_counter() - started,
            "mip_gap": float(info.mip_gap),
            "opened": float((values[pairs + n:][~existing] > 0.5).sum())}


def siting_figures(*, cases_dir: Path = CASES_DIR, cases: list[str] | None = None,
                   highs_time_limit: float | None = None,
                   echo: Callable[[str, float], None] | None = None) -> dict[str, float]:
    """Every figure of the benchmark (see the module docstring), by name.

    ``highs_time_limit`` adds HiGHS's own MIP (see :func:`compare`); ``echo`` is called with
    each case's figures as soon as they are measured (the summary comes in the result only).
    """
    figures: dict[str, float] = {}
    gaps, exact_s, heuristic_s, speedups, highs = [], [], [], [], []
    for name in cases or case_names(cases_dir=cases_dir):
        case = load_case(name, cases_dir=cases_dir)
        for objective in OBJECTIVES:
            result = compare(case, objective, highs_time_limit=highs_time_limit)
            for key, value in result.items():
                figures[f"{name}_{objective}_{key}"] = value
                if echo is not None:
                    echo(f"{name}_{objective}_{key}", value)
            if result["exact_mip_gap"] <= 2 * GAP_RTOL:
                gaps.append(result["gap"])
            exact_s.append(result["exact_s"])
            heuristic_s.append(result["heuristic_s"])
            speedups.append(result["exact_s"] / result["heuristic_s"])
            if highs_time_limit is not None:
                highs.append(result)
    figures["siting_gap_vs_exact"] = max(gaps) if gaps else float("nan")
    figures["siting_exact_max_s"] = max(exact_s)
    figures["siting_heuristic_max_s"] = max(heuristic_s)
    figures["siting_exact_under_60s"] = float(max(exact_s) < 60.0)
    figures["siting_speedup_min"] = min(speedups)
    if highs:
        figures["siting_highs_vs_exact_s_min"] = min(r["highs_vs_exact_s"] for r in highs)
        figures["siting_highs_vs_exact_s_max"] = max(r["highs_vs_exact_s"] for r in highs)
        figures["siting_highs_max_s"] = max(r["highs_s"] for r in highs)
        figures["siting_highs_mip_gap_max"] = max(r["highs_mip_gap"] for r in highs)
        figures["siting_highs_proven"] = float(sum(r["highs_mip_gap"] <= 2 * GAP_RTOL
                                                   for r in highs))
        figures["siting_highs_agree_all"] = float(all(r["highs_agree"] for r in highs))
        # Below -AGREE_RTOL HiGHS found a better answer than the exact one: a bug of ours.
        figures["siting_highs_worse_min"] = min(r["highs_worse"] for r in highs)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", help="comma-separated case names (default: all ten)")
    parser.add_argument("--quick", action="store_true",
                        help=f"only {', '.join(QUICK_CASES)} (200 points x 30 sites)")
    parser.add_argument("--time-limit", type=float, default=HIGHS_TIME_LIMIT_S,
                        help="seconds for HiGHS's own MIP per case and objective "
                             f"(default {HIGHS_TIME_LIMIT_S:g}; 0: do not run it)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    cases = list(QUICK_CASES) if args.quick else args.cases.split(",") if args.cases else None

    def echo(name: str, value: float) -> None:
        print(f"{name}={value:.6g}", flush=True)

    summary = siting_figures(cases=cases, highs_time_limit=args.time_limit or None, echo=echo)
    for name, value in summary.items():
        if name.startswith("siting_"):
            echo(name, value)


if __name__ == "__main__":
    main()
