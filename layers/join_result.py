"""What ``qonys join`` made: :class:`JoinResult`, the joined layer and every row that did not
match, on either side, with the reason and :meth:`JoinResult.report` that says it."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from geo.i18n import _
from layers.validate import Problem
from layers.vocabulary import JOIN_LEVEL_MESSAGES, JOIN_REASON_MESSAGES


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
        lines = [_("Joining {table} to the layer {layer} by {on}: {matched} of {layer_rows} layer "
                   "rows got data; the table has {table_rows} rows.",
                   lang=lang, table=self.table_name,
                    layer=self.layer_name, on=self.on, matched=self.matched,
                    layer_rows=len(self.frame), table_rows=self.table_rows)]
        if self.matched_on:
            lines.append(_("Matched on the layer's columns: {columns}.",
                           lang=lang, columns=", ".join(
                f"{col} ({count})" for col, count in self.matched_on.items())))
        if self.kept:
            lines.append(_("These columns are in the layer {layer} already and were kept as they "
                           "were (not joined): {columns}. Add --replace to take the table's "
                           "values instead.",
                           lang=lang, layer=self.layer_name,
                            columns=", ".join(map(str, self.kept))))
        if self.replaced:
            lines.append(_("Replaced by the table's values (--replace) in the layer {layer}: "
                           "{columns}, in the {matched} matched rows where the table has a value; "
                           "other rows kept theirs.",
                           lang=lang, layer=self.layer_name,
                            columns=", ".join(map(str, self.replaced)), matched=self.matched))
        if len(self.unmatched_table):
            lines.append(_("Table rows not joined to the layer ({count}):", lang=lang,
                            count=len(self.unmatched_table)))
            for rec in self.unmatched_table.itertuples(index=False):
                where = ("" if pd.isna(rec.source_row)
                         else _(" (row {row} of the file)", lang=lang, row=int(rec.source_row)))
                lines.append("  " + _("row {row}{where} '{key}': {reason}", lang=lang, row=rec.row,
                                       where=where, key=rec.key, reason=_reason(rec, lang)))
        if len(self.unmatched_layer):
            lines.append(_("Layer rows left without data ({count}):", lang=lang,
                            count=len(self.unmatched_layer)))
            for rec in self.unmatched_layer.itertuples(index=False):
                lines.append("  " + _("row {row} {label}: {reason}", lang=lang, row=rec.row,
                                       label=rec.label, reason=_reason(rec, lang)))
        if self.clashes:
            lines.append(_("Other errors ({count}):", lang=lang, count=len(self.clashes)))
            lines.extend("  " + _("the column '{column}' already exists in "
                                  "the layer {layer}", lang=lang, column=c,
                                   layer=self.layer_name) + ". " + _("Rename the column (--map "
                                                                     "COLUMN=NEW_NAME), leave it "
                                                                     "out of --columns, or let "
                                                                     "the table's values replace "
                                                                     "the layer's: "
                                                                     "--replace.", lang=lang)
                         for c in self.clashes)
        if len(self.unmatched_table) == len(self.unmatched_layer) == len(self.clashes) == 0:
            lines.append(_("Every row of the table and of the layer was matched.", lang=lang))
        return "\n".join(lines)


def _reason(rec: object, lang: str | None) -> str:
    level = getattr(rec, "level", "")
    return _(JOIN_REASON_MESSAGES[rec.reason], lang=lang, key=getattr(rec, "key", ""),
              layers=getattr(rec, "layers", ""), others=rec.others,
              level=_(JOIN_LEVEL_MESSAGES[level], lang=lang) if level else "")
