"""The report's forecasting-centre section: each migration model's back-test error next to its
forecast, the model chosen, the forecast's interval and the first-deficit year with its range
(:mod:`planning.forecast.centre`)."""

from __future__ import annotations

import pandas as pd

from geo.i18n import N_, _
from maps.report import Report
from planning.forecast import backtest as bt
from planning.forecast.centre import (
    centre_settings,
    missing_years,
    run_centre,
    unit_band,
)
from planning.norms import Norms
from planning.report.common import named

MODEL_LABELS = {
    "trend": N_("trend (mean of the last three known years)"),
    "gravity": N_("gravity with covariates (income, population, distance)"),
    "radiation": N_("radiation (population and distance)"),
    "learned": N_("gradient boosting on the same features (learned)"),
}
WHY = {
    "lowest_mae": N_("the lowest back-test MAE on this workspace's regions"),
    "fixed": N_("fixed in the norms file (migration_models.model)"),
}


def add_models_section(report: Report, *, indicators: pd.DataFrame | None,
                       units: pd.DataFrame, population: pd.DataFrame, networks: pd.DataFrame,
                       norms: Norms, lang: str) -> None:
    """The section (see the module); without net migration by year it says what is missing.

    Parameters
    ----------
    indicators
        The workspace's ``region_indicators`` table (absent: not assessed).
    units
        The run's units (``unit_id``, ``kato`` or ``region``, ``name``).
    population, networks
        The run's ``_population`` and ``_networks`` tables.
    """
    from planning.population.places import place_names, read_places
    from planning.population.region_push_pull import unit_regions

    report.add_heading(_("Migration models: back-test and choice", lang=lang), level=3)
    years = sorted(int(y) for y in population["year"].unique()) if len(population) else []
    horizon = years[-1] if years else 2030
    regions = sorted({r for r in unit_regions(units).dropna()})
    places = read_places()
    result = run_centre(indicators, places, regions=regions, horizon_year=horizon,
                        settings=centre_settings(norms))
    if result is None or result.scores.empty:
        report.add_paragraph(_("Not assessed: the workspace has no net migration by region and "
                               "year to back-test the models on (the region_indicators table "
                               "of data/national/, net_migration_balance).", lang=lang))
        return
    names = place_names(lang, places=places)
    gaps = {r: y for r, y in missing_years(result).items() if y}
    gap_text = "; ".join(f"{names.get(r, r)} {', '.join(map(str, y))}" for r, y in gaps.items())
    known = result.panel.years
    report.add_paragraph(_(
        "Net migration by region {first}–{last}: the BNS count for 2023–2024, earlier years "
        "estimated by the demographic balance (population change less natural growth). Each "
        "model is trained up to a year t and forecasts t+1…t+{k}, for every t from {origin}; "
        "its errors are over the same {pairs} region-years of {regions} regions. MAPE divides "
        "by the actual figure but by no less than {floor} persons. Years without a figure "
        "are left out, not taken as zero: {gaps}.", lang=lang, first=min(known),
        last=max(known), k=bt.DEFAULTS["horizon_years"] if result.pairs.empty
        else int(result.pairs["horizon"].max()), origin=int(result.pairs["origin"].min()),
        pairs=int(result.scores["pairs"].iloc[0]), regions=len(result.regions),
        floor=int(centre_settings(norms).mape_floor), gaps=gap_text or "—"))
    table = result.scores.assign(label=[_(MODEL_LABELS.get(m, m), lang=lang)
                                        for m in result.scores["model"]],
                                 chosen=["✓" if m == result.model else ""
                                         for m in result.scores["model"]])
    report.add_table(table[["label", "mae", "mape", "chosen"]],
                     columns={"label": _("model", lang=lang),
                              "mae": _("MAE, persons a year", lang=lang),
                              "mape": _("MAPE, %", lang=lang), "chosen": _("chosen", lang=lang)},
                     number_format={"mae": "{:,.0f}", "mape": "{:.1f}"},
                     caption=_("Back-test error of each model (lower is better)", lang=lang))
    report.add_paragraph(_("Forecast with {model}: {why}. The interval is the 10th to 90th "
                           "percentile of the model's own back-test errors at the same horizon; "
                           "the range of the residents gained resamples whole back-test error "
                           "paths (a bootstrap over the years).", lang=lang,
                           model=_(MODEL_LABELS.get(result.model, result.model), lang=lang),
                           why=_(WHY.get(result.why, result.why), lang=lang)))
    made = result.forecast
    first_year, last_year = int(made["year"].min()), int(made["year"].max())
    first = made[made["year"] == first_year].set_index("region")
    last = made[made["year"] == last_year].set_index("region")
    rows = pd.DataFrame({
        "region": [names.get(r, r) for r in first.index],
        "net": first["net_migration"].to_numpy(), "low": first["low"].to_numpy(),
        "high": first["high"].to_numpy(),
        "gained": last["cumulative"].reindex(first.index).to_numpy(),
        "gained_low": last["cumulative_low"].reindex(first.index).to_numpy(),
        "gained_high": last["cumulative_high"].reindex(first.index).to_numpy()})
    report.add_table(rows, columns={
        "region": _("region", lang=lang),
        "net": _("net migration {year}", lang=lang, year=first_year),
        "low": _("from", lang=lang), "high": _("to", lang=lang),
        "gained": _("gained {first}–{last}", lang=lang, first=first_year, last=last_year),
        "gained_low": _("from", lang=lang), "gained_high": _("to", lang=lang)},
        number_format=dict.fromkeys(rows.columns.drop("region"), "{:,.0f}"),
        caption=_("Forecast net migration by region with its interval (persons)", lang=lang))
    _deficit_ranges(report, result, units=units, population=population, networks=networks,
                    norms=norms, lang=lang, horizon=horizon)


def _deficit_ranges(report: Report, result, *, units, population, networks, norms, lang,
                    horizon) -> None:
    if networks is None or networks.empty or population.empty:
        return
    base_year = int(population["year"].min())
    base = population[population["year"] == base_year][["unit_id", "pop_actual"]]
    own = units[["unit_id", *[c for c in ("kato", "region") if c in units]]]
    band = unit_band(result, own.merge(base, on="unit_id"), base_year=base_year)
    ranges = bt.first_deficit_range(networks[networks["basis"] == "actual"], band)
    ranges = ranges[ranges["earliest"].notna()]
    if ranges.empty:
        report.add_paragraph(_("No network runs short by {horizon} even with the most "
                               "residents of the range.", lang=lang, horizon=horizon))
        return
    name_of = named(units, lang).set_index("unit_id")["name"]
    table = pd.DataFrame({
        "name": [name_of.get(u, u) for u in ranges["unit_id"]],
        "network": [norms.label(n, lang) for n in ranges["network"]],
        "year": [bt.deficit_text(row, horizon=horizon, lang=lang)
                 for row in ranges.to_dict("records")]})
    report.add_table(table, columns={"name": _("unit", lang=lang),
                                     "network": _("network", lang=lang),
                                     "year": _("first year of deficit", lang=lang)},
                     caption=_("First year of deficit with its range: from the most to the "
                               "fewest residents of the migration range", lang=lang))
