"""Benchmark of the limits on hostile files (issue 18): each is refused within 500 MB and 5 s.

The files are made by a child process into a temporary folder, then each case runs as its own
``python -m planning.cli`` process; its peak memory is that process's own maximum resident set,
from ``os.wait4`` (as in ``bench/real.py``). The cases, each of which once hung or ate the
machine's memory:

* ``dbf_4g_validate``, ``dbf_4g_load``: a shapefile whose ``.dbf`` header claims 4,294,967,295
  records of length 0 (was 120 s and 6.3 GB, in ``validate`` too);
* ``zip_dbf_3gib``: a zip of a few MB holding a ``.dbf`` of 3 GiB (the real one's records, then
  zeros; was 6.3 GB);
* ``tiff_100k``: a 100,000 × 100,000 GeoTIFF, tiled in 512² blocks, none written (was 23 GB);
* ``tiff_1m_sparse``: a sparse 1,000,000 × 1,000,000 GeoTIFF in 4096² blocks (hung);
* ``yaml_alias_bomb``: a scenario of nine levels of nine aliases, 9⁹ strings (up to 5.8 GB).

The baseline, measured in the same run by the same interpreter, is ``python -m planning.cli
--help``: start-up and imports, the floor under every command.

Prints one ``name=value`` a line: ``<case>_wall_s``, ``<case>_peak_mb``, ``<case>_said`` (the
message's last line), ``ratio_<case>_peak_vs_500mb``, ``ratio_<case>_wall_vs_5s``,
``ratio_<case>_vs_startup`` (wall time) and ``ratio_<case>_peak_vs_startup``, ``<case>=pass``
when the command was refused with a message (exit 2, no traceback) within both targets, else
``fail: <why>``; then
``limits=pass|fail`` for all, and ``peak_floor_mb``, the bench's own peak. Each case is
started by a fresh small launcher (see :func:`measured`), so a case's peak is its own: Linux
would count in a child's peak what the process it was forked from had.

Run: ``.venv/bin/python bench/limits.py``; ``make bench`` runs it.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PEAK_LIMIT_MB = 500.0
WALL_LIMIT_S = 5.0

# Run by a child, so that the bench itself stays small (see peak_floor_mb).
MAKE_FILES = r'''
import struct, sys, zipfile
from pathlib import Path
import geopandas as gpd, rasterio, shapely
from rasterio.transform import from_origin

folder = Path(sys.argv[1])
box = [shapely.box(76.9, 43.2, 76.91, 43.21)]
gpd.GeoDataFrame({"unit_id": ["a"]}, geometry=box, crs="EPSG:4326").to_file(
    folder / "huge.shp", encoding="UTF-8")
dbf = bytearray((folder / "huge.dbf").read_bytes())
real_dbf = bytes(dbf)
dbf[4:8] = struct.pack("<I", 2**32 - 1)  # records
dbf[10:12] = struct.pack("<H", 0)  # record length
(folder / "huge.dbf").write_bytes(bytes(dbf))

with zipfile.ZipFile(folder / "bomb.zip", "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
    for suffix in (".shp", ".shx", ".prj", ".cpg"):
        archive.write(folder / f"huge{suffix}", f"bomb{suffix}")
    with archive.open("bomb.dbf", "w", force_zip64=True) as member:
        member.write(real_dbf)
        zeros = bytes(1 << 24)
        for _ in range((3 << 30) // len(zeros)):
            member.write(zeros)

for name, size, block in (("tiff_100k", 100_000, 512), ("tiff_1m", 1_000_000, 4096)):
    profile = {"driver": "GTiff", "width": size, "height": size, "count": 1,
               "dtype": "float32", "crs": "EPSG:32643",
               "transform": from_origin(600_000, 4_800_000, 100, 100), "tiled": True,
               "blockxsize": block, "blockysize": block, "sparse_ok": True,
               "compress": "deflate", "BIGTIFF": "YES"}
    with rasterio.open(folder / f"{name}.tif", "w", **profile):
        pass

lines = ["based_on: baseline", 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
for i in range(1, 9):
    before, this = chr(ord("a") + i - 1), chr(ord("a") + i)
    lines.append(f"{this}: &{this} [" + ", ".join([f"*{before}"] * 9) + "]")
lines.append("name: *i")
(folder / "bomb.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
'''

#: Each case's arguments to ``python -m planning.cli`` (``{ws}`` is a new workspace).
CASES = {
    "dbf_4g_validate": ["validate", "huge.shp", "--kind", "units"],
    "dbf_4g_load": ["load", "huge.shp", "--kind", "units", "--store", "{ws}"],
    "zip_dbf_3gib": ["load", "bomb.zip", "--kind", "units", "--store", "{ws}"],
    "tiff_100k": ["load", "tiff_100k.tif", "--kind", "population_grid", "--store", "{ws}"],
    "tiff_1m_sparse": ["load", "tiff_1m.tif", "--kind", "population_grid", "--store", "{ws}"],
    "yaml_alias_bomb": ["scenario", "run", "bomb.yaml", "--store", "{ws}"],
}


# A small interpreter started afresh runs the command and reports its rusage: Linux gives a
# process, at exec, the peak of the process it was forked from, so a command forked from a large
# parent (a pytest that has run Dask) would read at least that parent's peak.
_LAUNCHER = (
    "import os, subprocess, sys\n"
    "child = subprocess.Popen(sys.argv[2:], stdout=subprocess.DEVNULL)\n"
    "_, status, usage = os.wait4(child.pid, 0)\n"
    "report = f'{usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}'\n"
    "os.write(int(sys.argv[1]), report.encode())\n"
)


def measured(argv: list[str], *, cwd: Path, env: dict[str, str]) -> tuple[float, float, int,
                                                                          list[str]]:
    """Wall seconds, peak resident MB of the process (not of its parent), its exit status
    and the lines it wrote to stderr.

    The peak is ``ru_maxrss`` of ``wait4`` (KiB on Linux), read by a fresh ``python -I -S``
    that starts the command: a process's peak counts what the one it was forked from had, so
    the floor is that small launcher's (about 10 MB), whatever the caller holds (a pytest
    process that has run Dask read 566 MB for a child of 300 MB). bench/real.py measures its
    steps with this too.
    """
    read_end, write_end = os.pipe()
    with tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        launcher = [sys.executable, "-I", "-S", "-c", _LAUNCHER, str(write_end), *argv]
        process = subprocess.Popen(launcher, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                                   stderr=err, text=True, pass_fds=(write_end,))
        os.close(write_end)
        with os.fdopen(read_end, "rb") as report:
            said = report.read().decode()
        process.wait()
        wall = time.perf_counter() - start
        err.seek(0)
        lines = [line.strip() for line in err.read().splitlines() if line.strip()]
    if not said:
        msg = f"the launcher of {argv[0]} reported nothing (exit status {process.returncode})"
        raise RuntimeError(msg)
    maxrss_kib, code = (int(part) for part in said.split())
    return wall, maxrss_kib / 1024.0, code, lines


def verdict(wall: float, peak: float, code: int, lines: list[str]) -> str:
    """``pass``, or ``fail: <why>``: refused with a message (exit 2, no traceback) within
    :data:`PEAK_LIMIT_MB` and :data:`WALL_LIMIT_S`."""
    why = []
    if code != 2:
        why.append(f"exit status {code}")
    if any(line.startswith("Traceback") for line in lines):
        why.append("traceback")
    if peak > PEAK_LIMIT_MB:
        why.append(f"peak {peak:.0f} MB > {PEAK_LIMIT_MB:.0f} MB")
    if wall > WALL_LIMIT_S:
        why.append(f"{wall:.1f} s > {WALL_LIMIT_S:.0f} s")
    return "fail: " + ", ".join(why) if why else "pass"


def main(cases: dict[str, list[str]] | None = None) -> bool:
    """Run the cases (default :data:`CASES`), print the lines; whether all passed."""
    python = [sys.executable]
    env = {name: value for name, value in os.environ.items() if not name.startswith("QONYS_")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    passed = True
    with tempfile.TemporaryDirectory(prefix="qonys-bench-limits-") as tmp:
        tmp = Path(tmp)
        subprocess.run([*python, "-c", MAKE_FILES, str(tmp)], check=True, env=env)
        wall, peak, _, _ = measured([*python, "-m", "planning.cli", "--help"], cwd=tmp, env=env)
        startup, startup_peak = wall, peak
        print(f"baseline_startup_wall_s={wall:.3f}")
        print(f"baseline_startup_peak_mb={peak:.1f}")
        for number, (name, argv) in enumerate((cases or CASES).items()):
            argv = [a.replace("{ws}", str(tmp / f"ws{number}.gpkg")) for a in argv]
            wall, peak, code, lines = measured(
                [*python, "-m", "planning.cli", "--lang", "en", *argv], cwd=tmp, env=env)
            said = verdict(wall, peak, code, lines)
            passed = passed and said == "pass"
            print(f"{name}_wall_s={wall:.3f}")
            print(f"{name}_peak_mb={peak:.1f}")
            print(f"{name}_said={(lines[-1] if lines else '')[:200]}")
            print(f"ratio_{name}_peak_vs_500mb={peak / PEAK_LIMIT_MB:.3f}")
            print(f"ratio_{name}_wall_vs_5s={wall / WALL_LIMIT_S:.3f}")
            print(f"ratio_{name}_vs_startup={wall / startup:.3f}")
            print(f"ratio_{name}_peak_vs_startup={peak / startup_peak:.3f}")
            print(f"{name}={said}")
    print(f"limits={'pass' if passed else 'fail'}")
    print(f"peak_floor_mb={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0:.1f}")
    return passed


if __name__ == "__main__":
    main()
