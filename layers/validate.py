"""Check a layer against its kind and report every problem at once.

Problems are collected, not raised one by one: a GIS specialist fixes a file once, not once
per error. :func:`problems` lists them; :func:`check` raises one
:class:`~geo.errors.LayerSchemaError` holding all of them.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from geo.errors import LayerSchemaError
from layers.catalogue import Column, kind

_MAX_ROWS_LISTED = 20


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
            where += f", column {self.column}"
        if self.rows:
            listed = ", ".join(str(r) for r in self.rows[:_MAX_ROWS_LISTED])
            extra = len(self.rows) - _MAX_ROWS_LISTED
            more = f" and {extra} more" if extra > 0 else ""
            where += f", rows {listed}{more}"
        return f"{where}: {self.value}. {self.fix}"


def problems(frame: pd.DataFrame, kind_name: str, *, layer: str | None = None) -> list[Problem]:
    """Every problem of ``frame`` as a layer of kind ``kind_name``.

    Parameters
    ----------
    frame
        The layer; a GeoDataFrame for kinds with geometry.
    kind_name
        A kind of :data:`layers.catalogue.KINDS`.
    layer
        Name used in messages (a file name or layer name); defaults to the kind.

    Returns
    -------
    list of Problem
        Empty when the layer fits its kind. Row numbers count from 1, as in a spreadsheet.

    Examples
    --------
    >>> import pandas as pd
    >>> [str(p) for p in problems(pd.DataFrame({"zone_id": ["a"]}), "zone_sources")]
    ['zone_sources, column source_id: column missing. Add it, or map a column to it with --map.']
    """
    spec = kind(kind_name)
    name = layer or kind_name
    found: list[Problem] = []
    for col in spec.required:
        if col.name not in frame.columns:
            found.append(Problem(name, col.name, (), "column missing",
                                 "Add it, or map a column to it with --map."))
    for col in (*spec.required, *spec.optional):
        if col.name in frame.columns:
            found.extend(_column_problems(frame[col.name], col, name))
    if spec.geometry is not None:
        found.extend(_geometry_problems(frame, spec.geometry, name))
    return found


def check(frame: pd.DataFrame, kind_name: str, *, layer: str | None = None) -> None:
    """Raise :class:`~geo.errors.LayerSchemaError` listing every problem, if there is any."""
    found = problems(frame, kind_name, layer=layer)
    if found:
        lines = "\n".join(f"  - {p}" for p in found)
        msg = f"{layer or kind_name}: {len(found)} problem(s):\n{lines}"
        raise LayerSchemaError(msg, found)


def _rows(mask: pd.Series) -> tuple[int, ...]:
    positions = mask.to_numpy().nonzero()[0]
    return tuple(int(p) + 1 for p in positions)


def _column_problems(values: pd.Series, col: Column, layer: str) -> list[Problem]:
    found: list[Problem] = []
    if col.dtype in ("int", "float"):
        numbers = pd.to_numeric(values, errors="coerce")
        not_numbers = numbers.isna() & values.notna()
        if not_numbers.any():
            example = values[not_numbers].iloc[0]
            found.append(Problem(layer, col.name, _rows(not_numbers), f"not a number ({example!r})",
                                 "Write numbers with a dot as the decimal mark and no spaces."))
        if col.minimum is not None and (numbers < col.minimum).any():
            bad = numbers < col.minimum
            found.append(Problem(layer, col.name, _rows(bad),
                                 f"{numbers[bad].iloc[0]:g} is below {col.minimum:g}",
                                 "Correct the value; this column cannot be smaller."))
        if col.maximum is not None and (numbers > col.maximum).any():
            bad = numbers > col.maximum
            found.append(Problem(layer, col.name, _rows(bad),
                                 f"{numbers[bad].iloc[0]:g} is above {col.maximum:g}",
                                 "Check the unit and the digits of this value."))
    if col.unique:
        duplicated = values.duplicated(keep=False) & values.notna()
        if duplicated.any():
            found.append(Problem(layer, col.name, _rows(duplicated),
                                 f"duplicate identifier {values[duplicated].iloc[0]!r}",
                                 "Give every row its own identifier."))
        missing = values.isna()
        if missing.any():
            found.append(Problem(layer, col.name, _rows(missing), "empty identifier",
                                 "Give every row an identifier."))
    return found


def _geometry_problems(frame: pd.DataFrame, geometry: str, layer: str) -> list[Problem]:
    if "geometry" not in frame.columns:
        return [Problem(layer, None, (), "no geometry", f"This kind needs {geometry} geometries.")]
    geoms = frame.geometry
    found: list[Problem] = []
    empty = geoms.isna() | geoms.is_empty
    if empty.any():
        found.append(Problem(layer, "geometry", _rows(empty), "empty or null geometry",
                             "Draw the feature or delete the row."))
    types = geoms.geom_type.fillna("")
    wrong = ~types.str.removeprefix("Multi").eq(geometry) & ~empty
    if wrong.any():
        found.append(Problem(layer, "geometry", _rows(wrong),
                             f"{types[wrong].iloc[0]} where {geometry} is expected",
                             "Load the layer under the kind that fits its geometry."))
    invalid = ~geoms.is_valid & ~empty
    if invalid.any():
        found.append(Problem(layer, "geometry", _rows(invalid), "invalid geometry",
                             "Repair it (qonys load repairs with make_valid and reports each)."))
    if frame.crs is None:
        found.append(Problem(layer, "geometry", (), "no coordinate reference system",
                             "Give the CRS with --crs, e.g. EPSG:4326."))
    return found
