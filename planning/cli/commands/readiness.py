"""``qonys readiness``: assess readiness per unit and network, and store it."""

from __future__ import annotations

import argparse

from geo.i18n import _, current_language
from planning.cli.options import command, year_option
from planning.cli.output import bottleneck_label
from planning.cli.text import echo

EXAMPLE = "example:\n  qonys readiness --store out/demo/qonys-demo.gpkg"


def add_parser(subparsers) -> None:
    """Register ``readiness``."""
    parser = command(subparsers, "readiness", _("assess readiness per unit and network for the "
                                                "registered and the actual population, and store "
                                                "it"), EXAMPLE, handler=run)
    year_option(parser)


def run(args: argparse.Namespace, location: str | None) -> int:
    """Assess and store readiness in the workspace at ``location``; returns the exit status."""
    from layers.store import open_store
    from planning.cli import pipeline
    from planning.norms import load_norms

    with open_store(location) as store:
        norms = load_norms()
        result = pipeline.run_readiness(store, norms=norms, year=args.year)
        _print_readiness(result.units, norms)
        _print_cross_boundary(result.exact, norms)
    return 0


def _print_readiness(units, norms) -> None:
    import pandas as pd

    from maps.text import format_number

    name = f"name_{current_language()}"
    name = name if name in units else "unit_id"
    for row in units.sort_values(["region", "readiness_actual"]).itertuples():
        # Unknown (the roads do not reach the unit) is shown as unknown, never as a number.
        value = "—" if pd.isna(row.readiness_actual) else format_number(
            row.readiness_actual, "{:,.0f}", current_language())
        echo(f"{row.region:<10} {getattr(row, name)!s:<40} {value:>12}  "
             f"{bottleneck_label(row.bottleneck_actual, norms)}")


def _print_cross_boundary(exact, norms) -> None:
    """Where residents are served by another territory's facilities (actual population)."""
    if exact is None:
        return
    table = exact.cross_boundary
    table = table[(table["basis"] == "actual") & (table["served_elsewhere"] > 0.5)]
    if table.empty:
        echo(_("Nobody is served by another territory's facilities within the norm's travel time."))
        return
    echo(_("Served by another territory's facilities (actual population): territory, network, "
           "share of served demand, main carrier (its share):"))
    for row in table.sort_values(["network", "territory"]).itertuples():
        echo(f"  {row.territory:<20} {norms.label(row.network):<16} "
             f"{row.share_served_elsewhere:>6.0%}  {row.largest_carrier} "
             f"({row.largest_carrier_share:.0%})")
