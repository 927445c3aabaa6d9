"""Read a table from a PostGIS database as a source (``qonys load postgresql://… --layer T``).

The table is named by the user (``schema.table`` or ``table`` for ``public``): it is looked up
in the database's catalogue with bound parameters and read through SQLAlchemy's reflected
:class:`~sqlalchemy.Table`, so the name never becomes SQL text. SQLAlchemy, GeoAlchemy2 and
psycopg are imported here only (``pip install 'qonys[postgis]'``).
"""

from __future__ import annotations

from geo.errors import InputFileError, missing_dependency
from geo.i18n import _
from layers.file_checks import check_field_names
from layers.provenance import checksum_of_frame
from layers.sources import SourceData, crs_label
from layers.store import redact_url


def read_postgis_table(url: str, *, layer: str | None) -> SourceData:
    """Read one table of a PostGIS database.

    Parameters
    ----------
    url
        ``postgresql://user@host:port/database``.
    layer
        ``schema.table`` or ``table`` (schema ``public``).

    Returns
    -------
    SourceData
        A GeoDataFrame with the table's CRS (its SRID) when it has a geometry column, else a
        DataFrame. The checksum is of the data read.

    Raises
    ------
    InputFileError
        If the database cannot be reached, the table is not named, or does not exist.
    """
    try:
        import geopandas as gpd
        import sqlalchemy as sa
    except ImportError as exc:
        raise missing_dependency("sqlalchemy", extra="postgis",
                                 purpose="reading PostGIS tables") from exc
    shown = redact_url(url)
    if not layer:
        raise InputFileError(_("To load from {url}, name the table: --layer "
                               "schema.table.", url=shown))
    schema, __, table_name = layer.rpartition(".")
    schema = schema or "public"
    from layers.store_postgis import CONNECT_TIMEOUT_S, connection_url

    try:
        parsed, __ = connection_url(sa, url)
    except Exception as exc:
        raise InputFileError(_("Could not read {file}: {reason}. Check that the file is complete "
                               "and of the format its extension says.",
                               file=shown, reason=exc)) from exc
    engine = sa.create_engine(parsed, connect_args={"connect_timeout": CONNECT_TIMEOUT_S})
    try:
        with engine.connect() as connection:
            exists = connection.execute(
                sa.text("SELECT 1 FROM information_schema.tables "
                        "WHERE table_schema = :schema AND table_name = :name"),
                {"schema": schema, "name": table_name},
            ).first()
            if exists is None:
                raise InputFileError(_("The database {url} has no table {layer}. Check the schema "
                                       "and the name (--layer "
                                       "schema.table).", url=shown, layer=layer))
            geometry = connection.execute(
                sa.text("SELECT f_geometry_column, srid FROM geometry_columns "
                        "WHERE f_table_schema = :schema AND f_table_name = :name"),
                {"schema": schema, "name": table_name},
            ).first()
            table = sa.Table(table_name, sa.MetaData(), schema=schema, autoload_with=connection)
            # "KATO" and kato are two columns in PostgreSQL but one in a GeoPackage
            check_field_names([c.name for c in table.columns
                               if geometry is None or c.name != geometry[0]],
                              f"{schema}.{table_name}")
            query = sa.select(table)
            if geometry is None:
                import pandas as pd

                frame = pd.read_sql(query, connection)
            else:
                column, srid = geometry
                frame = gpd.read_postgis(query, connection, geom_col=column,
                                         crs=f"EPSG:{srid}" if srid else None)
    except InputFileError:
        raise
    except Exception as exc:  # the driver's and SQLAlchemy's errors alike
        reason = " ".join(str(getattr(exc, "orig", None) or exc).split())[:300]
        raise InputFileError(_("Could not read {file}: {reason}. Check that the file is complete "
                               "and of the format its extension says.",
                               file=f"{shown} {layer}", reason=reason)) \
            from exc
    finally:
        engine.dispose()
    return SourceData(frame=frame, source=f"{shown} {schema}.{table_name}",
                      checksum=checksum_of_frame(frame), encoding="utf-8",
                      crs_found=crs_label(getattr(frame, "crs", None)))
