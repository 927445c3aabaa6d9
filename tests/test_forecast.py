"""A two-unit forecast over three years, every figure worked out by hand.

Two 1-km squares on one street (EPSG:32643): A with 1,000 residents, B with 2,000 (registered
= actual), in region ``test`` (natural increase: the default 1.0 % a year). One heat zone over
both, 5 Gcal/h, load not measured, norm 0.00125 Gcal/h a resident. Facilities are huge and
reachable (60 min) so that they never bind; the centre is at A.

Population, base year 2025:
    A: migration +100 a year.
        2026: 1000 + round(10.00) + 100 = 1110
        2027: 1110 + round(11.10) + 100 = 1221
        2028: 1221 + round(12.21) + 100 = 1333
    B: a programme of 1,200 arrivals wanted in 2026; homes for 100 dwellings x 3.0 persons
       = 300 a year:
        2026: 2000 + round(20.00) + 300 = 2320   (900 waiting)
        2027: 2320 + round(23.20) + 300 = 2643   (600 waiting)
        2028: 2643 + round(26.43) + 300 = 2969   (300 waiting)
Heat, zone headroom (5 - 0.00125 x total) / 0.00125, shared in proportion to residents:
    2025: total 3,000 -> 1,000 (A 333.33, B 666.67)
    2026: total 3,430 -> 570 (A 570 x 1110/3430 = 184.46)
    2027: total 3,864 -> 136 (A 42.98, B 93.02)
    2028: total 4,302 -> -302: heat runs out in 2028 in both units.
With +1 Gcal/h commissioned in 2028: (6 - 5.3775) / 0.00125 = 498 (A 154.31, B 343.69).
The utility proposal at 2028 without it: deficit 5.3775 - 5 = 0.3775 Gcal/h -> one module of
10 Gcal/h, 10 x 400 M = 4 bn tenge, 10 / 0.00125 = 8,000 residents.
"""

from __future__ import annotations

import dataclasses
from types import SimpleNamespace

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from planning.forecast.model import Programme, forecast
from planning.norms import load_norms
from planning.proposals.propose import size_utilities
from tests.test_readiness_by_hand import CRS, _line, _square, _xy


def two_units() -> tuple[dict, object]:
    units = gpd.GeoDataFrame({
        "unit_id": ["A", "B"], "region": "test",
        "pop_registered": [1000.0, 2000.0], "pop_actual": [1000.0, 2000.0],
    }, geometry=[_square(0), _square(1000)], crs=CRS)
    roads = gpd.GeoDataFrame({"speed_kmh": [30.0]}, geometry=[_line(500, 1500)], crs=CRS)
    facilities = gpd.GeoDataFrame({
        "facility_id": ["S", "K", "P"], "kind": ["school", "kindergarten", "polyclinic"],
        "capacity": [1e6, 1e6, 1e6]}, geometry=[_xy(1000, 500)] * 3, crs=CRS)
    zones = gpd.GeoDataFrame({"zone_id": ["heat1"], "network": ["heat"], "load": [None]},
                             geometry=[shapely.union(_square(0), _square(1000))], crs=CRS)
    sources = gpd.GeoDataFrame({"source_id": ["chp"], "network": ["heat"], "capacity": [5.0],
                                "unit": ["Gcal/h"]}, geometry=[_xy(500, 900)], crs=CRS)
    links = pd.DataFrame({"zone_id": ["heat1"], "source_id": ["chp"]})
    centre = gpd.GeoDataFrame({"settlement_id": ["c"], "place": ["city"],
                               "population": [3000.0]}, geometry=[_xy(500, 500)], crs=CRS)
    housing = pd.DataFrame({"unit_id": "B", "year": [2026, 2027, 2028], "dwellings": 100.0})
    norms = load_norms()
    reach = {net: {r: dataclasses.replace(n, minutes=60.0) for r, n in
                   norms.by_network[net].items()} for net in norms.facility_networks}
    norms = dataclasses.replace(norms, by_network={**norms.by_network, **reach})
    layers = {"units": units, "roads": roads, "facilities": facilities,
              "utility_zones": zones, "utility_sources": sources, "zone_sources": links,
              "settlements": centre, "housing": housing}
    return layers, norms


PROGRAMME = pd.DataFrame({"unit_id": ["B"], "year": [2026], "persons": [1200]})


@pytest.fixture(scope="module")
def trend_only():
    layers, norms = two_units()
    return forecast(layers, norms, base_year=2025, horizon=2028,
                    programme=Programme(resettlement=PROGRAMME),
                    net_migration=pd.Series({"A": 100.0})), norms


