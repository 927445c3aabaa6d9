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
from planning.network.travel import reach_sums


def decay(minutes: np.ndarray, *, threshold: float,
          weights: tuple[float, float, float]) -> np.ndarray:
    """Step weights of the three thirds of the threshold; zero beyond it.

    Examples
    --------
    >>> decay(np.array([0.0, 5.0, 6.0, 15.0, 16.0]), threshold=15, weights=(1.0, 0.68, 0.22))
    array([1.  , 1.  , 0.68, 0.22, 0.  ])
    """
    minutes = np.asarray(minutes, dtype=float)
    zone = np.ceil(minutes / (threshold / 3)).clip(1, 3).astype(int) - 1
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

    The same figure as :func:`e2sfca` without the facilities x points matrix: step 1 searches
    from each facility towards the points that reach it within the threshold (the reversed
    graph) summing their decayed demand; step 2 searches from each point summing the decayed
    ratios of the facilities it reaches. Several demand columns (registered and actual
    population) share the searches.

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
    demand = np.asarray(demand, dtype=float).reshape(len(point_nodes), -1)
    bounds = threshold * np.array([1 / 3, 2 / 3, 1.0])
    at_node = np.zeros((graph.n_nodes, demand.shape[1]))
    np.add.at(at_node, np.asarray(point_nodes), demand)
    reached = reach_sums(graph, facility_nodes, at_node, limit=threshold, bounds=bounds,
                         weights=weights, direction="to").reshape(len(facility_nodes),
                                                                   demand.shape[1])
    capacity = np.asarray(capacity, dtype=float)[:, None]
    ratio = np.divide(capacity, reached, out=np.zeros_like(reached), where=reached > 0)
    k = demand.shape[1]
    if part is not None:
        # The masked facilities' ratios ride as k more columns of the same search.
        ratio = np.hstack([ratio, ratio * np.asarray(part, dtype=float)[:, None]])
    ratio_at_node = np.zeros((graph.n_nodes, ratio.shape[1]))
    np.add.at(ratio_at_node, np.asarray(facility_nodes), ratio)
    access = reach_sums(graph, point_nodes, ratio_at_node, limit=threshold, bounds=bounds,
                        weights=weights, direction="from", progress=progress)
    access = access.reshape(len(point_nodes), ratio.shape[1])
    whole, owed = access[:, :k], access[:, k:]
    if part is None:
        return whole[:, 0] if one_column else whole
    return (whole[:, 0], owed[:, 0]) if one_column else (whole, owed)
