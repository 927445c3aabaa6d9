"""``qonys export``: one layer of the workspace out to a GeoPackage, shapefile, GeoJSON, CSV or a
PostGIS table.

- A shapefile is always written in UTF-8 with a ``.cpg`` that says so: cp1251 has no Kazakh
  letters (Қ, Ә, Ғ, Ү, Ұ, Һ, Ң, Ө, І) and would lose them without a word. Column names longer
  than a shapefile's 10 bytes are cut here, each to a unique name, and the cuts are returned so
  that the user sees them; ``qonys load`` recognises the cut names of the catalogue's columns.
- GeoJSON is written in WGS 84 (RFC 7946).
- A CSV keeps the geometry as a ``wkt`` column in WGS 84 (points also as ``lon`` and ``lat``),
  which ``qonys load`` reads back. A text cell that begins with ``=``, ``+``, ``-``, ``@``, a tab
  or a carriage return gets a leading apostrophe, as OWASP advises against CSV formula
  injection: a spreadsheet shows it as text instead of running it. Numbers are written as they
  are.
- Files are written beside the target under a temporary name and renamed into place when
  complete, so an interrupted export never leaves half a file under the target's name.
"""

from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path

import pandas as pd
import pyogrio
import shapely

from geo.errors import InputFileError, LayerSchemaError, StoreError
from geo.i18n import _
from layers.columns import SHAPEFILE_NAME_BYTES, cut_utf8
from layers.store import Store, check_layer_name, redact_url

FORMATS = {".gpkg": "GPKG", ".shp": "ESRI Shapefile", ".geojson": "GeoJSON", ".json": "GeoJSON",
           ".csv": "CSV"}


