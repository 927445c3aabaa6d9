"""Loading the real public files of ../shared/geodata through ``qonys load``, as a GIS
specialist would, and checking what arrives in the workspace against the files themselves and
the published figures."""

from __future__ import annotations

import json

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from pyproj import Geod, Transformer

from layers.store import open_store
from planning.cli.app import main

GEOKZ = "geodata/kz-admin-geokz/kaz_admbnda_adm2_2024.shp"
PLACES = "geodata/kz-populated-places-osm/hotosm_kaz_populated_places_points_geojson.geojson"

# SK-42 → WGS 84 pinned for Kazakhstan: EPSG:1291 "Pulkovo 1942 to WGS 84 (7)", a geocentric
# translation of +15, −130, −84 m on the Krassowsky ellipsoid, written out here in full so that
# the test does not read it from qonys. Gauss-Krüger zone 13: central meridian 75°E, false
# easting 13 500 000 m (zone number in front), scale 1.
GK13_TO_WGS84 = (
    "+proj=pipeline "
    "+step +inv +proj=tmerc +lat_0=0 +lon_0=75 +k=1 +x_0=13500000 +y_0=0 +ellps=krass "
    "+step +proj=push +v_3 "
    "+step +proj=cart +ellps=krass "
    "+step +proj=helmert +x=15 +y=-130 +z=-84 "
    "+step +inv +proj=cart +ellps=WGS84 "
    "+step +proj=pop +v_3 "
    "+step +proj=unitconvert +xy_in=rad +xy_out=deg"
)


def run(*args: str) -> int:
    return main(["--lang", "en", *args])


@pytest.fixture()
def workspace(tmp_path):
    return str(tmp_path / "ws.gpkg")


def test_geokz_almaty_districts_load_as_eight_units(shared_dir, workspace):
    """KATO prefix 75 is Almaty city: its 8 districts, with names in three languages and areas
    within 1 % of the published ones (../shared/facts/kz_units_2023.csv)."""
    assert run("load", str(shared_dir / GEOKZ), "--kind", "units", "--keep", "kato=75*",
               "--region", "almaty", "--licence", "CC BY 4.0", "--store", workspace) == 0
    with open_store(workspace) as store:
        units = store.read_layer("units").set_index("unit_id")
        provenance = store.provenance().set_index("layer").loc["units"]
    facts = pd.read_csv(shared_dir / "facts/kz_units_2023.csv", dtype={"kato": str})
    facts = facts[facts.kato.str.startswith("75")].set_index("kato")
    assert sorted(units.index) == sorted(facts.index)  # the 8 KATO codes of the districts
    assert len(units) == 8
    for kato, row in facts.iterrows():
        assert units.loc[kato, "name_en"] == row.name_en
        assert units.loc[kato, "name_kk"] == row.name_kk
        assert units.loc[kato, "name_ru"] == row.name_ru
        assert units.loc[kato, "area_km2"] == pytest.approx(row.area_km2, rel=0.01)
    assert set(units.region) == {"almaty"}
    assert units.crs.to_epsg() == 4326
    assert provenance.licence == "CC BY 4.0"
    assert provenance.row_count == 8
    assert provenance.crs_found == "EPSG:4326"
    assert "kato=75*" in provenance.note


def test_area_is_the_geodesic_area(shared_dir, workspace):
    """area_km2 from the equal-area projection against pyproj.Geod's geodesic area."""
    run("load", str(shared_dir / GEOKZ), "--kind", "units", "--keep", "kato=751*",
        "--store", workspace)
    with open_store(workspace) as store:
        units = store.read_layer("units")
    geod = Geod(ellps="WGS84")
    for geometry, area in zip(units.geometry, units.area_km2, strict=True):
        geodesic = abs(geod.geometry_area_perimeter(geometry)[0]) / 1e6
        assert area == pytest.approx(geodesic, rel=1e-3)


@pytest.mark.slow
def test_populated_places_load_as_settlements(shared_dir, workspace):
    """9,899 points, names as in the file (read independently with json), population where
    tagged."""
    path = shared_dir / PLACES
    assert run("load", str(path), "--kind", "settlements", "--store", workspace) == 0
    raw = json.loads(path.read_text(encoding="utf-8"))["features"]
    with open_store(workspace) as store:
        places = store.read_layer("settlements")
    assert len(places) == len(raw) == 9899
    by_id = places.set_index("settlement_id")
    for feature in raw[::97]:
        props = feature["properties"]
        row = by_id.loc[str(props["osm_id"])]
        for tag, column in (("name:ru", "name_ru"), ("name:kk", "name_kk"),
                            ("name:en", "name_en"), ("place", "place")):
            expected = props[tag]
            assert (pd.isna(row[column]) if expected is None else row[column] == expected)
        expected_pop = props["population"]
        assert (pd.isna(row.population) if expected_pop is None
                else row.population == float(expected_pop))
        assert (row.geometry.x, row.geometry.y) == pytest.approx(
            feature["geometry"]["coordinates"])
    kazakh = places.name_kk.dropna()
    assert kazakh.str.contains("[ҚӘҒҮҰҺҢӨІқәғүұһңөі]").sum() > 1000


