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
partition at a time (a Parquet row-group batch of at least :data:`ROWS_PER_PIECE` rows, or one CSV
file), in two passes:

1. each partition's problems (unreadable dates, empty codes, unknown flow kinds) and a 64-bit
   hash of each record's identity (its ``record_id``, else all its values); the hashes are
   bucketed by value and each bucket keeps the hashes seen twice or more. Duplicates across
   partitions meet in their bucket; a record whose hash is seen once is no duplicate.
2. each partition's records with a unique hash are checked (unknown codes, contradictions) and
   counted per origin, destination, year and kind; the records with a repeated hash (few) come
   back whole and are resolved as the in-memory path does. Partial results are summed in a tree.

Only counts, problems and the few repeated records reach the caller, so the memory a worker
needs is that of one partition, whatever the number of records. The two paths give equal
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
from layers.validate import Problem
from planning.population.flow_problems import (
    FlowDataError,
    code_problems,
    given_kinds,
    kind_problems,
    normalise_codes,
    parse_dates,
    raise_all,
    value_problems,
)
from planning.population.flows import (
    FlowCheck,
    _record_keys,
    flows_from_registrations,
)
from planning.population.places import KnownPlaces

#: Bytes in memory per byte on disk, measured by ``bench/national_stream.py`` on the pandas
#: path (object columns, normalised copies and keys): 1M records, 8.5 MB of Parquet or 40 MB of
#: CSV, peaked at 762 MB and 683 MB.
MEMORY_FACTOR = {"parquet": 90.0, "csv": 20.0}
ROWS_PER_PIECE = 250_000
REQUIRED = ("date", "origin_id", "dest_id")
SCHEDULER_ENV = "QONYS_DASK_SCHEDULER"
_SUFFIXES = {".parquet": "parquet", ".pq": "parquet", ".csv": "csv"}
_UNITS = {"": 1, "b": 1, "kb": 10**3, "mb": 10**6, "gb": 10**9, "tb": 10**12,
          "kib": 2**10, "mib": 2**20, "gib": 2**30, "tib": 2**40}


@dataclass(frozen=True)
class Piece:
    """One partition: a file, or a batch of a Parquet file's row groups."""

    path: str
    name: str
    kind: str
    groups: tuple[int, ...] | None = None
    first: int = 0  # rows of the same file before this piece
    columns: tuple[str, ...] = ()  # the stream's columns in its first file's order


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


def stream_files(path: str | Path) -> list[Path]:
    """The stream's files in path order; one kind (Parquet or CSV); at least one."""
    path = Path(path)
    if path.is_file():
        files = [path]
    elif path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in _SUFFIXES
                       and not p.name.startswith((".", "_")))
    else:
        raise FlowDataError(_("The registration stream {path} does not exist. Give a Parquet or "
                              "CSV file, or a folder of them.", path=path))
    kinds = {_SUFFIXES.get(p.suffix.lower()) for p in files}
    if not files or None in kinds:
        raise FlowDataError(_("{path} holds no Parquet (.parquet) or CSV (.csv) files of "
                              "registration records.", path=path))
    if len(kinds) > 1:
        raise FlowDataError(_("{path} mixes Parquet and CSV files; convert them to one kind so "
                              "that every partition has the same columns.", path=path))
    return files


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
    kind = _SUFFIXES[files[0].suffix.lower()]
    limit = default_memory_limit() if memory_limit_bytes is None else int(memory_limit_bytes)
    estimate = int(sum(f.stat().st_size for f in files) * MEMORY_FACTOR[kind])
    pieces = _pieces(files, root, kind)
    layer = root.name or str(root)
    if estimate <= limit:
        check, sizes = _in_memory(pieces, known, layer)
        return StreamCheck(_located(check, sizes), "memory", estimate, limit, sizes)
    from planning.population.stream_dask import on_dask

    check, sizes, used = on_dask(pieces, known, layer, scheduler)
    return StreamCheck(_located(check, sizes), "dask", estimate, limit, sizes, used)


def _pieces(files: list[Path], root: Path, kind: str) -> list[Piece]:
    found, pieces = [], []
    names = [str(f.relative_to(root)) if f != root else f.name for f in files]
    columns = {}
    for file, name in zip(files, names, strict=True):
        try:
            if kind == "parquet":
                import pyarrow.parquet as pq

                meta = pq.ParquetFile(file)
                schema = meta.schema_arrow
                columns[name] = {f.name: str(f.type).replace("large_", "") for f in schema}
                pieces += _batches(str(file), name, meta)
            else:
                header = pd.read_csv(file, nrows=0, dtype=str)
                columns[name] = dict.fromkeys(header.columns, "string")
                pieces.append(Piece(str(file), name, kind))
        except Exception as exc:  # any reader's error: the file is named, the rest go on
            found.append(Problem(name, None, (), _("the file cannot be read: {error}",
                                                   error=str(exc).splitlines()[0][:200]),
                                 _("Write the file again as Parquet or UTF-8 CSV, or remove it "
                                   "from the folder.")))
    first = next(iter(columns.values()), {})
    for name, have in columns.items():
        for column in [c for c in REQUIRED if c not in have]:
            found.append(Problem(name, column, (), _("column missing"),
                                 _("Add the column '{column}', or rename the file's column to "
                                   "it.", column=column)))
        if not _same(have, first) and all(c in have for c in REQUIRED):
            found.append(Problem(name, None, (), _("the columns {have} differ from {first} of "
                                                   "the stream's first file",
                                                   have=_typed(have), first=_typed(first)),
                                 _("Write every partition with the same columns and types.")))
    raise_all(found, str(root))
    return [replace(p, columns=tuple(first)) for p in pieces]


