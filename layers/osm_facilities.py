"""Schools, kindergartens, polyclinics and hospitals of an OpenStreetMap file.

:func:`layers.read_osm.read_osm` with ``kind="facilities"`` streams the file through
:class:`FacilityReader`. What becomes a facility, and of which kind (README, "OpenStreetMap
facilities"):

1. **Tags.** :data:`AMENITY_KINDS` first, then :data:`HEALTHCARE_KINDS`: ``amenity=school``,
   ``amenity=kindergarten``; ``amenity=clinic``, ``amenity=doctors`` and
   ``healthcare=clinic|centre|doctor`` are polyclinics; ``amenity=hospital`` and
   ``healthcare=hospital`` are hospitals. ``amenity=music_school``, ``driving_school`` and
   other amenities are not read.
2. **Names, where the tags are coarse** (:func:`facility_kind`): a "school" whose name says
   music, art, sport, driving school ... (:data:`NOT_SCHOOL`) is not a school; a "school"
   named a kindergarten (``ясли-сад``, ``балабақша``) is a kindergarten; a "hospital" named a
   polyclinic (``поликлиника``, ``емхана``, ``амбулатория``) is a polyclinic. A building
   (``building=*``) with no amenity or healthcare tag takes its kind from its name alone.
3. **Geometry.** A node is its point; a closed way or a multipolygon relation (assembled by
   osmium's area handler) is a point inside its outline.
4. **Mapped twice counts once** (:func:`merge_duplicates`): a node within
   :data:`SAME_PLACE_M` metres of an outline of the same kind is that outline's facility; an
   outline whose inside point lies in a larger outline of the same kind (a building on its
   school's grounds, a multipolygon and its tagged outer way) is the larger one's; two
   features of the same kind and the same name within :data:`SAME_PLACE_M` of each other are
   one. The outline is kept, with the name and capacity of the merged feature where it had
   none, and the notes say how many were merged.
"""

from __future__ import annotations

import math
import re
from collections import Counter

import geopandas as gpd
import numpy as np
import shapely

from geo.i18n import _
from layers.osm_collect import NUMBER, Collector, inside_point, outline

#: ``amenity`` values read as facilities, and the kind each becomes.
AMENITY_KINDS: dict[str, str] = {"school": "school", "kindergarten": "kindergarten",
                                 "clinic": "polyclinic", "doctors": "polyclinic",
                                 "hospital": "hospital"}
#: ``healthcare`` values read as facilities (when no amenity of :data:`AMENITY_KINDS` is).
HEALTHCARE_KINDS: dict[str, str] = {"clinic": "polyclinic", "doctor": "polyclinic",
                                    "centre": "polyclinic", "hospital": "hospital"}
#: Metres within which a node and an outline (or two features of one name) are one facility.
SAME_PLACE_M = 50.0

# Names are matched lower-cased, with ё as е. Schools of music, art, sport, driving, languages
# and the police academy are not general schools: the norm's places are for pupils of the
# general school.
NOT_SCHOOL = re.compile(
    r"музык|искусств|художеств|хореограф|танц|балет|цирк|шахмат|спорт|дюсш|дюшор|сдюш"
    r"|автошкол|автомектеп|вождени|водител|өнер\s+мектеб|сурет\s+мектеб|языков|милиц|полиц"
    r"|\bmusic|\bart\s+school|\bsport|\bdriving|\bdance|\blanguage|\bpolice")
KINDERGARTEN = re.compile(
    r"детск\w*\s+сад|дет\.\s*сад|детсад|ясли|балабақша|бөбекжай|\bд/с\b|kindergarten")
POLYCLINIC = re.compile(
    r"поликлин|емхана|амбулатор|врачебн|\bвоп\b|семейн\w*\s+(?:медицин|здоров|врач)"
    r"|консультаци|медпункт|медицинск\w*\s+пункт|\bфап\b|polyclinic|outpatient")
HOSPITAL = re.compile(r"больниц|госпитал|роддом|родильн|перинатальн|аурухана|перзентхана"
                      r"|hospital")
SCHOOL = re.compile(r"\bшкол[аыеу]\b|гимнази|лице[йяю]|мекте[пб]|\bсш(?![а-я])|\bschool"
                    r"|gymnasium|lyceum")


