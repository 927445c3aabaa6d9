"""Benchmark of the travel-time engine on a synthetic road graph, against scipy and networkx.

A seeded perturbed grid of ``--side`` x ``--side`` nodes 100 m apart (250,000 nodes and 998,000
directed edges by default; see :func:`synthetic_grid`) carries residents on every node and 500
facilities with capacities. One run prints one ``name=value`` a line:

* ``nodes``, ``edges``, ``origins``: the size of the problem;
* ``numba_warmup_s``: the first (tiny) call of the compiled bounded search, loading or compiling
  it; every figure below is timed after it;
* ``nearest_qonys_s``, ``nearest_scipy_s``, ``nearest_networkx_s``: minutes from the nearest of
  the 500 facilities to every node of the driving graph, by :func:`planning.network.travel.nearest`,
  by scipy ``csgraph.dijkstra(min_only=True)`` called directly (the floor of this stack) and by
  networkx ``multi_source_dijkstra_path_length`` (graph built outside the timing); best of 3,
  networkx once. The three answers are checked equal (to 1e-9 minutes) first;
* ``ratio_vs_scipy`` = qonys / scipy (target at most 1.3); ``speedup_vs_networkx`` = networkx /
  qonys (target at least 15);
* ``catchment_50k_s``: 15-minute walking catchments of ``--origins`` random nodes (50,000): the
  residents reached, and E2SFCA provision (decay bounds 5, 10, 15 minutes, weights 1.0, 0.68,
  0.22): step 1 from the 500 facilities towards the residents, step 2 from every origin; its
  parts ``catchment_ratios_s`` (E2SFCA step 1 from the facilities) and ``catchment_origins_s``
  (one search per origin summing residents reached and E2SFCA step 2);
* ``catchment_networkx_sample_s``: the same with networkx ``single_source_dijkstra_path_length
  (cutoff=15)`` and sums in Python, for the 500 facilities and a sample of 2,000 origins;
  ``catchment_networkx_50k_s``: the facilities' part plus the sample's scaled to ``--origins``;
  ``catchment_speedup_vs_networkx`` = that / ``catchment_50k_s`` (target at least 15). qonys'
  ratios and sums are checked equal to networkx's on the sample (relative 1e-9) first;
* ``grid_almaty_res9_s``: ``qonys grid --region almaty --res 9`` on the demo workspace, the
  whole command in a fresh process (target under 60 s on 2 cores); ``grid_target_ratio`` = that
  / 60; with ``_cells_scored`` and ``_cells_footprint``. The demo spreads residents by its
  population points, so few cells are scored; ``grid_almaty_res9_area_s`` (and its counts and
  ``grid_area_target_ratio``) runs the same with ``--by area``, every cell of the footprint
  scored;
* ``e2sfca_qonys_<T>_s``, ``e2sfca_access_<T>_s`` for T = 15, 30 and 60 minutes: E2SFCA of
  ``--points`` random nodes (20,000, demand the residents of their node) and the 500
  facilities on the walking graph (decay bounds T/3, 2T/3, T, weights 1.0, 0.68, 0.22), by
  :func:`planning.provision.e2sfca.e2sfca_on_graph` and by PySAL ``access`` (``pip install
  access``) on scipy's shortest-path matrix: ``csgraph.dijkstra(limit=T)`` from the
  facilities on the reversed graph, its finite entries as the long cost table, then
  ``Access.enhanced_two_stage_fca`` with ``weights.step_fn``. ``e2sfca_access_<T>_s`` is the
  peer's whole path, of which ``e2sfca_scipy_<T>_s`` the matrix and
  ``e2sfca_access_only_<T>_s`` the table and ``access`` (``e2sfca_ratio_vs_access_only_<T>`` =
  qonys / that, for a matrix had for free: no target);
  ``e2sfca_pairs_<T>`` the (point, facility) pairs within T; best of 3 each (qonys once when
  its first run takes over 5 s, as the old per-point searches did). Both answers are checked
  equal (relative 1e-9) first; ``e2sfca_ratio_vs_access_<T>`` = qonys / access (target at most 1);
* ``peak_rss_mb``: peak resident memory of this process (the networkx graphs included).

Run: ``.venv/bin/python bench/network.py [--side 500] [--origins 50000] [--points 20000]
[--skip-grid] [--only-e2sfca]``.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import dijkstra

# bench/planning.py shares its name with the planning package: run as a script, this folder
# comes first on sys.path and must be taken off it before the project's packages are imported.
sys.path[:] = [entry for entry in sys.path
               if Path(entry or ".").resolve() != Path(__file__).resolve().parent]

from planning.network.graph import RoadGraph, keep_largest_component  # noqa: E402
from planning.network.travel import nearest, reach_sums  # noqa: E402

SEED = 20240901
CRS = "EPSG:32643"  # UTM 43N, Almaty's zone: the grid's metres are read in it
WALK_KMH = 4.5
#: Road hierarchy of the driving grid: every 50th row and column a trunk road, every 10th a
#: secondary road, the rest residential streets (km/h as in
#: planning.network.graph.HIGHWAY_SPEED_KMH).
TRUNK_EVERY, SECONDARY_EVERY = 50, 10
TRUNK_KMH, SECONDARY_KMH, RESIDENTIAL_KMH = 80.0, 50.0, 30.0
FACILITIES = 500
THRESHOLD_MIN = 15.0
BOUNDS = np.array([5.0, 10.0, 15.0])
WEIGHTS = np.array([1.0, 0.68, 0.22])
SAMPLE = 2_000
GRID_TARGET_S = 60.0
E2SFCA_POINTS = 20_000
E2SFCA_MINUTES = (15.0, 30.0, 60.0)
#: Facilities per call of scipy's dijkstra: its answer is dense (facilities x every node).
SCIPY_CHUNK = 50


def synthetic_grid(side: int = 500, *, spacing_m: float = 100.0, seed: int = SEED,
                   mode: str = "walk", jitter: float = 0.2) -> RoadGraph:
    """A perturbed square grid of roads as a routable graph, built straight into CSR.

    Node ``r * side + c`` sits at ``(c, r) * spacing_m`` moved by up to ``jitter * spacing_m``
    along each axis (uniform, seeded: one seed gives the same nodes in both modes). Each node
    is joined to its right and upper neighbour by a road both ways, so ``side`` 500 gives
    250,000 nodes and 2 x 2 x 500 x 499 = 998,000 directed edges. Minutes are the straight
    length at 4.5 km/h (``walk``) or, for ``drive``, at the speed of the row's (horizontal
    roads) or column's (vertical roads) class: trunk every 50th, secondary every 10th, else
    residential.

    Examples
    --------
    Without jitter a 100 m walk at 4.5 km/h (75 m/min) takes 4/3 minutes; row 0 is a trunk
    road, where 100 m at 80 km/h take 0.075 minutes:

    >>> walk = synthetic_grid(3, jitter=0.0)
    >>> walk.n_nodes, walk.matrix.nnz, round(float(walk.matrix[0, 1]), 6)
    (9, 24, 1.333333)
    >>> round(float(synthetic_grid(3, jitter=0.0, mode="drive").matrix[0, 1]), 6)
    0.075
    """
    rng = np.random.default_rng(seed)
    row, col = np.divmod(np.arange(side * side), side)
    xy = np.column_stack([col, row]) * spacing_m
    xy = xy + rng.uniform(-jitter, jitter, xy.shape) * spacing_m
    node = np.arange(side * side).reshape(side, side)
    horizontal = (node[:, :-1].ravel(), node[:, 1:].ravel(), row[node[:, :-1].ravel()])
    vertical = (node[:-1, :].ravel(), node[1:, :].ravel(), col[node[:-1, :].ravel()])
    u, v, line = (np.concatenate(pair) for pair in zip(horizontal, vertical, strict=True))
    metres = np.hypot(*(xy[v] - xy[u]).T)
    if mode == "walk":
        speed = np.full(len(u), WALK_KMH)
    else:
        speed = np.where(line % TRUNK_EVERY == 0, TRUNK_KMH,
                         np.where(line % SECONDARY_EVERY == 0, SECONDARY_KMH, RESIDENTIAL_KMH))
    minutes = metres / (speed * 1000 / 60)
    n = side * side
    matrix = coo_matrix((np.concatenate([minutes, minutes]),
                         (np.concatenate([u, v]), np.concatenate([v, u]))), shape=(n, n)).tocsr()
    return keep_largest_component(matrix, xy, crs=CRS, mode=mode, walk_speed_kmh=WALK_KMH)


def synthetic_demand(n_nodes: int, *, facilities: int = FACILITIES,
                     seed: int = SEED) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Residents per node (gamma, mean 40), and facility nodes with capacities (300-1,500)."""
    rng = np.random.default_rng(seed + 1)
    population = rng.gamma(2.0, 20.0, n_nodes)
    sites = rng.choice(n_nodes, min(facilities, n_nodes), replace=False)
    capacity = rng.integers(300, 1_501, len(sites)).astype(float)
    return population, sites, capacity


