"""Migration flows: registration records to flows, checks, net migration per unit and its trend.

A place is a unit of the workspace (``unit_id``), an oblast or city of republican significance
(its KATO code) or a country (ISO 3166-1 alpha-3), the last two from
``data/reference/places.csv``. A flow between two places is ``external`` when one end is a
country and ``internal`` otherwise; a ``flow_kind`` given in the data wins, and a given kind
that contradicts the places is reported.

Decisions (DESIGN.md, "Data model", flows):

- Registration records are counted once: rows with the same ``record_id``, or identical rows
  (after the dates and codes are normalised) when there is no ``record_id``, are duplicates.
  Without a ``record_id`` two people who made the same move on the same day are
  indistinguishable from a double entry, so load the id where the register has one.
- In an OD table, two rows with the same origin, destination, year and kind are a double
  entry: both are reported and the first is kept (summing them would double the flow).
- Records or rows with a code that is no known place are reported (code, column, count,
  example rows) and left out; they do not stop the step.
- Unreadable dates or years, empty codes, unknown flow kinds, persons that are not numbers or
  are negative, and missing columns cannot be guessed: all of them are raised at once in one
  :class:`FlowDataError` naming layer, column, rows, value and fix.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
import pandas as pd

from geo.i18n import _
from layers.catalogue import FLOW_KINDS
from layers.validate import row_numbers
from maps.text import format_number
from planning.population.flow_problems import (
    EXAMPLE_ROWS,
    YEARS,
    FlowDataError,
    code_problems,
    duplicate_rows,
    given_kinds,
    kind_problems,
    listed,
    normalise_codes,
    parse_dates,
    raise_all,
    require,
    value_problems,
)
from planning.population.places import KnownPlaces

log = logging.getLogger(__name__)

#: Columns of every flows table this module returns, before any extra input columns.
FLOW_COLUMNS = ["origin_id", "dest_id", "year", "flow_kind", "persons"]
NET_COLUMNS = ["unit_id", "year", "inflow", "outflow", "net", "net_internal", "net_external"]






@dataclass(frozen=True)
class FlowCheck:
    """Flows ready for the model, and what was set aside on the way.

    Attributes
    ----------
    layer
        The name the messages use.
    flows
        ``origin_id``, ``dest_id``, ``year``, ``flow_kind``, ``persons`` (and any other
        columns of an OD table, such as ``source``).
    duplicates
        One row per duplicate left out: ``row`` and ``first_row`` (the kept one), from 1.
    unknown
        ``code``, ``column``, ``count`` (records or rows left out), ``rows`` (up to five).
    conflicts
        Rows whose given ``flow_kind`` contradicts their places: ``row``, ``origin_id``,
        ``dest_id``, ``flow_kind`` (given, kept) and ``derived``.
    records
        Rows read.
    used
        Rows that went into ``flows``.
    """

    layer: str
    flows: pd.DataFrame
    duplicates: pd.DataFrame
    unknown: pd.DataFrame
    conflicts: pd.DataFrame
    records: int
    used: int

    def summary(self, lang: str | None = None) -> str:
        """What was read, used, counted once and left out, one line each, in ``lang``."""
        years = sorted(self.flows["year"].unique().tolist())
        span = "—" if not years else f"{years[0]}–{years[-1]}" if len(years) > 1 else years[0]
        lines = [_("{layer}: {records} rows read, {used} used; {flows} flows of {persons} "
                   "persons, years {years}.",
                   lang=lang, layer=self.layer, records=self.records,
                    used=self.used, flows=len(self.flows),
                    persons=format_number(self.flows["persons"].sum(), "{:,.0f}", lang),
                    years=span)]
        if len(self.duplicates):
            lines.append(_("{count} duplicate row(s) counted once, the first of each kept (rows "
                           "{rows}).",
                           lang=lang, count=len(self.duplicates),
                            rows=listed(self.duplicates["row"])))
        for item in self.unknown.itertuples():
            lines.append(_("Unknown code '{code}' in column {column}: {count} row(s) left out "
                           "(for example rows {rows}). Correct the code, or add the place to the "
                           "units or to data/reference/places.csv.", lang=lang, code=item.code,
                            column=item.column, count=item.count, rows=listed(item.rows)))
        if len(self.conflicts):
            lines.append(_("{count} row(s) (for example {rows}) give a flow kind that contradicts "
                           "their places; the given kind was kept. Check them: an external flow "
                           "has a country at one end.",
                           lang=lang, count=len(self.conflicts),
                            rows=listed(self.conflicts["row"].head(EXAMPLE_ROWS))))
        if len(lines) == 1:
            lines.append(_("No duplicates, unknown codes or contradictions.", lang=lang))
        return "\n".join(lines)






def flows_from_registrations(records: pd.DataFrame, *, known: KnownPlaces,
                             layer: str = "registrations") -> FlowCheck:
    """Count registration records into flows per origin, destination, year and kind.

    Parameters
    ----------
    records
        ``date`` (YYYY-MM-DD, or DD.MM.YYYY), ``origin_id``, ``dest_id``; optional
        ``record_id`` and ``flow_kind``. An index named ``source_row`` gives the rows' numbers
        in the file.
    known
        The places codes may name (:func:`known_places`).
    layer
        The name messages use.

    Returns
    -------
    FlowCheck
        ``flows`` with one row per (origin, destination, year, kind) and ``persons`` = the
        number of records, and the duplicates, unknown codes and contradictions found.

    Raises
    ------
    FlowDataError
        Missing columns, unreadable dates, empty codes or unknown flow kinds, all at once.
    """
    require(records, ("date", "origin_id", "dest_id"), layer)
    rows = row_numbers(records)
    dates = parse_dates(records["date"])
    frame = pd.DataFrame({"date": dates.dt.strftime("%Y-%m-%d").to_numpy(),
                          "origin_id": normalise_codes(records["origin_id"]).to_numpy(),
                          "dest_id": normalise_codes(records["dest_id"]).to_numpy()})
    given = given_kinds(records)
    found = value_problems(records["date"], dates.isna().to_numpy(), rows, layer, "date",
                            "bad_date")
    found += code_problems(frame, rows, layer) + kind_problems(records, given, rows, layer)
    raise_all(found, layer)
    frame["year"] = dates.dt.year.to_numpy()
    frame["given"] = given.to_numpy()
    others = [c for c in records.columns if c not in ("date", "origin_id", "dest_id",
                                                      "flow_kind", "record_id")]
    details = frame[["date", "origin_id", "dest_id"]]
    if "record_id" in records.columns:
        details = details.assign(record_id=records["record_id"].to_numpy())
    duplicates, first = duplicate_rows(_record_keys(records, frame, others), rows, details)
    kept, unknown, conflicts = _checked(frame[first], rows[first], known)
    flows = (kept.groupby(["origin_id", "dest_id", "year", "flow_kind"]).size()
             .rename("persons").astype(float).reset_index())
    flows["source"] = f"{layer}: registration records counted per year"
    return FlowCheck(layer, flows, duplicates, unknown, conflicts, len(records), len(kept))


def check_flows(flows: pd.DataFrame, *, known: KnownPlaces, layer: str = "flows") -> FlowCheck:
    """Check an OD table: unreadable values, double entries, unknown codes, flow kinds.

    Two rows with the same origin, destination, year and flow kind are a double entry: both
    are reported and the first is kept. Rows with an unknown code are reported and left out.
    A missing ``flow_kind`` is derived from the places.

    Raises
    ------
    FlowDataError
        Missing columns, empty codes, years or persons that are not numbers, negative persons
        or unknown flow kinds, all at once.
    """
    require(flows, ("origin_id", "dest_id", "year", "persons"), layer)
    rows = row_numbers(flows)
    year = pd.to_numeric(flows["year"], errors="coerce").to_numpy(float)
    persons = pd.to_numeric(flows["persons"], errors="coerce").to_numpy(float)
    frame = pd.DataFrame({"origin_id": normalise_codes(flows["origin_id"]).to_numpy(),
                          "dest_id": normalise_codes(flows["dest_id"]).to_numpy()})
    given = given_kinds(flows)
    bad_year = ~((year % 1 == 0) & (year >= YEARS[0]) & (year <= YEARS[1]))
    found = value_problems(flows["year"], bad_year, rows, layer, "year", "bad_year")
    found += value_problems(flows["persons"], np.isnan(persons), rows, layer, "persons",
                             "bad_persons")
    found += value_problems(flows["persons"], persons < 0, rows, layer, "persons", "negative")
    found += code_problems(frame, rows, layer) + kind_problems(flows, given, rows, layer)
    raise_all(found, layer)
    frame["year"] = year.astype(int)
    frame["given"] = given.to_numpy()
    frame["persons"] = persons
    for extra in [c for c in flows.columns if c not in (*FLOW_COLUMNS, "given")]:
        frame[extra] = flows[extra].to_numpy()
    derived = _derived_kinds(frame, known)
    key = (frame["origin_id"] + "\x1f" + frame["dest_id"] + "\x1f" + frame["year"].astype(str)
           + "\x1f" + frame["given"].fillna(derived))
    first_persons = key.map(pd.Series(persons, index=key.to_numpy()).groupby(level=0).first())
    details = frame[["origin_id", "dest_id", "year", "persons"]].assign(
        first_persons=first_persons.to_numpy())
    duplicates, first = duplicate_rows(key, rows, details)
    kept, unknown, conflicts = _checked(frame[first], rows[first], known)
    extras = [c for c in kept.columns if c not in (*FLOW_COLUMNS, "given")]
    return FlowCheck(layer, kept[FLOW_COLUMNS + extras].reset_index(drop=True), duplicates,
                     unknown, conflicts, len(flows), len(kept))


def net_migration(flows: pd.DataFrame, *, unit_ids: list[str] | pd.Index) -> pd.DataFrame:
    """Inflow, outflow and net migration of each unit in each year of ``flows``.

    A flow between two units counts as out of one and into the other; a flow whose origin and
    destination are the same place is no migration and is left out.

    Parameters
    ----------
    flows
        ``origin_id``, ``dest_id``, ``year``, ``persons``, ``flow_kind`` (checked flows).
    unit_ids
        The units to report; every unit gets every year of ``flows``, with zeros where
        nothing moved.

    Returns
    -------
    pandas.DataFrame
        ``unit_id``, ``year``, ``inflow``, ``outflow``, ``net`` = inflow - outflow, and
        ``net_internal`` and ``net_external``, the same over internal or external flows only.

    Examples
    --------
    >>> f = pd.DataFrame({"origin_id": ["a", "b", "RUS"], "dest_id": ["b", "a", "a"],
    ...                   "year": 2024, "persons": [5.0, 2.0, 1.0],
    ...                   "flow_kind": ["internal", "internal", "external"]})
    >>> net_migration(f, unit_ids=["a", "b"])[["unit_id", "net", "net_external"]]
      unit_id  net  net_external
    0       a -2.0           1.0
    1       b  3.0           0.0
    """
    require(flows, ("origin_id", "dest_id", "year", "persons", "flow_kind"), "flows")
    units = pd.Index([str(u) for u in unit_ids], name="unit_id")
    moved = flows[flows["origin_id"] != flows["dest_id"]]
    years = sorted(int(y) for y in flows["year"].unique())
    grid = pd.MultiIndex.from_product([units, years], names=["unit_id", "year"])
    columns = {}
    for kind in FLOW_KINDS:
        of_kind = moved[moved["flow_kind"] == kind]
        columns[f"in_{kind}"] = _summed(of_kind, "dest_id", units, grid)
        columns[f"out_{kind}"] = _summed(of_kind, "origin_id", units, grid)
    table = pd.DataFrame(columns, index=grid)
    out = pd.DataFrame(index=grid)
    out["inflow"] = table["in_internal"] + table["in_external"]
    out["outflow"] = table["out_internal"] + table["out_external"]
    out["net"] = out["inflow"] - out["outflow"]
    out["net_internal"] = table["in_internal"] - table["out_internal"]
    out["net_external"] = table["in_external"] - table["out_external"]
    return out.reset_index()[NET_COLUMNS]


def trend(net: pd.DataFrame, *, years: int = 3) -> pd.DataFrame:
    """The trend of net migration: the mean net of each unit's last ``years`` observed years.

    The forecast uses ``net_per_year`` as the "trend" migration of a unit. A unit observed in
    fewer years takes the mean of those it has.

    Returns
    -------
    pandas.DataFrame
        ``unit_id``, ``net_per_year``, ``first_year`` and ``last_year`` of the years used.

    Examples
    --------
    >>> net = pd.DataFrame({"unit_id": "a", "year": [2021, 2022, 2023, 2024],
    ...                     "net": [100.0, 10.0, 20.0, 60.0]})
    >>> trend(net, years=3)  # (10 + 20 + 60) / 3
      unit_id  net_per_year  first_year  last_year
    0       a          30.0        2022       2024
    """
    if not isinstance(years, int | np.integer) or years < 1:
        raise FlowDataError(_("The number of years for the trend must be a whole number of at "
                              "least 1, got {value}.", value=years))
    last = net.sort_values(["unit_id", "year"]).groupby("unit_id", sort=False).tail(years)
    grouped = last.groupby("unit_id", sort=False)
    return pd.DataFrame({"net_per_year": grouped["net"].mean(),
                         "first_year": grouped["year"].min(),
                         "last_year": grouped["year"].max()}).reset_index()
























def _record_keys(records: pd.DataFrame, frame: pd.DataFrame, others: list[str]) -> pd.Series:
    """A record's identity: its ``record_id`` where it has one, else all its values."""
    ids = (normalise_codes(records["record_id"]).to_numpy() if "record_id" in records.columns
           else np.full(len(frame), None, object))
    keys = np.empty(len(frame), object)
    has = ~pd.isna(ids)
    keys[has] = "id\x1f" + ids[has].astype(str)
    if (~has).any():  # the whole row, written out only where there is no record_id
        values = frame.loc[~has, ["date", "origin_id", "dest_id", "given"]].copy()
        for column in others:
            values[column] = records[column].to_numpy()[~has]
        keys[~has] = ["row\x1f" + "\x1f".join(map(str, row))
                      for row in values.itertuples(index=False)]
    return pd.Series(keys, index=frame.index, dtype=object)




