"""The criteria of a candidate centre, each a Series aligned to the candidates' index.

``job_access``
    Jobs within reach, a Hansen measure A_i = Σ_j jobs_j · exp(-β t_ij) over the job centres
    with t_ij ≤ the norm's minutes. There is no national road graph, so t_ij is **estimated**:
    great-circle km × a detour factor ÷ a speed (all three in the norms file). Pairs within
    reach are found with a KD-tree on a Lambert azimuthal equal-area projection centred on
    Kazakhstan, with the radius widened by 5 % for the projection's scale error (under 2 % over
    the country) and every pair then measured on the sphere. A region whose roads are loaded
    could use :mod:`planning.network.travel` instead: a later improvement.
``spare_capacity_residents``
    Residents the candidate can take: the readiness model's ``readiness_actual`` (else
    ``readiness_registered``) where ``qonys readiness`` assessed the candidate's unit; else an
    estimate from norms: a year of the region's housing (``housing_commissioned_m2`` of its
    latest year) ÷ the living space per person, shared by the candidate's share of the region's
    population.
``rural_potential``
    0–1 from the ``rural_potential`` layer: each criterion of Order No 50 in the norms file
    scaled min–max across the candidates the layer covers (reversed where less is better), then
    their weighted mean over the criteria given for the candidate.
``outflow_persons``
    The net outflow of the candidate's region, −(net migration) of its latest year, level
    region, area total (a region that gains people has a negative outflow).

A candidate without the figure gets NaN (not assessed), never 0.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.spatial import cKDTree

from planning.centres.candidates import code_text
from planning.centres.settings import RuralCriterion
from planning.population.gravity import great_circle_km

#: The equal-area projection of the KD-tree: Lambert azimuthal, centred on Kazakhstan.
LAEA_KAZAKHSTAN = "+proj=laea +lat_0=48 +lon_0=67 +x_0=0 +y_0=0 +ellps=WGS84 +units=m"
#: How much the KD-tree's radius is widened for the projection's scale error.
RADIUS_MARGIN = 1.05


def lonlat(points) -> np.ndarray:
    """(lon, lat) in degrees of a GeoSeries or GeoDataFrame of points in WGS 84."""
    geometry = getattr(points, "geometry", points)
    return np.column_stack([geometry.x.to_numpy(float), geometry.y.to_numpy(float)])


def travel_minutes(km: np.ndarray, *, detour_factor: float, speed_kmh: float) -> np.ndarray:
    """Estimated travel time: great-circle km × ``detour_factor`` ÷ ``speed_kmh``, in minutes.

    Examples
    --------
    >>> travel_minutes(np.array([46.0]), detour_factor=1.3, speed_kmh=60).round(1).tolist()
    [59.8]
    """
    return np.asarray(km, float) * detour_factor / speed_kmh * 60.0


def _projected(points: np.ndarray) -> np.ndarray:
    from pyproj import Transformer

    to_laea = Transformer.from_crs("EPSG:4326", LAEA_KAZAKHSTAN, always_xy=True)
    x, y = to_laea.transform(points[:, 0], points[:, 1])
    return np.column_stack([x, y])


def job_access(candidates, job_centres, *, max_minutes: float, beta: float,
               detour_factor: float, speed_kmh: float) -> pd.Series:
    """Jobs within ``max_minutes``, each weighted by exp(-``beta`` · minutes) (Hansen).

    Parameters
    ----------
    candidates
        Points in WGS 84 (a GeoDataFrame or GeoSeries), any index.
    job_centres
        Points in WGS 84 with ``jobs``; rows without jobs are left out.
    max_minutes, beta, detour_factor, speed_kmh
        See the module docstring; ``beta`` per minute.

    Returns
    -------
    pandas.Series
        ``job_access``, aligned to ``candidates``: 0 where no job centre is within reach.

    Examples
    --------
    Two job centres 0.5° of longitude apart on the equator (55.6 km): a candidate on the first
    reaches it at 0 min and the second at 55.6 × 1.3 ÷ 60 × 60 = 72.3 min, beyond 60.

    >>> import geopandas as gpd
    >>> from shapely.geometry import Point
    >>> jobs = gpd.GeoDataFrame({"jobs": [1000.0, 500.0]},
    ...                         geometry=[Point(0, 0), Point(0.5, 0)], crs=4326)
    >>> cand = gpd.GeoSeries([Point(0, 0), Point(0.25, 0)], crs=4326)
    >>> a = job_access(cand, jobs, max_minutes=60, beta=np.log(2) / 30, detour_factor=1.3,
    ...                speed_kmh=60)
    >>> a.round(1).tolist()  # the second: both 36.14 min away, 1500 · 2^(-36.14/30)
    [1000.0, 650.8]
    """
    jobs = pd.to_numeric(job_centres["jobs"], errors="coerce").to_numpy(float)
    keep = np.isfinite(jobs) & (jobs > 0)
    out = np.zeros(len(candidates))
    if keep.any() and len(candidates):
        where_c, where_j = lonlat(candidates), lonlat(job_centres)[keep]
        radius_km = max_minutes / 60.0 * speed_kmh / detour_factor
        tree_c, tree_j = cKDTree(_projected(where_c)), cKDTree(_projected(where_j))
        pairs = tree_c.sparse_distance_matrix(tree_j, radius_km * 1000 * RADIUS_MARGIN,
                                              output_type="ndarray")
        i, j = pairs["i"], pairs["j"]
        minutes = travel_minutes(great_circle_km(where_c[i], where_j[j]),
                                 detour_factor=detour_factor, speed_kmh=speed_kmh)
        near = minutes <= max_minutes
        weight = jobs[keep][j[near]] * np.exp(-beta * minutes[near])
        out = np.bincount(i[near], weights=weight, minlength=len(candidates))
    return pd.Series(out, index=candidates.index, name="job_access")


def readiness_headroom(candidates: pd.DataFrame, readiness: pd.DataFrame | None) -> pd.Series:
    """Residents each district candidate can take by the readiness model, NaN elsewhere.

    ``readiness`` is the ``readiness_units`` table of ``qonys readiness`` (``unit_id``,
    ``readiness_actual``, ``readiness_registered``); a town is not a unit of it.
    """
    out = pd.Series(np.nan, index=candidates.index, name="spare_capacity_residents")
    if readiness is None or not len(readiness):
        return out
    table = readiness.reset_index() if "unit_id" not in readiness else readiness
    column = next((c for c in ("readiness_actual", "readiness_registered") if c in table), None)
    if column is None:
        return out
    by_unit = pd.Series(pd.to_numeric(table[column], errors="coerce").to_numpy(),
                        index=code_text(table["unit_id"]))
    by_unit = by_unit[~by_unit.index.duplicated()]
    district = candidates["candidate_kind"] == "district"
    out[district] = by_unit.reindex(candidates.loc[district, "unit_id"]).to_numpy()
    return out


def latest_indicator(indicators: pd.DataFrame | None, indicator: str) -> pd.DataFrame:
    """The latest year's value of one indicator per region: columns ``value``, ``year``."""
    if indicators is None or not len(indicators):
        return pd.DataFrame({"value": [], "year": []})
    rows = indicators[indicators["indicator"] == indicator].copy()
    rows["value"] = pd.to_numeric(rows["value"], errors="coerce")
    rows = rows[rows["value"].notna()]
    rows["region"] = code_text(rows["region"])
    rows = rows.sort_values("year").groupby("region").tail(1)
    return rows.set_index("region")[["value", "year"]]


