"""Proposals of a scenario: what to build, where, and in which order.

- **Facilities.** For each region and facility network with a deficit at the horizon (actual
  population, E2SFCA), new schools, kindergartens or polyclinics of the norms' standard size
  (``facility_size``) are sited on ``candidate_sites`` outside the ``constraints`` layer by
  capacitated location-allocation (:func:`planning.proposals.siting.solve_siting`), existing
  facilities and the scenario's own kept. The number of new sites is the deficit over the size,
  rounded
  up, at most the candidates. The default objective is maximal coverage within the norm's
  walking time (``p_median`` minimises walking instead); demand points are the horizon
  year's residents.
- **Utilities.** Each zone whose horizon demand exceeds its supply gets an expansion of the
  deficit rounded up to whole modules (``utility_module``).
- **Phasing.** :func:`planning.proposals.phasing.plan_phasing` funds these proposals year by year
  under the scenario's budget, ordered by residents unlocked per tenge, and lets the programme's
  residents arrive only where every network can take them (``costs`` are illustrative).

Each proposal explains itself (which deficit, which norm and its source, how many residents
it unlocks) in Russian, Kazakh and English: the ``explanation_<lang>`` columns.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.crs import WGS84
from geo.i18n import LANGUAGES, _
from geo.regions import region_label
from planning.forecast.model import in_service, with_programme
from planning.forecast.scenario_run import ScenarioRun
from planning.norms import amount_text, load_norms, residents_text
from planning.proposals.packages import housing_persons, packages
from planning.provision import access
from planning.provision.assess import extent

log = logging.getLogger(__name__)

SITING_OBJECTIVES = ("coverage", "p_median")
#: Seconds one exact siting problem may take before its best solution so far is kept (its
#: proven gap is stored as ``mip_gap``): coverage problems with many ties can take minutes to
#: prove an optimum the heuristic found in the first second.
SITING_TIME_LIMIT_S = 10.0
#: The columns of the proposed facilities (besides the geometry), also when there are none.
FACILITY_COLUMNS = ("proposal_id", "network", "kind", "site_id", "unit_id", "region", "capacity",
                    "served", "residents", "deficit", "cost_tenge", "method", "mip_gap",
                    *(f"explanation_{lang}" for lang in LANGUAGES))
#: Candidate sites and facilities within this many degrees of a region's units belong to it.
SITE_MARGIN_DEG = 0.05


@dataclass(frozen=True)
class Proposals:
    """What :func:`propose` proposes.

    Attributes
    ----------
    facilities
        Points: ``proposal_id``, ``network``, ``kind``, ``site_id``, ``unit_id``, ``region``,
        ``capacity``, ``served``, ``residents`` (unlocked), ``deficit`` (the region's, in the
        network's unit), ``cost_tenge``, ``method``, ``mip_gap`` (the proven gap of the
        exact solve; 0 when optimal) and ``explanation_ru/kk/en``.
    utilities
        ``proposal_id``, ``network``, ``zone_id``, ``region``, ``add``, ``unit``,
        ``deficit``, ``residents``, ``cost_tenge``, ``explanation_ru/kk/en``.
    phasing
        :class:`planning.proposals.phasing.Phasing`, or ``None`` when the scenario resettles nobody.
    sites
        How many candidate sites could be used (outside ``constraints``).
    unsited
        ``(region, network, deficit)`` of every deficit that no candidate site could meet.
    """

    facilities: gpd.GeoDataFrame
    utilities: pd.DataFrame
    phasing: object | None
    horizon: int
    sites: int = 0
    unsited: tuple[tuple[str, str, float], ...] = ()


def table_name(scenario: str, part: str) -> str:
    """The workspace table of one part of a scenario's proposals.

    Examples
    --------
    >>> table_name("baseline", "phasing")
    'proposals_baseline_phasing'
    """
    return f"proposals_{scenario}_{part}"


def propose(run: ScenarioRun, layers: Mapping[str, pd.DataFrame], *,
            objective: str = "coverage", method: str = "auto",
            budget: float | None = None, time_limit: float = SITING_TIME_LIMIT_S,
            stage: Callable[[str], None] | None = None) -> Proposals:
    """Site facilities, size utility expansions and phase them for a scenario's run.

    ``time_limit`` is the seconds each exact siting problem may take (``--time-limit``).
    """
    if objective not in SITING_OBJECTIVES:
        msg = f"objective must be one of {', '.join(SITING_OBJECTIVES)}, not {objective!r}"
        raise ValueError(msg)
    step = stage or (lambda _name: None)
    step("siting")
    unsited: list[tuple[str, str, float]] = []
    facilities = site_facilities(run, layers, objective=objective, method=method,
                                 time_limit=time_limit, unsited=unsited)
    step("utilities")
    utilities = size_utilities(run)
    step("phasing")
    budget = budget if budget is not None else run.scenario.budget_tenge_per_year
    phasing = phase(run, layers, facilities, utilities, budget=budget)
    return Proposals(facilities, utilities, phasing, max(run.forecast.years),
                     sites=len(usable_sites(layers)), unsited=tuple(unsited))


def site_facilities(run: ScenarioRun, layers: Mapping[str, pd.DataFrame], *,
                    objective: str = "coverage", method: str = "auto",
                    time_limit: float = SITING_TIME_LIMIT_S,
                    unsited: list | None = None) -> gpd.GeoDataFrame:
    """New facilities on candidate sites where the horizon year falls short (see module).

    Each ``(region, network, deficit)`` that no candidate site can meet is appended to
    ``unsited``.
    """
    from planning.proposals.siting import solve_siting

    norms, horizon = run.norms, max(run.forecast.years)
    units, points = run.forecast.horizon_units, run.forecast.horizon_points
    existing = _facilities_at(run, layers, horizon)
    candidates = usable_sites(layers)
    shortfall = _shortfall(run.forecast.networks, horizon)
    names = _unit_names(units)
    # The walk's snapping limit and reach as readiness has them: the shipped norms (read once).
    walk_norms = load_norms()
    rows = []
    for region, group in units.groupby("region", sort=False):
        graphs = run.forecast.graphs.get(region)
        own = points[points["unit_id"].isin(group["unit_id"])].reset_index(drop=True)
        if graphs is None or own.empty:
            continue
        area = extent(group, SITE_MARGIN_DEG)
        offered = candidates[candidates.within(area)]
        sites = _region_sites(existing[existing.within(area)], offered)
        unit_of = dict(zip(offered["site_id"], offered["unit_id"], strict=True)) \
            if "unit_id" in offered else {}
        # Residents and every site join the walking graph once for all networks.
        on_foot = access.walk_access(own, sites, graphs.walk, walk_norms)
        for network in norms.facility_networks:
            kind = access.FACILITY_KIND.get(network, network)
            deficit = float(shortfall.get((region, network), 0.0))
            size = norms.figure("facility_size", network).value
            new = sites["new"].to_numpy(bool)
            usable = np.where(new, _offers(sites, kind).to_numpy(bool),
                              (sites["kind"] == kind).to_numpy(bool))
            p = min(math.ceil(deficit / size), int((usable & new).sum())) if deficit > 0 else 0
            if p == 0:
                if deficit > 0:
                    log.info("%s %s: deficit %.0f but no candidate site", region, network,
                             deficit)
                    if unsited is not None:
                        unsited.append((region, network, deficit))
                continue
            chosen = sites[usable].reset_index(drop=True)
            capacity = np.where(chosen["new"], size, chosen["capacity"]).astype(float)
            norm = norms.get(network, region)
            minutes = _minutes(on_foot, on_foot.site_nodes[usable], limit=norm.minutes)
            demand = own["actual"].to_numpy(float) * norm.per_resident
            found = solve_siting(demand=demand, capacity=capacity,
                                 existing=~chosen["new"].to_numpy(bool), minutes=minutes, p=p,
                                 objective=objective, cover_minutes=norm.minutes,
                                 method=method, time_limit=time_limit)
            served = found.flows.groupby("site")["amount"].sum()
            for position in np.flatnonzero(found.opened):
                rows.append(_facility_row(
                    run, chosen.iloc[position], unit_of, names, network=network, region=region,
                    size=size, served=float(served.get(position, 0.0)), deficit=deficit,
                    method=found.method, norm=norm) | {"mip_gap": found.mip_gap})
    frame = pd.DataFrame(rows)
    if frame.empty:  # with its columns, so that the phasing and the report can read it
        return gpd.GeoDataFrame({c: [] for c in FACILITY_COLUMNS}, geometry=[], crs=WGS84)
    frame.insert(0, "proposal_id", [f"F{i:03d}" for i in range(1, len(frame) + 1)])
    return gpd.GeoDataFrame(frame, geometry="geometry", crs=WGS84)


def size_utilities(run: ScenarioRun) -> pd.DataFrame:
    """Expansions of utility zones short of supply at the horizon (actual population)."""
    norms, horizon = run.norms, max(run.forecast.years)
    zones = run.forecast.zones
    short = zones[(zones["year"] == horizon) & (zones["basis"] == "actual")
                  & (zones["demand"] > zones["supply"])]
    region_of = _zone_regions(run)
    rows = []
    for row in short.itertuples():
        region = region_of.get((row.zone_id, row.network))
        norm = norms.get(row.network, region)
        module = norms.figure("utility_module", row.network).value
        deficit = float(row.demand - row.supply)
        add = math.ceil(deficit / module) * module
        cost = add * norms.figure("costs", row.network).value
        residents = add / norm.per_resident
        values = {"network": row.network, "zone_id": row.zone_id, "year": horizon,
                  "add": add, "demand": row.demand, "supply": row.supply,
                  "deficit": deficit, "per_resident": norm.per_resident,
                  "source": norm.per_resident_source, "cost_bn": cost / 1e9}
        rows.append({"network": row.network, "zone_id": row.zone_id, "region": region,
                     "add": add, "unit": norm.unit, "deficit": deficit,
                     "residents": residents, "cost_tenge": cost,
                     **{f"explanation_{lang}": _(
                         "{label}: expand zone {zone_id} by {add:,.0f} {unit}. In {year} demand "
                         "of {demand:,.1f} {unit} exceeds the supply of {supply:,.1f} {unit} by "
                         "{deficit:,.1f} {unit} at the norm of {per_resident:g} {unit} per "
                         "resident (source: {source}). The expansion makes room for {residents}. "
                         "Cost about {cost_bn:,.1f} bn tenge (illustrative unit cost).",
                         lang=lang, label=norms.label(row.network, lang),
                         unit=norms.unit_label(row.network, lang),
                         residents=residents_text(residents, lang=lang), **values)
                        for lang in LANGUAGES}})
    frame = pd.DataFrame(rows)
    if not frame.empty:
        frame.insert(0, "proposal_id", [f"U{i:03d}" for i in range(1, len(frame) + 1)])
    return frame


def phase(run: ScenarioRun, layers: Mapping[str, pd.DataFrame], facilities: pd.DataFrame,
          utilities: pd.DataFrame, *, budget: float | None):
    """The phasing plan of the scenario's resettlement (``None`` when it resettles nobody)."""
    from planning.proposals.phasing import plan_phasing

    wanted = run.programme.resettlement
    if wanted is None or wanted.empty or not budget:
        return None
    result = run.forecast
    if not set(wanted["unit_id"]) & set(result.networks["unit_id"]):
        # A run on H3 cells: resettlement targets units, so the phasing plan is the units'.
        log.info("phasing skipped: the run's units are cells, the programme's are units")
        return None
    years = result.years[1:]
    people = result.population
    moved = people.sort_values("year").assign(
        so_far=lambda f: f.groupby("unit_id")["resettled"].cumsum())
    so_far = moved.set_index(["unit_id", "year"])["so_far"]
    target = set(wanted["unit_id"])
    constraints, investments = packages(run, facilities, utilities, so_far, target,
                                         years=years)
    loads = pd.DataFrame({"constraint_id": [f"ready:{u}" for u in sorted(target)],
                          "unit_id": sorted(target), "share": 1.0})
    gates = result.units[["unit_id", "year", "gate_open_actual"]].rename(
        columns={"gate_open_actual": "open"})
    gates = gates[gates["unit_id"].isin(target) & gates["year"].isin(years)]
    gates = gates.assign(open=gates["open"].fillna(True).astype(bool))
    housing = housing_persons(layers, run.norms)
    if housing is not None:
        housing = housing[housing["year"].isin(years)]
    # The programme's incentives are paid out of the same budget as the infrastructure.
    take_up = getattr(run, "take_up", None)
    subsidy = None if take_up is None else take_up.drop_duplicates("unit_id")[
        ["unit_id", "tenge_per_person"]]
    return plan_phasing(years=years, wanted=wanted, constraints=constraints, loads=loads,
                        investments=investments, budget=budget, housing=housing, gates=gates,
                        subsidy=subsidy)


