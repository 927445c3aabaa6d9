"""SK-42: the pinned datum shift, zones, and legacy Krassowsky definitions (known answers)."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
import shapely
from pyproj import CRS, Geod, Transformer

from geo.errors import CRSError
from geo.sk42 import (
    KAZAKHSTAN_GK_ZONES,
    PINNED_SK42_TO_WGS84,
    check_legacy_gk,
    gk_zone_crs,
    is_sk42,
    to_wgs84,
)

GEOD = Geod(ellps="WGS84")
ALMATY = (76.95, 43.25)  # control point, SK-42 degrees
LEGACY_GK13 = ("+proj=tmerc +lat_0=0 +lon_0=75 +k=1 +x_0=13500000 +y_0=0 +ellps=krass +units=m "
               "+no_defs")


def helmert_sk42_to_wgs84(lon: float, lat: float) -> tuple[float, float]:
    """EPSG:1291 written out: Krassowsky geodetic → geocentric, + (15, −130, −84) m, → WGS 84."""
    a1, f1 = 6378245.0, 1 / 298.3  # Krassowsky 1940
    a2, f2 = 6378137.0, 1 / 298.257223563  # WGS 84
    e1, e2 = f1 * (2 - f1), f2 * (2 - f2)  # first eccentricity squared
    phi, lam, h = np.radians(lat), np.radians(lon), 0.0
    n = a1 / np.sqrt(1 - e1 * np.sin(phi) ** 2)
    x = (n + h) * np.cos(phi) * np.cos(lam) + 15.0
    y = (n + h) * np.cos(phi) * np.sin(lam) - 130.0
    z = (n * (1 - e1) + h) * np.sin(phi) - 84.0
    p = np.hypot(x, y)
    phi = np.arctan2(z, p * (1 - e2))
    for _ in range(20):  # converges to 1e-12 rad in a few steps
        n = a2 / np.sqrt(1 - e2 * np.sin(phi) ** 2)
        h = p / np.cos(phi) - n
        phi = np.arctan2(z, p * (1 - e2 * n / (n + h)))
    return float(np.degrees(np.arctan2(y, x))), float(np.degrees(phi))


def gk13_frame() -> gpd.GeoDataFrame:
    # Projection only (same datum on both sides): SK-42 degrees → zone 13 metres.
    x, y = Transformer.from_crs(4284, 28413, always_xy=True).transform(*ALMATY)
    return gpd.GeoDataFrame({"name": ["control"]}, geometry=[shapely.Point(x, y)], crs=28413)


def distance_m(a: tuple[float, float], b: tuple[float, float]) -> float:
    return GEOD.inv(a[0], a[1], b[0], b[1])[2]


def test_control_point_near_almaty_matches_a_hand_written_helmert():
    out, how = to_wgs84(gk13_frame())
    got = (out.geometry.x.iloc[0], out.geometry.y.iloc[0])
    expected = helmert_sk42_to_wgs84(*ALMATY)  # ≈ (76.949459, 43.250234): 44 m W, 26 m N
    assert distance_m(got, expected) < 0.01
    assert out.crs.to_epsg() == 4326 and out["name"].tolist() == ["control"]
    assert how == ("EPSG:28413 → EPSG:4326 via EPSG:1291 Pulkovo 1942 to WGS 84 (7), pinned "
                   "for Kazakhstan")


def test_proj_default_is_not_the_pinned_operation():
    """If the pin is lost, PROJ's first choice (EPSG:5044, Russia) lands 6.6 m away."""
    frame = gk13_frame()
    pinned, _ = to_wgs84(frame)
    default = Transformer.from_crs(28413, 4326, always_xy=True).transform(
        frame.geometry.x.iloc[0], frame.geometry.y.iloc[0])
    assert distance_m(default, (pinned.geometry.x.iloc[0], pinned.geometry.y.iloc[0])) > 1.0


def test_pin_equals_epsg_1291_of_the_proj_database():
    epsg = Transformer.from_pipeline("EPSG:1291")  # latitude first, as EPSG orders it
    assert "+x=15 +y=-130 +z=-84" in epsg.to_proj4() and "+ellps=krass" in epsg.to_proj4()
    lat, lon = epsg.transform(ALMATY[1], ALMATY[0])
    got = Transformer.from_pipeline(PINNED_SK42_TO_WGS84).transform(*ALMATY)
    assert got == pytest.approx((lon, lat), abs=1e-11)


def test_is_sk42():
    gdal_wkt = CRS(28413).to_wkt("WKT1_GDAL")  # datum Pulkovo_1942 with an AUTHORITY
    esri_wkt = CRS(28413).to_wkt("WKT1_ESRI")  # D_Pulkovo_1942, no id
    assert all(is_sk42(c) for c in (4284, "EPSG:28404", "EPSG:28432", 2492, 2522, 2503,
                                    gdal_wkt, esri_wkt))
    # Pulkovo 1942(58) (EPSG:3120), Pulkovo 1995 (20013), Beijing 1954 (21413), WGS 84
    assert not any(is_sk42(c) for c in (3120, 20013, 21413, 4326, 32643, LEGACY_GK13))
    with pytest.raises(CRSError):
        is_sk42("EPSG:not-a-code")


