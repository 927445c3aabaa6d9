"""``qonys national``: build the national workspace of all of Kazakhstan from ``data/national/``.

Writes the layers of :func:`layers.national.build_national_layers` to the store in one atomic
write, each with its provenance, and prints a summary: the rows of each layer, what is estimated
and what is missing. It assesses nothing and writes no report of its own.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from geo.i18n import _
from planning.cli.options import command

NATIONAL_STORE = Path("out/national/qonys-national.gpkg")
EXAMPLE = ("example:\n  qonys national\n  qonys national --store out/kz.gpkg --lang en\n"
           "  qonys national --data my/national")


def add_parser(subparsers) -> None:
    """Register ``national``."""
    parser = command(subparsers, "national", _("build the national workspace of all of "
                                               "Kazakhstan (224 districts, 20 regions, the OSM "
                                               "places, official migration and indicators) from "
                                               "the project's data"), EXAMPLE, handler=run)
    parser.add_argument("--data", type=Path, default=None, help=_("folder of the national files "
                                                                  "(default: data/national of "
                                                                  "qonys)"))
    parser.set_defaults(store_default=str(NATIONAL_STORE))


def build_national(store, *, folder: Path | None = None, timings=None, announce=None):
    """Build the national layers and write them to ``store`` in one atomic write.

    Returns
    -------
    layers.national.NationalWorkspace
        What was written, and what the build found missing.
    """
    from layers.national import build_national_layers
    from layers.validate import check
    from planning.cli.pipeline import Timings

    timings = timings or Timings()
    step = timings.stepper(announce)
    built = build_national_layers(folder, progress=step)
    step.finish()
    with timings.stage("store", announce):
        for layer in built.layers:
            check(layer.frame, layer.kind, layer=layer.name)
        provenance = {layer.name: layer_provenance(built, layer) for layer in built.layers}
        store.write_layers({layer.name: layer.frame for layer in built.layers},
                           provenance=provenance)
    return built


def layer_provenance(built, layer):
    """The provenance of one national layer: the files it was made from (the first one's
    checksum), its licence and, for an estimated layer, the rule and what is missing.

    The source is the files, not ``generated: ...``, so that the report lists the layer among
    the workspace's sources; what is estimated says so in ``note`` and in the rows' ``source``.
    """
    from layers.national import LAYER_FILES, LAYER_LICENCES
    from layers.provenance import Provenance, checksum_of_file, crs_name

    paths = [(built.folder / name).resolve() for name in LAYER_FILES[layer.name]]
    note = "; ".join([f"qonys national: {layer.source}", *built.notes.get(layer.name, [])])
    return Provenance(layer=layer.name, kind=layer.kind,
                      source=", ".join(str(path) for path in paths),
                      checksum=checksum_of_file(paths[0]), crs_found=crs_name(layer.frame),
                      crs_used=crs_name(layer.frame), encoding="utf-8",
                      row_count=len(layer.frame), licence=LAYER_LICENCES[layer.name], note=note)


def run(args: argparse.Namespace, location: str | None) -> int:
    """Build the national workspace into the store at ``location``; returns the exit status."""
    from layers.store import open_store
    from planning.cli.output import timing_line
    from planning.cli.pipeline import Timings
    from planning.cli.progress import NATIONAL_STAGES, StageProgress
    from planning.cli.text import echo

    timings = Timings()
    with open_store(location) as store, StageProgress(NATIONAL_STAGES) as progress:
        built = build_national(store, folder=args.data, timings=timings,
                               announce=progress.stage)
        where = store.location
    echo("\n".join([*summary(built), _("Workspace: {store}", store=where),
                    timing_line(timings)]))
    return 0


def summary(built) -> list[str]:
    """The lines ``qonys national`` prints: rows per layer, what is estimated, what is missing."""
    grid = built.layer("population_grid")
    lines = [_("National workspace:")]
    lines += [f"  {layer.name}: {len(layer.frame):,}" for layer in built.layers]
    lines.append(_("Estimated, not published: job_centres (jobs = population × employed ÷ "
                   "population), population_grid ({cells:,} populated H3 res-8 cells, "
                   "{persons:,.0f} residents spread over the districts' places).",
                   cells=len(grid), persons=grid["persons"].sum()))
    if built.national_ratio_regions:
        lines.append(_("No employed figure for {count} region(s): their job centres use the "
                       "national ratio {ratio:.4f}.", count=len(built.national_ratio_regions),
                       ratio=built.national_ratio))
    if built.no_population:
        lines.append(_("No population figure for {count} district(s) ({districts}): "
                       "pop_registered is not assessed and none of their residents is on the "
                       "grid.", count=len(built.no_population),
                       districts=", ".join(built.no_population)))
    if built.outside:
        lines.append(_("{count} OSM place(s) lie outside every district (across the border): "
                       "kept in settlements without a district, left out of job_centres and the "
                       "grid.", count=len(built.outside)))
    return lines
