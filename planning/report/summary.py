"""The report's first screen: the answer, before any map.

Right after the title (and the demo's notice) the page says:

- per region, how many units are ready now, how many residents they can take, and the usual
  bottleneck in words;
- for a scenario that resettles people, per target unit (its ``resettlement`` block): ready now
  or not, the bottleneck, the residents it can take now, at the horizon with nothing new built
  and with its funded package, the programme's arrivals against the plan and, in one phrase,
  why the rest wait; then the funded packages named by place and content ("Талгар: 6 школ,
  6 детских садов, 1 поликлиника; водоснабжение +30 000 м³/сут") with year, cost and the
  residents they open, and one sentence on the proposals outside every package.

Every figure is read from the stored tables (``readiness_units``, the scenario's
``scenario_<S>_units/_networks/_population`` and ``proposals_<S>_*``), none is typed in. The
last element carries ``data-qonys-answer``: ``bench/report.py`` measures where it ends.

The horizon figures follow :func:`planning.proposals.packages.packages`: a target unit can take, at
the horizon, the smallest headroom over its networks before the programme's arrivals (the forecast
counts them in, so they are added back), plus, with its package, each network's added capacity
in residents (a facility's capacity over the norm; a zone's expansion in proportion to the
unit's share of the zone's demand).
"""

from __future__ import annotations

import pandas as pd

from geo.i18n import N_, NN_, _, n_
from geo.regions import region_label, region_order
from maps.report import Report
from maps.text import escape, format_number
from planning.norms import Norms
from planning.provision.readiness import label as network_label
from planning.report.common import named
from planning.vocabulary import CAPACITY_UNIT_MESSAGES

#: The messages of summary why by key, chosen at run time, marked for the catalogue.
SUMMARY_WHY_MESSAGES = {
    "gate": N_("public transport does not reach the required share of residents"),
    "housing": N_("new housing runs out (the housing layer)"),
    "budget": N_("the budget is spent: the programme's payments for arrivals come out of it"),
    "none": N_("nobody waits"),
    "package": N_("after its {year} package, {network} take no more than {room:,.0f} new "
                  "residents, and nothing else is proposed here"),
    "unfunded": N_("{network} take no more than {room:,.0f} new residents, and no package for "
                   "this unit is funded"),
}


#: The messages of package count by key, chosen at run time, marked for the catalogue.
PACKAGE_COUNT_MESSAGES = {
    "kindergarten": NN_("{count:,.0f} kindergarten", "{count:,.0f} kindergartens"),
    "polyclinic": NN_("{count:,.0f} polyclinic", "{count:,.0f} polyclinics"),
    "school": NN_("{count:,.0f} school", "{count:,.0f} schools"),
}

#: Residents below this count as nobody (the phasing's arrivals are continuous).
NOBODY = 0.5


def scenario_title(label: dict[str, str] | None, name: str, lang: str) -> str:
    """The scenario's readable title in ``lang`` (its YAML ``label``), else its name.

    Examples
    --------
    >>> scenario_title({"ru": "Каскелен", "en": "Kaskelen"}, "k", "kk")
    'Kaskelen'
    """
    label = label or {}
    return label.get(lang) or label.get("en") or next(iter(label.values()), name)


