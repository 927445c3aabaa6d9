"""Coordinate reference systems for Kazakhstan.

Kazakhstan spans UTM zones 41N to 44N (EPSG:32641–32644). Metric work (areas, distances,
town discs, simplification) happens in the zone of the region's centre; layers are stored in
WGS 84.
"""

from __future__ import annotations

WGS84 = "EPSG:4326"

#: An equal-area projection for all of Kazakhstan (Lambert azimuthal, centred at 68°E 48°N):
#: areas of districts anywhere in the country within 0.1 % of the geodesic area.
KAZAKHSTAN_EQUAL_AREA = "+proj=laea +lat_0=48 +lon_0=68 +x_0=0 +y_0=0 +ellps=WGS84 +units=m"

#: UTM zones that cover Kazakhstan, northern hemisphere, WGS 84.
KAZAKHSTAN_UTM_ZONES = (41, 42, 43, 44)


def utm_epsg(lon: float, lat: float) -> int:
    """EPSG code of the WGS 84 UTM zone (north) holding a point in Kazakhstan.

    Parameters
    ----------
    lon, lat
        Degrees, WGS 84.

    Returns
    -------
    int
        One of 32641–32644.

    Raises
    ------
    ValueError
        If the point lies outside Kazakhstan's UTM zones or south of the equator.

    Examples
    --------
    >>> utm_epsg(76.95, 43.25)  # Almaty
    32643
    >>> utm_epsg(71.43, 51.13)  # Astana
    32642
    """
    zone = int((lon + 180.0) // 6.0) + 1
    if zone not in KAZAKHSTAN_UTM_ZONES or not 0.0 <= lat <= 84.0:
        msg = (
            f"The point lon={lon}, lat={lat} lies in UTM zone {zone}, outside Kazakhstan's "
            f"zones {KAZAKHSTAN_UTM_ZONES[0]}N–{KAZAKHSTAN_UTM_ZONES[-1]}N. Check that longitude "
            "and latitude are not swapped and that the coordinates are in degrees (WGS 84)."
        )
        raise ValueError(msg)
    return 32600 + zone
