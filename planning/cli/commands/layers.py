"""``qonys layers``: the layers of the workspace with their provenance."""

from __future__ import annotations

import argparse

from geo.i18n import _
from planning.cli.options import command
from planning.cli.text import echo

EXAMPLE = "example:\n  qonys layers --store out/demo/qonys-demo.gpkg"


def add_parser(subparsers) -> None:
    """Register ``layers``."""
    command(subparsers, "layers", _("list the layers of the workspace "
                                    "with their provenance"), EXAMPLE, handler=run)


def run(args: argparse.Namespace, location: str | None) -> int:
    """List the layers of the workspace at ``location``; returns the exit status."""
    from layers.store import open_store

    with open_store(location) as store:
        provenance = store.provenance().set_index("layer")
        echo(_("Layers of the workspace {store}", store=store.location))
        for layer in store.layer_names():
            if layer not in provenance.index:
                echo(f"  {layer}")
                continue
            row = provenance.loc[layer]
            echo(f"  {layer:<22} {row['kind']:<16} {int(row['row_count']):>8}  "
                 f"{row['loaded_at']}")
            details = [("source", row["source"]), ("checksum", row["checksum"][:16]),
                       ("crs", f"{row['crs_found'] or '-'} → {row['crs_used'] or '-'}"),
                       ("encoding", row["encoding"]), ("licence", row["licence"]),
                       ("repairs", row["repairs"]), ("note", row["note"])]
            for label, value in details:
                if value is not None and str(value) not in ("", "nan", "None"):
                    text = str(value)
                    echo(f"      {label}: {text if len(text) <= 200 else text[:197] + '...'}")
    return 0
