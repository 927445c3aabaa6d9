"""The OpenStreetMap reader against independent readings of real files and hand-made ones.

Real files (../shared/geodata/osm-samples): the XML samples are parsed here with
``xml.etree.ElementTree`` and the PBF with GDAL's own OSM driver (pyogrio), neither of which
shares code with pyosmium; lengths are geodesic (``pyproj.Geod``) from the node coordinates.
"""

from __future__ import annotations

import bz2
import gzip
import hashlib
import math
import re
import sys
import warnings
import xml.etree.ElementTree as ET

import numpy as np
import pyogrio
import pytest
import shapely
from pyproj import Geod

from geo.errors import InputFileError, LayerSchemaError, MissingDependencyError
from layers.read_osm import parse_maxspeed, read_osm

GEOD = Geod(ellps="WGS84")
# The brief's list of highway values for travel, written out here rather than imported.
KEPT = {"motorway", "trunk", "primary", "secondary", "tertiary", "unclassified", "residential",
        "motorway_link", "trunk_link", "primary_link", "secondary_link", "tertiary_link",
        "living_street", "service", "road", "track", "pedestrian", "footway", "path",
        "cycleway", "steps"}
PLANET = "planet-sample-10.068_48.135_10.071_48.137.osm"
OAKLAND = "West-Oakland.osm.bz2"
HONDURAS = "honduras-sample.osm.pbf"



@pytest.fixture
def samples(shared_dir):
    return shared_dir / "geodata" / "osm-samples"


def _length(coords) -> float:
    lons, lats = zip(*coords, strict=True)
    return GEOD.line_length(lons, lats)


def _expected_roads(xml_bytes: bytes) -> dict[str, dict]:
    """Ways of a travel class, not area=yes, all nodes present, two distinct points or more."""
    root = ET.fromstring(xml_bytes)
    nodes = {n.get("id"): (float(n.get("lon")), float(n.get("lat")))
             for n in root.iter("node")}
    found = {}
    for way in root.iter("way"):
        tags = {t.get("k"): t.get("v") for t in way.iter("tag")}
        if tags.get("highway") not in KEPT or tags.get("area") == "yes":
            continue
        refs = [nd.get("ref") for nd in way.iter("nd")]
        if not all(r in nodes for r in refs) or len({nodes[r] for r in refs}) < 2:
            continue
        found["w" + way.get("id")] = {"length": _length([nodes[r] for r in refs]), "tags": tags}
    return found


@pytest.mark.parametrize("name", [PLANET, OAKLAND])
def test_xml_samples_match_an_elementtree_reading(samples, name):
    raw = (samples / name).read_bytes()
    expected = _expected_roads(bz2.decompress(raw) if name.endswith(".bz2") else raw)
    data = read_osm(samples / name, kind="roads")
    frame = data.frame
    assert len(expected) > 10
    assert sorted(frame["osm_id"]) == sorted(expected)
    got = {oid: _length(geom.coords) for oid, geom in zip(frame["osm_id"], frame.geometry,
                                                          strict=True)}
    for oid, want in expected.items():
        assert got[oid] == pytest.approx(want["length"], abs=1e-3), oid
    # No oneway=-1, roundabout or motorway in these samples: oneway is exactly oneway=yes.
    oneway = dict(zip(frame["osm_id"], frame["oneway"], strict=True))
    assert oneway == {oid: e["tags"].get("oneway") == "yes" for oid, e in expected.items()}
    speeds = dict(zip(frame["osm_id"], frame["speed_kmh"], strict=True))
    for oid, e in expected.items():
        want = float(e["tags"]["maxspeed"]) if "maxspeed" in e["tags"] else math.nan
        assert speeds[oid] == pytest.approx(want, nan_ok=True), oid
    assert data.crs_found == "EPSG:4326" and frame.crs.to_epsg() == 4326
    assert data.encoding == "utf-8" and data.kind_hint == "roads"
    assert data.checksum == hashlib.sha256(raw).hexdigest()
    assert set(frame["source"]) == {"OpenStreetMap"}


