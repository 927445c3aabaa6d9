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
from geo.i18n import tr
from layers.catalogue import FLOW_KINDS
from layers.validate import Problem

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
    return pd.Series([_code(v) for v in values], index=values.index, dtype=object)


def parse_dates(values: pd.Series) -> pd.Series:
    """Dates written YYYY-MM-DD (a time may follow) or DD.MM.YYYY; NaT where unreadable."""
    if pd.api.types.is_datetime64_any_dtype(values):
        return pd.Series(pd.to_datetime(values).to_numpy(), index=values.index)
    text = pd.Series([_date_text(v) for v in values], index=values.index, dtype=object)
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
    raise_all([Problem(layer, c, (), tr("flows.err.missing_column"),
                        tr("flows.fix.missing_column", column=c)) for c in missing], layer)


def raise_all(found: list[Problem], layer: str) -> None:
    if not found:
        return
    lines = [f"  - {p}" for p in found[:_MAX_LISTED]]
    if len(found) > _MAX_LISTED:
        lines.append("  " + tr("flows.err.more", more=len(found) - _MAX_LISTED))
    msg = tr("flows.err.summary", layer=layer, count=len(found), lines="\n".join(lines))
    raise FlowDataError(msg, found)


def value_problems(values: pd.Series, bad: np.ndarray, rows: np.ndarray, layer: str,
                    column: str, what: str) -> list[Problem]:
    """One problem per distinct bad value, with every row that holds it."""
    where: dict[str, list[int]] = {}
    for value, row in zip(values.to_numpy()[bad], rows[bad], strict=True):
        text = "" if value is None or (not isinstance(value, str) and pd.isna(value)) else value
        where.setdefault(str(text), []).append(int(row))
    return [Problem(layer, column, tuple(r), tr(f"flows.err.{what}", value=v),
                    tr(f"flows.fix.{what}")) for v, r in where.items()]


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
