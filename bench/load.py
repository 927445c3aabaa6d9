"""Benchmark of ``qonys load``: loading speed against plain writes of the same data.

One run generates 1,000,000 points (kind ``population_grid``) and 100,000 small hexagons (kind
``units``, names in Russian and Kazakh) around Almaty, Astana and Shymkent in EPSG:4326 with a
fixed seed, and writes each once to a source GeoPackage (not timed). Then, for each dataset and
each target (a GeoPackage; PostGIS at ``$QONYS_TEST_POSTGIS_URL`` if set and reachable), it
times, best of ``--repeat``:

* ``baseline``: ``pyogrio.read_dataframe`` of the source + ``pyogrio.write_dataframe`` to a new
  ``.gpkg``, or ``GeoDataFrame.to_postgis(..., if_exists="replace")`` (SQLAlchemy + psycopg);
* ``qonys``: :func:`layers.load.load` into a fresh workspace (validation, repair, provenance,
  styles, atomic write);
* ``qonys ... existing``: the same into a workspace that already holds the other dataset, so the
  atomic copy of an existing GeoPackage (or the bigger PostGIS transaction) is counted.

Prints one ``name=value`` a line: ``<variant>_<dataset>_<target>_s`` seconds,
``ratio_<dataset>_<target>[_existing]`` = qonys / baseline (the target is at most
``target_ratio``), ``peak_rss_mb``. PostGIS work goes to fresh schemas ``bench_<random>[_n]``,
dropped at the end; ``postgis=skipped`` says why when there is no server.

Run: ``.venv/bin/python bench/load.py [--scale 0.1] [--repeat 3] [--profile]``; ``make bench``
runs ``bench/demo.py`` and then this (``make bench BENCH_ARGS="--scale 0.1"`` for a quick run).
``--profile`` also prints, on stderr, the cProfile of one qonys load per case (sorted by
cumulative time); its timings then include the profiler's overhead.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import resource
import secrets
import sys
import tempfile
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyogrio
import shapely

# bench/planning.py shares its name with the planning package: run as a script, this folder
# comes first on sys.path and must be taken off it before the project's packages are imported.
sys.path[:] = [entry for entry in sys.path
               if Path(entry or ".").resolve() != Path(__file__).resolve().parent]

from layers.load import load  # noqa: E402
from layers.store import open_store  # noqa: E402

TARGET_RATIO = 1.5
SEED = 20240601
POINTS, POLYGONS = 1_000_000, 100_000
# Centres of the three agglomerations (lon, lat): every feature lies within 0.3° of one.
CITIES = np.array([(76.95, 43.25), (71.45, 51.17), (69.60, 42.32)])
KIND = {"points": "population_grid", "polygons": "units"}
PREFIXES = ["Ауыл", "Шағын аудан", "Мөлтек аудан", "Село", "Микрорайон"]
ROOTS = ["Қызылжар", "Әуезов", "Ұлытау", "Көктөбе", "Іле", "Үшқоңыр", "Ақсай", "Жетісу",
         "Өркен", "Шұғыла", "Ханкелді", "Берёзовка"]


def make_points(n: int, rng: np.random.Generator) -> gpd.GeoDataFrame:
    centres = CITIES[rng.integers(0, len(CITIES), n)]
    xy = centres + rng.uniform(-0.3, 0.3, (n, 2))
    return gpd.GeoDataFrame(
        {"point_id": [f"p{i:07d}" for i in range(n)],
         "persons": np.round(rng.gamma(2.0, 40.0, n), 1)},
        geometry=shapely.points(xy), crs="EPSG:4326")


def make_hexagons(n: int, rng: np.random.Generator) -> gpd.GeoDataFrame:
    side = int(np.ceil(np.sqrt(n / len(CITIES))))
    step = 0.5 / side  # a square of 0.5° per city; hexagons of radius 0.4 step never overlap
    grid = np.stack(np.meshgrid(np.arange(side), np.arange(side)), -1).reshape(-1, 2)
    centres = np.concatenate([c - 0.25 + grid * step for c in CITIES])[:n]
    angles = np.linspace(0, 2 * np.pi, 7)  # the 7th vertex closes the ring
    ring = 0.4 * step * np.stack([np.cos(angles), np.sin(angles)], -1)
    names = [f"{PREFIXES[i % len(PREFIXES)]} {ROOTS[i % len(ROOTS)]}-{i}" for i in range(n)]
    return gpd.GeoDataFrame(
        {"unit_id": [f"u{i:06d}" for i in range(n)], "name_ru": names,
         "pop_registered": np.round(rng.uniform(0, 50_000, n))},
        geometry=shapely.polygons(centres[:, None, :] + ring), crs="EPSG:4326")


class PostGIS:
    """The PostGIS target: an engine, the run's schemas, and clean-up."""

    def __init__(self, url: str) -> None:
        import sqlalchemy as sa

        self.sa, self.url = sa, url
        driver = url.replace("postgresql://", "postgresql+psycopg://", 1)
        self.engine = sa.create_engine(driver)
        self.token = f"bench_{secrets.token_hex(4)}"
        self.schemas: list[str] = []
        with self.engine.connect() as conn:
            conn.execute(sa.text("SELECT postgis_version()"))

    def schema(self) -> str:
        """A new schema name of this run (created by whoever writes first)."""
        name = f"{self.token}_{len(self.schemas)}"
        self.schemas.append(name)
        return name

    def store_url(self, schema: str) -> str:
        return f"{self.url}{'&' if '?' in self.url else '?'}schema={schema}"

    def execute(self, sql: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(self.sa.text(sql))

    def drop_all(self) -> None:
        for name in self.schemas:
            self.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')
        with self.engine.begin() as conn:  # the style rows qonys wrote for these schemas
            found = conn.execute(self.sa.text("SELECT to_regclass('layer_styles')")).scalar()
            if found is not None:
                conn.execute(self.sa.text("DELETE FROM layer_styles WHERE f_table_schema "
                                          "LIKE :prefix"), {"prefix": f"{self.token}%"})
        self.engine.dispose()


def connect_postgis() -> PostGIS | None:
    url = os.environ.get("QONYS_TEST_POSTGIS_URL")
    if not url:
        print("postgis=skipped (QONYS_TEST_POSTGIS_URL is not set)")
        return None
    try:
        return PostGIS(url)
    except Exception as exc:  # any reason the server cannot be used: say it and go on
        print(f"postgis=skipped ({' '.join(str(exc).split())[:200]})")
        return None


def timed(action, *args) -> float:
    start = time.perf_counter()
    action(*args)
    return time.perf_counter() - start


def qonys_load(source: Path, target: str, kind: str, profile: bool, label: str) -> None:
    with open_store(target) as store:
        if not profile:
            load(source, store=store, kind=kind)
            return
        profiler = cProfile.Profile()
        profiler.runcall(load, source, store=store, kind=kind)
        print(f"\n===== profile {label} =====", file=sys.stderr)
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(30)


def plain_gpkg(source: Path, target: Path) -> None:
    pyogrio.write_dataframe(pyogrio.read_dataframe(source), target)


def plain_postgis(source: Path, postgis: PostGIS, schema: str, name: str) -> None:
    frame = pyogrio.read_dataframe(source)
    frame.to_postgis(name, postgis.engine, schema=schema, if_exists="replace")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of 1M/100k features")
    parser.add_argument("--repeat", type=int, default=3, help="best of this many runs")
    parser.add_argument("--profile", action="store_true", help="cProfile each qonys case once")
    args = parser.parse_args()
    rng = np.random.default_rng(SEED)
    data = {"points": make_points(int(POINTS * args.scale), rng),
            "polygons": make_hexagons(int(POLYGONS * args.scale), rng)}
    postgis = connect_postgis()
    times: dict[str, list[float]] = {}
    try:
        with tempfile.TemporaryDirectory(prefix="qonys-bench-") as tmp:
            run(Path(tmp), data, postgis, args, times)
    finally:
        if postgis is not None:
            postgis.drop_all()
    for dataset in KIND:
        for target in ("gpkg", "postgis"):
            case = f"{dataset}_{target}"
            best = {key: min(times[key]) for key in (f"baseline_{case}", f"qonys_{case}",
                                                     f"qonys_{case}_existing") if key in times}
            for key, seconds in best.items():
                print(f"{key}_s={seconds:.3f}")
            for variant in ("", "_existing"):
                if f"baseline_{case}" in best and f"qonys_{case}{variant}" in best:
                    ratio = best[f"qonys_{case}{variant}"] / best[f"baseline_{case}"]
                    print(f"ratio_{case}{variant}={ratio:.3f}")
    print(f"target_ratio={TARGET_RATIO}")
    print(f"peak_rss_mb={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")


def run(tmp: Path, data: dict[str, gpd.GeoDataFrame], postgis: PostGIS | None,
        args: argparse.Namespace, times: dict[str, list[float]]) -> None:
    sources = {}
    for dataset, frame in data.items():
        sources[dataset] = tmp / f"source_{dataset}.gpkg"
        pyogrio.write_dataframe(frame, sources[dataset], layer=KIND[dataset])
        print(f"{dataset}_n={len(frame)}")
    data.clear()  # the sources hold them now; keep the frames out of the peak RSS
    repeat = 1 if args.profile else max(1, args.repeat)
    # A fresh qonys load leaves a workspace holding its dataset; the "existing" variant of the
    # other dataset loads into it, so no extra (untimed) fill is needed.
    filled: dict[tuple[str, str], list[str]] = {}

    def note(key: str, seconds: float) -> None:
        times.setdefault(key, []).append(seconds)

    for n in range(repeat):
        for dataset, source in sources.items():
            kind = KIND[dataset]
            key = f"{dataset}_gpkg"
            note(f"baseline_{key}", timed(plain_gpkg, source, tmp / f"plain_{key}_{n}.gpkg"))
            (tmp / f"plain_{key}_{n}.gpkg").unlink()
            workspace = str(tmp / f"ws_{key}_{n}.gpkg")
            note(f"qonys_{key}", timed(qonys_load, source, workspace, kind, args.profile,
                                       f"{key} fresh"))
            filled.setdefault(("gpkg", dataset), []).append(workspace)
            if postgis is None:
                continue
            key = f"{dataset}_postgis"
            schema = postgis.schema()
            postgis.execute(f'CREATE SCHEMA "{schema}"')
            note(f"baseline_{key}", timed(plain_postgis, source, postgis, schema, kind))
            workspace = postgis.store_url(postgis.schema())
            note(f"qonys_{key}", timed(qonys_load, source, workspace, kind, args.profile,
                                       f"{key} fresh"))
            filled.setdefault(("postgis", dataset), []).append(workspace)
    other = {"points": "polygons", "polygons": "points"}
    for n in range(repeat):
        for dataset, source in sources.items():
            for target in ("gpkg", "postgis"):
                if (target, other[dataset]) not in filled:
                    continue
                key = f"{dataset}_{target}"
                workspace = filled[(target, other[dataset])][n]
                note(f"qonys_{key}_existing", timed(qonys_load, source, workspace, KIND[dataset],
                                                    args.profile, f"{key} existing"))
                if target == "gpkg":  # free the disk: two datasets per file from here on
                    Path(workspace).unlink()


if __name__ == "__main__":
    main()