@pytest.mark.parametrize("zone", KAZAKHSTAN_GK_ZONES)
def test_gk_zone_crs_matches_pyproj_and_covers_kazakhstan(zone):
    kazakhstan = shapely.box(46.49, 40.59, 87.35, 55.45)  # EPSG extent 1131
    for code, false_easting in ((gk_zone_crs(zone), zone * 1e6 + 5e5),
                                (gk_zone_crs(zone, prefix=False), 5e5)):
        crs = CRS(code)
        params = {p.code: p.value for p in crs.coordinate_operation.params}
        assert is_sk42(crs)
        assert params["8802"] == 6 * zone - 3 and params["8806"] == false_easting
        assert shapely.box(*crs.area_of_use.bounds).intersection(kazakhstan).area > 0


def test_gk_zone_crs_known_codes_and_refusals():
    assert (gk_zone_crs(8), gk_zone_crs(13), gk_zone_crs(15)) == (
        "EPSG:28408", "EPSG:28413", "EPSG:28415")
    assert (gk_zone_crs(8, prefix=False), gk_zone_crs(15, prefix=False)) == (
        "EPSG:2498", "EPSG:2505")
    # zones 7 (36°–42°E) and 16 (90°–96°E) do not reach Kazakhstan's 46.49°E–87.35°E
    for bad in (7, 16, 0, True, 13.0, "13"):
        with pytest.raises(CRSError):
            gk_zone_crs(bad)


def test_legacy_proj_string_proposes_zone_13():
    assert CRS(LEGACY_GK13).to_epsg() == 21413  # the trap: Beijing 1954 / Gauss-Kruger zone 13
    message = check_legacy_gk(LEGACY_GK13, lang="en")
    assert "--crs EPSG:28413 (Pulkovo 1942 / Gauss-Kruger zone 13)" in message
    assert "75" in message and "13500000" in message
    assert "--crs EPSG:28413" in check_legacy_gk(LEGACY_GK13, lang="ru")


def test_legacy_definitions_and_their_proposals():
    plain = LEGACY_GK13.replace("+x_0=13500000", "+x_0=500000")
    esri = ('PROJCS["GK_Zone_13",GEOGCS["GCS_Krasovsky_1940",DATUM["D_Krasovsky_1940",'
            'SPHEROID["Krasovsky_1940",6378245.0,298.3]],PRIMEM["Greenwich",0.0],'
            'UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],'
            'PARAMETER["False_Easting",13500000.0],PARAMETER["False_Northing",0.0],'
            'PARAMETER["Central_Meridian",75.0],PARAMETER["Scale_Factor",1.0],'
            'PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]')
    three_degree = LEGACY_GK13.replace("+lon_0=75", "+lon_0=72").replace("13500000", "24500000")
    assert "--crs EPSG:2503 " in check_legacy_gk(plain, lang="en")  # no prefix: CM 75°E
    assert "--crs EPSG:28413 " in check_legacy_gk(esri, lang="en")  # ESRI .prj, no datum
    assert "--crs EPSG:28413 " in check_legacy_gk("EPSG:21413", lang="en")  # Beijing 1954
    assert "3-degree Gauss-Kruger zone 24" in check_legacy_gk(three_degree, lang="en")
    assert "EPSG:28408" in check_legacy_gk(LEGACY_GK13.replace("+lon_0=75", "+lon_0=45")
                                           .replace("13500000", "8500000"), lang="en")


def test_local_and_geographic_legacy_definitions():
    msk = "+proj=tmerc +lat_0=0 +lon_0=76.95 +k=1 +x_0=1300000 +y_0=-4511057.63 +ellps=krass"
    assert "+towgs84" in check_legacy_gk(msk, lang="en")
    assert "MSK" in check_legacy_gk(msk, lang="en") and "МСК" in check_legacy_gk(msk, lang="ru")
    assert "--crs EPSG:4284" in check_legacy_gk("+proj=longlat +ellps=krass", lang="en")


def test_not_legacy():
    towgs84 = LEGACY_GK13.replace("+units", "+towgs84=23.92,-141.27,-80.9,0,0.35,0.82,-0.12 +units")
    china = LEGACY_GK13.replace("+lon_0=75", "+lon_0=117").replace("13500000", "20500000")
    for crs in ("EPSG:28413", "EPSG:4284", "EPSG:4326", "EPSG:32643", "EPSG:20013", towgs84,
                china, LEGACY_GK13.replace("+ellps=krass", "+ellps=WGS84")):
        assert check_legacy_gk(crs) is None, crs


def test_to_wgs84_refuses_a_legacy_frame_and_a_frame_without_crs():
    frame = gk13_frame().set_crs(LEGACY_GK13, allow_override=True)
    with pytest.raises(CRSError, match="EPSG:28413"):
        to_wgs84(frame)
    with pytest.raises(CRSError):
        to_wgs84(gk13_frame().set_crs(None, allow_override=True))


