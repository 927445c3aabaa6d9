"""The report's content: its sections (summary, readiness, flows, forecast, comparison,
proposals, sources) and what it reads from the workspace; :mod:`maps` draws them.

Modules: :mod:`common`, :mod:`compare`, :mod:`compare_page`, :mod:`contents`, :mod:`context`,
:mod:`estimates`, :mod:`findings`, :mod:`flows`, :mod:`forecast`, :mod:`gap`, :mod:`inputs`,
:mod:`proposal_tables`, :mod:`proposals`, :mod:`qgis_classes`, :mod:`readiness`, :mod:`sources`,
:mod:`summary`.

The names below are this room's public interface, imported lazily (PEP 562) so that
importing one module does not load the whole room.
"""

from __future__ import annotations

from planning.exports import lazy_exports

_EXPORTS = {
    "CELL_READINESS_BREAKS": "readiness",
    "LOAD_COLORS": "flows",
    "NOTE_COLUMN": "estimates",
    "READINESS_BREAKS": "readiness",
    "add_answer": "summary",
    "add_compare_section": "compare",
    "add_flows_section": "flows",
    "add_forecast_section": "forecast",
    "add_gap_section": "gap",
    "add_notices_section": "estimates",
    "add_proposals_section": "proposals",
    "build_context": "context",
    "build_report": "contents",
    "compare_headroom": "compare",
    "credit_line": "sources",
    "first_short_years": "forecast",
    "layer_sources": "sources",
    "major_roads": "context",
    "read_inputs": "inputs",
    "readiness_map": "readiness",
    "region_headroom": "forecast",
    "scenario_title": "summary",
    "symmetric_classes": "common",
    "target_units": "compare",
    "with_context": "context",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
