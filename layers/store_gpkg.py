"""The GeoPackage workspace: one ``.gpkg`` file that QGIS opens as it is.

A write never touches the file in place: :meth:`GeoPackageStore._write_all` copies it to a
temporary file beside it (once per :meth:`~layers.store.Store.write_layers` call, not once per
layer), writes every layer and the provenance rows there, and renames the copy over the original
with :func:`os.replace` only when all of it succeeded. A failed write, or a killed process,
leaves the original file as it was (a killed process may leave a hidden ``.*.tmp.gpkg`` file
beside it, which can be deleted). When the file does not exist yet, the layers are written
straight into the temporary file. The QGIS style of every layer written (:mod:`layers.styles`)
becomes its default row of ``layer_styles`` in the same temporary file, so styles and layers
change together.

Two qonys processes writing the same file take turns: each write holds an exclusive lock on a
hidden ``.<name>.gpkg.lock`` file beside the workspace from the copy to the rename, so the
second copies the file only after the first has renamed its result over it, and both commands'
layers are kept. A writer waits for the lock at most :data:`LOCK_TIMEOUT_S` seconds
(``QONYS_LOCK_TIMEOUT`` overrides it), then stops with a message and writes nothing. A file that
another program is editing (QGIS keeps a ``-wal`` file beside it) is not written: close it there
first.
"""

from __future__ import annotations

import logging
import os
import secrets
import shutil
import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pandas as pd
import pyogrio

from geo.errors import StoreError
from geo.i18n import N_, _
from layers.provenance import PROVENANCE_TABLE, Provenance, provenance_rows
from layers.qgis_project import write_project
from layers.store import Store, reason_of
from layers.styles import STYLE_OWNER, styles_for

DRIVER = "GPKG"
LOCK_TIMEOUT_S = 600.0
"""How long a write waits for another qonys process writing the same GeoPackage, in seconds
(``QONYS_LOCK_TIMEOUT`` overrides it): long enough for a load or a scenario run to finish."""

log = logging.getLogger(__name__)


