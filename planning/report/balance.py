"""The report's demographic balance section: how evenly the regions grow and hold people.

From the workspace table ``region_indicators`` (:mod:`planning.population.balance`): per year,
the coefficient of variation of the regions' growth rates, the Theil index of their population
and the urban share, as a table and a chart with a panel per metric. Under the report's scenario,
the latest year's regional populations with the forecast change of the scenario's units added
to their regions (a unit's region: its KATO's first two digits and ``0000000``) give the Theil
index at the horizon.

Decisions:

- The scenario's change is that of the registered population (the basis of the official
  regional figures), horizon minus the forecast's first year, summed per region. Regions without
  a unit in the workspace keep their latest figure: the forecast says nothing of them.
- A row of the republic as a whole (``000000000``) is left out: it is no region.
- Under the scenario only the Theil index is computed. The growth CV would compare the
  scenario's units with regions that have no forecast, and the forecast does not split urban
  and rural residents: both are said to be not assessed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from geo.errors import QonysError
from geo.i18n import N_, _
from maps.chart_panels import panels_chart
from maps.chart_svg import chart_html
from maps.report import Report
from maps.text import format_number
from planning.population.balance import balance_table, growth_mean, theil_population
from planning.population.region_push_pull import unit_regions
from planning.report.flows import place_names
from planning.report.sources import LayerSource

#: The balance metrics' names, by column.
BALANCE_MESSAGES = {
    "growth_cv": N_("Growth CV across regions"),
    "theil_population": N_("Theil index of population"),
    "urban_share": N_("Urban share"),
}
SHARE = "{:.3f}"
#: The KATO of the republic as a whole (data/national's country rows).
COUNTRY = "000000000"


def not_assessed(report: Report, reason: str, *, lang: str) -> None:
    """The sentence a section says in place of its figures."""
    report.add_paragraph(_("Not assessed: {reason}.", lang=lang, reason=reason.rstrip(". ")))


def sources_sentence(table: pd.DataFrame | None, *, lang: str, extra: str = "",
                     layers: Iterable[LayerSource] = (), names: Iterable[str] = ()) -> str | None:
    """"Sources: …" of the distinct ``source`` values of ``table`` (and ``extra``), then how
    the layers ``names`` came into the workspace (their file and licence, from provenance)."""
    found = []
    if table is not None and "source" in table:
        found = [str(s) for s in pd.unique(table["source"].dropna()) if str(s).strip()]
    if extra:
        found.append(extra)
    wanted = set(names)
    found += [f"{e.layer}: {e.source_text(lang)}, {e.licence_text(lang)}" for e in layers
              if e.layer in wanted]
    if not found:
        return None
    return _("Sources: {sources}.", lang=lang, sources="; ".join(found))


def add_balance_section(report: Report, *, indicators: pd.DataFrame | None, lang: str,
                        population: pd.DataFrame | None = None,
                        units: pd.DataFrame | None = None, scenario: str | None = None,
                        layers: Sequence[LayerSource] = ()) -> None:
    """Growth CV, Theil index and urban share by year, and the Theil index under a scenario.

    Parameters
    ----------
    report
        The page to add to.
    indicators
        The workspace table ``region_indicators`` (long: region, year, indicator, value, unit,
        source), or ``None`` when the workspace has none.
    lang
        ``ru``, ``kk`` or ``en``.
    population
        The scenario run's ``_population`` table (unit_id, year, pop_registered), if any.
    units
        The units of the run (``unit_id`` and a KATO), to take each unit to its region.
    scenario
        The scenario's title.
    layers
        The workspace's layers with their sources (:func:`planning.report.sources.layer_sources`):
        the section names that of ``region_indicators``.
    """
    report.add_heading(_("Demographic balance across regions", lang=lang), anchor="balance")
    if indicators is None:
        not_assessed(report, _("load region indicators (qonys national)", lang=lang), lang=lang)
        return
    # the republic's own row (code 000000000) is no region: it would count the country twice
    indicators = indicators[indicators["region"].astype(str).str.strip() != COUNTRY]
    try:
        table = balance_table(indicators)
    except QonysError as exc:
        not_assessed(report, _("the table region_indicators cannot be read ({problem})",
                               lang=lang, problem=str(exc).splitlines()[0]), lang=lang)
        return
    table = table.dropna(how="all")
    if table.empty:
        not_assessed(report, _("region_indicators has no population figures", lang=lang),
                     lang=lang)
        return
    counts = _regions_per_year(indicators)
    years = sorted(int(y) for y in table.index)
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
    report.add_paragraph(_("How evenly the regions grow and where people live, {years}: "
                           "the coefficient of variation of the regions' yearly growth rates "
                           "(standard deviation over mean; higher: more uneven growth), the Theil "
                           "index of their population (0 when every region holds as many people, "
                           "ln N when one holds everyone) and the share of residents living in "
                           "towns.", lang=lang, years=span))
    shown = table.reset_index().assign(regions=lambda t: t["year"].map(counts))
    shown["growth_mean"] = shown["year"].map(growth_mean(indicators))
    report.add_paragraph(_("The coefficient grows without bound as the mean growth nears zero: "
                           "read it beside the mean growth rate, shown next to it.", lang=lang))
    columns = {"year": _("Year", lang=lang), "regions": _("Regions", lang=lang),
               "growth_mean": _("Mean growth of a region", lang=lang),
               **{key: _(text, lang=lang) for key, text in BALANCE_MESSAGES.items()}}
    report.add_table(shown[list(columns)], columns=columns,
                     number_format={"year": "{:.0f}", "regions": "{:.0f}", "growth_mean": "{:+.2%}",
                                    "growth_cv": "{:.2f}",
                                    "theil_population": SHARE, "urban_share": "{:.1%}"},
                     caption=_("Demographic balance by year (—: not assessed that year)",
                               lang=lang))
    long = table.reset_index().melt(id_vars="year", var_name="metric", value_name="value")
    long = long.dropna(subset=["value"])
    if long["year"].nunique() > 1:
        title = _("Demographic balance by year", lang=lang)
        labels = {key: _(text, lang=lang) for key, text in BALANCE_MESSAGES.items()
                  if key in set(long["metric"])}
        report.add_html(chart_html(panels_chart(long, x="year", y="value", series="metric",
                                                title=title, y_label="", lang=lang,
                                                series_labels=labels, y_format="{:.3f}"),
                                   alt=title))
    if population is not None and units is not None:
        _scenario_part(report, indicators, population=population, units=units,
                       scenario=scenario or "", lang=lang)
    sources = sources_sentence(indicators[indicators["indicator"].isin(
        ["population", "population_urban", "population_rural"])], lang=lang, layers=layers,
        names=["region_indicators"])
    if sources:
        report.add_paragraph(sources)


def scenario_populations(indicators: pd.DataFrame, *, population: pd.DataFrame,
                         units: pd.DataFrame) -> tuple[pd.DataFrame, int, int, int, float]:
    """The regions' latest populations and the same with the scenario's change added.

    Returns
    -------
    tuple
        Per region (``region``, ``latest``, ``change``, ``horizon``; change 0 for a region without
        units), the latest year, the forecast's first year and horizon, and the persons of units
        whose region the table does not have (their change is left out).
    """
    rows = indicators[indicators["indicator"] == "population"]
    years = pd.to_numeric(rows["year"], errors="coerce")
    latest_year = int(years.max())
    latest = (rows[years == latest_year].assign(value=lambda t: pd.to_numeric(t["value"]))
              .groupby(rows["region"].astype(str))["value"].sum())
    run_years = pd.to_numeric(population["year"])
    first, horizon = int(run_years.min()), int(run_years.max())
    at = population.assign(year=run_years).pivot_table(index="unit_id", columns="year",
                                                       values="pop_registered", aggfunc="sum")
    change = (at[horizon] - at[first]).rename("change")
    regions = unit_regions(units)
    by_region = change.groupby(change.index.astype(str).map(regions)).sum()
    unplaced = float(change.sum() - by_region.reindex(latest.index).fillna(0).sum())
    frame = pd.DataFrame({"latest": latest,
                          "change": by_region.reindex(latest.index).fillna(0.0)})
    frame["horizon"] = frame["latest"] + frame["change"]
    return frame.rename_axis("region").reset_index(), latest_year, first, horizon, unplaced


def _scenario_part(report: Report, indicators: pd.DataFrame, *, population: pd.DataFrame,
                   units: pd.DataFrame, scenario: str, lang: str) -> None:
    report.add_heading(_("Under scenario “{scenario}”", lang=lang, scenario=scenario), level=3)
    if not (indicators["indicator"] == "population").any() or population.empty:
        not_assessed(report, _("no regional population to add the forecast to", lang=lang),
                     lang=lang)
        return
    frame, latest, first, horizon, unplaced = scenario_populations(
        indicators, population=population, units=units)
    before = theil_population(_long(frame, "latest", latest))
    after = theil_population(_long(frame, "horizon", horizon))
    if before.empty or after.empty:
        not_assessed(report, _("no regional population to add the forecast to", lang=lang),
                     lang=lang)
        return
    a, b = float(before.iloc[0]), float(after.iloc[0])
    report.add_paragraph(_("The regions' population of {latest} with the forecast change of the "
                           "scenario's units from {first} to {horizon} added to their regions "
                           "(registered "
                           "residents; regions without units keep their {latest} figure): Theil "
                           "index {before:.4f} in {latest}, {after:.4f} at {horizon} "
                           "({change:+.4f}; below zero: people more evenly spread).", lang=lang,
                           latest=latest, first=first, horizon=horizon, before=a, after=b,
                           change=b - a))
    if abs(unplaced) > 0:
        report.add_paragraph(_("The change of units whose region the table lacks "
                               "({persons} persons) is left out.", lang=lang,
                               persons=format_number(unplaced, "{:+,.0f}", lang)))
    changed = frame[frame["change"] != 0].assign(
        name=lambda t: t["region"].map(place_names(pd.DataFrame({"unit_id": []}), lang))
        .fillna(t["region"]))
    if len(changed):
        columns = {"name": _("Region", lang=lang),
                   "latest": _("Population, {year}", lang=lang, year=latest),
                   "change": _("Forecast change", lang=lang),
                   "horizon": _("Population, {year}", lang=lang, year=horizon)}
        report.add_table(changed[list(columns)], columns=columns,
                         number_format=dict.fromkeys(["latest", "change", "horizon"], "{:,.0f}"),
                         caption=_("Regions with the scenario's units", lang=lang))
    report.add_paragraph(_("Not assessed under the scenario: the growth CV (the forecast covers "
                           "only the workspace's units, not every region) and the urban share "
                           "(the forecast does not split urban and rural residents).", lang=lang))


def _long(frame: pd.DataFrame, column: str, year: int) -> pd.DataFrame:
    return pd.DataFrame({"region": frame["region"], "year": year, "indicator": "population",
                         "value": frame[column].to_numpy(float)})


def _regions_per_year(indicators: pd.DataFrame) -> pd.Series:
    rows = indicators[indicators["indicator"] == "population"]
    years = pd.to_numeric(rows["year"], errors="coerce")
    return rows.groupby(years)["region"].nunique().astype(float).reindex(
        np.unique(years.dropna()))
