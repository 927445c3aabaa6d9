"""The registration stream: registration records in Parquet or CSV files, in memory or on Dask.

A stream is one file or a folder of files (``*.parquet`` or ``*.csv``, one kind per stream),
for example partitioned by date: ``date=2024-01/part-0.parquet`` or ``2024-01.csv``. The files
are read in the order of their paths and their rows are numbered across the stream from 1;
``duplicates`` and ``conflicts`` also say the ``file`` and the ``file_row``. Folder names are
not read as columns: every file carries ``date``, ``origin_id``, ``dest_id`` (and optionally
``record_id``, ``flow_kind`` and other columns), all files the same columns.

When the stream's estimated size in memory (its size on disk × :data:`MEMORY_FACTOR`) is within
``memory_limit_bytes`` the files are read into one frame and counted by
:func:`planning.population.flows.flows_from_registrations`; otherwise through Dask, one
partition at a time (a Parquet file's row groups, at least
:data:`~planning.population.stream_parts.ROWS_PER_PIECE` rows, or one CSV file), in two passes:

1. each partition's problems (unreadable dates, empty codes, unknown flow kinds) and a 64-bit
   hash of each record's identity (its ``record_id``, else all its values); the hashes are
   bucketed by value and each bucket keeps the hashes seen twice or more. Duplicates across
   partitions meet in their bucket; a record whose hash is seen once is no duplicate.
2. each partition's records with a unique hash are checked (unknown codes, contradictions) and
   counted per origin, destination, year and kind; the records with a repeated hash (few) come
   back whole and are resolved as the in-memory path does. Partial results are summed in a tree.

Within a partition, each pass puts :data:`~planning.population.stream_parts.ROWS_PER_CHUNK`
rows at a time into pandas (a Parquet piece is decoded once into Arrow and sliced, a CSV file is
read in chunks). Only counts, problems and the few repeated records reach the caller, so the
memory a worker needs is that of one chunk, whatever the number of records or the size of the
files' row groups. The two paths give equal
results (``tests/test_registration_stream.py``).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd

from geo.i18n import _
from planning.population.flow_problems import (
    FlowDataError,
    raise_all,
)
from planning.population.flows import (
    FlowCheck,
    flows_from_registrations,
)
from planning.population.places import KnownPlaces
from planning.population.stream_parts import (
    SUFFIXES,
    Piece,
    _ordered,
    _read,
    _sizes,
    pieces_of,
    stream_files,
)

#: Bytes in memory per byte on disk, measured by ``bench/national_stream.py`` on the pandas
#: path (object columns, normalised copies and keys): 1M records, 8.5 MB of Parquet or 40 MB of
#: CSV, peaked at 762 MB and 683 MB.
MEMORY_FACTOR = {"parquet": 90.0, "csv": 20.0}
_UNITS = {"": 1, "b": 1, "kb": 10**3, "mb": 10**6, "gb": 10**9, "tb": 10**12,
          "kib": 2**10, "mib": 2**20, "gib": 2**30, "tib": 2**40}


@dataclass(frozen=True)
class StreamCheck:
    """A stream's :class:`FlowCheck` and how it was read.

    Attributes
    ----------
    check
        As :func:`flows_from_registrations` returns, rows numbered across the stream, with
        ``file`` and ``file_row`` in ``duplicates`` and ``conflicts``.
    path_taken
        ``memory`` or ``dask``.
    estimate_bytes, memory_limit_bytes
        The estimate of the stream in memory, and the limit it was held against.
    files
        ``file``, ``first_row`` (in the stream), ``rows``.
    scheduler
        The Dask scheduler used (None in memory).
    """

    check: FlowCheck
    path_taken: str
    estimate_bytes: int
    memory_limit_bytes: int
    files: pd.DataFrame
    scheduler: str | None = None

    def summary(self, lang: str | None = None) -> str:
        """The check's summary and a line saying how the stream was read."""
        sizes = {"estimate": f"{self.estimate_bytes / 1e9:.2f}",
                 "limit": f"{self.memory_limit_bytes / 1e9:.2f}", "files": len(self.files)}
        if self.path_taken == "dask":
            how = _("Stream of {files} file(s) read through Dask ({scheduler}): about {estimate} "
                    "GB in memory, over the limit of {limit} GB.", lang=lang,
                    scheduler=self.scheduler, **sizes)
        else:
            how = _("Stream of {files} file(s) read in memory: about {estimate} GB, within the "
                    "limit of {limit} GB.", lang=lang, **sizes)
        return how + "\n" + self.check.summary(lang)


