"""QGIS styles: the QML of each kind of layer, the ``layer_styles`` rows both stores write with
the layers (atomically), and QGIS itself opening the GeoPackage styled.

Store tests run against a GeoPackage in ``tmp_path`` and against a fresh PostGIS schema (skipped
outside CI without ``QONYS_TEST_POSTGIS_URL``); the QGIS tests run Debian's ``/usr/bin/python3``
with ``python3-qgis`` (skipped outside CI without it).
"""

from __future__ import annotations

import itertools
import json
import os
import re
import secrets
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
from conftest import hidden, need, postgis_engine
from shapely.geometry import LineString, Point, box

from geo.errors import StoreError
from geo.i18n import _, current_language, set_language
from layers.catalogue import KINDS
from layers.provenance import Provenance, checksum_of_frame
from layers.store import Store, open_store
from layers.styles import style_for

QGIS_PYTHON = "/usr/bin/python3"
CB_DIR = Path("/usr/share/qgis/resources/cpt-city-qgis-min/cb")  # ColorBrewer as QGIS ships it
NNBSP = "\u202f"
NBSP = "\u00a0"  # the report's thousands separator in ru (maps.text.format_number)


@pytest.fixture(autouse=True)
def russian() -> Iterator[None]:
    """Labels in Russian, the default language, whatever QONYS_LANG says."""
    before = current_language()
    set_language("ru")
    yield
    set_language(before)


def squares(n: int) -> list:
    return [box(76.9 + i * 0.01, 43.2, 76.9 + i * 0.01 + 0.009, 43.209) for i in range(n)]


def readiness_units() -> gpd.GeoDataFrame:
    """Ten units, four at or below zero and six above (numbers chosen for the hand working)."""
    values = [-3000.0, -1000.0, -200.0, 0.0, 500.0, 1500.0, 2500.0, 4000.0, 9000.0, 12000.0]
    return gpd.GeoDataFrame({
        "unit_id": [f"u{i}" for i in range(10)],
        "pop_actual": np.arange(1, 11) * 1000.0,
        "readiness_actual": values,
        "bottleneck_actual": ["heat"] * 10,
    }, geometry=squares(10), crs="EPSG:4326")


def facilities() -> gpd.GeoDataFrame:
    kinds = ["school", "kindergarten", "school", "polyclinic", "hospital", "kindergarten"]
    return gpd.GeoDataFrame({"facility_id": [f"f{i}" for i in range(6)], "kind": kinds,
                             "capacity": [900, 120, 600, 500, 300, 90]},
                            geometry=[Point(76.9 + i * 0.01, 43.2) for i in range(6)],
                            crs="EPSG:4326")


def renderer(qml: str) -> ET.Element:
    root = ET.fromstring(qml.split("\n", 1)[1])  # past the DOCTYPE line
    assert root.tag == "qgis"
    return root.find("renderer-v2")


def ranges(qml: str) -> list[tuple[float, float, str]]:
    return [(float(r.get("lower")), float(r.get("upper")), r.get("label"))
            for r in renderer(qml).find("ranges")]


def symbol_props(qml: str) -> list[dict[str, str]]:
    """Each symbol's properties, in symbol order, read from the ``<prop>`` elements."""
    symbols = renderer(qml).find("symbols")
    return [{p.get("k"): p.get("v") for p in s.find("layer").findall("prop")} for s in symbols]


# --- 1. the QML of each kind of layer -----------------------------------------------------


