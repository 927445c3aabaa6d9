"""OpenStreetMap facilities (issue 13): kinds from tags and names, multipolygons, and a
facility mapped twice counted once.

The real extract (../shared/geodata/osm-almaty-2013) is counted here independently: a pyosmium
``SimpleHandler`` (not the ``FileProcessor`` the reader uses) applies the README's tag table
with its own word lists, measures distances in UTM 43N through pyproj (the reader uses a local
plane) and merges pairs by brute force. Each hand-made file checks one rule; its answer is
worked out in the comments from the coordinates.
"""

from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
import osmium
import pytest
import shapely
from pyproj import Transformer

from layers.read_osm import read_osm
from planning.cli.app import main

ALMATY = "geodata/osm-almaty-2013/almaty.osm.pbf"

# The README's table, written out again as plain words (lower case, ё as е).
TAG_KINDS = {("amenity", "school"): "school", ("amenity", "kindergarten"): "kindergarten",
             ("amenity", "clinic"): "polyclinic", ("amenity", "doctors"): "polyclinic",
             ("amenity", "hospital"): "hospital", ("healthcare", "clinic"): "polyclinic",
             ("healthcare", "centre"): "polyclinic", ("healthcare", "doctor"): "polyclinic",
             ("healthcare", "hospital"): "hospital"}
NOT_SCHOOL_WORDS = ("музык", "искусств", "художеств", "хореограф", "танц", "балет", "цирк",
                    "шахмат", "спорт", "дюсш", "дюшор", "сдюш", "автошкол", "автомектеп",
                    "вождени", "водител", "өнер мектеб", "сурет мектеб", "языков", "милиц",
                    "полиц", "music", "art school", "sport", "driving", "dance", "language",
                    "police")
KINDERGARTEN_WORDS = ("детский сад", "детские сад", "дет. сад", "детсад", "ясли", "балабақша",
                      "бөбекжай", "kindergarten")
POLYCLINIC_WORDS = ("поликлин", "емхана", "амбулатор", "врачебн", "консультаци", "медпункт",
                    "семейной медицин", "polyclinic", "outpatient")
HOSPITAL_WORDS = ("больниц", "госпитал", "роддом", "родильн", "перинатальн", "аурухана",
                  "перзентхана", "hospital")
SCHOOL_WORDS = ("школа", "школы", "школе", "школу", "гимнази", "лицей", "мектеп", "мектеб",
                "school", "gymnasium", "lyceum")


def _has(name: str, words) -> bool:
    return any(w in name for w in words)


def expected_kind(tags: dict) -> str | None:
    name = tags.get("name", "").lower().replace("ё", "е")
    tagged = (TAG_KINDS.get(("amenity", tags.get("amenity")))
              or TAG_KINDS.get(("healthcare", tags.get("healthcare"))))
    if tagged == "school":
        if _has(name, NOT_SCHOOL_WORDS):
            return None
        return "kindergarten" if _has(name, KINDERGARTEN_WORDS) else "school"
    if tagged == "hospital":
        return "polyclinic" if _has(name, POLYCLINIC_WORDS) else "hospital"
    if tagged is not None:
        return tagged
    if "amenity" in tags or "healthcare" in tags or "building" not in tags or not name:
        return None
    if _has(name, KINDERGARTEN_WORDS):
        return "kindergarten"
    if _has(name, POLYCLINIC_WORDS):
        return "polyclinic"
    if _has(name, HOSPITAL_WORDS):
        return "hospital"
    words = name.replace(".", " ").replace("№", " ").split()
    if _has(name, SCHOOL_WORDS) or any((w.startswith("сш") and w[2:3].isdigit()) or w == "сш"
                                       for w in words):
        return None if _has(name, NOT_SCHOOL_WORDS) else "school"
    return None


