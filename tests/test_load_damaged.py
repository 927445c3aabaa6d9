"""Damaged files and impossible values (issue 13): each ends in a message naming file, column,
rows and fix, ``validate`` never says "ready to load", and ``load`` leaves the workspace byte for
byte as it was. Every file is made here, from a good one, by changing known bytes."""

from __future__ import annotations

import struct
import warnings
import zipfile
from pathlib import Path

import geopandas as gpd
import pytest
import shapely

from layers import dbf as dbf_file
from layers.catalogue import FLOW_KINDS, MIN_ROAD_SPEED_KMH
from layers.read_table import read_csv
from layers.read_vector import read_vector
from layers.store import open_store
from planning.cli.app import main
from planning.population.flows import FLOW_KINDS as ASSESSED_FLOW_KINDS


def _shapefile(folder: Path, name: str, *, rename: dict[bytes, bytes] | None = None) -> Path:
    """Three squares near Almaty with text fields ``unit_id``, ``aaaaaaa`` and ``bbbbbbb``;
    ``rename`` overwrites field names in the ``.dbf``'s descriptors (11 bytes each)."""
    boxes = [shapely.box(76.90 + i * 0.01, 43.20, 76.905 + i * 0.01, 43.205) for i in range(3)]
    frame = gpd.GeoDataFrame({"unit_id": ["a", "b", "c"], "aaaaaaa": ["x", "y", "z"],
                              "bbbbbbb": ["1", "2", "3"]}, geometry=boxes, crs="EPSG:4326")
    path = folder / f"{name}.shp"
    frame.to_file(path, encoding="UTF-8")
    dbf = bytearray(path.with_suffix(".dbf").read_bytes())
    for old, new in (rename or {}).items():
        at = dbf.index(old.ljust(11, b"\0"), 32)
        dbf[at:at + 11] = new.ljust(11, b"\0")
    path.with_suffix(".dbf").write_bytes(bytes(dbf))
    return path


def _refused(source: str, kind: str, workspace: Path, capsys, *, status: int) -> str:
    """``validate``'s report (exit ``status``, never "ready"); ``load`` exits 2, says the same
    and writes nothing."""
    assert main(["--lang", "en", "validate", source, "--kind", kind]) == status
    out = capsys.readouterr()
    said = (out.out + out.err).strip()
    assert "ready to load" not in said
    before = workspace.read_bytes()
    assert main(["--lang", "en", "load", source, "--kind", kind, "--store", str(workspace)]) == 2
    err = capsys.readouterr().err
    assert said.splitlines()[-1].strip().removeprefix("error: ").removeprefix("Error: ") in err
    assert workspace.read_bytes() == before
    with open_store(workspace) as store:
        assert store.layer_names() == ["units"]
    return said


# --- .dbf headers -----------------------------------------------------------------------------

def test_dbf_header_of_zero_sizes(folder, workspace, capsys):
    """Bytes 8–9 (header size) and 10–11 (record length) set to 0: GDAL then reads no field at
    all; the reader used to fail with "read length must be non-negative"."""
    path = _shapefile(folder, "zero")
    dbf = bytearray(path.with_suffix(".dbf").read_bytes())
    dbf[8:12] = struct.pack("<HH", 0, 0)
    path.with_suffix(".dbf").write_bytes(bytes(dbf))
    said = _refused("zero.shp", "units", workspace, capsys, status=2)
    assert said == (
        "Error: The header of zero.dbf is damaged: it gives a header size of 0 bytes and a "
        "record length of 0 bytes (bytes 8–11; a dBASE header has at least 33 bytes, and a "
        "record at least 1 byte and room for its fields). Copy the file again from its source, "
        "or save the layer again in QGIS.")


