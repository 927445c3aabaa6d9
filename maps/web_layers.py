"""The layers of a :class:`maps.webmap.WebMap`: areas coloured by class or by category.

A layer holds its features in WGS 84 and knows what the page needs of them: each feature's class
(:meth:`BaseLayer.codes`) and colour, the legend's rows, the tooltip's texts and whether it has
anything to show (:meth:`BaseLayer.varies`). :mod:`maps.overlays` adds flows and points.

Examples
--------
>>> import geopandas as gpd
>>> from shapely.geometry import box
>>> from maps.classify import classify
>>> gdf = gpd.GeoDataFrame({"pop": [10.0, 20.0]},
...                        geometry=[box(76.0, 43.0, 76.1, 43.1), box(76.1, 43.0, 76.2, 43.1)],
...                        crs="EPSG:4326")
>>> layer = ChoroplethLayer(gdf, column="pop", name="Population",
...                         classes=classify(gdf["pop"], k=2), colors=["#EEEEEE", "#333333"])
>>> layer.codes().tolist(), layer.varies()
([0, 1], True)
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.i18n import _
from maps.classify import Classes
from maps.geojson import to_wgs84
from maps.legend import check_color
from maps.palettes import NO_DATA_COLOR, OTHER_COLOR
from maps.text import format_value, is_missing


class BaseLayer:
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
        return _("no data", lang=lang)

    def _texts(self, columns: list[str], row: tuple, lang: str) -> list[str]:
        """A feature's tooltip values as text, in the tooltip's order."""
        return [self.display(c, v, lang) for c, v in zip(columns, row, strict=True)]

    def tooltip_texts(self, lang: str) -> list[tuple[str, list[str]]]:
        """``(label, texts)`` per tooltip column: every feature's value as text."""
        columns = list(self.tooltip)
        texts: list[list[str]] = [[] for __ in columns]
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


class ChoroplethLayer(BaseLayer):
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


class CategoryLayer(BaseLayer):
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
        return [color for __, color in self.categories.values()] + [NO_DATA_COLOR, OTHER_COLOR]

    def legend_rows(self, lang: str) -> list[tuple[str, str]]:
        rows = [(color, label) for label, color in self.categories.values()]
        n = len(self.categories)
        if (self._codes == n).any():
            rows.append((NO_DATA_COLOR, self.no_data(lang)))
        if (self._codes == n + 1).any():
            other = self.other_label
            rows.append((OTHER_COLOR, other if other is not None else _("other", lang=lang)))
        return rows

    def display(self, column: str, value: object, lang: str) -> str:
        if column == self.column and not is_missing(value) and value in self.categories:
            return self.categories[value][0]
        return super().display(column, value, lang)