def export_layer(store: Store, name: str, *, to: str | Path, as_name: str | None = None
                 ) -> dict[str, str]:
    """Write the workspace layer ``name`` to ``to``.

    Parameters
    ----------
    store
        The workspace.
    name
        The layer to export.
    to
        A ``.gpkg`` (the layer is added or replaced), ``.shp``, ``.geojson``, ``.csv`` path, or
        a ``postgresql://`` URL (``?schema=NAME``, default ``public``).
    as_name
        The layer or table name at the target (default ``name``).

    Returns
    -------
    dict
        Column names that had to change (shapefile's 10-byte limit), old → new.

    Raises
    ------
    InputFileError
        If the target's format is not one of :data:`FORMATS` or a PostgreSQL URL, or the
        layer has no geometry and the format needs one.
    StoreError
        If writing fails; an existing target file is left as it was.
    LayerSchemaError
        If ``as_name`` is blank or not a valid layer name.
    """
    if as_name is not None and not as_name.strip():  # "--as ''" fell back to ``name``
        msg = _("an empty layer name ({name!r}) would replace the layer '{kind}'. Give a name, "
                "e.g. --as {kind}_2, or leave --as out.", name=as_name, kind=name)
        raise LayerSchemaError(msg, [msg])
    frame = store.read_layer(name)
    target_name = check_layer_name(as_name if as_name is not None else name)
    text = str(to)
    if text.lower().startswith(("postgresql://", "postgres://", "postgresql+")):
        _to_postgis(frame, text, target_name)
        return {}
    path = Path(to)
    driver = FORMATS.get(path.suffix.lower())
    if driver is None:
        raise InputFileError(_("Cannot tell how to write {file}. Formats: {formats} or "
                               "postgresql://…", file=path,
                                formats=", ".join(FORMATS)))
    has_geometry = "geometry" in frame and hasattr(frame, "crs")
    if driver in ("ESRI Shapefile", "GeoJSON") and not has_geometry:
        raise InputFileError(_("The layer {layer} is a table without geometry; {file} needs one. "
                               "Export it to .csv or .gpkg.", layer=name, file=path))
    if path.resolve() == Path(store.location).resolve():
        raise InputFileError(_("{file} is the workspace itself. Choose another path.", file=path))
    renamed: dict[str, str] = {}
    if driver == "ESRI Shapefile":
        renamed = shapefile_names([c for c in frame.columns if c != "geometry"])
        frame = frame.rename(columns=renamed)
    if driver == "GeoJSON" and has_geometry:
        frame = frame.to_crs("EPSG:4326")
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        _write_file(frame, path, driver, target_name)
    except (OSError, pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as exc:
        raise StoreError(_("Could not export the layer {layer} to {file}: {reason}",
                           layer=name, file=path, reason=exc)) from exc
    return renamed


def shapefile_names(columns: list[str]) -> dict[str, str]:
    """New names for the columns too long for a shapefile: cut to 10 bytes of UTF-8, made
    unique with a number.

    Examples
    --------
    >>> shapefile_names(["unit_id", "pop_registered", "pop_registered_2030", "население"])
    {'pop_registered': 'pop_regist', 'pop_registered_2030': 'pop_regi_1', 'население': 'насел'}
    """
    taken = {c.casefold() for c in columns if len(c.encode()) <= SHAPEFILE_NAME_BYTES}
    renamed: dict[str, str] = {}
    for column in columns:
        if len(column.encode()) <= SHAPEFILE_NAME_BYTES:
            continue
        new = cut_utf8(column, SHAPEFILE_NAME_BYTES)
        number = 0
        while new.casefold() in taken:
            number += 1
            suffix = f"_{number}"
            new = cut_utf8(column, SHAPEFILE_NAME_BYTES - len(suffix)) + suffix
        taken.add(new.casefold())
        renamed[column] = new
    return renamed


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula (OWASP, CSV Injection)."""


def csv_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The table a CSV export writes: geometry as WKT in WGS 84 (and ``lon``/``lat`` for
    points), text cells that a spreadsheet would run as a formula quoted with an apostrophe.

    Examples
    --------
    >>> import geopandas as gpd, shapely
    >>> layer = gpd.GeoDataFrame({"name": ["=HYPERLINK(1)", "Алмалы"], "pop": [-1.5, 2.0]},
    ...                          geometry=[shapely.Point(76.9, 43.25), None], crs="EPSG:4326")
    >>> csv_table(layer).to_dict("list")  # doctest: +NORMALIZE_WHITESPACE
    {'name': ["'=HYPERLINK(1)", 'Алмалы'], 'pop': [-1.5, 2.0], 'lon': [76.9, nan],
     'lat': [43.25, nan], 'wkt': ['POINT (76.9 43.25)', nan]}
    """
    table = pd.DataFrame(frame.drop(columns="geometry", errors="ignore"))
    for column in table.columns:
        if table[column].dtype == object or pd.api.types.is_string_dtype(table[column]):
            table[column] = table[column].map(_quote_formula)
    if "geometry" in frame and hasattr(frame, "crs") and frame.geometry.notna().any():
        geometry = frame.geometry.to_crs("EPSG:4326") if frame.crs is not None else frame.geometry
        if set(geometry.dropna().geom_type) == {"Point"}:
            table["lon"] = geometry.x.to_numpy()
            table["lat"] = geometry.y.to_numpy()
        wkt = shapely.to_wkt(geometry.to_numpy(), rounding_precision=7, trim=True)
        table["wkt"] = wkt
    return table


def _quote_formula(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _write_file(frame: pd.DataFrame, path: Path, driver: str, layer: str) -> None:
    if driver == "GPKG" and path.exists():
        # Adding a layer to an existing GeoPackage: GDAL's own transaction keeps the file whole.
        pyogrio.write_dataframe(frame, path, layer=layer, driver=driver)
        return
    folder = path.parent / f".{path.stem}.{secrets.token_hex(4)}.tmp"
    folder.mkdir()
    try:
        temp = folder / path.name
        options = {"encoding": "UTF-8"} if driver == "ESRI Shapefile" else {}
        if driver == "CSV":
            csv_table(frame).to_csv(temp, index=False)
        else:
            pyogrio.write_dataframe(frame, temp, layer=layer if driver == "GPKG" else None,
                                    driver=driver, **options)
        for part in sorted(folder.iterdir()):  # a shapefile is several files
            os.replace(part, path.with_suffix(part.suffix))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _to_postgis(frame: pd.DataFrame, url: str, table: str) -> None:
    from layers.store import open_store

    shown = redact_url(url)
    try:
        with open_store(url) as target:
            target.write_layers({table: frame})
    except StoreError as exc:
        raise StoreError(_("Could not export the layer {layer} to {file}: {reason}",
                           layer=table, file=shown, reason=exc)) from exc
