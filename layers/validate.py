"""Check a layer against its kind and report every problem at once.

Problems are collected, not raised one by one: a GIS specialist fixes a file once, not once
per error. :func:`problems` lists them; :func:`check` raises one
:class:`~geo.errors.LayerSchemaError` holding all of them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import shapely

from geo.errors import LayerSchemaError
from geo.i18n import _
from geo.repair import GEOMETRY_TYPE_IDS
from layers.catalogue import Column, kind

_MAX_ROWS_LISTED = 20
#: An index of this name holds each row's number in the source (from 1); problems cite it, so
#: rows stay the source's rows after some were filtered out.
ROW_INDEX = "source_row"


@dataclass(frozen=True)
class Problem:
    """One problem: where it is, what was found, and how to fix it.

    ``layer`` names the file or layer, ``rows`` count records from 1 (the first feature, or the
    first data row under a CSV's header). A ``"warning"`` is reported but does not stop a load
    (a repaired geometry, an assumed encoding); an ``"error"`` does.
    """

    layer: str
    column: str | None
    rows: tuple[int, ...]
    value: str
    fix: str
    severity: str = "error"

    @property
    def is_error(self) -> bool:
        """Whether this problem stops a load."""
        return self.severity == "error"

    def __str__(self) -> str:
        where = f"{self.layer}"
        if self.column:
            where += ", " + _("column {column}", column=self.column)
        if self.rows:
            listed = ", ".join(str(r) for r in self.rows[:_MAX_ROWS_LISTED])
            extra = len(self.rows) - _MAX_ROWS_LISTED
            if extra > 0:
                listed = _("{rows} and {more} more", rows=listed, more=extra)
            where += ", " + _("rows {rows}", rows=listed)
        value = self.value.rstrip(". ")
        return f"{where}: {value}. {self.fix}" if self.fix else f"{where}: {value}."


def problems(frame: pd.DataFrame, kind_name: str, *, layer: str | None = None,
             repaired: bool = False) -> list[Problem]:
    """Every problem of ``frame`` as a layer of kind ``kind_name``.

    Parameters
    ----------
    frame
        The layer; a GeoDataFrame for kinds with geometry.
    kind_name
        A kind of :data:`layers.catalogue.KINDS`.
    layer
        Name used in messages (a file name or layer name); defaults to the kind.
    repaired
        The geometries went through :func:`geo.repair.repair_geometries` already: their
        validity is not checked a second time.

    Returns
    -------
    list of Problem
        Empty when the layer fits its kind. Row numbers count from 1, as in a spreadsheet.

    Examples
    --------
    >>> import pandas as pd
    >>> found = problems(pd.DataFrame({"zone_id": ["a"]}), "zone_sources")
    >>> [(p.column, p.severity) for p in found]
    [('source_id', 'error')]
    """
    spec = kind(kind_name)
    name = layer or kind_name
    found: list[Problem] = []
    for col in spec.required:
        if col.name not in frame.columns:
            found.append(Problem(name, col.name, (), _("column missing"),
                                 _("Add it, or map a column to it: --map "
                                   "COLUMN={column}.", column=col.name)))
    for col in (*spec.required, *spec.optional):
        if col.name in frame.columns:
            found.extend(_column_problems(frame[col.name], col, name))
    for col in spec.required:
        if col.name in frame.columns and not col.unique:
            found.extend(_empty_values(frame[col.name], col, name))
    found.extend(_nul_problems(frame, name))
    if spec.geometry is not None:
        found.extend(_geometry_problems(frame, spec.geometry, name, repaired=repaired))
    return found


def _nul_problems(frame: pd.DataFrame, layer: str) -> list[Problem]:
    """Text holding a NUL character, in any column: both stores would cut it there, silently
    (issue 18)."""
    found = []
    for column in frame.columns:
        values = frame[column]
        if column == "geometry" or not (values.dtype == object
                                        or pd.api.types.is_string_dtype(values)):
            continue
        try:
            nul = values.str.contains("\x00", regex=False).eq(True)  # NaN: not text
        except AttributeError:  # an object column without any text
            continue
        if nul.any():
            first = values[nul].iloc[0]
            found.append(Problem(layer, str(column), mask_rows(nul),
                                 _("the text holds a NUL character (after {value}), where the "
                                   "workspace would cut it",
                                   value=repr(first.split("\x00")[0][:40])),
                                 _("Remove the character from the file (it is usually left by an "
                                   "incomplete export).")))
    return found


def check(frame: pd.DataFrame, kind_name: str, *, layer: str | None = None) -> None:
    """Raise :class:`~geo.errors.LayerSchemaError` listing every error, if there is any."""
    found = [p for p in problems(frame, kind_name, layer=layer) if p.is_error]
    if found:
        lines = "\n".join(f"  - {p}" for p in found)
        msg = _("{layer}: {count} error(s):\n{lines}",
                layer=layer or kind_name, count=len(found), lines=lines)
        raise LayerSchemaError(msg, found)


def row_numbers(frame: pd.DataFrame | pd.Series) -> np.ndarray:
    """Row numbers as the user counts them: the source's own (an index named
    :data:`ROW_INDEX`), else from 1.

    Examples
    --------
    >>> row_numbers(pd.DataFrame({"a": [1, 2]})).tolist()
    [1, 2]
    """
    if frame.index.name == ROW_INDEX:
        return frame.index.to_numpy(int)
    return np.arange(1, len(frame) + 1)


def mask_rows(mask: pd.Series) -> tuple[int, ...]:
    """The user's row numbers (see :func:`row_numbers`) where ``mask`` is true."""
    return tuple(int(r) for r in row_numbers(mask)[mask.to_numpy(bool)])


