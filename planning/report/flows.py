"""Two sections of the report: the registered–actual population gap, and migration flows.

The gap section maps, per region, each unit's actual minus registered population, in persons
and as a share of the registered population; the flows section draws the largest
origin–destination flows of a year on one country-scale map, maps each region's net migration
and lists the largest flows.

Both diverging maps put their classes symmetric about zero and colour "more residents" red:
more residents than the registers say, or more arrivals than departures, is more load on the
schools, clinics and networks a plan has to provide (as the scenario comparison does).

Decisions:

- Flows go through :func:`planning.population.flows.check_flows`, as ``qonys flows`` does, so that a
  double entry counts once here as in the net migration table; flows naming a place qonys does
  not know are left out, logged, and said in the report with their persons.
- Flows are summed per origin and destination (whatever their ``flow_kind``); a flow whose two
  ends are the same place is no migration, and one between two places outside the workspace
  (an oblast and a country, say) is not about its units: both are left out.
- Arrivals (into a unit) and departures (out of one) are separate layers, each with its own
  ``top`` largest flows, so that large arrivals do not crowd departures off the map; both
  share one set of width classes, so a line's width means the same number in either.
"""

from __future__ import annotations

import logging

import geopandas as gpd
import pandas as pd
from shapely.geometry import LineString

from geo.i18n import N_, _
from geo.regions import region_label, region_order
from maps.classify import classify
from maps.context import MapContext
from maps.overlays import FlowLayer
from maps.palettes import diverging
from maps.report import Report
from maps.text import format_number
from maps.web_layers import ChoroplethLayer
from maps.webmap import WebMap
from planning.population.flow_problems import normalise_codes
from planning.population.flows import check_flows
from planning.population.places import KnownPlaces, known_places, read_places
from planning.report.common import in_region, named, schematic_notice, symmetric_classes
from planning.report.context import with_context

#: The messages of report flows s by key, chosen at run time, marked for the catalogue.
REPORT_FLOWS_S_MESSAGES = {
    "arrival": N_("Arrivals: into the workspace's units"),
    "col_person": N_("Persons"),
    "departure": N_("Departures: out of the workspace's units"),
}

log = logging.getLogger(__name__)

#: Seven diverging classes, negative blue to positive red (more residents is more load), with
#: a neutral grey "about zero" in the middle.
LOAD_COLORS = diverging("RdBu", 7)[::-1]
ARRIVAL_COLOR = "#0072B2"  # Okabe–Ito blue
DEPARTURE_COLOR = "#D55E00"  # Okabe–Ito vermillion: told from blue under colour blindness
#: Width classes of flow lines (natural breaks): few enough to tell apart by eye.
FLOW_CLASSES = 4
PERSONS = "{:,.0f}"
PERCENT = "{:,.1f}"
#: At most this many unknown codes are named in the report's sentence.
LISTED_CODES = 10






