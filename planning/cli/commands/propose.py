"""``qonys propose``: run a scenario and propose facilities, utility expansions and a phasing
plan under its budget."""

from __future__ import annotations

import argparse
import sys

from geo.i18n import _, current_language, n_
from geo.regions import region_label
from planning.cli.commands.scenario import print_scenario
from planning.cli.options import cell_options, cells, command
from planning.cli.text import echo
from planning.norms import amount_text, residents_text

EXAMPLE = ("example:\n  qonys propose --scenario almaty_kaskelen_talgar\n  qonys propose "
           "--scenario almaty_konaev --objective p_median --budget 200e9 --time-limit 60")

#: Proposals printed when there is no phasing plan (the rest are in the workspace's tables).
PRINTED = 10


def add_parser(subparsers) -> None:
    """Register ``propose``."""
    parser = command(subparsers, "propose", _("run a scenario and propose facilities, utility "
                                              "expansions and a phasing "
                                              "plan under its budget"), EXAMPLE, handler=run)
    parser.add_argument("--scenario", required=True, help=_("a YAML file or a shipped scenario's "
                                                            "name"))
    parser.add_argument("--objective", choices=("coverage", "p_median"), default="coverage",
                        help=_("siting: most demand within the norm's walk (default) or least "
                               "walking"))
    parser.add_argument("--method", choices=("auto", "exact", "heuristic"), default="auto",
                        help=_("siting solver: exact (HiGHS) where small enough, else greedy with "
                               "swaps (default: auto)"))
    parser.add_argument("--budget", type=float, default=None, help=_("annual budget in tenge "
                                                                     "(default: the scenario's)"))
    parser.add_argument("--time-limit", type=_seconds, default=None, metavar="SECONDS",
                        help=_("seconds each exact siting problem may take before its best "
                               "solution so far is kept (default: 10)"))
    cell_options(parser)


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not value > 0 or value == float("inf"):
        msg = f"--time-limit takes a positive number of seconds, not {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return value


def run(args: argparse.Namespace, location: str | None) -> int:
    """Run the scenario and propose; returns the exit status."""
    from layers.store import open_store
    from planning.cli import pipeline_plan
    from planning.cli.pipeline import Timings
    from planning.cli.progress import StageProgress

    with open_store(location) as store:
        where = store.location
        no_sites = _no_sites_text(store)
        if no_sites:  # said before the run, which takes a while
            echo(no_sites, file=sys.stderr)
        timings = Timings()
        with StageProgress() as progress:
            run_, proposals = pipeline_plan.run_propose(
                store, args.scenario, objective=args.objective, method=args.method,
                budget=args.budget, cells=cells(args), timings=timings,
                announce=progress.stage, time_limit=args.time_limit)
        print_scenario(run_, where)
        _print_proposals(run_, proposals, where,
                         name=pipeline_plan.run_name(run_, cells(args)))
        if no_sites and proposals.sites == 0:
            echo(no_sites)  # again after the long output, where it is read
    return 0


def _no_sites_text(store) -> str:
    """What to do when the workspace holds no candidate sites, or ``""``."""
    if store.has_layer("candidate_sites") and len(store.read_layer("candidate_sites")):
        return ""
    grids = [n for n in store.layer_names() if n.startswith("grid_")]
    grid = _("; or take the cells of the grid {layer}: qonys export {layer} --to cells.gpkg, then "
             "qonys load cells.gpkg --kind candidate_sites --map {cell}=site_id --map "
             "parent_unit_id=unit_id --points",
             layer=grids[0], cell="h3") if grids else ""
    return _("The workspace has no candidate sites (layer candidate_sites): new schools, "
             "kindergartens and polyclinics have nowhere to go, so only network expansions are "
             "proposed. Load sites (points with a site_id column; polygons with --points): qonys "
             "load sites.gpkg --kind candidate_sites{grid}", grid=grid)


def _print_proposals(run_, proposals, where: str, *, name: str) -> None:
    lang = current_language()
    cost = proposals.facilities.get("cost_tenge", []).sum() if len(proposals.facilities) \
        else 0.0
    cost += proposals.utilities["cost_tenge"].sum() if len(proposals.utilities) else 0.0
    echo(_("Proposals of scenario '{scenario}' to {horizon}: {facilities}, {utilities}; about "
           "{cost_bn:,.1f} bn tenge in all (illustrative). Written to {store}.",
           scenario=run_.scenario.name, horizon=proposals.horizon,
             facilities=n_("{count:,d} new social facility", "{count:,d} new social facilities",
                           count=len(proposals.facilities)),
             utilities=n_("{count:,d} network expansion", "{count:,d} network expansions",
                          count=len(proposals.utilities)),
             cost_bn=cost / 1e9, store=where))
    explained = {}
    for frame in (proposals.facilities, proposals.utilities):
        for row in frame.to_dict("records"):
            explained[row["proposal_id"]] = row[f"explanation_{lang}"]
    from planning.proposals.propose import table_name

    layers = ", ".join(table_name(name, part) for part, frame in
                       (("facilities", proposals.facilities), ("utilities", proposals.utilities))
                       if len(frame))
    if proposals.unsited:
        echo(_("Deficits with no candidate site in their region (no new facility proposed): "
               "{items}.", items="; ".join(
            f"{region_label(region, lang)}: {run_.norms.label(network)} "
            f"{amount_text(deficit, run_.norms.get(network).unit, lang=lang)}"
            for region, network, deficit in proposals.unsited)))
    phasing = proposals.phasing
    if phasing is None:
        echo(_("The scenario resettles nobody (or names no budget): the order below is by "
               "residents per tenge, without an arrival plan."))
        for key, text in list(explained.items())[:PRINTED]:
            echo(f"  {key}: {text}")
        if len(explained) > PRINTED:
            echo("  " + _("… and {count} more: see layers {layers}",
                          count=len(explained) - PRINTED, layers=layers))
        return
    echo(_("Order (infrastructure first, then resettlement):"))
    funded = phasing.investments[phasing.investments["funded_year"].notna()].sort_values(
        "order")
    shown = set()
    for row in funded.itertuples():
        echo(_("  {year}: package {package} makes room for {residents} for {cost_bn:,.1f} bn "
               "tenge; it holds:",
               year=int(row.funded_year), package=row.investment_id,
                 residents=residents_text(row.unlocked), cost_bn=row.cost / 1e9))
        for part in str(row.label or "").split(","):
            if part in explained:
                shown.add(part)
                echo(f"      {part}: {explained[part]}")
    if len(explained) > len(shown):
        echo(_("{count} proposals are in no funded package (not printed): see layers {layers}",
               count=len(explained) - len(shown), layers=layers))
    arrivals = phasing.arrivals
    last = arrivals[arrivals["year"] == arrivals["year"].max()]
    echo(_("Programme arrivals: {arrived:,.0f} of {wanted:,.0f} people by {horizon}; "
           "{waiting:,.0f} waiting.",
           arrived=last["cumulative"].sum(),
             wanted=last["wanted"].sum(), waiting=last["waiting"].sum(),
             horizon=proposals.horizon))
