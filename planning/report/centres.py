"""The report's section on alternative centres of attraction (``qonys centres``).

A national map colours each district of ``units`` by its score as a candidate centre (towns are
drawn as points over it), then the ranked table (the top :data:`TOP`: rank, name, region,
score, each criterion's score and the explanation in the report's language), the criteria with
their weights and sources, and the sensitivity of the ranking to each weight (Spearman's rank
correlation when the weight moves by ±20 %).

The layer ``centres`` and its tables are read as written (the contract of issue 16): the
section computes nothing but the classes of the map.
"""

from __future__ import annotations

from collections.abc import Sequence

import geopandas as gpd
import pandas as pd

from geo.i18n import N_, _
from maps.classify import classify
from maps.context import MapContext
from maps.overlays import PointLayer
from maps.palettes import sequential
from maps.report import Report
from maps.text import format_number
from maps.web_layers import ChoroplethLayer
from maps.webmap import WebMap
from planning.report.balance import not_assessed, sources_sentence
from planning.report.context import with_context
from planning.report.flows import place_names
from planning.report.sources import LayerSource

TOP = 20
#: Score classes: fifths of 0–1, so that one colour means the same score on every map.
SCORE_BREAKS = [0.2, 0.4, 0.6, 0.8, 1.0]
TOWN_COLOR = "#D55E00"  # Okabe–Ito vermillion over the blue-green districts
#: The criteria's names, by key.
CRITERION_MESSAGES = {
    "spare_capacity_residents": N_("spare capacity"),
    "job_access": N_("access to jobs"),
    "rural_potential": N_("rural development potential"),
    "outflow_persons": N_("outflow it could catch"),
}


def criterion_label(key: str, *, lang: str) -> str:
    """A criterion's name in ``lang`` (its key when qonys has none)."""
    return _(CRITERION_MESSAGES[key], lang=lang) if key in CRITERION_MESSAGES else str(key)


def ranked_table(centres: pd.DataFrame, *, lang: str, top: int = TOP,
                 ) -> tuple[pd.DataFrame, dict[str, str]]:
    """The ``top`` best candidates with their scores and explanation, and the headers."""
    criteria = [c.removeprefix("score_") for c in centres.columns
                if c.startswith("score_")]
    best = centres.sort_values("rank", kind="mergesort").head(top)
    names = best.get(f"name_{lang}", best.get("name_en")).fillna(best.get("name_en"))
    explanation = best.get(f"explanation_{lang}", best.get("explanation_en"))
    regions = place_names(pd.DataFrame({"unit_id": []}), lang)
    table = pd.DataFrame({"rank": best["rank"].to_numpy(), "name": names.to_numpy(),
                          "region": best["region"].astype(str).map(regions)
                          .fillna(best["region"].astype(str)).to_numpy(),
                          "score": best["score"].to_numpy(float)})
    for key in criteria:
        table[f"score_{key}"] = best[f"score_{key}"].to_numpy(float)
    table["explanation"] = explanation.to_numpy() if explanation is not None else ""
    columns = {"rank": _("Rank", lang=lang), "name": _("Candidate", lang=lang),
               "region": _("Region", lang=lang), "score": _("Score", lang=lang),
               **{f"score_{k}": criterion_label(k, lang=lang) for k in criteria},
               "explanation": _("Why", lang=lang)}
    return table, columns


