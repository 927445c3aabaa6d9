"""Benchmark of facility siting: the exact solver against the heuristic on ten seeded cases.

The cases (``bench/siting_cases``, written by ``make_cases.py`` there) range from 200 demand
points x 30 candidate sites to 1,000 x 150, about a fifth of the sites existing, capacities
binding (existing plus ``p`` average new sites hold 1.1-1.3 times the demand). Travel minutes
are the straight distance at 30 km/h. Each case is solved for the capacitated p-median and for
the capacitated coverage within its ``cover_minutes`` (10), by
:func:`planning.proposals.siting.solve_siting` with ``method="exact"`` and ``method="heuristic"``.

One run prints one ``name=value`` a line:

* ``<case>_<objective>_exact_s``, ``..._heuristic_s``: wall seconds of each method (the exact
  one includes the heuristic's first solution it starts from);
* ``<case>_<objective>_gap``: how much worse the heuristic is than the exact answer, relative
  (p-median: (heuristic - exact) / exact; coverage: (exact - heuristic) / exact);
* ``<case>_<objective>_exact_mip_gap``: the gap the exact solver proved (0: optimal);
* ``siting_gap_vs_exact``: the worst gap over the cases where the exact solve finished
  (target at most 0.01); ``siting_exact_max_s`` and ``siting_heuristic_max_s``: the slowest
  solves; ``siting_exact_under_60s``: 1 if every exact solve took under 60 s;
  ``siting_speedup_min``: the least exact / heuristic time over the cases.

Run: ``.venv/bin/python bench/siting.py [--cases case01,case02]``.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

import numpy as np
import pandas as pd

# Run as a script, this folder comes first on sys.path, and bench/planning.py would shadow the
# planning package.
sys.path[:] = [entry for entry in sys.path
               if Path(entry or ".").resolve() != Path(__file__).resolve().parent]

from planning.proposals.siting import solve_siting  # noqa: E402
from planning.proposals.siting_exact import GAP_RTOL  # noqa: E402

CASES_DIR = Path(__file__).resolve().parent / "siting_cases"
SPEED_KMH = 30.0
OBJECTIVES = ("p_median", "coverage")
TIME_LIMIT_S = 60.0


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


def compare(case: dict, objective: str) -> dict[str, float]:
    """Exact and heuristic on one case and objective: seconds, gap, proven gap."""
    options = {key: case[key] for key in ("demand", "capacity", "existing", "minutes", "p")}
    if objective == "coverage":
        options["cover_minutes"] = case["cover_minutes"]
    exact = solve_siting(**options, objective=objective, method="exact",
                         time_limit=TIME_LIMIT_S)
    heuristic = solve_siting(**options, objective=objective, method="heuristic",
                             time_limit=TIME_LIMIT_S)
    worse = heuristic.objective - exact.objective
    if objective == "coverage":
        worse = -worse
    return {"exact_s": exact.seconds, "heuristic_s": heuristic.seconds,
            "gap": worse / abs(exact.objective), "exact_mip_gap": exact.mip_gap}


def siting_figures(*, cases_dir: Path = CASES_DIR,
                   cases: list[str] | None = None) -> dict[str, float]:
    """Every figure of the benchmark (see the module docstring), by name."""
    figures: dict[str, float] = {}
    gaps, exact_s, heuristic_s, speedups = [], [], [], []
    for name in cases or case_names(cases_dir=cases_dir):
        case = load_case(name, cases_dir=cases_dir)
        for objective in OBJECTIVES:
            result = compare(case, objective)
            for key, value in result.items():
                figures[f"{name}_{objective}_{key}"] = value
            if result["exact_mip_gap"] <= 2 * GAP_RTOL:
                gaps.append(result["gap"])
            exact_s.append(result["exact_s"])
            heuristic_s.append(result["heuristic_s"])
            speedups.append(result["exact_s"] / result["heuristic_s"])
    figures["siting_gap_vs_exact"] = max(gaps) if gaps else float("nan")
    figures["siting_exact_max_s"] = max(exact_s)
    figures["siting_heuristic_max_s"] = max(heuristic_s)
    figures["siting_exact_under_60s"] = float(max(exact_s) < 60.0)
    figures["siting_speedup_min"] = min(speedups)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", help="comma-separated case names (default: all ten)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    cases = args.cases.split(",") if args.cases else None
    for name, value in siting_figures(cases=cases).items():
        print(f"{name}={value:.6g}")


if __name__ == "__main__":
    main()
