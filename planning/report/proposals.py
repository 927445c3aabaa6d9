"""The report's proposals section: what a scenario proposes to build, where, and in which order.

It reads the tables ``qonys propose --scenario S`` writes to the workspace
(``proposals_<S>_facilities``, ``_utilities``, ``_phasing``, ``_arrivals``) and shows them:

- a sentence of totals (new facilities, their capacity per network, utility expansions, the
  cost in billions of tenge, the residents the funded packages unlock and the programme's
  arrivals by the last year);
- per region with new facilities, a map: the new facilities coloured by network and sized by
  capacity (circle area follows capacity), and a switchable layer with the region's existing
  facilities of the same kinds in grey under the new ones, so a planner sees where the new
  ones sit among the old; the region's units as outlines;
- tables of the facilities, the utility expansions, the phasing plan in the order funded and
  the arrivals per year, then every proposal's explanation in the report's language (made in
  :mod:`planning.report.proposal_tables`).

Network names come from :meth:`planning.norms.Norms.label`, so networks a norms file adds as
data (``gas``) are named as the file names them.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.crs import WGS84
from geo.i18n import _
from geo.regions import region_label, region_order
from maps.context import MapContext
from maps.geojson import to_wgs84
from maps.overlays import PointLayer
from maps.palettes import NO_DATA_COLOR, OKABE_ITO, categorical
from maps.report import Report
from maps.text import format_number
from maps.webmap import WebMap
from planning.norms import Norms
from planning.report.common import in_region, named, schematic_notice
from planning.report.context import with_context
from planning.report.proposal_tables import (
    BILLION,
    COST_FORMAT,
    WHOLE_FORMAT,
    add_explanations,
    arrivals_table,
    capacity_unit,
    facility_table,
    funded,
    measure_label,
    phasing_table,
    rest_lines,
    utility_table,
)
from planning.report.summary import outside_packages
from planning.vocabulary import PLAN_KIND_MESSAGES

log = logging.getLogger(__name__)

#: Existing facilities in the "new among existing" layer: a neutral grey under the new ones.
EXISTING_COLOR = "#8C8C8C"
#: New facilities in that layer: Okabe–Ito vermillion, which stands out from the grey.
PROPOSED_COLOR = "#D55E00"


def add_proposals_section(
    report: Report,
    *,
    scenario: str,
    title: str | None = None,
    facilities: gpd.GeoDataFrame | None,
    utilities: pd.DataFrame | None,
    phasing: pd.DataFrame | None,
    arrivals: pd.DataFrame | None,
    units: gpd.GeoDataFrame,
    existing: gpd.GeoDataFrame | None,
    norms: Norms,
    lang: str,
    schematic: bool,
    horizon: int | None = None,
    context: MapContext | None = None,
) -> list[WebMap]:
    """Add the proposals of one scenario to ``report``: totals, a map per region, tables.

    Parameters
    ----------
    report
        The page to add to.
    scenario
        The scenario's name (as in ``qonys propose --scenario``).
    title
        Its readable title (the YAML ``label`` in ``lang``); default: the name.
    facilities, utilities, phasing, arrivals
        The workspace tables ``proposals_<scenario>_facilities`` (points), ``_utilities``,
        ``_phasing`` and ``_arrivals``; ``None`` where the workspace has no such table.
    units
        Every unit (``unit_id``, ``region``, ``name_<lang>``), for names and map outlines.
    existing
        The workspace's ``facilities`` layer (``kind``, ``capacity``, ``name``, ``unit_id``),
        or ``None``.
    norms
        The norms in use: network names and their units of capacity.
    lang
        ``ru``, ``kk`` or ``en``.
    schematic
        Whether the data are the demo's: every map then says so on its face, and the costs
        are said to be illustrative.
    horizon
        The scenario's last year, which the proposals are for (default: the arrivals' last).

    Returns
    -------
    list[maps.webmap.WebMap]
        The maps added, one per region with new facilities (in report order).
    """
    title = title or scenario
    report.add_heading(_("Proposals of scenario '{scenario}'", lang=lang, scenario=title))
    if facilities is None and utilities is None and phasing is None and arrivals is None:
        report.add_paragraph(_("The workspace holds no proposals for scenario '{scenario}'. Make "
                               "them with: {command}", lang=lang, scenario=title,
                                command=f"qonys propose --scenario {scenario}"))
        return []
    facilities = _frame(facilities)
    utilities = _frame(utilities)
    networks = _network_order(
        [*facilities.get("network", []), *utilities.get("network", [])], norms)
    for sentence in _totals(facilities, utilities, phasing, arrivals, norms=norms,
                            networks=networks, lang=lang):
        report.add_paragraph(sentence)
    tables = {"facilities": facilities, "utilities": utilities, "phasing": phasing}
    rest = outside_packages(phasing, tables)
    if len(rest):
        report.add_paragraph(_("The proposals outside the funded packages ({count:,.0f}) meet the "
                               "{year} deficits of residents who are there without the "
                               "resettlement programme. They make no room in the programme's "
                               "target units, so the phasing plan does not fund them; they are a "
                               "decision of their own. By region:", lang=lang, count=len(rest),
                                year=_horizon(arrivals, horizon)))
        report.add_list(rest_lines(rest, tables, units=units, norms=norms, lang=lang))
    if schematic:
        report.add_paragraph(_("Costs are illustrative: the unit costs of the norms file (section "
                               "`costs`) give orders of magnitude for ranking proposals by "
                               "residents per tenge, not a budget estimate.", lang=lang))
    names = _unit_names(units, lang)
    maps = []
    if _has_points(facilities):
        colors = _network_colors(facilities["network"], networks, norms, lang)
        for region in region_order(facilities["region"]):
            webmap = _region_map(
                in_region(facilities, region), units=in_region(units, region),
                existing=existing, colors=colors, names=names, norms=norms, lang=lang,
                title=_("Proposed facilities: {region}", lang=lang,
                         region=region_label(region, lang, units=units)),
                notice=schematic_notice(schematic, lang))
            report.add_map(with_context(webmap, context))
            maps.append(webmap)
    if not facilities.empty:
        table, columns, formats = facility_table(facilities, names=names, networks=networks,
                                                 norms=norms, lang=lang, units=units)
        report.add_table(table, columns=columns, number_format=formats,
                         caption=_("Proposed social facilities", lang=lang), same_note=True)
    if not utilities.empty:
        table, columns, formats = utility_table(utilities, networks=networks, norms=norms,
                                                lang=lang, units=units)
        report.add_table(table, columns=columns, number_format=formats,
                         caption=_("Utility network expansions", lang=lang), same_note=True)
    if phasing is not None:
        table, columns, formats = phasing_table(phasing, tables, units=units, norms=norms,
                                                lang=lang)
        report.add_table(table, columns=columns, number_format=formats,
                         caption=_("Phasing plan: packages in the order funded", lang=lang))
    if arrivals is not None:
        table, columns, formats = arrivals_table(arrivals, lang=lang)
        report.add_table(table, columns=columns, number_format=formats,
                         caption=_("Arrivals by year (all units)", lang=lang))
    add_explanations(report, tables, units=units, networks=networks, norms=norms, lang=lang,
                     year=_horizon(arrivals, horizon))
    log.info("proposals of %s: %d facilities, %d utility expansions, %d maps", scenario,
             len(facilities), len(utilities), len(maps))
    return maps


# -- totals -----------------------------------------------------------------------------------


def _totals(facilities: pd.DataFrame, utilities: pd.DataFrame, phasing: pd.DataFrame | None,
            arrivals: pd.DataFrame | None, *, norms: Norms, networks: list[str],
            lang: str) -> list[str]:
    """The sentences of totals: counts and cost, capacity per network, residents unlocked."""
    cost = _sum(facilities, "cost_tenge") + _sum(utilities, "cost_tenge")
    sentences = [_("Proposed: {facilities} new social facilities and {utilities} utility network "
                   "expansions, about {cost_bn} bn tenge in all.",
                   lang=lang, facilities=_n(len(facilities), lang),
                    utilities=_n(len(utilities), lang),
                    cost_bn=format_number(cost / BILLION, "{:,.1f}", lang=lang))]
    if not facilities.empty:
        capacity = pd.to_numeric(facilities["capacity"], errors="coerce") \
            .groupby(facilities["network"]).sum()
        parts = [f"{norms.label(n, lang)}: {_n(capacity[n], lang)} "
                 f"{measure_label(capacity_unit(norms, n), lang)}".rstrip()
                 for n in networks if n in capacity.index]
        sentences.append(_("Capacity of the new facilities: {capacity}.",
                           lang=lang, capacity="; ".join(parts)))
    if phasing is None:
        sentences.append(_("There is no phasing plan: the scenario resettles nobody or names no "
                           "budget, so the residents unlocked are not computed.", lang=lang))
    else:
        funded_rows = phasing[funded(phasing)]
        sentences.append(_("The phasing plan funds {funded} of {packages} packages; they make "
                           "room for {unlocked} residents.",
                           lang=lang, funded=_n(len(funded_rows), lang),
                            packages=_n(len(phasing), lang),
                            unlocked=_n(_sum(funded_rows, "unlocked"), lang)))
    if arrivals is not None and not arrivals.empty:
        last = arrivals[arrivals["year"] == arrivals["year"].max()]
        sentences.append(_("By {year}, {arrived} of the programme's {wanted} residents arrive; "
                           "{waiting} still wait.",
                           lang=lang, year=int(last["year"].iloc[0]),
                            arrived=_n(_sum(last, "cumulative"), lang),
                            wanted=_n(_sum(last, "wanted"), lang),
                            waiting=_n(_sum(last, "waiting"), lang)))
    return sentences


# -- maps -------------------------------------------------------------------------------------


def _region_map(proposed: gpd.GeoDataFrame, *, units: gpd.GeoDataFrame,
                existing: gpd.GeoDataFrame | None, colors: dict[str, tuple[str, str]],
                names: dict[str, str], norms: Norms, lang: str, title: str,
                notice: str | None) -> WebMap:
    """One region's map: new facilities by network; new among existing, switchable.

    Both layers carry a size key (each network's capacities in its own unit, from
    :meth:`planning.norms.Norms.unit_label`); several proposals on one site sit on a ring
    around it (:func:`maps.overlays.ring_offsets`) instead of on top of one another.
    """
    proposed = to_wgs84(proposed[proposed.geometry.notna() & ~proposed.geometry.is_empty],
                        name=title)
    proposed = _largest_first(proposed)
    points = gpd.GeoDataFrame({
        "network": proposed["network"].to_numpy(),
        "kind": [_kind_label(k, lang) for k in proposed.get("kind", proposed["network"])],
        "name": proposed.get("unit_id", pd.Series(index=proposed.index, dtype=object))
        .map(names).to_numpy(),
        "capacity": pd.to_numeric(proposed["capacity"], errors="coerce").to_numpy(),
        "residents": pd.to_numeric(proposed["residents"], errors="coerce").to_numpy(),
        "cost_bn": pd.to_numeric(proposed["cost_tenge"], errors="coerce").to_numpy() / BILLION,
    }, geometry=proposed.geometry.to_numpy(), crs=WGS84)
    # a network the norms lack (added as data) has no unit to name: its key shows the number
    sizes = {n: (label, norms.unit_label(n, lang) if n in norms.by_network else "")
             for n, (label, __) in colors.items() if n}
    by_network = PointLayer(
        points, column="network", name=_("New facilities by network", lang=lang),
        categories=colors, size_column="capacity", size_key=sizes, size_group="network",
        legend_title=_("Network", lang=lang),
        tooltip={"network": _("Network", lang=lang),
                 "kind": _("Facility type", lang=lang), "name": _("Unit", lang=lang),
                 "capacity": _("Capacity", lang=lang),
                 "residents": _("Residents served", lang=lang),
                 "cost_bn": _("Cost, bn tenge", lang=lang)},
        tooltip_format={"capacity": WHOLE_FORMAT, "residents": WHOLE_FORMAT,
                        "cost_bn": COST_FORMAT})
    among = PointLayer(
        _new_among_existing(proposed, existing, units=units, norms=norms, lang=lang),
        column="status", name=_("New among existing facilities", lang=lang),
        categories={"existing": (_("existing", lang=lang), EXISTING_COLOR),
                    "proposed": (_("proposed", lang=lang), PROPOSED_COLOR)},
        size_column="capacity", size_key=sizes, size_group="network_key",
        legend_title=_("Facility", lang=lang),
        tooltip={"status": _("Status", lang=lang),
                 "network": _("Network", lang=lang),
                 "name": _("Facility", lang=lang),
                 "capacity": _("Capacity", lang=lang)},
        tooltip_format={"capacity": WHOLE_FORMAT})
    return WebMap(layers=[by_network, among], title=title, notice=notice, outline=units)


def _new_among_existing(proposed: gpd.GeoDataFrame, existing: gpd.GeoDataFrame | None, *,
                        units: gpd.GeoDataFrame, norms: Norms, lang: str) -> gpd.GeoDataFrame:
    """The region's existing facilities of the proposed kinds, then the proposed ones.

    The existing come first so that the page draws the new circles on top of them.
    """
    kinds = proposed.get("kind", proposed["network"]).astype(str)
    network_of = dict(zip(kinds, proposed["network"].astype(str), strict=True))
    new = gpd.GeoDataFrame({
        "status": "proposed",
        "network": [norms.label(n, lang) for n in proposed["network"]],
        "network_key": proposed["network"].astype(str).to_numpy(),
        "name": proposed["proposal_id"].astype(str).to_numpy(),
        "capacity": pd.to_numeric(proposed["capacity"], errors="coerce").to_numpy(),
    }, geometry=proposed.geometry.to_numpy(), crs=WGS84)
    if existing is None or existing.empty or "kind" not in existing:
        return new
    old = existing[existing["kind"].astype(str).isin(network_of)]
    old = old[old.geometry.notna() & ~old.geometry.is_empty]
    if "unit_id" in old:
        old = old[old["unit_id"].isin(units["unit_id"])]
    else:
        old = old[to_wgs84(old, name="facilities").within(to_wgs84(units).union_all())]
    old = _largest_first(to_wgs84(old, name="facilities"))
    # A facility mapped as a building outline is drawn at a point inside it.
    spots = [g if g.geom_type == "Point" else g.representative_point() for g in old.geometry]
    own = f"name_{lang}"
    names = (old[own].fillna(old["name"]) if own in old and "name" in old
             else old[own] if own in old
             else old["name"] if "name" in old else old.get("facility_id", old["kind"]))
    capacity = old["capacity"] if "capacity" in old else pd.Series(np.nan, index=old.index)
    old = gpd.GeoDataFrame({
        "status": "existing",
        "network": [norms.label(network_of[k], lang) for k in old["kind"].astype(str)],
        "network_key": [network_of[k] for k in old["kind"].astype(str)],
        "name": names.astype(str).to_numpy(),
        "capacity": pd.to_numeric(capacity, errors="coerce").to_numpy(),
    }, geometry=spots, crs=WGS84)
    return gpd.GeoDataFrame(pd.concat([old, new], ignore_index=True), geometry="geometry",
                            crs=WGS84)


def _largest_first(points: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Points by capacity, largest first: the page draws in order, so small circles stay on
    top of large ones instead of hiding under them."""
    if "capacity" not in points:
        return points
    capacity = pd.to_numeric(points["capacity"], errors="coerce")
    return points.iloc[np.argsort(-capacity.fillna(0).to_numpy(), kind="stable")]


