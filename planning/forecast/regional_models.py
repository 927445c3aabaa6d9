"""Models of regional net migration a year: the trend, gravity with covariates, radiation.

All work on a :class:`Panel` (net migration, population and income by region and year, and the
regions' points) and forecast from an *origin* year ``t`` using only years up to ``t``:
:func:`forecast_trend`, :func:`forecast_gravity`, :func:`forecast_radiation` (and
:func:`planning.forecast.learned.forecast_learned`) each return ``region``, ``horizon``,
``year``, ``net_migration`` for ``t+1 … t+k``. :mod:`planning.forecast.backtest` compares them.

Decisions:

- **Net migration, not flows.** Kazakhstan publishes net migration by region, not the flows
  between regions, so the flow models are calibrated to the *net* of their flows: the net of
  region ``i`` is the sum over ``j`` of the modelled ``T_ji - T_ij``.
- **Gravity with covariates**: ``T_ij = K P_i P_j / d_ij^γ · exp(b·x_j - b·x_i) / 2`` with
  ``x`` = (log income, log population) of the year, so that ``T_ji - T_ij = K P_i P_j / d_ij^γ
  · sinh(b·(x_i - x_j))``: a richer and a larger region draws net arrivals, the more so when it
  is near. ``K``, ``γ`` and ``b`` are fitted by least squares (``scipy.optimize.least_squares``)
  over the last :data:`FIT_YEARS` years with a known net migration.
- **Covariates held at the origin**: a forecast for ``t+h`` uses the populations and incomes of
  ``t`` (no covariate is forecast); so do the radiation model and the trend.
- **Regions as they were**: a year's model has the regions with a population that year (15
  until 2017: South Kazakhstan Region is not carried; 17 in 2018-2021; 20 from 2022), within
  that year's borders.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from planning.forecast.radiation import fit_rate, radiation_net, radiation_probabilities
from planning.population.gravity import MIN_DISTANCE_KM, great_circle_km

#: Years of the trend's mean (as :data:`planning.forecast.scenario_run.TREND_YEARS`).
TREND_YEARS = 3
#: Years before the origin a flow model is fitted on.
FIT_YEARS = 10
FORECAST_COLUMNS = ["region", "horizon", "year", "net_migration"]


@dataclass(frozen=True)
class Panel:
    """Regional figures by year: frames indexed by region code with one column per year.

    Attributes
    ----------
    net
        Net migration, persons a year (NaN: not known).
    population
        Population at the start of the year.
    income
        Nominal income per capita (only its differences between regions in a year matter).
    distance
        Great-circle km between the regions' points (at least :data:`MIN_DISTANCE_KM`).
    """

    net: pd.DataFrame
    population: pd.DataFrame
    income: pd.DataFrame
    distance: pd.DataFrame
    #: Figures derived once per year and reused by every origin (the learned model's features).
    cache: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def years(self) -> list[int]:
        """The years with a known net migration."""
        return [int(y) for y in self.net.columns if self.net[y].notna().any()]

    def regions_in(self, year: int) -> list[str]:
        """Regions with a population in ``year`` and a point."""
        if year not in self.population.columns:
            return []
        alive = self.population[year].dropna().index
        return [code for code in alive if code in self.distance.index]


def panel_from_indicators(table: pd.DataFrame, places: pd.DataFrame) -> Panel:
    """A :class:`Panel` from the long ``region_indicators`` table and the regions' points.

    Net migration is ``net_migration_balance`` (the series of ``tools/national_balance.py``)
    where given, else ``net_migration``.

    Parameters
    ----------
    table
        ``region``, ``year``, ``indicator``, ``value``.
    places
        ``code``, ``lon``, ``lat`` (``data/reference/places.csv``).
    """
    table = table.assign(region=table["region"].astype(str), year=table["year"].astype(int))

    def wide(indicator: str) -> pd.DataFrame:
        rows = table[table["indicator"] == indicator]
        return rows.pivot_table(index="region", columns="year", values="value", aggfunc="first")

    net = wide("net_migration_balance").combine_first(wide("net_migration"))
    points = places.assign(code=places["code"].astype(str)).set_index("code")[["lon", "lat"]]
    points = points[points.index.isin(set(table["region"]))]
    xy = points.to_numpy(float)
    n = len(xy)
    km = great_circle_km(np.repeat(xy, n, axis=0), np.tile(xy, (n, 1))).reshape(n, n)
    km = np.maximum(km, MIN_DISTANCE_KM)
    np.fill_diagonal(km, 0.0)
    return Panel(net=net, population=wide("population"), income=wide("income_per_capita_kzt"),
                 distance=pd.DataFrame(km, index=points.index, columns=points.index))


def _rows(values: pd.Series, origin: int, horizon: int) -> pd.DataFrame:
    """The same ``values`` by region for each year ``origin+1 … origin+horizon``."""
    steps = np.repeat(np.arange(1, horizon + 1), len(values))
    return pd.DataFrame({"region": values.index.take(np.tile(np.arange(len(values)), horizon)),
                         "horizon": steps, "year": origin + steps,
                         "net_migration": np.tile(values.to_numpy(float), horizon)}
                        )[FORECAST_COLUMNS]


def forecast_trend(panel: Panel, *, origin: int, horizon: int) -> pd.DataFrame:
    """The mean of each region's last :data:`TREND_YEARS` known years up to ``origin``.

    Examples
    --------
    >>> net = pd.DataFrame({2020: [10.0], 2021: [np.nan], 2022: [20.0], 2023: [30.0]},
    ...                    index=["a"])
    >>> p = Panel(net, net, net, pd.DataFrame([[0.0]], index=["a"], columns=["a"]))
    >>> forecast_trend(p, origin=2023, horizon=2)["net_migration"].tolist()
    [20.0, 20.0]
    """
    past = panel.net.loc[:, [y for y in panel.net.columns if y <= origin]]
    regions = panel.regions_in(origin) or list(past.index)
    means = {code: past.loc[code].dropna().iloc[-TREND_YEARS:].mean()
             for code in regions if code in past.index and past.loc[code].notna().any()}
    return _rows(pd.Series(means, dtype=float), origin, horizon)


def _year_data(panel: Panel, year: int, *, need_income: bool) -> tuple | None:
    """``codes``, ``pop``, ``inc``, ``km``, ``net`` arrays of the regions of ``year``.

    Memoised in ``panel.cache``: every origin of a back-test asks again for the same ten years,
    and pandas' label indexing cost more than the models' arithmetic. The arrays are shared:
    callers do not write to them.
    """
    key = ("year_data", year, need_income)
    if key not in panel.cache:
        panel.cache[key] = _read_year(panel, year, need_income=need_income)
    return panel.cache[key]


def _read_year(panel: Panel, year: int, *, need_income: bool) -> tuple | None:
    codes = panel.regions_in(year)
    if need_income:
        if year not in panel.income.columns:
            return None
        codes = [c for c in codes if pd.notna(panel.income[year].get(c))]
    if len(codes) < 3:
        return None
    pop = panel.population.loc[codes, year].to_numpy(float)
    inc = panel.income.loc[codes, year].to_numpy(float) if need_income else None
    km = panel.distance.loc[codes, codes].to_numpy(float)
    net = (panel.net.loc[codes, year] if year in panel.net.columns
           else pd.Series(np.nan, index=codes)).reindex(codes).to_numpy(float)
    for array in (pop, inc, km, net):
        if array is not None:
            array.flags.writeable = False
    return codes, pop, inc, km, net


def gravity_net(params: np.ndarray, pop: np.ndarray, inc: np.ndarray,
                km: np.ndarray) -> np.ndarray:
    """Net migration of the gravity model with covariates (see the module) for one year.

    ``params`` = (log K, γ, b_income, b_population); populations in millions, km in hundreds.

    Examples
    --------
    Two equal regions, one twice as rich: the richer gains what the poorer loses.

    >>> net = gravity_net(np.array([0.0, 1.0, 1.0, 0.0]), np.array([1e6, 1e6]),
    ...                   np.array([2.0, 1.0]), np.array([[0.0, 100.0], [100.0, 0.0]]))
    >>> [round(float(v), 6) for v in net]  # K P P / d · sinh(ln 2) = 0.75 (million persons)
    [750000.0, -750000.0]
    """
    return _gravity_from_terms(params, _gravity_terms(pop, inc, km))


def _gravity_terms(pop: np.ndarray, inc: np.ndarray, km: np.ndarray) -> tuple:
    """What :func:`gravity_net` computes from a year's figures alone, whatever the
    parameters: worked out once per year of a fit, not at each of its evaluations."""
    p = pop / 1e6
    d = np.where(km > 0, km / 100.0, np.inf)
    return p, d, np.log(inc), np.log(p)


def _gravity_from_terms(params: np.ndarray, terms: tuple) -> np.ndarray:
    """:func:`gravity_net` from :func:`_gravity_terms`, of one year (arrays ``n`` and
    ``n x n``) or of years stacked (``y x n`` and ``y x n x n``): the same operations
    element by element and the same sum over the last axis, so the same figures."""
    log_k, gamma, b_income, b_pop = params
    p, d, log_income, log_p = terms
    x = b_income * log_income + b_pop * log_p
    mass = np.exp(log_k) * p[..., :, None] * p[..., None, :] / d ** gamma
    return (mass * np.sinh(x[..., :, None] - x[..., None, :])).sum(axis=-1) * 1e6


def _stacked_years(data: list[tuple]) -> list[tuple]:
    """The fit's years as runs of consecutive years with as many regions, each run's
    :func:`_gravity_terms` stacked, with the known net migration (year by year, region by
    region, as the residuals are ordered)."""
    runs: list[list[tuple]] = []
    for year in data:
        if runs and len(runs[-1][0][0]) == len(year[0]):
            runs[-1].append(year)
        else:
            runs.append([year])
    stacked = []
    for run in runs:
        terms = tuple(np.stack(part) for part in zip(*(_gravity_terms(pop, inc, km)
                                                      for _c, pop, inc, km, _n in run),
                                                    strict=True))
        net = np.stack([year[4] for year in run])
        known = np.isfinite(net)
        stacked.append((terms, known, net[known]))
    return stacked


def fit_gravity_net(panel: Panel, *, origin: int, years: int = FIT_YEARS) -> np.ndarray | None:
    """Fit :func:`gravity_net`'s parameters on the known years ``origin-years+1 … origin``."""
    from scipy.optimize import least_squares

    data = [d for y in range(origin - years + 1, origin + 1)
            if (d := _year_data(panel, y, need_income=True)) is not None
            and np.isfinite(d[4]).sum() >= 3]
    if not data:
        return None
    runs = _stacked_years(data)

    def residuals(params: np.ndarray) -> np.ndarray:
        return np.concatenate([(_gravity_from_terms(params, terms)[known] - observed) / 1e4
                               for terms, known, observed in runs])

    start = np.array([np.log(0.01), 1.0, 0.5, 0.1])
    fit = least_squares(residuals, start, bounds=([-20, 0.0, -10, -10], [10, 4.0, 10, 10]))
    return fit.x


