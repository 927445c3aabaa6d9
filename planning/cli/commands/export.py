"""``qonys export``: a workspace layer to GeoPackage, shapefile, GeoJSON, CSV or PostGIS."""

from __future__ import annotations

import argparse
import sys

from geo.i18n import tr
from planning.cli.options import command
from planning.cli.text import echo

EXAMPLE = ("examples:\n  qonys export units --to out/units.shp\n"
           "  qonys export readiness_units --to out/readiness.geojson\n"
           "  qonys export units --to 'postgresql://gis@db/plans?schema=almaty'")


def add_parser(subparsers) -> None:
    """Register ``export``."""
    parser = command(subparsers, "export", tr("cli.help.export"), EXAMPLE, handler=run)
    parser.add_argument("layer", help=tr("cli.help.layer"))
    parser.add_argument("--to", required=True, help=tr("cli.help.export_to"))
    parser.add_argument("--as", dest="name", default=None, help=tr("cli.help.export_as"))


def run(args: argparse.Namespace, location: str | None) -> int:
    """Write the layer; returns the exit status."""
    from layers.export import export_layer
    from layers.store import open_store

    with open_store(location) as store:
        renamed = export_layer(store, args.layer, to=args.to, as_name=args.name)
        if renamed:
            echo(tr("export.renamed", names=", ".join(f"{a} → {b}" for a, b in renamed.items())),
                 file=sys.stderr)
        echo(tr("export.done", layer=args.layer, file=args.to))
    return 0
