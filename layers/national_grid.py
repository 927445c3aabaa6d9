"""The national population grid: each district's registered residents on H3 res-8 cells.

The rule (estimated, said in every row's ``source``):

* a district of Astana, Almaty or Shymkent (``kind`` ``city_district``): its residents spread
  evenly over the cells whose centres lie in it (the city is built up throughout);
* any other district: its residents spread over its OSM places in proportion to their OSM
  population; a place without one weighs the median population of the OSM places of its type
  that have one (:func:`place_weights`, a documented assumption). Every place covers a disc of
  cells of its residents' area at :func:`town_density` residents per km² (the demo's schematic
  town density) around its point, cut to the cells whose centres lie in its district: a place
  of fewer residents than one cell holds at that density (about 1,850) is the one cell holding
  its point. The disc is by residents, not by OSM place type: the extract lacks some cities
  (Kyzylorda), whose residents then go to the large villages around them;
* a place whose weight is 0 (OSM population 0) gets no one; a district whose places all weigh
  0 is treated as a district without places;
* a district with residents and no OSM place: its residents at the cell of its representative
  point;
* a district without a population figure puts no one on the grid (not 0: not assessed).

Where two districts put residents on one cell (a place whose own cell's centre lies across the
border), the cell's ``unit_id`` is the district that put more there; the country's total is kept
exactly.
"""

from __future__ import annotations

import math

import geopandas as gpd
import h3
import numpy as np
import pandas as pd
import shapely

from geo import hexgrid
from geo.crs import WGS84
from layers.resources import data_dir, read_yaml

RES = 8
SOURCE = {
    "area": "estimated: the city district's registered residents (BNS, 1 Jan 2023) spread "
            "evenly over its H3 res-8 cells",
    "places": "estimated: the district's registered residents (BNS, 1 Jan 2023) spread over its "
              "OSM places by their population (a place without one: the median of its type), "
              "each place over a disc of {density:g} residents per km² cut to its district; "
              "H3 res 8",
    "point": "estimated: the district has no OSM place; its registered residents (BNS, 1 Jan "
             "2023) at the H3 res-8 cell of its representative point",
}


def town_density() -> float:
    """Residents per km² of a town's disc: ``town_density_per_km2`` of the demo's rules."""
    return float(read_yaml(data_dir() / "demo" / "base_year.yaml")["town_density_per_km2"])


def place_weights(settlements: pd.DataFrame) -> pd.Series:
    """Each place's weight: its OSM population, else the median of its type's (else of all).

    Examples
    --------
    >>> s = pd.DataFrame({"place": ["village", "village", "village", "hamlet"],
    ...                   "population": [100.0, 300.0, None, None]})
    >>> place_weights(s).tolist()
    [100.0, 300.0, 200.0, 200.0]
    """
    population = settlements["population"].astype(float)
    median = population.groupby(settlements["place"]).median()
    fallback = population.median() if population.notna().any() else 1.0
    typical = settlements["place"].map(median).astype(float).fillna(fallback)
    return population.fillna(typical)


def population_grid(units: gpd.GeoDataFrame, settlements: gpd.GeoDataFrame, *,
                    density: float | None = None) -> gpd.GeoDataFrame:
    """The ``population_grid`` layer: ``point_id`` (H3 res-8 id), ``persons``, ``unit_id``,
    ``source`` and the cell's centre, by the rule of the module's docstring.

    Parameters
    ----------
    units
        The national ``units`` (``unit_id``, ``kind``, ``pop_registered``, polygons, WGS 84).
    settlements
        The national ``settlements`` with ``kato`` (the district), ``place``, ``population``.
    density
        Residents per km² of a town's disc (default :func:`town_density`).
    """
    density = town_density() if density is None else float(density)
    populated = units[units["pop_registered"].notna() & (units["pop_registered"] > 0)]
    by_area = populated[populated["kind"] == "city_district"]
    others = populated[populated["kind"] != "city_district"]
    parts = [_by_area(by_area)]
    places = settlements[settlements["kato"].isin(others["unit_id"])].copy()
    places["weight"] = place_weights(settlements).loc[places.index]
    places = places[places["weight"] > 0]
    parts.append(_by_places(others, places, density))
    lonely = others[~others["unit_id"].isin(places["kato"])]
    anchors = lonely.geometry.representative_point()
    parts.append(pd.DataFrame({
        "h3": hexgrid.points_to_cells(anchors, res=RES).to_numpy(),
        "unit_id": lonely["unit_id"].to_numpy(),
        "persons": lonely["pop_registered"].to_numpy(float), "basis": "point"}))
    rows = pd.concat([part for part in parts if not part.empty] or [_EMPTY], ignore_index=True)
    return _cells(rows, density)


