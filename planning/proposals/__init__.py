"""Proposals: where to build (capacitated facility siting), what to propose for a scenario,
and the phasing of construction and resettlement year by year.

Modules: :mod:`packages`, :mod:`phasing`, :mod:`phasing_checks`, :mod:`phasing_lp`,
:mod:`propose`, :mod:`siting`, :mod:`siting_bounds`, :mod:`siting_exact`,
:mod:`siting_heuristic`.

The names below are this room's public interface, imported lazily (PEP 562) so that
importing one module does not load the whole room.
"""

from __future__ import annotations

from planning.exports import lazy_exports

_EXPORTS = {
    "GAP_RTOL": "siting_exact",
    "PhasingError": "phasing",
    "SITING_TIME_LIMIT_S": "propose",
    "SitingInputError": "siting",
    "TIE_BREAK": "siting_exact",
    "plan_phasing": "phasing",
    "size_utilities": "propose",
    "solve_siting": "siting",
    "table_name": "propose",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
