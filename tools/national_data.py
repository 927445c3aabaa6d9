"""Derive the national figures of ``data/national/`` from public files, reproducibly.

From the project's shared folder (``--shared``, the one holding ``geodata/``):

* ``districts_geokz_2024.geojson``: the 224 ADM2 districts of geokz, cleaned and simplified as
  one coverage of the whole country (:func:`layers.demo_boundaries.simplify_coverage`, in the
  Lambert azimuthal equal-area projection of Kazakhstan, tolerance :data:`TOLERANCE_M`);
* ``district_population_2023.csv``: the district rows of table 3 of the BNS bulletin on
  1 January 2023, matched to the geokz districts by Kazakh name within the oblast;
* ``places_osm.csv``: the 9,899 populated places of the OpenStreetMap extract.

With ``--kaz-data`` (a local copy of the raw BNS files of github.com/armanbostybayev-maker/kaz-Data,
see :mod:`tools.national_kazdata`) also ``net_migration.csv`` and ``region_indicators.csv``.

Run::

    .venv/bin/python tools/national_data.py --shared ../shared [--kaz-data DIR] [--out DIR]

The output is deterministic: the same inputs give the same bytes (``tests/test_national_data.py``
re-runs it and compares).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import geopandas as gpd
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from geo.crs import KAZAKHSTAN_EQUAL_AREA, WGS84
from geo.errors import InputFileError
from layers.demo_boundaries import (
    ATTRIBUTION,
    SHAPEFILE,
    simplify_coverage,
    write_boundaries,
)
from layers.resources import data_dir
from tools.national_kazdata import build_kaz_data, bulletin_regions

#: Coverage simplification tolerance for the whole country, metres: keeps the file under
#: 700 KB; the area of the large rural districts moves by well under 1 %, that of the smallest
#: city districts by up to about 2 % (measured in tests/test_national_data.py).
TOLERANCE_M = 500.0
DISTRICTS_FILE = "districts_geokz_2024.geojson"
POPULATION_FILE = "district_population_2023.csv"
PLACES_FILE = "places_osm.csv"
BULLETIN = Path("geodata") / "kz-population-bns" / "source.xlsx"
OSM_PLACES = (Path("geodata") / "kz-populated-places-osm"
              / "hotosm_kaz_populated_places_points_geojson.geojson")
DISTRICT_SOURCE = (f"{ATTRIBUTION}; ADM2 2024 district KATO {{kato}}, cleaned and simplified as "
                   f"one national coverage in LAEA (lat_0=48, lon_0=68) with a tolerance of "
                   f"{TOLERANCE_M:.0f} m")
BULLETIN_SOURCE = ("BNS bulletin series 18, No 8-15/1004 (13.02.2023), population on 1 Jan 2023, "
                   "table 3 (sheet 03 of source.xlsx, github.com/open-data-kazakhstan/"
                   "city-population, commit 785e94b), row {row}: {name}")
OSM_SOURCE = "© OpenStreetMap contributors, ODbL 1.0"
#: Bulletin names (Kazakh, suffix stripped) spelt otherwise in geokz's ADM2_KK.
ALIASES = {"Лисаков": "Лисаковск", "Қарақия": "Қарақиян"}
_KAZAKH = str.maketrans("әғқңөұүһіi", "агкноуухии")


def _key(name: str) -> str:
    """A Kazakh name reduced for matching: lower case, Kazakh letters as Russian, no spaces."""
    return re.sub(r"[^a-zа-яё]", "", str(name).lower().translate(_KAZAKH))


def read_districts(shared: Path) -> gpd.GeoDataFrame:
    """The geokz ADM2 2024 districts (WGS 84), ``KATO`` as strings, in the file's order."""
    path = Path(shared) / "geodata" / SHAPEFILE
    if not path.is_file():
        msg = f"The geokz district shapefile {path} is missing (point --shared at ../shared)."
        raise InputFileError(msg)
    frame = gpd.read_file(path).to_crs(WGS84)
    frame["KATO"] = frame["KATO"].astype(str)
    return frame


