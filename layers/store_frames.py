"""The frames going into and out of the workspace store: :func:`prepare_frame` checks a frame
before :meth:`layers.store.Store.write_layers` writes it (names, columns, CRS) and brings it to
the stored form, and :func:`normalize_read` brings a frame read from either store (GeoPackage or
PostGIS) to one form; both stores share the column names :data:`FID` and :data:`GEOMETRY`.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from geo.errors import LayerSchemaError
from geo.i18n import N_, _

__all__ = ["FID", "GEOMETRY", "normalize_read", "prepare_frame"]

#: The feature id column of both stores; a layer may not have a column of that name.
FID = "fid"
GEOMETRY = "geometry"


def prepare_frame(name: str, data: object) -> pd.DataFrame:
    """Check a frame and bring it to the stored form (see :meth:`layers.store.Store.write_layers`).

    Returns a new frame: a GeoDataFrame with one geometry column ``geometry`` (rings as lines,
    mixed single and multi geometries promoted to multi) or a plain DataFrame, with a fresh
    RangeIndex.

    Raises
    ------
    LayerSchemaError
        If ``data`` is not a DataFrame, has more than one geometry column, a GeoDataFrame has no
        CRS with an EPSG code, or a column is misnamed or holds non-scalar values.
    """
    import geopandas as gpd

    if not isinstance(data, pd.DataFrame):
        msg = _("Layer '{layer}' must be a GeoDataFrame or a DataFrame, not {type}.",
                layer=name, type=type(data).__name__)
        raise LayerSchemaError(msg, [msg])
    geo_columns = [c for c in data.columns if getattr(data[c].dtype, "name", "") == "geometry"]
    active = data.geometry.name if isinstance(data, gpd.GeoDataFrame) and geo_columns else None
    if len(geo_columns) > 1 or (geo_columns and active is None):
        columns = ", ".join(str(c) for c in geo_columns)
        msg = _("Layer '{layer}' has several geometry columns or none active ({columns}); a layer "
                "holds exactly one. Drop the others or convert them "
                "to WKT text.", layer=name, columns=columns)
        raise LayerSchemaError(msg, [msg])
    frame = _reset_index(data)
    frame = _stored_columns(name, frame, skip=active)
    if active is None:
        return pd.DataFrame(frame)
    crs = data.crs
    if crs is None or crs.to_epsg() is None:
        msg = _("Layer '{layer}' has no coordinate reference system with an EPSG code (found: "
                "{crs}). Set it, or reproject the layer (for example to EPSG:4326), before "
                "writing it.",
                layer=name, crs=crs.to_string() if crs else "-")
        raise LayerSchemaError(msg, [msg])
    frame = gpd.GeoDataFrame(frame, geometry=active, crs=crs)
    if active != GEOMETRY:
        frame = frame.rename_geometry(GEOMETRY)
    frame[GEOMETRY] = _uniform_geometries(frame.geometry)
    return frame


def _reset_index(data: pd.DataFrame) -> pd.DataFrame:
    index = data.index
    plain = index.nlevels == 1 and index.name is None and pd.api.types.is_integer_dtype(index)
    return data.reset_index(drop=plain)


def _stored_columns(name: str, frame: pd.DataFrame, *, skip: str | None) -> pd.DataFrame:
    """Check the column names and give ``object`` columns the type both stores keep."""
    seen: set[str] = set()
    for column in frame.columns:
        if not isinstance(column, str) or not column:
            msg = _("Layer '{layer}' has a column whose name is not text or is empty: {column}. "
                    "Name every column with a string.",
                    layer=name, column=repr(column))
            raise LayerSchemaError(msg, [msg])
        problem = N_(
                "Layer '{layer}' has a column '{column}': that name is the feature id of "
                "GeoPackage and PostGIS. "
                "Rename the column.") if column.lower() == FID else N_(
                "Layer '{layer}' has the column name '{column}' twice (case ignored). Rename one "
                "of the columns.")
        if column.lower() == FID or column.lower() in seen:
            msg = _(problem, layer=name, column=column)
            raise LayerSchemaError(msg, [msg])
        seen.add(column.lower())
        if column == skip or frame[column].dtype != object:
            continue
        values = frame[column]
        kind = pd.api.types.infer_dtype(values, skipna=True)
        if kind in _OBJECT_AS:  # else a driver would write text for one, a number for another
            frame[column] = _OBJECT_AS[kind](values)
        elif kind in ("mixed", "mixed-integer", "bytes"):  # drivers would write repr() as text
            bad = next((v for v in values if v is not None and (
                isinstance(v, bytes) or not pd.api.types.is_scalar(v))), None)
            if bad is not None:
                msg = _("Column '{column}' of layer '{layer}' holds values that are not numbers, "
                        "text or dates (for example {example}). Convert them first.",
                        layer=name, column=column, example=repr(bad)[:60])
                raise LayerSchemaError(msg, [msg])
    return frame


_EMPTY_AS = {"boolean": "bool", "integer": "int64", "float": "float64"}
_OBJECT_AS = {
    "boolean": lambda values: values.astype("boolean"),
    "integer": lambda values: values.astype("Int64"),
    "floating": lambda values: values.astype("float64"),
    "mixed-integer-float": lambda values: values.astype("float64"),
    "date": lambda values: pd.to_datetime(values),
}


def _uniform_geometries(series):  # GeoSeries -> GeoSeries
    """Rings become lines; a mix of single and multi parts becomes all multi."""
    import shapely

    values = series.array.to_numpy().copy()
    types = shapely.get_type_id(values)
    rings = types == shapely.GeometryType.LINEARRING
    if rings.any():
        values[rings] = [shapely.LineString(ring.coords) for ring in values[rings]]
        types = shapely.get_type_id(values)
    make = {shapely.GeometryType.MULTIPOINT: shapely.multipoints,
            shapely.GeometryType.MULTILINESTRING: shapely.multilinestrings,
            shapely.GeometryType.MULTIPOLYGON: shapely.multipolygons}
    for single, multi in promotions(types):
        is_single = types == single
        values[is_single] = [make[multi]([g]) for g in values[is_single]]
    return type(series)(values, index=series.index, crs=series.crs, name=series.name)


def promotions(types):  # np.ndarray of GEOS type ids -> list[tuple[GeometryType, GeometryType]]
    """The (single, multi) type pairs a layer mixes: the store writes its singles as multi."""
    import shapely

    kinds = shapely.GeometryType
    pairs = ((kinds.POINT, kinds.MULTIPOINT), (kinds.LINESTRING, kinds.MULTILINESTRING),
             (kinds.POLYGON, kinds.MULTIPOLYGON))
    return [(single, multi) for single, multi in pairs
            if (types == single).any() and (types == multi).any()]


def normalize_read(frame: pd.DataFrame, hints: Mapping[str, str]) -> pd.DataFrame:
    """Bring a frame read from either store to one form.

    Text columns get pandas' text dtype (``str`` under pandas 3), times microsecond units;
    columns the store declares ``"boolean"`` or ``"integer"`` (``hints``) that came back as
    floats or objects because of missing values become pandas' nullable ``boolean`` and
    ``Int64``; typed columns of an empty table get their type; the index is a fresh RangeIndex.
    """
    frame = frame.reset_index(drop=True)
    for column in frame.columns:
        values = frame[column]
        hint = hints.get(column)
        if frame.empty and values.dtype == object and hint in _EMPTY_AS:  # no rows to infer from
            frame[column] = values.astype(_EMPTY_AS[hint])
        elif hint == "boolean" and values.dtype != bool:
            frame[column] = values.astype("boolean")
        elif hint == "integer" and values.dtype.kind == "f":
            frame[column] = values.astype("Int64")
        elif values.dtype.kind == "M":  # GeoPackage answers ms, PostGIS us
            frame[column] = values.dt.as_unit("us")
        elif values.dtype == object:
            frame[column] = values.infer_objects()
    return frame
