"""Benchmark of ``qonys demo``: wall time by stage, against the target and a plain write.

Prints one ``name=value`` a line:

* ``stage_<name>_s``: seconds of each stage (facts, geometry, networks, store, readiness, grid,
  report);
* ``demo_total_s``: the stages added up; ``demo_cli_wall_s``: the whole ``qonys demo`` command in
  a fresh process (interpreter start and imports included);
* ``ratio_vs_target``: ``demo_cli_wall_s`` / 60 s (the target: at most 1);
* ``store_ratio_vs_pyogrio``: the store stage (validation, provenance, atomic write) against a
  plain ``pyogrio.write_dataframe`` of the same layers in the same run.

Run: ``make bench`` or ``.venv/bin/python bench/demo.py``.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyogrio

# bench/planning.py shares its name with the planning package: run as a script, this folder
# comes first on sys.path and must be taken off it before the project's packages are imported.
sys.path[:] = [entry for entry in sys.path
               if Path(entry or ".").resolve() != Path(__file__).resolve().parent]

from layers.demo import build_demo_layers  # noqa: E402
from layers.store import open_store  # noqa: E402
from planning import workspace  # noqa: E402
from planning.cli import pipeline  # noqa: E402

TARGET_S = 60.0


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        timings = pipeline.Timings()
        with open_store(tmp / "bench.gpkg") as store:
            pipeline.build_demo(store, timings=timings)
            pipeline.run_readiness(store, timings=timings)
            with timings.stage("grid"):
                pipeline.run_grid(store, region=workspace.DEMO_GRID_REGION,
                                  res=workspace.REPORT_RES)
            pipeline.run_report(store, tmp / "report.html", lang="ru", timings=timings)
        for stage, seconds in timings.seconds.items():
            print(f"stage_{stage}_s={seconds:.3f}")
        print(f"demo_total_s={sum(timings.seconds.values()):.3f}")

        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "planning.cli", "demo", "--store",
                        str(tmp / "cli.gpkg")], check=True, capture_output=True)
        wall = time.perf_counter() - start
        print(f"demo_cli_wall_s={wall:.3f}")
        print(f"ratio_vs_target={wall / TARGET_S:.3f}")

        layers = build_demo_layers()
        start = time.perf_counter()
        for layer in layers:
            pyogrio.write_dataframe(layer.frame, tmp / "plain.gpkg", layer=layer.name)
        plain = time.perf_counter() - start
        print(f"plain_pyogrio_write_s={plain:.3f}")
        print(f"store_ratio_vs_pyogrio={timings.seconds['store'] / plain:.3f}")


if __name__ == "__main__":
    main()
