"""A gravity model of migration, and the flows it predicts for pairs nobody observed.

The model is a Poisson GLM with a log link (statsmodels):

    E[persons_ij] = exp(a_i + b_j + beta * ln d_ij)

where ``a_i`` is the push of origin *i*, ``b_j`` the pull of destination *j* (fixed effects),
``d_ij`` the great-circle distance in km between their points (a unit's centroid, an oblast's
centroid, a country's capital) and ``beta`` the distance elasticity (negative: farther places
exchange fewer people). Poisson with fixed effects is the usual estimator for flows: it keeps
zero flows, and its fitted flows out of every origin and into every destination add up to the
observed ones.

Decisions:

- One observation per (origin, destination) pair: persons summed over the chosen years (all
  years by default). Years add counts, not information on distance, and a pair seen in some
  years only is not mistaken for zeros in the others. Predictions are therefore totals over
  :attr:`GravityFit.years`; divide by their number for a yearly figure.
- A pair whose origin and destination are the same place is left out. Distances below
  :data:`MIN_DISTANCE_KM` are taken as that (two places with one point).
- A place whose flows in the fitted role all sum to zero is left out: its effect would be
  minus infinity.
- The effects are identified only within a connected set of origins and destinations; flows
  that fall into separate groups are refused with a message.
- In :attr:`GravityFit.coefficients`, origin effects carry the intercept and destination
  effects are relative to the first destination (0, with no standard error).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
import pandas as pd

from geo.errors import QonysError
from geo.i18n import N_, _
from planning.population.flow_problems import normalise_codes
from planning.population.places import KnownPlaces

#: The messages of gravity role by key, chosen at run time, marked for the catalogue.
GRAVITY_ROLE_MESSAGES = {
    "destination": N_("destinations"),
    "origin": N_("origins"),
}

log = logging.getLogger(__name__)

#: Shorter distances are taken as this, in km.
MIN_DISTANCE_KM = 1.0
#: Mean radius of the Earth (IUGG), km.
EARTH_RADIUS_KM = 6371.0088
_TOLERANCE = 1e-10
_MAX_ITERATIONS = 100


class GravityError(QonysError, ValueError):
    """The flows cannot support a gravity model, or a prediction asks for an unfitted place."""


@dataclass(frozen=True)
class GravityFit:
    """A fitted gravity model.

    Attributes
    ----------
    coefficients
        ``term`` (origin, destination or log_distance), ``place`` (code, empty for the
        distance), ``coef`` and ``std_err``.
    distance_elasticity, distance_se, distance_ci
        ``beta``, its standard error and its 95% confidence interval.
    deviance, null_deviance, pseudo_r2
        The model's deviance, that of a constant model, and 1 - deviance / null_deviance.
    n_pairs, n_origins, n_destinations
        What the fit used.
    converged
        Whether the iterations converged.
    years
        The years summed into each pair.
    pairs
        ``origin_id``, ``dest_id``, ``persons`` (observed), ``distance_km``, ``fitted``.
    places
        Indexed by code: ``lon``, ``lat`` and ``kind`` of every fitted place.
    """

    coefficients: pd.DataFrame
    distance_elasticity: float
    distance_se: float
    distance_ci: tuple[float, float]
    deviance: float
    null_deviance: float
    pseudo_r2: float
    n_pairs: int
    n_origins: int
    n_destinations: int
    converged: bool
    years: tuple[int, ...]
    pairs: pd.DataFrame
    places: pd.DataFrame

    def effects(self, term: str) -> pd.Series:
        """Origin (``term="origin"``) or destination effects, indexed by code."""
        rows = self.coefficients[self.coefficients["term"] == term]
        return pd.Series(rows["coef"].to_numpy(), index=rows["place"].to_numpy())

    def report(self, lang: str | None = None) -> str:
        """The fit in a few sentences, in ``lang`` (default: the current language)."""
        years = (f"{self.years[0]}–{self.years[-1]}" if len(self.years) > 1
                 else str(self.years[0]) if self.years else "—")
        low, high = self.distance_ci
        lines = [
            _("Gravity model (Poisson GLM with origin and destination effects): {pairs} pairs, "
              "{origins} origins, {destinations} destinations, years {years}.",
              lang=lang, pairs=self.n_pairs, origins=self.n_origins,
               destinations=self.n_destinations, years=years),
            _("Distance elasticity {beta:.3f} (standard error {se:.3f}; 95{percent} interval "
              "{low:.3f} to {high:.3f}): a flow changes by about {change:+.0f}{percent} when the "
              "distance doubles.",
              lang=lang, beta=self.distance_elasticity,
               se=self.distance_se, low=low, high=high,
               change=100 * (2.0 ** self.distance_elasticity - 1), percent="%"),
            _("Deviance {deviance:.1f} against {null:.1f} for a constant model: pseudo-R² = "
              "{r2:.3f}.",
              lang=lang, deviance=self.deviance,
               null=self.null_deviance, r2=self.pseudo_r2),
        ]
        if not self.converged:
            lines.append(_("The fit did not converge: do not rely on these figures.", lang=lang))
        return "\n".join(lines)


def great_circle_km(lonlat_a: np.ndarray, lonlat_b: np.ndarray) -> np.ndarray:
    """Great-circle distance in km between rows of (lon, lat) in degrees (haversine).

    Examples
    --------
    >>> d = great_circle_km(np.array([[0.0, 0.0]]), np.array([[1.0, 0.0]]))
    >>> round(float(d[0]), 3)  # one degree of the equator: 6371.0088 * pi / 180
    111.195
    """
    lon1, lat1 = np.radians(lonlat_a[:, 0]), np.radians(lonlat_a[:, 1])
    lon2, lat2 = np.radians(lonlat_b[:, 0]), np.radians(lonlat_b[:, 1])
    h = (np.sin((lat2 - lat1) / 2) ** 2
         + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2)
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))


def fit_gravity(flows: pd.DataFrame, *, known: KnownPlaces, years: list[int] | None = None,
                flow_kind: str | None = None) -> GravityFit:
    """Fit the gravity model to flows summed per (origin, destination) pair.

    Parameters
    ----------
    flows
        Checked flows (:func:`planning.population.flows.check_flows`): ``origin_id``, ``dest_id``,
        ``year``, ``persons``, and ``flow_kind`` if ``flow_kind`` is given.
    known
        Where every place is (:func:`planning.population.places.known_places`).
    years
        Years to sum; default every year in ``flows``.
    flow_kind
        ``internal`` or ``external`` to fit one kind only; default both.

    Raises
    ------
    GravityError
        A place without coordinates, fewer than 2 origins or destinations or too few pairs
        (the message says how many are needed), or pairs that fall into unlinked groups.
    """
    # statsmodels takes seconds to import: only when a model is fitted
    from statsmodels.genmod import families
    from statsmodels.genmod.generalized_linear_model import GLM

    chosen = flows if years is None else flows[flows["year"].isin(list(years))]
    if flow_kind is not None:
        chosen = chosen[chosen["flow_kind"] == flow_kind]
    chosen = chosen.assign(origin_id=normalise_codes(chosen["origin_id"]),
                           dest_id=normalise_codes(chosen["dest_id"]))
    chosen = chosen[chosen["origin_id"] != chosen["dest_id"]]
    pairs = _pairs(chosen)
    _check_known(pairs, known)
    origins = sorted(pairs["origin_id"].unique())
    destinations = sorted(pairs["dest_id"].unique())
    _check_enough(len(pairs), len(origins), len(destinations))
    _check_linked(pairs, origins, destinations)
    pairs["distance_km"] = np.maximum(MIN_DISTANCE_KM, great_circle_km(
        known.lonlat(pairs["origin_id"]), known.lonlat(pairs["dest_id"])))
    design = _design(pairs, origins, destinations)
    result = GLM(pairs["persons"].to_numpy(float), design,
                 family=families.Poisson()).fit(tol=_TOLERANCE, maxiter=_MAX_ITERATIONS)
    pairs["fitted"] = result.fittedvalues
    converged = bool(getattr(result, "converged", True))
    if not converged:
        log.warning("gravity fit did not converge in %d iterations", _MAX_ITERATIONS)
    low, high = result.conf_int(alpha=0.05)[-1]
    places = known.table.loc[sorted(set(origins) | set(destinations)), ["lon", "lat", "kind"]]
    return GravityFit(
        coefficients=_coefficients(result, origins, destinations),
        distance_elasticity=float(result.params[-1]), distance_se=float(result.bse[-1]),
        distance_ci=(float(low), float(high)), deviance=float(result.deviance),
        null_deviance=float(result.null_deviance),
        pseudo_r2=float(1 - result.deviance / result.null_deviance),
        n_pairs=len(pairs), n_origins=len(origins), n_destinations=len(destinations),
        converged=converged, years=tuple(sorted(int(y) for y in chosen["year"].unique())),
        pairs=pairs.reset_index(drop=True), places=places)


def fill_pairs(fit: GravityFit, *, origins: list[str] | None = None,
               destinations: list[str] | None = None) -> pd.DataFrame:
    """Every pair of the given origins and destinations, observed or predicted.

    Parameters
    ----------
    fit
        A fitted model.
    origins, destinations
        Codes among the fitted origins and destinations; default all of them. Pass for example
        the workspace's unit ids as ``destinations`` to get only the flows into the units.

    Returns
    -------
    pandas.DataFrame
        ``origin_id``, ``dest_id``, ``persons`` (observed where the pair was observed, else
        the model's prediction exp(a_i + b_j + beta ln d_ij)), ``observed`` (bool) and
        ``predicted`` (the model's value for every pair), totals over ``fit.years``. Pairs
        with the same origin and destination are left out.

    Raises
    ------
    GravityError
        If a code was not fitted in that role.
    """
    push, pull = fit.effects("origin"), fit.effects("destination")
    chosen_o = _fitted(origins, push.index, "origin")
    chosen_d = _fitted(destinations, pull.index, "destination")
    grid = pd.MultiIndex.from_product([chosen_o, chosen_d], names=["origin_id", "dest_id"])
    table = grid.to_frame(index=False)
    table = table[table["origin_id"] != table["dest_id"]].reset_index(drop=True)
    lonlat = fit.places[["lon", "lat"]]
    distance = np.maximum(MIN_DISTANCE_KM, great_circle_km(
        lonlat.loc[table["origin_id"]].to_numpy(float),
        lonlat.loc[table["dest_id"]].to_numpy(float)))
    table["predicted"] = np.exp(push.loc[table["origin_id"]].to_numpy()
                                + pull.loc[table["dest_id"]].to_numpy()
                                + fit.distance_elasticity * np.log(distance))
    seen = fit.pairs.set_index(["origin_id", "dest_id"])["persons"]
    observed = seen.reindex(pd.MultiIndex.from_frame(table[["origin_id", "dest_id"]]))
    table["observed"] = observed.notna().to_numpy()
    table["persons"] = np.where(table["observed"], observed.to_numpy(), table["predicted"])
    return table[["origin_id", "dest_id", "persons", "observed", "predicted"]]


def _pairs(flows: pd.DataFrame) -> pd.DataFrame:
    """Persons per pair, without places whose flows in their role sum to zero."""
    pairs = flows.groupby(["origin_id", "dest_id"], as_index=False)["persons"].sum()
    out_total = pairs.groupby("origin_id")["persons"].transform("sum")
    in_total = pairs.groupby("dest_id")["persons"].transform("sum")
    empty = (out_total <= 0) | (in_total <= 0)
    if empty.any():
        log.info("gravity: %d pairs of places that sent or received nobody left out",
                 int(empty.sum()))
    return pairs[~empty].reset_index(drop=True)


def _check_known(pairs: pd.DataFrame, known: KnownPlaces) -> None:
    codes = pd.concat([pairs["origin_id"], pairs["dest_id"]]).unique()
    missing = sorted(c for c in codes if c not in known.table.index)
    if missing:
        raise GravityError(_("No coordinates for {codes}: check the flows first (check_flows), or "
                             "add the places to the units or to "
                             "data/reference/places.csv.", codes=", ".join(missing)))


def _check_enough(n_pairs: int, n_origins: int, n_destinations: int) -> None:
    # intercept, n_o - 1 origin and n_d - 1 destination effects, beta: n_o + n_d in all
    params = max(n_origins, 2) + max(n_destinations, 2)
    if n_origins < 2 or n_destinations < 2 or n_pairs < params + 1:
        raise GravityError(_("Too few pairs for the gravity model: {pairs} pair(s) among "
                             "{origins} origin(s) and {destinations} destination(s). It needs at "
                             "least 2 origins, 2 destinations and {need} pairs (one more than its "
                             "{params} coefficients). Add flows or years.",
                             pairs=n_pairs, origins=n_origins,
                              destinations=n_destinations, need=params + 1, params=params))


def _check_linked(pairs: pd.DataFrame, origins: list[str], destinations: list[str]) -> None:
    """Refuse origins and destinations that split into groups sharing no pair."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    o = pd.Index(origins).get_indexer(pairs["origin_id"])
    d = pd.Index(destinations).get_indexer(pairs["dest_id"]) + len(origins)
    size = len(origins) + len(destinations)
    graph = coo_matrix((np.ones(len(pairs)), (o, d)), shape=(size, size))
    count, labels = connected_components(graph, directed=False)
    if count > 1:
        names = [*(f"{c}→" for c in origins), *(f"→{c}" for c in destinations)]
        examples = "; ".join(", ".join(n for n, g in zip(names, labels, strict=True)
                                       if g == group)[:80] for group in range(count))
        raise GravityError(_("The pairs fall into {groups} groups that share no place (for "
                             "example: {examples}); the effects of places in different groups "
                             "cannot be compared. Fit the groups separately, or add flows that "
                             "link them.",
                             groups=count, examples=examples))


def _design(pairs: pd.DataFrame, origins: list[str], destinations: list[str]) -> np.ndarray:
    """Intercept, origin and destination dummies (the first of each left out), ln distance."""
    n = len(pairs)
    o = pd.Index(origins).get_indexer(pairs["origin_id"])
    d = pd.Index(destinations).get_indexer(pairs["dest_id"])
    design = np.zeros((n, len(origins) + len(destinations)))
    design[:, 0] = 1.0
    rows = np.arange(n)
    design[rows[o > 0], o[o > 0]] = 1.0
    design[rows[d > 0], len(origins) - 1 + d[d > 0]] = 1.0
    design[:, -1] = np.log(pairs["distance_km"].to_numpy(float))
    return design


def _coefficients(result: object, origins: list[str],
                  destinations: list[str]) -> pd.DataFrame:
    params = np.asarray(result.params)
    cov = np.asarray(result.cov_params())
    n_o = len(origins)
    rows = []
    for i, code in enumerate(origins):  # a_i = intercept + dummy_i
        weights = np.zeros(len(params))
        weights[0] = 1.0
        if i > 0:
            weights[i] = 1.0
        rows.append(("origin", code, weights @ params, np.sqrt(weights @ cov @ weights)))
    rows.append(("destination", destinations[0], 0.0, np.nan))
    for j, code in enumerate(destinations[1:], start=1):
        k = n_o - 1 + j
        rows.append(("destination", code, params[k], np.sqrt(cov[k, k])))
    rows.append(("log_distance", "", params[-1], np.sqrt(cov[-1, -1])))
    return pd.DataFrame(rows, columns=["term", "place", "coef", "std_err"])


def _fitted(codes: list[str] | None, fitted: pd.Index, role: str) -> list[str]:
    if codes is None:
        return list(fitted)
    chosen = [str(c) for c in codes]
    missing = [c for c in chosen if c not in fitted]
    if missing:
        raise GravityError(_("{codes} are not among the fitted model's {role}: it has no effect "
                             "for them, so it cannot predict their flows. Choose among the fitted "
                             "places.", codes=", ".join(missing),
                              role=_(GRAVITY_ROLE_MESSAGES[role])))
    return chosen
