"""The forecasting centre of a workspace: its settings, one run, and the residents' range.

Settings (the ``migration_models`` section of the norms file, each ``{value, source}``; a
missing key takes :data:`planning.forecast.backtest.DEFAULTS`):

- ``model``: ``auto`` (the lower back-test MAE on the workspace's regions) or one of
  ``trend``, ``gravity``, ``radiation``, ``learned`` to fix it;
- ``first_origin``: the first year the back-test trains to (default 2009);
- ``horizon_years``: ``k``, the years each back-test origin forecasts (default 6: 2024 to 2030);
- ``mape_floor``: the guard of the MAPE's denominator, persons (default 1,000).

:func:`run_centre` is memoised on the indicator table's content and the settings: the report's
sections and the benchmark ask for the same run.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pandas as pd

from geo.errors import NormError
from geo.i18n import _
from planning.forecast import backtest as bt
from planning.forecast.regional_models import Panel, panel_from_indicators


@dataclass(frozen=True)
class CentreSettings:
    """The ``migration_models`` settings (see the module)."""

    model: str = bt.DEFAULTS["model"]
    first_origin: int = bt.DEFAULTS["first_origin"]
    horizon_years: int = bt.DEFAULTS["horizon_years"]
    mape_floor: float = bt.DEFAULTS["mape_floor"]


@dataclass(frozen=True)
class CentreResult:
    """A back-test, the model chosen and its forecast with ranges."""

    panel: Panel
    pairs: pd.DataFrame
    scores: pd.DataFrame
    model: str
    why: str
    forecast: pd.DataFrame
    regions: list[str]
    origin: int


def centre_settings(norms=None) -> CentreSettings:
    """Read :class:`CentreSettings` from ``norms`` (defaults where the section is absent).

    Raises
    ------
    NormError
        A model that is not ``auto`` or a known model, or a figure that is not a number.
    """
    section = ((getattr(norms, "sections", None) or {}).get(bt.SETTINGS_SECTION) or {})
    path = str(getattr(norms, "path", ""))
    values = {}
    for key, default in bt.DEFAULTS.items():
        entry = section.get(key)
        value = entry.get("value", default) if isinstance(entry, dict) else default
        where = f"{bt.SETTINGS_SECTION}.{key}"
        if key == "model":
            if value != "auto" and value not in bt.MODELS:
                raise NormError(_("In the norms file {path}, {key} is '{value}': give auto or "
                                  "one of {names}.", path=path, key=where, value=value,
                                  names=", ".join(bt.MODEL_NAMES)))
        elif isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise NormError(_("In the norms file {path}, {key} is '{value}': it must be a "
                              "number of at least 0. Set it so.", path=path, key=where,
                              value=value))
        values[key] = type(default)(value)
    return CentreSettings(**values)


_RUNS: dict[tuple, CentreResult | None] = {}


def _checksum(table: pd.DataFrame) -> str:
    return hashlib.sha256(pd.util.hash_pandas_object(table, index=False).to_numpy()
                          .tobytes()).hexdigest()


def run_centre(indicators: pd.DataFrame | None, places: pd.DataFrame, *,
               regions: list[str] | None = None, horizon_year: int = 2030,
               settings: CentreSettings | None = None) -> CentreResult | None:
    """Back-test the models on the workspace's regions, choose one and forecast to
    ``horizon_year`` from the last known year; ``None`` where there is no net migration
    by year to test on (not assessed)."""
    settings = settings or CentreSettings()
    if indicators is None or indicators.empty or "indicator" not in indicators:
        return None
    wanted = indicators[indicators["indicator"].isin(
        ["net_migration", "net_migration_balance", "population", "income_per_capita_kzt"])]
    key = (_checksum(wanted), tuple(regions or ()), horizon_year, settings)
    if key not in _RUNS:
        _RUNS[key] = _run(wanted, places, regions=regions, horizon_year=horizon_year,
                          settings=settings)
    return _RUNS[key]


def _run(indicators, places, *, regions, horizon_year, settings) -> CentreResult | None:
    panel = panel_from_indicators(indicators, places)
    known = panel.years
    if len(known) < 5:
        return None
    origin = max(known)
    scored = [r for r in (regions or panel.net.index) if r in panel.net.index]
    if not scored:
        return None
    pairs = bt.backtest(panel, first_origin=settings.first_origin,
                        horizon=settings.horizon_years, regions=scored)
    if pairs.empty:
        return None
    table = bt.scores(pairs, floor=settings.mape_floor)
    model, why = bt.choose_model(table, fixed=settings.model)
    made = bt.regional_forecast(panel, pairs, model=model, origin=origin,
                                horizon_year=max(horizon_year, origin + 1))
    made = made[made["region"].isin(scored)]
    return CentreResult(panel=panel, pairs=pairs, scores=table, model=model, why=why,
                        forecast=made.reset_index(drop=True), regions=scored, origin=origin)


def missing_years(result: CentreResult) -> dict[str, list[int]]:
    """The years between the first and the last known one without a net migration, by
    scored region (the back-test did without them)."""
    years = result.panel.years
    out = {}
    for region in result.regions:
        row = result.panel.net.loc[region]
        known = [int(y) for y in row.dropna().index]
        if known:
            out[region] = [y for y in range(min(years), max(years) + 1)
                           if y not in known and y >= min(known)]
    return out


def unit_band(result: CentreResult, units: pd.DataFrame, *, base_year: int) -> pd.DataFrame:
    """``unit_id``, ``year``, ``fewer``, ``more``: the residents a unit may have fewer or more
    than the forecast's, ``h`` years after ``base_year``: its share of its region's
    population times the region's cumulative range ``h`` years ahead."""
    from planning.population.region_push_pull import unit_regions

    made = result.forecast.assign(horizon=result.forecast["year"] - result.origin)
    made = made.assign(fewer=made["cumulative"] - made["cumulative_low"],
                       more=made["cumulative_high"] - made["cumulative"])
    region_of = unit_regions(units)
    population = result.panel.population[result.origin]
    rows = []
    for unit_id, persons in zip(units["unit_id"], units["pop_actual"], strict=True):
        region = region_of.get(str(unit_id))
        mine = made[made["region"] == region]
        if mine.empty or not population.get(region):
            continue
        share = float(persons) / float(population[region])
        for row in mine.itertuples(index=False):
            rows.append((unit_id, base_year + int(row.horizon), row.fewer * share,
                         row.more * share))
    return pd.DataFrame(rows, columns=["unit_id", "year", "fewer", "more"])
