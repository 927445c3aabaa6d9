"""The travel-time engine against hand-drawn graphs with known answers, and against networkx.

Hand-drawn graphs are road layers in EPSG:32643 (metres), driven at 60 km/h (1 km a minute)
unless stated, so that every answer is a length in kilometres:

Diamond          A(0,0) -> B(3000,4000) -> D(6000,0) and A -> C(3000,-1000) -> D:
                 AB 5 km, BD 5 km, AC 3.162 km, CD 3.162 km: A to D = 6.325 min by C.
One-way street   A(0,0) -> B(1000,0) one way; back from B to A only round the block
                 B -> E(1000,1000) -> F(0,1000) -> A: A->B 1 min, B->A 3 min.
Disconnected     a 2 km road far away (x = 50 km): dropped, reported as 1 component more,
                 2 nodes and 2 x 2 km = 4 km of directed edges.
Parallel edges   two roads A-B of 1 km, one at 60 km/h and one at 30: the fast one wins (1 min).
"""

from __future__ import annotations

import geopandas as gpd
import networkx as nx
import numpy as np
import pytest
import shapely
from scipy.sparse import csr_matrix

from planning.network.graph import GraphError, RoadGraph, build_graph
from planning.network.travel import nearest, reach_pairs, reach_sums

CRS = 32643
X0, Y0 = 500_000.0, 4_790_000.0


def _roads(segments, **columns) -> gpd.GeoDataFrame:
    lines = [shapely.LineString([(X0 + a, Y0 + b), (X0 + c, Y0 + d)])
             for (a, b), (c, d) in segments]
    return gpd.GeoDataFrame(columns, geometry=lines, crs=CRS)


def _node(graph: RoadGraph, x: float, y: float) -> int:
    return int(np.flatnonzero((graph.xy[:, 0] == X0 + x) & (graph.xy[:, 1] == Y0 + y))[0])


def _drive(roads: gpd.GeoDataFrame) -> RoadGraph:
    return build_graph(roads, mode="drive", crs=CRS, walk_speed_kmh=4.5)


def _to_networkx(graph: RoadGraph) -> nx.DiGraph:
    coo = graph.matrix.tocoo()
    g = nx.DiGraph()
    g.add_nodes_from(range(graph.n_nodes))
    g.add_weighted_edges_from(zip(coo.row.tolist(), coo.col.tolist(), coo.data.tolist(),
                                  strict=True))
    return g


def test_diamond_takes_the_shorter_side():
    a, b, c, d = (0, 0), (3000, 4000), (3000, -1000), (6000, 0)
    graph = _drive(_roads([(a, b), (b, d), (a, c), (c, d)], speed_kmh=[60.0] * 4))
    minutes, _ = nearest(graph, np.array([_node(graph, *d)]), direction="to")
    assert minutes[_node(graph, *a)] == pytest.approx(2 * np.hypot(3, 1))  # 6.325
    assert minutes[_node(graph, *b)] == pytest.approx(5.0)


def test_one_way_street_goes_round_the_block():
    a, b, e, f = (0, 0), (1000, 0), (1000, 1000), (0, 1000)
    roads = _roads([(a, b), (b, e), (e, f), (f, a)], speed_kmh=[60.0] * 4,
                   oneway=["yes", "yes", "yes", "yes"])
    graph = _drive(roads)
    pairs = reach_pairs(graph, np.array([_node(graph, *a), _node(graph, *b)]),
                        np.array([_node(graph, *b), _node(graph, *a)]), limit=10)
    times = {(o, t): m for o, t, m in pairs.itertuples(index=False)}
    assert times[(0, 0)] == pytest.approx(1.0)  # A -> B along the one-way street
    assert times[(1, 1)] == pytest.approx(3.0)  # B -> A round the block
    reverse = _roads([(b, a)], speed_kmh=[60.0], oneway=["-1"])  # "-1": against the line
    assert _drive(reverse).report.nodes == 1  # one-way alone: no strongly connected pair


def test_disconnected_piece_is_dropped_and_reported():
    roads = _roads([((0, 0), (1000, 0)), ((50_000, 0), (52_000, 0))], speed_kmh=[60.0, 60.0])
    graph = _drive(roads)
    assert (graph.report.nodes, graph.report.components, graph.report.dropped_nodes) == (2, 2, 2)
    assert graph.report.dropped_km == pytest.approx(4.0)
    assert "2" in graph.report.message(lang="en")


def test_parallel_edges_keep_the_fastest():
    roads = _roads([((0, 0), (1000, 0)), ((0, 0), (1000, 0))], speed_kmh=[60.0, 30.0])
    graph = _drive(roads)
    assert graph.matrix[_node(graph, 0, 0), _node(graph, 1000, 0)] == pytest.approx(1.0)


def test_lines_are_noded_at_shared_vertices_only():
    # An L-shaped line through (1000, 0) and a road starting there meet; a road crossing the
    # first in the middle without a shared vertex (a bridge) does not connect.
    roads = _roads([((0, 0), (1000, 0)), ((1000, 0), (1000, 1000)), ((500, -500), (500, 500))],
                   speed_kmh=[60.0] * 3)
    graph = build_graph(roads, mode="walk", crs=CRS, walk_speed_kmh=4.5)
    assert graph.report.nodes == 3 and graph.report.components == 2


