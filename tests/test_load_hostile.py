"""Hostile inputs, the rest of issue 18: each ends in a message naming the file, the rows or
ids, the value and the fix, never a traceback or a silent load, and a refused load leaves the
workspace byte for byte as it was. Every file is made here."""

from __future__ import annotations

import errno
import os
import struct
import time
import zipfile
from pathlib import Path

import geopandas as gpd
import openpyxl
import pytest
import shapely

from layers.store import open_store
from planning.cli.app import main
from planning.cli.text import terminal_safe

# ``workspace`` (tests/conftest.py): a GeoPackage holding one unit, ``kept``.


def _refused(args: list[str], workspace: Path, capsys, *, status: int = 2) -> str:
    """``validate`` never says "ready", ``load`` exits 2 and leaves the workspace as it was;
    returns what ``load`` printed."""
    assert main(["--lang", "en", "validate", *args]) == status
    said = capsys.readouterr()
    assert "ready to load" not in said.out + said.err
    assert "Traceback" not in said.out + said.err
    before = workspace.read_bytes()
    assert main(["--lang", "en", "load", *args, "--store", str(workspace)]) == 2
    out = capsys.readouterr()
    assert workspace.read_bytes() == before
    with open_store(workspace) as store:
        assert store.layer_names() == ["units"]
    return out.out + out.err


def _geojson(folder: Path, crs_name: str | None, coords=(76.9, 43.2)) -> str:
    crs = f'"crs": {{"type": "name", "properties": {{"name": "{crs_name}"}}}}, ' if crs_name else ""
    (folder / "s.geojson").write_text(
        '{"type": "FeatureCollection", ' + crs + '"features": [{"type": "Feature", '
        '"properties": {"settlement_id": "a", "name": "A"}, "geometry": {"type": "Point", '
        f'"coordinates": [{coords[0]}, {coords[1]}]}}}}]}}', encoding="utf-8")
    return "s.geojson"


def test_a_geojson_crs_gdal_does_not_know_is_refused(folder, workspace, capsys):
    """GDAL reads a crs member of EPSG:999999 as WGS 84 without a word."""
    said = _refused([_geojson(folder, "EPSG:999999"), "--kind", "settlements"], workspace, capsys)
    assert ("Error: s.geojson: its crs member names the CRS EPSG:999999, which GDAL did not "
            "recognise (it would be read as EPSG:4326 without a word). Give the CRS with "
            "--crs EPSG:…") in said
    # given --crs, the user's CRS wins and the layer loads
    assert main(["--lang", "en", "load", "s.geojson", "--kind", "settlements", "--crs",
                 "EPSG:4326", "--as", "given", "--store", str(workspace)]) == 0


