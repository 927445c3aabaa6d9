"""Parts of the report a reader opens when wanted: the explanations, the data layers, the sources.

A fold is a ``<details>`` element: closed on screen, so the page reads as a decision document,
and opened for print (``beforeprint``; closed again after), so paper and PDF hold everything.
A link from the contents to a heading inside a fold opens it (the browser does so itself).
Without scripts a fold still opens by a click; only print would then show it closed. The script
and styles are ``maps/web/folds.js`` and ``folds.css``.
"""

from __future__ import annotations

from maps.leaflet import script_safe, style_safe
from maps.web_assets import web_asset


def folds_head() -> str:
    """The ``<style>`` and ``<script>`` of the folds, once in ``<head>``."""
    return (f"<style>{style_safe(web_asset('folds.css'))}</style>\n"
            f"<script>{script_safe(web_asset('folds.js'))}</script>\n")
