"""What the report marks as estimated, and what qonys assumed and left out (issue 13).

Facilities without capacity count at the norm's standard size (:func:`planning.provision.gaps.
with_capacities`); the readiness results say which figures rest on them (``estimated_networks``
and ``readiness_estimated_<basis>`` per unit or cell). The report marks those figures: "≈"
before each estimated value of the units table with a footnote, a tooltip line naming the
networks and how many of their facilities were counted at which size, and a notice on the
face of every map that shows one. Every notice the command line said when the results were
computed is stored as ``readiness_notices``; :func:`add_notices_section` lists them in the
report's language.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from geo.errors import NormError
from geo.i18n import _
from maps.report import Report
from maps.text import format_number
from planning.norms import Norms
from planning.provision.coverage import FACILITY_KIND, notices, topic_label
from planning.vocabulary import PLAN_UNIT_MESSAGES

#: The tooltip column of a unit's estimate line (added to the map's frame).
NOTE_COLUMN = "estimate_note"
#: Topics of the forecast that the report says beside the stored readiness notices.
SCENARIO_TOPICS = ("migration", "housing")


@dataclass(frozen=True)
class Estimate:
    """One network's facilities counted at the norm's standard size."""

    count: int
    total: int
    size: float | None
    unit: str


def capacity_estimates(facilities: pd.DataFrame | None, norms: Norms, *,
                       region: str | None = None) -> dict[str, Estimate]:
    """Per facility network with a facility lacking capacity: how many, of how many, what size.

    The same count as :func:`planning.provision.gaps.with_capacities`: a facility of the network's
    kind whose ``capacity`` is missing or not a number; only ``region``'s where the layer says.

    Examples
    --------
    >>> from planning.norms import load_norms
    >>> sites = pd.DataFrame({"kind": ["school", "school", "kindergarten"],
    ...                       "capacity": [None, 900.0, 200.0]})
    >>> capacity_estimates(sites, load_norms())
    {'schools': Estimate(count=1, total=2, size=1200.0, unit='places')}
    """
    if facilities is None or facilities.empty or "kind" not in facilities:
        return {}
    if region is not None and "region" in facilities:
        facilities = facilities[facilities["region"].astype(str) == str(region)]
    given = facilities["capacity"] if "capacity" in facilities else \
        pd.Series(float("nan"), index=facilities.index)
    missing = pd.to_numeric(given, errors="coerce").isna()
    kinds = facilities["kind"].astype(str)
    found = {}
    for network in norms.facility_networks:
        own = kinds == FACILITY_KIND.get(network, network)
        count = int((own & missing).sum())
        if not count:
            continue
        try:
            size = float(norms.figure("facility_size", network).value)
        except NormError:
            size = None
        found[network] = Estimate(count, int(own.sum()), size, str(norms.get(network).unit))
    return found


def listed(values: Iterable[object]) -> list[str]:
    """The networks named in ``estimated_networks`` values (``"schools, polyclinics"``)."""
    names: dict[str, None] = {}
    for value in values:
        if isinstance(value, str):
            names.update(dict.fromkeys(n.strip() for n in value.split(",") if n.strip()))
    return list(names)


def estimated_in(frame: pd.DataFrame, norms: Norms) -> list[str]:
    """The networks whose supply is partly estimated somewhere in ``frame``, in norms order."""
    if "estimated_networks" not in frame:
        return []
    named = set(listed(frame["estimated_networks"]))
    return [n for n in norms.capacity_networks if n in named] + sorted(
        named - set(norms.capacity_networks))


def readiness_estimated_in(frame: pd.DataFrame, norms: Norms,
                           bases: Iterable[str]) -> list[str]:
    """The bottleneck networks of the readiness figures in ``frame`` marked estimated."""
    found: set[str] = set()
    for basis in bases:
        flag = frame.get(f"readiness_estimated_{basis}")
        if flag is not None:
            marked = flag.fillna(False).astype(bool)
            found |= set(listed(frame.loc[marked, f"bottleneck_{basis}"].astype(str)
                                .str.replace("+", ",", regex=False)))
    return [n for n in norms.capacity_networks if n in found] + sorted(
        found - set(norms.capacity_networks))


def detail(network: str, estimates: dict[str, Estimate], norms: Norms, lang: str) -> str:
    """``schools (64 of 64 facilities without capacity, counted at 1,200 places)``."""
    label = topic_label(network, norms, lang)
    found = estimates.get(network)
    if found is None or found.size is None:
        return _("{network} (capacity of some facilities unknown)", lang=lang, network=label)
    key = PLAN_UNIT_MESSAGES.get(found.unit)
    unit = _(key, lang=lang) if key is not None else found.unit
    return _("{network} ({count} of {total} facilities without capacity, counted at {size} {unit})",
             lang=lang, network=label, count=found.count,
              total=found.total, size=format_number(found.size, "{:,.0f}", lang), unit=unit)


def with_note(frame: pd.DataFrame, estimates: dict[str, Estimate], norms: Norms, *,
              lang: str, only: str | None = None) -> pd.DataFrame:
    """``frame`` with :data:`NOTE_COLUMN`: each row's estimated networks with their details.

    ``only``: just that network (the tooltip of its headroom layer).
    """
    notes = []
    for value in frame.get("estimated_networks", pd.Series("", index=frame.index)):
        found = listed([value])
        names = [n for n in norms.capacity_networks if n in found and only in (None, n)]
        names += [n for n in found if n not in names and only in (None, n)]
        notes.append("; ".join(detail(n, estimates, norms, lang) for n in names)
                     or _("none", lang=lang))
    return frame.assign(**{NOTE_COLUMN: notes})


def map_notice(networks: list[str], norms: Norms, lang: str) -> str | None:
    """The notice on a map's face when it shows figures of ``networks`` that are estimated."""
    if not networks:
        return None
    names = ", ".join(topic_label(n, norms, lang) for n in networks)
    return _("Figures for {networks} are estimated: capacities unknown", lang=lang, networks=names)


