"""``qonys actual``: the actual (served) population of every unit from the proxies."""

from __future__ import annotations

import argparse

from geo.i18n import _
from planning.cli.options import command
from planning.cli.text import echo

EXAMPLE = ("example:\n  qonys load proxies.csv --kind population_proxies\n  qonys actual "
           "--year 2025")


def add_parser(subparsers) -> None:
    """Register ``actual``."""
    parser = command(subparsers, "actual", _("estimate the actual (served) population of every "
                                             "unit from the population_proxies layer; writes "
                                             "units and population_gap"), EXAMPLE, handler=run)
    parser.add_argument("--year", type=int, default=None, help=_("use each proxy's latest figure "
                                                                 "up to this year"))


def run(args: argparse.Namespace, location: str | None) -> int:
    """Estimate and store the actual population; returns the exit status."""
    from layers.store import open_store
    from planning.cli import pipeline_plan

    with open_store(location) as store:
        _print_actual(pipeline_plan.run_actual(store, year=args.year))
    return 0


def _print_actual(estimate) -> None:
    units = estimate.units
    for row in units.itertuples():
        echo(f"{row.unit_id:<22} {row.pop_registered:>12,.0f} {row.pop_actual:>12,.0f} "
              f"[{row.pop_actual_low:,.0f} – {row.pop_actual_high:,.0f}] "
              f"{row.pop_actual_method}")
