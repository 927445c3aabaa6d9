"""Scenarios: YAML files that say what changes from the workspace, year by year.

A scenario resettles people to units, builds facilities, expands or adds utility sources and
overrides planning norms, up to a horizon. ``data/scenarios/README.md`` explains the format for
planners; in short (every key is optional)::

    name: almaty_konaev            # text; defaults to the file's stem (never inherited)
    based_on: baseline             # a name: <name>.yaml beside this file, then in the search
                                   # folders, then in data/scenarios/; or a path (a / or .yaml)
                                   # relative to this file
    label: {ru: ..., kk: ..., en: ...}          # short title; description likewise
    horizon: 2030                  # last forecast year (default 2030); base year: the workspace's
    migration: trend               # trend (scale 1) | none | {scale: 1.5}
    budget_tenge_per_year: 150000000000         # a number or null
    programme: {incentives: {..., source: ...}, quotas: [...]}  # planning.forecast.programme
    resettlement:                  # persons (whole, > 0) spread evenly over from..to inclusive
      - {unit: "191000000-town", persons: 150000, from: 2026, to: 2030, source: "..."}
    facilities:                    # one place: unit (its inner point) | site | lon and lat
      - {kind: school, unit: "191000000-town", capacity: 1200, year: 2027, name: ..., source: ...}
    sources:                       # source_id: expand one | zone: a new source in that zone
      - {network: heat, zone: astana_heat, add: 440, year: 2026, name: ..., source: "..."}
    norms:                         # {value, source}; flat dotted keys or nested mappings
      heat.per_resident.almaty: {value: 0.0012, source: "..."}

``to`` defaults to ``from``; ``capacity`` of a facility may be left out (the norms'
``facility_size``); ``add`` is in the network's unit (Gcal/h, m3/day). Ids may be quoted text or
bare numbers. Resettlement and source entries need a ``source``; a norm override without one is
refused, as in ``data/norms``.

Norm keys: ``<network>.per_resident`` (every region of that network),
``<network>.per_resident.<region>`` (one region, ``default`` included),
``<network>.access.minutes``, ``<network>.target_share`` (the gate) and
``<section>.<figure>[.<region>]`` for the sections growth, housing, facility_size,
utility_module and costs (without a region: every region of the figure). Overrides without a
region are applied first, so a regional one always wins. The override's source replaces the
norm's; an overridden per-resident value is no longer ``derived_from_load``.

Inheritance: the chain is read from the root. Scalars (and ``programme``, whole) of a child
replace the parent's, mappings
(label, description, norms) are merged key by key, lists are concatenated (parent first). A cycle
is an error naming the chain. Every problem names the file, the line and the key; list entries
are counted from 1 within their own file (``resettlement[2]`` is the file's second entry).
"""

from __future__ import annotations

import copy
import dataclasses
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from geo.i18n import LANGUAGES, N_, _
from planning.forecast.programme import ResettlementProgramme, read_programme
from planning.forecast.scenario_checks import check_scenario
from planning.forecast.scenario_files import (
    available_names,
    find_file,
    is_path,
    list_scenarios,
    read_chain,
)
from planning.forecast.scenario_yaml import (
    ITEM_KEYS,
    NORM_FORMS,
    NORM_SECTIONS,
    SCENARIOS_DIR,
    TOP_KEYS,
    YEARS,
    ScenarioError,
    ScenarioFile,
    close_hint,
    norm_target,
    problem_at,
    raise_problems,
    read_programme_nodes,
)
from planning.norms import Norms

__all__ = ["COLUMNS", "DEFAULT_HORIZON", "ITEM_KEYS", "NORM_FORMS", "NORM_SECTIONS",
           "SCENARIOS_DIR", "TOP_KEYS", "WHERE", "YEARS", "Scenario", "ScenarioError",
           "list_scenarios", "load_scenario"]

log = logging.getLogger(__name__)

DEFAULT_HORIZON = 2030
COLUMNS = {
    "resettlement": ["unit_id", "persons", "year_from", "year_to", "source"],
    "facilities": ["kind", "unit_id", "site_id", "lon", "lat", "capacity", "year", "name",
                   "source"],
    "sources": ["network", "source_id", "zone_id", "add", "year", "name", "source"],
}
#: Every table also says where each row was written.
WHERE = ["line", "file", "entry"]


