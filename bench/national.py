"""Benchmark of the national workspace (issue 16).

Each measurement is a function of :data:`MEASUREMENTS`: it takes the run's :class:`Context` (the
national workspace built once into a temporary GeoPackage, its layers and the norms) and yields
``(name, value)`` pairs, printed one ``name=value`` a line. Add a measurement by adding a
function to the list; the others do not change.

* ``national_build_s``: ``qonys national`` into a fresh GeoPackage (read, build, validate,
  write), the baseline of the run;
* ``grid_national_r8_populated_s``: readiness of every populated H3 res-8 cell of the country
  (:func:`planning.cli.pipeline_national.national_grid`, every region one by one); with
  ``grid_national_r8_cells`` (populated cells scored), ``grid_national_r8_footprint_cells``
  (cells filling the districts), ``grid_national_r8_assessed`` (``false`` when the workspace has
  no roads: every figure is then "not assessed", as for the national workspace of ``data/``),
  ``grid_national_r8_not_assessed_rows`` (cells whose bottleneck is ``not_assessed``),
  ``ratio_grid_national_r8_vs_60s`` (the target is at most 1) and
  ``ratio_grid_national_r8_vs_build``;
* ``footprint_fill_r8_s``: filling every district with its res-8 cells alone
  (:func:`geo.hexgrid.cells_in_polygons`), the floor under the grid, and
  ``ratio_grid_national_r8_vs_fill``;
* ``centres_all_s``: ranking every district and town of the country as a candidate centre
  (:func:`planning.centres.rank.rank_centres` on the layers read from the store: criteria,
  scores, explanations in three languages and the ±20 % sensitivity), with ``centres_candidates``,
  ``centres_criteria_assessed``, ``ratio_centres_all_vs_10s`` (target at most 1) and
  ``ratio_centres_all_vs_build``;
* the registration stream, 1M, 10M and 50M synthetic records in memory and on a 2-worker
  ``LocalCluster`` (``stream_*``, see ``bench/national_stream.py``, which runs them, each path
  in its own process so that peaks are its own).

Run: ``.venv/bin/python bench/national.py [--stream-sizes 1m,10m,50m | --quick | --no-stream]``
(``--quick``: the stream at 1M only; 50M takes about 10 minutes and 400 MB of disk);
``make bench`` runs it.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

# bench/planning.py shares its name with the planning package: keep this folder off sys.path.
sys.path[:] = [entry for entry in sys.path
               if Path(entry or ".").resolve() != Path(__file__).resolve().parent]

import geopandas as gpd  # noqa: E402

from geo import hexgrid  # noqa: E402
from geo.crs import WGS84  # noqa: E402
from layers.store import open_store  # noqa: E402
from planning.cli.commands.national import build_national  # noqa: E402
from planning.cli.pipeline_national import national_grid  # noqa: E402
from planning.norms import Norms, load_norms  # noqa: E402
from planning.workspace import INPUT_LAYERS, default_base_year  # noqa: E402

GRID_TARGET_S = 60.0
CENTRES_TARGET_S = 10.0
STREAM_SCRIPT = Path(__file__).resolve().parent / "national_stream.py"


@dataclass
class Context:
    """What the measurements share: the national store, built once, and figures measured."""

    folder: Path
    store: str = ""
    layers: dict = field(default_factory=dict)
    norms: Norms | None = None
    seconds: dict[str, float] = field(default_factory=dict)
    stream_sizes: str = "1m,10m,50m"


def national_build(context: Context) -> Iterator[tuple[str, object]]:
    """``national_build_s``: the national workspace into a fresh GeoPackage."""
    context.store = str(context.folder / "national.gpkg")
    start = time.perf_counter()
    with open_store(context.store) as store:
        build_national(store)
    context.seconds["build"] = time.perf_counter() - start
    with open_store(context.store) as store:
        context.layers = {name: store.read_layer(name) for name in INPUT_LAYERS
                          if name in store.layer_names()}
    context.norms = load_norms()
    yield "national_build_s", f"{context.seconds['build']:.3f}"


def grid_national_r8_populated(context: Context) -> Iterator[tuple[str, object]]:
    """``grid_national_r8_populated_s`` and its counts (see the module's docstring)."""
    start = time.perf_counter()
    grid = national_grid(context.layers, context.norms, res=8, year=default_base_year())
    seconds = context.seconds["grid"] = time.perf_counter() - start
    yield "grid_national_r8_populated_s", f"{seconds:.3f}"
    yield "grid_national_r8_cells", len(grid.cells)
    yield "grid_national_r8_footprint_cells", grid.footprint_cells
    yield "grid_national_r8_assessed", str(grid.assessed).lower()
    yield "grid_national_r8_not_assessed_rows", int(
        (grid.cells["bottleneck_registered"] == "not_assessed").sum())
    yield "grid_national_r8_units_left_out", len(grid.units_left_out)
    yield "ratio_grid_national_r8_vs_60s", f"{seconds / GRID_TARGET_S:.3f}"
    yield "ratio_grid_national_r8_vs_build", f"{seconds / context.seconds['build']:.3f}"


def footprint_fill_r8(context: Context) -> Iterator[tuple[str, object]]:
    """``footprint_fill_r8_s``: every district filled with its res-8 cells, nothing else."""
    units = context.layers["units"]
    start = time.perf_counter()
    cells = hexgrid.cells_in_polygons(
        gpd.GeoSeries(units.geometry.to_numpy(), index=units["unit_id"].to_numpy(), crs=WGS84),
        res=8)
    seconds = time.perf_counter() - start
    yield "footprint_fill_r8_s", f"{seconds:.3f}"
    yield "footprint_fill_r8_cells", len(cells)
    if "grid" in context.seconds:
        yield "ratio_grid_national_r8_vs_fill", f"{context.seconds['grid'] / seconds:.3f}"


def centres_all(context: Context) -> Iterator[tuple[str, object]]:
    """``centres_all_s``: every district and town ranked (see the module's docstring)."""
    from planning.centres.rank import rank_centres
    from planning.centres.settings import centres_settings
    from planning.cli.commands.centres import read_centres_layers

    with open_store(context.store) as store:
        layers = read_centres_layers(store)
    start = time.perf_counter()
    result = rank_centres(layers, centres_settings())
    seconds = time.perf_counter() - start
    yield "centres_all_s", f"{seconds:.3f}"
    yield "centres_candidates", len(result.centres)
    yield "centres_criteria_assessed", int(result.criteria["assessed"].sum())
    yield "ratio_centres_all_vs_10s", f"{seconds / CENTRES_TARGET_S:.3f}"
    yield "ratio_centres_all_vs_build", f"{seconds / context.seconds['build']:.3f}"


def registration_stream(context: Context) -> Iterator[tuple[str, object]]:
    """The ``stream_*`` figures of ``bench/national_stream.py`` for the sizes asked."""
    if not context.stream_sizes:
        return
    run = subprocess.run([sys.executable, str(STREAM_SCRIPT), "--sizes", context.stream_sizes],
                         capture_output=True, text=True, check=False)
    for line in run.stdout.splitlines():
        name, sep, value = line.partition("=")
        if sep:
            yield name, value
    if run.returncode:
        yield "stream_failed", (run.stderr.strip().splitlines() or ["?"])[-1]


#: The measurements, in the order they run; each may use what the earlier ones left in the
#: context (``national_build`` first: it builds the store).
MEASUREMENTS: list[Callable[[Context], Iterator[tuple[str, object]]]] = [
    national_build,
    grid_national_r8_populated,
    footprint_fill_r8,
    centres_all,
    registration_stream,
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stream-sizes", default="1m,10m,50m",
                        help="registration stream sizes, of 1m, 10m, 50m")
    parser.add_argument("--quick", action="store_true", help="the stream at 1M records only")
    parser.add_argument("--no-stream", action="store_true", help="no registration stream")
    args = parser.parse_args()
    sizes = "" if args.no_stream else "1m" if args.quick else args.stream_sizes
    with tempfile.TemporaryDirectory() as tmp:
        context = Context(Path(tmp), stream_sizes=sizes)
        for measure in MEASUREMENTS:
            for name, value in measure(context):
                print(f"{name}={value}", flush=True)


if __name__ == "__main__":
    main()
