"""``qonys validate``: every problem of a source, writing nothing.

Exit status 0 when the source is valid, 1 when it has errors.
"""

from __future__ import annotations

import argparse

from geo.i18n import _
from planning.cli.options import command, keep, pairs, source_options
from planning.cli.text import echo

EXAMPLE = "example:\n  qonys validate districts.shp --kind units"


def add_parser(subparsers) -> None:
    """Register ``validate``."""
    parser = command(subparsers, "validate", _("report every problem of a "
                                               "source, writing nothing"), EXAMPLE, handler=run)
    source_options(parser)


def run(args: argparse.Namespace, location: str | None) -> int:
    """Check ``args.source`` (the workspace is not opened); returns the exit status."""
    from layers.load import prepare, read_source

    user_map = pairs(args.map, "--map")
    data = read_source(args.source, kind=args.kind, layer=args.layer, encoding=args.encoding,
                       crs=args.crs, user_map=user_map)
    prepared = prepare(data, kind=args.kind, region=args.region, crs=args.crs,
                       user_map=user_map, keep=keep(args.keep),
                       constants=pairs(args.set, "--set"), points=args.points)
    if prepared.problems:
        echo(prepared.report())
    if prepared.errors:
        return 1
    echo(_("{source}: no errors, ready to load ({warnings} warning(s)).",
           source=data.source, warnings=len(prepared.warnings)))
    return 0
