"""The workspace store: every layer of a project in one GeoPackage file or one PostGIS schema.

:func:`open_store` takes a ``.gpkg`` path (the default, :mod:`layers.store_gpkg`) or a
``postgresql://`` URL (:mod:`layers.store_postgis`, with ``?schema=NAME``); both answer the same
interface, :class:`Store`, with the same results.

- Writes are atomic: :meth:`Store.write_layers` writes all the given layers and their
  provenance, or nothing.
- Layer names are checked against :data:`LAYER_NAME_RULE` and quoted anyway; they never reach
  SQL as text.
- A geometry layer is stored with its CRS's EPSG code, its geometry column named ``geometry``
  and mixed single and multi geometries promoted to multi; a plain DataFrame is stored as an
  attribute table and read back as a plain DataFrame.
- Every write records a :class:`~layers.provenance.Provenance` row per layer in
  ``qonys_provenance``.

``import layers.store`` imports neither SQLAlchemy nor GeoAlchemy2 nor psycopg: the PostGIS
store imports them when it is opened.
"""

from __future__ import annotations

import importlib
import os
import re
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pandas as pd

from geo.errors import LayerNotFoundError, LayerSchemaError, StoreError
from geo.i18n import _
from layers.provenance import (
    PROVENANCE_TABLE,
    Provenance,
    checksum_of_file,
    checksum_of_frame,
    crs_name,
    latest_by_layer,
    provenance_frame,
)
from layers.store_frames import normalize_read, prepare_frame

__all__ = [
    "DEFAULT_STORE",
    "LAYER_NAME_RULE",
    "Provenance",
    "Store",
    "checksum_of_file",
    "checksum_of_frame",
    "open_store",
    "redact_url",
]

#: Where the workspace lives when neither ``--store`` nor ``QONYS_STORE`` says.
DEFAULT_STORE = "./qonys.gpkg"
#: A layer name: a lower-case ASCII letter, then up to 62 letters, digits or underscores.
LAYER_NAME_RULE = re.compile(r"^[a-z][a-z0-9_]{0,62}$")
#: Tables of the workspace that are not user layers (provenance, QGIS styles, PostGIS's own).
BOOKKEEPING = frozenset({PROVENANCE_TABLE, "layer_styles", "spatial_ref_sys"})
#: Prefixes no user layer may take: ours, GeoPackage's, SQLite's and PostgreSQL's own tables.
RESERVED_PREFIXES = ("qonys_", "gpkg_", "rtree_", "sqlite_", "pg_")
_UNRECORDED = "unrecorded"
#: The backends, by kind: ``"module:Class"``, imported only when a store of that kind is
#: opened. The base class never imports its backends (they import it); a new backend is a line
#: here and a branch in :func:`backend_for`.
BACKENDS: dict[str, str] = {
    "postgis": "layers.store_postgis:PostGISStore",
    "gpkg": "layers.store_gpkg:GeoPackageStore",
}


def backend_for(location: str) -> str | None:
    """The kind of store at ``location`` (a key of :data:`BACKENDS`), ``None`` if none.

    Examples
    --------
    >>> backend_for("postgresql://localhost/db"), backend_for("ws.GPKG"), backend_for("ws.shp")
    ('postgis', 'gpkg', None)
    """
    if re.match(r"^postgres(ql)?(\+\w+)?://", location, flags=re.IGNORECASE):
        return "postgis"
    if location.lower().endswith(".gpkg"):
        return "gpkg"
    return None


def _backend_class(kind: str) -> type[Store]:
    module, __, name = BACKENDS[kind].partition(":")
    return getattr(importlib.import_module(module), name)


def open_store(location: str | os.PathLike[str] | None = None) -> Store:
    """Open the workspace at a GeoPackage path or a PostgreSQL URL.

    Parameters
    ----------
    location
        A ``.gpkg`` path (``str`` or :class:`~pathlib.Path`); a ``postgresql://`` URL, optionally
        with ``?schema=NAME`` (default ``public``); or ``None`` for the environment variable
        ``QONYS_STORE`` if set, else :data:`DEFAULT_STORE`.

    Returns
    -------
    Store
        Also a context manager that closes the store.

    Raises
    ------
    StoreError
        If the location is neither, or a PostgreSQL server cannot be reached.
    MissingDependencyError
        For a URL, if geoalchemy2, SQLAlchemy or psycopg is not installed.

    Examples
    --------
    >>> import pathlib, tempfile, pandas as pd
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> with open_store(folder / "ws.gpkg") as store:
    ...     store.write_layers({"zone_sources": pd.DataFrame({"zone_id": ["z"],
    ...                                                       "source_id": ["s"]})})
    ...     store.layer_names()
    ['zone_sources']
    """
    if location is None:
        location = os.environ.get("QONYS_STORE") or DEFAULT_STORE
    text = os.fspath(location)
    kind = backend_for(text)
    if kind == "postgis":
        return _backend_class(kind)(text)
    if kind == "gpkg":
        return _backend_class(kind)(Path(text))
    msg = _("Cannot tell what kind of workspace '{store}' is: name a GeoPackage file ending in "
            ".gpkg or a PostgreSQL URL "
            "(postgresql://user@host:5432/database).", store=redact_url(text))
    raise StoreError(msg)


