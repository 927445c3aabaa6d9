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