def qonys_catchments(walk: RoadGraph, origins: np.ndarray, population: np.ndarray,
                     sites: np.ndarray, capacity: np.ndarray, *,
                     seconds: dict[str, float] | None = None) -> dict[str, np.ndarray]:
    """Residents within the threshold of each origin, and E2SFCA, by bounded searches.

    Step 1 searches from the facilities; one search from each origin then sums both the
    residents reached (weight 1) and the decayed facility ratios (E2SFCA step 2), one column
    each. ``seconds``, if given, receives the wall time of ``ratios`` (step 1) and
    ``origins`` (the combined search).
    """
    start = time.perf_counter()
    demand = reach_sums(walk, sites, population, limit=THRESHOLD_MIN, bounds=BOUNDS,
                        weights=WEIGHTS, direction="to")
    ratio = capacity / demand
    values = np.zeros((walk.n_nodes, 2))
    values[:, 0] = population
    np.add.at(values[:, 1], sites, ratio)
    weights = np.column_stack([np.ones(len(BOUNDS)), WEIGHTS])
    middle = time.perf_counter()
    both = reach_sums(walk, origins, values, limit=THRESHOLD_MIN, bounds=BOUNDS,
                      weights=weights)
    if seconds is not None:
        seconds.update(ratios=middle - start, origins=time.perf_counter() - middle)
    return {"reached": both[:, 0], "ratio": ratio, "access": both[:, 1]}