def test_a_geojson_crs_after_a_mib_of_features_or_in_a_zip_is_found(folder, workspace, capsys):
    """The member is searched in the first and last MiB: here it follows 1.5 MB of features
    (the middle case, between one and two windows, once went unread); and inside a zip."""
    feature = ('{"type": "Feature", "properties": {"settlement_id": "s%d", "name": "S"}, '
               '"geometry": {"type": "Point", "coordinates": [76.9, 43.2]}}')
    features = ", ".join(feature % i for i in range(15_000))
    (folder / "late.geojson").write_text(
        '{"type": "FeatureCollection", "features": [' + features + '], '
        '"crs": {"type": "name", "properties": {"name": "EPSG:999999"}}}', encoding="utf-8")
    assert 1 << 20 < (folder / "late.geojson").stat().st_size < 2 << 20
    said = _refused(["late.geojson", "--kind", "settlements"], workspace, capsys)
    assert "Error: late.geojson: its crs member names the CRS EPSG:999999" in said
    with zipfile.ZipFile(folder / "s.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(folder / _geojson(folder, "EPSG:999999"), "inner.geojson")
    said = _refused(["s.zip", "--kind", "settlements"], workspace, capsys)
    assert "Error: s.zip!inner.geojson: its crs member names the CRS EPSG:999999" in said


def test_a_known_geojson_crs_is_honoured(folder, workspace, capsys):
    """UTM 43N (EPSG:32643): easting 500 000 is the zone's central meridian, 75° E; on it the
    northing is k0 × the meridian arc, so the arc is 4 800 000 / 0.9996 = 4 801 920.8 m, and
    with the arc's series 111 132.952 φ − 16 038.509 sin 2φ + 16.833 sin 4φ (WGS 84) that is
    φ = 43.3528° (43.3529 gives 4 801 931.6 m, 11 m or 0.0001° more)."""
    name = _geojson(folder, "urn:ogc:def:crs:EPSG::32643", coords=(500000, 4800000))
    assert main(["--lang", "en", "load", name, "--kind", "settlements",
                 "--store", str(workspace)]) == 0
    capsys.readouterr()
    with open_store(workspace) as store:
        point = store.read_layer("settlements").geometry.iloc[0]
    assert point.x == pytest.approx(75.0, abs=1e-6)
    assert point.y == pytest.approx(43.3528, abs=2e-4)


def test_degrees_outside_their_range_are_an_error_naming_the_rows(folder, workspace, capsys):
    (folder / "s.csv").write_text("settlement_id,name,lon,lat\na,A,76.9,43.2\nb,B,500,43.0\n"
                                  "c,C,76.0,95\n", encoding="utf-8")
    said = _refused(["s.csv", "--kind", "settlements", "--crs", "EPSG:4326"], workspace, capsys,
                    status=1)
    assert ("s.csv, column geometry, rows 2, 3: coordinates outside the range of degrees "
            "(longitude ±180, latitude ±90), e.g. lon 500…500, lat 43…43. Correct these "
            "coordinates") in said


def test_a_geojson_in_degrees_beyond_their_range(folder, workspace, capsys):
    """A GeoJSON without a crs member is WGS 84 by definition (RFC 7946): lon 500 is no
    longitude."""
    said = _refused([_geojson(folder, None, coords=(500, 95)), "--kind", "settlements"],
                    workspace, capsys, status=1)
    assert ("s.geojson, column geometry, rows 1: coordinates outside the range of degrees "
            "(longitude ±180, latitude ±90), e.g. lon 500…500, lat 95…95.") in said


@pytest.mark.parametrize(("lat", "suffix"), [("nan", ".osm"), ("95", ".osm"),
                                             ("1e400", ".osm.gz")])
def test_an_osm_node_at_lat_nan_is_named(folder, workspace, capsys, lat, suffix):
    """Issue 18: lat="nan" was a traceback (pyosmium's InvalidLocationError); pyosmium also
    reads 1e400 as 0 and drops a way through lat 95 as "cut at the extract's edge"."""
    import gzip

    text = ('<?xml version="1.0" encoding="UTF-8"?>\n<osm version="0.6">\n'
            '  <node id="1" lat="43.20" lon="76.90"/>\n'
            f'  <node id="27" lat="{lat}" lon="76.91"/>\n'
            '  <node id="3" lat="43.21" lon="76.92"/>\n'
            '  <way id="10"><nd ref="1"/><nd ref="27"/><nd ref="3"/>'
            '<tag k="highway" v="residential"/></way>\n</osm>\n').encode()
    (folder / f"x{suffix}").write_bytes(gzip.compress(text) if suffix.endswith(".gz") else text)
    for kind in ("roads", "facilities"):
        said = _refused([f"x{suffix}", "--kind", kind], workspace, capsys)
        assert (f"Error: x{suffix}: 1 node(s) without a valid location (lat within ±90, lon "
                f"±180): 27 (lat='{lat}', lon='76.91'). Correct or remove these nodes") in said


@pytest.mark.parametrize("part", ["xl/workbook.xml", "xl/worksheets/sheet1.xml"])
def test_an_xlsx_declaring_a_doctype_is_refused_before_parsing(folder, workspace, capsys, part):
    book = openpyxl.Workbook()
    book.active.append(["unit_id", "pop_registered"])
    book.active.append(["a", 100])
    book.save(folder / "ok.xlsx")
    with zipfile.ZipFile(folder / "ok.xlsx") as source, \
            zipfile.ZipFile(folder / "bad.xlsx", "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == part:  # an undefined external entity: ElementTree's ParseError before
                end = data.index(b"?>") + 2 if data.startswith(b"<?xml") else 0
                data = (data[:end] + b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
                        + data[end:])
            target.writestr(name, data)
    said = _refused(["bad.xlsx", "--kind", "units"], workspace, capsys)
    assert f"Error: bad.xlsx: its part {part} declares a DOCTYPE" in said
    assert "root:" not in said


def test_an_xlsx_whose_sheet_xml_is_cut_short(folder, workspace, capsys):
    """openpyxl's read-only mode parses a sheet while its rows are read: a sheet cut in the
    middle was ElementTree's ParseError, a traceback."""
    book = openpyxl.Workbook()
    book.active.append(["unit_id", "pop_registered"])
    book.save(folder / "ok.xlsx")
    with zipfile.ZipFile(folder / "ok.xlsx") as source, \
            zipfile.ZipFile(folder / "cut.xlsx", "w") as target:
        for name in source.namelist():
            data = source.read(name)
            target.writestr(name, data[: len(data) // 2] if name.endswith("sheet1.xml") else data)
    said = _refused(["cut.xlsx", "--kind", "units"], workspace, capsys)
    assert "Error: Cannot read cut.xlsx: Sheet: " in said
    assert "Save the table again as CSV or XLSX." in said


@pytest.mark.parametrize("where", ["lock", "temp"])
def test_a_read_only_filesystem_is_a_store_error(folder, workspace, capsys, monkeypatch, where):
    """root ignores permissions, so EROFS is raised where the store creates its lock file or
    writes its temporary copy."""
    import layers.store_gpkg as store_gpkg

    (folder / "s.csv").write_text("settlement_id,name,lon,lat\na,A,76.9,43.2\n")
    if where == "lock":
        real_open = os.open

        def refusing_open(path, flags, *args):
            if str(path).endswith(".lock"):
                raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
            return real_open(path, flags, *args)

        monkeypatch.setattr(store_gpkg.os, "open", refusing_open)
    else:
        def refusing_copy(source, target):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(target))

        monkeypatch.setattr(store_gpkg, "_copy_file", refusing_copy)
    before = workspace.read_bytes()
    assert main(["--lang", "en", "load", "s.csv", "--kind", "settlements",
                 "--store", str(workspace)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"Error: Could not finish writing to the workspace {workspace}: "
                          "[Errno 30] Read-only file system")
    assert workspace.read_bytes() == before


@pytest.mark.parametrize("name", ["", "  "])
def test_a_blank_layer_name_is_refused(folder, workspace, capsys, name):
    (folder / "u.csv").write_text("unit_id,name,lon,lat\nnew,N,76.9,43.2\n")
    before = workspace.read_bytes()
    assert main(["--lang", "en", "load", "u.csv", "--kind", "units", "--as", name,
                 "--store", str(workspace)]) == 2
    err = capsys.readouterr().err
    assert (f"an empty layer name ({name!r}) would replace the layer 'units'. Give a name, "
            "e.g. --as units_2, or leave --as out.") in err
    assert workspace.read_bytes() == before


def test_a_blank_export_name_is_refused(folder, workspace, capsys):
    assert main(["--lang", "en", "export", "units", "--to", "out.gpkg", "--as", "",
                 "--store", str(workspace)]) == 2
    assert ("an empty layer name ('') would replace the layer 'units'"
            in capsys.readouterr().err)
    assert not (folder / "out.gpkg").exists()


def test_control_characters_in_names_are_not_printed_raw(folder, workspace, capsys):
    """A unit whose id is an ANSI colour sequence: the problem naming it and the layer list
    show ``\\x1b`` as four characters, never the ESC byte."""
    red = "\x1b[31mRED\x1b[0m"
    (folder / "u.csv").write_text(f"unit_id,name,pop_registered,lon,lat\n{red},{red},x,76.9,43.2\n",
                                  encoding="utf-8")
    main(["--lang", "en", "validate", "u.csv", "--kind", "units"])
    said = capsys.readouterr()
    assert "\x1b" not in said.out + said.err
    frame = gpd.GeoDataFrame({"unit_id": ["a"]}, geometry=[shapely.box(76.9, 43.2, 77, 43.3)],
                             crs="EPSG:4326")
    frame.to_file(folder / "u.gpkg", layer="units")
    assert main(["--lang", "en", "load", "u.gpkg", "--kind", "units", "--as", "units2",
                 "--licence", red, "--store", str(workspace)]) == 0
    assert main(["--lang", "en", "layers", "--store", str(workspace)]) == 0
    said = capsys.readouterr()
    assert "\x1b" not in said.out + said.err
    assert "\\x1b[31mRED" in said.out


def test_a_unit_named_in_ansi_escapes_is_printed_escaped(folder, tmp_path, capsys):
    """The join's report names the layer's rows left without data by their names: a unit named
    "\\x1b[31mRED\\x1b[0m" is printed as those 13 characters, not as red text."""
    red = "\x1b[31mRED\x1b[0m"
    gpd.GeoDataFrame({"unit_id": ["u1", "u2"], "name": [red, "Other"]},
                     geometry=[shapely.box(76.9, 43.2, 77, 43.3),
                               shapely.box(77, 43.2, 77.1, 43.3)],
                     crs="EPSG:4326").to_file(folder / "ansi.gpkg")
    (folder / "pop.csv").write_text("name,pop_registered\nOther,50\n", encoding="utf-8")
    store = str(tmp_path / "ansi_ws.gpkg")
    assert main(["--lang", "en", "load", "ansi.gpkg", "--kind", "units", "--store", store]) == 0
    main(["--lang", "en", "join", "pop.csv", "--to", "units", "--on", "name", "--store", store])
    said = capsys.readouterr()
    assert "\x1b" not in said.out + said.err
    assert "row 1 «\\x1b[31mRED\\x1b[0m», unit_id u1: no table row matches" in said.out


def test_terminal_safe_by_hand():
    assert terminal_safe("a\x1b[2Jb\x07\r\x7f\x9b\u202e\tc\n") == (
        "a\\x1b[2Jb\\x07\\r\\x7f\\x9b\\u202e\tc\n")
    assert terminal_safe("Алматы") == "Алматы"


@pytest.mark.parametrize("command", ["validate", "load"])
def test_a_dbf_claiming_four_billion_records_of_length_0_fails_fast(folder, workspace, capsys,
                                                                   command):
    """Issue 18: 4,294,967,295 records of length 0 took 120 s and 6.3 GB, in validate too."""
    boxes = [shapely.box(76.9, 43.2, 76.91, 43.21)]
    gpd.GeoDataFrame({"unit_id": ["a"]}, geometry=boxes, crs="EPSG:4326").to_file(
        folder / "huge.shp", encoding="UTF-8")
    dbf = bytearray((folder / "huge.dbf").read_bytes())
    dbf[4:8] = struct.pack("<I", 2**32 - 1)
    dbf[10:12] = struct.pack("<H", 0)
    (folder / "huge.dbf").write_bytes(bytes(dbf))
    started = time.perf_counter()
    status = main(["--lang", "en", command, "huge.shp", "--kind", "units",
                   "--store", str(workspace)])
    assert time.perf_counter() - started < 5
    assert status == 2
    err = capsys.readouterr().err
    assert "The header of huge.dbf is damaged" in err


def test_warnings_and_log_lines_are_terminal_safe():
    import logging
    import warnings

    from planning.cli.text import SafeFormatter, safe_warnings

    safe_warnings()
    text = warnings.formatwarning("bad \x1b]0;title\x07", UserWarning, "f.py", 1)
    assert "\x1b" not in text and "\\x1b]0;title\\x07" in text
    record = logging.LogRecord("layers", logging.INFO, "f.py", 1, "loaded %s", ("\x1b[2J",),
                               None)
    assert SafeFormatter("%(message)s").format(record) == "loaded \\x1b[2J"
