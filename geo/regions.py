"""The regions qonys knows, their order and their titles, and whether a region's units reach
beyond its city."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from geo.i18n import N_, _

#: The messages of region by key, chosen at run time, marked for the catalogue.
REGION_MESSAGES = {
    "almaty": N_("Almaty agglomeration"),
    "almaty.city": N_("Almaty"),
    "astana": N_("Astana"),
    "shymkent": N_("Shymkent"),
}


#: The messages of region city by key, chosen at run time, marked for the catalogue.
REGION_CITY_MESSAGES = {
    "almaty": N_("Almaty"),
}

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
    key = REGION_MESSAGES.get(region)
    city = REGION_CITY_MESSAGES.get(region)
    if units is not None and city is not None and has_suburbs(units, region) is False:
        key = city
    return _(key, lang=lang) if key is not None else str(region)


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
