"""E2SFCA on the road graph against answers worked out by hand, PySAL access and networkx.

Zone boundaries (a walking star, 75 m/min, norm T = 7 minutes, zones up to 7/3, 14/3, 7):
    one facility of capacity 1 at the centre; five points of demand 1 along roads straight
    from it: 75 m (1 minute), 175 m (7/3 exactly, the first bound), 350 m (14/3, the second
    bound), 525 m (7, the threshold) and 600 m (8, beyond it). Weights 1, 1, 0.68, 0.22, 0:
    the facility is reached by 2.9 weighted residents, and each point gets its weight / 2.9:
    1/2.9 = 0.344828 for the first two, 0.68/2.9 = 0.234483, 0.22/2.9 = 0.075862 and 0. With
    the old bounds ``7 * [1/3, 2/3, 1]`` (``7 * (1/3)`` and ``7 * (2/3)`` are one step below
    7/3 and 14/3) the 175 m and 350 m points fell a zone too far: weights 1, 0.68, 0.22, 0.22,
    a reach of 2.12, and 0.68/2.12 = 0.320755 for the 175 m point instead of 0.344828.

Hand-drawn directed graph (minutes on each edge, trips go from the points to the facilities),
    norm T = 9 (zones up to 3, 6, 9), weights 1, 0.68, 0.22::

        P1(node 2) -> F1(node 0): 2          F1 -> P1: 10 (the way back does not count)
        P2(node 3) -> F1: 5,  P2 -> F2(node 1): 3
        P3(node 4) -> P2's node: 4,  P3 -> F2: 8 (by P2's node: 4 + 3 = 7 is shorter)
        P4(node 5) -> P3's node: 6
        P5 at P2's node.

    Trips: P1 reaches F1 in 2 (weight 1); P2 and P5 reach F1 in 5 (0.68) and F2 in 3 (1, the
    first bound); P3 reaches F2 in 7 (0.22) and F1 in 4 + 5 = 9 (0.22, the threshold); P4
    nothing within 9 (13 and 15). Demand P1 40, P2 30, P3 50, P4 20, P5 10; capacity F1 100,
    F2 60. Step 1: F1 is reached by 40 + 0.68 x 40 + 0.22 x 50 = 78.2, F2 by 40 + 0.22 x 50 =
    51. Step 2: P1 = 100/78.2 = 1.278772; P2 = P5 = 68/78.2 + 60/51 = 2.046036; P3 = 22/78.2
    + 13.2/51 = 0.540153; P4 = 0. The supply adds up to 100 + 60 = 160.
"""

from __future__ import annotations

import geopandas as gpd
import networkx as nx
import numpy as np
import pandas as pd
import pytest
import shapely
from scipy.sparse import csr_matrix
from scipy.spatial import cKDTree

from planning.network.graph import RoadGraph, build_graph
from planning.provision.e2sfca import e2sfca, e2sfca_on_graph, zone_bounds

CRS = 32643
X0, Y0 = 500_000.0, 4_790_000.0
WEIGHTS = (1.0, 0.68, 0.22)
#: The star's points: metres from the facility, along the four axes.
STAR_ENDS = ((0, -75), (175, 0), (0, 350), (-525, 0), (600, 0))


def _star() -> tuple[RoadGraph, int, np.ndarray]:
    lines = [shapely.LineString([(X0, Y0), (X0 + x, Y0 + y)]) for x, y in STAR_ENDS]
    graph = build_graph(gpd.GeoDataFrame(geometry=lines, crs=CRS), mode="walk", crs=CRS,
                        walk_speed_kmh=4.5)

    def node(x: float, y: float) -> int:
        return int(np.flatnonzero((graph.xy[:, 0] == X0 + x) & (graph.xy[:, 1] == Y0 + y))[0])

    return graph, node(0, 0), np.array([node(x, y) for x, y in STAR_ENDS])


STAR_ANSWER = np.array([1.0, 1.0, 0.68, 0.22, 0.0]) / 2.9


def test_the_zone_bounds_are_the_thirds_of_the_norm():
    assert zone_bounds(7.0).tolist() == [7 / 3, 14 / 3, 7.0]
    # The old bounds missed the 175 m and 350 m trips by one floating-point step.
    assert 175 / 75 == 7 / 3 and 7 * (1 / 3) < 7 / 3
    assert 350 / 75 == 14 / 3 and 7 * (2 / 3) < 14 / 3