def test_readiness_takes_the_reports_fixed_breaks_colours_and_labels() -> None:
    """By hand: the report's breaks are -50 000, -10 000, 0, 10 000 and 50 000 residents; no
    value is above 50 000, so five classes, the ends open (the report puts any value beyond
    them in the end classes). Colours: ColorBrewer RdBu with six classes, the first five."""
    style = style_for(readiness_units(), layer="readiness_units", kind="units")
    assert renderer(style.qml).get("type") == "graduatedSymbol"
    assert renderer(style.qml).get("attr") == "readiness_actual"
    found = ranges(style.qml)
    assert [upper for __, upper, __ in found[:-1]] == [-50_000, -10_000, 0, 10_000]
    assert found[0][0] == -sys.float_info.max and found[-1][1] == sys.float_info.max
    assert all(a[1] == b[0] for a, b in itertools.pairwise(found))  # no gaps
    assert [label for *__, label in found] == [
        f"−50{NBSP}000 и менее", f"от −50{NBSP}000 до −10{NBSP}000",
        f"от −10{NBSP}000 до 0", f"от 0 до 10{NBSP}000", f"от 10{NBSP}000 до 50{NBSP}000"]
    colors = [p["color"] for p in symbol_props(style.qml)]
    assert colors == ["178,24,43,255", "239,138,98,255", "253,219,199,255", "209,229,240,255",
                      "103,169,207,255"]
    assert "readiness_actual" in style.description


def test_the_population_gap_is_styled_by_the_gap_in_seven_symmetric_classes() -> None:
    """Gaps -300, 0, 1 500, 2 500: the step h is 2 000 (2h = 4 000 >= 2 500), so the bounds
    are -4 000, -2 000, -1 000, -200, 200, 1 000, 2 000, 4 000, in RdBu's seven colours
    reversed (red for more actual residents than registered, as the report draws it)."""
    gap = readiness_units().iloc[:4].drop(columns=["readiness_actual"]).assign(
        pop_gap=[-300.0, 0.0, 1_500.0, 2_500.0], pop_gap_share=[-0.1, 0, 0.2, 0.3],
        pop_registered=1000.0)
    style = style_for(gap, layer="population_gap", kind="units")
    assert renderer(style.qml).get("attr") == "pop_gap"
    found = ranges(style.qml)
    assert [upper for __, upper, __ in found[:-1]] == [-2000, -1000, -200, 200, 1000, 2000]
    assert found[3][2] == "от −200 до 200"
    assert [p["color"] for p in symbol_props(style.qml)] == [
        "33,102,172,255", "103,169,207,255", "209,229,240,255", "247,247,247,255",
        "253,219,199,255", "239,138,98,255", "178,24,43,255"]


def test_units_have_aliases_and_name_labels_in_the_current_language() -> None:
    units = readiness_units().assign(name_ru="Алмалинский", name_kk="Алмалы", name_en="Almaly")
    for lang, field, alias in (("ru", "name_ru", "Может принять (факт.)"),
                               ("kk", "name_kk", "Қабылдай алады (нақты)"),
                               ("en", "name_en", "Can take (actual)")):
        set_language(lang)
        root = ET.fromstring(style_for(units, layer="readiness_units",
                                       kind="units").qml.split("\n", 1)[1])
        assert root.get("labelsEnabled") == "1"
        assert root.find("labeling/settings/text-style").get("fieldName") == field
        found = {a.get("field"): a.get("name") for a in root.find("aliases")}
        assert found["readiness_actual"] == alias
        assert found["name_kk"] == _("Name ({lang})", lang=lang).replace("{lang}", "kk")
        assert "geometry" not in found
    set_language("ru")
    # points get aliases but no labels; H3 cells no labels either
    root = ET.fromstring(style_for(facilities(), layer="facilities",
                                   kind="facilities").qml.split("\n", 1)[1])
    assert root.get("labelsEnabled") == "0" and root.find("labeling") is None
    cells = style_for(units, layer="grid_almaty_r8", kind="units")
    assert 'labelsEnabled="0"' in cells.qml


def test_population_is_graduated_by_quantiles_in_ylorrd() -> None:
    """pop_actual 1000..10000: quantiles at 0.2 steps of 9 gaps: 1000 + 1.8 × 1000 = 2800 …"""
    units = readiness_units().drop(columns=["readiness_actual"])
    style = style_for(units, layer="units", kind="units")
    found = ranges(style.qml)
    assert renderer(style.qml).get("attr") == "pop_actual"
    assert [r[0] for r in found] + [found[-1][1]] == pytest.approx(
        [1000, 2800, 4600, 6400, 8200, 10000])
    assert [p["color"] for p in symbol_props(style.qml)] == [
        "255,255,178,255", "254,204,92,255", "253,141,60,255", "240,59,32,255", "189,0,38,255"]
    assert renderer(style.qml).find("classificationMethod").get("id") == "Quantile"