def usable_sites(layers: Mapping[str, pd.DataFrame]) -> gpd.GeoDataFrame:
    """Candidate sites as points, without those inside the ``constraints`` layer."""
    sites = layers.get("candidate_sites")
    if sites is None or sites.empty:
        return gpd.GeoDataFrame({"site_id": [], "kinds": [], "unit_id": []}, geometry=[],
                                crs=WGS84)
    sites = sites.to_crs(WGS84)
    sites = sites.assign(geometry=sites.geometry.representative_point())
    limits = layers.get("constraints")
    if limits is not None and not limits.empty:
        blocked = sites.within(limits.to_crs(WGS84).union_all())
        if blocked.any():
            log.info("%d candidate sites inside constraints left out", int(blocked.sum()))
        sites = sites[~blocked]
    return sites


def _offers(sites: gpd.GeoDataFrame, kind: str) -> pd.Series:
    if "kinds" not in sites:
        return pd.Series(True, index=sites.index)
    kinds = sites["kinds"].fillna("").astype(str)
    return (kinds == "") | kinds.str.split(",").apply(lambda ks: kind in [k.strip() for k in ks])


def _facilities_at(run: ScenarioRun, layers, horizon: int) -> gpd.GeoDataFrame:
    """The workspace's facilities and the programme's built by ``horizon``."""
    frame = with_programme(layers, run.programme).get("facilities")
    if frame is None:
        return gpd.GeoDataFrame({"facility_id": [], "kind": [], "capacity": []}, geometry=[],
                                crs=WGS84)
    # A facility without capacity counts at the norm's standard size, as in readiness.
    return access.with_capacities(in_service(frame, horizon), run.norms)