def _same(have: dict, first: dict) -> bool:
    """The same columns, of the same types where neither is all empty (type null)."""
    return set(have) == set(first) and all(
        have[c] == first[c] or "null" in (have[c], first[c]) for c in have)


def _typed(columns: dict) -> str:
    return ", ".join(f"{c}: {t}" for c, t in columns.items())


def _batches(path: str, name: str, meta) -> list[Piece]:
    batches, groups, rows, first = [], [], 0, 0
    for g in range(meta.num_row_groups):
        groups.append(g)
        rows += meta.metadata.row_group(g).num_rows
        if rows >= ROWS_PER_PIECE or g == meta.num_row_groups - 1:
            batches.append(Piece(path, name, "parquet", tuple(groups), first))
            first, groups, rows = first + rows, [], 0
    return batches or [Piece(path, name, "parquet", (), 0)]


def _read(piece: Piece) -> pd.DataFrame:
    try:
        if piece.kind == "parquet":
            import pyarrow.parquet as pq

            raw = pq.ParquetFile(piece.path).read_row_groups(list(piece.groups)).to_pandas()
        else:
            raw = pd.read_csv(piece.path, dtype=str)
    except Exception as exc:  # any reader's error: the file is named
        problem = Problem(piece.name, None, (), _("the file cannot be read: {error}",
                                                  error=str(exc).splitlines()[0][:200]),
                          _("Write the file again as Parquet or UTF-8 CSV, or remove it from "
                            "the folder."))
        raise_all([problem], piece.name)
    if piece.columns and tuple(raw.columns) != piece.columns:
        raw = raw[list(piece.columns)]
    raw.index = pd.RangeIndex(piece.first + 1, piece.first + 1 + len(raw), name="source_row")
    return raw


def _prepare(piece: Piece, offset: int | None = None):
    """The piece's frame as the in-memory path normalises it, and its problems (rows counted
    in the file); with ``offset``, rows are numbered across the stream instead."""
    raw = _read(piece)
    rows = raw.index.to_numpy(int)
    dates = parse_dates(raw["date"])
    frame = pd.DataFrame({"date": dates.dt.strftime("%Y-%m-%d").to_numpy(),
                          "origin_id": normalise_codes(raw["origin_id"]).to_numpy(),
                          "dest_id": normalise_codes(raw["dest_id"]).to_numpy()})
    given = given_kinds(raw)
    found = value_problems(raw["date"], dates.isna().to_numpy(), rows, piece.name, "date",
                           "bad_date")
    found += code_problems(frame, rows, piece.name) + kind_problems(raw, given, rows, piece.name)
    frame["year"] = dates.dt.year.to_numpy()
    frame["given"] = given.to_numpy()
    others = [c for c in raw.columns if c not in ("date", "origin_id", "dest_id", "flow_kind",
                                                  "record_id")]
    frame["key"] = _record_keys(raw, frame, others).to_numpy()
    if "record_id" in raw.columns:
        frame["record_id"] = raw["record_id"].to_numpy()
    frame["row"] = rows - piece.first + (offset if offset is not None else piece.first)
    return raw, frame, found


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


def _ordered(found: list[Problem], names: list[str]) -> list[Problem]:
    """Problems by file, then column (as the checks run), then first row; one per file,
    column and value (a file read in several batches has its rows joined)."""
    merged: dict[tuple, Problem] = {}
    for p in found:
        key = (p.layer, p.column, p.value, p.fix, p.severity)
        had = merged.get(key)
        merged[key] = p if had is None else replace(had, rows=tuple(sorted(had.rows + p.rows)))
    columns = {"date": 0, "origin_id": 1, "dest_id": 2, "flow_kind": 3}
    return sorted(merged.values(), key=lambda p: (names.index(p.layer),
                                                  columns.get(p.column, 4), p.rows[:1]))


def _sizes(pieces: list[Piece], lengths: list[int]) -> pd.DataFrame:
    table = pd.DataFrame({"file": [p.name for p in pieces], "rows": lengths})
    table = table.groupby("file", sort=False)["rows"].sum().reset_index()
    table.insert(1, "first_row", np.concatenate([[1], 1 + np.cumsum(table["rows"])[:-1]])
                 .astype(int))
    return table


def _located(check: FlowCheck, sizes: pd.DataFrame) -> FlowCheck:
    def locate(frame: pd.DataFrame) -> pd.DataFrame:
        at = np.searchsorted(sizes["first_row"].to_numpy(), frame["row"].to_numpy(int),
                             side="right") - 1
        return frame.assign(file=sizes["file"].to_numpy()[at],
                            file_row=frame["row"].to_numpy(int)
                            - sizes["first_row"].to_numpy()[at] + 1)
    return replace(check, duplicates=locate(check.duplicates), conflicts=locate(check.conflicts))
