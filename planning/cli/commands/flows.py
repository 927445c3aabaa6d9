"""``qonys flows``: migration flows and registrations checked, net migration per unit and
year, and a gravity model for the unobserved pairs."""

from __future__ import annotations

import argparse

from geo.i18n import _
from planning.cli.options import command
from planning.cli.text import echo

EXAMPLE = ("example:\n  qonys load flows.csv --kind flows\n  qonys load records.csv --kind "
           "registrations\n  qonys flows")


def add_parser(subparsers) -> None:
    """Register ``flows``."""
    command(subparsers, "flows", _("check migration flows and registration records, net migration "
                                   "per unit and year, and a gravity model that fills unobserved "
                                   "pairs"), EXAMPLE, handler=run)


def run(args: argparse.Namespace, location: str | None) -> int:
    """Check and model the flows of the workspace at ``location``; returns the exit status."""
    from layers.store import open_store
    from planning.cli import pipeline_plan

    with open_store(location) as store:
        _print_flows(pipeline_plan.run_flows(store))
    return 0


def _print_flows(result) -> None:
    if hasattr(result.check, "summary"):
        echo(result.check.summary())
    net = result.net
    if not net.empty:
        last = net[net["year"] == net["year"].max()]
        echo(f"{int(net['year'].max())}: net {last['net'].sum():+,.0f} "
              f"({len(last)} units)")
    if result.fit is not None:
        echo(result.fit.report())