def build_districts(source: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The districts simplified as one national coverage, with the contract's properties."""
    geometry = simplify_coverage(source.geometry, crs=KAZAKHSTAN_EQUAL_AREA,
                                 tolerance_m=TOLERANCE_M)
    return gpd.GeoDataFrame({
        "kato": source["KATO"].to_numpy(),
        "region": source["KATO"].str[:2].to_numpy() + "0000000",
        "name_ru": source["ADM2_RU"].to_numpy(), "name_kk": source["ADM2_KK"].to_numpy(),
        "name_en": source["ADM2_EN"].to_numpy(),
        "source": [DISTRICT_SOURCE.format(kato=k) for k in source["KATO"]],
    }, geometry=list(geometry), crs=WGS84)


def _number(value) -> int:
    """A bulletin cell as persons: "-" (no such population) is 0."""
    return 0 if str(value).strip() == "-" else int(value)


def bulletin_units(shared: Path) -> pd.DataFrame:
    """The first-level rows of table 3: per oblast its towns of regional significance (``қ.ә.``,
    with their villages) and districts; per city of republican significance its districts.

    Returns
    -------
    pandas.DataFrame
        ``block`` (the oblast's row name), ``block_total``/``block_urban``/``block_rural`` (its
        totals), ``row`` (1-based sheet row), ``name``, ``kind`` (city | district), ``total``,
        ``urban``, ``rural``.
    """
    path = Path(shared) / BULLETIN
    if not path.is_file():
        msg = f"The BNS bulletin {path} is missing (point --shared at ../shared)."
        raise InputFileError(msg)
    sheet = pd.read_excel(path, sheet_name="03", header=None)
    rows, block = [], None
    for index, cells in sheet.iloc[6:].iterrows():
        name = cells[0]
        if pd.isna(name) or pd.isna(cells[1]):
            block = None
            continue
        name = re.sub(r"\s+", " ", str(name)).strip()
        counts = _number(cells[1]), _number(cells[4]), _number(cells[7])
        if block is None:
            block = (name, *counts)
            republican = name.endswith(" қаласы")
            continue
        if name.endswith(" қ.ә."):
            kind, base = "city", name.removesuffix(" қ.ә.")
        elif name.endswith(" ауданы") and (republican or counts[2] > 0):
            # In an oblast a district without rural population is a district of a city (Aktobe,
            # Karaganda), listed under its town: not a unit of its own.
            kind, base = ("city" if republican else "district"), name.removesuffix(" ауданы")
        else:
            continue
        rows.append({"block": block[0], "block_total": block[1], "block_urban": block[2],
                     "block_rural": block[3], "row": index + 1, "name": name, "base": base,
                     "kind": kind, "total": counts[0], "urban": counts[1], "rural": counts[2]})
    return pd.DataFrame(rows)


def _region_of_block(places: pd.DataFrame) -> dict[str, str]:
    """Oblast row name of the bulletin ("Абай", "Астана қаласы") → region code, by the Kazakh
    names of ``data/reference/places.csv`` ("Абай облысы", "Астана қаласы")."""
    oblasts = places[places["kind"] == "oblast"]
    names = oblasts["name_kk"].str.replace(r" облысы$", "", regex=True)
    return {_key(n): str(c) for n, c in zip(names, oblasts["code"], strict=True)}


def match_population(units: pd.DataFrame, districts: gpd.GeoDataFrame,
                     places: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The bulletin's units matched to geokz districts by Kazakh name within the oblast.

    A geokz town of regional significance has the third KATO digit 1 or 2; a district 3 to 6.

    Returns
    -------
    tuple of pandas.DataFrame
        The contract's ``district_population_2023.csv`` (in the geokz order), and the bulletin
        units with their ``region`` and matched ``kato`` (empty where none matched).
    """
    region_of = _region_of_block(places)
    units = units.assign(region=[region_of[_key(b)] for b in units["block"]])
    geokz = pd.DataFrame({"kato": districts["kato"], "region": districts["region"],
                          "key": districts["name_kk"].map(_key),
                          "kind": ["city" if k[2] in "12" else "district"
                                   for k in districts["kato"]]})
    lookup = {(r.region, r.kind, r.key): r.kato for r in geokz.itertuples()}
    units["kato"] = [lookup.get((u.region, u.kind, _key(ALIASES.get(u.base, u.base))), "")
                     for u in units.itertuples()]
    matched = units[units["kato"] != ""]
    if matched["kato"].duplicated().any():
        msg = f"Two bulletin rows matched one district: {matched[matched.kato.duplicated()]}"
        raise InputFileError(msg)
    table = districts[["kato", "region", "name_ru"]].merge(
        matched[["kato", "row", "name", "total", "urban", "rural"]], on="kato", how="inner")
    table = pd.DataFrame({
        "kato": table["kato"], "region": table["region"], "name_ru": table["name_ru"],
        "pop_2023": table["total"], "pop_urban_2023": table["urban"],
        "pop_rural_2023": table["rural"],
        "source": [BULLETIN_SOURCE.format(row=r, name=n)
                   for r, n in zip(table["row"], table["name"], strict=True)]})
    return table, units


def build_places(shared: Path) -> tuple[pd.DataFrame, dict[str, int]]:
    """The OSM populated places as the contract's ``places_osm.csv``, and counts of the
    population tag (``none``, ``parsed``, ``unparsed``: a value not a whole number)."""
    path = Path(shared) / OSM_PLACES
    if not path.is_file():
        msg = f"The OSM populated places {path} are missing (point --shared at ../shared)."
        raise InputFileError(msg)
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    rows, counts = [], {"none": 0, "parsed": 0, "unparsed": 0}
    for feature in features:
        tags = feature["properties"]
        raw = tags.get("population")
        population = parse_population(raw)
        counts["none" if raw in (None, "") else
               "parsed" if population is not None else "unparsed"] += 1
        lon, lat = feature["geometry"]["coordinates"]
        rows.append({
            "settlement_id": f"osm:{tags['osm_type'].removesuffix('s')}/{tags['osm_id']}",
            "name": tags.get("name"), "name_ru": tags.get("name:ru"),
            "name_kk": tags.get("name:kk"), "name_en": tags.get("name:en"),
            "place": tags.get("place"), "population": population, "lon": lon, "lat": lat,
            "source": OSM_SOURCE})
    frame = pd.DataFrame(rows)
    frame["population"] = frame["population"].astype("Int64")
    return frame, counts


def parse_population(raw) -> int | None:
    """An OSM ``population`` tag as persons, or None where absent or ambiguous.

    Thousands separators (space, comma, apostrophe) are dropped; anything else but digits
    ("~5000", "5000-6000", "около 300") is ambiguous.

    >>> parse_population("12 500"), parse_population("~5000"), parse_population(None)
    (12500, None, None)
    """
    if raw is None:
        return None
    text = re.sub(r"(?<=\d)[\s,'’](?=\d{3}\b)", "", str(raw).strip())
    return int(text) if text.isdigit() else None


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """Write a table as UTF-8 CSV with Unix line ends (byte-reproducible)."""
    frame.to_csv(path, index=False, lineterminator="\n")


def build_shared(shared: Path, out: Path) -> tuple[dict[str, object], dict[str, pd.DataFrame]]:
    """Write the three files derived from ``shared`` into ``out``; return what was measured
    and the tables :func:`tools.national_kazdata.build_kaz_data` matches against."""
    out.mkdir(parents=True, exist_ok=True)
    source = read_districts(shared)
    districts = build_districts(source)
    write_boundaries(districts, out / DISTRICTS_FILE)
    places_ref = pd.read_csv(data_dir() / "reference" / "places.csv", dtype={"code": str})
    population, units = match_population(bulletin_units(shared), districts, places_ref)
    write_csv(population, out / POPULATION_FILE)
    places, counts = build_places(shared)
    write_csv(places, out / PLACES_FILE)
    unmatched = districts[~districts["kato"].isin(population["kato"])]
    report = {"districts": len(districts), "population_rows": len(population),
              "unmatched_geokz": list(unmatched["kato"] + " " + unmatched["name_ru"]),
              "unmatched_bulletin": list(units.loc[units["kato"] == "", "name"]),
              "places": len(places), "population_tags": counts}
    context = {"districts": pd.DataFrame(districts.drop(columns="geometry")),
               "places": places_ref, "population": population,
               "bulletin": bulletin_regions(units, BULLETIN_SOURCE.split(", row")[0])}
    return report, context


def main(argv: list[str] | None = None) -> None:
    """Regenerate ``data/national/`` from the shared folder (and the kaz-Data raw files)."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--shared", type=Path, required=True,
                        help="the project's shared folder (holding geodata/)")
    parser.add_argument("--kaz-data", type=Path, default=None,
                        help="a local copy of the raw kaz-Data files (tools/national_kazdata.py)")
    parser.add_argument("--out", type=Path, default=data_dir() / "national")
    args = parser.parse_args(argv)
    report, context = build_shared(args.shared, args.out)
    if args.kaz_data is not None:
        report.update(build_kaz_data(args.kaz_data, args.out, **context))
    for name in sorted(args.out.iterdir()):
        print(f"{name}: {name.stat().st_size:,} bytes")
    print(json.dumps(report, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
