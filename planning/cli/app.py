"""The ``qonys`` command line.

Every command takes ``--store PATH|URL`` (a GeoPackage path or a PostgreSQL URL; default
``$QONYS_STORE`` or ``./qonys.gpkg``) and ``--lang ru|kk|en``. Errors of qonys become one
message in the chosen language and exit status 2, without a traceback. Logging is set up here
and nowhere else (``-v``).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from geo.errors import QonysError
from geo.i18n import LANGUAGES, current_language, set_language, tr
from planning import workspace
from planning.cli.check import EXAMPLE as CHECK_EXAMPLE
from planning.cli.check import add_command as add_check_command
from planning.cli.check import run as run_check_command
from planning.cli.data import EXAMPLES as DATA_EXAMPLES
from planning.cli.data import add_commands as add_data_commands
from planning.cli.data import run as run_data_command
from planning.cli.plan import EXAMPLES as PLAN_EXAMPLES
from planning.cli.plan import add_commands as add_plan_commands
from planning.cli.plan import run as run_plan_command
from planning.cli.text import SafeFormatter, echo, safe_warnings
from planning.notices import collect

DEMO_STORE = Path("out/demo/qonys-demo.gpkg")
DEMO_REPORT = "report.html"

EXAMPLES = {
    "demo": "example:\n  qonys demo\n  qonys demo --lang en --out out/demo-en "
            "--store out/demo-en/qonys-demo.gpkg\n  qonys demo --store "
            "postgresql://postgres@127.0.0.1:5432/test",
    "readiness": "example:\n  qonys readiness --store out/demo/qonys-demo.gpkg",
    "grid": "example:\n  qonys grid --region almaty --res 9 --store out/demo/qonys-demo.gpkg\n"
            "  qonys grid --region astana --res 8 --by area",
    "report": "example:\n  qonys report --store out/demo/qonys-demo.gpkg --lang kk "
              "--out out/report-kk.html\n  qonys report --scenario almaty_kaskelen_talgar "
              "--compare baseline --pdf out/report.pdf --png out/report-maps",
}
EXAMPLES["check"] = CHECK_EXAMPLE
EXAMPLES.update(DATA_EXAMPLES)
EXAMPLES.update(PLAN_EXAMPLES)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``qonys`` and its commands."""
    common = _common_options(defaults=True)
    # A command's own copy of the options must not overwrite what was given before the command
    # (`qonys --lang en load ...`): its defaults are left out of the namespace.
    common_here = _common_options(defaults=False)
    parser = argparse.ArgumentParser(
        prog="qonys", description=tr("cli.description", lang="en"), parents=[common],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Run `qonys COMMAND --help` for a command's options and an example.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def command(name: str, text: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, help=text, description=text, parents=[common_here],
                                   epilog=EXAMPLES[name],
                                   formatter_class=argparse.RawDescriptionHelpFormatter)

    demo = command("demo", "build the demo workspace of Almaty, Astana and Shymkent from the "
                           "project's data alone, assess readiness and write the report")
    demo.add_argument("--out", type=Path, default=None,
                      help="folder of the report (default: the store's folder, or out/demo)")
    demo.add_argument("--seed", type=int, default=None, help="seed of the generated parts")
    demo.set_defaults(store_default=str(DEMO_STORE))

    readiness = command("readiness", "assess readiness per unit and network for the "
                                     "registered and the actual population, and store it")
    readiness.add_argument("--year", type=int, default=None,
                           help="base year: sources commissioned later are left out")

    grid = command("grid", "score readiness per H3 cell of a region's populated footprint and "
                           "store the cells as layer grid_<region>_r<res>")
    grid.add_argument("--region", required=True, help="a value of the units' region column")
    grid.add_argument("--res", type=int, choices=(8, 9), default=9,
                      help="H3 resolution: 8 (0.74 km2 cells) or 9 (0.11 km2; default)")
    grid.add_argument("--by", choices=("auto", "grid", "area"), default="auto",
                      help="spread residents over cells by the population grid, or by area "
                           "outside the constraints layer (default: the grid where loaded)")
    grid.add_argument("--year", type=int, default=None,
                      help="base year: sources commissioned later are left out")

    report = command("report", "write the report: one HTML file that opens with no network "
                               "(readiness, networks, gap, flows, forecast, scenarios, proposals)")
    report.add_argument("--out", type=Path, default=Path("out/report.html"),
                        help="HTML file to write (default: out/report.html)")
    report.add_argument("--scenario", default=None,
                        help="scenario whose forecast and proposals to show: a shipped name or "
                             "a YAML file (default: baseline where the workspace allows; "
                             "forecast for the report if not yet run)")
    report.add_argument("--compare", default=None, metavar="SCENARIO",
                        help="also show the difference of --scenario from this scenario")
    report.add_argument("--png", type=Path, default=None, metavar="DIR",
                        help="also write a static PNG of every map layer into DIR")
    report.add_argument("--pdf", type=Path, default=None, metavar="FILE",
                        help="also write the report as PDF")
    report.add_argument("--pdf-from", choices=("chromium", "png"), default="chromium",
                        help="print the PDF with headless Chromium (runs the maps; default) "
                             "or assemble it from the static PNG maps")

    add_check_command(command)
    add_data_commands(command)
    add_plan_commands(command)
    return parser


