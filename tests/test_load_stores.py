"""The same loads, exports and joins against both workspaces: the GeoPackage file and PostGIS
(in CI the real PostgreSQL with PostGIS). Each answer is checked against the source read
independently with geopandas/pyogrio or against PostGIS's own SQL."""

from __future__ import annotations

import secrets
import zipfile

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
import shapely
from conftest import drop_postgis_schema, postgis_engine

from layers.store import open_store
from planning.cli.app import main

GEOKZ = "geodata/kz-admin-geokz/kaz_admbnda_adm2_2024"
KAZAKH = "Қазақ Әліпбиі Ғылым Үкімет Ұлы Һәм Ңңң Өнер Іле"


def run(*args: str) -> int:
    return main(["--lang", "en", *args])


def kazakh_units() -> gpd.GeoDataFrame:
    """Two squares in Almaty with every Kazakh letter in their names."""
    return gpd.GeoDataFrame(
        {"unit_id": ["k1", "k2"], "name_kk": [KAZAKH, "Түркісіб ауданы"],
         "name_ru": ["Ёлочка", "Турксибский район"], "pop_registered": [1200.0, 250_000.0]},
        geometry=[shapely.box(76.90, 43.20, 76.91, 43.21), shapely.box(76.92, 43.20, 76.93, 43.21)],
        crs="EPSG:4326")


def test_geokz_zip_loads_the_same_into_both_stores(shared_dir, tmp_path, location):
    """A zipped shapefile; the result equals the shapefile read by pyogrio directly."""
    archive = tmp_path / "geokz.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for suffix in (".shp", ".shx", ".dbf", ".prj", ".cpg"):
            source = shared_dir / (GEOKZ + suffix)
            zipped.write(source, f"adm2/{source.name}")
    assert run("load", str(archive), "--kind", "units", "--keep", "kato=71*", "--keep",
               "kato=79*", "--store", location) == 0
    expected = pyogrio.read_dataframe(shared_dir / (GEOKZ + ".shp"))
    expected = expected[expected.KATO.str[:2].isin(["71", "79"])].set_index("KATO")
    with open_store(location) as store:
        units = store.read_layer("units").set_index("unit_id").loc[expected.index]
        provenance = store.provenance().set_index("layer").loc["units"]
    assert len(units) == 10  # Astana's 5 districts and Shymkent's 5 (README of geokz)
    assert (units.name_kk == expected.ADM2_KK).all()
    assert (units.parent_name_ru == expected.ADM1_RU).all()
    # the same outlines, polygons promoted to multipolygons as the whole layer has some
    assert set(units.geom_type) == {"MultiPolygon"}
    assert all(a.equals(b) for a, b in zip(units.geometry, expected.geometry, strict=True))
    assert provenance.source.endswith("geokz.zip!adm2/kaz_admbnda_adm2_2024.shp")
    singles = int((expected.geom_type == "Polygon").sum())
    assert 0 < singles < 10  # the source mixes both, so the note counts the promoted ones
    assert f"{singles} Polygon promoted to MultiPolygon" in provenance.note


def test_shapefile_export_is_utf8_and_round_trips_kazakh(tmp_path, location):
    source = tmp_path / "units.geojson"
    kazakh_units().to_file(source)
    assert run("load", str(source), "--kind", "units", "--store", location) == 0
    target = tmp_path / "out" / "units.shp"
    assert run("export", "units", "--to", str(target), "--store", location) == 0
    assert target.with_suffix(".cpg").read_text().strip().upper() in ("UTF-8", "UTF8")
    assert KAZAKH.encode("utf-8") in target.with_suffix(".dbf").read_bytes()
    back = gpd.read_file(target)
    assert back.name_kk.tolist() == [KAZAKH, "Түркісіб ауданы"]
    assert back.columns.tolist()[:4] == ["unit_id", "name_kk", "name_ru", "pop_regist"]
    # and in again: the cut name is recognised, the letters survive the second trip
    assert run("load", str(target), "--kind", "units", "--as", "units_again",
               "--store", location) == 0
    with open_store(location) as store:
        again = store.read_layer("units_again")
    assert again.name_kk.tolist() == [KAZAKH, "Түркісіб ауданы"]
    assert again.pop_registered.tolist() == [1200.0, 250_000.0]


def test_geojson_and_geopackage_export(tmp_path, location):
    source = tmp_path / "units.geojson"
    kazakh_units().to_file(source)
    run("load", str(source), "--kind", "units", "--store", location)
    assert run("export", "units", "--to", str(tmp_path / "u.geojson"), "--store", location) == 0
    assert run("export", "units", "--to", str(tmp_path / "u.gpkg"), "--as", "districts",
               "--store", location) == 0
    for path, layer in ((tmp_path / "u.geojson", None), (tmp_path / "u.gpkg", "districts")):
        back = pyogrio.read_dataframe(path, layer=layer)
        assert back.name_kk.tolist() == [KAZAKH, "Түркісіб ауданы"]
        assert back.crs.to_epsg() == 4326


