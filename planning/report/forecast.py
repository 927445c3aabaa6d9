"""The report's forecast and scenario sections: charts to the horizon and difference maps.

The forecast of a scenario run (``qonys scenario run``) is shown per region as two charts:
residents by year on both bases, and the headroom of every network in residents (how many more
people it can serve; below zero is a deficit), with the first year of deficit marked. Headroom
of a region is the sum over its units: the units of one utility zone share the zone's headroom in
proportion to demand, so their sum is the zone's. A table lists, per unit, the first year each
network runs short. The headroom chart has a panel per network (:mod:`maps.chart_panels`): on
one axis, a network with room for 2 million residents flattens the others. The comparison of two
runs is :mod:`planning.report.compare`.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from geo.i18n import _, n_
from geo.regions import region_label, region_order
from maps.chart_panels import panels_chart
from maps.chart_svg import chart_html
from maps.charts import line_chart
from maps.report import Report
from planning.norms import Norms
from planning.report.common import named

# The comparison of two runs lives in its own module; callers import it from here too.
from planning.report.compare import add_compare_section  # noqa: F401
from planning.report.findings import forecast_finding

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
        capacities, :func:`planning.report.estimates.forecast_note`).
    """
    years = sorted(int(y) for y in population["year"].unique())
    horizon = years[-1] if years else ""
    report.add_heading(_("Forecast to {horizon}: scenario “{scenario}”",
                         lang=lang, horizon=horizon, scenario=scenario))
    report.add_paragraph(forecast_finding(units, norms=norms, lang=lang, horizon=horizon))
    report.add_paragraph(_("Population grows by natural increase, the migration trend and the "
                           "scenario's resettlement (no faster than homes allow); capacity counts "
                           "from the year it is commissioned. Charts: residents by year and each "
                           "network's headroom in residents (below zero: a deficit), "
                           "{first}–{horizon}.",
                           lang=lang, first=years[0] if years else "",
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
            report.add_paragraph(_("No network headroom by year: no network is assessed (see "
                                   "above which data each needs).", lang=lang))
        if (notes or {}).get(region):
            report.add_paragraph(notes[region])
        table, columns = _deficit_table(units[units["region"] == region], norms=norms, lang=lang)
        if len(table):
            report.add_table(table, columns=columns, number_format=dict.fromkeys(
                table.columns.drop("name"), "{:.0f}"),
                caption=_("First year of deficit per network (to "
                          "{horizon}; blank: no deficit)", lang=lang, horizon=horizon),
                empty_note=lambda names: n_("No unit runs short of {networks} by {horizon}; it is "
                                            "left out of the table.",
                                            "No unit runs short of {networks} by {horizon}; they "
                                            "are left out of the "
                                            "table.", lang=lang, count=len(names),
                                            networks=", ".join(names), horizon=horizon))
        else:
            report.add_paragraph(_("No network of the region runs "
                                   "short before {horizon}.", lang=lang, horizon=horizon))


def _population_chart(population: pd.DataFrame, *, region: str, lang: str) -> str:
    """Residents of a region by year, registered and actual."""
    totals = population.groupby("year")[["pop_registered", "pop_actual"]].sum().reset_index()
    long = totals.melt(id_vars="year", var_name="basis", value_name="residents")
    labels = {"pop_actual": _("actual population", lang=lang),
              "pop_registered": _("registered population", lang=lang)}
    title = _("{region}: residents by year", lang=lang, region=region)
    svg = line_chart(long, x="year", y="residents", series="basis", title=title,
                     y_label=_("residents", lang=lang), lang=lang,
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
    title = _("{region}: network headroom by year", lang=lang, region=region)
    # One panel per network: a network with room for 2 million would flatten the others on
    # one axis (docs/decisions.md, "Scenarios side by side").
    svg = panels_chart(totals, x="year", y="headroom", series="network", title=title,
                       y_label=_("residents", lang=lang), lang=lang,
                       series_labels=labels, reference=0.0,
                       reference_label=_("no room left", lang=lang), marks=marks,
                       mark_label=_("first year of deficit", lang=lang))
    return chart_html(svg, alt=title)


def _deficit_table(units: gpd.GeoDataFrame, *, norms: Norms,
                   lang: str) -> tuple[pd.DataFrame, dict[str, str]]:
    """Units with any deficit by the horizon: the first year of deficit per network."""
    columns = [c for c in units.columns if c.startswith("first_deficit_")]
    units = named(units, lang)
    table = units[["name", *columns]]
    table = table[table[columns].notna().any(axis=1)] if columns else table.iloc[0:0]
    table = table.sort_values(columns, na_position="last") if columns else table
    headers = {"name": _("Unit", lang=lang)}
    headers.update({c: norms.label(c.removeprefix("first_deficit_"), lang=lang)
                    for c in columns})
    return table, headers