def test_units_fall_back_to_registered_population_then_to_outlines() -> None:
    """pop_actual is all missing. pop_registered 5,5,5,5,10,10,15,15,15,15: quantiles at
    positions 9 × (0, .2, .4, .6, .8, 1) = 0, 1.8, 3.6, 5.4, 7.2, 9 are 5, 5, 5 + .6 × 5 = 8,
    10 + .4 × 5 = 12, 15, 15: the repeated bounds merge into three classes."""
    units = readiness_units()[["unit_id", "geometry"]].assign(
        pop_actual=np.nan, pop_registered=[5.0] * 4 + [10.0] * 2 + [15.0] * 4)
    style = style_for(units, layer="units", kind="units")
    assert renderer(style.qml).get("attr") == "pop_registered"
    assert [x for r in ranges(style.qml) for x in r[:2]] == pytest.approx([5, 8, 8, 12, 12, 15])
    bare = style_for(units[["unit_id", "geometry"]], layer="units", kind="units")
    assert renderer(bare.qml).get("type") == "singleSymbol"
    assert symbol_props(bare.qml)[0]["style"] == "no"


def test_points_are_categorized_by_kind_with_distinct_symbols() -> None:
    style = style_for(facilities(), layer="facilities", kind="facilities")
    root = renderer(style.qml)
    assert (root.get("type"), root.get("attr")) == ("categorizedSymbol", "kind")
    categories = root.find("categories")
    values = [c.get("value") for c in categories]
    assert set(values) - {""} == set(facilities()["kind"])
    assert values[-1] == ""  # QGIS's "all other values"
    labels = {c.get("value"): c.get("label") for c in categories}
    assert labels["school"] == "школа" and labels["kindergarten"] == "детский сад"
    looks = [(p["color"], p["name"]) for p in symbol_props(style.qml)[:-1]]
    assert len(set(looks)) == len(looks) == 4
    assert len({shape for __, shape in looks}) == 4


@pytest.mark.parametrize(("kind", "column", "values"), [
    ("utility_sources", "network", ["heat", "water", "wastewater", "heat"]),
    ("settlements", "place", ["city", "town", "village", "town"]),
])
def test_other_point_kinds_are_categorized_by_their_column(kind, column, values) -> None:
    frame = gpd.GeoDataFrame({column: values}, geometry=[Point(i, 0) for i in range(4)],
                             crs="EPSG:4326")
    root = renderer(style_for(frame, layer=kind, kind=kind).qml)
    assert root.get("attr") == column
    assert {c.get("value") for c in root.find("categories")} - {""} == set(values)


def test_many_unknown_kinds_still_get_distinct_looks_and_values_are_escaped() -> None:
    kinds = [f"kind_{i}" for i in range(11)] + ['<b>"&\'</b>']
    frame = gpd.GeoDataFrame({"kind": kinds}, geometry=[Point(i, 0) for i in range(12)],
                             crs="EPSG:4326")
    style = style_for(frame, layer="facilities", kind="facilities")
    assert {c.get("value") for c in renderer(style.qml).find("categories")} - {""} == set(kinds)
    looks = [(p["color"], p["name"]) for p in symbol_props(style.qml)[:-1]]
    assert len(set(looks)) == 12


def test_population_points_get_one_small_marker() -> None:
    frame = gpd.GeoDataFrame({"persons": [10.0, 20.0]}, geometry=[Point(0, 0), Point(1, 1)],
                             crs="EPSG:4326")
    style = style_for(frame, layer="population_grid", kind="population_grid")
    assert renderer(style.qml).get("type") == "singleSymbol"
    assert float(symbol_props(style.qml)[0]["size"]) <= 1.5


