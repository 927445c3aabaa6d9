"""What every section of the report shares: names in the report's language and region order."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import replace

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.i18n import TEXTS, tr
from maps.classify import Classes

#: Regions in the order the report shows them; others follow alphabetically.
REGIONS = ("almaty", "astana", "shymkent")


#: The first two digits of the KATO codes of each region's city (its oblast-level code in
#: data/reference/places.csv: 750000000 is the city of Almaty): a unit outside them is a suburb.
CITY_KATO = {"almaty": "75", "astana": "71", "shymkent": "79"}
#: Unit kinds that lie outside the city: with any of them a region is an agglomeration.
SUBURBAN_KINDS = frozenset({"suburban_district", "satellite_city", "town", "settlement"})
_CITY_KINDS = frozenset({"city_district", "hex"})


def region_label(region: str, lang: str, *, units: pd.DataFrame | None = None) -> str:
    """The region's title in ``lang`` (its key when qonys has no name for it).

    The title says what was loaded: with ``units`` whose units of ``region`` are all the
    city's own (each a ``city_district`` by ``kind`` or else by its KATO code), Almaty is
    "Almaty", not "Almaty agglomeration". Without ``units``, or when they do not prove it,
    the region's full title.

    Examples
    --------
    >>> city = pd.DataFrame({"region": ["almaty"], "unit_id": ["751110000"], "kind": [None]})
    >>> region_label("almaty", "en", units=city), region_label("almaty", "en")
    ('Almaty', 'Almaty agglomeration')
    >>> both = pd.DataFrame({"region": ["almaty"] * 2, "unit_id": ["751110000", "196200000"]})
    >>> region_label("almaty", "en", units=both)
    'Almaty agglomeration'
    """
    key = f"region.{region}"
    if units is not None and f"{key}.city" in TEXTS and has_suburbs(units, region) is False:
        key = f"{key}.city"
    return tr(key, lang=lang) if key in TEXTS else str(region)


def has_suburbs(units: pd.DataFrame, region: str) -> bool | None:
    """Whether ``units`` of ``region`` reach beyond its city; ``None`` when they do not say.

    A unit is the city's by its ``kind`` (``city_district``) or, where the kind is missing, by
    a 9-digit KATO code (``kato``, else ``unit_id``) under the city's :data:`CITY_KATO`; a
    suburban kind, or another oblast's KATO code, is a suburb. A unit with neither a kind nor
    a code proves nothing, and neither does a region without units.
    """
    own = units[units["region"] == region] if "region" in units else units.iloc[0:0]
    if own.empty:
        return None
    unknown = False
    prefix = CITY_KATO.get(str(region))
    kinds = own["kind"] if "kind" in own else pd.Series(None, index=own.index, dtype=object)
    codes = own["kato"] if "kato" in own else own.get("unit_id")
    if codes is None:
        codes = pd.Series(None, index=own.index, dtype=object)
    for kind, code in zip(kinds, codes, strict=True):
        if pd.notna(kind) and kind in SUBURBAN_KINDS:
            return True
        if pd.notna(kind) and kind in _CITY_KINDS:
            continue
        text = str(code).strip() if pd.notna(code) else ""
        if not (prefix and len(text) == 9 and text.isdigit()):
            unknown = True
        elif not text.startswith(prefix):
            return True
    return None if unknown else False


def region_order(regions: Iterable[str]) -> list[str]:
    """``regions`` in report order: Almaty, Astana, Shymkent, then the rest alphabetically."""
    present = {str(r) for r in regions if pd.notna(r)}
    return [r for r in REGIONS if r in present] + sorted(present - set(REGIONS))


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
    return tr("report.demo_notice", lang=lang) if schematic else None


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
