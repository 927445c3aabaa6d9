"""What every section of the report shares: names in the report's language and region order."""

from __future__ import annotations

import math
from dataclasses import replace

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.i18n import p_
from maps.classify import Classes


def named(units: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``units`` with a ``name`` column in ``lang``: ``name_<lang>``, else English, else the id.

    Examples
    --------
    >>> frame = pd.DataFrame({"unit_id": ["u1", "u2"], "name_en": ["Talgar", None]})
    >>> named(frame, "kk")["name"].tolist()
    ['Talgar', 'u2']
    """
    names = units.get(f"name_{lang}")
    if names is None:
        names = units.get("name_en", units["unit_id"])
    names = names.fillna(units.get("name_en", units["unit_id"])).fillna(units["unit_id"])
    return units.assign(name=names)


def schematic_notice(schematic: bool, lang: str) -> str | None:
    """The notice a map of generated geometry carries on its face, or ``None``."""
    return p_("report.demo_notice",
              "Schematic geometry: town outlines, roads, facilities and utility zones are "
              "generated; district boundaries are real (geokz)",
              lang=lang) if schematic else None


def in_region(frame: gpd.GeoDataFrame, region: str) -> gpd.GeoDataFrame:
    """Rows of ``region``."""
    return frame[frame["region"] == region]


def symmetric_breaks(values: pd.Series) -> list[float]:
    """Five class breaks symmetric about zero, at a readable step (six classes).

    Examples
    --------
    >>> symmetric_breaks(pd.Series([-12_000.0, 3_000.0, 40_000.0]))
    [-40000.0, -20000.0, 0.0, 20000.0, 40000.0]
    """
    finite = values[np.isfinite(values.to_numpy(float))].abs()
    top = float(finite.max()) if len(finite) and finite.max() > 0 else 1.0
    step = 10 ** np.floor(np.log10(top / 2))
    half = float(np.ceil(top / 2 / step) * step)
    return [-2 * half, -half, 0.0, half, 2 * half]


def symmetric_classes(values: pd.Series) -> tuple[Classes, str]:
    """Seven classes symmetric about zero at a readable step, and the number format of labels.

    The step ``h`` is that of :func:`symmetric_breaks` (``2h`` is at
    least the largest absolute value). The middle class, ``(-h/10, h/10]``, is "about zero"
    and takes the scheme's neutral colour, so that a unit with no gap is not coloured as if
    it had one; then ``(h/10, h/2]``, ``(h/2, h]`` and ``(h, 2h]`` on either side: finer near
    zero, where most units lie, and the same on both sides, so equal colours mean equal sizes.

    Examples
    --------
    >>> classes, fmt = symmetric_classes(pd.Series([-300.0, 1_500.0, 2_500.0]))
    >>> classes.bins, classes.minimum, fmt
    ([-2000.0, -1000.0, -200.0, 200.0, 1000.0, 2000.0, 4000.0], -4000.0, '{:,.0f}')
    """
    half = symmetric_breaks(values)[3]
    bounds = [_tidy(b * half) for b in (-1.0, -0.5, -0.1, 0.1, 0.5, 1.0, 2.0)]
    decimals = next((d for d in range(7) if all(_tidy(round(b, d)) == b for b in bounds)), 6)
    unassigned = Classes(bounds, -bounds[-1], "user", pd.Series(dtype="int64"))
    return replace(unassigned, yb=unassigned.assign(values)), f"{{:,.{decimals}f}}"


def _tidy(value: float) -> float:
    """``value`` without binary noise (``0.30000000000000004`` -> ``0.3``); ``-0.0`` -> 0."""
    return round(value, 10 - math.floor(math.log10(abs(value)))) + 0.0 if value else 0.0
