"""What every section of the report shares: names in the report's language and region order."""

from __future__ import annotations

from collections.abc import Iterable

import geopandas as gpd
import pandas as pd

from geo.i18n import TEXTS, tr

#: Regions in the order the report shows them; others follow alphabetically.
REGIONS = ("almaty", "astana", "shymkent")


def region_label(region: str, lang: str) -> str:
    """The region's name in ``lang`` (its key when qonys has no name for it)."""
    key = f"region.{region}"
    return tr(key, lang=lang) if key in TEXTS else str(region)


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