class Count(osmium.SimpleHandler):
    """Every facility of a file as (id, kind, name, point, outline) in UTM 43N metres."""

    def __init__(self) -> None:
        super().__init__()
        self.to_utm = Transformer.from_crs(4326, 32643, always_xy=True)
        self.wkb = osmium.geom.WKBFactory()
        self.found = []

    def _metres(self, geom):
        return shapely.transform(geom, lambda xy: np.column_stack(
            self.to_utm.transform(xy[:, 0], xy[:, 1])))

    def node(self, n) -> None:
        tags = dict(n.tags)
        kind = expected_kind(tags)
        if kind:
            point = self._metres(shapely.Point(n.location.lon, n.location.lat))
            self.found.append((f"n{n.id}", kind, tags.get("name", ""), point, None))

    def area(self, a) -> None:
        tags = dict(a.tags)
        kind = expected_kind(tags)
        if kind:
            shape = self._metres(shapely.from_wkb(self.wkb.create_multipolygon(a)))
            oid = ("w" if a.from_way() else "r") + str(a.orig_id())
            self.found.append((oid, kind, tags.get("name", ""), shape.representative_point(),
                               shape))


def expected_facilities(path) -> list[set[str]]:
    """The facilities of a file: one set of OSM ids per facility (those mapped twice)."""
    handler = Count()
    handler.apply_file(str(path), locations=True)
    found = handler.found
    group = {f[0]: {f[0]} for f in found}

    def join(a: str, b: str) -> None:
        merged = group[a] | group[b]
        for oid in merged:
            group[oid] = merged

    for oid, kind, _name, point, shape in found:
        if shape is None:  # a node within 50 m of an outline of its kind: the nearest one
            near = [(s.distance(point), o) for o, k, _, _, s in found
                    if s is not None and k == kind and s.distance(point) <= 50]
            if near:
                join(oid, min(near)[1])
        else:  # an outline whose point lies in a larger one of its kind
            around = [o for o, k, _, _, s in found if s is not None and k == kind and o != oid
                      and s.area >= shape.area and s.covers(point)]
            for other in around:
                join(oid, other)
    for i, (a, kind, name, pa, sa) in enumerate(found):
        for b, kind_b, name_b, pb, sb in found[i + 1:]:
            same = " ".join(name.lower().split()) == " ".join(name_b.lower().split())
            if name and same and kind == kind_b and (sa or pa).distance(sb or pb) <= 50:
                join(a, b)
    unique = {frozenset(g) for g in group.values()}
    kinds = {f[0]: f[1] for f in found}
    return sorted((({*g}, kinds[next(iter(g))]) for g in unique), key=lambda f: sorted(f[0]))


@pytest.mark.slow
def test_almaty_extract_counted_independently(shared_dir, tmp_path, capsys):
    path = shared_dir / ALMATY
    expected = expected_facilities(path)
    store = tmp_path / "ws.gpkg"
    assert main(["load", str(path), "--kind", "facilities", "--store", str(store),
                 "--lang", "en"]) == 0
    out = capsys.readouterr().out
    layer = gpd.read_file(store, layer="facilities")
    want = {}
    for _, kind in expected:
        want[kind] = want.get(kind, 0) + 1
    assert layer["kind"].value_counts().to_dict() == want
    # Each facility of the count is stored exactly once, under one of its OSM ids.
    stored = dict(zip(layer["facility_id"], layer["kind"], strict=True))
    for ids, kind in expected:
        assert len(ids & stored.keys()) == 1, ids
        assert stored[next(iter(ids & stored.keys()))] == kind
    assert len(stored) == len(expected)
    merged = sum(len(ids) - 1 for ids, _ in expected)
    assert merged > 0 and f"{merged} features mapped twice were merged" in out
    # Known cases of this extract, read off the file: node 1371104991 and way 41505509 are
    # both "Поликлинника 10" (tagged hospital, a polyclinic by name); the music school and the
    # police school are not schools.
    assert stored["w41505509"] == "polyclinic" and "n1371104991" not in stored
    assert "w101148516" not in stored and "n1644079513" not in stored
    assert "n501606683" not in stored


def _osm(tmp_path, body: str):
    path = tmp_path / "hand.osm"
    path.write_text(f'<?xml version="1.0" encoding="UTF-8"?>\n<osm version="0.6">\n{body}'
                    "</osm>\n", encoding="utf-8")
    return path


