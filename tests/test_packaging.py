"""`pip install .` (not only editable) carries the code and the demo data."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_holds_packages_and_demo_data(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w",
                    str(tmp_path), str(ROOT)], check=True)
    wheel = next(tmp_path.glob("qonys-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for expected in ("geo/errors.py", "geo/i18n.py", "layers/demo.py", "planning/cli/app.py",
                     "planning/cli/commands/propose.py", "geo/texts_cli.py",
                     "maps/webmap.py", "data/norms/default.yaml", "data/demo/units_2023.csv",
                     "data/demo/towns_2023.csv", "data/demo/base_year.yaml",
                     "data/demo/utilities.yaml", "data/demo/sources.yaml",
                     "data/demo/districts_geokz_2024.geojson"):
        assert expected in names, expected
    entry = next(n for n in names if n.endswith("entry_points.txt"))
    assert "qonys = planning.cli:main" in zipfile.ZipFile(wheel).read(entry).decode()
    assert not any(n.startswith(("tests/", "bench/")) for n in names)