def test_a_trip_of_exactly_a_zone_bound_weighs_as_the_nearer_zone_on_the_graph():
    graph, facility, points = _star()
    found = e2sfca_on_graph(graph, points, np.ones(5), np.array([facility]), np.array([1.0]),
                            threshold=7.0, weights=WEIGHTS)
    np.testing.assert_allclose(found, STAR_ANSWER, rtol=1e-12)
    assert found[1] == pytest.approx(0.344828, abs=1e-6)  # not 0.68/2.12 = 0.320755


def test_the_dense_e2sfca_gives_the_same_at_the_bounds():
    minutes = np.array([[75, 175, 350, 525, 600]]) / 75.0
    found = e2sfca(minutes, np.array([1.0]), np.ones(5), threshold=7.0, weights=WEIGHTS)
    np.testing.assert_allclose(found, STAR_ANSWER, rtol=1e-12)


def test_pysal_access_gives_the_same_at_the_bounds():
    access = pytest.importorskip("access", reason="PySAL access: pip install access")
    cost = pd.DataFrame({"origin": range(5), "dest": 0,
                         "cost": np.array([75, 175, 350, 525, 600]) / 75.0})
    model = access.Access(
        demand_df=pd.DataFrame({"demand": np.ones(5)}).rename_axis("point"),
        demand_value="demand", supply_value="capacity",
        supply_df=pd.DataFrame({"capacity": [1.0]}).rename_axis("facility"),
        cost_df=cost, cost_origin="origin", cost_dest="dest", cost_name="cost")
    step = access.weights.step_fn({7 / 3: 1.0, 14 / 3: 0.68, 7.0: 0.22})
    found = model.enhanced_two_stage_fca(max_cost=7.0, weight_fn=step)["e2sfca_capacity"]
    np.testing.assert_allclose(found.reindex(range(5)).fillna(0.0), STAR_ANSWER, rtol=1e-12)


def _hand_graph() -> RoadGraph:
    edges = [(2, 0, 2.0), (0, 2, 10.0), (3, 0, 5.0), (3, 1, 3.0), (4, 3, 4.0), (4, 1, 8.0),
             (5, 4, 6.0)]
    rows, cols, minutes = (np.array(column) for column in zip(*edges, strict=True))
    return RoadGraph(csr_matrix((minutes, (rows, cols)), shape=(6, 6)), np.zeros((6, 2)),
                     None, "walk", 4.5)


HAND_POINTS = np.array([2, 3, 4, 5, 3])
HAND_DEMAND = np.array([40.0, 30, 50, 20, 10])
HAND_CAPACITY = np.array([100.0, 60.0])
HAND_ANSWER = np.array([100 / 78.2, 68 / 78.2 + 60 / 51, 22 / 78.2 + 13.2 / 51, 0.0,
                        68 / 78.2 + 60 / 51])


def test_hand_drawn_graph_by_hand():
    found = e2sfca_on_graph(_hand_graph(), HAND_POINTS, HAND_DEMAND, np.array([0, 1]),
                            HAND_CAPACITY, threshold=9.0, weights=WEIGHTS)
    np.testing.assert_allclose(found, HAND_ANSWER, rtol=1e-12)
    assert found[:3] == pytest.approx([1.278772, 2.046036, 0.540153], abs=1e-6)
    assert (found * HAND_DEMAND).sum() == pytest.approx(160.0, rel=1e-12)


def test_hand_drawn_graph_columns_and_the_estimated_part():
    demand = np.column_stack([HAND_DEMAND, 2 * HAND_DEMAND])
    whole, owed = e2sfca_on_graph(_hand_graph(), HAND_POINTS, demand, np.array([0, 1]),
                                  HAND_CAPACITY, threshold=9.0, weights=WEIGHTS,
                                  part=np.array([True, False]))
    # Twice the demand halves every share; F1's part is its ratio times each point's weight.
    np.testing.assert_allclose(whole, np.column_stack([HAND_ANSWER, HAND_ANSWER / 2]),
                               rtol=1e-12)
    from_f1 = np.array([1.0, 0.68, 0.22, 0.0, 0.68]) * 100 / 78.2
    np.testing.assert_allclose(owed, np.column_stack([from_f1, from_f1 / 2]), rtol=1e-12)


