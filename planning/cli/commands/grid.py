"""``qonys grid``: score readiness per H3 cell of a region and store the cells."""

from __future__ import annotations

import argparse

from geo.i18n import _
from planning.cli.options import command, year_option
from planning.cli.output import bottleneck_label, timing_line
from planning.cli.text import echo
from planning.vocabulary import GRID_BY_MESSAGES

EXAMPLE = ("example:\n  qonys grid --region almaty --res 9 --store out/demo/qonys-demo.gpkg\n"
           "  qonys grid --region astana --res 8 --by area")


def add_parser(subparsers) -> None:
    """Register ``grid``."""
    parser = command(subparsers, "grid", _("score readiness per H3 cell of a region's populated "
                                           "footprint and store the cells as layer "
                                           "grid_<region>_r<res>"), EXAMPLE, handler=run)
    parser.add_argument("--region", required=True, help=_("a value of the units' region column"))
    parser.add_argument("--res", type=int, choices=(8, 9), default=9,
                        help=_("H3 resolution: 8 (0.74 km2 cells) or 9 (0.11 km2; default)"))
    parser.add_argument("--by", choices=("auto", "grid", "area"), default="auto",
                        help=_("spread residents over cells by the population grid, or by area "
                               "outside the constraints layer (default: the grid where loaded)"))
    year_option(parser)


def run(args: argparse.Namespace, location: str | None) -> int:
    """Score and store the region's cells; returns the exit status."""
    from layers.store import open_store
    from planning.cli import pipeline
    from planning.cli.progress import GRID_STAGES, StageProgress
    from planning.norms import load_norms
    from planning.provision.grid import layer_name

    timings = pipeline.Timings()
    norms = load_norms()
    with open_store(location) as store, StageProgress(GRID_STAGES) as progress:
        result = pipeline.run_grid(store, region=args.region, res=args.res, spread=args.by,
                                   norms=norms, year=args.year, timings=timings,
                                   announce=progress.stage)
    layer = layer_name(args.region, args.res)
    echo(_("Layer {layer}: {scored} cells with residents or facilities of the {footprint} cells "
           "of region {region} (resolution {res}); residents spread {spread}.",
           layer=layer, scored=len(result.cells),
            footprint=result.footprint_cells, region=args.region, res=args.res,
            spread=_(GRID_BY_MESSAGES[result.spread])))
    counts = result.cells["bottleneck_actual"].value_counts()
    for network, count in counts.items():
        echo(f"  {bottleneck_label(network, norms):<24} {count:>9,}")
    echo(timing_line(timings))
    return 0
