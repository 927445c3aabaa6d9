"""The H3 hexagonal grid of ``qonys grid``: which cells cover a territory, and their shapes.

This module owns the translation between polygons or points (WGS 84) and H3 cells. Cell ids are
H3's **strings** (``"8920e60849bffff"``), the form a GIS user sees in QGIS and in H3's own tools;
every column and Series of ids here has pandas' ``str`` dtype. h3-py 4 is scalar per call, so the
per-cell calls are single list comprehensions; geometry is built with shapely's vectorised
constructors. Integer ids (``numpy.int64``, as from :mod:`h3.api.basic_int`) are accepted as
input everywhere and turned into strings.

A cell belongs to a polygon when its centre lies in it (H3's own rule, edges drawn straight in
longitude/latitude), so adjacent polygons never share a cell and the cells of two polygons are
the cells of their union.
"""

from __future__ import annotations

from itertools import chain

import geopandas as gpd
import h3
import numpy as np
import pandas as pd
import shapely

from geo.crs import WGS84
from geo.errors import CRSError, LayerSchemaError
from geo.i18n import _

#: Resolutions ``qonys grid`` works with: res 5 (about 250 km² a cell) to res 10 (about
#: 0.015 km²). Res 8 (0.74 km²) and res 9 (0.105 km²) are the planning grids.
RESOLUTIONS = range(5, 11)


def check_resolution(res: int) -> int:
    """Return ``res`` if it is one of :data:`RESOLUTIONS`.

    Raises
    ------
    LayerSchemaError
        (a ``ValueError``) if it is not.

    Examples
    --------
    >>> check_resolution(9)
    9
    """
    if isinstance(res, bool) or not isinstance(res, int | np.integer) or res not in RESOLUTIONS:
        msg = _("H3 resolution {res} is not supported: give a whole number from {lo} to {hi} (8 "
                "gives cells of about 0.74 km², 9 about 0.105 km²).",
                res=res, lo=RESOLUTIONS[0], hi=RESOLUTIONS[-1])
        raise LayerSchemaError(msg, [msg])
    return int(res)


def cells_in_polygons(polygons: gpd.GeoSeries, *, res: int) -> pd.DataFrame:
    """The H3 cells whose centres lie in each polygon.

    Parameters
    ----------
    polygons
        Polygons or multipolygons (holes respected), in any CRS (taken to WGS 84). Missing and
        empty geometries get no cell.
    res
        H3 resolution, 5 to 10.

    Returns
    -------
    pandas.DataFrame
        One row per cell: ``h3`` (``str`` id) and ``owner`` (the polygon's index label, with the
        index's dtype), on a fresh ``RangeIndex``, in the order of the polygons. Where polygons
        overlap, a cell whose centre lies in several goes to the first of them only. A polygon
        with no cell centre inside (smaller than a cell, or a sliver) gets the cell of its
        representative point as a row of its own: that id may also be owned by another polygon,
        the one row where an id repeats. So every non-empty polygon owns at least one row.

    Raises
    ------
    LayerSchemaError
        If ``res`` is outside 5–10, or a geometry is not polygonal.
    CRSError
        If ``polygons`` has no CRS.

    Examples
    --------
    >>> square = shapely.box(76.90, 43.20, 76.92, 43.22)  # about 1.6 km × 2.2 km, Almaty
    >>> cells = cells_in_polygons(gpd.GeoSeries([square], index=["u1"], crs=4326), res=8)
    >>> cells.columns.tolist(), cells["owner"].unique().tolist()
    (['h3', 'owner'], ['u1'])
    >>> len(cells) == len(h3.geo_to_cells(square, 8))
    True
    """
    res = check_resolution(res)
    geometries = to_wgs84(polygons, layer="units").array
    present = ~(shapely.is_missing(geometries) | shapely.is_empty(geometries))
    polygonal = np.isin(shapely.get_type_id(geometries),
                        [shapely.GeometryType.POLYGON, shapely.GeometryType.MULTIPOLYGON])
    wrong = present & ~polygonal
    if wrong.any():
        position = int(np.flatnonzero(wrong)[0])
        msg = _("In layer '{layer}', feature {row} has a {geom_type} geometry, but the H3 grid is "
                "built from polygons only. Fix or remove that feature.",
                layer="units", row=polygons.index[position],
                 geom_type=geometries[position].geom_type)
        raise LayerSchemaError(msg, [msg])

    per_polygon = [h3.geo_to_cells(geometry, res) if keep else []
                   for geometry, keep in zip(geometries, present, strict=True)]
    counts = np.fromiter(map(len, per_polygon), dtype=np.int64, count=len(per_polygon))
    cells = pd.DataFrame({
        "h3": pd.array(list(chain.from_iterable(per_polygon)), dtype="str"),
        "owner": polygons.index.repeat(counts),
    })
    # A cell is reported once per polygon by h3; overlapping polygons would report it twice.
    cells = cells[~cells["h3"].duplicated()]

    lonely = present & ~polygons.index.isin(cells["owner"].unique())
    if lonely.any():
        anchors = shapely.point_on_surface(geometries[lonely])
        fallback = pd.DataFrame({
            "h3": pd.array([h3.latlng_to_cell(y, x, res) for x, y in
                            zip(shapely.get_x(anchors), shapely.get_y(anchors), strict=True)],
                           dtype="str"),
            "owner": polygons.index[lonely],
        })
        cells = pd.concat([cells, fallback])
    return cells.reset_index(drop=True)