@dataclass(frozen=True, eq=False)
class Scenario:
    """A scenario, its ``based_on`` chain merged (see the module's docstring).

    Attributes
    ----------
    chain
        Names from the root of the ``based_on`` chain to this scenario.
    migration
        ``"trend"``, ``"none"`` or a scale (float) of the flows' trend.
    resettlement, facilities, sources
        One row per entry (parents' first), with ``line``, ``file`` and ``entry`` (for
        example ``resettlement[2]``) saying where it was written.
    norm_overrides
        ``{key: (value, source, line)}``, keys as in the file (``heat.per_resident.almaty``).
    origins
        ``{key: (file name, line)}`` of the top-level keys and of ``norms.<key>``.
    programme
        The resettlement programme's incentives and quotas
        (:mod:`planning.forecast.programme`); none: the resettlement arrives as planned.
    """

    name: str
    path: Path
    chain: tuple[str, ...]
    label: dict[str, str]
    description: dict[str, str]
    horizon: int
    migration: str | float
    budget_tenge_per_year: float | None
    resettlement: pd.DataFrame
    facilities: pd.DataFrame
    sources: pd.DataFrame
    norm_overrides: dict[str, tuple[float, str, int]]
    origins: dict[str, tuple[str, int]] = field(default_factory=dict)
    programme: ResettlementProgramme | None = None

    def resettlement_by_year(self) -> pd.DataFrame:
        """Persons arriving per unit and year: ``unit_id``, ``year``, ``persons``.

        Each entry is split evenly over ``from``..``to`` in whole persons, its total kept
        exactly: the remainder goes one person a year to the earliest years (the largest
        remainder rule, ties to the earlier year). Entries for the same unit and year add up.

        Examples
        --------
        10 persons over 2026-2028: 10 = 3 x 3 + 1, the one left over goes to 2026.

        >>> frame = pd.DataFrame({"unit_id": ["u"], "persons": [10], "year_from": [2026],
        ...                       "year_to": [2028]})
        >>> _by_year(frame)["persons"].tolist()
        [4, 3, 3]
        """
        return _by_year(self.resettlement)

    def apply_norms(self, norms: Norms) -> Norms:
        """A copy of ``norms`` with this scenario's overrides (``norms`` itself is unchanged).

        Raises
        ------
        ScenarioError
            Listing every override that names a network, a part of it or a figure these
            norms do not have, with the file, line and key.
        """
        by_network = {network: dict(regional) for network, regional in norms.by_network.items()}
        sections = copy.deepcopy(norms.sections or {})
        problems = []
        # Overrides without a region first, so that a regional one always wins.
        for key in sorted(self.norm_overrides, key=lambda k: norm_target(k)[3] is not None):
            value, source, line = self.norm_overrides[key]
            target = norm_target(key)
            if target[0] in ("growth", "figure"):
                text_key, values = _override_figure(sections, target[1:], value, source)
            else:
                text_key, values = _override_network(by_network, target, value, source)
            if text_key:
                file = self.origins.get(f"norms.{key}", (self.path.name, line))[0]
                problems.append(problem_at(file, line, f"norms.{key}", text_key, path=norms.path,
                                           **values))
        raise_problems(self.path, problems)
        return dataclasses.replace(norms, by_network=by_network, sections=sections)

    def check_against(self, layers: Mapping[str, pd.DataFrame], *,
                      base_year: int | None = None) -> None:
        """Check every id, kind, place and year against the workspace's layers.

        See :func:`planning.forecast.scenario_checks.check_scenario`, which this calls.
        """
        check_scenario(self, layers, base_year=base_year)