def redact_url(url: str) -> str:
    """A URL with its password (in the user part or the query) replaced by ``***``.

    Examples
    --------
    >>> redact_url("postgresql://qonys:s3cret@db.local:5432/plans?schema=almaty")
    'postgresql://qonys:***@db.local:5432/plans?schema=almaty'
    >>> redact_url("out/demo/qonys-demo.gpkg")
    'out/demo/qonys-demo.gpkg'
    """
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return url
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, host = netloc.rsplit("@", 1)
        if ":" in userinfo:
            netloc = f"{userinfo.split(':', 1)[0]}:***@{host}"
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        hidden = [(k, "***" if k.lower() == "password" else v) for k, v in pairs]
        query = urlencode(hidden, safe="*")
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def check_layer_name(name: object, *, for_write: bool = False) -> str:
    """Return ``name`` if it is a valid layer name, else raise :class:`LayerSchemaError`.

    Parameters
    ----------
    name
        The name a user or a caller gave.
    for_write
        Also refuse the names reserved for the workspace's own tables.
    """
    if not isinstance(name, str) or not LAYER_NAME_RULE.match(name):
        msg = _("'{name}' is not a valid layer name: use lower-case Latin letters, digits and "
                "underscores, starting with a letter, at most 63 characters ({rule}).",
                name=name, rule=LAYER_NAME_RULE.pattern)
        raise LayerSchemaError(msg, [msg])
    if for_write and (name in BOOKKEEPING or name.startswith(RESERVED_PREFIXES)):
        reserved = ", ".join([*sorted(BOOKKEEPING), *(f"{p}…" for p in RESERVED_PREFIXES)])
        msg = _("The name '{name}' is reserved for the workspace's own tables ({reserved}). "
                "Choose another layer name.",
                name=name, reserved=reserved)
        raise LayerSchemaError(msg, [msg])
    return name


def is_user_layer(name: str) -> bool:
    """Whether a table of the store is a user layer (valid name, not bookkeeping)."""
    return bool(LAYER_NAME_RULE.match(name)) and name not in BOOKKEEPING


def reason_of(exc: BaseException) -> str:
    """One line of an exception's message, for a user-facing error."""
    origin = getattr(exc, "orig", None) or exc  # SQLAlchemy wraps the driver's error
    text = " ".join(str(origin).split()) or type(origin).__name__
    return text if len(text) <= 400 else text[:397] + "..."


