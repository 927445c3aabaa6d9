"""Running a scenario on a workspace, and comparing two runs.

:func:`programme` turns a :class:`planning.forecast.scenario.Scenario` into what the forecast adds:
its resettlement by year, its facilities (at a candidate site, a unit's inner point or a
longitude and latitude), and its utility sources (an existing source expanded by ``add``
from ``year`` becomes a second source of the same zones; a new source joins its zone).
:func:`run_scenario` checks the scenario against the workspace, applies its norm overrides
and runs :func:`planning.forecast.model.forecast` with the flows' migration trend.
:func:`result_tables` are the tables a run writes, named :func:`table_name`;
:func:`compare` is the difference of two runs at their horizon.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

from geo.crs import WGS84
from planning.forecast.model import Forecast, Programme, forecast
from planning.norms import Norms

log = logging.getLogger(__name__)

#: Years of observed migration the trend averages.
TREND_YEARS = 3


@dataclass(frozen=True)
class ScenarioRun:
    """A scenario's forecast, with what it was run with."""

    scenario: object
    norms: Norms
    programme: Programme
    forecast: Forecast
    base_year: int
    migration: pd.Series | None
    #: The programme's planned persons, take-up, arrivals and cost by unit and year
    #: (:data:`planning.forecast.programme.TAKE_UP_COLUMNS`); none without a ``programme``.
    take_up: pd.DataFrame | None = None


def table_name(scenario: str, part: str) -> str:
    """The workspace table of one part of a scenario's results.

    Examples
    --------
    >>> table_name("almaty_konaev", "units")
    'scenario_almaty_konaev_units'
    """
    return f"scenario_{scenario}_{part}"


def run_scenario(layers: Mapping[str, pd.DataFrame], scenario, norms: Norms, *,
                 base_year: int, cells: tuple[str, int] | None = None,
                 progress: Callable[[int], None] | None = None) -> ScenarioRun:
    """Check ``scenario`` against ``layers`` and forecast it to its horizon.

    ``cells`` = ``(region, res)`` forecasts that region's H3 cells instead of every unit
    (:func:`planning.forecast.cells.forecast_cells`).

    Raises
    ------
    planning.forecast.scenario.ScenarioError
        Listing every place the scenario does not fit the workspace.
    """
    scenario.check_against(layers)
    norms = scenario.apply_norms(norms)
    chosen = programme(scenario, layers, norms)
    migration = migration_trend(layers)
    take_up = None
    if getattr(scenario, "programme", None) is not None and not chosen.resettlement.empty:
        take_up = programme_take_up(layers, scenario, norms, chosen, base_year=base_year,
                                    migration=migration)
        chosen = dataclasses.replace(chosen, resettlement=take_up[["unit_id", "year"]].assign(
            persons=take_up["arrivals"]))
    if cells is None:
        result = forecast(layers, norms, base_year=base_year, horizon=scenario.horizon,
                          programme=chosen, net_migration=migration, progress=progress)
    else:
        from planning.forecast.cells import forecast_cells

        result = forecast_cells(layers, norms, region=cells[0], res=cells[1],
                                base_year=base_year, horizon=scenario.horizon,
                                programme=chosen, net_migration=migration, progress=progress)
    return ScenarioRun(scenario, norms, chosen, result, base_year, migration, take_up)


def programme_take_up(layers: Mapping[str, pd.DataFrame], scenario, norms: Norms,
                      chosen: Programme, *, base_year: int,
                      migration: pd.Series | None) -> pd.DataFrame:
    """The planned arrivals with the take-up their incentives and destinations give.

    The destinations' readiness is the base year's, scored with what the scenario builds by
    then and no one resettled (:func:`planning.forecast.programme.apply_take_up`).
    """
    from planning.forecast.programme import apply_take_up

    nobody = dataclasses.replace(chosen, resettlement=chosen.resettlement.iloc[0:0])
    base = forecast(layers, norms, base_year=base_year, horizon=base_year, programme=nobody,
                    net_migration=migration)
    readiness = base.units.set_index("unit_id")["readiness_actual"]
    return apply_take_up(chosen.resettlement, norms, scenario.programme, readiness)


def migration_trend(layers: Mapping[str, pd.DataFrame]) -> pd.Series | None:
    """Net migration a year by unit: the mean of the last observed years of ``flows``."""
    flows = layers.get("flows")
    if flows is None or flows.empty:
        return None
    from planning.population.flows import check_flows, net_migration, trend
    from planning.population.places import known_places

    if "flow_kind" not in flows:  # optional in the catalogue: derived from the places
        flows = check_flows(flows, known=known_places(layers["units"])).flows
    net = net_migration(flows, unit_ids=layers["units"]["unit_id"])
    return trend(net, years=TREND_YEARS).set_index("unit_id")["net_per_year"]


def programme(scenario, layers: Mapping[str, pd.DataFrame], norms: Norms) -> Programme:
    """What ``scenario`` adds, in the forecast's terms."""
    scale = {"trend": 1.0, "none": 0.0}.get(scenario.migration, scenario.migration)
    return Programme(resettlement=scenario.resettlement_by_year(),
                     facilities=_facilities(scenario, layers),
                     sources=_sources(scenario, layers, norms),
                     migration_scale=float(scale))


