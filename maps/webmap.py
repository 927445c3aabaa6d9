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
>>> layer = ChoroplethLayer(gdf, column="pop", name="Population",
...                         classes=classify(gdf["pop"], k=2), colors=["#EEEEEE", "#333333"])
>>> html = WebMap(layers=[layer], title="Demo").to_html(lang="en", element_id="m1")
>>> html.startswith('<figure class="qm-map" id="m1"')
True
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Hashable, Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.i18n import current_language, tr
from maps.classify import Classes
from maps.context import MapContext, encode_context
from maps.encode import Quantisation, fingerprint, text_column
from maps.geojson import bounds, to_wgs84
from maps.legend import check_color, legend_html, panel_html, switcher_html
from maps.palettes import NO_DATA_COLOR, OTHER_COLOR
from maps.runtime import map_script
from maps.text import escape, format_value, is_missing

_IDS = itertools.count(1)
_ELEMENT_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")


class _Layer:
    """What every layer has: features in WGS 84, a name, a tooltip and a legend title.

    ``kind`` says how it is drawn: ``area`` (filled polygons), ``flow`` (lines with arrowheads,
    :class:`maps.overlays.FlowLayer`) or ``point`` (circles, :class:`maps.overlays.PointLayer`).
    """

    kind = "area"

    def __init__(
        self,
        gdf: gpd.GeoDataFrame,
        *,
        column: str,
        name: str,
        tooltip: Mapping[str, str] | None,
        tooltip_format: Mapping[str, str] | None,
        legend_title: str | None,
        no_data_label: str | None,
        fill_opacity: float,
    ) -> None:
        tooltip = dict(tooltip) if tooltip is not None else {column: name}
        missing = [c for c in [column, *tooltip] if c not in gdf.columns]
        if missing:
            msg = f"Layer {name!r}: no column {', '.join(map(repr, missing))} in the data."
            raise KeyError(msg)
        self.gdf = to_wgs84(gdf, name=name)
        self.column = column
        self.name = str(name)
        self.tooltip = tooltip
        self.tooltip_format = dict(tooltip_format or {})
        self.legend_title = str(legend_title) if legend_title is not None else self.name
        self.no_data_label = no_data_label
        self.fill_opacity = float(fill_opacity)

    # -- what subclasses define -----------------------------------------------------------------
    def codes(self) -> np.ndarray:
        """Index into :meth:`colors` of each feature."""
        raise NotImplementedError

    def colors(self) -> list[str]:
        """Fill colours; a feature's ``k`` property indexes this list."""
        raise NotImplementedError

    def legend_rows(self, lang: str) -> list[tuple[str, str]]:
        """``(colour, label)`` per legend entry."""
        raise NotImplementedError

    legend_shape = "fill"

    def legend_sizes(self) -> list[float] | None:
        """Swatch size per legend row for line and point layers (pixels); ``None`` for fills."""
        return None

    def display(self, column: str, value: object, lang: str) -> str:
        """A tooltip value as text."""
        return format_value(value, self.tooltip_format.get(column), lang=lang)

    def varies(self) -> bool:
        """Whether the layer has something to show: a map of nothing but zeros or gaps
        would show a full legend over one colour, which misleads."""
        return len(self.gdf) > 0 and not self.gdf[self.column].map(is_missing).all()

    def size_key(self, lang: str) -> tuple[str, list[tuple[float, str]]] | None:
        """``(title, [(radius_px, label)])`` of a layer whose circles' sizes mean a number."""
        return None

    # -- shared -----------------------------------------------------------------------------------
    def no_data(self, lang: str) -> str:
        """The label of features without a value."""
        if self.no_data_label is not None:
            return self.no_data_label
        return tr("maps.no_data", lang=lang)

    def _texts(self, columns: list[str], row: tuple, lang: str) -> list[str]:
        """A feature's tooltip values as text, in the tooltip's order."""
        return [self.display(c, v, lang) for c, v in zip(columns, row, strict=True)]

    def tooltip_texts(self, lang: str) -> list[tuple[str, list[str]]]:
        """``(label, texts)`` per tooltip column: every feature's value as text."""
        columns = list(self.tooltip)
        texts: list[list[str]] = [[] for _ in columns]
        for row in self.gdf[columns].itertuples(index=False, name=None):
            for values, text in zip(texts, self._texts(columns, row, lang), strict=True):
                values.append(text)
        return [(str(label), values)
                for label, values in zip(self.tooltip.values(), texts, strict=True)]

    def style(self) -> dict[str, Any]:
        """Per-feature drawing values besides the colour (line widths, point radii)."""
        return {}

    def web_geometries(self) -> np.ndarray:
        """The geometries the page draws (a flow layer adds arrowheads)."""
        return np.asarray(self.gdf.geometry.values, dtype=object)


