"""The planning commands of ``qonys``: ``actual``, ``flows``, ``scenario`` and ``propose``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from geo.errors import QonysError
from geo.i18n import current_language, tr
from geo.regions import region_label
from planning.cli.text import echo
from planning.norms import amount_text, residents_text

EXAMPLES = {
    "actual": "example:\n  qonys load proxies.csv --kind population_proxies\n  qonys actual "
              "--year 2025",
    "flows": "example:\n  qonys load flows.csv --kind flows\n  qonys load records.csv --kind "
             "registrations\n  qonys flows",
    "scenario": "example:\n  qonys scenario list\n  qonys scenario run baseline\n"
                "  qonys scenario run almaty_kaskelen_talgar\n  qonys scenario run "
                "my_scenario.yaml\n  qonys scenario compare baseline almaty_kaskelen_talgar "
                "--out out/compare.html",
    "propose": "example:\n  qonys propose --scenario almaty_kaskelen_talgar\n  qonys propose "
               "--scenario almaty_konaev --objective p_median --budget 200e9 --time-limit 60",
}


#: Proposals printed when there is no phasing plan (the rest are in the workspace's tables).
PRINTED = 10


def add_commands(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    """Add the planning commands through the main parser's ``command`` factory."""
    actual = command("actual", "estimate the actual (served) population of every unit from "
                               "the population_proxies layer; writes units and population_gap")
    actual.add_argument("--year", type=int, default=None,
                        help="use each proxy's latest figure up to this year")
    command("flows", "check migration flows and registration records, net migration per unit "
                     "and year, and a gravity model that fills unobserved pairs")
    scenario = command("scenario", "run a scenario file (forecast to its horizon) or compare "
                                   "two runs")
    scenario.add_argument("action", choices=("run", "compare", "list"))
    scenario.add_argument("names", nargs="*", metavar="SCENARIO",
                          help="run: a YAML file or a shipped scenario's name; compare: two "
                               "scenario names already run")
    scenario.add_argument("--out", type=Path, default=None,
                          help="compare: HTML map to write (default: out/compare_A_B.html)")
    _cell_options(scenario)
    propose = command("propose", "run a scenario and propose facilities, utility expansions "
                                 "and a phasing plan under its budget")
    propose.add_argument("--scenario", required=True,
                         help="a YAML file or a shipped scenario's name")
    propose.add_argument("--objective", choices=("coverage", "p_median"), default="coverage",
                         help="siting: most demand within the norm's walk (default) or least "
                              "walking")
    propose.add_argument("--method", choices=("auto", "exact", "heuristic"), default="auto",
                         help="siting solver: exact (HiGHS) where small enough, else greedy "
                              "with swaps (default: auto)")
    propose.add_argument("--budget", type=float, default=None,
                         help="annual budget in tenge (default: the scenario's)")
    propose.add_argument("--time-limit", type=_seconds, default=None, metavar="SECONDS",
                         help="seconds each exact siting problem may take before its best "
                              "solution so far is kept (default: 10)")
    _cell_options(propose)


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not value > 0 or value == float("inf"):
        msg = f"--time-limit takes a positive number of seconds, not {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return value


def _cell_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--region", default=None,
                        help="run on this region's H3 cells instead of every unit (with --res)")
    parser.add_argument("--res", type=int, choices=(8, 9), default=9,
                        help="H3 resolution of --region (default 9)")


def _cells(args: argparse.Namespace) -> tuple[str, int] | None:
    return (args.region, args.res) if args.region else None


def run(args: argparse.Namespace, location: str) -> int:
    """Run one planning command; returns the exit status."""
    from layers.store import open_store
    from planning.cli import pipeline_plan
    from planning.cli.pipeline import Timings
    from planning.cli.progress import StageProgress

    if args.command == "scenario" and args.action == "list":
        return _list_scenarios()
    with open_store(location) as store:
        where = store.location
        if args.command == "actual":
            _print_actual(pipeline_plan.run_actual(store, year=args.year))
        elif args.command == "flows":
            _print_flows(pipeline_plan.run_flows(store))
        elif args.command == "scenario" and args.action == "run":
            names = _names(args, 1)
            timings = Timings()
            with StageProgress() as progress:
                run_, _ = pipeline_plan.run_scenario(store, names[0], cells=_cells(args),
                                                     timings=timings, announce=progress.stage)
            _print_scenario(run_, where)
        elif args.command == "scenario":
            a, b = _names(args, 2)
            out = args.out or Path("out") / f"compare_{a}_{b}.html"
            diff = pipeline_plan.compare_runs(store, a, b, out=out, lang=current_language())
            _print_compare(diff, a, b, out)
        elif args.command == "propose":
            no_sites = _no_sites_text(store)
            if no_sites:  # said before the run, which takes a while
                echo(no_sites, file=sys.stderr)
            timings = Timings()
            with StageProgress() as progress:
                run_, proposals = pipeline_plan.run_propose(
                    store, args.scenario, objective=args.objective, method=args.method,
                    budget=args.budget, cells=_cells(args), timings=timings,
                    announce=progress.stage, time_limit=args.time_limit)
            _print_scenario(run_, where)
            _print_proposals(run_, proposals, where,
                             name=pipeline_plan.run_name(run_, _cells(args)))
            if no_sites and proposals.sites == 0:
                echo(no_sites)  # again after the long output, where it is read
    return 0


