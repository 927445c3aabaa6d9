"""The problems of registration records and flows tables, collected and reported at once.

:mod:`planning.population.flows` finds them; each names the layer, the column, the rows, the
value and the fix, and :func:`raise_all` raises one :class:`FlowDataError` listing them.
Codes and dates are read here the one way every check reads them (:func:`normalise_codes`,
:func:`parse_dates`).
"""

from __future__ import annotations

import datetime as dt
import logging

import numpy as np
import pandas as pd

from geo.errors import LayerSchemaError
from geo.i18n import N_, _
from layers.catalogue import FLOW_KINDS
from layers.validate import Problem

#: The messages of flows fix by key, chosen at run time, marked for the catalogue.
FLOWS_FIX_MESSAGES = {
    "bad_date": N_("Write the date as YYYY-MM-DD (2024-03-15) or DD.MM.YYYY (15.03.2024)."),
    "bad_kind": N_("Use internal or external, or leave it empty so that it is derived from the "
                   "places."),
    "bad_persons": N_("Write the number of persons in digits (a point before any decimals)."),
    "bad_year": N_("Write the year with four digits, for example 2024."),
    "empty_code": N_("Give the code of a unit, an oblast (KATO) or a country (ISO 3166-1 "
                     "alpha-3), or remove the row."),
    "missing_column": N_("Add the column '{column}', or rename the file's column to it."),
    "negative": N_("A flow counts people who moved and cannot be below zero: check the sign, or "
                   "swap origin_id and dest_id."),
}


#: The messages of flows err by key, chosen at run time, marked for the catalogue.
FLOWS_ERR_MESSAGES = {
    "bad_date": N_("the date '{value}' cannot be read"),
    "bad_kind": N_("the flow kind '{value}' is unknown"),
    "bad_persons": N_("the number of persons '{value}' is not a number"),
    "bad_trend_years": N_("The number of years for the trend must be a whole number of at least "
                          "1, got {value}."),
    "bad_year": N_("the year '{value}' is not a whole number from 1900 to 2100"),
    "empty_code": N_("the place code is empty"),
    "missing_column": N_("column missing"),
    "more": N_("… and {more} more"),
    "negative": N_("a negative number of persons, {value}"),
    "no_coordinates": N_("The units have neither lon/lat columns nor a geometry with a coordinate "
                         "reference system (CRS), so no distance to them can be computed. Load "
                         "the units with their geometry and CRS."),
    "summary": N_("{layer}: {count} problem(s), no flows were built. Fix them and load the layer "
                  "again:\n{lines}"),
}

log = logging.getLogger(__name__)

EXAMPLE_ROWS = 5
_MAX_LISTED = 30
YEARS = (1900, 2100)


class FlowDataError(LayerSchemaError):
    """Registration records or a flows table that cannot be used as they are.

    A :class:`~geo.errors.LayerSchemaError` (so a ``QonysError`` and a ``ValueError``) whose
    ``problems`` are :class:`layers.validate.Problem` items.
    """


def normalise_codes(values: pd.Series) -> pd.Series:
    """Codes as stripped text; ``190000000.0`` (a KATO code read as a number) as
    ``190000000``; empty values as ``None``."""
    return pd.Series(_each_distinct(values, _code), index=values.index, dtype=object)


def _each_distinct(values: pd.Series, function) -> np.ndarray:
    """``function`` of each value, worked out once per distinct text (codes and dates repeat
    across millions of records); values of other types one by one."""
    array = values.to_numpy(object)
    if pd.api.types.infer_dtype(array, skipna=True) not in ("string", "empty"):
        return np.array([function(v) for v in array] or [], dtype=object)
    positions, distinct = pd.factorize(array, use_na_sentinel=True)
    done = np.array([function(v) for v in distinct] + [None], dtype=object)
    return done[positions]  # -1 (a missing value) takes the None at the end


def parse_dates(values: pd.Series) -> pd.Series:
    """Dates written YYYY-MM-DD (a time may follow) or DD.MM.YYYY; NaT where unreadable."""
    if pd.api.types.is_datetime64_any_dtype(values):
        return pd.Series(pd.to_datetime(values).to_numpy(), index=values.index)
    array = values.to_numpy(object)
    if pd.api.types.infer_dtype(array, skipna=True) in ("string", "empty") and len(array):
        positions, distinct = pd.factorize(array, use_na_sentinel=True)
        once = _parsed(pd.Series([*distinct, None], dtype=object)).to_numpy()
        return pd.Series(once[positions], index=values.index)
    return _parsed(values)


