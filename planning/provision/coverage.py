"""What the readiness model can assess with what a workspace holds: ``qonys check``.

Every optional layer may be missing. For each region and each topic (every capacity network of
the norms, the transport gate, the actual population, the residents' spread, and the forecast's
migration, housing and candidate sites) :func:`coverage` says one of:

``assessed``
    The data is there.
``estimated``
    The model runs on a stated stand-in (actual = registered, no population grid, facilities
    without capacity, a centre taken from the residents), and says why.
``not_assessed``
    Nothing to compute it from: the model leaves it out (a utility network without a zone, a
    social network without a facility of its kind), never counts it as zero, and names the
    command that supplies the data.

The readiness model asks :func:`not_assessed` which networks to leave out of each region's
minimum; the commands print :func:`notices` once; ``qonys check`` prints the whole table.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.crs import WGS84
from geo.i18n import N_, _
from layers.vocabulary import NETWORK_MESSAGES
from planning.norms import Norms
from planning.notices import Key, say
from planning.provision.gaps import FACILITY_KIND

#: The messages of cover topic by key, chosen at run time, marked for the catalogue.
COVER_TOPIC_MESSAGES = {
    "housing": N_("housing in the forecast"),
    "migration": N_("migration in the forecast"),
    "pop_actual": N_("actual population"),
    "sites": N_("sites for new facilities"),
    "spread": N_("residents' spread"),
}


#: The messages of cover notice by key, chosen at run time, marked for the catalogue.
COVER_NOTICE_MESSAGES = {
    "estimated": N_("Estimated — {topic}{where}: {text}."),
    "not_assessed": N_("Not assessed — {topic}{where}: {text}."),
}

ASSESSED, ESTIMATED, NOT_ASSESSED = "assessed", "estimated", "not_assessed"
#: The command that supplies each layer (commands are not translated).
COMMANDS = {
    "units_population": "qonys join TABLE --to units --on kato --columns total "
                        "--map total=pop_registered",
    "utility_zones": "qonys load zones.gpkg --kind utility_zones",
    "utility_sources": "qonys load sources.gpkg --kind utility_sources",
    "zone_sources": "qonys load zone_sources.csv --kind zone_sources",
    "facilities": "qonys load facilities.gpkg --kind facilities (OpenStreetMap: qonys load "
                  "city.osm.pbf --kind facilities)",
    "capacity": "qonys join TABLE --to facilities --on name --columns capacity",
    "pop_actual": "qonys load proxies.csv --kind population_proxies; qonys actual",
    "population_grid": "qonys load population.tif --kind population_grid",
    "settlements": "qonys load places.geojson --kind settlements",
    "job_centres": "qonys load jobs.gpkg --kind job_centres",
    "settlements_jobs": "qonys load places.geojson --kind settlements; qonys load jobs.gpkg "
                        "--kind job_centres",
    "flows": "qonys load flows.csv --kind flows",
    "housing": "qonys load housing.csv --kind housing",
    "candidate_sites": "qonys load sites.gpkg --kind candidate_sites",
    "roads": "qonys load city.osm.pbf --kind roads",
}
#: Topics after the networks, in the order ``qonys check`` prints them.
OTHER_TOPICS = ("pop_actual", "spread", "migration", "housing", "sites")
#: Reasons the model says itself where it makes the estimate (planning.provision.access: capacities
#: counted at the norm's standard size), so the commands do not say them twice.
SAID_WHERE_MADE = (N_(
        "{missing} of {count} facilities of kind {kind} have no capacity: they count at the "
        "norm's standard size"),)
#: What each command says besides the networks (how residents are spread without a grid is
#: said by :func:`planning.provision.assess.demand_points`; this names the layer that would do
#: better).
READINESS_TOPICS = ("pop_actual", "spread")
FORECAST_TOPICS = (*READINESS_TOPICS, "housing")  # no flows: said by the forecast
PROPOSE_TOPICS = (*FORECAST_TOPICS, "sites")
#: How far (degrees) beyond a region's units a facility or zone still counts for it.
REACH_DEG = 0.05


@dataclass(frozen=True)
class Status:
    """What the model does with one topic in one region.

    Attributes
    ----------
    region, topic
        A value of the units' ``region``; a network of the norms or one of
        :data:`OTHER_TOPICS`.
    state
        :data:`ASSESSED`, :data:`ESTIMATED` or :data:`NOT_ASSESSED`.
    reason
        A :mod:`geo.i18n` key (``cover.*``) and its arguments.
    command
        Key of :data:`COMMANDS` that supplies what is missing, if anything.
    """

    region: str
    topic: str
    state: str
    reason: str
    args: dict = field(default_factory=dict)
    command: str | None = None

    def text(self, lang: str | None = None) -> str:
        """The reason in ``lang``, with the command that supplies the data."""
        said = _(self.reason, lang=lang, **self.args)
        if self.command is None:
            return said
        return _("{text}. Supplied by: {command}",
                 lang=lang, text=said, command=COMMANDS[self.command])


def coverage(layers: Mapping[str, pd.DataFrame], norms: Norms, *,
             roads: bool | None = None) -> list[Status]:
    """What the model will assess, estimate and leave out, per region and topic.

    Parameters
    ----------
    layers
        The workspace's layers by name (``units`` required, with ``pop_registered``).
    norms
        The norms in use: their networks are the topics.
    roads
        Whether the workspace has a road layer, for callers that leave the (large) roads out
        of ``layers``; ``None``: a non-empty ``roads`` in ``layers``. Without roads the
        transport gate is not assessed: no travel time can be computed.
    """
    if roads is None:
        found_roads = layers.get("roads")
        roads = found_roads is not None and not found_roads.empty
    units = layers["units"]
    units = _wgs84(units)
    regions = units["region"] if "region" in units else pd.Series("default", index=units.index)
    found: list[Status] = []
    for region in pd.unique(regions.astype(str)):
        own = units[regions.astype(str).to_numpy() == region]
        area = _reach(own)
        found += [_utility(region, network, area, layers) for network in norms.utility_networks]
        found += [_facility(region, network, area, layers.get("facilities"))
                  for network in norms.facility_networks]
        found.append(_transport(region, area, layers, roads=roads))
        found += _others(region, own, area, layers)
    return found


def not_assessed(statuses: list[Status]) -> dict[str, set[str]]:
    """The networks left out of each region's readiness, by region.

    The transport gate is no network: without roads it is not assessed, but it is never left
    out of a minimum (the readiness model does not run without roads at all).
    """
    out: dict[str, set[str]] = {}
    for status in statuses:
        if (status.state == NOT_ASSESSED and status.topic not in OTHER_TOPICS
                and status.topic != "transport"):
            out.setdefault(status.region, set()).add(status.topic)
    return out


def leave_out(networks: pd.DataFrame, units: pd.DataFrame,
              left_out: Mapping[str, set[str]]) -> pd.DataFrame:
    """Mark the networks not assessed in each region (``assessed`` False): not on the network,
    supply, provision and headroom unknown (NaN), so they never count as zero in a minimum.
    Demand stays: it needs only residents and the norm."""
    region = networks["unit_id"].map(units.set_index("unit_id")["region"]).astype(str)
    out = np.zeros(len(networks), dtype=bool)
    for name, left in left_out.items():
        out |= (region == name).to_numpy() & networks["network"].isin(left).to_numpy()
    networks = networks.assign(assessed=~out)
    if out.any():
        networks.loc[out, "networked"] = False
        for column in ("supply", "provision", "headroom", "supply_residents"):
            if column in networks:
                networks.loc[out, column] = np.nan
    return networks


def notices(statuses: list[Status], norms: Norms, *, lang: str | None = None,
            also: tuple[str, ...] = ()) -> list[str]:
    """One line per network not assessed or estimated (see :func:`say_notices`), as text."""
    return [_(COVER_NOTICE_MESSAGES[state], lang=lang,
              topic=topic_label(same[0].topic, norms, lang), where=where,
              text=same[0].text(lang))
            for state, where, same in _grouped(statuses, also)]


def say_notices(statuses: list[Status], norms: Norms, *, also: tuple[str, ...] = ()) -> None:
    """Say once per command (:func:`planning.notices.say`) each network not assessed or
    estimated, with the command that supplies it; a topic with the same state and reason in
    every region is said once, without regions.

    Parameters
    ----------
    also
        Topics of :data:`OTHER_TOPICS` to say as well (``pop_actual``, ``migration`` ...).
    """
    for state, where, same in _grouped(statuses, also):
        status = same[0]
        if status.reason in SAID_WHERE_MADE:
            continue
        text = Key.with_params(status.reason, **status.args)
        if status.command is not None:
            text = Key.with_params(N_("{text}. Supplied by: {command}"), text=text,
                                   command=COMMANDS[status.command])
        say(f"cover.notice_{state}", once=f"cover:{status.topic}:{state}:{where}",
            topic=_topic_key(status.topic, norms), where=where, text=text)


def _grouped(statuses: list[Status], also: tuple[str, ...]) -> list[tuple[str, str, list]]:
    chosen = [s for s in statuses if s.state != ASSESSED
              and (s.topic not in OTHER_TOPICS or s.topic in also)]
    regions = {s.region for s in statuses}
    grouped: dict[tuple, list[Status]] = {}
    for status in chosen:
        key = (status.topic, status.state, status.reason, tuple(sorted(status.args.items())))
        grouped.setdefault(key, []).append(status)
    out = []
    for (__, state, __, __), same in grouped.items():
        held = {s.region for s in same}
        out.append((state, "" if held == regions else " (" + ", ".join(sorted(held)) + ")",
                    same))
    return out


def _topic_key(topic: str, norms: Norms) -> object:
    """A topic's name as a text key (rendered in each language), or the norms file's name."""
    if topic in OTHER_TOPICS:
        return Key(COVER_TOPIC_MESSAGES[topic])
    if not (norms.names or {}).get(topic) and topic in NETWORK_MESSAGES:
        return Key(NETWORK_MESSAGES[topic])
    return norms.label(topic)


def topic_label(topic: str, norms: Norms, lang: str | None = None) -> str:
    """A topic's name in ``lang``."""
    if topic in OTHER_TOPICS:
        return _(COVER_TOPIC_MESSAGES[topic], lang=lang)
    return norms.label(topic, lang=lang)


