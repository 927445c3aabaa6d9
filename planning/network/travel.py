"""The travel-time engine: shortest paths on a compressed sparse road graph.

Three searches, none with a Python loop over nodes:

:func:`nearest`
    Minutes from every node to the nearest of many sources (or from the nearest source to
    every node): one multi-source Dijkstra, scipy ``csgraph`` with ``min_only=True``.
:func:`reach_sums`
    For each of many origins, a Dijkstra search bounded by the norm's threshold that sums
    values of the nodes it reaches as it goes, weighted by travel-time zone (population
    reached, with or without distance decay). Compiled with numba and run in threads; memory is
    one distance array per thread, not an origins x nodes matrix.
:func:`reach_pairs`
    The same bounded search that lists the (origin, target, minutes) pairs within the
    threshold, for the exact assignment of residents to facilities; :func:`pair_arrays`
    gives them unsorted, for sums over the pairs (both steps of E2SFCA).

Searches run *from* the origins along the edges; ``direction="to"`` searches the reversed
graph, giving the time from every node *to* the origin (residents travelling to a school).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import numba
import numpy as np
import pandas as pd
from scipy.sparse.csgraph import dijkstra

from planning.network.graph import RoadGraph

#: Origins per batch of a bounded search: progress is reported after each batch.
BATCH = 2048


def nearest(graph: RoadGraph, sources: np.ndarray, *, limit: float = np.inf,
            direction: str = "to") -> tuple[np.ndarray, np.ndarray]:
    """Minutes between every node and its nearest source, and which source that is.

    Parameters
    ----------
    graph
        The road graph.
    sources
        Node ids of the sources (facilities, the centre and job centres).
    limit
        Stop searching beyond this many minutes (``inf`` beyond it).
    direction
        ``to``: minutes from each node to its nearest source (a resident's trip);
        ``from``: minutes from the nearest source to each node.

    Returns
    -------
    minutes : numpy.ndarray
        Per node, ``inf`` where no source is within ``limit``.
    source : numpy.ndarray
        Per node, the position in ``sources`` of its nearest source, ``-1`` where none.

    Examples
    --------
    >>> from scipy.sparse import csr_matrix
    >>> m = csr_matrix(np.array([[0, 2.0, 0], [0, 0, 3.0], [0, 0, 0]]))
    >>> g = RoadGraph(m, np.zeros((3, 2)), None, "drive", 4.5)
    >>> nearest(g, np.array([2]), direction="to")[0]
    array([5., 3., 0.])
    """
    sources = np.asarray(sources, dtype=np.int64)
    if len(sources) == 0:
        return np.full(graph.n_nodes, np.inf), np.full(graph.n_nodes, -1)
    searched = graph.reversed if direction == "to" else graph
    minutes, _, origin = dijkstra(searched.matrix, directed=True, indices=sources,
                                  limit=limit, min_only=True, return_predecessors=True)
    position = np.full(graph.n_nodes, -1)
    lookup = np.full(graph.n_nodes, -1)
    # Where one node is listed twice as a source, the first listing names it.
    lookup[sources[::-1]] = np.arange(len(sources))[::-1]
    reached = origin >= 0
    position[reached] = lookup[origin[reached]]
    return minutes, position


def reach_sums(graph: RoadGraph, origins: np.ndarray, values: np.ndarray, *, limit: float,
               bounds: np.ndarray | None = None, weights: np.ndarray | None = None,
               direction: str = "from",
               progress: Callable[[int], None] | None = None) -> np.ndarray:
    """For each origin, the weighted sum of ``values`` over the nodes within ``limit``.

    A node reached at ``t`` minutes adds ``weights[z] * values[node]``, where ``z`` is the
    first zone with ``t <= bounds[z]`` (distance decay); by default one zone of weight 1, a
    plain sum. Each origin counts itself at ``t = 0``. Weights of shape ``(zones, k)`` give
    each column its own decay, so that one search yields, say, the residents reached (no
    decay) and an E2SFCA sum (with decay).

    Parameters
    ----------
    graph
        The road graph.
    origins
        Node ids.
    values
        Shape ``(n_nodes,)`` or ``(n_nodes, k)``: ``k`` sums from one search.
    limit
        The threshold in minutes.
    bounds, weights
        Upper bounds of the travel-time zones, and their weights: ``(zones,)`` for every
        column, or ``(zones, k)``.
    direction
        ``from`` the origin along the edges, or ``to`` it (reversed graph).
    progress
        Called with the number of origins finished after each batch.

    Returns
    -------
    numpy.ndarray
        Shape ``(len(origins),)`` or ``(len(origins), k)``.

    Examples
    --------
    A path 0 -> 1 -> 2 of 2 and 3 minutes with 10, 20 and 30 residents: within 4 minutes of
    node 0 live 30; within 5 minutes, 60.

    >>> from scipy.sparse import csr_matrix
    >>> m = csr_matrix(np.array([[0, 2.0, 0], [0, 0, 3.0], [0, 0, 0]]))
    >>> g = RoadGraph(m, np.zeros((3, 2)), None, "walk", 4.5)
    >>> reach_sums(g, np.array([0, 0]), np.array([10.0, 20, 30]), limit=4.0)
    array([30., 30.])
    >>> reach_sums(g, np.array([0]), np.array([10.0, 20, 30]), limit=5.0)
    array([60.])
    """
    one_column = np.ndim(values) == 1
    table = np.ascontiguousarray(np.asarray(values, dtype=np.float64).reshape(graph.n_nodes, -1))
    bounds = np.asarray([limit] if bounds is None else bounds, dtype=np.float64)
    weights = np.ones(len(bounds)) if weights is None else np.asarray(weights, dtype=np.float64)
    weights = np.ascontiguousarray(np.broadcast_to(
        weights.reshape(len(bounds), -1), (len(bounds), table.shape[1])))
    matrix = (graph.reversed if direction == "to" else graph).matrix
    origins = np.asarray(origins, dtype=np.int64)
    out = np.zeros((len(origins), table.shape[1]))

    def run(start: int, stop: int) -> int:
        _sum_batch(matrix.indptr, matrix.indices, matrix.data, origins[start:stop], float(limit),
                   table, bounds, weights, out[start:stop])
        return stop - start

    _in_threads(len(origins), run, progress, batch=_batch_size(len(origins)))
    return out[:, 0] if one_column else out


def reach_pairs(graph: RoadGraph, origins: np.ndarray, targets: np.ndarray, *, limit: float,
                direction: str = "from") -> pd.DataFrame:
    """Every (origin, target) pair within ``limit`` minutes, with its minutes.

    Parameters
    ----------
    origins, targets
        Node ids; the result names them by position in these arrays. A node listed twice as
        a target is reported for its first listing only.

    Returns
    -------
    pandas.DataFrame
        ``origin``, ``target`` (positions) and ``minutes``, ordered by origin then minutes.

    Examples
    --------
    >>> from scipy.sparse import csr_matrix
    >>> m = csr_matrix(np.array([[0, 2.0, 0], [0, 0, 3.0], [0, 0, 0]]))
    >>> g = RoadGraph(m, np.zeros((3, 2)), None, "walk", 4.5)
    >>> reach_pairs(g, np.array([0]), np.array([1, 2]), limit=10).to_dict("list")
    {'origin': [0, 0], 'target': [0, 1], 'minutes': [2.0, 5.0]}
    """
    origin, target, minutes = pair_arrays(graph, origins, targets, limit=limit,
                                          direction=direction)
    frame = pd.DataFrame({"origin": origin, "target": target, "minutes": minutes})
    return frame.sort_values(["origin", "minutes", "target"], kind="stable",
                             ignore_index=True)


def pair_arrays(graph: RoadGraph, origins: np.ndarray, targets: np.ndarray, *, limit: float,
                direction: str = "from", progress: Callable[[int], None] | None = None
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The pairs of :func:`reach_pairs` as three arrays, in the order the searches found them.

    By origin, then as each search settled the targets (by minutes, ties in no set order);
    no table is built and nothing sorted, for callers that only sum over the pairs.
    ``progress`` is called with the number of origins finished after each batch.

    Examples
    --------
    >>> from scipy.sparse import csr_matrix
    >>> m = csr_matrix(np.array([[0, 2.0, 0], [0, 0, 3.0], [0, 0, 0]]))
    >>> g = RoadGraph(m, np.zeros((3, 2)), None, "walk", 4.5)
    >>> [a.tolist() for a in pair_arrays(g, np.array([0, 1]), np.array([2]), limit=10)]
    [[0, 1], [0, 0], [5.0, 3.0]]
    """
    matrix = (graph.reversed if direction == "to" else graph).matrix
    origins = np.asarray(origins, dtype=np.int64)
    targets = np.asarray(targets, dtype=np.int64)
    target_of = np.full(graph.n_nodes, -1, dtype=np.int64)
    target_of[targets[::-1]] = np.arange(len(targets))[::-1]
    batch = _batch_size(len(origins))
    chunks: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = [None] * -(-len(origins) // batch)

    def run(start: int, stop: int) -> int:
        o, t, m = _pairs_batch(matrix.indptr, matrix.indices, matrix.data, origins[start:stop],
                               float(limit), target_of)
        chunks[start // batch] = (o + start, t, m)
        return stop - start

    _in_threads(len(origins), run, progress, batch=batch)
    if not chunks:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)
    origin, target, minutes = (np.concatenate(part) for part in zip(*chunks, strict=True))
    return origin, target, minutes


def threads() -> int:
    """Threads for the bounded searches: ``QONYS_THREADS``, else every core."""
    return max(1, int(os.environ.get("QONYS_THREADS") or os.cpu_count() or 1))


def _batch_size(n: int) -> int:
    """Origins per batch: at most :data:`BATCH`, and few enough that every thread gets one
    (500 facilities would otherwise be one batch on one core)."""
    return max(1, min(BATCH, -(-n // threads())))


def _in_threads(n: int, run: Callable[[int, int], int],
                progress: Callable[[int], None] | None, *, batch: int = BATCH) -> None:
    spans = [(start, min(start + batch, n)) for start in range(0, n, batch)]
    # The compiled kernels release the GIL, so threads share the cores without copies.
    with ThreadPoolExecutor(max_workers=threads()) as pool:
        for done in pool.map(lambda span: run(*span), spans):
            if progress is not None:
                progress(done)


@numba.njit(cache=True, nogil=True, inline="always")
def _push(heap_d, heap_n, size, d, n):
    # The heap holds at most one entry per successful relaxation, so it never outgrows the
    # edge count it was sized to; nothing is returned but the size (no array churn).
    i = size
    while i > 0:
        parent = (i - 1) >> 1
        if heap_d[parent] <= d:
            break
        heap_d[i] = heap_d[parent]
        heap_n[i] = heap_n[parent]
        i = parent
    heap_d[i] = d
    heap_n[i] = n
    return size + 1


@numba.njit(cache=True, nogil=True, inline="always")
def _pop(heap_d, heap_n, size):
    d, n = heap_d[0], heap_n[0]
    size -= 1
    last_d, last_n = heap_d[size], heap_n[size]
    i = 0
    while True:
        child = 2 * i + 1
        if child >= size:
            break
        if child + 1 < size and heap_d[child + 1] < heap_d[child]:
            child += 1
        if heap_d[child] >= last_d:
            break
        heap_d[i] = heap_d[child]
        heap_n[i] = heap_n[child]
        i = child
    heap_d[i] = last_d
    heap_n[i] = last_n
    return d, n, size


@numba.njit(cache=True, nogil=True, inline="always")
def _relax(indptr, indices, data, u, d, limit, dist, touched, n_touched, heap_d, heap_n, size):
    """Relax the edges out of settled node ``u``; returns the new touched and heap sizes."""
    for e in range(indptr[u], indptr[u + 1]):
        v = indices[e]
        nd = d + data[e]
        if nd <= limit and nd < dist[v]:
            if dist[v] == np.inf:
                touched[n_touched] = v
                n_touched += 1
            dist[v] = nd
            size = _push(heap_d, heap_n, size, nd, v)
    return n_touched, size


@numba.njit(cache=True, nogil=True)
def _sum_batch(indptr, indices, data, origins, limit, values, bounds, weights, out):
    dist = np.full(len(indptr) - 1, np.inf)
    touched = np.empty(len(indptr) - 1, dtype=np.int64)
    heap_d = np.empty(len(indices) + 1)
    heap_n = np.empty(len(indices) + 1, dtype=np.int64)
    for k in range(len(origins)):
        dist[origins[k]] = 0.0
        touched[0] = origins[k]
        n_touched = 1
        size = _push(heap_d, heap_n, 0, 0.0, origins[k])
        while size > 0:
            d, u, size = _pop(heap_d, heap_n, size)
            if d > dist[u]:
                continue
            zone = 0
            while zone < len(bounds) - 1 and d > bounds[zone]:
                zone += 1
            for c in range(values.shape[1]):
                out[k, c] += weights[zone, c] * values[u, c]
            n_touched, size = _relax(indptr, indices, data, u, d, limit, dist, touched,
                                     n_touched, heap_d, heap_n, size)
        dist[touched[:n_touched]] = np.inf


@numba.njit(cache=True, nogil=True)
def _pairs_batch(indptr, indices, data, origins, limit, target_of):
    dist = np.full(len(indptr) - 1, np.inf)
    touched = np.empty(len(indptr) - 1, dtype=np.int64)
    heap_d = np.empty(len(indices) + 1)
    heap_n = np.empty(len(indices) + 1, dtype=np.int64)
    found = np.empty((1024, 2), dtype=np.int64)
    minutes = np.empty(1024)
    n_found = 0
    for k in range(len(origins)):
        dist[origins[k]] = 0.0
        touched[0] = origins[k]
        n_touched = 1
        size = _push(heap_d, heap_n, 0, 0.0, origins[k])
        while size > 0:
            d, u, size = _pop(heap_d, heap_n, size)
            if d > dist[u]:
                continue
            if target_of[u] >= 0:
                if n_found == len(minutes):
                    found = np.concatenate((found, np.empty_like(found)))
                    minutes = np.concatenate((minutes, np.empty_like(minutes)))
                found[n_found, 0] = k
                found[n_found, 1] = target_of[u]
                minutes[n_found] = d
                n_found += 1
            n_touched, size = _relax(indptr, indices, data, u, d, limit, dist, touched,
                                     n_touched, heap_d, heap_n, size)
        dist[touched[:n_touched]] = np.inf
    return found[:n_found, 0].copy(), found[:n_found, 1].copy(), minutes[:n_found]
