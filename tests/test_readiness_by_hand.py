"""Three units and two schools on a hand-drawn street, every answer worked out by hand.

Layout (EPSG:32643, metres, offsets from x0 = 500000, y0 = 4790000); one street along y = 500:

    A (1 km square)       B                      C
    pA=(500,500) ---1000 m--- pB=(1500,500) --500 m-- F2=(2000,500) --500 m-- pC=(2500,500)
    F1 at pA                                                          (driven at 0.5 km/h)

Residents: registered A 1,000, B 2,000, C 1,000; actual A 1,000, B 2,000, C 1,500.
Norms: defaults (schools 0.12 places a resident, 15 min on foot at 4.5 km/h = 75 m/min,
decay 1 / 0.68 / 0.22 on 0-5 / 5-10 / 10-15 min; heat 0.00125 Gcal/h; water 0.30 m3/day;
gate: 80 % within 60 min by car). Kindergartens and polyclinics get a 60-min reach and one
huge facility at pB so that they never bind.

Schools, registered (demand A 120, B 240, C 120 places)
    A->F1 0 min (w 1); B->F1 1000 m = 13.33 min (w 0.22); B->F2 and C->F2 500 m = 6.67 min
    (w 0.68). F1 = 300 places, F2 = 200 places.
    R1 = 300 / (1 * 120 + 0.22 * 240) = 300 / 172.8 = 1.736111
    R2 = 200 / (0.68 * 240 + 0.68 * 120) = 200 / 244.8 = 0.816993
    A: 1 * R1 * 120 = 208.333 places -> headroom (208.333 - 120) / 0.12 = +736.11
    B: (0.22 * R1 + 0.68 * R2) * 240 = 0.9375 * 240 = 225 -> (225 - 240) / 0.12 = -125.00
    C: 0.68 * R2 * 120 = 66.667 -> (66.667 - 120) / 0.12 = -444.44
    (supply adds up: 208.333 + 225 + 66.667 = 500 = 300 + 200)
Schools, actual (C's demand 180): R2 = 200 / (0.68 * 240 + 0.68 * 180) = 0.700280
    A: +736.11; B: (0.381944 + 0.476190) * 240 = 205.952 -> -283.73;
    C: 0.476190 * 180 = 85.714 -> -785.71

Heat zone over A and B, 10 Gcal/h, load not measured (C is not networked for heat):
    registered and actual alike: D = 1.25, 2.5; S = 10 * (1/3, 2/3) = 3.333, 6.667
    headroom A (3.333 - 1.25) / 0.00125 = 1,666.67; B (6.667 - 2.5) / 0.00125 = 3,333.33
Water zone over A, B, C, 1,500 m3/day, measured load 1,300 m3/day:
    registered: shares 1/4, 1/2, 1/4: S = 375, 750, 375; D scaled = 325, 650, 325
        headroom = 50 / 0.3, 100 / 0.3, 50 / 0.3 = 166.67, 333.33, 166.67
    actual: shares 2/9, 4/9, 3/9: S = 333.33, 666.67, 500; D = 288.89, 577.78, 433.33
        headroom = 148.15, 296.30, 222.22
Wastewater: no zone: nobody networked, left out of every minimum.
Transport: the centre is at pA; A and B reach it by car in 0 and 2 min; C needs 500 m at
0.5 km/h (60 min) plus 1,500 m at 30 km/h (3 min) = 63 min > 60: C's gate is closed.

Readiness, registered: A min(1666.67, 166.67, 736.11) = 166.67, bottleneck water;
B min(3333.33, 333.33, -125) = -125, schools; C gate closed -> transport, readiness
min(-444.44, 0) = -444.44, can take 0.
Readiness, actual: A min(1666.67, 148.15, 736.11) = 148.15 water; B -283.73 schools;
C transport, -785.71.
"""

from __future__ import annotations

import dataclasses

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from planning.norms import load_norms
from planning.provision.assess import assess

X0, Y0 = 500_000.0, 4_790_000.0
CRS = 32643


def _xy(x: float, y: float) -> shapely.Point:
    return shapely.Point(X0 + x, Y0 + y)


def _square(x: float) -> shapely.Polygon:
    return shapely.box(X0 + x, Y0, X0 + x + 1000, Y0 + 1000)


def _line(a: float, b: float) -> shapely.LineString:
    return shapely.LineString([(X0 + a, Y0 + 500), (X0 + b, Y0 + 500)])


