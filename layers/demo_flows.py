"""Generated migration flows of the demo, calibrated to the published net internal migration.

The demo has no registration data, so :func:`demo_flows` generates flows for 2020-2024 with a
gravity-like pattern (a flow grows with the population at both ends and falls with distance)
and then calibrates them so that, in 2024, each city's net internal migration over its
districts is exactly the published figure. Every row says so in its ``source`` column.

The rules, each a stated assumption, not a published figure:

- Gross moves out of a city district, as shares of its registered population a year: 1.0% to
  the oblasts, 0.4% to the suburbs of its region, 1.2% to the city's other districts, 0.3% to
  the districts of the other two cities, 0.15% abroad. Out of a suburb unit (suburban
  district, satellite city, centre town): 1.2% into the districts of its city.
- From abroad, a stated number of persons a year per country (:data:`COUNTRY_INFLOW`) into
  the three cities' districts.
- All of these, in a year, times one factor drawn from 0.95-1.05.
- Each move is split over its destinations in proportion to their population (oblasts: BNS,
  1 Jan 2023, from ``data/reference/places.csv``; countries: a stated weight) times
  distance^-1.2, times a random factor per pair (log-normal, sigma 0.3) and per pair and year
  (sigma 0.1), in whole persons that add up exactly.
- Calibration: the inflow from the oblasts into a city's districts is whatever makes the
  city's net internal migration (internal inflow minus outflow of its districts, moves between
  two of its districts cancelling) equal the target; it is split over the (oblast, district)
  pairs the same way. 2024 targets: Astana +73,238, Almaty +36,061, Shymkent +9,361 (BNS via
  the-tenge.kz). Earlier years: the 2024 figure times :data:`EARLIER_YEARS_FACTOR`.
- About 12% of the (oblast, district) pairs are never observed (no row in any year), so that
  the gravity model has pairs to fill in.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.crs import KAZAKHSTAN_EQUAL_AREA, WGS84
from layers.demo_networks import split_exactly
from layers.resources import data_dir

YEARS = tuple(range(2020, 2025))
#: Net internal migration of each city in 2024, persons (BNS via the-tenge.kz).
NET_INTERNAL_2024 = {"astana": 73238, "almaty": 36061, "shymkent": 9361}
#: Net internal migration of year y = the 2024 figure × this (a rule, not published).
EARLIER_YEARS_FACTOR = {2020: 0.80, 2021: 0.85, 2022: 0.90, 2023: 0.95, 2024: 1.00}
#: KATO codes of the cities, represented in the demo by their districts (never an end).
CITY_CODES = {"astana": "710000000", "almaty": "750000000", "shymkent": "790000000"}
SUBURB_KINDS = ("suburban_district", "satellite_city", "town")
DISTANCE_DECAY = 1.2
#: Gross moves a year as shares of the registered population (see the module's doc).
RATES = {"to_oblasts": 0.010, "to_suburbs": 0.004, "within_city": 0.012,
         "to_other_cities": 0.003, "abroad": 0.0015, "suburb_to_city": 0.012}
#: Persons a year from each country into the three cities' districts together (stated).
COUNTRY_INFLOW = {"UZB": 2500, "CHN": 1200, "RUS": 1500, "KGZ": 900, "TJK": 400, "TKM": 300,
                  "MNG": 400, "TUR": 250, "AZE": 150, "UKR": 150, "BLR": 100, "DEU": 150}
#: Relative pull of each country for moves abroad (stated).
COUNTRY_PULL = {"RUS": 60.0, "DEU": 12.0, "UZB": 6.0, "KGZ": 4.0, "CHN": 3.0, "TUR": 4.0,
                "BLR": 3.0, "UKR": 2.0, "TJK": 1.0, "TKM": 0.5, "AZE": 1.0, "MNG": 1.0}
#: Every gross move of a year is scaled by a factor drawn from 1 ± this.
YEAR_SPREAD = 0.05
UNOBSERVED_SHARE = 0.12
PAIR_SIGMA = 0.3
YEAR_SIGMA = 0.1
SOURCE = (
    "generated (layers/demo_flows.py): gravity-like flows calibrated to each city's net "
    "internal migration of 2024 (Astana +73,238; Almaty +36,061; Shymkent +9,361; BNS via "
    "the-tenge.kz); 2020-2023: that figure × 0.80, 0.85, 0.90, 0.95 (a rule)"
)


def demo_flows(units: gpd.GeoDataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Flows of 2020-2024 between the demo's units, the oblasts and a few countries.

    Parameters
    ----------
    units
        The demo's units: ``unit_id``, ``kind``, ``region``, ``pop_registered`` and polygons
        in a CRS (or ``lon``/``lat`` columns).
    rng
        The demo's random generator.

    Returns
    -------
    pandas.DataFrame
        A ``flows`` layer: ``origin_id``, ``dest_id``, ``year``, ``persons`` (whole),
        ``flow_kind`` and ``source``; rows with nobody are left out.
    """
    places = _places(units)
    regions = sorted(NET_INTERNAL_2024)
    districts = {r: _codes(units, r, ("city_district",)) for r in regions}
    suburbs = {r: _codes(units, r, SUBURB_KINDS) for r in regions}
    oblasts = places.index[(places["kind"] == "oblast")
                           & ~places.index.isin(list(CITY_CODES.values()))].tolist()
    countries = [c for c in COUNTRY_INFLOW if c in places.index]
    noise = _PairNoise(rng)
    unobserved = _unobserved_pairs(oblasts, districts, rng)
    frames = []
    for year in YEARS:
        scale = rng.uniform(1 - YEAR_SPREAD, 1 + YEAR_SPREAD)
        moves = _gross_moves(places, districts, suburbs, oblasts, countries, noise, scale)
        for region in regions:
            target = round(NET_INTERNAL_2024[region] * EARLIER_YEARS_FACTOR[year])
            moves += _calibrated_inflow(places, districts[region], oblasts, unobserved,
                                        target - _net_internal(moves, districts[region]),
                                        noise, year)
        frame = pd.DataFrame(moves, columns=["origin_id", "dest_id", "persons", "flow_kind"])
        frames.append(frame.assign(year=year))
    flows = pd.concat(frames, ignore_index=True)
    flows = flows[flows["persons"] > 0]
    flows = flows.groupby(["origin_id", "dest_id", "year", "flow_kind"], as_index=False,
                          sort=True)["persons"].sum()
    flows["source"] = SOURCE
    return flows[["origin_id", "dest_id", "year", "persons", "flow_kind", "source"]]


