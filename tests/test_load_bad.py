"""The corpus of broken files in tests/data/bad/ (made by tests/data/make_bad_files.py and
make_bad_rasters.py): each gives exactly the error written here, ``load`` exits non-zero, and
the workspace is left as it was."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from layers.store import open_store
from planning.cli.app import main

BAD = Path(__file__).resolve().parent / "data" / "bad"

# file, kind, the exact report (English), validate's exit status
CASES = [
    ("truncated.shp", "units",
     "Error: The file truncated.shp is truncated: its header says 508 bytes, the disk has 200. "
     "Copy the file again from its source.", 2),
    ("missing_dbf.shp", "units",
     "Error: The shapefile missing_dbf.shp lacks missing_dbf.dbf. A shapefile is several files "
     "of one name (.shp, .shx, .dbf, and best .prj and .cpg): copy them all, or load a ZIP "
     "archive holding them.", 2),
    ("broken.geojson", "units",
     "Error: Could not read broken.geojson: Failed to read GeoJSON data; At line 1, character "
     "101: Unterminated string. Check that the file is complete and of the format its extension "
     "says.", 2),
    ("empty.geojson", "units",
     "empty.geojson: 1 error(s), 0 warning(s)\n"
     "  error: empty.geojson: the layer has no features. Check the file, the layer (--layer) "
     "and the --keep conditions.", 1),
    ("swapped.csv", "settlements",
     "swapped.csv: 1 error(s), 0 warning(s)\n"
     "  error: swapped.csv, column geometry: The coordinates (x 43.2000 … 43.3580, y 76.6200 … "
     "77.4580) fit Kazakhstan only with latitude and longitude swapped: x holds the latitude and "
     "y the longitude. Swap the two columns in the file, or map them the other way round with "
     "--map, and load again.", 1),
    ("duplicate_ids.csv", "facilities",
     "duplicate_ids.csv: 3 error(s), 1 warning(s)\n"
     "  error: duplicate_ids.csv, column facility_id, rows 2, 4: duplicate identifier 'sch-2'. "
     "Give every row its own identifier.\n"
     "  error: duplicate_ids.csv, column capacity, rows 5: not a number ('много'). Write numbers "
     "with a dot as the decimal mark and no spaces.\n"
     "  error: duplicate_ids.csv, column capacity, rows 3: -50 is below 0. Correct the value; "
     "this column cannot be smaller.\n"
     "  warning: duplicate_ids.csv, column geometry: no CRS declared; the coordinates are "
     "degrees within Kazakhstan, read as EPSG:4326. If that is wrong, give --crs.", 1),
    ("raster_no_crs.tif", "population_grid",
     "Error: The raster raster_no_crs.tif declares no coordinate reference system. Give it when "
     "loading (--crs EPSG:4326 for WGS 84 degrees, EPSG:32643 for UTM 43N …) or write it into "
     "the file: `gdal_edit.py -a_srs EPSG:4326 raster_no_crs.tif`.", 2),
]


@pytest.fixture()
def corpus(tmp_path, monkeypatch):
    """A copy of the corpus as the working directory, so messages name files as given."""
    folder = tmp_path / "bad"
    shutil.copytree(BAD, folder)
    monkeypatch.chdir(folder)
    return folder


@pytest.mark.parametrize(("name", "kind", "expected", "status"), CASES,
                         ids=[c[0] for c in CASES])
def test_validate_reports_exactly(corpus, capsys, name, kind, expected, status):
    assert main(["--lang", "en", "validate", name, "--kind", kind]) == status
    out = capsys.readouterr()
    assert (out.out + out.err).strip() == expected


@pytest.mark.parametrize(("name", "kind", "expected", "status"), CASES,
                         ids=[c[0] for c in CASES])
def test_load_writes_nothing(corpus, workspace, capsys, name, kind, expected, status):
    before = workspace.read_bytes()
    assert main(["--lang", "en", "load", name, "--kind", kind, "--store", str(workspace)]) == 2
    err = capsys.readouterr().err
    assert expected.splitlines()[-1].strip().removeprefix("error: ") in err
    assert workspace.read_bytes() == before
    with open_store(workspace) as store:
        assert store.layer_names() == ["units"]
        assert store.read_layer("units").unit_id.tolist() == ["kept"]
    assert sorted(p.name for p in workspace.parent.iterdir() if p.suffix == ".gpkg") == ["ws.gpkg"]


def test_self_intersections_are_repaired_and_reported(corpus, tmp_path, capsys):
    """Row 2, the bow tie (0,0)-(2,2)-(2,0)-(0,2) scaled to 0.02°, becomes two triangles of a
    quarter of the square each: area 2 × (0.02 × 0.01 / 2) = 0.0002 deg². Row 3's spike is
    dropped: the square 0.01 × 0.01 = 0.0001 deg² is left."""
    workspace = tmp_path / "ws.gpkg"
    assert main(["--lang", "en", "load", "self_intersections.geojson", "--kind", "units",
                 "--store", str(workspace)]) == 0
    err = capsys.readouterr().err
    assert ("warning: self_intersections.geojson, column geometry, rows 2, 3: geometry repaired "
            "with make_valid (Self-intersection). Check the repaired features; the source file "
            "is unchanged.") in err
    with open_store(workspace) as store:
        units = store.read_layer("units").set_index("unit_id")
        repairs = store.provenance().set_index("layer").loc["units", "repairs"]
    assert units.geometry.is_valid.all()
    assert units.geometry.loc["bow"].area == pytest.approx(0.0002)
    assert len(units.geometry.loc["bow"].geoms) == 2
    assert units.geometry.loc["spike"].area == pytest.approx(0.0001)
    assert units.geometry.loc["ok"].area == pytest.approx(0.0001)
    assert repairs.startswith("row 2: Self-intersection[76.91 43.21] → make_valid; row 3: ")


def test_messages_reach_the_user_in_russian(corpus, capsys):
    assert main(["--lang", "ru", "validate", "duplicate_ids.csv", "--kind", "facilities"]) == 1
    out = capsys.readouterr().out
    assert "повторяющийся идентификатор 'sch-2'" in out
    assert "строки 2, 4" in out
