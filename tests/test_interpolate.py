"""geo.interpolate: hand-worked splits, shapely's own overlays, h3's own distances.

Units are 2 km squares drawn in metres in UTM 43N around Almaty (as in test_hexgrid.py): west
"A" and east "B" share the meridian-ish edge x = Almaty's easting.
"""

from __future__ import annotations

import geopandas as gpd
import h3
import numpy as np
import pandas as pd
import pytest
import shapely

from geo.crs import KAZAKHSTAN_EQUAL_AREA
from geo.errors import CRSError, LayerSchemaError
from geo.hexgrid import cell_polygons, cells_in_polygons
from geo.interpolate import allocate_exactly, disaggregate, weights_outside

UTM_43N = 32643
ALMATY = gpd.GeoSeries([shapely.Point(76.95, 43.25)], crs=4326).to_crs(UTM_43N).iloc[0]


def utm_box(west_m, south_m, east_m, north_m) -> shapely.Polygon:
    return shapely.box(ALMATY.x + west_m, ALMATY.y + south_m, ALMATY.x + east_m,
                       ALMATY.y + north_m)


def wgs84(*geometries, index=None) -> gpd.GeoSeries:
    return gpd.GeoSeries(list(geometries), index=index, crs=UTM_43N).to_crs(4326)


def utm_point(x_m, y_m) -> shapely.Point:
    return shapely.Point(ALMATY.x + x_m, ALMATY.y + y_m)


pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture(scope="module")
def two_units():
    units = wgs84(utm_box(-2000, -1000, 0, 1000), utm_box(0, -1000, 2000, 1000),
                  index=["A", "B"])
    return units, cells_in_polygons(units, res=9)


# --- allocate_exactly -------------------------------------------------------------------------

def test_ten_over_three_equal_weights_by_largest_remainder():
    # quotas 3.33 each: floors 3+3+3 = 9, one person missing; the remainders tie (1/3 each)
    # and the earlier piece wins the tie: 4, 3, 3.
    assert allocate_exactly(pd.Series({"g": 10}), ["g"] * 3, [1, 1, 1]).tolist() == [4, 3, 3]


@pytest.mark.parametrize(("total", "weights", "expected"), [
    (10, [1, 2, 2], [2, 4, 4]),          # quotas 2, 4, 4: exact
    (7, [0.5, 0.3, 0.2], [4, 2, 1]),     # quotas 3.5, 2.1, 1.4: floors 6, one to .5
    (7, [0.2, 0.3, 0.5], [1, 2, 4]),     # the same, reversed: the .5 is last now
    (10.5, [1, 1], [5, 5]),              # 10.5 rounds half to even: 10
    (11.5, [1, 1, 1], [4, 4, 4]),        # 11.5 rounds to 12
    (5, [0, 0], [3, 2]),                 # all weights zero: spread evenly, tie to the first
    (0, [3, 1], [0, 0]),
])
def test_hand_cases(total, weights, expected):
    persons = allocate_exactly(pd.Series({"g": total}), ["g"] * len(weights), weights)
    assert persons.tolist() == expected
    assert persons.dtype == np.int64


def test_groups_interleaved_and_a_group_with_no_piece_and_no_one():
    totals = pd.Series({"a": 3, "b": 4, "empty": 0})
    persons = allocate_exactly(totals, ["b", "a", "b", "a"], [1, 1, 1, 2])
    # a: quotas 1, 2 ; b: quotas 2, 2
    assert persons.tolist() == [2, 1, 2, 2]


