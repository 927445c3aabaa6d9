"""Geometry repair for loaded layers: make invalid geometries valid and say what was done.

:func:`repair_geometries` repairs with GEOS's ``make_valid`` (the "structure" method where
shapely offers it: a self-intersecting ring becomes the area it encloses, not a pile of lines)
and keeps, for a polygon layer, only the polygonal parts of what comes back. Each repair is
returned with its row and GEOS's reason, so that the loader reports every one.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely

_TYPE = shapely.GeometryType
#: The GEOS type ids of each geometry family of the catalogue, single or multi (a ring is a
#: line). Validation, repair and styling all ask which family a geometry belongs to here.
GEOMETRY_TYPE_IDS: dict[str, tuple[int, ...]] = {
    "Point": (_TYPE.POINT, _TYPE.MULTIPOINT),
    "LineString": (_TYPE.LINESTRING, _TYPE.LINEARRING, _TYPE.MULTILINESTRING),
    "Polygon": (_TYPE.POLYGON, _TYPE.MULTIPOLYGON),
}


@dataclass(frozen=True)
class Repair:
    """One repaired geometry.

    Attributes
    ----------
    position
        Position of the geometry in the input (from 0).
    reason
        Why it was invalid, as GEOS says (``"Self-intersection[0.5 0.5]"``).
    """

    position: int
    reason: str


def repair_geometries(
    geometries: np.ndarray, *, geometry_type: str | None = None
) -> tuple[np.ndarray, list[Repair]]:
    """Make every invalid geometry valid.

    Parameters
    ----------
    geometries
        An array of shapely geometries (``None`` and empty ones are left alone).
    geometry_type
        ``"Polygon"``, ``"LineString"`` or ``"Point"``: keep only the parts of that dimension
        from what ``make_valid`` returns (a bow-tie polygon may come back with a stray line).

    Returns
    -------
    tuple
        The repaired array (a copy) and the list of :class:`Repair`.

    Examples
    --------
    >>> bow_tie = shapely.Polygon([(0, 0), (2, 2), (2, 0), (0, 2)])
    >>> fixed, repairs = repair_geometries(np.array([bow_tie]), geometry_type="Polygon")
    >>> fixed[0].geom_type, round(fixed[0].area, 3), repairs[0].reason
    ('MultiPolygon', 2.0, 'Self-intersection[1 1]')
    """
    values = np.asarray(geometries, dtype=object).copy()
    present = ~shapely.is_missing(values) & ~shapely.is_empty(values)
    invalid = present & ~shapely.is_valid(values)
    repairs: list[Repair] = []
    for position in np.flatnonzero(invalid):
        original = values[position]
        repaired = _make_valid(original)
        if geometry_type in GEOMETRY_TYPE_IDS:
            repaired = _keep_dimension(repaired, GEOMETRY_TYPE_IDS[geometry_type])
        values[position] = repaired
        repairs.append(Repair(int(position), shapely.is_valid_reason(original)))
    return values, repairs


def _make_valid(geometry):
    try:
        return shapely.make_valid(geometry, method="structure", keep_collapsed=False)
    except TypeError:  # shapely < 2.1 has only the "linework" method
        return shapely.make_valid(geometry)


def _keep_dimension(geometry, types):
    parts = shapely.get_parts(geometry)
    kept = [p for p in parts if shapely.get_type_id(p) in types]
    kept = [q for p in kept for q in shapely.get_parts(p)]
    if not kept:
        return shapely.from_wkt("GEOMETRYCOLLECTION EMPTY")
    kind = shapely.get_type_id(kept[0])
    if kind == shapely.GeometryType.POLYGON:
        return shapely.multipolygons(kept)
    if kind == shapely.GeometryType.LINESTRING:
        return shapely.multilinestrings(kept)
    return shapely.multipoints(kept)
