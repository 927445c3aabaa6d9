"""Georeferencing for :mod:`layers.load`: settle a layer's CRS, bring it to the workspace's,
repair its geometries, and measure its areas.

Every problem goes into the ``found`` list the loader passes, every fact for provenance into
``notes``; nothing here raises for a user's data.
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from geo.errors import CRSError
from geo.i18n import _
from layers.catalogue import LayerKind
from layers.validate import Problem

#: The CRS of every layer in the workspace.
STORED_CRS = "EPSG:4326"
# Kazakhstan with a margin of about 1°: a layer outside it was most likely given a wrong CRS.
_KAZAKHSTAN_WITH_MARGIN = (45.0, 39.5, 89.0, 56.5)


def georeference(frame, spec: LayerKind, crs: str | None, label: str,
                  found: list[Problem], notes: list[str]):
    """Settle the CRS, reproject to :data:`STORED_CRS` and repair.

    Returns ``(frame, crs_used, repairs)``: ``crs_used`` is ``None`` when the CRS could not be
    settled (an error is in ``found`` then), ``repairs`` one line per repaired row.
    """
    from pyproj import CRS

    from geo.crs_guess import guess_crs
    from geo.repair import repair_geometries
    from geo.sk42 import check_legacy_gk, to_wgs84

    declared = frame.crs
    if crs:
        try:
            given = CRS.from_user_input(crs)
        except Exception as exc:
            found.append(Problem(label, "geometry", (), _("the coordinate reference system "
                                                          "'{crs}' is unknown", crs=crs),
                                 _("Give an EPSG code, e.g. --crs EPSG:28413 "
                                   "({reason}).", reason=exc)))
            return frame, None, ""
        if declared is not None and not declared.equals(given, ignore_axis_order=True):
            found.append(Problem(label, "geometry", (), _(
                "the file declares {declared}, --crs says {given}; {given} is used",
                declared=declared.to_string()[:120], given=crs),
                _("If the file is right, drop --crs."), severity="warning"))
        frame = frame.set_crs(given, allow_override=True)
        notes.append(_("CRS given by the user: {crs}", lang="en", crs=crs))
    elif declared is not None:
        legacy = check_legacy_gk(declared)
        if legacy:
            found.append(Problem(label, "geometry", (), legacy, ""))
            return frame, None, ""
        if declared.is_geographic:
            guess = guess_crs(tuple(frame.geometry.total_bounds))
            if guess.swapped:
                found.append(Problem(label, "geometry", (), guess.message, ""))
                return frame, None, ""
    else:
        guess = guess_crs(tuple(frame.geometry.total_bounds))
        if guess.crs is None:  # the guess's message says what to do
            found.append(Problem(label, "geometry", (), guess.message, ""))
            return frame, None, ""
        frame = frame.set_crs(guess.crs)
        found.append(Problem(label, "geometry", (), _("no CRS declared; the coordinates are "
                                                      "degrees within "
                                                      "Kazakhstan, read as {crs}", crs=guess.crs),
                             _("If that is wrong, give --crs."), severity="warning"))
        notes.append(_("no CRS declared; the coordinates are degrees within Kazakhstan, read as "
                       "{crs}", lang="en", crs=guess.crs))
    if frame.crs is not None and frame.crs.is_geographic and not _within_degrees(frame, label,
                                                                                  found):
        return frame, None, ""
    try:
        frame, operation = to_wgs84(frame)
    except CRSError as exc:
        found.append(Problem(label, "geometry", (), str(exc), _("Give the CRS with --crs EPSG:…, "
                                                                "or put a .prj beside the file.")))
        return frame, None, ""
    notes.append(operation)
    _check_inside_kazakhstan(frame, label, found)
    fixed, repairs = repair_geometries(frame.geometry.array.to_numpy(),
                                       geometry_type=spec.geometry)
    if repairs:
        frame = frame.set_geometry(type(frame.geometry)(fixed, index=frame.index, crs=frame.crs))
        rows = frame.index.to_numpy()
        by_reason: dict[str, list[int]] = {}
        for repair in repairs:
            by_reason.setdefault(repair.reason.split("[")[0], []).append(int(rows[repair.position]))
        for reason, numbers in by_reason.items():
            found.append(Problem(label, "geometry", tuple(numbers),
                                 _("geometry repaired with make_valid ({reason})",
                                   reason=reason), _("Check the repaired "
                                                                      "features; the source file "
                                                                      "is unchanged."),
                                 severity="warning"))
    text = "; ".join(f"row {frame.index[r.position]}: {r.reason} → make_valid" for r in repairs)
    promoted = _promoted(frame.geometry)
    if promoted:
        notes.append(promoted)
    return frame, STORED_CRS, text


def _promoted(geometries) -> str:
    """What the store will do to a layer mixing single and multi parts, for provenance."""
    import shapely

    from layers.store_frames import promotions

    types = shapely.get_type_id(geometries.array.to_numpy())
    return "; ".join(f"{int((types == single).sum())} {_GEOS_NAMES[single]} promoted to "
                     f"{_GEOS_NAMES[multi]} (the layer mixes both)"
                     for single, multi in promotions(types))


_GEOS_NAMES = {0: "Point", 1: "LineString", 3: "Polygon", 4: "MultiPoint",
               5: "MultiLineString", 6: "MultiPolygon"}


def _within_degrees(frame, label: str, found: list[Problem]) -> bool:
    """Whether every row of a layer in degrees lies within ±180° of longitude and ±90° of
    latitude; if not, an error names the rows (PROJ would carry lon 500 to a point elsewhere,
    or to infinity, and the layer would load with a warning only)."""
    import shapely

    bounds = shapely.bounds(frame.geometry.array.to_numpy())
    with np.errstate(invalid="ignore"):
        outside = ((np.abs(bounds[:, [0, 2]]) > 180) | (np.abs(bounds[:, [1, 3]]) > 90)).any(axis=1)
    if not outside.any():
        return True
    first = bounds[outside][0]
    found.append(Problem(label, "geometry", tuple(int(r) for r in frame.index[outside]),
                         _("coordinates outside the range of degrees (longitude ±180, latitude "
                           "±90), e.g. {value}",
                            value=f"lon {first[0]:g}…{first[2]:g}, lat {first[1]:g}…{first[3]:g}"),
                         _("Correct these coordinates; if they are not degrees, give the CRS "
                           "(--crs EPSG:…).")))
    return False


def _check_inside_kazakhstan(frame, label: str, found: list[Problem]) -> None:
    present = frame.geometry[~(frame.geometry.isna() | frame.geometry.is_empty)]
    if present.empty:
        return
    west, south, east, north = present.total_bounds
    box_w, box_s, box_e, box_n = _KAZAKHSTAN_WITH_MARGIN
    if west > box_e or east < box_w or south > box_n or north < box_s:
        found.append(Problem(label, "geometry", (), _(
            "after reprojection the layer lies outside Kazakhstan (bounds {bounds})",
            bounds=f"{west:.3f}, {south:.3f}, {east:.3f}, {north:.3f}"),
            _("Check the coordinate reference system (--crs)."), severity="warning"))


def area_km2(frame) -> pd.Series:
    """Area in km² in an equal-area projection of Kazakhstan (Lambert azimuthal).

    The shoelace formula over the projected coordinates of every ring, exterior rings added
    and holes taken away, without building projected geometries (which costs more than the
    projection itself). Polygons without holes, the usual case, are one ring each and are not
    even split into rings.
    """
    import shapely

    geometries = frame.geometry.array.to_numpy()
    area = np.zeros(len(geometries))
    simple = ((shapely.get_type_id(geometries) == shapely.GeometryType.POLYGON)
              & (shapely.get_num_interior_rings(geometries) == 0))
    area[simple] = _ring_areas(geometries[simple])
    other = ~simple & ~shapely.is_missing(geometries)
    if other.any():
        parts, part_of = shapely.get_parts(geometries[other], return_index=True)
        rings, ring_of = shapely.get_rings(parts, return_index=True)
        exterior = np.r_[True, ring_of[1:] != ring_of[:-1]]  # each polygon's first ring
        signed = np.where(exterior, 1.0, -1.0) * _ring_areas(rings)
        part_area = np.bincount(ring_of, weights=signed, minlength=len(parts))
        area[other] = np.bincount(part_of, weights=part_area, minlength=int(other.sum()))
    return pd.Series(area / 1e6, index=frame.index)


def _ring_areas(rings) -> np.ndarray:
    """Area (m², projected) enclosed by each closed ring, or each hole-free polygon."""
    import shapely

    coords, ring_of = shapely.get_coordinates(rings, return_index=True)
    x, y = _to_equal_area().transform(coords[:, 0], coords[:, 1])
    same_ring = ring_of[:-1] == ring_of[1:]
    cross = (x[:-1] * y[1:] - x[1:] * y[:-1])[same_ring]
    return np.abs(np.bincount(ring_of[:-1][same_ring], weights=cross,
                              minlength=len(rings))) / 2


@functools.cache
def _to_equal_area():
    from pyproj import Transformer

    from geo.crs import KAZAKHSTAN_EQUAL_AREA

    return Transformer.from_crs(STORED_CRS, KAZAKHSTAN_EQUAL_AREA, always_xy=True)
