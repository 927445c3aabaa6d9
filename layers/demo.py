"""Build the demo workspace of the three regions from ``data/`` alone, with no network.

:func:`build_demo_layers` returns every layer of the data model, each with its kind; the
caller (``qonys demo``) writes them to the store. Published figures keep their sources;
everything generated says ``generated`` and its rule in its ``source`` column. District
boundaries are real (geokz, simplified); town outlines, roads, facilities and the rest are
schematic (see :mod:`layers.demo_units`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.crs import WGS84
from layers import demo_boundaries, demo_networks, demo_units, demo_utilities
from layers.demo_boundaries import read_boundaries
from layers.demo_flows import demo_flows
from layers.demo_units import centre_towns
from layers.resources import data_dir, read_yaml

DEFAULT_SEED = 20251
#: Net internal migration in 2024, persons (BNS via the-tenge.kz).


@dataclass(frozen=True)
class DemoLayer:
    """One generated or published layer with its kind and where it comes from."""

    name: str
    kind: str
    frame: pd.DataFrame
    source: str


def build_demo_layers(*, seed: int = DEFAULT_SEED,
                      progress: Callable[[str], None] | None = None) -> list[DemoLayer]:
    """Every layer of the demo, built from the facts, norms and rules in ``data/``.

    Parameters
    ----------
    seed
        Seed of every random draw: the same seed gives the same workspace.
    progress
        Called with each stage's name (``facts`` …) as work proceeds.

    Returns
    -------
    list of DemoLayer
        ``units``, ``settlements``, ``job_centres``, ``population_grid``, ``facilities``, ``roads``,
        ``utility_zones``, ``utility_sources``, ``zone_sources``, ``flows``,
        ``candidate_sites``, ``constraints`` and ``housing``.
    """
    step = progress or (lambda _stage: None)
    rng = np.random.default_rng(seed)
    root = data_dir()
    step("facts")
    units_2023 = pd.read_csv(root / "demo" / "units_2023.csv", dtype={"kato": str})
    towns_2023 = pd.read_csv(root / "demo" / "towns_2023.csv", dtype={"parent_kato": str})
    rules = read_yaml(root / "demo" / "base_year.yaml")
    norms = read_yaml(root / "norms" / "default.yaml")
    utilities = read_yaml(root / "demo" / "utilities.yaml")

    step("geometry")
    units = demo_units.unit_geometry(demo_units.base_year_units(units_2023, towns_2023, rules),
                                     read_boundaries())
    step("networks")
    points = demo_networks.population_points(units, rng)
    sites = demo_networks.facilities(units, points, norms, rng)
    roads = demo_networks.roads(points, sites, units, rules["centres"])
    utility = demo_utilities.utility_layers(units, utilities, norms, rng)

    generated = "generated (see the source column)"
    layers = [
        DemoLayer("units", "units", units.drop(columns=["lon", "lat"]),
                  "data/demo/units_2023.csv, towns_2023.csv, base_year.yaml; district "
                  f"boundaries {demo_boundaries.ATTRIBUTION}; town outlines generated"),
        DemoLayer("settlements", "settlements", _settlements(units, rules), "data/demo"),
        DemoLayer("job_centres", "job_centres", _job_centres(units, rules), generated),
        DemoLayer("population_grid", "population_grid", points, generated),
        DemoLayer("facilities", "facilities", sites, generated),
        DemoLayer("roads", "roads", roads, generated),
        *(DemoLayer(name, name, frame, "data/demo/utilities.yaml")
          for name, frame in utility.items()),
        # Flows draw from a generator of their own, so that adding them changed no other layer.
        DemoLayer("flows", "flows", demo_flows(units, np.random.default_rng((seed, 2024))),
                  generated),
        DemoLayer("candidate_sites", "candidate_sites", _candidate_sites(points, rng), generated),
        DemoLayer("constraints", "constraints", _constraints(), generated),
        DemoLayer("housing", "housing", _housing(units, rules), generated),
        DemoLayer("population_proxies", "population_proxies", _proxies(units, rules), generated),
    ]
    return layers


#: Candidate sites the demo draws in each unit (fewer where a unit has fewer points).
SITES_PER_UNIT = 6


def _settlements(units: gpd.GeoDataFrame, rules: dict) -> gpd.GeoDataFrame:
    towns = centre_towns(units)
    rows = [{"settlement_id": t.unit_id, "name_ru": t.name_ru, "name_kk": t.name_kk,
             "name_en": t.name_en, "place": "town", "population": t.pop_registered,
             "kato": t.kato, "source": t.source,
             "geometry": shapely.Point(t.lon, t.lat)} for t in towns.itertuples()]
    for region, centre in rules["centres"].items():
        total = rules["city_registered_total"][region]
        rows.append({"settlement_id": region, "name_ru": None, "name_kk": None,
                     "name_en": region.capitalize(), "place": "city",
                     "population": float(total["value"]), "kato": None,
                     "source": f"{total['source']}; point: {centre['source']}",
                     "geometry": shapely.Point(centre["lon"], centre["lat"])})
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=WGS84)


def _job_centres(units: gpd.GeoDataFrame, rules: dict) -> gpd.GeoDataFrame:
    """Each city's centre, and the centre town of each satellite city (planned to hold its
    own jobs); ordinary suburbs' towns are not job centres, so their residents' gate is the
    drive to the city."""
    rows = [{"job_centre_id": f"{region}-centre", "name_en": f"{region.capitalize()} centre",
             "geometry": shapely.Point(c["lon"], c["lat"])}
            for region, c in rules["centres"].items()]
    towns = centre_towns(units)
    satellites = set(units.loc[units.kind == "satellite_city", "unit_id"])
    rows += [{"job_centre_id": f"{t.unit_id}-centre", "name_en": f"{t.name_en} centre",
              "geometry": shapely.Point(t.lon, t.lat)}
             for t in towns.itertuples()
             if t.parent_id in satellites or t.kind == "satellite_city"]
    frame = gpd.GeoDataFrame(rows, geometry="geometry", crs=WGS84)
    frame["source"] = ("generated: the city centres of data/demo/base_year.yaml and the centre "
                       "towns of satellite cities; not surveyed places of work")
    return frame


def _candidate_sites(points: gpd.GeoDataFrame, rng: np.random.Generator) -> gpd.GeoDataFrame:
    """Up to :data:`SITES_PER_UNIT` population points of each unit, drawn at random."""
    picked = []
    for _unit, group in points.groupby("unit_id", sort=False):
        take = min(SITES_PER_UNIT, len(group))
        picked.append(group.iloc[np.sort(rng.choice(len(group), size=take, replace=False))])
    chosen = pd.concat(picked)
    number = chosen.groupby("unit_id", sort=False).cumcount() + 1
    return gpd.GeoDataFrame({
        "site_id": [f"site-{u}-{n}" for u, n in zip(chosen.unit_id, number, strict=True)],
        "unit_id": chosen.unit_id.to_numpy(),
        "kinds": "school,kindergarten,polyclinic",
        "source": "generated: population points of each unit, drawn at random",
    }, geometry=chosen.geometry.to_numpy(), crs=WGS84)


def _constraints() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({
        "reason": ["steep slopes of the Trans-Ili Alatau (schematic)"],
        "source": ["generated: a schematic band south of Almaty, not surveyed land"],
    }, geometry=[shapely.box(76.75, 43.02, 77.35, 43.10)], crs=WGS84)


def _housing(units: gpd.GeoDataFrame, rules: dict) -> pd.DataFrame:
    """Dwellings a year: 0.4 % of the registered population everywhere, and in the Almaty
    agglomeration's centre towns a planned programme of mass housing (the towns the working
    group's suburb scenarios put people in), from the year after the base year."""
    base = int(rules["base_year"])
    programme = rules["housing_programme"]
    towns = set(units.loc[(units["region"] == programme["region"])
                          & units["unit_id"].str.endswith("-town"), "unit_id"])
    rows = []
    for u in units.itertuples():
        for year in range(base, 2031):
            organic = float(round(u.pop_registered * 0.004))
            planned = float(programme["dwellings_per_year"]) if u.unit_id in towns \
                and year > base else 0.0
            rows.append({"unit_id": u.unit_id, "year": year,
                         "status": "planned" if planned else "organic",
                         "dwellings": organic + planned,
                         "source": programme["source"] if planned else ORGANIC_HOUSING})
    return pd.DataFrame(rows)


ORGANIC_HOUSING = "generated: 0.4% of the registered population a year, as dwellings"


def _proxies(units: gpd.GeoDataFrame, rules: dict) -> pd.DataFrame:
    """Proxies of the actual population from published city totals, split over each city's
    districts by registered population: Almaty's metered water use, and Astana's peak heat
    load (which ``qonys actual`` must refuse: Astana's heat norm was derived from it)."""
    rows = []
    for spec in rules["proxies"]:
        city = units[(units["region"] == spec["region"]) & (units["kind"] == "city_district")]
        values = demo_networks.split_exactly(
            spec["value"], (city.pop_registered / city.pop_registered.sum()).to_numpy())
        rows += [{"unit_id": u, "proxy": spec["proxy"], "value": float(v),
                  "year": spec["year"], "source": spec["source"]}
                 for u, v in zip(city["unit_id"], values, strict=True)]
    return pd.DataFrame(rows)
