"""``qonys flows``: migration flows and registrations checked, net migration per unit and
year, and a gravity model for the unobserved pairs."""

from __future__ import annotations

import argparse

from geo.i18n import _
from planning.cli.options import command
from planning.cli.text import echo

EXAMPLE = ("example:\n  qonys load flows.csv --kind flows\n  qonys load records.csv --kind "
           "registrations\n  qonys flows\n  qonys flows --stream registrations/ --memory-limit 2GB "
           "--scheduler tcp://10.0.0.5:8786")


def add_parser(subparsers) -> None:
    """Register ``flows``."""
    parser = command(subparsers, "flows", _("check migration flows and registration records, net "
                                            "migration per unit and year, and a gravity model "
                                            "that fills unobserved pairs"), EXAMPLE, handler=run)
    parser.add_argument("--stream", default=None, metavar="PATH",
                        help=_("a registration stream read instead of the layer registrations: a "
                               "Parquet or CSV file, or a folder of them (for example "
                               "date=2024-01/part-0.parquet)"))
    parser.add_argument("--memory-limit", default=None, metavar="SIZE",
                        help=_("read the stream through Dask when its estimated size in memory "
                               "is above this (2GB, 500MB; default: half of the machine's "
                               "memory)"))
    parser.add_argument("--scheduler", default=None, metavar="ADDRESS",
                        help=_("the Dask scheduler of an existing cluster (tcp://host:8786), or "
                               "synchronous or threads (default: $QONYS_DASK_SCHEDULER, else a "
                               "local cluster of one worker per core)"))


def run(args: argparse.Namespace, location: str | None) -> int:
    """Check and model the flows of the workspace at ``location``; returns the exit status."""
    from layers.store import open_store
    from planning.cli import pipeline_plan
    from planning.population.registration_stream import parse_size

    stream = getattr(args, "stream", None)
    limit = getattr(args, "memory_limit", None)
    limit = parse_size(limit) if limit is not None else None
    with open_store(location) as store:
        _print_flows(pipeline_plan.run_flows(store, stream=stream, memory_limit_bytes=limit,
                                             scheduler=getattr(args, "scheduler", None)))
    return 0


def _print_flows(result) -> None:
    if getattr(result, "stream", None) is not None:
        echo(result.stream.summary())
        if result.check is not result.stream.check and hasattr(result.check, "summary"):
            echo(result.check.summary())
    elif hasattr(result.check, "summary"):
        echo(result.check.summary())
    net = result.net
    if not net.empty:
        last = net[net["year"] == net["year"].max()]
        echo(f"{int(net['year'].max())}: net {last['net'].sum():+,.0f} "
              f"({len(last)} units)")
    if result.fit is not None:
        echo(result.fit.report())
