"""Compact geometry and tooltip tables for web maps: simplified, quantised, delta-coded, shared.

A report's maps carry thousands of features; written as GeoJSON, every layer would repeat
every polygon and every tooltip value. Here a map carries each distinct set of geometries once
(``shapes``), however many layers colour it, and each distinct tooltip column once
(``columns``); layers refer to them by index.

Geometry is simplified for the map's scale, then quantised as TopoJSON does: a coordinate is
an integer number of ``step`` degrees from the map's south-west corner, and each ring or line
stores its first point and then the differences between neighbours (small integers, short in
JSON). The step is a power of ten near 1/50,000 of the map's extent, and at least 1e-5° (about
1 m, the step of a city region's map); the simplification tolerance is 1/20,000 of the extent:
1/20 of a screen pixel when the map is fitted to a 1,000-pixel-wide page, so what is dropped
cannot be seen until zoomed in more than twentyfold. Each geometry is simplified on its own
(shapely's ``simplify`` with topology preserved): neighbours may part by up to the tolerance,
invisibly at the map's scale.

A geometry is a list ``[type, parts]``: ``1`` point ``[1, x, y]``; ``2`` line ``[2, line]``;
``3`` polygon ``[3, [ring, ...]]``; ``4`` multipoint ``[4, line]``; ``5`` multiline
``[5, [line, ...]]``; ``6`` multipolygon ``[6, [[ring, ...], ...]]``; ``7`` collection
``[7, [geometry, ...]]``. A ``line`` or ``ring`` is flat ``[x0, y0, dx1, dy1, ...]``; rings drop
their closing point. A missing or empty geometry is ``null`` and is not drawn.

Examples
--------
>>> import numpy as np
>>> from shapely.geometry import box
>>> grid = Quantisation(x0=76.0, y0=43.0, step=0.01)
>>> grid.encode(np.array([box(76.0, 43.0, 76.02, 43.01)], dtype=object))
[[3, [[2, 0, 0, 1, -2, 0, 0, -1]]]]
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely

#: Quantisation step as a share of the map's extent (rounded down to a power of ten).
STEP_SHARE = 1 / 50_000
#: The finest step, in degrees: about 1 m, finer than any boundary a planning map shows.
MIN_STEP = 1e-5
#: Simplification tolerance as a share of the map's extent.
TOLERANCE_SHARE = 1 / 20_000
#: Tooltip columns with at most this share of distinct values are stored as a dictionary.
DICTIONARY_SHARE = 0.5

_TYPES = {"Point": 1, "LineString": 2, "Polygon": 3, "MultiPoint": 4, "MultiLineString": 5,
          "MultiPolygon": 6, "GeometryCollection": 7}


@dataclass(frozen=True)
class Quantisation:
    """The integer grid of one map: ``lon = x0 + X * step``, ``lat = y0 + Y * step``.

    ``tolerance`` (degrees) is how far simplification may move a line; 0 keeps every vertex.
    """

    x0: float
    y0: float
    step: float
    tolerance: float = 0.0

    @classmethod
    def for_bounds(cls, bounds: Sequence[Sequence[float]] | None) -> Quantisation:
        """The grid for a map of ``[[south, west], [north, east]]`` (Leaflet's order)."""
        if bounds is None:
            return cls(0.0, 0.0, MIN_STEP)
        (south, west), (north, east) = bounds
        extent = max(east - west, north - south, 1e-6)
        step = max(10.0 ** math.floor(math.log10(extent * STEP_SHARE)), MIN_STEP)
        return cls(_floor_to(west, step), _floor_to(south, step), step,
                   extent * TOLERANCE_SHARE)

    def spec(self) -> list[float]:
        """``[x0, y0, step]`` as the page script reads it."""
        return [self.x0, self.y0, self.step]

    def encode(self, geometries: np.ndarray, *, simplify: bool = True) -> list[Any]:
        """Each geometry (EPSG:4326) as a compact list, or ``None`` when missing or empty."""
        geometries = np.asarray(geometries, dtype=object)
        if simplify and self.tolerance > 0:
            present = np.array([g is not None for g in geometries])
            geometries = geometries.copy()
            geometries[present] = shapely.simplify(geometries[present].astype(object),
                                                   self.tolerance, preserve_topology=True)
        return [None if g is None or g.is_empty else self._geometry(g) for g in geometries]

    def _geometry(self, geometry: Any) -> list[Any]:
        kind = _TYPES[geometry.geom_type]
        if kind == 1:
            x, y = self._grid(np.asarray(geometry.coords))[0]
            return [1, int(x), int(y)]
        if kind == 2:
            return [2, self._line(geometry.coords)]
        if kind == 3:
            return [3, self._rings(geometry)]
        if kind == 4:
            return [4, self._line([p.coords[0] for p in geometry.geoms])]
        if kind == 5:
            return [5, [self._line(line.coords) for line in geometry.geoms]]
        if kind == 6:
            return [6, [self._rings(polygon) for polygon in geometry.geoms]]
        return [7, [self._geometry(g) for g in geometry.geoms if not g.is_empty]]

    def _rings(self, polygon: Any) -> list[list[int]]:
        rings = [polygon.exterior, *polygon.interiors]
        return [self._line(ring.coords[:-1]) for ring in rings]

    def _line(self, coords: Any) -> list[int]:
        grid = self._grid(np.asarray(coords, dtype=float)[:, :2])
        deltas = np.vstack([grid[:1], np.diff(grid, axis=0)])
        keep = np.r_[True, np.any(deltas[1:] != 0, axis=1)]  # points that fell on one grid node
        grid = grid[keep]
        deltas = np.vstack([grid[:1], np.diff(grid, axis=0)])
        return deltas.ravel().tolist()

    def _grid(self, xy: np.ndarray) -> np.ndarray:
        x = np.rint((xy[:, 0] - self.x0) / self.step)
        y = np.rint((xy[:, 1] - self.y0) / self.step)
        return np.column_stack([x, y]).astype(np.int64)


def fingerprint(geometries: np.ndarray) -> str:
    """A digest of the geometries, so layers over the same features share one copy."""
    digest = hashlib.sha1(usedforsecurity=False)
    for wkb in shapely.to_wkb(np.asarray(geometries, dtype=object)):
        digest.update(b"\0" if wkb is None else wkb)
    digest.update(str(len(geometries)).encode())
    return digest.hexdigest()


def text_column(texts: Sequence[str]) -> dict[str, list]:
    """A tooltip column: ``{"v": texts}``, or ``{"v": distinct, "i": codes}`` when repetitive.

    Examples
    --------
    >>> text_column(["heat", "heat", "water", "heat"])
    {'v': ['heat', 'water'], 'i': [0, 0, 1, 0]}
    >>> text_column(["a", "b"])
    {'v': ['a', 'b']}
    """
    distinct = list(dict.fromkeys(texts))
    if len(texts) > 2 and len(distinct) <= DICTIONARY_SHARE * len(texts):
        position = {text: i for i, text in enumerate(distinct)}
        return {"v": distinct, "i": [position[t] for t in texts]}
    return {"v": list(texts)}


def _floor_to(value: float, step: float) -> float:
    """``value`` rounded down to a multiple of ``step``, printed without float noise."""
    decimals = max(0, -math.floor(math.log10(step)))
    return round(math.floor(value / step) * step, decimals)
