"""The network benchmark's generator and its references: sizes, speeds and answers by hand, and
qonys against scipy and networkx on a small instance (never timings)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import networkx as nx
import numpy as np
import pytest
from scipy.sparse.csgraph import dijkstra

from planning.network.travel import nearest

BENCH_FILE = Path(__file__).resolve().parent.parent / "bench" / "network.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_network", BENCH_FILE)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop(spec.name, None)


def test_grid_size_jitter_and_seed(bench):
    side, spacing = 40, 100.0
    walk = bench.synthetic_grid(side, spacing_m=spacing, seed=7)
    # 40 x 40 nodes; 40 rows of 39 edges and 40 columns of 39 edges, each both ways.
    assert walk.n_nodes == 1_600
    assert walk.matrix.nnz == 2 * 2 * 40 * 39 == 6_240
    assert walk.report.components == 1 and walk.report.dropped_nodes == 0
    assert (walk.matrix != walk.matrix.T).nnz == 0
    row, col = np.divmod(np.arange(side * side), side)
    moved = np.abs(walk.xy - np.column_stack([col, row]) * spacing)
    assert moved.max() <= 0.2 * spacing and moved.max() > 0.15 * spacing
    # Walking minutes are the straight length at 75 m/min.
    u, v = 0, 1
    assert walk.matrix[u, v] == pytest.approx(np.hypot(*(walk.xy[v] - walk.xy[u])) / 75)
    again = bench.synthetic_grid(side, spacing_m=spacing, seed=7)
    other = bench.synthetic_grid(side, spacing_m=spacing, seed=8)
    assert (again.matrix != walk.matrix).nnz == 0
    assert (other.matrix != walk.matrix).nnz > 0


def test_road_hierarchy(bench):
    exact = bench.synthetic_grid(12, jitter=0.0, mode="drive").matrix
    # 100 m at 80 km/h (1333.3 m/min) = 0.075 min, at 50 km/h 0.12 min, at 30 km/h 0.2 min.
    # Node r * 12 + c; rows and columns 0 are trunk roads, 10 secondary, the rest residential.
    assert exact[3, 4] == pytest.approx(0.075)  # row 0
    assert exact[123, 124] == pytest.approx(0.12)  # row 10
    assert exact[39, 40] == pytest.approx(0.2)  # row 3
    assert exact[36, 48] == pytest.approx(0.075)  # column 0
    assert exact[46, 58] == pytest.approx(0.12)  # column 10
    assert exact[41, 53] == pytest.approx(0.2)  # column 5
    drive = bench.synthetic_grid(12, mode="drive", seed=3)
    walk = bench.synthetic_grid(12, mode="walk", seed=3)
    assert (drive.matrix != 0).toarray().tolist() == (walk.matrix != 0).toarray().tolist()
    speed = walk.matrix.data / drive.matrix.data * 4.5
    # Per direction of travel: rows 0 and columns 0 hold 2 x 11 trunk edges, rows and
    # columns 10 another 22 secondary, the other 20 lines 220; both ways: 44, 44 and 440.
    kinds, counts = np.unique(np.round(speed, 6), return_counts=True)
    assert kinds.tolist() == [30.0, 50.0, 80.0]
    assert counts.tolist() == [440, 44, 44]


def test_catchments_by_hand(bench):
    """3 x 3 nodes 100 m apart, 10 residents each, one facility of 100 places at corner 0.

    Walking 100 m takes 4/3 min; from corner 0 the nodes lie at 0, 4/3 (1 and 3), 8/3 (2, 4
    and 6), 4 (5 and 7) and 16/3 min (8): all within 15, all in the first zone (<= 5 min,
    weight 1) but node 8 (weight 0.68). Step 1: demand 8 x 10 + 0.68 x 10 = 86.8, ratio
    100 / 86.8. Step 2: the centre 4 gets 100 / 86.8 = 1.152074, corner 8 gets
    0.68 x 100 / 86.8 = 0.783410. Everyone reaches all 90 residents.
    """
    walk = bench.synthetic_grid(3, jitter=0.0)
    population = np.full(9, 10.0)
    sites, capacity, origins = np.array([0]), np.array([100.0]), np.array([4, 8])
    ours = bench.qonys_catchments(walk, origins, population, sites, capacity)
    assert ours["ratio"] == pytest.approx([100 / 86.8])
    assert ours["access"] == pytest.approx([100 / 86.8, 68 / 86.8])
    assert ours["reached"].tolist() == [90.0, 90.0]
    graph = bench.to_networkx(walk)
    assert bench.networkx_ratios(graph, population, sites, capacity) == pytest.approx(
        [100 / 86.8])
    reached, access = bench.networkx_sums(graph, origins, population, {0: 100 / 86.8})
    assert reached.tolist() == [90.0, 90.0]
    assert access == pytest.approx([100 / 86.8, 68 / 86.8])


def test_qonys_agrees_with_scipy_and_networkx(bench):
    drive = bench.synthetic_grid(60, mode="drive", seed=11)
    walk = bench.synthetic_grid(60, mode="walk", seed=11)
    population, sites, capacity = bench.synthetic_demand(walk.n_nodes, facilities=8, seed=11)
    assert len(np.unique(sites)) == 8 and capacity.min() >= 300 and capacity.max() <= 1500
    ours, _ = nearest(drive, sites, direction="from")
    floor = dijkstra(drive.matrix, indices=sites, min_only=True)
    found = nx.multi_source_dijkstra_path_length(bench.to_networkx(drive), set(sites.tolist()))
    theirs = np.array([found[node] for node in range(drive.n_nodes)])
    np.testing.assert_allclose(ours, floor, rtol=0, atol=1e-9)
    np.testing.assert_allclose(ours, theirs, rtol=0, atol=1e-9)

    origins = np.random.default_rng(11).choice(walk.n_nodes, 200, replace=False)
    result = bench.qonys_catchments(walk, origins, population, sites, capacity)
    graph = bench.to_networkx(walk)
    ratio = bench.networkx_ratios(graph, population, sites, capacity)
    reached, access = bench.networkx_sums(graph, origins, population,
                                          dict(zip(sites.tolist(), ratio.tolist(), strict=True)))
    np.testing.assert_allclose(result["ratio"], ratio, rtol=1e-9)
    np.testing.assert_allclose(result["reached"], reached, rtol=1e-9)
    np.testing.assert_allclose(result["access"], access, rtol=1e-9)
    # 8 facilities on a 6 km square reach about 8 x 260 of its 3,600 nodes within 15 minutes
    # (1,125 m): some origins reach none, some do, so both cases of the sum are compared.
    assert (result["access"] == 0).any() and (result["access"] > 0).any()
