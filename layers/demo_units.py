"""Demo units of the three regions: base-year population from the facts, real districts.

The rules are those of ``data/demo/base_year.yaml`` (read, not repeated here):

* city districts: 2023 shares scaled to the city's total of 1 Nov 2024; the districts new in
  2024 (Astana's Nura, Shymkent's Turan) get an estimate taken out of their city's other
  districts, so that the city total stays the published one;
* suburbs keep their 2023 figure; a centre town is a unit of its own and its district unit is
  the rest of the district (a town holding the whole district is the district's only unit);
* actual population: Astana's 1.9M spread over its city districts; elsewhere actual equals
  registered, and the ``pop_actual_source`` column says so;
* geometry: the real district boundaries (geokz, simplified, :mod:`layers.demo_boundaries`);
  a centre town's outline is schematic, a disc of population / density around its real point
  cut out of its district. The published area stays an attribute (``area_km2``).
"""

from __future__ import annotations

import math

import geopandas as gpd
import pandas as pd
import shapely

from geo.crs import WGS84, utm_epsg

TOWN_RULE = (
    "generated: schematic town outline, a disc of the town's area (population / density) "
    "around its real point (OpenStreetMap), cut out of its district"
)
#: A town holding at least this share of its district's residents is the district's only unit.
TOWN_IS_DISTRICT_SHARE = 0.95


def base_year_units(units_2023: pd.DataFrame, towns_2023: pd.DataFrame,
                    rules: dict) -> pd.DataFrame:
    """Units with base-year registered and actual population, without geometry.

    Parameters
    ----------
    units_2023, towns_2023
        ``data/demo/units_2023.csv`` and ``towns_2023.csv`` as read (KATO as strings).
    rules
        ``data/demo/base_year.yaml``.

    Returns
    -------
    pandas.DataFrame
        One row per unit: ``unit_id``, names, ``kind``, ``parent_id``, ``region``, ``kato``,
        ``pop_registered``, ``pop_actual``, ``pop_year``, ``area_km2``, ``lon``, ``lat``,
        ``source`` and ``pop_actual_source``.
    """
    districts = _city_districts(units_2023, rules)
    suburbs = _suburbs(units_2023, towns_2023, rules)
    units = pd.concat([districts, suburbs], ignore_index=True)
    units = _actual_population(units, rules)
    units["pop_year"] = int(rules["base_year"])
    return units


def _city_districts(units_2023: pd.DataFrame, rules: dict) -> pd.DataFrame:
    rows = []
    new_kato = {str(k) for k in rules["new_districts"]["kato"]}
    factor = float(rules["new_districts"]["density_factor"])
    for region, total_fact in rules["city_registered_total"].items():
        city = units_2023[(units_2023.region == region) & (units_2023.kind == "city_district")]
        total = float(total_fact["value"])
        is_new = city.kato.isin(new_kato)
        area_share = city.loc[is_new, "area_km2"].sum() / city.area_km2.sum()
        new_total = total * area_share * factor
        old = city.loc[~is_new, "pop_registered_2023"].astype(float)
        scaled = (total - new_total) * old / old.sum()
        for idx, row in city.iterrows():
            if is_new[idx]:
                pop = total * row.area_km2 / city.area_km2.sum() * factor
                source = (f"estimate: {rules['new_districts']['rule']}; city total "
                          f"{total:,.0f} ({total_fact['source']})")
            else:
                pop = scaled[idx]
                source = (f"2023 district share ({row.source}) scaled to the city total "
                          f"{total:,.0f} ({total_fact['source']})")
                if is_new.any():
                    source += "; reduced by the estimate of the new district"
            rows.append(_unit_row(row, unit_id=row.kato, kind="city_district", pop=pop,
                                  source=source))
    return pd.DataFrame(rows)


def _suburbs(units_2023: pd.DataFrame, towns_2023: pd.DataFrame, rules: dict) -> pd.DataFrame:
    rows = []
    density = float(rules["town_density_per_km2"])
    suburbs = units_2023[units_2023.kind != "city_district"]
    for _, row in suburbs.iterrows():
        pop = float(row.pop_registered_2023)
        source = f"{row.source} (suburbs keep their 2023 figure: no later one was found)"
        town = towns_2023[towns_2023.parent_kato == row.kato]
        if town.empty or float(town.iloc[0].pop_registered_2023) >= TOWN_IS_DISTRICT_SHARE * pop:
            rows.append(_unit_row(row, unit_id=row.kato, kind=row.kind, pop=pop, source=source))
            continue
        t = town.iloc[0]
        town_pop = float(t.pop_registered_2023)
        town_id = f"{row.kato}-town"
        rows.append({
            "unit_id": town_id, "name_ru": t.name_ru, "name_kk": t.name_kk,
            "name_en": t.name_en, "kind": "town", "parent_id": row.kato, "region": row.region,
            "kato": None, "pop_registered": town_pop, "area_km2": town_pop / density,
            "lon": float(t.lon), "lat": float(t.lat),
            "source": f"{t.source}; area {rules['town_density_rule']}",
        })
        rest = _unit_row(row, unit_id=row.kato, kind=row.kind, pop=pop - town_pop,
                         source=f"{source}, less its centre town {t.name_en} ({town_pop:,.0f})")
        # "без Талгар" does not decline the name; "без города Талгар" needs no declension.
        # The Kazakh name says what the centre is: "қ."/"қаласы" a town, "а." a village.
        town_ = str(t.name_kk).endswith(("қ.", "қаласы"))
        rest["name_ru"] = f"{row.name_ru} (без {'города' if town_ else 'села'} {t.name_ru})"
        rest["name_kk"] = f"{row.name_kk} ({t.name_kk} қоспағанда)"
        rest["name_en"] = f"{row.name_en} (without the {'town' if town_ else 'village'} " \
            f"of {t.name_en})"
        rest["area_km2"] = float(row.area_km2) - town_pop / density
        rows.append(rest)
    return pd.DataFrame(rows)


