"""Provenance of the layers in a workspace: where each load came from, when, and how.

Every write to the workspace adds one :class:`Provenance` row per layer to the table
``qonys_provenance`` (history is kept); :meth:`layers.store.Store.provenance` answers the latest
row of each layer. The checksum is the sha256 of the source file (:func:`checksum_of_file`), or
of the written data when the layer was generated (:func:`checksum_of_frame`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

#: The bookkeeping table that holds one row per load.
PROVENANCE_TABLE = "qonys_provenance"
#: How ``source`` starts for a layer qonys made rather than read (:meth:`Provenance.generated`).
GENERATED_PREFIX = "generated: "
#: ODbL 1.0 (section 4.3) asks every work made from OpenStreetMap data to credit its contributors.
OSM_ATTRIBUTION = "© OpenStreetMap contributors"
#: The licence recorded for a layer read from an OpenStreetMap file when none was given.
OSM_LICENCE = f"{OSM_ATTRIBUTION}, ODbL 1.0"
#: File endings of OpenStreetMap data (as :mod:`layers.read_osm` reads them).
OSM_SUFFIXES = (".osm", ".osm.bz2", ".osm.gz", ".pbf")

_CHUNK = 1 << 20


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclasses.dataclass(frozen=True, kw_only=True)
class Provenance:
    """Where one layer of the workspace came from.

    All fields are keyword-only.

    Parameters
    ----------
    layer
        The layer's name in the workspace.
    kind
        The layer kind of the catalogue (``units``, ``facilities`` ...).
    source
        The source file's path, or ``"generated: <rule>"`` for generated layers.
    checksum
        sha256 (hex) of the source file, or of the written data when generated.
    loaded_at
        ISO 8601 time in UTC; now by default.
    crs_found
        The CRS the source declared (``None`` if it declared none).
    crs_used
        The CRS the layer was stored in.
    encoding
        The text encoding used to read the source (``None`` where it does not apply).
    row_count
        Number of rows written.
    repairs
        What was repaired on load (invalid geometries, swapped axes ...), free text.
    licence
        The source's licence.
    note
        Anything else a reader of the workspace should know.
    """

    layer: str
    kind: str
    source: str
    checksum: str
    loaded_at: str = dataclasses.field(default_factory=_now)
    crs_found: str | None
    crs_used: str | None
    encoding: str | None
    row_count: int
    repairs: str = ""
    licence: str = ""
    note: str = ""

    @classmethod
    def generated(
        cls,
        frame: pd.DataFrame,
        *,
        layer: str,
        kind: str,
        rule: str,
        licence: str = "",
        note: str = "",
    ) -> Provenance:
        """The provenance of a layer that qonys generated rather than loaded.

        Parameters
        ----------
        frame
            The data as it will be written (its checksum, row count and CRS are recorded).
        layer, kind
            As for :class:`Provenance`.
        rule
            How the data was generated, recorded as ``source = "generated: <rule>"``.
        licence, note
            As for :class:`Provenance`.

        Returns
        -------
        Provenance
        """
        return cls(
            layer=layer,
            kind=kind,
            source=f"{GENERATED_PREFIX}{rule}",
            checksum=checksum_of_frame(frame),
            crs_found=None,
            crs_used=crs_name(frame),
            encoding=None,
            row_count=len(frame),
            licence=licence,
            note=note,
        )


#: Field names of :class:`Provenance`, in order: the columns of ``qonys_provenance``.
PROVENANCE_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Provenance))
_OPTIONAL_TEXT = ("crs_found", "crs_used", "encoding")


def is_osm_source(source: str) -> bool:
    """Whether ``source`` names an OpenStreetMap file (``.osm``, ``.osm.bz2``, ``.pbf`` ...).

    Examples
    --------
    >>> is_osm_source("../geodata/almaty.osm.pbf"), is_osm_source("roads.shp")
    (True, False)
    """
    name = str(source).lower()
    return "://" not in name and name.endswith(OSM_SUFFIXES)


def licence_at_load(source: str, licence: str = "") -> str:
    """The licence to record for a layer read from ``source``, given the user's ``licence``.

    An OpenStreetMap file's data are under ODbL 1.0, which asks for the credit
    :data:`OSM_ATTRIBUTION` on every map and report made from them: without a licence given
    the layer gets :data:`OSM_LICENCE`, and an ODbL given without the credit gets it in front.
    Any other licence the user names for an OSM-format file (their own data) is kept as given.

    Examples
    --------
    >>> licence_at_load("almaty.osm.pbf")
    '© OpenStreetMap contributors, ODbL 1.0'
    >>> licence_at_load("almaty.osm.pbf", "ODbL 1.0")
    '© OpenStreetMap contributors, ODbL 1.0'
    >>> licence_at_load("districts.shp", " CC BY 4.0 "), licence_at_load("districts.shp")
    ('CC BY 4.0', '')
    """
    given = licence.strip()
    if not is_osm_source(source):
        return given
    if not given:
        return OSM_LICENCE
    if "odbl" in given.lower() and "openstreetmap" not in given.lower():
        return f"{OSM_ATTRIBUTION}, {given}"
    return given


def crs_name(frame: pd.DataFrame) -> str | None:
    """``"EPSG:4326"``-style name of a GeoDataFrame's CRS; ``None`` for a plain table."""
    crs = _active_crs(frame)
    return None if crs is None else crs.to_string()


