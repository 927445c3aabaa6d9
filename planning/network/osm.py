"""Routable road graphs from OpenStreetMap extracts: ``.osm`` by osmnx, ``.pbf`` by osmium.

This module owns the step from an OSM file to the line layer that :func:`planning.network.graph.
build_graph` nodes and weights, and to the graph itself. Both readers give the same lines:

``.osm``, ``.osm.xml``, ``.osm.bz2``, ``.osm.gz``
    osmnx 2.1 ``graph_from_xml`` (it opens ``.bz2`` and ``.gz`` itself). Its graph is directed:
    a two-way way gives an edge each way, a one-way way (``oneway=yes/true/1``, ``-1`` reversed,
    ``junction=roundabout``) only the edge of its traffic. Each osmnx edge becomes one line with
    ``oneway="yes"`` in the edge's direction, so osmnx's one-way rules carry over unchanged.
    ``bidirectional`` is ``True`` for walking (osmnx's own rule for its ``walk`` network type:
    walkers use one-way streets both ways) and ``False`` for driving. The graph is read with
    ``simplify=False``: osmnx's simplification merges the segments of ways of different classes
    and speeds meeting at a node of degree two into one edge with lists of tags, which would put
    one speed on both ways; :func:`~planning.network.graph.build_graph` nodes every vertex anyway,
    so simplification would save nothing. ``retain_all=True``: the largest *strongly* connected
    component is kept by ``build_graph`` and what is dropped is reported there.
``.pbf``, ``.osm.pbf``
    :func:`layers.read_osm.read_osm` (pyosmium): one line per way. Ways meet where they share
    an OSM node, hence a coordinate, which is where ``build_graph`` nodes them.

Only ways whose ``highway`` is a travel class (:data:`layers.read_osm.ROAD_CLASSES`) and that
are not ``area=yes`` are roads, in both readers; osmnx alone would also make edges of buildings
and land use. Speeds come from ``maxspeed`` by :func:`layers.read_osm.parse_maxspeed` (``"60"``,
``"50 mph"``, the ``RU:``/``KZ:`` zones, the lowest of ``"60;40"``); a value it does not
understand (``walk``, ``none``, garbage) gives NaN, and the ``highway`` class table
:data:`planning.network.graph.HIGHWAY_SPEED_KMH` applies.

The two readers differ where OSM leaves one-way implied: osmnx treats only
``junction=roundabout`` as one-way, pyosmium also ``junction=circular`` and untagged motorways
(the OSM wiki's defaults). Everything tagged explicitly is read the same way.
"""

from __future__ import annotations

import logging
from pathlib import Path
from xml.sax import SAXException

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.crs import utm_epsg
from geo.errors import CRSError, InputFileError, missing_dependency
from geo.i18n import _
from layers.read_osm import ROAD_CLASSES, parse_maxspeed, read_osm
from planning.network.graph import (
    MODES,
    NOT_DRIVABLE,
    NOT_WALKABLE,
    GraphError,
    RoadGraph,
    build_graph,
)

log = logging.getLogger(__name__)

#: Suffixes read by osmnx (XML, possibly compressed) and by pyosmium (PBF).
XML_SUFFIXES = (".osm", ".osm.xml", ".osm.bz2", ".osm.gz")
PBF_SUFFIXES = (".osm.pbf", ".pbf")
#: Columns of :func:`roads_from_osm`, besides the geometry.
COLUMNS = ["osm_way", "highway", "speed_kmh", "oneway"]