def housing_estimate(candidates: pd.DataFrame, indicators: pd.DataFrame | None, *,
                     living_space_m2_per_person: float) -> pd.Series:
    """A year of the region's housing in residents, by the candidate's share of its population.

    Residents = housing_commissioned_m2 (latest year) ÷ living space per person × share, the
    share being the candidate's population ÷ the region's population (its ``population``
    indicator of the latest year, else the sum of its district candidates). A district's
    population holds its towns', and each town already takes its own share: a district's
    share is of its population less that of its town candidates (none below 0), so a district
    and its towns together take its share once. NaN where a figure is missing.

    Examples
    --------
    District ``a`` (30,000) holds the town ``t`` (8,000): the town takes 8,000 / 40,000 of the
    region's 4,000 residents, the district the rest of its own 30,000, 22,000 / 40,000.

    >>> cand = pd.DataFrame({"candidate_kind": ["district", "district", "town"],
    ...                      "region": ["r", "r", "r"], "unit_id": ["a", "b", "a"],
    ...                      "population": [30000.0, 10000.0, 8000.0]})
    >>> ind = pd.DataFrame({"region": ["r"], "year": [2024], "indicator":
    ...                     ["housing_commissioned_m2"], "value": [72000.0]})
    >>> housing_estimate(cand, ind, living_space_m2_per_person=18).tolist()
    [2200.0, 1000.0, 800.0]
    """
    housing = latest_indicator(indicators, "housing_commissioned_m2")["value"]
    population = latest_indicator(indicators, "population")["value"]
    district = (candidates["candidate_kind"] == "district").to_numpy()
    districts = candidates[district]
    summed = districts.groupby("region")["population"].sum(min_count=1)
    region_pop = population.reindex(summed.index.union(population.index))
    region_pop = region_pop.where(region_pop.notna(), summed.reindex(region_pop.index))
    share_of = pd.to_numeric(candidates["population"], errors="coerce").astype(float)
    if "unit_id" in candidates:
        towns = candidates[candidates["candidate_kind"] == "town"]
        in_towns = pd.to_numeric(towns["population"], errors="coerce").groupby(
            towns["unit_id"]).sum()
        taken = candidates.loc[district, "unit_id"].map(in_towns).fillna(0.0).to_numpy(float)
        share_of[district] = np.maximum(0.0, share_of[district].to_numpy(float) - taken)
    region = candidates["region"]
    residents = (region.map(housing) / living_space_m2_per_person
                 * share_of / region.map(region_pop))
    return pd.Series(pd.to_numeric(residents, errors="coerce").to_numpy(float),
                     index=candidates.index, name="spare_capacity_residents")


