"""A ``qonys load`` killed midway (SIGKILL from outside, no handler runs) leaves the previous
workspace intact, in the GeoPackage and in PostGIS.

The loading process is a real ``qonys load`` whose write is held at a known point by a hook
(after the new layer's rows went into the GeoPackage's temporary copy; in the middle of PostGIS's
``COPY``): the hook writes a marker file and waits, and the test kills the process when the
marker appears. No sleep decides the outcome.
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

import geopandas as gpd
import pytest
import shapely
from conftest import drop_postgis_schema

from layers.store import open_store

ROOT = Path(__file__).resolve().parent.parent

HOLD_GPKG = """
import sys, time, pathlib
from layers import store_gpkg
from planning.cli.app import main

marker = pathlib.Path(sys.argv[1])
original = store_gpkg.GeoPackageStore._write_one

def write_then_hold(self, target, name, frame):
    original(self, target, name, frame)
    # written whole, then renamed: the test reads it the moment it appears
    marker.with_suffix(".part").write_text(str(target))  # the layer is in the temporary copy
    marker.with_suffix(".part").replace(marker)
    time.sleep(300)

store_gpkg.GeoPackageStore._write_one = write_then_hold
sys.exit(main(sys.argv[2:]))
"""

HOLD_POSTGIS = """
import sys, time, pathlib
from layers import store_postgis
from planning.cli.app import main

marker = pathlib.Path(sys.argv[1])
original = store_postgis._copy_rows

def copy_half_then_hold(table, conn, keys, data_iter):
    rows = list(data_iter)
    original(table, conn, keys, iter(rows[: len(rows) // 2]))
    marker.with_suffix(".part").write_text(str(len(rows) // 2))  # half the rows, uncommitted
    marker.with_suffix(".part").replace(marker)
    time.sleep(300)

store_postgis._copy_rows = copy_half_then_hold
sys.exit(main(sys.argv[2:]))
"""


def points_csv(path: Path, count: int = 2000) -> Path:
    lines = ["point_id,persons,lon,lat"]
    lines += [f"p{i},{i % 17 + 1},{76.80 + (i % 50) * 0.004:.4f},{43.15 + (i // 50) * 0.004:.4f}"
              for i in range(count)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def existing_units() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"unit_id": ["before"], "pop_registered": [100.0]},
                            geometry=[shapely.box(76.9, 43.2, 77.0, 43.3)], crs="EPSG:4326")


def kill_when_held(script: str, marker: Path, args: list[str]) -> None:
    process = subprocess.Popen([sys.executable, "-c", script, str(marker), *args], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while not marker.exists():
            if process.poll() is not None:
                _out, err = process.communicate()
                pytest.fail(f"the load ended before its hook: {process.returncode}\n{err.decode()}")
            if time.monotonic() > deadline:
                pytest.fail("the load never reached its hook")
            time.sleep(0.01)
        os.kill(process.pid, signal.SIGKILL)
        assert process.wait(timeout=30) == -signal.SIGKILL
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate()


@pytest.mark.slow
def test_killed_load_leaves_the_geopackage_as_it_was(tmp_path):
    workspace = tmp_path / "ws.gpkg"
    with open_store(workspace) as store:
        store.write_layers({"units": existing_units()})
        provenance_before = store.provenance()
    before = workspace.read_bytes()
    marker = tmp_path / "held"
    kill_when_held(HOLD_GPKG, marker, ["load", str(points_csv(tmp_path / "points.csv")),
                                       "--kind", "population_grid", "--store", str(workspace)])
    temporary = Path(marker.read_text())
    assert temporary.parent == tmp_path and temporary.name.endswith(".tmp.gpkg")
    assert workspace.read_bytes() == before
    with open_store(workspace) as store:
        assert store.layer_names() == ["units"]
        assert store.read_layer("units").unit_id.tolist() == ["before"]
        assert store.provenance().equals(provenance_before)
    # the killed process left its temporary copy, which a new load does not mind
    with open_store(workspace) as store:
        store.write_layers({"more": existing_units()})
        assert store.layer_names() == ["more", "units"]


@pytest.mark.postgis
def test_killed_load_leaves_postgis_as_it_was(tmp_path, postgis_url):
    schema = f"qonys_kill_{secrets.token_hex(6)}"
    location = f"{postgis_url}{'&' if '?' in postgis_url else '?'}schema={schema}"
    try:
        with open_store(location) as store:
            store.write_layers({"units": existing_units(), "population_grid": gpd.GeoDataFrame(
                {"point_id": ["old"], "persons": [5.0]}, geometry=[shapely.Point(76.9, 43.2)],
                crs="EPSG:4326")})
            provenance_before = store.provenance()
        marker = tmp_path / "held"
        kill_when_held(HOLD_POSTGIS, marker, ["load", str(points_csv(tmp_path / "points.csv")),
                                              "--kind", "population_grid", "--store", location])
        assert int(marker.read_text()) == 1000
        with open_store(location) as store:
            assert store.layer_names() == ["population_grid", "units"]
            assert store.read_layer("population_grid").point_id.tolist() == ["old"]
            assert store.read_layer("units").unit_id.tolist() == ["before"]
            assert store.provenance().equals(provenance_before)
    finally:
        drop_postgis_schema(postgis_url, schema)
