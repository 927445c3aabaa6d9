"""The report's readiness sections: summary by region, readiness, bottlenecks, every network.

For each region: a map of readiness (residents a unit can take; a deficit is negative) and of
bottlenecks for both populations; a map with one switchable layer per network showing its
headroom in residents; the H3 cells where scored; then a table of the units. Colours mean the
same range in every region and on every network: the classes are fixed breaks in residents.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from geo.i18n import TEXTS, tr
from maps.classify import classify
from maps.palettes import categorical, diverging
from maps.report import Report
from maps.webmap import CategoryLayer, ChoroplethLayer, WebMap
from planning.norms import Norms
from planning.report_common import named, region_label, region_order, schematic_notice

#: Class breaks of readiness, residents: deficits below zero, room above.
READINESS_BREAKS = [-50_000.0, -10_000.0, 0.0, 10_000.0, 50_000.0]
#: The same for H3 cells, which hold hundreds of residents, not hundreds of thousands.
CELL_READINESS_BREAKS = [-1_000.0, -100.0, 0.0, 100.0, 1_000.0]
NO_CONSTRAINT_COLOR = "#BBBBBB"
BASES = ("actual", "registered")


def add_summary(report: Report, units: gpd.GeoDataFrame, *, norms: Norms, lang: str) -> None:
    """A table of readiness by region: units, residents, units ready, the usual bottleneck."""
    report.add_heading(tr("report.summary", lang=lang))
    rows = []
    for region in region_order(units["region"]):
        own = units[units["region"] == region]
        main = own["bottleneck_actual"].mode()
        rows.append({
            tr("col.region", lang=lang): region_label(region, lang, units=units),
            tr("col.units", lang=lang): len(own),
            tr("col.pop_registered", lang=lang): own["pop_registered"].sum(),
            tr("col.pop_actual", lang=lang): own["pop_actual"].sum(),
            tr("col.units_ready", lang=lang): int((own["can_take_actual"] > 0).sum()),
            tr("col.main_bottleneck", lang=lang): _network_label(main.iloc[0], norms, lang)
            if not main.empty else "—",
        })
    report.add_table(pd.DataFrame(rows))


def add_region(report: Report, units: gpd.GeoDataFrame, *, region: str, norms: Norms,
               lang: str, schematic: bool,
               cells: tuple[gpd.GeoDataFrame, int, str] | None = None) -> list[WebMap]:
    """One region's readiness maps, network maps, cell map and unit table.

    Returns
    -------
    list of WebMap
        The maps added, in page order.
    """
    own = units[units["region"] == region]
    report.add_heading(region_label(region, lang, units=units))
    maps = [readiness_map(own, norms=norms, lang=lang, schematic=schematic)]
    report.add_map(maps[-1])
    networks = network_map(own, norms=norms, lang=lang, schematic=schematic)
    if networks is not None:
        report.add_heading(tr("report.networks_heading", lang=lang), level=3)
        report.add_paragraph(tr("report.networks_text", lang=lang))
        maps.append(networks)
        report.add_map(networks)
    if cells is not None:
        grid, res, spread = cells
        report.add_heading(tr("report.cells_heading", lang=lang, res=res), level=3)
        report.add_paragraph(tr("report.cells_text", lang=lang, cells=f"{len(grid):,}",
                                spread=tr(f"grid.by_{spread}", lang=lang)))
        maps.append(readiness_map(grid, norms=norms, lang=lang, schematic=schematic,
                                  breaks=CELL_READINESS_BREAKS, cell_map=True))
        report.add_map(maps[-1])
    table, columns = _unit_table(own, norms=norms, lang=lang)
    report.add_table(table, columns=columns, caption=tr("report.units_table", lang=lang))
    return maps


def readiness_map(units: gpd.GeoDataFrame, *, norms: Norms, lang: str, schematic: bool,
                  breaks: list[float] = READINESS_BREAKS, cell_map: bool = False) -> WebMap:
    """Readiness and bottleneck layers for the actual and the registered population."""
    units = named(units, lang)
    found = set(units["bottleneck_actual"].dropna()) | set(units["bottleneck_registered"].dropna())
    keys = list(dict.fromkeys([*norms.by_network, *sorted(found - {"none"})]))
    # Okabe-Ito has eight colours: seven networks and room for one added as data;
    # "no constraint" is a neutral grey.
    colors = categorical(min(len(keys), 8))
    categories = {key: (_network_label(key, norms, lang), color)
                  for key, color in zip(keys, colors, strict=False)}
    categories["none"] = (tr("network.none", lang=lang), NO_CONSTRAINT_COLOR)
    layers = []
    for basis in BASES:
        column = f"readiness_{basis}"
        short = tr(f"basis.short_{basis}", lang=lang)
        tooltip = {"name": tr("col.name", lang=lang),
                   column: tr("col.readiness", lang=lang, basis=short),
                   f"bottleneck_{basis}": tr("col.bottleneck", lang=lang, basis=short),
                   f"pop_{basis}": tr(f"col.pop_{basis}", lang=lang)}
        # One colour means one range in every region: the colours are those of six classes,
        # and a region with nobody above the last break simply has no sixth class.
        classes = classify(units[column], scheme="user", breaks=breaks)
        basis_label = tr(f"basis.{basis}", lang=lang)
        title = "report.cell_map" if cell_map else "report.readiness_map"
        layers.append(ChoroplethLayer(
            units, column=column, name=tr(title, lang=lang, basis=basis_label),
            classes=classes, colors=diverging("RdBu", len(breaks) + 1)[:classes.k],
            tooltip=tooltip, legend_title=tr("report.legend_residents", lang=lang)))
        layers.append(CategoryLayer(
            units, column=f"bottleneck_{basis}",
            name=tr("report.bottleneck_map", lang=lang, basis=basis_label),
            categories=categories, tooltip=tooltip))
    return WebMap(layers=layers, notice=schematic_notice(schematic, lang), height_px=520)


def network_map(units: gpd.GeoDataFrame, *, norms: Norms, lang: str,
                schematic: bool) -> WebMap | None:
    """One layer per capacity network: its headroom in residents (actual population).

    ``None`` when the units carry no ``headroom_<network>_actual`` column.
    """
    units = named(units, lang)
    layers = []
    for network in norms.capacity_networks:
        column = f"headroom_{network}_actual"
        if column not in units:
            continue
        label = _network_label(network, norms, lang)
        classes = classify(units[column], scheme="user", breaks=READINESS_BREAKS)
        layers.append(ChoroplethLayer(
            units, column=column, name=label, classes=classes,
            colors=diverging("RdBu", len(READINESS_BREAKS) + 1)[:classes.k],
            tooltip={"name": tr("col.name", lang=lang),
                     column: tr("report.headroom", lang=lang, network=label),
                     "pop_actual": tr("col.pop_actual", lang=lang)},
            tooltip_format={column: "{:,.0f}"},
            legend_title=tr("report.headroom", lang=lang, network=label)))
    if not layers:
        return None
    return WebMap(layers=layers, notice=schematic_notice(schematic, lang), height_px=520)


def _unit_table(units: gpd.GeoDataFrame, *, norms: Norms,
                lang: str) -> tuple[pd.DataFrame, dict[str, str]]:
    units = named(units, lang)
    # kind is optional in the catalogue: a boundary file (geokz) has none
    kinds = units["kind"] if "kind" in units else pd.Series(None, index=units.index, dtype=object)
    frame = pd.DataFrame({
        "name": units["name"],
        "kind": kinds.map(lambda k: _kind_label(k, lang) if pd.notna(k) else None),
        "pop_registered": units["pop_registered"],
        "pop_actual": units["pop_actual"],
        "transport_share_actual": units["transport_share_actual"] * 100,
        "index_actual": units["index_actual"],
    })
    columns = {"name": tr("col.name", lang=lang), "kind": tr("col.kind", lang=lang),
               "pop_registered": tr("col.pop_registered", lang=lang),
               "pop_actual": tr("col.pop_actual", lang=lang)}
    for basis in BASES:
        short = tr(f"basis.short_{basis}", lang=lang)
        frame[f"readiness_{basis}"] = units[f"readiness_{basis}"]
        frame[f"bottleneck_{basis}"] = units[f"bottleneck_{basis}"].map(
            lambda n: _network_label(n, norms, lang))
        columns[f"readiness_{basis}"] = tr("col.readiness", lang=lang, basis=short)
        columns[f"bottleneck_{basis}"] = tr("col.bottleneck", lang=lang, basis=short)
    columns["transport_share_actual"] = tr("col.transport_share", lang=lang) + ", %"
    columns["index_actual"] = tr("col.index", lang=lang)
    return frame, columns


def _network_label(network: object, norms: Norms, lang: str) -> str:
    """A network's name (``none``: no constraint); missing values stay missing."""
    if not isinstance(network, str):
        return network  # type: ignore[return-value]
    if network == "none":
        return tr("network.none", lang=lang)
    return norms.label(network, lang=lang)


def _kind_label(kind: str, lang: str) -> str:
    key = f"kind.{kind}"
    return tr(key, lang=lang) if key in TEXTS else str(kind)