class _PairNoise:
    """A random factor per (origin, destination) pair, fixed over the years, times a factor
    per pair and year."""

    def __init__(self, rng: np.random.Generator) -> None:
        self._rng = rng
        self._fixed: dict[tuple[str, str], float] = {}

    def __call__(self, origin: str, targets: list[str]) -> np.ndarray:
        for t in targets:
            if (origin, t) not in self._fixed:
                self._fixed[(origin, t)] = self._rng.lognormal(0.0, PAIR_SIGMA)
        fixed = np.array([self._fixed[(origin, t)] for t in targets])
        return fixed * self._rng.lognormal(0.0, YEAR_SIGMA, len(targets))


def _places(units: gpd.GeoDataFrame) -> pd.DataFrame:
    """Every place with ``kind``, ``lon``, ``lat`` and ``mass`` (population or pull)."""
    if {"lon", "lat"} <= set(units.columns):
        lon, lat = units["lon"].to_numpy(float), units["lat"].to_numpy(float)
    else:
        centres = units.geometry.to_crs(KAZAKHSTAN_EQUAL_AREA).centroid.to_crs(WGS84)
        lon, lat = centres.x.to_numpy(), centres.y.to_numpy()
    own = pd.DataFrame({"kind": "unit", "lon": lon, "lat": lat,
                        "mass": units["pop_registered"].to_numpy(float)},
                       index=units["unit_id"].astype(str).to_numpy())
    reference = pd.read_csv(data_dir() / "reference" / "places.csv", dtype={"code": str})
    reference = reference.set_index("code")
    reference["mass"] = reference["pop_2023"].astype(float)
    pulls = reference.index.map(COUNTRY_PULL)
    reference.loc[reference["kind"] == "country", "mass"] = pulls[reference["kind"] == "country"]
    places = pd.concat([own, reference[["kind", "lon", "lat", "mass"]]])
    # plain dicts for the many small look-ups of the splits
    places.attrs["radians"] = dict(zip(places.index, np.radians(
        places[["lon", "lat"]].to_numpy(float)), strict=True))
    places.attrs["mass"] = dict(zip(places.index, places["mass"].to_numpy(float), strict=True))
    return places


def _codes(units: gpd.GeoDataFrame, region: str, kinds: tuple[str, ...]) -> list[str]:
    chosen = units[(units["region"] == region) & units["kind"].isin(kinds)]
    return chosen["unit_id"].astype(str).tolist()


def _distance_km(places: pd.DataFrame, origin: str, targets: list[str]) -> np.ndarray:
    """Great-circle km (haversine, mean Earth radius), 1 km at least."""
    lon1, lat1 = places.attrs["radians"][origin]
    ends = np.array([places.attrs["radians"][t] for t in targets])
    h = (np.sin((ends[:, 1] - lat1) / 2) ** 2
         + np.cos(lat1) * np.cos(ends[:, 1]) * np.sin((ends[:, 0] - lon1) / 2) ** 2)
    return np.maximum(1.0, 2 * 6371.0088 * np.arcsin(np.sqrt(h)))