def add_answer(report: Report, *, units: pd.DataFrame, norms: Norms, lang: str,
               forecast=None, proposals: dict | None = None, title: str | None = None) -> None:
    """The summary at the top of the page, then the table of contents.

    Parameters
    ----------
    report
        The page, with nothing but the title and the demo's notice yet.
    units
        ``readiness_units``.
    norms
        Network names.
    lang
        ``ru``, ``kk`` or ``en``.
    forecast
        :class:`planning.report.inputs.Forecast` of the scenario shown, or ``None``.
    proposals
        Its stored proposal tables by part (``facilities``, ``utilities``, ``phasing``,
        ``arrivals``), each ``None`` where absent.
    title
        The scenario's readable title.
    """
    report.add_html('<section class="answer">')
    report.add_heading(_("At a glance", lang=lang), anchor="answer")
    blocks = [_list([region_line(units[units["region"] == r], norms=norms, lang=lang,
                                 region=region_label(r, lang, units=units))
                     for r in region_order(units["region"])])]
    targets = [t for t in (forecast.targets if forecast is not None else ())
               if t in set(units["unit_id"])]
    if targets:
        proposals = proposals or {}
        answer = target_answer(forecast.tables, units, targets=targets, proposals=proposals,
                               norms=norms, lang=lang)
        report.add_html(blocks.pop())
        table, columns = answer
        report.add_table(table, columns=columns)
        arrivals, phasing = proposals.get("arrivals"), proposals.get("phasing")
        if arrivals is not None and not arrivals.empty:
            last = arrivals[arrivals["year"] == arrivals["year"].max()]
            blocks.append(_paragraph(_(
                "Scenario “{title}”: by {year}, {arrived:,.0f} of the programme's {wanted:,.0f} "
                "residents arrive; {waiting:,.0f} wait.",
                lang=lang, title=title, year=int(last["year"].iloc[0]),
                arrived=float(last["cumulative"].sum()), wanted=float(last["wanted"].sum()),
                waiting=float(last["waiting"].sum()))))
        else:
            blocks.append(_paragraph(_("Scenario “{title}”: there is no phasing plan, so the "
                                       "programme's arrivals are not computed; {command} computes "
                                       "them.", lang=lang, title=title,
                                        command=f"qonys propose --scenario {forecast.name}")))
        if phasing is not None and not phasing.empty:
            named_packages = packages(phasing, proposals, units=units, norms=norms, lang=lang)
            blocks.append(_list([_("{year}: {contents}; {cost_bn:,.1f} bn tenge, room for "
                                   "{unlocked:,.0f} of the "
                                   "programme's residents.", lang=lang, year=p["year"],
                                    contents=p["contents"], cost_bn=p["cost"] / 1e9,
                                    unlocked=p["unlocked"]) for p in named_packages]))
            rest = outside_packages(phasing, proposals)
            if len(rest):
                horizon = int(forecast.tables["units"]["horizon"].max()) \
                    if "horizon" in forecast.tables["units"] else ""
                blocks.append(_paragraph(n_(
                    "{count:,.0f} more proposal ({cost_bn:,.1f} bn tenge) meets {year} deficits "
                    "outside the programme's units and belongs to no package (see the proposals).",
                    "{count:,.0f} more proposals ({cost_bn:,.1f} bn tenge) meet {year} deficits "
                    "outside the programme's units and belong to no package (see the proposals).",
                    lang=lang, count=len(rest), year=horizon,
                    cost_bn=float(pd.to_numeric(rest["cost_tenge"]).sum()) / 1e9)))
    for block in blocks[:-1]:
        report.add_html(block)
    report.add_html(blocks[-1].replace(">", " data-qonys-answer>", 1))
    report.add_html("</section>")
    report.add_contents(_("Contents", lang=lang))


def region_line(own: pd.DataFrame, *, norms: Norms, lang: str, region: str) -> str:
    """One region's sentence: units ready now, the residents they take, the usual bottleneck."""
    return n_("{region}: {ready:,.0f} of {count:,.0f} unit ready now, room for {can_take:,.0f} "
              "residents; {bottleneck}.",
              "{region}: {ready:,.0f} of {count:,.0f} units ready now, room for {can_take:,.0f} "
              "residents; {bottleneck}.",
              lang=lang, region=region, count=len(own),
              **_readiness_values(own, norms=norms, lang=lang))


def region_finding(own: pd.DataFrame, *, norms: Norms, lang: str) -> str:
    """The sentence that opens a region's section (its finding)."""
    return _("{ready:,.0f} of {units:,.0f} units are ready now, with room for {can_take:,.0f} "
             "residents; {bottleneck}.", lang=lang, units=len(own),
              **_readiness_values(own, norms=norms, lang=lang))