def _column_problems(values: pd.Series, col: Column, layer: str) -> list[Problem]:
    found: list[Problem] = []
    if col.dtype in ("int", "float"):
        # float64 throughout: a nullable Int64 column from a GeoPackage holds pd.NA, not NaN
        numbers = pd.to_numeric(values, errors="coerce").astype("float64")
        not_numbers = numbers.isna() & values.notna()
        if not_numbers.any():
            example = values[not_numbers].iloc[0]
            found.append(Problem(layer, col.name, mask_rows(not_numbers),
                                 _("not a number ({value})", value=repr(example)),
                                 _("Write numbers with a dot as the decimal mark and no spaces.")))
        found.extend(_number_problems(values, numbers, col, layer))
        numbers = numbers.where(~np.isinf(numbers))  # said once, above
        if col.minimum is not None and (numbers < col.minimum).any():
            bad = numbers < col.minimum
            found.append(Problem(layer, col.name, mask_rows(bad),
                                 _("{value} is below {limit}", value=f"{numbers[bad].iloc[0]:g}",
                                    limit=f"{col.minimum:g}"),
                                 _("Correct the value; this column cannot be smaller.")))
        if col.maximum is not None and (numbers > col.maximum).any():
            bad = numbers > col.maximum
            found.append(Problem(layer, col.name, mask_rows(bad),
                                 _("{value} is above {limit}", value=f"{numbers[bad].iloc[0]:g}",
                                    limit=f"{col.maximum:g}"),
                                 _("Check the unit and the digits of this value.")))
    if col.choices:
        found.extend(_choice_problems(values, col, layer))
    if col.unique:
        duplicated = values.duplicated(keep=False) & values.notna()
        if duplicated.any():
            found.append(Problem(layer, col.name, mask_rows(duplicated),
                                 _("duplicate identifier {value}",
                                   value=repr(values[duplicated].iloc[0])),
                                 _("Give every row its own identifier.")))
        missing = _blank(values)
        if missing.any():
            found.append(Problem(layer, col.name, mask_rows(missing), _("empty identifier"),
                                 _("Give every row an identifier.")))
    return found


