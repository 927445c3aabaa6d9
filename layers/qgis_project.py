"""A QGIS project inside the GeoPackage: one file opens in QGIS as the report's maps.

QGIS keeps projects in a GeoPackage in a table ``qgis_projects`` (``name``, ``metadata``,
``content``; QGIS's ``QgsGeoPackageProjectStorage``): ``content`` is the zipped project (the
``.qgz`` bytes) written as hexadecimal text, ``metadata`` a small JSON document. QGIS lists it
under the GeoPackage in its browser and opens it as ``geopackage:<file>?projectName=qonys``.
The project is plain XML (``.qgs``) written here without QGIS, each layer carrying the style
of its ``layer_styles`` row (:mod:`layers.styles`), so that the two never differ.

The layer tree: one group per region (the region's readiness, its population gap and a
sub-group with one layer per network's headroom, each a view of the workspace layer filtered
to the region), then the scenarios and proposals, then the input data. Names are in the
current language (:func:`geo.i18n.tr`). Layers point at the GeoPackage by its absolute path,
written again with every write (a moved file's project points at the old place until the
next write).
"""

from __future__ import annotations

import io
import json
import re
import sqlite3
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pandas as pd
from pyproj import CRS

from geo.i18n import _, current_language
from geo.regions import region_label, region_order
from layers.styles import STYLE_OWNER, report_column_style
from layers.styles_qml import QGIS_VERSION
from layers.vocabulary import NETWORK_MESSAGES

__all__ = ["PROJECT_NAME", "project_xml", "write_project"]

#: The project's name in ``qgis_projects``: ``geopackage:<file>?projectName=qonys``.
PROJECT_NAME = "qonys"
#: Layers of each region's group, in this order: (table, group or ``None`` for the region's).
REGION_TABLES = ("readiness_units", "population_gap")
_GEOMETRY = {"POINT": "Point", "MULTIPOINT": "Point", "LINESTRING": "Line",
             "MULTILINESTRING": "Line", "POLYGON": "Polygon", "MULTIPOLYGON": "Polygon"}
_MODIFIED = "2000-01-01T00:00:00"  # fixed: the same workspace gives the same bytes