def write_sk42_shapefile(shared_dir, folder):
    """The geokz districts of Almaty as an old akimat file: SK-42 Gauss-Krüger zone 13, cp1251,
    Russian and English names only, no .cpg and no .prj."""
    source = gpd.read_file(shared_dir / GEOKZ)
    source = source[source.KATO.str.startswith("75")][["KATO", "ADM2_RU", "ADM2_EN", "geometry"]]
    to_gk = Transformer.from_pipeline(GK13_TO_WGS84)  # used inverse: WGS 84 → SK-42 GK 13

    def forward(xy):
        x, y = to_gk.transform(xy[:, 0], xy[:, 1], direction="INVERSE")
        return np.column_stack([x, y])

    geometry = shapely.transform(source.geometry.array, forward)
    old = gpd.GeoDataFrame(source.drop(columns="geometry"), geometry=geometry, crs=None)
    path = folder / "almaty_districts.shp"
    with pytest.warns(UserWarning, match="crs"):
        old.to_file(path, encoding="cp1251")
    for extra in (".cpg", ".prj"):
        path.with_suffix(extra).unlink(missing_ok=True)
    assert sorted(p.suffix for p in folder.iterdir()) == [".dbf", ".shp", ".shx"]
    assert "Алмалинский".encode("cp1251") in path.with_suffix(".dbf").read_bytes()
    return path, source


def test_sk42_cp1251_shapefile_without_prj_or_cpg(shared_dir, tmp_path, capsys):
    folder = tmp_path / "akimat"
    folder.mkdir()
    path, source = write_sk42_shapefile(shared_dir, folder)
    workspace = str(tmp_path / "ws.gpkg")

    # Without --crs: an error that proposes SK-42 zone 13, and nothing written.
    assert run("load", str(path), "--kind", "units", "--store", workspace) == 2
    err = capsys.readouterr().err
    assert "zone 13" in err and "--crs EPSG:28413" in err
    assert "Nothing was written" in err
    assert not (tmp_path / "ws.gpkg").exists()

    assert run("load", str(path), "--kind", "units", "--crs", "EPSG:28413",
               "--store", workspace) == 0
    with open_store(workspace) as store:
        units = store.read_layer("units").set_index("unit_id")
        provenance = store.provenance().set_index("layer").loc["units"]
    source = source.set_index("KATO")
    assert (units.name_ru == source.ADM2_RU.reindex(units.index)).all()  # Cyrillic intact
    assert (units.name_en == source.ADM2_EN.reindex(units.index)).all()
    assert provenance.encoding == "cp1251"
    assert provenance.crs_found is None or pd.isna(provenance.crs_found)
    assert provenance.crs_used == "EPSG:4326"
    assert "EPSG:28413" in provenance.note and "1291" in provenance.note

    # One control point: the first vertex of Almaly's outline, read from the shapefile as
    # written (metres of zone 13), through the pinned transformation written out above.
    written = gpd.read_file(path)
    first = written.set_index("KATO").geometry.loc["751110000"]
    x, y = shapely.get_coordinates(first)[0]
    expected = Transformer.from_pipeline(GK13_TO_WGS84).transform(x, y)
    loaded = shapely.get_coordinates(units.geometry.loc["751110000"])[0]
    geod = Geod(ellps="WGS84")
    assert geod.inv(*expected, *loaded)[2] < 0.01  # metres
    proj_default = Transformer.from_crs("EPSG:28413", "EPSG:4326", always_xy=True).transform(x, y)
    assert geod.inv(*expected, *proj_default)[2] > 1.0  # the pin matters: PROJ picks another


def test_sk42_shapefile_with_encoding_given(shared_dir, tmp_path):
    """--encoding overrides the detection: cp1251 read as cp866 is what the user asked for."""
    folder = tmp_path / "akimat"
    folder.mkdir()
    path, _ = write_sk42_shapefile(shared_dir, folder)
    workspace = str(tmp_path / "ws.gpkg")
    assert run("load", str(path), "--kind", "units", "--crs", "EPSG:28413",
               "--encoding", "cp866", "--store", workspace) == 0
    with open_store(workspace) as store:
        names = store.read_layer("units").name_ru
    assert "Алмалинский" not in set(names)
    assert "Алмалинский".encode("cp1251").decode("cp866") in set(names)


def test_area_of_a_polygon_with_a_hole_and_of_a_multipolygon(tmp_path, workspace):
    """1° × 1° at 70–71°E 45–46°N less a 0.2° × 0.2° hole, and a multipolygon of two squares;
    against geopandas' projected area in the same equal-area projection and pyproj.Geod."""
    outer = shapely.box(70, 45, 71, 46).difference(shapely.box(70.2, 45.2, 70.4, 45.4))
    pair = shapely.MultiPolygon([shapely.box(76.9, 43.2, 77.0, 43.3),
                                 shapely.box(77.1, 43.2, 77.2, 43.3)])
    units = gpd.GeoDataFrame({"unit_id": ["hole", "pair"]}, geometry=[outer, pair],
                             crs="EPSG:4326")
    units.to_file(tmp_path / "units.geojson")
    assert run("load", str(tmp_path / "units.geojson"), "--kind", "units",
               "--store", workspace) == 0
    with open_store(workspace) as store:
        area = store.read_layer("units").set_index("unit_id").area_km2
    laea = units.to_crs("+proj=laea +lat_0=48 +lon_0=68 +ellps=WGS84").area.to_numpy() / 1e6
    assert area.to_numpy() == pytest.approx(laea, rel=1e-9)
    geod = Geod(ellps="WGS84")
    for geometry, value in zip(units.geometry, area, strict=True):
        assert value == pytest.approx(abs(geod.geometry_area_perimeter(geometry)[0]) / 1e6,
                                      rel=1e-3)
