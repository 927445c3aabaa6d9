"""The report's readiness sections: summary by region, readiness, bottlenecks, every network.

For each region: a map of readiness (residents a unit can take; a deficit is negative) and of
bottlenecks for both populations; a map with one switchable layer per network showing its
headroom in residents; the H3 cells where scored; then a table of the units. Colours mean the
same range in every region and on every network: the classes are fixed breaks in residents.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.i18n import N_, _, p_
from geo.regions import region_label
from layers.vocabulary import BASIS_SHORT_MESSAGES
from maps.classify import classify
from maps.context import MapContext
from maps.palettes import categorical, diverging
from maps.report import Report
from maps.text import escape
from maps.web_layers import CategoryLayer, ChoroplethLayer
from maps.webmap import WebMap
from planning.norms import Norms
from planning.provision.readiness import label
from planning.report.common import named, schematic_notice
from planning.report.context import with_context
from planning.report.estimates import (
    NOTE_COLUMN,
    Estimate,
    estimated_in,
    footnote,
    joined,
    map_notice,
    readiness_estimated_in,
    with_note,
)
from planning.report.summary import region_finding
from planning.vocabulary import GRID_BY_MESSAGES

#: The messages of kind by key, chosen at run time, marked for the catalogue.
KIND_MESSAGES = {
    "city_district": N_("city district"),
    "hex": N_("H3 cell"),
    "satellite_city": N_("satellite city"),
    "suburban_district": N_("suburban district"),
    "town": N_("centre town"),
}


#: The messages of col pop by key, chosen at run time, marked for the catalogue.
COL_POP_MESSAGES = {
    "actual": N_("Actual population"),
    "registered": N_("Registered population"),
}


#: The messages of basis by key, chosen at run time, marked for the catalogue.
BASIS_MESSAGES = {
    "actual": N_("actual population"),
    "registered": N_("registered population"),
    "short_actual": N_("actual"),
    "short_registered": N_("registered"),
}

#: Class breaks of readiness, residents: deficits below zero, room above.
READINESS_BREAKS = [-50_000.0, -10_000.0, 0.0, 10_000.0, 50_000.0]
#: The same for H3 cells, which hold hundreds of residents, not hundreds of thousands.
CELL_READINESS_BREAKS = [-1_000.0, -100.0, 0.0, 100.0, 1_000.0]
NO_CONSTRAINT_COLOR = "#BBBBBB"
BASES = ("actual", "registered")


def add_region(report: Report, units: gpd.GeoDataFrame, *, region: str, norms: Norms,
               lang: str, schematic: bool,
               cells: tuple[gpd.GeoDataFrame, int, str] | None = None,
               statuses: list | None = None,
               estimates: dict[str, Estimate] | None = None,
               context: MapContext | None = None) -> list[WebMap]:
    """One region's readiness maps, network maps, cell map and unit table.

    A network not assessed in the region (``statuses``, :mod:`planning.provision.coverage`) or with
    no figure in any unit gets a sentence saying so instead of an empty map layer. Figures built on
    estimated capacities (``estimates``, :func:`planning.report.estimates.capacity_estimates`) are
    marked: "≈" in the table, a tooltip line, a notice on the map.

    Returns
    -------
    list of WebMap
        The maps added, in page order.
    """
    own = units[units["region"] == region]
    report.add_heading(region_label(region, lang, units=units))
    report.add_paragraph(region_finding(own, norms=norms, lang=lang))
    estimates = estimates or {}
    maps = [readiness_map(own, norms=norms, lang=lang, schematic=schematic,
                          estimates=estimates)]
    report.add_map(with_context(maps[-1], context))
    if not _has_figure(own["readiness_actual"]):
        report.add_paragraph(_("Readiness has no figure for any unit: no network is assessed (see "
                               "below which data each needs).", lang=lang))
    networks = network_map(own, norms=norms, lang=lang, schematic=schematic,
                           estimates=estimates)
    report.add_heading(_("Headroom of each network", lang=lang), level=3)
    if networks is not None:
        report.add_paragraph(_("How many more residents each network can serve in a unit (actual "
                               "population); minus is a deficit.", lang=lang))
        layers_hint = _("Switch layers in the map's panel at the top right.", lang=lang)
        report.add_html(f'<p class="qm-screen-only">{escape(layers_hint)}'
                        "</p>")
        maps.append(networks)
        report.add_map(with_context(networks, context))
    for line in _not_assessed_lines(own, statuses or [], norms=norms, lang=lang):
        report.add_paragraph(line)
    if cells is not None:
        grid, res, spread = cells
        report.add_heading(_("Readiness per H3 cell (resolution {res})",
                             lang=lang, res=res), level=3)
        report.add_paragraph(_("{cells} cells with residents or social facilities. The units' "
                               "residents are spread over cells {spread}; each cell is scored by "
                               "the same model as the units: its share of the network zones, "
                               "schools and clinics within walking reach of its centre, and the "
                               "transport gate by road.",
                               lang=lang, cells=f"{len(grid):,}",
                                spread=_(GRID_BY_MESSAGES[spread], lang=lang)))
        maps.append(readiness_map(grid, norms=norms, lang=lang, schematic=schematic,
                                  breaks=CELL_READINESS_BREAKS, cell_map=True,
                                  estimates=estimates))
        report.add_map(with_context(maps[-1], context))
    table, columns = _unit_table(own, norms=norms, lang=lang)
    marks = {f"readiness_{basis}": own[f"readiness_estimated_{basis}"].fillna(False).to_numpy()
             for basis in BASES if f"readiness_estimated_{basis}" in own}
    report.add_table(table, columns=columns, caption=p_("report.units_table", "Units", lang=lang),
                     marks=marks)
    marked = readiness_estimated_in(own, norms, BASES)
    if marked:
        report.add_paragraph(footnote(marked, estimates, norms, lang))
    return maps


def readiness_map(units: gpd.GeoDataFrame, *, norms: Norms, lang: str, schematic: bool,
                  breaks: list[float] = READINESS_BREAKS, cell_map: bool = False,
                  estimates: dict[str, Estimate] | None = None) -> WebMap:
    """Readiness and bottleneck layers for the actual and the registered population.

    Where some figure rests on estimated capacities, each tooltip says which of the unit's
    networks are estimated and how, and the map's face says which networks' figures are.
    """
    units = named(units, lang)
    estimated = estimated_in(units, norms)
    if estimated:
        units = with_note(units, estimates or {}, norms, lang=lang)
    found = set(units["bottleneck_actual"].dropna()) | set(units["bottleneck_registered"].dropna())
    keys = list(dict.fromkeys([*norms.by_network, *sorted(found - {"none"})]))
    # Okabe-Ito has eight colours: seven networks and room for one added as data;
    # "no constraint" is a neutral grey.
    colors = categorical(min(len(keys), 8))
    categories = {key: (_network_label(key, norms, lang), color)
                  for key, color in zip(keys, colors, strict=False)}
    categories["none"] = (_("no constraint", lang=lang), NO_CONSTRAINT_COLOR)
    layers = []
    for basis in BASES:  # tooltips name the bottleneck in words, as the legend does
        units[f"bottleneck_label_{basis}"] = units[f"bottleneck_{basis}"].map(
            lambda n: _network_label(n, norms, lang))
    for basis in BASES:
        column = f"readiness_{basis}"
        short = _(BASIS_SHORT_MESSAGES[basis], lang=lang)
        tooltip = {"name": _("Unit", lang=lang),
                   column: _("Can take ({basis})", lang=lang, basis=short),
                   f"bottleneck_label_{basis}": _("Bottleneck ({basis})", lang=lang, basis=short),
                   f"pop_{basis}": _(COL_POP_MESSAGES[basis], lang=lang)}
        if estimated:
            tooltip[NOTE_COLUMN] = p_("estimate.tooltip", "estimated", lang=lang)
        # One colour means one range in every region: the colours are those of six classes,
        # and a region with nobody above the last break simply has no sixth class.
        basis_label = _(BASIS_MESSAGES[basis], lang=lang)
        title = N_("Readiness per cell ({basis})") if cell_map else N_(
                "Readiness: residents the unit can take ({basis})")
        if _has_figure(units[column]):  # else nothing to colour: the page says why
            classes = classify(units[column], scheme="user", breaks=breaks)
            layers.append(ChoroplethLayer(
                units, column=column, name=_(title, lang=lang, basis=basis_label),
                classes=classes, colors=diverging("RdBu", len(breaks) + 1)[:classes.k],
                tooltip=tooltip, legend_title=_("Residents (minus: deficit)", lang=lang)))
        layers.append(CategoryLayer(
            units, column=f"bottleneck_{basis}",
            name=_("Bottleneck ({basis})", lang=lang, basis=basis_label),
            categories=categories, tooltip=tooltip))
    notice = joined(schematic_notice(schematic, lang),
                    map_notice(readiness_estimated_in(units, norms, BASES), norms, lang))
    return WebMap(layers=layers, notice=notice, height_px=520)


def network_map(units: gpd.GeoDataFrame, *, norms: Norms, lang: str, schematic: bool,
                estimates: dict[str, Estimate] | None = None) -> WebMap | None:
    """One layer per capacity network: its headroom in residents (actual population).

    ``None`` when the units carry no ``headroom_<network>_actual`` column. A network whose
    headroom rests on estimated capacities says so in its tooltips and on the map's face.
    """
    units = named(units, lang)
    estimated = estimated_in(units, norms)
    shown = []
    layers = []
    for network in norms.capacity_networks:
        column = f"headroom_{network}_actual"
        if column not in units or not _has_figure(units[column]):
            continue
        label = _network_label(network, norms, lang)
        classes = classify(units[column], scheme="user", breaks=READINESS_BREAKS)
        tooltip = {"name": _("Unit", lang=lang),
                   column: _("Headroom: {network}, residents", lang=lang, network=label),
                   "pop_actual": _("Actual population", lang=lang)}
        frame = units
        if network in estimated:
            shown.append(network)
            frame = with_note(units, estimates or {}, norms, lang=lang, only=network)
            tooltip[NOTE_COLUMN] = p_("estimate.tooltip", "estimated", lang=lang)
        layers.append(ChoroplethLayer(
            frame, column=column, name=label, classes=classes,
            colors=diverging("RdBu", len(READINESS_BREAKS) + 1)[:classes.k],
            tooltip=tooltip, tooltip_format={column: "{:,.0f}"},
            legend_title=_("Headroom: {network}, residents", lang=lang, network=label)))
    if not layers:
        return None
    notice = joined(schematic_notice(schematic, lang), map_notice(shown, norms, lang))
    return WebMap(layers=layers, notice=notice, height_px=520)


def _has_figure(values: pd.Series) -> bool:
    """Whether a column holds at least one finite figure (else there is nothing to map)."""
    return bool(np.isfinite(pd.to_numeric(values, errors="coerce").to_numpy(float)).any())


def _not_assessed_lines(units: gpd.GeoDataFrame, statuses: list, *, norms: Norms,
                        lang: str) -> list[str]:
    """A sentence per network without a map: not assessed (why, and the command that supplies
    it), or assessed but with no unit on it."""
    lines = []
    said = {s.topic: s for s in statuses if s.state == "not_assessed"}
    for network in norms.capacity_networks:
        label = _network_label(network, norms, lang)
        if network in said:
            lines.append(_("{network}: not assessed — {text}.", lang=lang, network=label,
                            text=said[network].text(lang)))
        elif not _has_figure(units.get(f"headroom_{network}_actual", pd.Series(dtype=float))):
            lines.append(_("{network}: no unit of the region is on this network (outside every "
                           "zone): no map, and it is not in the "
                           "minimum.", lang=lang, network=label))
    return lines


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
    columns = {"name": _("Unit", lang=lang), "kind": p_("col.kind", "Kind", lang=lang),
               "pop_registered": _("Registered population", lang=lang),
               "pop_actual": _("Actual population", lang=lang)}
    for basis in BASES:
        short = _(BASIS_SHORT_MESSAGES[basis], lang=lang)
        frame[f"readiness_{basis}"] = units[f"readiness_{basis}"]
        frame[f"bottleneck_{basis}"] = units[f"bottleneck_{basis}"].map(
            lambda n: _network_label(n, norms, lang))
        columns[f"readiness_{basis}"] = _("Can take ({basis})", lang=lang, basis=short)
        columns[f"bottleneck_{basis}"] = _("Bottleneck ({basis})", lang=lang, basis=short)
    columns["transport_share_actual"] = _("Share within the gate", lang=lang) + ", %"
    columns["index_actual"] = _("Index (0–100)", lang=lang)
    return frame, columns


def _network_label(network: object, norms: Norms, lang: str) -> str:
    """A network's name (``none``: no constraint); missing values stay missing."""
    return label(network, norms, lang)  # type: ignore[return-value]


def _kind_label(kind: str, lang: str) -> str:
    key = KIND_MESSAGES.get(kind)
    return _(key, lang=lang) if key is not None else str(kind)