def result_tables(run: ScenarioRun, *, name: str | None = None) -> dict[str, pd.DataFrame]:
    """The tables a run writes: per-unit horizon figures (a map layer) and the long tables.

    ``name`` defaults to the scenario's; a run on H3 cells adds ``_<region>_r<res>``.
    """
    name = name or run.scenario.name
    units = run.forecast.horizon_units
    result = run.forecast
    horizon = max(result.years)
    last = result.units[result.units["year"] == horizon].drop(columns="year")
    people = result.population[result.population["year"] == horizon][
        ["unit_id", "pop_registered", "pop_actual"]]
    first = _first_years(result.first_deficit)
    keep = [c for c in ("unit_id", "h3", "parent_unit_id", "name_ru", "name_kk", "name_en",
                        "kind", "region", "geometry") if c in units]
    layer = units[keep].merge(people, on="unit_id", how="left").merge(
        last, on="unit_id", how="left").merge(first, on="unit_id", how="left")
    layer["scenario"] = name
    layer["horizon"] = horizon
    return {table_name(name, "units"): gpd.GeoDataFrame(layer, geometry="geometry",
                                                        crs=units.crs),
            table_name(name, "population"): result.population,
            table_name(name, "networks"): result.networks,
            table_name(name, "deficits"): result.first_deficit,
            table_name(name, "zones"): result.zones,
            **({table_name(name, "programme"): run.take_up} if run.take_up is not None
               else {})}


def compare(a: gpd.GeoDataFrame, b: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """B minus A per unit at the horizon: residents, readiness and the first deficit years.

    ``a`` and ``b`` are two runs' ``scenario_<name>_units`` layers. A positive
    ``readiness_actual_diff`` means B leaves the unit more room than A.
    """
    figures = ["pop_registered", "pop_actual", "readiness_registered", "readiness_actual"]
    deficits = [c for c in a.columns if c.startswith("first_deficit_")]
    right = pd.DataFrame(b.drop(columns="geometry")).set_index("unit_id")
    out = a.copy()
    for column in figures:
        out[f"{column}_a"] = a[column].to_numpy(float)
        out[f"{column}_b"] = a["unit_id"].map(right[column]).to_numpy(float)
        out[f"{column}_diff"] = out[f"{column}_b"] - out[f"{column}_a"]
    for column in deficits:
        out[f"{column}_a"] = a[column]
        out[f"{column}_b"] = a["unit_id"].map(right[column]) if column in right else pd.NA
    out["horizon"] = a.get("horizon", pd.NA)
    out["bottleneck_actual_a"] = a["bottleneck_actual"]
    out["bottleneck_actual_b"] = a["unit_id"].map(right["bottleneck_actual"])
    keep = ["unit_id", *[c for c in ("name_ru", "name_kk", "name_en", "kind", "region")
                         if c in a], *[c for c in out.columns if c.endswith(("_a", "_b",
                                                                               "_diff"))],
            "horizon", "geometry"]
    return gpd.GeoDataFrame(out[keep], geometry="geometry", crs=a.crs)


def _first_years(first: pd.DataFrame) -> pd.DataFrame:
    """``first_deficit_<network>`` of the actual population, one column per network."""
    actual = first[first["basis"] == "actual"]
    wide = actual.pivot(index="unit_id", columns="network", values="first_deficit_year")
    wide.columns = [f"first_deficit_{c}" for c in wide.columns]
    return wide.astype("Int64").reset_index()


def _facilities(scenario, layers: Mapping[str, pd.DataFrame]) -> gpd.GeoDataFrame | None:
    table = scenario.facilities
    if table is None or table.empty:
        return None
    units = layers["units"].to_crs(WGS84).set_index("unit_id")
    sites = layers.get("candidate_sites")
    sites = sites.to_crs(WGS84).set_index("site_id") if sites is not None else None
    points, ids = [], []
    for number, row in enumerate(table.itertuples(), start=1):
        if isinstance(row.site_id, str) and row.site_id:
            point = sites.geometry.loc[row.site_id]
            point = point if point.geom_type == "Point" else point.representative_point()
        elif isinstance(row.unit_id, str) and row.unit_id:
            point = units.geometry.loc[row.unit_id].representative_point()
        else:
            point = gpd.points_from_xy([row.lon], [row.lat])[0]
        points.append(point)
        ids.append(f"{scenario.name}-{row.kind}-{number}")
    return gpd.GeoDataFrame({
        "facility_id": ids, "kind": table["kind"].to_numpy(),
        "capacity": table["capacity"].to_numpy(float),
        "year": table["year"].to_numpy(int),
        "source": f"scenario {scenario.name}"}, geometry=points, crs=WGS84)


def _sources(scenario, layers: Mapping[str, pd.DataFrame], norms: Norms) -> pd.DataFrame | None:
    table = scenario.sources
    if table is None or table.empty:
        return None
    links = layers.get("zone_sources")
    rows = []
    for number, row in enumerate(table.itertuples(), start=1):
        unit = norms.get(row.network).unit
        name = getattr(row, "name", None)
        if isinstance(row.source_id, str) and row.source_id:
            zones = links.loc[links["source_id"] == row.source_id, "zone_id"].tolist()
            source_id = f"{row.source_id}+{row.year}"
            name = name or f"{row.source_id} +{row.add:g} {unit}"
        else:
            zones = [row.zone_id]
            source_id = f"{scenario.name}-{row.network}-{number}"
            name = name or source_id
        rows += [{"source_id": source_id, "network": row.network, "zone_id": zone,
                  "capacity": float(row.add), "unit": unit, "commissioned": int(row.year),
                  "name": name, "source": getattr(row, "source", None) or
                  f"scenario {scenario.name}"} for zone in zones]
    frame = pd.DataFrame(rows)
    return frame.drop_duplicates(["source_id", "zone_id"]) if len(frame) else None


