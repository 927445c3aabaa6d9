"""The tables of the report's proposals section, each with its column names and formats.

:mod:`planning.report_proposals` adds them to the page after the totals and the maps: the new
facilities, the utility expansions, the phasing plan in the order funded, the arrivals per
year, and every proposal's explanation in the report's language. Each ``*_table`` function
returns ``(table, columns, formats)`` for :meth:`maps.report.Report.add_table`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from geo.i18n import TEXTS, tr
from planning.norms import Norms
from planning.report_common import region_label, region_order

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
    columns = {"proposal_id": tr("plan.col.proposal", lang=lang),
               "region": tr("col.region", lang=lang),
               "network": tr("plan.col.network", lang=lang), "name": tr("col.name", lang=lang),
               "site_id": tr("plan.col.site", lang=lang),
               "capacity": tr("plan.col.capacity", lang=lang),
               "measure": tr("plan.col.measure", lang=lang),
               "residents": tr("plan.col.served", lang=lang),
               "cost_bn": tr("plan.col.cost_bn", lang=lang),
               "method": tr("plan.col.method", lang=lang), "gap": tr("plan.col.gap", lang=lang)}
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
    columns = {"proposal_id": tr("plan.col.proposal", lang=lang),
               "region": tr("col.region", lang=lang),
               "network": tr("plan.col.network", lang=lang),
               "zone_id": tr("plan.col.zone", lang=lang),
               "add": tr("plan.col.add", lang=lang),
               "measure": tr("plan.col.measure", lang=lang),
               "deficit": tr("plan.col.deficit", lang=lang),
               "residents": tr("plan.col.room", lang=lang),
               "cost_bn": tr("plan.col.cost_bn", lang=lang)}
    formats = {"add": WHOLE_FORMAT, "deficit": "{:,.1f}", "residents": WHOLE_FORMAT,
               "cost_bn": COST_FORMAT}
    return table, columns, formats


def phasing_table(phasing: pd.DataFrame, *, lang: str) -> tuple[pd.DataFrame, dict, dict]:
    """Packages in the order funded; those the budget did not reach last."""
    order = pd.to_numeric(phasing["order"], errors="coerce")
    rows = phasing.assign(_order=order.where(funded(phasing))) \
        .sort_values(["_order", "investment_id"], na_position="last", kind="stable")
    table = pd.DataFrame({
        "order": rows["_order"],
        "investment_id": rows["investment_id"].astype(str),
        # Proposal ids joined without spaces would not wrap in a table cell.
        "label": [", ".join(p.strip() for p in str(label).split(","))
                  if isinstance(label, str) else label
                  for label in _column(rows, "label")],
        "funded_year": pd.to_numeric(rows["funded_year"], errors="coerce"),
        "commissioned_year": pd.to_numeric(rows["commissioned_year"], errors="coerce"),
        "cost_bn": pd.to_numeric(rows["cost"], errors="coerce") / BILLION,
        "unlocked": pd.to_numeric(rows["unlocked"], errors="coerce"),
        "per_mtenge": pd.to_numeric(rows["unlocked_per_mtenge"], errors="coerce"),
    })
    columns = {"order": tr("plan.col.order", lang=lang),
               "investment_id": tr("plan.col.package", lang=lang),
               "label": tr("plan.col.contents", lang=lang),
               "funded_year": tr("plan.col.funded", lang=lang),
               "commissioned_year": tr("plan.col.commissioned", lang=lang),
               "cost_bn": tr("plan.col.cost_bn", lang=lang),
               "unlocked": tr("plan.col.unlocked", lang=lang),
               "per_mtenge": tr("plan.col.per_mtenge", lang=lang)}
    formats = {"order": _YEAR, "funded_year": _YEAR, "commissioned_year": _YEAR,
               "cost_bn": COST_FORMAT, "unlocked": WHOLE_FORMAT, "per_mtenge": "{:,.3f}"}
    return table, columns, formats


def arrivals_table(arrivals: pd.DataFrame, *, lang: str) -> tuple[pd.DataFrame, dict, dict]:
    """Arrivals summed over units per year: wanted and arrived so far, arrived that year."""
    numbers = arrivals[["year", "wanted", "arrived", "cumulative", "waiting"]].apply(
        pd.to_numeric, errors="coerce")
    table = numbers.groupby("year", as_index=False).sum().sort_values("year")
    columns = {"year": tr("plan.col.year", lang=lang),
               "wanted": tr("plan.col.wanted", lang=lang),
               "arrived": tr("plan.col.arrived", lang=lang),
               "cumulative": tr("plan.col.cumulative", lang=lang),
               "waiting": tr("plan.col.waiting", lang=lang)}
    formats = {"year": _YEAR, "wanted": WHOLE_FORMAT, "arrived": WHOLE_FORMAT,
               "cumulative": WHOLE_FORMAT, "waiting": WHOLE_FORMAT}
    return table, columns, formats


def explanations(facilities: pd.DataFrame, utilities: pd.DataFrame, *, networks: list[str],
                 lang: str) -> pd.DataFrame:
    """Each proposal's explanation in ``lang`` (English where that column is missing)."""
    parts = []
    for frame in (facilities, utilities):
        if frame.empty or "proposal_id" not in frame:
            continue
        column = next((c for c in (f"explanation_{lang}", "explanation_en") if c in frame),
                      None)
        if column is None:
            continue
        rows = _sorted(frame, networks)
        parts.append(pd.DataFrame({"proposal_id": rows["proposal_id"].astype(str),
                                   "explanation": rows[column]}))
    if not parts:
        return pd.DataFrame(columns=["proposal_id", "explanation"])
    return pd.concat(parts, ignore_index=True)


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
    key = f"plan.unit.{unit}"
    return tr(key, lang=lang) if key in TEXTS else unit


def _method_label(method: object, lang: str) -> object:
    """The siting method in ``lang`` (``exact``, ``heuristic``), else as written."""
    key = f"plan.method.{method}"
    return tr(key, lang=lang) if key in TEXTS else method
