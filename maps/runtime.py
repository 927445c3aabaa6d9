"""The script and styles that draw a :class:`maps.webmap.WebMap` on a page.

The script and styles are ``maps/web/map.js`` and ``map.css`` (package data, read by
:mod:`maps.web_assets`).
The script never puts a user's string into ``innerHTML``: legends, the layer switcher and the
notice are HTML escaped in Python, and tooltips are built with ``textContent``. Each feature's
style is read from the layer's arrays by the feature's index (``i``); geometry arrives compact
(:mod:`maps.encode`) and is decoded once per map, each layer built when first shown.

A map's data is a JSON block beside it (:func:`map_script`), parsed only when the map is built:
when it comes within a screen of the view, or, after the page's ``load``, in page order, as many
as about 40 ms allow per task; printing builds every map first. :func:`map_configs` reads the
blocks back.
"""

from __future__ import annotations

import json
import re
from typing import Any

from maps.context import context_js
from maps.leaflet import leaflet_css, leaflet_js, script_safe, style_safe
from maps.runtime_print import print_css, print_js
from maps.text import script_json
from maps.web_assets import web_asset

_DATA_BLOCK = re.compile(
    r'<script type="application/json" class="qm-data" id="([^"]+)-data">(.*?)</script>',
    re.DOTALL)


def assets_html() -> str:
    """The ``<style>`` and ``<script>`` elements every page with maps needs, once, in ``<head>``.

    Leaflet's files, this module's script and styles, :mod:`maps.sync`'s and those that
    print every layer (:mod:`maps.runtime_print`), all inline.

    Raises
    ------
    geo.errors.MissingDependencyError
        If Leaflet's package is not installed.
    """
    css = style_safe(leaflet_css() + web_asset("map.css") + web_asset("context.css")
                     + web_asset("sync.css") + print_css())
    # maps.sync after Leaflet and before any map: its init hook must see every map made
    js = script_safe("\n".join((leaflet_js(), web_asset("map.js"), context_js(),
                                web_asset("sync.js"), print_js())))
    return f"<style>{css}</style>\n<script>{js}</script>\n"


def map_script(element_id: str, config: dict[str, Any]) -> str:
    """The map's data block and the one-line script that hands it to the page's runtime.

    The data is a ``<script type="application/json">`` (a data block: the browser neither runs
    it nor needs a Content-Security-Policy hash for it), so that the page reads it with
    ``JSON.parse`` only when the map is built.

    Parameters
    ----------
    element_id
        The map's figure id.
    config
        What :meth:`maps.webmap.WebMap.config` returns.

    Returns
    -------
    str
        Two ``<script>`` elements.
    """
    return (f'<script type="application/json" class="qm-data" id="{element_id}-data">'
            f"{script_json(config)}</script>\n"
            f"<script>qonysMap({script_json(element_id)});</script>\n")


def map_configs(page: str) -> dict[str, dict[str, Any]]:
    """Each map's figure id -> its data, read back from a page's HTML.

    Examples
    --------
    >>> map_configs(map_script("m1", {"layers": []}))
    {'m1': {'layers': []}}
    """
    return {element_id: json.loads(data) for element_id, data in _DATA_BLOCK.findall(page)}
