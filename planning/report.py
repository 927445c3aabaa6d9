"""What the readiness report says: planning decides the content, :mod:`maps` draws it.

For each region: a choropleth of readiness (residents a unit can take; a deficit is
negative) and a map of bottlenecks, both for the actual population (the one that drives the
bottleneck maps), with the registered population as a switchable layer; then a table of
units, the method and the sources.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from geo.i18n import tr
from maps.classify import classify
from maps.palettes import categorical, diverging
from maps.report import Report
from maps.webmap import CategoryLayer, ChoroplethLayer, WebMap
from planning.norms import NETWORKS, Norms

#: Class breaks of readiness, residents: deficits below zero, room above.
READINESS_BREAKS = [-50_000.0, -10_000.0, 0.0, 10_000.0, 50_000.0]
#: The same for H3 cells, which hold hundreds of residents, not hundreds of thousands.
CELL_READINESS_BREAKS = [-1_000.0, -100.0, 0.0, 100.0, 1_000.0]
REGIONS = ("almaty", "astana", "shymkent")
NO_CONSTRAINT_COLOR = "#BBBBBB"


def build_report(units: gpd.GeoDataFrame, *, norms: Norms, sources: list[tuple],
                 year: int, lang: str, schematic: bool,
                 cells: dict[str, tuple[gpd.GeoDataFrame, int, str]] | None = None) -> Report:
    """The report page of an assessment.

    Parameters
    ----------
    units
        :attr:`planning.assess.Assessment.units`.
    norms
        The norms used, for the method's figures.
    sources
        ``(label, url or None, note)`` of every source the figures come from.
    year
        Base year.
    lang
        ``ru``, ``kk`` or ``en``.
    schematic
        Whether the geometry is schematic (demo data): every map then says so on its face.
    cells
        Per region, scored H3 cells (:attr:`planning.grid.GridResult.cells`), their resolution
        and how residents were spread (``grid`` or ``area``): a cell-level map follows the
        region's map.
    """
    report = Report(tr("report.title", lang=lang), lang=lang,
                    subtitle=tr("report.subtitle", lang=lang, year=year))
    if schematic:
        report.add_paragraph(tr("report.demo_notice", lang=lang) + ". "
                             + tr("report.demo_paragraph", lang=lang))
    gate = norms.get("transport")
    report.add_heading(tr("report.summary", lang=lang))
    report.add_table(_summary(units, lang), columns=None)
    regions = [r for r in REGIONS if r in set(units["region"])] + sorted(
        set(units["region"]) - set(REGIONS))
    for region in regions:
        own = units[units["region"] == region]
        report.add_heading(_region_label(region, lang))
        report.add_map(_region_map(own, lang=lang, schematic=schematic))
        if cells and region in cells:
            grid, res, spread = cells[region]
            report.add_heading(tr("report.cells_heading", lang=lang, res=res), level=3)
            report.add_paragraph(tr("report.cells_text", lang=lang, cells=f"{len(grid):,}",
                                    spread=tr(f"grid.by_{spread}", lang=lang)))
            report.add_map(_region_map(grid, lang=lang, schematic=schematic,
                                       breaks=CELL_READINESS_BREAKS, cell_map=True))
        table, columns = _unit_table(own, lang)
        report.add_table(table, columns=columns, caption=tr("report.units_table", lang=lang))
    report.add_heading(tr("report.method", lang=lang))
    report.add_paragraph(tr("report.method_text", lang=lang, share=gate.target_share,
                            minutes=gate.minutes))
    report.add_sources(sources)
    return report


def _region_label(region: str, lang: str) -> str:
    key = f"region.{region}"
    try:
        return tr(key, lang=lang)
    except KeyError:
        return region


def _basis(basis: str, lang: str) -> str:
    return tr(f"basis.short_{basis}", lang=lang)


def _named(units: gpd.GeoDataFrame, lang: str) -> gpd.GeoDataFrame:
    names = units.get(f"name_{lang}", units.get("name_en", units["unit_id"]))
    return units.assign(name=names.fillna(units["unit_id"]))


def _region_map(units: gpd.GeoDataFrame, *, lang: str, schematic: bool,
                breaks: list[float] = READINESS_BREAKS, cell_map: bool = False) -> WebMap:
    units = _named(units, lang)
    layers = []
    # Seven networks take seven Okabe-Ito colours; "no constraint" is a neutral grey.
    bottleneck_colors = {**dict(zip(NETWORKS, categorical(len(NETWORKS)), strict=True)),
                         "none": NO_CONSTRAINT_COLOR}
    categories = {key: (tr(f"network.{key}", lang=lang), color)
                  for key, color in bottleneck_colors.items()}
    for basis in ("actual", "registered"):
        column = f"readiness_{basis}"
        tooltip = {"name": tr("col.name", lang=lang),
                   column: tr("col.readiness", lang=lang, basis=_basis(basis, lang)),
                   f"bottleneck_{basis}": tr("col.bottleneck", lang=lang,
                                             basis=_basis(basis, lang)),
                   f"pop_{basis}": tr(f"col.pop_{basis}", lang=lang)}
        # One colour means one range in every region: the colours are those of six classes,
        # and a region with nobody above the last break simply has no sixth class.
        classes = classify(units[column], scheme="user", breaks=breaks)
        colors = diverging("RdBu", len(breaks) + 1)[:classes.k]
        basis_label = tr(f"basis.{basis}", lang=lang)
        title = "report.cell_map" if cell_map else "report.readiness_map"
        layers.append(ChoroplethLayer(
            units, column=column, name=tr(title, lang=lang, basis=basis_label),
            classes=classes, colors=colors, tooltip=tooltip,
            legend_title=tr("report.legend_residents", lang=lang)))
        layers.append(CategoryLayer(
            units, column=f"bottleneck_{basis}",
            name=tr("report.bottleneck_map", lang=lang, basis=basis_label),
            categories=categories, tooltip=tooltip))
    notice = tr("report.demo_notice", lang=lang) if schematic else None
    return WebMap(layers=layers, notice=notice, height_px=520)


def _unit_table(units: gpd.GeoDataFrame, lang: str) -> tuple[pd.DataFrame, dict]:
    units = _named(units, lang)
    frame = pd.DataFrame({
        "name": units["name"],
        "kind": units["kind"].map(lambda k: _kind_label(k, lang)),
        "pop_registered": units["pop_registered"],
        "pop_actual": units["pop_actual"],
        "readiness_actual": units["readiness_actual"],
        "bottleneck_actual": units["bottleneck_actual"].map(lambda n: tr(f"network.{n}",
                                                                         lang=lang)),
        "readiness_registered": units["readiness_registered"],
        "bottleneck_registered": units["bottleneck_registered"].map(
            lambda n: tr(f"network.{n}", lang=lang)),
        "transport_share_actual": units["transport_share_actual"] * 100,
        "index_actual": units["index_actual"],
    })
    columns = {
        "name": tr("col.name", lang=lang), "kind": tr("col.kind", lang=lang),
        "pop_registered": tr("col.pop_registered", lang=lang),
        "pop_actual": tr("col.pop_actual", lang=lang),
        "readiness_actual": tr("col.readiness", lang=lang, basis=_basis("actual", lang)),
        "bottleneck_actual": tr("col.bottleneck", lang=lang, basis=_basis("actual", lang)),
        "readiness_registered": tr("col.readiness", lang=lang,
                                   basis=_basis("registered", lang)),
        "bottleneck_registered": tr("col.bottleneck", lang=lang,
                                    basis=_basis("registered", lang)),
        "transport_share_actual": tr("col.transport_share", lang=lang) + ", %",
        "index_actual": tr("col.index", lang=lang),
    }
    return frame, columns


def _kind_label(kind: str, lang: str) -> str:
    try:
        return tr(f"kind.{kind}", lang=lang)
    except KeyError:
        return str(kind)


def _summary(units: gpd.GeoDataFrame, lang: str) -> pd.DataFrame:
    rows = []
    for region, own in units.groupby("region", sort=False):
        ready = int((own["can_take_actual"] > 0).sum())
        main = own["bottleneck_actual"].mode()
        rows.append({
            tr("col.region", lang=lang): _region_label(region, lang),
            tr("col.units", lang=lang): len(own),
            tr("col.pop_registered", lang=lang): own["pop_registered"].sum(),
            tr("col.pop_actual", lang=lang): own["pop_actual"].sum(),
            tr("col.units_ready", lang=lang): ready,
            tr("col.main_bottleneck", lang=lang): tr(f"network.{main.iloc[0]}", lang=lang)
            if not main.empty else "—",
        })
    return pd.DataFrame(rows)
