"""Routable road graphs: a road layer becomes a directed graph weighted in minutes.

Roads are noded at shared vertices: every pair of consecutive vertices of a line is an edge,
and lines that share a vertex (as OSM ways share a node) meet there. Lines that merely cross
(a bridge over a road) do not connect, as in OSM and in most GIS road layers. Only the largest
strongly connected component is kept: from any node of it every other node can be reached, so
no origin is stranded on an island of one-way streets or a cut-off fragment; what is dropped
is reported in :class:`GraphReport`.

Speeds: walking at the norm's walking speed on every road walkers may use, in both directions;
driving at ``speed_kmh`` where the layer has it, else by :data:`HIGHWAY_SPEED_KMH`, honouring
``oneway``. Points (residents, cells, facilities) join the graph by :meth:`RoadGraph.attach`:
each becomes a node of its own, linked to its nearest road node by a walk of the snap distance,
unless it is farther than a set distance from every road: then it is off the network.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cached_property

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from scipy.sparse import coo_matrix, csr_matrix
from scipy.sparse.csgraph import connected_components
from scipy.spatial import cKDTree

from geo.errors import QonysError
from geo.i18n import _

log = logging.getLogger(__name__)

#: Driving speed by OSM ``highway`` class, km/h, for roads without ``speed_kmh``: urban
#: limits of Kazakhstan's traffic rules (60 km/h in towns, 90 on motorways outside them),
#: lowered for minor classes where traffic is slower than the limit.
HIGHWAY_SPEED_KMH = {
    "motorway": 90.0, "motorway_link": 50.0, "trunk": 80.0, "trunk_link": 40.0,
    "primary": 60.0, "primary_link": 40.0, "secondary": 50.0, "secondary_link": 40.0,
    "tertiary": 40.0, "tertiary_link": 30.0, "unclassified": 30.0, "residential": 30.0,
    "living_street": 10.0, "service": 20.0, "road": 30.0, "track": 20.0,
}
#: Speed of a drivable road whose class is not in :data:`HIGHWAY_SPEED_KMH`.
DEFAULT_SPEED_KMH = 30.0
#: Classes walkers may not use (motorways have no footway; the rest is not a road yet).
NOT_WALKABLE = frozenset({"motorway", "motorway_link", "construction", "proposed",
                          "raceway", "bus_guideway", "abandoned", "platform"})
#: Classes cars may not use.
NOT_DRIVABLE = frozenset({"footway", "path", "pedestrian", "steps", "cycleway", "bridleway",
                          "corridor", "elevator", "escalator", "construction", "proposed",
                          "raceway", "bus_guideway", "abandoned", "platform", "via_ferrata"})
#: A snap longer than this (metres) is reported: the point is far from every road. Beyond the
#: norms' ``roads.max_snap_m`` a point is off the network (:meth:`RoadGraph.attach`).
LARGE_SNAP_M = 500.0
MODES = ("walk", "drive")


class GraphError(QonysError, ValueError):
    """A road layer cannot be turned into a routable graph."""


@dataclass(frozen=True)
class GraphReport:
    """What building a graph kept and dropped.

    Attributes
    ----------
    nodes, edges
        Nodes and directed edges kept (the largest strongly connected component).
    components
        Strongly connected components found before keeping the largest.
    dropped_nodes, dropped_km
        Nodes and kilometres of road outside the largest component.
    """

    nodes: int
    edges: int
    components: int
    dropped_nodes: int
    dropped_km: float

    def message(self, *, lang: str | None = None) -> str:
        """The report in the user's language."""
        return _("Road graph: {nodes} nodes and {edges} directed edges in the largest strongly "
                 "connected component (of {components}); {dropped_nodes} nodes and {dropped_km} "
                 "km of road not connected to it both ways were dropped.",
                 lang=lang, nodes=self.nodes, edges=self.edges,
                  components=self.components, dropped_nodes=self.dropped_nodes,
                  dropped_km=self.dropped_km)


