"""The workspace store: the same behaviour from a GeoPackage file and from a PostGIS schema.

Every test that takes ``location`` or ``store`` runs twice: against a GeoPackage in ``tmp_path``
and against a fresh random schema of the PostGIS database in ``QONYS_TEST_POSTGIS_URL``
(skipped outside CI when that is not set, failed under ``CI=true``), dropped afterwards.
"""

from __future__ import annotations

import dataclasses
import hashlib
import secrets
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
from conftest import drop_postgis_schema, postgis_engine
from shapely.geometry import LineString, MultiPolygon, Point, Polygon

import layers.store_gpkg
from geo.errors import (
    LayerNotFoundError,
    LayerSchemaError,
    MissingDependencyError,
    QonysError,
    StoreError,
)
from layers.provenance import checksum_of_file, checksum_of_frame
from layers.store import Provenance, Store, open_store, redact_url

ROOT = Path(__file__).resolve().parent.parent
INJECTION = 'units"; DROP TABLE x; --'


def with_schema(url: str, schema: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}schema={schema}"


pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture(params=["gpkg", pytest.param("postgis", marks=pytest.mark.postgis)])
def location(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A workspace that does not exist yet: a .gpkg path, or a PostGIS URL with a new schema."""
    if request.param == "gpkg":
        yield str(tmp_path / "work" / "qonys-test.gpkg")
        return
    url = request.getfixturevalue("postgis_url")
    schema = f"qonys_test_{secrets.token_hex(6)}"
    yield with_schema(url, schema)
    drop_postgis_schema(url, schema)


@pytest.fixture
def store(location: str) -> Iterator[Store]:
    with open_store(location) as opened:
        yield opened


def units() -> gpd.GeoDataFrame:
    """Three units with Cyrillic and Kazakh names, missing values and every simple dtype."""
    square = Polygon([(76.90, 43.20), (76.95, 43.20), (76.95, 43.25), (76.90, 43.25)])
    return gpd.GeoDataFrame(
        {
            "unit_id": ["almaty_bostandyk", "kaskelen", "otegen_batyr"],
            "name_ru": ["Бостандыкский район", "Каскелен", None],
            "name_kk": ["Бостандық ауданы", "Қаскелең", "Өтеген батыр"],
            "pop_registered": [388_123, 89_000, 64_500],
            "area_km2": [101.2, None, 12.345678901234],
            "is_city": [True, False, False],
            "note": ["", "кавычки \" и ' ; --", None],
        },
        geometry=[
            square,
            Polygon([(76.60, 43.15), (76.70, 43.15), (76.65, 43.2123456789012)]),
            Polygon([(77.10, 43.40), (77.20, 43.40), (77.20, 43.50)], [
                [(77.15, 43.41), (77.19, 43.41), (77.19, 43.45)]
            ]),
        ],
        crs="EPSG:4326",
    )


def assert_same_layer(read: pd.DataFrame, expected: pd.DataFrame) -> None:
    """Same columns and values, compatible dtypes, geometries within 1e-9, same CRS."""
    assert list(read.columns) == list(expected.columns)
    if isinstance(expected, gpd.GeoDataFrame):
        assert isinstance(read, gpd.GeoDataFrame)
        assert read.geometry.name == "geometry"
        assert read.crs == expected.crs
        missing = expected.geometry.isna().to_numpy()
        assert (read.geometry.isna().to_numpy() == missing).all()
        close = read.geometry[~missing].geom_equals_exact(expected.geometry[~missing], 1e-9)
        assert close.all()
        read, expected = read.drop(columns="geometry"), expected.drop(columns="geometry")
    else:
        assert not isinstance(read, gpd.GeoDataFrame)
    pd.testing.assert_frame_equal(pd.DataFrame(read), pd.DataFrame(expected), check_dtype=False)
    for column in expected.columns:  # compatible: the same kind of values
        assert read[column].dtype.kind == expected[column].dtype.kind, column


def stored_geometry(location: str, layer: str) -> tuple[str, int]:
    """The geometry type and SRID the store declares for a layer, read past the store."""
    if location.endswith(".gpkg"):
        info = pyogrio.read_info(location, layer=layer)
        return info["geometry_type"].upper(), int(info["crs"].split(":")[1])
    url, schema = location.split("schema=")
    sa, engine = postgis_engine(url.rstrip("?&"))
    with engine.connect() as conn:
        found = conn.execute(
            sa.text(
                "SELECT type, srid FROM geometry_columns "
                "WHERE f_table_schema = :s AND f_table_name = :t"
            ),
            {"s": schema, "t": layer},
        ).one()
    engine.dispose()
    return found[0], found[1]


def provenance_of(frame: pd.DataFrame, layer: str, kind: str, **extra: object) -> Provenance:
    return Provenance(
        layer=layer,
        kind=kind,
        source=extra.pop("source", f"/data/{layer}.shp"),
        checksum=checksum_of_frame(frame),
        crs_found="EPSG:4326",
        crs_used="EPSG:4326",
        encoding="UTF-8",
        row_count=len(frame),
        **extra,
    )


# --- 1. round trip --------------------------------------------------------------------------


def test_polygons_round_trip(store: Store) -> None:
    store.write_layers({"units": units()})
    assert_same_layer(store.read_layer("units"), units())
    assert store.read_layer("units")["name_kk"].tolist() == [
        "Бостандық ауданы",
        "Қаскелең",
        "Өтеген батыр",
    ]


def test_points_and_lines_round_trip(store: Store) -> None:
    points = gpd.GeoDataFrame(
        {"facility_id": ["s1", "s2", "s3"], "places": [1200, 800, 640]},
        geometry=[Point(76.9123456789, 43.2567891234), None, Point(76.5, 43.1)],
        crs="EPSG:4326",
    )
    roads = gpd.GeoDataFrame(
        {"highway": ["primary", "residential"], "speed_kmh": [60.0, 30.0], "oneway": [True, False]},
        geometry=[LineString([(76.9, 43.2), (76.95, 43.25)]), LineString([(0, 0), (1, 1), (2, 0)])],
        crs="EPSG:4326",
    )
    store.write_layers({"facilities": points, "roads": roads})
    assert_same_layer(store.read_layer("facilities"), points)
    assert_same_layer(store.read_layer("roads"), roads)


def test_attribute_table_comes_back_as_plain_dataframe(store: Store) -> None:
    flows = pd.DataFrame(
        {
            "origin_id": ["Түркістан облысы", "kaskelen"],
            "dest_id": ["almaty_bostandyk", "Алматы"],
            "year": [2023, 2024],
            "persons": [1520.5, None],
        }
    )
    store.write_layers({"flows": flows})
    read = store.read_layer("flows")
    assert type(read) is pd.DataFrame
    assert_same_layer(read, flows)


def test_empty_layers_keep_columns_types_and_crs(store: Store) -> None:
    empty_units = units().iloc[:0]
    empty_flows = pd.DataFrame(
        {"year": pd.Series([], dtype="int64"), "persons": pd.Series([], dtype="float64")}
    )
    store.write_layers({"units": empty_units, "flows": empty_flows})
    assert_same_layer(store.read_layer("units"), empty_units)
    assert_same_layer(store.read_layer("flows"), empty_flows)


def test_mixed_polygons_are_promoted_to_multipolygons(location: str, store: Store) -> None:
    mixed = units()
    parts = [mixed.geometry[1], mixed.geometry[2]]
    mixed.loc[1, "geometry"] = MultiPolygon(parts)
    store.write_layers({"units": mixed})
    assert stored_geometry(location, "units") == ("MULTIPOLYGON", 4326)
    read = store.read_layer("units")
    assert set(read.geom_type) == {"MultiPolygon"}
    assert read.geometry[1].equals(MultiPolygon(parts))
    assert read.geometry[0].equals(MultiPolygon([mixed.geometry[0]]))


def test_srid_comes_from_the_crs_never_zero(location: str, store: Store) -> None:
    utm = units().to_crs("EPSG:32643")
    store.write_layers({"units_utm": utm, "units": units()})
    assert stored_geometry(location, "units_utm")[1] == 32643
    assert stored_geometry(location, "units")[1] == 4326
    assert store.read_layer("units_utm").crs.to_epsg() == 32643


def test_empty_text_stays_apart_from_missing(store: Store) -> None:
    # geopandas' to_postgis writes through CSV, where "" becomes NULL: the store must not.
    table = pd.DataFrame({"a": ["", None, "x"], "b": ["", "", None]})
    store.write_layers({"texts": table})
    read = store.read_layer("texts")
    assert read["a"].tolist()[0] == "" and pd.isna(read["a"][1])
    assert read["b"].tolist()[:2] == ["", ""] and pd.isna(read["b"][2])


def test_nullable_and_object_columns_read_the_same_in_both_stores(store: Store) -> None:
    table = gpd.GeoDataFrame(
        {
            "built": pd.array([1975, None], dtype="Int64"),
            "heated": pd.Series([True, None], dtype=object),
            "capacity": pd.Series([12, None], dtype=object),
        },
        geometry=[Point(71.4, 51.1), Point(71.5, 51.2)],
        crs="EPSG:4326",
    )
    store.write_layers({"sources": table})
    read = store.read_layer("sources")
    assert str(read["built"].dtype) == "Int64" and read["built"].tolist()[0] == 1975
    assert str(read["heated"].dtype) == "boolean" and read["heated"].tolist()[0] is True
    assert str(read["capacity"].dtype) == "Int64"
    assert read["capacity"].isna().tolist() == [False, True]


def test_named_index_is_kept_as_a_column(store: Store) -> None:
    table = pd.DataFrame({"persons": [10, 20]}, index=pd.Index(["a", "b"], name="unit_id"))
    store.write_layers({"counts": table, "filtered": table.reset_index().iloc[[1]]})
    assert store.read_layer("counts").columns.tolist() == ["unit_id", "persons"]
    assert store.read_layer("filtered")["unit_id"].tolist() == ["b"]


# --- 2. atomic writes ------------------------------------------------------------------------


def _fail_on(layer: str, monkeypatch: pytest.MonkeyPatch, store: Store) -> None:
    """Make the low-level writer raise when it reaches ``layer``."""
    original = type(store)._write_one

    def write_one(self: Store, target: object, name: str, frame: pd.DataFrame) -> None:
        if name == layer:
            raise RuntimeError("disk on fire")
        original(self, target, name, frame)

    monkeypatch.setattr(type(store), "_write_one", write_one)


def _assert_untouched(store: Store, before: pd.DataFrame, provenance: pd.DataFrame) -> None:
    assert_same_layer(store.read_layer("a"), before)
    assert not store.has_layer("b")
    assert store.layer_names() == ["a"]
    pd.testing.assert_frame_equal(store.provenance(), provenance)
    assert store.kind_of("a") == "units"


def test_failed_write_leaves_the_workspace_as_it_was(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = units()
    store.write_layers({"a": old}, provenance={"a": provenance_of(old, "a", "units")})
    provenance = store.provenance()
    new_a = units().iloc[:1]
    _fail_on("b", monkeypatch, store)
    with pytest.raises(StoreError, match="disk on fire") as caught:
        store.write_layers({"a": new_a, "b": units()})
    assert "'b'" in str(caught.value)
    _assert_untouched(store, old, provenance)


def test_failure_the_driver_raises_leaves_the_workspace_as_it_was(store: Store) -> None:
    old = units()
    store.write_layers({"a": old}, provenance={"a": provenance_of(old, "a", "units")})
    provenance = store.provenance()
    too_big = gpd.GeoDataFrame(  # fits no signed 64-bit column of either store
        {"n": np.array([2**63 + 5], dtype="uint64")}, geometry=[Point(0, 0)], crs="EPSG:4326"
    )
    with pytest.raises(StoreError):
        store.write_layers({"a": units().iloc[:1], "b": too_big})
    _assert_untouched(store, old, provenance)


def test_failure_while_recording_provenance_writes_no_layer(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = units()
    store.write_layers({"a": old}, provenance={"a": provenance_of(old, "a", "units")})
    provenance = store.provenance()

    def refuse(*args: object) -> None:
        raise RuntimeError("no room for provenance")

    monkeypatch.setattr(type(store), "_append_provenance", refuse)
    with pytest.raises(StoreError, match="no room for provenance"):
        store.write_layers({"a": units().iloc[:2], "b": units()})
    _assert_untouched(store, old, provenance)


def test_gpkg_failed_write_keeps_the_file_byte_for_byte_and_leaves_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "ws.gpkg"
    with open_store(path) as store:
        store.write_layers({"a": units()})
        before = checksum_of_file(path)
        _fail_on("c", monkeypatch, store)
        with pytest.raises(StoreError):
            store.write_layers({"a": units().iloc[:1], "b": units(), "c": units()})
    assert checksum_of_file(path) == before
    # nothing left but the workspace and its (empty, hidden) write lock
    assert sorted(p.name for p in tmp_path.iterdir()) == [".ws.gpkg.lock", "ws.gpkg"]


KILLED = """
import os, sys
import geopandas as gpd
from shapely.geometry import Point
from layers.store import open_store
from layers.store_gpkg import GeoPackageStore

original = GeoPackageStore._write_one

def write_one(self, target, name, frame):
    if name == "c":
        os._exit(9)  # killed midway: no cleanup, no exception handlers
    original(self, target, name, frame)

GeoPackageStore._write_one = write_one
frame = gpd.GeoDataFrame({"n": [1]}, geometry=[Point(0, 0)], crs="EPSG:4326")
open_store(sys.argv[1]).write_layers({"a": frame, "b": frame, "c": frame})
"""


@pytest.mark.slow
def test_gpkg_killed_write_leaves_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "ws.gpkg"
    with open_store(path) as store:
        store.write_layers({"a": units()})
    before = checksum_of_file(path)
    done = subprocess.run(
        [sys.executable, "-c", KILLED, str(path)], cwd=ROOT, capture_output=True, check=False
    )
    assert done.returncode == 9, done.stderr
    assert checksum_of_file(path) == before
    with open_store(path) as store:
        assert store.layer_names() == ["a"]
        assert_same_layer(store.read_layer("a"), units())


EDITOR = """
import sqlite3, sys
editor = sqlite3.connect(sys.argv[1])  # as QGIS editing the file: WAL mode, connection open
editor.execute("PRAGMA journal_mode=WAL")
with editor:
    editor.execute("UPDATE flows SET persons = 7.5 WHERE fid = 1")
print("edited", flush=True)
sys.stdin.readline()
editor.close()
"""


def test_gpkg_open_in_another_program_is_not_replaced_under_it(tmp_path: Path) -> None:
    # Another process: SQLite's POSIX locks do not see a second connection of the same one.
    path = tmp_path / "ws.gpkg"
    with open_store(path) as store:
        store.write_layers({"flows": pd.DataFrame({"persons": [1.0, 2.0]})})
        editor = subprocess.Popen(
            [sys.executable, "-c", EDITOR, str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert editor.stdout is not None and editor.stdout.readline().strip() == "edited"
            before = path.read_bytes()  # the edit is in the editor's -wal, not yet here
            with pytest.raises(StoreError, match="another program"):
                store.write_layers({"units": units()})
            # not even checkpointed: the other program's WAL is its own business
            assert path.read_bytes() == before
        finally:
            editor.communicate("\n", timeout=30)
        store.write_layers({"units": units()})
        assert store.read_layer("flows")["persons"].tolist() == [7.5, 2.0]
        assert store.layer_names() == ["flows", "units"]


def test_gpkg_wal_left_by_a_dead_program_is_folded_in(tmp_path: Path) -> None:
    """An editor killed with its edit committed in the ``-wal``: nobody holds the file, so
    the write goes ahead and keeps the edit."""
    path = tmp_path / "ws.gpkg"
    with open_store(path) as store:
        store.write_layers({"flows": pd.DataFrame({"persons": [1.0, 2.0]})})
    editor = subprocess.Popen([sys.executable, "-c", EDITOR, str(path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    assert editor.stdout is not None and editor.stdout.readline().strip() == "edited"
    editor.kill()
    editor.wait(timeout=30)
    assert path.with_name("ws.gpkg-wal").exists()
    with open_store(path) as store:
        store.write_layers({"units": units()})
        assert store.read_layer("flows")["persons"].tolist() == [7.5, 2.0]
        assert store.layer_names() == ["flows", "units"]


@pytest.mark.slow
def test_gpkg_copies_the_file_once_per_write_and_not_at_all_when_new(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copies: list[Path] = []
    original = layers.store_gpkg._copy_file

    def counting_copy(source: Path, target: Path) -> None:
        copies.append(source)
        original(source, target)

    monkeypatch.setattr(layers.store_gpkg, "_copy_file", counting_copy)
    twenty = {f"layer_{i:02d}": units() for i in range(20)}
    with open_store(tmp_path / "ws.gpkg") as store:
        store.write_layers(twenty)
        assert copies == []
        store.write_layers(twenty)
        assert len(copies) == 1
        assert store.layer_names() == sorted(twenty)


# --- 3. layer names ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", [INJECTION, "Units", "1units", "", "юниты", "a" * 64, "a-b"])
def test_bad_layer_names_are_refused_everywhere(store: Store, name: str) -> None:
    store.write_layers({"units": units()})
    for attempt in (
        lambda: store.write_layers({name: units()}),
        lambda: store.read_layer(name),
        lambda: store.has_layer(name),
        lambda: store.kind_of(name),
    ):
        with pytest.raises(LayerSchemaError) as caught:
            attempt()
        assert name in str(caught.value)
        assert "^[a-z][a-z0-9_]{0,62}$" in str(caught.value)
    assert store.layer_names() == ["units"]
    assert_same_layer(store.read_layer("units"), units())


@pytest.mark.parametrize("name", ["qonys_provenance", "qonys_anything", "gpkg_contents"])
def test_bookkeeping_names_cannot_be_written(store: Store, name: str) -> None:
    with pytest.raises(LayerSchemaError, match="reserved"):
        store.write_layers({name: units()})


def test_column_names_are_quoted_not_pasted(store: Store) -> None:
    table = pd.DataFrame({'a"b': [1], "name; DROP TABLE units; --": ["x"], "Название": ["y"]})
    store.write_layers({"units": units(), "odd_columns": table})
    assert_same_layer(store.read_layer("odd_columns"), table)
    assert store.layer_names() == ["odd_columns", "units"]


def test_longest_valid_name_round_trips(store: Store) -> None:
    name = "a" + "b" * 62
    store.write_layers({name: units()})
    assert store.layer_names() == [name]
    assert_same_layer(store.read_layer(name), units())


# --- 4. errors ---------------------------------------------------------------------------------


def test_missing_layer_names_layer_store_and_fix(store: Store) -> None:
    store.write_layers({"units": units()})
    with pytest.raises(LayerNotFoundError) as caught:
        store.read_layer("facilities")
    message = str(caught.value)
    assert "facilities" in message and store.location in message
    assert "Load it, or run `qonys demo`" in message
    assert isinstance(caught.value, KeyError) and isinstance(caught.value, QonysError)


def test_gpkg_read_of_a_missing_file_says_so_and_creates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "ws.gpkg"
    with open_store(path) as store:
        for attempt in (lambda: store.read_layer("units"), store.layer_names, store.provenance):
            with pytest.raises(StoreError, match="No workspace at"):
                attempt()
        assert not store.has_layer("units")
        assert store.kind_of("units") is None
    assert not path.parent.exists()


def test_gpkg_write_creates_the_parent_directories(tmp_path: Path) -> None:
    path = tmp_path / "out" / "demo" / "qonys-demo.gpkg"
    with open_store(path) as store:
        store.write_layers({"units": units()})
    assert path.is_file()
    assert pyogrio.read_info(path, layer="units")["features"] == 3


def test_gpkg_that_is_not_a_geopackage_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "ws.gpkg"
    path.write_text("not a database", encoding="utf-8")
    with open_store(path) as store, pytest.raises(StoreError, match="GeoPackage"):
        store.layer_names()


def test_unknown_location_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"\.gpkg"):
        open_store(tmp_path / "units.shp")


def test_postgres_that_cannot_connect_hides_the_password() -> None:
    pytest.importorskip("sqlalchemy")
    pytest.importorskip("psycopg")
    url = "postgresql://planner:s3cr3t-Pa55@127.0.0.1:1/qonys?connect_timeout=3"
    with pytest.raises(StoreError) as caught:
        open_store(url)
    message = str(caught.value)
    assert "s3cr3t" not in message and "s3cr3t" not in repr(caught.value.__cause__)
    assert "postgresql://planner:***@127.0.0.1:1/qonys" in message
    assert "refused" in message.lower() or "connect" in message.lower()


def test_frames_that_cannot_be_stored_are_schema_errors(store: Store) -> None:
    no_crs = units().set_crs(None, allow_override=True)
    with_fid = units().assign(fid=[1, 2, 3])
    objects = pd.DataFrame({"payload": [{"a": 1}, None]})
    duplicate = pd.DataFrame([[1, 2]], columns=["Name", "name"])
    for bad, words in [
        (no_crs, "EPSG"),
        (with_fid, "fid"),
        (objects, "payload"),
        (duplicate, "name"),
        (["not", "a", "frame"], "DataFrame"),
    ]:
        with pytest.raises(LayerSchemaError, match=words):
            store.write_layers({"bad": bad})
    assert not store.has_layer("bad")


def test_provenance_must_match_the_layers_written(store: Store) -> None:
    with pytest.raises(LayerSchemaError, match="units"):
        store.write_layers({}, provenance={"units": provenance_of(units(), "units", "units")})
    with pytest.raises(LayerSchemaError, match="roads"):
        store.write_layers(
            {"units": units()}, provenance={"units": provenance_of(units(), "roads", "roads")}
        )


def test_closed_store_refuses_work(location: str) -> None:
    store = open_store(location)
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.layer_names()


# --- 5. lazy imports ---------------------------------------------------------------------------


def test_importing_the_store_imports_no_database_package() -> None:
    code = (
        "import layers.store, sys; "
        "heavy = {'sqlalchemy', 'geoalchemy2', 'psycopg'} & set(sys.modules); "
        "assert not heavy, heavy"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr


def test_missing_geoalchemy2_gives_the_install_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "geoalchemy2", None)
    with pytest.raises(MissingDependencyError) as caught:
        open_store("postgresql://postgres@127.0.0.1:5432/test")
    assert "geoalchemy2" in str(caught.value)
    assert "qonys[postgis]" in str(caught.value)


# --- 6. PostGIS specifics and opening -----------------------------------------------------------


@pytest.mark.postgis
def test_postgis_schema_is_created_and_isolated(postgis_url: str) -> None:
    sa, engine = postgis_engine(postgis_url)
    schemas = [f"qonys_test_{secrets.token_hex(6)}" for _ in range(2)]
    try:
        with open_store(with_schema(postgis_url, schemas[0])) as first:
            assert first.layer_names() == []
            first.write_layers({"units": units()})
        with open_store(with_schema(postgis_url, schemas[1])) as second:
            assert second.layer_names() == []
        with engine.connect() as conn:
            found = sa.inspect(conn).get_table_names(schema=schemas[0])
        assert sorted(found) == ["qonys_provenance", "units"]
    finally:
        engine.dispose()
        for schema in schemas:
            drop_postgis_schema(postgis_url, schema)


def test_open_store_none_uses_env_then_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("QONYS_STORE", raising=False)
    with open_store(None) as store:
        assert Path(store.location) == Path("qonys.gpkg")
    monkeypatch.setenv("QONYS_STORE", str(tmp_path / "env.gpkg"))
    with open_store(None) as store:
        assert store.location == str(tmp_path / "env.gpkg")


def test_redact_url_hides_passwords() -> None:
    assert redact_url("postgresql://u:p%40ss@h:5432/db?schema=a") == (
        "postgresql://u:***@h:5432/db?schema=a"
    )
    assert redact_url("postgresql://h/db?user=u&password=secret") == (
        "postgresql://h/db?user=u&password=***"
    )
    assert redact_url("postgresql://u@h/db") == "postgresql://u@h/db"


# --- provenance and kinds ------------------------------------------------------------------------


def test_provenance_keeps_history_and_answers_the_latest(location: str) -> None:
    first = units()
    second = units().iloc[:2]
    with open_store(location) as store:
        store.write_layers(
            {"units": first, "flows": pd.DataFrame({"persons": [1]})},
            provenance={"units": provenance_of(first, "units", "units", licence="CC BY 4.0")},
        )
        store.write_layers(
            {"units": second},
            provenance={"units": provenance_of(second, "units", "units", note="second load")},
        )
    with open_store(location) as store:  # across reopen
        table = store.provenance()
        assert list(table.columns) == [
            "layer", "kind", "source", "checksum", "loaded_at", "crs_found", "crs_used",
            "encoding", "row_count", "repairs", "licence", "note",
        ]  # fmt: skip
        assert table["layer"].tolist() == ["flows", "units"]
        latest = table.set_index("layer").loc["units"]
        assert latest["note"] == "second load" and latest["licence"] == ""
        assert latest["row_count"] == 2
        assert latest["checksum"] == checksum_of_frame(second)
        flows = table.set_index("layer").loc["flows"]
        assert flows["source"] == "unrecorded" and flows["kind"] == ""
        assert flows["crs_used"] is None
        history = store.read_layer("qonys_provenance")
        assert history["layer"].tolist() == ["units", "flows", "units"]
        assert store.kind_of("units") == "units"
        assert store.kind_of("flows") is None
        assert store.kind_of("roads") is None
        assert "qonys_provenance" not in store.layer_names()


def test_rewrite_without_provenance_keeps_the_kind(store: Store) -> None:
    store.write_layers(
        {"units": units()}, provenance={"units": provenance_of(units(), "units", "units")}
    )
    store.write_layers({"units": units().iloc[:1]})
    assert store.kind_of("units") == "units"
    assert store.provenance()["source"].tolist() == ["unrecorded"]


def test_generated_provenance(store: Store) -> None:
    frame = units()
    row = Provenance.generated(frame, layer="units", kind="units", rule="voronoi of centroids")
    assert row.source == "generated: voronoi of centroids"
    assert row.crs_used == "EPSG:4326" and row.row_count == 3 and row.loaded_at.endswith("+00:00")
    store.write_layers({"units": frame}, provenance={"units": row})
    assert store.provenance().iloc[0].to_dict() == dataclasses.asdict(row)


def test_checksums(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(b"unit_id\n1\n")
    assert checksum_of_file(path) == hashlib.sha256(b"unit_id\n1\n").hexdigest()
    a = units()
    assert checksum_of_frame(a) == checksum_of_frame(units())
    b = units()
    b.loc[0, "geometry"] = Point(0, 0)
    assert checksum_of_frame(a) != checksum_of_frame(b)
    assert checksum_of_frame(a) != checksum_of_frame(a.to_crs("EPSG:32643"))
