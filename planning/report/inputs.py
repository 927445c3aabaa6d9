"""What the report shows, read from the workspace: the report reads and never writes.

The readiness results (``qonys readiness`` or ``qonys demo`` makes them) are required, except
in a workspace of national figures (``qonys national``), whose report holds its national
sections only. The rest is shown where the workspace has it: the res-8 cell layers, the
registered–actual gap, the migration flows, a scenario's forecast and proposals, and the
difference of two scenarios. A scenario that was not run is forecast by the command line in
memory (a few seconds on the demo, :func:`planning.cli.pipeline.forecast_unstored`) and the
report says so; proposals take minutes of siting and are only shown once ``qonys propose``
stored them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd

from geo.errors import LayerNotFoundError, QonysError
from geo.i18n import _
from layers.store import Store
from planning.forecast import scenario_run
from planning.norms import Norms
from planning.provision.grid import layer_name
from planning.report.sources import LayerSource, layer_sources
from planning.workspace import (
    GAP_LAYER,
    REPORT_RES,
    RESULT_NOTICES,
    RESULT_UNITS,
    workspace_base_year,
)

log = logging.getLogger(__name__)

#: ``forecaster(store, scenario, norms, workspace)``: the result tables of a scenario not run.
Forecaster = Callable[[Store, Any, Norms, dict[str, pd.DataFrame]], dict[str, pd.DataFrame]]

#: The scenario the report forecasts when none is named.
DEFAULT_SCENARIO = "baseline"
PROPOSAL_PARTS = ("facilities", "utilities", "phasing", "arrivals", "spending")
FORECAST_PARTS = ("units", "population", "networks")
REGION_INDICATORS = "region_indicators"
CENTRES_LAYERS = ("centres", "centres_criteria", "centres_sensitivity")


@dataclass
class Forecast:
    """One scenario's run as the report shows it."""

    name: str
    tables: dict[str, pd.DataFrame]
    stored: bool
    """Whether the tables come from the workspace (else they were computed for the report)."""
    label: dict[str, str] = field(default_factory=dict)
    """The scenario's readable title per language (its YAML ``label``)."""
    targets: tuple[str, ...] = ()
    """The units its resettlement programme moves people to, in the file's order."""


@dataclass
class ReportInputs:
    """Everything the report draws, each part ``None`` where the workspace has none."""

    units: gpd.GeoDataFrame
    year: int
    schematic: bool
    cells: dict[str, tuple[gpd.GeoDataFrame, int, str]] = field(default_factory=dict)
    gap: gpd.GeoDataFrame | None = None
    flows: pd.DataFrame | None = None
    net_migration: pd.DataFrame | None = None
    forecast: Forecast | None = None
    compare: tuple[str, gpd.GeoDataFrame] | None = None
    """The base scenario's name and the difference scenario − base (per unit, horizon)."""
    compare_label: dict[str, str] = field(default_factory=dict)
    """The base scenario's readable title per language."""
    compare_forecast: Forecast | None = None
    """The base scenario's own run (its networks and population), for the comparison's bars."""
    proposals: dict[str, pd.DataFrame | None] = field(default_factory=dict)
    facilities: gpd.GeoDataFrame | None = None
    forecast_problem: str | None = None
    """Why the default scenario could not be forecast (the report says so instead)."""
    statuses: list = field(default_factory=list)
    """What was assessed, estimated and left out (:func:`planning.provision.coverage.coverage`)."""
    layers: list[LayerSource] = field(default_factory=list)
    """Every data layer's source and licence, from the workspace's provenance."""
    notices: pd.DataFrame | None = None
    """What ``qonys readiness`` said (``readiness_notices``); ``None`` in an older workspace."""
    settlements: gpd.GeoDataFrame | None = None
    roads: gpd.GeoDataFrame | None = None
    """The maps' context (:mod:`planning.report.context`), where the workspace has them."""
    region_indicators: pd.DataFrame | None = None
    """The national table of regional figures (``qonys national``), for the balance and the
    push-and-pull sections."""
    national: dict[str, pd.DataFrame] = field(default_factory=dict)
    """``centres``, ``centres_criteria``, ``centres_sensitivity`` (``qonys centres``) and the
    workspace's ``units`` they are drawn on, where the workspace has them."""
    readiness: bool = True
    """Whether the workspace has readiness results; without them (a national workspace before
    any region's networks are loaded) the report holds the national sections only."""


