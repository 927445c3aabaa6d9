"""Provision of social facilities by the enhanced two-step floating catchment (E2SFCA).

Step 1: each facility's capacity is divided by the demand that can reach it within the
threshold, each demand weighted by its travel-time zone (Luo and Qi, 2009). Step 2: each
demand point sums the ratios of the facilities it reaches, with the same weights. The supply a
point receives is its accessibility times its demand; over all points it adds up to the
capacity of every facility that some demand reaches.
"""

from __future__ import annotations

import numpy as np

from planning.network.graph import RoadGraph
from planning.network.travel import pair_arrays


def zone_bounds(threshold: float) -> np.ndarray:
    """Upper bounds of the three travel-time zones: a third, two thirds and the threshold.

    Each is the threshold divided by 3, not multiplied by a rounded third: ``7 * (1 / 3)`` is
    one floating-point step below ``7 / 3``, which would put a trip of exactly a third (175 m
    at 75 m/min under a 7-minute norm) in the second zone.

    Examples
    --------
    >>> zone_bounds(7.0).tolist() == [7 / 3, 14 / 3, 7.0], 7 * (1 / 3) < 7 / 3
    (True, True)
    """
    return np.array([threshold / 3, 2 * threshold / 3, float(threshold)])


def decay(minutes: np.ndarray, *, threshold: float,
          weights: tuple[float, float, float]) -> np.ndarray:
    """Step weights of the three thirds of the threshold; zero beyond it.

    A trip falls in the first zone whose bound (:func:`zone_bounds`) it does not exceed, so a
    trip of exactly a third of the threshold weighs as the first zone, as in PySAL's
    ``access.weights.step_fn``.

    Examples
    --------
    >>> decay(np.array([0.0, 5.0, 6.0, 15.0, 16.0]), threshold=15, weights=(1.0, 0.68, 0.22))
    array([1.  , 1.  , 0.68, 0.22, 0.  ])
    """
    minutes = np.asarray(minutes, dtype=float)
    zone = np.searchsorted(zone_bounds(threshold), minutes, side="left").clip(0, 2)
    w = np.asarray(weights, dtype=float)[zone]
    return np.where(minutes <= threshold, w, 0.0)


def e2sfca(minutes: np.ndarray, capacity: np.ndarray, demand: np.ndarray, *,
           threshold: float, weights: tuple[float, float, float]) -> np.ndarray:
    """Accessibility of each demand point: capacity per unit of demand within reach.

    Parameters
    ----------
    minutes
        Travel times, shape ``(n_facilities, n_points)``; ``inf`` where out of reach.
    capacity
        Capacity of each facility (places, visits per shift).
    demand
        Demand of each point in the same unit (residents x norm).
    threshold
        The norm's travel time in minutes.
    weights
        Distance-decay weights of the three thirds of the threshold.

    Returns
    -------
    numpy.ndarray
        Accessibility per point; ``supply = accessibility * demand``.

    Examples
    --------
    One facility of 100 places reached at full weight by two points of demand 50 and 150:
    each gets 100 / 200 = 0.5 places per place needed.

    >>> e2sfca(np.array([[1.0, 2.0]]), np.array([100.0]), np.array([50.0, 150.0]),
    ...        threshold=15, weights=(1.0, 0.68, 0.22))
    array([0.5, 0.5])
    """
    w = decay(minutes, threshold=threshold, weights=weights)
    reached = w @ np.asarray(demand, dtype=float)
    ratio = np.divide(capacity, reached, out=np.zeros(len(capacity)), where=reached > 0)
    return ratio @ w


def e2sfca_on_graph(graph: RoadGraph, point_nodes: np.ndarray, demand: np.ndarray,
                    facility_nodes: np.ndarray, capacity: np.ndarray, *, threshold: float,
                    weights: tuple[float, float, float],
                    progress=None, part: np.ndarray | None = None):
    """Accessibility of each demand point by E2SFCA, with bounded searches on the graph.

    The same figure as :func:`e2sfca` without the facilities x points matrix: one search from
    each facility towards the points that reach it within the threshold (the reversed graph)
    lists every (facility, point, minutes) pair; step 1 sums each facility's decayed demand
    over its pairs, step 2 each point's decayed ratios over its pairs, both by
    ``numpy.bincount``. The pairs are as many as the nonzero entries of that matrix: no search
    runs from the points, which outnumber the facilities. Several demand columns (registered
    and actual population) share the searches.

    Parameters
    ----------
    graph
        The walking graph with the points and facilities attached as nodes.
    point_nodes, facility_nodes
        Node of each demand point and of each facility.
    demand
        Shape ``(n_points,)`` or ``(n_points, k)``.
    capacity
        Capacity of each facility.
    progress
        Called with the number of facilities searched after each batch.
    part
        Optional boolean mask of facilities (those whose capacity is estimated): the
        accessibility owed to them alone is returned too, from the same searches.

    Returns
    -------
    numpy.ndarray
        Accessibility per point (and column); ``supply = accessibility * demand``. With
        ``part``, a pair: the accessibility and the part of it from the masked facilities.

    Examples
    --------
    The example of :func:`e2sfca` on a graph: a facility 1 and 2 minutes from two points.

    >>> from scipy.sparse import csr_matrix
    >>> m = csr_matrix(np.array([[0, 0, 1.0], [0, 0, 2.0], [1.0, 2.0, 0]]))
    >>> g = RoadGraph(m, np.zeros((3, 2)), None, "walk", 4.5)
    >>> e2sfca_on_graph(g, np.array([0, 1]), np.array([50.0, 150.0]), np.array([2]),
    ...                 np.array([100.0]), threshold=15, weights=(1.0, 0.68, 0.22))
    array([0.5, 0.5])
    """
    one_column = np.ndim(demand) == 1
    point_nodes = np.asarray(point_nodes, dtype=np.int64)
    demand = np.asarray(demand, dtype=float).reshape(len(point_nodes), -1)
    k = demand.shape[1]
    # Points sharing a node share its searches: pairs are counted per node, as a search
    # counts a node once.
    nodes, node_of_point = np.unique(point_nodes, return_inverse=True)
    at_node = np.zeros((len(nodes), k))
    np.add.at(at_node, node_of_point, demand)
    facility, node, minutes = pair_arrays(graph, facility_nodes, nodes, limit=threshold,
                                          direction="to", progress=progress)
    weight = decay(minutes, threshold=threshold, weights=weights)
    n_facilities = len(facility_nodes)
    reached = np.column_stack([_sums(facility, weight * at_node[node, c], n_facilities)
                               for c in range(k)]).reshape(n_facilities, k)
    capacity = np.asarray(capacity, dtype=float)[:, None]
    ratio = np.divide(capacity, reached, out=np.zeros_like(reached), where=reached > 0)
    if part is not None:
        # The masked facilities' ratios are k more columns summed over the same pairs.
        ratio = np.hstack([ratio, ratio * np.asarray(part, dtype=float)[:, None]])
    access = np.column_stack([_sums(node, weight * ratio[facility, c], len(nodes))
                              for c in range(ratio.shape[1])])
    access = access.reshape(len(nodes), ratio.shape[1])[node_of_point]
    whole, owed = access[:, :k], access[:, k:]
    if part is None:
        return whole[:, 0] if one_column else whole
    return (whole[:, 0], owed[:, 0]) if one_column else (whole, owed)


def _sums(index: np.ndarray, values: np.ndarray, length: int) -> np.ndarray:
    # bincount of no pairs at all is an integer array; the divisions need floats.
    return np.bincount(index, weights=values, minlength=length).astype(float, copy=False)
