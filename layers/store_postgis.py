"""The PostGIS workspace: every layer a table of one schema of a PostgreSQL database.

Opened with a URL such as ``postgresql://user:password@host:5432/database?schema=almaty``
(default schema ``public``, created on the first write). A write is one transaction:
PostgreSQL's DDL is transactional, so a failure rolls back every table dropped, created or
filled and every provenance row, and every QGIS style row of ``layer_styles``.

Each layer table has a ``fid`` primary key (the order the rows were written, as in a
GeoPackage, and the unique key QGIS asks for), its geometry in a typed column ``geometry`` with
the EPSG code of the layer's CRS as SRID, and a GiST index on it.

Rows go in with ``COPY`` and psycopg's own adapters. geopandas' ``to_postgis`` writes through
CSV, where an empty string becomes NULL; it is not used.

SQLAlchemy, GeoAlchemy2 and psycopg are imported when a store is opened, never before.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

import geopandas as gpd
import pandas as pd

from geo.errors import StoreError, missing_dependency
from geo.i18n import _
from layers.provenance import PROVENANCE_FIELDS, PROVENANCE_TABLE, Provenance, provenance_rows
from layers.store import Store, reason_of, redact_url
from layers.store_frames import FID, GEOMETRY
from layers.styles import STYLE_OWNER, styles_for

DEFAULT_SCHEMA = "public"
SCHEMA_RULE = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
CONNECT_TIMEOUT_S = 10


def _import_sqlalchemy():  # -> the sqlalchemy module
    """Import the optional PostGIS stack, or raise the install hint."""
    try:
        import geoalchemy2  # noqa: F401  (registers the geometry type and its DDL events)
        import psycopg  # noqa: F401
        import sqlalchemy
    except ImportError as exc:
        known = {"sqlalchemy", "geoalchemy2", "psycopg"}
        name = (exc.name or "").split(".")[0]
        package = name if name in known else "geoalchemy2"
        raise missing_dependency(package, extra="postgis", purpose="a PostGIS workspace") from exc
    return sqlalchemy


def connection_url(sa, url: str) -> tuple[Any, str | None]:
    """The SQLAlchemy URL to connect with, and the ``?schema=`` the URL asks for.

    The URL loses qonys's own ``schema`` parameter (libpq would refuse it) and a plain
    ``postgresql://`` gets the psycopg 3 driver. Raises SQLAlchemy's error for a malformed URL.
    """
    parsed = sa.engine.make_url(url)
    schema = parsed.query.get("schema")
    schema = schema[-1] if isinstance(schema, tuple) else schema
    parsed = parsed.difference_update_query(["schema"])
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed, schema


class PostGISStore(Store):
    """A workspace in one schema of a PostgreSQL database with PostGIS.

    Parameters
    ----------
    url
        ``postgresql://`` URL, optionally with ``?schema=NAME``. Without a driver the
        ``psycopg`` (3) driver is used.

    Raises
    ------
    StoreError
        If the server cannot be reached, the database has no PostGIS, or the schema name is
        not valid.
    MissingDependencyError
        If SQLAlchemy, GeoAlchemy2 or psycopg is not installed.
    """

    def __init__(self, url: str) -> None:
        super().__init__(redact_url(url))
        sa = self._sa = _import_sqlalchemy()
        try:
            parsed, schema = connection_url(sa, url)
        except Exception as exc:
            msg = _("Cannot tell what kind of workspace '{store}' is: name a GeoPackage file "
                    "ending in .gpkg or a PostgreSQL URL "
                    "(postgresql://user@host:5432/database).", store=self.location)
            raise StoreError(msg) from exc
        schema = DEFAULT_SCHEMA if schema is None else schema
        if not SCHEMA_RULE.match(schema):
            msg = _("'{schema}' is not a valid schema name in {store}: it must match {rule}.",
                    schema=schema, store=self.location,
                     rule=SCHEMA_RULE.pattern)
            raise StoreError(msg)
        self.schema: str = schema
        timeout = {"connect_timeout": CONNECT_TIMEOUT_S}
        if "connect_timeout" in parsed.query:
            timeout = {}
        self._password = parsed.password or ""
        self._engine = sa.create_engine(parsed, connect_args=timeout, pool_pre_ping=True)
        try:
            with self._engine.connect() as conn:
                query = "SELECT 1 FROM pg_extension WHERE extname = 'postgis'"
                has_postgis = conn.execute(sa.text(query)).first() is not None
        except Exception as exc:
            self._engine.dispose()
            msg = _("Could not connect to the PostgreSQL workspace {store}: {reason}. Check the "
                    "host, port, database, user and password, and that the server is running.",
                    store=self.location, reason=self._reason(exc))
            raise StoreError(msg) from None  # the chained error may quote the URL
        if not has_postgis:
            self._engine.dispose()
            msg = _("The database {store} has no PostGIS extension. Ask its administrator to run: "
                    "CREATE EXTENSION postgis;", store=self.location)
            raise StoreError(msg)
        self._provenance = _provenance_table(sa, schema)

    def close(self) -> None:
        """Close every pooled connection."""
        if not self._closed:
            self._engine.dispose()
        super().close()

    def _reason(self, exc: BaseException) -> str:
        reason = reason_of(exc)
        return reason.replace(self._password, "***") if self._password else reason

    def _run(self, layer: str | None, action, *args: object) -> Any:
        """Run one database step, turning any failure into a :class:`StoreError`."""
        try:
            return action(*args)
        except StoreError:
            raise
        except Exception as exc:
            reason = self._reason(exc)
            if layer is None:
                msg = _("Could not finish writing to the workspace {store}: {reason}. Nothing was "
                        "written; the workspace is as it was.",
                        store=self.location, reason=reason)
            else:
                msg = _("Could not write layer '{layer}' to the workspace {store}: {reason}. "
                        "Nothing was written; the workspace is as it was.",
                        layer=layer, store=self.location, reason=reason)
            raise StoreError(msg) from exc

    def _read_step(self, layer: str, action, *args: object) -> Any:
        try:
            with self._engine.connect() as conn:
                return action(conn, *args)
        except StoreError:
            raise
        except Exception as exc:
            msg = _("Could not read '{layer}' from the workspace {store}: {reason}.",
                    layer=layer, store=self.location,
                     reason=self._reason(exc))
            raise StoreError(msg) from exc

    # --- reading ------------------------------------------------------------------------------

    def _table_names(self) -> list[str]:
        def names(conn) -> list[str]:
            return self._sa.inspect(conn).get_table_names(schema=self.schema)

        return self._read_step(self.schema, names)

    def _has_table(self, name: str) -> bool:
        def has(conn) -> bool:
            return self._sa.inspect(conn).has_table(name, schema=self.schema)

        return self._read_step(name, has)

    def _read(self, name: str) -> tuple[pd.DataFrame, dict[str, str]]:
        return self._read_step(name, self._read_table, name)

    def _read_table(self, conn, name: str) -> tuple[pd.DataFrame, dict[str, str]]:
        sa = self._sa
        described = sa.inspect(conn).get_columns(name, schema=self.schema)
        columns = [c["name"] for c in described]
        hints = {c["name"]: "boolean" for c in described if isinstance(c["type"], sa.Boolean)}
        for kind, sql_type in (("integer", sa.Integer), ("float", sa.Float)):
            hints.update({c["name"]: kind for c in described if isinstance(c["type"], sql_type)})
        table = sa.table(name, *(sa.column(c) for c in columns), schema=self.schema)
        query = sa.select(table)
        if FID in columns:
            query = query.order_by(table.c[FID])
        found = conn.execute(
            sa.text(
                "SELECT f_geometry_column, srid FROM geometry_columns "
                "WHERE f_table_schema = :schema AND f_table_name = :name"
            ),
            {"schema": self.schema, "name": name},
        ).first()
        if found is None:
            frame = pd.read_sql(query, conn)
        else:
            column, srid = found
            crs = f"EPSG:{srid}" if srid else None
            frame = gpd.read_postgis(query, conn, geom_col=column, crs=crs)
            if column != GEOMETRY:
                frame = frame.rename_geometry(GEOMETRY)
        return (frame.drop(columns=[FID]) if FID in columns else frame), hints

    def _provenance_rows(self) -> list[Provenance]:
        def rows(conn) -> list[Provenance]:
            table = self._provenance
            if not self._sa.inspect(conn).has_table(table.name, schema=self.schema):
                return []
            result = conn.execute(self._sa.select(table).order_by(table.c.id))
            return provenance_rows(pd.DataFrame(result.mappings().all()))

        return self._read_step(PROVENANCE_TABLE, rows)

    # --- writing ------------------------------------------------------------------------------

    def _write_all(self, frames: dict[str, pd.DataFrame], provenance: pd.DataFrame) -> None:
        try:
            with self._engine.begin() as conn:
                self._run(None, self._ensure_schema, conn)
                for name, frame in frames.items():
                    self._run(name, self._write_one, conn, name, frame)
                self._run(None, self._append_provenance, conn, provenance)
                self._run(None, self._write_styles, conn, frames, provenance)
        except StoreError:
            raise
        except Exception as exc:  # the commit itself failed
            msg = _("Could not finish writing to the workspace {store}: {reason}. Nothing was "
                    "written; the workspace is as it was.",
                    store=self.location, reason=self._reason(exc))
            raise StoreError(msg) from exc

    def _ensure_schema(self, conn) -> None:
        # Not CREATE SCHEMA IF NOT EXISTS: PostgreSQL checks the right to create schemas
        # first, so a user allowed only into an existing schema would be refused.
        if not self._sa.inspect(conn).has_schema(self.schema):
            conn.execute(self._sa.schema.CreateSchema(self.schema))

    def _write_one(self, conn, name: str, frame: pd.DataFrame) -> None:
        """Replace one table with a prepared frame, inside the write's transaction."""
        sa = self._sa
        target = sa.Table(name, sa.MetaData(), schema=self.schema)
        target.drop(conn, checkfirst=True)
        data = pd.DataFrame(frame, copy=True)
        data.insert(0, FID, pd.RangeIndex(1, len(data) + 1, dtype="int64").to_numpy())
        dtype = {}
        if isinstance(frame, gpd.GeoDataFrame):
            column_type, data[GEOMETRY] = _ewkb(frame)
            dtype[GEOMETRY] = column_type
        data.to_sql(name, conn, schema=self.schema, index=False, dtype=dtype, method=_copy_rows)
        quote = conn.dialect.identifier_preparer
        table = quote.format_table(target)
        conn.execute(sa.text(f"ALTER TABLE {table} ADD PRIMARY KEY ({quote.quote(FID)})"))
        if dtype:
            index = quote.quote(_index_name(name))
            conn.execute(sa.text(
                f"CREATE INDEX {index} ON {table} USING GIST ({quote.quote(GEOMETRY)})"
            ))

    def _append_provenance(self, conn, rows: pd.DataFrame) -> None:
        self._provenance.create(conn, checkfirst=True)
        conn.execute(self._provenance.insert(), rows.to_dict(orient="records"))

    def _write_styles(self, conn, frames: dict[str, pd.DataFrame],
                      provenance: pd.DataFrame) -> None:
        """Make each written layer's QGIS style its default row of ``layer_styles``.

        QGIS reads ``layer_styles`` unqualified, so the table is the one the connection's
        ``search_path`` finds (``public.layer_styles`` by default), created as QGIS would; the
        store's schema is named in ``f_table_schema``. A user without the rights to create or
        write that table gets one in the store's schema instead (QGIS finds it when that schema
        is on its search path): styles never stop a write that the layers allow. Rows qonys
        wrote before for these layers (``owner`` :data:`STYLE_OWNER`) go; styles a user saved
        stay, no longer the default. ``type`` stays NULL, which every QGIS accepts (QGIS 3.22
        puts a geometry type there, later versions the layer type).
        """
        styles = styles_for(frames, provenance)
        preparer = conn.dialect.identifier_preparer
        try:
            with conn.begin_nested():  # a savepoint: a refusal must not end the write
                self._write_style_rows(conn, "layer_styles", styles)
        except self._sa.exc.DBAPIError as exc:
            # insufficient_privilege, or no schema on the search path to create it in
            if getattr(exc.orig, "sqlstate", None) not in ("42501", "3F000"):
                raise
            self._write_style_rows(conn, f"{preparer.quote(self.schema)}.layer_styles", styles)

    def _write_style_rows(self, conn, table: str, styles: dict) -> None:
        """Write the rows into ``table`` (a name as SQL gives it), created if missing."""
        sa = self._sa
        if conn.execute(sa.text("SELECT to_regclass(:t)"), {"t": table}).scalar() is None:
            conn.execute(sa.text(_STYLE_TABLE_SQL.format(table=table)))
        catalog = conn.execute(sa.text("SELECT current_database()")).scalar_one()
        for name, style in styles.items():
            where = ("f_table_catalog = :catalog AND f_table_schema = :schema "
                     "AND f_table_name = :name")
            values = {"catalog": catalog, "schema": self.schema, "name": name}
            conn.execute(sa.text(f"DELETE FROM {table} WHERE {where} AND owner = :owner"),
                         {**values, "owner": STYLE_OWNER})
            if style is None:
                continue
            conn.execute(sa.text(f"UPDATE {table} SET useasdefault = false WHERE {where}"),
                         values)
            conn.execute(sa.text(
                f"INSERT INTO {table} (f_table_catalog, f_table_schema, f_table_name, "
                "f_geometry_column, stylename, styleqml, stylesld, useasdefault, description, "
                "owner) VALUES (:catalog, :schema, :name, :geometry, :style_name, "
                "XMLPARSE(DOCUMENT :qml), NULL, true, :description, :owner)"
            ), {**values, "geometry": GEOMETRY, "style_name": style.name, "qml": style.qml,
                "description": style.description, "owner": STYLE_OWNER})