def _parsed(values: pd.Series) -> pd.Series:
    text = pd.Series([_date_text(v) for v in values.to_numpy(object)], index=values.index,
                     dtype=object)
    iso = text.str.extract(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")
    dmy = text.str.extract(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
    parts = pd.DataFrame({"year": iso[0].fillna(dmy[2]), "month": iso[1].fillna(dmy[1]),
                          "day": iso[2].fillna(dmy[0])}).astype(float)
    return pd.to_datetime(parts, errors="coerce")


def _code(value: object) -> str | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, float | np.floating) and float(value).is_integer():
        return str(int(value))
    text = str(value).strip()
    head, dot, tail = text.partition(".")
    if dot and head.isdigit() and tail and set(tail) == {"0"}:
        text = head
    return text or None


def _date_text(value: object) -> str | None:
    if isinstance(value, dt.date):
        return value.strftime("%Y-%m-%d")
    return _code(value)


def require(frame: pd.DataFrame, columns: tuple[str, ...], layer: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    raise_all([Problem(layer, c, (), _("column missing"),
                        _("Add the column '{column}', or rename the file's column to it.",
                          column=c)) for c in missing], layer)


def raise_all(found: list[Problem], layer: str) -> None:
    if not found:
        return
    lines = [f"  - {p}" for p in found[:_MAX_LISTED]]
    if len(found) > _MAX_LISTED:
        lines.append("  " + _("… and {more} more", more=len(found) - _MAX_LISTED))
    msg = _("{layer}: {count} problem(s), no flows were built. Fix them and load the layer "
            "again:\n{lines}",
            layer=layer, count=len(found), lines="\n".join(lines))
    raise FlowDataError(msg, found)


def value_problems(values: pd.Series, bad: np.ndarray, rows: np.ndarray, layer: str,
                    column: str, what: str) -> list[Problem]:
    """One problem per distinct bad value, with every row that holds it."""
    where: dict[str, list[int]] = {}
    for value, row in zip(values.to_numpy()[bad], rows[bad], strict=True):
        text = "" if value is None or (not isinstance(value, str) and pd.isna(value)) else value
        where.setdefault(str(text), []).append(int(row))
    return [Problem(layer, column, tuple(r), _(FLOWS_ERR_MESSAGES[what], value=v),
                    _(FLOWS_FIX_MESSAGES[what])) for v, r in where.items()]


def code_problems(frame: pd.DataFrame, rows: np.ndarray, layer: str) -> list[Problem]:
    return [p for column in ("origin_id", "dest_id") for p in value_problems(
        frame[column], frame[column].isna().to_numpy(), rows, layer, column, "empty_code")]


def given_kinds(frame: pd.DataFrame) -> pd.Series:
    if "flow_kind" not in frame.columns:
        return pd.Series(None, index=frame.index, dtype=object)
    codes = normalise_codes(frame["flow_kind"])
    return pd.Series([c.lower() if c else None for c in codes], index=frame.index,
                     dtype=object)


def kind_problems(frame: pd.DataFrame, given: pd.Series, rows: np.ndarray,
                   layer: str) -> list[Problem]:
    if "flow_kind" not in frame.columns:
        return []
    bad = (given.notna() & ~given.isin(FLOW_KINDS)).to_numpy()
    return value_problems(frame["flow_kind"], bad, rows, layer, "flow_kind", "bad_kind")


def duplicate_rows(key: pd.Series, rows: np.ndarray,
                details: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray]:
    """The duplicate rows (row, the row each repeats, details), and a mask of rows to keep."""
    position = pd.Series(np.arange(len(key)), index=key.to_numpy()).groupby(level=0).first()
    first_position = key.map(position).to_numpy(int)
    keep = ~key.duplicated(keep="first").to_numpy() if len(key) else np.ones(0, bool)
    table = pd.DataFrame({"row": rows[~keep], "first_row": rows[first_position[~keep]]})
    return pd.concat([table, details[~keep].reset_index(drop=True)], axis=1), keep


def listed(rows: object) -> str:
    return ", ".join(str(int(r)) for r in list(rows)[:_MAX_LISTED])
