"""``qonys demo``: build the demo workspace, assess readiness and write the report."""

from __future__ import annotations

import argparse
from pathlib import Path

from geo.i18n import _, current_language
from planning import workspace
from planning.cli.options import command
from planning.cli.output import print_outputs

DEMO_STORE = Path("out/demo/qonys-demo.gpkg")
DEMO_REPORT = "report.html"
EXAMPLE = ("example:\n  qonys demo\n  qonys demo --lang en --out out/demo-en "
           "--store out/demo-en/qonys-demo.gpkg\n  qonys demo --store "
           "postgresql://postgres@127.0.0.1:5432/test")


def add_parser(subparsers) -> None:
    """Register ``demo``."""
    parser = command(subparsers, "demo", _("build the demo workspace of Almaty, Astana and "
                                           "Shymkent from the project's data alone, assess "
                                           "readiness and write the report"), EXAMPLE, handler=run)
    parser.add_argument("--out", type=Path, default=None, help=_("folder of the report (default: "
                                                                 "the store's folder, or "
                                                                 "out/demo)"))
    parser.add_argument("--seed", type=int, default=None, help=_("seed of the generated parts"))
    parser.set_defaults(store_default=str(DEMO_STORE))


def run(args: argparse.Namespace, location: str | None) -> int:
    """Build the demo into the store at ``location``; returns the exit status."""
    from layers.store import open_store
    from planning.cli import pipeline
    from planning.cli.progress import StageProgress

    timings = pipeline.Timings()
    report_path = _report_path(args, location)
    seed = args.seed if args.seed is not None else pipeline.DEFAULT_SEED
    with open_store(location) as store, StageProgress() as progress:
        pipeline.build_demo(store, seed=seed, timings=timings, announce=progress.stage)
        pipeline.run_readiness(store, timings=timings, announce=progress.stage)
        with timings.stage("grid", progress.stage):
            pipeline.run_grid(store, region=workspace.DEMO_GRID_REGION,
                              res=workspace.REPORT_RES, timings=pipeline.Timings())
        written = pipeline.run_report(store, report_path, lang=current_language(),
                                      timings=timings, announce=progress.stage).html
        where = store.location
    print_outputs(where, written, timings)
    return 0


def _report_path(args: argparse.Namespace, location: str) -> Path:
    if args.out is not None:
        return args.out / DEMO_REPORT
    if "://" not in location:
        return Path(location).parent / DEMO_REPORT
    return DEMO_STORE.parent / DEMO_REPORT