class Store:
    """The workspace: named layers plus the provenance of each load.

    Use :func:`open_store`, not the subclasses. Subclasses implement the ``_`` methods.

    Attributes
    ----------
    location : str
        Where the store lives, for messages (a URL's password replaced by ``***``).
    """

    location: str

    def __init__(self, location: str) -> None:
        self.location = location
        self._closed = False

    # --- public interface -------------------------------------------------------------------

    def layer_names(self) -> list[str]:
        """Names of the user layers (not the bookkeeping tables), sorted."""
        self._check_open()
        return sorted(name for name in self._table_names() if is_user_layer(name))

    def has_layer(self, name: str) -> bool:
        """Whether the store holds a layer ``name`` (``False`` for a store not yet created)."""
        self._check_open()
        check_layer_name(name)
        return self._has_table(name)

    def read_layer(self, name: str) -> pd.DataFrame:
        """Read one layer.

        Parameters
        ----------
        name
            The layer's name.

        Returns
        -------
        geopandas.GeoDataFrame or pandas.DataFrame
            A GeoDataFrame with its geometry in column ``geometry`` and its stored CRS, or a
            plain DataFrame for an attribute table; rows in the order written.

        Raises
        ------
        LayerNotFoundError
            If the store has no such layer.
        LayerSchemaError
            If ``name`` is not a valid layer name.
        StoreError
            If the store does not exist or cannot be read.
        """
        self._check_open()
        check_layer_name(name)
        if not self._has_table(name):
            self._check_exists()
            msg = _("The workspace {store} has no layer '{layer}'. Load it, or run `qonys demo`.",
                    store=self.location, layer=name)
            raise LayerNotFoundError(msg)
        return normalize_read(*self._read(name))

    def write_layers(
        self,
        layers: Mapping[str, pd.DataFrame],
        *,
        provenance: Mapping[str, Provenance] | None = None,
    ) -> None:
        """Write (create or replace) layers and their provenance, all or none.

        Parameters
        ----------
        layers
            Layer name to GeoDataFrame (geometry layer) or DataFrame (attribute table). A
            GeoDataFrame needs a CRS with an EPSG code. An index that is named or not made of
            integers is written as columns; an unnamed integer index is dropped.
        provenance
            Layer name to its :class:`Provenance`. A layer without one gets a row with source
            ``"unrecorded"``, the checksum of its data and the kind it had before (if any).

        Raises
        ------
        LayerSchemaError
            If a name or a frame cannot be stored (nothing is written).
        StoreError
            If writing fails (nothing is written; the store is as it was).
        """
        self._check_open()
        given = dict(provenance or {})
        frames = {name: prepare_frame(check_layer_name(name, for_write=True), data)
                  for name, data in layers.items()}
        for key, row in given.items():
            if key not in frames:
                msg = _("Provenance was given for layer '{layer}', which is not among the layers "
                        "being written ({layers}).",
                        layer=key, layers=", ".join(frames) or "-")
                raise LayerSchemaError(msg, [msg])
            if not isinstance(row, Provenance) or row.layer != key:
                msg = _("The provenance under '{key}' must be a Provenance of layer '{key}'; it "
                        "describes '{layer}'.",
                        key=key, layer=getattr(row, "layer", row))
                raise LayerSchemaError(msg, [msg])
        if not frames:
            return
        kinds = {} if set(given) == set(frames) else self._kinds()
        rows = [given.get(name) or _unrecorded(name, frame, kinds.get(name, ""))
                for name, frame in frames.items()]
        self._write_all(frames, provenance_frame(rows))

    def provenance(self) -> pd.DataFrame:
        """The latest :class:`Provenance` of each layer, one row per layer, sorted by layer.

        Returns
        -------
        pandas.DataFrame
            Columns: the fields of :class:`Provenance`.
        """
        self._check_open()
        self._check_exists()
        names = set(self.layer_names())
        latest = [row for layer, row in sorted(latest_by_layer(self._provenance_rows()).items())
                  if layer in names]
        return provenance_frame(latest)

    def provenance_history(self) -> list[Provenance]:
        """Every :class:`Provenance` row of the workspace, oldest first, earlier loads too.

        A layer that a qonys step rewrote (``qonys actual`` on ``units``) keeps the row of the
        file it was first loaded from here, with that file's licence.
        """
        self._check_open()
        self._check_exists()
        return list(self._provenance_rows())

    def kind_of(self, name: str) -> str | None:
        """The layer kind recorded when ``name`` was last written, or ``None``."""
        self._check_open()
        check_layer_name(name)
        return self._kinds().get(name) or None

    def close(self) -> None:
        """Release the store's resources; later calls raise :class:`StoreError`."""
        self._closed = True

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.location!r})"

    # --- helpers ----------------------------------------------------------------------------

    def _check_open(self) -> None:
        if self._closed:
            msg = _("The workspace {store} is closed; open it again "
                    "(open_store).", store=self.location)
            raise StoreError(msg)

    def _kinds(self) -> dict[str, str]:
        if not self._exists():
            return {}
        return {layer: row.kind for layer, row in latest_by_layer(self._provenance_rows()).items()}

    def _check_exists(self) -> None:
        if not self._exists():
            msg = _("No workspace at {store}. Name an existing --store, or create one with `qonys "
                    "demo --store {store}`.", store=self.location)
            raise StoreError(msg)

    # --- what a backend implements ----------------------------------------------------------

    def _exists(self) -> bool:
        """Whether the store has been created (a GeoPackage file exists)."""
        return True

    def _table_names(self) -> list[str]:
        raise NotImplementedError

    def _has_table(self, name: str) -> bool:
        raise NotImplementedError

    def _read(self, name: str) -> tuple[pd.DataFrame, dict[str, str]]:
        """The table, and its columns the store types ``"integer"``, ``"float"``, ``"boolean"``."""
        raise NotImplementedError

    def _provenance_rows(self) -> list[Provenance]:
        """Every row of ``qonys_provenance``, oldest first (empty if there is no table)."""
        raise NotImplementedError

    def _write_all(self, frames: dict[str, pd.DataFrame], provenance: pd.DataFrame) -> None:
        """Write prepared frames and append provenance rows, all or nothing."""
        raise NotImplementedError


def _unrecorded(name: str, frame: pd.DataFrame, kind: str) -> Provenance:
    return Provenance(
        layer=name,
        kind=kind,
        source=_UNRECORDED,
        checksum=checksum_of_frame(frame),
        crs_found=None,
        crs_used=crs_name(frame),
        encoding=None,
        row_count=len(frame),
    )
