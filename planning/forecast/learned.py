"""A learned model of regional net migration: gradient boosting on the gravity model's features.

scikit-learn's ``HistGradientBoostingRegressor`` is trained, for every region ``i``, origin
year ``s`` and horizon ``h`` with ``s + h`` up to the forecast's origin, to predict the rate
``net(s+h) / population(s)`` from what is known at ``s`` (:data:`FEATURES`):

- ``rate_0``, ``rate_1``, ``rate_2``: net migration of ``s``, ``s-1``, ``s-2`` per resident
  (missing years stay missing: the trees route them, nothing is filled with 0);
- ``log_population``; ``income_gap``: log income less the population-weighted mean log
  income of the regions that year; ``log_potential``: log of the sum over other regions of
  population / km (the gravity model's reach);
- ``horizon`` ``h``.

The rate times the origin's population is the forecast. A pair whose region's borders changed
between ``s`` and ``s+h`` (:data:`planning.forecast.backtest.BORDER_CHANGES`) is not trained on.
The loss is the squared error: the absolute error (the back-test's MAE) was measured at 57 s a
fit against 0.8 s on 1,479 rows, its leaves' medians being costly. The settings are
:data:`SETTINGS`, fixed (with ``random_state``) so that a forecast is reproducible.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from geo.errors import MissingDependencyError
from planning.forecast.regional_models import FORECAST_COLUMNS, Panel

FEATURES = ("rate_0", "rate_1", "rate_2", "log_population", "income_gap", "log_potential",
            "horizon")
SETTINGS = {"loss": "squared_error", "max_iter": 100, "learning_rate": 0.05,
            "max_leaf_nodes": 15, "min_samples_leaf": 10, "l2_regularization": 1.0,
            "random_state": 0}
#: The fewest training rows a fit needs.
MIN_ROWS = 30


def _regressor(**settings):
    try:
        from sklearn.ensemble import HistGradientBoostingRegressor
    except ImportError as error:  # pragma: no cover - scikit-learn is a dependency
        msg = ("The learned migration model needs scikit-learn: "
               "pip install 'scikit-learn>=1.3'.")
        raise MissingDependencyError(msg) from error
    return HistGradientBoostingRegressor(**{**SETTINGS, **settings})


def origin_features(panel: Panel, year: int) -> pd.DataFrame:
    """:data:`FEATURES` (without ``horizon``) of every region alive in ``year``, by region."""
    key = ("learned_features", year)
    if key not in panel.cache:
        panel.cache[key] = _origin_features(panel, year)
    return panel.cache[key]


def _origin_features(panel: Panel, year: int) -> pd.DataFrame:
    codes = panel.regions_in(year)
    if not codes:
        return pd.DataFrame(columns=list(FEATURES[:-1]))
    pop = panel.population.loc[codes, year].astype(float)
    out = pd.DataFrame(index=pd.Index(codes, name="region"))
    for lag in range(3):
        column = year - lag
        net = (panel.net.loc[codes, column] if column in panel.net.columns
               else pd.Series(np.nan, index=codes))
        out[f"rate_{lag}"] = net.reindex(codes).to_numpy(float) / pop.to_numpy()
    out["log_population"] = np.log(pop.to_numpy())
    income = (panel.income.loc[codes, year] if year in panel.income.columns
              else pd.Series(np.nan, index=codes)).reindex(codes).astype(float)
    log_income = np.log(income)
    known = log_income.notna()
    mean = (np.average(log_income[known], weights=pop[known]) if known.any() else np.nan)
    out["income_gap"] = (log_income - mean).to_numpy()
    km = panel.distance.loc[codes, codes].to_numpy(float)
    with np.errstate(divide="ignore"):
        reach = np.where(km > 0, pop.to_numpy()[None, :] / km, 0.0).sum(axis=1)
    out["log_potential"] = np.log(reach)
    return out


def _start_arrays(panel: Panel, start: int) -> tuple | None:
    """An origin year's regions, features, populations and later net migration as arrays,
    memoised: every forecast origin trains on the same earlier years again."""
    key = ("learned_rows", start)
    if key not in panel.cache:
        features = origin_features(panel, start)
        if features.empty:
            panel.cache[key] = None
        else:
            codes = features.index
            later = [y for y in panel.net.columns if y > start]
            panel.cache[key] = (codes, features.to_numpy(float),
                                panel.population.loc[codes, start].to_numpy(float),
                                dict(zip(later, panel.net.reindex(index=codes)[later]
                                         .to_numpy(float).T, strict=True)))
    return panel.cache[key]


def training_rows(panel: Panel, *, origin: int, horizon: int,
                  comparable=None) -> pd.DataFrame:
    """Rows (features, ``horizon``, ``target`` rate) of every ``s + h <= origin``, by start
    year, then horizon, then region."""
    codes, features, horizons, targets = [], [], [], []
    for start in sorted(y for y in panel.population.columns if y < origin):
        arrays = _start_arrays(panel, start)
        if arrays is None:
            continue
        regions, values, pop, net_after = arrays
        for h in range(1, horizon + 1):
            target_year = start + h
            if target_year > origin or target_year not in net_after:
                continue
            target = net_after[target_year] / pop
            keep = ~np.isnan(target)
            if comparable is not None:
                keep &= np.array([comparable(code, start, target_year) for code in regions],
                                 dtype=bool)
            codes.append(regions[keep])
            features.append(values[keep])
            horizons.append(np.full(int(keep.sum()), h))
            targets.append(target[keep])
    if not codes:
        return pd.DataFrame(columns=[*FEATURES, "target"])
    out = pd.DataFrame(np.concatenate(features), columns=list(FEATURES[:-1]),
                       index=pd.Index(np.concatenate(codes), name="region"))
    return out.assign(horizon=np.concatenate(horizons), target=np.concatenate(targets))


def forecast_learned(panel: Panel, *, origin: int, horizon: int, comparable=None,
                     **settings) -> pd.DataFrame:
    """Gradient boosting trained on the years up to ``origin`` (see the module)."""
    train = training_rows(panel, origin=origin, horizon=horizon, comparable=comparable)
    now = origin_features(panel, origin)
    if len(train) < MIN_ROWS or now.empty:
        return pd.DataFrame(columns=FORECAST_COLUMNS)
    from threadpoolctl import threadpool_limits

    model = _regressor(**settings)
    pop = panel.population.loc[now.index, origin].to_numpy(float)
    frames = []
    # A thousand rows: one thread. OpenMP's threads cost 30 times the fit on a busy machine.
    with threadpool_limits(limits=1):
        model.fit(train[list(FEATURES)].to_numpy(float), train["target"].to_numpy(float))
        for h in range(1, horizon + 1):
            rate = model.predict(now.assign(horizon=h)[list(FEATURES)].to_numpy(float))
            frames.append(pd.DataFrame({"region": now.index, "horizon": h, "year": origin + h,
                                        "net_migration": rate * pop}))
    return pd.concat(frames, ignore_index=True)[FORECAST_COLUMNS]
