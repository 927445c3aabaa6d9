"""Benchmark of the planning steps: a scenario run with proposals, and siting against exact.

Prints one ``name=value`` a line:

* ``units_<stage>_s``: seconds of each stage of ``qonys propose --scenario S`` on the demo's
  three regions at unit level (forecast, siting, utilities, phasing, store);
  ``units_total_s`` and ``units_target_ratio`` (total / 60 s: the target is at most 1);
* ``cells_r9_<stage>_s``, ``cells_r9_total_s``, ``cells_r9_target_ratio``: the same for the
  Almaty agglomeration's populated H3 resolution-9 cells (``--region almaty --res 9``);
* ``units_<stage>_cpu_s``: the CPU seconds of each stage (the process's own time: on the 2
  cores shared with other sessions, wall seconds grow with their load and CPU seconds do not);
* ``propose_s`` (the units' ``qonys propose``, wall), ``propose_target_ratio`` (over 10 s, the
  working group's target: at most 1), ``propose_cpu_s`` and ``propose_cpu_target_ratio``;
* ``one_assessment_s`` and ``forecast_vs_assessments``: the unit-level forecast against as many
  separate readiness assessments as it scores years, measured in the same run, in CPU seconds
  (below 1: the road graphs built once pay off); the assessment is the least of two runs.
  ``one_assessment_wall_s`` and ``forecast_vs_assessments_wall``: the same in wall seconds;
* from ``bench/siting.py``: ``siting_gap_vs_exact`` (the heuristic's worst relative gap to the
  exact optimum over the ten fixed cases in ``bench/siting_cases``, both objectives),
  ``siting_exact_max_s``, ``siting_heuristic_max_s`` and ``siting_exact_under_60s``.

Run: ``make bench`` or ``.venv/bin/python bench/planning.py [SCENARIO] [--units]`` (default
``almaty_kaskelen_talgar``; ``--units``: the units' run and the assessments only, without the
cells and the siting cases, a few minutes).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

# bench/planning.py shares its name with the planning package: run as a script, this folder
# comes first on sys.path and must be taken off it before the project's packages are imported.
sys.path[:] = [entry for entry in sys.path
               if Path(entry or ".").resolve() != Path(__file__).resolve().parent]

from layers.store import open_store  # noqa: E402
from planning import workspace  # noqa: E402
from planning.cli import (  # noqa: E402
    pipeline,
    pipeline_plan,
)
from planning.norms import load_norms  # noqa: E402
from planning.provision.assess import assess  # noqa: E402

TARGET_S = 60.0
#: The working group's target for ``qonys propose`` on the demo's units (issue 19).
PROPOSE_TARGET_S = 10.0
SCENARIO = "almaty_kaskelen_talgar"


def main(scenario: str = SCENARIO, *, units_only: bool = False) -> None:
    runs = (("units", None),) if units_only else (("units", None), ("cells_r9", ("almaty", 9)))
    with tempfile.TemporaryDirectory() as tmp:
        with open_store(Path(tmp) / "bench.gpkg") as store:
            pipeline.build_demo(store)
            for label, cells in runs:
                timings = pipeline.Timings()
                start, cpu = time.perf_counter(), time.process_time()
                run, _ = pipeline_plan.run_propose(store, scenario, cells=cells,
                                                   timings=timings)
                total, total_cpu = time.perf_counter() - start, time.process_time() - cpu
                for stage, seconds in timings.seconds.items():
                    print(f"{label}_{stage}_s={seconds:.3f}", flush=True)
                for stage, seconds in timings.cpu_seconds.items():
                    print(f"{label}_{stage}_cpu_s={seconds:.3f}")
                print(f"{label}_total_s={total:.3f}")
                print(f"{label}_target_ratio={total / TARGET_S:.3f}")
                if cells is None:
                    print(f"propose_s={total:.3f}")
                    print(f"propose_target_ratio={total / PROPOSE_TARGET_S:.3f}")
                    print(f"propose_cpu_s={total_cpu:.3f}")
                    print(f"propose_cpu_target_ratio={total_cpu / PROPOSE_TARGET_S:.3f}")
                    years = len(run.forecast.years)
                    forecast_s = timings.seconds["forecast"]
                    forecast_cpu = timings.cpu_seconds["forecast"]
                else:
                    print(f"{label}_cells={len(run.forecast.horizon_units)}")
            layers = workspace.read_layers(store)
        norms = load_norms()
        walls, cpus = [], []
        for _run in range(2):  # the least of two: a single wall figure is the machine's load
            start, cpu = time.perf_counter(), time.process_time()
            assess(layers, norms, year=2025, exact=False)
            walls.append(time.perf_counter() - start)
            cpus.append(time.process_time() - cpu)
        print(f"one_assessment_s={min(cpus):.3f}")
        print(f"forecast_vs_assessments={forecast_cpu / (years * min(cpus)):.3f}")
        print(f"one_assessment_wall_s={min(walls):.3f}")
        print(f"forecast_vs_assessments_wall={forecast_s / (years * min(walls)):.3f}")
    if units_only:
        return
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from siting import siting_figures

    for name, value in siting_figures().items():
        print(f"{name}={value:g}")


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if a != "--units"]
    main(*arguments[:1], units_only="--units" in sys.argv[1:])
