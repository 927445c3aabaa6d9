"""Push and pull: a gravity model of migration with origin and destination covariates (PPML).

The model, beside the fixed-effects one of :mod:`planning.population.gravity`, is

    E[persons_ij] = exp(c + sum_k g_k x_ik + sum_k d_k x_jk + theta * ln d_ij)

where ``x_i`` are the origin's covariates (what pushes people out: a low wage, unemployment),
``x_j`` the destination's (what pulls them in) and ``d_ij`` the distance. Origin fixed effects
cannot sit beside origin covariates (they would be collinear), hence a second model.

It is fitted by Poisson pseudo-maximum-likelihood (Santos Silva and Tenreyro, "The log of
gravity", 2006): Newton's method on the Poisson score, in numpy, zero flows kept. Flows are
overdispersed, so the standard errors are heteroskedasticity-robust (Eicker-Huber-White): HC1,
the sandwich scaled by n / (n - k), as gravity papers report them; ``cov_type="HC0"`` gives the
unscaled sandwich. statsmodels' GLM is the independent check in the tests, not a run-time need.

A covariate named in ``logged`` enters as its natural log, so its coefficient is an elasticity:
a 10 % higher value changes the flow by ``1.1 ** coef - 1``. Any other covariate enters as it
is: one unit more (a percentage point of unemployment) changes the flow by ``exp(coef) - 1``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from geo.errors import QonysError
from geo.i18n import _
from planning.population.gravity import GRAVITY_ROLE_MESSAGES

#: Newton's method stops when no coefficient moves by more than this.
TOLERANCE = 1e-10
MAX_ITERATIONS = 100
COV_TYPES = ("HC0", "HC1")
#: Two-sided 95 % normal quantile.
_Z95 = 1.959963984540054
ROLES = ("origin", "destination")


class PushPullError(QonysError, ValueError):
    """The flows or covariates cannot support the push-and-pull model."""


@dataclass(frozen=True)
class PushPullFit:
    """A fitted push-and-pull model.

    Attributes
    ----------
    coefficients
        One row per term (``const``, ``origin:<covariate>``, ``destination:<covariate>``,
        ``log_distance``): ``term``, ``role`` (origin, destination or empty), ``covariate``,
        ``logged``, ``coef``, ``std_err``, ``ci_low``, ``ci_high``, ``p_value``.
    fitted
        The pairs used, with ``fitted`` flows.
    dropped
        Pairs left out because a covariate of one end was missing: ``origin_id``, ``dest_id``
        and ``missing`` (the covariates, comma-separated).
    cov_type, converged, iterations
        The standard errors' kind, and how the fit ended.
    """

    coefficients: pd.DataFrame
    fitted: pd.DataFrame
    dropped: pd.DataFrame
    cov_type: str
    converged: bool
    iterations: int

    def effects(self, *, lang: str | None = None) -> pd.Series:
        """What each covariate means, in words, indexed by term (not the constant)."""
        rows = self.coefficients[self.coefficients["term"] != "const"]
        return pd.Series([effect_words(row, lang=lang) for row in rows.itertuples()],
                         index=rows["term"].to_numpy(), name="effect")


def fit_push_pull(pairs: pd.DataFrame, covariates: pd.DataFrame, *,
                  logged: Sequence[str] = (), cov_type: str = "HC1",
                  table: str = "region_indicators") -> PushPullFit:
    """Fit the push-and-pull model to flows between places with covariates.

    Parameters
    ----------
    pairs
        ``origin_id``, ``dest_id``, ``persons`` (zeros kept) and ``distance_km`` (> 0).
    covariates
        Indexed by place code, one numeric column per covariate; each enters the model twice,
        at the origin and at the destination. NaN is a missing figure: pairs with one are left
        out and listed in :attr:`PushPullFit.dropped`.
    logged
        Covariates that enter as their natural log (all their values must be above zero).
    cov_type
        ``HC1`` (default) or ``HC0``.
    table
        The covariates' table, named in messages.

    Raises
    ------
    PushPullError
        Missing columns, a constant or non-positive logged covariate, all flows zero, or fewer
        pairs than terms; the message names the table, the column, the value and the fix.

    Examples
    --------
    >>> pairs = pd.DataFrame({"origin_id": ["a", "a", "b", "b", "c", "c"],
    ...                       "dest_id": ["b", "c", "a", "c", "a", "b"],
    ...                       "persons": [10.0, 20, 30, 40, 50, 60],
    ...                       "distance_km": [100.0, 200, 100, 150, 200, 150]})
    >>> wages = pd.DataFrame({"wage": [1.0, 2.0, 4.0]}, index=["a", "b", "c"])
    >>> fit = fit_push_pull(pairs, wages, logged=["wage"])
    >>> round(float(fit.fitted["fitted"].sum()), 6)  # PPML keeps the total of the flows
    210.0
    """
    if cov_type not in COV_TYPES:
        msg = _("Unknown standard errors {value!r}: use one of {choices}.",
                value=cov_type, choices=", ".join(COV_TYPES))
        raise PushPullError(msg)
    frame, dropped = _joined(pairs, covariates, table=table)
    names = list(covariates.columns)
    design, terms = _design(frame, names, set(logged), table=table)
    persons = frame["persons"].to_numpy(float)
    if not persons.sum() > 0:
        msg = _("Every flow in the push-and-pull model is zero: there is nothing to fit. "
                "Check the flows' persons column.")
        raise PushPullError(msg)
    if len(persons) <= design.shape[1]:
        msg = _("The push-and-pull model has {n} pairs for {k} terms: it needs more pairs than "
                "terms. Add flows or drop covariates.", n=len(persons), k=design.shape[1])
        raise PushPullError(msg)
    beta, mu, converged, iterations = _newton(design, persons)
    se = np.sqrt(np.diag(_sandwich(design, persons, mu, cov_type=cov_type)))
    return PushPullFit(coefficients=_coefficient_table(terms, beta, se),
                       fitted=frame.assign(fitted=mu).reset_index(drop=True),
                       dropped=dropped, cov_type=cov_type, converged=converged,
                       iterations=iterations)


def effect_words(row: object, *, lang: str | None = None) -> str:
    """One coefficient in words: how much the flow changes with its covariate.

    ``row`` has ``term``, ``role``, ``covariate``, ``logged``, ``coef`` and ``p_value``
    (a row of :attr:`PushPullFit.coefficients`).
    """
    coef, p_value = float(row.coef), float(row.p_value)
    if row.term == "log_distance":
        text = _("Twice the distance: {change:+.1f} {percent} movers.",
                 lang=lang, change=100 * (2.0 ** coef - 1), percent="%")
    elif bool(row.logged):
        change = 100 * (1.1 ** coef - 1)
        text = (_("A 10 {percent} higher {name} at the origin: {change:+.1f} {percent} "
                  "departures.", lang=lang, name=row.covariate, change=change, percent="%")
                if row.role == "origin" else
                _("A 10 {percent} higher {name} at the destination: {change:+.1f} {percent} "
                  "arrivals.", lang=lang, name=row.covariate, change=change, percent="%"))
    else:
        change = 100 * (np.exp(coef) - 1)
        text = (_("One unit more {name} at the origin: {change:+.1f} {percent} departures.",
                  lang=lang, name=row.covariate, change=change, percent="%")
                if row.role == "origin" else
                _("One unit more {name} at the destination: {change:+.1f} {percent} arrivals.",
                  lang=lang, name=row.covariate, change=change, percent="%"))
    if not p_value < 0.05:
        text += " " + _("(not significant at 5 {percent}: p = {p:.2f})", lang=lang,
                        percent="%", p=p_value)
    return text


def _joined(pairs: pd.DataFrame, covariates: pd.DataFrame, *,
            table: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    missing = [c for c in ("origin_id", "dest_id", "persons", "distance_km")
               if c not in pairs.columns]
    if missing:
        msg = _("The flows of the push-and-pull model lack the columns {columns}: give "
                "origin_id, dest_id, persons and distance_km.", columns=", ".join(missing))
        raise PushPullError(msg)
    frame = pairs[["origin_id", "dest_id", "persons", "distance_km"]].copy()
    frame["origin_id"] = frame["origin_id"].astype(str)
    frame["dest_id"] = frame["dest_id"].astype(str)
    index = covariates.index.astype(str)
    repeated = sorted(set(index[index.duplicated()]))
    if repeated:
        msg = _("{table} gives the places {codes} more than once: keep one row of covariates "
                "per place.", table=table, codes=", ".join(repeated[:5]))
        raise PushPullError(msg)
    values = covariates.set_axis(index).apply(pd.to_numeric, errors="coerce")
    gaps = []
    for role, column in (("origin", "origin_id"), ("destination", "dest_id")):
        taken = values.reindex(frame[column].to_numpy())
        for name in values.columns:
            frame[f"{role}:{name}"] = taken[name].to_numpy()
        gaps.append(taken.isna().to_numpy())
    lacking = gaps[0] | gaps[1]
    bad = lacking.any(axis=1)
    names = np.array(values.columns, dtype=object)
    dropped = frame.loc[bad, ["origin_id", "dest_id"]].assign(
        missing=[", ".join(names[row]) for row in lacking[bad]]).reset_index(drop=True)
    if bad.all():
        msg = _("No pair of the flows has every covariate of {table} at both ends: add the "
                "missing figures or drop a covariate.", table=table)
        raise PushPullError(msg)
    return frame.loc[~bad].reset_index(drop=True), dropped


def _design(frame: pd.DataFrame, names: list[str], logged: set[str], *,
            table: str) -> tuple[np.ndarray, list[tuple[str, str, str, bool]]]:
    unknown = sorted(logged - set(names))
    if unknown:
        msg = _("The covariates {names} to be logged are not columns of {table}.",
                names=", ".join(unknown), table=table)
        raise PushPullError(msg)
    columns = [np.ones(len(frame))]
    terms = [("const", "", "", False)]
    for role in ROLES:
        for name in names:
            values = frame[f"{role}:{name}"].to_numpy(float)
            if name in logged:
                if (values <= 0).any():
                    value = values[values <= 0][0]
                    msg = _("Covariate {name} of {table} has the value {value}, but it enters "
                            "as a log: every value must be above zero. Correct the figure or "
                            "do not log the covariate.", name=name, table=table, value=value)
                    raise PushPullError(msg)
                values = np.log(values)
            if np.ptp(values) == 0:
                msg = _("Covariate {name} of {table} has the same value {value} at all "
                        "{role}: it cannot explain the flows. Drop it or add places where it "
                        "differs.", name=name, table=table, value=values[0],
                        role=_(GRAVITY_ROLE_MESSAGES[role]))
                raise PushPullError(msg)
            columns.append(values)
            terms.append((f"{role}:{name}", role, name, name in logged))
    distance = frame["distance_km"].to_numpy(float)
    if not (distance > 0).all():
        msg = _("A pair of the push-and-pull model has a distance of {value} km: distances "
                "must be above zero.", value=distance[~(distance > 0)][0])
        raise PushPullError(msg)
    columns.append(np.log(distance))
    terms.append(("log_distance", "", "", True))
    return np.column_stack(columns), terms


def _newton(design: np.ndarray, persons: np.ndarray) -> tuple[np.ndarray, np.ndarray, bool, int]:
    # start from the constant model, the usual PPML start: exp(c) is the mean flow
    beta = np.zeros(design.shape[1])
    beta[0] = np.log(persons.mean())
    for iteration in range(1, MAX_ITERATIONS + 1):
        mu = np.exp(design @ beta)
        step = np.linalg.solve(design.T @ (design * mu[:, None]), design.T @ (persons - mu))
        # halve steps that overshoot: exp() of a large linear predictor overflows
        while not np.isfinite(np.exp(design @ (beta + step))).all():
            step /= 2
        beta = beta + step
        if np.max(np.abs(step)) < TOLERANCE:
            return beta, np.exp(design @ beta), True, iteration
    return beta, np.exp(design @ beta), False, MAX_ITERATIONS


def _sandwich(design: np.ndarray, persons: np.ndarray, mu: np.ndarray, *,
              cov_type: str) -> np.ndarray:
    bread = np.linalg.inv(design.T @ (design * mu[:, None]))
    meat = design.T @ (design * ((persons - mu) ** 2)[:, None])
    covariance = bread @ meat @ bread
    n, k = design.shape
    return covariance * (n / (n - k)) if cov_type == "HC1" else covariance


def _coefficient_table(terms: list[tuple[str, str, str, bool]], beta: np.ndarray,
                       se: np.ndarray) -> pd.DataFrame:
    from scipy.stats import norm

    table = pd.DataFrame(terms, columns=["term", "role", "covariate", "logged"])
    table["coef"] = beta
    table["std_err"] = se
    table["ci_low"] = beta - _Z95 * se
    table["ci_high"] = beta + _Z95 * se
    table["p_value"] = 2 * norm.sf(np.abs(beta / se))
    return table
