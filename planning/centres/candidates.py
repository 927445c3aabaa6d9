"""The candidates: every unit of the ``units`` layer and every town of ``settlements``.

A town is a settlement whose ``place`` is ``city`` or ``town`` and whose population is known
(OpenStreetMap gives none for many places: those are not candidates, never towns of 0). A unit
stands at its representative point (a point inside it), a town at its own point, in WGS 84.
Where the units are loaded, a town in none of them (OpenStreetMap's places across the border)
is not a candidate; :func:`candidates` counts them in ``attrs["towns_outside_units"]``. A town
in a ``city_district`` unit (the city of Almaty, Astana or Shymkent itself) is no candidate
either: its districts are, and its one point would stand for all of them at once; those are
counted in ``attrs["towns_in_city_districts"]``.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.crs import WGS84

#: The ``place`` values of a town candidate.
TOWN_PLACES = ("city", "town")
#: The kind of a district of a city of republican significance: the towns in it are the city.
CITY_DISTRICT = "city_district"
#: Unit kinds that are not candidates (the regions, H3 cells).
NOT_CANDIDATE_KINDS = ("region", "hex")
NAMES = ("name_ru", "name_kk", "name_en")
COLUMNS = ("candidate_kind", *NAMES, "region", "unit_id", "population")


def code_text(values: pd.Series) -> pd.Series:
    """Codes as text, whether read as numbers or as text (``750000000.0`` → ``"750000000"``).

    Examples
    --------
    >>> code_text(pd.Series([750000000.0, "190000000", None])).tolist()
    ['750000000', '190000000', None]
    """
    def one(value: object) -> str | None:
        if value is None or (isinstance(value, float) and np.isnan(value)):
            return None
        if isinstance(value, (float, np.floating)) and float(value).is_integer():
            return str(int(value))
        return str(value).strip()

    return pd.Series([one(v) for v in values], index=values.index, dtype=object)


def region_of_kato(kato: pd.Series) -> pd.Series:
    """A district's region: the first two digits of its KATO and seven zeros.

    Examples
    --------
    >>> region_of_kato(pd.Series(["751710000", None])).tolist()
    ['750000000', None]
    """
    text = code_text(kato)
    return pd.Series([f"{k[:2]}0000000" if isinstance(k, str) and len(k) >= 2 else None
                      for k in text], index=text.index, dtype=object)


def candidates(units: gpd.GeoDataFrame | None,
               settlements: gpd.GeoDataFrame | None) -> gpd.GeoDataFrame:
    """Every unit and every town with a population, one row each, indexed by ``candidate_id``.

    Parameters
    ----------
    units
        The ``units`` layer (``unit_id``, names, ``region``, ``kato``, ``pop_registered``), or
        ``None``.
    settlements
        The ``settlements`` layer (``settlement_id``, names, ``place``, ``population``,
        ``kato`` of its district, ``region``), or ``None``.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns :data:`COLUMNS` and a point geometry in WGS 84. ``candidate_kind`` is
        ``district`` for a unit, ``town`` for a settlement; ``unit_id`` is the unit itself or
        the town's district (its ``kato``, else the unit it lies in).

    Examples
    --------
    >>> from shapely.geometry import Point, box
    >>> u = gpd.GeoDataFrame({"unit_id": ["191000000"], "pop_registered": [50000.0]},
    ...                      geometry=[box(0, 0, 2, 2)], crs=4326)
    >>> s = gpd.GeoDataFrame({"settlement_id": ["osm:1", "osm:2"], "place": ["town", "town"],
    ...                       "population": [9000.0, None]},
    ...                      geometry=[Point(1, 1), Point(1.5, 1.5)], crs=4326)
    >>> c = candidates(u, s)
    >>> c[["candidate_kind", "region", "unit_id", "population"]].values.tolist()
    [['district', '190000000', '191000000', 50000.0], ['town', '190000000', '191000000', 9000.0]]
    """
    parts, outside, in_cities = [], 0, 0
    units_wgs = None
    if units is not None and len(units):
        units_wgs = units.to_crs(WGS84) if units.crs is not None else units.set_crs(WGS84)
        if "kind" in units_wgs:
            units_wgs = units_wgs[~units_wgs["kind"].isin(NOT_CANDIDATE_KINDS)]
        parts.append(_districts(units_wgs))
    if settlements is not None and len(settlements):
        towns, outside, in_cities = _towns(settlements, units_wgs)
        parts.append(towns)
    if not parts:
        return gpd.GeoDataFrame({c: [] for c in COLUMNS}, geometry=[], crs=WGS84,
                                index=pd.Index([], name="candidate_id"))
    out = gpd.GeoDataFrame(pd.concat(parts), geometry="geometry", crs=WGS84)
    out.attrs["towns_outside_units"] = outside
    out.attrs["towns_in_city_districts"] = in_cities
    return out


def _text(frame: pd.DataFrame, column: str, fallback: pd.Series) -> pd.Series:
    if column in frame:
        return frame[column].astype(object).where(frame[column].notna(), fallback)
    return fallback


def _districts(units: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    ids = code_text(units["unit_id"])
    kato = code_text(units["kato"]) if "kato" in units else ids
    region = code_text(units["region"]) if "region" in units else region_of_kato(kato)
    region = region.where(region.notna(), region_of_kato(kato))
    out = pd.DataFrame({"candidate_kind": "district"}, index=pd.Index(ids.values,
                                                                      name="candidate_id"))
    for name in NAMES:
        out[name] = _text(units, name, ids).values
    out["region"] = region.values
    out["unit_id"] = ids.values
    pop = units.get("pop_registered", np.nan)
    out["population"] = pd.to_numeric(pd.Series(pop, index=units.index), errors="coerce").values
    points = units.geometry.representative_point()
    return gpd.GeoDataFrame(out, geometry=points.values, crs=WGS84)


def _towns(settlements: gpd.GeoDataFrame,
           units: gpd.GeoDataFrame | None) -> tuple[gpd.GeoDataFrame, int, int]:
    frame = settlements.to_crs(WGS84) if settlements.crs is not None else \
        settlements.set_crs(WGS84)
    pop = pd.to_numeric(frame.get("population", pd.Series(np.nan, index=frame.index)),
                        errors="coerce")
    place = frame.get("place", pd.Series("", index=frame.index)).astype(str).str.strip()
    keep = place.str.lower().isin(TOWN_PLACES) & (pop > 0)
    frame, pop = frame[keep], pop[keep]
    in_cities = 0
    ids = code_text(frame["settlement_id"])
    towns = len(frame)
    unit = code_text(frame["kato"]) if "kato" in frame else pd.Series(None, index=frame.index,
                                                                     dtype=object)
    region = code_text(frame["region"]) if "region" in frame else \
        pd.Series(None, index=frame.index, dtype=object)
    if units is not None:
        known = set(code_text(units["unit_id"]))
        lost = ~unit.isin(known)
        if lost.any():  # no district code, or one the units do not have: the unit it lies in
            inside = gpd.sjoin(frame.loc[lost, ["geometry"]], units[["unit_id", "geometry"]],
                               how="left", predicate="within")
            inside = inside[~inside.index.duplicated()]
            unit[lost] = code_text(inside["unit_id"]).reindex(unit[lost].index)
        by_unit = dict(zip(code_text(units["unit_id"]),
                           code_text(units["region"]) if "region" in units else
                           region_of_kato(units["unit_id"]), strict=True))
        region = region.where(region.notna(), unit.map(by_unit))
        inside = unit.notna()  # a town in no unit lies across the border: not a candidate
        if "kind" in units:
            # Almaty, Astana and Shymkent are ranked by their districts: the city's own point
            # would stand for all of them at once and outrank each
            kinds = dict(zip(code_text(units["unit_id"]), units["kind"], strict=True))
            city = unit.map(kinds).eq(CITY_DISTRICT)
            in_cities = int(city.sum())
            inside &= ~city
        frame, pop, ids, unit, region = (x[inside] for x in (frame, pop, ids, unit, region))
    region = region.where(region.notna(), region_of_kato(unit))
    name = frame.get("name", ids)
    out = pd.DataFrame({"candidate_kind": "town"}, index=pd.Index(ids.values,
                                                                  name="candidate_id"))
    for column in NAMES:
        out[column] = _text(frame, column, name.astype(object)).values
    out["region"] = region.values
    out["unit_id"] = unit.values
    out["population"] = pop.values
    return (gpd.GeoDataFrame(out, geometry=frame.geometry.values, crs=WGS84),
            towns - len(frame) - in_cities, in_cities)
