"""The planning steps behind ``qonys actual``, ``flows``, ``scenario`` and ``propose``.

Each step reads what it needs from the workspace and writes what it makes back in one atomic
write, with provenance naming the command, the scenario file and the norms.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo.errors import LayerNotFoundError
from geo.i18n import _
from layers.provenance import Provenance
from layers.store import Store
from planning.cli.pipeline import Stage, Timings, forecast_from_base_year
from planning.forecast import scenario_run
from planning.norms import Norms, load_norms
from planning.provision import coverage
from planning.provision.assess import check_population
from planning.workspace import (
    ESTIMATES_TABLE,
    GAP_LAYER,
    MODELLED_FLOWS_TABLE,
    NET_MIGRATION_TABLE,
    REGISTERED_FLOWS_LAYER,
    read_layers,
    schematic_note,
)

log = logging.getLogger(__name__)





def run_actual(store: Store, *, norms: Norms | None = None, year: int | None = None):
    """Estimate ``pop_actual`` from ``population_proxies`` and write it back.

    The units layer keeps every column it had; the value it held before is kept as
    ``pop_actual_before`` (nothing stored is lost). The gap is written as its own layer,
    ``population_gap``, and each proxy's estimate as the table ``population_estimates``.
    """
    from planning.population.actual import apply_estimate, estimate_actual, gap_layer

    norms = norms or load_norms()
    layers = read_layers(store, ("units", "population_proxies"),
                         required=("units", "population_proxies"))
    units = layers["units"]
    estimate = estimate_actual(units, layers["population_proxies"], norms, year=year)
    updated = apply_estimate(units, estimate)
    if "pop_actual" in units and "pop_actual_before" not in units:
        updated["pop_actual_before"] = units["pop_actual"].to_numpy()
    gap = gap_layer(updated)
    rule = f"qonys actual (proxies up to {year or 'the latest year'}), norms {norms.path.name}"
    note = schematic_note(store)
    store.write_layers(
        {"units": updated, GAP_LAYER: gap, ESTIMATES_TABLE: estimate.estimates},
        provenance={
            "units": Provenance.generated(updated, layer="units", kind="units", rule=rule,
                                          note=note),
            GAP_LAYER: Provenance.generated(gap, layer=GAP_LAYER, kind="units", rule=rule,
                                            note=note),
            ESTIMATES_TABLE: Provenance.generated(estimate.estimates, layer=ESTIMATES_TABLE,
                                                  kind="table", rule=rule)})
    return estimate


@dataclass(frozen=True)
class FlowsResult:
    """What ``qonys flows`` found."""

    check: object
    net: pd.DataFrame
    fit: object | None
    filled: pd.DataFrame | None
    registrations: object | None
    stream: object | None = None


def run_flows(store: Store, *, stream: str | Path | None = None,
              memory_limit_bytes: int | None = None, scheduler: object = None) -> FlowsResult:
    """Check the flows (and aggregate registration records), net migration, gravity model.

    ``stream`` (a Parquet or CSV file or folder) is read instead of the layer
    ``registrations``, in memory or through Dask by ``memory_limit_bytes``
    (:func:`planning.population.registration_stream.read_registration_stream`); the store is
    written only once the stream has been read and checked.
    """
    from planning.population.flows import check_flows, flows_from_registrations, net_migration
    from planning.population.gravity import fill_pairs, fit_gravity
    from planning.population.places import known_places

    wanted = ("units", "flows") if stream is not None else ("units", "flows", "registrations")
    layers = read_layers(store, wanted, required=("units",))
    if "flows" not in layers and "registrations" not in layers and stream is None:
        raise LayerNotFoundError(_("The workspace {store} has no layer '{layer}'. Load it, or run "
                                   "`qonys demo`.",
                                   store=store.location, layer="flows"))
    known = known_places(layers["units"])
    tables, provenance = {}, {}
    parts = []
    from_records = streamed = None
    if stream is not None:
        from planning.population.registration_stream import read_registration_stream

        streamed = read_registration_stream(stream, known=known,
                                            memory_limit_bytes=memory_limit_bytes,
                                            scheduler=scheduler)
        from_records = streamed.check
        tables[REGISTERED_FLOWS_LAYER] = from_records.flows
        parts.append(from_records.flows)
    elif "registrations" in layers:
        from_records = flows_from_registrations(layers["registrations"], known=known)
        tables[REGISTERED_FLOWS_LAYER] = from_records.flows
        parts.append(from_records.flows)
    check = None
    if "flows" in layers:
        check = check_flows(layers["flows"], known=known)
        parts.append(check.flows)
    check = check or from_records
    flows = pd.concat(parts, ignore_index=True)
    net = net_migration(flows, unit_ids=layers["units"]["unit_id"])
    tables[NET_MIGRATION_TABLE] = net
    fit = filled = None
    try:
        fit = fit_gravity(flows, known=known)
        filled = fill_pairs(fit)
        tables[MODELLED_FLOWS_TABLE] = filled
    except ValueError as exc:  # too few pairs to fit: said, not fatal
        log.warning("gravity model not fitted: %s", exc)
    for name, frame in tables.items():
        provenance[name] = Provenance.generated(frame, layer=name, kind="table",
                                                rule=f"qonys flows: {name}")
    store.write_layers(tables, provenance=provenance)
    return FlowsResult(check, net, fit, filled, from_records, streamed)


def run_scenario(store: Store, scenario_ref: str | Path, *, norms: Norms | None = None,
                 cells: tuple[str, int] | None = None, timings: Timings | None = None,
                 announce: Stage | None = None):
    """Run a scenario file (or a shipped scenario's name) and write its results.

    ``cells`` = ``(region, res)`` runs it on that region's H3 cells; the tables are then
    named ``scenario_<name>_<region>_r<res>_<part>``.
    """
    from planning.forecast.scenario import SCENARIOS_DIR, load_scenario

    timings = timings or Timings()
    norms = norms or load_norms()
    scenario = load_scenario(scenario_ref, search=(Path.cwd(), SCENARIOS_DIR))
    layers = read_layers(store)
    check_population(layers["units"])
    statuses = coverage.coverage(layers, norms)
    coverage.say_notices(statuses, norms, also=coverage.FORECAST_TOPICS)
    with timings.stage("forecast", announce):
        run, layers = forecast_from_base_year(layers, scenario, norms, cells=cells)
    with timings.stage("store", announce):
        write_tables(store, scenario_run.result_tables(run, name=run_name(run, cells)), run=run,
                     kind_of=lambda name: "units" if name.endswith("_units") else "table")
    return run, layers


def run_name(run, cells: tuple[str, int] | None) -> str:
    """The name a run's tables carry: the scenario's, with ``_<region>_r<res>`` for cells."""
    name = run.scenario.name
    return name if cells is None else f"{name}_{cells[0]}_r{cells[1]}"


def run_propose(store: Store, scenario_ref: str | Path, *, norms: Norms | None = None,
                objective: str = "coverage", method: str = "auto",
                budget: float | None = None, cells: tuple[str, int] | None = None,
                timings: Timings | None = None, announce: Stage | None = None,
                time_limit: float | None = None):
    """Run a scenario, then propose what to build, where and when; write both.

    ``time_limit``: seconds per exact siting problem (default
    :data:`planning.proposals.propose.SITING_TIME_LIMIT_S`).
    """
    from planning.proposals.propose import SITING_TIME_LIMIT_S, propose, table_name

    timings = timings or Timings()
    run, layers = run_scenario(store, scenario_ref, norms=norms, cells=cells, timings=timings,
                               announce=announce)
    coverage.say_notices(coverage.coverage(layers, run.norms), run.norms,
                         also=coverage.PROPOSE_TOPICS)
    step = timings.stepper(announce)
    proposals = propose(run, layers, objective=objective, method=method, budget=budget,
                        time_limit=SITING_TIME_LIMIT_S if time_limit is None else time_limit,
                        stage=step)
    step("store")
    name = run_name(run, cells)
    tables = {table_name(name, "facilities"): proposals.facilities,
              table_name(name, "utilities"): proposals.utilities}
    if proposals.phasing is not None:
        tables[table_name(name, "phasing")] = proposals.phasing.investments
        tables[table_name(name, "arrivals")] = proposals.phasing.arrivals
        tables[table_name(name, "spending")] = proposals.phasing.spent
    write_tables(store, tables, run=run,
                 kind_of=lambda table: "facilities" if table.endswith("_facilities")
                 and isinstance(tables[table], gpd.GeoDataFrame) else "table")
    step.finish()
    return run, proposals


def compare_runs(store: Store, a: str, b: str, *, out: Path, lang: str) -> gpd.GeoDataFrame:
    """The difference of two scenario runs in ``store``: a layer and an HTML map."""
    from planning.report.compare_page import compare_page

    runs = []
    for name in (a, b):
        layer = scenario_run.table_name(name, "units")
        if not store.has_layer(layer):
            raise LayerNotFoundError(_("The workspace {store} holds no results of scenario "
                                       "'{scenario}'. Run it first: qonys "
                                       "scenario run {scenario}", store=store.location,
                                        scenario=name))
        runs.append(store.read_layer(layer))
    diff = scenario_run.compare(*runs)
    layer = f"compare_{a}_{b}"
    store.write_layers({layer: diff}, provenance={layer: Provenance.generated(
        diff, layer=layer, kind="units", rule=f"qonys scenario compare {a} {b}",
        note=schematic_note(store))})
    tables = {part: {name: store.read_layer(scenario_run.table_name(name, part))
                     for name in (a, b)
                     if store.has_layer(scenario_run.table_name(name, part))}
              for part in ("networks", "population")}
    page = compare_page(diff, a=a, b=b, lang=lang,
                        schematic=schematic_note(store) == "schematic",
                        networks=tables["networks"], populations=tables["population"])
    out.parent.mkdir(parents=True, exist_ok=True)
    page.write(out)
    return diff


def write_tables(store: Store, tables: dict[str, pd.DataFrame], *, run, kind_of) -> None:
    """Write a run's tables with provenance naming the scenario and the norms."""
    scenario = run.scenario
    rule = (f"qonys scenario {scenario.name} ({' > '.join(scenario.chain)}), "
            f"{run.base_year}-{max(run.forecast.years)}, norms {run.norms.path.name}")
    note = schematic_note(store)
    store.write_layers(tables, provenance={
        name: Provenance.generated(frame, layer=name, kind=kind_of(name), rule=rule,
                                   note=note if kind_of(name) != "table" else "")
        for name, frame in tables.items()})