def test_planet_sample_single_node_ways_are_counted(samples, english):
    # The sample was cut by osmconvert: 5 of its 19 highway ways keep one node reference.
    data = read_osm(samples / PLANET, kind="roads")
    assert len(data.frame) == 14
    assert "19 ways with a highway tag read, 14 kept as roads" in data.notes[0]
    assert any(n.startswith("5 dropped: fewer than two distinct points") for n in data.notes)


@pytest.mark.slow
def test_honduras_pbf_matches_gdal(samples, english):
    """3,283 highway ways (README) = 3,169 whole + 96 cut at the extract's edge with two or
    more nodes left in the file + 17 with fewer + 1 bridleway.

    GDAL's OSM driver, read independently, keeps the same 3,265 ways. On every whole way the
    two lengths agree to 1 mm; a cut way is its longest run of nodes in the file, so it lies
    on GDAL's line and is no longer than it.
    """
    data = read_osm(samples / HONDURAS, kind="roads")
    frame = data.frame
    gdal = pyogrio.read_dataframe(samples / HONDURAS, layer="lines")
    gdal = gdal[gdal["highway"].isin(KEPT)]
    gdal_geometry = {"w" + i: g for i, g in zip(gdal["osm_id"], gdal.geometry, strict=True)}
    assert set(frame["osm_id"]) == set(gdal_geometry)
    assert len(frame) == 3265
    clipped_problem, dropped_problem = sorted(data.problems, key=lambda p: "kept" not in p.value)
    assert clipped_problem.severity == dropped_problem.severity == "warning"
    clipped = int(re.search(r"file: (\d+)", clipped_problem.value).group(1))
    dropped = int(re.search(r"dropped: (\d+)", dropped_problem.value).group(1))
    assert (clipped, dropped) == (96, 17)
    assert len(frame) + dropped + 1 == 3283
    listed = set(re.findall(r"w\d+", clipped_problem.value))
    assert len(listed) == 10 and listed <= set(frame["osm_id"])
    whole = 0
    for oid, geom in zip(frame["osm_id"], frame.geometry, strict=True):
        theirs = gdal_geometry[oid]
        if oid in listed:
            assert theirs.buffer(1e-9).covers(geom)
            assert _length(geom.coords) <= _length(theirs.coords) + 1e-3
        elif _length(geom.coords) == pytest.approx(_length(theirs.coords), abs=1e-3):
            whole += 1
    assert whole >= 3169
    assert frame["oneway"].dtype == bool and frame["speed_kmh"].dtype == float


@pytest.mark.slow
def test_honduras_facilities_match_gdal(samples):
    data = read_osm(samples / HONDURAS, kind="facilities")
    frame = data.frame
    points = pyogrio.read_dataframe(samples / HONDURAS, layer="points")
    wanted = (r'"amenity"=>"(?:school|kindergarten|clinic|doctors|hospital)"'
              r'|"healthcare"=>"(?:clinic|hospital|doctor|centre)"')
    points = points[points["other_tags"].fillna("").str.contains(wanted)]
    with warnings.catch_warnings():  # GDAL warns of the cut way's open ring
        warnings.simplefilter("ignore", RuntimeWarning)
        polygons = pyogrio.read_dataframe(samples / HONDURAS, layer="multipolygons",
                                          on_invalid="ignore")
    polygons = polygons[polygons["amenity"].isin(["school", "kindergarten", "clinic",
                                                  "doctors", "hospital"])]
    polygons = polygons[polygons.geometry.notna()]  # w841084950 lacks nodes in the file
    expected = {"n" + i for i in points["osm_id"]} | {"w" + i for i in polygons["osm_way_id"]}
    assert len(expected) == 25
    assert set(frame["facility_id"]) == expected
    by_id = dict(zip(frame["facility_id"], frame.geometry, strict=True))
    for way_id, polygon in zip(polygons["osm_way_id"], polygons.geometry, strict=True):
        assert polygon.covers(by_id["w" + way_id])
    assert frame.set_index("facility_id").loc["n8289241207", "kind"] == "hospital"
    assert frame.set_index("facility_id").loc["n4431738089", "kind"] == "polyclinic"
    assert frame["capacity"].isna().all()  # no capacity or beds tag in this extract
    assert frame.geom_type.eq("Point").all()