@pytest.mark.postgis
def test_export_to_a_postgis_table_and_load_it_back(tmp_path, postgis_url):
    """Export to PostGIS, then check with PostGIS's own SQL, then load the table as a source."""
    schema = f"qonys_export_{secrets.token_hex(6)}"
    target = f"{postgis_url}{'&' if '?' in postgis_url else '?'}schema={schema}"
    workspace = str(tmp_path / "ws.gpkg")
    source = tmp_path / "units.geojson"
    kazakh_units().to_file(source)
    run("load", str(source), "--kind", "units", "--store", workspace)
    sa, engine = postgis_engine(postgis_url)
    try:
        assert run("export", "units", "--to", target, "--as", "districts",
                   "--store", workspace) == 0
        with engine.connect() as conn:
            rows = conn.execute(sa.text(
                f'SELECT unit_id, name_kk, ST_SRID(geometry), ST_Area(geometry::geography) '
                f'FROM "{schema}".districts ORDER BY unit_id')).all()
        assert [r[0] for r in rows] == ["k1", "k2"]
        assert rows[0][1] == KAZAKH
        assert {r[2] for r in rows} == {4326}
        expected_m2 = kazakh_units().to_crs("+proj=laea +lat_0=43.2 +lon_0=76.9").area
        assert rows[0][3] == pytest.approx(expected_m2.iloc[0], rel=1e-3)

        assert run("load", postgis_url, "--layer", f"{schema}.districts", "--kind", "units",
                   "--as", "from_postgis", "--store", workspace) == 0
        with open_store(workspace) as store:
            back = store.read_layer("from_postgis")
            provenance = store.provenance().set_index("layer").loc["from_postgis"]
        assert back.name_kk.tolist() == [KAZAKH, "Түркісіб ауданы"]
        assert provenance.source.endswith(f"{schema}.districts")
    finally:
        engine.dispose()
        drop_postgis_schema(postgis_url, schema)


def test_a_table_name_from_the_user_is_not_sql(tmp_path, postgis_url):
    workspace = str(tmp_path / "ws.gpkg")
    hostile = 'x"; DROP TABLE spatial_ref_sys; --'
    assert run("load", postgis_url, "--layer", hostile, "--kind", "units",
               "--store", workspace) == 2
    sa, engine = postgis_engine(postgis_url)
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM spatial_ref_sys")).scalar() > 1000
    engine.dispose()


def test_csv_with_coordinates_loads_into_both_stores(tmp_path, location):
    table = tmp_path / "schools.csv"
    table.write_text("Код объекта;Тип;Мощность;Долгота;Широта\n"
                     "s1;school;1 200;76,9286;43,2567\n"
                     "s2;kindergarten;280;76.95;43.24\n", encoding="cp1251")
    assert run("load", str(table), "--kind", "facilities", "--map", "Код объекта=facility_id",
               "--map", "Мощность=capacity", "--store", location) == 2  # "1 200" is not a number
    table.write_text(table.read_text(encoding="cp1251").replace("1 200", "1200"),
                     encoding="cp1251")
    assert run("load", str(table), "--kind", "facilities", "--map", "Код объекта=facility_id",
               "--map", "Мощность=capacity", "--store", location) == 0
    with open_store(location) as store:
        schools = store.read_layer("facilities")
        provenance = store.provenance().set_index("layer").loc["facilities"]
    assert schools.facility_id.tolist() == ["s1", "s2"]
    assert schools.kind.tolist() == ["school", "kindergarten"]
    assert schools.capacity.tolist() == [1200.0, 280.0]
    assert [(p.x, p.y) for p in schools.geometry] == [(76.9286, 43.2567), (76.95, 43.24)]
    assert provenance.encoding == "cp1251"


@pytest.mark.slow
def test_osm_roads_and_facilities_load(shared_dir, location):
    """The Honduras extract: roads as the OSM reader reads them, facilities with their missing
    capacities reported as warnings (OpenStreetMap rarely has them) and stored empty."""
    pbf = str(shared_dir / "geodata/osm-samples/honduras-sample.osm.pbf")
    assert run("load", pbf, "--kind", "roads", "--licence", "ODbL 1.0", "--store", location) == 0
    assert run("load", pbf, "--kind", "facilities", "--store", location) == 0
    from layers.read_osm import read_osm

    expected = read_osm(pbf, kind="roads").frame
    with open_store(location) as store:
        roads = store.read_layer("roads")
        facilities = store.read_layer("facilities")
    assert len(roads) == len(expected)
    assert roads.highway.value_counts().to_dict() == expected.highway.value_counts().to_dict()
    assert pd.api.types.is_bool_dtype(roads.oneway)
    assert len(facilities) == 25
    assert facilities.capacity.isna().any()


