"""What a command must say about its inputs, said once however often the model meets it.

The readiness model runs per region and, in a forecast, per year: a warning logged where it is
found would repeat a dozen times. Code that finds an estimate or a gap calls :func:`say` with a
text key of :mod:`geo.i18n`; inside :func:`collect` (the command line wraps every command in
one) each notice is kept once, by its ``once`` key, and the command prints it at the end in the
chosen language. Outside any collection a notice is logged at once as a warning.

Stored results carry the notices too: :meth:`Notices.table` is one row per notice with its
text in Russian, Kazakh and English, which ``qonys readiness`` writes as ``readiness_notices``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

import pandas as pd

from geo.i18n import LANGUAGES, N_, _

#: The notices' messages by their key (say()'s first argument, kept in the notices table).
NOTICE_MESSAGES = {
    "access.capacity_estimated": N_("{count} of {total} facilities of '{network}' have no "
                                    "capacity: each is counted at the norm's standard size, "
                                    "{size:,.0f} {unit} ({figure} in the norms file, the size "
                                    "`qonys propose` builds). Every figure built on them is "
                                    "marked estimated (columns estimated and estimated_share of "
                                    "readiness_networks, capacity_estimated of the facilities). "
                                    "Add capacities with `qonys join TABLE --to facilities --on "
                                    "name`."),
    "access.capacity_unknown": N_("{count} of {total} facilities of '{network}' have no capacity "
                                  "and the norms file gives no standard size (facility_size): "
                                  "they count as zero. Add capacities (`qonys join TABLE --to "
                                  "facilities --on name`) or a size to the norms file."),
    "access.off_network_gate": N_("The transport gate of {units} of {total} units is unknown: "
                                  "none of their residents lives within reach of a drivable road. "
                                  "It is not a closed gate: their bottleneck is 'access "
                                  "unknown'."),
    "access.off_network_part": N_("In {units} units some residents ({persons:,.0f}) live more "
                                  "than {limit:.0f} m from any road (worst {worst:.1f} km): the "
                                  "roads do not cover them, their access is unknown, and the "
                                  "unit's figures are those of the residents the roads cover "
                                  "(column road_coverage is their share). Load roads that cover "
                                  "the rest (`qonys load FILE --kind roads`)."),
    "access.off_network_sites": N_("{count} of {total} facilities are more than {limit:.0f} m "
                                   "from any road (worst {worst:.1f} km): the roads do not cover "
                                   "them, so in the model they serve nobody. Load roads that "
                                   "cover them, or check their coordinates."),
    "access.off_network_units": N_("The roads do not cover {units} units: none of their residents "
                                   "({persons:,.0f}) lives within {limit:.0f} m of a road (worst "
                                   "{worst:.1f} km). Their access (facilities on foot, the "
                                   "transport gate) is unknown, not closed: their bottleneck is "
                                   "'access unknown' and their readiness is not assessed. Load "
                                   "roads that cover them (`qonys load FILE --kind roads`)."),
    "assess.grid_located": N_("{count} points of population_grid have no unit_id (or one that "
                              "names no unit): each is assigned to the unit it lies in; {outside} "
                              "points outside every unit are left out."),
    "assess.spread_area": N_("No population grid and no settlement with a population: the "
                             "residents of {units} of {total} units are spread over the unit's "
                             "area outside the constraints layer ({points} H3 cell centres), not "
                             "put at one point (column pop_spread). A population_grid or "
                             "settlements layer is more exact."),
    "assess.spread_point": N_("{units} of {total} units are smaller than an H3 cell: their "
                              "residents are at one inner point of the unit (column pop_spread)."),
    "assess.spread_settlements": N_("No population grid: the residents of {units} of {total} "
                                    "units are spread over their settlements (layer settlements, "
                                    "{points} points) in proportion to their population, not put "
                                    "at one point (column pop_spread)."),
    "base_year.later": N_("The populations of {units} units are counted after the base year "
                          "{year} ({years}): they are used as they are. Give --year to choose the "
                          "base year."),
    "base_year.no_pop_year": N_("The units give no population year (pop_year): their populations "
                                "are taken as of the base year {year}. If they are of another "
                                "year, add a pop_year column (`qonys join TABLE --to units --on "
                                "kato`) or give --year."),
    "base_year.rolled": N_("The populations of {units} of {total} units are of {years}: they are "
                           "rolled forward to the base year {year} by natural increase ({rates} a "
                           "year, growth.natural in the norms file), without migration. Column "
                           "pop_year_loaded keeps the year counted."),
    "base_year.some_missing": N_("{units} of {total} units give no population year (pop_year): "
                                 "their populations are taken as of the base year {year}."),
    "cover.notice_estimated": N_("Estimated — {topic}{where}: {text}."),
    "cover.notice_not_assessed": N_("Not assessed — {topic}{where}: {text}."),
    "forecast.no_flows": N_("The workspace has no flows layer: the forecast has natural increase "
                            "and the resettlement programme only, no migration. Load flows "
                            "(`qonys load FILE --kind flows`); the forecast's column "
                            "migration_source says whether migration is in it."),
    "graph.far_snap": N_("{count} of {total} points (residents and facilities) are more than "
                         "{limit:.0f} m from the nearest road (worst {worst:.0f} m, within "
                         "{off:.0f} m): that distance is added as a walk. Check that the roads "
                         "layer covers them."),
}

log = logging.getLogger(__name__)

class Key:
    """A parameter that is itself a message: rendered in the notice's language."""

    def __init__(self, message: object, **params: object) -> None:
        self.message = message
        self.params = params

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, Key) and (self.message, self.params)
                == (other.message, other.params))

    def __hash__(self) -> int:
        return hash(self.message)

    @classmethod
    def with_params(cls, key: object, **params: object) -> Key:
        """A message with its own parameters (which may be messages too)."""
        return cls(key, **params)


