"""Checks of a scenario against the workspace: ids, kinds, places and years.

:meth:`planning.forecast.scenario.Scenario.check_against` calls :func:`check_scenario`;
every problem names the file, the line and the key of its entry, and all are reported at once.
The checks ask only for what :class:`CheckedScenario` names, so that this module needs nothing
from the module that calls it.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Protocol

import pandas as pd

from geo.i18n import N_, _
from planning.forecast.programme import check_quotas
from planning.forecast.scenario_yaml import close_hint, problem_at, raise_problems


class CheckedScenario(Protocol):
    """What the checks read of a scenario (:class:`planning.forecast.scenario.Scenario` has it).
    """

    path: Path
    horizon: int
    resettlement: pd.DataFrame
    facilities: pd.DataFrame
    sources: pd.DataFrame
    origins: dict[str, tuple[str, int]]
    programme: object

    def resettlement_by_year(self) -> pd.DataFrame: ...


def check_scenario(scenario: CheckedScenario, layers: Mapping[str, pd.DataFrame], *,
                   base_year: int | None = None) -> None:
    """Check every id, kind, place and year of ``scenario`` against the workspace's layers.

    Parameters
    ----------
    scenario
        The scenario, its ``based_on`` chain merged.
    layers
        ``units``, ``utility_sources``, ``utility_zones``, ``candidate_sites`` and
        ``constraints`` by name (a missing layer is a problem only if it is needed); the
        programme's quotas are checked against the units' regions.
    base_year
        Default: the latest ``pop_year`` of ``units``.

    Raises
    ------
    ScenarioError
        Listing every problem, each with the file, line and key of its entry.
    """
    base = base_year if base_year is not None else _base_year(layers.get("units"))
    problems = _check_years(scenario, base)
    problems += _check_places(scenario, layers)
    problems += _check_sources(scenario, layers)
    problems += [problem_at(file, line, key, text, **values) for file, line, key, text, values
                 in check_quotas(scenario.programme, scenario.resettlement_by_year(),
                                 layers.get("units"))]
    raise_problems(scenario.path, problems)


def _base_year(units: pd.DataFrame | None) -> int | None:
    if units is None or "pop_year" not in units or units["pop_year"].isna().all():
        return None
    return int(pd.to_numeric(units["pop_year"]).max())


def _check_years(s: CheckedScenario, base: int | None) -> list[str]:
    problems = []
    if base is not None and s.horizon < base:
        file, line = s.origins.get("horizon", (s.path.name, None))
        problems.append(problem_at(file, line, "horizon", N_(
                "the horizon {horizon} is before the workspace's base year {base}. Give a year "
                "from {base} on."),
                                   horizon=s.horizon, base=base))
    for table, columns in (("resettlement", {"year_from": "from", "year_to": "to"}),
                           ("facilities", {"year": "year"}), ("sources", {"year": "year"})):
        for row in getattr(s, table).itertuples():
            for column, name in columns.items():
                year, key = int(getattr(row, column)), f"{row.entry}.{name}"
                if base is not None and year < base:
                    problems.append(problem_at(row.file, row.line, key,
                                               N_(
                                                       "the year {year} is before the base year "
                                                       "{base}: a scenario describes what changes "
                                                       "after it. Give a "
                                                       "year from {base} on."),
                                               year=year, base=base))
                elif year > s.horizon:
                    problems.append(problem_at(row.file, row.line, key,
                                               N_(
                                                       "the year {year} is after the horizon "
                                                       "{horizon}. Move it or raise "
                                                       "horizon."), year=year,
                                               horizon=s.horizon))
    return problems


def _wgs(frame: pd.DataFrame | None) -> pd.DataFrame | None:
    if frame is None or getattr(frame, "crs", None) is None:
        return frame
    return frame.to_crs(4326)


def _inside(constraints: pd.DataFrame | None, geom: object) -> str | None:
    """The reasons of the constraints that cover ``geom`` wholly, or None."""
    if constraints is None or constraints.empty or geom is None or geom.is_empty:
        return None
    hits = constraints[constraints.intersects(geom)]
    if hits.empty:
        return None
    union = hits.geometry.union_all()
    covered = union.covers(geom) if geom.area == 0 else \
        geom.difference(union).area <= 1e-9 * geom.area
    reasons = hits["reason"].astype(str) if "reason" in hits else ["constraints"]
    return "; ".join(dict.fromkeys(reasons)) if covered else None


class _Ids:
    """The ids of one layer (and the names they go by), for the checks of one scenario."""

    def __init__(self, layers: Mapping, layer: str, column: str, problems: list[str]) -> None:
        frame = _wgs(layers.get(layer))
        if frame is not None:
            frame = frame.set_index(frame[column].astype(str))
            frame = frame[~frame.index.duplicated()]
        self.layer, self.problems, self.frame, self.missing_said = layer, problems, frame, False

    def known(self, value: str, where: tuple[str, int, str]) -> bool:
        if self.frame is None:
            if not self.missing_said:
                self.problems.append(problem_at(*where, N_(
                        "the workspace has no layer '{layer}', which this check needs. Load it "
                        "with qonys load."), layer=self.layer))
            self.missing_said = True
            return False
        if value in self.frame.index:
            return True
        hint = close_hint(value, list(self.frame.index))
        for column in ("name_en", "name_ru", "name_kk", "name"):
            if column in self.frame and not hint:  # a planner may write a name, not an id
                named = self.frame.index[self.frame[column].astype(str).str.lower()
                                         == value.lower()]
                hint = _(" (did you mean {candidates}?)",
                         candidates=", ".join(named)) if len(named) else ""
        self.problems.append(problem_at(*where, N_(
                "'{value}' is not an id of the layer '{layer}'{hint}. Give an existing id (not a "
                "name)."), value=value,
                                        layer=self.layer, hint=hint))
        return False


def _check_places(s: CheckedScenario, layers: Mapping) -> list[str]:
    from planning.provision.access import FACILITY_KIND  # heavy imports only when checking

    problems: list[str] = []
    units = _Ids(layers, "units", "unit_id", problems)
    sites = _Ids(layers, "candidate_sites", "site_id", problems)
    constraints = _wgs(layers.get("constraints"))
    for row in s.resettlement.itertuples():
        where = (row.file, row.line, f"{row.entry}.unit")
        if units.known(row.unit_id, where) and (
                reason := _inside(constraints, units.frame.geometry[row.unit_id])):
            problems.append(problem_at(*where, N_(
                    "the unit '{value}' lies wholly inside constraints ({reason}): no new housing "
                    "goes there. Choose another unit."), value=row.unit_id,
                                       reason=reason))
    kinds = tuple(FACILITY_KIND.values())
    for row in s.facilities.itertuples():
        if row.kind not in kinds:
            problems.append(problem_at(row.file, row.line, f"{row.entry}.kind", N_(
                    "'{value}' is not a facility kind{hint}. Use one of: {kinds}."),
                                       value=row.kind, kinds=", ".join(kinds),
                                       hint=close_hint(row.kind.rstrip("s"), kinds)))
        geom, where = None, (row.file, row.line, f"{row.entry}.unit")
        if isinstance(row.unit_id, str):
            if units.known(row.unit_id, where):
                geom = units.frame.geometry[row.unit_id].representative_point()
        elif isinstance(row.site_id, str):
            where = (row.file, row.line, f"{row.entry}.site")
            if sites.known(row.site_id, where):
                geom = sites.frame.geometry[row.site_id]
                allowed = str(sites.frame.get("kinds", pd.Series(dtype=str)).get(
                    row.site_id, "") or "")
                if allowed and row.kind in kinds and row.kind not in allowed.split(","):
                    problems.append(problem_at(*where, N_(
                            "the site '{value}' takes {kinds}, not {kind}. "
                            "Choose another site."), value=row.site_id,
                                               kind=row.kind, kinds=allowed))
        else:
            import shapely

            geom, where = shapely.Point(row.lon, row.lat), (row.file, row.line, row.entry)
        if reason := _inside(constraints, geom):
            problems.append(problem_at(*where, N_(
                    "the facility falls at lon {lon}, lat {lat}, inside constraints ({reason}). "
                    "Move it or give a site."), reason=reason,
                                       lon=round(geom.x, 5), lat=round(geom.y, 5)))
    return problems


def _check_sources(s: CheckedScenario, layers: Mapping) -> list[str]:
    problems: list[str] = []
    ids = {"source_id": _Ids(layers, "utility_sources", "source_id", problems),
           "zone": _Ids(layers, "utility_zones", "zone_id", problems)}
    for row in s.sources.itertuples():
        key = "source_id" if isinstance(row.source_id, str) else "zone"
        value, layer = (row.source_id if key == "source_id" else row.zone_id), ids[key]
        where = (row.file, row.line, f"{row.entry}.{key}")
        if layer.known(value, where):
            network = str(layer.frame.at[value, "network"])
            if network != row.network:
                problems.append(problem_at(*where, N_(
                        "'{value}' belongs to the network {actual}, not {network}. Correct "
                        "network or the id."), value=value,
                                           actual=network, network=row.network))
    return problems