def test_dbf_header_of_zero_sizes_in_a_zip(folder, workspace, capsys):
    path = _shapefile(folder, "zero")
    dbf = bytearray(path.with_suffix(".dbf").read_bytes())
    dbf[8:12] = struct.pack("<HH", 0, 0)
    path.with_suffix(".dbf").write_bytes(bytes(dbf))
    with zipfile.ZipFile(folder / "zero.zip", "w") as archive:
        for suffix in (".shp", ".shx", ".dbf", ".prj", ".cpg"):
            archive.write(path.with_suffix(suffix), path.with_suffix(suffix).name)
    said = _refused("zero.zip", "units", workspace, capsys, status=2)
    assert said.startswith("Error: The header of zero.zip!zero.dbf is damaged: it gives a header "
                           "size of 0 bytes and a record length of 0 bytes")


def test_dbf_shorter_than_its_header_says(folder, workspace, capsys):
    """Three fields: unit_id, aaaaaaa, bbbbbbb (text of 80 bytes each, GDAL's default width, so
    a record is 1 + 3 × 80 = 241 bytes) after a header of 32 + 3 × 32 + 1 = 129 bytes: three
    records are 129 + 3 × 241 = 852 bytes. The file is cut to 500."""
    path = _shapefile(folder, "cut")
    dbf = path.with_suffix(".dbf").read_bytes()
    records, header, record = struct.unpack("<IHH", dbf[4:12])
    assert (records, header, record) == (3, 129, 241)  # the hand computation above
    path.with_suffix(".dbf").write_bytes(dbf[:500])
    said = _refused("cut.shp", "units", workspace, capsys, status=2)
    assert said == ("Error: The file cut.dbf is truncated: its header says 3 records of 241 "
                    "bytes (852 bytes), the disk has 500. Copy the file again from its source.")


def test_dbf_with_fewer_records_than_shapes(folder, workspace, capsys):
    """The .shx of three squares has 100 + 3 × 8 = 124 bytes; the .dbf of a two-square copy,
    whole in itself, says 2 records. GDAL would read two features without a word."""
    path = _shapefile(folder, "short")
    two = gpd.read_file(path).iloc[:2]
    two.to_file(folder / "two.shp", encoding="UTF-8")
    path.with_suffix(".dbf").write_bytes((folder / "two.dbf").read_bytes())
    assert path.with_suffix(".shx").stat().st_size == 124
    said = _refused("short.shp", "units", workspace, capsys, status=2)
    assert said == ("Error: short.dbf holds 2 records and short.shx 3 shapes: each shape has one "
                    "record. The shapefile's files seem to come from different versions, or to "
                    "be cut: copy them all again from the source.")


def test_shx_and_dbf_cut_to_the_same_count(folder, workspace, capsys):
    """The .shx and .dbf of a two-square copy beside the three squares' .shp agree with each
    other (2 and 2), so only the .shp tells. Each square is a polygon record of 8 bytes of
    header + 4 (type) + 32 (box) + 4 + 4 (parts, points) + 4 (one part) + 5 × 16 (points) = 136
    bytes: the second ends at 100 + 2 × 136 = 372, the file at 100 + 3 × 136 = 508."""
    path = _shapefile(folder, "cut")
    two = gpd.read_file(path).iloc[:2]
    two.to_file(folder / "two.shp", encoding="UTF-8")
    for suffix in (".shx", ".dbf"):
        path.with_suffix(suffix).write_bytes((folder / f"two{suffix}").read_bytes())
    assert path.stat().st_size == 508
    said = _refused("cut.shp", "units", workspace, capsys, status=2)
    assert said == ("Error: cut.shx indexes the shapes of cut.shp only up to byte 372, but the "
                    "file is 508 bytes long: more records follow the last one indexed, and GDAL "
                    "would read only some. The .shx (and probably the .dbf with it) is cut: copy "
                    "the shapefile again from its source, or rebuild the index (ogr2ogr, QGIS).")