def roads_from_osm(path: str | Path, *, mode: str = "drive") -> gpd.GeoDataFrame:
    """The roads of an OSM extract as lines ready for :func:`~planning.network.graph.build_graph`.

    Parameters
    ----------
    path
        An ``.osm`` (``.osm.xml``, ``.osm.bz2``, ``.osm.gz``) file, read by osmnx, or a
        ``.pbf`` (``.osm.pbf``) file, read by pyosmium.
    mode
        ``drive`` or ``walk``: osmnx builds its edges with ``bidirectional`` set for walking.
        The ``.pbf`` lines do not depend on it.

    Returns
    -------
    geopandas.GeoDataFrame
        In EPSG:4326: ``osm_way`` (the way's id), ``highway``, ``speed_kmh`` (from
        ``maxspeed``, NaN where absent or not understood) and ``oneway`` (``yes``/``no``).
        From ``.osm``: one two-point line per osmnx edge, always ``oneway="yes"`` along it.
        From ``.pbf``: one line per way, reversed where tagged ``oneway=-1``.

    Raises
    ------
    InputFileError
        The file is missing, has no OSM suffix, cannot be parsed, holds no OSM data, or (for
        osmnx) has ways whose nodes are missing.
    MissingDependencyError
        osmnx (for ``.osm``) or pyosmium (for ``.pbf``) is not installed.

    Examples
    --------
    >>> import tempfile
    >>> xml = ('<osm version="0.6"><node id="1" lat="43.2" lon="76.9"/>'
    ...        '<node id="2" lat="43.21" lon="76.9"/><way id="7"><nd ref="1"/><nd ref="2"/>'
    ...        '<tag k="highway" v="primary"/><tag k="maxspeed" v="50 mph"/></way></osm>')
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder) / "street.osm"
    ...     _ = path.write_text(xml)
    ...     roads = roads_from_osm(path)
    >>> roads[["osm_way", "highway", "speed_kmh", "oneway"]].to_dict("list")
    {'osm_way': [7, 7], 'highway': ['primary', 'primary'], 'speed_kmh': [80.4672, 80.4672], \
'oneway': ['yes', 'yes']}
    """
    if mode not in MODES:
        msg = _("Unknown travel mode {mode!r}: use 'walk' or 'drive'.", mode=mode)
        raise GraphError(msg)
    path = Path(path)
    if not path.is_file():
        msg = _("The OpenStreetMap file {path} does not exist. Check the path and the "
                "file name.", path=path)
        raise InputFileError(msg)
    name = path.name.lower()
    if name.endswith(PBF_SUFFIXES):
        return _roads_from_pbf(path)
    if name.endswith(XML_SUFFIXES):
        return _roads_from_xml(path, bidirectional=mode == "walk")
    msg = _("{path} does not look like an OpenStreetMap file: the extension must be .osm, "
            ".osm.bz2, .osm.gz or .pbf (.osm.pbf). Rename the file or save it in one of these "
            "formats.", path=path)
    raise InputFileError(msg)


def graph_from_osm(path: str | Path, *, mode: str, crs: object = None,
                   walk_speed_kmh: float) -> RoadGraph:
    """The walking or driving graph of an OSM extract, weighted in minutes.

    Parameters
    ----------
    path
        An OSM file, as for :func:`roads_from_osm`.
    mode
        ``walk`` or ``drive`` (see :func:`~planning.network.graph.build_graph`).
    crs
        A metric CRS for lengths; by default the UTM zone (41N–44N) of the centre of the
        extract's roads. Pass it for an extract outside Kazakhstan.
    walk_speed_kmh
        Walking speed, for ``walk`` and for the walk from a point to its nearest node.

    Returns
    -------
    RoadGraph
        The largest strongly connected component; ``report`` says what else was dropped.

    Raises
    ------
    GraphError
        The file has no road usable for ``mode``.
    CRSError
        ``crs`` was not given and the extract lies outside Kazakhstan's UTM zones.

    Examples
    --------
    A two-way primary road from (76.9, 43.2) to (76.9, 43.21), about 1.11 km long, walked at
    4.5 km/h (75 m/min) in about 14.8 minutes each way:

    >>> import tempfile
    >>> xml = ('<osm version="0.6"><node id="1" lat="43.2" lon="76.9"/>'
    ...        '<node id="2" lat="43.21" lon="76.9"/><way id="7"><nd ref="1"/><nd ref="2"/>'
    ...        '<tag k="highway" v="primary"/></way></osm>')
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder) / "street.osm"
    ...     _ = path.write_text(xml)
    ...     graph = graph_from_osm(path, mode="walk", walk_speed_kmh=4.5)
    >>> graph.crs, graph.n_nodes, round(float(graph.matrix[0, 1]), 1)
    (32643, 2, 14.8)
    """
    roads = roads_from_osm(path, mode=mode)
    excluded = NOT_WALKABLE if mode == "walk" else NOT_DRIVABLE
    usable = roads[~roads["highway"].isin(excluded)]
    if usable.empty:
        found = roads["highway"].value_counts()
        classes = ", ".join(f"{k}: {n}" for k, n in found.items()) or "-"
        msg = _("The file {path} has no road for {mode!r}: none of its {count} lines with a "
                "highway tag qualifies (classes: {classes}). Check that the extract covers an "
                "area with roads, or choose the other mode.",
                path=path, mode=mode, count=len(roads),
                 classes=classes)
        raise GraphError(msg)
    if crs is None:
        crs = _utm_of(usable, path)
    return build_graph(usable, mode=mode, crs=crs, walk_speed_kmh=walk_speed_kmh)


