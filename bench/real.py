"""Benchmark of the real-data path: each step of the README's tutorial on ``../shared``.

The steps are the commands of the README's section "Your own data: Almaty step by step" (geokz
districts of Almaty, BNS populations by name, the published water figures, OpenStreetMap roads
and facilities of the 2013 extract, ``qonys check``, readiness, ``qonys grid --region almaty
--res 9``, the report), each run as its own ``python -m planning.cli`` process in a folder laid
out like a clone beside ``shared/``. The peak memory of each is that process's own maximum
resident set, from ``os.wait4``. Baselines, measured in the same run as processes of the same
interpreter, so that start-up and imports count on both sides:

* ``baseline_startup``: ``python -m planning.cli --help``, the floor under every command;
* ``baseline_pyogrio_units``: ``pyogrio.read_dataframe`` of the geokz shapefile, the rows of
  KATO 75*, ``pyogrio.write_dataframe`` to a new GeoPackage;
* ``baseline_pyosmium_roads``: one pass of pyosmium over the extract with node locations,
  building a WKB line for every ``highway`` way;
* ``baseline_h3_cells``: the H3 cells of resolution 9 of the 8 districts, with h3 alone.

Prints one ``name=value`` a line: ``<step>_wall_s``, ``<step>_peak_mb``, ``<step>_status``
(``ok``, or ``failed: <the error's last line>``: a failing step does not stop the bench),
``baseline_<name>_wall_s`` and ``_peak_mb``, ``ratio_<step>_vs_<baseline>`` (wall time),
``tutorial_wall_s``, the steps added up, and ``peak_floor_mb``, the bench's own peak (each step
is started by a small launcher, so that its peak is its own and not this process's; see
``bench/limits.py``).

Run: ``.venv/bin/python bench/real.py [--shared ../shared]``; ``make bench`` runs it.
"""

from __future__ import annotations

import argparse
import functools
import os
import re
import resource
import shlex
import sys
import tempfile
from pathlib import Path

# bench/planning.py shares its name with the planning package: run as a script, this folder
# comes first on sys.path and must be taken off it before the project's packages are imported.
sys.path[:] = [entry for entry in sys.path
               if Path(entry or ".").resolve() != Path(__file__).resolve().parent]

ROOT = Path(__file__).resolve().parent.parent
HEADING = "## Your own data: Almaty step by step"
GEOKZ = "geodata/kz-admin-geokz/kaz_admbnda_adm2_2024.shp"
PBF = "geodata/osm-almaty-2013/almaty.osm.pbf"
# Which baseline each step is compared with (every step is also compared with start-up).
RATIOS = {"load_units": "pyogrio_units", "load_roads": "pyosmium_roads",
          "load_facilities": "pyosmium_roads", "grid": "h3_cells"}

PYOGRIO_UNITS = """
import sys, pyogrio
frame = pyogrio.read_dataframe(sys.argv[1])
frame = frame[frame["KATO"].astype(str).str.startswith("75")]
pyogrio.write_dataframe(frame, sys.argv[2], layer="units")
assert len(frame) == 8, len(frame)
"""
PYOSMIUM_ROADS = """
import sys, osmium
factory = osmium.geom.WKBFactory()
lines = []
class Roads(osmium.SimpleHandler):
    def way(self, way):
        if "highway" in way.tags:
            try:
                lines.append(factory.create_linestring(way))
            except osmium.InvalidLocationError:
                pass  # a way cut by the extract's edge
Roads().apply_file(sys.argv[1], locations=True)
assert lines
"""
H3_CELLS = """
import sys, h3, pyogrio
frame = pyogrio.read_dataframe(sys.argv[1])
frame = frame[frame["KATO"].astype(str).str.startswith("75")]
cells = set()
for shape in frame.geometry:
    cells.update(h3.geo_to_cells(shape.__geo_interface__, 9))
assert cells
"""