HAND = """<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6">
 <node id="1" lat="43.20" lon="76.90"/>
 <node id="2" lat="43.20" lon="76.91"/>
 <node id="3" lat="43.21" lon="76.91"/>
 <node id="4" lat="43.21" lon="76.90"/>
 <node id="5" lat="43.25" lon="76.95">
  <tag k="amenity" v="school"/><tag k="name" v="Школа №1"/><tag k="capacity" v="1 200"/>
 </node>
 <node id="6" lat="43.26" lon="76.96"><tag k="healthcare" v="centre"/></node>
 <node id="7" lat="43.27" lon="76.97"><tag k="amenity" v="pharmacy"/></node>
 <node id="11" lat="43.200" lon="76.900"/>
 <node id="12" lat="43.200" lon="76.902"/>
 <node id="13" lat="43.202" lon="76.902"/>
 <node id="14" lat="43.202" lon="76.900"/>
 <node id="21" lat="43.3000" lon="76.8000"/>
 <node id="22" lat="43.3000" lon="76.8030"/>
 <node id="23" lat="43.3002" lon="76.8030"/>
 <node id="24" lat="43.3002" lon="76.8002"/>
 <node id="25" lat="43.3030" lon="76.8002"/>
 <node id="26" lat="43.3030" lon="76.8000"/>
 <way id="100"><nd ref="1"/><nd ref="2"/><nd ref="3"/>
  <tag k="highway" v="residential"/><tag k="oneway" v="-1"/><tag k="maxspeed" v="RU:urban"/>
  <tag k="name" v="Абая"/><tag k="name:ru" v="улица Абая"/><tag k="name:kk" v="Абай көшесі"/>
 </way>
 <way id="101"><nd ref="1"/><nd ref="4"/>
  <tag k="highway" v="primary"/><tag k="junction" v="roundabout"/><tag k="maxspeed" v="30 mph"/>
 </way>
 <way id="102"><nd ref="3"/><nd ref="4"/><tag k="highway" v="motorway"/>
  <tag k="maxspeed" v="none"/></way>
 <way id="103"><nd ref="2"/><nd ref="4"/><tag k="highway" v="motorway"/>
  <tag k="oneway" v="no"/><tag k="maxspeed" v="KZ:rural"/></way>
 <way id="104"><nd ref="1"/><nd ref="3"/><tag k="highway" v="service"/>
  <tag k="oneway" v="yes"/><tag k="maxspeed" v="60;40"/></way>
 <way id="105"><nd ref="1"/><nd ref="2"/><nd ref="99"/><tag k="highway" v="tertiary"/></way>
 <way id="109"><nd ref="98"/><nd ref="1"/><nd ref="99"/><tag k="highway" v="service"/></way>
 <way id="106"><nd ref="2"/><nd ref="3"/><tag k="highway" v="construction"/></way>
 <way id="107"><nd ref="1"/><nd ref="2"/><nd ref="3"/><nd ref="1"/>
  <tag k="highway" v="pedestrian"/><tag k="area" v="yes"/></way>
 <way id="108"><nd ref="2"/><nd ref="3"/><tag k="highway" v="platform"/></way>
 <way id="200"><nd ref="11"/><nd ref="12"/><nd ref="13"/><nd ref="14"/><nd ref="11"/>
  <tag k="amenity" v="hospital"/><tag k="beds" v="300"/><tag k="name:en" v="City hospital"/>
 </way>
 <way id="201"><nd ref="21"/><nd ref="22"/><nd ref="23"/><nd ref="24"/><nd ref="25"/>
  <nd ref="26"/><nd ref="21"/><tag k="amenity" v="kindergarten"/></way>
 <way id="202"><nd ref="11"/><nd ref="12"/><nd ref="13"/><tag k="amenity" v="clinic"/></way>
 <relation id="300"><member type="way" ref="200" role="outer"/>
  <tag k="type" v="multipolygon"/><tag k="amenity" v="hospital"/></relation>
</osm>
"""