def test_numbers_gdal_would_read_in_part(folder, workspace, capsys, monkeypatch):
    """GDAL reads a number field's "1,500000000000000" as 1 and an integer "20x4" as 20 with
    at most a warning in English; a null number, which shapelib writes as asterisks, is no
    error (row 3's population)."""
    boxes = [shapely.box(76.90 + i * 0.01, 43.20, 76.905 + i * 0.01, 43.205) for i in range(3)]
    gpd.GeoDataFrame({"unit_id": ["a", "b", "c"], "pop_actual": [1.5, 2.5, None],
                      "pop_year": [2023, 2024, 2025]}, geometry=boxes,
                     crs="EPSG:4326").to_file(folder / "comma.shp", encoding="UTF-8")
    dbf = (folder / "comma.dbf").read_bytes()
    assert b"*" * 10 in dbf  # row 3's null population
    dbf = dbf.replace(b"1.500000000000000", b"1,500000000000000").replace(
        b"2.500000000000000", b"2,500000000000000").replace(b"2024", b"20x4")
    (folder / "comma.dbf").write_bytes(dbf)
    report = _refused("comma.shp", "units", workspace, capsys, status=1)
    fix = ("Correct the field's values in the file (a dot as the decimal mark, no other signs), "
           "or copy the file again from its source.")
    assert report.splitlines()[1:3] == [
        "  error: comma.dbf, column pop_actual, rows 1, 2: '1,500000000000000' is not written "
        f"as a number (GDAL would read only its start). {fix}",
        "  error: comma.dbf, column pop_year, rows 2: '20x4' is not written as a number (GDAL "
        f"would read only its start). {fix}"]
    # the same rows when the file is read one record at a time, and from a zip
    monkeypatch.setattr(dbf_file, "_BLOCK_RECORDS", 1)
    assert dbf_file.dbf_bad_numbers(folder / "comma.dbf") == {
        "pop_actual": ((1, 2), "1,500000000000000"), "pop_year": ((2,), "20x4")}
    with zipfile.ZipFile(folder / "comma.zip", "w") as archive:
        for suffix in (".shp", ".shx", ".dbf", ".prj", ".cpg"):
            archive.write(folder / f"comma{suffix}", f"comma{suffix}")
    zipped = read_vector(folder / "comma.zip")
    assert [(p.layer, p.column, p.rows) for p in zipped.problems] == [
        ("comma.zip!comma.dbf", "pop_actual", (1, 2)), ("comma.zip!comma.dbf", "pop_year", (2,))]
    with warnings.catch_warnings(record=True) as caught:  # said once, not also by GDAL
        warnings.simplefilter("always")
        read_vector(folder / "comma.shp")
    assert not [w for w in caught if "parsed incompletely" in str(w.message)]


# --- field names ------------------------------------------------------------------------------

FIELD_CASES = [
    # the .dbf's field names after renaming, and what is said of them
    ({b"aaaaaaa": b"unit_id"}, "'unit_id' (fields 1, 2)"),
    ({b"aaaaaaa": b"unit_id", b"bbbbbbb": b"unit_id"}, "'unit_id' (fields 1, 2, 3)"),
    ({b"aaaaaaa": b"UNIT_ID"}, "'unit_id' / 'UNIT_ID' (fields 1, 2)"),
    ({b"aaaaaaa": b"", b"bbbbbbb": b""}, "no name (fields 2, 3)"),
    ({b"aaaaaaa": b"Name", b"bbbbbbb": b"NAME"}, "'Name' / 'NAME' (fields 2, 3)"),
]


@pytest.mark.parametrize(("rename", "said"), FIELD_CASES,
                         ids=["twice", "three-times", "letter-case", "empty", "case-pair"])
def test_fields_of_one_name_or_none(folder, workspace, capsys, rename, said):
    _shapefile(folder, "fields", rename=rename)
    report = _refused("fields.shp", "units", workspace, capsys, status=2)
    assert report == (
        f"Error: Fields of fields.dbf share a name or have none: {said}. Every field needs its "
        "own name (letter case does not count): rename the fields (QGIS: Layer Properties → "
        "Fields, or LibreOffice) and load again.")


def test_geojson_properties_of_one_name_in_two_cases(folder, workspace, capsys):
    """GeoJSON keys are case-sensitive, the GeoPackage's columns are not."""
    (folder / "towns.geojson").write_text(
        '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": '
        '{"settlement_id": "a", "Name": "x", "name": "y"}, "geometry": {"type": "Point", '
        '"coordinates": [76.9, 43.2]}}]}', encoding="utf-8")
    report = _refused("towns.geojson", "settlements", workspace, capsys, status=2)
    assert report.startswith("Error: Fields of towns.geojson share a name or have none: "
                             "'Name' / 'name' (fields 2, 3).")