def add_flows_section(report: Report, *, flows: pd.DataFrame, units: gpd.GeoDataFrame,
                      net: pd.DataFrame | None, lang: str, schematic: bool,
                      year: int | None = None, top: int = 40,
                      context: MapContext | None = None) -> list[WebMap]:
    """Migration flows of one year: a flow map, net migration per region, the largest flows.

    Parameters
    ----------
    report
        The report to add to.
    flows
        The workspace table ``flows``: ``origin_id``, ``dest_id``, ``year``, ``persons`` and
        optionally ``flow_kind``; an id is a unit, an oblast (KATO) or a country (ISO3).
    units
        The readiness units: ``unit_id``, polygons with a CRS, ``region`` and names.
    net
        The table ``net_migration`` (``unit_id``, ``year``, ``inflow``, ``outflow``, ``net``),
        or ``None`` when ``qonys flows`` has not run.
    lang
        ``ru``, ``kk`` or ``en``.
    schematic
        Whether the geometry is generated (demo data): each map then says so on its face.
    year
        The year shown; default: the latest year of ``flows``.
    top
        The number of largest flows drawn in each direction and listed in the table.

    Returns
    -------
    list[WebMap]
        The maps added, in page order.

    Raises
    ------
    planning.population.flow_problems.FlowDataError
        If ``flows`` has unreadable values (as ``qonys flows`` would say).
    ValueError
        If ``top`` is below 1.
    """
    if top < 1:
        msg = f"top is the number of flows shown, at least 1, not {top}."
        raise ValueError(msg)
    report.add_heading(_("Migration flows", lang=lang))
    if flows.empty:
        report.add_paragraph(_("The workspace has no migration flows. Load an origin–destination "
                               "table with `qonys load FILE.csv --kind flows` (or registration "
                               "records with `--kind registrations`) and run `qonys "
                               "flows`.", lang=lang))
        return []
    known = known_places(units)
    checked = check_flows(flows, known=known).flows  # raises on unreadable values
    years = sorted({int(y) for y in pd.to_numeric(flows["year"])})
    year = years[-1] if year is None else int(year)
    pairs = _pairs(checked[checked["year"] == year], known)
    if pairs.empty:
        span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
        report.add_paragraph(_("There are no flows in {year}; the flows cover {years}.",
                               lang=lang, year=year, years=span))
        _say_unknown(report, flows, known, year=year, lang=lang)
        return []
    report.add_paragraph(_("In {year}, {persons} persons moved into, out of or between the "
                           "workspace's units (origin–destination pairs: "
                           "{flows}).", lang=lang, year=year,
                            persons=_whole(pairs["persons"].sum(), lang),
                            flows=_whole(len(pairs), lang)))
    _say_unknown(report, flows, known, year=year, lang=lang)
    report.add_paragraph(_("The map shows at most the {top} largest flows in each direction; a "
                           "line is thicker for more persons and bends to the right of its "
                           "direction, so that opposite flows lie side by "
                           "side.", lang=lang, top=top))
    names = place_names(units, lang)
    pairs = pairs.assign(origin=pairs["origin_id"].map(names).fillna(pairs["origin_id"]),
                         destination=pairs["dest_id"].map(names).fillna(pairs["dest_id"]))
    added = [_flow_map(report, pairs, known, units, lang=lang, schematic=schematic, year=year,
                       top=top, context=context)]
    # The table reads with the flow map it lists, before the net migration subsection.
    columns = {"origin": _("From", lang=lang),
               "destination": _("To", lang=lang),
               "persons": _("Persons", lang=lang)}
    report.add_table(pairs.head(top), columns=columns, number_format={"persons": PERSONS},
                     caption=_("The largest flows of {year} (up to {top})",
                               lang=lang, year=year, top=top))
    added += _net_maps(report, net, units, lang=lang, schematic=schematic, year=year,
                       context=context)
    return added


def place_names(units: pd.DataFrame, lang: str, *,
                places: pd.DataFrame | None = None) -> pd.Series:
    """Code -> name in ``lang`` of every unit, oblast and country (a unit hides a place).

    Names come from the units' ``name_<lang>`` and ``places.csv``'s, each falling back to
    English and then to the code.

    Examples
    --------
    >>> units = pd.DataFrame({"unit_id": ["u1"], "name_kk": ["Талғар"]})
    >>> place_names(units, "kk")[["u1", "750000000", "RUS"]].tolist()
    ['Талғар', 'Алматы қаласы', 'Ресей']
    """
    reference = read_places() if places is None else places
    codes = normalise_codes(reference["code"])
    english = reference.get("name_en", codes)
    other = reference.get(f"name_{lang}", english).fillna(english).fillna(codes)
    other.index = pd.Index(codes.to_numpy())
    own = named(units, lang)["name"]
    own.index = pd.Index(normalise_codes(units["unit_id"]).to_numpy())
    return pd.concat([own, other[~other.index.isin(own.index)]])