def forecast_gravity(panel: Panel, *, origin: int, horizon: int) -> pd.DataFrame:
    """Gravity with covariates fitted up to ``origin``, applied to ``origin``'s covariates."""
    params = fit_gravity_net(panel, origin=origin)
    now = _year_data(panel, origin, need_income=True)
    if params is None or now is None:
        return pd.DataFrame(columns=FORECAST_COLUMNS)
    codes, pop, inc, km, _net = now
    return _rows(pd.Series(gravity_net(params, pop, inc, km), index=codes), origin, horizon)


def _radiation_year(panel: Panel, year: int) -> tuple | None:
    """A year's :func:`_year_data` with its radiation probabilities and unit net (``rate``
    1), memoised: the probabilities' loops are the model's cost and depend on the year only."""
    key = ("radiation", year)
    if key not in panel.cache:
        data = _year_data(panel, year, need_income=False)
        if data is None:
            panel.cache[key] = None
        else:
            _codes, pop, _inc, km, _net = data
            probabilities = radiation_probabilities(pop, km)
            panel.cache[key] = (data, probabilities,
                                radiation_net(pop, km, rate=1.0, probabilities=probabilities))
    return panel.cache[key]


def forecast_radiation(panel: Panel, *, origin: int, horizon: int) -> pd.DataFrame:
    """The radiation model, its departure rate fitted up to ``origin``."""
    units, observed = [], []
    for year in range(origin - FIT_YEARS + 1, origin + 1):
        if (known := _radiation_year(panel, year)) is not None:
            units.append(known[2])
            observed.append(known[0][4])
    now = _radiation_year(panel, origin)
    if not units or now is None:
        return pd.DataFrame(columns=FORECAST_COLUMNS)
    (codes, pop, _inc, km, _net), probabilities, _unit = now
    rate = fit_rate(units, observed)
    net = radiation_net(pop, km, rate=rate, probabilities=probabilities)
    return _rows(pd.Series(net, index=codes), origin, horizon)