def _wgs84(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """``frame`` in WGS 84; a layer without a CRS is taken as WGS 84 (the loader's default)."""
    if getattr(frame, "crs", None) is None:
        return gpd.GeoDataFrame(frame, geometry="geometry", crs=WGS84)
    return frame.to_crs(WGS84)


def _reach(own: gpd.GeoDataFrame):
    minx, miny, maxx, maxy = own.total_bounds
    import shapely

    return shapely.box(minx - REACH_DEG, miny - REACH_DEG, maxx + REACH_DEG, maxy + REACH_DEG)


def _utility(region: str, network: str, area, layers: Mapping[str, pd.DataFrame]) -> Status:
    needed = ("utility_zones", "utility_sources", "zone_sources")
    missing = [name for name in needed if name not in layers]
    if missing:
        return Status(region, network, NOT_ASSESSED, N_(
                "the workspace has no layer {layer}; the network is left out of the minimum, not "
                "counted as zero"),
                      {"layer": missing[0]}, missing[0])
    zones = layers["utility_zones"]
    zones = zones[zones["network"].astype(str) == network]
    if zones.empty:
        return Status(region, network, NOT_ASSESSED, N_(
                "utility_zones has no zone of the network {network}; it "
                "is left out of the minimum"), {"network": network},
                      "utility_zones")
    zones = _wgs84(zones)
    here = zones[zones.intersects(area)]
    if here.empty:
        return Status(region, network, NOT_ASSESSED, N_(
                "none of the network's {zones} zones touches this region's units"),
                      {"zones": len(zones)}, "utility_zones")
    links = layers["zone_sources"]
    linked = links[links["zone_id"].astype(str).isin(here["zone_id"].astype(str))]
    sources = layers["utility_sources"]
    sources = sources[sources["source_id"].astype(str).isin(linked["source_id"].astype(str))
                      & (sources["network"].astype(str) == network)]
    if sources.empty:
        return Status(region, network, NOT_ASSESSED, N_(
                "the zones {zones} have no source of this network in zone_sources and "
                "utility_sources: their capacity is unknown"),
                      {"zones": ", ".join(map(str, here["zone_id"]))}, "zone_sources")
    return Status(region, network, ASSESSED, N_("{zones} zone(s), {sources} source(s)"),
                  {"zones": len(here), "sources": len(sources)})


def _facility(region: str, network: str, area, facilities: pd.DataFrame | None) -> Status:
    kind = FACILITY_KIND.get(network, network)
    if facilities is None or facilities.empty:
        return Status(region, network, NOT_ASSESSED, N_(
                "the workspace has no layer facilities; the network is left out of the minimum, "
                "not counted as zero"), {}, "facilities")
    facilities = _wgs84(facilities)
    of_kind = facilities[(facilities["kind"].astype(str) == kind)
                         & facilities.intersects(area).to_numpy()]
    if of_kind.empty:
        return Status(region, network, NOT_ASSESSED, N_(
                "the layer facilities has no facility of kind {kind} within the region's reach; "
                "the network is left out of the minimum, not counted as zero"), {"kind": kind},
                      "facilities")
    capacity = pd.to_numeric(of_kind.get("capacity"), errors="coerce") \
        if "capacity" in of_kind else pd.Series(float("nan"), index=of_kind.index)
    unknown = int(capacity.isna().sum())
    if unknown:
        return Status(region, network, ESTIMATED, N_(
                "{missing} of {count} facilities of kind {kind} have no capacity: they count at "
                "the norm's standard size"),
                      {"missing": unknown, "count": len(of_kind), "kind": kind}, "capacity")
    return Status(region, network, ASSESSED, N_("{count} facilities of kind {kind}"),
                  {"count": len(of_kind), "kind": kind})


def _transport(region: str, area, layers: Mapping[str, pd.DataFrame], *,
               roads: bool) -> Status:
    if not roads:
        return Status(region, "transport", NOT_ASSESSED, N_(
                "no layer roads: no travel time to the centre or a job centre can be "
                "computed"), {}, "roads")
    settlements = layers.get("settlements")
    centre = False
    if settlements is not None and "place" in settlements and not settlements.empty:
        cities = _wgs84(settlements[settlements["place"].astype(str) == "city"])
        centre = bool(cities.intersects(area).any())
    jobs = layers.get("job_centres")
    if jobs is not None and not jobs.empty:
        jobs = _wgs84(jobs)
        jobs = jobs[jobs.intersects(area).to_numpy()]
    has_jobs = jobs is not None and not jobs.empty
    if not centre:
        return Status(region, "transport", ESTIMATED, N_(
                "no settlement with place=city: the centre is taken as the residents' weighted "
                "mean"), {},
                      "settlements" if has_jobs else "settlements_jobs")
    if not has_jobs:
        return Status(region, "transport", ESTIMATED, N_(
                "on the roads to the city centre; no job_centres, so only "
                "the centre counts"), {}, "job_centres")
    return Status(region, "transport", ASSESSED, N_(
            "on the roads to the centre and {jobs} job centre(s)"), {"jobs": len(jobs)})


def _others(region: str, own: pd.DataFrame, area,
            layers: Mapping[str, pd.DataFrame]) -> list[Status]:
    out = []
    actual = own["pop_actual"] if "pop_actual" in own else pd.Series(dtype=float)
    if actual.notna().all() and len(actual) == len(own):
        out.append(Status(region, "pop_actual", ASSESSED, N_("pop_actual loaded")))
    else:
        out.append(Status(region, "pop_actual", ESTIMATED, N_(
                "{missing} of {units} units have no pop_actual: taken as the registered"),
                          {"missing": int(len(own) - actual.notna().sum()), "units": len(own)},
                          "pop_actual"))
    grid = layers.get("population_grid")
    if grid is None or grid.empty:
        out.append(Status(region, "spread", ESTIMATED, N_(
                "no population_grid: residents are spread without a population grid (how is said "
                "separately)"), {}, "population_grid"))
    elif "unit_id" not in grid or grid["unit_id"].isna().any():
        out.append(Status(region, "spread", ASSESSED, N_(
                "by the population_grid; points without unit_id are assigned to the unit they lie "
                "in")))
    else:
        out.append(Status(region, "spread", ASSESSED, N_("by the population_grid")))
    ids = set(own["unit_id"].astype(str)) if "unit_id" in own else set()
    flows = layers.get("flows")
    if flows is not None and {"origin_id", "dest_id"} <= set(flows.columns):
        flows = flows[flows["origin_id"].astype(str).isin(ids)
                      | flows["dest_id"].astype(str).isin(ids)]
    out.append(_table(region, "migration", flows, N_("{rows} flows"), N_(
            "no flows (layer flows) to or from the region's units: the forecast has "
            "no migration"), "flows"))
    housing = layers.get("housing")
    if housing is not None and "unit_id" in housing:
        housing = housing[housing["unit_id"].astype(str).isin(ids)]
    out.append(_table(region, "housing", housing, N_("{rows} housing rows"), N_(
            "no housing (layer housing) in the region's units: arrivals are not limited by homes"),
                      "housing"))
    sites = layers.get("candidate_sites")
    if sites is not None and not sites.empty:
        sites = _wgs84(sites)
        sites = sites[sites.intersects(area).to_numpy()]
    out.append(_table(region, "sites", sites, N_("{rows} sites"), N_(
            "no candidate sites (layer candidate_sites) in the region: qonys propose sites no new "
            "facilities"),
                      "candidate_sites"))
    return out


def _table(region: str, topic: str, frame: pd.DataFrame | None, there: str, absent: str,
           command: str) -> Status:
    """A layer of the region's rows: assessed with their count, else not assessed."""
    if frame is None or frame.empty:
        return Status(region, topic, NOT_ASSESSED, absent, {}, command)
    return Status(region, topic, ASSESSED, there, {"rows": len(frame)})
