"""Build the national workspace of all of Kazakhstan from the files of ``data/national/``.

:func:`build_national_layers` returns the layers of ``qonys national``, each with its kind and
source (:class:`layers.demo.DemoLayer`); the caller writes them to the store in one atomic write.
Published figures keep their sources; everything estimated says ``estimated`` and its rule in its
``source`` column:

* ``units``: the 224 geokz districts. ``kind`` is ``city_district`` for the districts of Astana,
  Almaty and Shymkent (regions 710000000, 750000000, 790000000); ``city`` for a town of regional
  significance, which the BNS bulletin names with "қ.ә." (Russian "г.а."; e.g. "Семей қ.ә."),
  ``district`` for its "ауданы". A district the bulletin lacks is a city when its KATO's digits
  3–4 are 10–29 (the KATO range of such towns, which agrees with the bulletin's mark on all its
  203 rows) and its Russian name is not an adjective in "-ский" (Zhanasemey, 101010000, is a
  district coded under Semey); ``district`` otherwise. ``pop_registered`` is the BNS figure
  of 1 Jan 2023, NaN where the bulletin gives none; ``area_km2`` is computed in
  :data:`geo.crs.KAZAKHSTAN_EQUAL_AREA`.
* ``regions``: the 20 regions dissolved from their districts, population from
  ``data/reference/places.csv``.
* ``settlements``: the OSM places with the district holding them (``kato`` empty outside every
  district, and counted).
* ``job_centres``: the OSM towns and cities with a population; jobs estimated by the region's
  employed ÷ population (:mod:`layers.national_grid` makes the population grid).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.crs import KAZAKHSTAN_EQUAL_AREA, WGS84
from geo.errors import InputFileError
from geo.i18n import _
from layers.demo import DemoLayer
from layers.national_grid import population_grid
from layers.national_jobs import job_centres
from layers.resources import data_dir, read_yaml

DISTRICTS_FILE = "districts_geokz_2024.geojson"
POPULATION_FILE = "district_population_2023.csv"
PLACES_FILE = "places_osm.csv"
MIGRATION_FILE = "net_migration.csv"
INDICATORS_FILE = "region_indicators.csv"
EMPLOYMENT_FILE = "employment_2022.yaml"
#: The columns each file must have.
COLUMNS = {
    DISTRICTS_FILE: ("kato", "region", "name_ru", "name_kk", "name_en", "source"),
    POPULATION_FILE: ("kato", "region", "name_ru", "pop_2023", "source"),
    PLACES_FILE: ("settlement_id", "name", "name_ru", "name_kk", "name_en", "place",
                  "population", "lon", "lat", "source"),
    MIGRATION_FILE: ("code", "level", "area", "year", "persons", "source"),
    INDICATORS_FILE: ("region", "year", "indicator", "value", "unit", "source"),
}
#: The files each layer is made from, the first the main one.
LAYER_FILES = {
    "units": (DISTRICTS_FILE, POPULATION_FILE),
    "regions": (DISTRICTS_FILE, "../reference/places.csv"),
    "settlements": (PLACES_FILE, DISTRICTS_FILE),
    "job_centres": (PLACES_FILE, INDICATORS_FILE, EMPLOYMENT_FILE),
    "population_grid": (POPULATION_FILE, PLACES_FILE, DISTRICTS_FILE),
    "net_migration_official": (MIGRATION_FILE,),
    "region_indicators": (INDICATORS_FILE,),
}
_GEOKZ = "geokz 1.0.2 (A. Rodionov), CC BY 4.0"
_OSM = "© OpenStreetMap contributors, ODbL 1.0"
_BNS = "BNS (Bureau of National Statistics), the table named in each row's source"
#: The licence of each layer's data, recorded in English.
LAYER_LICENCES = {
    "units": f"boundaries: {_GEOKZ}; population: {_BNS}",
    "regions": f"boundaries: {_GEOKZ}; population: {_BNS}",
    "settlements": f"places: {_OSM}; districts: {_GEOKZ}",
    "job_centres": f"places and their population: {_OSM}; employment: {_BNS}",
    "population_grid": f"residents: {_BNS}; places: {_OSM}; districts: {_GEOKZ}",
    "net_migration_official": _BNS,
    "region_indicators": _BNS,
}
#: Layers whose figures are estimated by qonys, not published.
ESTIMATED = ("job_centres", "population_grid")
#: The regions that are cities: their districts are city districts.
CITY_REGIONS = ("710000000", "750000000", "790000000")
POP_YEAR = 2023
#: The bulletin's mark of a town of regional significance (Kazakh "қала әкімдігі", Russian
#: "г.а." / "Г.А.").
CITY_MARK = ("қ.ә.", "г.а.", "Г.А.")


@dataclass(frozen=True)
class NationalWorkspace:
    """The layers of the national workspace and what the build found on the way.

    Attributes
    ----------
    layers
        The layers to write, in order.
    folder
        The folder of the national files they were built from.
    outside
        Settlement ids that lie outside every district (kept, with no ``kato``).
    no_population
        Districts the BNS bulletin gives no population for (``pop_registered`` NaN).
    national_ratio_regions
        Regions whose job centres took the national employed ÷ population ratio.
    national_ratio
        That ratio.
    notes
        By layer, what is estimated or missing there, one sentence each (English, for the
        provenance).
    """

    layers: list[DemoLayer]
    folder: Path = Path()
    outside: list[str] = field(default_factory=list)
    no_population: list[str] = field(default_factory=list)
    national_ratio_regions: list[str] = field(default_factory=list)
    national_ratio: float = float("nan")
    notes: dict[str, list[str]] = field(default_factory=dict)

    def layer(self, name: str) -> pd.DataFrame:
        """The frame of layer ``name``."""
        return next(layer.frame for layer in self.layers if layer.name == name)


def build_national_layers(folder: Path | None = None, *,
                          progress: Callable[[str], None] | None = None) -> NationalWorkspace:
    """Every layer of the national workspace, built from the files of ``folder``.

    Parameters
    ----------
    folder
        The folder of the national files (default ``data/national/``).
    progress
        Called with each stage's name (``facts``, ``districts``, ``population``) as work proceeds.

    Returns
    -------
    NationalWorkspace
        ``units``, ``regions``, ``settlements``, ``job_centres``, ``population_grid``,
        ``net_migration_official`` and ``region_indicators``.

    Raises
    ------
    InputFileError
        If a file is missing, unreadable or lacks a column, naming the file.
    """
    step = progress or (lambda _stage: None)
    folder = Path(folder) if folder is not None else data_dir() / "national"
    step("facts")
    districts = read_districts(folder / DISTRICTS_FILE)
    population = read_csv(folder / POPULATION_FILE, numbers=("pop_2023",))
    places = read_csv(folder / PLACES_FILE, numbers=("population", "lon", "lat"))
    migration = read_csv(folder / MIGRATION_FILE, numbers=("year", "persons"))
    indicators = read_csv(folder / INDICATORS_FILE, numbers=("year", "value"))
    reference = read_csv(data_dir() / "reference" / "places.csv", numbers=("pop_2023",),
                         columns=("code", "kind", "name_ru", "name_kk", "name_en", "pop_2023",
                                  "source"))
    step("districts")
    units = district_units(districts, population)
    regions = region_units(units, reference)
    settlements, outside = locate_settlements(places, units)
    step("population")
    centres, lacking, national = job_centres(settlements, indicators,
                                       fallback=national_employment(folder, reference))
    grid = population_grid(units, settlements)
    missing = units.loc[units["pop_registered"].isna(), "unit_id"].tolist()
    notes: dict[str, list[str]] = {}
    if lacking:
        notes["job_centres"] = [
            f"no employed/population figure for {len(lacking)} region(s) "
            f"({', '.join(lacking)}): the national ratio {national:.4f} is used"]
    if missing:
        for name in ("units", "population_grid"):
            notes.setdefault(name, []).append(
                f"no BNS population for {len(missing)} districts ({', '.join(missing)}): "
                "pop_registered not assessed, none of their residents in population_grid")
    if outside:
        for name in ("settlements", "job_centres", "population_grid"):
            notes.setdefault(name, []).append(
                f"{len(outside)} OSM places lie outside every district: kept in settlements "
                "with no kato, left out of job_centres and population_grid")
    indicators = indicators.assign(year=indicators["year"].astype(int))
    migration = migration.assign(year=migration["year"].astype(int))
    layers = [
        DemoLayer("units", "units", units, f"data/national/{DISTRICTS_FILE}, {POPULATION_FILE}"),
        DemoLayer("regions", "units", regions,
                  f"data/national/{DISTRICTS_FILE} dissolved by region; data/reference/places.csv"),
        DemoLayer("settlements", "settlements", settlements, f"data/national/{PLACES_FILE}"),
        DemoLayer("job_centres", "job_centres", centres,
                  f"estimated from data/national/{PLACES_FILE} and {INDICATORS_FILE}"),
        DemoLayer("population_grid", "population_grid", grid,
                  f"estimated from data/national/{POPULATION_FILE} and {PLACES_FILE}"),
        DemoLayer("net_migration_official", "net_migration", migration,
                  f"data/national/{MIGRATION_FILE}"),
        DemoLayer("region_indicators", "region_indicators", indicators,
                  f"data/national/{INDICATORS_FILE}"),
    ]
    return NationalWorkspace(layers, folder=folder, outside=outside, no_population=missing,
                             national_ratio_regions=lacking, national_ratio=national,
                             notes=notes)


def read_districts(path: Path) -> gpd.GeoDataFrame:
    """The district file, codes as strings; a missing file or column names the file."""
    _exists(path)
    try:
        frame = gpd.read_file(path)
    except Exception as exc:  # fiona/pyogrio raise their own errors
        msg = _("Cannot read {path}: {error}. Rebuild it with tools/national_data.py.",
                path=path, error=exc)
        raise InputFileError(msg) from exc
    _has_columns(frame, path, COLUMNS[DISTRICTS_FILE])
    for column in ("kato", "region"):
        frame[column] = frame[column].astype(str)
    return frame.to_crs(WGS84)


def read_csv(path: Path, *, numbers: tuple[str, ...] = (),
             columns: tuple[str, ...] | None = None) -> pd.DataFrame:
    """A CSV of the national files with its codes as strings and ``numbers`` as floats.

    Raises
    ------
    InputFileError
        If the file is missing, lacks a column of :data:`COLUMNS`, or a number column holds text;
        the message names the file (and the column and row).
    """
    _exists(path)
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    _has_columns(frame, path, columns or COLUMNS.get(path.name, ()))
    for column in numbers:
        values = pd.to_numeric(frame[column], errors="coerce")
        bad = values.isna() & frame[column].notna()
        if bad.any():
            row = int(np.flatnonzero(bad.to_numpy())[0]) + 2
            msg = _("{path}, line {row}: column {column} holds {value!r}, not a number.",
                    path=path, row=row, column=column, value=frame[column][bad].iloc[0])
            raise InputFileError(msg)
        frame[column] = values.astype(float)
    return frame


def _exists(path: Path) -> None:
    if not path.is_file():
        msg = _("The national data file {path} is missing. Reinstall qonys, or rebuild the "
                "national files: python tools/national_data.py --shared ../shared", path=path)
        raise InputFileError(msg)


def _has_columns(frame: pd.DataFrame, path: Path, columns: tuple[str, ...]) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        msg = _("{path} has no column {columns}; it needs {needed}.", path=path,
                columns=", ".join(missing), needed=", ".join(columns))
        raise InputFileError(msg)


def unit_kind(kato: str, region: str, *, bulletin_name: str | None = None,
              name_ru: str = "") -> str:
    """``city_district``, ``city`` or ``district`` by the rule of the module's docstring.

    Parameters
    ----------
    kato, region
        The district's codes.
    bulletin_name
        The district's name in the BNS bulletin (``Семей қ.ә.``, ``Абай ауданы``), ``None``
        where the bulletin has no row for it.
    name_ru
        The geokz Russian name, for a district the bulletin lacks.

    Examples
    --------
    >>> unit_kind("751110000", "750000000")
    'city_district'
    >>> unit_kind("352400000", "350000000", bulletin_name="Теміртау қ.ә.")
    'city'
    >>> unit_kind("191800000", "190000000", name_ru="Алатау")
    'city'
    >>> unit_kind("101010000", "100000000", name_ru="Жанасемейский")
    'district'
    """
    if region in CITY_REGIONS:
        return "city_district"
    if bulletin_name is not None:
        return "city" if str(bulletin_name).strip().endswith(CITY_MARK) else "district"
    city_code = kato[2] in "12"
    return "city" if city_code and not name_ru.strip().endswith("ский") else "district"


def district_units(districts: gpd.GeoDataFrame, population: pd.DataFrame) -> gpd.GeoDataFrame:
    """The ``units`` layer: one row per district, population NaN where the bulletin has none."""
    pop = population.drop_duplicates("kato").set_index("kato")
    units = districts[["kato", "region", "name_ru", "name_kk", "name_en"]].copy()
    units.insert(0, "unit_id", units["kato"])
    bulletin = pop["source"].str.extract(r"row \d+: (.*)$")[0]
    units["kind"] = [unit_kind(k, r, bulletin_name=bulletin.get(k), name_ru=str(n))
                     for k, r, n in zip(units["kato"], units["region"], units["name_ru"],
                                        strict=True)]
    units["pop_registered"] = units["kato"].map(pop["pop_2023"]).astype(float)
    units["pop_year"] = POP_YEAR
    units["area_km2"] = districts.geometry.to_crs(KAZAKHSTAN_EQUAL_AREA).area.to_numpy() / 1e6
    absent = "pop_registered: not assessed (the BNS bulletin of 1 Jan 2023 gives no figure)"
    units["source"] = [
        f"boundary: {b}; pop_registered: {pop['source'][k]}" if k in pop.index
        else f"boundary: {b}; {absent}"
        for k, b in zip(units["kato"], districts["source"], strict=True)]
    return gpd.GeoDataFrame(units, geometry=districts.geometry.to_numpy(), crs=WGS84)


def region_units(units: gpd.GeoDataFrame, reference: pd.DataFrame) -> gpd.GeoDataFrame:
    """The ``regions`` layer: districts dissolved by region, names and population of the
    reference table (NaN for a region it lacks)."""
    dissolved = units[["region", "geometry"]].dissolve("region", sort=True).reset_index()
    ref = reference[reference["kind"] == "oblast"].set_index("code")
    frame = pd.DataFrame({"unit_id": dissolved["region"], "kind": "region",
                          "region": dissolved["region"]})
    for column in ("name_ru", "name_kk", "name_en"):
        frame[column] = frame["region"].map(ref[column])
    frame["pop_registered"] = frame["region"].map(ref["pop_2023"]).astype(float)
    frame["pop_year"] = POP_YEAR
    frame["area_km2"] = dissolved.geometry.to_crs(KAZAKHSTAN_EQUAL_AREA).area.to_numpy() / 1e6
    frame["source"] = [
        f"boundary: its districts dissolved; names, pop_registered: {ref['source'][r]}"
        if r in ref.index else "boundary: its districts dissolved; not in data/reference/places.csv"
        for r in frame["region"]]
    return gpd.GeoDataFrame(frame, geometry=dissolved.geometry.to_numpy(), crs=WGS84)


def locate_settlements(places: pd.DataFrame,
                       units: gpd.GeoDataFrame) -> tuple[gpd.GeoDataFrame, list[str]]:
    """The ``settlements`` layer with each place's district, and the ids outside every one.

    A place on the border of two districts goes to the first of them in the file's order. The
    OSM ``name`` is kept beside ``name_ru``/``name_kk``/``name_en``, not copied into them.
    """
    points = gpd.GeoDataFrame(
        places.drop(columns=["lon", "lat"]),
        geometry=gpd.points_from_xy(places["lon"], places["lat"]), crs=WGS84)
    joined = gpd.sjoin(points[["geometry"]], units[["kato", "region", "geometry"]],
                       how="left", predicate="intersects")
    joined = joined[~joined.index.duplicated(keep="first")]
    points["kato"] = joined["kato"]
    points["region"] = joined["region"]
    points["population"] = points["population"].astype(float)
    # OSM's `name` (the local name, Russian or Kazakh) stays a column of its own: 1,488 places
    # have it and no name:ru, and it is not always Russian.
    outside = points.loc[points["kato"].isna(), "settlement_id"].tolist()
    points["source"] = np.where(
        points["kato"].isna(),
        points["source"] + "; outside every geokz district (no kato)",
        points["source"] + "; kato: the geokz district holding the point")
    return points, outside


def national_employment(folder: Path, reference: pd.DataFrame) -> tuple[float, str]:
    """The national employed ÷ population of :data:`EMPLOYMENT_FILE` (employed) and the 20
    regions' population of 1 Jan 2023 (``data/reference/places.csv``), and its source."""
    path = folder / EMPLOYMENT_FILE
    _exists(path)
    employed = read_yaml(path).get("employed")
    if not isinstance(employed, dict) or not isinstance(employed.get("value"), int | float):
        msg = _("{path} has no number under employed: value.", path=path)
        raise InputFileError(msg)
    population = reference.loc[reference["kind"] == "oblast", "pop_2023"].sum()
    source = (f"employed {employed['value']:,.0f} in {employed.get('year')} "
              f"({employed.get('source')}) ÷ population {population:,.0f} on 1 Jan 2023 (the 20 "
              "regions of data/reference/places.csv)")
    return float(employed["value"]) / float(population), source