def networkx_ratios(graph: nx.DiGraph, population: np.ndarray, sites: np.ndarray,
                    capacity: np.ndarray) -> np.ndarray:
    """E2SFCA step 1 with networkx: capacity / decayed residents that reach each facility."""
    towards = graph.reverse(copy=False)
    ratio = np.empty(len(sites))
    for j, site in enumerate(sites.tolist()):
        minutes = nx.single_source_dijkstra_path_length(towards, site, cutoff=THRESHOLD_MIN,
                                                        weight="weight")
        ratio[j] = capacity[j] / sum(_decay(t) * population[k] for k, t in minutes.items())
    return ratio


def networkx_sums(graph: nx.DiGraph, origins: np.ndarray, population: np.ndarray,
                  ratio_of: dict[int, float]) -> tuple[np.ndarray, np.ndarray]:
    """Residents reached and E2SFCA step 2 of each origin with networkx, summed in Python."""
    reached, access = np.empty(len(origins)), np.empty(len(origins))
    for i, origin in enumerate(origins.tolist()):
        minutes = nx.single_source_dijkstra_path_length(graph, origin, cutoff=THRESHOLD_MIN,
                                                        weight="weight")
        reached[i] = sum(population[k] for k in minutes)
        access[i] = sum(_decay(t) * ratio_of[k] for k, t in minutes.items() if k in ratio_of)
    return reached, access


def _decay(minutes: float) -> float:
    for bound, weight in zip(BOUNDS.tolist(), WEIGHTS.tolist(), strict=True):
        if minutes <= bound:
            return weight
    return 0.0


def to_networkx(graph: RoadGraph) -> nx.DiGraph:
    """The graph's CSR as a networkx DiGraph with minutes in ``weight``."""
    return nx.from_scipy_sparse_array(graph.matrix, create_using=nx.DiGraph)


