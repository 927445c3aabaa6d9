"""Join statistics tables (CSV or XLSX) to a layer by KATO code or by place name.

``qonys join TABLE --to LAYER --on kato|name`` reads the table with :func:`read_statistics`,
joins it with :func:`join_statistics` and prints :meth:`JoinResult.report`, which lists every
row that did not match, on either side, and why. Nothing is guessed:

1. By KATO: the table's code (:func:`layers.names.normalise_kato`) equals the layer's ``kato``.
2. By name: the table's normalised name (:func:`layers.names.normalise_name`) equals the
   normalised ``name_ru``, ``name_kk``, ``name_en`` or plain ``name`` (OpenStreetMap's tag) of
   a layer row; the report says how many rows matched on each of those columns. If the table
   has a parent column (``parent``, ``oblast``, ``region``, ``область``, ``облыс`` ...) and the
   layer has ``parent_name_*`` columns, the parents must agree as well: first with the type
   word kept (``Алматы қаласы`` is the city, ``Алматы`` the oblast), else by the bare name.
3. A table row that fits several layer rows is ambiguous: an error listing them.
4. Several table rows that fit one layer row: BNS bulletins list a district beside its centre
   town (``Талғар ауданы``, ``Талғар қ.``) and a city administration beside its city
   (``Қонаев қ.ә.``, ``Қонаев қаласы``). For a layer of polygons (``prefer="units"``) the row
   whose type word names an administrative unit is taken, then one with no type word, then a
   populated place; for points (``"settlements"``) the other way round. The rows not taken are
   reported; a tie is an error and the layer row gets nothing.
5. A table column the layer already has with values (GeoPackage ignores case) is not brought
   by default (one with no value at all is filled): the others are joined and the report
   lists the ones kept. Named in ``columns``, it is an
   error, unless ``replace`` is given: then each matched layer row takes the table's value
   where the table has one, and every other row keeps its own.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from geo.errors import LayerSchemaError
from geo.i18n import tr
from layers.names import SETTLEMENT_KINDS, UNIT_KINDS, normalise_kato, normalise_name, split_name
from layers.read_stats import (
    KATO_HEADERS,
    NAME_COLUMNS,
    PARENT_HEADERS,
    header_key,
    is_missing,
    read_statistics,
)
from layers.validate import Problem

__all__ = ["JoinResult", "join_statistics", "read_statistics"]

_ID_COLUMNS = ("unit_id", "settlement_id", "facility_id", "id")
#: The layer's name columns compared by ``on="name"``: the catalogue's, then OSM's own ``name``.
LAYER_NAME_COLUMNS = (*NAME_COLUMNS, "name")


@dataclass
class JoinResult:
    """What :func:`join_statistics` made and what it could not match.

    Attributes
    ----------
    frame
        The layer with the table's columns added (a left join: every layer row, in order).
    matched
        How many layer rows got a table row.
    unmatched_table
        One row per table row not joined: ``row`` (from 1, under the header),
        ``source_row`` (its row in the file, if known), ``key``, ``reason`` (``empty``,
        ``invalid``, ``no_match``, ``other_parent``, ``ambiguous``, ``outranked``,
        ``conflict``), ``layers`` and ``others`` (the layer and table rows concerned).
    unmatched_layer
        One row per layer row left without data: ``row`` (from 1), ``id``, the name columns,
        ``label``, ``reason`` (``layer_no_match``, ``layer_conflict``, ``layer_ambiguous``) and
        ``others`` (the table rows concerned).
    problems
        Warnings for unmatched rows; errors for ambiguous names, invalid codes, several table
        rows tied on one layer row and table columns that clash with the layer's.
    """

    frame: pd.DataFrame
    matched: int
    unmatched_table: pd.DataFrame
    unmatched_layer: pd.DataFrame
    problems: list[Problem]
    layer_name: str = ""
    table_name: str = ""
    on: str = ""
    table_rows: int = 0
    clashes: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    matched_on: dict[str, int] = field(default_factory=dict)

    @property
    def has_errors(self) -> bool:
        """Whether any problem is an error (the caller should not store the frame)."""
        return any(p.is_error for p in self.problems)

    def report(self, *, lang: str | None = None) -> str:
        """Every unmatched row of both sides, one a line, in ``lang`` (default: current)."""
        lines = [tr("join.report.title", lang=lang, table=self.table_name,
                    layer=self.layer_name, on=self.on, matched=self.matched,
                    layer_rows=len(self.frame), table_rows=self.table_rows)]
        if self.matched_on:
            lines.append(tr("join.report.matched_on", lang=lang, columns=", ".join(
                f"{col} ({count})" for col, count in self.matched_on.items())))
        if self.kept:
            lines.append(tr("join.report.kept", lang=lang, layer=self.layer_name,
                            columns=", ".join(map(str, self.kept))))
        if self.replaced:
            lines.append(tr("join.report.replaced", lang=lang, layer=self.layer_name,
                            columns=", ".join(map(str, self.replaced)), matched=self.matched))
        if len(self.unmatched_table):
            lines.append(tr("join.report.table_header", lang=lang,
                            count=len(self.unmatched_table)))
            for rec in self.unmatched_table.itertuples(index=False):
                where = ("" if pd.isna(rec.source_row)
                         else tr("join.report.file_row", lang=lang, row=int(rec.source_row)))
                lines.append("  " + tr("join.report.table_row", lang=lang, row=rec.row,
                                       where=where, key=rec.key, reason=_reason(rec, lang)))
        if len(self.unmatched_layer):
            lines.append(tr("join.report.layer_header", lang=lang,
                            count=len(self.unmatched_layer)))
            for rec in self.unmatched_layer.itertuples(index=False):
                lines.append("  " + tr("join.report.layer_row", lang=lang, row=rec.row,
                                       label=rec.label, reason=_reason(rec, lang)))
        if self.clashes:
            lines.append(tr("join.report.errors_header", lang=lang, count=len(self.clashes)))
            lines.extend("  " + tr("join.reason.clash", lang=lang, column=c,
                                   layer=self.layer_name) + ". " + tr("join.fix.clash", lang=lang)
                         for c in self.clashes)
        if len(self.unmatched_table) == len(self.unmatched_layer) == len(self.clashes) == 0:
            lines.append(tr("join.report.all_joined", lang=lang))
        return "\n".join(lines)


def _reason(rec: object, lang: str | None) -> str:
    level = getattr(rec, "level", "")
    return tr(f"join.reason.{rec.reason}", lang=lang, key=getattr(rec, "key", ""),
              layers=getattr(rec, "layers", ""), others=rec.others,
              level=tr(f"join.level.{level}", lang=lang) if level else "")


def join_statistics(
    layer_frame: pd.DataFrame,
    table: pd.DataFrame,
    *,
    on: str,
    columns: list[str] | None = None,
    layer_name: str,
    table_name: str,
    key: str | None = None,
    parent: str | None = None,
    prefer: str = "auto",
    rename: Mapping[str, str] | None = None,
    replace: bool = False,
) -> JoinResult:
    """Add a statistics table's columns to a layer, matching rows by KATO code or by name.

    Parameters
    ----------
    layer_frame
        The layer; it needs ``kato`` (``on="kato"``) or any of ``name_ru``, ``name_kk``,
        ``name_en``, ``name`` (``on="name"``), and may have ``parent_name_*`` columns.
    table
        The statistics, as :func:`read_statistics` returns them (its ``source_row`` index is
        reported beside the row number).
    on
        ``"kato"`` or ``"name"``.
    columns
        Table columns to bring; default all but the key and the parent column.
    layer_name, table_name
        Names for messages.
    key
        The table's key column; by default the column headed like a KATO code
        (:data:`KATO_HEADERS`), or for names the text column whose values match most layer
        rows.
    parent
        The table's parent (oblast) column for a name join; by default one headed as in
        :data:`PARENT_HEADERS`, if any.
    prefer
        Which of several table rows fitting one layer row is taken (see the module's rule 4):
        ``"units"``, ``"settlements"``, ``"none"`` (a tie is always an error) or ``"auto"``
        (units for polygons, settlements for points, else none).
    rename
        Table column → its name in the layer (``--map``); clashes are judged on the new name.
    replace
        Let the table's values replace those of layer columns of the same name (rule 5).

    Returns
    -------
    JoinResult

    Raises
    ------
    LayerSchemaError
        ``on`` is unknown, the layer lacks its key columns, or the table lacks the key or a
        chosen column.

    Examples
    --------
    >>> layer = pd.DataFrame({"name_kk": ["Медеу", "Алмалы"], "name_ru": ["Медеуский", None]})
    >>> table = pd.DataFrame({"район": ["Медеу ауданы", "Алатау ауданы"], "pop": [241263, 354899]})
    >>> result = join_statistics(layer, table, on="name", layer_name="units", table_name="t")
    >>> result.frame["pop"].tolist(), result.matched, result.unmatched_table["key"].tolist()
    ([241263.0, nan], 1, ['Алатау ауданы'])
    """
    if on not in ("kato", "name"):
        raise LayerSchemaError(tr("join.bad_on", on=on))
    if prefer not in ("auto", "units", "settlements", "none"):
        raise LayerSchemaError(tr("join.bad_prefer", prefer=prefer))
    source_rows = (list(table.index) if table.index.name == "source_row"
                   else [None] * len(table))
    table = table.reset_index(drop=True)
    available = ", ".join(map(str, table.columns))
    for col in (key, parent):
        if col is not None and col not in table.columns:
            raise LayerSchemaError(tr("join.key_missing", table=table_name, key=col,
                                      available=available))
    needed = (["kato"] if on == "kato"
              else [c for c in LAYER_NAME_COLUMNS if c in layer_frame.columns])
    if not needed or needed[0] not in layer_frame.columns:
        wanted = "kato" if on == "kato" else " / ".join(LAYER_NAME_COLUMNS)
        raise LayerSchemaError(tr("join.layer_column_missing", layer=layer_name,
                                  columns=wanted, on=on))
    if on == "kato":
        layer_keys = [{normalise_kato(v)} - {None} for v in layer_frame["kato"]]
        key = key or _find_header(table, KATO_HEADERS)
        if key is None:
            raise LayerSchemaError(tr("join.no_kato_column", table=table_name,
                                      candidates=", ".join(KATO_HEADERS), available=available))
        split = [(normalise_kato(v), None) for v in table[key]]
        parent = None
        name_columns = []
    else:
        layer_keys = [{normalise_name(v) for v in r} - {""}
                      for r in layer_frame[needed].itertuples(index=False)]
        name_columns = needed
        parent = parent or _find_header(table, PARENT_HEADERS)
        key = key or _best_column(table, _index(layer_keys), exclude=parent)
        if key is None:
            raise LayerSchemaError(tr("join.no_name_column", table=table_name,
                                      layer=layer_name))
        split = [split_name(v) for v in table[key]]
    parent_cols = sorted((c for c in layer_frame.columns if str(c).startswith("parent_name")),
                         key=lambda c: [str(c).endswith(f"_{x}") for x in ("ru", "kk", "en")],
                         reverse=True)
    chosen = (list(columns) if columns is not None
              else [c for c in table.columns if c not in (key, parent)])
    absent = [c for c in chosen if c not in table.columns]
    if absent:
        raise LayerSchemaError(tr("join.columns_missing", table=table_name,
                                  columns=", ".join(map(str, absent)), available=available))
    return _Join(layer_frame, table, key, split, source_rows, layer_name, table_name, on,
                 parent=parent if parent_cols else None, parent_cols=parent_cols,
                 prefer=_preference(layer_frame, prefer) if on == "name" else "none",
                 name_columns=name_columns, rename=dict(rename or {}), replace=replace,
                 explicit=columns is not None).run(layer_keys, chosen)


def _find_header(table: pd.DataFrame, names: tuple[str, ...]) -> str | None:
    keys = {header_key(c): c for c in reversed(table.columns)}
    return next((keys[n] for n in names if n in keys), None)


def _index(layer_keys: list[set]) -> dict[str, list[int]]:
    index: dict[str, list[int]] = defaultdict(list)
    for j, keys in enumerate(layer_keys):
        for k in keys:
            index[k].append(j)
    return dict(index)


def _best_column(table: pd.DataFrame, index: dict, *, exclude: str | None) -> str | None:
    """The text column whose values match most layer names (the first one on a tie)."""
    best, hits = None, 0
    for col in table.columns:
        if col == exclude or pd.api.types.is_numeric_dtype(table[col]):
            continue
        found = sum(not is_missing(v) and normalise_name(v) in index for v in table[col])
        if found > hits:
            best, hits = col, found
    return best


def _preference(layer_frame: pd.DataFrame, prefer: str) -> str:
    if prefer != "auto":
        return prefer
    types = set(getattr(layer_frame, "geom_type", pd.Series(dtype=object)).dropna())
    if types and types <= {"Polygon", "MultiPolygon"}:
        return "units"
    if types and types <= {"Point", "MultiPoint"}:
        return "settlements"
    return "none"


def _rank(kind: str | None, prefer: str) -> int:
    """2 for the kind preferred, 1 for no type word, 0 for the other kind."""
    if prefer == "none" or kind is None:
        return 1
    wanted = UNIT_KINDS if prefer == "units" else SETTLEMENT_KINDS
    return 2 if kind in wanted else 0


@dataclass
class _Join:
    layer: pd.DataFrame
    table: pd.DataFrame
    key: str
    split: list[tuple[str | None, str | None]]
    source_rows: list
    layer_name: str
    table_name: str
    on: str
    parent: str | None
    parent_cols: list[str]
    prefer: str
    name_columns: list[str] = field(default_factory=list)
    rename: dict[str, str] = field(default_factory=dict)
    replace: bool = False
    explicit: bool = False
    missed: dict[int, dict] = field(default_factory=dict)

    def run(self, layer_keys: list[set], chosen: list[str]) -> JoinResult:
        matches, conflicts, ambiguous = self._match(_index(layer_keys))
        layer_missed = {}
        for j in range(len(self.layer)):
            if j in conflicts:
                layer_missed[j] = ("layer_conflict", self._trows(conflicts[j]))
            elif j in ambiguous:
                layer_missed[j] = ("layer_ambiguous", self._trows(ambiguous[j]))
            elif j not in matches:
                layer_missed[j] = ("layer_no_match", "")
        # GeoPackage ignores the case of column names: "POP" clashes with "pop".
        taken = {str(c).casefold(): c for c in self.layer.columns}
        target = {c: self.rename.get(c, c) for c in chosen}
        # A layer column with no value at all (an OSM layer's capacity) holds nothing to keep.
        empty = {c for c in chosen if str(target[c]).casefold() in taken
                 and self.layer[taken[str(target[c]).casefold()]].isna().all()}
        same = [c for c in chosen if c != self.key and str(target[c]).casefold() in taken
                and c not in empty]
        clashes = [] if self.replace or not self.explicit else same
        kept = [] if self.replace or self.explicit else same
        replaced = same if self.replace else []
        brought = [c for c in chosen if c != self.key and c not in clashes and c not in kept]
        positions = np.full(len(self.layer), -1)
        for j, i in matches.items():
            positions[j] = i
        picked = self.table[brought].reindex(positions)
        frame = self.layer.copy()
        for col in brought:
            values = picked[col].array
            if col in replaced:  # a matched row takes the table's value where it has one
                own = taken[str(target[col]).casefold()]
                frame[own] = frame[own].where(pd.isna(values), pd.Series(values,
                                                                         index=frame.index))
            else:
                frame[taken.get(str(target[col]).casefold(), target[col])] = values
        return JoinResult(
            frame=frame, matched=len(matches), unmatched_table=self._table_frame(),
            unmatched_layer=self._layer_frame(layer_missed),
            problems=self._problems(layer_missed, conflicts, clashes),
            layer_name=self.layer_name, table_name=self.table_name, on=self.on,
            table_rows=len(self.table), clashes=clashes, kept=kept,
            replaced=[taken[str(target[c]).casefold()] for c in replaced],
            matched_on=self._matched_on(matches))

    def _matched_on(self, matches: dict[int, int]) -> dict[str, int]:
        """How many matched layer rows have the table's name in each name column."""
        counts = dict.fromkeys(self.name_columns, 0)
        for j, i in matches.items():
            key = self.split[i][0]
            for col in self.name_columns:
                value = self.layer[col].iat[j]
                if not is_missing(value) and normalise_name(value) == key:
                    counts[col] += 1
        return {col: n for col, n in counts.items() if n}

    def _match(self, index: dict[str, list[int]]) -> tuple[dict, dict, dict]:
        layer_parents = [{split_name(v) for v in r} - {("", None)}
                         for r in self.layer[self.parent_cols].itertuples(index=False)]
        claims: dict[int, list[int]] = defaultdict(list)
        ambiguous: dict[int, list[int]] = defaultdict(list)
        for i, (k, _) in enumerate(self.split):
            if is_missing(self.table[self.key].iat[i]) or (self.on == "name" and not k):
                self._miss(i, "empty")
                continue
            if k is None:
                self._miss(i, "invalid")
                continue
            candidates = index.get(k, [])
            fitting = candidates
            if self.parent is not None and not is_missing(self.table[self.parent].iat[i]):
                wanted = split_name(self.table[self.parent].iat[i])
                fitting = ([j for j in candidates if wanted in layer_parents[j]]
                           or [j for j in candidates
                               if any(p[0] == wanted[0] for p in layer_parents[j])])
            if not fitting:
                reason = "other_parent" if candidates else "no_match"
                self._miss(i, reason, layers=self._lrows(candidates))
            elif len(fitting) > 1:
                self._miss(i, "ambiguous", layers=self._lrows(fitting))
                for j in fitting:
                    ambiguous[j].append(i)
            else:
                claims[fitting[0]].append(i)
        matches, conflicts = {}, {}
        for j, rows in claims.items():
            ranks = {i: _rank(self.split[i][1], self.prefer) for i in rows}
            best = [i for i in rows if ranks[i] == max(ranks.values())]
            if len(best) == 1:
                matches[j] = best[0]
                for i in set(rows) - {best[0]}:
                    self._miss(i, "outranked", layers=self._lrows([j]),
                               others=self._trows(best), level=self.prefer)
                continue
            conflicts[j] = rows
            for i in rows:
                self._miss(i, "conflict", layers=self._lrows([j]),
                           others=self._trows([r for r in rows if r != i]))
        return matches, conflicts, ambiguous

    def _miss(self, i: int, reason: str, *, layers: str = "", others: str = "",
              level: str = "") -> None:
        self.missed[i] = {"reason": reason, "layers": layers, "others": others, "level": level}

    def _key_text(self, i: int) -> str:
        value = self.table[self.key].iat[i]
        return "" if is_missing(value) else str(value)

    def _trows(self, rows: list[int]) -> str:
        return ", ".join(f"{i + 1} «{self._key_text(i)}»" for i in sorted(rows))

    def _label(self, j: int) -> str:
        row = self.layer.iloc[j]
        cols = [c for c in LAYER_NAME_COLUMNS if c in self.layer.columns] or ["kato"]
        name = next((str(row[c]) for c in cols if not is_missing(row[c])), "")
        parent = next((str(row[c]) for c in self.parent_cols if not is_missing(row[c])), "")
        return f"«{name}»" + (f" ({parent})" if parent else "")

    def _lrows(self, rows: list[int]) -> str:
        return ", ".join(f"{j + 1} {self._label(j)}" for j in rows)

    def _table_frame(self) -> pd.DataFrame:
        records = [{"row": i + 1, "source_row": self.source_rows[i], "key": self._key_text(i),
                    **self.missed[i]} for i in sorted(self.missed)]
        frame = pd.DataFrame(records, columns=["row", "source_row", "key", "reason", "layers",
                                               "others", "level"])
        frame["source_row"] = frame["source_row"].astype("Int64")
        return frame

    def _layer_frame(self, missed: dict[int, tuple[str, str]]) -> pd.DataFrame:
        id_col = next((c for c in _ID_COLUMNS if c in self.layer.columns), None)
        names = [c for c in (*LAYER_NAME_COLUMNS, "kato") if c in self.layer.columns]
        records = []
        for j, (reason, others) in missed.items():
            row = self.layer.iloc[j]
            ident = None if id_col is None or is_missing(row[id_col]) else row[id_col]
            label = self._label(j) + ("" if ident is None else f", {id_col} {ident}")
            records.append({"row": j + 1, "id": ident, **{c: row[c] for c in names},
                            "label": label, "reason": reason, "others": others})
        return pd.DataFrame(records, columns=["row", "id", *names, "label", "reason", "others"])

    def _problems(self, layer_missed: dict, conflicts: dict, clashes: list[str]) -> list[Problem]:
        found = []
        errors = {"invalid", "ambiguous"}
        fixes = {"ambiguous": f"ambiguous_{self.on}"}
        for i, miss in sorted(self.missed.items()):
            if miss["reason"] == "conflict":  # reported once, for the layer row, below
                continue
            level = tr(f"join.level.{miss['level']}") if miss["level"] else ""
            value = tr(f"join.reason.{miss['reason']}", key=self._key_text(i),
                       layers=miss["layers"], others=miss["others"], level=level)
            found.append(Problem(
                self.table_name, self.key, (i + 1,), f"«{self._key_text(i)}»: {value}",
                tr(f"join.fix.{fixes.get(miss['reason'], miss['reason'])}"),
                "error" if miss["reason"] in errors else "warning"))
        alone = tuple(j + 1 for j, (reason, _) in layer_missed.items()
                      if reason == "layer_no_match")
        if alone:  # one warning for them all: the report lists them one by one
            found.append(Problem(self.layer_name, None, alone, tr("join.reason.layer_no_match"),
                                 tr("join.fix.layer_no_match"), "warning"))
        for j, rows in sorted(conflicts.items()):
            value = f"{self._label(j)}: " + tr("join.reason.layer_conflict",
                                               others=self._trows(rows))
            found.append(Problem(self.table_name, self.key, tuple(i + 1 for i in sorted(rows)),
                                 value, tr("join.fix.conflict"), "error"))
        found.extend(Problem(self.table_name, c, (), tr("join.reason.clash", column=c,
                                                         layer=self.layer_name),
                             tr("join.fix.clash"), "error") for c in clashes)
        return found