@pytest.fixture
def hand(tmp_path):
    path = tmp_path / "hand.osm"
    path.write_text(HAND, encoding="utf-8")
    return path


def test_hand_roads(hand, english):
    data = read_osm(hand, kind="roads")
    frame = data.frame.set_index("osm_id")
    assert sorted(frame.index) == ["w100", "w101", "w102", "w103", "w104", "w105"]
    # w105 runs 1 -> 2 -> 99, and node 99 is not in the file: it keeps 1 -> 2
    assert list(frame.loc["w105", "geometry"].coords) == [(76.90, 43.20), (76.91, 43.20)]
    # oneway=-1: drawn 1 -> 2 -> 3, traffic runs 3 -> 2 -> 1.
    assert list(frame.loc["w100", "geometry"].coords) == [(76.91, 43.21), (76.91, 43.20),
                                                          (76.90, 43.20)]
    assert list(frame.loc["w104", "geometry"].coords) == [(76.90, 43.20), (76.91, 43.21)]
    assert frame["oneway"].to_dict() == {"w100": True, "w101": True, "w102": True,
                                         "w103": False, "w104": True, "w105": False}
    speeds = frame["speed_kmh"].to_dict()
    assert speeds["w100"] == 60 and speeds["w101"] == pytest.approx(48.28032)
    assert math.isnan(speeds["w102"]) and speeds["w103"] == 110 and speeds["w104"] == 40
    assert frame.loc["w100", "name_ru"] == "улица Абая"
    assert frame.loc["w100", "name_kk"] == "Абай көшесі"
    assert "name_en" not in frame.columns  # no way has name:en
    assert frame.loc["w100", "name"] == "Абая"
    dropped, clipped = data.problems
    assert dropped.severity == clipped.severity == "warning"
    assert "dropped: 1 (w109)" in dropped.value and dropped.layer == "hand.osm"
    assert "nodes present in the file: 1 (w105)" in clipped.value
    notes = "\n".join(data.notes)
    assert "10 ways with a highway tag read, 6 kept as roads" in notes
    assert "2 dropped: highway class not for travel (construction: 1, platform: 1)" in notes
    assert "1 dropped: area=yes" in notes and "1 dropped: nodes missing" in notes
    assert "1 maxspeed values name no number (for example 'none')" in notes


def test_hand_facilities(hand, english):
    data = read_osm(hand, kind="facilities")
    frame = data.frame.set_index("facility_id")
    assert sorted(frame.index) == ["n5", "n6", "w200", "w201"]
    assert frame["kind"].to_dict() == {"n5": "school", "n6": "polyclinic",
                                       "w200": "hospital", "w201": "kindergarten"}
    # The square 76.900-76.902 x 43.200-43.202 has its centroid in the middle.
    hospital = frame.loc["w200", "geometry"]
    assert hospital.x == pytest.approx(76.901, abs=1e-9)
    assert hospital.y == pytest.approx(43.201, abs=1e-9)
    # The L (bars 0.0030 x 0.0002 and 0.0002 x 0.0028, degrees) has its centroid outside:
    # x = (0.0006*0.0015 + 0.00056*0.0001) / 0.00116 = 0.000824 east of 76.8, same north of
    # 43.3, where neither bar is; the reader takes a point inside instead.
    ell = shapely.Polygon([(76.8, 43.3), (76.803, 43.3), (76.803, 43.3002), (76.8002, 43.3002),
                           (76.8002, 43.303), (76.8, 43.303)])
    assert ell.centroid.x - 76.8 == pytest.approx(0.000824138, abs=1e-9)
    assert not ell.contains(ell.centroid)
    assert ell.contains(frame.loc["w201", "geometry"])
    assert frame.loc["n5", "capacity"] == 1200 and frame.loc["w200", "capacity"] == 300
    assert np.isnan(frame.loc["n6", "capacity"])
    assert frame.loc["n5", "name"] == "Школа №1"
    assert frame.loc["w200", "name_en"] == "City hospital"
    notes = "\n".join(data.notes)
    assert "6 school, kindergarten and health facility objects read, 4 kept" in notes
    assert "1 dropped: open ways" in notes
    # Way 109 comes before 106: osmium builds no multipolygon from an unsorted file (r300).
    assert "1 not read: multipolygons, because the file is not sorted" in notes
    assert "1 hospitals without a capacity tag: capacity taken from beds" in notes
    assert data.problems == [] and data.kind_hint == "facilities"


