"""Areal and dasymetric disaggregation: unit populations spread to grid cells, totals kept.

This module owns how whole persons of a territorial unit are split among its pieces (H3 cells):
by population points where a population layer is loaded (dasymetric), else by each cell's area
outside the ``constraints`` layer (areal). Every split goes through :func:`allocate_exactly`, so
each unit's cells hold whole persons that add up to the unit's rounded total, no more, no less.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pyproj
import shapely
from scipy.spatial import cKDTree

from geo.crs import KAZAKHSTAN_EQUAL_AREA, WGS84
from geo.errors import CRSError, LayerSchemaError
from geo.hexgrid import (
    cell_area_km2,
    cell_centres,
    cell_polygons,
    check_resolution,
    points_to_cells,
    to_wgs84,
)
from geo.i18n import N_, _
from geo.repair import repair_geometries

#: Remainders closer than this count as equal, so that the earlier piece wins a tie whatever
#: the last bits of floating point say (10 persons over weights 1, 1, 1 give 4, 3, 3).
_TIE = 9  # decimals
#: Separates the units in the nearest-cell search: no two points in Kazakhstan are 100,000 km
#: apart, so a third coordinate of unit number × this many metres keeps each search in its unit.
_UNIT_APART_M = 1e8
#: Constraint polygons are cut into pieces of at most this many corners before the overlay.
_MAX_VERTICES = 256
_MAX_HALVINGS = 40


def allocate_exactly(totals: pd.Series, groups, weights) -> np.ndarray:
    """Whole persons per piece, in proportion to the weights within each piece's group.

    Each group's total is rounded to a whole number (half to even, as :func:`round`); each
    piece gets the floor of its exact quota, and the persons still missing go one each to the
    pieces with the largest remainders (Hamilton's largest remainder method). Equal remainders
    (to 1e-9) go to the earlier piece first. A group whose weights are all zero is spread
    evenly over its pieces by the same rule.

    Parameters
    ----------
    totals
        Persons per group, indexed by group (unique labels).
    groups
        The group of each piece.
    weights
        A finite weight of at least zero for each piece.

    Returns
    -------
    numpy.ndarray
        ``int64`` persons per piece, in the pieces' order. Within a group every piece gets the
        floor or the ceiling of its quota, and the pieces sum to the group's rounded total.

    Raises
    ------
    LayerSchemaError
        (a ``ValueError``) for a negative, NaN or infinite weight or total, a repeated group
        label, a piece whose group has no total, or a group with persons and no piece.

    Examples
    --------
    >>> allocate_exactly(pd.Series({"a": 10, "b": 5}), ["a", "a", "a", "b", "b"],
    ...                  [1, 1, 1, 0, 0]).tolist()
    [4, 3, 3, 3, 2]
    """
    weights = np.asarray(weights, dtype=float)
    groups = np.asarray(groups)
    if groups.shape != weights.shape or weights.ndim != 1:
        msg = f"groups {groups.shape} and weights {weights.shape} must be 1-D of equal length"
        raise ValueError(msg)
    bad = ~np.isfinite(weights) | (weights < 0)
    if bad.any():
        position = int(np.flatnonzero(bad)[0])
        _schema_error(N_(
                "Weight {value} at position {position} is negative or not a number: the weights "
                "that spread population must be "
                "finite and at least zero."), position=position, value=weights[position])
    if not totals.index.is_unique:
        _schema_error(N_(
                "The total of '{group}' is given more than once; each unit needs one total. Merge "
                "or rename the repeated units."), group=totals.index[totals.index.duplicated()][0])
    values = totals.to_numpy(dtype=float, na_value=np.nan)
    bad = ~np.isfinite(values) | (values < 0)
    if bad.any():
        position = int(np.flatnonzero(bad)[0])
        _schema_error(N_(
                "The total of '{group}' is {value}: a population must be a finite number of at "
                "least zero. Correct that "
                "unit's population."), group=totals.index[position], value=values[position])
    target = np.rint(values).astype(np.int64)

    codes = totals.index.get_indexer(groups)
    if (codes < 0).any():
        missing = groups[codes < 0]
        _schema_error(N_(
                "{count} pieces belong to '{group}', which has no total. Add that unit's "
                "population or remove its cells."), group=missing[0],
                      count=int((missing == missing[0]).sum()))
    n_groups = len(totals)
    stranded = (np.bincount(codes, minlength=n_groups) == 0) & (target > 0)
    if stranded.any():
        _schema_error(N_(
                "{count} units have residents but no cell to put them in (for example: {groups}). "
                "Check that their polygons are not empty and are "
                "part of the grid."), count=int(stranded.sum()),
                      groups=", ".join(map(str, totals.index[stranded][:5])))

    weight_sum = np.bincount(codes, weights, minlength=n_groups)
    weights = np.where(weight_sum[codes] > 0, weights, 1.0)
    weight_sum = np.bincount(codes, weights, minlength=n_groups)
    quota = weights / weight_sum[codes] * target[codes]
    whole = np.floor(quota)
    # The computed quotas of a group sum to its total within n·ε·total (far below one person
    # for any population), so 0 <= missing <= pieces in the group: no piece ever loses one.
    missing = target - np.bincount(codes, whole, minlength=n_groups).astype(np.int64)
    remainder = np.round(quota - whole, _TIE)
    position = np.arange(len(weights))
    order = np.lexsort((position, -remainder, codes))
    sorted_codes = codes[order]
    rank = position - np.searchsorted(sorted_codes, sorted_codes, side="left")
    extra = np.zeros(len(weights), dtype=np.int64)
    extra[order] = rank < missing[sorted_codes]
    return whole.astype(np.int64) + extra


def weights_outside(cells: gpd.GeoSeries, constraints: gpd.GeoSeries | None) -> np.ndarray:
    """Area of each cell outside every constraint polygon, km².

    Areas are planar in :data:`geo.crs.KAZAKHSTAN_EQUAL_AREA`. The constraints are repaired,
    dissolved into disjoint polygons, cut into pieces of at most 256 corners, and matched to the
    cells with an STRtree: a cell inside a constraint weighs 0 with no overlay, a cell that
    touches none keeps its whole area, and only cells on a constraint's edge are intersected
    exactly.

    Parameters
    ----------
    cells
        Cell polygons, any CRS.
    constraints
        Polygons where no housing goes (protected land, hazard zones, steep slopes), any CRS;
        ``None`` or empty for none. Lines and points in it are ignored.

    Returns
    -------
    numpy.ndarray
        ``float64`` km² per cell, in the cells' order.

    Examples
    --------
    >>> cell = cell_polygons(["8920e60849bffff"])
    >>> lon, lat = cell.iloc[0].centroid.coords[0]
    >>> west_half = gpd.GeoSeries([shapely.box(lon - 0.01, lat - 0.01, lon, lat + 0.01)], crs=4326)
    >>> whole, = weights_outside(cell, None)
    >>> half, = weights_outside(cell, west_half)
    >>> round(float(whole), 3), round(float(half / whole), 2)
    (0.126, 0.5)
    """
    projected = _equal_area(cells, layer="grid")
    area = shapely.area(projected)
    if constraints is None or len(constraints) == 0:
        return area / 1e6
    blocked, __ = repair_geometries(_equal_area(constraints, layer="constraints"),
                                   geometry_type="Polygon")
    polygonal = np.isin(shapely.get_type_id(blocked),
                        [shapely.GeometryType.POLYGON, shapely.GeometryType.MULTIPOLYGON])
    # Dissolving first makes the parts disjoint, so the covered areas of one cell add up.
    parts = _subdivide(shapely.get_parts(shapely.union_all(blocked[polygonal])))
    if len(parts) == 0:
        return area / 1e6
    tree = shapely.STRtree(projected)
    touch_part, touch_cell = tree.query(parts, predicate="intersects")
    inside_part, inside_cell = tree.query(parts, predicate="contains")
    inside = np.isin(touch_part * len(projected) + touch_cell,
                     inside_part * len(projected) + inside_cell)
    edge_cell = touch_cell[~inside]
    clipped = shapely.area(shapely.intersection(projected[edge_cell], parts[touch_part[~inside]]))
    covered = (np.bincount(inside_cell, area[inside_cell], minlength=len(projected))
               + np.bincount(edge_cell, clipped, minlength=len(projected)))
    outside = area - covered
    # A cell inside a constraint but across one of its cuts is covered by two overlays whose
    # areas add up to the cell's only to rounding: that residue is no room for housing.
    outside[outside <= area * 1e-9] = 0.0
    return outside / 1e6


def disaggregate(
    unit_totals: pd.Series | pd.DataFrame,
    cells: pd.DataFrame,
    *,
    points: gpd.GeoDataFrame | None = None,
    constraints: gpd.GeoSeries | None = None,
    res: int,
    persons_column: str = "persons",
) -> pd.Series | pd.DataFrame:
    """Whole persons per cell, each unit's total kept exactly.

    With population ``points``, each point's persons weigh on the cell that holds it among its
    own unit's cells; a point whose cell is not one of its unit's cells (it lies across the
    boundary, or in a cell another unit owns) weighs on its unit's cell with the nearest centre
    (a KD-tree in :data:`geo.crs.KAZAKHSTAN_EQUAL_AREA`). Points of units not in
    ``unit_totals`` are ignored. A unit with no point, or whose points hold no one, is spread
    by area outside ``constraints`` (H3's exact cell area where there are no constraints), as
    every unit is when ``points`` is ``None``; a unit whose cells all weigh zero (say, wholly
    inside a constraint) is spread evenly. The units taken by area and those spread evenly are
    listed in the result's ``attrs`` (``units_by_area``, ``units_spread_evenly``) so that the
    caller can report them.

    Parameters
    ----------
    unit_totals
        Persons per unit, indexed by ``unit_id``; rounded to whole persons. A DataFrame gives
        several totals (registered and actual residents) spread by the same weights, which
        are then computed once.
    cells
        ``h3`` (``str`` ids) and ``owner`` (the ``unit_id``) per row, as from
        :func:`geo.hexgrid.cells_in_polygons`.
    points
        Population points with ``unit_id`` and ``persons_column``, any CRS.
    constraints
        Polygons where no housing goes, any CRS.
    res
        The cells' H3 resolution.
    persons_column
        The column of ``points`` with residents (``persons``, ``persons_actual`` …).

    Returns
    -------
    pandas.Series or pandas.DataFrame
        ``int64`` persons named ``persons`` (or one column per column of ``unit_totals``),
        aligned to ``cells``' index.

    Examples
    --------
    >>> square = shapely.box(76.90, 43.20, 76.92, 43.22)
    >>> from geo.hexgrid import cells_in_polygons
    >>> cells = cells_in_polygons(gpd.GeoSeries([square], index=["u1"], crs=4326), res=9)
    >>> persons = disaggregate(pd.Series({"u1": 1000.4}), cells, res=9)
    >>> int(persons.sum()), persons.name
    (1000, 'persons')
    """
    check_resolution(res)
    owners = cells["owner"].to_numpy()
    units = unit_totals.index
    by_area = np.ones(len(cells), dtype=bool)
    weights = np.zeros(len(cells))
    units_by_area = units
    if points is not None and len(points) > 0:
        point_weight, units_with_points = _point_weights(cells, units, points, res=res,
                                                         persons_column=persons_column)
        by_area = ~pd.Index(owners).isin(units_with_points)
        weights[~by_area] = point_weight[~by_area]
        units_by_area = units[~units.isin(units_with_points)]
    if by_area.any() and (constraints is None or len(constraints) == 0):
        # With nothing to cut away, H3's own cell areas spare building ~300,000 hexagons.
        weights[by_area] = cell_area_km2(cells["h3"].to_numpy()[by_area]).to_numpy()
    elif by_area.any():
        polygons = cell_polygons(cells["h3"].to_numpy()[by_area])
        weights[by_area] = weights_outside(polygons, constraints)
    totals = unit_totals.to_frame("persons") if isinstance(unit_totals, pd.Series) \
        else unit_totals
    result = pd.DataFrame({column: allocate_exactly(totals[column], owners, weights)
                           for column in totals.columns}, index=cells.index)
    if isinstance(unit_totals, pd.Series):
        result = result["persons"]

    weight_of_unit = pd.Series(weights).groupby(owners).sum()
    weightless = weight_of_unit.index[weight_of_unit.to_numpy() == 0]
    anyone = np.rint(totals.reindex(weightless).fillna(0)).gt(0).any(axis=1)
    result.attrs["units_by_area"] = units_by_area.tolist()
    result.attrs["units_spread_evenly"] = weightless[anyone.to_numpy()].tolist()
    return result


def _point_weights(cells: pd.DataFrame, units: pd.Index, points: gpd.GeoDataFrame, *,
                   res: int, persons_column: str) -> tuple[np.ndarray, pd.Index]:
    """Persons of the points per cell row, and the units whose points hold anyone."""
    absent = [c for c in ("unit_id", persons_column) if c not in points.columns]
    if absent:
        _schema_error(N_(
                "Layer '{layer}' lacks the columns {columns}: population points need unit_id "
                "(their unit) and a number of residents. Add them or "
                "rename the columns."), layer="population_grid",
                      columns=", ".join(absent))
    known = points["unit_id"].isin(units).to_numpy()
    if not known.any():
        examples = ", ".join(map(repr, points["unit_id"].drop_duplicates()[:3]))
        _schema_error(N_(
                "No point of layer '{layer}' belongs to a known unit (for example unit_id = "
                "{examples}). Check that the points' unit_id matches the units' unit_id, "
                "including its type (text or "
                "number)."), layer="population_grid", examples=examples)
    points = points[known]
    persons = points[persons_column].to_numpy(dtype=float, na_value=np.nan)
    bad = ~np.isfinite(persons) | (persons < 0)
    if bad.any():
        position = int(np.flatnonzero(bad)[0])
        _schema_error(N_(
                "Point {row} of layer '{layer}' has {column} = {value}: a number of residents "
                "must be finite and at least zero. Correct "
                "the value or remove the row."),
                      layer="population_grid", row=points.index[position],
                      column=persons_column, value=persons[position])
    point_cells = points_to_cells(points.geometry, res=res)
    if point_cells.isna().any():
        _schema_error(N_(
                "Point {row} of layer '{layer}' has no coordinates (an empty or non-point "
                "geometry). Give it coordinates or remove the row."), layer="population_grid",
                      row=point_cells.index[point_cells.isna()][0])

    owner_code = units.get_indexer(cells["owner"])
    point_code = units.get_indexer(points["unit_id"])
    rows = pd.DataFrame({"h3": cells["h3"].to_numpy(), "code": owner_code,
                         "row": np.arange(len(cells))}).drop_duplicates(["h3", "code"])
    key = pd.MultiIndex.from_arrays([rows["h3"], rows["code"]])
    found = key.get_indexer(pd.MultiIndex.from_arrays([point_cells.to_numpy(), point_code]))
    row = np.where(found >= 0, rows["row"].to_numpy()[found], -1)

    stray = (row < 0) & np.isin(point_code, owner_code)
    if stray.any():
        row[stray] = _nearest_own_cell(cells, owner_code, points.geometry[stray],
                                       point_code[stray])
    placed = row >= 0  # points of a unit that has no cell at all weigh on nothing
    weight = np.bincount(row[placed], persons[placed], minlength=len(cells))
    unit_persons = np.bincount(point_code[placed], persons[placed], minlength=len(units))
    return weight, units[unit_persons > 0]


def _nearest_own_cell(cells: pd.DataFrame, owner_code: np.ndarray, points: gpd.GeoSeries,
                      point_code: np.ndarray) -> np.ndarray:
    """Row of the cell of the same unit with the centre nearest to each point."""
    to_metric = pyproj.Transformer.from_crs(WGS84, KAZAKHSTAN_EQUAL_AREA, always_xy=True)
    centres = cell_centres(cells["h3"].to_numpy())
    have_unit = owner_code >= 0
    cx, cy = to_metric.transform(shapely.get_x(centres.array)[have_unit],
                                 shapely.get_y(centres.array)[have_unit])
    points = to_wgs84(points, layer="population_grid").array
    px, py = to_metric.transform(shapely.get_x(points), shapely.get_y(points))
    tree = cKDTree(np.column_stack([cx, cy, owner_code[have_unit] * _UNIT_APART_M]))
    __, nearest = tree.query(np.column_stack([px, py, point_code * _UNIT_APART_M]))
    return np.flatnonzero(have_unit)[nearest]


def _subdivide(parts: np.ndarray) -> np.ndarray:
    """Cut polygons of more than :data:`_MAX_VERTICES` corners in halves until none has more.

    An overlay costs the corners of both polygons: without this, each cell on the edge of a
    nature reserve drawn with 20,000 corners would pay for all of them. The halves of disjoint
    polygons stay disjoint, and their areas add up to the whole.
    """
    done = []
    for __ in range(_MAX_HALVINGS):
        big = shapely.get_num_coordinates(parts) > _MAX_VERTICES
        done.append(parts[~big])
        parts = parts[big]
        if len(parts) == 0:
            break
        xmin, ymin, xmax, ymax = shapely.bounds(parts).T
        wide = xmax - xmin >= ymax - ymin
        cut_x, cut_y = (xmin + xmax) / 2, (ymin + ymax) / 2
        low = shapely.box(xmin, ymin, np.where(wide, cut_x, xmax), np.where(wide, ymax, cut_y))
        high = shapely.box(np.where(wide, cut_x, xmin), np.where(wide, ymin, cut_y), xmax, ymax)
        halves = shapely.get_parts(shapely.intersection(np.concatenate([parts, parts]),
                                                        np.concatenate([low, high])))
        parts = halves[shapely.get_type_id(halves) == shapely.GeometryType.POLYGON]
    return np.concatenate([*done, parts])


def _equal_area(geometries: gpd.GeoSeries, *, layer: str) -> np.ndarray:
    if geometries.crs is None:
        raise CRSError(_("Layer '{layer}' has no coordinate reference system (CRS), so it cannot "
                         "be laid on the H3 grid. Set one when loading it (for example --crs "
                         "EPSG:4326).", layer=layer))
    return np.asarray(geometries.to_crs(KAZAKHSTAN_EQUAL_AREA).array, dtype=object)


def _schema_error(key: str, **values: object) -> None:
    msg = _(key, **values)
    raise LayerSchemaError(msg, [msg])