def test_walk_ignores_oneway_and_motorways():
    roads = _roads([((0, 0), (1500, 0)), ((1500, 0), (3000, 0))],
                   highway=["residential", "motorway"], oneway=["yes", "no"])
    graph = build_graph(roads, mode="walk", crs=CRS, walk_speed_kmh=4.5)
    assert graph.report.nodes == 2  # the motorway is not walked
    assert graph.matrix[_node(graph, 1500, 0), _node(graph, 0, 0)] == pytest.approx(20.0)


def test_speed_from_the_highway_table_when_speed_is_missing():
    roads = _roads([((0, 0), (1000, 0))], highway=["primary"], speed_kmh=[np.nan])
    graph = _drive(roads)
    assert graph.matrix[0, 1] == pytest.approx(1.0)  # primary: 60 km/h, 1 km


def test_no_usable_road_is_a_clear_error():
    roads = _roads([((0, 0), (1000, 0))], highway=["footway"])
    with pytest.raises(GraphError, match="drive"):
        _drive(roads)


def test_attach_walks_the_snap_both_ways():
    graph = _drive(_roads([((0, 0), (1000, 0))], speed_kmh=[60.0]))
    point = gpd.GeoSeries([shapely.Point(X0 + 1000, Y0 + 150)], crs=CRS)
    attached = graph.attach(point)
    node = attached.nodes[0]
    start = _node(graph, 0, 0)
    minutes, _ = nearest(attached.graph, np.array([node]), direction="to")
    assert minutes[start] == pytest.approx(1.0 + 2.0)  # 1 km by car, then 150 m on foot
    assert attached.snap_m[0] == pytest.approx(150.0)


def _random_graph(n: int, seed: int) -> RoadGraph:
    rng = np.random.default_rng(seed)
    # A random geometric road graph: nodes in a square, each joined to its 3 nearest, some
    # one-way, some parallel duplicates with other weights.
    xy = rng.uniform(0, 20_000, (n, 2))
    from scipy.spatial import cKDTree

    _, near = cKDTree(xy).query(xy, k=4)
    rows = np.repeat(np.arange(n), 3)
    cols = near[:, 1:].ravel()
    minutes = np.hypot(*(xy[rows] - xy[cols]).T) / 500 * rng.uniform(0.8, 1.5, len(rows))
    both = rng.uniform(size=len(rows)) < 0.85
    rows, cols, minutes = (np.concatenate([x, y[both]]) for x, y in
                           ((rows, cols), (cols, rows), (minutes, minutes * 1.1)))
    matrix = csr_matrix((minutes, (rows, cols)), shape=(n, n))
    matrix.sum_duplicates()  # parallel edges summed here: networkx sees the same matrix
    return RoadGraph(matrix, xy, CRS, "drive", 4.5)


@pytest.fixture(scope="module")
def random_graph():
    graph = _random_graph(5000, seed=7)
    return graph, _to_networkx(graph)


def test_nearest_agrees_with_networkx_on_5k_nodes(random_graph):
    graph, g = random_graph
    sources = np.random.default_rng(1).choice(graph.n_nodes, 40, replace=False)
    minutes, which = nearest(graph, sources, direction="from")
    expected = nx.multi_source_dijkstra_path_length(g, set(sources.tolist()), weight="weight")
    reached = np.isfinite(minutes)
    assert reached.sum() == len(expected)
    assert np.allclose([expected[i] for i in np.flatnonzero(reached)], minutes[reached])
    # The named source is at that distance.
    sample = np.flatnonzero(reached)[:200]
    for node in sample:
        source = int(sources[which[node]])
        assert nx.dijkstra_path_length(g, source, int(node)) == pytest.approx(minutes[node])


@pytest.mark.slow
def test_bounded_sums_and_pairs_agree_with_networkx_on_5k_nodes(random_graph):
    graph, g = random_graph
    rng = np.random.default_rng(2)
    origins = rng.choice(graph.n_nodes, 300, replace=False)
    values = rng.uniform(0, 100, graph.n_nodes)
    targets = rng.choice(graph.n_nodes, 500, replace=False)
    limit, bounds, weights = 12.0, np.array([4.0, 8.0, 12.0]), np.array([1.0, 0.68, 0.22])
    sums = reach_sums(graph, origins, values, limit=limit, bounds=bounds, weights=weights)
    to_sums = reach_sums(graph, origins, values, limit=limit, direction="to")
    pairs = reach_pairs(graph, origins, targets, limit=limit)
    position = {int(t): k for k, t in enumerate(targets)}
    reverse = g.reverse(copy=False)
    found = 0
    for k, origin in enumerate(origins):
        reach = nx.single_source_dijkstra_path_length(g, int(origin), cutoff=limit)
        zone = np.searchsorted(bounds, np.array(list(reach.values())), side="left")
        expected = (weights[zone] * values[list(reach)]).sum()
        assert sums[k] == pytest.approx(expected, rel=1e-9)
        back = nx.single_source_dijkstra_path_length(reverse, int(origin), cutoff=limit)
        assert to_sums[k] == pytest.approx(values[list(back)].sum(), rel=1e-9)
        mine = pairs[pairs.origin == k]
        theirs = {position[n]: t for n, t in reach.items() if n in position}
        assert dict(zip(mine.target, mine.minutes, strict=True)) == pytest.approx(theirs)
        found += len(theirs)
    assert found > 300  # the limit lets each origin reach some targets: the test has teeth