def _names(args: argparse.Namespace, count: int) -> list[str]:
    if len(args.names) != count:
        msg = (f"qonys scenario {args.action} takes {count} scenario name(s), got "
               f"{len(args.names)}: see qonys scenario --help")
        raise UsageError(msg)
    return args.names


class UsageError(QonysError, ValueError):
    """A command given the wrong number of arguments."""


def _list_scenarios() -> int:
    from planning.forecast.scenario import list_scenarios, load_scenario

    lang = current_language()
    for path in list_scenarios():
        scenario = load_scenario(path)
        label = (scenario.label or {}).get(lang, "")
        echo(f"{scenario.name:<28} {label}")
    return 0


def _print_actual(estimate) -> None:
    units = estimate.units
    for row in units.itertuples():
        echo(f"{row.unit_id:<22} {row.pop_registered:>12,.0f} {row.pop_actual:>12,.0f} "
              f"[{row.pop_actual_low:,.0f} – {row.pop_actual_high:,.0f}] "
              f"{row.pop_actual_method}")


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


def _print_scenario(run_, where: str) -> None:
    scenario, result = run_.scenario, run_.forecast
    echo(tr("scenario.summary", scenario=scenario.name, chain=" > ".join(scenario.chain),
             first=min(result.years), horizon=max(result.years), store=where))
    first = result.first_deficit
    first = first[(first["basis"] == "actual") & first["first_deficit_year"].notna()]
    if first.empty:
        return
    echo(tr("scenario.deficit_header"))
    table = first.groupby(["network", "first_deficit_year"]).size()
    for (network, year), count in table.items():
        echo(f"  {run_.norms.label(network):<20} {int(year)}  {count:>4}")


def _print_compare(diff, a: str, b: str, out: Path) -> None:
    horizon = int(diff["horizon"].iloc[0]) if len(diff) else ""
    echo(tr("scenario.compare_summary", a=a, b=b, horizon=horizon, layer=f"compare_{a}_{b}",
             html=out))
    name = f"name_{current_language()}"
    name = name if name in diff else "unit_id"
    moved = diff.reindex(diff["readiness_actual_diff"].abs().sort_values(ascending=False).index)
    for row in moved.head(12).itertuples():
        echo(f"  {getattr(row, name)!s:<34} {row.pop_actual_diff:>+12,.0f} "
              f"{row.readiness_actual_diff:>+12,.0f}")


def _no_sites_text(store) -> str:
    """What to do when the workspace holds no candidate sites, or ``""``."""
    if store.has_layer("candidate_sites") and len(store.read_layer("candidate_sites")):
        return ""
    grids = [n for n in store.layer_names() if n.startswith("grid_")]
    grid = tr("propose.no_sites_grid", layer=grids[0], cell="h3") if grids else ""
    return tr("propose.no_sites", grid=grid)


def _print_proposals(run_, proposals, where: str, *, name: str) -> None:
    lang = current_language()
    cost = proposals.facilities.get("cost_tenge", []).sum() if len(proposals.facilities) \
        else 0.0
    cost += proposals.utilities["cost_tenge"].sum() if len(proposals.utilities) else 0.0
    echo(tr("propose.summary", scenario=run_.scenario.name, horizon=proposals.horizon,
             facilities=tr("propose.n_facilities", count=len(proposals.facilities)),
             utilities=tr("propose.n_utilities", count=len(proposals.utilities)),
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
        echo(tr("propose.unsited", items="; ".join(
            f"{region_label(region, lang)}: {run_.norms.label(network)} "
            f"{amount_text(deficit, run_.norms.get(network).unit, lang=lang)}"
            for region, network, deficit in proposals.unsited)))
    phasing = proposals.phasing
    if phasing is None:
        echo(tr("propose.no_phasing"))
        for key, text in list(explained.items())[:PRINTED]:
            echo(f"  {key}: {text}")
        if len(explained) > PRINTED:
            echo("  " + tr("propose.more", count=len(explained) - PRINTED, layers=layers))
        return
    echo(tr("propose.phasing_header"))
    funded = phasing.investments[phasing.investments["funded_year"].notna()].sort_values(
        "order")
    shown = set()
    for row in funded.itertuples():
        echo(tr("propose.package", year=int(row.funded_year), package=row.investment_id,
                 residents=residents_text(row.unlocked), cost_bn=row.cost / 1e9))
        for part in str(row.label or "").split(","):
            if part in explained:
                shown.add(part)
                echo(f"      {part}: {explained[part]}")
    if len(explained) > len(shown):
        echo(tr("propose.unfunded", count=len(explained) - len(shown), layers=layers))
    arrivals = phasing.arrivals
    last = arrivals[arrivals["year"] == arrivals["year"].max()]
    echo(tr("propose.arrivals", arrived=last["cumulative"].sum(),
             wanted=last["wanted"].sum(), waiting=last["waiting"].sum(),
             horizon=proposals.horizon))