def _checked(frame: pd.DataFrame, rows: np.ndarray,
             known: KnownPlaces) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The rows whose both codes are known places, with their flow kinds (the given one, else
    derived); the report of the unknown codes; the rows whose given kind contradicts."""
    report = []
    unknown_any = np.zeros(len(frame), bool)
    for column in ("origin_id", "dest_id"):
        missing = known.kinds(frame[column]).isna().to_numpy()
        unknown_any |= missing
        for code, where in pd.Series(rows[missing]).groupby(frame[column].to_numpy()[missing],
                                                           sort=True):
            report.append({"code": code, "column": column, "count": len(where),
                           "rows": tuple(int(r) for r in where.head(EXAMPLE_ROWS))})
            log.warning("unknown %s %s in %d rows", column, code, len(where))
    unknown = pd.DataFrame(report, columns=["code", "column", "count", "rows"])
    kept = frame[~unknown_any].assign(row=rows[~unknown_any])
    derived = _derived_kinds(kept, known)
    clash = (kept["given"].notna() & (kept["given"] != derived)).to_numpy()
    conflicts = kept.loc[clash, ["row", "origin_id", "dest_id", "given"]].rename(
        columns={"given": "flow_kind"}).assign(derived=derived[clash]).reset_index(drop=True)
    kept = kept.assign(flow_kind=kept["given"].fillna(derived)).drop(columns=["given", "row"])
    return kept, unknown, conflicts


def _derived_kinds(frame: pd.DataFrame, known: KnownPlaces) -> pd.Series:
    country = ((known.kinds(frame["origin_id"]) == "country")
               | (known.kinds(frame["dest_id"]) == "country"))
    return pd.Series(np.where(country.to_numpy(), "external", "internal"), index=frame.index)


def _summed(flows: pd.DataFrame, column: str, units: pd.Index,
            grid: pd.MultiIndex) -> pd.Series:
    inside = flows[flows[column].isin(units)]
    summed = inside.groupby([inside[column].rename("unit_id"),
                             inside["year"].astype(int).rename("year")])["persons"].sum()
    return summed.reindex(grid, fill_value=0.0).astype(float)


