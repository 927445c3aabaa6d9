"""Web maps' frame: data in longitude/latitude (WGS 84) and the box around it.

The geometry itself reaches the page through :mod:`maps.encode` (shared, quantised, compact).

Examples
--------
>>> import geopandas as gpd
>>> from shapely.geometry import Point
>>> gdf = gpd.GeoDataFrame(geometry=[Point(76.123456789, 43.2)], crs="EPSG:4326")
>>> bounds([gdf])
[[43.2, 76.12346], [43.2, 76.12346]]
"""

from __future__ import annotations

import logging

import geopandas as gpd
import numpy as np

from geo.errors import CRSError
from geo.i18n import _

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
        raise CRSError(_("The layer '{layer}' has no coordinate reference system (CRS), so it "
                         "cannot be mapped. Set one when loading it.", layer=name))
    return gdf if gdf.crs.equals(WGS84) else gdf.to_crs(WGS84)


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
