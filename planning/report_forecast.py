"""The report's forecast and scenario sections: charts to the horizon and difference maps.

The forecast of a scenario run (``qonys scenario run``) is shown per region as two charts:
residents by year on both bases, and the headroom of every network in residents (how many more
people it can serve; below zero is a deficit), with the first year of deficit marked. Headroom
of a region is the sum over its units: the units of one utility zone share the zone's headroom in
proportion to demand, so their sum is the zone's. A table lists, per unit, the first year each
network runs short. The difference of two runs is a diverging map, red where the compared
scenario leaves less room.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from geo.i18n import tr
from maps.chart_panels import panels_chart
from maps.charts import chart_html, line_chart
from maps.palettes import diverging
from maps.report import Report
from maps.webmap import ChoroplethLayer, WebMap
from planning.norms import Norms
from planning.report_common import (
    named,
    region_label,
    region_order,
    schematic_notice,
    symmetric_classes,
)

#: The basis the forecast charts and tables follow: the people who actually live there.
BASIS = "actual"


def add_forecast_section(report: Report, *, scenario: str, units: gpd.GeoDataFrame,
                         population: pd.DataFrame, networks: pd.DataFrame, norms: Norms,
                         lang: str, notes: dict[str, str] | None = None) -> None:
    """Charts and a deficit table of a scenario run, per region.

    Parameters
    ----------
    report
        The page to add to.
    scenario
        The scenario's name.
    units
        The run's ``scenario_<name>_units`` (region, names, ``first_deficit_<network>``).
    population
        The run's ``_population`` table (unit_id, year, pop_registered, pop_actual).
    networks
        The run's ``_networks`` table (unit_id, region, year, basis, network, headroom).
    norms
        For the networks' names.
    lang
        ``ru``, ``kk`` or ``en``.
    notes
        Region -> a sentence under its headroom chart (figures resting on estimated
        capacities, :func:`planning.report_estimates.forecast_note`).
    """
    years = sorted(int(y) for y in population["year"].unique())
    horizon = years[-1] if years else ""
    report.add_heading(tr("report.forecast", lang=lang, horizon=horizon, scenario=scenario))
    report.add_paragraph(tr("report.forecast_text", lang=lang, first=years[0] if years else "",
                            horizon=horizon))
    region_of = units.set_index("unit_id")["region"]
    population = population.assign(region=population["unit_id"].map(region_of))
    own_networks = networks[networks["basis"] == BASIS]
    for region in region_order(units["region"]):
        label = region_label(region, lang, units=units)
        report.add_heading(label, level=3)
        report.add_html(_population_chart(population[population["region"] == region],
                                          region=label, lang=lang))
        mine = own_networks[own_networks["region"] == region]
        if len(mine) and not region_headroom(mine).empty:
            report.add_html(_headroom_chart(mine, region=label, norms=norms, lang=lang))
        elif len(mine):  # every network not assessed: no line to draw, and the page says so
            report.add_paragraph(tr("cover.report_no_headroom", lang=lang))
        if (notes or {}).get(region):
            report.add_paragraph(notes[region])
        table, columns = _deficit_table(units[units["region"] == region], norms=norms, lang=lang)
        if len(table):
            report.add_table(table, columns=columns, number_format=dict.fromkeys(
                table.columns.drop("name"), "{:.0f}"),
                caption=tr("report.first_deficit_table", lang=lang, horizon=horizon))
        else:
            report.add_paragraph(tr("report.no_deficit", lang=lang, horizon=horizon))


def _population_chart(population: pd.DataFrame, *, region: str, lang: str) -> str:
    """Residents of a region by year, registered and actual."""
    totals = population.groupby("year")[["pop_registered", "pop_actual"]].sum().reset_index()
    long = totals.melt(id_vars="year", var_name="basis", value_name="residents")
    labels = {"pop_actual": tr("basis.actual", lang=lang),
              "pop_registered": tr("basis.registered", lang=lang)}
    title = tr("report.chart_population", lang=lang, region=region)
    svg = line_chart(long, x="year", y="residents", series="basis", title=title,
                     y_label=tr("report.chart_residents", lang=lang), lang=lang,
                     series_labels=labels)
    return chart_html(svg, alt=title)


def region_headroom(networks: pd.DataFrame) -> pd.DataFrame:
    """Headroom per network and year summed over the rows' units (network, year, headroom).

    A network with no figure in any unit (not assessed, or no unit on it) has no line: a sum
    of nothing is not a headroom of zero.

    Examples
    --------
    >>> rows = pd.DataFrame({"network": ["heat"] * 4 + ["water"], "year": [2025, 2025, 2026,
    ...                      2026, 2025], "headroom": [100.0, 20.0, -30.0, 10.0, None]})
    >>> region_headroom(rows)["headroom"].tolist()
    [120.0, -20.0]
    """
    totals = networks.groupby(["network", "year"], sort=False)["headroom"].sum(min_count=1)
    return totals.dropna().reset_index()


def first_short_years(totals: pd.DataFrame) -> dict[str, int]:
    """The first year each network's headroom is below zero (networks never short left out).

    Examples
    --------
    >>> totals = pd.DataFrame({"network": ["heat", "heat", "water"], "year": [2025, 2026, 2025],
    ...                        "headroom": [5.0, -1.0, 3.0]})
    >>> first_short_years(totals)
    {'heat': 2026}
    """
    short = totals[totals["headroom"] < 0]
    return {str(k): int(v) for k, v in short.groupby("network")["year"].min().items()}


def _headroom_chart(networks: pd.DataFrame, *, region: str, norms: Norms, lang: str) -> str:
    """Headroom of each network in a region by year, in residents: a panel per network, marked
    at its first deficit."""
    totals = region_headroom(networks)
    labels = {key: norms.label(key, lang=lang) for key in dict.fromkeys(totals["network"])}
    marks = first_short_years(totals)
    title = tr("report.chart_headroom", lang=lang, region=region)
    # One panel per network: a network with room for 2 million would flatten the others on
    # one axis (docs/decisions.md, "Scenarios side by side").
    svg = panels_chart(totals, x="year", y="headroom", series="network", title=title,
                       y_label=tr("report.chart_residents", lang=lang), lang=lang,
                       series_labels=labels, reference=0.0,
                       reference_label=tr("report.chart_no_room", lang=lang), marks=marks,
                       mark_label=tr("report.chart_first_deficit", lang=lang))
    return chart_html(svg, alt=title)


def _deficit_table(units: gpd.GeoDataFrame, *, norms: Norms,
                   lang: str) -> tuple[pd.DataFrame, dict[str, str]]:
    """Units with any deficit by the horizon: the first year of deficit per network."""
    columns = [c for c in units.columns if c.startswith("first_deficit_")]
    units = named(units, lang)
    table = units[["name", *columns]]
    table = table[table[columns].notna().any(axis=1)] if columns else table.iloc[0:0]
    table = table.sort_values(columns, na_position="last") if columns else table
    headers = {"name": tr("col.name", lang=lang)}
    headers.update({c: norms.label(c.removeprefix("first_deficit_"), lang=lang)
                    for c in columns})
    return table, headers


def add_compare_section(report: Report, *, diff: gpd.GeoDataFrame, a: str, b: str, lang: str,
                        schematic: bool, heading: bool = True) -> list[WebMap]:
    """The difference of scenario ``b`` from ``a`` at the horizon: a map and a table.

    Parameters
    ----------
    report
        The page to add to.
    diff
        :func:`planning.scenario_run.compare` of ``a`` and ``b`` (B minus A).
    a, b
        The scenarios' names.
    lang
        ``ru``, ``kk`` or ``en``.
    schematic
        Whether the geometry is the demo's schematic one.
    heading
        Whether to start with a heading (the comparison page has its own title).

    Returns
    -------
    list of WebMap
        The maps added.
    """
    horizon = int(diff["horizon"].iloc[0]) if "horizon" in diff and len(diff) else ""
    if heading:
        report.add_heading(tr("scenario.compare_title", lang=lang, a=a, b=b))
    report.add_paragraph(tr("scenario.compare_text", lang=lang, a=a, b=b, horizon=horizon))
    units = named(diff, lang)
    basis = tr("basis.actual", lang=lang)
    maps = []
    for region in region_order(units["region"]):
        own = units[units["region"] == region]
        if len(region_order(units["region"])) > 1:
            report.add_heading(region_label(region, lang, units=diff), level=3)
        maps.append(_compare_map(own, basis=basis, lang=lang, schematic=schematic))
        report.add_map(maps[-1])
    table = pd.DataFrame({"name": units["name"], "region": units["region"].map(
        lambda r: region_label(r, lang, units=diff)),
        "pop_actual_diff": units["pop_actual_diff"],
        "readiness_actual_a": units["readiness_actual_a"],
        "readiness_actual_b": units["readiness_actual_b"],
        "readiness_actual_diff": units["readiness_actual_diff"]})
    changed = table[(table["pop_actual_diff"].abs() > 0.5)
                    | (table["readiness_actual_diff"].abs() > 0.5)]
    changed = changed.reindex(changed["readiness_actual_diff"].abs().sort_values(
        ascending=False).index)
    ready = tr("col.readiness", lang=lang, basis=tr("basis.short_actual", lang=lang))
    report.add_table(changed, columns={
        "name": tr("col.name", lang=lang), "region": tr("col.region", lang=lang),
        "pop_actual_diff": tr("scenario.compare_pop", lang=lang, basis=basis),
        "readiness_actual_a": f"{ready}: {a}", "readiness_actual_b": f"{ready}: {b}",
        "readiness_actual_diff": tr("scenario.compare_map", lang=lang, basis=basis)},
        number_format=dict.fromkeys(["pop_actual_diff", "readiness_actual_a",
                                     "readiness_actual_b", "readiness_actual_diff"],
                                    "{:,.0f}"))
    return maps


def _compare_map(units: gpd.GeoDataFrame, *, basis: str, lang: str, schematic: bool) -> WebMap:
    layers = []
    for column, key in (("readiness_actual_diff", "scenario.compare_map"),
                        ("pop_actual_diff", "scenario.compare_pop")):
        classes, label_format = symmetric_classes(units[column])
        colors = diverging("RdBu", classes.k)
        if column == "pop_actual_diff":
            colors = colors[::-1]  # more residents is more load: red
        name = tr(key, lang=lang, basis=basis)
        layers.append(ChoroplethLayer(
            units, column=column, name=name, classes=classes, colors=colors,
            tooltip={"name": tr("col.name", lang=lang), column: name},
            legend_title=tr("report.legend_residents", lang=lang), label_format=label_format))
    return WebMap(layers=layers, notice=schematic_notice(schematic, lang), height_px=520)
