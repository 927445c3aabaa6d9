"""The text encoding of a shapefile's ``.dbf``, when no ``.cpg`` says it.

GDAL reads a ``.dbf`` without ``.cpg`` and without a language-driver byte as ISO-8859-1, and a
cp1251 file comes out as mojibake (``Àëìàëèíñêèé``) with no warning. :func:`dbf_encoding`
decides instead, in this order:

1. the ``.cpg`` file beside it, if there is one (what the writer declared), unless it names a
   one-byte code page and the text is UTF-8 (a wrong ``.cpg``, which GDAL would follow);
2. the ``.dbf`` header's language-driver byte, if it names a code page;
3. the text itself: ASCII only → nothing to decide; valid UTF-8 → UTF-8; otherwise the
   Cyrillic code page (cp1251, cp866, KOI8-R) under which the text reads as the most Cyrillic
   words.

Step 3 only reads the text fields of the first :data:`SAMPLE_RECORDS` records.
"""

from __future__ import annotations

import math
import re
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pandas as pd

#: :attr:`EncodingGuess.how` when the ``.cpg`` names a one-byte code page but the text is UTF-8.
WRONG_CPG = "utf-8, not the .cpg's code page"
#: How many records :func:`dbf_encoding` reads to decide.
SAMPLE_RECORDS = 5000

#: Code pages that may hold Russian (and Kazakh written without its own letters).
CYRILLIC_CODE_PAGES = ("cp1251", "cp866", "koi8_r")

#: dBASE language-driver ids (header byte 29) that name a code page. 0x03 and 0x57 mean "the
#: Windows ANSI code page" of the machine that wrote the file, which in Kazakhstan is cp1251, not
#: cp1252: those files are decided by their text instead.
LANGUAGE_DRIVERS = {
    0x01: "cp437", 0x02: "cp850", 0x26: "cp866",
    0x64: "cp852", 0x65: "cp866", 0x66: "cp865", 0x6A: "cp737", 0xC8: "cp1250",
    0xC9: "cp1251", 0xCA: "cp1254", 0xCB: "cp1253",
}

# Letter frequencies of Russian text, per cent (Russian National Corpus, as tabulated in
# Wikipedia's "Частотность букв русского языка"). Text read with the right code page is made of
# common letters; read with a wrong one it turns into rare letters, symbols and box drawing.
_RUSSIAN_LETTER_PERCENT = {
    "о": 10.97, "е": 8.45, "а": 8.01, "и": 7.35, "н": 6.70, "т": 6.26, "с": 5.47, "р": 4.73,
    "в": 4.54, "л": 4.40, "к": 3.49, "м": 3.21, "д": 2.98, "п": 2.81, "у": 2.62, "я": 2.01,
    "ы": 1.90, "ь": 1.74, "г": 1.70, "з": 1.65, "б": 1.59, "ч": 1.44, "й": 1.21, "х": 0.97,
    "ж": 0.94, "ш": 0.73, "ю": 0.64, "ц": 0.48, "щ": 0.36, "э": 0.32, "ф": 0.26, "ъ": 0.04,
    "ё": 0.04,
}
_LETTER_SCORE = {letter: math.log(percent) for letter, percent in _RUSSIAN_LETTER_PERCENT.items()}
_NOT_A_LETTER = math.log(0.001)  # a symbol or box-drawing character inside text
_CASE_FLIP = re.compile(r"[а-яё][А-ЯЁ]")  # "юКЛЮКХ": a capital inside a word


@dataclass(frozen=True)
class EncodingGuess:
    """What :func:`dbf_encoding` decided and why.

    Attributes
    ----------
    encoding
        A Python codec name (``"utf-8"``, ``"cp1251"`` ...).
    how
        ``"cpg"``, ``"language driver"``, ``"ascii"``, ``"utf-8"``, ``"detected"`` or
        :data:`WRONG_CPG`.
    """

    encoding: str
    how: str


