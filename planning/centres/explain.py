"""Each candidate's rank in words, in ru, kk and en, one clause per criterion.

"ranked 3 of 1,245: jobs within 60 min 412,000 (score 0.91, weight 0.3); spare capacity
8,200 residents (estimated from norms; score 0.40, weight 0.3); rural potential not assessed
(no layer loaded); outflow of its region 12,400 persons in 2024 (score 0.77, weight 0.2)".
A criterion not assessed says why, in every explanation; when some are not assessed, the
explanation says that the weights were renormalised over the others.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from functools import cache

from geo.i18n import N_, Message, _, n_
from planning.centres.settings import CRITERIA

#: Why a criterion is not assessed for any candidate of the run, by reason key.
RUN_REASONS = {
    "no_job_centres": N_("no job_centres layer loaded"),
    "no_jobs": N_("no job centre has a jobs figure"),
    "no_spare": N_("no readiness results and no region_indicators table loaded"),
    "no_housing": N_("no readiness results, and region_indicators has no "
                     "housing_commissioned_m2"),
    "no_rural_layer": N_("no rural_potential layer loaded"),
    "no_rural_columns": N_("the rural_potential layer has none of the criteria of the norms "
                           "file"),
    "no_net_migration": N_("no net_migration_official table loaded"),
}
#: Why a criterion is not assessed for one candidate when others have it.
ROW_REASONS = {
    "job_access": N_("no jobs figure"),
    "spare_capacity_residents": N_("no readiness result, and no housing or population figure "
                                   "for its region"),
    "rural_potential": N_("not in the rural_potential layer"),
    "outflow_persons": N_("no net migration figure for its region"),
}


@dataclass(frozen=True)
class Context:
    """What every explanation shares: the number ranked, weights, minutes, why not assessed.

    ``missing`` gives, per criterion not assessed for any candidate, the reason (one of
    :data:`RUN_REASONS`), translated where it is said.
    """

    total: int
    weights: dict[str, float]
    max_minutes: float
    missing: dict[str, Message]


# geo.i18n's convention for ru and kk (1 234,5), for numbers formatted by str.format below.
_COMMA_DECIMAL = str.maketrans({",": "\u00a0", ".": ","})


class _Number:
    """A number that :meth:`str.format` writes the way ``lang`` does, as :func:`geo.i18n._`."""

    __slots__ = ("lang", "value")

    def __init__(self, value: object, lang: str) -> None:
        self.value, self.lang = value, lang

    def __format__(self, spec: str) -> str:
        text = format(self.value, spec)
        return text.translate(_COMMA_DECIMAL) if spec and self.lang != "en" else text


@cache
def _template(message: Message, lang: str) -> str:
    return _(message, lang=lang)


def _say(message: Message, lang: str, **values: object) -> str:
    """:func:`geo.i18n._` of ``message`` with ``values``, the translation looked up once.

    Tens of thousands of explanations are written per run: the built-in :meth:`str.format`
    is several times faster than the translation helper's formatter, and gives the same text.
    """
    local = {k: _Number(v, lang) if isinstance(v, numbers.Real) and not isinstance(v, bool)
             else v for k, v in values.items()}
    return _template(message, lang).format_map(local)


def _given(value: object) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))


def _why(criterion: str, context: Context, lang: str) -> str:
    return _template(context.missing.get(criterion, ROW_REASONS[criterion]), lang)


@cache
def _weighing(score: float, weight: float, lang: str) -> str:
    return _say(N_("score {score:.2f}, weight {weight:.2f}"), lang, score=score, weight=weight)


def explanation(row: dict, context: Context, *, lang: str) -> str:
    """One candidate's explanation in ``lang``.

    ``row`` holds ``rank``, each criterion's raw value, ``score_<criterion>``,
    ``spare_capacity_basis`` and ``outflow_year``.

    Examples
    --------
    >>> ctx = Context(total=3, weights={"job_access": 0.3, "spare_capacity_residents": 0.3,
    ...               "rural_potential": 0.2, "outflow_persons": 0.2}, max_minutes=60,
    ...               missing={"rural_potential": RUN_REASONS["no_rural_layer"]})
    >>> row = {"rank": 1.0, "job_access": 412000.0, "score_job_access": 0.91,
    ...        "spare_capacity_residents": 8200.0, "score_spare_capacity_residents": 0.4,
    ...        "spare_capacity_basis": "norm_estimate", "rural_potential": float("nan"),
    ...        "score_rural_potential": float("nan"), "outflow_persons": 12400.0,
    ...        "score_outflow_persons": 0.77, "outflow_year": 2024}
    >>> print(explanation(row, ctx, lang="en"))  # doctest: +NORMALIZE_WHITESPACE
    ranked 1 of 3: jobs within 60 min 412,000 (score 0.91, weight 0.30); spare capacity 8,200
    residents (estimated from norms; score 0.40, weight 0.30); rural potential not assessed
    (no rural_potential layer loaded); outflow of its region 12,400 persons in 2024 (score 0.77,
    weight 0.20); weights renormalised over the 3 criteria assessed
    """
    parts = [_clause(criterion, row, context, lang) for criterion in CRITERIA]
    assessed = sum(_given(row.get(f"score_{c}")) for c in CRITERIA)
    if not _given(row.get("rank")):
        head = _say(N_("not ranked: no criterion assessed"), lang)
    else:
        head = _say(N_("ranked {rank:,.0f} of {total:,.0f}"), lang, rank=row["rank"],
                 total=context.total)
    text = head + ": " + "; ".join(parts)
    if 0 < assessed < len(CRITERIA):
        text += "; " + n_("weights renormalised over the {count} criterion assessed",
                          "weights renormalised over the {count} criteria assessed",
                          lang=lang, count=assessed)
    return text


def _clause(criterion: str, row: dict, context: Context, lang: str) -> str:
    value, score = row.get(criterion), row.get(f"score_{criterion}")
    weight = context.weights[criterion]
    if criterion == "job_access":
        if not _given(score):
            return _say(N_("jobs within {minutes:.0f} min not assessed ({why})"), lang,
                     minutes=context.max_minutes, why=_why(criterion, context, lang))
        return _say(N_("jobs within {minutes:.0f} min {jobs:,.0f} ({weighing})"), lang,
                 minutes=context.max_minutes, jobs=round(value),
                 weighing=_weighing(score, weight, lang))
    if criterion == "spare_capacity_residents":
        if not _given(score):
            return _say(N_("spare capacity not assessed ({why})"), lang,
                     why=_why(criterion, context, lang))
        basis = (_say(N_("readiness model"), lang) if row.get("spare_capacity_basis") ==
                 "readiness" else _say(N_("estimated from norms"), lang))
        residents = n_("{count:,.0f} resident", "{count:,.0f} residents", lang=lang,
                       count=abs(round(value)))
        text = (_say(N_("spare capacity {residents}"), lang, residents=residents) if value >= 0
                else _say(N_("no spare capacity: a deficit of {residents}"), lang,
                       residents=residents))
        return f"{text} ({basis}; {_weighing(score, weight, lang)})"
    if criterion == "rural_potential":
        if not _given(score):
            return _say(N_("rural potential not assessed ({why})"), lang,
                     why=_why(criterion, context, lang))
        return _say(N_("rural potential {value:.2f} of 1 ({weighing})"), lang, value=value,
                 weighing=_weighing(score, weight, lang))
    if not _given(score):
        return _say(N_("outflow of its region not assessed ({why})"), lang,
                 why=_why(criterion, context, lang))
    year = int(row["outflow_year"])
    persons = n_("{count:,.0f} person", "{count:,.0f} persons", lang=lang,
                 count=abs(round(value)))
    if value >= 0:
        return _say(N_("outflow of its region {persons} in {year} ({weighing})"), lang,
                 persons=persons, year=year, weighing=_weighing(score, weight, lang))
    return _say(N_("its region gained {persons} by net migration in {year} ({weighing})"), lang,
             persons=persons, year=year, weighing=_weighing(score, weight, lang))
