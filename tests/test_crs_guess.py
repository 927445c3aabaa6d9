"""guess_crs on hand-made bounds with known answers, and on the real boundaries of Kazakhstan."""

from __future__ import annotations

import math

import geopandas as gpd
import pytest
from pyproj import Transformer

from geo.crs_guess import CrsGuess, guess_crs

ALMATY_DEG = (76.85, 43.18, 77.05, 43.35)  # the city, lon/lat
ASTANA_SWAPPED = (51.05, 71.30, 51.25, 71.60)  # Astana (71.43°E, 51.13°N) with x = latitude
ATYRAU_DEG = (51.80, 47.05, 52.00, 47.20)  # western Kazakhstan: both readings fit


def test_almaty_in_degrees_is_certain_wgs84():
    guess = guess_crs(ALMATY_DEG, lang="en")
    assert guess == CrsGuess("EPSG:4326", False, None, ("EPSG:4326",), guess.message)
    assert "x 76.8500 … 77.0500, y 43.1800 … 43.3500" in guess.message


def test_swapped_astana():
    """x 51.05–51.25 is a latitude and y 71.3–71.6 a longitude (> 55.5, not a latitude)."""
    guess = guess_crs(ASTANA_SWAPPED, lang="en")
    assert (guess.crs, guess.swapped, guess.zone) == (None, True, None)
    assert "swapped" in guess.message and "--map" in guess.message
    ru = guess_crs(ASTANA_SWAPPED, lang="ru").message
    assert "поменять местами широту и долготу" in ru and "--map" in ru


def test_both_readings_fit_in_the_west_and_the_straight_one_wins():
    """Atyrau: 51.8–52.0 and 47.05–47.2 both lie in 46.4–55.5, the overlap of the two ranges."""
    guess = guess_crs(ATYRAU_DEG, lang="en")
    assert (guess.crs, guess.swapped) == ("EPSG:4326", False)
    assert "either way round" in guess.message and "--map" in guess.message


def test_gauss_kruger_with_zone_prefix():
    """13 540 000 → prefix 13 and 40 000 m west of the zone's 500 000: SK-42 zone 13."""
    bounds = (13_540_000, 4_780_000, 13_560_000, 4_800_000)
    guess = guess_crs(bounds, lang="en")
    assert (guess.crs, guess.swapped, guess.zone, guess.candidates) == (
        None, False, 13, ("EPSG:28413",))
    assert "--crs EPSG:28413" in guess.message and "zone 13" in guess.message
    assert "x 13540000 … 13560000, y 4780000 … 4800000" in guess.message
    assert "--crs EPSG:28413" in guess_crs(bounds, lang="ru").message


def test_prefix_must_be_one_kazakh_zone():
    # zone 16 (90°–96°E) is not Kazakhstan's; 12 900 001–13 100 000 straddles two prefixes
    for bounds in ((16_540_000, 4_780_000, 16_560_000, 4_800_000),
                   (12_950_000, 4_780_000, 13_100_000, 4_800_000),
                   (13_540_000, 3_000_000, 13_560_000, 3_100_000)):  # northing of 27°N
        guess = guess_crs(bounds)
        assert (guess.crs, guess.zone, guess.candidates) == (None, None, ()), bounds


def test_plain_eastings_are_ambiguous():
    guess = guess_crs((640_000, 4_780_000, 680_000, 4_800_000), lang="en")
    assert (guess.crs, guess.zone) == (None, None)
    assert guess.candidates[:8] == tuple(f"EPSG:{c}" for c in range(32638, 32646))
    assert guess.candidates[8:] == tuple(f"EPSG:{c}" for c in range(2498, 2506))
    assert "EPSG:32643" in guess.message and "EPSG:2503" in guess.message
    assert "--crs" in guess.message and "--crs" in guess_crs(
        (640_000, 4_780_000, 680_000, 4_800_000), lang="ru").message


def test_nonsense_is_not_recognised():
    for bounds in ((-120.0, 30.0, -110.0, 40.0), (0, 0, 10, 10), (1e9, 1e9, 2e9, 2e9)):
        guess = guess_crs(bounds, lang="en")
        assert guess == CrsGuess(None, False, None, (), guess.message), bounds
        assert "fit none" in guess.message and "--crs EPSG:4326" in guess.message
    assert "распознаёт" in guess_crs((0, 0, 10, 10), lang="ru").message


def test_empty_layer_and_bad_bounds():
    guess = guess_crs((math.nan,) * 4, lang="en")
    assert guess.candidates == () and "--crs" in guess.message
    with pytest.raises(ValueError):
        guess_crs((77.0, 43.0, 76.0, 44.0))
    with pytest.raises(ValueError):
        guess_crs((1.0, 2.0, 3.0))


def test_real_boundaries_in_every_reading(shared_dir):
    """geokz's districts (WGS 84): the country straight and swapped, Almaty city in zone 13."""
    path = shared_dir / "geodata" / "kz-admin-geokz" / "kaz_admbnda_adm2_2024.shp"
    districts = gpd.read_file(path)
    minx, miny, maxx, maxy = districts.total_bounds
    assert guess_crs((minx, miny, maxx, maxy)).crs == "EPSG:4326"
    assert guess_crs((miny, minx, maxy, maxx)).swapped is True
    almaty = districts[districts["ADM1_EN"] == "Almaty (city)"]
    a = almaty.total_bounds
    assert guess_crs((a[1], a[0], a[3], a[2])).swapped is True
    to_gk = Transformer.from_crs(4326, 28413, always_xy=True)  # any datum: metres differ by ~50 m
    x0, y0 = to_gk.transform(a[0], a[1])
    x1, y1 = to_gk.transform(a[2], a[3])
    guess = guess_crs((x0, y0, x1, y1))
    assert (guess.zone, guess.candidates) == (13, ("EPSG:28413",))
    utm = almaty.to_crs(32643).total_bounds
    assert "EPSG:32643" in guess_crs(tuple(utm)).candidates
