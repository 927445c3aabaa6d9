"""The forecasting centre: back-test each migration model, choose one, forecast with a range.

:func:`backtest` runs every model of :data:`MODELS` from each origin year ``t`` (trained on the
years up to ``t``) and compares its forecast of ``t+1 … t+k`` with what happened, region by
region. :func:`scores` sums that up per model: **MAE** (persons a year) and **MAPE** (%) of net
migration per region and year. :func:`choose_model` takes the lower MAE unless the user fixes a
model (:data:`SETTINGS_SECTION` of the norms file). :func:`regional_forecast` gives the chosen
model's forecast with an interval, and :func:`first_deficit_range` the first-deficit year of a
forecast with its range.

Decisions:

- **MAPE is guarded**: the denominator is ``max(|actual|, mape_floor)`` persons (default
  1,000): net migration passes through zero, and a region with a net of 40 would otherwise
  weigh a thousand times one with 40,000.
- **Only comparable pairs are scored**: an origin and a target year on both sides of a change
  of the region's borders (:data:`BORDER_CHANGES`) compare different territories and are left
  out, as are years without a known net migration (never taken as 0).
- **The interval** of a year ``h`` ahead is the forecast plus the :data:`INTERVAL` quantiles of
  the model's back-test errors ``h`` years ahead, as shares of the region's population at the
  origin (pooled over regions and origins). The **cumulative** range (the population a region
  has gained by a year, which moves the first-deficit year) resamples whole back-test error
  paths — one origin's errors at ``h = 1 … k`` for one region — with replacement
  (:data:`BOOTSTRAP_DRAWS`), so that errors of consecutive years stay together. Beyond the
  back-test's horizon the last horizon's errors are reused.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd

from geo.i18n import _
from planning.forecast.learned import forecast_learned
from planning.forecast.regional_models import (
    Panel,
    forecast_gravity,
    forecast_radiation,
    forecast_trend,
)

#: Regions whose territory changed, by the first year (1 January) of the new borders.
BORDER_CHANGES = {2015: frozenset({"190000000", "750000000"}),
                  2022: frozenset({"190000000", "350000000", "630000000"})}
#: The models, in the order of the tables (and of the choice when errors tie).
MODEL_NAMES = ("trend", "gravity", "radiation", "learned")
#: The norms file's section of the forecasting centre and its keys' defaults.
SETTINGS_SECTION = "migration_models"
DEFAULTS = {"model": "auto", "first_origin": 2009, "horizon_years": 6, "mape_floor": 1000.0}
INTERVAL = (0.1, 0.9)
BOOTSTRAP_DRAWS = 2000


def comparable(region: str, origin: int, year: int) -> bool:
    """Whether ``region`` had the same borders at ``origin`` and in ``year``.

    Examples
    --------
    >>> comparable("190000000", 2020, 2023), comparable("190000000", 2022, 2023)
    (False, True)
    """
    return not any(origin < change <= year and region in regions
                   for change, regions in BORDER_CHANGES.items())


def _learned(panel: Panel, *, origin: int, horizon: int) -> pd.DataFrame:
    return forecast_learned(panel, origin=origin, horizon=horizon, comparable=comparable)


MODELS: dict[str, Callable[..., pd.DataFrame]] = {
    "trend": forecast_trend, "gravity": forecast_gravity, "radiation": forecast_radiation,
    "learned": _learned}


def backtest(panel: Panel, *, models: Mapping[str, Callable] | None = None,
             first_origin: int = DEFAULTS["first_origin"],
             horizon: int = DEFAULTS["horizon_years"],
             regions: list[str] | None = None) -> pd.DataFrame:
    """Rolling-origin back-test: train to ``t``, forecast ``t+1 … t+horizon``, compare.

    Parameters
    ----------
    panel
        The regional figures.
    models
        Name -> forecast function (default :data:`MODELS`).
    first_origin
        The first origin; the last is the year before the last known one.
    horizon
        ``k``: how many years each origin forecasts.
    regions
        Score only these regions (default: all).

    Returns
    -------
    pandas.DataFrame
        ``model``, ``origin``, ``horizon``, ``year``, ``region``, ``actual``, ``forecast``,
        ``error`` (forecast - actual) and ``population`` (at the origin), one row per pair
        scored.
    """
    models = MODELS if models is None else models
    known = panel.years
    if not known:
        return pd.DataFrame(columns=["model", "origin", "horizon", "year", "region", "actual",
                                     "forecast", "error", "population"])
    frames = []
    for origin in range(first_origin, max(known)):
        for name, model in models.items():
            made = model(panel, origin=origin, horizon=horizon)
            if made.empty:
                continue
            made = made[made["year"] <= max(known)]
            if regions is not None:
                made = made[made["region"].isin(regions)]
            actual = [panel.net[y].get(r, np.nan) if y in panel.net.columns else np.nan
                      for r, y in zip(made["region"], made["year"], strict=True)]
            keep = [comparable(r, origin, y) for r, y in zip(made["region"], made["year"],
                                                             strict=True)]
            population = panel.population[origin].reindex(made["region"]).to_numpy(float)
            frame = made.assign(model=name, origin=origin, actual=actual,
                                population=population)[keep]
            frames.append(frame[frame["actual"].notna()])
    columns = ["model", "origin", "horizon", "year", "region", "actual", "forecast", "error",
               "population"]
    if not frames:
        return pd.DataFrame(columns=columns)
    out = pd.concat(frames, ignore_index=True)
    out = out.rename(columns={"net_migration": "forecast"})
    out["error"] = out["forecast"] - out["actual"]
    return out[["model", "origin", "horizon", "year", "region", "actual", "forecast", "error",
                "population"]]


def mean_absolute_error(errors: pd.Series) -> float:
    """MAE of ``errors`` (forecast - actual).

    Examples
    --------
    >>> mean_absolute_error(pd.Series([-100.0, 300.0]))
    200.0
    """
    return float(np.abs(errors).mean())


def guarded_mape(actual: pd.Series, forecast: pd.Series, *, floor: float) -> float:
    """MAPE in %, the denominator ``max(|actual|, floor)`` (see the module).

    Examples
    --------
    Actual 2,000 forecast 1,000 (50 %); actual 10 forecast 510 (500 / max(10, 1,000) = 50 %):

    >>> guarded_mape(pd.Series([2000.0, 10.0]), pd.Series([1000.0, 510.0]), floor=1000.0)
    50.0
    """
    denominator = np.maximum(np.abs(actual.to_numpy(float)), floor)
    return float(100.0 * np.mean(np.abs(forecast.to_numpy(float) - actual.to_numpy(float))
                                 / denominator))


def scores(pairs: pd.DataFrame, *, floor: float = DEFAULTS["mape_floor"]) -> pd.DataFrame:
    """Per model: ``mae``, ``mape``, ``pairs``, ``regions``, ``first_origin``, ``last_year``.

    Only pairs every model scored are compared (the same regions, origins and years), so that
    the errors are of the same questions.
    """
    columns = ["model", "mae", "mape", "pairs", "regions", "first_origin", "last_year"]
    if pairs.empty:
        return pd.DataFrame(columns=columns)
    keys = ["origin", "horizon", "region"]
    counts = pairs.groupby(keys)["model"].nunique()
    common = counts[counts == pairs["model"].nunique()].index
    shared = pairs.set_index(keys).loc[common].reset_index()
    rows = []
    for name in [m for m in MODEL_NAMES if m in set(shared["model"])] + sorted(
            set(shared["model"]) - set(MODEL_NAMES)):
        mine = shared[shared["model"] == name]
        rows.append((name, mean_absolute_error(mine["error"]),
                     guarded_mape(mine["actual"], mine["forecast"], floor=floor), len(mine),
                     mine["region"].nunique(), int(mine["origin"].min()),
                     int(mine["year"].max())))
    return pd.DataFrame(rows, columns=columns)


def choose_model(table: pd.DataFrame, *, fixed: str = "auto") -> tuple[str, str]:
    """The model to forecast with and why: ``fixed`` unless ``auto``, else the lower MAE.

    Examples
    --------
    >>> t = pd.DataFrame({"model": ["trend", "learned"], "mae": [900.0, 700.0]})
    >>> choose_model(t)[0], choose_model(t, fixed="trend")[0]
    ('learned', 'trend')
    """
    if fixed != "auto":
        if fixed not in MODELS:
            msg = _("The migration model '{value}' is not known. Give auto or one of {names}.",
                    value=fixed, names=", ".join(MODEL_NAMES))
            raise ValueError(msg)
        return fixed, "fixed"
    if table.empty:
        return "trend", "no_backtest"
    best = table.sort_values("mae", kind="stable").iloc[0]
    return str(best["model"]), "lowest_mae"


def error_paths(pairs: pd.DataFrame, model: str) -> pd.DataFrame:
    """The model's back-test errors as shares of the origin's population, one row per
    (origin, region), one column per horizon (NaN where not scored)."""
    mine = pairs[pairs["model"] == model]
    share = mine["error"] / mine["population"]
    return mine.assign(share=share).pivot_table(index=["origin", "region"], columns="horizon",
                                                values="share", aggfunc="first")


def regional_forecast(panel: Panel, pairs: pd.DataFrame, *, model: str, origin: int,
                      horizon_year: int, level: tuple[float, float] = INTERVAL,
                      seed: int = 0) -> pd.DataFrame:
    """The chosen model's forecast from ``origin`` to ``horizon_year`` with its ranges.

    Returns
    -------
    pandas.DataFrame
        ``region``, ``year``, ``net_migration``, ``low``, ``high`` (the yearly interval),
        ``cumulative``, ``cumulative_low``, ``cumulative_high`` (persons gained since the
        origin), ``model``.
    """
    horizon = horizon_year - origin
    made = MODELS[model](panel, origin=origin, horizon=horizon)
    paths = error_paths(pairs, model)
    last = int(paths.columns.max()) if len(paths.columns) else 0
    if made.empty or not last:
        return made.assign(low=np.nan, high=np.nan, model=model)
    steps = [min(h, last) for h in range(1, horizon + 1)]
    quantiles = {h: np.nanquantile(paths[h].to_numpy(float), level) for h in set(steps)}
    complete = paths.reindex(columns=range(1, last + 1)).dropna().to_numpy(float)
    if len(complete):
        draws = complete[np.random.default_rng(seed).integers(0, len(complete),
                                                              BOOTSTRAP_DRAWS)]
        cumulative_share = np.cumsum(draws[:, [s - 1 for s in steps]], axis=1)
        cumulative_band = np.quantile(cumulative_share, level, axis=0)  # 2 x horizon
    else:  # no origin scored every horizon: no range of the residents gained
        cumulative_band = np.full((2, horizon), np.nan)
    pop = panel.population[origin].reindex(made["region"]).to_numpy(float)
    h = made["horizon"].to_numpy(int)
    # The band is of the error (forecast - actual): the actual lies at forecast - error.
    low = np.array([quantiles[steps[i - 1]][1] for i in h])
    high = np.array([quantiles[steps[i - 1]][0] for i in h])
    out = made.assign(low=made["net_migration"] - low * pop,
                      high=made["net_migration"] - high * pop)
    out["cumulative"] = out.groupby("region")["net_migration"].cumsum()
    out["cumulative_low"] = out["cumulative"] - cumulative_band[1][h - 1] * pop
    out["cumulative_high"] = out["cumulative"] - cumulative_band[0][h - 1] * pop
    return out.assign(model=model).drop(columns="horizon")


def first_deficit_range(networks: pd.DataFrame, band: pd.DataFrame) -> pd.DataFrame:
    """The first-deficit year of each unit and network with its range.

    Parameters
    ----------
    networks
        The forecast's networks (``unit_id``, ``basis``, ``network``, ``networked``, ``year``,
        ``headroom`` in residents).
    band
        ``unit_id``, ``year``, ``fewer`` and ``more``: how many residents fewer and more than
        the forecast's the unit may have that year (both >= 0).

    Returns
    -------
    pandas.DataFrame
        ``unit_id``, ``basis``, ``network``, ``first_deficit_year`` (the forecast's),
        ``earliest`` (with ``more`` residents) and ``latest`` (with ``fewer``); missing where no
        deficit by the horizon.

    Examples
    --------
    >>> nets = pd.DataFrame({"unit_id": "a", "basis": "actual", "network": "heat",
    ...                      "networked": True, "year": [2026, 2027, 2028],
    ...                      "headroom": [300.0, 100.0, -50.0]})
    >>> band = pd.DataFrame({"unit_id": "a", "year": [2026, 2027, 2028],
    ...                      "fewer": [0.0, 50.0, 100.0], "more": [0.0, 150.0, 200.0]})
    >>> row = first_deficit_range(nets, band).iloc[0]
    >>> int(row["first_deficit_year"]), int(row["earliest"]), row["latest"]
    (2028, 2027, <NA>)
    """
    on = networks[networks["networked"].fillna(False).astype(bool)]
    on = on.merge(band, on=["unit_id", "year"], how="left").fillna({"fewer": 0.0, "more": 0.0})
    keys = ["unit_id", "basis", "network"]
    out = on[keys].drop_duplicates().set_index(keys)
    for column, headroom in (("first_deficit_year", on["headroom"]),
                             ("earliest", on["headroom"] - on["more"]),
                             ("latest", on["headroom"] + on["fewer"])):
        short = on[headroom < 0].groupby(keys)["year"].min()
        out[column] = short.reindex(out.index).astype("Int64")
    return out.reset_index()


def deficit_text(row: Mapping, *, horizon: int, lang: str | None = None) -> str:
    """"2028, between 2027 and 2030" for a row of :func:`first_deficit_range`.

    Examples
    --------
    >>> deficit_text({"first_deficit_year": 2028, "earliest": 2027, "latest": 2030},
    ...              horizon=2030, lang="en")
    '2028, between 2027 and 2030'
    >>> deficit_text({"first_deficit_year": pd.NA, "earliest": 2029, "latest": pd.NA},
    ...              horizon=2030, lang="en")
    'none by 2030 (from 2029 at the earliest)'
    """
    first, earliest, latest = (row.get(k) for k in ("first_deficit_year", "earliest",
                                                      "latest"))
    if pd.isna(first):
        if pd.isna(earliest):
            return _("none by {horizon}", lang=lang, horizon=horizon)
        return _("none by {horizon} (from {earliest} at the earliest)", lang=lang,
                 horizon=horizon, earliest=int(earliest))
    if pd.isna(latest):
        return _("{year}, from {earliest} to beyond {horizon}", lang=lang, year=int(first),
                 earliest=int(earliest), horizon=horizon)
    if int(earliest) == int(latest):
        return str(int(first))
    return _("{year}, between {earliest} and {latest}", lang=lang, year=int(first),
             earliest=int(earliest), latest=int(latest))