def _by_year(resettlement: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for row in resettlement.itertuples():
        years = range(int(row.year_from), int(row.year_to) + 1)
        base, extra = divmod(int(row.persons), len(years))
        rows += [(row.unit_id, year, base + int(i < extra)) for i, year in enumerate(years)]
    table = pd.DataFrame(rows, columns=["unit_id", "year", "persons"])
    table = table.groupby(["unit_id", "year"], as_index=False, sort=True)["persons"].sum()
    return table.astype({"year": "int64", "persons": "int64"})


def _override_network(by_network: dict, target: tuple, value: float, source: str
                      ) -> tuple[str | None, dict]:
    what, network, __, region = target
    if network not in by_network:
        return N_("the norms {path} have no network '{network}'{hint}. Networks: {networks}."), {
            "network": network, "networks": ", ".join(by_network),
            "hint": close_hint(network, list(by_network))}
    regional = by_network[network]
    default = regional["default"]
    applicable = {"per_resident": default.per_resident is not None,
                  "minutes": default.minutes is not None,
                  "target_share": default.target_share is not None}[what]
    if not applicable:
        return N_(
                "the network '{network}' (type {type}) of the norms {path} has no such value. "
                "per_resident is for utility and facility networks, access.minutes for facility "
                "networks and the gate, target_share "
                "for the gate."), {"network": network, "type": default.type}
    changes = {"per_resident": {"per_resident": value, "per_resident_source": source,
                                "derived_from_load": False},
               "minutes": {"minutes": value, "access_source": source},
               "target_share": {"target_share": value, "target_source": source}}[what]
    for name in [region] if region else list(regional):
        regional[name] = dataclasses.replace(regional.get(name, default), **changes)
    return None, {}


def _override_figure(sections: dict, target: tuple, value: float, source: str
                     ) -> tuple[str | None, dict]:
    section, figure, region = target
    entries = sections.get(section) or {}
    if figure not in entries:
        return N_(
                "section {section} of the norms {path} has no such figure{hint}. It has: "
                "{known}."), {
            "section": section, "known": ", ".join(entries) or "-",
            "hint": close_hint(figure, list(entries))}
    new = {"value": value, "source": source}
    entry = entries[figure]
    if "value" in entry:  # one figure for every region
        entries[figure] = {"default": entry, region: new} if region else new
    else:
        for name in [region] if region else list(entry):
            entry[name] = dict(new)
    return None, {}


def _build(docs: list[ScenarioFile]) -> Scenario:
    merged = ScenarioFile(docs[-1].path)
    for doc in docs:  # root first: the child's scalars and keys win, lists add up
        merged.scalars.update(doc.scalars)
        for key, texts in doc.texts.items():
            merged.texts.setdefault(key, {}).update(texts)
        merged.norms.update(doc.norms)
        merged.lines.update(doc.lines)
        for key, records in doc.lists.items():
            merged.lists.setdefault(key, []).extend(records)
    names = tuple(str(d.scalars.get("name") or d.path.stem) for d in docs)
    frames = {key: pd.DataFrame(merged.lists.get(key, []), columns=columns + WHERE)
              for key, columns in COLUMNS.items()}
    whole = {"line": "int64", "year": "int64", "year_from": "int64", "year_to": "int64",
             "persons": "int64", "lon": "float64", "lat": "float64", "capacity": "float64",
             "add": "float64"}
    frames = {key: f.astype({c: t for c, t in whole.items() if c in f}) for key, f in
              frames.items()}
    scalars = merged.scalars
    return Scenario(
        name=names[-1], path=docs[-1].path, chain=names,
        label=merged.texts.get("label") or dict.fromkeys(LANGUAGES, names[-1]),
        description=merged.texts.get("description", {}),
        horizon=int(scalars.get("horizon", DEFAULT_HORIZON)),
        migration=scalars.get("migration", "trend"),
        budget_tenge_per_year=scalars.get("budget_tenge_per_year"),
        resettlement=frames["resettlement"], facilities=frames["facilities"],
        sources=frames["sources"], norm_overrides=dict(merged.norms),
        origins=dict(merged.lines), programme=scalars.get("programme"))


def load_scenario(path_or_name: str | Path, *, search: Sequence[Path] = ()) -> Scenario:
    """Read a scenario file and the files it is ``based_on``, checked and merged.

    Parameters
    ----------
    path_or_name
        A file, or a name looked up as ``<name>.yaml`` in ``search`` then in
        :data:`SCENARIOS_DIR`.
    search
        Folders to look in before ``data/scenarios/`` (also for ``based_on`` names).

    Raises
    ------
    ScenarioError
        Listing every problem of every file of the chain, each with its file, line and key.

    Examples
    --------
    >>> load_scenario("almaty_konaev").chain
    ('baseline', 'almaty_konaev')
    """
    text = str(path_or_name)
    path = Path(path_or_name)
    if not path.is_file() and not isinstance(path_or_name, Path) and not is_path(text):
        path = find_file(text, [*search, SCENARIOS_DIR]) or path
    if not path.is_file():
        folders = [*search, SCENARIOS_DIR]
        places = ", ".join(map(str, folders))
        raise_problems(text, [_("No scenario '{name}' (looked in {places}). Available: "
                                "{available}. Give one of these names "
                                "or the path of a .yaml file.", name=text, places=places,
                                 available=available_names(folders))])
    docs = read_chain(path, search)
    for doc in docs:
        read_programme_nodes(doc, read_programme)
    raise_problems(path, [problem for doc in docs for problem in doc.problems])
    log.debug("scenario %s read: %s", path, " -> ".join(d.path.name for d in docs))
    return _build(docs)
