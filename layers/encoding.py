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


