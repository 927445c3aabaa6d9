"""The sentence that opens each section of the report: what the section finds, in words.

Each function reads the same table its section shows and returns one sentence in ``lang``; the
section modules add it right after their heading, so that a reader who stops at the headings
and their first lines still has the findings.
"""

from __future__ import annotations

import pandas as pd

from geo.i18n import _
from planning.norms import Norms
from planning.provision.readiness import label as network_label


def forecast_finding(units: pd.DataFrame, *, norms: Norms, lang: str, horizon: object) -> str:
    """How many units fall short on some network by the horizon, and the usual network."""
    first = units.filter(like="first_deficit_")
    short = first.notna().any(axis=1)
    if not short.any():
        return _("Up to {horizon}, none of the {units:,.0f} units falls short on any network.",
                 lang=lang, horizon=horizon, units=len(units))
    counts = first.notna().sum().sort_values(ascending=False, kind="stable")
    network = counts.index[0].removeprefix("first_deficit_")
    return _("By {horizon}, {short:,.0f} of {units:,.0f} units fall short on at least one "
             "network; most often {network} (in {count:,.0f} units).",
             lang=lang, horizon=horizon, short=int(short.sum()),
              units=len(units), network=network_label(network, norms, lang),
              count=int(counts.iloc[0]))


def gap_finding(gap: pd.DataFrame, *, lang: str) -> str:
    """In how many units the actual population differs from the registered, and by how much."""
    persons = pd.to_numeric(gap["pop_gap"], errors="coerce").fillna(0)
    return _("The actual population differs from the registered in {differ:,.0f} of {units:,.0f} "
             "units, by {persons:+,.0f} people in all.",
             lang=lang, differ=int((persons.abs() >= 0.5).sum()),
              units=len(gap), persons=float(persons.sum()))


def compare_finding(diff: pd.DataFrame, *, lang: str, b: str, horizon: object) -> str:
    """What scenario ``b`` adds over the base by the horizon: residents, units with less room."""
    people = pd.to_numeric(diff["pop_actual_diff"], errors="coerce").fillna(0)
    room = pd.to_numeric(diff["readiness_actual_diff"], errors="coerce").fillna(0)
    return _("By {horizon}, scenario “{b}” changes the population by {persons:+,.0f}; room "
             "shrinks in {less:,.0f} of {units:,.0f} units.",
             lang=lang, b=b, horizon=horizon, persons=float(people.sum()),
              less=int((room < -0.5).sum()), units=len(diff))