def test_a_dbf_field_called_geometry(folder, workspace, capsys):
    """Issue 18: GDAL drops a .dbf field called geometry for the shapes' own column."""
    _shapefile(folder, "geomcol", rename={b"aaaaaaa": b"GEOMETRY"})
    said = _refused("geomcol.shp", "units", workspace, capsys, status=2)
    assert said == ("Error: The field geometry of geomcol.dbf (field 2) has the name of the "
                    "geometry column and would be lost. Rename the field (QGIS: Layer "
                    "Properties → Fields) and load again.")


def test_csv_columns_of_one_name(folder, workspace, capsys):
    """pandas would read the second ``year`` as ``year.1`` and load the first without a word."""
    (folder / "flows.csv").write_text("origin_id,dest_id,year,persons,Year\nA,B,2024,10,2023\n",
                                      encoding="utf-8")
    report = _refused("flows.csv", "flows", workspace, capsys, status=2)
    assert "Fields of flows.csv share a name or have none: 'year' / 'Year' (fields 3, 5)." in report


def test_csv_nameless_column_with_values_but_not_a_trailing_delimiter(folder, workspace, capsys):
    (folder / "flows.csv").write_text("origin_id;dest_id;year;;persons;\nA;B;2024;x;10;\n",
                                      encoding="utf-8")
    report = _refused("flows.csv", "flows", workspace, capsys, status=2)
    assert "share a name or have none: no name (fields 4)." in report
    # the same without the value: the last delimiter of each line adds no field
    (folder / "ok.csv").write_text("origin_id;dest_id;year;persons;\nA;B;2024;10;\n",
                                   encoding="utf-8")
    assert main(["--lang", "en", "validate", "ok.csv", "--kind", "flows"]) == 0


# --- values -----------------------------------------------------------------------------------

def test_fractional_year(folder, workspace, capsys):
    """Row 1's year 2024.9 used to stop the load with "cannot safely cast non-equivalent object
    to int64"; row 2's 2024.0 is the whole year 2024."""
    (folder / "flows.csv").write_text(
        "origin_id,dest_id,year,persons\nA,B,2024.9,10\nA,C,2024.0,5\nA,D,2024,7\n",
        encoding="utf-8")
    report = _refused("flows.csv", "flows", workspace, capsys, status=1)
    assert report == (
        "flows.csv: 1 error(s), 0 warning(s)\n"
        "  error: flows.csv, column year, rows 1: not a whole number (2024.9). This column holds "
        "whole numbers only (a year is written 2024, without a fraction).")


def _points(values: dict, n: int) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(values, geometry=[shapely.Point(76.9 + i / 100, 43.2)
                                              for i in range(n)], crs="EPSG:4326")


INFINITE = [
    ("utility_sources", "gpkg", _points({"source_id": ["s1", "s2", "s3"],
                                         "network": ["heat"] * 3,
                                         "capacity": [100.0, float("inf"), 50.0],
                                         "unit": ["Gcal/h"] * 3}, 3),
     "column capacity, rows 2: not a finite number (inf)"),
    ("facilities", "gpkg", _points({"facility_id": ["f1", "f2"], "kind": ["school"] * 2,
                                    "capacity": [float("inf"), 900.0]}, 2),
     "column capacity, rows 1: not a finite number (inf)"),
    ("housing", "csv", "unit_id,year,dwellings\nA,2025,100\nA,2026,inf\nB,2026,-Infinity\n",
     "column dwellings, rows 2, 3: not a finite number ('inf')"),
    ("flows", "csv", "origin_id,dest_id,year,persons\nA,B,2024,1e999\nA,C,2024,5\n",
     "column persons, rows 1: not a finite number ('1e999')"),
]


