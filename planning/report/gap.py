"""The report's section on the gap between registered and actual residents: a map per region
and a table of the units where the two differ most.
"""

from __future__ import annotations

import logging

import geopandas as gpd
import pandas as pd

from geo.i18n import N_, _, n_
from geo.regions import region_label, region_order
from maps.context import MapContext
from maps.report import Report
from maps.web_layers import ChoroplethLayer
from maps.webmap import WebMap
from planning.report.common import in_region, named, schematic_notice, symmetric_classes
from planning.report.context import with_context
from planning.report.findings import gap_finding
from planning.report.flows import LOAD_COLORS, PERCENT, PERSONS

log = logging.getLogger(__name__)

#: The messages of report gap legend by key, chosen at run time, marked for the catalogue.
REPORT_GAP_LEGEND_MESSAGES = {
    "persons": N_("Actual minus registered, persons"),
    "share": N_("Actual minus registered, {percent} of registered"),
}
#: The messages of report gap layer by key, chosen at run time, marked for the catalogue.
REPORT_GAP_LAYER_MESSAGES = {
    "persons": N_("Gap, persons"),
    "share": N_("Gap, {percent} of the registered population"),
}


def add_gap_section(report: Report, *, gap: gpd.GeoDataFrame, lang: str,
                    schematic: bool, context: MapContext | None = None) -> list[WebMap]:
    """The registered–actual population gap: a map per region and a table of every unit.

    Parameters
    ----------
    report
        The report to add to.
    gap
        The workspace layer ``population_gap`` (:func:`planning.population.actual.gap_layer`):
        ``unit_id``, names, ``region``, ``pop_registered``, ``pop_actual``, ``pop_gap`` and
        ``pop_gap_share`` (a fraction of the registered population).
    lang
        ``ru``, ``kk`` or ``en``.
    schematic
        Whether the geometry is generated (demo data): each map then says so on its face.

    Returns
    -------
    list[WebMap]
        The maps added, in page order.
    """
    report.add_heading(_("Registered and actual population", lang=lang))
    if gap.empty:
        report.add_paragraph(_("The workspace has no population_gap layer: estimate the actual "
                               "population with `qonys actual` first.", lang=lang))
        return []
    report.add_paragraph(gap_finding(gap, lang=lang))
    report.add_paragraph(_("The gap is a unit's actual population minus its registered one: "
                           "residents who live in the unit and use its schools, clinics and "
                           "networks but are registered elsewhere (a gap above zero, red: more "
                           "load than the registers say), or the reverse, residents registered "
                           "here who live elsewhere (below zero, blue).", lang=lang))
    units = named(gap, lang).assign(pop_gap_pct=gap["pop_gap_share"].astype(float) * 100)
    # Classes over every unit, so that a colour means one range in every region's map.
    by_persons = symmetric_classes(units["pop_gap"].astype(float))
    by_share = symmetric_classes(units["pop_gap_pct"])
    tooltip = {"name": _("Unit", lang=lang),
               "pop_registered": _("Registered", lang=lang),
               "pop_actual": _("Actual", lang=lang),
               "pop_gap": _("Gap", lang=lang),
               "pop_gap_pct": _("Gap, %", lang=lang)}
    formats = {"pop_registered": PERSONS, "pop_actual": PERSONS, "pop_gap": PERSONS,
               "pop_gap_pct": PERCENT}
    added = []
    for region in region_order(units["region"]):
        own = in_region(units, region)
        layers = [
            ChoroplethLayer(own, column=column, name=_(REPORT_GAP_LAYER_MESSAGES[kind], lang=lang,
                                                         percent="%"),
                            classes=classes, colors=LOAD_COLORS, tooltip=tooltip,
                            tooltip_format=formats, label_format=label_format,
                            legend_title=_(REPORT_GAP_LEGEND_MESSAGES[kind], lang=lang,
                                                            percent="%"))
            for column, kind, (classes, label_format) in (
                ("pop_gap", "persons", by_persons), ("pop_gap_pct", "share", by_share))
        ]
        webmap = WebMap(layers=layers, height_px=520, notice=schematic_notice(schematic, lang),
                        title=_("{region}: gap between actual and registered population", lang=lang,
                                 region=region_label(region, lang, units=units)))
        report.add_map(with_context(webmap, context))
        added.append(webmap)
    _gap_table(report, units, tooltip, formats, lang=lang)
    return added


def _gap_table(report: Report, units: pd.DataFrame, labels: dict[str, str],
               formats: dict[str, str], *, lang: str) -> None:
    """The units with a gap, largest first, and one sentence for the units without one.

    A unit whose gap rounds to zero persons has nothing to say; a unit whose gap is unknown
    stays in the table (shown as missing), since that is not "no gap".
    """
    gap = pd.to_numeric(units["pop_gap"], errors="coerce")
    zero = (gap.round() == 0).to_numpy()
    shown = units[~zero]
    if shown.empty:
        report.add_paragraph(n_("The {count:,d} unit has no gap: its actual population equals the "
                                "registered one.",
                                "None of the {count:,d} units has a gap: the actual population "
                                "equals the registered one.",
                                lang=lang, count=len(units)))
        return
    table = pd.DataFrame({
        "name": shown["name"],
        "region": shown["region"].map(lambda r: region_label(r, lang, units=units)),
        "pop_registered": shown["pop_registered"], "pop_actual": shown["pop_actual"],
        "pop_gap": shown["pop_gap"], "pop_gap_pct": shown["pop_gap_pct"]})
    table = table.loc[table["pop_gap"].abs().sort_values(
        ascending=False, kind="mergesort", na_position="last").index]
    report.add_table(table, columns={
        "name": labels["name"], "region": _("Region", lang=lang),
        "pop_registered": labels["pop_registered"], "pop_actual": labels["pop_actual"],
        "pop_gap": labels["pop_gap"], "pop_gap_pct": labels["pop_gap_pct"],
    }, number_format=formats, caption=_("Units by the size of the gap (largest first, whatever "
                                        "its sign)", lang=lang))
    if zero.any():
        report.add_paragraph(n_("The other {count:,d} of the {total:,d} units has no gap: its "
                                "actual population equals the registered one.",
                                "The other {count:,d} of the {total:,d} units have no gap: their "
                                "actual population equals the registered one.",
                                lang=lang, count=int(zero.sum()),
                                total=len(units)))
