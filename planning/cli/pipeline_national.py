"""Readiness of every populated H3 cell of the country: the regions of the workspace one by one
(the step behind ``bench/national.py``'s ``grid_national_r8_populated_s``).

:func:`national_grid` runs :func:`planning.provision.grid.grid_readiness` over every region of
the units. The national workspace (``qonys national``) has no networks: no roads, no facilities,
no utility zones. The readiness model cannot walk or drive without roads, so where the workspace
has none the cells are still found and their residents spread (:func:`populated_cells`), and
every readiness figure is *not assessed*: headrooms, readiness and the index NaN (never 0), the
gate unknown (``<NA>``), the bottleneck ``not_assessed``, and ``not_assessed`` says why. A
district without a population figure is left out and listed, not counted as empty.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.crs import WGS84
from planning.norms import Norms
from planning.population.base_year import roll_forward
from planning.provision.grid import grid_readiness, populated_cells
from planning.provision.readiness import BASES, NOT_ASSESSED
from planning.workspace import located

#: The layers without which a network cannot be assessed, by topic.
NEEDS = {"utilities": "utility_zones", "facilities": "facilities", "transport": "roads"}


@dataclass(frozen=True)
class NationalGrid:
    """What :func:`national_grid` made.

    Attributes
    ----------
    cells
        The populated cells of every region, as
        :attr:`planning.provision.grid.GridResult.cells`.
    assessed
        Whether the readiness model ran (the workspace has roads), else every figure is not
        assessed.
    missing_layers
        The network layers the workspace lacks (``roads``, ``facilities``, ``utility_zones``).
    units_left_out
        Units without a registered population: not on the grid.
    footprint_cells
        Cells filling the country's units, populated or not.
    """

    cells: gpd.GeoDataFrame
    assessed: bool
    missing_layers: list[str] = field(default_factory=list)
    units_left_out: list[str] = field(default_factory=list)
    footprint_cells: int = 0


def national_grid(layers: Mapping[str, pd.DataFrame], norms: Norms, *, res: int, year: int,
                  stage: Callable[[str], None] | None = None) -> NationalGrid:
    """Readiness of every populated cell of every region of ``layers["units"]``.

    Parameters
    ----------
    layers
        The workspace's layers as read (``units`` with ``region`` and ``pop_registered``; the
        population grid and the networks where loaded).
    norms, year
        As for :func:`planning.provision.grid.grid_readiness`.
    res
        H3 resolution, 8 or 9.
    stage
        Called with the name of each stage as it starts.
    """
    units = layers["units"]
    known = units["pop_registered"].notna()
    left_out = units.loc[~known, "unit_id"].astype(str).tolist()
    layers = dict(layers)
    layers["units"] = roll_forward(units[known], norms, year=year)
    layers = located(layers)
    missing = [layer for layer in NEEDS.values()
               if layers.get(layer) is None or layers[layer].empty]
    assessed = "roads" not in missing
    parts, footprint = [], 0
    for region in sorted(layers["units"]["region"].dropna().astype(str).unique()):
        if assessed:
            result = grid_readiness(layers, norms, region=region, res=res, year=year,
                                    stage=stage)
            parts.append(result.cells)
        else:
            found = populated_cells(layers, region=region, res=res, stage=stage)
            result = found
            parts.append(not_assessed_cells(found.cells, norms, missing))
        footprint += result.footprint_cells
    cells = gpd.GeoDataFrame(pd.concat(parts, ignore_index=True), geometry="geometry", crs=WGS84)
    return NationalGrid(cells, assessed, missing, left_out, footprint)


def not_assessed_cells(cells: gpd.GeoDataFrame, norms: Norms,
                       missing: list[str]) -> gpd.GeoDataFrame:
    """``cells`` with the readiness columns of :mod:`planning.provision.readiness`, each not
    assessed, and ``not_assessed`` naming the missing layers.

    Examples
    --------
    >>> from planning.norms import load_norms
    >>> cell = gpd.GeoDataFrame({"unit_id": ["c"]}, geometry=[None], crs=4326)
    >>> out = not_assessed_cells(cell, load_norms(), ["roads"])
    >>> out["bottleneck_registered"].iloc[0], bool(np.isnan(out["readiness_registered"].iloc[0]))
    ('not_assessed', True)
    """
    out = cells.copy()
    nan = np.full(len(out), np.nan)
    for basis in BASES:
        for network in norms.capacity_networks:
            out[f"headroom_{network}_{basis}"] = nan
        out[f"headroom_min_{basis}"] = nan
        out[f"transport_share_{basis}"] = nan
        out[f"centre_share_{basis}"] = nan
        out[f"gate_open_{basis}"] = pd.array([pd.NA] * len(out), dtype="boolean")
        out[f"bottleneck_{basis}"] = NOT_ASSESSED
        out[f"bottleneck_networks_{basis}"] = ""
        for column in ("readiness", "can_take", "index"):
            out[f"{column}_{basis}"] = nan
    out["not_assessed"] = ("no layer " + ", ".join(missing)
                           + ": every network and the transport gate not assessed")
    return out