@pytest.mark.parametrize(("kind", "form", "data", "said"), INFINITE, ids=[c[0] for c in INFINITE])
def test_infinities_are_refused(folder, workspace, capsys, kind, form, data, said):
    """``inf`` as a capacity made every unit ready (or stopped the report's classification);
    ``1e999`` is how a spreadsheet's overflow reads."""
    name = f"{kind}.{form}"
    if form == "gpkg":
        data.to_file(folder / name, driver="GPKG")
    else:
        (folder / name).write_text(data, encoding="utf-8")
    report = _refused(name, kind, workspace, capsys, status=1)
    assert (f"  error: {name}, {said}. Write the real value; leave an unknown one empty, not "
            "inf.") in report.splitlines()
    assert "is above" not in report and "is below" not in report  # said once, as infinite


def test_negative_flow_and_unknown_kind(folder, workspace, capsys):
    """``qonys flows`` knew a negative flow was wrong; now the load refuses it. The kinds are
    those ``qonys flows`` assesses, compared stripped and in any letter case."""
    assert FLOW_KINDS == ASSESSED_FLOW_KINDS
    (folder / "flows.csv").write_text(
        "origin_id,dest_id,year,persons,flow_kind\n"
        "A,B,2024,10,internal\nA,C,2024,-3, External \nA,D,2024,4,moved\nA,E,2024,0,\n",
        encoding="utf-8")
    report = _refused("flows.csv", "flows", workspace, capsys, status=1)
    assert report == (
        "flows.csv: 2 error(s), 0 warning(s)\n"
        "  error: flows.csv, column persons, rows 2: -3 is below 0. Correct the value; this "
        "column cannot be smaller.\n"
        "  error: flows.csv, column flow_kind, rows 3: unknown value 'moved'. The column "
        "flow_kind takes only: internal, external (or empty).")


def test_roads_at_zero_speed(folder, workspace, capsys):
    """A road at 0 km/h takes forever: the network would be cut there without a word. The
    documented minimum is 1 km/h (rows 2 and 3 are below it; row 4's 1 km/h is allowed)."""
    assert MIN_ROAD_SPEED_KMH == 1
    lines = [shapely.LineString([(76.9, 43.2 + i / 100), (76.91, 43.2 + i / 100)])
             for i in range(4)]
    gpd.GeoDataFrame({"speed_kmh": [60.0, 0.0, 0.5, 1.0]}, geometry=lines,
                     crs="EPSG:4326").to_file(folder / "roads.gpkg", driver="GPKG")
    report = _refused("roads.gpkg", "roads", workspace, capsys, status=1)
    assert report == (
        "roads.gpkg: 1 error(s), 0 warning(s)\n"
        "  error: roads.gpkg, column speed_kmh, rows 2, 3: 0 is below 1. Correct the value; this "
        "column cannot be smaller.")


def test_good_values_still_load(folder, workspace, capsys):
    """The same flows without damage load: whole years written 2024.0, kinds in any case."""
    (folder / "flows.csv").write_text(
        "origin_id,dest_id,year,persons,flow_kind\nA,B,2024.0,10,Internal\nA,C,2023,0,\n",
        encoding="utf-8")
    assert main(["--lang", "en", "load", "flows.csv", "--kind", "flows",
                 "--store", str(workspace)]) == 0
    with open_store(workspace) as store:
        flows = store.read_layer("flows")
    assert flows["year"].tolist() == [2024, 2023]
    assert flows["persons"].tolist() == [10.0, 0.0]


def test_xlsx_headers_of_one_name_in_another_case_are_kept_apart(folder, workspace):
    """A statistics table names a repeated header "NAME (2)" (its documented rule); "Year"
    after "year" is repeated too, since the GeoPackage cannot hold both: the load used to stop
    at the write, after ``validate`` had said "ready to load"."""
    import pandas as pd

    pd.DataFrame([["A", "B", 2024, 10, 2023]],
                 columns=["origin_id", "dest_id", "year", "persons", "Year"]).to_excel(
        folder / "flows.xlsx", index=False)
    assert main(["--lang", "en", "load", "flows.xlsx", "--kind", "flows",
                 "--store", str(workspace)]) == 0
    with open_store(workspace) as store:
        flows = store.read_layer("flows")
    assert flows[["year", "Year (2)"]].values.tolist() == [[2024, 2023]]


