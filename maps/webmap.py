"""Interactive maps for offline HTML: choropleth and category layers on one Leaflet map.

A :class:`WebMap` renders to an HTML fragment (a ``<figure>``, its data and a one-line script);
several can share a page, which must carry :func:`maps.runtime.assets_html` once (the
:class:`maps.report.Report` does). There is no tile layer unless the user names a tile server:
the map draws on a blank background and fits the bounds of its data.

Examples
--------
>>> import geopandas as gpd, pandas as pd
>>> from shapely.geometry import box
>>> gdf = gpd.GeoDataFrame({"pop": [10.0, 20.0]},
...                        geometry=[box(76.0, 43.0, 76.1, 43.1), box(76.1, 43.0, 76.2, 43.1)],
...                        crs="EPSG:4326")
>>> from maps.classify import classify
>>> from maps.web_layers import ChoroplethLayer
>>> layer = ChoroplethLayer(gdf, column="pop", name="Population",
...                         classes=classify(gdf["pop"], k=2), colors=["#EEEEEE", "#333333"])
>>> html = WebMap(layers=[layer], title="Demo").to_html(lang="en", element_id="m1")
>>> html.startswith('<figure class="qm-map" id="m1"')
True
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

import geopandas as gpd
import numpy as np

from geo.i18n import N_, NN_, _, current_language
from maps.context import MapContext, encode_context
from maps.encode import Quantisation, fingerprint, text_column
from maps.geojson import bounds, to_wgs84
from maps.legend import legend_html, panel_html, switcher_html
from maps.runtime import map_script
from maps.text import escape
from maps.web_layers import BaseLayer

_IDS = itertools.count(1)
_ELEMENT_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")


class WebMap:
    """One Leaflet map with one or more switchable layers, a legend and an optional notice.

    Parameters
    ----------
    layers
        :class:`maps.web_layers.ChoroplethLayer` and ``CategoryLayer`` objects; the first is
        shown first and radio buttons switch between them. A layer with nothing to show (every
        value zero or missing, :meth:`maps.web_layers.BaseLayer.varies`) is left out and named
        in one line under the map (:attr:`dropped`); when no layer is left, the page shows a
        sentence instead of the map, and no PNG is drawn of it (:attr:`layers` is then empty).
    title
        Caption above the map (plain text).
    notice
        Text drawn on the map face (a box in its corner), e.g. that the geometry is
        schematic, so that screenshots and prints keep it.
    height_px
        Height of the map in pixels; its width follows the page.
    tiles_url
        A tile server inside the user's network (``https://host/{z}/{x}/{y}.png``); ``None``
        (the default) draws no background at all, and the page loads nothing.
    tiles_attribution
        Attribution of the tiles (plain text).
    attribution
        Where the map's data come from and under which licence (plain text, one short line),
        drawn on the map face at its bottom right and under its static PNG, as ODbL and CC BY
        ask of a map made from their data.
    outline
        Polygons drawn under every layer as thin grey outlines, not switchable and without
        tooltips (e.g. the units under a flow or facility layer), in any CRS.
    """

    def __init__(
        self,
        *,
        layers: Sequence[BaseLayer],
        title: str | None = None,
        notice: str | None = None,
        height_px: int = 480,
        tiles_url: str | None = None,
        tiles_attribution: str | None = None,
        attribution: str | None = None,
        outline: gpd.GeoDataFrame | None = None,
    ) -> None:
        if not layers:
            msg = "A map needs at least one layer."
            raise ValueError(msg)
        if tiles_url is not None and urlsplit(tiles_url).scheme not in ("http", "https"):
            msg = f"tiles_url must be an http(s) URL template, not {tiles_url!r}."
            raise ValueError(msg)
        self.layers = [layer for layer in layers if layer.varies()]
        #: Names of the layers left out because they show nothing (in the given order).
        self.dropped = [layer.name for layer in layers if not layer.varies()]
        self.title = title
        self.notice = notice
        self.height_px = max(120, int(height_px))
        self.tiles_url = tiles_url
        self.tiles_attribution = tiles_attribution
        self.attribution = attribution
        self.outline = to_wgs84(outline, name="outline") if outline is not None else None
        #: Context drawn over the data (labels, outlines, roads): :mod:`maps.context`.
        self.context: MapContext | None = None

    @property
    def tile_origin(self) -> str | None:
        """``scheme://host[:port]`` of the tile server (``{s}`` as ``*``), or ``None``."""
        if self.tiles_url is None:
            return None
        parts = urlsplit(self.tiles_url)
        return f"{parts.scheme}://{parts.netloc.replace('{s}', '*')}"

    def frames(self) -> list[gpd.GeoDataFrame]:
        """Every layer's features and the outlines (EPSG:4326): what the map's extent covers."""
        frames = [layer.gdf for layer in self.layers]
        if self.outline is not None:
            frames.append(self.outline)
        return frames

    def config(self, lang: str) -> dict[str, Any]:
        """Everything the page script needs to draw this map (see :mod:`maps.encode`)."""
        tiles = None
        if self.tiles_url is not None:
            tiles = {"url": self.tiles_url, "attribution": escape(self.tiles_attribution or "")}
        extent = bounds(self.frames())
        grid = Quantisation.for_bounds(extent)
        shapes: list[list[Any]] = []
        shape_index: dict[str, int] = {}
        columns: list[dict[str, list]] = []
        column_index: dict[tuple[str, ...], int] = {}

        def shape_of(geometries: np.ndarray) -> int:
            key = fingerprint(geometries)
            if key not in shape_index:
                shape_index[key] = len(shapes)
                shapes.append(grid.encode(geometries))
            return shape_index[key]

        def column_of(texts: list[str]) -> int:
            key = tuple(texts)
            if key not in column_index:
                column_index[key] = len(columns)
                columns.append(text_column(texts))
            return column_index[key]

        layers = []
        for layer in self.layers:
            tips = layer.tooltip_texts(lang)
            layers.append({
                "kind": layer.kind,
                "shape": shape_of(layer.web_geometries()),
                "colors": layer.colors(),
                "opacity": layer.fill_opacity,
                "k": [int(code) for code in layer.codes()],
                "labels": [label for label, __ in tips],
                "columns": [column_of(texts) for __, texts in tips],
                **layer.style(),
            })
        outline = None
        if self.outline is not None:
            outline = shape_of(np.asarray(self.outline.geometry.values, dtype=object))
        context = None  # maps.context: labels, outlines, roads near this map's extent
        if self.context is not None:
            context = encode_context(self.context, extent=extent, grid=grid, lang=lang)
        return {"bounds": extent, "tiles": tiles, "grid": grid.spec(), "shapes": shapes,
                "columns": columns, "layers": layers, "outline": outline, "context": context}

    def to_html(self, *, lang: str | None = None, element_id: str | None = None) -> str:
        """The map as an HTML fragment: a ``<figure>``, its data and the script that draws it.

        Parameters
        ----------
        lang
            Language of the fixed words (``ru``, ``kk``, ``en``); ``None`` for the current one.
        element_id
            The figure's ``id``, unique on the page; default: a fresh ``qonys-map-N``.

        Returns
        -------
        str
            HTML; the page must include :func:`maps.runtime.assets_html` once.
        """
        lang = lang or current_language()
        element_id = element_id or f"qonys-map-{next(_IDS)}"
        if not _ELEMENT_ID.fullmatch(element_id):
            msg = f"An element id is a letter then letters, digits, - or _: {element_id!r}."
            raise ValueError(msg)
        if not self.layers:
            sentence = self._left_out(NN_(
                    "No map of “{names}”: its value is zero or unknown everywhere.",
                    "No maps of “{names}”: their values are zero or unknown everywhere."), lang)
            if self.title:
                sentence = f"{self.title}. {sentence}"
            return f'<p class="qm-flat" id="{element_id}">{escape(sentence)}</p>\n'
        caption = notice = credit = ""
        if self.title:
            caption = f'<figcaption class="qm-title">{escape(self.title)}</figcaption>'
        if self.notice:
            notice = f'<div class="qm-notice" role="note">{escape(self.notice)}</div>'
        if self.attribution:
            credit = f'<div class="qm-attribution">{escape(self.attribution)}</div>'
        dropped = ""
        if self.dropped:
            left_out = self._left_out(NN_(
                    "Layer “{names}” is not shown: its value is zero or unknown everywhere.",
                    "Layers “{names}” are not shown: their values are zero or unknown "
                    "everywhere."), lang)
            dropped = f'<p class="qm-dropped">{escape(left_out)}</p>'
        return (
            f'<figure class="qm-map" id="{element_id}" data-qonys-map="{len(self.layers)}">'
            f"{caption}"
            f'<div class="qm-canvas" style="height:{self.height_px}px"></div>'
            f"{self._panel(lang, element_id)}{notice}{credit}{dropped}</figure>\n"
            f"{map_script(element_id, self.config(lang))}"
        )

    def _left_out(self, key: str, lang: str) -> str:
        """The sentence naming the layers left out for showing nothing."""
        names = _("”, “", lang=lang).join(self.dropped)
        return _(key, lang=lang, names=names, count=len(self.dropped))

    def _panel(self, lang: str, element_id: str) -> str:
        """The layer switcher and every layer's legend, in one box that folds away."""
        switcher = switcher_html([layer.name for layer in self.layers],
                                 group=f"{element_id}-layer", title=_("Layers", lang=lang))
        legends = "".join(
            legend_html(layer.legend_title, layer.legend_rows(lang), index=i, hidden=i > 0,
                        shape=layer.legend_shape, sizes=layer.legend_sizes(),
                        size_key=layer.size_key(lang))
            for i, layer in enumerate(self.layers)
        )
        toggle = N_("Layers and legend") if len(self.layers) > 1 else N_("Legend")
        return panel_html(element_id=element_id, switcher=switcher, legends=legends,
                          label=_("Legend", lang=lang), toggle=_(toggle, lang=lang),
                          max_height_px=self.height_px - 40)
