"""What a vector file's own bytes are checked for before GDAL reads it.

GDAL reads a damaged shapefile in part without a word: a ``.shp`` shorter than its header says
(:func:`check_shp_length`), a ``.dbf`` whose header gives impossible sizes, that is cut short or
holds another record count than the ``.shx`` (:func:`check_dbf`), a ``.shx`` that indexes fewer
shapes than the ``.shp`` holds (:func:`check_shp_index`). :func:`check_field_names`, used by
every reader (:mod:`layers.read_vector`, :mod:`layers.read_table`, :mod:`layers.read_postgis`),
refuses fields that share a name or have none.
"""

from __future__ import annotations

import struct
from collections.abc import Collection
from pathlib import Path

from geo.errors import InputFileError
from geo.i18n import _
from layers.dbf import dbf_field_names, dbf_layout

#: Bytes of a ``.shp`` or ``.shx`` header.
SHP_HEADER = 100


def check_shp_length(path: Path, header: bytes, actual: int) -> None:
    """A ``.shp`` header states the file's length in 16-bit words (bytes 24–27, big-endian)."""
    if len(header) < SHP_HEADER or struct.unpack(">i", header[:4])[0] != 9994:
        raise InputFileError(_("{file} is not a .shp file (no shapefile header). "
                               "Check the file.", file=path))
    stated = struct.unpack(">i", header[24:28])[0] * 2
    if actual < stated:
        raise InputFileError(_("The file {file} is truncated: its header says {stated} bytes, the "
                               "disk has {actual}. Copy the file again "
                               "from its source.", file=path, stated=stated,
                                actual=actual))


def check_dbf(name: str, head: bytes, actual: int, *, shx: tuple[str, int]) -> None:
    """The ``.dbf``'s header against its own size, and its record count against the shapes of
    the ``.shx`` (100 bytes of header, then 8 per shape): GDAL reads the shorter of the two
    without a word."""
    layout = dbf_layout(head)
    if layout is None or layout.damaged:
        header, record = (layout.header_size, layout.record_size) if layout else ("?", "?")
        raise InputFileError(_("The header of {file} is damaged: it gives a header size of "
                               "{header} bytes and a record length of {record} bytes (bytes 8–11; "
                               "a dBASE header has at least 33 bytes, and a record at least 1 "
                               "byte and room for its fields). Copy the file again from its "
                               "source, or save the layer again in QGIS.",
                               file=name, header=header, record=record))
    if actual < layout.stated_size:
        raise InputFileError(_("The file {file} is truncated: its header says {records} records "
                               "of {record} bytes ({stated} bytes), the disk has {actual}. Copy "
                               "the file again from its source.",
                               file=name, records=layout.records,
                                record=layout.record_size, stated=layout.stated_size,
                                actual=actual))
    named_geometry = [n for n, field in enumerate(dbf_field_names(head), start=1)
                      if field.casefold() == "geometry"]
    if named_geometry:  # GDAL drops it for the shapes' column without a word
        raise InputFileError(_("The field geometry of {file} (field {fields}) has the name of the "
                               "geometry column and would be lost. Rename the field (QGIS: Layer "
                               "Properties → Fields) and load again.", file=name,
                                fields=", ".join(map(str, named_geometry))))
    shx_name, shx_size = shx
    shapes, rest = divmod(shx_size - SHP_HEADER, 8)
    if rest == 0 and shapes >= 0 and shapes != layout.records:
        raise InputFileError(_("{dbf} holds {records} records and {shx} {shapes} shapes: each "
                               "shape has one record. The shapefile's files seem to come from "
                               "different versions, or to be cut: copy them all again from the "
                               "source.",
                               dbf=name, records=layout.records,
                                shx=shx_name, shapes=shapes))


def check_shp_index(shp_name: str, shp_header: bytes, shx_name: str, last_entry: bytes) -> None:
    """The ``.shp``'s records against what its ``.shx`` indexes.

    A ``.shx`` and ``.dbf`` cut to the same count (50 of 224) agree with each other, and GDAL
    reads 50 features without a word. The ``.shx``'s last entry gives the offset and length of
    the last shape it indexes (16-bit words, big-endian); that shape must end where the
    ``.shp`` ends, by its own header's length.
    """
    shp_length = struct.unpack(">i", shp_header[24:28])[0] * 2
    if last_entry:
        offset, length = struct.unpack(">ii", last_entry)
        indexed_end = (offset + 4 + length) * 2  # a record header is 4 words
    else:
        indexed_end = SHP_HEADER
    if indexed_end < shp_length:
        raise InputFileError(_("{shx} indexes the shapes of {shp} only up to byte {end}, but the "
                               "file is {length} bytes long: more records follow the last one "
                               "indexed, and GDAL would read only some. The .shx (and probably "
                               "the .dbf with it) is cut: copy the shapefile again from its "
                               "source, or rebuild the index "
                               "(ogr2ogr, QGIS).", shp=shp_name, shx=shx_name,
                                end=indexed_end, length=shp_length))


def check_field_names(names: list[str], file: str | Path, *,
                      nameless_ok: Collection[int] = ()) -> None:
    """Refuse fields that share a name, in any letter case, or have none.

    Parameters
    ----------
    names
        The fields' names in the file's order (fields count from 1).
    file
        Named in the message.
    nameless_ok
        Numbers of fields that may lack a name (a CSV's empty column after a last delimiter).

    Raises
    ------
    InputFileError
        Naming every such field by number, with the fix.

    Examples
    --------
    >>> check_field_names(["unit_id", "name"], "a.shp")
    >>> check_field_names(["unit_id", "UNIT_ID", ""], "a.shp")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    geo.errors.InputFileError: ...'unit_id' / 'UNIT_ID' ...
    """
    by_name: dict[str, list[int]] = {}
    for number, name in enumerate(names, start=1):
        if number in nameless_ok and not str(name).strip():
            continue
        by_name.setdefault(str(name).strip().casefold(), []).append(number)
    said = []
    for key, numbers in by_name.items():
        if key and len(numbers) > 1:
            spelled = " / ".join(dict.fromkeys(repr(str(names[n - 1])) for n in numbers))
            said.append(_("{name} (fields {fields})", fields=", ".join(map(str, numbers)),
                           name=spelled))
    if by_name.get(""):
        said.append(_("no name (fields {fields})", fields=", ".join(map(str, by_name[""]))))
    if said:
        raise InputFileError(_("Fields of {file} share a name or have none: {names}. Every field "
                               "needs its own name (letter case does not count): rename the "
                               "fields (QGIS: Layer Properties → Fields, or LibreOffice) and load "
                               "again.", file=Path(str(file)).name,
                                names="; ".join(said)))