class ChoroplethLayer(_Layer):
    """Polygons coloured by the class of a numeric column.

    Parameters
    ----------
    gdf
        Polygons in any CRS (reprojected to EPSG:4326).
    column
        Numeric column to colour.
    name
        Layer name in the layer switcher (already translated).
    classes
        From :func:`maps.classify.classify`; ``gdf[column]`` is assigned to its bins.
    colors
        One ``#RRGGBB`` per class, low to high.
    tooltip
        Column -> label (already translated), in order; default: the column under ``name``.
    tooltip_format
        Column -> number format (``"{:,.1f}"``); default: :func:`maps.text.default_format`.
    legend_title
        Default: ``name``.
    no_data_label
        Default: "no data" in the map's language.
    label_format
        Number format of the legend's class ranges.
    fill_opacity
        Fill opacity, 0 to 1.
    """

    def __init__(
        self,
        gdf: gpd.GeoDataFrame,
        *,
        column: str,
        name: str,
        classes: Classes,
        colors: Sequence[str],
        tooltip: Mapping[str, str] | None = None,
        tooltip_format: Mapping[str, str] | None = None,
        legend_title: str | None = None,
        no_data_label: str | None = None,
        label_format: str = "{:,.0f}",
        fill_opacity: float = 0.8,
    ) -> None:
        super().__init__(gdf, column=column, name=name, tooltip=tooltip,
                         tooltip_format=tooltip_format, legend_title=legend_title,
                         no_data_label=no_data_label, fill_opacity=fill_opacity)
        if len(colors) != classes.k:
            msg = f"Layer {name!r}: {classes.k} classes but {len(colors)} colours."
            raise ValueError(msg)
        self.classes = classes
        self.class_colors = [check_color(c) for c in colors]
        self.label_format = label_format
        self._codes = classes.assign(self.gdf[column]).to_numpy(copy=True)
        self._codes[self._codes < 0] = classes.k  # the no-data colour follows the classes

    def codes(self) -> np.ndarray:
        return self._codes

    def colors(self) -> list[str]:
        return [*self.class_colors, NO_DATA_COLOR]

    def varies(self) -> bool:
        values = pd.to_numeric(self.gdf[self.column], errors="coerce").to_numpy(float)
        return bool((np.isfinite(values) & (values != 0)).any())

    def legend_rows(self, lang: str) -> list[tuple[str, str]]:
        labels = self.classes.labels(lang, self.label_format)
        rows = list(zip(self.class_colors, labels, strict=True))
        if (self._codes == self.classes.k).any():
            rows.append((NO_DATA_COLOR, self.no_data(lang)))
        return rows


