"""Utility headroom with units split between zones, every answer worked out by hand.

Layout (EPSG:32643, metres, offsets from x0 = 500000, y0 = 4790000; every box spans
y = 0..1000):

    x:    0 ------ 1000 ------ 2000 ------ 3000 ------ 4000        5000 ------ 6000
    units:  V (0-1000)   U (1000-3000)           W (3000-4000)       X (5000-6000)
    heat:   h1 (0-2000), 8.5 Gcal/h      h2 (2000-4000), 5.75 Gcal/h
    water:  w (0-4000), 1,500 m3/day, measured load 900 m3/day

Population points: V 1,000 at x=500; U 700 at x=1500 (in h1) and 300 at x=2500 (in h2);
W 2,000 at x=3500; X 500 at x=5500 (in no zone). Norms: heat 0.00125 Gcal/h, water 0.30
m3/day a resident.
"""

from __future__ import annotations

import re

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
import yaml

from geo.errors import NormError
from layers.resources import data_dir
from planning.norms import CAPACITY_NETWORKS, NETWORKS, load_norms
from planning.provision import readiness
from planning.provision.utilities import (
    area_shares,
    unit_zone_shares,
    utility_supply,
    zone_capacity,
    zone_shares,
)

X0, Y0 = 500_000.0, 4_790_000.0
CRS = 32643
HEAT, WATER = 0.00125, 0.30


def _box(a: float, b: float) -> shapely.Polygon:
    return shapely.box(X0 + a, Y0, X0 + b, Y0 + 1000)


def _points(rows: list[tuple[str, float, float]]) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"unit_id": [r[0] for r in rows], "persons": [r[1] for r in rows]},
                            geometry=[shapely.Point(X0 + r[2], Y0 + 500) for r in rows], crs=CRS)


@pytest.fixture
def town():
    units = gpd.GeoDataFrame({"unit_id": ["V", "U", "W", "X"],
                              "pop": [1000.0, 1000.0, 2000.0, 500.0]},
                             geometry=[_box(0, 1000), _box(1000, 3000), _box(3000, 4000),
                                       _box(5000, 6000)], crs=CRS)
    points = _points([("V", 1000, 500), ("U", 700, 1500), ("U", 300, 2500),
                      ("W", 2000, 3500), ("X", 500, 5500)])
    zones = gpd.GeoDataFrame({"zone_id": ["h1", "h2", "w"], "network": ["heat", "heat", "water"],
                              "load": [np.nan, np.nan, 900.0]},
                             geometry=[_box(0, 2000), _box(2000, 4000), _box(0, 4000)], crs=CRS)
    sources = pd.DataFrame({"source_id": ["chp1", "chp2", "intake"],
                            "capacity": [8.5, 5.75, 1500.0], "commissioned": [None, 2001, 1990]})
    links = pd.DataFrame({"zone_id": ["h1", "h2", "w"], "source_id": ["chp1", "chp2", "intake"]})
    return units, points, zones, sources, links


def _supply(town, network: str, norm: float, *, year: int = 2025) -> pd.DataFrame:
    units, points, zones, sources, links = town
    shares = unit_zone_shares(units, zones, points=points)
    capacity = zone_capacity(links, sources, year=year)
    return utility_supply(units, shares, zones, capacity, network=network, per_resident=norm,
                          population="pop")


def test_point_shares_split_a_unit_70_30(town):
    _, points, zones, _, _ = town
    shares = zone_shares(points, zones).set_index(["unit_id", "network", "zone_id"])["share"]
    # U: 700 of its 1,000 residents in h1, 300 in h2; all of U in the water zone.
    assert shares[("U", "heat", "h1")] == pytest.approx(0.7)
    assert shares[("U", "heat", "h2")] == pytest.approx(0.3)
    assert shares[("U", "water", "w")] == pytest.approx(1.0)
    assert "X" not in shares.index.get_level_values("unit_id")


