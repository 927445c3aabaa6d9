"""What every reader hands to the loader: a frame plus what is known about where it came from.

A reader (:mod:`layers.read_vector`, :mod:`layers.read_table`, :mod:`layers.read_osm`,
:mod:`layers.read_raster`, :mod:`layers.read_postgis`) turns one source into a
:class:`SourceData`. It neither renames columns to the schema nor reprojects nor validates: the
loader (:mod:`layers.load`) does that for every reader alike. What a reader could not read is an
:class:`~geo.errors.InputFileError`; what it read but found wrong row by row goes into
``problems`` so that the loader reports everything at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from layers.validate import Problem


@dataclass
class SourceData:
    """One source, read.

    Attributes
    ----------
    frame
        The records: a GeoDataFrame (its ``crs`` set only when the source declared one) or a
        DataFrame for a table without geometry. Column names as in the source.
    source
        Path or redacted URL of the source, for messages and provenance.
    checksum
        sha256 (hex) of the source file(s), or of the data read for a database table.
    encoding
        The text encoding used to read it, ``None`` where it does not apply.
    crs_found
        The CRS the source declared (as ``"EPSG:4326"`` or WKT/PROJ text), ``None`` if none.
    kind_hint
        The kind the reader produced (``roads`` or ``facilities`` for OSM), ``None`` if any.
    problems
        Row-level problems found while reading (a broken record, an assumed encoding).
    notes
        Facts for provenance (``"encoding cp1251 detected: no .cpg"``).
    """

    frame: pd.DataFrame
    source: str
    checksum: str
    encoding: str | None = None
    crs_found: str | None = None
    kind_hint: str | None = None
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def crs_label(crs) -> str | None:
    """How provenance names the CRS a source declared: ``"EPSG:4326"`` when the CRS carries
    that code, else its WKT; ``None`` for no CRS.

    Only an exact code counts: with less confidence pyproj turns a legacy Gauss-Krüger
    definition into Beijing 1954 (DESIGN.md, known traps), and provenance must say what the
    source said.

    Examples
    --------
    >>> crs_label(None) is None
    True
    >>> from pyproj import CRS
    >>> crs_label(CRS.from_epsg(28413))
    'EPSG:28413'
    """
    if crs is None:
        return None
    code = crs.to_epsg(min_confidence=100)
    return f"EPSG:{code}" if code is not None else crs.to_wkt()
