"""Flow and point layers for :class:`maps.webmap.WebMap`: migration arrows and facilities.

A :class:`FlowLayer` draws each origin–destination pair as a curved line whose width grows
with its class of persons, ending in an arrowhead; the line bends to the right of its
direction, so that the flows A→B and B→A lie side by side instead of on top of each other.
A :class:`PointLayer` draws facilities or proposals as circles coloured by category and sized
by a number (capacity, say) on a square-root scale, so that a circle's area follows the number.

Examples
--------
>>> import geopandas as gpd
>>> from shapely.geometry import LineString
>>> flows = gpd.GeoDataFrame({"persons": [1200.0, 300.0]},
...                          geometry=[LineString([(71.4, 51.1), (76.9, 43.2)]),
...                                    LineString([(76.9, 43.2), (71.4, 51.1)])],
...                          crs="EPSG:4326")
>>> layer = FlowLayer(flows, column="persons", name="Flows", k=2)
>>> layer.style()["w"]
[12.0, 2.0]
"""

from __future__ import annotations

import logging
from collections.abc import Hashable, Mapping, Sequence
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import GeometryCollection, LineString, Polygon

from geo.i18n import _
from maps.classify import Classes, classify
from maps.legend import check_color
from maps.text import format_number
from maps.web_layers import CategoryLayer, ChoroplethLayer

log = logging.getLogger(__name__)

#: Line widths in pixels, thinnest to thickest class.
FLOW_WIDTHS = (2.0, 4.0, 6.0, 9.0, 12.0)
#: Bend of a flow: the curve's control point lies this share of the line's length to its right.
CURVATURE = 0.18
#: Arrowhead length as a share of the longest flow, capped at a third of its own flow.
ARROW_SHARE = 0.035
#: Radii of points in pixels: the smallest and largest circle.
POINT_RADII = (4.0, 14.0)
_CURVE_POINTS = 24


class FlowLayer(ChoroplethLayer):
    """Origin–destination flows as curved lines, thicker for more persons, with arrowheads.

    Parameters
    ----------
    flows
        One row per flow with a straight ``LineString`` from origin to destination, any CRS.
        Rows with no persons, no geometry or the same origin and destination are left out.
    column
        Persons per flow; its classes set the line widths.
    name
        Layer name (already translated).
    classes
        Classes of ``column``; default: natural breaks in ``k`` classes.
    k
        Number of width classes when ``classes`` is not given (at most 5).
    color
        One ``#RRGGBB`` for every flow.
    tooltip, tooltip_format, legend_title, label_format
        As for :class:`maps.web_layers.ChoroplethLayer`.
    origin_label
        Column of a name written on the map at each flow's start (once per place), e.g. an
        oblast or country the units' own labels do not name; missing: no label.
    """

    kind = "flow"
    legend_shape = "line"

    def __init__(
        self,
        flows: gpd.GeoDataFrame,
        *,
        column: str,
        name: str,
        classes: Classes | None = None,
        k: int = 4,
        color: str = "#0072B2",
        tooltip: Mapping[str, str] | None = None,
        tooltip_format: Mapping[str, str] | None = None,
        legend_title: str | None = None,
        label_format: str = "{:,.0f}",
        origin_label: str | None = None,
    ) -> None:
        for needed in (column, origin_label):
            if needed is not None and needed not in flows.columns:
                msg = f"Layer {name!r}: no column {needed!r} in the data."
                raise KeyError(msg)
        if column not in flows.columns:
            msg = f"Layer {name!r}: no column {column!r} in the data."
            raise KeyError(msg)
        kept = _drawable(flows, column)
        if len(kept) < len(flows):
            log.info("%s: %d flows without persons or length left off", name,
                     len(flows) - len(kept))
        if classes is None:
            classes = classify(kept[column], scheme="natural_breaks",
                               k=min(k, len(FLOW_WIDTHS)))
        check_color(color)
        super().__init__(kept, column=column, name=name, classes=classes,
                         colors=[color] * classes.k, tooltip=tooltip,
                         tooltip_format=tooltip_format, legend_title=legend_title,
                         label_format=label_format, fill_opacity=0.85)
        self.gdf = self.gdf.set_geometry(curved(self.gdf.geometry.values))
        self.widths = np.array(_widths(classes.k))[self.codes()]
        self.origin_label = origin_label

    def style(self) -> dict[str, Any]:
        style: dict[str, Any] = {"w": [float(w) for w in self.widths]}
        places = self.origin_places()
        if places:
            style["lab"] = places
        return style

    def origin_places(self) -> list[list[Any]]:
        """``[lon, lat, name]`` of each named start of a flow, once per name."""
        if self.origin_label is None:
            return []
        places: dict[str, list[Any]] = {}
        for line, name in zip(self.gdf.geometry.values, self.gdf[self.origin_label],
                              strict=True):
            if isinstance(name, str) and name and name not in places:
                x, y = np.asarray(line.coords)[0, :2]
                places[name] = [round(float(x), 5), round(float(y), 5), name]
        return list(places.values())

    def legend_sizes(self) -> list[float]:
        return list(_widths(self.classes.k))

    def arrowheads(self) -> gpd.GeoSeries:
        """A triangle at the end of each flow (EPSG:4326), sized to the layer's longest flow."""
        lines = self.gdf.geometry.values
        longest = float(np.max(shapely.length(lines))) if len(lines) else 0.0
        heads = [_arrowhead(line, ARROW_SHARE * longest) for line in lines]
        return gpd.GeoSeries(heads, index=self.gdf.index, crs=self.gdf.crs)

    def web_geometries(self) -> np.ndarray:
        heads = self.arrowheads().values
        return np.array([GeometryCollection([line, head]) for line, head in
                         zip(self.gdf.geometry.values, heads, strict=True)], dtype=object)