# QGIS's own DDL (QgsPostgresUtils::createStylesTable); the table name is the only change.
_STYLE_TABLE_SQL = (
    "CREATE TABLE {table}(id SERIAL PRIMARY KEY, f_table_catalog varchar, "
    "f_table_schema varchar, f_table_name varchar, f_geometry_column varchar, styleName text, "
    "styleQML xml, styleSLD xml, useAsDefault boolean, description text, "
    "owner varchar(63) DEFAULT CURRENT_USER, ui xml, "
    "update_time timestamp DEFAULT CURRENT_TIMESTAMP, type varchar, r_raster_column varchar)"
)


def _ewkb(frame) -> tuple[Any, Any]:
    """The GeoAlchemy2 column type of a GeoDataFrame's geometry and its values as hex EWKB."""
    import shapely
    from geoalchemy2 import Geometry

    srid = frame.crs.to_epsg()
    series = frame.geometry
    kinds = series.geom_type.dropna().unique()
    geometry_type = kinds[0].upper() if len(kinds) == 1 else "GEOMETRY"
    if series.has_z.any():
        geometry_type += "Z"
    values = shapely.set_srid(series.array.to_numpy(), srid)
    ewkb = shapely.to_wkb(values, hex=True, include_srid=True)
    column_type = Geometry(geometry_type=geometry_type, srid=srid, spatial_index=False)
    return column_type, ewkb