@pytest.mark.parametrize("given", [None, "koi8_r", "KOI8-R"])
def test_a_koi8_r_dbf_is_read_detected_or_given(folder, given):
    """Issue 18: the README promises KOI8-R detection, but the detected name ``koi8_r`` is
    Python's alone, and GDAL's iconv failed on it ("'utf-8' codec can't decode"). The names
    written are the names read."""
    names = ["Алмалинский район", "Медеуский район"]
    gpd.GeoDataFrame({"unit_id": ["a", "b"], "name_ru": names},
                     geometry=[shapely.box(76.9, 43.2, 77, 43.3)] * 2,
                     crs="EPSG:4326").to_file(folder / "koi.shp", encoding="KOI8-R")
    (folder / "koi.cpg").unlink(missing_ok=True)
    read = read_vector(folder / "koi.shp", encoding=given)
    assert read.frame["name_ru"].tolist() == names
    assert read.notes == [f"encoding {given or 'koi8_r'} ({'given' if given else 'detected'})"]


@pytest.mark.parametrize("codec", ["koi8_r", "cp866", "cp1251"])
def test_a_cyrillic_csv_is_read_in_its_own_code_page(folder, codec):
    """Issue 18: a KOI8-R CSV was read as cp1251 (every byte is valid in both) and stored
    garbled. The code page is now the one its letters read best in, as for a .dbf."""
    text = "unit_id;name_ru;year;dwellings\nA;Алмалинский район;2026;120\nB;Медеу;2027;80\n"
    (folder / "housing.csv").write_bytes(text.encode(codec))
    read = read_csv(folder / "housing.csv")
    assert read.encoding == codec
    assert read.frame["name_ru"].tolist() == ["Алмалинский район", "Медеу"]


def test_a_wrong_cpg_on_utf8_text_is_overruled_and_said(folder, workspace, capsys, english):
    """Issue 18: a .cpg of "1251" beside UTF-8 text stored "РђР»РјР°..." for every name. Valid
    UTF-8 is read as UTF-8, with a warning; a right .cpg stays obeyed, without one."""
    names = ["Алмалинский район", "Медеуский район"]
    frame = gpd.GeoDataFrame({"unit_id": ["a", "b"], "name_ru": names},
                             geometry=[shapely.box(76.9, 43.2, 77, 43.3)] * 2, crs="EPSG:4326")
    for name, codec in (("wrong", "UTF-8"), ("right", "CP1251")):
        frame.to_file(folder / f"{name}.shp", encoding=codec)
        (folder / f"{name}.cpg").write_text("1251", encoding="ascii")
    wrong, right = read_vector(folder / "wrong.shp"), read_vector(folder / "right.shp")
    assert wrong.frame["name_ru"].tolist() == right.frame["name_ru"].tolist() == names
    assert (wrong.encoding, right.encoding) == ("utf-8", "cp1251")
    assert [str(p) for p in wrong.problems] == [
        "wrong.cpg: the .cpg names the code page '1251', but the text is UTF-8: read as UTF-8. "
        "Check the names; if they are right, correct the .cpg to UTF-8. Otherwise give "
        "--encoding."]
    assert right.problems == []
    assert main(["--lang", "en", "load", "wrong.shp", "--kind", "units",
                 "--store", str(workspace)]) == 0
    assert "warning: wrong.cpg: the .cpg names the code page '1251'" in capsys.readouterr().err


