"""The push-and-pull model between regions: flows and regional covariates made to meet.

:func:`planning.population.push_pull.fit_push_pull` fits flows between places that have
covariates. The covariates of Kazakhstan (income, unemployment, housing commissioned) are
published per region (the table ``region_indicators``), the flows run between units, oblasts and
countries; this module brings them together for ``qonys flows --push-pull`` and the report.

Decisions:

- **Each end is taken to its region.** An oblast or city code (``750000000``) is a region as it
  is; a unit goes by its KATO (its ``kato`` column, else its ``unit_id``, else a ``region``
  column that holds a code): the first two digits and ``0000000``. Any other nine-digit KATO
  (a district of another region) goes the same way. A country or a code that is no KATO has no
  region: those flows are external, left out and counted.
- **Region to region only.** Flows within one region are no move between regions: left out and
  counted. The rest is summed per (origin region, destination region) over the latest
  :data:`WINDOW` years of the flows, as the gravity model sums its years. Pairs no flow names
  are not added as zeros: flows that cover only some places are not a complete register.
- **Distances** are great-circle km between the regions' points of ``data/reference/places.csv``
  (the centroids of the ADM1 polygons).
- **Covariates as of the last year of the flows**: per region and indicator, the latest value of
  ``region_indicators`` in or before that year. Income and housing enter as logs (a 10 % higher
  figure), unemployment as it is (one percentage point more). A region without a figure
  drops its pairs, listed by :func:`planning.population.push_pull.fit_push_pull`.
- **The readiness headroom** (where the workspace has ``readiness_units``) is summed per region
  by :mod:`planning.population.region_headroom` and enters as it is, in thousands of residents;
  where a region of the fit lacks it, it is *not assessed* for the fit and left out, never 0.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from geo.i18n import N_, _
from planning.population.flow_problems import normalise_codes
from planning.population.gravity import MIN_DISTANCE_KM, great_circle_km
from planning.population.push_pull import (
    PushPullError,
    PushPullFit,
    effect_words,
    fit_push_pull,
)
from planning.population.region_headroom import (
    HEADROOM,
    RegionHeadroom,
    headroom_for_fit,
    region_headroom,
)

#: The covariates of ``region_indicators`` the model uses, in its order.
COVARIATES = ("income_per_capita_kzt", "unemployment_rate_pct", "housing_commissioned_m2")
#: Those that enter as logs: their coefficients are elasticities.
LOGGED = ("income_per_capita_kzt", "housing_commissioned_m2")
#: The latest years of flows summed into one pair.
WINDOW = 3
TABLE = "region_indicators"

#: Why flows were left out of the model, by key, chosen at run time.
LEFT_OUT_MESSAGES = {
    "external": N_("an end abroad or without a region code"),
    "within": N_("within one region"),
    "no_point": N_("a region without a point for the distance"),
    "covariate": N_("a covariate missing at an end"),
}

#: The covariates' names in messages, by indicator.
COVARIATE_MESSAGES = {
    "income_per_capita_kzt": N_("income per capita"),
    "unemployment_rate_pct": N_("unemployment rate (percentage points)"),
    "housing_commissioned_m2": N_("housing commissioned"),
    HEADROOM: N_("readiness headroom (thousand residents)"),
}
ROLE_MESSAGES = {"origin": N_("origin"), "destination": N_("destination")}


@dataclass(frozen=True)
class RegionPushPull:
    """The push-and-pull model fitted between regions.

    Attributes
    ----------
    fit
        The fit (:class:`planning.population.push_pull.PushPullFit`).
    pairs
        The region pairs offered to the fit: ``origin_id``, ``dest_id``, ``persons``,
        ``distance_km``.
    left_out
        ``reason`` (a key of :data:`LEFT_OUT_MESSAGES`), ``pairs``, ``persons``: the flows left out
        before the fit and, under ``covariate``, the pairs the fit dropped.
    years
        The flows' years summed.
    covariate_years
        Indicator -> (first, last) year of the figures used.
    headroom
        The readiness headroom per region and, where it is not in the fit, why
        (:class:`planning.population.region_headroom.RegionHeadroom`).
    """

    fit: PushPullFit
    pairs: pd.DataFrame
    left_out: pd.DataFrame
    years: tuple[int, ...]
    covariate_years: dict[str, tuple[int, int]]
    headroom: RegionHeadroom


def flows_generated(flows: pd.DataFrame, *, recorded: bool = False) -> bool:
    """Whether flows are generated: their provenance says so (``recorded``), or a row's
    ``source`` does (the demo's say ``generated (layers/demo_flows.py) …``)."""
    if recorded:
        return True
    if "source" not in flows:
        return False
    return bool(flows["source"].astype(str).str.lower().str.contains("generated").any())


def region_code(code: str) -> str | None:
    """The region of a nine-digit KATO (``"191000000"`` -> ``"190000000"``), else ``None``.

    Examples
    --------
    >>> region_code("751110000"), region_code("710000000"), region_code("RUS")
    ('750000000', '710000000', None)
    """
    text = str(code).strip()
    if len(text) == 9 and text.isdigit():
        return text[:2] + "0000000"
    return None


def unit_regions(units: pd.DataFrame) -> pd.Series:
    """Each unit's region code, indexed by ``unit_id`` (missing where none can be told).

    A unit's ``kato`` first, else its ``unit_id`` (a town carved out of its district,
    ``614000000-town``, by the district's KATO it starts with), else a code in ``region``.

    Examples
    --------
    >>> units = pd.DataFrame({"unit_id": ["751110000", "614000000-town", "x"],
    ...                       "region": ["almaty", "turkestan", "710000000"]})
    >>> unit_regions(units).tolist()
    ['750000000', '610000000', '710000000']
    """
    ids = normalise_codes(units["unit_id"])
    regions = pd.Series([None] * len(units), index=pd.Index(ids.to_numpy()), dtype=object)
    for column in ("kato", "unit_id", "region"):
        if column in units:
            found = normalise_codes(units[column].astype(str)).map(_leading_region).to_numpy()
            regions = regions.where(regions.notna(), pd.Series(found, index=regions.index))
    return regions


def _leading_region(code: str) -> str | None:
    """The region of a code that is a KATO or starts with one and a non-digit."""
    text = str(code).strip()
    if len(text) > 9 and text[:9].isdigit() and not text[9].isdigit():
        text = text[:9]
    return region_code(text)


def region_pairs(flows: pd.DataFrame, units: pd.DataFrame, *, places: pd.DataFrame,
                 window: int = WINDOW) -> tuple[pd.DataFrame, pd.DataFrame, tuple[int, ...]]:
    """Checked flows summed per region pair over the latest ``window`` years.

    Parameters
    ----------
    flows
        Checked flows (:func:`planning.population.flows.check_flows`): ``origin_id``,
        ``dest_id``, ``year``, ``persons``.
    units
        The workspace's units (``unit_id`` and ``kato`` or a KATO-coded ``unit_id``/``region``).
    places
        ``data/reference/places.csv`` (``code``, ``lon``, ``lat``).
    window
        The number of latest years summed.

    Returns
    -------
    tuple
        The pairs (``origin_id``, ``dest_id``, ``persons``, ``distance_km``), what was left out
        (``reason``, ``pairs``, ``persons``) and the years summed.
    """
    years = tuple(sorted(int(y) for y in pd.unique(flows["year"])))[-window:]
    chosen = flows[flows["year"].isin(years)]
    by_unit = unit_regions(units)

    def regions(codes: pd.Series) -> pd.Series:
        codes = normalise_codes(codes)
        own = codes.map(by_unit)
        return own.where(own.notna(), codes.map(region_code))

    frame = pd.DataFrame({"origin_id": regions(chosen["origin_id"]).to_numpy(),
                          "dest_id": regions(chosen["dest_id"]).to_numpy(),
                          "persons": chosen["persons"].to_numpy(float)})
    points = places.assign(code=normalise_codes(places["code"])).set_index("code")
    reasons = np.where(frame["origin_id"].isna() | frame["dest_id"].isna(), "external",
                       np.where(frame["origin_id"] == frame["dest_id"], "within",
                                np.where(frame["origin_id"].isin(points.index)
                                         & frame["dest_id"].isin(points.index), "", "no_point")))
    frame["reason"] = reasons
    left = frame[frame["reason"] != ""]
    left_out = pd.DataFrame({
        "reason": list(LEFT_OUT_MESSAGES)[:3],
        "pairs": [left[left["reason"] == r].groupby(["origin_id", "dest_id"], dropna=False)
                  .ngroups for r in list(LEFT_OUT_MESSAGES)[:3]],
        "persons": [float(left.loc[left["reason"] == r, "persons"].sum())
                    for r in list(LEFT_OUT_MESSAGES)[:3]]})
    kept = frame[frame["reason"] == ""]
    pairs = kept.groupby(["origin_id", "dest_id"], sort=True)["persons"].sum().reset_index()
    if len(pairs):
        a = points.loc[pairs["origin_id"], ["lon", "lat"]].to_numpy(float)
        b = points.loc[pairs["dest_id"], ["lon", "lat"]].to_numpy(float)
        pairs["distance_km"] = np.maximum(MIN_DISTANCE_KM, great_circle_km(a, b))
    else:
        pairs["distance_km"] = pd.Series(dtype=float)
    return pairs, left_out, years


def region_covariates(table: pd.DataFrame, *, year: int,
                      indicators: tuple[str, ...] = COVARIATES,
                      ) -> tuple[pd.DataFrame, dict[str, tuple[int, int]]]:
    """Per region, each indicator's latest value in or before ``year``.

    Returns
    -------
    tuple
        A frame indexed by region code, one column per indicator found (NaN where a region has
        no figure), and per indicator the (first, last) year of the figures taken.

    Examples
    --------
    >>> t = pd.DataFrame({"region": ["a", "a", "b"], "year": [2022, 2023, 2024],
    ...                   "indicator": "unemployment_rate_pct", "value": [5.0, 4.0, 6.0]})
    >>> frame, years = region_covariates(t, year=2023, indicators=("unemployment_rate_pct",))
    >>> frame["unemployment_rate_pct"].to_dict(), years
    ({'a': 4.0}, {'unemployment_rate_pct': (2023, 2023)})
    """
    rows = table[table["indicator"].isin(indicators)].assign(
        region=lambda t: normalise_codes(t["region"].astype(str)),
        year=lambda t: pd.to_numeric(t["year"], errors="coerce"),
        value=lambda t: pd.to_numeric(t["value"], errors="coerce"))
    rows = rows[(rows["year"] <= year) & rows["value"].notna()]
    latest = rows.sort_values("year", kind="mergesort").groupby(
        ["region", "indicator"]).tail(1)
    found = [name for name in indicators if name in set(latest["indicator"])]
    wide = latest.pivot(index="region", columns="indicator", values="value")
    spans = {name: (int(latest.loc[latest["indicator"] == name, "year"].min()),
                    int(latest.loc[latest["indicator"] == name, "year"].max())) for name in found}
    return wide.reindex(columns=found), spans


def fit_regions(flows: pd.DataFrame, units: pd.DataFrame, indicators: pd.DataFrame, *,
                places: pd.DataFrame, window: int = WINDOW,
                readiness: pd.DataFrame | None = None) -> RegionPushPull:
    """Fit the push-and-pull model between regions.

    Parameters
    ----------
    flows
        Checked flows (:func:`planning.population.flows.check_flows`).
    units
        The workspace's units.
    indicators
        The table ``region_indicators`` (long: region, year, indicator, value).
    places
        ``data/reference/places.csv``.
    window
        The latest years of flows summed.
    readiness
        The table ``readiness_units`` (``None``: the workspace has none): its headroom, summed
        per region, enters at both ends where every region of the fit has it.

    Raises
    ------
    planning.population.push_pull.PushPullError
        No flows, no covariate in the table, too few pairs (as
        :func:`planning.population.push_pull.fit_push_pull` says).
    """
    if flows.empty:
        msg = _("The workspace's flows are empty: there is nothing to fit.")
        raise PushPullError(msg)
    pairs, left_out, years = region_pairs(flows, units, places=places, window=window)
    covariates, spans = region_covariates(indicators, year=years[-1])
    if covariates.empty or not len(covariates.columns):
        msg = _("The table {table} has none of the covariates {names} in or before {year}.",
                table=TABLE, names=", ".join(COVARIATES), year=years[-1])
        raise PushPullError(msg)
    if pairs.empty:
        msg = _("No flow of {years} runs between two regions of Kazakhstan: there is nothing "
                "to fit.", years=_span(years))
        raise PushPullError(msg)
    headroom = headroom_for_fit(region_headroom(readiness, unit_regions(units)),
                                _complete_regions(pairs, covariates))
    if headroom.assessed:
        covariates = covariates.assign(**{HEADROOM: headroom.values.reindex(covariates.index)})
    fit = fit_push_pull(pairs, covariates,
                        logged=[c for c in LOGGED if c in covariates.columns], table=TABLE)
    dropped = fit.dropped.merge(pairs, on=["origin_id", "dest_id"], how="left")
    left_out = pd.concat([left_out, pd.DataFrame({
        "reason": ["covariate"], "pairs": [len(dropped)],
        "persons": [float(dropped["persons"].sum())]})], ignore_index=True)
    return RegionPushPull(fit=fit, pairs=pairs, left_out=left_out, years=years,
                          covariate_years=spans, headroom=headroom)


def _complete_regions(pairs: pd.DataFrame, covariates: pd.DataFrame) -> set[str]:
    """The regions at the ends of the pairs that have every covariate at both ends."""
    complete = covariates.index[covariates.notna().all(axis=1)].astype(str)
    kept = pairs[pairs["origin_id"].isin(complete) & pairs["dest_id"].isin(complete)]
    return set(kept["origin_id"]) | set(kept["dest_id"])


def term_label(row: object, *, lang: str | None = None) -> str:
    """A term of the fit in words: ``origin: income per capita``; the distance as "distance"."""
    if row.term == "log_distance":
        return _("distance", lang=lang)
    return f"{_(ROLE_MESSAGES[row.role], lang=lang)}: {covariate_label(row.covariate, lang)}"


def effects_in_words(fit: PushPullFit, *, lang: str | None = None) -> pd.DataFrame:
    """The fit's terms but the constant, with ``label`` and ``meaning`` in ``lang``.

    As :meth:`planning.population.push_pull.PushPullFit.effects`, with the covariates named
    in words rather than by their keys.
    """
    rows = fit.coefficients[fit.coefficients["term"] != "const"]
    words, labels = [], []
    for row in rows.itertuples(index=False):
        named = row._replace(covariate=covariate_label(row.covariate, lang)) if row.covariate \
            else row
        words.append(effect_words(named, lang=lang))
        labels.append(term_label(row, lang=lang))
    return rows.assign(label=labels, meaning=words).reset_index(drop=True)


def covariate_label(key: str, lang: str | None = None) -> str:
    """A covariate's name in words (its key when qonys has none)."""
    return _(COVARIATE_MESSAGES[key], lang=lang) if key in COVARIATE_MESSAGES else str(key)


def _span(years: tuple[int, ...]) -> str:
    return f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