def _text(name: str | None) -> str:
    return (name or "").casefold().replace("ё", "е")


def facility_kind(tags) -> tuple[str | None, str]:
    """The facility kind of an OSM object's tags, and how it was decided.

    Parameters
    ----------
    tags
        A mapping (or osmium tag list) with ``.get``.

    Returns
    -------
    tuple
        ``(kind, how)``: ``kind`` is ``school``, ``kindergarten``, ``polyclinic``,
        ``hospital`` or ``None``; ``how`` is ``"tag"``, ``"name"`` (the name refined or gave
        the kind), ``"not_school"`` (a music, art, sport or driving school) or ``""``.

    Examples
    --------
    >>> facility_kind({"amenity": "school", "name": "Средняя школа №65"})
    ('school', 'tag')
    >>> facility_kind({"amenity": "school", "name": "Музыкальная школа №5"})
    (None, 'not_school')
    >>> facility_kind({"amenity": "hospital", "name": "Поликлиника №13"})
    ('polyclinic', 'name')
    >>> facility_kind({"building": "yes", "name": "дет. сад №154"})
    ('kindergarten', 'name')
    """
    name = _text(tags.get("name"))
    amenity, healthcare = tags.get("amenity"), tags.get("healthcare")
    kind = AMENITY_KINDS.get(amenity) or HEALTHCARE_KINDS.get(healthcare)
    if kind is None:
        if amenity is not None or healthcare is not None or tags.get("building") is None:
            return None, ""  # another amenity says what it is; a bare name is no building
        return _kind_from_name(name)
    if kind == "school":
        if NOT_SCHOOL.search(name):
            return None, "not_school"
        if KINDERGARTEN.search(name):
            return "kindergarten", "name"
    if kind == "hospital" and POLYCLINIC.search(name):
        return "polyclinic", "name"
    return kind, "tag"


def _kind_from_name(name: str) -> tuple[str | None, str]:
    if not name:
        return None, ""
    if KINDERGARTEN.search(name):
        return "kindergarten", "name"
    if POLYCLINIC.search(name):
        return "polyclinic", "name"
    if HOSPITAL.search(name):
        return "hospital", "name"
    if SCHOOL.search(name):
        return (None, "not_school") if NOT_SCHOOL.search(name) else ("school", "name")
    return None, ""