def _square(way_id: int, first_node: int, tags: str = "") -> str:
    refs = "".join(f'<nd ref="{first_node + k}"/>' for k in (0, 1, 2, 3, 0))
    return f'<way id="{way_id}">{refs}{tags}</way>\n'


def _nodes(first: int, lon: float, lat: float, side: float) -> str:
    corners = ((lon, lat), (lon + side, lat), (lon + side, lat + side), (lon, lat + side))
    return "".join(f'<node id="{first + k}" lat="{y}" lon="{x}"/>\n'
                   for k, (x, y) in enumerate(corners))


def _tag(k: str, v: str) -> str:
    return f'<tag k="{k}" v="{v}"/>'


def test_node_and_outline_of_one_school_count_once(tmp_path, english):
    # The school's grounds: 76.900-76.902 E x 43.250-43.252 N, 162 m x 222 m.
    # n1 (inside, with the name) and n2 (0.0003 deg = 24 m east of the east edge) are the
    # same school; n3, 0.0010 deg = 81 m east, is another; n4 is a kindergarten inside the
    # grounds: another kind, kept. m per deg lon at 43.25 N: 111,320 x cos(43.25) = 81,100.
    body = (f'<node id="1" lat="43.251" lon="76.901">{_tag("amenity", "school")}'
            f'{_tag("name", "Школа №1")}{_tag("capacity", "900")}</node>\n'
            f'<node id="2" lat="43.251" lon="76.9023">{_tag("amenity", "school")}</node>\n'
            f'<node id="3" lat="43.251" lon="76.9030">{_tag("amenity", "school")}</node>\n'
            f'<node id="4" lat="43.2515" lon="76.9015">{_tag("amenity", "kindergarten")}'
            "</node>\n" + _nodes(10, 76.900, 43.250, 0.002)
            + _square(100, 10, _tag("amenity", "school")))
    data = read_osm(_osm(tmp_path, body), kind="facilities")
    frame = data.frame.set_index("facility_id")
    assert sorted(frame.index) == ["n3", "n4", "w100"]
    assert frame.loc["w100", "name"] == "Школа №1"  # the outline takes the node's name
    assert frame.loc["w100", "capacity"] == 900
    assert "2 features mapped twice were merged (a node within 50 m of an outline of its " \
           "kind: 2" in "\n".join(data.notes)
    assert sorted(sorted(ids) for ids, _ in expected_facilities(_osm(tmp_path, body))) == [
        ["n1", "n2", "w100"], ["n3"], ["n4"]]


def test_multipolygons_are_read(tmp_path, english):
    # r500: a hospital's grounds with a courtyard, outer 76.90-76.91 x 43.20-43.21, inner
    # 76.904-76.906 x 43.204-43.206: the centroid (76.905, 43.205) is in the hole, so the
    # point is taken inside the ring. r501: a kindergarten of two separate buildings.
    body = (_nodes(10, 76.90, 43.20, 0.01) + _nodes(20, 76.904, 43.204, 0.002)
            + _nodes(30, 76.92, 43.20, 0.001) + _nodes(40, 76.93, 43.20, 0.001)
            + _square(100, 10) + _square(101, 20) + _square(102, 30) + _square(103, 40)
            + '<relation id="500"><member type="way" ref="100" role="outer"/>'
              '<member type="way" ref="101" role="inner"/>'
            + _tag("type", "multipolygon") + _tag("amenity", "hospital")
            + _tag("name", "Городская больница №4") + "</relation>\n"
            + '<relation id="501"><member type="way" ref="102" role="outer"/>'
              '<member type="way" ref="103" role="outer"/>'
            + _tag("type", "multipolygon") + _tag("amenity", "kindergarten") + "</relation>\n")
    data = read_osm(_osm(tmp_path, body), kind="facilities")
    frame = data.frame.set_index("facility_id")
    assert frame["kind"].to_dict() == {"r500": "hospital", "r501": "kindergarten"}
    hole = shapely.box(76.904, 43.204, 76.906, 43.206)
    grounds = shapely.box(76.90, 43.20, 76.91, 43.21).difference(hole)
    assert grounds.contains(frame.loc["r500", "geometry"])
    buildings = shapely.box(76.92, 43.20, 76.921, 43.201).union(
        shapely.box(76.93, 43.20, 76.931, 43.201))
    assert buildings.contains(frame.loc["r501", "geometry"])