def joined(*parts: str | None) -> str | None:
    """Notices one under the other (a map has one notice box)."""
    kept = [p for p in parts if p]
    return "\n".join(kept) if kept else None


def footnote(networks: list[str], estimates: dict[str, Estimate], norms: Norms,
             lang: str) -> str:
    """What the "≈" of the units table means, with each network's count and size."""
    details = "; ".join(detail(n, estimates, norms, lang) for n in networks)
    return _("≈ is an estimate: the unit's bottleneck is a network some of whose facilities have "
             "no capacity and count at the norm's standard size: "
             "{details}.", lang=lang, details=details)


def forecast_note(units: pd.DataFrame, estimates: dict[str, Estimate], norms: Norms,
                  lang: str) -> str | None:
    """The sentence under a region's forecast when its networks rest on estimated capacities.

    The forecast counts the facilities readiness counted, at the same estimated sizes, so the
    networks estimated in the region's readiness results are estimated in its forecast too.
    """
    networks = estimated_in(units, norms)
    if not networks:
        return None
    details = "; ".join(detail(n, estimates, norms, lang) for n in networks)
    return _("Estimated — the forecast counts the same facilities: {details}; the lines and first "
             "deficits of these networks rest on them.", lang=lang, details=details)


def add_notices_section(report: Report, stored: pd.DataFrame | None, *, lang: str,
                        statuses: list | None = None, norms: Norms | None = None,
                        scenario: str | None = None) -> None:
    """"What qonys assumed and left out": the stored readiness notices in ``lang``.

    ``stored`` is the ``readiness_notices`` table (``None`` in a workspace made before qonys
    stored them: the section says which command records them). With a ``scenario`` shown,
    the forecast's own stand-ins (no flows, so no migration; no housing) follow.
    """
    report.add_heading(_("What qonys assumed and left out", lang=lang))
    if stored is None:
        report.add_paragraph(_("The workspace holds no recorded notices (table "
                               "readiness_notices): run `qonys readiness` again and it records "
                               "them.", lang=lang))
    elif stored.empty:
        report.add_paragraph(_("`qonys readiness` assumed nothing: every input was "
                               "there.", lang=lang))
    else:
        report.add_paragraph(_("What `qonys readiness` said when it computed these "
                               "results:", lang=lang))
        column = lang if lang in stored else "en"
        report.add_list(stored[column].dropna().astype(str))
    if scenario is None or not statuses or norms is None:
        return
    lines = notices([s for s in statuses if s.topic in SCENARIO_TOPICS], norms, lang=lang,
                    also=SCENARIO_TOPICS)
    if lines:
        report.add_paragraph(_("The forecast of scenario “{scenario}”:",
                               lang=lang, scenario=scenario))
        report.add_list(lines)