class GeoPackageStore(Store):
    """A workspace in one GeoPackage file (see the module's notes on atomic writes).

    Parameters
    ----------
    path
        The ``.gpkg`` file. It need not exist: the first write creates it and its parent
        directories; reading a file that does not exist raises :class:`StoreError`.
    """

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = Path(path)

    def _exists(self) -> bool:
        return self.path.is_file()

    def _table_names(self) -> list[str]:
        self._check_exists()
        return self._list(self.path)

    def _list(self, path: Path) -> list[str]:
        try:
            return [str(name) for name, __ in pyogrio.list_layers(path)]
        except Exception as exc:  # pyogrio.errors.DataSourceError and GDAL's own
            msg = _("Could not open the workspace {store}: {reason}. Is it a GeoPackage (.gpkg) "
                    "file?",
                    store=self.location, reason=reason_of(exc))
            raise StoreError(msg) from exc

    def _has_table(self, name: str) -> bool:
        return self._exists() and name in self._list(self.path)

    def _read(self, name: str) -> tuple[pd.DataFrame, dict[str, str]]:
        try:
            info = pyogrio.read_info(self.path, layer=name)
            frame = pyogrio.read_dataframe(self.path, layer=name)
        except Exception as exc:
            msg = _("Could not read '{layer}' from the workspace {store}: {reason}.",
                    layer=name, store=self.location, reason=reason_of(exc))
            raise StoreError(msg) from exc
        hints = {}
        for field, kind, subtype in zip(
            info["fields"], info["ogr_types"], info["ogr_subtypes"], strict=True
        ):
            if subtype == "OFSTBoolean":
                hints[str(field)] = "boolean"
            elif kind in ("OFTInteger", "OFTInteger64"):
                hints[str(field)] = "integer"
            elif kind == "OFTReal":
                hints[str(field)] = "float"
        return frame, hints

    def _provenance_rows(self) -> list[Provenance]:
        if PROVENANCE_TABLE not in self._table_names():
            return []
        try:
            table = pyogrio.read_dataframe(self.path, layer=PROVENANCE_TABLE, fid_as_index=True)
        except Exception as exc:
            msg = _(
                "Could not read '{layer}' from the workspace {store}: {reason}.",
                layer=PROVENANCE_TABLE,
                store=self.location,
                reason=reason_of(exc),
            )
            raise StoreError(msg) from exc
        return provenance_rows(table.sort_index())

    def _write_all(self, frames: dict[str, pd.DataFrame], provenance: pd.DataFrame) -> None:
        directory = self.path.parent
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            msg = _("Could not finish writing to the workspace {store}: {reason}. Nothing was "
                    "written; the workspace is as it was.",
                    store=self.location, reason=reason_of(exc))
            raise StoreError(msg) from exc
        temp = directory / f".{self.path.stem}.{secrets.token_hex(6)}.tmp.gpkg"
        with self._locked():
            self._write_locked(frames, provenance, temp)

    def _write_locked(self, frames: dict[str, pd.DataFrame], provenance: pd.DataFrame,
                      temp: Path) -> None:
        try:
            if self._exists():
                self._step(None, self._settle_wal)
                self._step(None, _copy_file, self.path, temp)
            for name, frame in frames.items():
                self._step(name, self._write_one, temp, name, frame)
            self._step(None, self._append_provenance, temp, provenance)
            self._step(None, self._write_styles, temp, frames, provenance)
            self._step(None, _commit, temp, self.path)
        finally:
            temp.unlink(missing_ok=True)  # gone after a commit; removed after a failure

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold the workspace's write lock (see the module's notes), waiting for another writer."""
        lock = self.path.with_name(f".{self.path.name}.lock")
        try:
            descriptor = os.open(lock, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError as exc:
            msg = _("Could not finish writing to the workspace {store}: {reason}. Nothing was "
                    "written; the workspace is as it was.",
                    store=self.location, reason=reason_of(exc))
            raise StoreError(msg) from exc
        try:
            _acquire(descriptor, store=self.location, timeout=_lock_timeout())
            yield
        finally:
            os.close(descriptor)  # closing the descriptor releases the lock

    def _step(self, layer: str | None, action, *args: object) -> None:
        """Run one step of a write (of ``layer``, or ``None`` for the bookkeeping), turning any
        failure into a :class:`StoreError`."""
        try:
            action(*args)
        except StoreError:
            raise
        except Exception as exc:
            key = N_(
                    "Could not finish writing to the workspace {store}: {reason}. Nothing was "
                    "written; the workspace is as it "
                    "was.") if layer is None else N_(
                    "Could not write layer '{layer}' to the workspace {store}: {reason}. Nothing "
                    "was written; the workspace is as it was.")
            msg = _(key, layer=layer, store=self.location, reason=reason_of(exc))
            raise StoreError(msg) from exc

    def _settle_wal(self) -> None:
        """Fold a left-over ``-wal`` file into the GeoPackage, or refuse if one is in use.

        SQLite keeps a ``-wal`` file only while a connection in WAL mode is open (QGIS editing
        the file). Renaming a new file under it would let that program's later writes land in
        the new file, so the write stops and says so, before touching anything. A ``-wal`` left
        by a program that died is folded in: its commits are the file's own.
        """
        wal = self.path.with_name(self.path.name + "-wal")
        if not wal.exists():
            return
        if _wal_in_use(self.path):  # checkpointing would write into the other program's file
            msg = _("The workspace {store} is open for writing in another program ({file} lies "
                    "beside it, for example from QGIS). Close it there and try again; nothing was "
                    "written.",
                    store=self.location, file=wal.name)
            raise StoreError(msg)
        with closing(sqlite3.connect(self.path, timeout=5)) as database:
            database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        if wal.exists():
            msg = _("The workspace {store} is open for writing in another program ({file} lies "
                    "beside it, for example from QGIS). Close it there and try again; nothing was "
                    "written.",
                    store=self.location, file=wal.name)
            raise StoreError(msg)

    def _write_one(self, target: Path, name: str, frame: pd.DataFrame) -> None:
        """Write (replace) one prepared layer into the GeoPackage ``target``."""
        pyogrio.write_dataframe(frame, target, layer=name, driver=DRIVER)

    def _append_provenance(self, target: Path, rows: pd.DataFrame) -> None:
        exists = target.is_file() and PROVENANCE_TABLE in self._list(target)
        pyogrio.write_dataframe(
            rows, target, layer=PROVENANCE_TABLE, driver=DRIVER, append=exists
        )

    def _write_styles(self, target: Path, frames: dict[str, pd.DataFrame],
                      provenance: pd.DataFrame) -> None:
        """Make each written layer's QGIS style its default row of ``layer_styles``.

        The rows qonys wrote before for these layers (``owner`` :data:`STYLE_OWNER`) go; styles
        a user saved stay, no longer the default. QGIS finds a GeoPackage layer's style by
        ``f_table_schema = ''``, the table and its geometry column.
        """
        styles = styles_for(frames, provenance)
        with closing(sqlite3.connect(target)) as database, database:
            found = database.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                                     "AND name = 'layer_styles'").fetchone()
            if found is None:
                _create_style_table(database)
            geometry = dict(database.execute(
                "SELECT table_name, column_name FROM gpkg_geometry_columns"))
            for name, style in styles.items():
                mine = (name, STYLE_OWNER)
                database.execute("DELETE FROM layer_styles WHERE f_table_schema = '' "
                                 "AND f_table_name = ? AND owner = ?", mine)
                if style is None or name not in geometry:
                    continue
                database.execute("UPDATE layer_styles SET useAsDefault = 0 WHERE "
                                 "f_table_schema = '' AND f_table_name = ?", (name,))
                database.execute(
                    "INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, "
                    "f_geometry_column, styleName, styleQML, styleSLD, useAsDefault, "
                    "description, owner, ui) VALUES ('', '', ?, ?, ?, ?, NULL, 1, ?, ?, NULL)",
                    (name, geometry[name], style.name, style.qml, style.description,
                     STYLE_OWNER))
            database.execute("UPDATE gpkg_contents SET last_change = " + _NOW + " "
                             "WHERE table_name = 'layer_styles'")
            write_project(database, self.path)  # the report's maps for QGIS, same write


# The table as QGIS creates it through GDAL (QgsOgrProviderMetadata::saveStyle: FID "id",
# widths 256/30, a boolean, a DATETIME defaulting to now), registered as attributes.
_NOW = "strftime('%Y-%m-%dT%H:%M:%fZ','now')"
_STYLE_TABLE_SQL = (
    'CREATE TABLE "layer_styles" ( "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, '
    '"f_table_catalog" TEXT(256), "f_table_schema" TEXT(256), "f_table_name" TEXT(256), '
    '"f_geometry_column" TEXT(256), "styleName" TEXT(30), "styleQML" TEXT, "styleSLD" TEXT, '
    '"useAsDefault" BOOLEAN, "description" TEXT, "owner" TEXT(30), "ui" TEXT(30), '
    f'"update_time" DATETIME DEFAULT ({_NOW}))'
)
# GDAL keeps feature counts in gpkg_ogr_contents, up to date through these triggers.
_COUNT_TRIGGERS = (
    'CREATE TRIGGER "trigger_{event}_feature_count_layer_styles" AFTER {upper} ON '
    '"layer_styles" BEGIN UPDATE gpkg_ogr_contents SET feature_count = feature_count {sign} 1 '
    "WHERE lower(table_name) = lower('layer_styles'); END"
)


def _create_style_table(database: sqlite3.Connection) -> None:
    database.execute(_STYLE_TABLE_SQL)
    database.execute(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, "
        f"last_change, srs_id) VALUES ('layer_styles', 'attributes', 'layer_styles', '', "
        f"{_NOW}, 0)")
    counts = database.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                              "AND name = 'gpkg_ogr_contents'").fetchone()
    if counts is not None:
        database.execute("INSERT INTO gpkg_ogr_contents (table_name, feature_count) "
                         "VALUES ('layer_styles', 0)")
        for event, sign in (("insert", "+"), ("delete", "-")):
            database.execute(_COUNT_TRIGGERS.format(event=event, upper=event.upper(),
                                                    sign=sign))


def _wal_in_use(path: Path) -> bool:
    """Whether another process has the GeoPackage open in WAL mode.

    Every SQLite connection in WAL mode holds a shared POSIX lock on one byte of the ``-shm``
    file (the "dead man switch" at offset 128 in SQLite's unix VFS) for as long as it is open;
    an exclusive lock on that byte is granted only when no other process holds one. POSIX
    locks never conflict within one process, so this sees other programs only, as wanted.
    """
    shm = path.with_name(path.name + "-shm")
    try:
        import fcntl
    except ImportError:  # no POSIX locks: assume the worst
        return shm.exists()
    try:
        descriptor = os.open(shm, os.O_RDWR)
    except FileNotFoundError:
        return False
    try:
        fcntl.lockf(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, _SHM_DMS_OFFSET)
    except OSError:
        return True
    else:
        fcntl.lockf(descriptor, fcntl.LOCK_UN, 1, _SHM_DMS_OFFSET)
        return False
    finally:
        os.close(descriptor)


_SHM_DMS_OFFSET = 128  # UNIX_SHM_DMS in SQLite's os_unix.c: 120 + SQLITE_SHM_NLOCK (8)


def _lock_timeout() -> float:
    value = os.environ.get("QONYS_LOCK_TIMEOUT")
    try:
        return float(value) if value else LOCK_TIMEOUT_S
    except ValueError:
        msg = _("QONYS_LOCK_TIMEOUT={value} is not a number of seconds. Give, for example, "
                "QONYS_LOCK_TIMEOUT=600.", value=value)
        raise StoreError(msg) from None


def _acquire(descriptor: int, *, store: str, timeout: float) -> None:
    """Take an exclusive ``flock`` on ``descriptor``, polling until ``timeout`` seconds."""
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks; writers there must not overlap
        return
    deadline = time.monotonic() + timeout
    waited = False
    while True:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                msg = _("The workspace {store} is busy: another qonys command has been writing to "
                        "it for {seconds} s. Wait for it to finish and try again "
                        "(QONYS_LOCK_TIMEOUT sets how long to wait); nothing was written.",
                        store=store, seconds=f"{timeout:g}")
                raise StoreError(msg) from None
            if not waited:
                log.warning(_("Another qonys command is writing to {store}: waiting for it to "
                              "finish, then writing these layers on top of its "
                              "result.", store=store))
                waited = True
            time.sleep(0.05)


def _copy_file(source: Path, target: Path) -> None:
    """Copy the GeoPackage to the temporary file, keeping its permissions.

    The copy is a plain file copy made while a read transaction holds SQLite's shared lock on
    the original: no other program can commit to it meanwhile, so the copy is a consistent
    snapshot (``_settle_wal`` has already refused a file with a live ``-wal``). It is several
    times faster than SQLite's page-by-page backup API on a large workspace.
    """
    uri = f"{source.resolve().as_uri()}?mode=ro"
    with closing(sqlite3.connect(uri, uri=True, isolation_level=None)) as original:
        original.execute("BEGIN")
        original.execute("SELECT count(*) FROM sqlite_master").fetchone()  # takes the lock
        shutil.copyfile(source, target)
        original.execute("ROLLBACK")
    shutil.copymode(source, target)


def _commit(temp: Path, path: Path) -> None:
    """Flush the finished temporary file to disk and rename it over the workspace."""
    with open(temp, "rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(temp, path)
    if os.name == "posix":  # make the rename itself durable
        descriptor = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