def _readiness_values(own: pd.DataFrame, *, norms: Norms, lang: str) -> dict:
    can_take = pd.to_numeric(own["can_take_actual"], errors="coerce")
    bottlenecks = own["bottleneck_actual"].dropna().astype(str)
    bottlenecks = bottlenecks[~bottlenecks.isin(["", "none"])]
    if bottlenecks.empty:
        words = _("no bottleneck", lang=lang)
    else:
        counts = bottlenecks.value_counts()
        words = _("the usual bottleneck is {network} (in {units:,.0f} units)",
                  lang=lang, units=int(counts.iloc[0]),
                   network=network_label(counts.index[0], norms, lang))
    return {"ready": int((can_take > 0).sum()), "can_take": float(can_take.clip(lower=0).sum()),
            "bottleneck": words}


# -- target units ----------------------------------------------------------------------------


def target_answer(tables: dict[str, pd.DataFrame], units: pd.DataFrame, *, targets: list[str],
                  proposals: dict, norms: Norms, lang: str) -> tuple[pd.DataFrame, dict]:
    """The table of the target units: now, at the horizon without and with the package."""
    horizon = int(tables["units"]["horizon"].max()) if "horizon" in tables["units"] \
        else int(tables["networks"]["year"].max())
    year = int(pd.to_numeric(units["pop_year"], errors="coerce").max()) \
        if "pop_year" in units else horizon
    rooms = horizon_rooms(tables, targets=targets, proposals=proposals, norms=norms)
    arrivals = proposals.get("arrivals")
    names = dict(zip(named(units, lang)["unit_id"], named(units, lang)["name"], strict=True))
    now = units.set_index("unit_id")
    rows = []
    for unit_id in targets:
        room = rooms[unit_id]
        readiness = float(now.at[unit_id, "readiness_actual"])
        row = {"unit": names.get(unit_id, unit_id), "now": _room(readiness, lang),
               "bottleneck": network_label(now.at[unit_id, "bottleneck_actual"], norms, lang),
               "horizon": _room(room["before"], lang)}
        if arrivals is not None:
            own = arrivals[arrivals["unit_id"].astype(str) == unit_id]
            last = own[own["year"] == own["year"].max()]
            row["planned"] = _room(room["after"], lang) if room["year"] else "—"
            row["arrive"] = _("{arrived:,.0f} of {wanted:,.0f}",
                              lang=lang, arrived=float(last["cumulative"].sum()),
                               wanted=float(last["wanted"].sum()))
            row["why"] = _why(last, room, norms=norms, lang=lang)
        rows.append(row)
    columns = {"unit": _("Target unit", lang=lang),
               "now": _("Now ({year})", lang=lang, year=year),
               "bottleneck": _("Bottleneck", lang=lang),
               "horizon": _("{year}, nothing new built", lang=lang, year=horizon)}
    if arrivals is not None:
        columns |= {"planned": _("{year}, with its package", lang=lang, year=horizon),
                    "arrive": _("Arrive by {year}", lang=lang, year=horizon),
                    "why": _("Why the rest wait", lang=lang)}
    return pd.DataFrame(rows, columns=list(columns)), columns