def test_join_bns_population_to_geokz_districts(shared_dir, location, capsys):
    """The BNS bulletin rows (Kazakh names) joined by name to Almaty city's geokz districts:
    each district gets its bulletin total; the bulletin's other rows are listed as unmatched."""
    run("load", str(shared_dir / (GEOKZ + ".shp")), "--kind", "units", "--keep", "kato=75*",
        "--store", location)
    capsys.readouterr()
    bulletin = (shared_dir / "geodata/kz-population-bns"
                / "DERIVED_bns_population_2023-01-01_selected.csv")
    assert run("join", str(bulletin), "--to", "units", "--on", "name", "--columns", "total",
               "--map", "total=pop_registered", "--store", location) == 0
    report = capsys.readouterr().out
    table = pd.read_csv(bulletin)
    almaty = table[table.parent == "Алматы қаласы"].set_index("unit_kk")
    with open_store(location) as store:
        units = store.read_layer("units").set_index("name_kk")
        note = store.provenance().set_index("layer").loc["units", "note"]
    # the 8 districts: "Алмалы ауданы" in the bulletin is "Алмалы" in geokz
    for name_kk, row in units.iterrows():
        assert row.pop_registered == float(almaty.loc[f"{name_kk} ауданы", "total"])
    assert "8 of 8 layer rows got data" in report
    unmatched = len(table) - 8
    assert f"Table rows not joined to the layer ({unmatched})" in report
    assert "'Станционный к.': no layer row has this key" in report
    assert "kato=75*" in note and "on name: 8 rows matched" in note


def test_geopackage_with_several_layers_needs_layer(tmp_path, location, capsys):
    source = tmp_path / "akimat.gpkg"
    kazakh_units().to_file(source, layer="districts")
    kazakh_units().iloc[:1].to_file(source, layer="microdistricts")
    assert run("load", str(source), "--kind", "units", "--store", location) == 2
    assert ("akimat.gpkg holds several layers: districts, microdistricts. Choose one with "
            "--layer NAME.") in capsys.readouterr().err
    assert run("load", str(source), "--kind", "units", "--layer", "microdistricts",
               "--store", location) == 0
    with open_store(location) as store:
        assert store.read_layer("units").unit_id.tolist() == ["k1"]


def test_xlsx_table_of_flows_loads(tmp_path, location):
    """A migration table from a spreadsheet, Russian headers under a title row."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Миграция населения, 2024"])
    sheet.append([])
    sheet.append(["Откуда", "Куда", "Год", "persons"])
    sheet.append(["Туркестанская", "751110000", 2024, 1520])
    sheet.append(["Жамбылская", "751110000", 2024, 830.5])
    path = tmp_path / "flows.xlsx"
    book.save(path)
    assert run("load", str(path), "--kind", "flows", "--store", location) == 0
    with open_store(location) as store:
        flows = store.read_layer("flows")
    assert flows[["origin_id", "dest_id", "year", "persons"]].values.tolist() == [
        ["Туркестанская", "751110000", 2024, 1520.0], ["Жамбылская", "751110000", 2024, 830.5]]


@pytest.mark.postgis
def test_a_postgis_table_with_columns_of_one_name_in_two_cases_is_refused(tmp_path, postgis_url,
                                                                          capsys):
    """PostgreSQL keeps "KATO" and kato apart; a GeoPackage cannot. The load names both
    columns and writes nothing."""
    schema = f"qonys_cases_{secrets.token_hex(6)}"
    workspace = tmp_path / "ws.gpkg"
    with open_store(workspace) as store:
        store.write_layers({"units": kazakh_units()})
    before = workspace.read_bytes()
    sa, engine = postgis_engine(postgis_url)
    try:
        with engine.begin() as conn:
            conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
            conn.execute(sa.text(f'CREATE TABLE "{schema}".t (unit_id text, "KATO" text, '
                                 'kato text, geometry geometry(Polygon, 4326))'))
            conn.execute(sa.text(f"INSERT INTO \"{schema}\".t VALUES ('a', '1', '2', "
                                 "ST_GeomFromText('POLYGON((76.9 43.2,77 43.2,77 43.3,76.9 "
                                 "43.2))', 4326))"))
        assert run("load", postgis_url, "--layer", f"{schema}.t", "--kind", "units",
                   "--as", "cases", "--store", str(workspace)) == 2
        err = capsys.readouterr().err
        assert "'KATO' / 'kato'" in err and f"{schema}.t" in err
        assert workspace.read_bytes() == before
    finally:
        engine.dispose()
        drop_postgis_schema(postgis_url, schema)