def _index_name(layer: str) -> str:
    """``<layer>_geometry_idx``, shortened with a hash to PostgreSQL's 63 bytes."""
    name = f"{layer}_geometry_idx"
    if len(name) <= 63:
        return name
    digest = hashlib.sha256(layer.encode("utf-8")).hexdigest()[:8]
    return f"{layer[:63 - len(digest) - 15]}_{digest}_geometry_idx"


def _copy_rows(table, conn, keys: list[str], data_iter) -> None:
    """pandas ``to_sql`` method: the rows through ``COPY ... FROM STDIN`` with psycopg."""
    preparer = conn.dialect.identifier_preparer
    columns = ", ".join(preparer.quote(key) for key in keys)
    sql = f"COPY {preparer.format_table(table.table)} ({columns}) FROM STDIN"
    with conn.connection.cursor() as cursor, cursor.copy(sql) as copy:
        for row in data_iter:
            copy.write_row(row)


def _provenance_table(sa, schema: str):  # -> sqlalchemy.Table
    text_columns = [
        sa.Column(name, sa.Text, nullable=name in ("crs_found", "crs_used", "encoding"))
        for name in PROVENANCE_FIELDS
        if name != "row_count"
    ]
    return sa.Table(
        PROVENANCE_TABLE,
        sa.MetaData(),
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        *text_columns,
        sa.Column("row_count", sa.BigInteger, nullable=False),
        schema=schema,
    )