def _pairs(flows: pd.DataFrame, known: KnownPlaces) -> pd.DataFrame:
    """Persons per origin and destination, largest first, of flows that touch a unit."""
    summed = (flows.groupby(["origin_id", "dest_id"], sort=True)["persons"].sum()
              .reset_index())
    moved = summed[(summed["origin_id"] != summed["dest_id"]) & (summed["persons"] > 0)]
    if len(moved) < len(summed):
        log.info("%d flows within one place or without persons left out",
                 len(summed) - len(moved))
    into = (known.kinds(moved["dest_id"]) == "unit").to_numpy()
    out_of = (known.kinds(moved["origin_id"]) == "unit").to_numpy()
    pairs = moved.assign(arrival=into, departure=out_of)[into | out_of]
    if len(pairs) < len(moved):
        log.info("%d flows between places outside the workspace's units left out",
                 len(moved) - len(pairs))
    return pairs.sort_values(["persons", "origin_id", "dest_id"], ascending=[False, True, True],
                             kind="mergesort").reset_index(drop=True)


def _say_unknown(report: Report, flows: pd.DataFrame, known: KnownPlaces, *, year: int,
                 lang: str) -> None:
    """A sentence (and a log line) on the year's flows whose place qonys does not know.

    :func:`planning.population.flows.check_flows` has left them out; they are counted here from the
    input, a double entry once, as ``check_flows`` counts it.
    """
    frame = pd.DataFrame({
        "origin_id": normalise_codes(flows["origin_id"]).to_numpy(),
        "dest_id": normalise_codes(flows["dest_id"]).to_numpy(),
        "year": pd.to_numeric(flows["year"], errors="coerce").to_numpy(),
        "persons": pd.to_numeric(flows["persons"], errors="coerce").to_numpy(),
        "kind": (normalise_codes(flows["flow_kind"]).str.lower().to_numpy()
                 if "flow_kind" in flows else None)})
    frame = frame[frame["year"] == year]
    unknown_origin = known.kinds(frame["origin_id"]).isna().to_numpy()
    unknown_dest = known.kinds(frame["dest_id"]).isna().to_numpy()
    left = frame[unknown_origin | unknown_dest].drop_duplicates(
        ["origin_id", "dest_id", "year", "kind"])
    if left.empty:
        return
    codes = sorted(set(frame["origin_id"][unknown_origin]) | set(frame["dest_id"][unknown_dest]))
    listed = ", ".join(codes[:LISTED_CODES]) + (", …" if len(codes) > LISTED_CODES else "")
    persons = float(left["persons"].sum())
    count = len(left.groupby(["origin_id", "dest_id"]))
    log.info("%d flows of %d (%.0f persons) with unknown places left out: %s", count, year,
             persons, listed)
    report.add_paragraph(_("Flows of {year} that name a place qonys does not know ({codes}) are "
                           "left out (pairs: {flows}; {persons} persons): correct the code or add "
                           "the place to data/reference/places.csv.",
                           lang=lang, year=year, codes=listed,
                            flows=_whole(count, lang), persons=_whole(persons, lang)))