def _roads_from_xml(path: Path, *, bidirectional: bool) -> gpd.GeoDataFrame:
    try:
        import osmnx
        from osmnx._errors import InsufficientResponseError
    except ImportError:
        raise missing_dependency("osmnx", extra="osm",
                                 purpose="reading .osm road networks") from None
    try:
        graph = osmnx.graph_from_xml(path, bidirectional=bidirectional, simplify=False,
                                     retain_all=True)
    except InsufficientResponseError:
        msg = _("The file {path} holds no OpenStreetMap data (no nodes and no ways). Check that "
                "it is an OSM XML extract, not another XML file, and that the extract is not "
                "empty.", path=path)
        raise InputFileError(msg) from None
    except (SyntaxError, SAXException, UnicodeDecodeError, EOFError, OSError) as exc:
        # ElementTree's ParseError is a SyntaxError; bz2 and gzip raise OSError or EOFError.
        msg = _("Could not read the OpenStreetMap file {path}: {reason}. The file is probably "
                "damaged or incompletely downloaded: download it again.", path=path, reason=exc)
        raise InputFileError(msg) from exc
    except ValueError as exc:  # osmnx: "Some edges missing nodes" (a clipped extract)
        msg = _("osmnx could not build a graph from {path}: {reason}. This usually means a way "
                "refers to nodes missing from the file (an extract cut without whole ways). Cut "
                "it keeping whole ways (osmium extract --strategy complete_ways), or use a .pbf: "
                "qonys reads it through osmium and keeps the part of a "
                "cut way inside the file.", path=path, reason=exc)
        raise InputFileError(msg) from exc
    edges = [(u, v, data.get("osmid"), data.get("highway"), data.get("maxspeed"),
              data.get("area")) for u, v, data in graph.edges(data=True)]
    frame = pd.DataFrame(edges, columns=["u", "v", "osm_way", "highway", "maxspeed", "area"])
    frame = frame[frame["highway"].isin(ROAD_CLASSES) & (frame["area"] != "yes")]
    if frame.empty:
        return _empty_roads()
    nodes = pd.DataFrame.from_dict(dict(graph.nodes(data=True)), orient="index")
    ends = np.stack([nodes.loc[frame["u"], ["x", "y"]].to_numpy(float),
                     nodes.loc[frame["v"], ["x", "y"]].to_numpy(float)], axis=1)
    lines = shapely.linestrings(ends)
    # One maxspeed text is shared by many edges: parse each distinct text once.
    texts = frame["maxspeed"].dropna().unique()
    speeds = dict(zip(texts, (parse_maxspeed(t) for t in texts), strict=True))
    roads = pd.DataFrame({
        "osm_way": frame["osm_way"].astype("int64").to_numpy(),
        "highway": frame["highway"].astype(str).to_numpy(),
        "speed_kmh": frame["maxspeed"].map(speeds).astype(float).to_numpy(),
        "oneway": "yes",
    })
    return gpd.GeoDataFrame(roads, geometry=gpd.GeoSeries(lines, crs="EPSG:4326"))


def _roads_from_pbf(path: Path) -> gpd.GeoDataFrame:
    data = read_osm(path, kind="roads")
    for problem in data.problems:
        log.warning("%s", problem)
    frame = data.frame
    if frame.empty:
        return _empty_roads()
    roads = pd.DataFrame({
        "osm_way": frame["osm_id"].str[1:].astype("int64").to_numpy(),
        "highway": frame["highway"].astype(str).to_numpy(),
        "speed_kmh": frame["speed_kmh"].astype(float).to_numpy(),
        # read_osm has already reversed oneway=-1 ways: one-way is always along the line.
        "oneway": np.where(frame["oneway"].to_numpy(bool), "yes", "no"),
    })
    return gpd.GeoDataFrame(roads, geometry=frame.geometry.to_numpy(), crs="EPSG:4326")


def _empty_roads() -> gpd.GeoDataFrame:
    empty = pd.DataFrame({"osm_way": pd.Series(dtype="int64"),
                          "highway": pd.Series(dtype=object),
                          "speed_kmh": pd.Series(dtype=float),
                          "oneway": pd.Series(dtype=object)})
    return gpd.GeoDataFrame(empty, geometry=gpd.GeoSeries([], crs="EPSG:4326"))


def _utm_of(roads: gpd.GeoDataFrame, path: Path) -> int:
    """The UTM zone of the centre of the roads' bounding box."""
    west, south, east, north = roads.total_bounds
    lon, lat = (west + east) / 2, (south + north) / 2
    try:
        return utm_epsg(lon, lat)
    except ValueError:
        msg = _("The centre of the roads of {path} (longitude {lon}, latitude {lat}) lies outside "
                "Kazakhstan's UTM zones 41N-44N. Give a metric CRS explicitly (crs=, for example "
                "the EPSG code of the area's UTM zone).",
                path=path, lon=round(lon, 4), lat=round(lat, 4))
        raise CRSError(msg) from None