def best_of(repeat: int, action, *args) -> tuple[float, object]:
    """Shortest wall time of ``repeat`` calls, and the last call's result."""
    best, result = np.inf, None
    for _ in range(repeat):
        start = time.perf_counter()
        result = action(*args)
        best = min(best, time.perf_counter() - start)
    return best, result


def _check(name: str, ours: np.ndarray, theirs: np.ndarray, *, rtol: float = 0.0,
           atol: float = 0.0) -> None:
    if not np.allclose(ours, theirs, rtol=rtol, atol=atol):
        worst = float(np.max(np.abs(np.asarray(ours) - np.asarray(theirs))))
        msg = f"{name}: qonys and the reference disagree (largest difference {worst:g})"
        raise AssertionError(msg)


def bench_nearest(drive: RoadGraph, sites: np.ndarray) -> None:
    qonys_s, (ours, _) = best_of(3, lambda: nearest(drive, sites, direction="from"))
    scipy_s, floor = best_of(3, lambda: dijkstra(drive.matrix, indices=sites, min_only=True))
    graph = to_networkx(drive)
    start = time.perf_counter()
    found = nx.multi_source_dijkstra_path_length(graph, set(sites.tolist()), weight="weight")
    networkx_s = time.perf_counter() - start
    del graph
    theirs = np.full(drive.n_nodes, np.inf)
    theirs[np.fromiter(found, np.int64)] = np.fromiter(found.values(), float)
    _check("nearest vs scipy", ours, floor, atol=1e-9)
    _check("nearest vs networkx", ours, theirs, atol=1e-9)
    print(f"nearest_qonys_s={qonys_s:.3f}")
    print(f"nearest_scipy_s={scipy_s:.3f}")
    print(f"nearest_networkx_s={networkx_s:.3f}")
    print(f"ratio_vs_scipy={qonys_s / scipy_s:.3f}")
    print(f"speedup_vs_networkx={networkx_s / qonys_s:.1f}")


def bench_catchments(walk: RoadGraph, origins: np.ndarray, population: np.ndarray,
                     sites: np.ndarray, capacity: np.ndarray) -> None:
    parts: dict[str, float] = {}
    start = time.perf_counter()
    ours = qonys_catchments(walk, origins, population, sites, capacity, seconds=parts)
    whole_s = time.perf_counter() - start
    graph = to_networkx(walk)
    sample = origins[:SAMPLE]
    start = time.perf_counter()
    ratio = networkx_ratios(graph, population, sites, capacity)
    ratio_of: dict[int, float] = {}
    for site, value in zip(sites.tolist(), ratio.tolist(), strict=True):
        ratio_of[site] = ratio_of.get(site, 0.0) + value
    facilities_s = time.perf_counter() - start
    start = time.perf_counter()
    reached, access = networkx_sums(graph, sample, population, ratio_of)
    sample_s = time.perf_counter() - start
    del graph
    _check("E2SFCA ratios", ours["ratio"], ratio, rtol=1e-9)
    _check("residents reached", ours["reached"][:SAMPLE], reached, rtol=1e-9)
    _check("E2SFCA access", ours["access"][:SAMPLE], access, rtol=1e-9)
    networkx_s = facilities_s + sample_s * len(origins) / len(sample)
    print(f"catchment_ratios_s={parts['ratios']:.3f}")
    print(f"catchment_origins_s={parts['origins']:.3f}")
    print(f"catchment_50k_s={whole_s:.3f}")
    print(f"catchment_networkx_sample_s={facilities_s + sample_s:.3f}")
    print(f"catchment_networkx_50k_s={networkx_s:.3f}")
    print(f"catchment_speedup_vs_networkx={networkx_s / whole_s:.1f}")


