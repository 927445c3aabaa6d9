"""``qonys export``: a workspace layer to GeoPackage, shapefile, GeoJSON, CSV or PostGIS."""

from __future__ import annotations

import argparse
import sys

from geo.i18n import _
from planning.cli.options import command
from planning.cli.text import echo

EXAMPLE = ("examples:\n  qonys export units --to out/units.shp\n"
           "  qonys export readiness_units --to out/readiness.geojson\n"
           "  qonys export units --to 'postgresql://gis@db/plans?schema=almaty'")


def add_parser(subparsers) -> None:
    """Register ``export``."""
    parser = command(subparsers, "export", _("write a workspace layer to GeoPackage, shapefile "
                                             "(UTF-8), GeoJSON, CSV or a "
                                             "PostGIS table"), EXAMPLE, handler=run)
    parser.add_argument("layer", help=_("workspace layer"))
    parser.add_argument("--to", required=True, help=_("target .gpkg/.shp/.geojson/.csv path or "
                                                      "postgresql:// URL"))
    parser.add_argument("--as", dest="name", default=None, help=_("name at the target"))


def run(args: argparse.Namespace, location: str | None) -> int:
    """Write the layer; returns the exit status."""
    from layers.export import export_layer
    from layers.store import open_store

    with open_store(location) as store:
        renamed = export_layer(store, args.layer, to=args.to, as_name=args.name)
        if renamed:
            echo(_("Column names cut for the shapefile: {names}",
                   names=", ".join(f"{a} → {b}" for a, b in renamed.items())),
                 file=sys.stderr)
        echo(_("Exported the layer {layer} to {file}.", layer=args.layer, file=args.to))
    return 0