class FacilityReader(Collector):
    """Collects facilities from nodes, closed ways and multipolygon areas (module rules)."""

    def __init__(self, osmium) -> None:
        super().__init__(osmium)
        self.entities = (osmium.osm.NODE | osmium.osm.WAY | osmium.osm.RELATION
                         | osmium.osm.AREA)
        # Buildings pass too: one without an amenity may be a facility by its name.
        self.filters = [osmium.filter.KeyFilter("amenity", "healthcare", "building")]
        self.area_filters = [osmium.filter.KeyFilter("amenity", "healthcare", "building")]
        self.read = 0
        self.open_ways = 0
        self.relations = 0
        self.multipolygons = 0
        self.areas_built = 0
        self.from_beds = 0
        self.by_name: Counter[str] = Counter()
        self.not_school: Counter[str] = Counter()
        self.bad_capacity: Counter[str] = Counter()
        self.outlines: list = []  # the polygon of each row, None for a node
        self.merged: Counter[str] = Counter()
        self.unsorted = False  # set by the reader: multipolygons could not be assembled

    def take(self, obj) -> None:
        tags = obj.tags
        kind, how = facility_kind(tags)
        if kind is None:
            if how == "not_school":
                self.read += 1
                self.not_school[tags.get("name")] += 1
            return
        if obj.is_area():
            if obj.from_way():  # the way itself was read already
                return
            self.read += 1
            self.areas_built += 1
            oid = f"r{obj.orig_id()}"
            try:
                polygon = shapely.from_wkb(self.wkb.create_multipolygon(obj))
            except RuntimeError:  # osmium's geometry_error: an area that encloses nothing
                self.degenerate += 1
                return
            self._add(tags, kind, how, oid, polygon)
            return
        if obj.is_relation():
            self.read += 1
            if tags.get("type") in ("multipolygon", "boundary"):
                self.multipolygons += 1  # its area arrives later, if osmium can build it
            else:
                self.relations += 1
            return
        self.read += 1
        if obj.is_node():
            oid = f"n{obj.id}"
            if not obj.location.valid():
                self.missing.append(oid)
                return
            self._add(tags, kind, how, oid, None,
                      point=shapely.Point(obj.location.lon, obj.location.lat))
            return
        oid = f"w{obj.id}"
        if not obj.is_closed():
            self.open_ways += 1
            return
        line = self.line(obj, oid)
        if line is None:
            return
        self._add(tags, kind, how, oid, outline(shapely.from_wkb(line)))

    def _add(self, tags, kind: str, how: str, oid: str, polygon, *, point=None) -> None:
        if point is None:
            point = inside_point(polygon)
            if point is None:
                self.degenerate += 1
                return
        if how == "name":
            self.by_name[kind] += 1
        self.outlines.append(polygon)
        self.add(tags, point, facility_id=oid, kind=kind, capacity=self._capacity(tags, kind))

    def _capacity(self, tags, kind: str) -> float:
        text = tags.get("capacity")
        if text is None and kind == "hospital" and "beds" in tags:
            text = tags["beds"]
            self.from_beds += 1
        if text is None:
            return math.nan
        cleaned = text.replace(" ", "").replace(",", ".")
        if NUMBER.match(cleaned):
            return float(cleaned)
        self.bad_capacity[text] += 1
        return math.nan

    def frame(self) -> gpd.GeoDataFrame:
        geoms = np.asarray(self.geoms, dtype=object)
        frame = self.build(["facility_id", "kind", "name", "capacity"], geoms)
        frame["capacity"] = frame["capacity"].astype(float)
        frame, self.merged = merge_duplicates(frame, self.outlines)
        return frame

    def notes(self) -> list[str]:
        kept = len(self.geoms) - self.merged.total()
        found = [_("OpenStreetMap: {read} school, kindergarten and health facility objects read, "
                   "{kept} kept", read=self.read, kept=kept)]
        if self.merged:
            found.append(_("{count} features mapped twice were merged (a node within {metres:.0f} "
                           "m of an outline of its kind: {nodes}; an outline inside a larger one "
                           "of its kind: {nested}; the same name and kind within {metres:.0f} m: "
                           "{named})", count=self.merged.total(),
                            nodes=self.merged["node"], nested=self.merged["nested"],
                            named=self.merged["name"], metres=SAME_PLACE_M))
        if self.not_school:
            examples = ", ".join(repr(k) for k, __ in self.not_school.most_common(3))
            found.append(_("{count} not counted as schools: music, art, sport, driving schools "
                           "and the like (for example {examples})",
                           count=self.not_school.total(),
                            examples=examples))
        if self.by_name:
            kinds = ", ".join(f"{k}: {n}" for k, n in self.by_name.most_common())
            found.append(_("{count} kinds taken or refined from the name ({kinds})",
                           count=self.by_name.total(), kinds=kinds))
        if self.open_ways:
            found.append(_("{count} dropped: open ways (not the outline "
                           "of a building or plot)", count=self.open_ways))
        lost = self.multipolygons - self.areas_built
        if self.unsorted and self.multipolygons:
            found.append(_("{count} not read: multipolygons, because the file is not sorted by "
                           "object type and id; sort it (osmium sort) "
                           "and load it again", count=self.multipolygons))
        elif lost > 0:
            found.append(_("{count} dropped: multipolygons that could not be assembled (member "
                           "ways missing from the extract, or an open outline)", count=lost))
        if self.relations:
            found.append(_("{count} not read: relations that are not multipolygons (type=site and "
                           "the like); map the facility as a node, an "
                           "outline or a multipolygon", count=self.relations))
        found += self.drop_notes()
        if self.from_beds:
            found.append(_("{count} hospitals without a capacity tag: "
                           "capacity taken from beds", count=self.from_beds))
        if self.bad_capacity:
            examples = ", ".join(repr(k) for k, __ in self.bad_capacity.most_common(5))
            found.append(_("{count} capacity values name no number (for example {examples}); "
                           "capacity left empty",
                           count=self.bad_capacity.total(),
                            examples=examples))
        return found


