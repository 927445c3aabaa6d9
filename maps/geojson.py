"""Compact GeoJSON for web maps: WGS 84, 5 decimals, only the properties a map needs.

geopandas' own ``to_json`` writes ``bbox`` and ``id`` into every feature and pads with spaces,
about half of a choropleth's size (DESIGN.md, "Known traps"). Here a feature carries its
geometry and the few properties its layer draws; coordinates are rounded to 5 decimals (about
1 m), which is finer than any boundary a planning map shows.

Examples
--------
>>> import geopandas as gpd
>>> from shapely.geometry import Point
>>> gdf = gpd.GeoDataFrame(geometry=[Point(76.123456789, 43.2)], crs="EPSG:4326")
>>> feature_collection(gdf, [{"k": 0}])["features"][0]["geometry"]["coordinates"]
(76.12346, 43.2)
"""

from __future__ import annotations

import logging
from typing import Any

import geopandas as gpd
import numpy as np
import shapely

from geo.errors import CRSError
from geo.i18n import tr

log = logging.getLogger(__name__)

DECIMALS = 5
WGS84 = "EPSG:4326"


def to_wgs84(gdf: gpd.GeoDataFrame, *, name: str = "") -> gpd.GeoDataFrame:
    """``gdf`` in longitude/latitude (EPSG:4326), as web maps draw it.

    Raises
    ------
    geo.errors.CRSError
        If ``gdf`` has no CRS: guessing one would put the map in the wrong place.
    """
    if gdf.crs is None:
        raise CRSError(tr("maps.err.no_crs", layer=name))
    return gdf if gdf.crs.equals(WGS84) else gdf.to_crs(WGS84)


def round_geometries(geometries: gpd.GeoSeries, decimals: int = DECIMALS) -> np.ndarray:
    """The geometries with every coordinate rounded to ``decimals`` places.

    ``round(x * 10**d) / 10**d`` gives the double nearest to a decimal of ``d`` places, so the
    JSON writer prints it with at most ``d`` decimals.
    """
    return shapely.transform(np.asarray(geometries.values), lambda xy: np.round(xy, decimals))


def feature_collection(
    gdf: gpd.GeoDataFrame, properties: list[dict[str, Any]]
) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of ``gdf``'s geometries with the given properties.

    Parameters
    ----------
    gdf
        Geometries in EPSG:4326 (see :func:`to_wgs84`).
    properties
        One dict per row of ``gdf``, in order: the only properties written.

    Returns
    -------
    dict
        ``{"type": "FeatureCollection", "features": [...]}`` with no ``bbox`` or ``id``.
        Rows with a missing or empty geometry are left out (and logged): there is nothing to
        draw.
    """
    if len(properties) != len(gdf):
        msg = f"{len(properties)} property rows for {len(gdf)} features."
        raise ValueError(msg)
    geometries = round_geometries(gdf.geometry)
    features = []
    for geometry, props in zip(geometries, properties, strict=True):
        if geometry is None or geometry.is_empty:
            continue
        shape = geometry.__geo_interface__
        features.append({"type": "Feature", "properties": props, "geometry": shape})
    if len(features) < len(gdf):
        log.warning("%d features without geometry left off the map", len(gdf) - len(features))
    return {"type": "FeatureCollection", "features": features}


def bounds(gdfs: list[gpd.GeoDataFrame]) -> list[list[float]] | None:
    """``[[south, west], [north, east]]`` around all ``gdfs`` (EPSG:4326), or ``None`` if empty."""
    boxes = [g.total_bounds for g in gdfs if len(g) and not g.geometry.is_empty.all()]
    boxes = [b for b in boxes if np.all(np.isfinite(b))]
    if not boxes:
        return None
    stacked = np.vstack(boxes)
    west, south = stacked[:, 0].min(), stacked[:, 1].min()
    east, north = stacked[:, 2].max(), stacked[:, 3].max()
    return [[round(float(south), DECIMALS), round(float(west), DECIMALS)],
            [round(float(north), DECIMALS), round(float(east), DECIMALS)]]
