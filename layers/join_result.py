"""What ``qonys join`` made: :class:`JoinResult`, the joined layer and every row that did not
match, on either side, with the reason and :meth:`JoinResult.report` that says it."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from geo.i18n import tr
from layers.validate import Problem


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