def test_frame_in_wgs84_comes_back_unchanged():
    frame = gpd.GeoDataFrame({"a": [1]}, geometry=[shapely.Point(76.95, 43.25)], crs=4326)
    out, how = to_wgs84(frame)
    assert out is frame and how == "EPSG:4326 (no transformation)"
    assert out.geometry.iloc[0].equals(shapely.Point(76.95, 43.25))


def test_every_sk42_spelling_is_unprojected_then_pinned():
    """WKT1 GDAL with TOWGS84 (GOST), ESRI WKT and EPSG:4284 give the EPSG:28413 answer."""
    frame = gk13_frame()
    reference, _ = to_wgs84(frame)
    gdal_towgs84 = CRS(28413).to_wkt("WKT1_GDAL").replace(
        'AUTHORITY["EPSG","7024"]]', 'AUTHORITY["EPSG","7024"]],TOWGS84[23.92,-141.27,-80.9,0,'
        '0.35,0.82,-0.12]', 1)
    assert CRS(gdal_towgs84).is_bound
    for crs in (gdal_towgs84, CRS(28413).to_wkt("WKT1_ESRI")):
        out, how = to_wgs84(frame.set_crs(crs, allow_override=True))
        assert out.geometry.iloc[0].distance(reference.geometry.iloc[0]) < 1e-10, how
        assert "EPSG:1291" in how
    degrees = gpd.GeoDataFrame(geometry=[shapely.Point(*ALMATY)], crs=4284)
    out, how = to_wgs84(degrees)
    assert out.geometry.iloc[0].distance(reference.geometry.iloc[0]) < 1e-10
    assert how.startswith("EPSG:4284 → EPSG:4326 via EPSG:1291")


def test_other_crs_goes_through_proj_and_keeps_heights_and_index():
    # UTM 43N: 500 000 m east on the central meridian 75°E, so longitude is exactly 75.
    frame = gpd.GeoDataFrame({"v": [1, 2]}, index=[10, 20], crs=32643, geometry=[
        shapely.Point(500_000, 4_800_000, 850.0),
        shapely.LineString([(600_000, 4_790_000), (610_000, 4_795_000)])])
    out, how = to_wgs84(frame)
    expected = Transformer.from_crs(32643, 4326, always_xy=True).transform(500_000, 4_800_000)
    assert out.index.tolist() == [10, 20] and out["v"].tolist() == [1, 2]
    assert out.geometry.iloc[0].x == pytest.approx(75.0, abs=1e-12)
    assert (out.geometry.iloc[0].y, out.geometry.iloc[0].z) == pytest.approx((expected[1], 850.0))
    assert not out.geometry.iloc[1].has_z and how.startswith("EPSG:32643 → EPSG:4326 via ")
    assert frame.crs.to_epsg() == 32643  # the input is left alone


def test_unprojectable_points_are_reported():
    frame = gpd.GeoDataFrame(geometry=[shapely.Point(1e30, 1e30), shapely.Point(0, 0)],
                             crs=28413)
    with pytest.raises(CRSError, match=r"x=1e\+30, y=1e\+30") as err:
        to_wgs84(frame)
    assert "EPSG:28413" in str(err.value)


def test_real_almaty_districts_round_trip(shared_dir):
    """Almaty's 8 districts (geokz, WGS 84), moved to SK-42 zone 13 by the inverse of the pin
    and the projection, come back to the same vertices through to_wgs84."""
    path = shared_dir / "geodata" / "kz-admin-geokz" / "kaz_admbnda_adm2_2024.shp"
    districts = gpd.read_file(path)
    almaty = districts[districts["ADM1_EN"] == "Almaty (city)"].copy()
    assert len(almaty) == 8
    inverse = Transformer.from_pipeline(PINNED_SK42_TO_WGS84)
    project = Transformer.from_crs(4284, 28413, always_xy=True)

    def to_gk(coords):
        lon, lat = inverse.transform(coords[:, 0], coords[:, 1], direction="INVERSE")
        return np.column_stack(project.transform(lon, lat))

    gk = almaty.set_geometry(shapely.transform(almaty.geometry.values, to_gk)).set_crs(
        28413, allow_override=True)
    back, _ = to_wgs84(gk)
    before = shapely.get_coordinates(almaty.geometry.values)
    after = shapely.get_coordinates(back.geometry.values)
    # 1e-8° ≈ 1 mm: a 2D Helmert there and back is not exact, since the height that the
    # inverse produces (tens of metres) is dropped before the forward step (0.3 mm here).
    assert np.abs(after - before).max() < 1e-8
    moved = [distance_m(tuple(a), tuple(b)) for a, b in
             zip(before[:50], shapely.get_coordinates(gk.to_crs(4326).geometry.values)[:50],
                 strict=True)]
    assert min(moved) > 1.0  # PROJ's own choice would have put them elsewhere