def test_totals_kept_over_thousands_of_random_groups():
    rng = np.random.default_rng(7)
    n_groups = 4000
    sizes = rng.integers(0, 15, n_groups)
    totals = pd.Series(np.where(sizes > 0, rng.uniform(0, 5000, n_groups), 0.0),
                       index=[f"g{i}" for i in range(n_groups)])
    groups = np.repeat(totals.index.to_numpy(), sizes)
    weights = rng.gamma(0.5, 1.0, len(groups)) * (rng.random(len(groups)) > 0.2)
    weights[np.isin(groups, totals.index[::50])] = 0.0  # every 50th group weighs nothing
    rng_order = rng.permutation(len(groups))  # pieces of a group need not be together
    groups, weights = groups[rng_order], weights[rng_order]

    persons = allocate_exactly(totals, groups, weights)

    table = pd.DataFrame({"group": groups, "weight": weights, "persons": persons})
    sums = table.groupby("group")["persons"].sum()
    assert (sums == np.rint(totals[sums.index]).astype(np.int64)).all()
    # Quotas worked out independently: weight share of the rounded total; evenly if weightless.
    by_group = table.groupby("group")["weight"]
    share = np.where(by_group.transform("sum") > 0, table["weight"] / by_group.transform("sum"),
                     1 / by_group.transform("size"))
    quota = share * np.rint(totals[table["group"]]).to_numpy()
    assert (persons >= np.floor(quota - 1e-9)).all()
    assert (persons <= np.ceil(quota + 1e-9)).all()
    # Largest remainder: in each group no piece left at its floor has a larger remainder than a
    # piece raised to its ceiling.
    table["remainder"] = quota - np.floor(quota)
    table["raised"] = persons > np.floor(quota + 1e-9)
    raised = table[table["raised"]].groupby("group")["remainder"].min()
    kept = table[~table["raised"]].groupby("group")["remainder"].max()
    both = raised.index.intersection(kept.index)
    assert len(both) > 1000
    assert (raised[both] >= kept[both] - 1e-9).all()


@pytest.mark.parametrize("bad", [-1.0, np.nan, np.inf])
def test_negative_or_nan_weights_are_refused(bad):
    with pytest.raises(LayerSchemaError, match="position 1"):
        allocate_exactly(pd.Series({"g": 3}), ["g", "g"], [1.0, bad])


def test_bad_totals_and_groups_are_refused():
    with pytest.raises(LayerSchemaError, match="'g'"):
        allocate_exactly(pd.Series({"g": np.nan}), ["g"], [1.0])
    with pytest.raises(LayerSchemaError, match="'h'"):
        allocate_exactly(pd.Series({"g": 3}), ["g", "h"], [1.0, 1.0])
    with pytest.raises(LayerSchemaError, match="lost"):
        allocate_exactly(pd.Series({"g": 3, "lost": 2}), ["g"], [1.0])
    with pytest.raises(LayerSchemaError, match="more than once"):
        allocate_exactly(pd.Series([3, 2], index=["g", "g"]), ["g"], [1.0])
    with pytest.raises(ValueError, match="equal length"):
        allocate_exactly(pd.Series({"g": 3}), ["g", "g"], [1.0])


# --- weights_outside --------------------------------------------------------------------------

CELL = h3.latlng_to_cell(43.25, 76.95, 9)


def expected_outside_km2(cell: shapely.Polygon, constraint: shapely.Geometry) -> float:
    """The cell's area outside ``constraint``, with shapely on the projected shapes directly."""
    cell_m, constraint_m = gpd.GeoSeries([cell, constraint], crs=4326).to_crs(
        KAZAKHSTAN_EQUAL_AREA)
    return cell_m.difference(constraint_m).area / 1e6


def test_e_a_cell_half_covered_has_half_its_area():
    cell = cell_polygons([CELL])
    lat, lng = h3.cell_to_latlng(CELL)
    west_half = shapely.box(lng - 0.01, lat - 0.01, lng, lat + 0.01)
    whole, = weights_outside(cell, None)
    half, = weights_outside(cell, gpd.GeoSeries([west_half], crs=4326))
    assert half == pytest.approx(expected_outside_km2(cell.iloc[0], west_half), rel=1e-9)
    assert half / whole == pytest.approx(0.5, abs=0.02)
    assert whole == pytest.approx(cell.to_crs(KAZAKHSTAN_EQUAL_AREA).area.iloc[0] / 1e6)


def test_inside_untouched_and_overlapping_constraints():
    near = h3.grid_disk(CELL, 1)  # the cell and its 6 neighbours
    cells = cell_polygons(near)
    lat, lng = h3.cell_to_latlng(CELL)
    cover = shapely.Point(lng, lat).buffer(0.003)  # ~250 m by ~330 m: holds the centre cell
    assert cover.contains(cells.iloc[0])
    # Two rectangles, each covering 60 % of a far cell, overlap in the middle: nothing is left
    # of it, and nothing is subtracted twice.
    far = cell_polygons([h3.latlng_to_cell(43.30, 77.00, 9)]).iloc[0]
    x0, y0, x1, y1 = far.bounds
    west, east = shapely.box(x0, y0, x0 + 0.6 * (x1 - x0), y1), shapely.box(
        x0 + 0.4 * (x1 - x0), y0, x1, y1)
    constraints = gpd.GeoSeries([cover, west, east, shapely.LineString([(70, 40), (71, 41)])],
                                crs=4326)
    all_cells = pd.concat([cells, gpd.GeoSeries([far], crs=4326)], ignore_index=True)
    outside = weights_outside(all_cells, constraints)
    expected = [expected_outside_km2(cell, cover) for cell in cells] + [0.0]
    assert outside[0] == 0.0
    assert outside == pytest.approx(expected, rel=1e-9, abs=1e-12)


