"""The national ``job_centres``: the towns and cities of OSM with a population, jobs estimated.

Jobs are not surveyed: a town's jobs are its OSM population × the employed ÷ population of its
region (``region_indicators.csv``), or of the country where the region gives no figure; every
row's ``source`` says which, and that it is an estimate.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.crs import WGS84

#: OSM place types that are job centres when OSM gives their population.
JOB_CENTRE_PLACES = ("city", "town")


def job_centres(settlements: gpd.GeoDataFrame, indicators: pd.DataFrame, *,
                fallback: tuple[float, str]) -> tuple[gpd.GeoDataFrame, list[str], float]:
    """The ``job_centres`` layer: towns and cities with a population, jobs estimated.

    Returns the layer, the regions that took the national ratio, and that ratio.

    Only places inside a district are job centres. jobs = the place's population × its
    region's ``employed`` ÷ ``population`` (the latest year the region gives both); a region
    without both takes the national ratio: Σ employed ÷ Σ population of the regions that give
    both, that year, or, when none does, ``fallback`` (ratio, source;
    :func:`layers.national.national_employment`).
    """
    ratios, year, national = employment_ratios(indicators)
    if np.isnan(national):
        national, national_text = fallback[0], f"the country (no regional figure): {fallback[1]}"
    else:
        national_text = (f"the country (no figure for the region): Σ employed ÷ Σ population "
                         f"of the regions of region_indicators.csv that give both in "
                         f"{year['national']}")
    # A town outside every district is across the border (the OSM extract reaches a few km
    # beyond it): its jobs are not Kazakhstan's.
    towns = settlements[settlements["place"].isin(JOB_CENTRE_PLACES)
                        & settlements["population"].notna()
                        & settlements["kato"].notna()].copy()
    own = towns["region"].map(ratios)
    ratio = own.fillna(national)
    frame = towns[["settlement_id", "name_ru", "name_kk", "name_en", "region", "kato",
                   "population", "geometry"]].rename(columns={"settlement_id": "job_centre_id"})
    frame["jobs"] = frame["population"] * ratio
    frame["employment_ratio"] = ratio
    regional = ("estimated: jobs = OSM population × employed ÷ population of region {region} in "
                "{year} (region_indicators.csv, BNS); not surveyed places of work")
    frame["source"] = [
        regional.format(region=r, year=year[r]) if has else
        f"estimated: jobs = OSM population × {national:.4f}, employed ÷ population of "
        f"{national_text}; not surveyed places of work"
        for r, has in zip(frame["region"], own.notna(), strict=True)]
    lacking = sorted(set(towns.loc[own.isna(), "region"].dropna()))
    return gpd.GeoDataFrame(frame.drop(columns=["population"]), geometry="geometry",
                            crs=WGS84), lacking, national


def employment_ratios(indicators: pd.DataFrame) -> tuple[pd.Series, dict, float]:
    """Employed ÷ population per region (latest year with both), the year used per region
    (and ``"national"``), and the national ratio; NaN nationally when no region gives both."""
    wide = indicators[indicators["indicator"].isin(["employed", "population"])].pivot_table(
        index=["region", "year"], columns="indicator", values="value", aggfunc="first")
    for column in ("employed", "population"):
        if column not in wide:
            wide[column] = np.nan
    both = wide.dropna(subset=["employed", "population"])
    both = both[both["population"] > 0].reset_index()
    if both.empty:
        return pd.Series(dtype=float), {}, float("nan")
    latest = both.sort_values("year").groupby("region").tail(1).set_index("region")
    ratios = latest["employed"] / latest["population"]
    year = {r: int(y) for r, y in latest["year"].items()}
    national_year = both["year"].max()
    that_year = both[both["year"] == national_year]
    year["national"] = int(national_year)
    return ratios, year, float(that_year["employed"].sum() / that_year["population"].sum())