def read_inputs(store: Store, *, norms: Norms, scenario: str | Path | None = None,
                compare: str | Path | None = None, schematic: bool = False,
                year: int | None = None, forecaster: Forecaster | None = None) -> ReportInputs:
    """Read the report's content from ``store``.

    The report reads and never computes: a scenario whose tables the workspace lacks is shown
    only when ``forecaster`` (the command line's
    :func:`planning.cli.pipeline.forecast_unstored`) computes them; without one, its
    absence is the report's to say.

    Parameters
    ----------
    store
        The workspace.
    norms
        Norms of a scenario computed here.
    scenario
        A scenario's name (or YAML file) whose forecast and proposals to show. ``None``: the
        baseline, if the workspace has what a forecast needs; if not, the report says why
        instead of failing (a scenario named here must work).
    compare
        A second scenario: the report shows ``scenario`` minus ``compare``.
    schematic
        Whether the workspace is the demo's generated one.
    year
        Base year (default: the units' ``pop_year``).
    forecaster
        Called as ``forecaster(store, scenario, norms, workspace)`` for a scenario that was not
        run; returns its result tables by table name. ``None``: such a scenario is an error
        (:class:`geo.errors.LayerNotFoundError` naming the command that runs it).

    Raises
    ------
    geo.errors.LayerNotFoundError
        If the readiness results are missing (in a workspace of national figures: if a
        scenario is named), or ``compare`` is given without ``scenario``.
    """
    names = set(store.layer_names())
    if RESULT_UNITS not in names:
        if "units" in names and names & {REGION_INDICATORS, *CENTRES_LAYERS}:
            if scenario is not None or compare is not None:
                raise LayerNotFoundError(_("The workspace {store} has no readiness results "
                                           "('{layer}'), so no scenario can be shown: load a "
                                           "region's roads, facilities and utility networks and "
                                           "run `qonys readiness` first.", store=store.location,
                                            layer=RESULT_UNITS))
            return _national_only(store, names, schematic=schematic, year=year)
        raise LayerNotFoundError(_("The workspace {store} has no layer '{layer}'. Run `qonys "
                                   "readiness` on it, or build a workspace with `qonys demo` or "
                                   "`qonys national`.", store=store.location,
                                    layer=RESULT_UNITS))
    units = store.read_layer(RESULT_UNITS)
    if year is None:
        year = workspace_base_year(units)
    workspace: dict[str, pd.DataFrame] = {}  # input layers, read once if a forecast needs them
    inputs = ReportInputs(units=units, year=year, schematic=schematic,
                          cells=_cells(store, units, names), layers=layer_sources(store))
    if GAP_LAYER in names:
        inputs.gap = store.read_layer(GAP_LAYER)
    if "flows" in names:
        inputs.flows = store.read_layer("flows")
        inputs.net_migration = _net_migration(store, names, inputs.flows, units)
    if "facilities" in names:
        inputs.facilities = store.read_layer("facilities")
    if RESULT_NOTICES in names:
        inputs.notices = store.read_layer(RESULT_NOTICES)
    for context_layer in ("settlements", "roads"):  # context of the maps only
        if context_layer in names:
            setattr(inputs, context_layer, store.read_layer(context_layer))
    inputs.statuses = _statuses(store, names, norms)
    _national(store, names, inputs)
    if scenario is None:
        try:
            inputs.forecast = _forecast(store, names, DEFAULT_SCENARIO, norms, workspace,
                                        forecaster)
        except QonysError as exc:
            log.info("no forecast for the report: %s", exc)
            inputs.forecast_problem = str(exc)
    else:
        inputs.forecast = _forecast(store, names, scenario, norms, workspace, forecaster)
    if inputs.forecast is not None:
        inputs.proposals = _proposals(store, names, inputs.forecast.name)
    if compare is not None:
        if inputs.forecast is None:
            raise LayerNotFoundError(_("--compare {compare}: the baseline could not be forecast "
                                       "({problem}). Name a --scenario "
                                       "that fits the workspace.", compare=str(compare),
                                        problem=inputs.forecast_problem or ""))
        base = _forecast(store, names, compare, norms, workspace, forecaster)
        diff = scenario_run.compare(base.tables["units"], inputs.forecast.tables["units"])
        inputs.compare = (base.name, diff)
        inputs.compare_label = base.label
        inputs.compare_forecast = base
    return inputs


def _national_only(store: Store, names: set[str], *, schematic: bool,
                   year: int | None) -> ReportInputs:
    """A workspace with units and national figures but no readiness results: the national
    sections only (no networks were assessed, so no readiness, forecast or proposals)."""
    units = store.read_layer("units")
    inputs = ReportInputs(units=units, year=year or workspace_base_year(units),
                          schematic=schematic, layers=layer_sources(store), readiness=False)
    if "flows" in names:
        inputs.flows = store.read_layer("flows")
    _national(store, names, inputs)
    return inputs