def test_a_constraint_with_thousands_of_corners_is_cut_without_changing_areas():
    cells = cell_polygons(sorted(h3.grid_disk(CELL, 12)))  # 469 cells, ~4.5 km across
    centre_m = gpd.GeoSeries([shapely.Point(76.95, 43.25)], crs=4326).to_crs(
        KAZAKHSTAN_EQUAL_AREA).iloc[0]
    angle = np.linspace(0, 2 * np.pi, 3000, endpoint=False)
    radius = 1500 + 300 * np.sin(angle * 40)  # a wavy ring of 3000 corners
    wavy_m = shapely.Polygon(np.column_stack([centre_m.x + radius * np.cos(angle),
                                              centre_m.y + radius * np.sin(angle)]))
    constraint = gpd.GeoSeries([wavy_m], crs=KAZAKHSTAN_EQUAL_AREA)

    outside = weights_outside(cells, constraint)

    cells_m = cells.to_crs(KAZAKHSTAN_EQUAL_AREA).array
    expected = shapely.area(shapely.difference(cells_m, wavy_m)) / 1e6
    assert outside == pytest.approx(expected, rel=1e-7, abs=1e-9)
    # Cells wholly inside the ring's inner radius of 1.2 km weigh exactly zero: those with
    # centres within 1.2 - 0.2 (a cell's radius) = 1.0 km, π · 1.0² / 0.126 ≈ 25 cells.
    assert 20 <= (outside == 0).sum() <= 30


def test_constraints_without_crs_are_refused():
    with pytest.raises(CRSError):
        weights_outside(cell_polygons([CELL]), gpd.GeoSeries([shapely.box(76, 43, 77, 44)]))


# --- disaggregate -----------------------------------------------------------------------------