def _heat(result, unit_id: str) -> list[float]:
    nets = result.networks
    own = nets[(nets["unit_id"] == unit_id) & (nets["network"] == "heat")
               & (nets["basis"] == "actual")].sort_values("year")
    return own["headroom"].round(2).tolist()


def test_population_steps_by_hand(trend_only):
    result, _ = trend_only
    people = result.population.set_index(["unit_id", "year"])
    assert people.loc["A", "pop_actual"].tolist() == [1000, 1110, 1221, 1333]
    assert people.loc["B", "pop_actual"].tolist() == [2000, 2320, 2643, 2969]
    assert people.loc["B", "resettled"].tolist() == [0, 300, 300, 300]
    assert people.loc["B", "waiting"].tolist() == [0, 900, 600, 300]
    # the registered population takes the same arrivals and its own births
    assert people.loc["B", "pop_registered"].tolist() == [2000, 2320, 2643, 2969]


def test_heat_headroom_and_first_deficit_by_hand(trend_only):
    result, _ = trend_only
    assert _heat(result, "A") == [333.33, 184.46, 42.98, -93.58]
    # -302 x 1333 / 4302 = -93.58; x 2969 / 4302 = -208.42
    assert _heat(result, "B")[-1] == pytest.approx(-208.42, abs=0.01)
    first = result.first_deficit.set_index(["unit_id", "basis", "network"])
    assert first.loc[("A", "actual", "heat"), "first_deficit_year"] == 2028
    assert first.loc[("B", "registered", "heat"), "first_deficit_year"] == 2028
    assert pd.isna(first.loc[("A", "actual", "schools"), "first_deficit_year"])
    zone = result.zones[(result.zones["year"] == 2028) & (result.zones["basis"] == "actual")]
    assert zone["headroom"].sum() == pytest.approx(-302.0)


@pytest.mark.slow
def test_an_expansion_commissioned_in_2028_keeps_heat_in_surplus():
    layers, norms = two_units()
    added = pd.DataFrame({"source_id": ["chp+2028"], "network": ["heat"], "zone_id": ["heat1"],
                          "capacity": [1.0], "unit": ["Gcal/h"], "commissioned": [2028]})
    result = forecast(layers, norms, base_year=2025, horizon=2028,
                      programme=Programme(resettlement=PROGRAMME, sources=added),
                      net_migration=pd.Series({"A": 100.0}))
    assert _heat(result, "A") == [333.33, 184.46, 42.98, 154.31]
    assert _heat(result, "B")[-1] == 343.69
    first = result.first_deficit
    assert first[first["network"] == "heat"]["first_deficit_year"].isna().all()


def test_utility_expansion_is_sized_to_the_horizon_deficit(trend_only):
    result, norms = trend_only
    run = SimpleNamespace(norms=norms, forecast=result)
    proposals = size_utilities(run)
    heat = proposals[proposals["network"] == "heat"].iloc[0]
    assert heat["deficit"] == pytest.approx(0.3775)
    assert heat["add"] == 10
    assert heat["cost_tenge"] == pytest.approx(4e9)
    assert heat["residents"] == pytest.approx(8000)
    assert "0.38" in heat["explanation_en"] or "0.4" in heat["explanation_en"]
    assert "heat1" in heat["explanation_ru"] and "heat1" in heat["explanation_kk"]


@pytest.mark.slow
def test_no_migration_scale_drops_the_trend():
    layers, norms = two_units()
    result = forecast(layers, norms, base_year=2025, horizon=2026,
                      programme=Programme(migration_scale=0.0),
                      net_migration=pd.Series({"A": 100.0}))
    people = result.population.set_index(["unit_id", "year"])
    assert people.loc[("A", 2026), "pop_actual"] == 1010


@pytest.mark.slow
def test_a_programme_facility_counts_from_its_year():
    """A second kindergarten of 1e6 places opens in 2027 beside the first (1e6, 60 min reach):
    the kindergarten supply reachable from A and B, 1e6 in 2025 and 2026, is 2e6 from 2027."""
    layers, norms = two_units()
    added = gpd.GeoDataFrame({"facility_id": ["K2"], "kind": ["kindergarten"],
                              "capacity": [1e6], "year": [2027]},
                             geometry=[_xy(1000, 500)], crs=CRS)
    result = forecast(layers, norms, base_year=2025, horizon=2028,
                      programme=Programme(facilities=added))
    nets = result.networks
    supply = nets[(nets["network"] == "kindergartens") & (nets["basis"] == "actual")] \
        .groupby("year")["supply"].sum()
    assert supply.round(3).tolist() == [1e6, 1e6, 2e6, 2e6]
