"""Two qonys commands writing one GeoPackage at once take turns and keep both results.

Without the workspace lock the second command copied the file while the first was still
writing its own copy, and the first's later rename dropped the second's layers (seen in 4 of 5
trials with both printing success). The first command here is held inside its write, after its
layer is in its temporary copy and before the rename, so the order is forced, not hoped for.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import time
from pathlib import Path

import geopandas as gpd
import pytest
import shapely

from geo.errors import StoreError
from layers.store import open_store

ROOT = Path(__file__).resolve().parent.parent

HOLD_UNTIL_RELEASED = """
import sys, time, pathlib
from layers import store_gpkg
from planning.cli.app import main

held, release = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
original = store_gpkg.GeoPackageStore._write_one

def write_then_wait(self, target, name, frame):
    original(self, target, name, frame)
    held.write_text(str(target))
    deadline = time.monotonic() + 120
    while not release.exists() and time.monotonic() < deadline:
        time.sleep(0.02)

store_gpkg.GeoPackageStore._write_one = write_then_wait
sys.exit(main(sys.argv[3:]))
"""


def points_csv(path: Path, count: int) -> Path:
    lines = ["point_id,persons,lon,lat"]
    lines += [f"p{i},{i + 1},{76.90 + i * 0.001:.4f},{43.20:.4f}" for i in range(count)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def existing_units() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"unit_id": ["before"], "pop_registered": [100.0]},
                            geometry=[shapely.box(76.9, 43.2, 77.0, 43.3)], crs="EPSG:4326")


def qonys(*args: str, script: str | None = None) -> subprocess.Popen:
    command = [sys.executable, "-c", script] if script else [sys.executable, "-m", "planning.cli"]
    return subprocess.Popen([*command, *args], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def wait_for(path: Path, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while not path.exists():
        if process.poll() is not None:
            pytest.fail(f"the first load ended before its hook:\n{process.communicate()[1]}")
        assert time.monotonic() < deadline, "the first load never reached its hook"
        time.sleep(0.01)


@pytest.mark.slow
def test_second_writer_waits_and_both_layers_are_kept(tmp_path):
    workspace = tmp_path / "ws.gpkg"
    with open_store(workspace) as store:
        store.write_layers({"units": existing_units()})
    held, release = tmp_path / "held", tmp_path / "release"
    first = qonys(str(held), str(release), "--lang", "en", "load",
                  str(points_csv(tmp_path / "a.csv", 3)), "--kind", "population_grid",
                  "--as", "grid_a", "--store", str(workspace), script=HOLD_UNTIL_RELEASED)
    second = None
    try:
        wait_for(held, first)
        before = workspace.read_bytes()
        second = qonys("--lang", "en", "load", str(points_csv(tmp_path / "b.csv", 5)),
                       "--kind", "population_grid", "--as", "grid_b", "--store", str(workspace))
        time.sleep(1.5)  # the second load has long reached its write by now
        assert second.poll() is None, second.communicate()
        assert workspace.read_bytes() == before  # it waits; it has not renamed anything over
        release.write_text("go")
        assert first.wait(timeout=120) == 0, first.communicate()
        assert second.wait(timeout=120) == 0, second.communicate()
    finally:
        release.write_text("go")
        for process in (first, second):
            if process is not None and process.poll() is None:
                process.kill()
    with open_store(workspace) as store:
        assert store.layer_names() == ["grid_a", "grid_b", "units"]
        assert len(store.read_layer("grid_a")) == 3
        assert len(store.read_layer("grid_b")) == 5
        assert sorted(store.provenance().layer) == ["grid_a", "grid_b", "units"]


@pytest.mark.slow
def test_writer_that_waits_too_long_stops_and_writes_nothing(tmp_path, monkeypatch, english):
    workspace = tmp_path / "ws.gpkg"
    with open_store(workspace) as store:
        store.write_layers({"units": existing_units()})
    before = workspace.read_bytes()
    monkeypatch.setenv("QONYS_LOCK_TIMEOUT", "0.3")
    descriptor = os.open(tmp_path / ".ws.gpkg.lock", os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)  # another writer holds the workspace
        started = time.monotonic()
        with open_store(workspace) as store, pytest.raises(StoreError) as caught:
            store.write_layers({"more": existing_units()})
        assert 0.3 <= time.monotonic() - started < 10
    finally:
        os.close(descriptor)
    text = str(caught.value)
    assert "busy" in text and "QONYS_LOCK_TIMEOUT" in text and "nothing was written" in text
    assert workspace.read_bytes() == before
    assert not list(tmp_path.glob(".*.tmp.gpkg"))


def test_lock_timeout_that_is_not_a_number_is_named(tmp_path, monkeypatch, english):
    monkeypatch.setenv("QONYS_LOCK_TIMEOUT", "soon")
    with open_store(tmp_path / "ws.gpkg") as store, pytest.raises(StoreError) as caught:
        store.write_layers({"units": existing_units()})
    assert "QONYS_LOCK_TIMEOUT=soon" in str(caught.value)
    assert not (tmp_path / "ws.gpkg").exists()