@pytest.mark.parametrize(("tags", "kind"), [
    ({"amenity": "school", "name": "Средняя школа №65"}, "school"),
    ({"amenity": "school", "name": "Музыкальная школа №5 им. Тулебаева"}, None),
    ({"amenity": "school", "name": "Детская школа искусств №1"}, None),
    ({"amenity": "school", "name": "ДЮСШ №2"}, None),
    ({"amenity": "school", "name": "Балалар музыка мектебі"}, None),
    ({"amenity": "school", "name": "Автошкола «Вираж»"}, None),
    ({"amenity": "music_school", "name": "Музыкальная школа"}, None),
    ({"amenity": "driving_school", "name": "Автошкола"}, None),
    ({"building": "yes", "name": "Автошкола Вираж"}, None),
    ({"building": "yes", "name": "Гимназия №27"}, "school"),
    ({"building": "yes", "name": "СШ №16"}, "school"),
    ({"building": "yes", "name": "Дворец школьников"}, None),
    ({"amenity": "school", "name": "Ясли-сад №5"}, "kindergarten"),
    ({"amenity": "clinic"}, "polyclinic"),
    ({"healthcare": "centre"}, "polyclinic"),
    ({"healthcare": "clinic"}, "polyclinic"),
    ({"healthcare": "doctor"}, "polyclinic"),
    ({"amenity": "hospital", "name": "Городская клиническая больница №7"}, "hospital"),
    ({"healthcare": "hospital"}, "hospital"),
    ({"amenity": "hospital", "name": "Поликлиника №13"}, "polyclinic"),
    ({"amenity": "hospital", "name": "Емхана, Врачебная амбулатория"}, "polyclinic"),
    ({"amenity": "dentist", "name": "Сымбат"}, None),
    ({"building": "yes", "name": "Городская больница №4"}, "hospital"),
])
def test_kinds_from_tags_and_names(tmp_path, tags, kind):
    body = ('<node id="1" lat="43.25" lon="76.9">'
            + "".join(_tag(k, v) for k, v in tags.items()) + "</node>\n")
    frame = read_osm(_osm(tmp_path, body), kind="facilities").frame
    assert frame["kind"].tolist() == ([kind] if kind else [])
    assert expected_kind(tags) == kind  # the test's own table agrees on each rule


def test_nested_outlines_and_same_name_nearby(tmp_path, english):
    # w100: a school's grounds (76.900-76.902 x 43.250-43.252); w101, a building inside it,
    # tagged as the school too: one school. w102 and w103: two outlines named "Тау-Сункар"
    # (hospital), 0.0005 deg = 41 m apart east-west: one hospital. w104: "Тау-Сункар" again,
    # 0.002 deg = 162 m further east: another.
    body = (_nodes(10, 76.900, 43.250, 0.002) + _nodes(20, 76.9005, 43.2505, 0.0005)
            + _nodes(30, 76.910, 43.250, 0.0005) + _nodes(40, 76.911, 43.250, 0.0005)
            + _nodes(50, 76.9135, 43.250, 0.0005)
            + _square(100, 10, _tag("amenity", "school"))
            + _square(101, 20, _tag("amenity", "school") + _tag("building", "school"))
            + "".join(_square(w, n, _tag("amenity", "hospital") + _tag("name", "Тау-Сункар"))
                      for w, n in ((102, 30), (103, 40), (104, 50))))
    data = read_osm(_osm(tmp_path, body), kind="facilities")
    assert sorted(data.frame["facility_id"]) == ["w100", "w102", "w104"]
    notes = "\n".join(data.notes)
    assert "an outline inside a larger one of its kind: 1" in notes
    assert "the same name and kind within 50 m: 1" in notes
    assert math.isclose(0.0005 * 111_320 * math.cos(math.radians(43.25)), 40.5, abs_tol=0.1)