def test_no_facility_within_reach_gives_zeros():
    graph = _hand_graph()
    demand = np.column_stack([HAND_DEMAND, HAND_DEMAND])
    nothing = e2sfca_on_graph(graph, HAND_POINTS, demand, np.zeros(0, dtype=int), np.zeros(0),
                              threshold=9.0, weights=WEIGHTS, part=np.zeros(0, dtype=bool))
    assert [a.tolist() for a in nothing] == [np.zeros((5, 2)).tolist()] * 2
    # F1 alone under a 1-minute norm: nobody is that near.
    far = e2sfca_on_graph(graph, HAND_POINTS, HAND_DEMAND, np.array([0]), np.array([100.0]),
                          threshold=1.0, weights=WEIGHTS)
    assert far.tolist() == [0.0] * 5


def _random_graph(n: int, seed: int) -> RoadGraph:
    rng = np.random.default_rng(seed)
    # Nodes in a square joined to their 3 nearest, some one way (both ways at other times).
    xy = rng.uniform(0, 5_000, (n, 2))
    _, near = cKDTree(xy).query(xy, k=4)
    rows = np.repeat(np.arange(n), 3)
    cols = near[:, 1:].ravel()
    minutes = np.hypot(*(xy[rows] - xy[cols]).T) / 75 * rng.uniform(0.8, 1.5, len(rows))
    both = rng.uniform(size=len(rows)) < 0.85
    rows, cols, minutes = (np.concatenate([x, y[both]]) for x, y in
                           ((rows, cols), (cols, rows), (minutes, minutes * 1.1)))
    matrix = csr_matrix((minutes, (rows, cols)), shape=(n, n))
    matrix.sum_duplicates()
    return RoadGraph(matrix, xy, CRS, "walk", 4.5)


def _networkx_e2sfca(g: nx.DiGraph, points, demand, facilities, capacity, threshold):
    """The old algorithm with networkx: step 1 from each facility on the reversed graph, step
    2 from each point, every node counted once, weights by the first bound not exceeded."""
    bounds = [threshold / 3, 2 * threshold / 3, threshold]

    def weight(t: float) -> float:
        return next(w for b, w in zip(bounds, WEIGHTS, strict=True) if t <= b)

    at_node: dict[int, float] = {}
    for node, d in zip(points.tolist(), demand.tolist(), strict=True):
        at_node[node] = at_node.get(node, 0.0) + d
    reverse = g.reverse(copy=False)
    ratio_at: dict[int, float] = {}
    for node, c in zip(facilities.tolist(), capacity.tolist(), strict=True):
        reach = nx.single_source_dijkstra_path_length(reverse, node, cutoff=threshold)
        reached = sum(weight(t) * at_node[n] for n, t in reach.items() if n in at_node)
        ratio_at[node] = ratio_at.get(node, 0.0) + (c / reached if reached > 0 else 0.0)
    found = []
    for node in points.tolist():
        reach = nx.single_source_dijkstra_path_length(g, node, cutoff=threshold)
        found.append(sum(weight(t) * ratio_at[n] for n, t in reach.items() if n in ratio_at))
    return np.array(found)


@pytest.mark.parametrize("threshold", [7.0, 15.0])
def test_random_graph_agrees_with_networkx(threshold):
    graph = _random_graph(2_000, seed=11)
    g = nx.from_scipy_sparse_array(graph.matrix, create_using=nx.DiGraph)
    rng = np.random.default_rng(3)
    facilities = rng.choice(graph.n_nodes, 40, replace=False)
    # Drawn with replacement, some points share a node; a few stand on a facility's node.
    points = np.concatenate([rng.choice(graph.n_nodes, 400), facilities[:5]])
    demand = rng.gamma(2.0, 20.0, len(points))
    capacity = rng.integers(50, 500, len(facilities)).astype(float)
    found = e2sfca_on_graph(graph, points, demand, facilities, capacity, threshold=threshold,
                            weights=WEIGHTS)
    expected = _networkx_e2sfca(g, points, demand, facilities, capacity, threshold)
    np.testing.assert_allclose(found, expected, rtol=1e-12, atol=1e-12)
    assert 0.15 < (found > 0).mean() < 0.95  # the norm reaches some points, misses others
    assert len(np.unique(points)) < len(points)