def test_roads_by_class_major_first_else_by_speed() -> None:
    lines = [LineString([(i, 0), (i, 1)]) for i in range(4)]
    roads = gpd.GeoDataFrame({"highway": ["residential", "trunk", "primary_link", "secondary"],
                              "speed_kmh": [30.0, 80.0, 50.0, 60.0]}, geometry=lines,
                             crs="EPSG:4326")
    style = style_for(roads, layer="roads", kind="roads")
    values = [c.get("value") for c in renderer(style.qml).find("categories")]
    assert values == ["trunk", "primary_link", "secondary", "residential", ""]
    # widths by class: trunk 1.3 mm, a link 0.7 of its class (primary 1.0), secondary 0.8,
    # residential 0.4
    widths = [float(p["line_width"]) for p in symbol_props(style.qml)[:4]]
    assert widths == [1.3, 0.7, 0.8, 0.4]
    by_speed = style_for(roads.drop(columns="highway"), layer="roads", kind="roads")
    root = renderer(by_speed.qml)
    assert (root.get("type"), root.get("graduatedMethod")) == ("graduatedSymbol",
                                                               "GraduatedSize")
    found = ranges(by_speed.qml)
    assert (found[0][0], found[-1][1]) == (30.0, 80.0)


def test_zones_and_constraints_are_categorized_fills() -> None:
    zones = gpd.GeoDataFrame({"network": ["water", "heat", "water"]}, geometry=squares(3),
                             crs="EPSG:4326")
    root = renderer(style_for(zones, layer="utility_zones", kind="utility_zones").qml)
    assert {c.get("value") for c in root.find("categories")} == {"water", "heat", ""}
    areas = gpd.GeoDataFrame({"reason": ["landslide"]}, geometry=squares(1), crs="EPSG:4326")
    style = style_for(areas, layer="constraints", kind="constraints")
    assert symbol_props(style.qml)[0]["style"] == "b_diagonal"


@pytest.mark.parametrize("kind", [k for k, v in KINDS.items() if v.geometry])
def test_every_geometry_kind_gets_a_style_even_when_empty(kind: str) -> None:
    """No geometry to look at: the catalogue's geometry type decides (QGIS: 0 point, 1 line,
    2 polygon)."""
    empty = gpd.GeoDataFrame({"x": pd.Series([], dtype=float)},
                             geometry=gpd.GeoSeries([], crs="EPSG:4326"))
    style = style_for(empty, layer=kind, kind=kind)
    family = ET.fromstring(style.qml.split("\n", 1)[1]).findtext("layerGeometryType")
    assert family == {"Point": "0", "LineString": "1", "Polygon": "2"}[KINDS[kind].geometry]


def test_tables_get_no_style() -> None:
    table = pd.DataFrame({"origin_id": ["a"], "dest_id": ["b"], "persons": [5.0]})
    assert style_for(table, layer="flows", kind="flows") is None


def test_colours_are_colorbrewer_as_qgis_ships_them() -> None:
    """An independent source of the ColorBrewer values: QGIS's bundled cpt-city files."""
    if hidden("QGIS") or not CB_DIR.is_dir():
        need("QGIS", f"{CB_DIR} is absent: apt-get install --no-install-recommends python3-qgis")

    def shipped(scheme: str) -> set[str]:
        text = (CB_DIR / scheme).read_text()
        return {",".join(str(int(h[i:i + 2], 16)) for i in (0, 2, 4)) + ",255"
                for h in re.findall(r'stop-color="#([0-9a-fA-F]{6})"', text)}

    readiness = style_for(readiness_units(), layer="r", kind="units")
    assert {p["color"] for p in symbol_props(readiness.qml)} <= shipped("div/RdBu_06.svg")
    population = style_for(readiness_units().drop(columns="readiness_actual"), layer="u",
                           kind="units")
    assert {p["color"] for p in symbol_props(population.qml)} == shipped("seq/YlOrRd_05.svg")


