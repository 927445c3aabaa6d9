"""The page of ``qonys scenario compare``: the two runs side by side, their difference, a table.

Differences are B minus A at the horizon, on diverging ColorBrewer classes centred on zero
(blue: B leaves more room; red: less); with the runs' networks and population tables, bars of
the headroom of the units they resettle people to. The full report (``qonys report --compare``)
carries the same section, :func:`planning.report.compare.add_compare_section`.
"""

from __future__ import annotations

from collections.abc import Mapping

import geopandas as gpd
import pandas as pd

from geo.i18n import _, p_
from maps.report import Report
from planning.norms import Norms
from planning.report.common import symmetric_breaks
from planning.report.compare import add_compare_section

__all__ = ["compare_page", "symmetric_breaks"]


def compare_page(diff: gpd.GeoDataFrame, *, a: str, b: str, lang: str, schematic: bool,
                 networks: Mapping[str, pd.DataFrame] | None = None,
                 populations: Mapping[str, pd.DataFrame] | None = None,
                 norms: Norms | None = None) -> Report:
    """The comparison page of :func:`planning.forecast.scenario_run.compare`'s layer.

    ``networks``, ``populations`` and ``norms`` are as in
    :func:`planning.report.compare.add_compare_section`.
    """
    report = Report(_("Scenario comparison: '{b}' minus '{a}'", lang=lang, a=a, b=b), lang=lang)
    if schematic:
        report.add_paragraph(p_("report.demo_notice",
                                "Schematic geometry: town outlines, roads, facilities and utility "
                                "zones are generated; district boundaries are real "
                                "(geokz)", lang=lang))
    add_compare_section(report, diff=diff, a=a, b=b, lang=lang, schematic=schematic,
                        heading=False, networks=networks, populations=populations, norms=norms)
    return report
