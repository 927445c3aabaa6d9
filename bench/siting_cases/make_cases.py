"""Write the ten seeded benchmark cases of facility siting (bench/siting.py reads them).

Each case is a city in a 30 km square: demand points drawn from a few Gaussian clusters (a
centre and satellite districts) over a thin uniform background, and candidate sites drawn
the same way but more spread out. About 20% of the sites are existing facilities (always
open); ``p`` new ones are to be opened. Capacities are drawn so that the existing sites plus
``p`` average new ones hold 1.1-1.3 times the total demand: the capacity constraint binds.
Travel minutes are not stored: they are the Euclidean distance at 30 km/h (2 minutes a km),
computed by the loader from the stored coordinates.

Files written next to this script:

* ``case01.csv`` ... ``case10.csv``: one row per demand point (``kind`` = ``point``, with
  ``x_km``, ``y_km``, ``demand``) then one per candidate site (``kind`` = ``site``, with
  ``x_km``, ``y_km``, ``capacity``, ``existing`` 0/1); coordinates rounded to 10 m, amounts
  whole numbers;
* ``cases.json``: per case its file, ``points``, ``sites``, ``p``, ``cover_minutes`` and
  ``seed``.

The files are committed as data. Running ``python bench/siting_cases/make_cases.py`` writes
them again byte for byte: each case draws only from ``numpy.random.default_rng(seed)`` (PCG64,
stable across numpy versions for the calls used here), and the values are rounded before they
are written.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
SIDE_KM = 30.0
BASE_SEED = 20250601
#: (demand points, candidate sites) of the ten cases, smallest first.
SIZES = ((200, 30), (300, 40), (400, 50), (500, 60), (600, 75), (700, 90), (800, 100),
         (900, 120), (1000, 140), (1000, 150))
EXISTING_SHARE = 0.2
NEW_SHARE = 0.12  # p is about this share of the candidate sites
COVER_MINUTES = 10.0
BACKGROUND_SHARE = 0.1  # demand points scattered uniformly over the square


def clusters(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Centres (k, 2), spreads (k,) in km and weights (k,) of the city's clusters."""
    k = int(rng.integers(3, 7))
    centres = rng.uniform(4.0, SIDE_KM - 4.0, size=(k, 2))
    spreads = rng.uniform(1.5, 4.0, size=k)
    weights = rng.dirichlet(np.full(k, 2.0))
    return centres, spreads, weights


def draw_xy(rng: np.random.Generator, count: int, centres: np.ndarray, spreads: np.ndarray,
            weights: np.ndarray, *, spread_factor: float) -> np.ndarray:
    """Coordinates of ``count`` places: clustered, plus a uniform background share."""
    background = round(BACKGROUND_SHARE * count)
    which = rng.choice(len(weights), size=count - background, p=weights)
    near = centres[which] + rng.normal(size=(count - background, 2)) \
        * (spreads[which] * spread_factor)[:, None]
    far = rng.uniform(0.0, SIDE_KM, size=(background, 2))
    return np.round(np.clip(np.vstack([near, far]), 0.0, SIDE_KM), 2)


def make_case(n_points: int, n_sites: int, seed: int) -> tuple[str, dict]:
    """The CSV text and the cases.json entry (without ``file``) of one case."""
    rng = np.random.default_rng(seed)
    centres, spreads, weights = clusters(rng)
    points = draw_xy(rng, n_points, centres, spreads, weights, spread_factor=1.0)
    demand = np.maximum(1, np.round(rng.lognormal(np.log(80.0), 0.6, size=n_points)))
    sites = draw_xy(rng, n_sites, centres, spreads, weights, spread_factor=1.5)
    n_existing = round(EXISTING_SHARE * n_sites)
    existing = np.zeros(n_sites, dtype=int)
    existing[rng.choice(n_sites, size=n_existing, replace=False)] = 1
    p = max(2, round(NEW_SHARE * n_sites))
    ratio = rng.uniform(1.1, 1.3)
    mean_capacity = ratio * demand.sum() / (n_existing + p)
    capacity = np.round(mean_capacity * rng.uniform(0.6, 1.4, size=n_sites))
    lines = ["kind,x_km,y_km,demand,capacity,existing"]
    lines += [f"point,{x:.2f},{y:.2f},{d:.0f},," for (x, y), d in zip(points, demand,
                                                                      strict=True)]
    lines += [f"site,{x:.2f},{y:.2f},,{c:.0f},{e}" for (x, y), c, e in zip(
        sites, capacity, existing, strict=True)]
    entry = {"points": n_points, "sites": n_sites, "p": p, "cover_minutes": COVER_MINUTES,
             "seed": seed}
    return "\n".join(lines) + "\n", entry


def main() -> None:
    cases = {}
    for number, (n_points, n_sites) in enumerate(SIZES, start=1):
        name = f"case{number:02d}"
        text, entry = make_case(n_points, n_sites, BASE_SEED + number)
        (HERE / f"{name}.csv").write_text(text, encoding="utf-8")
        cases[name] = {"file": f"{name}.csv", **entry}
    (HERE / "cases.json").write_text(json.dumps(cases, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
