"""The row matching of :func:`layers.join.join_statistics`: :class:`RowMatcher` pairs each
table row with one layer row by its key, the parents and the type words, and records every row
it could not pair and why (the rules are in :mod:`layers.join`'s docstring)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from geo.i18n import N_, _
from layers.join_result import JoinResult
from layers.names import SETTLEMENT_KINDS, UNIT_KINDS, normalise_name, split_name
from layers.read_stats import NAME_COLUMNS, is_missing
from layers.validate import Problem
from layers.vocabulary import JOIN_LEVEL_MESSAGES, JOIN_REASON_MESSAGES

#: The messages of join fix by key, chosen at run time, marked for the catalogue.
JOIN_FIX_MESSAGES = {
    "ambiguous_kato": N_("The KATO code repeats in the layer: correct the layer so that every "
                         "unit has its own code."),
    "ambiguous_name": N_("Add an oblast (parent) column to the table, or join by KATO code (--on "
                         "kato)."),
    "clash": N_("Rename the column (--map COLUMN=NEW_NAME), leave it out of --columns, or let the "
                "table's values replace the layer's: --replace."),
    "conflict": N_("Keep one of these rows in the table, or join by KATO code; the layer row was "
                   "left without data."),
    "empty": N_("Fill in the key or delete the row."),
    "invalid": N_("Write the KATO code as 9 digits; keep the column as text so that Excel keeps a "
                  "leading zero."),
    "layer_no_match": N_("Add a row to the table or check the spelling; this layer row's values "
                         "are empty."),
    "no_match": N_("Check the spelling or add the unit to the layer; the row was not joined."),
    "other_parent": N_("Check the table's parent (oblast) column; the row was not joined."),
    "outranked": N_("If this is the row you need, delete the other one from the table or join by "
                    "KATO."),
}

#: The layer's id columns, the first found named in the report of unmatched layer rows.
_ID_COLUMNS = ("unit_id", "settlement_id", "facility_id", "id")

#: The layer's name columns compared by ``on="name"``: the catalogue's, then OSM's own ``name``.
LAYER_NAME_COLUMNS = (*NAME_COLUMNS, "name")


def name_index(layer_keys: list[set]) -> dict[str, list[int]]:
    """Each key (a KATO code or a normalised name) and the layer rows that hold it."""
    index: dict[str, list[int]] = defaultdict(list)
    for j, keys in enumerate(layer_keys):
        for k in keys:
            index[k].append(j)
    return dict(index)


def _rank(kind: str | None, prefer: str) -> int:
    """2 for the kind preferred, 1 for no type word, 0 for the other kind."""
    if prefer == "none" or kind is None:
        return 1
    wanted = UNIT_KINDS if prefer == "units" else SETTLEMENT_KINDS
    return 2 if kind in wanted else 0


@dataclass
class RowMatcher:
    """One join: the layer and the table, the table's key column and each row's key split into
    name and type word (``split``), and how to choose; :meth:`run` makes the
    :class:`~layers.join_result.JoinResult`."""

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
        matches, conflicts, ambiguous = self._match(name_index(layer_keys))
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
        for i, (k, __) in enumerate(self.split):
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
            level = _(JOIN_LEVEL_MESSAGES[miss['level']]) if miss["level"] else ""
            value = _(JOIN_REASON_MESSAGES[miss['reason']], key=self._key_text(i),
                       layers=miss["layers"], others=miss["others"], level=level)
            found.append(Problem(
                self.table_name, self.key, (i + 1,), f"«{self._key_text(i)}»: {value}",
                _(JOIN_FIX_MESSAGES[fixes.get(miss['reason'], miss['reason'])]),
                "error" if miss["reason"] in errors else "warning"))
        alone = tuple(j + 1 for j, (reason, __) in layer_missed.items()
                      if reason == "layer_no_match")
        if alone:  # one warning for them all: the report lists them one by one
            found.append(Problem(self.layer_name, None, alone, _("no table row matches"),
                                 _("Add a row to the table or check the spelling; this layer "
                                   "row's values are empty."), "warning"))
        for j, rows in sorted(conflicts.items()):
            value = f"{self._label(j)}: " + _("several table rows fit it: {others}",
                                               others=self._trows(rows))
            found.append(Problem(self.table_name, self.key, tuple(i + 1 for i in sorted(rows)),
                                 value, _("Keep one of these rows in the table, or join by KATO "
                                          "code; the layer row was left without data."), "error"))
        found.extend(Problem(self.table_name, c, (), _("the column '{column}' already exists in "
                                                       "the layer {layer}", column=c,
                                                         layer=self.layer_name),
                             _("Rename the column (--map COLUMN=NEW_NAME), leave it out of "
                               "--columns, or let the table's values replace the layer's: "
                               "--replace."), "error") for c in clashes)
        return found
