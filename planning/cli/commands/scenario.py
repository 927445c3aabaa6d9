"""``qonys scenario list|run|compare``: the shipped scenarios, a scenario's forecast to its
horizon, or the difference of two runs."""

from __future__ import annotations

import argparse
from pathlib import Path

from geo.i18n import _, current_language
from planning.cli.options import UsageError, cell_options, cells, command
from planning.cli.text import echo

EXAMPLE = ("example:\n  qonys scenario list\n  qonys scenario run baseline\n"
           "  qonys scenario run almaty_kaskelen_talgar\n  qonys scenario run "
           "my_scenario.yaml\n  qonys scenario compare baseline almaty_kaskelen_talgar "
           "--out out/compare.html")


def add_parser(subparsers) -> None:
    """Register ``scenario``."""
    parser = command(subparsers, "scenario", _("run a scenario file (forecast to its horizon) or "
                                               "compare two runs"), EXAMPLE, handler=run)
    parser.add_argument("action", choices=("run", "compare", "list"),
                        help=_("list: the shipped scenarios; run: run one; compare: compare two"))
    parser.add_argument("names", nargs="*", metavar="SCENARIO",
                        help=_("run: a YAML file or a shipped scenario's name; compare: two "
                               "scenario names already run"))
    parser.add_argument("--out", type=Path, default=None, help=_("compare: HTML map to write "
                                                                 "(default: "
                                                                 "out/compare_A_B.html)"))
    cell_options(parser)


def run(args: argparse.Namespace, location: str | None) -> int:
    """Run the action; returns the exit status."""
    from layers.store import open_store
    from planning.cli import pipeline_plan
    from planning.cli.pipeline import Timings
    from planning.cli.progress import StageProgress

    if args.action == "list":
        return _list_scenarios()
    with open_store(location) as store:
        where = store.location
        if args.action == "run":
            names = _names(args, 1)
            timings = Timings()
            with StageProgress() as progress:
                run_, __ = pipeline_plan.run_scenario(store, names[0], cells=cells(args),
                                                     timings=timings, announce=progress.stage)
            print_scenario(run_, where)
        else:
            a, b = _names(args, 2)
            out = args.out or Path("out") / f"compare_{a}_{b}.html"
            diff = pipeline_plan.compare_runs(store, a, b, out=out, lang=current_language())
            _print_compare(diff, a, b, out)
    return 0


def _names(args: argparse.Namespace, count: int) -> list[str]:
    if len(args.names) != count:
        msg = (f"qonys scenario {args.action} takes {count} scenario name(s), got "
               f"{len(args.names)}: see qonys scenario --help")
        raise UsageError(msg)
    return args.names


def _list_scenarios() -> int:
    from planning.forecast.scenario import list_scenarios, load_scenario

    lang = current_language()
    for path in list_scenarios():
        scenario = load_scenario(path)
        label = (scenario.label or {}).get(lang, "")
        echo(f"{scenario.name:<28} {label}")
    return 0


def print_scenario(run_, where: str) -> None:
    """The scenario, years and first deficits of a run."""
    scenario, result = run_.scenario, run_.forecast
    echo(_("Scenario '{scenario}' ({chain}) computed for {first}-{horizon}; results written to "
           "{store} (tables scenario_{scenario}_*).",
           scenario=scenario.name, chain=" > ".join(scenario.chain),
             first=min(result.years), horizon=max(result.years), store=where))
    take_up = getattr(run_, "take_up", None)
    if take_up is not None and len(take_up):
        echo(_("Resettlement programme: {arrivals:,.0f} of {planned:,.0f} planned take up "
               "(take-up by an assumed elasticity, see data/norms/default.yaml), costing "
               "{cost_bn:,.1f} bn tenge (table scenario_{scenario}_programme).",
               arrivals=float(take_up["arrivals"].sum()),
               planned=float(take_up["planned"].sum()),
               cost_bn=float(take_up["cost_tenge"].sum()) / 1e9, scenario=scenario.name))
    first = result.first_deficit
    first = first[(first["basis"] == "actual") & first["first_deficit_year"].notna()]
    if first.empty:
        return
    echo(_("First year of deficit by network (actual population), number of units:"))
    table = first.groupby(["network", "first_deficit_year"]).size()
    for (network, year), count in table.items():
        echo(f"  {run_.norms.label(network):<20} {int(year)}  {count:>4}")


def _print_compare(diff, a: str, b: str, out: Path) -> None:
    horizon = int(diff["horizon"].iloc[0]) if len(diff) else ""
    echo(_("The difference '{b}' minus '{a}' at {horizon} is written to layer {layer} and the map "
           "{html}.",
           a=a, b=b, horizon=horizon, layer=f"compare_{a}_{b}",
             html=out))
    name = f"name_{current_language()}"
    name = name if name in diff else "unit_id"
    moved = diff.reindex(diff["readiness_actual_diff"].abs().sort_values(ascending=False).index)
    for row in moved.head(12).itertuples():
        echo(f"  {getattr(row, name)!s:<34} {row.pop_actual_diff:>+12,.0f} "
              f"{row.readiness_actual_diff:>+12,.0f}")
