"""``qonys kinds``: the layer catalogue, each kind's columns, types and units."""

from __future__ import annotations

import argparse

from geo.i18n import _, current_language
from planning.cli.options import command
from planning.cli.text import echo

EXAMPLE = "example:\n  qonys kinds --lang kk"


def add_parser(subparsers) -> None:
    """Register ``kinds``."""
    command(subparsers, "kinds", _("print the layer catalogue: each kind's columns, types and "
                                   "units"), EXAMPLE, handler=run)


def run(args: argparse.Namespace, location: str | None) -> int:
    """Print the catalogue (the workspace is not opened); returns the exit status."""
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
    return 0