def test_an_xlsx_whose_dimension_undercounts_its_rows(folder, workspace):
    """Issue 18: a sheet whose <dimension> says A1:C4 over 1,000 data rows loaded 3 of them
    with "no errors" (openpyxl's read-only mode trusts it). All 1,000 are read now."""
    import re

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["unit_id", "year", "dwellings"])
    for i in range(1000):
        sheet.append([f"u{i}", 2026, 10])
    book.save(folder / "full.xlsx")
    with zipfile.ZipFile(folder / "full.xlsx") as src, \
            zipfile.ZipFile(folder / "housing.xlsx", "w") as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data, count = re.subn(rb'<dimension ref="A1:C1001"', b'<dimension ref="A1:C4"',
                                      data)
                assert count == 1
            out.writestr(item, data)
    assert main(["--lang", "en", "load", "housing.xlsx", "--kind", "housing",
                 "--store", str(workspace)]) == 0
    with open_store(workspace) as store:
        housing = store.read_layer("housing")
    assert len(housing) == 1000 and housing["dwellings"].sum() == 10_000


def test_text_with_a_nul_character(folder, workspace, capsys):
    """Issue 18: both stores cut text at a NUL ("A\\0B" stored as "A"), silently."""
    (folder / "housing.csv").write_bytes(b"unit_id,year,dwellings,status\nA\x00B,2026,10,ok\n"
                                         b"C,2026,5,pl\x00an\n")
    report = _refused("housing.csv", "housing", workspace, capsys, status=1)
    fix = "Remove the character from the file (it is usually left by an incomplete export)."
    assert report.splitlines()[1:] == [
        "  error: housing.csv, column unit_id, rows 1: the text holds a NUL character (after "
        f"'A'), where the workspace would cut it. {fix}",
        "  error: housing.csv, column status, rows 2: the text holds a NUL character (after "
        f"'pl'), where the workspace would cut it. {fix}"]


def test_a_zip_member_over_the_shapefile_limit_is_not_unpacked(folder, workspace, capsys,
                                                              monkeypatch):
    """Issue 18: a 3.8 MB zip holding a 3 GiB .dbf took 6.3 GB. A shapefile's parts cannot
    exceed 2 GiB (32-bit offsets); the limit is lowered here so the test needs no bomb: the
    .dbf of three squares, 1 + 129 + 3 × 241 = 852 bytes (see above) plus the end byte, 853."""
    import layers.read_vector as read_vector_module

    path = _shapefile(folder, "big")
    with zipfile.ZipFile(folder / "big.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        for suffix in (".shp", ".shx", ".dbf", ".prj", ".cpg"):
            archive.write(path.with_suffix(suffix), path.with_suffix(suffix).name)
    monkeypatch.setattr(read_vector_module, "SHAPEFILE_MAX_BYTES", 800)
    packed = zipfile.ZipFile(folder / "big.zip").getinfo("big.dbf").compress_size
    said = _refused("big.zip", "units", workspace, capsys, status=2)
    assert said == (f"Error: big.zip!big.dbf unpacks to 853 bytes ({packed} in the archive), "
                    "over the shapefile format's limit of 800 bytes. Check the archive; load a "
                    "large layer as a GeoPackage.")


def test_a_password_protected_zip(folder, workspace, capsys):
    """Issue 18: an encrypted zip ended in "RuntimeError: File 'x.shp' is encrypted". Python
    writes no encrypted zips, so bit 0 of each entry's flags (APPNOTE 4.4.4: "encrypted") is set
    by hand in the central directory, which is what a reader sees first."""
    path = _shapefile(folder, "locked")
    with zipfile.ZipFile(folder / "locked.zip", "w") as archive:
        for suffix in (".shp", ".shx", ".dbf", ".prj", ".cpg"):
            archive.write(path.with_suffix(suffix), path.with_suffix(suffix).name)
    data = bytearray((folder / "locked.zip").read_bytes())
    at = data.find(b"PK\x01\x02")
    while at != -1:
        data[at + 8] |= 0x1
        at = data.find(b"PK\x01\x02", at + 4)
    (folder / "locked.zip").write_bytes(bytes(data))
    assert all(m.flag_bits & 1 for m in zipfile.ZipFile(folder / "locked.zip").infolist())
    said = _refused("locked.zip", "units", workspace, capsys, status=2)
    assert said == ("Error: The archive locked.zip is password-protected. Unpack it yourself and "
                    "load the .shp file.")
