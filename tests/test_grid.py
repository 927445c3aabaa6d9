"""Access, the exact assignment and the H3 grid on hand-drawn data with answers worked out here.

The first tests reuse the street of ``test_readiness_by_hand`` (units A, B, C; schools F1 of 300
places at pA, F2 of 200 at x = 2000, in B; demand in places A 120, B 240, C 120 registered and
C 180 actual; B reaches F1 in 13.33 min and F2 in 6.67, C reaches F2 in 6.67).
"""

from __future__ import annotations

import shutil

import geopandas as gpd
import h3
import numpy as np
import pandas as pd
import pytest
import shapely
from test_readiness_by_hand import X0, Y0, hand_layers

from planning.cli.app import main
from planning.norms import load_norms
from planning.provision.assess import assess
from planning.provision.grid import grid_readiness

CRS = 32643


@pytest.fixture(scope="module")
def hand():
    layers, norms = hand_layers()
    layers["facilities"] = layers["facilities"].assign(unit_id=["A", "B", "B", "B"])
    return assess(layers, norms, year=2025), layers, norms


def _schools(table: pd.DataFrame, basis: str) -> pd.DataFrame:
    return table[(table.network == "schools") & (table.basis == basis)]


def test_exact_assignment_serves_everyone_it_can(hand):
    result, _, _ = hand
    units = _schools(result.exact.units, "registered").set_index("unit_id")
    # 480 places needed, 500 offered, every pair within reach: all served.
    assert units.served.sum() == pytest.approx(480.0)
    assert units.unserved_residents.abs().max() == pytest.approx(0.0, abs=1e-6)
    # Actual: 540 needed (C 180), 500 places: 40 unserved, none of them in A (F1 is at A).
    actual = _schools(result.exact.units, "actual").set_index("unit_id")
    assert actual.unserved.sum() == pytest.approx(40.0)
    assert actual.loc["A", "unserved"] == pytest.approx(0.0, abs=1e-6)


def test_overload_is_the_demand_of_the_nearest(hand):
    result, _, _ = hand
    facilities = _schools(result.exact.facilities, "registered").set_index("facility_id")
    # Nearest: A -> F1 (0 min); B -> F2 (6.67 < 13.33); C -> F2. F2: 240 + 120 = 360 > 200.
    assert facilities.loc["F1", "overload"] == pytest.approx(0.0)
    assert facilities.loc["F2", "overload"] == pytest.approx(160.0)
    actual = _schools(result.exact.facilities, "actual").set_index("facility_id")
    assert actual.loc["F2", "overload"] == pytest.approx(240.0 + 180.0 - 200.0)


def test_cross_boundary_use_by_territory(hand):
    result, _, _ = hand
    cross = _schools(result.exact.cross_boundary, "registered").set_index("territory")
    # Least travel at full service: C 120 -> F2 (in B); B takes F2's other 80, then 160 at F1
    # (in A). So B is served 80 at home and 160 in A; C wholly in B; A wholly at home.
    assert cross.loc["A", "share_served_elsewhere"] == pytest.approx(0.0)
    assert cross.loc["B", "served_elsewhere"] == pytest.approx(160.0)
    assert cross.loc["B", "largest_carrier"] == "A"
    assert cross.loc["C", "share_served_elsewhere"] == pytest.approx(1.0)
    assert cross.loc["C", "largest_carrier"] == "B"


@pytest.mark.slow
def test_a_job_centre_opens_the_gate():
    layers, norms = hand_layers()
    closed = assess(layers, norms, year=2025, exact=False).units.set_index("unit_id")
    assert not closed.loc["C", "gate_open_registered"]
    # A job centre at pC: C's residents are 0 min from work, while the centre stays 63 min away.
    layers["job_centres"] = gpd.GeoDataFrame(
        {"job_centre_id": ["works"]}, geometry=[shapely.Point(X0 + 2500, Y0 + 500)], crs=CRS)
    opened = assess(layers, norms, year=2025, exact=False).units.set_index("unit_id")
    assert opened.loc["C", "gate_open_registered"]
    assert opened.loc["C", "transport_share_registered"] == pytest.approx(1.0)
    assert opened.loc["C", "centre_share_registered"] == pytest.approx(0.0)
    assert opened.loc["C", "bottleneck_registered"] == "schools"


def _square(x: float, size: float = 2000.0) -> shapely.Polygon:
    return shapely.box(X0 + x, Y0, X0 + x + size, Y0 + size)


