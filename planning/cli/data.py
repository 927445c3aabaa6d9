"""The data commands of ``qonys``: ``load``, ``validate``, ``join``, ``export``, ``layers`` and
``kinds``. :mod:`planning.cli.app` registers them and runs them.

Exit status: 0 when done; 1 when ``validate`` found errors; 2 for any error of qonys (a ``load``
with errors among them: nothing is written then).
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

from geo.errors import LayerSchemaError
from geo.i18n import tr
from layers.catalogue import KINDS
from planning.cli.text import echo

EXAMPLES = {
    "load": "examples:\n"
            "  qonys load ../shared/geodata/kz-admin-geokz/kaz_admbnda_adm2_2024.shp --kind units "
            "--keep kato=75* --region almaty\n"
            "  qonys load districts_sk42.shp --kind units --crs EPSG:28413 --encoding cp1251\n"
            "  qonys load schools.csv --kind facilities --map Мощность=capacity --set "
            "kind=school --as schools\n"
            "  qonys load almaty.osm.pbf --kind roads --licence 'ODbL 1.0'\n"
            "  qonys load postgresql://gis@db/akimat --layer public.districts --kind units\n"
            "column names are mapped to the catalogue with the alias table in README.md "
            "(население → pop_registered ...); --map decides the rest.",
    "validate": "example:\n  qonys validate districts.shp --kind units",
    "join": "examples:\n  qonys join population_2024.xlsx --to units --on kato\n"
            "  qonys join bns_2023.csv --to units --on name --columns total --map "
            "total=pop_registered",
    "export": "examples:\n  qonys export units --to out/units.shp\n"
              "  qonys export readiness_units --to out/readiness.geojson\n"
              "  qonys export units --to 'postgresql://gis@db/plans?schema=almaty'",
    "layers": "example:\n  qonys layers --store out/demo/qonys-demo.gpkg",
    "kinds": "example:\n  qonys kinds --lang kk",
}


def add_commands(command) -> None:
    """Register the data commands; ``command(name, help)`` makes a sub-parser."""
    load = command("load", "load a file, an OpenStreetMap extract, a raster or a PostGIS table "
                           "into the workspace as a layer of a kind; all or nothing")
    _source_options(load)
    load.add_argument("--as", dest="name", metavar="NAME", default=None,
                      help="workspace layer name (default: the kind)")
    load.add_argument("--licence", default="", help="the source's licence, kept in provenance")

    validate = command("validate", "report every problem of a source, writing nothing")
    _source_options(validate)

    join = command("join", "join a statistics table (CSV or XLSX) to a workspace layer by KATO "
                           "code or name, and report every row that did not match")
    join.add_argument("table", type=Path, help="CSV or XLSX file")
    join.add_argument("--to", dest="layer", required=True, help="workspace layer")
    join.add_argument("--on", choices=("kato", "name"), required=True,
                      help="match by KATO code or by name")
    join.add_argument("--columns", default=None,
                      help="comma-separated table columns to bring (default: all)")
    join.add_argument("--key", default=None, help="the table's key column (default: found)")
    join.add_argument("--sheet", default=None, help="XLSX sheet (default: the first)")
    join.add_argument("--map", action="append", default=[], metavar="SRC=DEST",
                      help="rename a table column in the layer (repeatable)")
    join.add_argument("--replace", action="store_true",
                      help="let the table's values replace those of columns the layer has "
                           "already, in the matched rows (default: such columns are kept "
                           "and reported)")

    export = command("export", "write a workspace layer to GeoPackage, shapefile (UTF-8), "
                               "GeoJSON, CSV or a PostGIS table")
    export.add_argument("layer", help="workspace layer")
    export.add_argument("--to", required=True, help="target .gpkg/.shp/.geojson/.csv path or "
                                                    "postgresql:// URL")
    export.add_argument("--as", dest="name", default=None, help="name at the target")

    command("layers", "list the layers of the workspace with their provenance")
    command("kinds", "print the layer catalogue: each kind's columns, types and units")


def _source_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", help="file path, or postgresql:// URL with --layer")
    parser.add_argument("--kind", required=True, choices=tuple(KINDS), metavar="KIND",
                        help="layer kind: " + ", ".join(KINDS))
    parser.add_argument("--layer", default=None,
                        help="the source's layer (GeoPackage, zip) or table (PostGIS)")
    parser.add_argument("--region", default=None, help="region written into column region")
    parser.add_argument("--encoding", default=None,
                        help="text encoding of a .dbf or CSV (default: detected)")
    parser.add_argument("--crs", default=None, help="CRS of the source, e.g. EPSG:28413")
    parser.add_argument("--map", action="append", default=[], metavar="SRC=DEST",
                        help="map a source column to a schema column (repeatable)")
    parser.add_argument("--set", action="append", default=[], metavar="COLUMN=VALUE",
                        help="give every row this value in a schema column, before the checks, "
                             "e.g. kind=school (repeatable)")
    parser.add_argument("--points", action="store_true",
                        help="for a kind of points: take a point inside each polygon or line "
                             "(candidate sites from grid cells or parcels)")
    parser.add_argument("--keep", action="append", default=[], metavar="COLUMN=PATTERN",
                        help="keep only rows whose column matches a glob, e.g. kato=75* "
                             "(repeatable; patterns of one column are alternatives)")


def run(args: argparse.Namespace, location: str | None) -> int:
    """Run a data command; returns the exit status."""
    from layers.store import open_store

    if args.command == "kinds":
        _print_kinds()
        return 0
    if args.command == "validate":
        return _validate(args)
    with open_store(location) as store:
        if args.command == "load":
            return _load(args, store)
        if args.command == "join":
            return _join(args, store)
        if args.command == "export":
            return _export(args, store)
        if args.command == "layers":
            _print_layers(store)
    return 0


def _pairs(values: list[str], option: str) -> dict[str, str]:
    pairs = {}
    for value in values:
        source, sep, target = value.partition("=")
        if not sep or not source.strip() or not target.strip():
            msg = tr("load.bad_pair", value=value, option=option)
            raise LayerSchemaError(msg, [msg])
        pairs[source.strip()] = target.strip()
    return pairs


def _keep(values: list[str]) -> dict[str, list[str]]:
    keep: dict[str, list[str]] = {}
    for value in values:
        column, sep, pattern = value.partition("=")
        if not sep or not column.strip():
            msg = tr("load.bad_pair", value=value, option="--keep")
            raise LayerSchemaError(msg, [msg])
        keep.setdefault(column.strip(), []).append(pattern)
    return keep


def _load(args: argparse.Namespace, store) -> int:
    from layers.load import load
    from planning.cli.progress import LOAD_STAGES, StageProgress

    try:
        with StageProgress(LOAD_STAGES) as progress:
            prepared = load(args.source, store=store, kind=args.kind, name=args.name,
                            layer=args.layer, region=args.region, encoding=args.encoding,
                            crs=args.crs, user_map=_pairs(args.map, "--map"),
                            keep=_keep(args.keep), licence=args.licence,
                            constants=_pairs(args.set, "--set"), points=args.points,
                            announce=progress.stage)
    except LayerSchemaError as exc:
        echo(exc, file=sys.stderr)
        echo(tr("load.nothing_written"), file=sys.stderr)
        return 2
    if prepared.warnings:
        echo(prepared.report(), file=sys.stderr)
    if prepared.replaced is not None:
        echo(prepared.replaced_text())
    echo(tr("load.done", rows=len(prepared.frame), layer=prepared.name, kind=prepared.kind,
             store=store.location))
    for note in prepared.notes:  # what was read, kept, merged and dropped
        echo(f"  {note}")
    return 0


def _validate(args: argparse.Namespace) -> int:
    from layers.load import prepare, read_source

    user_map = _pairs(args.map, "--map")
    data = read_source(args.source, kind=args.kind, layer=args.layer, encoding=args.encoding,
                       crs=args.crs, user_map=user_map)
    prepared = prepare(data, kind=args.kind, region=args.region, crs=args.crs,
                       user_map=user_map, keep=_keep(args.keep),
                       constants=_pairs(args.set, "--set"), points=args.points)
    if prepared.problems:
        echo(prepared.report())
    if prepared.errors:
        return 1
    echo(tr("load.valid", source=data.source, warnings=len(prepared.warnings)))
    return 0


def _join(args: argparse.Namespace, store) -> int:
    from layers.join import join_statistics
    from layers.provenance import Provenance, checksum_of_file, provenance_rows
    from layers.read_stats import read_statistics

    table, encoding = read_statistics(args.table, sheet=args.sheet)
    renames = _pairs(args.map, "--map")
    columns = [c.strip() for c in args.columns.split(",")] if args.columns else None
    layer = store.read_layer(args.layer)
    result = join_statistics(layer, table, on=args.on, columns=columns, key=args.key,
                             layer_name=args.layer, table_name=args.table.name,
                             rename=renames, replace=args.replace)
    echo(result.report())
    if result.has_errors:
        echo(tr("load.nothing_written"), file=sys.stderr)
        return 2
    frame = result.frame
    refused = _joined_value_errors(frame, layer, result.replaced, store.kind_of(args.layer),
                                   name=args.layer)
    if refused:
        echo("\n".join(f"  {tr('load.error')}: {p}" for p in refused), file=sys.stderr)
        echo(tr("load.nothing_written"), file=sys.stderr)
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


def _export(args: argparse.Namespace, store) -> int:
    from layers.export import export_layer

    renamed = export_layer(store, args.layer, to=args.to, as_name=args.name)
    if renamed:
        echo(tr("export.renamed", names=", ".join(f"{a} → {b}" for a, b in renamed.items())),
              file=sys.stderr)
    echo(tr("export.done", layer=args.layer, file=args.to))
    return 0


def _print_layers(store) -> None:
    provenance = store.provenance().set_index("layer")
    echo(tr("cli.layers_header", store=store.location))
    for layer in store.layer_names():
        if layer not in provenance.index:
            echo(f"  {layer}")
            continue
        row = provenance.loc[layer]
        echo(f"  {layer:<22} {row['kind']:<16} {int(row['row_count']):>8}  {row['loaded_at']}")
        details = [("source", row["source"]), ("checksum", row["checksum"][:16]),
                   ("crs", f"{row['crs_found'] or '-'} → {row['crs_used'] or '-'}"),
                   ("encoding", row["encoding"]), ("licence", row["licence"]),
                   ("repairs", row["repairs"]), ("note", row["note"])]
        for label, value in details:
            if value is not None and str(value) not in ("", "nan", "None"):
                text = str(value)
                echo(f"      {label}: {text if len(text) <= 200 else text[:197] + '...'}")


def _print_kinds() -> None:
    from geo.i18n import current_language
    from layers.catalogue import LABELS, catalogue_table

    language = current_language()
    current = None
    for row in catalogue_table():
        if row["kind"] != current:
            current = row["kind"]
            echo(f"\n{current} — {LABELS[current][language]} ({row['geometry']})")
        unit = f" [{row['unit']}]" if row["unit"] else ""
        bounds = f" {row['range']}" if row["range"] else ""
        echo(f"  {row['column']:<16} {row['required']:<20} {row['type']}{unit}{bounds}")