def spare_capacity_residents(candidates: pd.DataFrame, *, readiness: pd.DataFrame | None,
                             indicators: pd.DataFrame | None,
                             living_space_m2_per_person: float) -> pd.Series:
    """Residents a candidate can take: the readiness model's, else the housing estimate.

    Examples
    --------
    >>> cand = pd.DataFrame({"candidate_kind": ["district", "district"], "unit_id": ["a", "b"],
    ...                      "region": ["r", "r"], "population": [30000.0, 10000.0]})
    >>> ready = pd.DataFrame({"unit_id": ["a"], "readiness_actual": [-250.0]})
    >>> ind = pd.DataFrame({"region": ["r"], "year": [2024], "indicator":
    ...                     ["housing_commissioned_m2"], "value": [72000.0]})
    >>> spare_capacity_residents(cand, readiness=ready, indicators=ind,
    ...                          living_space_m2_per_person=18).tolist()
    [-250.0, 1000.0]
    """
    ready = readiness_headroom(candidates, readiness)
    estimate = housing_estimate(candidates, indicators,
                                living_space_m2_per_person=living_space_m2_per_person)
    return ready.where(ready.notna(), estimate).rename("spare_capacity_residents")


def spare_capacity_basis(candidates: pd.DataFrame, spare: pd.Series,
                         readiness: pd.DataFrame | None) -> pd.Series:
    """``readiness`` or ``norm_estimate`` for each candidate with a spare capacity, else NaN."""
    ready = readiness_headroom(candidates, readiness).notna()
    basis = pd.Series(np.where(ready, "readiness", "norm_estimate"), index=candidates.index,
                      dtype=object)
    return basis.where(spare.notna()).rename("spare_capacity_basis")


def scaled(values: pd.Series) -> pd.Series:
    """Min–max to 0–1 over the values given; all equal → 0.5 each; NaN stays NaN.

    Examples
    --------
    >>> scaled(pd.Series([10.0, 20.0, np.nan, 15.0])).tolist()
    [0.0, 1.0, nan, 0.5]
    >>> scaled(pd.Series([3.0, 3.0])).tolist()
    [0.5, 0.5]
    """
    values = pd.to_numeric(values, errors="coerce").astype(float)
    low, high = values.min(), values.max()
    if not np.isfinite(high - low):
        return values * np.nan
    if high == low:
        return values.where(values.isna(), 0.5)
    return (values - low) / (high - low)


def rural_potential(candidates: pd.DataFrame, layer: pd.DataFrame | None, *,
                    criteria: dict[str, RuralCriterion]) -> pd.Series:
    """0–1 from the user's ``rural_potential`` layer (Order No 50), NaN where not covered.

    A row keyed by ``settlement_id`` scores the town of that id, a row keyed by ``unit_id`` the
    district. Each criterion column of ``criteria`` is scaled with :func:`scaled` across the
    rows that match a candidate (1 − scaled where less is better); the potential is their mean
    weighted by the criteria's weights over the columns the row gives.

    Examples
    --------
    >>> from planning.centres.settings import RuralCriterion
    >>> cand = pd.DataFrame({"candidate_kind": ["town", "town", "district"],
    ...                      "unit_id": ["u1", "u1", "u1"]}, index=["s1", "s2", "u1"])
    >>> layer = pd.DataFrame({"settlement_id": ["s1", "s2"], "employees": [100.0, 300.0],
    ...                       "market_distance_km": [10.0, 50.0]})
    >>> crit = {"employees": RuralCriterion("employees", "economic", 1, 3.0, "x"),
    ...         "market_distance_km": RuralCriterion("market_distance_km", "economic", -1, 1.0,
    ...                                              "x")}
    >>> rural_potential(cand, layer, criteria=crit).tolist()  # s1: (0·3 + 1·1) / 4
    [0.25, 0.75, nan]
    """
    out = pd.Series(np.nan, index=candidates.index, name="rural_potential")
    columns = [c for c in criteria if layer is not None and c in layer]
    if layer is None or not columns:
        return out
    rows = _rows_by_candidate(candidates, layer)
    if rows.empty:
        return out
    total = pd.Series(0.0, index=rows.index)
    weights = pd.Series(0.0, index=rows.index)
    for column in columns:
        score = scaled(rows[column])
        score = 1.0 - score if criteria[column].direction < 0 else score
        given = score.notna()
        total[given] += criteria[column].weight * score[given]
        weights[given] += criteria[column].weight
    potential = (total / weights).where(weights > 0)
    out.loc[potential.index] = potential.to_numpy()
    return out