def test_split_unit_gets_the_demand_weighted_share_of_each_zone(town):
    heat = _supply(town, "heat", HEAT)
    # h1 pieces: U 1000 x 0.7 x 0.00125 = 0.875, V 1000 x 0.00125 = 1.25; sum 2.125
    #   U gets 8.5 x 0.875 / 2.125 = 3.5, V gets 8.5 x 1.25 / 2.125 = 5.0
    # h2 pieces: U 1000 x 0.3 x 0.00125 = 0.375, W 2000 x 0.00125 = 2.5; sum 2.875
    #   U gets 5.75 x 0.375 / 2.875 = 0.75, W gets 5.75 x 2.5 / 2.875 = 5.0
    # U: S = 3.5 + 0.75 = 4.25, D = 0.875 + 0.375 = 1.25, headroom 3.0 / 0.00125 = 2,400
    # V: (5.0 - 1.25) / 0.00125 = 3,000; W: (5.0 - 2.5) / 0.00125 = 2,000
    assert heat.loc[["V", "U", "W"], "supply"].tolist() == pytest.approx([5.0, 4.25, 5.0])
    assert heat.loc[["V", "U", "W"], "demand"].tolist() == pytest.approx([1.25, 1.25, 2.5])
    assert heat.loc[["V", "U", "W"], "headroom"].tolist() == pytest.approx([3000, 2400, 2000])
    assert heat.loc["U", "provision"] == pytest.approx(4.25 / 1.25)
    assert heat.loc["U", "supply_residents"] == pytest.approx(3400.0)  # 4.25 / 0.00125
    assert heat.loc["U", "demand_residents"] == pytest.approx(1000.0)
    assert heat.loc["U", "zone_id"] == "h1"
    assert heat.loc["U", "zone_ids"] == "h1;h2"
    assert heat.loc["W", "zone_ids"] == "h2"
    assert heat.loc["U", "networked_share"] == pytest.approx(1.0)
    # Each zone's capacity is handed out in full: 5.0 + 3.5 = 8.5, 0.75 + 5.0 = 5.75.
    assert heat["supply"].sum() == pytest.approx(8.5 + 5.75)


def test_measured_load_scales_the_demands(town):
    water = _supply(town, "water", WATER)
    # raw demand V 300, U 300, W 600 (sum 1,200) scaled to the load 900: x 0.75
    #   D = 225, 225, 450; S = 1500 x (1/4, 1/4, 1/2) = 375, 375, 750
    #   headroom = 150 / 0.3, 150 / 0.3, 300 / 0.3 = 500, 500, 1,000
    #   demand in residents (the population the zone really serves): 750, 750, 1,500
    assert water.loc[["V", "U", "W"], "demand"].tolist() == pytest.approx([225, 225, 450])
    assert water.loc[["V", "U", "W"], "supply"].tolist() == pytest.approx([375, 375, 750])
    assert water.loc[["V", "U", "W"], "headroom"].tolist() == pytest.approx([500, 500, 1000])
    assert water.loc[["V", "U", "W"], "demand_residents"].tolist() == pytest.approx(
        [750, 750, 1500])
    assert water["demand"].sum() == pytest.approx(900.0)


def test_unit_outside_every_zone_is_left_out_of_the_minimum(town):
    heat = _supply(town, "heat", HEAT)
    assert not heat.loc["X", "networked"]
    assert heat.loc["X", "networked_share"] == 0.0
    assert heat.loc["X", ["demand", "supply", "provision", "headroom"]].isna().all()
    assert pd.isna(heat.loc["X", "zone_id"])
    # Schools (written by hand): X 300, U 100. X's heat is NaN, not zero: its minimum is the
    # schools' 300, not 0; U's is min(heat 2,400, schools 100) = 100.
    rows = [heat.reset_index()[["unit_id", "networked", "provision", "headroom"]]
            .assign(network="heat"),
            pd.DataFrame({"unit_id": ["X", "U"], "networked": True, "provision": [1.5, 1.1],
                          "headroom": [300.0, 100.0], "network": "schools"})]
    gate = pd.DataFrame({"transport_share": 1.0, "gate_open": True}, index=["V", "U", "W", "X"])
    summary = readiness.summarise(pd.concat(rows, ignore_index=True), gate, basis="actual",
                                  target_share=0.8)
    assert summary.loc["X", "headroom_min_actual"] == pytest.approx(300.0)
    assert summary.loc["X", "bottleneck_actual"] == "schools"
    assert pd.isna(summary.loc["X", "headroom_heat_actual"])
    assert summary.loc["U", "headroom_min_actual"] == pytest.approx(100.0)