@pytest.fixture(scope="module")
def grid_layers():
    """Two 2 km squares side by side, streets every 250 m, a school in U1, heat for U1 only."""
    units = gpd.GeoDataFrame({"unit_id": ["U1", "U2"], "region": "r",
                              "pop_registered": [1000.0, 3000.0],
                              "pop_actual": [1200.0, 3000.0]},
                             geometry=[_square(0), _square(2000)], crs=CRS)
    lines = [shapely.LineString([(X0, Y0 + y), (X0 + 4000, Y0 + y)])
             for y in np.arange(0, 2001, 250)]
    lines += [shapely.LineString([(X0 + x, Y0), (X0 + x, Y0 + 2000)])
              for x in np.arange(0, 4001, 250)]
    # Streets cross at shared vertices only: split every line at the crossings.
    noded = shapely.node(shapely.MultiLineString(lines))
    parts = list(shapely.get_parts(noded))
    roads = gpd.GeoDataFrame({"speed_kmh": [30.0] * len(parts)}, geometry=parts, crs=CRS)
    school = gpd.GeoDataFrame({"facility_id": ["S"], "kind": ["school"], "capacity": [100.0]},
                              geometry=[shapely.Point(X0 + 1000, Y0 + 1000)], crs=CRS)
    zones = gpd.GeoDataFrame({"zone_id": ["h"], "network": ["heat"], "load": [np.nan]},
                             geometry=[_square(0)], crs=CRS)
    sources = gpd.GeoDataFrame({"source_id": ["b"], "network": ["heat"], "capacity": [10.0],
                                "unit": ["Gcal/h"], "commissioned": [None]},
                               geometry=[shapely.Point(X0 + 100, Y0 + 100)], crs=CRS)
    links = pd.DataFrame({"zone_id": ["h"], "source_id": ["b"]})
    centre = gpd.GeoDataFrame({"settlement_id": ["c"], "place": ["city"],
                               "population": [4000.0]},
                              geometry=[shapely.Point(X0 + 1000, Y0 + 1000)], crs=CRS)
    return {"units": units, "roads": roads, "facilities": school, "utility_zones": zones,
            "utility_sources": sources, "zone_sources": links, "settlements": centre}


@pytest.fixture(scope="module")
def grid(grid_layers):
    return grid_readiness(grid_layers, load_norms(), region="r", res=9, year=2025)


def test_grid_cells_are_those_of_h3(grid, grid_layers):
    units = grid_layers["units"].to_crs(4326)
    expected = set()
    for polygon in units.geometry:
        ring = [(lat, lon) for lon, lat in polygon.exterior.coords]
        expected |= set(h3.h3shape_to_cells(h3.LatLngPoly(ring), 9))
    assert set(grid.cells.h3) == expected  # no population grid: every cell is populated
    assert grid.footprint_cells == len(expected) and grid.spread == "area"


def test_grid_keeps_each_units_residents(grid):
    totals = grid.cells.groupby("parent_unit_id")[["pop_registered", "pop_actual"]].sum()
    assert totals.loc["U1"].tolist() == [1000.0, 1200.0]
    assert totals.loc["U2"].tolist() == [3000.0, 3000.0]
    assert (grid.cells.pop_registered == grid.cells.pop_registered.round()).all()


def test_grid_shares_zone_and_school_capacity_exactly(grid):
    cells = grid.cells.set_index("unit_id")
    table = grid.assessment.networks
    heat = table[(table.network == "heat") & (table.basis == "registered")]
    # Every U1 cell is in the zone, every U2 cell out of it: the zone's 10 Gcal/h are shared
    # among U1's cells in full, and U2's cells are not networked.
    on = heat[heat.networked.astype(bool)]
    assert set(cells.loc[on.unit_id, "parent_unit_id"]) == {"U1"}
    assert on.supply.sum() == pytest.approx(10.0)
    assert heat[~heat.networked.astype(bool)].headroom.isna().all()
    # E2SFCA hands out a facility's whole capacity among the demand that reaches it.
    schools = table[(table.network == "schools") & (table.basis == "registered")]
    assert schools.supply.sum() == pytest.approx(100.0)
    # Cells beyond 15 minutes' walk of the school (1,125 m at 75 m/min) get nothing.
    far = cells.index[cells.geometry.to_crs(CRS).centroid.distance(
        shapely.Point(X0 + 1000, Y0 + 1000)) > 1600]
    assert len(far) > 10
    assert schools.set_index("unit_id").loc[far, "supply"].eq(0).all()
    assert grid.cells.gate_open_registered.all()  # 4 km of streets at 30 km/h: minutes


def test_grid_command_names_the_regions(demo_workspace, tmp_path, capsys):
    shutil.copyfile(demo_workspace, tmp_path / "w.gpkg")  # the grid is written into it
    assert main(["--lang", "en", "grid", "--store", str(tmp_path / "w.gpkg"),
                 "--region", "atlantis", "--res", "9"]) == 2
    error = capsys.readouterr().err
    assert "atlantis" in error and "almaty, astana, shymkent" in error
    assert main(["--lang", "en", "grid", "--store", str(tmp_path / "w.gpkg"),
                 "--region", "shymkent", "--res", "9"]) == 0
    out = capsys.readouterr().out
    assert "grid_shymkent_r9" in out
    import pyogrio

    cells = pyogrio.read_dataframe(tmp_path / "w.gpkg", layer="grid_shymkent_r9")
    units = pyogrio.read_dataframe(tmp_path / "w.gpkg", layer="units")
    shymkent = units[units.region == "shymkent"]
    assert cells.pop_registered.sum() == shymkent.pop_registered.round().sum()