def _active_crs(frame: pd.DataFrame):  # -> pyproj.CRS | None
    try:
        return frame.crs  # type: ignore[attr-defined]
    except AttributeError:  # a plain DataFrame, or a GeoDataFrame without active geometry
        return None


def checksum_of_file(path: str | Path) -> str:
    """sha256 (hex) of a file's bytes.

    Parameters
    ----------
    path
        The file.

    Returns
    -------
    str
        64 hexadecimal digits.
    """
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def checksum_of_frame(frame: pd.DataFrame) -> str:
    """sha256 (hex) of a table's content: column names, CRS and values.

    Geometries are hashed as WKB, numbers with full precision. The dtypes are left out, so the
    same values give the same checksum under pandas 2 (``object``) and 3 (``str``).

    Parameters
    ----------
    frame
        A DataFrame or GeoDataFrame.

    Returns
    -------
    str
        64 hexadecimal digits.

    Examples
    --------
    >>> a = pd.DataFrame({"x": [1.5, None], "name": ["Қаскелең", None]})
    >>> checksum_of_frame(a) == checksum_of_frame(a.copy())
    True
    >>> checksum_of_frame(a) == checksum_of_frame(a.iloc[:1])
    False
    """
    import shapely

    flat = pd.DataFrame(frame, copy=True)
    for column in flat.columns:
        if isinstance(flat[column].dtype, pd.api.extensions.ExtensionDtype) and (
            flat[column].dtype.name == "geometry"
        ):
            flat[column] = shapely.to_wkb(flat[column].array.to_numpy(), hex=True)
    header = {"columns": [str(c) for c in flat.columns], "crs": crs_name(frame)}
    digest = hashlib.sha256(json.dumps(header, ensure_ascii=False).encode("utf-8"))
    digest.update(flat.to_csv(index=False, lineterminator="\n").encode("utf-8"))
    return digest.hexdigest()


def provenance_frame(rows: Iterable[Provenance]) -> pd.DataFrame:
    """Rows of :class:`Provenance` as a table with one column per field.

    Text columns are ``object`` dtype with ``None`` for missing values, so that writers type
    them as text even when every value is missing.
    """
    records = [dataclasses.asdict(row) for row in rows]
    frame = pd.DataFrame.from_records(records, columns=list(PROVENANCE_FIELDS))
    for name in PROVENANCE_FIELDS:
        if name == "row_count":
            frame[name] = frame[name].astype("int64")
        else:
            frame[name] = pd.Series(
                [row[name] for row in records], index=frame.index, dtype=object
            )
    return frame


def provenance_rows(frame: pd.DataFrame) -> list[Provenance]:
    """Rows of a ``qonys_provenance`` table read back, oldest first, as :class:`Provenance`."""
    rows = []
    for record in frame.to_dict(orient="records"):
        values = {}
        for name in PROVENANCE_FIELDS:
            value = record.get(name)
            missing = value is None or (not isinstance(value, str) and pd.isna(value))
            if name == "row_count":
                values[name] = 0 if missing else int(value)
            elif name in _OPTIONAL_TEXT:
                values[name] = None if missing else str(value)
            else:
                values[name] = "" if missing else str(value)
        rows.append(Provenance(**values))
    return rows


def latest_by_layer(rows: Iterable[Provenance]) -> dict[str, Provenance]:
    """The last row of each layer (rows oldest first), by layer name."""
    latest: dict[str, Provenance] = {}
    for row in rows:
        latest[row.layer] = row
    return latest
