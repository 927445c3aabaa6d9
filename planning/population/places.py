"""The places a migration flow may start or end at: the workspace's units, the oblasts and
countries of ``data/reference/places.csv``, each with its kind and coordinates.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.crs import KAZAKHSTAN_EQUAL_AREA, WGS84
from geo.i18n import _
from layers.resources import data_dir
from planning.population.flow_problems import (
    FlowDataError,
    normalise_codes,
)

log = logging.getLogger(__name__)



@dataclass(frozen=True)
class KnownPlaces:
    """Every place a flow may start or end at.

    Attributes
    ----------
    table
        Indexed by code: ``kind`` (unit, oblast or country), ``lon``, ``lat`` (WGS 84),
        ``region`` (units only) and ``name_en``.
    """

    table: pd.DataFrame

    @property
    def unit_ids(self) -> list[str]:
        """The codes of the workspace's units."""
        return self.table.index[self.table["kind"] == "unit"].tolist()

    def kinds(self, codes: pd.Series) -> pd.Series:
        """The kind of each code, missing (NA) where the code is no known place."""
        return codes.map(self.table["kind"])

    def lonlat(self, codes: pd.Series | list[str]) -> np.ndarray:
        """Longitude and latitude of each (known) code, shape (n, 2)."""
        return self.table.loc[list(codes), ["lon", "lat"]].to_numpy(float)


def read_places(path: Path | None = None) -> pd.DataFrame:
    """The oblasts, cities of republican significance and countries of ``places.csv``."""
    return pd.read_csv(path or data_dir() / "reference" / "places.csv", dtype={"code": str})


def place_names(lang: str, *, places: pd.DataFrame | None = None) -> dict[str, str]:
    """The places' names in ``lang`` by code (``name_<lang>``, else the English name)."""
    places = read_places() if places is None else places
    names = places.get(f"name_{lang}", places["name_en"]).fillna(places["name_en"])
    return dict(zip(normalise_codes(places["code"].astype(str)), names, strict=True))


def known_places(units: pd.DataFrame, *, places: pd.DataFrame | None = None) -> KnownPlaces:
    """The workspace's units with the oblasts and countries of ``data/reference/places.csv``.

    Parameters
    ----------
    units
        ``unit_id`` and either ``lon``/``lat`` columns or polygons with a CRS (their centroid
        is taken in Kazakhstan's equal-area projection); ``region`` and ``name_en`` if present.
    places
        Reference places (``code``, ``kind``, ``lon``, ``lat``, ``name_en``); default
        :func:`read_places`. A unit whose id equals a reference code hides that place.

    Examples
    --------
    >>> units = pd.DataFrame({"unit_id": ["u1"], "lon": [76.9], "lat": [43.2]})
    >>> known = known_places(units)
    >>> known.kinds(pd.Series(["u1", "750000000", "RUS", "nowhere"])).tolist()
    ['unit', 'oblast', 'country', nan]
    """
    reference = read_places() if places is None else places
    ids = normalise_codes(units["unit_id"])
    lon, lat = _unit_lonlat(units)
    own = pd.DataFrame({"kind": "unit", "lon": lon, "lat": lat,
                        "region": units.get("region"), "name_en": units.get("name_en")})
    own.index = pd.Index(ids.to_numpy(), name="code")
    other = reference.assign(code=normalise_codes(reference["code"]), region=None)
    other = other.set_index("code")[["kind", "lon", "lat", "region", "name_en"]]
    table = pd.concat([own, other[~other.index.isin(own.index)]])
    return KnownPlaces(table.astype({"lon": float, "lat": float}))


def _unit_lonlat(units: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    if {"lon", "lat"} <= set(units.columns):
        return units["lon"].to_numpy(float), units["lat"].to_numpy(float)
    if isinstance(units, gpd.GeoDataFrame) and units.crs is not None:
        centres = units.geometry.to_crs(KAZAKHSTAN_EQUAL_AREA).centroid.to_crs(WGS84)
        return centres.x.to_numpy(), centres.y.to_numpy()
    raise FlowDataError(_("The units have neither lon/lat columns nor a geometry with a "
                          "coordinate reference system (CRS), so no distance to them can be "
                          "computed. Load the units with their geometry and CRS."))