def test_source_commissioned_after_the_year_is_not_counted(town):
    _, _, _, sources, links = town
    later = pd.concat([sources, pd.DataFrame({"source_id": ["chp3"], "capacity": [100.0],
                                              "commissioned": [2031]})], ignore_index=True)
    links = pd.concat([links, pd.DataFrame({"zone_id": ["h1"], "source_id": ["chp3"]})])
    assert zone_capacity(links, later, year=2025)["h1"] == pytest.approx(8.5)
    assert zone_capacity(links, later, year=2031)["h1"] == pytest.approx(108.5)
    # chp2 (2001) is not yet there in 2000: h2 has no source in service, no capacity at all,
    # so W's supply is 0 and its headroom -2.5 / 0.00125 = -2,000 (a deficit, not "not on it").
    assert "h2" not in zone_capacity(links, later, year=2000).index
    heat = _supply(town, "heat", HEAT, year=2000)
    assert heat.loc["W", "supply"] == 0.0
    assert heat.loc["W", "headroom"] == pytest.approx(-2000.0)
    assert heat.loc["W", "networked"]


def test_point_in_two_overlapping_zones_counts_for_the_first():
    points = _points([("U", 600, 1500), ("U", 400, 2500)])
    zones = gpd.GeoDataFrame({"zone_id": ["b", "a"], "network": "heat"},
                             geometry=[_box(1000, 3000), _box(0, 2000)], crs=CRS)
    shares = zone_shares(points, zones).set_index("zone_id")["share"]
    # The point at 1500 is in both: it counts for "a" (first by zone_id); the one at 2500
    # only in "b". Shares 0.6 and 0.4, sum 1, not 1.6.
    assert shares.to_dict() == pytest.approx({"a": 0.6, "b": 0.4})


def test_unit_of_nobody_counts_its_points_equally():
    # An empty cell E with two points of 0 persons, one in h (x 0..1000), one outside:
    # each point weighs 1/2, so half of E is on h. A 0-person point of a populated unit P
    # adds nothing: P's 100 residents are all at x = 1500, outside h.
    points = _points([("E", 0, 500), ("E", 0, 1500), ("P", 100, 1500), ("P", 0, 500)])
    zones = gpd.GeoDataFrame({"zone_id": ["h"], "network": "heat"}, geometry=[_box(0, 1000)],
                             crs=CRS)
    shares = zone_shares(points, zones)
    assert shares["unit_id"].tolist() == ["E"]
    assert shares["share"].tolist() == pytest.approx([0.5])


def test_area_shares_for_a_unit_with_no_points():
    units = gpd.GeoDataFrame({"unit_id": ["A", "B"]}, geometry=[_box(0, 1000), _box(0, 1000)],
                             crs=CRS)
    zones = gpd.GeoDataFrame({"zone_id": ["z1", "z2"], "network": "heat"},
                             geometry=[_box(-500, 400), _box(300, 800)], crs=CRS)
    by_area = area_shares(units[units.unit_id == "A"], zones).set_index("zone_id")["share"]
    # A is x 0..1000. z1 covers 0..400 = 0.4; z2 covers 300..800 but 300..400 is z1's (first
    # by zone_id), so 400..800 = 0.4; 0.2 of A is not networked. Checked against shapely in
    # the UTM zone: the ratios barely move in the equal-area projection over 1 km.
    utm = shapely.area(shapely.intersection(_box(0, 1000), _box(-500, 400))) / 1e6
    assert utm == pytest.approx(0.4)
    assert by_area.to_dict() == pytest.approx({"z1": 0.4, "z2": 0.4}, abs=1e-6)
    # B has a point at x = 900 (in no zone); A has none: A by area, B by its point.
    mixed = unit_zone_shares(units, zones, points=_points([("B", 50, 900)]))
    assert mixed["unit_id"].tolist() == ["A", "A"]
    supply = utility_supply(units.assign(pop=1000.0), mixed, zones, pd.Series({"z1": 1.0}),
                            network="heat", per_resident=HEAT, population="pop")
    # A alone in z1 (1.0 Gcal/h) and z2 (no source): S = 1.0, D = 1000 x 0.8 x 0.00125 = 1.0
    assert supply.loc["A", "networked_share"] == pytest.approx(0.8, abs=1e-6)
    assert supply.loc["A", "supply"] == pytest.approx(1.0)
    assert supply.loc["A", "demand"] == pytest.approx(1.0, abs=1e-6)
    assert not supply.loc["B", "networked"]


