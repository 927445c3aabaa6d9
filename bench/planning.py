"""Benchmark of the planning steps: a scenario run with proposals, and siting against exact.

Prints one ``name=value`` a line:

* ``units_<stage>_s``: seconds of each stage of ``qonys propose --scenario S`` on the demo's
  three regions at unit level (forecast, siting, utilities, phasing, store);
  ``units_total_s`` and ``units_target_ratio`` (total / 60 s: the target is at most 1);
* ``cells_r9_<stage>_s``, ``cells_r9_total_s``, ``cells_r9_target_ratio``: the same for the
  Almaty agglomeration's populated H3 resolution-9 cells (``--region almaty --res 9``);
* ``one_assessment_s`` and ``forecast_vs_assessments``: the unit-level forecast against as many
  separate readiness assessments as it scores years, measured in the same run (below 1: the
  road graphs built once pay off);
* from ``bench/siting.py``: ``siting_gap_vs_exact`` (the heuristic's worst relative gap to the
  exact optimum over the ten fixed cases in ``bench/siting_cases``, both objectives),
  ``siting_exact_max_s``, ``siting_heuristic_max_s`` and ``siting_exact_under_60s``.

Run: ``make bench`` or ``.venv/bin/python bench/planning.py [SCENARIO]`` (default
``almaty_kaskelen_talgar``).
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
SCENARIO = "almaty_kaskelen_talgar"


def main(scenario: str = SCENARIO) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        with open_store(Path(tmp) / "bench.gpkg") as store:
            pipeline.build_demo(store)
            for label, cells in (("units", None), ("cells_r9", ("almaty", 9))):
                timings = pipeline.Timings()
                start = time.perf_counter()
                run, _ = pipeline_plan.run_propose(store, scenario, cells=cells,
                                                   timings=timings)
                total = time.perf_counter() - start
                for stage, seconds in timings.seconds.items():
                    print(f"{label}_{stage}_s={seconds:.3f}")
                print(f"{label}_total_s={total:.3f}")
                print(f"{label}_target_ratio={total / TARGET_S:.3f}")
                if cells is None:
                    years = len(run.forecast.years)
                    forecast_s = timings.seconds["forecast"]
                else:
                    print(f"{label}_cells={len(run.forecast.horizon_units)}")
            layers = workspace.read_layers(store)
        norms = load_norms()
        start = time.perf_counter()
        assess(layers, norms, year=2025, exact=False)
        once = time.perf_counter() - start
        print(f"one_assessment_s={once:.3f}")
        print(f"forecast_vs_assessments={forecast_s / (years * once):.3f}")
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from siting import siting_figures

    for name, value in siting_figures().items():
        print(f"{name}={value:g}")


if __name__ == "__main__":
    main(*sys.argv[1:2])
