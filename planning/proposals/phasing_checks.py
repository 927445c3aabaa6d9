"""Checks of the phasing inputs: every problem of the tables, years and budget at once.

:func:`check_inputs` collects the problems of the tables described in
:mod:`planning.proposals.phasing` and raises one :class:`PhasingError` listing them all;
:data:`SCHEMA` names each table's
columns, which :mod:`planning.proposals.phasing_lp` also uses to read the numbers.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from geo.errors import QonysError
from geo.i18n import N_, _
from layers.validate import Problem, mask_rows

#: The messages of phasing err by key, chosen at run time, marked for the catalogue.
PHASING_ERR_MESSAGES = {
    "budget_bad": N_("the budget {value} is not a finite non-negative number"),
    "budget_bad_fix": N_("Give the budget in tenge: one number per year, or a mapping year -> "
                         "tenge."),
    "column_missing": N_("column missing"),
    "column_missing_fix": N_("Add the column {column}, or rename an existing column to it."),
    "duplicate": N_("repeated row: {value}"),
    "duplicate_fix": N_("Keep one row per ({key})."),
    "empty_id": N_("empty identifier"),
    "empty_id_fix": N_("Fill in {column} on every row, or delete the row."),
    "gate_bad": N_("not true or false: {value}"),
    "gate_bad_fix": N_("Write True/False (or 1/0) in {column}: whether the transport gate is "
                       "open."),
    "negative": N_("negative value {value}"),
    "negative_fix": N_("{column} cannot be below 0: correct it."),
    "networks_mixed": N_("the constraint {value} is given several networks"),
    "networks_mixed_fix": N_("One constraint, one network: correct {column}, or give the zones of "
                             "different networks different ids."),
    "no_first_year": N_("the constraint {value} has no headroom for the plan's first year"),
    "no_first_year_fix": N_("Add a row for {year}; later years left out repeat the last headroom "
                            "given."),
    "not_integer": N_("not a whole number of years: {value}"),
    "not_integer_fix": N_("Give {column} as whole years from funding to commissioning (0, 1, 2 "
                          "…)."),
    "not_number": N_("not a finite number: {value}"),
    "not_number_fix": N_("Write a number in {column}, with a dot as the decimal mark."),
    "summary": N_("The phasing plan was not computed: {count} problem(s) in its input:\n{lines}"),
    "table_missing": N_("table not given"),
    "table_missing_fix": N_("Pass a table (it may be empty) with the columns {columns}."),
    "unknown_constraint": N_("the constraint {value} is not in the table constraints"),
    "unknown_constraint_fix": N_("Correct {column}, or add this constraint's rows (its headroom "
                                 "per year) to constraints."),
    "year_outside": N_("year {value} is outside the plan"),
    "year_outside_fix": N_("Use a year of the plan ({first}–{last}), or widen the list years."),
    "years_bad": N_("the plan's years {value} are empty, repeated or not integers"),
    "years_bad_fix": N_("Give distinct integer years, e.g. 2026, 2027, 2028, 2029, 2030."),
}


#: The messages of phasing err fix by key, chosen at run time, marked for the catalogue.
PHASING_ERR_FIX_MESSAGES = {
    "budget_bad": N_("Give the budget in tenge: one number per year, or a mapping year -> tenge."),
    "column_missing": N_("Add the column {column}, or rename an existing column to it."),
    "duplicate": N_("Keep one row per ({key})."),
    "empty_id": N_("Fill in {column} on every row, or delete the row."),
    "gate_bad": N_("Write True/False (or 1/0) in {column}: whether the transport gate is open."),
    "negative": N_("{column} cannot be below 0: correct it."),
    "networks_mixed": N_("One constraint, one network: correct {column}, or give the zones of "
                         "different networks different ids."),
    "no_first_year": N_("Add a row for {year}; later years left out repeat the last headroom "
                        "given."),
    "not_integer": N_("Give {column} as whole years from funding to commissioning (0, 1, 2 …)."),
    "not_number": N_("Write a number in {column}, with a dot as the decimal mark."),
    "table_missing": N_("Pass a table (it may be empty) with the columns {columns}."),
    "unknown_constraint": N_("Correct {column}, or add this constraint's rows (its headroom per "
                             "year) to constraints."),
    "year_outside": N_("Use a year of the plan ({first}–{last}), or widen the list years."),
    "years_bad": N_("Give distinct integer years, e.g. 2026, 2027, 2028, 2029, 2030."),
}


class PhasingError(QonysError, ValueError):
    """The phasing inputs are inconsistent; ``problems`` holds each one."""

    def __init__(self, message: str, problems: list | None = None) -> None:
        super().__init__(message)
        self.problems = list(problems or [])


#: Per table: required columns, optional columns, numeric columns with their minimum.
SCHEMA: dict[str, tuple[tuple[str, ...], tuple[str, ...], dict[str, float | None]]] = {
    "wanted": (("unit_id", "year", "persons"), (), {"persons": 0.0}),
    "constraints": (("constraint_id", "network", "year", "headroom"), (), {"headroom": None}),
    "loads": (("constraint_id", "unit_id", "share"), (), {"share": 0.0}),
    "investments": (("investment_id", "constraint_id", "residents", "cost"),
                    ("lead_years", "label"), {"residents": 0.0, "cost": 0.0, "lead_years": 0.0}),
    "housing": (("unit_id", "year", "persons"), (), {"persons": 0.0}),
    "gates": (("unit_id", "year", "open"), (), {}),
    "subsidy": (("unit_id", "tenge_per_person"), (), {"tenge_per_person": 0.0}),
}
_OPTIONAL_TABLES = ("housing", "gates", "subsidy")


def check_inputs(years: Sequence[int], tables: dict, budget: object) -> None:
    """Raise one :class:`PhasingError` listing every problem of the inputs, if there is any."""
    problems = _check(years, tables, budget)
    if problems:
        lines = "\n".join(f"  - {p}" for p in problems)
        raise PhasingError(_("The phasing plan was not computed: {count} problem(s) in its "
                             "input:\n{lines}",
                             count=len(problems), lines=lines), problems)


def _check(years: Sequence[int], tables: dict, budget: object) -> list[Problem]:
    """Every problem of the inputs, none raised yet."""
    found: list[Problem] = []
    plan = _plan_years(years, found)
    usable = {}
    for name, (required, __, numeric) in SCHEMA.items():
        frame = tables[name]
        if frame is None:
            if name not in _OPTIONAL_TABLES:
                found.append(Problem(name, None, (), _("table not given"),
                                     _("Pass a table (it may be empty) with the columns {columns}.",
                                        columns=", ".join(required))))
            continue
        for column in required:
            if column not in frame.columns:
                found.append(Problem(name, column, (), _("column missing"),
                                     _("Add the column {column}, or rename an existing column to "
                                       "it.", column=column)))
        have = set(frame.columns)
        usable[name] = frame
        for column in (c for c in required if c.endswith("_id") and c in have):
            _flag(found, name, column, frame[column].isna(), "empty_id", frame[column])
        for column, minimum in numeric.items():
            if column in have:
                _check_numbers(found, name, frame[column], minimum)
        if "year" in have and plan:
            _check_year(found, name, frame["year"], plan)
    _check_links(found, usable, plan)
    _check_budget(found, budget, plan)
    return found


def _plan_years(years: Sequence[int], found: list[Problem]) -> list[int] | None:
    values = list(years)
    good = all(isinstance(y, (int, np.integer)) and not isinstance(y, bool) for y in values)
    if not values or not good or len(set(values)) < len(values):
        found.append(Problem("years", None, (), _("the plan's years {value} are empty, repeated "
                                                  "or not integers", value=values),
                             _("Give distinct integer years, e.g. 2026, 2027, 2028, 2029, 2030.")))
        return None
    return sorted(int(y) for y in values)


def _flag(found: list[Problem], table: str, column: str, mask: pd.Series, text: str,
          shown: pd.Series, **fix: object) -> None:
    """Add one problem for the rows of ``mask``, citing the first of them in ``shown``."""
    mask = mask.fillna(False).astype(bool)
    if mask.any():
        example = _show(shown[mask.to_numpy()].iloc[0])
        found.append(Problem(table, column, mask_rows(mask),
                             _(PHASING_ERR_MESSAGES[text], value=example),
                             _(PHASING_ERR_FIX_MESSAGES[text], column=column, **fix)))


def _show(value: object) -> str:
    """A value as the user wrote it: ``'A'``, ``7`` (not ``np.int64(7)``)."""
    return repr(value.item() if isinstance(value, np.generic) else value)


def _check_numbers(found: list[Problem], table: str, values: pd.Series,
                   minimum: float | None) -> None:
    numbers = pd.to_numeric(values, errors="coerce").astype(float)
    bad = ~np.isfinite(numbers)
    if values.name == "lead_years":  # optional: empty means 0
        bad &= values.notna()
    _flag(found, table, values.name, bad, "not_number", values)
    if minimum is not None:
        _flag(found, table, values.name, numbers < minimum, "negative", numbers)
    if values.name == "lead_years":
        odd = np.isfinite(numbers) & (numbers != np.round(numbers))
        _flag(found, table, "lead_years", odd, "not_integer", numbers)


def _check_year(found: list[Problem], table: str, values: pd.Series, plan: list[int]) -> None:
    outside = ~pd.to_numeric(values, errors="coerce").isin(plan)
    _flag(found, table, "year", outside, "year_outside", values, first=plan[0], last=plan[-1])


def _check_links(found: list[Problem], tables: dict, plan: list[int] | None) -> None:
    """Ids that must exist, rows that must be unique, the first year's headroom, the gates."""
    cons = tables.get("constraints")
    known = None
    if cons is not None and "constraint_id" in cons:
        ids = cons["constraint_id"]
        known = set(ids.dropna())
        if "network" in cons:
            networks = cons.groupby("constraint_id")["network"].nunique()
            _flag(found, "constraints", "network", ids.isin(networks.index[networks > 1]),
                  "networks_mixed", ids)
        if plan and "year" in cons:
            first = pd.to_numeric(cons["year"], errors="coerce").groupby(ids).min()
            _flag(found, "constraints", "year", ids.isin(first.index[~(first <= plan[0])]),
                  "no_first_year", ids, year=plan[0])
    for name in ("loads", "investments"):
        frame = tables.get(name)
        if known is not None and frame is not None and "constraint_id" in frame:
            _flag(found, name, "constraint_id", ~frame["constraint_id"].isin(known),
                  "unknown_constraint", frame["constraint_id"])
    for name, key in (("constraints", ["constraint_id", "year"]),
                      ("loads", ["constraint_id", "unit_id"]), ("investments", ["investment_id"]),
                      ("subsidy", ["unit_id"])):
        frame = tables.get(name)
        if frame is not None and set(key) <= set(frame.columns):
            rows = pd.Series(list(frame[key].itertuples(index=False, name=None)),
                             index=frame.index)
            _flag(found, name, key[-1], frame.duplicated(key, keep=False), "duplicate", rows,
                  key=", ".join(key))
    gates = tables.get("gates")
    if gates is not None and "open" in gates:
        odd = ~gates["open"].map(lambda v: isinstance(v, (bool, np.bool_)) or v in (0, 1))
        _flag(found, "gates", "open", odd, "gate_bad", gates["open"])


def _check_budget(found: list[Problem], budget: object, plan: list[int] | None) -> None:
    items = dict(budget) if isinstance(budget, Mapping) else {None: budget}
    for year, amount in items.items():
        where = "budget" if year is None else f"budget[{_show(year)}]"
        try:
            value = float(amount)
        except (TypeError, ValueError):
            value = math.nan
        if not math.isfinite(value) or value < 0:
            found.append(Problem(where, None, (),
                                 _("the budget {value} is not a finite "
                                   "non-negative number", value=repr(amount)),
                                 _("Give the budget in tenge: one number per year, or a mapping "
                                   "year -> tenge.")))
        if year is not None and plan and year not in plan:
            found.append(Problem(where, None, (),
                                 _("year {value} is outside the plan", value=_show(year)),
                                 _("Use a year of the plan ({first}–{last}), or widen the list "
                                   "years.", column="budget",
                                    first=plan[0], last=plan[-1])))