def test_gzip_reads_the_same(hand, tmp_path):
    packed = tmp_path / "hand.osm.gz"
    packed.write_bytes(gzip.compress(hand.read_bytes()))
    plain = read_osm(hand, kind="roads").frame
    assert read_osm(packed, kind="roads").frame.equals(plain)


def test_file_without_the_features_gives_an_empty_frame(tmp_path):
    path = tmp_path / "nodes.osm"
    path.write_text('<osm version="0.6"><node id="1" lat="43.2" lon="76.9"/></osm>')
    for kind, column in (("roads", "osm_id"), ("facilities", "facility_id")):
        frame = read_osm(path, kind=kind).frame
        assert len(frame) == 0 and column in frame.columns and frame.crs.to_epsg() == 4326


def test_truncated_pbf_names_the_file_and_the_reason(samples, tmp_path):
    raw = (samples / HONDURAS).read_bytes()
    cut = tmp_path / "cut.osm.pbf"
    cut.write_bytes(raw[: len(raw) // 2])
    with pytest.raises(InputFileError, match=r"cut\.osm\.pbf") as err:
        read_osm(cut, kind="roads")
    assert "EOF" in str(err.value)  # osmium's reason: "PBF error: unexpected EOF"


def test_truncated_xml_and_wrong_files(hand, tmp_path):
    half = tmp_path / "half.osm"
    half.write_text(HAND[: len(HAND) // 2], encoding="utf-8")
    with pytest.raises(InputFileError, match=r"half\.osm.*XML parsing error"):
        read_osm(half, kind="roads")
    with pytest.raises(InputFileError, match=r"absent\.osm"):
        read_osm(tmp_path / "absent.osm", kind="roads")
    other = tmp_path / "roads.geojson"
    other.write_text("{}")
    with pytest.raises(InputFileError, match=r"roads\.geojson.*\.pbf"):
        read_osm(other, kind="roads")
    with pytest.raises(LayerSchemaError, match="buildings"):
        read_osm(hand, kind="buildings")


def test_missing_osmium_says_how_to_install(hand, monkeypatch):
    monkeypatch.setitem(sys.modules, "osmium", None)  # makes `import osmium` fail
    with pytest.raises(MissingDependencyError, match=r"qonys\[osm\]"):
        read_osm(hand, kind="roads")


@pytest.mark.parametrize(("value", "kmh"), [
    ("60", 60.0), ("60 km/h", 60.0), ("60kmh", 60.0), ("30 mph", 48.28032),
    ("RU:urban", 60.0), ("RU:rural", 90.0), ("RU:living_street", 20.0), ("KZ:urban", 60.0),
    ("KZ:rural", 110.0), ("kz:Motorway", 140.0), ("60;40", 40.0), ("none", math.nan),
    ("signals", math.nan), ("walk", math.nan), ("0", math.nan), ("fast", math.nan),
    (None, math.nan),
])
def test_parse_maxspeed(value, kmh):
    assert parse_maxspeed(value) == pytest.approx(kmh, nan_ok=True)