# --- 2. the layer_styles table of both stores -------------------------------------------------


@pytest.fixture
def store(location: str) -> Iterator[Store]:
    with open_store(location) as opened:
        yield opened


COLUMNS = ("id", "f_table_catalog", "f_table_schema", "f_table_name", "f_geometry_column",
           "styleName", "styleQML", "useAsDefault", "description", "owner")


def style_rows(location: str) -> list[dict]:
    """Every row of the workspace's layer_styles, read past the store, sorted by id."""
    if location.endswith(".gpkg"):
        with sqlite3.connect(location) as db:
            rows = db.execute(f"SELECT {', '.join(COLUMNS)} FROM layer_styles ORDER BY id")
            return [dict(zip(COLUMNS, row, strict=True)) | {"useAsDefault": bool(row[7])}
                    for row in rows]
    url, schema = location.split("?schema=")
    sa, engine = postgis_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(sa.text(
            f"SELECT {', '.join(c.lower() for c in COLUMNS[:6])}, styleqml::text, "
            "useasdefault, description, owner FROM layer_styles WHERE f_table_schema = :s "
            "ORDER BY id"), {"s": schema}).all()
    engine.dispose()
    return [dict(zip(COLUMNS, row, strict=True)) for row in rows]


def geometry_column(location: str, layer: str) -> str:
    if location.endswith(".gpkg"):
        return pyogrio.read_info(location, layer=layer)["geometry_name"]
    return "geometry"


def provenance(frame: pd.DataFrame, layer: str, kind: str) -> Provenance:
    return Provenance(layer=layer, kind=kind, source=f"/data/{layer}.gpkg",
                      checksum=checksum_of_frame(frame), crs_found=None, crs_used=None,
                      encoding=None, row_count=len(frame))


def write(store: Store, **layers: tuple[pd.DataFrame, str]) -> None:
    store.write_layers({name: frame for name, (frame, __) in layers.items()},
                       provenance={name: provenance(frame, name, kind)
                                   for name, (frame, kind) in layers.items()})


def test_one_default_row_per_geometry_layer(location: str, store: Store) -> None:
    table = pd.DataFrame({"zone_id": ["z"], "source_id": ["s"]})
    write(store, readiness_units=(readiness_units(), "units"),
          facilities=(facilities(), "facilities"), zone_sources=(table, "zone_sources"))
    rows = style_rows(location)
    assert sorted(r["f_table_name"] for r in rows) == ["facilities", "readiness_units"]
    for row in rows:
        assert row["f_geometry_column"] == geometry_column(location, row["f_table_name"])
        assert row["useAsDefault"] is True
        assert row["styleName"] == row["f_table_name"]
        assert row["owner"] == "qonys"
        assert row["description"].startswith("Стиль qonys")
    if location.endswith(".gpkg"):
        assert {(r["f_table_catalog"], r["f_table_schema"]) for r in rows} == {("", "")}
        with sqlite3.connect(location) as db:
            kind = db.execute("SELECT data_type FROM gpkg_contents "
                              "WHERE table_name = 'layer_styles'").fetchone()
            counted = db.execute("SELECT feature_count FROM gpkg_ogr_contents "
                                 "WHERE table_name = 'layer_styles'").fetchone()
        assert kind == ("attributes",) and counted == (2,)
    else:
        schema = location.split("schema=")[1]
        database = location.split("?")[0].rsplit("/", 1)[1]
        assert {(r["f_table_catalog"], r["f_table_schema"]) for r in rows} == {(database,
                                                                                schema)}
    by_name = {r["f_table_name"]: r for r in rows}
    assert 'attr="readiness_actual"' in by_name["readiness_units"]["styleQML"]
    assert "layer_styles" not in store.layer_names()