def _mass(places: pd.DataFrame, codes: list[str]) -> np.ndarray:
    return np.array([places.attrs["mass"][c] for c in codes])


def _weights(places: pd.DataFrame, origin: str, targets: list[str],
             noise: _PairNoise) -> np.ndarray:
    raw = (_mass(places, targets) * _distance_km(places, origin, targets) ** -DISTANCE_DECAY
           * noise(origin, targets))
    return raw / raw.sum()


def _split(places: pd.DataFrame, origin: str, targets: list[str], total: float,
           noise: _PairNoise, kind: str) -> list[tuple]:
    """``total`` whole persons from ``origin`` to ``targets``, gravity-like."""
    persons = split_exactly(total, _weights(places, origin, targets, noise))
    return [(origin, t, p, kind) for t, p in zip(targets, persons, strict=True)]


def _gross_moves(places: pd.DataFrame, districts: dict[str, list[str]],
                 suburbs: dict[str, list[str]], oblasts: list[str], countries: list[str],
                 noise: _PairNoise, scale: float) -> list[tuple]:
    """Every move of a year but the calibrated inflow from the oblasts, at the stated rates
    times the year's ``scale``."""
    moves: list[tuple] = []
    every_district = [d for codes in districts.values() for d in codes]
    for region, own in districts.items():
        others = [d for d in every_district if d not in own]
        for d in own:
            pop = places.attrs["mass"][d] * scale
            moves += _split(places, d, oblasts, pop * RATES["to_oblasts"], noise, "internal")
            moves += _split(places, d, suburbs[region], pop * RATES["to_suburbs"], noise,
                            "internal")
            moves += _split(places, d, [o for o in own if o != d],
                            pop * RATES["within_city"], noise, "internal")
            moves += _split(places, d, others, pop * RATES["to_other_cities"], noise,
                            "internal")
            moves += _split(places, d, countries, pop * RATES["abroad"], noise, "external")
        for s in suburbs[region]:
            out_of_suburb = places.attrs["mass"][s] * scale * RATES["suburb_to_city"]
            moves += _split(places, s, own, out_of_suburb, noise, "internal")
    for country in countries:
        moves += _split(places, country, every_district, COUNTRY_INFLOW[country] * scale,
                        noise, "external")
    return moves


def _net_internal(moves: list[tuple], districts: list[str]) -> float:
    """Internal inflow minus outflow of a city's districts; moves among them cancel."""
    inside = set(districts)
    net = 0.0
    for origin, dest, persons, kind in moves:
        if kind != "internal" or (origin in inside) == (dest in inside):
            continue
        net += persons if dest in inside else -persons
    return net


def _unobserved_pairs(oblasts: list[str], districts: dict[str, list[str]],
                      rng: np.random.Generator) -> set[tuple[str, str]]:
    """(oblast, district) pairs left without a row, at least 5 oblasts kept per district."""
    dropped: set[tuple[str, str]] = set()
    for d in sorted(d for codes in districts.values() for d in codes):
        drop = rng.random(len(oblasts)) < UNOBSERVED_SHARE
        if len(oblasts) - drop.sum() >= 5:
            dropped |= {(o, d) for o, gone in zip(oblasts, drop, strict=True) if gone}
    return dropped


def _weight_of_pair(places: pd.DataFrame, origin: str, dest: str) -> float:
    masses = _mass(places, [origin, dest])
    return float(masses[0] * masses[1] * _distance_km(places, origin, [dest])[0]
                 ** -DISTANCE_DECAY)


def _calibrated_inflow(places: pd.DataFrame, districts: list[str], oblasts: list[str],
                       unobserved: set[tuple[str, str]], needed: float, noise: _PairNoise,
                       year: int) -> list[tuple]:
    """Inflow from the oblasts into a city's districts of exactly ``needed`` persons."""
    if needed < 0:  # a programming error: the stated gross rates cannot reach the target
        msg = f"demo flows: the oblasts' inflow would be {needed} in {year}; lower the rates"
        raise RuntimeError(msg)
    pairs = [(o, d) for d in districts for o in oblasts if (o, d) not in unobserved]
    raw = np.array([_weight_of_pair(places, o, d) * noise(o, [d])[0] for o, d in pairs])
    persons = split_exactly(needed, raw / raw.sum())
    return [(o, d, p, "internal") for (o, d), p in zip(pairs, persons, strict=True)]