def horizon_rooms(tables: dict[str, pd.DataFrame], *, targets: list[str], proposals: dict,
                  norms: Norms) -> dict[str, dict]:
    """Per target unit: the residents it can take at the horizon without and with its package.

    ``before``/``after`` are the smallest headroom over the unit's networks (``*_network``
    the network that sets it); ``year`` the year its package is funded (``None``: none).
    """
    nets, people = tables["networks"], tables["population"]
    horizon = int(nets["year"].max())
    last = nets[(nets["year"] == horizon) & (nets["basis"] == "actual")]
    zone_demand = last.groupby(["network", "zone_id"])["demand"].sum()
    moved = people[people["year"] <= horizon].groupby("unit_id")["resettled"].sum()
    phasing = proposals.get("phasing")
    facilities = _frame(proposals.get("facilities"))
    utilities = _frame(proposals.get("utilities"))
    rooms = {}
    for unit_id in targets:
        own = last[(last["unit_id"] == unit_id) & last["networked"].fillna(False).astype(bool)]
        room = own.set_index("network")["headroom"].astype(float) + float(moved.get(unit_id, 0))
        package = _package_of(phasing, unit_id)
        added = pd.Series(0.0, index=room.index)
        if package is not None:
            members = set(_members(package["label"]))
            for row in facilities[facilities["proposal_id"].isin(members)
                                  & (facilities["unit_id"] == unit_id)].itertuples():
                if row.network in added.index:
                    added[row.network] += row.capacity / _per_resident(row, norms)
            for row in utilities[utilities["proposal_id"].isin(members)].itertuples():
                mine = own[(own["network"] == row.network) & (own["zone_id"] == row.zone_id)]
                if not mine.empty:
                    share = float(mine["demand"].sum()) / zone_demand[(row.network,
                                                                       row.zone_id)]
                    added[row.network] += row.residents * share
        after = room + added
        rooms[unit_id] = {
            "before": float(room.min()) if len(room) else float("nan"),
            "before_network": room.idxmin() if len(room) else None,
            "after": float(after.min()) if len(after) else float("nan"),
            "after_network": after.idxmin() if len(after) else None,
            "year": int(package["funded_year"]) if package is not None else None}
    return rooms


def _why(last: pd.DataFrame, room: dict, *, norms: Norms, lang: str) -> str:
    """Why the unit's remaining residents wait at the horizon, in one phrase."""
    if float(last["waiting"].sum()) < NOBODY:
        return _("nobody waits", lang=lang)
    held = str(last["held_by"].iloc[0]) if "held_by" in last and len(last) else ""
    if held in ("gate", "housing", "budget"):
        return _(SUMMARY_WHY_MESSAGES[held], lang=lang)
    if room["year"]:
        return _("after its {year} package, {network} take no more than {room:,.0f} new "
                 "residents, and nothing else is proposed here",
                 lang=lang, year=room["year"],
                  network=network_label(room["after_network"], norms, lang),
                  room=max(room["after"], 0.0))
    return _("{network} take no more than {room:,.0f} new residents, and no package for this unit "
             "is funded", lang=lang,
              network=network_label(room["before_network"], norms, lang),
              room=max(room["before"], 0.0))


def _room(value: float, lang: str) -> str:
    """"takes 8,241" or "not ready: short by 5,179"."""
    if pd.isna(value):
        return "—"
    if value > 0:
        return _("takes {n:,.0f}", lang=lang, n=value)
    return _("not ready: short by {n:,.0f}", lang=lang, n=-value)


# -- packages --------------------------------------------------------------------------------


def packages(phasing: pd.DataFrame, proposals: dict, *, units: pd.DataFrame, norms: Norms,
             lang: str) -> list[dict]:
    """The funded packages in the order funded: year, contents named by place, cost, unlocked.

    A package of the phasing is the unit's (``ready:<unit_id>``): its place is that unit.
    """
    funded = phasing[pd.to_numeric(phasing["funded_year"], errors="coerce").notna()]
    funded = funded.sort_values(["order", "investment_id"], kind="stable")
    names = dict(zip(named(units, lang)["unit_id"], named(units, lang)["name"], strict=True))
    out = []
    for row in funded.itertuples():
        place = package_place(row.constraint_id, names)
        out.append({"id": row.investment_id, "place": place, "year": int(row.funded_year),
                    "members": _members(row.label), "cost": float(row.cost),
                    "unlocked": float(row.unlocked),
                    "contents": contents(_members(row.label), proposals, place=place,
                                         norms=norms, lang=lang)})
    return out


def package_place(constraint_id: object, names: dict[str, str]) -> str:
    """The unit a package opens (``ready:<unit_id>``), by name."""
    text = str(constraint_id)
    unit_id = text.split(":", 1)[1] if text.startswith("ready:") else text
    return names.get(unit_id, unit_id)


