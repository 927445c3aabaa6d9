"""Benchmark of the forecasting centre (issue 17) on the real regional series.

Prints one ``name=value`` a line:

* ``backtest_mae_<model>`` (persons a year) and ``backtest_mape_<model>`` (%) of each model of
  :data:`planning.forecast.backtest.MODELS` on the regional net migration of
  ``data/national/region_indicators.csv`` (all 20 regions, origins 2009-2023, six years
  ahead, the same region-years for every model), ``backtest_pairs``;
* ``backtest_mae_ratio_learned_gravity`` and ``backtest_mae_ratio_<model>_trend`` (below 1:
  better than that baseline, measured in the same run);
* ``fit_s_<model>``: seconds of one fit and forecast from 2024 to 2030 (all regions), with
  ``fit_ratio_<model>_trend`` against the trend's in the same run;
* ``backtest_s``: seconds of the whole back-test, and ``backtest_cpu_s`` its CPU seconds
  (process time: what a loaded machine's other work does not inflate); scikit-learn and
  SciPy are imported before it, so neither counts an import;
* ``forecast_three_regions_s``: seconds of the forecasting centre's run for the demo's three
  regions (Almaty, Astana, Shymkent with their oblasts: six BNS regions) to 2030 — back-test,
  choice and the interval — and ``chosen_three_regions`` (its model).

Run: ``.venv/bin/python bench/forecast.py``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

# bench/planning.py shares its name with the planning package: run as a script, this folder
# comes first on sys.path and must be taken off it before the project's packages are imported.
sys.path[:] = [entry for entry in sys.path
               if Path(entry or ".").resolve() != Path(__file__).resolve().parent]

import pandas as pd  # noqa: E402

from layers.resources import data_dir  # noqa: E402
from planning.forecast import backtest as bt  # noqa: E402
from planning.forecast.centre import CentreSettings, run_centre  # noqa: E402
from planning.forecast.regional_models import panel_from_indicators  # noqa: E402
from planning.population.places import read_places  # noqa: E402

#: The demo's three regions as BNS regions (city and oblast).
THREE_REGIONS = ["750000000", "190000000", "710000000", "110000000", "790000000", "610000000"]


def main() -> None:
    indicators = pd.read_csv(data_dir() / "national" / "region_indicators.csv",
                             dtype={"region": str})
    places = read_places()
    panel = panel_from_indicators(indicators, places)
    import scipy.optimize  # noqa: F401 - imported before the timing, not in it
    import sklearn.ensemble  # noqa: F401

    start, cpu = time.perf_counter(), time.process_time()
    pairs = bt.backtest(panel)
    print(f"backtest_s={time.perf_counter() - start:.3f}")
    print(f"backtest_cpu_s={time.process_time() - cpu:.3f}")
    table = bt.scores(pairs).set_index("model")
    for model, row in table.iterrows():
        print(f"backtest_mae_{model}={row['mae']:.0f}")
        print(f"backtest_mape_{model}={row['mape']:.1f}")
    print(f"backtest_pairs={int(table['pairs'].iloc[0])}")
    print(f"backtest_mae_ratio_learned_gravity="
          f"{table.loc['learned', 'mae'] / table.loc['gravity', 'mae']:.3f}")
    for model in table.index.drop("trend"):
        print(f"backtest_mae_ratio_{model}_trend="
              f"{table.loc[model, 'mae'] / table.loc['trend', 'mae']:.3f}")
    seconds = {}
    for model, forecast in bt.MODELS.items():
        start = time.perf_counter()
        forecast(panel, origin=2024, horizon=6)
        seconds[model] = time.perf_counter() - start
        print(f"fit_s_{model}={seconds[model]:.3f}")
    for model in bt.MODELS:
        print(f"fit_ratio_{model}_trend={seconds[model] / seconds['trend']:.1f}")
    start = time.perf_counter()
    result = run_centre(indicators, places, regions=THREE_REGIONS, horizon_year=2030,
                        settings=CentreSettings())
    print(f"forecast_three_regions_s={time.perf_counter() - start:.3f}")
    print(f"chosen_three_regions={result.model}")


if __name__ == "__main__":
    main()
