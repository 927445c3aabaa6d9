"""The partitions of a registration stream: its files, their schemas, and one partition read
and normalised as :func:`planning.population.flows.flows_from_registrations` normalises records.

Shared by the in-memory path (:mod:`planning.population.registration_stream`) and the Dask
path (:mod:`planning.population.stream_dask`), so that both read and number rows alike.
"""

from __future__ import annotations

from collections.abc import Iterator
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
from planning.population.flows import _record_keys

ROWS_PER_PIECE = 250_000
#: Rows put into pandas and checked at once within a partition on the Dask path, so that what
#: a worker holds does not grow with the files' row groups (a piece of 250,000 rows peaked a
#: worker 135 MB above one of 16,667; see ``bench/national_stream.py``).
ROWS_PER_CHUNK = 50_000
REQUIRED = ("date", "origin_id", "dest_id")
SUFFIXES = {".parquet": "parquet", ".pq": "parquet", ".csv": "csv"}


@dataclass(frozen=True)
class Piece:
    """One partition: a file, or a batch of a Parquet file's row groups."""

    path: str
    name: str
    kind: str
    groups: tuple[int, ...] | None = None
    first: int = 0  # rows of the same file before this piece
    columns: tuple[str, ...] = ()  # the stream's columns in its first file's order


def stream_files(path: str | Path) -> list[Path]:
    """The stream's files in path order; one kind (Parquet or CSV); at least one."""
    path = Path(path)
    if path.is_file():
        files = [path]
    elif path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                       and not p.name.startswith((".", "_")))
    else:
        raise FlowDataError(_("The registration stream {path} does not exist. Give a Parquet or "
                              "CSV file, or a folder of them.", path=path))
    kinds = {SUFFIXES.get(p.suffix.lower()) for p in files}
    if not files or None in kinds:
        raise FlowDataError(_("{path} holds no Parquet (.parquet) or CSV (.csv) files of "
                              "registration records.", path=path))
    if len(kinds) > 1:
        raise FlowDataError(_("{path} mixes Parquet and CSV files; convert them to one kind so "
                              "that every partition has the same columns.", path=path))
    return files


def pieces_of(files: list[Path], root: Path, kind: str) -> list[Piece]:
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
    """The whole piece as one frame (the in-memory path)."""
    try:
        if piece.kind == "parquet":
            raw = _arrow(piece).to_pandas()
        else:
            raw = pd.read_csv(piece.path, dtype=str)
    except Exception as exc:  # any reader's error: the file is named
        _unreadable(piece, exc)
    return _framed(raw, piece, 0)


def _chunks(piece: Piece, rows: int | None = None) -> Iterator[pd.DataFrame]:
    """The piece's records ``rows`` (default :data:`ROWS_PER_CHUNK`) at a time, each frame as
    :func:`_read` gives its part of the whole (the Dask path).

    Only one chunk is ever in pandas: a Parquet piece is decoded once into Arrow (compact
    strings) and sliced; a CSV file is read ``rows`` lines at a time.
    """
    rows = rows or ROWS_PER_CHUNK
    try:
        if piece.kind == "parquet":
            table = _arrow(piece)
            for start in range(0, max(table.num_rows, 1), rows):
                yield _framed(table.slice(start, rows).to_pandas(), piece, start)
            return
        done = 0
        with pd.read_csv(piece.path, dtype=str, chunksize=rows) as reader:
            for raw in reader:
                yield _framed(raw, piece, done)
                done += len(raw)
        if not done:  # a header alone: one empty frame, as the whole file reads
            yield _framed(pd.read_csv(piece.path, dtype=str), piece, 0)
    except Exception as exc:  # any reader's error: the file is named
        _unreadable(piece, exc)


def _arrow(piece: Piece):
    import pyarrow.parquet as pq

    return pq.ParquetFile(piece.path).read_row_groups(list(piece.groups))


def _unreadable(piece: Piece, exc: Exception) -> None:
    problem = Problem(piece.name, None, (), _("the file cannot be read: {error}",
                                              error=str(exc).splitlines()[0][:200]),
                      _("Write the file again as Parquet or UTF-8 CSV, or remove it from "
                        "the folder."))
    raise_all([problem], piece.name)


def _framed(raw: pd.DataFrame, piece: Piece, start: int) -> pd.DataFrame:
    """``raw`` in the stream's column order, indexed by its rows in the file (from 1)."""
    if piece.columns and tuple(raw.columns) != piece.columns:
        raw = raw[list(piece.columns)]
    first = piece.first + start + 1
    raw.index = pd.RangeIndex(first, first + len(raw), name="source_row")
    return raw


def _prepare(raw: pd.DataFrame, piece: Piece, offset: int | None = None):
    """``raw`` (the piece or a chunk of it) as the in-memory path normalises it, and its
    problems (rows counted in the file); with ``offset``, rows are numbered across the stream
    instead."""
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
    return frame, found


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
