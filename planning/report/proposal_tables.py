"""The tables of the report's proposals section, each with its column names and formats.

:mod:`planning.report.proposals` adds them to the page after the totals and the maps: the new
facilities, the utility expansions, the phasing plan in the order funded (each package named by
place and content), the arrivals per year, the proposals outside every funded package in a
sentence per region, and the proposals' explanations grouped by package, each shared fact
once. Each ``*_table`` function returns ``(table, columns, formats)`` for
:meth:`maps.report.Report.add_table`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from geo.i18n import N_, _, n_
from geo.regions import region_label, region_order
from planning.norms import Norms
from planning.report.common import named
from planning.report.summary import contents, outside_packages, package_place, packages, unit_word
from planning.vocabulary import PLAN_KIND_MESSAGES, PLAN_UNIT_MESSAGES

#: The messages of plan method by key, chosen at run time, marked for the catalogue.
PLAN_METHOD_MESSAGES = {
    "exact": N_("exact (MIP)"),
    "heuristic": N_("heuristic"),
}

#: Tenge per billion: costs are shown in billions of tenge.
BILLION = 1e9
#: Whole numbers (capacities, residents, persons).
WHOLE_FORMAT = "{:,.0f}"
#: Costs in billions of tenge.
COST_FORMAT = "{:,.2f}"
_YEAR = "{:.0f}"


def facility_table(facilities: pd.DataFrame, *, names: dict[str, str], networks: list[str],
                   norms: Norms, lang: str,
                   units: pd.DataFrame | None = None) -> tuple[pd.DataFrame, dict, dict]:
    """New facilities by region (report order), network (norms order) and id.

    ``units`` (the report's) say whether a region's title is its city or its agglomeration.
    """
    rows = _sorted(facilities, networks)
    table = pd.DataFrame({
        "proposal_id": rows["proposal_id"],
        "region": [region_label(r, lang, units=units) for r in rows["region"]],
        "network": [norms.label(n, lang) for n in rows["network"]],
        "name": _column(rows, "unit_id").map(names),
        "site_id": _column(rows, "site_id"),
        "capacity": pd.to_numeric(rows["capacity"], errors="coerce"),
        "measure": [measure_label(capacity_unit(norms, n), lang) for n in rows["network"]],
        "residents": pd.to_numeric(rows["residents"], errors="coerce"),
        "cost_bn": pd.to_numeric(rows["cost_tenge"], errors="coerce") / BILLION,
        "method": [_method_label(m, lang) for m in _column(rows, "method")],
        "gap": pd.to_numeric(_column(rows, "mip_gap"), errors="coerce") * 100,
    })
    columns = {"proposal_id": _("Proposal", lang=lang),
               "region": _("Region", lang=lang),
               "network": _("Network", lang=lang), "name": _("Unit", lang=lang),
               "site_id": _("Site", lang=lang),
               "capacity": _("Capacity", lang=lang),
               "measure": _("Measured in", lang=lang),
               "residents": _("Residents served", lang=lang),
               "cost_bn": _("Cost, bn tenge", lang=lang),
               "method": _("Siting method", lang=lang), "gap": _("Optimality gap, %", lang=lang)}
    formats = {"capacity": WHOLE_FORMAT, "residents": WHOLE_FORMAT, "cost_bn": COST_FORMAT,
               "gap": "{:,.2f}"}
    return table, columns, formats


def utility_table(utilities: pd.DataFrame, *, networks: list[str], norms: Norms,
                  lang: str, units: pd.DataFrame | None = None) -> tuple[pd.DataFrame, dict, dict]:
    """Utility expansions by region, network and id (``units`` as in :func:`facility_table`)."""
    rows = _sorted(utilities, networks)
    table = pd.DataFrame({
        "proposal_id": rows["proposal_id"],
        "region": [region_label(r, lang, units=units) for r in rows["region"]],
        "network": [norms.label(n, lang) for n in rows["network"]],
        "zone_id": _column(rows, "zone_id"),
        "add": pd.to_numeric(rows["add"], errors="coerce"),
        "measure": [measure_label(u, lang) for u in _column(rows, "unit")],
        "deficit": pd.to_numeric(_column(rows, "deficit"), errors="coerce"),
        "residents": pd.to_numeric(rows["residents"], errors="coerce"),
        "cost_bn": pd.to_numeric(rows["cost_tenge"], errors="coerce") / BILLION,
    })
    columns = {"proposal_id": _("Proposal", lang=lang),
               "region": _("Region", lang=lang),
               "network": _("Network", lang=lang),
               "zone_id": _("Zone", lang=lang),
               "add": _("Capacity added", lang=lang),
               "measure": _("Measured in", lang=lang),
               "deficit": _("Deficit", lang=lang),
               "residents": _("Room for residents", lang=lang),
               "cost_bn": _("Cost, bn tenge", lang=lang)}
    formats = {"add": WHOLE_FORMAT, "deficit": "{:,.1f}", "residents": WHOLE_FORMAT,
               "cost_bn": COST_FORMAT}
    return table, columns, formats


def phasing_table(phasing: pd.DataFrame, proposals: dict, *, units: pd.DataFrame,
                  norms: Norms, lang: str) -> tuple[pd.DataFrame, dict, dict]:
    """Packages in the order funded, those the budget did not reach last; each named by its
    place and content ("Талгар: 6 школ, …; водоснабжение +30 000 м³/сут"), not by codes."""
    order = pd.to_numeric(phasing["order"], errors="coerce")
    rows = phasing.assign(_order=order.where(funded(phasing))) \
        .sort_values(["_order", "investment_id"], na_position="last", kind="stable")
    names = _names(units, lang)
    table = pd.DataFrame({
        "order": rows["_order"],
        "contents": [contents(_members(label), proposals, norms=norms, lang=lang,
                              place=package_place(place, names))
                     for label, place in zip(_column(rows, "label"), rows["constraint_id"],
                                             strict=True)],
        "funded_year": pd.to_numeric(rows["funded_year"], errors="coerce"),
        "commissioned_year": pd.to_numeric(rows["commissioned_year"], errors="coerce"),
        "cost_bn": pd.to_numeric(rows["cost"], errors="coerce") / BILLION,
        "unlocked": pd.to_numeric(rows["unlocked"], errors="coerce"),
        "per_mtenge": pd.to_numeric(rows["unlocked_per_mtenge"], errors="coerce"),
    })
    columns = {"order": _("Order", lang=lang),
               "contents": _("Proposals in the package", lang=lang),
               "funded_year": _("Funded in", lang=lang),
               "commissioned_year": _("Commissioned in", lang=lang),
               "cost_bn": _("Cost, bn tenge", lang=lang),
               "unlocked": _("Residents unlocked", lang=lang),
               "per_mtenge": _("Residents per million tenge", lang=lang)}
    formats = {"order": _YEAR, "funded_year": _YEAR, "commissioned_year": _YEAR,
               "cost_bn": COST_FORMAT, "unlocked": WHOLE_FORMAT, "per_mtenge": "{:,.3f}"}
    return table, columns, formats


def arrivals_table(arrivals: pd.DataFrame, *, lang: str) -> tuple[pd.DataFrame, dict, dict]:
    """Arrivals summed over units per year: wanted and arrived so far, arrived that year."""
    numbers = arrivals[["year", "wanted", "arrived", "cumulative", "waiting"]].apply(
        pd.to_numeric, errors="coerce")
    table = numbers.groupby("year", as_index=False).sum().sort_values("year")
    columns = {"year": _("Year", lang=lang),
               "wanted": _("Wanted (cumulative)", lang=lang),
               "arrived": _("Arrived in the year", lang=lang),
               "cumulative": _("Arrived (cumulative)", lang=lang),
               "waiting": _("Waiting", lang=lang)}
    formats = {"year": _YEAR, "wanted": WHOLE_FORMAT, "arrived": WHOLE_FORMAT,
               "cumulative": WHOLE_FORMAT, "waiting": WHOLE_FORMAT}
    return table, columns, formats


def rest_lines(rest: pd.DataFrame, proposals: dict, *, units: pd.DataFrame, norms: Norms,
               lang: str) -> list[str]:
    """One sentence per region on the proposals outside every funded package: what, by
    network, the cost, and the residents each network's proposals make room for."""
    lines = []
    for region in region_order(rest["region"]):
        own = rest[rest["region"] == region]
        room = pd.to_numeric(own["residents"], errors="coerce").groupby(own["network"]).sum()
        lines.append(_(
            "{contents}; {cost_bn:,.1f} bn tenge; each network makes room for "
            "{low:,.0f}–{high:,.0f} residents.", lang=lang,
            contents=contents(own["proposal_id"].astype(str).tolist(), proposals, norms=norms,
                              lang=lang, place=region_label(region, lang, units=units)),
            cost_bn=float(pd.to_numeric(own["cost_tenge"], errors="coerce").sum()) / BILLION,
            low=float(room.min()), high=float(room.max())))
    return lines


def add_explanations(report, proposals: dict, *, units: pd.DataFrame, networks: list[str],
                     norms: Norms, lang: str, year: object) -> None:
    """Every proposal's explanation, grouped by funded package, then by region for the rest.

    What a group's proposals share is said once above its table: each network's deficit in
    the region, its norm and the norm's source, and that costs are illustrative. A row then
    says what differs: the facility and its site, or the zone and its expansion, the
    residents it makes room for and its cost. The words are the report's language, made from
    the stored fields (not the ``explanation_<lang>`` strings, which are in propose's).
    """
    facilities = _frame(proposals.get("facilities"))
    utilities = _frame(proposals.get("utilities"))
    if facilities.empty and utilities.empty:
        return
    report.add_heading(_("Why each proposal", lang=lang), level=3)
    phasing = proposals.get("phasing")
    groups = []
    if phasing is not None and not phasing.empty:
        for package in packages(phasing, proposals, units=units, norms=norms, lang=lang):
            groups.append((_("Package of {year}: {place}", lang=lang, year=package["year"],
                              place=package["place"]), set(package["members"])))
    rest = outside_packages(phasing, proposals)
    for region in region_order(rest["region"]):
        groups.append((_("{region}: outside the packages", lang=lang,
                          region=region_label(region, lang, units=units)),
                       set(rest.loc[rest["region"] == region, "proposal_id"].astype(str))))
    names = _names(units, lang)
    with report.fold(n_("Show the explanation of {count} proposal",
                        "Show the explanations of all {count} proposals", lang=lang,
                        count=len(facilities) + len(utilities))):
        _add_groups(report, groups, facilities, utilities, names=names, units=units,
                    networks=networks, norms=norms, lang=lang, year=year)


def _add_groups(report, groups: list, facilities: pd.DataFrame, utilities: pd.DataFrame, *,
                names: dict[str, str], units: pd.DataFrame, networks: list[str], norms: Norms,
                lang: str, year: object) -> None:
    """Each group's shared facts once, then a table of one line per proposal."""
    for title, ids in groups:
        own_f = _sorted(facilities[facilities["proposal_id"].astype(str).isin(ids)], networks) \
            if len(facilities) else facilities
        own_u = _sorted(utilities[utilities["proposal_id"].astype(str).isin(ids)], networks) \
            if len(utilities) else utilities
        report.add_heading(title, level=4)
        report.add_list(_facts(own_f, own_u, units=units, networks=networks, norms=norms,
                               lang=lang, year=year))
        table = pd.DataFrame(
            [_facility_line(r, names=names, norms=norms, lang=lang)
             for r in own_f.itertuples()]
            + [_utility_line(r, norms=norms, lang=lang) for r in own_u.itertuples()],
            columns=["proposal_id", "network", "what", "residents", "cost_bn"])
        report.add_table(table, columns={
            "proposal_id": _("Proposal", lang=lang),
            "network": _("Network", lang=lang),
            "what": _("What and where", lang=lang),
            "residents": _("Room for residents", lang=lang),
            "cost_bn": _("Cost, bn tenge", lang=lang)},
            number_format={"residents": WHOLE_FORMAT, "cost_bn": COST_FORMAT})


def _facts(facilities: pd.DataFrame, utilities: pd.DataFrame, *, units: pd.DataFrame,
           networks: list[str], norms: Norms, lang: str, year: object) -> list[str]:
    """What a group's proposals share, once per network, then the cost note."""
    rank = {n: i for i, n in enumerate(networks)}
    facts = []
    for kind, (frame, key) in enumerate(((facilities, N_(
            "{network}: in {year} the {region} region lacks {deficit:,.0f} {unit} at the norm of "
            "{per_1000:g} per 1,000 residents within {minutes:g} min on foot (norm's source: "
            "{source}).")),
                                         (utilities, N_(
                                                 "{network}: the norm is {per_resident:g} {unit} "
                                                 "per resident (source: {source}).")))):
        if frame.empty:
            continue
        for (region, network), rows in frame.groupby(["region", "network"], sort=False):
            norm = _norm(norms, network, region)
            values = {"network": norms.label(network, lang),
                      "region": region_label(region, lang, units=units), "year": year,
                      "source": norm.per_resident_source if norm else "—"}
            if key == N_(
                    "{network}: in {year} the {region} region lacks {deficit:,.0f} {unit} at the "
                    "norm of {per_1000:g} per 1,000 residents within {minutes:g} min on foot "
                    "(norm's source: {source})."):
                first = rows.iloc[0]
                per = _ratio(first.get("served"), first.get("residents"))
                per = per if per is not None else (norm.per_resident if norm else float("nan"))
                facts.append(((kind, rank.get(network, len(rank))), _(
                    key, lang=lang, deficit=float(first["deficit"]),
                                unit=unit_word(capacity_unit(norms, network), lang),
                                per_1000=per * 1000,
                                minutes=norm.minutes if norm else float("nan"), **values)))
            else:
                first = rows.iloc[0]
                per = _ratio(first["add"], first["residents"])
                facts.append(((kind, rank.get(network, len(rank))), _(
                    key, lang=lang, unit=unit_word(first["unit"], lang),
                    per_resident=per if per is not None else float("nan"), **values)))
    facts.sort(key=lambda fact: fact[0])  # facilities first (as in the table), by network
    return [text for __, text in facts] + [_("Costs follow the norms file's illustrative unit "
                                            "costs.", lang=lang)]


def _facility_line(row, *, names: dict[str, str], norms: Norms, lang: str) -> dict:
    unit = unit_word(capacity_unit(norms, row.network), lang)
    kind = PLAN_KIND_MESSAGES.get(row.kind)
    what = _("{kind} of {size:,.0f} {unit} on site {site} ({place}); takes "
             "{served:,.0f}", lang=lang,
              kind=_(kind, lang=lang) if kind is not None else str(row.kind),
              size=float(row.capacity), unit=unit, site=row.site_id,
              place=names.get(row.unit_id, row.unit_id), served=float(row.served))
    return {"proposal_id": row.proposal_id, "network": norms.label(row.network, lang),
            "what": what, "residents": float(row.residents),
            "cost_bn": float(row.cost_tenge) / BILLION}


def _utility_line(row, *, norms: Norms, lang: str) -> dict:
    unit = unit_word(row.unit, lang)
    what = _("zone {zone}: +{add:,.0f} {unit} for a deficit of {deficit:,.1f} {unit}",
             lang=lang, zone=row.zone_id, add=float(row.add), unit=unit,
              deficit=float(row.deficit))
    return {"proposal_id": row.proposal_id, "network": norms.label(row.network, lang),
            "what": what, "residents": float(row.residents),
            "cost_bn": float(row.cost_tenge) / BILLION}


def _norm(norms: Norms, network: str, region: object):
    """The norm of ``network`` in ``region``, or ``None`` for a network the norms lack."""
    if network not in norms.by_network:
        return None
    return norms.get(network, region if isinstance(region, str) else None)


def _ratio(top: object, bottom: object) -> float | None:
    top, bottom = pd.to_numeric(top, errors="coerce"), pd.to_numeric(bottom, errors="coerce")
    return float(top) / float(bottom) if pd.notna(top) and pd.notna(bottom) and bottom else None


def _names(units: pd.DataFrame, lang: str) -> dict[str, str]:
    frame = named(units, lang)
    return dict(zip(frame["unit_id"], frame["name"], strict=True))


def _frame(table) -> pd.DataFrame:
    return table if table is not None else pd.DataFrame()


def _members(label: object) -> list[str]:
    return [p.strip() for p in str(label).split(",") if p.strip()] \
        if isinstance(label, str) else []


# -- helpers --------------------------------------------------------------------------------------


def _sorted(frame: pd.DataFrame, networks: list[str]) -> pd.DataFrame:
    """Rows by region (report order), network (``networks`` order), then proposal id."""
    regions = region_order(frame["region"])
    region_rank = frame["region"].map({r: i for i, r in enumerate(regions)})
    network_rank = frame["network"].map({n: i for i, n in enumerate(networks)})
    return frame.assign(_r=region_rank.fillna(len(regions)), _n=network_rank) \
        .sort_values(["_r", "_n", "proposal_id"], kind="stable").drop(columns=["_r", "_n"])


def _column(frame: pd.DataFrame, column: str) -> pd.Series:
    """A column, or missing values where an older table lacks it."""
    if column in frame:
        return frame[column]
    return pd.Series(np.nan, index=frame.index, dtype=object)


def funded(phasing: pd.DataFrame) -> pd.Series:
    """Rows of packages the plan funded (a funding year)."""
    return pd.to_numeric(phasing["funded_year"], errors="coerce").notna()


def capacity_unit(norms: Norms, network: str) -> str:
    """The network's unit of capacity (``places``), or ``""`` for one the norms lack."""
    regional = norms.by_network.get(network)
    return (regional["default"].unit or "") if regional else ""


def measure_label(unit: object, lang: str) -> str:
    """A unit of capacity in ``lang`` where qonys knows it, else as the data write it."""
    if not isinstance(unit, str):
        return ""
    key = PLAN_UNIT_MESSAGES.get(unit)
    return _(key, lang=lang) if key is not None else unit


def _method_label(method: object, lang: str) -> object:
    """The siting method in ``lang`` (``exact``, ``heuristic``), else as written."""
    key = PLAN_METHOD_MESSAGES.get(method)
    return _(key, lang=lang) if key is not None else method
