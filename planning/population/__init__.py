"""Population: the actual population reconciled from proxies, the base year's residents,
migration flows, the gravity model of migration, its push-and-pull variant with covariates and
the demographic balance across regions.

Modules: :mod:`actual`, :mod:`balance`, :mod:`base_year`, :mod:`flow_problems`, :mod:`flows`,
:mod:`gravity`, :mod:`places`, :mod:`push_pull`.

The names below are this room's public interface, imported lazily (PEP 562) so that
importing one module does not load the whole room.
"""

from __future__ import annotations

from planning.exports import lazy_exports

_EXPORTS = {
    "ActualPopulationError": "actual",
    "FLOW_KINDS": "flows",
    "FlowDataError": "flow_problems",
    "GravityError": "gravity",
    "KnownPlaces": "places",
    "PushPullError": "push_pull",
    "PROXIES": "actual",
    "apply_estimate": "actual",
    "balance_table": "balance",
    "check_flows": "flows",
    "estimate_actual": "actual",
    "fill_pairs": "gravity",
    "fit_gravity": "gravity",
    "fit_push_pull": "push_pull",
    "flows_from_registrations": "flows",
    "gap_layer": "actual",
    "growth_cv": "balance",
    "growth_mean": "balance",
    "known_places": "places",
    "known_proxies": "actual",
    "net_migration": "flows",
    "normalise_codes": "flow_problems",
    "read_places": "places",
    "roll_forward": "base_year",
    "theil_population": "balance",
    "trend": "flows",
    "urban_share": "balance",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