def cell_polygons(cells) -> gpd.GeoSeries:
    """The hexagon (or pentagon) of each cell.

    Parameters
    ----------
    cells
        H3 ids (``str`` or integer), a Series or any array-like.

    Returns
    -------
    geopandas.GeoSeries
        Polygons in WGS 84, aligned to ``cells``' index (a ``RangeIndex`` for a plain array).

    Examples
    --------
    >>> hexagon = cell_polygons(["8920e60849bffff"]).iloc[0]
    >>> len(hexagon.exterior.coords)  # six corners, the first repeated to close the ring
    7
    """
    ids, index = _ids(cells)
    boundaries = _per_cell(h3.cell_to_boundary, ids)
    corners = np.fromiter(map(len, boundaries), dtype=np.int64, count=len(boundaries))
    latlng = np.fromiter(chain.from_iterable(chain.from_iterable(boundaries)), dtype=float,
                         count=2 * int(corners.sum())).reshape(-1, 2)
    rings = shapely.linearrings(latlng[:, ::-1], indices=np.repeat(np.arange(len(ids)), corners))
    return gpd.GeoSeries(shapely.polygons(rings), index=index, crs=WGS84)


def cell_centres(cells) -> gpd.GeoSeries:
    """The centre of each cell, as points in WGS 84 aligned to ``cells``' index.

    Examples
    --------
    >>> centre = cell_centres(["8920e60849bffff"]).iloc[0]
    >>> round(centre.x, 3), round(centre.y, 3)
    (76.91, 43.201)
    """
    ids, index = _ids(cells)
    latlng = np.array(_per_cell(h3.cell_to_latlng, ids), dtype=float).reshape(-1, 2)
    return gpd.GeoSeries(shapely.points(latlng[:, 1], latlng[:, 0]), index=index, crs=WGS84)


def points_to_cells(points: gpd.GeoSeries, *, res: int) -> pd.Series:
    """The cell that holds each point.

    Parameters
    ----------
    points
        Points in any CRS (taken to WGS 84).
    res
        H3 resolution, 5 to 10.

    Returns
    -------
    pandas.Series
        ``str`` ids named ``h3``, aligned to ``points``' index; missing for a missing, empty or
        non-point geometry.

    Examples
    --------
    >>> points_to_cells(gpd.GeoSeries([shapely.Point(76.911, 43.201)], crs=4326), res=9).iloc[0]
    '8920e60849bffff'
    """
    res = check_resolution(res)
    geometries = to_wgs84(points, layer="population_grid").array
    xs, ys = shapely.get_x(geometries), shapely.get_y(geometries)
    located = np.isfinite(xs) & np.isfinite(ys)
    ids = np.full(len(geometries), None, dtype=object)
    ids[located] = [h3.latlng_to_cell(y, x, res)
                    for x, y in zip(xs[located], ys[located], strict=True)]
    return pd.Series(ids, index=points.index, name="h3", dtype="str")


def cell_area_km2(cells) -> pd.Series:
    """The exact area of each cell on H3's sphere, km², aligned to ``cells``' index.

    Examples
    --------
    >>> round(float(cell_area_km2(["8920e60849bffff"]).iloc[0]), 3)  # Almaty, above the mean
    0.126
    """
    ids, index = _ids(cells)
    area = np.array([h3.cell_area(cell, unit="km^2") for cell in ids], dtype=float)
    return pd.Series(area, index=index, name="area_km2")


def average_cell_area_km2(res: int) -> float:
    """The mean area of a cell at ``res`` over the whole Earth, km².

    Cells at Kazakhstan's latitudes are up to a fifth larger than the mean (about 0.126 km²
    at Almaty for res 9): use :func:`cell_area_km2` for a real count of cells.

    Examples
    --------
    >>> round(average_cell_area_km2(9), 4)
    0.1053
    """
    return float(h3.average_hexagon_area(check_resolution(res), unit="km^2"))


def to_wgs84(geometries: gpd.GeoSeries, *, layer: str) -> gpd.GeoSeries:
    """``geometries`` in WGS 84; a missing CRS is an error that names ``layer``."""
    if geometries.crs is None:
        raise CRSError(_("Layer '{layer}' has no coordinate reference system (CRS), so it cannot "
                         "be laid on the H3 grid. Set one when loading it (for example --crs "
                         "EPSG:4326).", layer=layer))
    return geometries if geometries.crs.equals(WGS84) else geometries.to_crs(WGS84)


def _ids(cells) -> tuple[list[str], pd.Index]:
    """Cell ids as a list of H3 strings, and the index to align results to."""
    index = cells.index if isinstance(cells, pd.Series | pd.Index) else None
    values = np.asarray(cells)
    if values.dtype.kind in "iu":
        ids = [h3.int_to_str(int(cell)) for cell in values]
    else:
        ids = [str(cell) for cell in values]
    if index is None or isinstance(cells, pd.Index):
        index = pd.RangeIndex(len(ids))
    return ids, index


def _per_cell(function, ids: list[str]) -> list:
    """``function`` applied to every id; an id that is not an H3 cell is named in the error."""
    try:
        return [function(cell) for cell in ids]
    except (h3.H3BaseException, ValueError, TypeError):
        bad = next(cell for cell in ids if not h3.is_valid_cell(cell))
        msg = _("'{cell}' is not an H3 cell id. Check the h3 column (an id looks like "
                "8920e60849bffff).", cell=bad)
        raise LayerSchemaError(msg, [msg]) from None
