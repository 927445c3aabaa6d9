"""Benchmark of the registration stream (issue 16): 1M, 10M and 50M records in memory and on Dask.

For each size a synthetic stream is written into a temporary folder as Parquet, one file a
month over 2020–2024 (``date=YYYY-MM/part-0.parquet``), a month at a time so that the writer's
memory stays flat. Its codes are the country's real ones: the 224 districts of the national
data (``data/national/districts_geokz_2024.geojson``, loaded as ``qonys national`` loads them),
the 20 oblasts and cities of republican significance and the 12 countries of
``data/reference/places.csv``, drawn with the shares of :data:`SHARES` and, within a kind, in
proportion to the population of 1 Jan 2023 (``district_population_2023.csv``, ``places.csv``).
About 0.1 % of the records repeat a record of the month before (a duplicate across partitions,
same ``record_id``), 0.01 % carry an unknown code and 0.01 % a ``flow_kind`` that contradicts
their places. The data are generated, not real.

Each path runs as its own process of the same interpreter, as do the writing of the stream
and of the known places, so that the bench itself stays small. Peaks are each process's own
``VmHWM`` (``/proc/self/status``), not ``ru_maxrss``: on Linux a child's ``ru_maxrss`` starts
at its parent's resident set at the fork, so a child started by a bench that had just written
50M records reported the bench's size, which grows with the stream (see :func:`_peak_mb`).

* ``memory``: :func:`read_registration_stream` with a limit above the estimate (pandas);
  peak = the process's peak. Skipped, with the reason, when the stream's estimate
  (:data:`MEMORY_FACTOR` × size on disk) exceeds 3/4 of the machine's memory.
* ``dask``: the same call with limit 0 on a ``LocalCluster`` of 2 single-threaded worker
  processes; peak = the client process's peak (it also runs the scheduler and the nannies) +
  each worker's (asked of the workers at the end), a sum of peaks, so an upper bound of the
  tree's peak. The cluster's start is not in the time.
* ``baseline``: the imports and the known places, the floor under both.

The results (flows, duplicates, unknown codes, contradictions, counts) of the two paths are
compared frame by frame. Prints ``name=value``: ``stream_<n>_records``, ``stream_<n>_disk_mb``,
``stream_<n>_memory_s``, ``stream_<n>_memory_peak_mb``, ``stream_<n>_dask_s``,
``stream_<n>_dask_peak_mb``, ``stream_<n>_dask_client_peak_mb``,
``stream_<n>_dask_worker_peak_mb`` (the larger worker), ``stream_<n>_memory_factor`` (peak in
memory ÷ size on disk),
``stream_baseline_peak_mb``, ``stream_dask_peak_ratio_<n>_vs_1m`` (flatness: 1 is flat),
``stream_dask_time_ratio_<n>_vs_1m_per_record`` (time ratio ÷ record ratio: 1 is linear),
``stream_results_equal`` and ``stream_<n>_results_equal``.

Run: ``.venv/bin/python bench/national_stream.py [--quick] [--sizes 1m,10m,50m]``.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if sys.path and Path(sys.path[0]).resolve() == ROOT / "bench":  # bench/planning.py
    sys.path.pop(0)
sys.path.insert(0, str(ROOT))

MONTHS = [(y, m) for y in range(2020, 2025) for m in range(1, 13)]
SIZES = {"1m": 1_000_000, "10m": 10_000_000, "50m": 50_000_000}
KNOWN_ENV = "QONYS_BENCH_KNOWN"  # the known places, pickled once by the parent


#: Shares of the records' codes by the kind of place: the 224 districts of the national data,
#: the 20 oblasts and cities of republican significance (a record giving only the region), the
#: 12 countries. Within a kind, by population where the data give it (``pop_2023``; the five
#: districts the BNS bulletin lacks weigh as its median district), countries alike.
SHARES = {"unit": 0.90, "oblast": 0.08, "country": 0.02}


def _units():
    from layers.national import (
        DISTRICTS_FILE,
        POPULATION_FILE,
        district_units,
        read_csv,
        read_districts,
    )

    folder = ROOT / "data" / "national"
    return district_units(read_districts(folder / DISTRICTS_FILE),
                          read_csv(folder / POPULATION_FILE, numbers=("pop_2023",)))


def _known(units=None):
    from planning.population.places import known_places

    return known_places(_units() if units is None else units)


def code_weights(known, units):
    """Each known code's probability of being a record's origin or destination (SHARES)."""
    import numpy as np
    import pandas as pd

    from planning.population.places import read_places

    people = units.set_index("unit_id")["pop_registered"]
    people = people.fillna(people.median())
    places = read_places()
    people = pd.concat([people, places.set_index("code")["pop_2023"]])
    people = people[~people.index.duplicated()]
    table = known.table
    weight = np.zeros(len(table))
    for kind, share in SHARES.items():
        members = (table["kind"] == kind).to_numpy()
        mass = people.reindex(table.index[members]).fillna(1.0).to_numpy(float)
        weight[members] = share * mass / mass.sum()
    return weight


def write_stream(folder: Path, records: int, seed: int = 16) -> None:
    """The synthetic stream, a month at a time (see the module's docstring)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    units = _units()
    known = _known(units)
    codes = np.array(known.table.index.tolist(), object)
    weight = code_weights(known, units)
    rng = np.random.default_rng(seed)
    per_month = records // len(MONTHS)
    previous = None
    for i, (year, month) in enumerate(MONTHS):
        n = per_month + (records - per_month * len(MONTHS) if i == len(MONTHS) - 1 else 0)
        start = i * per_month
        days = np.array([f"{year}-{month:02d}-{d:02d}" for d in range(1, 29)], object)
        origin = codes[rng.choice(len(codes), n, p=weight)]
        dest = codes[rng.choice(len(codes), n, p=weight)]
        ids = np.char.add("r", np.arange(start, start + n).astype(str)).astype(object)
        date = days[rng.integers(0, 28, n)]
        kind = np.full(n, None, object)
        odd = rng.random(n)
        origin[odd < 1e-4] = "999999999"  # an unknown code
        kind[(odd >= 1e-4) & (odd < 2e-4)] = "external"  # contradicts where both are ours
        table = {"record_id": ids, "date": date, "origin_id": origin, "dest_id": dest,
                 "flow_kind": kind}
        if previous is not None:  # repeat 0.1 % of last month's records, same id and values
            k = min(n // 1000, len(previous["record_id"]))
            for column in table:
                table[column][:k] = previous[column][:k]
        previous = {c: v[: n // 1000 + 1].copy() for c, v in table.items()}
        path = folder / f"date={year}-{month:02d}" / "part-0.parquet"
        path.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(pa.table({c: pa.array(v, pa.string()) for c, v in table.items()}), path,
                       row_group_size=250_000)


def _peak_mb() -> float:
    """This process's own peak resident set, MB: ``VmHWM`` of ``/proc/self/status``.

    Not ``ru_maxrss``: on Linux a child's ``ru_maxrss`` starts at its parent's resident set at
    the fork (kept across exec), so every process of the tree (path, nanny, worker) reported
    at least the bench's own size after writing the stream, which grows with the stream's
    months. ``ru_maxrss`` only where ``/proc`` is absent.
    """
    import resource as res

    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return res.getrusage(res.RUSAGE_SELF).ru_maxrss / 1024.0


def run_one(mode: str, folder: Path, out: Path) -> None:
    """In a child process: one path over ``folder``; seconds and peak to stdout as JSON."""
    given = os.environ.get(KNOWN_ENV)
    known = pickle.loads(Path(given).read_bytes()) if given else _known()
    from planning.population.registration_stream import read_registration_stream

    if mode == "baseline":
        print(json.dumps({"seconds": 0.0, "peak_mb": _peak_mb()}))
        return
    if mode == "memory":
        start = time.perf_counter()
        result = read_registration_stream(folder, known=known, memory_limit_bytes=10**15)
        seconds, peak = time.perf_counter() - start, _peak_mb()
    else:
        from distributed import Client, LocalCluster

        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                          dashboard_address=None) as cluster, Client(cluster) as client:
            start = time.perf_counter()
            result = read_registration_stream(folder, known=known, memory_limit_bytes=0,
                                              scheduler=client)
            seconds = time.perf_counter() - start
            workers = client.run(_peak_mb)
        peak = _peak_mb() + sum(workers.values())
        split = {"client_mb": _peak_mb(), "worker_mb": max(workers.values())}
    assert result.path_taken == mode
    check = result.check
    out.write_bytes(pickle.dumps({name: getattr(check, name) for name in (
        "flows", "duplicates", "unknown", "conflicts", "records", "used")}))
    print(json.dumps({"seconds": seconds, "peak_mb": peak, **(split if mode == "dask" else {})}))


def _child(mode: str, folder: Path, out: Path) -> dict:
    done = subprocess.run([sys.executable, __file__, "--run", mode, str(folder), str(out)],
                          capture_output=True, text=True, check=False,
                          env={**os.environ, "PYTHONWARNINGS": "ignore",
                               KNOWN_ENV: str(out.parent / "known.pickle")})
    if done.returncode:
        return {"failed": (done.stderr.strip().splitlines() or ["?"])[-1]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def _equal(a: Path, b: Path) -> bool:
    import pandas as pd

    left, right = pickle.loads(a.read_bytes()), pickle.loads(b.read_bytes())
    try:
        for name in ("flows", "duplicates", "unknown", "conflicts"):
            pd.testing.assert_frame_equal(left[name], right[name], check_dtype=False)
    except AssertionError:
        return False
    return (left["records"], left["used"]) == (right["records"], right["used"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1M records only")
    parser.add_argument("--sizes", default="1m,10m,50m", help="of 1m, 10m, 50m")
    parser.add_argument("--run", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run and args.run[0] in ("write", "known"):  # children: the bench itself stays small
        if args.run[0] == "write":
            write_stream(Path(args.run[1]), int(args.run[2]))
        else:
            Path(args.run[2]).write_bytes(pickle.dumps(_known()))
        return
    if args.run:
        run_one(args.run[0], Path(args.run[1]), Path(args.run[2]))
        return
    import psutil

    from planning.population.registration_stream import MEMORY_FACTOR

    sizes = ["1m"] if args.quick else args.sizes.split(",")
    work = Path(tempfile.mkdtemp(prefix="qonys-stream-"))
    measured, equal = {}, []
    try:
        subprocess.run([sys.executable, __file__, "--run", "known", str(work),
                        str(work / "known.pickle")], check=True)
        base = _child("baseline", work, work / "none")
        print(f"stream_baseline_peak_mb={base.get('peak_mb', float('nan')):.0f}", flush=True)
        for size in sizes:
            n, folder = SIZES[size], work / size
            start = time.perf_counter()
            subprocess.run([sys.executable, __file__, "--run", "write", str(folder), str(n)],
                           check=True)
            disk = sum(p.stat().st_size for p in folder.rglob("*.parquet"))
            print(f"stream_{size}_records={n}\nstream_{size}_disk_mb={disk / 2**20:.1f}\n"
                  f"stream_{size}_write_s={time.perf_counter() - start:.1f}", flush=True)
            estimate = disk * MEMORY_FACTOR["parquet"]
            if estimate > 0.75 * psutil.virtual_memory().total:
                print(f"stream_{size}_memory_s=skipped: estimate {estimate / 2**30:.1f} GiB "
                      f"> 3/4 of {psutil.virtual_memory().total / 2**30:.0f} GiB", flush=True)
                paths = ["dask"]
            else:
                paths = ["memory", "dask"]
            for mode in paths:
                got = _child(mode, folder, work / f"{size}_{mode}.pickle")
                measured[(size, mode)] = got
                if "failed" in got:
                    print(f"stream_{size}_{mode}_s=failed: {got['failed']}", flush=True)
                    continue
                print(f"stream_{size}_{mode}_s={got['seconds']:.1f}\n"
                      f"stream_{size}_{mode}_peak_mb={got['peak_mb']:.0f}", flush=True)
                if mode == "memory":
                    print(f"stream_{size}_memory_factor={got['peak_mb'] * 2**20 / disk:.1f}")
                else:
                    print(f"stream_{size}_dask_client_peak_mb={got['client_mb']:.0f}\n"
                          f"stream_{size}_dask_worker_peak_mb={got['worker_mb']:.0f}")
            if len(paths) == 2 and all("failed" not in measured[(size, m)] for m in paths):
                same = _equal(work / f"{size}_memory.pickle", work / f"{size}_dask.pickle")
                equal.append(same)
                print(f"stream_{size}_results_equal={same}", flush=True)
            shutil.rmtree(folder)
        one = measured.get(("1m", "dask"), {})
        for size in sizes:
            got = measured.get((size, "dask"), {})
            if size == "1m" or "peak_mb" not in got or "peak_mb" not in one:
                continue
            ratio = SIZES[size] / SIZES["1m"]
            print(f"stream_dask_peak_ratio_{size}_vs_1m={got['peak_mb'] / one['peak_mb']:.2f}")
            print(f"stream_dask_time_ratio_{size}_vs_1m_per_record="
                  f"{got['seconds'] / one['seconds'] / ratio:.2f}")
        print(f"stream_results_equal={bool(equal) and all(equal)}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