def _norms_with(tmp_path, **extra):
    spec = yaml.safe_load((data_dir() / "norms" / "default.yaml").read_text(encoding="utf-8"))
    spec["networks"].update(extra)
    path = tmp_path / "norms.yaml"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_electricity_from_a_norms_file_flows_through(tmp_path, town):
    path = _norms_with(tmp_path, electricity={
        "type": "utility", "unit": "MW",
        "per_resident": {"default": {"value": 0.0005, "source": "test: 0.5 kW a resident"}}})
    norms = load_norms(path)
    assert norms.utility_networks == ("heat", "water", "wastewater", "electricity")
    assert norms.capacity_networks == (*norms.utility_networks, *CAPACITY_NETWORKS[3:])
    assert norms.get("electricity").unit == "MW"
    units, points, zones, _, _ = town
    grid = gpd.GeoDataFrame({"zone_id": ["e1"], "network": "electricity", "load": np.nan},
                            geometry=[_box(0, 2000)], crs=CRS)
    sources = pd.DataFrame({"source_id": ["sub"], "capacity": [1.7], "commissioned": [2020]})
    links = pd.DataFrame({"zone_id": ["e1"], "source_id": ["sub"]})
    zones = pd.concat([zones, grid], ignore_index=True)
    shares = unit_zone_shares(units, zones, points=points)
    out = utility_supply(units, shares, zones, zone_capacity(links, sources, year=2025),
                         network="electricity",
                         per_resident=norms.get("electricity").per_resident, population="pop")
    # e1 covers V and 70 % of U: raw V 1000 x 0.0005 = 0.5, U 1000 x 0.7 x 0.0005 = 0.35;
    # 1.7 MW split: V 1.0, U 0.7. Headroom V 0.5 / 0.0005 = 1,000; U 0.35 / 0.0005 = 700.
    assert out.loc[["V", "U"], "supply"].tolist() == pytest.approx([1.0, 0.7])
    assert out.loc[["V", "U"], "headroom"].tolist() == pytest.approx([1000.0, 700.0])
    assert out.loc["U", "networked_share"] == pytest.approx(0.7)
    assert not out.loc["W", "networked"]


def test_shipped_norms_match_the_module_constants():
    norms = load_norms()
    assert norms.capacity_networks == CAPACITY_NETWORKS
    assert set(norms.by_network) == set(NETWORKS)
    assert norms.facility_networks == ("schools", "kindergartens", "polyclinics")


def test_unknown_network_type_is_refused(tmp_path):
    path = _norms_with(tmp_path, gas={"type": "pipeline", "unit": "m3/h",
                                      "per_resident": {"default": {"value": 1, "source": "x"}}})
    with pytest.raises(NormError) as error:
        load_norms(path)
    message = str(error.value)
    assert str(path) in message
    assert "networks.gas.type" in message
    assert "pipeline" in message
    assert "utility, facility, gate" in message


def test_transport_must_be_a_gate(tmp_path):
    path = _norms_with(tmp_path, transport={"type": "utility", "unit": "min"})
    with pytest.raises(NormError, match=re.escape("networks.transport.type")):
        load_norms(path)
