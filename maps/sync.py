"""Two or more :class:`maps.webmap.WebMap` side by side that move together.

The page script ``maps/web/sync.js`` (included once by :func:`maps.runtime.assets_html`, after
Leaflet and the map script) notes every Leaflet map as it is made, by a Leaflet init hook, under
its figure's id; ``qonysSync([id, ...])`` then links the maps, once all of them are built
(:mod:`maps.runtime` builds a map as it nears the view): panning or zooming one moves the
others to the same centre and zoom, and choosing a layer in one chooses it in the others. Maps
of the same data have the same extent, so they start aligned; the first one's view wins.

:func:`add_map_pair` puts two maps in a ``div.qm-pair``: side by side on a wide screen, one
above the other below 760 px (a phone's 390 px), side by side again in print.
"""

from __future__ import annotations

from typing import Any

from maps.text import script_json


def sync_script(ids: list[str]) -> str:
    """The ``<script>`` that links the maps of ``ids`` (their figures' element ids)."""
    return f"<script>qonysSync({script_json(list(ids))});</script>\n"


def add_map_pair(report: Any, first: Any, second: Any) -> tuple[str, str]:
    """Add two maps to ``report`` (a :class:`maps.report.Report`) side by side, linked.

    Parameters
    ----------
    report
        The page.
    first, second
        :class:`maps.webmap.WebMap` objects of the same features, so of the same extent.

    Returns
    -------
    tuple of str
        The two figures' element ids (``map-<n>``, as :meth:`maps.report.Report.add_map`
        names the page's n-th map).
    """
    report.add_html('<div class="qm-pair">')
    report.add_map(first)
    first_id = f"map-{len(report.maps)}"
    report.add_map(second)
    second_id = f"map-{len(report.maps)}"
    report.add_html("</div>\n" + sync_script([first_id, second_id]))
    return first_id, second_id
