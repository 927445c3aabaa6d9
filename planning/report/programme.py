"""The report's resettlement programme: its take-up, its cost, and its share of the budget.

Shown when a scenario has a ``programme`` (:mod:`planning.forecast.programme`): per target
unit the planned persons, the destination's readiness share, the take-up and the arrivals with
what they cost; the take-up's anchor and its assumed elasticities in words; and, once
``qonys propose`` has phased the scenario, the budget per year split between the
infrastructure funded and the programme's payments, so that both are seen side by side.
"""

from __future__ import annotations

import pandas as pd

from geo.i18n import _
from maps.report import Report
from planning.norms import Norms
from planning.report.common import named

BILLION = 1e9
SECTION = "resettlement_programme"


def add_programme_section(report: Report, *, take_up: pd.DataFrame | None,
                          spending: pd.DataFrame | None, units: pd.DataFrame, norms: Norms,
                          lang: str) -> None:
    """Add the programme's take-up and cost, and the phasing budget's split, to ``report``.

    Parameters
    ----------
    take_up
        The run's ``scenario_<name>_programme`` table, or ``None`` (then nothing is added,
        unless ``spending`` pays the programme).
    spending
        The ``proposals_<name>_spending`` table of the phasing plan, or ``None``.
    units
        ``unit_id`` and ``name_<lang>``, for the names of the target units.
    """
    paid = spending is not None and "programme" in spending and \
        float(pd.to_numeric(spending["programme"]).sum()) > 0
    if take_up is None and not paid:
        return
    # With a programme the split is shown even when it paid nothing: that is a finding too.
    paid = paid or (spending is not None and "programme" in spending)
    report.add_heading(_("Resettlement programme: take-up and cost", lang=lang))
    if take_up is not None and len(take_up):
        figure = lambda key: norms.figure(SECTION, key)  # noqa: E731
        report.add_paragraph(_(
            "Not everyone planned moves. Take-up is logistic, anchored at the programme's 2025 "
            "result ({anchor:.0%}: {anchor_source}). It rises with the package per family "
            "and falls with the share of the planned that the destination cannot take in the "
            "base year. Its elasticities at the anchor, {e_i:g} for the package and {e_r:g} for "
            "readiness, are ASSUMPTIONS until an evaluation of the programme gives them. "
            "Amounts in MRP at {mrp:,.0f} tenge ({mrp_source}).", lang=lang,
            anchor=figure("take_up_anchor").value,
            anchor_source=figure("take_up_anchor").source,
            e_i=figure("incentive_elasticity").value,
            e_r=figure("readiness_elasticity").value,
            mrp=figure("mrp_tenge").value, mrp_source=figure("mrp_tenge").source))
        table, columns, formats = _take_up_table(take_up, units, lang)
        report.add_table(table, columns=columns, number_format=formats,
                         caption=_("Take-up and cost of the programme by unit", lang=lang))
    if paid:
        report.add_paragraph(_(
            "The phasing plan pays the programme out of the same budget as the "
            "infrastructure: a tenge of subsidy competes with a tenge of school, heat or "
            "water, and an investment is funded only if it lets more residents arrive than "
            "its cost would pay for in subsidies.", lang=lang))
        table, columns, formats = _spending_table(spending, lang)
        report.add_table(table, columns=columns, number_format=formats,
                         caption=_("Budget by year: infrastructure and the programme",
                                   lang=lang))


def _take_up_table(take_up: pd.DataFrame, units: pd.DataFrame, lang: str
                   ) -> tuple[pd.DataFrame, dict, dict]:
    frame = take_up.copy()
    numbers = ["planned", "arrivals", "cost_tenge"]
    frame[numbers] = frame[numbers].apply(pd.to_numeric, errors="coerce")
    per_unit = frame.groupby("unit_id", sort=True).agg(
        planned=("planned", "sum"), readiness_share=("readiness_share", "first"),
        take_up=("take_up", "first"), arrivals=("arrivals", "sum"),
        tenge_per_person=("tenge_per_person", "first"), cost_tenge=("cost_tenge", "sum"))
    per_unit = per_unit.reset_index()
    per_unit["cost_bn"] = per_unit["cost_tenge"] / BILLION
    per_unit["tenge_per_person_m"] = per_unit["tenge_per_person"] / 1e6
    names = named(pd.DataFrame(units)[[c for c in units.columns if c == "unit_id"
                                       or c.startswith("name_")]], lang)
    per_unit = per_unit.merge(names[["unit_id", "name"]], on="unit_id", how="left")
    per_unit["name"] = per_unit["name"].fillna(per_unit["unit_id"])
    columns = {"name": _("Unit", lang=lang), "planned": _("Planned", lang=lang),
               "readiness_share": _("Readiness share", lang=lang),
               "take_up": _("Take-up (assumed elasticities)", lang=lang),
               "arrivals": _("Arrivals", lang=lang),
               "tenge_per_person_m": _("M tenge per person", lang=lang),
               "cost_bn": _("Cost, bn tenge", lang=lang)}
    formats = {"planned": "{:,.0f}", "readiness_share": "{:.0%}", "take_up": "{:.1%}",
               "arrivals": "{:,.0f}", "tenge_per_person_m": "{:,.2f}", "cost_bn": "{:,.2f}"}
    return per_unit, columns, formats


def _spending_table(spending: pd.DataFrame, lang: str) -> tuple[pd.DataFrame, dict, dict]:
    parts = ["budget", "investments", "programme", "carried"]
    frame = spending[["year", *parts]].copy()
    frame[parts] = frame[parts].apply(pd.to_numeric, errors="coerce") / BILLION
    columns = {"year": _("Year", lang=lang), "budget": _("Budget, bn tenge", lang=lang),
               "investments": _("Infrastructure, bn tenge", lang=lang),
               "programme": _("Programme payments, bn tenge", lang=lang),
               "carried": _("Carried over, bn tenge", lang=lang)}
    formats = {"year": "{:.0f}", **dict.fromkeys(parts, "{:,.2f}")}
    return frame, columns, formats