def merge_duplicates(frame: gpd.GeoDataFrame, outlines: list
                     ) -> tuple[gpd.GeoDataFrame, Counter[str]]:
    """One row per facility mapped twice (module rule 4), and how many were merged by rule.

    Parameters
    ----------
    frame
        The facilities in EPSG:4326, one row per OSM object.
    outlines
        Each row's polygon (EPSG:4326), ``None`` for a node.

    Returns
    -------
    tuple
        The frame without the merged rows (the kept row takes a merged row's name, its
        translations and capacity where it had none) and a Counter with ``node``,
        ``nested`` and ``name``.
    """
    merged: Counter[str] = Counter()
    if frame.empty:
        return frame, merged
    # Metres east and north of the frame's mean latitude: at 50 m, the error of this plane is
    # far below the mapping's own.
    lat0 = math.radians(float(frame.geometry.y.mean()))
    scale = (111_320.0 * math.cos(lat0), 110_574.0)

    def metric(geom):
        return shapely.transform(geom, lambda xy: xy * np.asarray(scale))

    points = np.asarray([metric(g) for g in frame.geometry], dtype=object)
    shapes = [None if o is None else metric(o) for o in outlines]
    kinds = frame["kind"].to_numpy()
    names = [" ".join(_text(n).split()) for n in frame["name"].fillna("")]
    parent = list(range(len(frame)))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    areas = np.asarray([i for i, s in enumerate(shapes) if s is not None], dtype=int)
    if len(areas):
        tree = shapely.STRtree([shapes[j] for j in areas])
        nodes = np.asarray([i for i, s in enumerate(shapes) if s is None], dtype=int)
        near: dict[int, tuple[float, int]] = {}
        for a, b in zip(*tree.query(points[nodes], predicate="dwithin",
                                    distance=SAME_PLACE_M), strict=True):
            i, j = int(nodes[a]), int(areas[b])
            if kinds[i] == kinds[j]:  # the nearest outline of the node's kind
                near[i] = min(near.get(i, (math.inf, -1)), (shapes[j].distance(points[i]), j))
        for i, (__, j) in near.items():
            parent[i] = j
            merged["node"] += 1
        larger: dict[int, tuple[float, int]] = {}
        for a, b in zip(*tree.query(points[areas], predicate="intersects"), strict=True):
            i, j = int(areas[a]), int(areas[b])
            size_i, size_j = shapes[i].area, shapes[j].area
            # The smallest outline around it; of two identical ones, the first is kept.
            if i != j and kinds[i] == kinds[j] and (size_j > size_i
                                                     or (size_j == size_i and j < i)):
                larger[i] = min(larger.get(i, (math.inf, -1)), (size_j, j))
        for i, (__, j) in larger.items():
            parent[i] = j
            merged["nested"] += 1
    every = [shapes[i] if shapes[i] is not None else points[i] for i in range(len(frame))]
    tree = shapely.STRtree(every)
    pairs = tree.query(every, predicate="dwithin", distance=SAME_PLACE_M)
    for i, j in sorted(zip(*pairs, strict=True)):
        i, j = int(i), int(j)
        if i < j and names[i] and names[i] == names[j] and kinds[i] == kinds[j] \
                and root(i) != root(j):
            a, b = root(i), root(j)
            keep, drop = (b, a) if shapes[b] is not None and shapes[a] is None else (a, b)
            parent[drop] = keep
            merged["name"] += 1
    roots = np.asarray([root(i) for i in range(len(frame))])
    fill = [c for c in frame.columns if c == "capacity" or str(c).startswith("name")]
    frame = frame.copy()
    for i in np.flatnonzero(roots != np.arange(len(frame))):
        for col in fill:  # the kept row takes what only the merged one knew
            if frame[col].isna().iat[roots[i]] and not frame[col].isna().iat[i]:
                frame.iloc[roots[i], frame.columns.get_loc(col)] = frame[col].iat[i]
    return frame[roots == np.arange(len(frame))].reset_index(drop=True), merged
