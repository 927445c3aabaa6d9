"""Demo units of the three regions: base-year population from the facts, schematic geometry.

The rules are those of ``data/demo/base_year.yaml`` (read, not repeated here):

* city districts: 2023 shares scaled to the city's total of 1 Nov 2024; the districts new in
  2024 (Astana's Nura, Shymkent's Turan) get an estimate taken out of their city's other
  districts, so that the city total stays the published one;
* suburbs keep their 2023 figure; a centre town is a unit of its own and its district unit is
  the rest of the district (a town holding the whole district is the district's only unit);
* actual population: Astana's 1.9M spread over its city districts; elsewhere actual equals
  registered, and the ``pop_actual_source`` column says so;
* geometry: Voronoi cells of the published centroids (districts and towns together, per
  region, in the region's UTM zone), each clipped to a disc of the published area (towns: of
  population / density). Cells of one Voronoi diagram never overlap. The published area stays
  an attribute (``area_km2``).
"""

from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.crs import WGS84, utm_epsg

GEOMETRY_RULE = (
    "generated: schematic geometry, the Voronoi cell of the published centroid clipped to a "
    "disc of the published area (not a real boundary)"
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
        rest["name_ru"] = f"{row.name_ru} (без {t.name_ru})"
        rest["name_kk"] = f"{row.name_kk} ({t.name_kk} қоспағанда)"
        rest["name_en"] = f"{row.name_en} (without {t.name_en})"
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


def schematic_geometry(units: pd.DataFrame) -> gpd.GeoDataFrame:
    """Give every unit a schematic polygon, per region, with no two polygons overlapping.

    Parameters
    ----------
    units
        From :func:`base_year_units` (``lon``, ``lat``, ``area_km2``, ``region``).

    Returns
    -------
    geopandas.GeoDataFrame
        ``units`` with a geometry in EPSG:4326 and ``geometry_source`` saying it is schematic.

    Examples
    --------
    Two units 10 km apart, each of 100 km² (discs of radius 5.64 km): their cells meet on the
    bisector and do not overlap.

    >>> import pandas as pd
    >>> u = pd.DataFrame({"region": ["x", "x"], "lon": [76.9, 77.0237], "lat": [43.25, 43.25],
    ...                   "area_km2": [100.0, 100.0]})
    >>> g = schematic_geometry(u).to_crs(32643)
    >>> bool(g.geometry.iloc[0].intersection(g.geometry.iloc[1]).area < 1e-3)
    True
    """
    parts = []
    for _, group in units.groupby("region", sort=False):
        epsg = utm_epsg(float(group.lon.mean()), float(group.lat.mean()))
        points = gpd.GeoSeries(gpd.points_from_xy(group.lon, group.lat), crs=WGS84)
        radius = np.sqrt(group.area_km2.to_numpy(float) * 1e6 / math.pi)
        discs = gpd.GeoSeries(points.to_crs(epsg).buffer(radius, quad_segs=16), crs=epsg)
        discs = discs.to_crs(WGS84).to_numpy()
        # The diagram is drawn in lon/lat scaled by cos(latitude), a near-metric plane whose
        # straight lines stay straight in the stored CRS: neighbouring cells keep exactly the
        # same shared edges, so they cannot overlap after storage.
        scale = math.cos(math.radians(float(group.lat.mean())))
        scaled = shapely.transform(points.to_numpy(), lambda xy, k=scale: xy * [k, 1.0])
        envelope = shapely.box(*shapely.total_bounds(discs)).buffer(1.0)
        envelope = shapely.transform(envelope, lambda xy, k=scale: xy * [k, 1.0])
        cells = shapely.voronoi_polygons(shapely.MultiPoint(list(scaled)), extend_to=envelope)
        cell_of = _cells_by_point(scaled, cells)
        cell_of = shapely.transform(cell_of, lambda xy, k=scale: xy / [k, 1.0])
        # Dense shared edges bend alike when a reader reprojects them (about 500 m segments).
        cell_of = shapely.segmentize(cell_of, 0.005)
        geoms = _coverage(cell_of, discs)
        parts.append(gpd.GeoDataFrame(group.copy(), geometry=list(geoms), crs=WGS84))
    result = pd.concat(parts).reindex(units.index)
    result = gpd.GeoDataFrame(result, geometry="geometry", crs=WGS84)
    result["geometry_source"] = GEOMETRY_RULE
    return result


def _coverage(cells: np.ndarray, discs: np.ndarray) -> list:
    """Each cell clipped to its disc, as one noded coverage: neighbours share identical edges.

    Clipping cells one by one leaves floating-point slivers where neighbours meet; instead all
    boundaries are noded together, split into faces, and each face goes to the unit whose cell
    and disc hold it.
    """
    noded = shapely.union_all(shapely.boundary(np.concatenate([cells, discs])))
    faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(noded)))
    faces = faces[shapely.area(faces) > 1e-10]  # below about 1 m2: rounding slivers, not land
    inner = shapely.point_on_surface(faces)
    holds = np.array([shapely.contains(cell, inner) & shapely.contains(disc, inner)
                      for cell, disc in zip(cells, discs, strict=True)])
    # A sliver face on a shared edge may sit in two cells within rounding: the first takes it,
    # so that no face belongs to two units.
    owner = np.where(holds.any(axis=0), holds.argmax(axis=0), -1)
    return [shapely.coverage_union_all(faces[owner == i]) for i in range(len(cells))]


def _cells_by_point(points: np.ndarray, cells: shapely.GeometryCollection) -> np.ndarray:
    """Voronoi cells in the order of ``points`` (GEOS returns them in its own order)."""
    polygons = np.array(list(cells.geoms), dtype=object)
    tree = shapely.STRtree(polygons)
    point_idx, cell_idx = tree.query(points, predicate="intersects")
    ordered = np.empty(len(points), dtype=object)
    ordered[point_idx] = polygons[cell_idx]
    return ordered
