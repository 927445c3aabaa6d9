"""The ``crs`` member of a GeoJSON, which GDAL reads as WGS 84 when it does not know it.

:func:`check_geojson_crs` is used by :mod:`layers.read_vector` for a ``.geojson``/``.json`` file
and for one inside a zip (issue 18).
"""

from __future__ import annotations

import re
from typing import BinaryIO

from geo.errors import InputFileError
from geo.i18n import _
from layers.sources import crs_label


def check_geojson_crs(text: bytes, name: str, read_as) -> None:
    """Refuse a GeoJSON whose ``crs`` member names a CRS that PROJ does not know, or another
    than GDAL read: GDAL reads an unknown one as WGS 84 without a word.

    Parameters
    ----------
    text
        The file's first and last :data:`_GEOJSON_CRS_WINDOW` bytes (:func:`file_ends`), where a
        FeatureCollection's members are.
    name
        The file, for the message.
    read_as
        The CRS GDAL gave the frame.

    Raises
    ------
    InputFileError
        Naming the file and the CRS, with the fix (``--crs``, or remove the member).
    """
    from pyproj import CRS

    match = _GEOJSON_CRS.search(text.decode("utf-8", errors="replace"))
    if match is None:
        return
    named = match.group(1)
    try:
        known = CRS.from_user_input(named)
    except Exception:  # pyproj's CRSError: PROJ does not know the name
        known = None
    if known is None or read_as is None or not known.equals(read_as, ignore_axis_order=True):
        raise InputFileError(_("{file}: its crs member names the CRS {crs}, which GDAL did not "
                               "recognise (it would be read as {read_as} without a word). Give "
                               "the CRS with --crs EPSG:…, or correct "
                               "or remove the crs member.", file=name, crs=named[:80],
                                read_as=crs_label(read_as) or "-"))


def file_ends(handle: BinaryIO, size: int) -> bytes:
    """The first and last :data:`_GEOJSON_CRS_WINDOW` bytes of a seekable file."""
    text = handle.read(_GEOJSON_CRS_WINDOW)
    if size > _GEOJSON_CRS_WINDOW:
        handle.seek(max(_GEOJSON_CRS_WINDOW, size - _GEOJSON_CRS_WINDOW))
        text += handle.read()
    return text


def is_geojson(name: str) -> bool:
    """Whether a file name is a GeoJSON's."""
    return name.lower().endswith((".geojson", ".json"))


#: How far from either end of a GeoJSON its ``crs`` member is looked for.
_GEOJSON_CRS_WINDOW = 1 << 20
#: A zipped GeoJSON larger than this unpacked is searched at its start only.
ZIP_TAIL_MAX = 256 << 20
_GEOJSON_CRS = re.compile(r'"crs"\s*:\s*\{[^{}]*"properties"\s*:\s*\{[^{}]*"name"\s*:\s*'
                          r'"([^"]{0,200})"')