_active: ContextVar[tuple[Notices, ...]] = ContextVar("qonys_notices", default=())


@dataclass
class Notices:
    """Notices said during a :func:`collect` block, in the order first said.

    Attributes
    ----------
    said
        ``once`` key -> (text key, parameters); the first saying of a ``once`` key wins.
    """

    said: dict[str, tuple[str, dict]] = field(default_factory=dict)

    def add(self, key: str, once: str, params: dict) -> None:
        """Keep the notice unless one of the same ``once`` key was said before."""
        self.said.setdefault(once, (key, params))

    def texts(self, lang: str | None = None) -> list[str]:
        """Each notice in ``lang`` (default: the current language)."""
        return [_render(key, params, lang) for key, params in self.said.values()]

    def table(self) -> pd.DataFrame:
        """One row per notice: ``notice`` (its once key), ``key`` and its text per language.

        Examples
        --------
        >>> with collect() as notices:
        ...     say("base_year.later", units=2, year=2025, years="2026")
        ...     say("base_year.later", units=3, year=2025, years="2027")
        >>> notices.table()["notice"].tolist(), notices.texts("en")[0][:32]
        (['base_year.later'], 'The populations of 2 units are c')
        """
        rows = [{"notice": once, "key": key,
                 **{lang: _render(key, params, lang) for lang in LANGUAGES}}
                for once, (key, params) in self.said.items()]
        return pd.DataFrame(rows, columns=["notice", "key", *LANGUAGES])


def say(key: str, *, once: str | None = None, **params: object) -> None:
    """Say the notice ``key`` (a :mod:`geo.i18n` text) once per command.

    Parameters
    ----------
    key
        The text's key; ``params`` fill its template.
    once
        What makes two notices the same (default: the key): one per network, say.
    """
    collectors = _active.get()
    if not collectors:
        log.warning(_render(key, params, None))
        return
    for notices in collectors:
        notices.add(key, once or key, dict(params))


@contextmanager
def collect() -> Iterator[Notices]:
    """Collect the notices said inside the block; an enclosing collection gets them too."""
    notices = Notices()
    token = _active.set((*_active.get(), notices))
    try:
        yield notices
    finally:
        _active.reset(token)


def _render(key: str, params: dict, lang: str | None) -> str:
    # A Key may carry its own parameters (``Key.with_params``): rendered in the same language.
    values = {name: _render(value.message, value.params, lang)
              if isinstance(value, Key) else value for name, value in params.items()}
    message = NOTICE_MESSAGES[key] if isinstance(key, str) else key
    return _(message, lang=lang, **values)