def test_control_characters_and_markup_in_categories_load_in_both_stores(
        location: str, store: Store) -> None:
    """PostGIS's ``xml`` column refused a style whose category held a control character (the
    GeoPackage took it). XML 1.0 cannot write U+0001 at all, so that value gets no category of
    its own (it is drawn as "all other values"); markup characters are escaped and kept."""
    frame = facilities()
    frame["kind"] = ["school", "a\x01b", "&<]]>", "tab\there", "school", "bell\x07"]
    write(store, facilities=(frame, "facilities"))
    (row,) = style_rows(location)
    values = {c.get("value") for c in renderer(row["styleQML"]).find("categories")}
    assert values == {"school", "&<]]>", "tab\there", ""}  # "" is QGIS's "all other values"
    assert store.read_layer("facilities").kind.tolist() == frame.kind.tolist()


def test_rewriting_a_layer_replaces_only_its_row(location: str, store: Store) -> None:
    write(store, units=(readiness_units(), "units"), facilities=(facilities(), "facilities"))
    before = {r["f_table_name"]: r for r in style_rows(location)}
    # one unit above the report's last break (50 000): a sixth class up to it
    smaller = readiness_units().iloc[:5].assign(readiness_actual=[-3000.0, 0, 1, 2, 80_000])
    write(store, units=(smaller, "units"))
    after = {r["f_table_name"]: r for r in style_rows(location)}
    assert sorted(after) == ["facilities", "units"]
    assert after["facilities"] == before["facilities"]
    assert after["units"]["id"] != before["units"]["id"]
    assert ranges(after["units"]["styleQML"])[-1][2] == f"от 50{NBSP}000 до 80{NBSP}000"
    assert len(ranges(before["units"]["styleQML"])) == 5
    write(store, units=(pd.DataFrame(smaller.drop(columns="geometry")), "units"))
    assert [r["f_table_name"] for r in style_rows(location)] == ["facilities"]


@pytest.mark.slow
def test_a_users_own_style_stays_but_is_no_longer_the_default(location: str,
                                                                store: Store) -> None:
    write(store, facilities=(facilities(), "facilities"))
    ours = style_rows(location)[0]
    user = {**ours, "styleName": "my style", "owner": "alice", "description": "mine"}
    _insert_row(location, user)
    write(store, facilities=(facilities(), "facilities"))
    rows = style_rows(location)
    assert [(r["owner"], r["useAsDefault"]) for r in rows] == [("alice", False),
                                                               ("qonys", True)]


def _insert_row(location: str, row: dict) -> None:
    keys = [c for c in COLUMNS if c != "id"]
    if location.endswith(".gpkg"):
        with sqlite3.connect(location) as db:
            db.execute(f"INSERT INTO layer_styles ({', '.join(keys)}) VALUES "
                       f"({', '.join('?' for __ in keys)})", [row[k] for k in keys])
        return
    sa, engine = postgis_engine(location.split("?")[0])
    values = ", ".join(f"XMLPARSE(DOCUMENT :{k})" if k == "styleQML" else f":{k}" for k in keys)
    with engine.begin() as conn:
        conn.execute(sa.text(f"INSERT INTO layer_styles ({', '.join(keys)}) VALUES ({values})"),
                     {k: row[k] for k in keys})
    engine.dispose()