def write_project(database: sqlite3.Connection, path: Path, *,
                  name: str = PROJECT_NAME) -> None:
    """Write (or replace) the project ``name`` in the open GeoPackage ``database``.

    Parameters
    ----------
    database
        The GeoPackage, open for writing (inside the caller's transaction).
    path
        Where the GeoPackage will be: the layers' data source.
    name
        The project's name.
    """
    qgs = project_xml(database, path, title=_("Maps of the qonys report"))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        info = zipfile.ZipInfo(f"{name}.qgs", date_time=(2000, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(info, qgs.encode("utf-8"))
    metadata = json.dumps({"last_modified_time": _MODIFIED, "last_modified_user": STYLE_OWNER})
    database.execute("CREATE TABLE IF NOT EXISTS qgis_projects "
                     "(name TEXT PRIMARY KEY, metadata BLOB, content BLOB)")
    database.execute("DELETE FROM qgis_projects WHERE name = ?", (name,))
    database.execute("INSERT INTO qgis_projects (name, metadata, content) VALUES (?, ?, ?)",
                     (name, metadata, buffer.getvalue().hex()))


def project_xml(database: sqlite3.Connection, path: Path, *, title: str) -> str:
    """The ``.qgs`` document of the GeoPackage's geometry layers that have a qonys style."""
    styles = dict(database.execute(
        "SELECT f_table_name, styleQML FROM layer_styles WHERE useAsDefault = 1 "
        "AND owner = ? ORDER BY id", (STYLE_OWNER,))) if _has(database, "layer_styles") else {}
    geometry = {table: (kind, srs) for table, kind, srs in database.execute(
        "SELECT table_name, geometry_type_name, srs_id FROM gpkg_geometry_columns")}
    tables = [t for t in geometry if t in styles]
    root = ET.Element("qgis", {"projectname": title, "version": QGIS_VERSION})
    ET.SubElement(root, "title").text = title
    crs = ET.SubElement(root, "projectCrs")
    crs.append(_srs(4326))
    tree = ET.SubElement(root, "layer-tree-group")
    layers = ET.SubElement(root, "projectlayers")
    source = str(Path(path).resolve())

    def add(group: ET.Element, table: str, label: str, qml: str, *, subset: str = "",
            key: str = "") -> None:
        layer_id = re.sub(r"\W+", "_", f"{table}_{key}").strip("_")
        uri = f"{source}|layername={table}" + (f"|subset={subset}" if subset else "")
        ET.SubElement(group, "layer-tree-layer", {
            "id": layer_id, "name": label, "source": uri, "providerKey": "ogr",
            "checked": "Qt::Checked" if group.get("checked") != "Qt::Unchecked"
            else "Qt::Unchecked", "expanded": "0"})
        kind, srs = geometry[table]
        layers.append(_maplayer(layer_id, label, uri, _GEOMETRY.get(kind.upper(), "Polygon"),
                                srs, qml))

    used: set[str] = set()
    regions = _regions(database, tables)
    for index, region in enumerate(regions):
        group = _group(tree, _("Region: {region}", region=region_label(region, current_language())),
                       checked=index == 0)
        subset = f"\"region\" = '{region.replace(chr(39), chr(39) * 2)}'"
        for table in (t for t in REGION_TABLES if t in tables):
            add(group, table, _layer_label(table), styles[table], subset=subset, key=region)
            used.add(table)
        for table in (t for t in tables if t.startswith(f"grid_{region}_")):
            add(group, table, _layer_label(table), styles[table], key=region)
            used.add(table)
        headroom = [c for c in _columns(database, "readiness_units")
                    if re.fullmatch(r"headroom_\w+_actual", c)] if "readiness_units" in tables \
            else []
        if headroom:
            networks = _group(group, _("Headroom by network"), checked=False)
            # classes over every unit, as the layer's own style: one colour, one range
            frame = pd.read_sql_query(
                f'SELECT {", ".join(_quoted(c) for c in headroom)} FROM "readiness_units"',
                database).assign(
                **{c: None for c in _columns(database, "readiness_units") if c not in headroom
                   and not c.startswith(("geom", "fid"))})
            for column in headroom:
                if frame[column].notna().any():
                    style = report_column_style(frame, column=column, layer="readiness_units")
                    network = column.removeprefix("headroom_").removesuffix("_actual")
                    label = _(NETWORK_MESSAGES[network]) if network in NETWORK_MESSAGES else network
                    add(networks, "readiness_units", label, style.qml, subset=subset,
                        key=f"{region}_{column}")
    scenarios = [t for t in tables if t.startswith(("scenario_", "proposals_")) and t not in used]
    if scenarios:
        group = _group(tree, _("Scenarios and proposals"), checked=False)
        for table in scenarios:
            add(group, table, table, styles[table])
            used.add(table)
    rest = [t for t in tables if t not in used]
    if rest:
        group = _group(tree, _("Input data"), checked=False)
        for table in rest:
            add(group, table, table, styles[table])
    ET.indent(root)
    return ("<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
            + ET.tostring(root, encoding="unicode") + "\n")


def _maplayer(layer_id: str, label: str, uri: str, geometry: str, srs: int,
              qml: str) -> ET.Element:
    style = ET.fromstring(qml.split("\n", 1)[1])  # past the DOCTYPE line
    layer = ET.Element("maplayer", {"type": "vector", "geometry": geometry,
                                    "labelsEnabled": style.get("labelsEnabled", "0"),
                                    "styleCategories": "AllStyleCategories"})
    ET.SubElement(layer, "id").text = layer_id
    ET.SubElement(layer, "datasource").text = uri
    ET.SubElement(layer, "layername").text = label
    ET.SubElement(layer, "srs").append(_srs(srs))
    ET.SubElement(layer, "provider", {"encoding": "UTF-8"}).text = "ogr"
    for child in style:  # renderer-v2, labeling, aliases and the blending settings
        layer.append(child)
    return layer


def _srs(srs_id: int) -> ET.Element:
    element = ET.Element("spatialrefsys")
    crs = CRS.from_epsg(int(srs_id)) if int(srs_id) > 0 else CRS.from_epsg(4326)
    ET.SubElement(element, "wkt").text = crs.to_wkt()
    ET.SubElement(element, "authid").text = f"EPSG:{crs.to_epsg() or 4326}"
    return element


def _group(parent: ET.Element, name: str, *, checked: bool) -> ET.Element:
    return ET.SubElement(parent, "layer-tree-group", {
        "name": name, "checked": "Qt::Checked" if checked else "Qt::Unchecked",
        "expanded": "1" if checked else "0"})


def _regions(database: sqlite3.Connection, tables: list[str]) -> list[str]:
    table = next((t for t in REGION_TABLES if t in tables
                  and "region" in _columns(database, t)), None)
    if table is None:
        return []
    found = [r for (r,) in database.execute(
        f'SELECT DISTINCT region FROM "{table}" WHERE region IS NOT NULL')]
    return list(region_order(pd.Series(found, dtype=object)))


def _layer_label(table: str) -> str:
    if table == "readiness_units":
        return _("Readiness")
    if table == "population_gap":
        return _("Gap")
    return table


def _columns(database: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in database.execute(f"PRAGMA table_info({_quoted(table)})")]


def _has(database: sqlite3.Connection, table: str) -> bool:
    return database.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                            (table,)).fetchone() is not None


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