@dataclass(frozen=True)
class RoadGraph:
    """A routable graph: ``matrix[i, j]`` is the minutes from node i to node j on one edge.

    Attributes
    ----------
    matrix
        CSR adjacency, weights in minutes; parallel edges keep the fastest.
    xy
        Node coordinates in ``crs`` (metres).
    crs
        The metric CRS the graph was built in.
    mode
        ``walk`` or ``drive``.
    walk_speed_kmh
        Speed of the walk between a point and its nearest node.
    report
        What was kept and dropped when the graph was built.
    """

    matrix: csr_matrix
    xy: np.ndarray
    crs: object
    mode: str
    walk_speed_kmh: float
    report: GraphReport | None = None

    @property
    def n_nodes(self) -> int:
        """Number of nodes."""
        return self.matrix.shape[0]

    @cached_property
    def reversed(self) -> RoadGraph:
        """The same graph with every edge turned round: searches *to* a node run on it."""
        return RoadGraph(self.matrix.T.tocsr(), self.xy, self.crs, self.mode,
                         self.walk_speed_kmh, self.report)

    @cached_property
    def _tree(self) -> cKDTree:
        return cKDTree(self.xy)

    def walk_minutes(self, metres: np.ndarray) -> np.ndarray:
        """Minutes to walk ``metres`` at the graph's walking speed."""
        return np.asarray(metres, dtype=float) / (self.walk_speed_kmh * 1000 / 60)

    def snap(self, points: gpd.GeoSeries) -> tuple[np.ndarray, np.ndarray]:
        """Nearest node of every point (k-d tree), and the distance to it in metres."""
        return self._snap_xy(self._xy_of(points))

    def _xy_of(self, points: gpd.GeoSeries) -> np.ndarray:
        projected = points.to_crs(self.crs)
        return np.column_stack([projected.x, projected.y])

    def _snap_xy(self, xy: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        distance, node = self._tree.query(xy)
        return node, distance

    def attach(self, points: gpd.GeoSeries, *, max_snap_m: float | None = None,
               detached: np.ndarray | None = None) -> Attached:
        """Add every point as a node of its own, joined to its nearest node by a walk.

        The walk of the snap distance is an edge both ways, so travel times from and to the
        point include it. A point farther than ``max_snap_m`` from every road is off the
        network: it becomes a node with no edge, reached by nothing and reaching nothing, so
        that its access is unknown rather than a long walk. Nothing is logged here: the caller
        knows what the points are and says so once (:mod:`planning.notices`). Points marked
        ``detached`` (beyond the graph's reach) become nodes with no edge too, without being
        counted as off the network.

        Examples
        --------
        A point 90 m off a 1.5 km road walked at 4.5 km/h (75 m/min) is 1.2 minutes from it;
        one 3 km off it is off the network when the limit is 2 km:

        >>> import shapely
        >>> r = gpd.GeoDataFrame(geometry=[shapely.LineString([(0, 0), (1500, 0)])], crs=32643)
        >>> g = build_graph(r, mode="walk", crs=32643, walk_speed_kmh=4.5)
        >>> a = g.attach(gpd.GeoSeries([shapely.Point(0, 90), shapely.Point(0, 3000)],
        ...                            crs=32643), max_snap_m=2000)
        >>> float(a.graph.matrix[a.nodes[0], 0]), float(a.snap_m[0]), a.off.tolist()
        (1.2, 90.0, [False, True])
        >>> a.graph.matrix[a.nodes[1]].nnz
        0
        """
        point_xy = self._xy_of(points)
        node, metres = self._snap_xy(point_xy)
        new = self.n_nodes + np.arange(len(node))
        off = np.zeros(len(node), dtype=bool) if max_snap_m is None else metres > max_snap_m
        on = ~off if detached is None else ~off & ~np.asarray(detached, dtype=bool)
        minutes = np.maximum(self.walk_minutes(metres[on]), 1e-9)
        coo = self.matrix.tocoo()
        rows = np.concatenate([coo.row, new[on], node[on]])
        cols = np.concatenate([coo.col, node[on], new[on]])
        weights = np.concatenate([coo.data, minutes, minutes])
        n = self.n_nodes + len(node)
        matrix = coo_matrix((weights, (rows, cols)), shape=(n, n)).tocsr()
        xy = np.vstack([self.xy, point_xy])
        graph = RoadGraph(matrix, xy, self.crs, self.mode, self.walk_speed_kmh, self.report)
        if detached is not None:
            off = off & ~np.asarray(detached, dtype=bool)
        return Attached(graph=graph, nodes=new, snap_m=metres, off=off)

    def reach_box(self, metres: float) -> tuple[float, float, float, float]:
        """The graph's extent widened by ``metres``, in its CRS: what it can reach."""
        minx, miny = self.xy.min(axis=0) - metres
        maxx, maxy = self.xy.max(axis=0) + metres
        return float(minx), float(miny), float(maxx), float(maxy)


@dataclass(frozen=True)
class Attached:
    """A graph with points added as nodes: ``nodes[i]`` is the node of point ``i``.

    ``snap_m`` is each point's distance to its nearest road node; ``off`` marks the points off
    the network.
    """

    graph: RoadGraph
    nodes: np.ndarray
    snap_m: np.ndarray
    off: np.ndarray


def build_graph(roads: gpd.GeoDataFrame, *, mode: str, crs: object,
                walk_speed_kmh: float) -> RoadGraph:
    """Build the walking or driving graph of a road layer.

    Parameters
    ----------
    roads
        Lines with ``speed_kmh`` or ``highway`` and, for driving, ``oneway`` (``yes``,
        ``true``, ``1`` or ``-1``, the last meaning against the line's direction).
    mode
        ``walk`` (every walkable edge both ways at walking speed) or ``drive``.
    crs
        A metric CRS for lengths (the region's UTM zone).
    walk_speed_kmh
        Walking speed, for ``walk`` and for snap distances.

    Examples
    --------
    A 1.5 km two-way road walked at 4.5 km/h takes 20 minutes:

    >>> import shapely
    >>> r = gpd.GeoDataFrame(geometry=[shapely.LineString([(0, 0), (1500, 0)])], crs=32643)
    >>> g = build_graph(r, mode="walk", crs=32643, walk_speed_kmh=4.5)
    >>> float(g.matrix[0, 1])
    20.0
    """
    if mode not in MODES:
        msg = _("Unknown travel mode {mode!r}: use 'walk' or 'drive'.", mode=mode)
        raise GraphError(msg)
    lines = roads.to_crs(crs)
    lines = lines[~lines.geometry.isna() & ~lines.geometry.is_empty]
    highway = _highway(lines)
    excluded = NOT_WALKABLE if mode == "walk" else NOT_DRIVABLE
    lines = lines[~highway.isin(excluded).to_numpy()]
    highway = _highway(lines)
    parts = lines.geometry.explode(index_parts=False)
    coords, line_of = shapely.get_coordinates(parts.to_numpy(), return_index=True)
    if len(coords) < 2:
        raise GraphError(_("The roads layer ({count} features) has no line usable for {mode!r}. "
                           "Load a line layer of roads (`qonys load ... --kind roads`).",
                           mode=mode, count=len(roads)))
    same_line = line_of[1:] == line_of[:-1]
    start, end = np.flatnonzero(same_line), np.flatnonzero(same_line) + 1
    xy, node = np.unique(np.round(coords, 2), axis=0, return_inverse=True)
    node = node.ravel()
    u, v = node[start], node[end]
    metres = np.hypot(*(coords[end] - coords[start]).T)
    source_row = parts.index.to_numpy()[line_of[start]]
    position = lines.index.get_indexer(source_row)
    if mode == "walk":
        minutes = metres / (walk_speed_kmh * 1000 / 60)
        forward = np.ones(len(u), dtype=bool)
        backward = forward
    else:
        speed = _drive_speeds(lines, highway)[position]
        minutes = metres / (speed * 1000 / 60)
        direction = _oneway(lines)[position]
        forward, backward = direction >= 0, direction <= 0
    rows = np.concatenate([u[forward], v[backward]])
    cols = np.concatenate([v[forward], u[backward]])
    weights = np.concatenate([minutes[forward], minutes[backward]])
    matrix = _fastest_edges(rows, cols, weights, len(xy))
    return keep_largest_component(matrix, xy, crs=crs, mode=mode, walk_speed_kmh=walk_speed_kmh)


def keep_largest_component(matrix: csr_matrix, xy: np.ndarray, *, crs: object, mode: str,
                           walk_speed_kmh: float) -> RoadGraph:
    """The graph of the largest strongly connected component of ``matrix``, with its report."""
    count, labels = connected_components(matrix, directed=True, connection="strong")
    largest = np.bincount(labels).argmax()
    keep = labels == largest
    kept = matrix[keep][:, keep].tocsr()
    dropped = matrix[~keep]
    # Edge minutes do not give kilometres for driving; the coordinates do.
    coo = dropped.tocoo()
    rows = np.flatnonzero(~keep)[coo.row]
    dropped_km = float(np.hypot(*(xy[coo.col] - xy[rows]).T).sum() / 1000)
    report = GraphReport(nodes=int(keep.sum()), edges=kept.nnz, components=int(count),
                         dropped_nodes=int((~keep).sum()), dropped_km=round(dropped_km, 3))
    if report.dropped_nodes:
        log.info(report.message())
    return RoadGraph(kept, xy[keep], crs, mode, walk_speed_kmh, report)


def _highway(lines: gpd.GeoDataFrame) -> pd.Series:
    if "highway" not in lines:
        return pd.Series("", index=lines.index)
    return lines["highway"].fillna("").astype(str).str.strip().str.lower()


def _drive_speeds(lines: gpd.GeoDataFrame, highway: pd.Series) -> np.ndarray:
    speed = np.full(len(lines), np.nan)
    if "speed_kmh" in lines:
        speed = pd.to_numeric(lines["speed_kmh"], errors="coerce").to_numpy(float)
    by_class = highway.map(HIGHWAY_SPEED_KMH).astype(float).to_numpy()
    speed = np.where(np.isnan(speed) | (speed <= 0), by_class, speed)
    return np.where(np.isnan(speed), DEFAULT_SPEED_KMH, speed)


def _oneway(lines: gpd.GeoDataFrame) -> np.ndarray:
    """+1 one way along the line, -1 one way against it, 0 both ways."""
    if "oneway" not in lines:
        return np.zeros(len(lines), dtype=int)
    text = lines["oneway"].astype("string").str.strip().str.lower()
    along = text.isin(["yes", "true", "1"]).fillna(False).to_numpy()
    against = text.isin(["-1", "reverse"]).fillna(False).to_numpy()
    return np.where(along, 1, np.where(against, -1, 0))


def _fastest_edges(rows: np.ndarray, cols: np.ndarray, weights: np.ndarray,
                   n: int) -> csr_matrix:
    """CSR matrix keeping the fastest of parallel edges (a COO sum would add them up)."""
    order = np.lexsort((weights, cols, rows))
    rows, cols, weights = rows[order], cols[order], weights[order]
    first = np.ones(len(rows), dtype=bool)
    first[1:] = (rows[1:] != rows[:-1]) | (cols[1:] != cols[:-1])
    keep = first & (rows != cols)
    # A zero-length edge would vanish from a sparse matrix: give it a tiny positive weight.
    w = np.maximum(weights[keep], 1e-9)
    return coo_matrix((w, (rows[keep], cols[keep])), shape=(n, n)).tocsr()
