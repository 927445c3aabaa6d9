"""The page of ``qonys scenario compare``: difference maps and a table of two runs.

Differences are B minus A at the horizon, on diverging ColorBrewer classes centred on zero
(blue: B leaves more room; red: less). The full report (``qonys report --compare``) carries the
same section, :func:`planning.report_forecast.add_compare_section`.
"""

from __future__ import annotations

import geopandas as gpd

from geo.i18n import tr
from maps.report import Report
from planning.report_common import symmetric_breaks
from planning.report_forecast import add_compare_section

__all__ = ["compare_page", "symmetric_breaks"]


def compare_page(diff: gpd.GeoDataFrame, *, a: str, b: str, lang: str,
                 schematic: bool) -> Report:
    """The comparison page of :func:`planning.scenario_run.compare`'s layer."""
    report = Report(tr("scenario.compare_title", lang=lang, a=a, b=b), lang=lang)
    if schematic:
        report.add_paragraph(tr("report.demo_notice", lang=lang))
    add_compare_section(report, diff=diff, a=a, b=b, lang=lang, schematic=schematic,
                        heading=False)
    return report