def tutorial_commands(readme: str) -> list[list[str]]:
    """The tutorial's commands as argv, in order (the same reading as tests/test_tutorial.py)."""
    start = readme.index(HEADING)
    end = readme.find("\n## ", start + len(HEADING))
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", readme[start:end if end > 0 else None],
                            flags=re.DOTALL):
        for line in block.replace("\\\n", " ").splitlines():
            if argv := shlex.split(line, comments=True):
                commands.append(argv)
    return commands


def step_name(argv: list[str]) -> str:
    """``load_facilities``, ``grid``: the command and its ``--kind``."""
    kind = argv[argv.index("--kind") + 1] if "--kind" in argv else ""
    return "_".join(part for part in (argv[1], kind) if part)


def measured(argv: list[str], *, cwd: Path, env: dict[str, str]) -> tuple[float, float, str]:
    """Wall seconds, peak resident MB of the process (not of its parent), and ``ok`` or
    ``failed: <reason>``: bench/limits.py's measurement of one child."""
    wall, peak, code, lines = _limits().measured(argv, cwd=cwd, env=env)
    if code == 0:
        return wall, peak, "ok"
    reason = lines[-1] if lines else f"exit status {code}"
    return wall, peak, f"failed: {reason[:200]}"


@functools.cache
def _limits():  # -> module: bench/limits.py, loaded by path (this folder is off sys.path)
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_limits",
                                                  Path(__file__).with_name("limits.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared",
                        help="the shared/ folder with geodata/ and facts/ (default: ../shared)")
    args = parser.parse_args()
    shared = args.shared.resolve()
    if not (shared / PBF).is_file():
        print(f"real=skipped: {shared / PBF} is absent (give --shared)")
        return
    python = [sys.executable]
    env = {name: value for name, value in os.environ.items() if not name.startswith("QONYS_")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    with tempfile.TemporaryDirectory(prefix="qonys-bench-real-") as tmp:
        tmp = Path(tmp)
        (tmp / "shared").symlink_to(shared, target_is_directory=True)
        clone = tmp / "qonys"
        clone.mkdir()
        (clone / "docs").symlink_to(ROOT / "docs", target_is_directory=True)

        baselines = {
            "startup": [*python, "-m", "planning.cli", "--help"],
            "pyogrio_units": [*python, "-c", PYOGRIO_UNITS, str(shared / GEOKZ),
                              str(tmp / "plain.gpkg")],
            "pyosmium_roads": [*python, "-c", PYOSMIUM_ROADS, str(shared / PBF)],
            "h3_cells": [*python, "-c", H3_CELLS, str(shared / GEOKZ)],
        }
        base_wall = {}
        for name, argv in baselines.items():
            wall, peak, status = measured(argv, cwd=tmp, env=env)
            base_wall[name] = wall
            print(f"baseline_{name}_wall_s={wall:.3f}")
            print(f"baseline_{name}_peak_mb={peak:.1f}")
            if status != "ok":
                print(f"baseline_{name}_status={status}")

        total = 0.0
        for argv in tutorial_commands((ROOT / "README.md").read_text(encoding="utf-8")):
            if argv[0] == "export":
                env.update(item.partition("=")[::2] for item in argv[1:])
                continue
            name = step_name(argv)
            wall, peak, status = measured([*python, "-m", "planning.cli", *argv[1:]],
                                          cwd=clone, env=env)
            total += wall
            print(f"{name}_wall_s={wall:.3f}")
            print(f"{name}_peak_mb={peak:.1f}")
            print(f"{name}_status={status}")
            print(f"ratio_{name}_vs_startup={wall / base_wall['startup']:.3f}")
            if name in RATIOS:
                print(f"ratio_{name}_vs_{RATIOS[name]}={wall / base_wall[RATIOS[name]]:.3f}")
        print(f"tutorial_wall_s={total:.3f}")
        floor = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
        print(f"peak_floor_mb={floor:.1f}")


if __name__ == "__main__":
    main()