class PointLayer(CategoryLayer):
    """Points (facilities, proposals) coloured by category, sized by a number.

    Parameters
    ----------
    points
        Point geometries, any CRS.
    column
        Category key of each point (e.g. ``existing`` / ``proposed`` or the network).
    name
        Layer name (already translated).
    categories
        Key -> ``(label, "#RRGGBB")`` in legend order.
    size_column
        Numbers that set the radius (area grows with the number); ``None``: all the same.
    size_key
        What the sizes mean, for the legend's size key: group -> ``(name, unit)`` in the
        order listed, the group of each point read from ``size_group`` (a network, whose
        unit is "мест" or "Гкал/ч"; ``""`` for none); ``None``: no size key.
    size_group
        Column of each point's group in ``size_key``; default ``column``.
    size_title
        Title of the size key (already translated).
    tooltip, tooltip_format, legend_title, no_data_label, other_label
        As for :class:`maps.web_layers.CategoryLayer`.

    Points on one spot (the same site) are drawn on a small ring around it, in pixels, so
    that none hides another at any zoom (:func:`ring_offsets`).
    """

    kind = "point"
    legend_shape = "point"

    def __init__(
        self,
        points: gpd.GeoDataFrame,
        *,
        column: str,
        name: str,
        categories: Mapping[Hashable, tuple[str, str]],
        size_column: str | None = None,
        size_key: Mapping[Hashable, tuple[str, str]] | None = None,
        size_group: str | None = None,
        size_title: str | None = None,
        tooltip: Mapping[str, str] | None = None,
        tooltip_format: Mapping[str, str] | None = None,
        legend_title: str | None = None,
        no_data_label: str | None = None,
        other_label: str | None = None,
    ) -> None:
        if size_key is not None and size_column is None:
            msg = f"Layer {name!r}: a size key needs the size_column it explains."
            raise ValueError(msg)
        for needed in (size_column, size_group):
            if needed is not None and needed not in points.columns:
                msg = f"Layer {name!r}: no column {needed!r} in the data."
                raise KeyError(msg)
        kinds = set(points.geometry.dropna().geom_type)
        if kinds - {"Point"}:
            msg = f"Layer {name!r}: points only, found {', '.join(sorted(kinds))}."
            raise ValueError(msg)
        super().__init__(points, column=column, name=name, categories=categories,
                         tooltip=tooltip, tooltip_format=tooltip_format,
                         legend_title=legend_title, no_data_label=no_data_label,
                         other_label=other_label, fill_opacity=0.9)
        self.radii = point_radii(self.gdf[size_column] if size_column else None, len(self.gdf))
        self.size_column = size_column
        self.size_groups = dict(size_key) if size_key is not None else None
        self.size_group = size_group or column
        self.size_title = size_title
        self.offsets = ring_offsets(self.gdf.geometry.values, self.radii)

    def style(self) -> dict[str, Any]:
        style: dict[str, Any] = {"r": [round(float(r), 1) for r in self.radii]}
        if np.any(self.offsets):
            style["o"] = [[round(float(x), 1), round(float(y), 1)] if x or y else 0
                          for x, y in self.offsets]
        return style

    def size_key(self, lang: str) -> tuple[str, list[tuple[float, str]]] | None:
        """Per group (network), the circles of its sizes on the map with number and unit.

        A group with up to three sizes shows each; with more, its largest, middle and
        smallest. The radii are those the map draws (one scale for the layer).
        """
        if self.size_groups is None or self.size_column is None:
            return None
        values = pd.to_numeric(self.gdf[self.size_column], errors="coerce").to_numpy(float)
        groups = self.gdf[self.size_group].to_numpy(dtype=object)
        rows = []
        for key, (label, unit) in self.size_groups.items():
            own = np.array([g == key for g in groups], dtype=bool) & np.isfinite(values) \
                & (values > 0)
            if not own.any():
                continue
            radius = dict(zip(values[own], self.radii[own], strict=True))
            for value in key_values(values[own]):
                text = (_("{group}: {value:,.0f} {unit}",
                          lang=lang, group=label, value=value, unit=unit)
                        if unit else f"{label}: {format_number(value, '{:,.0f}', lang)}")
                rows.append((float(radius[value]), text))
        if not rows:
            return None
        title = self.size_title if self.size_title is not None else _("Circle size: capacity",
                                                                         lang=lang)
        return title, rows


