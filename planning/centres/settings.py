"""The figures of ``qonys centres`` in the norms file: weights, travel, living space, criteria.

They live in the ``centres`` section of ``data/norms/default.yaml``, each with its source, and a
scenario may override them like any figure (``centres.weights.job_access``). This module reads
and checks them: a weight that is not a number, is negative, or names no criterion is refused
with the file, the key and the value.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from geo.errors import NormError
from geo.i18n import _
from planning.norms import Norms

#: The criteria of a candidate centre, in the order of the tables.
CRITERIA = ("job_access", "spare_capacity_residents", "rural_potential", "outflow_persons")
SECTION = "centres"
#: The figures of the section that are one number each (all above 0).
FIGURES = ("job_access_max_minutes", "job_access_half_weight_minutes", "detour_factor",
           "speed_kmh", "living_space_m2_per_person")
RURAL_BLOCKS = ("economic", "infrastructure", "demographic", "geospatial")


@dataclass(frozen=True)
class RuralCriterion:
    """One column of the ``rural_potential`` layer: its block, direction, weight and source."""

    column: str
    block: str
    direction: int
    weight: float
    source: str


@dataclass(frozen=True)
class CentresSettings:
    """Everything ``qonys centres`` takes from the norms file.

    Attributes
    ----------
    weights, weight_sources
        Weight and source of each of :data:`CRITERIA`.
    max_minutes, half_weight_minutes, detour_factor, speed_kmh
        Jobs count within ``max_minutes``; a job ``half_weight_minutes`` away counts half; the
        travel time is great-circle km × ``detour_factor`` ÷ ``speed_kmh``.
    living_space_m2_per_person
        The norm of living space that turns housing commissioned (m²) into residents.
    rural_criteria
        The columns of the ``rural_potential`` layer that qonys scores, by column.
    sources
        The source of every figure, by key (``centres.speed_kmh``).
    """

    path: str
    weights: dict[str, float]
    weight_sources: dict[str, str]
    max_minutes: float
    half_weight_minutes: float
    detour_factor: float
    speed_kmh: float
    living_space_m2_per_person: float
    rural_criteria: dict[str, RuralCriterion]
    sources: dict[str, str]

    @property
    def beta(self) -> float:
        """Decay per minute of the Hansen measure: ln 2 / the half-weight time.

        Examples
        --------
        >>> round(centres_settings().beta, 4)
        0.0231
        """
        return math.log(2.0) / self.half_weight_minutes


def centres_settings(norms: Norms | None = None) -> CentresSettings:
    """Read and check the ``centres`` section of ``norms`` (default: the shipped norms file).

    Raises
    ------
    NormError
        A figure or weight missing, not a number, negative (a weight) or not positive (a figure),
        a weight of no known criterion, all weights zero, or a rural criterion without a block,
        a direction of 1 or -1 or a source; the message names the file, the key and the value.

    Examples
    --------
    >>> s = centres_settings()
    >>> s.weights["job_access"], s.max_minutes, s.detour_factor
    (0.3, 60.0, 1.3)
    """
    if norms is None:
        from planning.norms import load_norms

        norms = load_norms()
    path = str(norms.path)
    section = (norms.sections or {}).get(SECTION)
    if not isinstance(section, dict):
        raise NormError(_("The norms file {path} has no value for {key}. Add it with its "
                          "source.", path=path, key=SECTION))
    weights, weight_sources = _weights(section.get("weights"), path)
    figures, sources = {}, {f"{SECTION}.weights.{k}": v for k, v in weight_sources.items()}
    for key in FIGURES:
        entry = section.get(key)
        where = f"{SECTION}.{key}"
        if not isinstance(entry, dict) or "value" not in entry:
            raise NormError(_("The norms file {path} has no value for {key}. Add it with its "
                              "source.", path=path, key=where))
        value = _number(entry["value"])
        if value is None or value <= 0:
            raise NormError(_("In the norms file {path}, {key} is '{value}': it must be a "
                              "number above 0. Set it so.", path=path, key=where,
                              value=entry["value"]))
        figures[key], sources[where] = value, str(entry.get("source") or "")
    return CentresSettings(
        path=path, weights=weights, weight_sources=weight_sources,
        max_minutes=figures["job_access_max_minutes"],
        half_weight_minutes=figures["job_access_half_weight_minutes"],
        detour_factor=figures["detour_factor"], speed_kmh=figures["speed_kmh"],
        living_space_m2_per_person=figures["living_space_m2_per_person"],
        rural_criteria=_rural(section.get("rural_criteria") or {}, path), sources=sources)


def _number(value: object) -> float | None:
    """``value`` as a finite float, or ``None`` (text, a bool, NaN, infinity)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def _weights(raw: object, path: str) -> tuple[dict[str, float], dict[str, str]]:
    key = f"{SECTION}.weights"
    if not isinstance(raw, dict):
        raise NormError(_("The norms file {path} has no value for {key}. Add it with its "
                          "source.", path=path, key=key))
    weights, sources = {}, {}
    for name, entry in raw.items():
        where = f"{key}.{name}"
        value = entry.get("value") if isinstance(entry, dict) else entry
        if name not in CRITERIA:
            raise NormError(_("In the norms file {path}, {key} = '{value}' weighs a criterion "
                              "qonys centres does not know. The criteria are: {known}.",
                              path=path, key=where, value=value, known=", ".join(CRITERIA)))
        number = _number(value)
        if number is None or number < 0:
            raise NormError(_("In the norms file {path}, {key} is '{value}': a weight is a "
                              "number of 0 or more. Set it so.", path=path, key=where,
                              value=value))
        weights[name], sources[name] = number, str(entry.get("source") or "")
    for name in CRITERIA:
        if name not in weights:
            raise NormError(_("The norms file {path} has no value for {key}. Add it with its "
                              "source.", path=path, key=f"{key}.{name}"))
    if not any(weights.values()):
        raise NormError(_("In the norms file {path}, every weight of {key} is 0: give at least "
                          "one criterion a weight above 0.", path=path, key=key))
    return weights, sources


def _rural(raw: dict, path: str) -> dict[str, RuralCriterion]:
    criteria = {}
    for column, entry in raw.items():
        where = f"{SECTION}.rural_criteria.{column}"
        entry = entry if isinstance(entry, dict) else {}
        weight, direction = _number(entry.get("weight")), entry.get("direction")
        if weight is None or weight < 0:
            raise NormError(_("In the norms file {path}, {key} is '{value}': a weight is a "
                              "number of 0 or more. Set it so.", path=path,
                              key=f"{where}.weight", value=entry.get("weight")))
        if direction not in (1, -1) or isinstance(direction, bool):
            raise NormError(_("In the norms file {path}, {key} is '{value}': give 1 (more is "
                              "better) or -1 (less is better).", path=path,
                              key=f"{where}.direction", value=direction))
        if entry.get("block") not in RURAL_BLOCKS:
            raise NormError(_("In the norms file {path}, {key} is '{value}'; the blocks of "
                              "Order No 50 are {allowed}.", path=path, key=f"{where}.block",
                              value=entry.get("block"), allowed=", ".join(RURAL_BLOCKS)))
        criteria[str(column)] = RuralCriterion(str(column), entry["block"], int(direction),
                                               weight, str(entry.get("source") or ""))
    return criteria
