"""The layout of a shapefile's ``.dbf`` (dBASE) file, and the numbers written in it.

:mod:`layers.encoding` decides how the ``.dbf``'s text is encoded; this module reads what its
header declares (:func:`dbf_layout`, :func:`dbf_field_names`), its first records
(:func:`read_dbf_head`), and the number fields whose values are not numbers as written
(:func:`dbf_bad_numbers`), which GDAL would read in part.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pandas as pd

from layers.encoding import SAMPLE_RECORDS


def read_dbf_head(source: Path | BinaryIO, *, records: int = SAMPLE_RECORDS) -> bytes:
    """The header and the first ``records`` records of a ``.dbf`` file.

    ``source`` is its path, or a binary file open at its start (a member of a zip).
    """
    if not hasattr(source, "read"):
        with open(source, "rb") as handle:
            return read_dbf_head(handle, records=records)
    head = source.read(32)
    if len(head) < 32:
        return head
    header_size, record_size = struct.unpack("<HH", head[8:12])
    # a damaged header may give sizes of 0: read nothing more, dbf_layout() says what is wrong
    return head + source.read(max(header_size - 32, 0) + record_size * records)


@dataclass(frozen=True)
class DbfLayout:
    """What a ``.dbf`` header says of its file (see :func:`dbf_layout`).

    Attributes
    ----------
    records
        The record count (bytes 4–7).
    header_size, record_size
        In bytes (bytes 8–9 and 10–11).
    field_lengths
        The lengths of the field descriptors found before the header's end mark.
    """

    records: int
    header_size: int
    record_size: int
    field_lengths: tuple[int, ...]

    @property
    def damaged(self) -> bool:
        """Whether the sizes cannot be those of a table: a header shorter than its 32 bytes and
        end mark, a record shorter than its deletion flag, or one too short for its fields.

        A record longer than its fields' one-byte lengths is allowed: FoxPro and Clipper keep a
        long text field's length in two bytes."""
        return (self.header_size < 33 or self.record_size < 1
                or sum(self.field_lengths) + 1 > self.record_size)

    @property
    def stated_size(self) -> int:
        """The bytes the header promises: the header and every record (the end-of-file byte
        0x1A is optional)."""
        return self.header_size + self.records * self.record_size


def dbf_field_names(head: bytes) -> list[str]:
    """The field names a ``.dbf`` header lists (``head``: its first bytes), in order.

    Examples
    --------
    >>> header = bytearray(32)
    >>> header[4:12] = struct.pack("<IHH", 0, 65, 4)
    >>> field = b"pop".ljust(11, bytes(1)) + b"N" + bytes(4) + bytes([3, 0]) + bytes(14)
    >>> dbf_field_names(bytes(header) + field + bytes([13]))
    ['pop']
    """
    layout = dbf_layout(head)
    names, position = [], 32
    while layout and position + 32 <= min(layout.header_size, len(head)) \
            and head[position] != 0x0D:
        names.append(head[position:position + 11].split(b"\0", 1)[0].decode(
            "latin-1").strip())
        position += 32
    return names


def dbf_layout(head: bytes) -> DbfLayout | None:
    """The layout a ``.dbf`` header declares (``head``: its first bytes, as from
    :func:`read_dbf_head`), or ``None`` if ``head`` is shorter than the 32 bytes of a header.

    Examples
    --------
    >>> header = bytearray(32)
    >>> header[4:12] = struct.pack("<IHH", 3, 0, 0)
    >>> dbf_layout(bytes(header)).damaged
    True
    """
    if len(head) < 32:
        return None
    records, header_size, record_size = struct.unpack("<IHH", head[4:12])
    lengths = []
    position = 32
    while position + 32 <= min(header_size, len(head)) and head[position] != 0x0D:
        lengths.append(head[position + 16])
        position += 32
    return DbfLayout(records, header_size, record_size, tuple(lengths))


# A dBASE number as written: digits with an optional sign, dot and exponent. shapelib writes a
# null number as a field of asterisks.
_DBF_NUMBER = r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?"