def access_e2sfca(walk: RoadGraph, points: np.ndarray, demand: np.ndarray, sites: np.ndarray,
                  capacity: np.ndarray, *, threshold: float,
                  seconds: dict[str, float] | None = None) -> tuple[np.ndarray, int]:
    """E2SFCA by PySAL ``access`` on scipy's matrix of minutes from each point to each site.

    Returns the accessibility of each point and the number of (point, facility) pairs within
    the threshold; ``seconds``, if given, receives the wall times of the ``matrix`` and of
    ``access`` (the table and the call).
    """
    try:
        from access import Access, weights
    except ImportError as error:
        msg = "bench/network.py compares E2SFCA with PySAL access: pip install access"
        raise ImportError(msg) from error

    start = time.perf_counter()
    towards = walk.reversed.matrix
    minutes = np.vstack([dijkstra(towards, indices=sites[i:i + SCIPY_CHUNK],
                                  limit=threshold)[:, points]
                         for i in range(0, len(sites), SCIPY_CHUNK)])
    facility, point = np.nonzero(np.isfinite(minutes))
    middle = time.perf_counter()
    cost = pd.DataFrame({"origin": point, "dest": facility, "cost": minutes[facility, point]})
    model = Access(demand_df=pd.DataFrame({"demand": demand}).rename_axis("point"),
                   demand_value="demand", supply_value="capacity",
                   supply_df=pd.DataFrame({"capacity": capacity}).rename_axis("facility"),
                   cost_df=cost, cost_origin="origin", cost_dest="dest", cost_name="cost")
    step = weights.step_fn({threshold / 3: WEIGHTS[0], 2 * threshold / 3: WEIGHTS[1],
                            threshold: WEIGHTS[2]})
    result = model.enhanced_two_stage_fca(max_cost=threshold, weight_fn=step)
    found = result["e2sfca_capacity"].reindex(range(len(points))).fillna(0.0)
    if seconds is not None:
        seconds.update(matrix=middle - start, access=time.perf_counter() - middle)
    return found.to_numpy(float), len(cost)


def bench_e2sfca(walk: RoadGraph, points: np.ndarray, population: np.ndarray, sites: np.ndarray,
                 capacity: np.ndarray) -> None:
    for threshold in E2SFCA_MINUTES:
        _bench_e2sfca_at(walk, points, population[points], sites, capacity, threshold)


def _bench_e2sfca_at(walk: RoadGraph, points: np.ndarray, demand: np.ndarray,
                     sites: np.ndarray, capacity: np.ndarray, threshold: float) -> None:
    from planning.provision.e2sfca import e2sfca_on_graph

    walk.reversed  # noqa: B018 (built once, outside both timings)
    label = f"{threshold:.0f}"
    qonys_s, mine = best_of(1, lambda: e2sfca_on_graph(
        walk, points, demand, sites, capacity, threshold=threshold, weights=tuple(WEIGHTS)))
    if qonys_s < 5.0:
        again_s, mine = best_of(2, lambda: e2sfca_on_graph(
            walk, points, demand, sites, capacity, threshold=threshold,
            weights=tuple(WEIGHTS)))
        qonys_s = min(qonys_s, again_s)
    access_s, matrix_s, only_s = np.inf, np.inf, np.inf
    for _ in range(3):
        parts: dict[str, float] = {}
        start = time.perf_counter()
        theirs, pairs = access_e2sfca(walk, points, demand, sites, capacity,
                                      threshold=threshold, seconds=parts)
        access_s = min(access_s, time.perf_counter() - start)
        matrix_s, only_s = min(matrix_s, parts["matrix"]), min(only_s, parts["access"])
    _check(f"E2SFCA at {label} minutes vs access", mine, theirs, rtol=1e-9, atol=1e-15)
    print(f"e2sfca_pairs_{label}={pairs}")
    print(f"e2sfca_qonys_{label}_s={qonys_s:.3f}")
    print(f"e2sfca_scipy_{label}_s={matrix_s:.3f}")
    print(f"e2sfca_access_only_{label}_s={only_s:.3f}")
    print(f"e2sfca_access_{label}_s={access_s:.3f}")
    print(f"e2sfca_ratio_vs_access_{label}={qonys_s / access_s:.3f}")
    print(f"e2sfca_ratio_vs_access_only_{label}={qonys_s / only_s:.3f}")


