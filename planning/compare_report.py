"""The page of ``qonys scenario compare``: difference maps and a table of two runs.

Differences are B minus A at the horizon, on diverging ColorBrewer classes centred on zero
(blue: B leaves more room; red: less). Issue 6's full report will carry the same maps.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.i18n import tr
from maps.classify import classify
from maps.palettes import diverging
from maps.report import Report
from maps.webmap import ChoroplethLayer, WebMap


def symmetric_breaks(values: pd.Series) -> list[float]:
    """Five class breaks symmetric about zero, at a readable step (six classes).

    Examples
    --------
    >>> symmetric_breaks(pd.Series([-12_000.0, 3_000.0, 40_000.0]))
    [-40000.0, -20000.0, 0.0, 20000.0, 40000.0]
    """
    finite = values[np.isfinite(values.to_numpy(float))].abs()
    top = float(finite.max()) if len(finite) and finite.max() > 0 else 1.0
    step = 10 ** np.floor(np.log10(top / 2))
    half = float(np.ceil(top / 2 / step) * step)
    return [-2 * half, -half, 0.0, half, 2 * half]


def compare_page(diff: gpd.GeoDataFrame, *, a: str, b: str, lang: str,
                 schematic: bool) -> Report:
    """The comparison page of :func:`planning.scenario_run.compare`'s layer."""
    horizon = int(diff["horizon"].iloc[0]) if "horizon" in diff and len(diff) else ""
    title = tr("scenario.compare_title", lang=lang, a=a, b=b)
    report = Report(title, lang=lang, subtitle=None)
    report.add_paragraph(tr("scenario.compare_text", lang=lang, a=a, b=b, horizon=horizon))
    if schematic:
        report.add_paragraph(tr("report.demo_notice", lang=lang))
    names = diff.get(f"name_{lang}", diff.get("name_en", diff["unit_id"]))
    units = diff.assign(name=names.fillna(diff["unit_id"]))
    layers = []
    basis = tr("basis.actual", lang=lang)
    for column, key in (("readiness_actual_diff", "scenario.compare_map"),
                        ("pop_actual_diff", "scenario.compare_pop")):
        breaks = symmetric_breaks(units[column])
        classes = classify(units[column], scheme="user", breaks=breaks)
        colors = diverging("RdBu", len(breaks) + 1)[:classes.k]
        if column == "pop_actual_diff":
            colors = colors[::-1]  # more residents is more load: red
        name = tr(key, lang=lang, basis=basis)
        layers.append(ChoroplethLayer(
            units, column=column, name=name, classes=classes, colors=colors,
            tooltip={"name": tr("col.name", lang=lang), column: name},
            legend_title=tr("report.legend_residents", lang=lang)))
    notice = tr("report.demo_notice", lang=lang) if schematic else None
    report.add_map(WebMap(layers=layers, notice=notice, height_px=520))
    table = pd.DataFrame({"name": units["name"], "region": units.get("region"),
                          "pop_actual_diff": units["pop_actual_diff"],
                          "readiness_actual_a": units["readiness_actual_a"],
                          "readiness_actual_b": units["readiness_actual_b"],
                          "readiness_actual_diff": units["readiness_actual_diff"]})
    table = table.reindex(table["readiness_actual_diff"].abs().sort_values(
        ascending=False).index)
    ready = tr("col.readiness", lang=lang, basis=tr("basis.short_actual", lang=lang))
    report.add_table(table, columns={
        "name": tr("col.name", lang=lang), "region": tr("col.region", lang=lang),
        "pop_actual_diff": tr("scenario.compare_pop", lang=lang, basis=basis),
        "readiness_actual_a": f"{ready}: {a}", "readiness_actual_b": f"{ready}: {b}",
        "readiness_actual_diff": tr("scenario.compare_map", lang=lang, basis=basis)})
    return report