class CategoryLayer(_Layer):
    """Polygons coloured by a category (e.g. each unit's bottleneck network).

    Parameters
    ----------
    gdf
        Polygons in any CRS (reprojected to EPSG:4326).
    column
        Column of category keys.
    name
        Layer name in the layer switcher (already translated).
    categories
        Key -> ``(label, "#RRGGBB")``, in legend order. Keys not listed are drawn as "other".
    tooltip, tooltip_format, legend_title, no_data_label, fill_opacity
        As for :class:`ChoroplethLayer`; the category column shows its label in tooltips.
    other_label
        Label of keys not in ``categories``; default: "other" in the map's language.
    """

    def __init__(
        self,
        gdf: gpd.GeoDataFrame,
        *,
        column: str,
        name: str,
        categories: Mapping[Hashable, tuple[str, str]],
        tooltip: Mapping[str, str] | None = None,
        tooltip_format: Mapping[str, str] | None = None,
        legend_title: str | None = None,
        no_data_label: str | None = None,
        other_label: str | None = None,
        fill_opacity: float = 0.8,
    ) -> None:
        super().__init__(gdf, column=column, name=name, tooltip=tooltip,
                         tooltip_format=tooltip_format, legend_title=legend_title,
                         no_data_label=no_data_label, fill_opacity=fill_opacity)
        if not categories:
            msg = f"Layer {name!r}: no categories given."
            raise ValueError(msg)
        self.categories = {key: (str(label), check_color(color))
                           for key, (label, color) in categories.items()}
        self.other_label = other_label
        self._codes = np.array([self._code(v) for v in self.gdf[column]], dtype="int64")

    def _code(self, value: object) -> int:
        """Position of ``value`` among the categories; then no data, then other."""
        if is_missing(value):
            return len(self.categories)
        keys = list(self.categories)
        return keys.index(value) if value in self.categories else len(keys) + 1

    def codes(self) -> np.ndarray:
        return self._codes

    def colors(self) -> list[str]:
        return [color for _, color in self.categories.values()] + [NO_DATA_COLOR, OTHER_COLOR]

    def legend_rows(self, lang: str) -> list[tuple[str, str]]:
        rows = [(color, label) for label, color in self.categories.values()]
        n = len(self.categories)
        if (self._codes == n).any():
            rows.append((NO_DATA_COLOR, self.no_data(lang)))
        if (self._codes == n + 1).any():
            other = self.other_label
            rows.append((OTHER_COLOR, other if other is not None else tr("maps.other", lang=lang)))
        return rows

    def display(self, column: str, value: object, lang: str) -> str:
        if column == self.column and not is_missing(value) and value in self.categories:
            return self.categories[value][0]
        return super().display(column, value, lang)


class WebMap:
    """One Leaflet map with one or more switchable layers, a legend and an optional notice.

    Parameters
    ----------
    layers
        :class:`ChoroplethLayer` and :class:`CategoryLayer` objects; the first is shown first
        and radio buttons switch between them. A layer with nothing to show (every value zero
        or missing, :meth:`_Layer.varies`) is left out and named in one line under the map
        (:attr:`dropped`); when no layer is left, the page shows a sentence instead of the
        map, and no PNG is drawn of it (:attr:`layers` is then empty).
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
        layers: Sequence[_Layer],
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
                "labels": [label for label, _ in tips],
                "columns": [column_of(texts) for _, texts in tips],
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
            sentence = self._left_out("maps.flat", lang)
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
            dropped = f'<p class="qm-dropped">{escape(self._left_out("maps.dropped", lang))}</p>'
        return (
            f'<figure class="qm-map" id="{element_id}" data-qonys-map="{len(self.layers)}">'
            f"{caption}"
            f'<div class="qm-canvas" style="height:{self.height_px}px"></div>'
            f"{self._panel(lang, element_id)}{notice}{credit}{dropped}</figure>\n"
            f"{map_script(element_id, self.config(lang))}"
        )

    def _left_out(self, key: str, lang: str) -> str:
        """The sentence naming the layers left out for showing nothing."""
        names = tr("maps.names_sep", lang=lang).join(self.dropped)
        return tr(key, lang=lang, names=names, count=len(self.dropped))

    def _panel(self, lang: str, element_id: str) -> str:
        """The layer switcher and every layer's legend, in one box that folds away."""
        switcher = switcher_html([layer.name for layer in self.layers],
                                 group=f"{element_id}-layer", title=tr("maps.layers", lang=lang))
        legends = "".join(
            legend_html(layer.legend_title, layer.legend_rows(lang), index=i, hidden=i > 0,
                        shape=layer.legend_shape, sizes=layer.legend_sizes(),
                        size_key=layer.size_key(lang))
            for i, layer in enumerate(self.layers)
        )
        toggle = "maps.panel_toggle_layers" if len(self.layers) > 1 else "maps.panel_toggle"
        return panel_html(element_id=element_id, switcher=switcher, legends=legends,
                          label=tr("maps.legend", lang=lang), toggle=tr(toggle, lang=lang),
                          max_height_px=self.height_px - 40)
