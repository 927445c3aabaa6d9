"""Parts of the report a reader opens when wanted: the explanations, the data layers, the sources.

A fold is a ``<details>`` element: closed on screen, so the page reads as a decision document,
and opened for print (``beforeprint``; closed again after), so paper and PDF hold everything.
A link from the contents to a heading inside a fold opens it (the browser does so itself).
Without scripts a fold still opens by a click; only print would then show it closed.
"""

from __future__ import annotations

from maps.leaflet import script_safe, style_safe

FOLDS_JS = r"""
(function () {
  "use strict";
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = [];
    document.querySelectorAll("details.qr-fold:not([open])").forEach(function (fold) {
      fold.open = true;
      opened.push(fold);
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (fold) { fold.open = false; });
    opened = [];
  });
})();
"""

FOLDS_CSS = """
details.qr-fold { margin: .5rem 0 1.25rem; }
details.qr-fold > summary { cursor: pointer; color: #0b57a4; font-size: .95rem;
  padding: .25rem 0; }
details.qr-fold > summary:hover { text-decoration: underline; }
@media print { details.qr-fold > summary { display: none; } }
"""


def folds_head() -> str:
    """The ``<style>`` and ``<script>`` of the folds, once in ``<head>``."""
    return (f"<style>{style_safe(FOLDS_CSS)}</style>\n"
            f"<script>{script_safe(FOLDS_JS)}</script>\n")