def dbf_bad_numbers(source: Path | BinaryIO) -> dict[str, tuple[tuple[int, ...], str]]:
    """The number fields (types N and F) of a ``.dbf`` whose values are not numbers as written.

    GDAL reads ``1,5`` as 1 and ``20x4`` as 20 without a word (a warning at most); qonys says
    which rows hold them. The file is read in blocks of :data:`_BLOCK_RECORDS` records, so a
    large table costs no more memory than a block.

    Parameters
    ----------
    source
        The file's path, or a binary file open at its start (a member of a zip); its header
        checked by :func:`dbf_layout` already.

    Returns
    -------
    dict
        Field name → (rows counted from 1 among the records not marked deleted, the first such
        value as text).

    Examples
    --------
    >>> import io
    >>> header = bytearray(32)
    >>> header[4:12] = struct.pack("<IHH", 2, 65, 4)
    >>> field = b"pop".ljust(11, bytes(1)) + b"N" + bytes(4) + bytes([3, 0]) + bytes(14)
    >>> dbf_bad_numbers(io.BytesIO(bytes(header) + field + bytes([13]) + b" 1.5" + b" 1,5"))
    {'pop': ((2,), '1,5')}
    """
    if not hasattr(source, "read"):
        with open(source, "rb") as handle:
            return dbf_bad_numbers(handle)
    head = source.read(32)
    layout = dbf_layout(head)
    if layout is None or layout.damaged:
        return {}
    head += source.read(layout.header_size - 32)
    fields = []  # (name, offset in the record, length) of each number field
    offset, position = 1, 32
    while position + 32 <= min(layout.header_size, len(head)) and head[position] != 0x0D:
        descriptor = head[position:position + 32]
        name = descriptor[:11].split(b"\0", 1)[0].decode("ascii", errors="replace")
        if chr(descriptor[11]) in "NF":
            fields.append((name, offset, descriptor[16]))
        offset += descriptor[16]
        position += 32
    found: dict[str, tuple[list[int], str]] = {}
    rows_before, left = 0, layout.records
    while fields and left > 0:
        block = source.read(min(left, _BLOCK_RECORDS) * layout.record_size)
        count = len(block) // layout.record_size
        if count == 0:
            break
        left -= count
        records = np.frombuffer(block, np.uint8, count * layout.record_size).reshape(
            count, layout.record_size)
        records = records[records[:, 0] != 0x2A]  # "*": a deleted record, which GDAL skips
        for name, at, length in fields:
            _block_bad_numbers(records[:, at:at + length], name, rows_before, found)
        rows_before += len(records)
    return {name: (tuple(rows), first) for name, (rows, first) in found.items()}


#: Records :func:`dbf_bad_numbers` reads at a time.
_BLOCK_RECORDS = 50_000


def _block_bad_numbers(values: np.ndarray, name: str, rows_before: int,
                       found: dict[str, tuple[list[int], str]]) -> None:
    values = np.ascontiguousarray(values)
    suspect = np.flatnonzero(~_plain_numbers(values))  # a regex for the few others only
    if not suspect.size:
        return
    raw = values[suspect].view(f"S{values.shape[1]}").ravel()
    text = pd.Series(raw).str.decode("latin-1").str.strip()
    bad = ~(text.eq("") | text.str.fullmatch(r"\**") | text.str.fullmatch(_DBF_NUMBER))
    if bad.any():
        rows, _ = found.setdefault(name, ([], text[bad].iloc[0]))
        rows.extend(rows_before + int(r) + 1 for r in suspect[bad.to_numpy()])


def _plain_numbers(values: np.ndarray) -> np.ndarray:
    """Rows of ``values`` (records × bytes of one field) that are plainly numbers: one run of
    digits with at most one dot, a minus only in front, spaces around."""
    digit = (values >= 48) & (values <= 57)
    space, dot, minus = values == 32, values == 46, values == 45
    written = ~space
    runs = written[:, 0].astype(int) + (written[:, 1:] & ~written[:, :-1]).sum(axis=1)
    first = written.argmax(axis=1)
    signs = minus.sum(axis=1)
    sign_ok = (signs == 0) | ((signs == 1) & minus[np.arange(len(values)), first])
    return ((digit | space | dot | minus).all(axis=1) & (dot.sum(axis=1) <= 1) & (runs == 1)
            & sign_ok & digit.any(axis=1))