#: Columns of a ``rural_potential`` layer that are no criterion: its keys, names and source.
RURAL_OTHER_COLUMNS = ("settlement_id", "unit_id", "source", "name", "name_ru", "name_kk",
                       "name_en", "kato", "region", "geometry")


def rural_columns(layer: pd.DataFrame | None, criteria: dict[str, RuralCriterion],
                  ) -> tuple[list[str], list[str], list[str]]:
    """The criteria a ``rural_potential`` layer gives, those it lacks, and its other columns.

    A criterion of the norms file the layer lacks is not assessed; a column that is neither a
    criterion nor one of :data:`RURAL_OTHER_COLUMNS` is not scored (the norms file does not
    say its block, direction or weight), and the note of the criterion names it with the fix.

    Examples
    --------
    >>> from planning.centres.settings import RuralCriterion
    >>> crit = {c: RuralCriterion(c, "economic", 1, 1.0, "x") for c in ("employees",
    ...                                                                  "pasture_ha")}
    >>> layer = pd.DataFrame({"unit_id": ["u"], "employees": [3.0], "schools": [1.0]})
    >>> rural_columns(layer, crit)
    (['employees'], ['pasture_ha'], ['schools'])
    """
    if layer is None:
        return [], list(criteria), []
    given = [c for c in criteria if c in layer]
    missing = [c for c in criteria if c not in layer]
    other = [str(c) for c in layer.columns
             if c not in criteria and str(c).lower() not in RURAL_OTHER_COLUMNS]
    return given, missing, other


def _rows_by_candidate(candidates: pd.DataFrame, layer: pd.DataFrame) -> pd.DataFrame:
    """The layer's rows indexed by the candidate they describe (first row of an id only)."""
    found = []
    for key, kind in (("settlement_id", "town"), ("unit_id", "district")):
        if key not in layer:
            continue
        rows = layer[layer[key].notna()].copy()
        rows.index = pd.Index(code_text(rows[key]).to_numpy())
        wanted = candidates.index[candidates["candidate_kind"] == kind]
        found.append(rows[rows.index.isin(wanted)])
    if not found:
        return pd.DataFrame()
    rows = pd.concat(found)
    return rows[~rows.index.duplicated()]


def latest_net_migration(net_migration: pd.DataFrame | None) -> pd.DataFrame:
    """Net migration of each region in its latest year (level region, area total)."""
    if net_migration is None or not len(net_migration):
        return pd.DataFrame({"persons": [], "year": []})
    rows = net_migration[(net_migration["level"].astype(str) == "region")
                         & (net_migration["area"].astype(str) == "total")].copy()
    rows["persons"] = pd.to_numeric(rows["persons"], errors="coerce")
    rows = rows[rows["persons"].notna()]
    rows["code"] = code_text(rows["code"])
    rows = rows.sort_values("year").groupby("code").tail(1)
    return rows.set_index("code")[["persons", "year"]]


def outflow_persons(candidates: pd.DataFrame, net_migration: pd.DataFrame | None) -> pd.Series:
    """−(net migration) of the candidate's region in its latest year; NaN without the figure.

    Examples
    --------
    >>> cand = pd.DataFrame({"region": ["100000000", "710000000", "150000000"]})
    >>> nm = pd.DataFrame({"code": ["100000000", "100000000", "710000000"],
    ...                    "level": ["region"] * 3, "area": ["total"] * 3,
    ...                    "year": [2023, 2024, 2024], "persons": [-9000, -12400, 73238]})
    >>> outflow_persons(cand, nm).tolist()
    [12400.0, -73238.0, nan]
    """
    latest = latest_net_migration(net_migration)["persons"]
    out = -candidates["region"].map(latest).astype(float)
    return pd.Series(out.to_numpy(float), index=candidates.index, name="outflow_persons")
