"""The ``qonys`` command line and the pipelines behind its commands.

``python -m planning.cli`` runs it; :func:`main` is the console script's entry point.

Modules: :mod:`app` (the parser, assembled from :mod:`commands`, one module per command),
:mod:`options` (the options commands share), :mod:`output`, :mod:`pipeline`,
:mod:`pipeline_plan`, :mod:`progress`, :mod:`text`.

The names below are this room's public interface, imported lazily (PEP 562) so that
importing one module does not load the whole room.
"""

from __future__ import annotations

from planning.exports import lazy_exports

_EXPORTS = {
    "SafeFormatter": "text",
    "UsageError": "options",
    "build_parser": "app",
    "forecast_unstored": "pipeline",
    "language_of": "options",
    "main": "app",
    "run_grid": "pipeline",
    "run_readiness": "pipeline",
    "run_report": "pipeline",
    "safe_warnings": "text",
    "terminal_safe": "text",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