@pytest.mark.slow
def test_failed_writes_leave_layer_styles_as_before(location: str, store: Store,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    write(store, units=(readiness_units(), "units"))
    before = style_rows(location)
    original = type(store)._write_one

    def fail_on_b(self, target, name, frame) -> None:
        if name == "b":
            raise RuntimeError("disk on fire")
        original(self, target, name, frame)

    monkeypatch.setattr(type(store), "_write_one", fail_on_b)
    with pytest.raises(StoreError, match="disk on fire"):
        write(store, units=(readiness_units().iloc[:3], "units"),
              b=(facilities(), "facilities"))
    assert style_rows(location) == before
    monkeypatch.undo()

    styled = type(store)._write_styles

    def fail_after_styles(self, *args) -> None:
        styled(self, *args)  # the rows are written, then the write fails before its commit
        raise RuntimeError("power cut")

    monkeypatch.setattr(type(store), "_write_styles", fail_after_styles)
    with pytest.raises(StoreError, match="power cut"):
        write(store, units=(readiness_units().iloc[:3], "units"),
              b=(facilities(), "facilities"))
    assert style_rows(location) == before


@pytest.mark.postgis
def test_a_user_who_may_not_write_the_shared_table_gets_one_in_the_schema(
        postgis_url: str) -> None:
    """PostgreSQL 15 lets no one but its owner create in ``public``: a user allowed only to
    create a schema still writes its layers, with the styles in that schema's own table."""
    sa, engine = postgis_engine(postgis_url)
    role = f"qonys_limited_{secrets.token_hex(4)}"
    schema = f"qonys_test_{secrets.token_hex(6)}"
    url = sa.engine.make_url(postgis_url)
    try:
        with engine.begin() as conn:
            database = conn.execute(sa.text("SELECT current_database()")).scalar_one()
            try:
                conn.execute(sa.text(f'CREATE ROLE "{role}" LOGIN PASSWORD \'{role}\''))
            except sa.exc.DBAPIError:
                pytest.skip(f"{url.username} may not create roles")
            conn.execute(sa.text(f'GRANT CREATE ON DATABASE "{database}" TO "{role}"'))
            conn.execute(sa.text(f'REVOKE CREATE ON SCHEMA public FROM "{role}"'))
            shared = conn.execute(sa.text("SELECT to_regclass('layer_styles')")).scalar()
        limited = url.set(username=role, password=role, query={"schema": schema})
        with open_store(limited.render_as_string(hide_password=False)) as store:
            write(store, units=(readiness_units(), "units"))
            assert store.layer_names() == ["units"]
        with engine.connect() as conn:
            rows = conn.execute(sa.text(
                f'SELECT f_table_schema, f_table_name FROM "{schema}".layer_styles')).all()
            if shared is not None:  # nothing of this schema went to the shared table
                assert conn.execute(sa.text("SELECT count(*) FROM layer_styles "
                                            "WHERE f_table_schema = :s"),
                                    {"s": schema}).scalar_one() == 0
        assert rows == [(schema, "units")]
    finally:
        with engine.begin() as conn:
            conn.execute(sa.schema.DropSchema(schema, cascade=True, if_exists=True))
            exists = conn.execute(sa.text("SELECT 1 FROM pg_roles WHERE rolname = :r"),
                                  {"r": role}).scalar()
            if exists:
                conn.execute(sa.text(f'REVOKE ALL ON DATABASE "{database}" FROM "{role}"'))
                conn.execute(sa.text(f'DROP OWNED BY "{role}"'))
                conn.execute(sa.text(f'DROP ROLE "{role}"'))
        engine.dispose()


# --- 3. QGIS itself ------------------------------------------------------------------------

QGIS_SCRIPT = r"""
import json, sys
from qgis.core import QgsApplication, QgsDataSourceUri, QgsVectorLayer
app = QgsApplication([], False)
app.initQgis()
answer = {}
for source, name, provider in json.loads(sys.argv[1]):
    layer = QgsVectorLayer(source, name, provider)
    renderer = layer.renderer()
    found = {"valid": layer.isValid(), "type": renderer.type() if renderer else None}
    if found["type"] == "graduatedSymbol":
        found["ranges"] = [[r.lowerValue(), r.upperValue()] for r in renderer.ranges()]
        found["attr"] = renderer.classAttribute()
    if found["type"] == "categorizedSymbol":
        found["values"] = [c.value() for c in renderer.categories()]
        found["attr"] = renderer.classAttribute()
    answer[name] = found
    del layer, renderer
if len(sys.argv) > 2:  # QGIS saves a style itself: the layer_styles table it makes
    layer = QgsVectorLayer(sys.argv[2] + "|layername=facilities", "f", "ogr")
    layer.saveStyleToDatabase("by_qgis", "", False, "")
    del layer
print("ANSWER " + json.dumps(answer), flush=True)
app.exitQgis()
"""


def run_qgis(sources: list[tuple[str, str, str]], *extra: str) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    probe = subprocess.run([QGIS_PYTHON, "-c", "import qgis.core"], env=env,
                           capture_output=True, check=False) \
        if Path(QGIS_PYTHON).exists() and not hidden("QGIS") else None
    if probe is None or probe.returncode != 0:
        need("QGIS", "QGIS tests need Debian's python3-qgis: "
                     "apt-get install --no-install-recommends python3-qgis")
    done = subprocess.run([QGIS_PYTHON, "-c", QGIS_SCRIPT, json.dumps(sources), *extra],
                          env=env, capture_output=True, text=True, check=False, timeout=600)
    lines = [line for line in done.stdout.splitlines() if line.startswith("ANSWER ")]
    assert done.returncode == 0 and lines, done.stderr
    return json.loads(lines[-1].removeprefix("ANSWER "))


@pytest.mark.slow
def test_qgis_opens_the_geopackage_styled(tmp_path: Path) -> None:
    path = tmp_path / "ws.gpkg"
    with open_store(path) as store:
        write(store, readiness_units=(readiness_units(), "units"),
              facilities=(facilities(), "facilities"))
    reference = tmp_path / "by_qgis.gpkg"
    facilities().to_file(reference, layer="facilities", driver="GPKG")
    answer = run_qgis([(f"{path}|layername={name}", name, "ogr")
                       for name in ("readiness_units", "facilities")], str(reference))
    graduated = answer["readiness_units"]
    assert graduated["valid"] and graduated["type"] == "graduatedSymbol"
    assert graduated["attr"] == "readiness_actual"
    assert len(graduated["ranges"]) == 5
    assert [upper for __, upper in graduated["ranges"][:-1]] == [-50_000, -10_000, 0, 10_000]
    assert graduated["ranges"][0][0] == -sys.float_info.max  # open ends, as in the report
    categorized = answer["facilities"]
    assert categorized["type"] == "categorizedSymbol" and categorized["attr"] == "kind"
    assert set(categorized["values"]) - {"", None} == set(facilities()["kind"])
    # the table QGIS made itself has the columns and declared types of ours
    columns = "SELECT name, type, pk FROM pragma_table_info('layer_styles')"
    with sqlite3.connect(reference) as theirs, sqlite3.connect(path) as ours:
        assert ours.execute(columns).fetchall() == theirs.execute(columns).fetchall()
        contents = ("SELECT data_type, identifier, srs_id FROM gpkg_contents "
                    "WHERE table_name = 'layer_styles'")
        assert ours.execute(contents).fetchall() == theirs.execute(contents).fetchall()


@pytest.mark.postgis
@pytest.mark.slow
def test_qgis_opens_the_postgis_layer_styled(postgis_url: str) -> None:
    sa, engine = postgis_engine(postgis_url)
    url = sa.engine.make_url(postgis_url)
    schema = f"qonys_test_{secrets.token_hex(6)}"
    location = f"{postgis_url}{'&' if '?' in postgis_url else '?'}schema={schema}"
    try:
        with open_store(location) as store:
            write(store, readiness_units=(readiness_units(), "units"))
        source = (f"dbname='{url.database}' host={url.host or 'localhost'} "
                  f"port={url.port or 5432} user='{url.username or ''}' "
                  f"password='{url.password or ''}' key='fid' "
                  f'table="{schema}"."readiness_units" (geometry)')
        answer = run_qgis([(source, "readiness_units", "postgres")])
        assert answer["readiness_units"]["type"] == "graduatedSymbol"
        assert len(answer["readiness_units"]["ranges"]) == 5
    finally:
        with engine.begin() as conn:
            conn.execute(sa.text("DELETE FROM layer_styles WHERE f_table_schema = :s"),
                         {"s": schema})
            conn.execute(sa.schema.DropSchema(schema, cascade=True, if_exists=True))
        engine.dispose()
