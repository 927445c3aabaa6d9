"""``qonys export LAYER --to x.csv``: the geometry travels as WKT (and lon/lat for points), and
text that a spreadsheet would run as a formula is quoted (OWASP, CSV injection)."""

from __future__ import annotations

import csv

import geopandas as gpd
import shapely

from layers.store import open_store
from planning.cli.app import main


def run(*args: str) -> int:
    return main(["--lang", "en", *args])


def test_csv_export_keeps_polygons_as_wkt_and_loads_back(tmp_path):
    workspace = str(tmp_path / "ws.gpkg")
    square = shapely.box(76.9, 43.2, 77.0, 43.3)
    units = gpd.GeoDataFrame(
        {"unit_id": ["=1+2", "u2"], "name_ru": ["@SUM(A1)", "-минус"],
         "pop_registered": [-0.0, 5.0]},
        geometry=[square, shapely.box(77.0, 43.2, 77.1, 43.3)], crs="EPSG:4326")
    with open_store(workspace) as store:
        store.write_layers({"units": units})
    target = tmp_path / "units.csv"
    assert run("export", "units", "--to", str(target), "--store", workspace) == 0
    with open(target, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["unit_id"] for row in rows] == ["'=1+2", "u2"]
    assert [row["name_ru"] for row in rows] == ["'@SUM(A1)", "'-минус"]
    assert [float(row["pop_registered"]) for row in rows] == [0.0, 5.0]  # numbers unquoted
    assert "lon" not in rows[0]  # polygons: WKT only
    # the square's corners, written by hand
    back = shapely.from_wkt(rows[0]["wkt"])
    assert back.equals_exact(square, tolerance=1e-7)
    # and the file is a source qonys reads back
    again = str(tmp_path / "again.gpkg")
    assert run("load", str(target), "--kind", "units", "--store", again) == 0
    with open_store(again) as store:
        loaded = store.read_layer("units").set_index("unit_id")
    assert loaded.loc["u2"].geometry.equals_exact(shapely.box(77.0, 43.2, 77.1, 43.3), 1e-7)


def test_csv_export_of_points_has_lon_lat(tmp_path):
    workspace = str(tmp_path / "ws.gpkg")
    points = gpd.GeoDataFrame({"point_id": ["a", "b"], "persons": [3.0, 4.0]},
                              geometry=[shapely.Point(76.95, 43.25), shapely.Point(77.05, 43.3)],
                              crs="EPSG:4326").to_crs("EPSG:32643")
    with open_store(workspace) as store:
        store.write_layers({"population_grid": points})
    target = tmp_path / "grid.csv"
    assert run("export", "population_grid", "--to", str(target), "--store", workspace) == 0
    with open(target, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(round(float(r["lon"]), 6), round(float(r["lat"]), 6)) for r in rows] == [
        (76.95, 43.25), (77.05, 43.3)]
    assert rows[1]["wkt"].startswith("POINT (77.05")
