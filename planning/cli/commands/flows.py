"""``qonys flows``: migration flows and registrations checked, net migration per unit and
year, and a gravity model for the unobserved pairs."""

from __future__ import annotations

import argparse

from geo.i18n import _
from planning.cli.options import command
from planning.cli.text import echo

EXAMPLE = ("example:\n  qonys load flows.csv --kind flows\n  qonys load records.csv --kind "
           "registrations\n  qonys flows\n  qonys flows --push-pull\n  qonys flows --stream "
           "registrations/ --memory-limit 2GB --scheduler tcp://10.0.0.5:8786")


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
    push_pull_option(parser)


def run(args: argparse.Namespace, location: str | None) -> int:
    """Check and model the flows of the workspace at ``location``; returns the exit status."""
    from layers.store import open_store
    from planning.cli import pipeline_plan
    from planning.population.registration_stream import parse_size

    if getattr(args, "push_pull", False):
        return run_push_pull(location)
    stream = getattr(args, "stream", None)
    limit = getattr(args, "memory_limit", None)
    limit = parse_size(limit) if limit is not None else None
    with open_store(location) as store:
        _print_flows(pipeline_plan.run_flows(store, stream=stream, memory_limit_bytes=limit,
                                             scheduler=getattr(args, "scheduler", None)))
    return 0


def push_pull_option(parser: argparse.ArgumentParser) -> None:
    """``--push-pull``: the push-and-pull model between regions instead of the checks."""
    parser.add_argument("--push-pull", action="store_true",
                        help=_("fit the push-and-pull model between regions (flows against "
                               "region_indicators: income, unemployment, housing; and the "
                               "readiness headroom where readiness_units covers every region "
                               "of the fit) and print each effect in words; writes nothing"))


def run_push_pull(location: str | None) -> int:
    """Fit the push-and-pull model on the workspace at ``location`` and print its effects."""
    from geo.errors import LayerNotFoundError
    from layers.store import open_store
    from planning.population.flows import check_flows
    from planning.population.places import known_places, read_places
    from planning.population.region_headroom import headroom_note
    from planning.population.region_push_pull import (
        LEFT_OUT_MESSAGES,
        effects_in_words,
        fit_regions,
        flows_generated,
    )

    with open_store(location) as store:
        names = set(store.layer_names())
        for layer, fix in (("region_indicators", _("run `qonys national`, or load the table "
                                                   "of regional figures")),
                           ("flows", _("load an origin–destination table with `qonys load "
                                       "FILE.csv --kind flows`")),
                           ("units", _("load the units or run `qonys national`"))):
            if layer not in names:
                msg = _("The push-and-pull model needs the layer '{layer}', which the workspace "
                        "{store} does not have: {fix}.", layer=layer, store=store.location,
                        fix=fix)
                raise LayerNotFoundError(msg)
        units = store.read_layer("units")
        flows = store.read_layer("flows")
        generated = str(store.provenance().set_index("layer")["source"].get("flows", "")
                        ).startswith("generated")
        readiness = store.read_layer("readiness_units") if "readiness_units" in names \
            else None
        checked = check_flows(flows, known=known_places(units)).flows
        result = fit_regions(checked, units, store.read_layer("region_indicators"),
                             places=read_places(), readiness=readiness)
    years = result.years
    if flows_generated(flows, recorded=generated):
        echo(_("The flows are generated: the fit shows the method, not a finding."))
    echo(_("Push and pull between regions, flows of {first}–{last} ({pairs} pairs):",
           first=years[0], last=years[-1], pairs=len(result.fit.fitted)))
    for row in effects_in_words(result.fit).itertuples(index=False):
        echo(f"  {row.label}: {row.meaning}")
    echo("  " + headroom_note(result.headroom))
    for row in result.left_out.itertuples(index=False):
        if row.pairs:
            echo(_("  left out, {reason}: {pairs} pairs, {persons:,.0f} persons",
                   reason=_(LEFT_OUT_MESSAGES[row.reason]), pairs=row.pairs,
                   persons=row.persons))
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
