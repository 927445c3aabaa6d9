"""``qonys load``: a file, an OpenStreetMap extract, a raster or a PostGIS table into the
workspace as a layer of a kind; all or nothing.

Exit status 0 when loaded, 2 when the source has errors (nothing is written then).
"""

from __future__ import annotations

import argparse
import sys

from geo.errors import LayerSchemaError
from geo.i18n import _
from planning.cli.options import command, keep, pairs, source_options
from planning.cli.text import echo

EXAMPLE = ("examples:\n"
           "  qonys load ../shared/geodata/kz-admin-geokz/kaz_admbnda_adm2_2024.shp --kind units "
           "--keep kato=75* --region almaty\n"
           "  qonys load districts_sk42.shp --kind units --crs EPSG:28413 --encoding cp1251\n"
           "  qonys load schools.csv --kind facilities --map Мощность=capacity --set "
           "kind=school --as schools\n"
           "  qonys load almaty.osm.pbf --kind roads --licence 'ODbL 1.0'\n"
           "  qonys load postgresql://gis@db/akimat --layer public.districts --kind units\n"
           "column names are mapped to the catalogue with the alias table in README.md "
           "(население → pop_registered ...); --map decides the rest.")


def add_parser(subparsers) -> None:
    """Register ``load``."""
    parser = command(subparsers, "load", _("load a file, an OpenStreetMap extract, a raster or a "
                                           "PostGIS table into the workspace as a layer of a "
                                           "kind; all or nothing"), EXAMPLE, handler=run)
    source_options(parser)
    parser.add_argument("--as", dest="name", metavar="NAME", default=None,
                        help=_("workspace layer name (default: the kind)"))
    parser.add_argument("--licence", default="", help=_("the source's licence, kept in provenance"))


def run(args: argparse.Namespace, location: str | None) -> int:
    """Load ``args.source`` into the workspace at ``location``; returns the exit status."""
    from layers.load import load
    from layers.store import open_store
    from planning.cli.progress import LOAD_STAGES, StageProgress

    with open_store(location) as store:
        try:
            with StageProgress(LOAD_STAGES) as progress:
                prepared = load(args.source, store=store, kind=args.kind, name=args.name,
                                layer=args.layer, region=args.region, encoding=args.encoding,
                                crs=args.crs, user_map=pairs(args.map, "--map"),
                                keep=keep(args.keep), licence=args.licence,
                                constants=pairs(args.set, "--set"), points=args.points,
                                announce=progress.stage)
        except LayerSchemaError as exc:
            echo(exc, file=sys.stderr)
            echo(_("Nothing was written: the workspace is unchanged."), file=sys.stderr)
            return 2
        if prepared.warnings:
            echo(prepared.report(), file=sys.stderr)
        if prepared.replaced is not None:
            echo(prepared.replaced_text())
        echo(_("Loaded {rows} features into the layer {layer} ({kind}) of {store}.",
               rows=len(prepared.frame), layer=prepared.name, kind=prepared.kind,
                store=store.location))
        for note in prepared.notes:  # what was read, kept, merged and dropped
            echo(f"  {note}")
    return 0