def _shortfall(networks: pd.DataFrame, horizon: int) -> pd.Series:
    """Demand above supply summed over each region's units, by (region, network)."""
    now = networks[(networks["year"] == horizon) & (networks["basis"] == "actual")]
    gap = (now["demand"] - now["supply"]).clip(lower=0)
    return gap.groupby([now["region"], now["network"]]).sum() if "region" in now else \
        pd.Series(dtype=float)


def _region_sites(existing: gpd.GeoDataFrame, offered: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """A region's existing facilities (``new`` False) and candidate sites (``new`` True, with
    the ``kinds`` they offer), as one table for :func:`planning.provision.access.walk_access`."""
    have = existing[["facility_id", "kind", "capacity", "geometry"]].assign(new=False, kinds="")
    may = offered.reindex(columns=["site_id", "kinds", "geometry"]).rename(
        columns={"site_id": "facility_id"}).assign(kind="", capacity=0.0, new=True)
    may["kinds"] = may["kinds"].astype(object).fillna("")  # all-NaN floats where no site says
    return gpd.GeoDataFrame(pd.concat([have, may], ignore_index=True), geometry="geometry",
                            crs=WGS84)


def _minutes(on_foot: access.WalkAccess, site_nodes: np.ndarray, *, limit: float) -> np.ndarray:
    """Walking minutes from every demand point to ``site_nodes`` (inf beyond ``limit``)."""
    from planning.network.travel import reach_pairs

    pairs = reach_pairs(on_foot.graph, on_foot.point_nodes, site_nodes, limit=limit)
    minutes = np.full((len(on_foot.point_nodes), len(site_nodes)), np.inf)
    minutes[pairs["origin"].to_numpy(), pairs["target"].to_numpy()] = pairs["minutes"]
    return minutes


def _facility_row(run, site, unit_of: Mapping, names: Mapping, *, network, region, size, served,
                  deficit, method, norm) -> dict:
    norms = run.norms
    unit_id = unit_of.get(site["facility_id"])
    cost = size * norms.figure("costs", network).value
    residents = served / norm.per_resident
    values = {"site": site["facility_id"], "year": max(run.forecast.years),
              "per_1000": norm.per_resident * 1000, "minutes": norm.minutes,
              "source": norm.per_resident_source, "cost_bn": cost / 1e9}

    def worded(lang: str) -> dict:
        return {"size": amount_text(size, norm.unit, lang=lang),
                "deficit": amount_text(deficit, norm.unit, lang=lang),
                "served": amount_text(served, norm.unit, lang=lang),
                "residents": residents_text(residents, lang=lang),
                "region": region_label(region, lang), "label": norms.label(network, lang),
                "place": names.get((unit_id, lang), str(unit_id))}

    return {"network": network, "kind": access.FACILITY_KIND.get(network, network),
            "site_id": site["facility_id"], "unit_id": unit_id, "region": region,
            "capacity": size, "served": served, "residents": residents, "deficit": deficit,
            "cost_tenge": cost, "method": method,
            **{f"explanation_{lang}": _("{label}: a new facility of {size} on site {site} "
                                        "({place}). In {year} {region} lacks {deficit} at the "
                                        "norm of {per_1000:g} per 1,000 residents within "
                                        "{minutes:g} min on foot (norm's source: {source}). It "
                                        "takes {served}, room for {residents}. Cost about "
                                        "{cost_bn:,.1f} bn tenge "
                                        "(illustrative unit cost).", lang=lang, **values,
                                         **worded(lang))
               for lang in LANGUAGES},
            "geometry": site.geometry}


def _unit_names(units: pd.DataFrame) -> dict:
    """Each unit's name by ``(unit_id, lang)``: in ``lang``, else English, else its id (the
    first row of a unit id that appears twice). Looked up once: a search of the units per
    proposal and language took seconds on the demo."""
    first = units.drop_duplicates("unit_id")
    names = {}
    for lang in LANGUAGES:
        chosen = pd.Series(first["unit_id"].astype(str).to_numpy(), index=first.index,
                           dtype=object)
        for column in ("name_en", f"name_{lang}"):  # the language's own name wins
            if column in first:
                given = first[column]
                usable = given.map(lambda v: isinstance(v, str) and bool(v)).to_numpy(bool)
                chosen = chosen.where(~usable, given.astype(object))
        names.update({(unit_id, lang): name
                      for unit_id, name in zip(first["unit_id"], chosen, strict=True)})
    return names


def _zone_regions(run: ScenarioRun) -> dict:
    nets = run.forecast.networks
    zoned = nets[nets["zone_id"].notna()]
    regions = zoned.groupby(["zone_id", "network"])["region"].first() if "region" in zoned \
        else pd.Series(dtype=object)
    return regions.to_dict()