def _number_problems(values: pd.Series, numbers: pd.Series, col: Column,
                     layer: str) -> list[Problem]:
    """Infinities (a capacity of ``inf`` would make every unit ready) and, in whole-number
    columns, fractions (a year of 2024.9 is no year)."""
    found = []
    infinite = np.isinf(numbers)
    if infinite.any():
        found.append(Problem(layer, col.name, mask_rows(infinite),
                             _("not a finite number ({value})",
                               value=_shown(values[infinite].iloc[0])),
                             _("Write the real value; leave an unknown one empty, not inf.")))
    if col.dtype == "int":
        finite = numbers.notna() & ~infinite
        fraction = finite & (numbers.where(finite, 0) % 1 != 0)
        if fraction.any():
            found.append(Problem(layer, col.name, mask_rows(fraction),
                                 _("not a whole number ({value})",
                                   value=f"{numbers[fraction].iloc[0]:g}"),
                                 _("This column holds whole numbers only (a year is written 2024, "
                                   "without a fraction).")))
    return found


def _shown(value: object) -> str:
    """Text as written (``'inf'``), a number as a number (``inf``, not ``np.float64(inf)``)."""
    return repr(value) if isinstance(value, str) else f"{float(value):g}"


def _choice_problems(values: pd.Series, col: Column, layer: str) -> list[Problem]:
    """Text outside the column's values, compared stripped and in any letter case."""
    given = ~_blank(values)
    text = values[given].astype("str").str.strip().str.lower()
    unknown = (~text.isin(col.choices)).reindex(values.index, fill_value=False)
    if not unknown.any():
        return []
    return [Problem(layer, col.name, mask_rows(unknown),
                    _("unknown value {value}", value=repr(values[unknown].iloc[0])),
                    _("The column {column} takes only: {choices} (or empty).", column=col.name,
                       choices=", ".join(col.choices)))]


def _blank(values: pd.Series) -> pd.Series:
    """Missing, or text of nothing but spaces."""
    missing = values.isna()
    if values.dtype == object or pd.api.types.is_string_dtype(values):
        text = values[~missing].astype("str")
        spaces = text.str.len().eq(0) | text.str.isspace()
        missing = missing | spaces.reindex(values.index, fill_value=False)
    return missing


def _empty_values(values: pd.Series, col: Column, layer: str) -> list[Problem]:
    """A required column's empty cells: errors, or warnings where values may come later."""
    missing = _blank(values)
    if not missing.any():
        return []
    if col.fill_later:
        return [Problem(layer, col.name, mask_rows(missing), _("no value given"),
                        _("Add {column} before the model runs: qonys join TABLE --to LAYER --on "
                          "name.",
                          column=col.name), severity="warning")]
    return [Problem(layer, col.name, mask_rows(missing), _("empty value in a required column"),
                    _("Fill in the value or delete the row."))]


def _geometry_problems(frame: pd.DataFrame, geometry: str, layer: str, *,
                       repaired: bool = False) -> list[Problem]:
    if "geometry" not in frame.columns:
        return [Problem(layer, None, (), _("no geometry"),
                        _("This kind needs {geometry} geometries (for a CSV: lon/lat or WKT "
                          "columns).", geometry=geometry))]
    geoms = frame.geometry
    found: list[Problem] = []
    empty = geoms.isna() | geoms.is_empty
    if empty.any():
        found.append(Problem(layer, "geometry", mask_rows(empty), _("empty or null geometry"),
                             _("Draw the feature or delete the row.")))
    type_ids = shapely.get_type_id(geoms.array.to_numpy())
    wrong = pd.Series(~np.isin(type_ids, GEOMETRY_TYPE_IDS[geometry]), index=frame.index) & ~empty
    if wrong.any():
        types = geoms.geom_type
        found.append(Problem(layer, "geometry", mask_rows(wrong),
                             _("{found} where {expected} is expected", found=types[wrong].iloc[0],
                                expected=geometry),
                             _("Load the layer under the kind that fits its geometry (--kind).")))
    invalid = pd.Series(False, index=frame.index) if repaired else ~geoms.is_valid & ~empty
    if invalid.any():
        found.append(Problem(layer, "geometry", mask_rows(invalid), _("invalid geometry"),
                             _("Repair it (qonys load repairs with make_valid and reports each).")))
    if frame.crs is None:
        found.append(Problem(layer, "geometry", (), _("no coordinate reference system"),
                             _("Give the CRS with --crs, e.g. EPSG:4326.")))
    return found
