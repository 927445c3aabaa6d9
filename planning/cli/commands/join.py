"""``qonys join``: a statistics table (CSV or XLSX) joined to a workspace layer by KATO code
or name, with every row that did not match reported.

Exit status 0 when joined, 2 when a row or a value is refused (nothing is written then).
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

from geo.i18n import _
from planning.cli.options import command, pairs
from planning.cli.text import echo

EXAMPLE = ("examples:\n  qonys join population_2024.xlsx --to units --on kato\n"
           "  qonys join bns_2023.csv --to units --on name --columns total --map "
           "total=pop_registered")


def add_parser(subparsers) -> None:
    """Register ``join``."""
    parser = command(subparsers, "join", _("join a statistics table (CSV or XLSX) to a workspace "
                                           "layer by KATO code or name, and report every row that "
                                           "did not match"), EXAMPLE, handler=run)
    parser.add_argument("table", type=Path, help=_("CSV or XLSX file"))
    parser.add_argument("--to", dest="layer", required=True, help=_("workspace layer"))
    parser.add_argument("--on", choices=("kato", "name"), required=True,
                        help=_("match by KATO code or by name"))
    parser.add_argument("--columns", default=None, help=_("comma-separated table columns to bring "
                                                          "(default: all)"))
    parser.add_argument("--key", default=None, help=_("the table's key column (default: found)"))
    parser.add_argument("--sheet", default=None, help=_("XLSX sheet (default: the first)"))
    parser.add_argument("--map", action="append", default=[], metavar="SRC=DEST",
                        help=_("rename a table column in the layer (repeatable)"))
    parser.add_argument("--replace", action="store_true", help=_("let the table's values replace "
                                                                 "those of columns the layer has "
                                                                 "already, in the matched rows "
                                                                 "(default: such columns are kept "
                                                                 "and reported)"))


def run(args: argparse.Namespace, location: str | None) -> int:
    """Join ``args.table`` into the workspace at ``location``; returns the exit status."""
    from layers.store import open_store

    with open_store(location) as store:
        return _join(args, store)


def _join(args: argparse.Namespace, store) -> int:
    from layers.join import join_statistics
    from layers.provenance import Provenance, checksum_of_file, provenance_rows
    from layers.read_stats import read_statistics

    table, encoding = read_statistics(args.table, sheet=args.sheet)
    renames = pairs(args.map, "--map")
    columns = [c.strip() for c in args.columns.split(",")] if args.columns else None
    layer = store.read_layer(args.layer)
    result = join_statistics(layer, table, on=args.on, columns=columns, key=args.key,
                             layer_name=args.layer, table_name=args.table.name,
                             rename=renames, replace=args.replace)
    echo(result.report())
    if result.has_errors:
        echo(_("Nothing was written: the workspace is unchanged."), file=sys.stderr)
        return 2
    frame = result.frame
    refused = _joined_value_errors(frame, layer, result.replaced, store.kind_of(args.layer),
                                   name=args.layer)
    if refused:
        error = _("error")
        echo("\n".join(f"  {error}: {p}" for p in refused), file=sys.stderr)
        echo(_("Nothing was written: the workspace is unchanged."), file=sys.stderr)
        return 2
    table_checksum = checksum_of_file(args.table)
    joined = (f"joined {args.table} (sha256 {table_checksum[:16]}…, {encoding}) on {args.on}: "
              f"{result.matched} rows matched"
              + (f"; replaced {', '.join(result.replaced)}" if result.replaced else "")
              + (f"; kept the layer's {', '.join(map(str, result.kept))}" if result.kept
                 else ""))
    earlier = {row.layer: row for row in provenance_rows(store.provenance())}
    if args.layer in earlier:  # the layer's own record, with the join added and a new time
        fields = dataclasses.asdict(earlier[args.layer])
        del fields["loaded_at"]
        fields.update(row_count=len(frame),
                      note="; ".join(x for x in (fields["note"], joined) if x))
        provenance = Provenance(**fields)
    else:
        provenance = Provenance(layer=args.layer, kind=store.kind_of(args.layer) or "",
                                source=str(args.table), checksum=table_checksum, crs_found=None,
                                crs_used=None, encoding=encoding, row_count=len(frame),
                                note=joined)
    store.write_layers({args.layer: frame}, provenance={args.layer: provenance})
    return 0


def _joined_value_errors(frame, layer, replaced: list[str], kind: str | None, *,
                         name: str) -> list:
    """The load's checks on the columns a join wrote: what ``load`` would refuse (an infinite
    capacity, a negative population, text in a number column) must not come in by a join."""
    from layers.catalogue import KINDS
    from layers.validate import problems

    kind = kind or (name if name in KINDS else None)  # a layer written without provenance
    if kind not in KINDS:
        return []
    written = {c for c in frame.columns if c not in layer.columns} | set(replaced)
    return [p for p in problems(frame, kind, layer=name) if p.is_error and p.column in written]