def parse_size(text: str | int) -> int:
    """Bytes in ``2GB``, ``500 MB``, ``1.5GiB`` or a number of bytes (kB…TB are powers of
    1000, KiB…TiB of 1024).

    >>> parse_size("2GB"), parse_size("1 GiB")
    (2000000000, 1073741824)
    """
    if isinstance(text, int | np.integer):
        return int(text)
    found = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*", str(text))
    if not found or found.group(2).lower() not in _UNITS:
        raise FlowDataError(_("The memory limit '{value}' cannot be read: write it as 2GB, "
                              "500MB or 1.5GiB.", value=text))
    return int(float(found.group(1)) * _UNITS[found.group(2).lower()])


def default_memory_limit() -> int:
    """Half of the machine's memory (the rest for the model, the store and the system)."""
    try:
        import psutil

        return int(psutil.virtual_memory().total // 2)
    except ImportError:
        return int(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // 2)


def read_registration_stream(path: str | Path, *, known: KnownPlaces,
                             memory_limit_bytes: int | None = None,
                             scheduler: object = None) -> StreamCheck:
    """Count a registration stream into flows, in memory or through Dask by its size.

    Parameters
    ----------
    path
        A Parquet or CSV file, or a folder of them (read recursively, in path order).
    known
        The places codes may name.
    memory_limit_bytes
        Read through Dask when the estimate is above it; default :func:`default_memory_limit`.
        0 always takes Dask.
    scheduler
        For the Dask path: a ``distributed.Client``, a scheduler address (``tcp://host:8786``),
        ``"synchronous"``, ``"threads"`` or ``"processes"``; default ``$QONYS_DASK_SCHEDULER``,
        else a ``LocalCluster`` of one single-threaded worker process per core.

    Raises
    ------
    FlowDataError
        Files that cannot be read, missing columns, partitions whose columns differ,
        unreadable dates, empty codes or unknown flow kinds: all at once, naming file,
        column, rows and value. Nothing is counted then.
    """
    root = Path(path)
    files = stream_files(root)
    kind = SUFFIXES[files[0].suffix.lower()]
    limit = default_memory_limit() if memory_limit_bytes is None else int(memory_limit_bytes)
    estimate = int(sum(f.stat().st_size for f in files) * MEMORY_FACTOR[kind])
    pieces = pieces_of(files, root, kind)
    layer = root.name or str(root)
    if estimate <= limit:
        check, sizes = _in_memory(pieces, known, layer)
        return StreamCheck(_located(check, sizes), "memory", estimate, limit, sizes)
    from planning.population.stream_dask import on_dask

    check, sizes, used = on_dask(pieces, known, layer, scheduler)
    return StreamCheck(_located(check, sizes), "dask", estimate, limit, sizes, used)


def _in_memory(pieces: list[Piece], known: KnownPlaces, layer: str):
    raws = [_read(piece) for piece in pieces]
    sizes = _sizes(pieces, [len(r) for r in raws])
    records = pd.concat(raws) if len(raws) > 1 else raws[0]
    records.index = pd.RangeIndex(1, len(records) + 1, name="source_row")
    del raws
    try:
        return flows_from_registrations(records, known=known, layer=layer), sizes
    except FlowDataError as error:  # the rows of the stream, said by file
        starts, names = sizes["first_row"].to_numpy(), sizes["file"].tolist()
        found = []
        for problem in error.problems:
            rows = np.asarray(problem.rows, int)
            at = np.searchsorted(starts, rows, side="right") - 1
            for i in np.unique(at):
                local = tuple(int(r) for r in rows[at == i] - starts[i] + 1)
                found.append(replace(problem, layer=names[i], rows=local))
        raise_all(_ordered(found, names), layer)
        raise


def _located(check: FlowCheck, sizes: pd.DataFrame) -> FlowCheck:
    def locate(frame: pd.DataFrame) -> pd.DataFrame:
        at = np.searchsorted(sizes["first_row"].to_numpy(), frame["row"].to_numpy(int),
                             side="right") - 1
        return frame.assign(file=sizes["file"].to_numpy()[at],
                            file_row=frame["row"].to_numpy(int)
                            - sizes["first_row"].to_numpy()[at] + 1)
    return replace(check, duplicates=locate(check.duplicates), conflicts=locate(check.conflicts))