def _unit_row(row: pd.Series, *, unit_id: str, kind: str, pop: float, source: str) -> dict:
    return {
        "unit_id": unit_id, "name_ru": row.name_ru, "name_kk": row.name_kk,
        "name_en": row.name_en, "kind": kind, "parent_id": None, "region": row.region,
        "kato": row.kato, "pop_registered": round(float(pop)), "area_km2": float(row.area_km2),
        "lon": float(row.lon), "lat": float(row.lat), "source": source,
    }


def _actual_population(units: pd.DataFrame, rules: dict) -> pd.DataFrame:
    units = units.copy()
    units["pop_registered"] = units.pop_registered.round().astype(float)
    units["pop_actual"] = units.pop_registered
    units["pop_actual_source"] = rules["default_actual_rule"]
    for region, fact in rules["actual_total"].items():
        city = (units.region == region) & (units.kind == "city_district")
        registered = units.loc[city, "pop_registered"]
        gap = float(fact["value"]) - registered.sum()
        units.loc[city, "pop_actual"] = (registered + gap * registered / registered.sum()).round()
        units.loc[city, "pop_actual_source"] = (
            f"{fact['rule']}; total {float(fact['value']):,.0f} ({fact['source']})"
        )
    return units


def centre_towns(units: pd.DataFrame) -> pd.DataFrame:
    """The units that are towns in their own right: centre towns, and satellite cities that
    are their own only unit (no town carved out of them)."""
    own_town = units["unit_id"].isin(units["parent_id"].dropna())
    return units[units["kind"].isin(["town", "satellite_city"]) & ~own_town]


def unit_geometry(units: pd.DataFrame, districts: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Give every unit its polygon: real district boundaries, schematic centre towns.

    A district (or the rest of one) takes its real boundary from ``districts``; a centre town
    carved out of its district is a disc of its area (``area_km2``) around its real point, cut
    to the district, and the district unit is the district less that disc. Town and rest share
    the disc's edge exactly, so no two units overlap.

    Parameters
    ----------
    units
        From :func:`base_year_units` (``unit_id``, ``kind``, ``parent_id``, ``kato``, ``lon``,
        ``lat``, ``area_km2``).
    districts
        :func:`layers.demo_boundaries.read_boundaries` (``kato`` and geometry, EPSG:4326).

    Returns
    -------
    geopandas.GeoDataFrame
        ``units`` with a geometry in EPSG:4326 and ``geometry_source`` saying, per unit, which
        part is real and which is generated.

    Examples
    --------
    A district of 10 x 10 km and a town of 3.14 km2 in it: the town is a disc of radius 1 km,
    the rest has the district's area less the disc's.

    >>> import geopandas as gpd, pandas as pd, shapely
    >>> box = gpd.GeoSeries([shapely.box(500_000, 4_780_000, 510_000, 4_790_000)], crs=32643)
    >>> d = gpd.GeoDataFrame({"kato": ["1"], "source": ["real"]}, geometry=box.to_crs(4326))
    >>> town = d.geometry.iloc[0].centroid
    >>> u = pd.DataFrame({"unit_id": ["1", "1-town"], "kind": ["suburban_district", "town"],
    ...                   "region": "x", "name_en": ["D", "T"],
    ...                   "parent_id": [None, "1"], "kato": ["1", None],
    ...                   "lon": [0.0, town.x], "lat": [0.0, town.y], "area_km2": [100, 3.1416]})
    >>> area = unit_geometry(u, d).to_crs(32643).area / 1e6
    >>> [round(a, 2) for a in area]
    [96.86, 3.14]
    """
    boundary_of = districts.set_index("kato")
    geometry, source = {}, {}
    for idx, unit in units.iterrows():
        if unit["kind"] == "town":
            continue
        geometry[idx] = boundary_of.geometry[unit["kato"]]
        source[idx] = f"real boundary: {boundary_of.source[unit['kato']]}"
    for idx, town in units[units["kind"] == "town"].iterrows():
        parent = units.index[units["unit_id"] == town["parent_id"]][0]
        district = geometry[parent]
        epsg = utm_epsg(float(town["lon"]), float(town["lat"]))
        radius = math.sqrt(float(town["area_km2"]) * 1e6 / math.pi)
        centre = gpd.GeoSeries([shapely.Point(town["lon"], town["lat"])], crs=WGS84).to_crs(epsg)
        disc = centre.buffer(radius, quad_segs=16).to_crs(WGS84).iloc[0]
        # The town is cut out of the district once, and the rest is the district less exactly
        # that polygon, so that both keep the same vertices along their shared edge.
        geometry[idx] = shapely.intersection(district, disc)
        geometry[parent] = shapely.difference(district, geometry[idx])
        source[idx] = TOWN_RULE
        source[parent] += f"; less the schematic outline of its centre town {town['name_en']}"
    result = gpd.GeoDataFrame(units.copy(), geometry=[geometry[i] for i in units.index],
                              crs=WGS84)
    # A disc that crosses its district's border puts a vertex on that border which the
    # neighbour lacks; noding each region once gives the neighbour the same vertex.
    for _region, group in result.groupby("region", sort=False):
        result.loc[group.index, "geometry"] = shapely.coverage_clean(
            group.geometry.to_numpy(), snapping_distance=0.0)
    result["geometry_source"] = [source[i] for i in units.index]
    return result
