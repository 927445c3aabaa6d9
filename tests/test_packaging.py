"""`pip install .` (not only editable) carries the code and the demo data."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_holds_packages_and_demo_data(tmp_path):
    # built from a copy of the tracked files: a build/ folder left in the tree by an earlier
    # build would otherwise hand pip modules the package list no longer names
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True,
                             check=True).stdout.split()
    source = tmp_path / "src"
    for name in tracked:
        if (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w",
                    str(tmp_path), str(source)], check=True)
    wheel = next(tmp_path.glob("qonys-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = [n for n in tracked if n.split("/")[0] in ("geo", "layers", "planning", "maps")
               and n.endswith((".py", ".js", ".css", ".po", ".mo"))]
    assert [n for n in shipped if n not in names] == []  # every module of every room
    for expected in ("geo/locale/kk/LC_MESSAGES/qonys.mo", "planning/cli/commands/propose.py",
                     "maps/web/map.js", "data/norms/default.yaml", "data/demo/units_2023.csv",
                     "data/demo/towns_2023.csv", "data/demo/base_year.yaml",
                     "data/demo/utilities.yaml", "data/demo/sources.yaml",
                     "data/demo/districts_geokz_2024.geojson"):
        assert expected in names, expected
    entry = next(n for n in names if n.endswith("entry_points.txt"))
    assert "qonys = planning.cli:main" in zipfile.ZipFile(wheel).read(entry).decode()
    assert not any(n.startswith(("tests/", "bench/")) for n in names)