_EMPTY = pd.DataFrame({"h3": [], "unit_id": [], "persons": [], "basis": []})


def _by_area(units: gpd.GeoDataFrame) -> pd.DataFrame:
    if units.empty:
        return _EMPTY
    owned = hexgrid.cells_in_polygons(
        gpd.GeoSeries(units.geometry.to_numpy(), index=units["unit_id"].to_numpy(), crs=WGS84),
        res=RES)
    count = owned.groupby("owner")["h3"].transform("size")
    total = owned["owner"].map(units.set_index("unit_id")["pop_registered"])
    return pd.DataFrame({"h3": owned["h3"].to_numpy(), "unit_id": owned["owner"].to_numpy(),
                         "persons": (total / count).to_numpy(float), "basis": "area"})


def _by_places(units: gpd.GeoDataFrame, places: gpd.GeoDataFrame,
               density: float) -> pd.DataFrame:
    if places.empty:
        return _EMPTY
    totals = units.set_index("unit_id")["pop_registered"]
    shape_of = units.set_index("unit_id").geometry
    share = places["weight"] / places.groupby("kato")["weight"].transform("sum")
    persons = share * places["kato"].map(totals)
    own = hexgrid.points_to_cells(places.geometry, res=RES)
    rows_h3, rows_unit, rows_persons = [], [], []
    for idx, place in places.iterrows():
        cells = _disc(own[idx], persons[idx] / density, shape_of[place["kato"]])
        rows_h3 += cells
        rows_unit += [place["kato"]] * len(cells)
        rows_persons += [persons[idx] / len(cells)] * len(cells)
    return pd.DataFrame({"h3": rows_h3, "unit_id": rows_unit, "persons": rows_persons,
                         "basis": "places"})


def _disc(cell: str, area_km2: float, district) -> list[str]:
    """The cells of a disc of ``area_km2`` around ``cell`` whose centres lie in ``district``
    (``cell`` alone when none does)."""
    needed = max(1, math.ceil(area_km2 / h3.cell_area(cell, unit="km^2")))
    k = 0
    while 1 + 3 * k * (k + 1) < needed:
        k += 1
    disc = h3.grid_disk(cell, k)
    centres = np.array([h3.cell_to_latlng(c) for c in disc])
    inside = shapely.contains_xy(district, centres[:, 1], centres[:, 0])
    kept = [c for c, keep in zip(disc, inside, strict=True) if keep]
    return kept or [cell]


def _cells(rows: pd.DataFrame, density: float) -> gpd.GeoDataFrame:
    by_unit = rows.groupby(["h3", "unit_id"], sort=False).agg(
        persons=("persons", "sum"), basis=("basis", "first")).reset_index()
    main = by_unit.sort_values("persons", ascending=False, kind="stable").drop_duplicates("h3")
    persons = by_unit.groupby("h3")["persons"].sum()
    main = main.set_index("h3").loc[persons.index].reset_index()
    shared = by_unit.groupby("h3").size()
    sources = [SOURCE[b].format(density=density) for b in main["basis"]]
    sources = [s + ("; the cell also holds residents of a neighbouring district"
                    if shared[c] > 1 else "") for s, c in zip(sources, main["h3"], strict=True)]
    frame = pd.DataFrame({"point_id": main["h3"].astype(str).to_numpy(),
                          "persons": persons.loc[main["h3"]].to_numpy(float),
                          "unit_id": main["unit_id"].astype(str).to_numpy(), "source": sources})
    return gpd.GeoDataFrame(frame, geometry=hexgrid.cell_centres(frame["point_id"]).to_numpy(),
                            crs=WGS84)
