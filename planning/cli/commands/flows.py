"""``qonys flows``: migration flows and registrations checked, net migration per unit and
year, and a gravity model for the unobserved pairs."""

from __future__ import annotations

import argparse

from geo.i18n import _
from planning.cli.options import command
from planning.cli.text import echo

EXAMPLE = ("example:\n  qonys load flows.csv --kind flows\n  qonys load records.csv --kind "
           "registrations\n  qonys flows\n  qonys flows --push-pull")


def add_parser(subparsers) -> None:
    """Register ``flows``."""
    parser = command(subparsers, "flows", _("check migration flows and registration records, "
                                            "net migration per unit and year, and a gravity "
                                            "model that fills unobserved pairs"), EXAMPLE,
                     handler=run)
    push_pull_option(parser)


def run(args: argparse.Namespace, location: str | None) -> int:
    """Check and model the flows of the workspace at ``location``; returns the exit status."""
    from layers.store import open_store
    from planning.cli import pipeline_plan

    if getattr(args, "push_pull", False):
        return run_push_pull(location)
    with open_store(location) as store:
        _print_flows(pipeline_plan.run_flows(store))
    return 0


def push_pull_option(parser: argparse.ArgumentParser) -> None:
    """``--push-pull``: the push-and-pull model between regions instead of the checks."""
    parser.add_argument("--push-pull", action="store_true",
                        help=_("fit the push-and-pull model between regions (flows against "
                               "region_indicators: income, unemployment, housing) and print each "
                               "effect in words; writes nothing"))


def run_push_pull(location: str | None) -> int:
    """Fit the push-and-pull model on the workspace at ``location`` and print its effects."""
    from geo.errors import LayerNotFoundError
    from layers.store import open_store
    from planning.population.flows import check_flows
    from planning.population.places import known_places, read_places
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
        checked = check_flows(flows, known=known_places(units)).flows
        result = fit_regions(checked, units, store.read_layer("region_indicators"),
                             places=read_places())
    years = result.years
    if flows_generated(flows, recorded=generated):
        echo(_("The flows are generated: the fit shows the method, not a finding."))
    echo(_("Push and pull between regions, flows of {first}–{last} ({pairs} pairs):",
           first=years[0], last=years[-1], pairs=len(result.fit.fitted)))
    for row in effects_in_words(result.fit).itertuples(index=False):
        echo(f"  {row.label}: {row.meaning}")
    for row in result.left_out.itertuples(index=False):
        if row.pairs:
            echo(_("  left out, {reason}: {pairs} pairs, {persons:,.0f} persons",
                   reason=_(LEFT_OUT_MESSAGES[row.reason]), pairs=row.pairs,
                   persons=row.persons))
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