def _network_colors(present: Iterable[str], networks: list[str], norms: Norms,
                    lang: str) -> dict[str, tuple[str, str]]:
    """Network -> (name, Okabe–Ito colour), the same in every region's map.

    Beyond the palette's eight colours a network is drawn as "other": more cannot be told
    apart by colour alone.
    """
    shown = [n for n in networks if n in set(present)][:len(OKABE_ITO)]
    if not shown:  # no network named at all: every point is drawn as "no data"
        return {"": (_("no data", lang=lang), NO_DATA_COLOR)}
    return {n: (norms.label(n, lang), color)
            for n, color in zip(shown, categorical(len(shown)), strict=True)}


# -- small helpers ----------------------------------------------------------------------------


def _horizon(arrivals: pd.DataFrame | None, horizon: int | None) -> int | str:
    """The year the proposals are for: the scenario's horizon, else the arrivals' last year."""
    if horizon is not None:
        return int(horizon)
    if arrivals is not None and not arrivals.empty:
        return int(arrivals["year"].max())
    return ""


def _frame(table: pd.DataFrame | None) -> pd.DataFrame:
    """The table, or an empty one for a table the workspace does not have."""
    return table if table is not None else pd.DataFrame()


def _has_points(facilities: pd.DataFrame) -> bool:
    """Whether the facilities can be mapped: points with a CRS and a region."""
    return (isinstance(facilities, gpd.GeoDataFrame) and not facilities.empty
            and "region" in facilities and facilities.geometry.notna().any())


def _network_order(networks: Iterable[str], norms: Norms) -> list[str]:
    """Networks as the norms file lists them, then the others alphabetically."""
    present = {str(n) for n in networks if pd.notna(n)}
    known = [n for n in norms.by_network if n in present]
    return known + sorted(present - set(known))


def _sum(frame: pd.DataFrame, column: str) -> float:
    """The column's total; 0 for an empty table."""
    if frame.empty or column not in frame:
        return 0.0
    return float(pd.to_numeric(frame[column], errors="coerce").sum())


def _n(value: float, lang: str) -> str:
    """A whole number in ``lang``'s conventions."""
    return format_number(float(value), WHOLE_FORMAT, lang=lang)


def _unit_names(units: pd.DataFrame, lang: str) -> dict[str, str]:
    """unit_id -> the unit's name in ``lang``."""
    frame = named(units, lang)
    return dict(zip(frame["unit_id"], frame["name"], strict=True))


def _kind_label(kind: object, lang: str) -> str:
    """A facility kind (``school``) in ``lang``, else as the data write it."""
    key = PLAN_KIND_MESSAGES.get(kind)
    return _(key, lang=lang) if key is not None else str(kind)