def key_values(values: np.ndarray) -> list[float]:
    """The sizes a size key shows: each of up to three, else the largest, middle, smallest.

    Examples
    --------
    >>> key_values(np.array([280.0, 280.0, 500.0]))
    [500.0, 280.0]
    >>> key_values(np.array([1.0, 2.0, 3.0, 4.0, 9.0]))
    [9.0, 3.0, 1.0]
    """
    distinct = np.unique(values)[::-1]
    if len(distinct) <= 3:
        return [float(v) for v in distinct]
    ordered = np.sort(values)[::-1]
    middle = ordered[len(ordered) // 2]
    return [float(distinct[0]), float(middle), float(distinct[-1])]


def ring_offsets(points: np.ndarray, radii: np.ndarray) -> np.ndarray:
    """Pixel offsets ``(dx, dy)`` that set points sharing one spot on a ring around it.

    ``n`` points on a spot sit on a circle of radius ``R = r / sin(π / n) + 1`` px, ``r`` the
    largest of their radii, so neighbours are at least ``2 r`` apart and never overlap; the
    first is straight above the spot (screen ``y`` grows downwards). A point alone stays put.

    Examples
    --------
    >>> from shapely.geometry import Point
    >>> ring_offsets(np.array([Point(0, 0), Point(0, 0), Point(1, 1)], dtype=object),
    ...              np.array([4.0, 4.0, 4.0])).round(1).tolist()
    [[0.0, -5.0], [0.0, 5.0], [0.0, 0.0]]
    """
    offsets = np.zeros((len(points), 2))
    spots: dict[tuple[float, float], list[int]] = {}
    for i, point in enumerate(points):
        if point is not None and not point.is_empty:
            # a spot is one site: the same place to about a centimetre
            spots.setdefault((round(point.x, 7), round(point.y, 7)), []).append(i)
    for members in spots.values():
        n = len(members)
        if n < 2:
            continue
        ring = float(np.max(radii[members])) / np.sin(np.pi / n) + 1.0
        for j, i in enumerate(members):
            angle = 2 * np.pi * j / n
            offsets[i] = (ring * np.sin(angle), -ring * np.cos(angle))
    return offsets


def point_radii(values: Sequence[float] | None, n: int) -> np.ndarray:
    """Radii in pixels: the square root of each value over the largest, from 4 to 14 px.

    Examples
    --------
    >>> point_radii([0.0, 25.0, 100.0], 3).tolist()
    [4.0, 9.0, 14.0]
    """
    small, large = POINT_RADII
    if values is None:
        return np.full(n, (small + large) / 2)
    numbers = np.asarray(values, dtype=float)
    numbers = np.where(np.isfinite(numbers) & (numbers > 0), numbers, 0.0)
    top = numbers.max() if len(numbers) else 0.0
    share = np.sqrt(numbers / top) if top > 0 else np.zeros(n)
    return small + (large - small) * share


def curved(lines: np.ndarray) -> np.ndarray:
    """Each straight origin–destination line as a quadratic curve bending to its right.

    Distances are measured with longitude scaled by the cosine of the latitude, so the bend
    looks the same east–west and north–south.
    """
    out = []
    t = np.linspace(0.0, 1.0, _CURVE_POINTS)[:, None]
    for line in lines:
        (x1, y1), (x2, y2) = np.asarray(line.coords)[[0, -1], :2]
        scale = np.cos(np.radians((y1 + y2) / 2))
        start, end = np.array([x1 * scale, y1]), np.array([x2 * scale, y2])
        along = end - start
        right = np.array([along[1], -along[0]])
        control = (start + end) / 2 + CURVATURE * right
        points = (1 - t) ** 2 * start + 2 * (1 - t) * t * control + t**2 * end
        points[:, 0] /= scale
        out.append(LineString(points))
    return np.array(out, dtype=object)


def _arrowhead(line: LineString, length: float) -> Polygon:
    """A triangle whose tip is the line's end, pointing along its last segment."""
    coords = np.asarray(line.coords)
    tip, before = coords[-1], coords[-2]
    scale = np.cos(np.radians(tip[1]))
    direction = (tip - before) * np.array([scale, 1.0])
    norm = np.hypot(*direction)
    if norm == 0:
        return Polygon()
    length = min(length, shapely.length(line) / 3)
    unit = direction / norm
    normal = np.array([-unit[1], unit[0]])
    base = np.array([tip[0] * scale, tip[1]]) - unit * length
    corners = [base + normal * length * 0.45, base - normal * length * 0.45]
    points = [tip, *((c[0] / scale, c[1]) for c in corners)]
    return Polygon(points)


def _widths(k: int) -> tuple[float, ...]:
    """Widths of ``k`` classes: evenly spread over :data:`FLOW_WIDTHS`'s range."""
    if k <= 1:
        return (FLOW_WIDTHS[1],)
    picks = np.linspace(0, len(FLOW_WIDTHS) - 1, k).round().astype(int)
    return tuple(FLOW_WIDTHS[i] for i in picks)


def _drawable(flows: gpd.GeoDataFrame, column: str) -> gpd.GeoDataFrame:
    """Flows with persons above zero and a line of some length."""
    persons = flows[column].astype(float).to_numpy()
    lines = np.asarray(flows.geometry.values, dtype=object)
    present = np.array([g is not None and not g.is_empty for g in lines], dtype=bool)
    long_enough = present.copy()
    long_enough[present] = shapely.length(lines[present].astype(object)) > 0
    return flows[np.isfinite(persons) & (persons > 0) & long_enough]