def _flow_map(report: Report, pairs: pd.DataFrame, known: KnownPlaces,
              units: gpd.GeoDataFrame, *, lang: str, schematic: bool, year: int,
              top: int, context: MapContext | None = None) -> WebMap:
    """Arrivals and departures, each its ``top`` largest flows, on one map over the units."""
    chosen = {direction: pairs[pairs[direction]].head(top)
              for direction in ("arrival", "departure")}
    drawn = pd.concat(chosen.values()).drop_duplicates(["origin_id", "dest_id"])
    classes = classify(drawn["persons"], scheme="natural_breaks", k=FLOW_CLASSES)
    tooltip = {"origin": _("From", lang=lang),
               "destination": _("To", lang=lang),
               "persons": _("Persons", lang=lang)}
    layers = []
    for direction, color in (("arrival", ARRIVAL_COLOR), ("departure", DEPARTURE_COLOR)):
        own = chosen[direction]
        if own.empty:
            continue
        starts = known.lonlat(own["origin_id"])
        ends = known.lonlat(own["dest_id"])
        lines = [LineString([tuple(a), tuple(b)]) for a, b in zip(starts, ends, strict=True)]
        frame = gpd.GeoDataFrame(own[["origin", "destination", "persons"]].reset_index(drop=True),
                                 geometry=lines, crs="EPSG:4326")
        # an origin outside the units (an oblast, a country) has no outline to say where it is
        outside = (known.kinds(own["origin_id"]) != "unit").to_numpy()
        frame["origin_label"] = frame["origin"].where(outside)
        layers.append(FlowLayer(frame, column="persons",
                                name=_(REPORT_FLOWS_S_MESSAGES[direction], lang=lang),
                                classes=classes, color=color, tooltip=tooltip,
                                tooltip_format={"persons": PERSONS}, origin_label="origin_label",
                                legend_title=_("Persons per year", lang=lang)))
    outline = gpd.GeoDataFrame(geometry=units.geometry.reset_index(drop=True))
    webmap = WebMap(layers=layers, outline=outline, height_px=560,
                    notice=schematic_notice(schematic, lang),
                    title=_("Largest flows, {year}", lang=lang, year=year))
    report.add_map(with_context(webmap, context))
    return webmap


def _net_maps(report: Report, net: pd.DataFrame | None, units: gpd.GeoDataFrame, *,
              lang: str, schematic: bool, year: int,
              context: MapContext | None = None) -> list[WebMap]:
    """Per region, each unit's net migration of ``year`` on symmetric diverging classes."""
    report.add_heading(_("Net migration, {year}", lang=lang, year=year), level=3)
    if net is None:
        report.add_paragraph(_("Net migration per unit has not been computed: run "
                               "`qonys flows`.", lang=lang))
        return []
    of_year = net[pd.to_numeric(net["year"], errors="coerce") == year]
    if of_year.empty:
        report.add_paragraph(_("The net_migration table has no figures for {year}: run `qonys "
                               "flows` again after loading the flows.", lang=lang, year=year))
        return []
    report.add_paragraph(_("Net migration is each unit's arrivals minus departures in the year, "
                           "internal and external flows together; red: more arrivals than "
                           "departures (the load grows), blue: the reverse.", lang=lang))
    figures = of_year.assign(unit_id=normalise_codes(of_year["unit_id"]).to_numpy()).set_index(
        "unit_id")[["inflow", "outflow", "net"]].astype(float)
    ids = normalise_codes(units["unit_id"]).to_numpy()
    mapped = named(units, lang).assign(**{c: figures[c].reindex(ids).to_numpy()
                                          for c in figures.columns})
    classes, label_format = symmetric_classes(mapped["net"])
    tooltip = {"name": _("Unit", lang=lang),
               "inflow": _("Arrivals", lang=lang),
               "outflow": _("Departures", lang=lang),
               "net": _("Net", lang=lang)}
    added = []
    for region in region_order(mapped["region"]):
        layer = ChoroplethLayer(in_region(mapped, region), column="net",
                                name=_("Net migration, persons", lang=lang), classes=classes,
                                colors=LOAD_COLORS, tooltip=tooltip, label_format=label_format,
                                tooltip_format=dict.fromkeys(figures.columns, PERSONS))
        webmap = WebMap(layers=[layer], height_px=480, notice=schematic_notice(schematic, lang),
                        title=_("{region}: net migration, {year}", lang=lang, year=year,
                                 region=region_label(region, lang, units=mapped)))
        report.add_map(with_context(webmap, context))
        added.append(webmap)
    return added


def _whole(value: float, lang: str) -> str:
    """Whole persons or flows as text in ``lang`` (``1 010`` in Russian)."""
    return format_number(float(value), PERSONS, lang)