def _national(store: Store, names: set[str], inputs: ReportInputs) -> None:
    """The national tables of issue 16, each where the workspace has it."""
    if REGION_INDICATORS in names:
        inputs.region_indicators = store.read_layer(REGION_INDICATORS)
    for name in CENTRES_LAYERS:
        if name in names:
            inputs.national[name] = store.read_layer(name)
    if "centres" in inputs.national and "units" in names:
        inputs.national["units"] = store.read_layer("units")


def _statuses(store: Store, names: set[str], norms: Norms) -> list:
    """What the workspace's input layers let the model assess (the roads are not needed)."""
    from planning.provision.coverage import coverage
    from planning.workspace import INPUT_LAYERS, PLANNING_LAYERS

    if "units" not in names:
        return []
    layers = {name: store.read_layer(name) for name in (*INPUT_LAYERS, *PLANNING_LAYERS)
              if name in names and name != "roads"}
    return coverage(layers, norms, roads="roads" in names)


def _cells(store: Store, units: gpd.GeoDataFrame,
           names: set[str]) -> dict[str, tuple[gpd.GeoDataFrame, int, str]]:
    """The res-8 cell layers of the regions.

    Resolution 9 stays in the workspace (QGIS opens it): hundreds of thousands of hexagons do
    not belong in a report that must open in a browser on an official's computer.
    """
    cells = {}
    for region in units["region"].dropna().unique():
        name = layer_name(str(region), REPORT_RES)
        if name in names:
            grid = store.read_layer(name)
            spread = str(grid["pop_spread"].iloc[0]) if "pop_spread" in grid and len(grid) \
                else "grid"
            cells[str(region)] = (grid, REPORT_RES, spread)
    return cells


def _net_migration(store: Store, names: set[str], flows: pd.DataFrame,
                   units: gpd.GeoDataFrame) -> pd.DataFrame | None:
    """The stored ``net_migration`` table, else the same computed from the flows."""
    from planning.workspace import NET_MIGRATION_TABLE

    if NET_MIGRATION_TABLE in names:
        return store.read_layer(NET_MIGRATION_TABLE)
    if flows.empty:
        return None
    from planning.population.flows import check_flows, net_migration
    from planning.population.places import known_places

    if "flow_kind" not in flows:  # optional in the catalogue: derived from the places
        flows = check_flows(flows, known=known_places(units)).flows
    return net_migration(flows, unit_ids=units["unit_id"])


def _forecast(store: Store, names: set[str], ref: str | Path, norms: Norms,
              workspace: dict[str, pd.DataFrame], forecaster: Forecaster | None) -> Forecast:
    """A scenario's stored tables, or the tables ``forecaster`` computes for it (not stored).

    ``workspace`` is handed to the forecaster to hold the input layers once read, so that a
    second scenario computed for the same report (``--compare``) does not read them again.
    """
    from planning.forecast.scenario import SCENARIOS_DIR, load_scenario

    scenario = load_scenario(ref, search=(Path.cwd(), SCENARIOS_DIR))
    about = {"label": dict(scenario.label),
             "targets": tuple(dict.fromkeys(scenario.resettlement["unit_id"].astype(str)))}
    tables = {part: scenario_run.table_name(scenario.name, part) for part in FORECAST_PARTS}
    programme = scenario_run.table_name(scenario.name, "programme")  # with incentives only
    if all(table in names for table in tables.values()):
        read = {part: store.read_layer(table) for part, table in tables.items()}
        if programme in names:
            read["programme"] = store.read_layer(programme)
        return Forecast(scenario.name, read, stored=True, **about)
    if forecaster is None:
        raise LayerNotFoundError(_("The scenario '{scenario}' has not been run in the workspace "
                                   "{store}. Run `qonys scenario run "
                                   "{scenario} --store {store}`.", scenario=scenario.name,
                                    store=store.location))
    log.info("scenario %s is not in the workspace: forecasting it for the report", scenario.name)
    computed = forecaster(store, scenario, norms, workspace)
    read = {part: computed[table] for part, table in tables.items()}
    if programme in computed:
        read["programme"] = computed[programme]
    return Forecast(scenario.name, read, stored=False, **about)


def _proposals(store: Store, names: set[str], scenario: str) -> dict[str, pd.DataFrame | None]:
    """The stored proposal tables of ``scenario`` (``None`` for those absent)."""
    from planning.proposals.propose import table_name

    return {part: store.read_layer(table_name(scenario, part))
            if table_name(scenario, part) in names else None for part in PROPOSAL_PARTS}
