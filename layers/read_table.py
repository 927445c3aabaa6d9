"""Read CSV tables: with coordinates (longitude/latitude columns or WKT) as points or shapes,
without them as plain tables (flows, housing, zone sources).

The encoding (UTF-8, UTF-8 with BOM, else the Cyrillic code page its letters read best in:
cp1251, cp866, KOI8-R) and the delimiter (``,`` ``;`` tab) are detected; ``encoding=``
overrides. Coordinates are found by the column names in :data:`LON_NAMES`,
:data:`LAT_NAMES` and :data:`WKT_NAMES`, or named with ``--map COLUMN=lon`` / ``=lat`` /
``=wkt``. A decimal comma (``43,25``) is read as a decimal mark. A CSV has no CRS: the loader
decides it from ``--crs`` or from the coordinates themselves.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from geo.errors import InputFileError
from geo.i18n import _
from layers.columns import normalise_column
from layers.encoding import decode_text
from layers.file_checks import check_field_names
from layers.read_stats import sniff_delimiter
from layers.sources import SourceData
from layers.validate import Problem

LON_NAMES = ("lon", "lng", "long", "longitude", "x", "долгота", "бойлық")
LAT_NAMES = ("lat", "latitude", "y", "широта", "ендік")
WKT_NAMES = ("wkt", "geometry", "geom", "the_geom", "геометрия")


def read_csv(
    path: str | Path,
    *,
    encoding: str | None = None,
    user_map: Mapping[str, str] | None = None,
) -> SourceData:
    """Read a CSV file.

    Parameters
    ----------
    path
        The file.
    encoding
        Its text encoding; ``None`` tries UTF-8 (with or without BOM), then the Cyrillic code
        page (cp1251, cp866, KOI8-R) its letters read best in.
    user_map
        ``--map`` pairs: a pair whose target is ``lon``, ``lat`` or ``wkt`` names the
        coordinate columns.

    Returns
    -------
    SourceData
        A GeoDataFrame without CRS when the table has coordinates, else a DataFrame. Rows
        whose coordinates are not numbers or not WKT are error problems (rows from 1).

    Raises
    ------
    InputFileError
        If the file is missing, empty, or not text in the encoding.
    """
    path = Path(path)
    if not path.is_file():
        raise InputFileError(_("The file {file} does not exist. Check the path.", file=path))
    raw = path.read_bytes()
    text, used = _decode(raw, encoding, path)
    if not text.strip():
        raise InputFileError(_("The file {file} is empty.", file=path))
    delimiter = sniff_delimiter(text)
    try:
        table = pd.read_csv(io.StringIO(text), sep=delimiter, dtype=str, keep_default_na=False,
                            na_values=[""], skipinitialspace=True)
    except (pd.errors.ParserError, ValueError) as exc:
        raise InputFileError(_("Could not read {file}: {reason}. Check that the file is complete "
                               "and of the format its extension says.",
                               file=path, reason=exc)) from exc
    table.columns = [str(c).strip() for c in table.columns]
    _check_header(text, delimiter, table, path)
    data = SourceData(frame=table, source=str(path), checksum=hashlib.sha256(raw).hexdigest(),
                      encoding=used, notes=[f"encoding {used}, delimiter {delimiter!r}"])
    roles = _coordinate_columns(list(table.columns), user_map or {})
    if "wkt" in roles:
        data.frame = _from_wkt(table, roles["wkt"], path.name, data.problems)
    elif "lon" in roles and "lat" in roles:
        data.frame = _from_lonlat(table, roles["lon"], roles["lat"], path.name, data.problems)
    elif "lon" in roles or "lat" in roles:
        have = roles.get("lon") or roles.get("lat")
        data.problems.append(Problem(path.name, have, (), _("only one coordinate column was found "
                                                            "({column})",
                                                            column=have),
                                     _("Name both: --map COLUMN=lon --map COLUMN=lat.")))
    return data


def _check_header(text: str, delimiter: str, table: pd.DataFrame, path: Path) -> None:
    """Columns of one name, which pandas would silently read as ``year`` and ``year.1``, and
    named-less columns that hold values. A nameless column without a value (a delimiter at the
    end of the header line, as spreadsheets write) is no field."""
    header = next(csv.reader(io.StringIO(text), delimiter=delimiter), [])
    names = [h.strip() for h in header]
    if len(names) != len(table.columns):
        return  # pandas read another shape: its own columns are checked as they are
    blank = [n for n, column in enumerate(table.columns, start=1)
             if table[column].isna().all()]
    check_field_names(names, path, nameless_ok=blank)


def _decode(raw: bytes, encoding: str | None, path: Path) -> tuple[str, str]:
    if encoding:
        try:
            return raw.decode(encoding), encoding
        except UnicodeDecodeError:
            pass
        except LookupError as exc:
            raise InputFileError(_("Unknown encoding '{encoding}'. Use, for example, cp1251, "
                                   "cp866 or utf-8.", encoding=encoding)) from exc
        raise InputFileError(_("{file} does not read as text in {encoding}. Give the encoding: "
                               "--encoding cp1251 or --encoding utf-8.",
                               file=path, encoding=encoding))
    # not UTF-8: the Cyrillic code page its letters read best in (a KOI8-R table read as
    # cp1251 would be stored garbled without a word)
    decoded = decode_text(raw)
    if decoded is None:
        raise InputFileError(_("{file} does not read as text in {encoding}. Give the encoding: "
                               "--encoding cp1251 or --encoding utf-8.",
                               file=path, encoding="UTF-8, cp1251"))
    text, codec = decoded
    return text, "utf-8" if codec == "utf-8-sig" else codec


def _coordinate_columns(columns: list[str], user_map: Mapping[str, str]) -> dict[str, str]:
    roles: dict[str, str] = {}
    for source, target in user_map.items():
        if target in ("lon", "lat", "wkt") and source in columns:
            roles[target] = source
    for role, names in (("lon", LON_NAMES), ("lat", LAT_NAMES), ("wkt", WKT_NAMES)):
        if role not in roles:
            found = [c for c in columns if normalise_column(c) in names]
            if found:
                roles[role] = found[0]
    return roles


def _numbers(values: pd.Series) -> pd.Series:
    cleaned = values.str.strip().str.replace(",", ".", regex=False)
    return pd.to_numeric(cleaned, errors="coerce")


def _from_lonlat(table: pd.DataFrame, lon: str, lat: str, name: str, problems: list[Problem]):
    import geopandas as gpd

    x, y = _numbers(table[lon]), _numbers(table[lat])
    for column, values, numbers in ((lon, table[lon], x), (lat, table[lat], y)):
        bad = numbers.isna()
        if bad.any():
            rows = tuple(int(i) + 1 for i in np.flatnonzero(bad.to_numpy()))
            example = values[bad].iloc[0]
            problems.append(Problem(name, column, rows, _("a coordinate is not a number "
                                                          "({value!r})",
                                                           value=example),
                                    _("Write degrees as decimal numbers, e.g. 76.9286.")))
    geometry = gpd.points_from_xy(x, y)
    geometry[(x.isna() | y.isna()).to_numpy()] = None
    return gpd.GeoDataFrame(table.drop(columns=[lon, lat]), geometry=geometry)


def _from_wkt(table: pd.DataFrame, column: str, name: str, problems: list[Problem]):
    import geopandas as gpd
    import shapely

    text = table[column].fillna("")
    geometry = shapely.from_wkt(text.to_numpy(), on_invalid="ignore")
    bad = shapely.is_missing(geometry) & (text.str.strip() != "").to_numpy()
    if bad.any():
        rows = tuple(int(i) + 1 for i in np.flatnonzero(bad))
        problems.append(Problem(name, column, rows, _("not a WKT geometry ({value!r})",
                                                       value=text[bad].iloc[0][:60]),
                                _("Write the geometry as WKT, e.g. POINT (76.93 43.24).")))
    return gpd.GeoDataFrame(table.drop(columns=[column]), geometry=geometry)
