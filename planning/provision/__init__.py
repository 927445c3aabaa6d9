"""Provision and readiness: E2SFCA access to social facilities, the exact assignment of
residents to facilities, utility headroom, the grid of H3 cells, what a workspace lets qonys
assess (``qonys check``) and the readiness of every unit.

Modules: :mod:`access`, :mod:`assess`, :mod:`assignment`, :mod:`coverage`, :mod:`e2sfca`,
:mod:`gaps`, :mod:`grid`, :mod:`highs_quiet`, :mod:`readiness`, :mod:`utilities`.

The names below are this room's public interface, imported lazily (PEP 562) so that
importing one module does not load the whole room.
"""

from __future__ import annotations

from planning.exports import lazy_exports

_EXPORTS = {
    "AssignmentError": "highs_quiet",
    "BASES": "assess",
    "FACILITY_KIND": "access",
    "GridResult": "grid",
    "OTHER_TOPICS": "coverage",
    "POPULATION": "assess",
    "area_shares": "utilities",
    "assign": "assignment",
    "by_group": "assignment",
    "check_population": "assess",
    "cross_boundary": "assignment",
    "demand_points": "assess",
    "extent": "assess",
    "grid_readiness": "grid",
    "label": "readiness",
    "layer_name": "grid",
    "leave_out": "assess",
    "locate_points": "assess",
    "notices": "coverage",
    "populated_cells": "grid",
    "prepare_units": "assess",
    "quiet_highs": "highs_quiet",
    "score": "assess",
    "summarise": "readiness",
    "topic_label": "coverage",
    "unit_zone_shares": "utilities",
    "utility_supply": "utilities",
    "with_residents": "assess",
    "zone_capacity": "utilities",
    "zone_shares": "utilities",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