def _common_options(*, defaults: bool) -> argparse.ArgumentParser:
    """``--store``, ``--lang`` and ``-v``, with their defaults or without (sub-commands)."""

    def default(value: object) -> object:
        return value if defaults else argparse.SUPPRESS

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--store", metavar="PATH|URL", default=default(None),
                        help="workspace: a GeoPackage path or a postgresql:// URL "
                             "(default: $QONYS_STORE or ./qonys.gpkg)")
    common.add_argument("--lang", choices=LANGUAGES, default=default(None),
                        help="language of messages and reports (default: ru)")
    common.add_argument("-v", "--verbose", action="count", default=default(0),
                        help="log what happens (-vv for more)")
    return common


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``qonys``; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    set_language(args.lang or "ru")
    _configure_logging(args.verbose)
    safe_warnings()
    try:
        with collect() as notices:
            try:
                return _run(args)
            finally:
                # Whatever the command found about its inputs, said once, in the chosen language.
                for text in notices.texts():
                    echo(text, file=sys.stderr)
    except QonysError as exc:
        echo(tr("cli.error", message=exc), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        echo(tr("cli.interrupted"), file=sys.stderr)
        return 130


def _run(args: argparse.Namespace) -> int:
    from layers.store import open_store
    from planning.cli import pipeline
    from planning.cli.progress import StageProgress
    from planning.norms import load_norms

    location = args.store or getattr(args, "store_default", None)
    if args.command == "demo":
        timings = pipeline.Timings()
        report_path = _demo_report_path(args, location)
        seed = args.seed if args.seed is not None else pipeline.DEFAULT_SEED
        with open_store(location) as store, StageProgress() as progress:
            pipeline.build_demo(store, seed=seed, timings=timings, announce=progress.stage)
            pipeline.run_readiness(store, timings=timings, announce=progress.stage)
            with timings.stage("grid", progress.stage):
                pipeline.run_grid(store, region=workspace.DEMO_GRID_REGION,
                                  res=workspace.REPORT_RES, timings=pipeline.Timings())
            written = pipeline.run_report(store, report_path, lang=args.lang or "ru",
                                          timings=timings,
                                          announce=progress.stage).html
            where = store.location
        _print_outputs(where, written, timings)
        return 0
    if args.command == "grid":
        from planning.cli.progress import GRID_STAGES
        from planning.provision.grid import layer_name

        timings = pipeline.Timings()
        norms = load_norms()
        with open_store(location) as store, StageProgress(GRID_STAGES) as progress:
            result = pipeline.run_grid(store, region=args.region, res=args.res, spread=args.by,
                                       norms=norms, year=args.year, timings=timings,
                                       announce=progress.stage)
        _print_grid(result, args, layer_name(args.region, args.res), timings, norms)
        return 0
    if args.command in PLAN_EXAMPLES:
        return run_plan_command(args, location)
    if args.command == "check":
        return run_check_command(args, location)
    if args.command not in ("readiness", "report"):
        return run_data_command(args, location)
    with open_store(location) as store:
        if args.command == "readiness":
            norms = load_norms()
            result = pipeline.run_readiness(store, norms=norms, year=args.year)
            _print_readiness(result.units, norms)
            _print_cross_boundary(result.exact, norms)
        elif args.command == "report":
            files = pipeline.run_report(store, args.out, lang=args.lang or "ru",
                                        scenario=args.scenario, compare=args.compare,
                                        png_dir=args.png, pdf=args.pdf, pdf_from=args.pdf_from)
            _print_outputs(None, files.html, None)
            if files.pngs:
                echo(f"  {tr('cli.report_pngs', count=len(files.pngs))}: "
                      f"{files.pngs[0].parent}")
            if files.pdf is not None:
                echo(f"  PDF: {files.pdf}")
    return 0


def _demo_report_path(args: argparse.Namespace, location: str) -> Path:
    if args.out is not None:
        return args.out / DEMO_REPORT
    if "://" not in location:
        return Path(location).parent / DEMO_REPORT
    return DEMO_STORE.parent / DEMO_REPORT


def _print_outputs(store: str | None, report: Path, timings) -> None:
    lines = [tr("cli.outputs")]
    if store is not None:
        lines.append(f"  {tr('cli.workspace')}: {store}")
    lines.append(f"  {tr('cli.report')}: {report}")
    if timings is not None:
        lines.append(_timing_line(timings))
    echo("\n".join(lines))


def _timing_line(timings) -> str:
    parts = ", ".join(f"{k} {v:.1f} s" for k, v in timings.seconds.items())
    return f"  {sum(timings.seconds.values()):.1f} s ({parts})"


def bottleneck_label(value, norms) -> str:
    from planning.provision.readiness import label

    return label(value, norms)


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


def _print_grid(result, args: argparse.Namespace, layer: str, timings, norms) -> None:
    echo(tr("grid.summary", layer=layer, scored=len(result.cells),
             footprint=result.footprint_cells, region=args.region, res=args.res,
             spread=tr(f"grid.by_{result.spread}")))
    counts = result.cells["bottleneck_actual"].value_counts()
    for network, count in counts.items():
        echo(f"  {bottleneck_label(network, norms):<24} {count:>9,}")
    echo(_timing_line(timings))


def _print_cross_boundary(exact, norms) -> None:
    """Where residents are served by another territory's facilities (actual population)."""
    if exact is None:
        return
    table = exact.cross_boundary
    table = table[(table["basis"] == "actual") & (table["served_elsewhere"] > 0.5)]
    if table.empty:
        echo(tr("cli.cross_boundary_none"))
        return
    echo(tr("cli.cross_boundary"))
    for row in table.sort_values(["network", "territory"]).itertuples():
        echo(f"  {row.territory:<20} {norms.label(row.network):<16} "
              f"{row.share_served_elsewhere:>6.0%}  {row.largest_carrier} "
              f"({row.largest_carrier_share:.0%})")


def _configure_logging(verbosity: int) -> None:
    if verbosity <= 0:
        return
    level = logging.INFO if verbosity == 1 else logging.DEBUG
    handler = logging.StreamHandler()
    handler.setFormatter(SafeFormatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
    for name in ("geo", "layers", "planning", "maps"):
        logger = logging.getLogger(name)
        logger.setLevel(level)
        logger.addHandler(handler)


if __name__ == "__main__":
    sys.exit(main())
