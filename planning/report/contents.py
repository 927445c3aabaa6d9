"""What the report says, in which order: planning decides the content, :mod:`maps` draws it.

The page opens with the answer (:mod:`planning.report.summary`: readiness by region and, for
a scenario, its target units, arrivals and packages) and a table of contents, then what qonys
assumed and left out (the notices stored by ``qonys readiness``), the maps of each region
(readiness, bottlenecks, every network's headroom, H3 cells), then the registered–actual gap,
migration flows, the scenario's forecast to its horizon, the difference from a second scenario, the
proposals, the method, the data layers with their sources and licences, and the sources of the
figures. Sections without data in the workspace say which command makes it instead of being
left out silently. Every map carries a credit line of the layers it is made from
(:mod:`planning.report.sources`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from geo.i18n import tr
from geo.regions import region_order
from maps.report import Report
from maps.webmap import WebMap
from planning.norms import Norms
from planning.report.context import build_context
from planning.report.estimates import add_notices_section, capacity_estimates, forecast_note
from planning.report.flows import add_flows_section, add_gap_section
from planning.report.forecast import add_compare_section, add_forecast_section
from planning.report.proposals import add_proposals_section
from planning.report.readiness import add_region
from planning.report.sources import credit_line, osm_reference, source_lines, sources_table
from planning.report.summary import add_answer, scenario_title
from planning.workspace import INPUT_LAYERS

if TYPE_CHECKING:
    from planning.report.inputs import ReportInputs
    from planning.report.sources import LayerSource

#: The layers readiness is computed from (and the grid's constraints): the maps of a region's
#: readiness are made from them.
READINESS_LAYERS = (*INPUT_LAYERS, "constraints")
GAP_LAYERS = ("units", "population_proxies", "population_grid")
FLOW_LAYERS = ("units", "flows", "registrations")


def build_report(inputs: ReportInputs, *, norms: Norms, sources: list[tuple], lang: str,
                 ) -> tuple[Report, list[WebMap]]:
    """The report page and its maps (for the static PNGs), in page order.

    Parameters
    ----------
    inputs
        :func:`planning.report.inputs.read_inputs`.
    norms
        The norms used, for the method's figures and the networks' names.
    sources
        ``(label, url or None, note)`` of every source the figures come from.
    lang
        ``ru``, ``kk`` or ``en``.
    """
    report = Report(tr("report.title", lang=lang), lang=lang,
                    subtitle=tr("report.subtitle", lang=lang, year=inputs.year))
    schematic = inputs.schematic
    if schematic:
        report.add_paragraph(tr("report.demo_notice", lang=lang) + ". "
                             + tr("report.demo_paragraph", lang=lang))
    units = inputs.units
    forecast = inputs.forecast
    # The scenario is named by its readable title everywhere but in commands.
    title = scenario_title(forecast.label, forecast.name, lang) if forecast is not None \
        else None
    add_answer(report, units=units, norms=norms, lang=lang, forecast=forecast,
               proposals=inputs.proposals, title=title)
    add_notices_section(report, inputs.notices, lang=lang, statuses=inputs.statuses,
                        norms=norms, scenario=title)
    maps: list[WebMap] = []
    regions = region_order(units["region"])
    estimates = {region: capacity_estimates(inputs.facilities, norms, region=region)
                 for region in regions}
    context = build_context(units, lang=lang, settlements=inputs.settlements, roads=inputs.roads)
    report.map_attribution = credit_line(inputs.layers, lang=lang, layers=READINESS_LAYERS)
    for region in regions:
        maps += add_region(report, units, region=region, norms=norms, lang=lang,
                           schematic=schematic, cells=inputs.cells.get(region),
                           statuses=[s for s in inputs.statuses if s.region == str(region)],
                           estimates=estimates[region], context=context)
    if inputs.gap is not None:
        report.map_attribution = credit_line(inputs.layers, lang=lang,
                                             layers=(*GAP_LAYERS, *context.layers))
        maps += add_gap_section(report, gap=inputs.gap, lang=lang, schematic=schematic,
                                context=context)
    if inputs.flows is not None:
        report.map_attribution = credit_line(inputs.layers, lang=lang,
                                             layers=(*FLOW_LAYERS, *context.layers))
        maps += add_flows_section(report, flows=inputs.flows, units=units,
                                  net=inputs.net_migration, lang=lang, schematic=schematic,
                                  context=context)
    # forecasts and proposals are made from every layer: flows, housing, networks, sites
    report.map_attribution = credit_line(inputs.layers, lang=lang)
    if forecast is not None:
        add_forecast_section(report, scenario=title, units=forecast.tables["units"],
                             population=forecast.tables["population"],
                             networks=forecast.tables["networks"], norms=norms, lang=lang,
                             notes={region: forecast_note(units[units["region"] == region],
                                                          estimates[region], norms, lang)
                                    for region in regions})
        if not forecast.stored:
            report.add_paragraph(tr("report.forecast_not_stored", lang=lang,
                                    scenario=forecast.name))
    elif inputs.forecast_problem is not None:
        report.add_heading(tr("report.forecast_heading", lang=lang))
        report.add_paragraph(tr("report.no_forecast", lang=lang,
                                problem=inputs.forecast_problem))
    if inputs.compare is not None:
        base, diff = inputs.compare
        runs = {base: inputs.compare_forecast, forecast.name: forecast}
        maps += add_compare_section(
            report, diff=diff, a=base, b=forecast.name, lang=lang, schematic=schematic,
            norms=norms, networks={k: run.tables["networks"] for k, run in runs.items() if run},
            populations={k: run.tables["population"] for k, run in runs.items() if run},
            titles={base: scenario_title(inputs.compare_label, base, lang),
                    forecast.name: title}, context=context)
    if forecast is not None:
        proposals = inputs.proposals
        maps += add_proposals_section(
            report, scenario=forecast.name, title=title, facilities=proposals.get("facilities"),
            utilities=proposals.get("utilities"), phasing=proposals.get("phasing"),
            arrivals=proposals.get("arrivals"), units=units, existing=inputs.facilities,
            norms=norms, lang=lang, schematic=schematic,
            horizon=_horizon(forecast.tables["units"]), context=context)
    gate = norms.get("transport")
    report.add_heading(tr("report.method", lang=lang))
    report.add_paragraph(tr("report.method_text", lang=lang, share=gate.target_share,
                            minutes=gate.minutes))
    add_data_sources(report, inputs.layers, lang=lang)
    osm = osm_reference(inputs.layers, lang=lang)
    listed = [osm, *sources] if osm else list(sources)
    report.add_sources(listed, fold=tr("fold.sources", lang=lang, count=len(listed)))
    return report, maps


def _horizon(units) -> int | None:
    """A scenario run's last year, from its units table."""
    if "horizon" not in units or units["horizon"].isna().all():
        return None
    return int(units["horizon"].max())


def add_data_sources(report: Report, layers: list[LayerSource], *, lang: str) -> None:
    """The section that names every data layer: source file, licence, when it was loaded."""
    report.add_heading(tr("sources.heading", lang=lang))
    if not layers:
        report.add_paragraph(tr("sources.none", lang=lang))
        return
    report.add_paragraph(tr("sources.text", lang=lang))
    table, columns = sources_table(layers, lang=lang)
    with report.fold(tr("fold.layers", lang=lang, count=len(table))):
        report.add_table(table, columns=columns)
    report.source_texts += source_lines(layers, lang=lang)
