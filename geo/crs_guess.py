"""Guess a layer's coordinate reference system from its bounds, for files without a ``.prj``.

Coordinates alone show the kind of numbers (degrees, Gauss-Krüger metres with a zone prefix,
plain transverse Mercator metres) but never the datum: only degrees inside Kazakhstan are taken
as certain (WGS 84, what GPS, OpenStreetMap and spreadsheets use). Everything else comes back as
candidates with a message that says which ``--crs`` to give.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from geo.i18n import N_, _
from geo.sk42 import KAZAKHSTAN_GK_ZONES, gk_zone_crs

# Kazakhstan's bounding box in degrees: EPSG extent 1131 "Kazakhstan" is lon 46.49–87.35,
# lat 40.59–55.45 (PROJ 9.5.1 proj.db; the geokz 2024 oblast boundaries in
# ../shared/geodata span 46.492–87.313, 40.591–55.432), rounded outward to 0.1°.
KAZAKHSTAN_LON = (46.4, 87.4)
KAZAKHSTAN_LAT = (40.5, 55.5)

# Northings of Kazakhstan in a transverse Mercator zone: 40.5°N is 4 483 km (UTM) to 4 485 km
# (Gauss-Krüger), 55.5°N 6 150 to 6 153 km on the central meridian; with a margin.
NORTHING = (4_400_000.0, 6_200_000.0)
# Eastings inside a zone: 500 000 m on the central meridian, about ±255 km at the edge of a 6°
# zone at 40°N (256 km); ±400 km keeps layers that run a little past their zone's edge.
ZONE_EASTING = (100_000.0, 900_000.0)

#: WGS 84 UTM zones north that cover Kazakhstan (46.49°E is in zone 38, 87.35°E in zone 45).
KAZAKHSTAN_UTM = tuple(f"EPSG:{32600 + zone}" for zone in range(38, 46))
#: SK-42 6° Gauss-Krüger zones without prefix that cover Kazakhstan (CM 45°E–87°E).
KAZAKHSTAN_GK_PLAIN = tuple(gk_zone_crs(zone, prefix=False) for zone in KAZAKHSTAN_GK_ZONES)


@dataclass(frozen=True)
class CrsGuess:
    """What the bounds of a layer say about its CRS.

    Attributes
    ----------
    crs
        The CRS when it is certain (``"EPSG:4326"``), else None.
    swapped
        True when only the reading with x as latitude and y as longitude fits Kazakhstan.
    zone
        The Gauss-Krüger zone read from an easting's prefix, else None.
    candidates
        CRSs that fit the numbers, most likely first; empty when nothing fits.
    message
        A translated explanation that names the bounds seen and the fix.
    """

    crs: str | None
    swapped: bool
    zone: int | None
    candidates: tuple[str, ...]
    message: str


def _within(low: float, high: float, limits: tuple[float, float]) -> bool:
    return limits[0] <= low and high <= limits[1]


def _bounds_text(bounds: tuple[float, float, float, float]) -> str:
    minx, miny, maxx, maxy = bounds
    digits = 4 if max(abs(v) for v in bounds) < 1000 else 0
    return f"x {minx:.{digits}f} … {maxx:.{digits}f}, y {miny:.{digits}f} … {maxy:.{digits}f}"


def guess_crs(bounds: tuple[float, float, float, float], *, lang: str | None = None
              ) -> CrsGuess:
    """Guess the CRS of a layer in Kazakhstan from its bounds.

    The rules, in order:

    1. x within Kazakhstan's longitudes (46.4–87.4) and y within its latitudes (40.5–55.5):
       WGS 84 degrees, certain (``crs="EPSG:4326"``). Where the swapped reading fits as well
       (both axes inside 46.4–55.5, western Kazakhstan), this unswapped reading wins and the
       message says how to swap if x is in fact the latitude.
    2. Only the swapped reading fits: ``swapped=True``, no CRS, and the message says to swap
       the columns.
    3. Eastings of one 6° Gauss-Krüger zone with its number in front (zone·10⁶ + 100 000 to
       zone·10⁶ + 900 000, zones 8–15) and northings 4.4–6.2·10⁶: SK-42 of that zone is the
       candidate (``zone`` set), not certain, since the datum cannot be read from numbers.
    4. Plain eastings (100 000–900 000) and the same northings: ambiguous between UTM 38N–45N
       and SK-42 Gauss-Krüger without prefix (CM 45°E–87°E).
    5. Anything else, or no finite bounds: not recognised.

    Parameters
    ----------
    bounds
        ``(minx, miny, maxx, maxy)`` of the layer, as ``GeoDataFrame.total_bounds`` gives them.
    lang
        Language of the message; None for the current one.

    Returns
    -------
    CrsGuess

    Raises
    ------
    ValueError
        If ``bounds`` is not four numbers with min ≤ max (a caller's mistake, not a user's).

    Examples
    --------
    >>> guess_crs((76.85, 43.18, 77.05, 43.35)).crs  # Almaty, degrees
    'EPSG:4326'
    >>> g = guess_crs((13_540_000, 4_780_000, 13_560_000, 4_800_000))
    >>> g.crs, g.zone, g.candidates
    (None, 13, ('EPSG:28413',))
    """
    values = tuple(float(v) for v in bounds)
    if len(values) != 4:
        msg = f"bounds must be (minx, miny, maxx, maxy), got {bounds!r}"
        raise ValueError(msg)
    minx, miny, maxx, maxy = values
    if not all(math.isfinite(v) for v in values):  # an empty layer's total_bounds are NaN
        return CrsGuess(None, False, None, (), _("The layer has no coordinates to recognise its "
                                                 "coordinate system from. Give it with --crs (for "
                                                 "example --crs EPSG:4326).", lang=lang))
    if minx > maxx or miny > maxy:
        msg = f"bounds must be (minx, miny, maxx, maxy) with min <= max, got {bounds!r}"
        raise ValueError(msg)
    text = _bounds_text(values)

    straight = _within(minx, maxx, KAZAKHSTAN_LON) and _within(miny, maxy, KAZAKHSTAN_LAT)
    swapped = _within(minx, maxx, KAZAKHSTAN_LAT) and _within(miny, maxy, KAZAKHSTAN_LON)
    if straight:
        key = N_(
                "The coordinates ({bounds}) are degrees that fall inside Kazakhstan read either "
                "way round (western Kazakhstan): they are read with x as longitude and y as "
                "latitude, WGS 84 (EPSG:4326). If x holds the latitude, swap the columns in the "
                "file or with --map.") if swapped else N_(
                "The coordinates ({bounds}) are degrees inside Kazakhstan: they are read as WGS "
                "84 longitude and latitude (EPSG:4326). If they are SK-42 degrees, give --crs "
                "EPSG:4284.")
        return CrsGuess("EPSG:4326", False, None, ("EPSG:4326",),
                        _(key, lang=lang, bounds=text))
    if swapped:
        return CrsGuess(None, True, None, ("EPSG:4326",),
                        _("The coordinates ({bounds}) fit Kazakhstan only with latitude and "
                          "longitude swapped: x holds the latitude and y the longitude. Swap the "
                          "two columns in the file, or map them the other way round with --map, "
                          "and load again.", lang=lang, bounds=text))

    if _within(miny, maxy, NORTHING):
        zone = int(minx // 1_000_000)
        if zone in KAZAKHSTAN_GK_ZONES and _within(minx - zone * 1e6, maxx - zone * 1e6,
                                                   ZONE_EASTING):
            crs = gk_zone_crs(zone)
            return CrsGuess(None, False, zone, (crs,),
                            _("The coordinates ({bounds}) look like metres of SK-42 (Pulkovo "
                              "1942) Gauss-Krüger zone {zone}, with the zone number in front of "
                              "the easting. Coordinates cannot show the datum: if the data are "
                              "SK-42, give --crs {crs}.",
                              lang=lang, bounds=text, zone=zone,
                               crs=crs))
        if _within(minx, maxx, ZONE_EASTING):
            utm = f"{KAZAKHSTAN_UTM[0]}–{KAZAKHSTAN_UTM[-1][5:]}, 38N–45N"
            gk = f"{KAZAKHSTAN_GK_PLAIN[0]}–{KAZAKHSTAN_GK_PLAIN[-1][5:]}, CM 45°–87°"
            return CrsGuess(None, False, None, KAZAKHSTAN_UTM + KAZAKHSTAN_GK_PLAIN,
                            _("The coordinates ({bounds}) are metres of a transverse Mercator "
                              "zone without a zone number: UTM ({utm}) or SK-42 Gauss-Krüger "
                              "without the zone prefix ({gk}). Coordinates alone cannot tell "
                              "which: give --crs, for example EPSG:32643 or EPSG:2503 for Almaty, "
                              "EPSG:32642 or EPSG:2502 for Astana and Shymkent.",
                              lang=lang, bounds=text, utm=utm, gk=gk))
    return CrsGuess(None, False, None, (), _("The coordinates ({bounds}) fit none of the "
                                             "coordinate systems qonys recognises for Kazakhstan "
                                             "(WGS 84 degrees, SK-42 Gauss-Krüger, UTM). Give the "
                                             "coordinate system with --crs (for example --crs "
                                             "EPSG:4326).", lang=lang, bounds=text))
