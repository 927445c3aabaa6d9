"""The Dask path of the registration stream: two passes over the partitions, small results.

:func:`on_dask` is what :func:`planning.population.registration_stream.read_registration_stream`
calls when the stream is larger than the memory limit (the passes are described there). Dask
is imported here only, when this path is taken (``pip install 'qonys[dask]'``).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from functools import reduce
from pathlib import Path

import numpy as np
import pandas as pd

from geo.errors import missing_dependency
from geo.i18n import _
from planning.population.flow_problems import duplicate_rows, raise_all
from planning.population.flows import FlowCheck, _checked
from planning.population.places import KnownPlaces
from planning.population.stream_parts import Piece, _chunks, _ordered, _prepare, _sizes

_KEYS = ["origin_id", "dest_id", "year", "flow_kind"]
SCHEDULER_ENV = "QONYS_DASK_SCHEDULER"


def _first_pass(piece: Piece, buckets: int, spill: str | None, index: int):
    rows, found, hashes = 0, [], []
    for raw in _chunks(piece):
        frame, problems = _prepare(raw, piece)
        rows, found = rows + len(raw), found + problems
        hashes.append(pd.util.hash_array(frame["key"].to_numpy(object)))
        del raw, frame  # before the next chunk is read
    hashes = np.concatenate(hashes)
    which = hashes % np.uint64(buckets)
    parts = [hashes[which == b] for b in range(buckets)]
    if spill is None:
        return rows, found, parts
    for bucket, part in enumerate(parts):
        np.save(Path(spill) / f"{bucket}-{index}.npy", part)
    return rows, found, [None] * buckets


def _repeated(*parts: np.ndarray | None, spill: str | None = None,
              bucket: int = 0) -> np.ndarray:
    if spill is not None:
        files = sorted(Path(spill).glob(f"{bucket}-*.npy"))
        parts = tuple(np.load(f) for f in files)
        for f in files:
            f.unlink()
    values, counts = np.unique(np.concatenate(parts), return_counts=True)
    return values[counts > 1]


def _second_pass(piece: Piece, offset: int, repeated: np.ndarray, known: KnownPlaces):
    parts = []
    for raw in _chunks(piece):
        frame, _found = _prepare(raw, piece, offset)
        again = np.isin(pd.util.hash_array(frame["key"].to_numpy(object)), repeated)
        kept, unknown, conflicts = _checked(frame[~again], frame["row"].to_numpy()[~again],
                                            known)
        parts.append((kept.groupby(_KEYS).size(), _unknown(unknown), conflicts, frame[again],
                      len(kept)))
        del raw, frame, kept  # before the next chunk is read
    return _combine(*parts)


def _unknown(table: pd.DataFrame) -> dict:
    return {(u.column, u.code): (u.count, u.rows) for u in table.itertuples()}


def _combine(*parts):
    def merge(a, b):
        unknown = dict(a[1])
        for key, (count, rows) in b[1].items():
            had = unknown.get(key, (0, ()))
            unknown[key] = (had[0] + count, tuple(sorted(had[1] + rows))[:5])
        return (a[0].add(b[0], fill_value=0), unknown, pd.concat([a[2], b[2]]),
                pd.concat([a[3], b[3]]), a[4] + b[4])
    return reduce(merge, parts)


def on_dask(pieces: list[Piece], known: KnownPlaces, layer: str, scheduler: object):
    """The stream's :class:`FlowCheck` in two passes on Dask, its files, the scheduler's name.

    ``scheduler`` as :func:`~planning.population.registration_stream.read_registration_stream`
    takes it.
    """
    try:
        import dask
    except ImportError as exc:
        raise missing_dependency("dask", extra="dask", purpose=_(
            "reading a registration stream larger than the memory limit")) from exc
    buckets = max(1, min(64, len(pieces)))
    with _scheduler(scheduler) as (run, label), _spill_folder(scheduler) as spill:
        first = [dask.delayed(_first_pass, nout=3)(p, buckets, spill, i)
                 for i, p in enumerate(pieces)]
        repeated = [dask.delayed(_repeated)(*[f[2][b] for f in first], spill=spill, bucket=b)
                    for b in range(buckets)]
        heads = [(f[0], f[1]) for f in first]
        heads, repeated = run(heads, repeated)
        names = list(dict.fromkeys(p.name for p in pieces))
        raise_all(_ordered([p for _n, found in heads for p in found], names), layer)
        lengths = [n for n, _found in heads]
        offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(int).tolist()
        seen = np.unique(np.concatenate(repeated)) if repeated else np.zeros(0, np.uint64)
        seen_d = dask.delayed(seen, pure=True)
        parts = [dask.delayed(_second_pass)(p, o, seen_d, known)
                 for p, o in zip(pieces, offsets, strict=True)]
        while len(parts) > 1:
            parts = [dask.delayed(_combine)(*parts[i:i + 8]) for i in range(0, len(parts), 8)]
        (total,) = run(parts[0])
    check = _resolve(total, known, layer, sum(lengths))
    return check, _sizes(pieces, lengths), label


def _resolve(total, known: KnownPlaces, layer: str, records: int) -> FlowCheck:
    counts, unknown, conflicts, again, used = total
    again = again.sort_values("row", kind="stable").reset_index(drop=True)
    details = again[["date", "origin_id", "dest_id"]]
    if "record_id" in again.columns:
        details = details.assign(record_id=again["record_id"].to_numpy())
    duplicates, first = duplicate_rows(pd.Series(again["key"].to_numpy(object)),
                                       again["row"].to_numpy(int), details)
    kept, more_unknown, more_conflicts = _checked(again[first].drop(columns="row"),
                                                  again["row"].to_numpy(int)[first], known)
    total = _combine((counts, unknown, conflicts, again.iloc[:0], used),
                     (kept.groupby(_KEYS).size(), _unknown(more_unknown), more_conflicts,
                      again.iloc[:0], len(kept)))
    counts, unknown, conflicts, _none, used = total
    flows = counts.rename("persons").astype(float).sort_index().reset_index()
    flows["year"] = flows["year"].astype(kept["year"].dtype)
    flows["source"] = f"{layer}: registration records counted per year"
    order = sorted(unknown, key=lambda k: (k[0] != "origin_id", k[1]))
    unknown = pd.DataFrame([{"code": c, "column": col, "count": int(unknown[(col, c)][0]),
                             "rows": tuple(int(r) for r in unknown[(col, c)][1])}
                            for col, c in order], columns=["code", "column", "count", "rows"])
    conflicts = conflicts.sort_values("row", kind="stable").reset_index(drop=True)
    return FlowCheck(layer, flows, duplicates, unknown, conflicts, records, int(used))


#: A folder that every worker can write for the first pass's hashes (``QONYS_DASK_SPILL_DIR``):
#: without it they go to the client's temporary folder on a local cluster, and stay in the
#: workers' memory on a remote one, whose disks the client cannot know.
SPILL_ENV = "QONYS_DASK_SPILL_DIR"
_LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]")


def _given(scheduler: object) -> object:
    """The scheduler asked for: the argument, else ``$QONYS_DASK_SCHEDULER``, else ``None``."""
    return scheduler if scheduler is not None else os.environ.get(SCHEDULER_ENV) or None


@contextmanager
def _spill_folder(scheduler: object):
    """A temporary folder for the hashes of the first pass, removed afterwards, or ``None``.

    Exact duplicates across partitions need every record's hash until the last partition is
    read; held in memory they made the peak grow with the record count (22 bytes a record),
    written to disk a bucket at a time it stays flat.
    """
    given = _given(scheduler)
    shared = os.environ.get(SPILL_ENV)
    address = getattr(getattr(given, "scheduler", None), "address", given)
    local = given is None or given in ("synchronous", "threads", "processes") or (
        isinstance(address, str) and (address.startswith("inproc://")
                                      or any(f"//{h}:" in address for h in _LOCAL_HOSTS)))
    if not (shared or local):
        yield None
        return
    folder = tempfile.mkdtemp(prefix="qonys-stream-hashes-", dir=shared or None)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


class _scheduler:
    """``with _scheduler(given) as (run, label)``: ``run(*collections)`` computes them."""

    def __init__(self, given: object) -> None:
        self.given = _given(given)
        self.client = self.cluster = None

    def __enter__(self):
        import dask

        given = self.given
        if given in ("synchronous", "threads", "processes"):
            return (lambda *c: dask.compute(*c, scheduler=given)), given
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise missing_dependency("distributed", extra="dask", purpose=_(
                "a Dask cluster (a scheduler address or a LocalCluster)")) from exc
        if isinstance(given, Client):
            self.client = given
            return self._run, f"Client {given.scheduler.address}"
        if given is None:
            workers = max(1, min(os.cpu_count() or 1, 4))
            self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                        dashboard_address=None)
            given = self.cluster
        self.client = Client(given)
        label = (f"LocalCluster, {len(self.cluster.workers)} workers" if self.cluster
                 else str(given))
        return self._run, label

    def _run(self, *collections):
        import dask

        return dask.compute(*collections, scheduler=self.client)

    def __exit__(self, *exc) -> None:
        if self.client is not None and self.client is not self.given:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()