def contents(ids: list[str], proposals: dict, *, place: str, norms: Norms, lang: str) -> str:
    """"Талгар: 6 школ, 6 детских садов, 1 поликлиника; водоснабжение +30 000 м³/сут"."""
    facilities = _frame(proposals.get("facilities"))
    utilities = _frame(proposals.get("utilities"))
    chosen = facilities[facilities["proposal_id"].isin(ids)] if len(facilities) else facilities
    pipes = utilities[utilities["proposal_id"].isin(ids)] if len(utilities) else utilities
    return f"{place}: {items(chosen, pipes, norms=norms, lang=lang)}"


def items(facilities: pd.DataFrame, utilities: pd.DataFrame, *, norms: Norms,
          lang: str) -> str:
    """New facilities counted by kind, then each network's added capacity."""
    order = list(norms.by_network)
    parts = []
    if len(facilities):
        kinds = facilities.assign(_n=facilities["network"].map(
            {n: i for i, n in enumerate(order)}).fillna(len(order)))
        for (__, network, kind), group in kinds.groupby(["_n", "network", "kind"], sort=True):
            key = PACKAGE_COUNT_MESSAGES.get(kind)
            # a kind qonys has no noun for: its network's name and the count
            parts.append(_(key, lang=lang, count=len(group)) if key is not None else
                         f"{norms.label(network, lang)}: {_whole(len(group), lang)}")
    pipes = []
    if len(utilities):
        added = utilities.groupby(["network", "unit"], sort=False)["add"].sum()
        ranked = sorted(added.items(), key=lambda kv: (order.index(kv[0][0])
                                                       if kv[0][0] in order else len(order),
                                                       kv[0][0]))
        pipes = [f"{norms.label(network, lang)} +{_whole(value, lang)} {unit_word(unit, lang)}"
                 for (network, unit), value in ranked]
    return "; ".join(p for p in (", ".join(parts), ", ".join(pipes)) if p)


def outside_packages(phasing: pd.DataFrame | None, proposals: dict) -> pd.DataFrame:
    """Proposals (``proposal_id``, ``region``, ``network``, ``cost_tenge`` …) in no funded
    package."""
    funded = set()
    if phasing is not None and not phasing.empty:
        ok = pd.to_numeric(phasing["funded_year"], errors="coerce").notna()
        for label in phasing.loc[ok, "label"]:
            funded |= set(_members(label))
    frames = [_frame(proposals.get(part)) for part in ("facilities", "utilities")]
    frames = [pd.DataFrame(f.drop(columns="geometry", errors="ignore")) for f in frames
              if len(f)]
    if not frames:
        return pd.DataFrame(columns=["proposal_id", "region", "network", "cost_tenge"])
    every = pd.concat(frames, ignore_index=True)
    return every[~every["proposal_id"].astype(str).isin(funded)]


def unit_word(unit: object, lang: str) -> str:
    """A unit of capacity in ``lang`` ("м³/сут"), else as the data write it."""
    key = CAPACITY_UNIT_MESSAGES.get(unit)
    return _(key, lang=lang) if key is not None else str(unit)


# -- helpers ---------------------------------------------------------------------------------


def _members(label: object) -> list[str]:
    return [p.strip() for p in str(label).split(",") if p.strip()] \
        if isinstance(label, str) else []


def _package_of(phasing: pd.DataFrame | None, unit_id: str):
    """The unit's funded package row, or ``None``."""
    if phasing is None or phasing.empty:
        return None
    rows = phasing[(phasing["constraint_id"].astype(str) == f"ready:{unit_id}")
                   & pd.to_numeric(phasing["funded_year"], errors="coerce").notna()]
    return rows.iloc[0] if len(rows) else None


def _per_resident(row, norms: Norms) -> float:
    """The norm a facility was sized with: served over residents as stored, else the norms'."""
    if getattr(row, "served", 0) and getattr(row, "residents", 0):
        return float(row.served) / float(row.residents)
    return norms.get(row.network, row.region).per_resident


def _frame(table) -> pd.DataFrame:
    return table if table is not None else pd.DataFrame()


def _whole(value: float, lang: str) -> str:
    """A whole number in ``lang``'s way ("30 000")."""
    return format_number(float(value), "{:,.0f}", lang=lang)


def _list(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"


def _paragraph(text: str) -> str:
    return f"<p>{escape(text)}</p>"
