"""The forecast to the horizon, and scenarios: their YAML files, checks, runs and comparison.

Modules: :mod:`cells`, :mod:`model`, :mod:`residents`, :mod:`scenario`, :mod:`scenario_checks`,
:mod:`scenario_files`, :mod:`scenario_run`, :mod:`scenario_safe`, :mod:`scenario_yaml`.

The names below are this room's public interface, imported lazily (PEP 562) so that
importing one module does not load the whole room.
"""

from __future__ import annotations

from planning.exports import lazy_exports

_EXPORTS = {
    "MAX_BYTES": "scenario_safe",
    "MAX_DEPTH": "scenario_safe",
    "MAX_NODES": "scenario_safe",
    "Programme": "model",
    "SCENARIOS_DIR": "scenario",
    "Scenario": "scenario",
    "ScenarioError": "scenario",
    "ScenarioRun": "scenario_run",
    "compare": "scenario_run",
    "forecast": "model",
    "in_service": "model",
    "list_scenarios": "scenario",
    "load_scenario": "scenario",
    "with_programme": "model",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