def test_f_by_area_keeps_unit_totals(two_units):
    _, cells = two_units
    totals = pd.Series({"A": 1000.4, "B": 250})
    persons = disaggregate(totals, cells, res=9)
    assert persons.name == "persons"
    assert persons.index.equals(cells.index)
    assert persons.groupby(cells["owner"]).sum().to_dict() == {"A": 1000, "B": 250}
    # Cells of one unit are equal in area to 0.1 %: each holds the floor or ceiling of total/n.
    for unit, total in (("A", 1000), ("B", 250)):
        own = persons[cells["owner"] == unit]
        assert set(own) <= {total // len(own), total // len(own) + 1}
    assert persons.attrs == {"units_by_area": ["A", "B"], "units_spread_evenly": []}


def test_by_area_skips_constrained_cells_and_spreads_a_covered_unit_evenly(two_units):
    units, cells = two_units
    # B lies wholly under a constraint (with 400 m to spare: cells reach ~200 m past B's
    # edge); a disc of ~650 m radius in the middle of A holds a few whole cells.
    constraint = gpd.GeoSeries([units["B"].buffer(0.005), units["A"].envelope.centroid.buffer(
        0.008)], crs=4326)
    persons = disaggregate(pd.Series({"A": 900, "B": 120}), cells, constraints=constraint,
                           res=9)
    assert persons.groupby(cells["owner"]).sum().to_dict() == {"A": 900, "B": 120}
    polygons = cell_polygons(cells["h3"])
    inside = polygons.within(constraint.iloc[1]) & cells["owner"].eq("A")
    assert inside.sum() >= 2
    assert (persons[inside] == 0).all()
    assert persons.attrs["units_spread_evenly"] == ["B"]
    own_b = persons[cells["owner"] == "B"]
    assert own_b.max() - own_b.min() <= 1


def test_f_by_points_each_point_to_its_cell_and_a_stray_one_to_the_nearest_own_cell(two_units):
    _, cells = two_units
    # Two points of A inside A, one point of A 600 m into B (stray), none of B.
    lonlat = wgs84(utm_point(-1500, -500), utm_point(-400, 600), utm_point(600, 130),
                   utm_point(-900, 0))
    points = gpd.GeoDataFrame({"unit_id": ["A", "A", "A", "elsewhere"],
                               "persons": [600, 400, 300, 50]}, geometry=lonlat)
    totals = pd.Series({"A": 1300, "B": 77})

    persons = disaggregate(totals, cells, points=points, res=9)

    assert persons.groupby(cells["owner"]).sum().to_dict() == {"A": 1300, "B": 77}
    own_a = cells["owner"] == "A"
    cell_of = dict(zip(cells.loc[own_a, "h3"], persons[own_a], strict=True))
    first, second, stray = (h3.latlng_to_cell(p.y, p.x, 9) for p in lonlat[:3])
    assert stray not in cell_of  # the stray point's own cell belongs to B
    # The nearest of A's cells by great-circle distance, brute force over all of them.
    distance = {cell: h3.great_circle_distance(h3.cell_to_latlng(cell),
                                               (lonlat.iloc[2].y, lonlat.iloc[2].x))
                for cell in cell_of}
    nearest, runner_up = sorted(distance, key=distance.get)[:2]
    assert distance[runner_up] > 1.02 * distance[nearest]  # the fixture is not a tie
    assert cell_of[first] == 600 and cell_of[second] == 400 and cell_of[nearest] == 300
    assert sum(cell_of.values()) == 1300
    # B has no point: spread by area.
    own_b = persons[cells["owner"] == "B"]
    assert own_b.max() - own_b.min() <= 1
    assert persons.attrs["units_by_area"] == ["B"]


def test_points_are_scaled_to_the_unit_total(two_units):
    _, cells = two_units
    points = gpd.GeoDataFrame({"unit_id": ["A", "A"], "persons": [300, 100]},
                              geometry=wgs84(utm_point(-1500, -500), utm_point(-400, 600)))
    persons = disaggregate(pd.Series({"A": 1000, "B": 0}), cells, points=points, res=9)
    # quotas 750 and 250: the points weigh 3 to 1.
    assert sorted(persons[persons > 0].tolist()) == [250, 750]


def test_points_that_match_no_unit_or_lack_columns_are_refused(two_units):
    _, cells = two_units
    totals = pd.Series({"A": 10, "B": 10})
    geometry = wgs84(utm_point(-500, 0))
    stranger = gpd.GeoDataFrame({"unit_id": [1], "persons": [5]}, geometry=geometry)
    with pytest.raises(LayerSchemaError, match="unit_id = 1"):
        disaggregate(totals, cells, points=stranger, res=9)
    negative = gpd.GeoDataFrame({"unit_id": ["A"], "persons": [-5]}, index=["p9"],
                                geometry=geometry)
    with pytest.raises(LayerSchemaError, match=r"Point p9 .* persons = -5"):
        disaggregate(totals, cells, points=negative, res=9)
    unnamed = gpd.GeoDataFrame({"persons": [5]}, geometry=geometry)
    with pytest.raises(LayerSchemaError, match="unit_id"):
        disaggregate(totals, cells, points=unnamed, res=9)


def test_a_unit_with_residents_and_no_cell_is_refused(two_units):
    _, cells = two_units
    with pytest.raises(LayerSchemaError, match="C"):
        disaggregate(pd.Series({"A": 10, "B": 10, "C": 5}), cells, res=9)


def test_several_totals_share_one_set_of_weights():
    # Registered and actual residents of two units spread together give the same persons as
    # each spread alone, with a constraint cutting the first unit.
    squares = gpd.GeoSeries([shapely.box(76.90, 43.20, 76.93, 43.23),
                             shapely.box(76.93, 43.20, 76.96, 43.23)], index=["a", "b"],
                            crs=4326)
    cells = cells_in_polygons(squares, res=9)
    constraint = gpd.GeoSeries([shapely.box(76.905, 43.205, 76.915, 43.215)], crs=4326)
    totals = pd.DataFrame({"registered": [1234.0, 567.0], "actual": [1500.0, 600.0]},
                          index=["a", "b"])
    together = disaggregate(totals, cells, constraints=constraint, res=9)
    for column in totals.columns:
        alone = disaggregate(totals[column], cells, constraints=constraint, res=9)
        assert together[column].tolist() == alone.tolist()
    assert together.groupby(cells["owner"]).sum().loc[["a", "b"]].to_numpy().tolist() == [
        [1234, 1500], [567, 600]]