def add_centres_section(report: Report, *, centres: gpd.GeoDataFrame | None,
                        criteria: pd.DataFrame | None, sensitivity: pd.DataFrame | None,
                        units: gpd.GeoDataFrame | None, lang: str, schematic: bool = False,
                        context: MapContext | None = None,
                        layers: Sequence[LayerSource] = ()) -> list[WebMap]:
    """The national map, the ranked table, the criteria and the sensitivity of the ranking.

    Parameters
    ----------
    report
        The page to add to.
    centres
        The layer ``centres`` (``None`` when the workspace has none).
    criteria, sensitivity
        The tables ``centres_criteria`` and ``centres_sensitivity`` (``None`` if absent).
    units
        The workspace's ``units`` (districts as polygons), for the map.
    lang
        ``ru``, ``kk`` or ``en``.
    schematic
        Whether the geometry is generated (the map then says so).
    context
        The maps' context (settlements, roads), if any.
    layers
        The workspace's layers with their sources: the section names those of ``centres`` and
        ``units``.

    Returns
    -------
    list[WebMap]
        The map added (none without the layer or the districts).
    """
    report.add_heading(_("Alternative centres of attraction", lang=lang), anchor="centres")
    if centres is None or centres.empty:
        not_assessed(report, _("run `qonys centres`", lang=lang), lang=lang)
        return []
    report.add_paragraph(_("Every district and town ranked as a candidate centre by what it can "
                           "take and what it offers: {count} candidates, each scored from 0 "
                           "(worst) to 1 (best) on the criteria below, weighted as the norms "
                           "say.", lang=lang, count=len(centres)))
    added = []
    webmap = _map(centres, units, lang=lang, schematic=schematic, context=context)
    if webmap is not None:
        report.add_map(webmap)
        added.append(webmap)
    table, columns = ranked_table(centres, lang=lang)
    report.add_table(table, columns=columns,
                     number_format={"rank": "{:.0f}", **{c: "{:.2f}" for c in table.columns
                                                          if c.startswith("score")}},
                     caption=_("The {top} best-ranked candidates (—: not assessed)",
                               lang=lang, top=min(TOP, len(centres))))
    if criteria is not None and len(criteria):
        shown = criteria.assign(
            criterion=criteria["criterion"].map(lambda k: criterion_label(k, lang=lang)),
            assessed=criteria["assessed"].map(lambda a: _("yes", lang=lang) if bool(a)
                                              else _("no", lang=lang)))
        headers = {"criterion": _("Criterion", lang=lang), "weight": _("Weight", lang=lang),
                   "source": _("Source", lang=lang), "assessed": _("Assessed", lang=lang),
                   "basis": _("Basis", lang=lang), "note": _("Note", lang=lang)}
        headers = {k: v for k, v in headers.items() if k in shown}
        report.add_table(shown[list(headers)], columns=headers,
                         number_format={"weight": "{:.2f}"},
                         caption=_("Criteria, their weights and sources", lang=lang))
    if sensitivity is not None and len(sensitivity):
        shown = sensitivity.assign(
            criterion=sensitivity["criterion"].map(lambda k: criterion_label(k, lang=lang)),
            change=pd.to_numeric(sensitivity["change"]).map(
                lambda c: format_number(100 * c, "{:+.0f}", lang) + "%"))
        headers = {"criterion": _("Criterion", lang=lang),
                   "change": _("Weight changed by", lang=lang),
                   "spearman": _("Rank correlation with the ranking (Spearman)", lang=lang)}
        report.add_table(shown[list(headers)], columns=headers,
                         number_format={"spearman": "{:.3f}"},
                         caption=_("How stable the ranking is when a weight moves by ±20 %",
                                   lang=lang))
    sources = sources_sentence(criteria, lang=lang, layers=layers,
                               names=["centres", "units"])
    if sources:
        report.add_paragraph(sources)
    return added


def _map(centres: gpd.GeoDataFrame, units: gpd.GeoDataFrame | None, *, lang: str,
         schematic: bool, context: MapContext | None) -> WebMap | None:
    """Districts by their score, towns as points; ``None`` when there is nothing to draw."""
    from planning.report.common import schematic_notice

    kinds = centres["candidate_kind"].astype(str)
    districts = centres[kinds == "district"].assign(unit_id=lambda t: t["unit_id"].astype(str))
    towns = centres[kinds == "town"]
    layers = []
    tooltip = {"name": _("Candidate", lang=lang), "score": _("Score", lang=lang),
               "rank": _("Rank", lang=lang)}
    fmt = {"score": "{:.2f}", "rank": "{:.0f}"}
    if units is not None and len(districts) and isinstance(units, gpd.GeoDataFrame):
        scores = districts.set_index("unit_id")[["score", "rank"]]
        shapes = units.assign(unit_id=units["unit_id"].astype(str))
        shapes = shapes[shapes["unit_id"].isin(scores.index)]
        if len(shapes):
            names = shapes.get(f"name_{lang}", shapes.get("name_en", shapes["unit_id"]))
            frame = gpd.GeoDataFrame({
                "name": names.fillna(shapes["unit_id"]).to_numpy(),
                "score": scores["score"].reindex(shapes["unit_id"]).to_numpy(float),
                "rank": scores["rank"].reindex(shapes["unit_id"]).to_numpy(float)},
                geometry=shapes.geometry.to_numpy(), crs=shapes.crs)
            classes = classify(frame["score"], scheme="user", breaks=SCORE_BREAKS)
            layers.append(ChoroplethLayer(frame, column="score",
                                          name=_("Districts: score as a centre", lang=lang),
                                          classes=classes,
                                          colors=sequential("YlGnBu", classes.k),
                                          tooltip=tooltip, tooltip_format=fmt,
                                          label_format="{:.1f}"))
    if len(towns) and isinstance(centres, gpd.GeoDataFrame):
        names = towns.get(f"name_{lang}", towns.get("name_en")).fillna(towns.get("name_en"))
        points = gpd.GeoDataFrame({"kind": "town", "name": names.to_numpy(),
                                   "score": towns["score"].to_numpy(float),
                                   "rank": towns["rank"].to_numpy(float)},
                                  geometry=towns.geometry.to_numpy(), crs=centres.crs)
        layers.append(PointLayer(points, column="kind", name=_("Towns", lang=lang),
                                 categories={"town": (_("town", lang=lang), TOWN_COLOR)},
                                 size_column="score", tooltip=tooltip, tooltip_format=fmt))
    if not layers:
        return None
    webmap = WebMap(layers=layers, height_px=560, notice=schematic_notice(schematic, lang),
                    title=_("Candidate centres of attraction", lang=lang))
    return with_context(webmap, context)