def hand_layers() -> tuple[dict, object]:
    """The layers and norms drawn above (other test modules reuse them)."""
    units = gpd.GeoDataFrame({
        "unit_id": ["A", "B", "C"], "region": "test",
        "pop_registered": [1000.0, 2000.0, 1000.0], "pop_actual": [1000.0, 2000.0, 1500.0],
    }, geometry=[_square(0), _square(1000), _square(2000)], crs=CRS)
    points = gpd.GeoDataFrame({
        "point_id": ["pA", "pB", "pC"], "unit_id": ["A", "B", "C"],
        "persons": [1000.0, 2000.0, 1000.0],
    }, geometry=[_xy(500, 500), _xy(1500, 500), _xy(2500, 500)], crs=CRS)
    roads = gpd.GeoDataFrame({"speed_kmh": [30.0, 30.0, 0.5], "oneway": False},
                             geometry=[_line(500, 1500), _line(1500, 2000), _line(2000, 2500)],
                             crs=CRS)
    facilities = gpd.GeoDataFrame({
        "facility_id": ["F1", "F2", "K", "P"],
        "kind": ["school", "school", "kindergarten", "polyclinic"],
        "capacity": [300.0, 200.0, 1e6, 1e6],
    }, geometry=[_xy(500, 500), _xy(2000, 500), _xy(1500, 500), _xy(1500, 500)], crs=CRS)
    zones = gpd.GeoDataFrame({
        "zone_id": ["heat1", "water1"], "network": ["heat", "water"], "load": [None, 1300.0],
    }, geometry=[shapely.union(_square(0), _square(1000)),
                 shapely.union_all([_square(0), _square(1000), _square(2000)])], crs=CRS)
    sources = gpd.GeoDataFrame({
        "source_id": ["chp", "intake", "later"], "network": ["heat", "water", "water"],
        "capacity": [10.0, 1500.0, 99999.0], "unit": ["Gcal/h", "m3/day", "m3/day"],
        "commissioned": [None, 2010, 2031],  # the 2031 intake is not there in 2025
    }, geometry=[_xy(500, 900)] * 3, crs=CRS)
    links = pd.DataFrame({"zone_id": ["heat1", "water1", "water1"],
                          "source_id": ["chp", "intake", "later"]})
    centre = gpd.GeoDataFrame({"settlement_id": ["c"], "place": ["city"],
                               "population": [4000.0]}, geometry=[_xy(500, 500)], crs=CRS)
    norms = load_norms()
    wide = {net: {r: dataclasses.replace(n, minutes=60.0) for r, n in norms.by_network[net].items()}
            for net in ("kindergartens", "polyclinics")}
    norms = dataclasses.replace(norms, by_network={**norms.by_network, **wide})
    layers = {"units": units, "population_grid": points, "roads": roads,
              "facilities": facilities, "utility_zones": zones, "utility_sources": sources,
              "zone_sources": links, "settlements": centre}
    return layers, norms


@pytest.fixture(scope="module")
def result():
    layers, norms = hand_layers()
    return assess(layers, norms, year=2025)


def _headroom(result, basis: str, network: str) -> list[float]:
    table = result.networks
    rows = table[(table.basis == basis) & (table.network == network)].set_index("unit_id")
    return rows.loc[["A", "B", "C"], "headroom"].tolist()


def test_school_headroom_by_e2sfca(result):
    assert _headroom(result, "registered", "schools") == pytest.approx(
        [736.111, -125.0, -444.444], abs=1e-3)
    assert _headroom(result, "actual", "schools") == pytest.approx(
        [736.111, -283.730, -785.714], abs=1e-3)
    schools = result.networks[(result.networks.network == "schools")
                              & (result.networks.basis == "registered")]
    assert schools.supply.sum() == pytest.approx(500.0)


def test_utility_headroom_by_zone(result):
    heat = _headroom(result, "registered", "heat")
    assert heat[:2] == pytest.approx([1666.667, 3333.333], abs=1e-3)
    assert pd.isna(heat[2])  # C is not on the heat network: no headroom, not zero
    assert _headroom(result, "registered", "water") == pytest.approx(
        [166.667, 333.333, 166.667], abs=1e-3)
    assert _headroom(result, "actual", "water") == pytest.approx(
        [148.148, 296.296, 222.222], abs=1e-3)
    networked = result.networks.set_index(["basis", "network", "unit_id"])["networked"]
    assert not networked[("actual", "heat", "C")]
    assert not networked[("registered", "wastewater", "A")]


def test_readiness_bottleneck_and_gate(result):
    units = result.units.set_index("unit_id")
    assert units.loc[["A", "B", "C"], "gate_open_registered"].tolist() == [True, True, False]
    assert units.loc[["A", "B", "C"], "bottleneck_registered"].tolist() == [
        "water", "schools", "transport"]
    assert units.loc[["A", "B", "C"], "readiness_registered"].tolist() == pytest.approx(
        [166.667, -125.0, -444.444], abs=1e-3)
    assert units.loc[["A", "B", "C"], "can_take_registered"].tolist() == pytest.approx(
        [166.667, 0.0, 0.0], abs=1e-3)
    assert units.loc[["A", "B", "C"], "bottleneck_actual"].tolist() == [
        "water", "schools", "transport"]
    assert units.loc[["A", "B", "C"], "readiness_actual"].tolist() == pytest.approx(
        [148.148, -283.730, -785.714], abs=1e-3)
