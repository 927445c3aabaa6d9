"""Printing every layer of a map: small multiples made when the page is printed.

On screen a map with several layers shows one at a time and a switch; paper has no switch. Just
before printing (``beforeprint``, which Chromium fires for the print dialog, for
``--print-to-pdf`` and for the DevTools ``Page.printToPDF`` that ``page.pdf`` uses), the script
shows each layer of every multi-layer map in turn, copies what is drawn (the whole map pane, so
labels and markers come along; a canvas as its pixels) into a scalable ``<svg>`` and lays the
copies out two to a row, each with its layer's name and legend; the live map is hidden in print
and the layer shown before is shown again. After printing the copies go. Nothing is added to the
page's size: the copies exist only while printing (see docs/decisions.md, "Print, PNG and
QGIS"). The script and styles are ``maps/web/print.js`` and ``print.css``.

Leaflet draws a canvas layer (above 3,000 features) on the next animation frame, which the
print does not wait for: such a copy holds what the canvas showed, SVG layers are exact.

Hooks: a map is ``.qm-map`` with ``input.qm-switch`` radios (value = layer index), a
``.qm-canvas`` (Leaflet's container), one ``.qm-legend`` per layer, and optional ``.qm-notice``
and ``.qm-attribution``. A printed map gets the class ``qm-printing`` and a child
``.qm-print-multiples`` of ``.qm-print-cell`` (``data-layer`` = layer index). Text that only
makes sense on a screen can carry the class ``qm-screen-only``: it is not printed.
"""

from __future__ import annotations

from maps.web_assets import web_asset


def print_js() -> str:
    """The script that makes the printed copies (``maps/web/print.js``)."""
    return web_asset("print.js")


def print_css() -> str:
    """The styles of the printed copies (``maps/web/print.css``)."""
    return web_asset("print.css")
