"""The forecast: residents year by year, and every network's demand, supply and headroom.

From the base year to the horizon (default 2030), each unit's population steps as

    pop(t) = pop(t - 1) + natural(t) + migration(t) + resettled(t)

- ``natural(t) = round(pop(t - 1) x rate)``: the region's natural increase from the norms
  (``growth.natural``), for the registered and the actual population alike;
- ``migration(t)``: the unit's net migration a year from the flows' trend
  (:func:`planning.population.flows.trend`), times the scenario's scale (``none``: zero);
- ``resettled(t)``: the programme's arrivals, no faster than homes: at most
  ``dwellings(u, t) x housing.persons_per_dwelling`` a year where the ``housing`` layer lists
  the unit; what cannot move in waits for the next year's homes.

Capacity changes as the programme commissions it: a utility source counts from its
``commissioned`` year, a facility from its ``year``. A zone's measured load grows with its
residents' demand (the ratio of the actual population's demand to the base year's), so the
load-scaled demand of DESIGN.md stays a measurement carried forward, not reset to the norm.

Every year is scored by :func:`planning.provision.assess.score` on the same road graphs (built
once), with E2SFCA for facilities. New residents of a unit live where its residents live now (its
population points are scaled); a planner who knows better loads a population grid for it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.crs import WGS84
from planning.forecast.residents import (
    housing_limited,
    step_population,
    yearly_migration,
)
from planning.norms import Norms
from planning.notices import say
from planning.provision import utilities
from planning.provision.assess import (
    BASES,
    POPULATION,
    demand_points,
    prepare_units,
    score,
    with_residents,
)

log = logging.getLogger(__name__)

#: Horizon of the forecast when a scenario names none.
DEFAULT_HORIZON = 2030
NETWORK_COLUMNS = ["unit_id", "region", "year", "basis", "network", "networked", "zone_id",
                   "demand", "supply", "provision", "headroom", "unit"]
SUMMARY_COLUMNS = [f"{name}_{basis}" for basis in BASES for name in
                   ("headroom_min", "gate_open", "bottleneck", "readiness", "can_take")]


@dataclass(frozen=True)
class Programme:
    """What a scenario adds to the workspace as it stands.

    Attributes
    ----------
    resettlement
        ``unit_id``, ``year``, ``persons``: arrivals wanted by the programme.
    facilities
        New facilities: ``facility_id``, ``kind``, ``capacity``, ``year`` (in service from)
        and point geometry.
    sources
        New or expanded utility sources: ``source_id``, ``network``, ``zone_id``,
        ``capacity`` (added, in the network's unit), ``unit``, ``commissioned``.
    migration_scale
        Net migration's trend is multiplied by it (0: no migration).
    """

    resettlement: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(
        columns=["unit_id", "year", "persons"]))
    facilities: gpd.GeoDataFrame | None = None
    sources: pd.DataFrame | None = None
    migration_scale: float = 1.0


@dataclass(frozen=True)
class Forecast:
    """What :func:`forecast` found.

    Attributes
    ----------
    population
        One row per unit and year: ``pop_registered``, ``pop_actual``, and the actual
        population's ``natural``, ``migration`` and ``resettled`` of that year, with
        ``wanted`` (programme arrivals due) and ``waiting`` (due but without a home yet).
    networks
        One row per unit, year, basis and capacity network (:data:`NETWORK_COLUMNS`).
    units
        One row per unit and year: readiness and bottleneck for both bases.
    first_deficit
        One row per unit, basis and network: ``first_deficit_year`` (the first year of
        negative headroom; missing when none by the horizon), ``headroom_base`` and
        ``headroom_horizon`` (residents).
    zones
        One row per zone, network, year and basis: ``demand``, ``supply`` and ``headroom``
        summed over the units whose largest share is in the zone.
    """

    years: list[int]
    population: pd.DataFrame
    networks: pd.DataFrame
    units: pd.DataFrame
    first_deficit: pd.DataFrame
    zones: pd.DataFrame
    graphs: dict = field(default_factory=dict, repr=False)
    horizon_units: gpd.GeoDataFrame | None = field(default=None, repr=False)
    horizon_points: gpd.GeoDataFrame | None = field(default=None, repr=False)


def forecast(layers: Mapping[str, pd.DataFrame], norms: Norms, *, base_year: int,
             horizon: int = DEFAULT_HORIZON, programme: Programme | None = None,
             net_migration: pd.Series | None = None,
             progress: Callable[[int], None] | None = None) -> Forecast:
    """Step every unit's population from ``base_year`` to ``horizon`` and score each year.

    Parameters
    ----------
    layers
        The workspace's layers, as for :func:`planning.provision.assess.assess` (``units`` and
        ``roads`` at least); ``housing`` caps the programme's arrivals.
    norms
        The norms in force (a scenario's overrides already applied).
    base_year, horizon
        First and last year; the base year is the units' populations as loaded.
    programme
        What the scenario adds; none: the trend alone.
    net_migration
        Net migration a year by ``unit_id`` (:func:`planning.population.flows.trend`); missing units
        get zero.
    progress
        Called with each year as it is scored.

    Returns
    -------
    Forecast
    """
    programme = programme or Programme()
    units = prepare_units(layers["units"])
    years, population = population_path(units, layers, norms, base_year=base_year,
                                        horizon=horizon, programme=programme,
                                        net_migration=net_migration)
    constraints = layers.get("constraints")
    # Where residents live is found once; each year scales the same points to its totals.
    where = demand_points(units, layers.get("population_grid"),
                          settlements=layers.get("settlements"),
                          constraints=None if constraints is None or constraints.empty
                          else constraints.geometry)
    return score_years(units, population, with_programme(layers, programme), norms,
                       years=years, points_of=lambda year_units: with_residents(where,
                                                                                year_units),
                       progress=progress)


def population_path(units: gpd.GeoDataFrame, layers: Mapping[str, pd.DataFrame],
                    norms: Norms, *, base_year: int, horizon: int, programme: Programme,
                    net_migration: pd.Series | None) -> tuple[list[int], pd.DataFrame]:
    """The years and every unit's residents in each (see :func:`step_population`)."""
    if horizon < base_year:
        msg = f"horizon {horizon} is before the base year {base_year}"
        raise ValueError(msg)
    years = list(range(base_year, horizon + 1))
    if net_migration is None and programme.migration_scale != 0:
        say("forecast.no_flows")
    migration = yearly_migration(units, net_migration, programme.migration_scale)
    arrivals = housing_limited(programme.resettlement, layers.get("housing"), norms,
                               years=years[1:])
    population = step_population(units, norms, years=years, migration=migration,
                                 arrivals=arrivals)
    # Said in the results too: a forecast without flows has no migration in it.
    source = "none" if net_migration is None or programme.migration_scale == 0 else "flows"
    return years, population.assign(migration_source=source)


def score_years(units: gpd.GeoDataFrame, population: pd.DataFrame,
                layers: Mapping[str, pd.DataFrame], norms: Norms, *, years: list[int],
                points_of: Callable[[gpd.GeoDataFrame], gpd.GeoDataFrame],
                progress: Callable[[int], None] | None = None,
                graphs: dict | None = None) -> Forecast:
    """Score ``units`` (districts or H3 cells) in every year of ``population``.

    ``points_of`` gives the demand points of the year's units; the road graphs are built once
    (or taken from ``graphs``) and reused every year.
    """
    zones = layers.get("utility_zones")
    shares = _zone_shares(units, zones, points_of(units))
    graphs = dict(graphs or {})
    tables, summaries = [], []
    year_units = points = None
    region_of = units.set_index("unit_id")["region"]
    for year in years:
        if progress is not None:
            progress(year)
        year_units = _units_in(units, population, year)
        points = points_of(year_units)
        year_layers = dict(layers)
        if "facilities" in layers:
            year_layers["facilities"] = in_service(layers["facilities"], year)
        if zones is not None:
            year_layers["utility_zones"] = _grown_load(zones, shares, units, year_units)
        result = score(year_units, points, year_layers, norms, year=year, graphs=graphs)
        graphs = result.graphs
        nets = result.networks[result.networks["network"].isin(norms.capacity_networks)]
        tables.append(nets.assign(year=year, region=nets["unit_id"].map(region_of)).reindex(
            columns=NETWORK_COLUMNS))
        summary = pd.DataFrame(result.units.drop(columns="geometry"))
        summaries.append(summary.reindex(columns=["unit_id", *SUMMARY_COLUMNS]).assign(
            year=year))
    networks = pd.concat(tables, ignore_index=True)
    return Forecast(years=years, population=population, networks=networks,
                    units=pd.concat(summaries, ignore_index=True),
                    first_deficit=first_deficit(networks), zones=zone_totals(networks),
                    graphs=graphs, horizon_units=year_units, horizon_points=points)


def in_service(facilities: gpd.GeoDataFrame, year: int) -> gpd.GeoDataFrame:
    """The facilities open in ``year``: those without a ``year`` (the workspace's own) and
    those a programme builds by then.

    Examples
    --------
    >>> sites = pd.DataFrame({"facility_id": ["old", "new"], "year": [None, 2027]})
    >>> in_service(sites, 2026)["facility_id"].tolist()
    ['old']
    """
    if "year" not in facilities:
        return facilities
    opened = pd.to_numeric(facilities["year"])
    return facilities[opened.isna() | (opened <= year)]






def first_deficit(networks: pd.DataFrame) -> pd.DataFrame:
    """The first year each network runs out in each unit, for both bases.

    Examples
    --------
    >>> nets = pd.DataFrame({"unit_id": "a", "basis": "actual", "network": "heat",
    ...                      "networked": True, "year": [2025, 2026, 2027],
    ...                      "headroom": [300.0, -20.0, -400.0]})
    >>> first_deficit(nets)[["first_deficit_year", "headroom_horizon"]].to_numpy().tolist()
    [[2026, -400.0]]
    """
    on = networks[networks["networked"].fillna(False).astype(bool)].sort_values("year")
    keys = ["unit_id", "basis", "network"]
    grouped = on.groupby(keys, sort=False)
    out = grouped["headroom"].agg(headroom_base="first", headroom_horizon="last")
    short = on[on["headroom"] < 0].groupby(keys, sort=False)["year"].min()
    out["first_deficit_year"] = short.reindex(out.index).astype("Int64")
    return out.reset_index()[[*keys, "first_deficit_year", "headroom_base",
                              "headroom_horizon"]]


def zone_totals(networks: pd.DataFrame) -> pd.DataFrame:
    """Demand, supply and headroom of each utility zone, year and basis.

    A unit counts in the zone of its largest share (a unit split between zones is rare and
    says so in ``zone_ids`` of the unit table).
    """
    zoned = networks[networks["zone_id"].notna()]
    return zoned.groupby(["zone_id", "network", "year", "basis"], as_index=False).agg(
        region=("region", "first"), demand=("demand", "sum"), supply=("supply", "sum"),
        headroom=("headroom", "sum"))






def _units_in(units: gpd.GeoDataFrame, population: pd.DataFrame, year: int) -> gpd.GeoDataFrame:
    now = population[population["year"] == year].set_index("unit_id")
    out = units.copy()
    for column in POPULATION.values():
        out[column] = out["unit_id"].map(now[column]).to_numpy(float)
    return out


def with_programme(layers: Mapping[str, pd.DataFrame], programme: Programme) -> dict:
    """The layers with the programme's facilities and sources added (each from its year)."""
    out = dict(layers)
    added = programme.facilities
    if added is not None and not added.empty:
        base = layers.get("facilities")
        new = added.to_crs(WGS84)
        out["facilities"] = new if base is None else gpd.GeoDataFrame(
            pd.concat([base.to_crs(WGS84), new], ignore_index=True), crs=WGS84)
    sources = programme.sources
    if sources is not None and not sources.empty:
        out["utility_sources"] = pd.concat([layers["utility_sources"], sources.drop(
            columns="zone_id")], ignore_index=True)
        out["zone_sources"] = pd.concat([layers["zone_sources"],
                                         sources[["zone_id", "source_id"]]], ignore_index=True)
    return out


def _zone_shares(units, zones, points) -> pd.DataFrame | None:
    if zones is None or zones.empty:
        return None
    return utilities.unit_zone_shares(units, zones,
                                      points=points.assign(persons=points["registered"]))


def _grown_load(zones: gpd.GeoDataFrame, shares: pd.DataFrame, base_units: pd.DataFrame,
                year_units: pd.DataFrame) -> gpd.GeoDataFrame:
    """Zones whose measured ``load`` grows with their actual residents' demand."""
    if "load" not in zones or zones["load"].isna().all():
        return zones
    before = _zone_people(shares, base_units)
    after = _zone_people(shares, year_units)
    ratio = (after / before).replace([np.inf, -np.inf], np.nan).fillna(1.0)
    grown = zones.copy()
    grown["load"] = zones["load"] * zones["zone_id"].map(ratio).fillna(1.0).to_numpy(float)
    return grown


def _zone_people(shares: pd.DataFrame, units: pd.DataFrame) -> pd.Series:
    """Actual residents of each zone (shares of units), by ``zone_id``."""
    people = shares["unit_id"].map(units.set_index("unit_id")["pop_actual"]).astype(float)
    return (people * shares["share"]).groupby(shares["zone_id"]).sum()