def dbf_encoding(dbf: bytes, *, cpg: str | None = None) -> EncodingGuess:
    """Decide the encoding of a ``.dbf`` file's text.

    Parameters
    ----------
    dbf
        The ``.dbf`` file's bytes (the header and at least the first records).
    cpg
        The text of the ``.cpg`` beside it, if there is one.

    Returns
    -------
    EncodingGuess

    Examples
    --------
    >>> header = bytes(32)  # an empty table: nothing to decide from
    >>> dbf_encoding(header + b"\\r", cpg="UTF-8")
    EncodingGuess(encoding='utf-8', how='cpg')
    >>> dbf_encoding(header + b"\\r")
    EncodingGuess(encoding='utf-8', how='ascii')
    """
    if cpg and cpg.strip():
        declared = _codec(cpg.strip())
        if _single_byte(declared) and _is_utf8_text(_text_bytes(dbf)):
            # Cyrillic in cp1251 is almost never valid UTF-8: the .cpg is wrong, and reading by
            # it would store every name garbled ("РђР»РјР°С‚С‹")
            return EncodingGuess("utf-8", WRONG_CPG)
        return EncodingGuess(declared, "cpg")
    driver = dbf[29] if len(dbf) > 29 else 0
    if driver in LANGUAGE_DRIVERS:
        return EncodingGuess(LANGUAGE_DRIVERS[driver], "language driver")
    text = _text_bytes(dbf)
    if text.isascii():
        return EncodingGuess("utf-8", "ascii")
    try:
        text.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return EncodingGuess("utf-8", "utf-8")
    return EncodingGuess(cyrillic_code_page(text), "detected")


def cyrillic_code_page(text: bytes) -> str:
    """The code page of :data:`CYRILLIC_CODE_PAGES` under which ``text`` (not UTF-8) reads as
    the most Russian-like text: any byte is valid in each, so only the letters can tell.

    Examples
    --------
    >>> cyrillic_code_page("Алмалинский район".encode("koi8_r"))
    'koi8_r'
    >>> cyrillic_code_page("Алмалинский район".encode("cp1251"))
    'cp1251'
    """
    scores = {codec: _russian_score(text.decode(codec, errors="replace"))
              for codec in CYRILLIC_CODE_PAGES}
    return max(scores, key=scores.__getitem__)


def _single_byte(codec: str) -> bool:
    try:
        return len("я".encode(codec)) == 1
    except (LookupError, UnicodeEncodeError):
        return False


def decode_text(raw: bytes, *, mark_means_utf8: bool = False) -> tuple[str, str] | None:
    """A table's text and its codec: UTF-8 (``utf-8-sig`` when it starts with a byte-order
    mark), else the Cyrillic code page its letters read best in (:func:`cyrillic_code_page`,
    worked out only then: scoring a megabyte takes a good fraction of a second); ``None`` when
    neither decodes, or, with ``mark_means_utf8``, when text with a UTF-8 mark is not UTF-8.

    Examples
    --------
    >>> decode_text("Алматы".encode())
    ('Алматы', 'utf-8')
    >>> decode_text("Алматы".encode("koi8_r"))
    ('Алматы', 'koi8_r')
    """
    marked = raw.startswith(b"\xef\xbb\xbf")
    try:
        return raw.decode("utf-8-sig" if marked else "utf-8"), "utf-8-sig" if marked else "utf-8"
    except UnicodeDecodeError:
        if marked and mark_means_utf8:
            return None
    fallback = cyrillic_code_page(raw[:1_000_000])
    try:
        return raw.decode(fallback), fallback
    except UnicodeDecodeError:
        return None


def _is_utf8_text(text: bytes) -> bool:
    """Non-ASCII text that is valid UTF-8."""
    if text.isascii():
        return False
    try:
        text.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _russian_score(text: str) -> float:
    """How much ``text`` reads like Russian: mean log-frequency of its non-ASCII characters,
    with capitals inside words counted against it."""
    unusual = [c for c in text if not c.isascii()]
    if not unusual:
        return _NOT_A_LETTER
    total = sum(_LETTER_SCORE.get(c.lower(), _NOT_A_LETTER) for c in unusual)
    total += _NOT_A_LETTER * len(_CASE_FLIP.findall(text))
    return total / len(unusual)


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


def _codec(name: str) -> str:
    """A ``.cpg`` text (``"1251"``, ``"ANSI 1251"``, ``"UTF-8"``) as a Python codec name."""
    digits = re.fullmatch(r"(?:ansi|cp|windows-?)?\s*(\d{3,4})", name, flags=re.IGNORECASE)
    if digits:
        return f"cp{digits.group(1)}"
    return name.lower()


def _text_bytes(dbf: bytes) -> bytes:
    """The bytes of the character fields of the records in ``dbf``."""
    if len(dbf) < 32:
        return b""
    count, header_size, record_size = struct.unpack("<IHH", dbf[4:12])
    fields = []  # (offset in the record, length) of each character field
    offset = 1  # the deletion flag
    position = 32
    while position + 32 <= min(header_size, len(dbf)) and dbf[position] != 0x0D:
        field_type, length = chr(dbf[position + 11]), dbf[position + 16]
        if field_type in "CM":
            fields.append((offset, length))
        offset += length
        position += 32
    chunks = []
    for record in range(count):
        start = header_size + record * record_size
        if start + record_size > len(dbf):
            break
        chunks.extend(dbf[start + o:start + o + n] for o, n in fields)
    return b" ".join(chunks)


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