def bench_grid() -> None:
    """``qonys grid --region almaty --res 9`` on a fresh demo workspace, twice.

    As the demo stands (residents spread by its population grid, so only cells with residents
    or facilities are scored), and with ``--by area`` (every cell of the footprint holds
    residents and is scored: the heaviest case).
    """
    command = [sys.executable, "-m", "planning.cli", "--lang", "en"]
    with tempfile.TemporaryDirectory(prefix="qonys-bench-") as tmp:
        store = str(Path(tmp) / "demo.gpkg")
        subprocess.run([*command, "demo", "--store", store], check=True, capture_output=True)
        for label, extra in (("", []), ("_area", ["--by", "area"])):
            start = time.perf_counter()
            done = subprocess.run([*command, "grid", "--store", store, "--region", "almaty",
                                   "--res", "9", *extra], capture_output=True, text=True)
            seconds = time.perf_counter() - start
            if done.returncode != 0:
                sys.stderr.write(done.stderr)
                msg = f"`qonys grid --region almaty --res 9 {' '.join(extra)}` failed"
                raise RuntimeError(msg)
            scored, footprint = _grid_counts(done.stdout)
            print(f"grid_almaty_res9{label}_s={seconds:.3f}")
            print(f"grid_almaty_res9{label}_cells_scored={scored}")
            print(f"grid_almaty_res9{label}_cells_footprint={footprint}")
            print(f"grid{label}_target_ratio={seconds / GRID_TARGET_S:.3f}")


def _grid_counts(stdout: str) -> tuple[int, int]:
    """Scored and footprint cells from the command's summary line (in English)."""
    words = stdout.split()
    scored = int(words[words.index("cells") - 1].replace(",", ""))
    footprint = int(words[words.index("of", words.index("facilities")) + 2].replace(",", ""))
    return scored, footprint


def e2sfca_points(walk: RoadGraph, count: int) -> np.ndarray:
    """Seeded random nodes of the walking graph, the demand points of the E2SFCA case."""
    return np.random.default_rng(SEED + 3).choice(walk.n_nodes, min(count, walk.n_nodes),
                                                  replace=False)


def warm_up() -> float:
    """Seconds of the first call of the compiled search (loaded from numba's cache or built)."""
    start = time.perf_counter()
    tiny = synthetic_grid(3)
    reach_sums(tiny, np.array([0]), np.ones(tiny.n_nodes), limit=THRESHOLD_MIN, bounds=BOUNDS,
               weights=WEIGHTS)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--side", type=int, default=500, help="nodes along each side of the grid")
    parser.add_argument("--origins", type=int, default=50_000, help="origins of the catchments")
    parser.add_argument("--points", type=int, default=E2SFCA_POINTS,
                        help="demand points of the E2SFCA case")
    parser.add_argument("--skip-grid", action="store_true", help="leave out `qonys grid`")
    parser.add_argument("--only-e2sfca", action="store_true",
                        help="run the E2SFCA case against PySAL access only")
    args = parser.parse_args()
    print(f"numba_warmup_s={warm_up():.3f}")
    if args.only_e2sfca:
        walk = synthetic_grid(args.side, mode="walk")
        population, sites, capacity = synthetic_demand(walk.n_nodes)
        bench_e2sfca(walk, e2sfca_points(walk, args.points), population, sites, capacity)
        print(f"peak_rss_mb={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")
        return
    drive = synthetic_grid(args.side, mode="drive")
    walk = synthetic_grid(args.side, mode="walk")
    population, sites, capacity = synthetic_demand(walk.n_nodes)
    origins = np.random.default_rng(SEED + 2).choice(
        walk.n_nodes, min(args.origins, walk.n_nodes), replace=False)
    print(f"nodes={walk.n_nodes}")
    print(f"edges={walk.matrix.nnz}")
    print(f"origins={len(origins)}")
    bench_nearest(drive, sites)
    del drive
    bench_catchments(walk, origins, population, sites, capacity)
    bench_e2sfca(walk, e2sfca_points(walk, args.points), population, sites, capacity)
    if not args.skip_grid:
        bench_grid()
    print(f"peak_rss_mb={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")


if __name__ == "__main__":
    main()
