"""SK-42 (Pulkovo 1942): Gauss-Krüger zones of Kazakhstan and the pinned shift to WGS 84.

Old survey and cadastre files of Kazakhstan are in SK-42, mostly projected with the 6° Gauss-
Krüger zones 8 to 15 (central meridians 45°E to 87°E; EPSG:28408–28415 with the zone number in
front of the easting, EPSG:2498–2505 without it). PROJ 9.5 knows several Pulkovo 1942 → WGS 84
operations that differ by 5–16 m at Almaty and ranks "Pulkovo 1942 to WGS 84 (20)" (EPSG:5044,
Russia) first even there, so :func:`to_wgs84` never lets PROJ choose: it applies
:data:`PINNED_SK42_TO_WGS84`, written out so that a new PROJ database cannot change it.

A Gauss-Krüger ``.prj`` on the Krassowsky ellipsoid without a datum is read by PROJ as Beijing
1954; :func:`check_legacy_gk` recognises it and proposes the SK-42 code to give instead.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import pyproj
import shapely
from pyproj import CRS, Transformer

from geo.errors import CRSError
from geo.i18n import _

if TYPE_CHECKING:
    import geopandas as gpd

WGS84 = "EPSG:4326"
#: The geographic CRS of SK-42 (Pulkovo 1942), degrees.
SK42_GEOGRAPHIC = "EPSG:4284"
#: The EPSG code of the Pulkovo 1942 datum.
SK42_DATUM_CODE = 6284
#: 6° Gauss-Krüger zones that cover Kazakhstan (46.49°E to 87.35°E): 8 (42°–48°E) to 15 (84°–90°E).
KAZAKHSTAN_GK_ZONES: tuple[int, ...] = tuple(range(8, 16))

#: EPSG:1291 "Pulkovo 1942 to WGS 84 (7)", area "Kazakhstan" (EPSG extent 1131): a geocentric
#: translation dx=+15 dy=−130 dz=−84 m from the Krassowsky 1940 to the WGS 84 ellipsoid (values
#: of PROJ 9.5.1's proj.db, where EPSG gives it an accuracy of 44 m, "derived at 2 stations").
#: Input and output are longitude, latitude in degrees; a third coordinate (height) is kept.
PINNED_SK42_TO_WGS84 = (
    "+proj=pipeline "
    "+step +proj=unitconvert +xy_in=deg +xy_out=rad "
    "+step +proj=push +v_3 "
    "+step +proj=cart +ellps=krass "
    "+step +proj=helmert +x=15 +y=-130 +z=-84 "
    "+step +inv +proj=cart +ellps=WGS84 "
    "+step +proj=pop +v_3 "
    "+step +proj=unitconvert +xy_in=rad +xy_out=deg"
)
PINNED_SK42_TO_WGS84_EPSG = 1291
PINNED_SK42_TO_WGS84_NAME = "Pulkovo 1942 to WGS 84 (7)"

_KRASSOWSKY = (6378245.0, 298.3)  # semi-major axis (m), inverse flattening
# Datums that mean "we do not know": EPSG 6024 "Not specified (based on Krassowsky 1940
# ellipsoid)" and Beijing 1954 (6214), which PROJ picks for a bare Krassowsky definition.
_UNKNOWN_KRASSOWSKY_DATUMS = {6024, 6214}
_TRANSVERSE_MERCATOR = "9807"


def _as_crs(value: object) -> CRS:
    try:
        return CRS.from_user_input(value)
    except pyproj.exceptions.CRSError as err:
        raise CRSError(_("'{value}' is not a coordinate reference system PROJ knows: {reason}. "
                         "Give an EPSG code (for example EPSG:28413), WKT or a PROJ string.",
                         value=value, reason=err)) from err


def _horizontal(crs: CRS) -> CRS:
    # A BoundCRS (+towgs84) and a compound CRS wrap the CRS whose datum tells SK-42.
    if crs.is_bound:
        crs = crs.source_crs
    if crs.is_compound:
        crs = crs.sub_crs_list[0]
    return crs


def _datum_code(crs: CRS) -> int | None:
    ident = crs.datum.to_json_dict().get("id") if crs.datum is not None else None
    if ident and ident.get("authority") == "EPSG":
        return int(ident["code"])
    return None


def is_sk42(crs: object) -> bool:
    """Whether a CRS's geodetic datum is Pulkovo 1942 (SK-42, EPSG:6284).

    True for the geographic EPSG:4284, every Pulkovo 1942 projection (Gauss-Krüger zones with
    and without prefix, 3° zones) and for WKT that names the datum (``Pulkovo_1942``,
    ``D_Pulkovo_1942``) without an EPSG id. False for Pulkovo 1942(58), (83) and Pulkovo 1995.

    Parameters
    ----------
    crs
        Anything :meth:`pyproj.CRS.from_user_input` accepts.

    Returns
    -------
    bool

    Examples
    --------
    >>> is_sk42("EPSG:28413"), is_sk42(2503), is_sk42("EPSG:4326")
    (True, True, False)
    """
    crs = _horizontal(_as_crs(crs))
    if crs.datum is None:
        return False
    code = _datum_code(crs)
    if code is not None:
        return code == SK42_DATUM_CODE
    name = crs.datum.name.lower().replace("_", " ").strip()
    return name.removeprefix("d ") == "pulkovo 1942"


def gk_zone_crs(zone: int, *, prefix: bool = True) -> str:
    """The SK-42 6° Gauss-Krüger CRS of a zone that covers Kazakhstan.

    Parameters
    ----------
    zone
        8 to 15 (central meridian 6·zone − 3 degrees east).
    prefix
        True (default): eastings carry the zone number (13 500 000 m on the central meridian of
        zone 13), EPSG:284NN. False: plain eastings (500 000 m), EPSG:2490+zone.

    Returns
    -------
    str
        ``"EPSG:28408"`` … ``"EPSG:28415"``, or ``"EPSG:2498"`` … ``"EPSG:2505"``.

    Raises
    ------
    CRSError
        If the zone does not cover Kazakhstan.

    Examples
    --------
    >>> gk_zone_crs(13), gk_zone_crs(13, prefix=False)
    ('EPSG:28413', 'EPSG:2503')
    """
    if isinstance(zone, bool) or not isinstance(zone, int | np.integer) or (
            zone not in KAZAKHSTAN_GK_ZONES):
        raise CRSError(_("Gauss-Krüger zone {zone} does not cover Kazakhstan: the zones that do "
                         "are {first} to {last} (central meridians 45°E to 87°E).",
                         zone=zone, first=KAZAKHSTAN_GK_ZONES[0],
                          last=KAZAKHSTAN_GK_ZONES[-1]))
    return f"EPSG:{28400 + int(zone)}" if prefix else f"EPSG:{2490 + int(zone)}"


def _on_krassowsky(crs: CRS) -> bool:
    ellipsoid = crs.ellipsoid
    return ellipsoid is not None and math.isclose(
        ellipsoid.semi_major_metre, _KRASSOWSKY[0], abs_tol=1e-3) and math.isclose(
        ellipsoid.inverse_flattening, _KRASSOWSKY[1], abs_tol=1e-6)


def _number(value: float) -> str:
    return f"{value:.10g}"


def _sk42_equivalent(crs: CRS, params: dict[str, float]) -> str | None:
    """The SK-42 EPSG code with the same projection as a legacy definition, if any."""
    lon_0, k, x_0 = params.get("8802"), params.get("8805", 1.0), params.get("8806", 0.0)
    if params.get("8801", 0.0) != 0.0 or params.get("8807", 0.0) != 0.0 or k != 1.0:
        return None
    for zone in KAZAKHSTAN_GK_ZONES:  # 6° zones: read the zone from the central meridian
        if lon_0 == 6 * zone - 3:
            if x_0 == zone * 1_000_000 + 500_000:
                return gk_zone_crs(zone)
            if x_0 == 500_000:
                return gk_zone_crs(zone, prefix=False)
    # 3° zones and other SK-42 variants: ask PROJ for a Pulkovo 1942 CRS with this projection.
    for match in crs.list_authority(min_confidence=70):
        if match.auth_name == "EPSG" and is_sk42(f"EPSG:{match.code}"):
            return f"EPSG:{match.code}"
    return None


def check_legacy_gk(crs: object, *, lang: str | None = None) -> str | None:
    """A message when a CRS is a legacy SK-42 definition that PROJ would misread, else None.

    A transverse Mercator (Gauss-Krüger) definition on the Krassowsky ellipsoid whose datum is
    unknown ("Unknown based on Krassovsky", ESRI ``D_Krasovsky_1940``) or Beijing 1954, with a
    central meridian in Kazakhstan's zones (45°E to 87°E), makes ``CRS.to_epsg()`` answer
    Beijing 1954 and shifts the data by the wrong datum or by none. The message proposes the
    SK-42 code to give with ``--crs``: the zone comes from the central meridian and the false
    easting tells prefix (EPSG:284NN) from none (EPSG:2498–2505); a 3° zone gets its Pulkovo
    1942 code from PROJ; anything else is called a local system (MSK) whose datum shift must be
    asked for. A geographic definition on Krassowsky without a datum gets EPSG:4284 proposed.

    A definition that carries its own ``+towgs84`` (a bound CRS) is not flagged: PROJ applies
    the shift it names.

    Parameters
    ----------
    crs
        Anything :meth:`pyproj.CRS.from_user_input` accepts, e.g. a ``.prj``'s WKT.
    lang
        Language of the message; None for the current one.

    Returns
    -------
    str or None
        The translated message for a :class:`~geo.errors.CRSError`, or None when the CRS is
        not such a legacy definition.

    Examples
    --------
    >>> check_legacy_gk("EPSG:28413") is None
    True
    >>> legacy = "+proj=tmerc +lon_0=75 +k=1 +x_0=13500000 +y_0=0 +ellps=krass +units=m"
    >>> "--crs EPSG:28413" in check_legacy_gk(legacy, lang="en")
    True
    """
    crs = _as_crs(crs)
    if crs.is_bound or crs.is_compound or crs.datum is None or not _on_krassowsky(crs):
        return None
    if is_sk42(crs) or (_datum_code(crs) is not None
                        and _datum_code(crs) not in _UNKNOWN_KRASSOWSKY_DATUMS):
        return None  # a datum PROJ knows how to shift
    datum = crs.datum.name
    if crs.is_geographic:
        return _("The coordinate system '{name}' is geographic (degrees) on the Krassowsky "
                 "ellipsoid without a known datum ('{datum}'): PROJ would bring it to WGS 84 with "
                 "no datum shift, which moves the data by tens of metres. If the data are SK-42 "
                 "(Pulkovo 1942), load them with --crs {crs}.",
                 lang=lang, name=crs.name, datum=datum,
                  crs=SK42_GEOGRAPHIC)
    operation = crs.coordinate_operation
    if not crs.is_projected or operation is None or operation.method_code != _TRANSVERSE_MERCATOR:
        return None
    params = {p.code: float(p.value) for p in operation.params}
    lon_0 = params.get("8802")
    first, last = (6 * KAZAKHSTAN_GK_ZONES[i] - 3 for i in (0, -1))  # 45°E, 87°E
    if lon_0 is None or not first <= lon_0 <= last:
        return None  # outside Kazakhstan's zones: not ours to judge
    proposal = _sk42_equivalent(crs, params)
    if proposal is None:
        return _("The coordinate system '{name}' is a transverse Mercator projection on the "
                 "Krassowsky ellipsoid without a known datum ('{datum}'): central meridian "
                 "{lon_0}°E, false easting {x_0} m, false northing {y_0} m, scale factor {k}. "
                 "That is not an SK-42 Gauss-Krüger zone but probably a local system (MSK), and "
                 "PROJ cannot bring it to WGS 84 correctly. Ask the data's owner for its "
                 "definition with the datum shift (a PROJ string with +towgs84=…) and give it "
                 "with --crs.",
                 lang=lang, name=crs.name, datum=datum,
                  lon_0=_number(lon_0), x_0=_number(params.get("8806", 0.0)),
                  y_0=_number(params.get("8807", 0.0)), k=_number(params.get("8805", 1.0)))
    return _("The coordinate system '{name}' is a Gauss-Krüger projection (central meridian "
             "{lon_0}°E, false easting {x_0} m) on the Krassowsky ellipsoid without a known datum "
             "('{datum}'). PROJ reads such a definition as Beijing 1954 or converts it to WGS 84 "
             "with no datum shift, which moves the data by tens of metres. If the data are SK-42 "
             "(Pulkovo 1942), load them with --crs {crs} ({crs_name}).",
             lang=lang, name=crs.name, datum=datum, lon_0=_number(lon_0),
              x_0=_number(params.get("8806", 0.0)), crs=proposal, crs_name=CRS(proposal).name)


def _label(crs: CRS) -> str:
    """``AUTH:CODE`` when the CRS carries or surely matches one, else its name."""
    base = crs.source_crs if crs.is_bound else crs
    ident = base.to_json_dict().get("id")
    if ident:
        return f"{ident['authority']}:{ident['code']}"
    match = base.to_authority(min_confidence=90)
    return ":".join(match) if match else base.name


def _apply(frame: gpd.GeoDataFrame, transformers: list[Transformer], source: str
           ) -> gpd.GeoDataFrame:
    import geopandas as gpd

    failed: list[np.ndarray] = []

    def move(coords: np.ndarray) -> np.ndarray:
        columns = [coords[:, i] for i in range(coords.shape[1])]
        for transformer in transformers:
            columns = list(transformer.transform(*columns))
        out = np.column_stack(columns)
        bad = np.isfinite(coords[:, :2]).all(axis=1) & ~np.isfinite(out[:, :2]).all(axis=1)
        if bad.any():
            failed.append(coords[bad])
        return out

    # One call over the whole array: PROJ sees every vertex at once (1M points in about 1 s).
    moved = shapely.transform(np.asarray(frame.geometry.array), move, include_z=None)
    if failed:
        bad = np.concatenate(failed)
        total = int(shapely.get_num_coordinates(np.asarray(frame.geometry.array)).sum())
        raise CRSError(_("{count} of {total} points could not be transformed from {source} to WGS "
                         "84 (the first: x={x}, y={y}). Check that --crs matches the file's "
                         "coordinates.",
                         count=len(bad), total=total, source=source,
                          x=_number(bad[0, 0]), y=_number(bad[0, 1])))
    out = frame.copy()
    out[frame.geometry.name] = gpd.GeoSeries(moved, index=frame.index, crs=WGS84)
    return out


def to_wgs84(frame: gpd.GeoDataFrame) -> tuple[gpd.GeoDataFrame, str]:
    """Reproject a GeoDataFrame to WGS 84 (EPSG:4326), pinning the SK-42 datum shift.

    An SK-42 frame (:func:`is_sk42`) is unprojected to Pulkovo 1942 degrees (EPSG:4284; a
    conversion, no datum shift), then moved by :data:`PINNED_SK42_TO_WGS84`, whatever
    ``+towgs84`` its ``.prj`` may carry. Any other CRS goes through PROJ's own choice, as
    :meth:`geopandas.GeoDataFrame.to_crs` would. Only the active geometry column moves; heights
    are kept as they are.

    Parameters
    ----------
    frame
        A GeoDataFrame with a CRS.

    Returns
    -------
    tuple of (geopandas.GeoDataFrame, str)
        The frame in EPSG:4326 (the same object when it already was) and a one-line
        description of the operation, for provenance.

    Raises
    ------
    CRSError
        If the frame has no CRS, its CRS is a legacy Krassowsky definition
        (:func:`check_legacy_gk`), or coordinates cannot be transformed.

    Examples
    --------
    >>> import geopandas as gpd, shapely
    >>> gk = gpd.GeoDataFrame(geometry=[shapely.Point(13658363.29, 4792425.09)], crs=28413)
    >>> wgs, how = to_wgs84(gk)
    >>> print(how)
    EPSG:28413 → EPSG:4326 via EPSG:1291 Pulkovo 1942 to WGS 84 (7), pinned for Kazakhstan
    >>> print(f"{wgs.geometry.x[0]:.5f} {wgs.geometry.y[0]:.5f}")
    76.94946 43.25023
    """
    if frame.crs is None:
        raise CRSError(_("The data have no coordinate reference system, so they cannot be brought "
                         "to WGS 84. Give it with --crs (for example --crs EPSG:4326 for degrees, "
                         "--crs EPSG:28413 for SK-42 Gauss-Krüger zone 13)."))
    crs = CRS.from_user_input(frame.crs)
    if crs.equals(WGS84, ignore_axis_order=True):
        return frame, "EPSG:4326 (no transformation)"
    legacy = check_legacy_gk(crs)
    if legacy is not None:
        raise CRSError(legacy)
    source = _label(crs)
    if is_sk42(crs):
        # Same datum on both sides, so PROJ can only unproject (tests/test_sk42.py checks it).
        unproject = Transformer.from_crs(_horizontal(crs), SK42_GEOGRAPHIC, always_xy=True)
        shift = Transformer.from_pipeline(PINNED_SK42_TO_WGS84)
        out = _apply(frame, [unproject, shift], source)
        how = (f"{source} → {WGS84} via EPSG:{PINNED_SK42_TO_WGS84_EPSG} "
               f"{PINNED_SK42_TO_WGS84_NAME}, pinned for Kazakhstan")
        return out, how
    transformer = Transformer.from_crs(crs, WGS84, always_xy=True)
    out = _apply(frame, [transformer], source)
    # PROJ names the operation only once it has used one (the last used, if several).
    return out, f"{source} → {WGS84} via {transformer.description} (PROJ's choice)"
