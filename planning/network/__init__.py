"""Road networks: routable graphs from road layers and OpenStreetMap, and travel times.

Modules: :mod:`graph`, :mod:`osm`, :mod:`travel`.

The names below are this room's public interface, imported lazily (PEP 562) so that
importing one module does not load the whole room.
"""

from __future__ import annotations

from planning.exports import lazy_exports

_EXPORTS = {
    "DEFAULT_SPEED_KMH": "graph",
    "GraphError": "graph",
    "HIGHWAY_SPEED_KMH": "graph",
    "LARGE_SNAP_M": "graph",
    "NOT_DRIVABLE": "graph",
    "RoadGraph": "graph",
    "build_graph": "graph",
    "graph_from_osm": "osm",
    "keep_largest_component": "graph",
    "nearest": "travel",
    "reach_pairs": "travel",
    "reach_sums": "travel",
    "roads_from_osm": "osm",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
