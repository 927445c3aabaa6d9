"""Real district boundaries of the demo's three regions, shipped simplified in ``data/demo/``.

The demo reads :data:`BOUNDARIES_FILE` (:func:`read_boundaries`); the file is made, by hand, from
the geokz shapefile in ``../shared/geodata`` by :func:`build_boundaries`::

    python -m layers.demo_boundaries ../shared/geodata

Per region, in the region's UTM zone, the districts are first made one clean coverage (geokz's
neighbours overlap or leave gaps of a few metres: :func:`shapely.coverage_clean` merges gaps
narrower than :data:`GAP_WIDTH_M` into a neighbour and gives each overlap to one side), then
simplified as a coverage (:func:`shapely.coverage_simplify`, tolerance
:data:`SIMPLIFY_TOLERANCE_M`), which moves every shared edge once for both neighbours. The
coordinates are rounded to :data:`DECIMALS` decimals of a degree (about 1 m); a vertex shared by
two neighbours rounds alike in both, so the stored coverage has no overlaps and no gaps.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.crs import WGS84, utm_epsg
from geo.errors import InputFileError
from layers.resources import data_dir

BOUNDARIES_FILE = "districts_geokz_2024.geojson"
ATTRIBUTION = "geokz 1.0.2, Alexander Rodionov, CC BY 4.0, based on the BNS region list"
SHAPEFILE = Path("kz-admin-geokz") / "kaz_admbnda_adm2_2024.shp"
#: Coverage simplification tolerance, metres: keeps the file near 140 KB and every district's
#: area within 0.2 % of geokz's.
SIMPLIFY_TOLERANCE_M = 100.0
#: Gaps between geokz neighbours narrower than this (metres) are slivers, not land of another
#: unit: they go to the neighbour with the longest shared border. Wider holes stay (Alatau
#: city, separated from Ile district in 2024, is not a demo unit).
GAP_WIDTH_M = 100.0
DECIMALS = 5
SOURCE = (f"{ATTRIBUTION}; district boundary (KATO {{kato}}), cleaned as a coverage and "
          f"simplified in UTM with a tolerance of {SIMPLIFY_TOLERANCE_M:.0f} m")


def build_boundaries(geodata: Path, units_2023: pd.DataFrame) -> gpd.GeoDataFrame:
    """The simplified real boundaries of the districts listed in ``units_2023``.

    Parameters
    ----------
    geodata
        The ``geodata`` folder of the project's shared data (holding :data:`SHAPEFILE`).
    units_2023
        ``data/demo/units_2023.csv`` as read (``kato`` as strings, ``region``).

    Returns
    -------
    geopandas.GeoDataFrame
        ``kato``, ``region``, ``name_en``, ``source`` and the geometry in EPSG:4326, one row per
        district, in the order of ``units_2023``.

    Raises
    ------
    InputFileError
        If the shapefile is missing or lacks a district of ``units_2023``.
    """
    path = Path(geodata) / SHAPEFILE
    if not path.is_file():
        msg = (f"The geokz district shapefile {path} is missing. Point the build at the "
               "shared geodata folder (the one holding kz-admin-geokz/).")
        raise InputFileError(msg)
    source = gpd.read_file(path, columns=["KATO"]).to_crs(WGS84)
    source["KATO"] = source["KATO"].astype(str)
    missing = sorted(set(units_2023["kato"]) - set(source["KATO"]))
    if missing:
        msg = (f"{path} has no district with KATO {', '.join(missing)} (column KATO), which "
               "data/demo/units_2023.csv lists. Use the geokz 1.0.2 ADM2 2024 shapefile.")
        raise InputFileError(msg)
    geometry_of = source.set_index("KATO").geometry
    parts = []
    for region, group in units_2023.groupby("region", sort=False):
        stored = simplify_coverage(
            gpd.GeoSeries(geometry_of[group["kato"]].to_numpy(), crs=WGS84))
        parts.append(gpd.GeoDataFrame({
            "kato": group["kato"].to_numpy(), "region": region,
            "name_en": group["name_en"].to_numpy(),
            "source": [SOURCE.format(kato=k) for k in group["kato"]],
        }, geometry=list(stored), crs=WGS84))
    return gpd.GeoDataFrame(pd.concat(parts, ignore_index=True), geometry="geometry", crs=WGS84)


def simplify_coverage(polygons: gpd.GeoSeries, *, crs: int | str | None = None,
                      tolerance_m: float = SIMPLIFY_TOLERANCE_M,
                      gap_width_m: float = GAP_WIDTH_M, decimals: int = DECIMALS) -> np.ndarray:
    """Neighbouring polygons made one clean coverage, simplified as one, rounded in WGS 84.

    Parameters
    ----------
    polygons
        The polygons (any CRS), neighbours of one coverage.
    crs
        The metric CRS to clean and simplify in; by default the UTM zone of their centroid.
    tolerance_m
        The coverage simplification tolerance, metres.
    gap_width_m
        Gaps narrower than this (metres) go to a neighbour (:func:`shapely.coverage_clean`).
    decimals
        Decimals of a degree the stored coordinates are rounded to.

    Returns
    -------
    numpy.ndarray
        The simplified polygons in EPSG:4326, in the order of ``polygons``.
    """
    polygons = polygons.to_crs(WGS84)
    if crs is None:
        centre = shapely.union_all(polygons.to_numpy()).centroid
        crs = utm_epsg(centre.x, centre.y)
    clean = shapely.coverage_clean(polygons.to_crs(crs).to_numpy(), gap_width=gap_width_m)
    simple = shapely.coverage_simplify(clean, tolerance_m)
    stored = gpd.GeoSeries(simple, crs=crs).to_crs(WGS84).to_numpy()
    return shapely.transform(stored, lambda xy: np.round(xy, decimals))


def write_boundaries(frame: gpd.GeoDataFrame, path: Path, *, decimals: int = DECIMALS) -> None:
    """Write the boundaries as GeoJSON with ``decimals`` decimals."""
    path = Path(path)
    path.unlink(missing_ok=True)
    frame.to_file(path, driver="GeoJSON", COORDINATE_PRECISION=decimals, WRITE_NAME="NO")


def read_boundaries(path: Path | None = None) -> gpd.GeoDataFrame:
    """The shipped boundaries (``data/demo/`` :data:`BOUNDARIES_FILE`), KATO as strings.

    Raises
    ------
    InputFileError
        If the file is missing (a broken install), with the fix.
    """
    path = Path(path) if path else data_dir() / "demo" / BOUNDARIES_FILE
    if not path.is_file():
        msg = (f"The demo's district boundaries {path} are missing. Reinstall qonys, or rebuild "
               "them: python -m layers.demo_boundaries ../shared/geodata")
        raise InputFileError(msg)
    frame = gpd.read_file(path)
    frame["kato"] = frame["kato"].astype(str)
    return frame


def main(argv: list[str] | None = None) -> None:
    """Rebuild ``data/demo/`` :data:`BOUNDARIES_FILE` from the shared geodata folder."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("geodata", type=Path, help="the shared geodata folder")
    parser.add_argument("--out", type=Path, default=data_dir() / "demo" / BOUNDARIES_FILE)
    args = parser.parse_args(argv)
    units = pd.read_csv(data_dir() / "demo" / "units_2023.csv", dtype={"kato": str})
    frame = build_boundaries(args.geodata, units)
    write_boundaries(frame, args.out)
    print(f"{args.out}: {len(frame)} districts, {args.out.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
