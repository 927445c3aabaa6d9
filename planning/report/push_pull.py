"""The report's "why people leave" section: the push-and-pull model between regions.

The flows of the workspace, summed per region pair over their latest years, are fitted with the
regions' income, unemployment and housing commissioned at both ends, and the readiness
headroom where every region of the fit has it (else the section says it is not assessed)
(:func:`planning.population.region_push_pull.fit_regions`); the section shows each effect with
its standard error, confidence interval, p-value and meaning in words, and the flows left out
and why. Flows the workspace marks as generated (the demo's) make the section say on its face
that the fit shows the method and is no finding.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from geo.errors import QonysError
from geo.i18n import _
from maps.report import Report
from maps.text import format_number
from planning.population.flows import check_flows
from planning.population.places import known_places, read_places
from planning.population.region_headroom import headroom_note
from planning.population.region_push_pull import (
    COVARIATES,
    LEFT_OUT_MESSAGES,
    WINDOW,
    covariate_label,
    effects_in_words,
    fit_regions,
    flows_generated,
)
from planning.report.balance import not_assessed, sources_sentence
from planning.report.flows import place_names
from planning.report.sources import LayerSource


def add_push_pull_section(report: Report, *, flows: pd.DataFrame | None, units: pd.DataFrame,
                          indicators: pd.DataFrame | None, lang: str, generated: bool = False,
                          window: int = WINDOW, layers: Sequence[LayerSource] = (),
                          readiness: pd.DataFrame | None = None) -> None:
    """The push-and-pull fit between regions, or why it is not assessed.

    Parameters
    ----------
    report
        The page to add to.
    flows
        The workspace's ``flows`` (``None`` when it has none).
    units
        The workspace's units (``unit_id`` and a KATO), to take each unit to its region.
    indicators
        The table ``region_indicators`` (``None`` when it has none).
    lang
        ``ru``, ``kk`` or ``en``.
    generated
        Whether the flows' provenance says they were generated.
    window
        The latest years of flows summed.
    layers
        The workspace's layers with their sources: the section names those of ``flows`` and
        ``region_indicators``.
    readiness
        The table ``readiness_units`` (``None`` when the workspace has none): its headroom per
        region enters the fit where every region of it has one.
    """
    report.add_heading(_("Why people leave: push and pull", lang=lang), anchor="push-pull")
    if indicators is None:
        not_assessed(report, _("load region indicators (qonys national)", lang=lang), lang=lang)
        return
    if flows is None or flows.empty:
        not_assessed(report, _("the workspace has no migration flows (qonys load FILE.csv "
                               "--kind flows)", lang=lang), lang=lang)
        return
    try:
        checked = check_flows(flows, known=known_places(units)).flows
        result = fit_regions(checked, units, indicators, places=read_places(), window=window,
                             readiness=readiness)
    except QonysError as exc:
        not_assessed(report, str(exc), lang=lang)
        return
    if flows_generated(flows, recorded=generated):
        report.add_paragraph(_("The flows are generated (as in the demo): this fit shows the "
                               "method on generated flows and is not a finding about why people "
                               "leave.", lang=lang))
    fit, years = result.fit, result.years
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
    report.add_paragraph(_("Migration between regions, {years} summed per pair ({pairs} pairs, "
                           "{persons} persons), against the regions' figures as of {year} "
                           "at both ends: a Poisson pseudo-maximum-likelihood fit with robust "
                           "(HC1) standard errors. What pushes people out of a region is read at "
                           "the origin, what pulls them in at the destination.", lang=lang,
                           years=span, pairs=len(fit.fitted),
                           persons=format_number(float(fit.fitted["persons"].sum()), "{:,.0f}",
                                                 lang), year=years[-1]))
    report.add_paragraph(headroom_note(result.headroom, lang=lang,
                                       names=place_names(pd.DataFrame({"unit_id": []}), lang)))
    table = effects_in_words(fit, lang=lang)
    columns = {"label": _("Term", lang=lang), "coef": _("Coefficient", lang=lang),
               "std_err": _("Standard error", lang=lang), "ci_low": _("95% CI, low", lang=lang),
               "ci_high": _("95% CI, high", lang=lang), "p_value": _("p-value", lang=lang),
               "meaning": _("What it means", lang=lang)}
    report.add_table(table[list(columns)], columns=columns,
                     # two decimals: in ru and kk a decimal comma with three digits (1,192)
                     # reads as a thousand
                     number_format={**{c: "{:.2f}" for c in ("coef", "std_err", "ci_low",
                                                             "ci_high")},
                                    "p_value": "{:.3f}"},
                     caption=_("Effects on the flows between regions", lang=lang))
    if not fit.converged:
        report.add_paragraph(_("The fit did not converge in {n} iterations: read its figures "
                               "with care.", lang=lang, n=fit.iterations))
    _left_out(report, result, lang=lang)
    extra = ", ".join(str(s) for s in pd.unique(flows["source"].dropna())) \
        if "source" in flows else _("flows: source not given", lang=lang)
    used = indicators[indicators["indicator"].isin(list(COVARIATES))]
    named = ["flows", "region_indicators"] + (["readiness_units"] if result.headroom.assessed
                                              else [])
    sources = sources_sentence(used, lang=lang, extra=extra, layers=layers, names=named)
    if sources:
        report.add_paragraph(sources)


def _left_out(report: Report, result, *, lang: str) -> None:
    left = result.left_out[result.left_out["pairs"] > 0]
    if left.empty:
        report.add_paragraph(_("No flow was left out.", lang=lang))
        return
    shown = left.assign(reason=left["reason"].map(
        lambda key: _(LEFT_OUT_MESSAGES[key], lang=lang)))
    columns = {"reason": _("Left out", lang=lang), "pairs": _("Pairs", lang=lang),
               "persons": _("Persons", lang=lang)}
    report.add_table(shown[list(columns)], columns=columns,
                     number_format={"pairs": "{:,.0f}", "persons": "{:,.0f}"},
                     caption=_("Flows left out of the fit", lang=lang))
    dropped = result.fit.dropped
    if len(dropped):
        names = place_names(pd.DataFrame({"unit_id": []}), lang)
        listed = dropped.assign(origin=dropped["origin_id"].map(names).fillna(
            dropped["origin_id"]), destination=dropped["dest_id"].map(names).fillna(
            dropped["dest_id"]), missing=dropped["missing"].map(
            lambda keys: ", ".join(covariate_label(k.strip(), lang) for k in keys.split(","))))
        columns = {"origin": _("From", lang=lang), "destination": _("To", lang=lang),
                   "missing": _("Missing", lang=lang)}
        with report.fold(_("Show the {count} pairs without a covariate", lang=lang,
                           count=len(listed))):
            report.add_table(listed[list(columns)], columns=columns)
