"""Read OpenStreetMap files (.osm, .osm.bz2, .osm.gz, .pbf) into roads or facilities.

pyosmium streams the file, keeps node locations in its own index
(``FileProcessor.with_locations``) and builds way geometries in C++; Python only sees the ways
(roads) or the nodes, ways and multipolygon areas (facilities, :mod:`layers.osm_facilities`)
whose tags matter. osmnx is not used: it reads XML
only and is slow on large files (DESIGN.md, "Known traps").

OpenStreetMap is WGS 84 by definition, so the frame is in EPSG:4326. The reader neither renames
nor validates: the loader does that for every reader (:mod:`layers.sources`).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

from geo.errors import InputFileError, LayerSchemaError, missing_dependency
from geo.i18n import N_, _
from layers.osm_collect import Collector
from layers.osm_locations import refuse_bad_locations
from layers.provenance import checksum_of_file
from layers.sources import SourceData
from layers.validate import Problem

#: The layer kinds :func:`read_osm` produces.
KINDS: tuple[str, ...] = ("roads", "facilities")

#: ``highway`` values of roads and paths that people and vehicles travel on.
ROAD_CLASSES: frozenset[str] = frozenset({
    "motorway", "trunk", "primary", "secondary", "tertiary", "unclassified", "residential",
    "motorway_link", "trunk_link", "primary_link", "secondary_link", "tertiary_link",
    "living_street", "service", "road", "track", "pedestrian", "footway", "path", "cycleway",
    "steps",
})

#: Zone values of ``maxspeed`` in km/h for cars. RU: Russian traffic rules (ПДД РФ 10.2-10.3);
#: KZ: the OSM wiki "Default speed limits" (revision 2413111, 2022), which follows the traffic
#: rules of Kazakhstan: 60 in settlements, 110 outside them, 140 on motorways, 20 in yards.
ZONE_SPEEDS: dict[str, float] = {
    "RU:urban": 60.0, "RU:rural": 90.0, "RU:living_street": 20.0, "RU:motorway": 110.0,
    "KZ:urban": 60.0, "KZ:rural": 110.0, "KZ:living_street": 20.0, "KZ:motorway": 140.0,
}

_UNIT_FACTORS = {"": 1.0, "km/h": 1.0, "kmh": 1.0, "kph": 1.0, "mph": 1.609344,
                 "knots": 1.852}
_SPEED = re.compile(r"^(\d+(?:\.\d+)?)\s*(km/h|kmh|kph|mph|knots)?$")

_FORMATS = ((".osm.pbf", "pbf"), (".pbf", "pbf"), (".osm.bz2", "osm.bz2"),
            (".osm.gz", "osm.gz"), (".osm", "osm"))
_IDS_LISTED = 10


def parse_maxspeed(value: str | None) -> float:
    """Speed in km/h of an OSM ``maxspeed`` value; NaN when it names no number.

    Parameters
    ----------
    value
        The tag's text: ``"60"``, ``"60 km/h"``, ``"30 mph"``, a zone such as ``"RU:urban"``
        or ``"KZ:rural"`` (:data:`ZONE_SPEEDS`), or several values ``"60;40"``, of which the
        lowest is taken (the limit that holds everywhere on the way).

    Returns
    -------
    float
        km/h, or NaN for ``none``, ``signals``, ``walk`` and anything not understood.

    Examples
    --------
    >>> parse_maxspeed("60 km/h"), parse_maxspeed("30 mph"), parse_maxspeed("KZ:urban")
    (60.0, 48.28032, 60.0)
    >>> parse_maxspeed("none")
    nan
    """
    if value is None:
        return math.nan
    speeds = [_one_speed(part.strip()) for part in str(value).split(";")]
    speeds = [s for s in speeds if not math.isnan(s)]
    return min(speeds) if speeds else math.nan


def _one_speed(text: str) -> float:
    zone = text.split(":", 1)
    if len(zone) == 2:
        return ZONE_SPEEDS.get(f"{zone[0].upper()}:{zone[1].lower()}", math.nan)
    match = _SPEED.match(text.lower())
    if match is None:
        return math.nan
    speed = float(match.group(1)) * _UNIT_FACTORS[match.group(2) or ""]
    return round(speed, 5) if speed > 0 else math.nan


def read_osm(path: str | Path, *, kind: str) -> SourceData:
    """Read the roads or the social facilities of an OpenStreetMap file.

    Parameters
    ----------
    path
        An ``.osm``, ``.osm.bz2``, ``.osm.gz`` or ``.pbf`` (``.osm.pbf``) file.
    kind
        ``"roads"``: one LineString per way whose ``highway`` is in :data:`ROAD_CLASSES`
        (``area=yes`` excluded), with ``osm_id`` (``w<id>``), ``highway``, ``name`` (and
        ``name_ru``, ``name_kk``, ``name_en`` where the file has them), ``oneway`` (bool, for
        vehicles; ``oneway=-1`` ways are reversed; roundabouts and motorways are oneway unless
        tagged ``oneway=no``), ``speed_kmh`` (:func:`parse_maxspeed`) and ``source``.
        ``"facilities"``: one Point per school, kindergarten, polyclinic or hospital, by the
        tag and name rules of :mod:`layers.osm_facilities` (a node, a closed way or a
        multipolygon; an outline gives its centroid, or a point inside it where the centroid
        falls outside; a facility mapped twice counts once), with ``facility_id``
        (``n<id>``/``w<id>``/``r<id>``), ``kind``, ``name`` (and translations), ``capacity``
        (the ``capacity`` tag; for hospitals without one, ``beds``; NaN when absent) and
        ``source``.

    Returns
    -------
    SourceData
        The frame in EPSG:4326, empty when the file holds none of the asked features. A road
        cut at the extract's edge (nodes missing) keeps its longest run of nodes in the file,
        or is dropped if fewer than two remain; each is reported as one warning. A facility's
        outline with nodes missing is dropped. The notes count what was read, kept and
        dropped, by reason.

    Raises
    ------
    InputFileError
        The file is missing, not an OSM file, or corrupt or truncated (osmium's reason is
        given).
    LayerSchemaError
        ``kind`` is not one of :data:`KINDS`.
    MissingDependencyError
        pyosmium is not installed.
    """
    if kind not in KINDS:
        msg = _("A layer of kind '{kind}' cannot be read from an OpenStreetMap file. Choose one "
                "of: {kinds}.",
                kind=kind, kinds=", ".join(KINDS))
        raise LayerSchemaError(msg)
    try:
        import osmium
    except ImportError:
        raise missing_dependency("osmium", extra="osm",
                                 purpose="reading OpenStreetMap files") from None
    path = Path(path)
    if not path.is_file():
        msg = _("The OpenStreetMap file {path} does not exist. Check the path and the "
                "file name.", path=path)
        raise InputFileError(msg)
    fmt = next((f for suffix, f in _FORMATS if path.name.lower().endswith(suffix)), None)
    if fmt is None:
        msg = _("{path} does not look like an OpenStreetMap file: the extension must be .osm, "
                ".osm.bz2, .osm.gz or .pbf (.osm.pbf). Rename the file or save it in one of these "
                "formats.", path=path)
        raise InputFileError(msg)
    try:
        reader = _stream(osmium, path, fmt, kind, areas=True)
    except _Unsorted:
        # osmium assembles multipolygons only from a file sorted by type and id (every
        # extract is; a hand-edited file may not be): read the rest, and say so.
        reader = _stream(osmium, path, fmt, kind, areas=False)
        reader.unsorted = True
    problems = [_cut_ways_problem(path, key, ids)
                for key, ids in ((N_(
                        "features referencing nodes that are not in the file (cut at the "
                        "extract's edge) were dropped: {count} ({ids})"), reader.missing),
                                 (N_(
                                         "ways cut by the extract's edge kept as their longest "
                                         "run of nodes present in "
                                         "the file: {count} ({ids})"),
                                  getattr(reader, "clipped", [])))
                if ids]
    return SourceData(
        frame=reader.frame(),
        source=str(path),
        checksum=checksum_of_file(path),
        encoding="utf-8",
        crs_found="EPSG:4326",
        kind_hint=kind,
        problems=problems,
        notes=reader.notes(),
    )


class _Unsorted(Exception):
    """The file is not sorted by type and id, which the area assembler needs."""


def _stream(osmium, path: Path, fmt: str, kind: str, *, areas: bool):
    """A reader that has taken every object of the file that its filters let through."""
    if kind == "roads":
        reader = _RoadReader(osmium)
    else:
        from layers.osm_facilities import FacilityReader

        reader = FacilityReader(osmium)
    processor = osmium.FileProcessor(osmium.io.File(str(path), fmt), reader.entities)
    processor.with_locations()
    for filt in reader.filters:
        processor.with_filter(filt)
    if areas and getattr(reader, "area_filters", None):  # multipolygons, built by osmium
        processor.with_areas(*reader.area_filters)
    try:
        for obj in processor:
            reader.take(obj)
    except osmium.InvalidLocationError as exc:  # says the value, not which node
        refuse_bad_locations(path, fmt)
        raise InputFileError(_("Could not read the OpenStreetMap file {path}: {reason}. The file "
                               "is probably damaged or incompletely downloaded: download it "
                               "again.",
                               path=path, reason=exc)) from exc
    except (RuntimeError, ValueError, OSError) as exc:  # osmium's reader errors
        if areas and "out of order" in str(exc):
            raise _Unsorted from exc
        msg = _("Could not read the OpenStreetMap file {path}: {reason}. The file is probably "
                "damaged or incompletely downloaded: download it again.", path=path, reason=exc)
        raise InputFileError(msg) from exc
    # osmium reads lat="1e400" as 0 and takes lat="95" for a node not in the file, without a
    # word: the XML's own values are checked (a .pbf holds integers in range)
    refuse_bad_locations(path, fmt)
    return reader




class _RoadReader(Collector):
    def __init__(self, osmium) -> None:
        super().__init__(osmium)
        # Relations are skipped at the source; nodes still pass the location index first.
        self.entities = osmium.osm.NODE | osmium.osm.WAY
        self.filters = [osmium.filter.EntityFilter(osmium.osm.WAY),
                        osmium.filter.KeyFilter("highway")]
        self.read = 0
        self.not_travel: Counter[str] = Counter()
        self.areas = 0
        self.bad_speeds: Counter[str] = Counter()
        self.reversed: list[bool] = []

    def take(self, way) -> None:
        self.read += 1
        tags = way.tags
        highway = tags.get("highway")
        if highway not in ROAD_CLASSES:
            self.not_travel[highway] += 1
            return
        if tags.get("area") == "yes":
            self.areas += 1
            return
        oid = f"w{way.id}"
        geom = self.line(way, oid)
        if geom is None:
            return
        oneway, backward = _oneway(tags, highway)
        maxspeed = tags.get("maxspeed")
        speed = parse_maxspeed(maxspeed)
        if maxspeed is not None and math.isnan(speed):
            self.bad_speeds[maxspeed] += 1
        self.reversed.append(backward)
        self.add(tags, geom, osm_id=oid, highway=highway, oneway=oneway, speed_kmh=speed)

    def frame(self) -> gpd.GeoDataFrame:
        geoms = shapely.from_wkb(np.asarray(self.geoms, dtype=object))
        flip = np.asarray(self.reversed, dtype=bool)
        if flip.any():  # oneway=-1: traffic runs against the drawing direction
            geoms[flip] = shapely.reverse(geoms[flip])
        frame = self.build(["osm_id", "highway", "name", "oneway", "speed_kmh"], geoms)
        frame["oneway"] = frame["oneway"].astype(bool)
        frame["speed_kmh"] = frame["speed_kmh"].astype(float)
        return frame

    def notes(self) -> list[str]:
        found = [_("OpenStreetMap: {read} ways with a highway tag read, {kept} kept as roads",
                   read=self.read, kept=len(self.geoms))]
        if self.not_travel:
            classes = ", ".join(f"{k}: {n}" for k, n in self.not_travel.most_common())
            found.append(_("{count} dropped: highway class not for travel ({classes})",
                           count=self.not_travel.total(),
                            classes=classes))
        if self.areas:
            found.append(_("{count} dropped: area=yes (squares, not lines)", count=self.areas))
        found += self.drop_notes()
        if self.bad_speeds:
            examples = ", ".join(repr(k) for k, __ in self.bad_speeds.most_common(5))
            found.append(_("{count} maxspeed values name no number (for example {examples}); "
                           "speed_kmh left empty",
                           count=self.bad_speeds.total(),
                            examples=examples))
        return found


def _oneway(tags, highway: str) -> tuple[bool, bool]:
    """(oneway, drawn against the traffic) from the tags, with the implied cases."""
    value = tags.get("oneway")
    if value is None:
        implied = tags.get("junction") in ("roundabout", "circular") or highway == "motorway"
        return implied, False
    value = value.strip().lower()
    if value in ("-1", "reverse"):
        return True, True
    return value in ("yes", "true", "1"), False








def _cut_ways_problem(path: Path, key: str, ids: list[str]) -> Problem:
    """One warning for the features the extract's edge cut, with the first few ids."""
    listed = ", ".join(ids[:_IDS_LISTED]) + (", …" if len(ids) > _IDS_LISTED else "")
    return Problem(path.name, None, (), _(key, count=len(ids), ids=listed),
                   _("Use a larger extract, or cut it keeping whole ways (osmium extract "
                     "--strategy complete_ways)."), severity="warning")
