"""geo.hexgrid against H3 itself, called another way, and shapely.

Fixtures are squares drawn in metres in UTM 43N around Almaty (76.95°E, 43.25°N) and taken to
WGS 84, so their size is known by construction.
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
from geo.hexgrid import (
    average_cell_area_km2,
    cell_area_km2,
    cell_centres,
    cell_polygons,
    cells_in_polygons,
    points_to_cells,
)

UTM_43N = 32643
ALMATY = gpd.GeoSeries([shapely.Point(76.95, 43.25)], crs=4326).to_crs(UTM_43N).iloc[0]


pytestmark = pytest.mark.usefixtures("english")


def square(west_m: float, south_m: float, side_m: float) -> shapely.Polygon:
    """A square in UTM 43N, ``west_m``/``south_m`` metres from Almaty's point, in WGS 84."""
    x, y = ALMATY.x + west_m, ALMATY.y + south_m
    box = shapely.box(x, y, x + side_m, y + side_m)
    return gpd.GeoSeries([box], crs=UTM_43N).to_crs(4326).iloc[0]


def test_a_2km_square_gets_h3s_own_cells_and_4_km2():
    polygon = square(-1000, -1000, 2000)
    cells = cells_in_polygons(gpd.GeoSeries([polygon], index=["sq"], crs=4326), res=9)

    ring = [(lat, lng) for lng, lat in polygon.exterior.coords[:-1]]
    expected = h3.h3shape_to_cells(h3.LatLngPoly(ring), 9)
    assert sorted(cells["h3"]) == sorted(expected)
    assert cells["owner"].eq("sq").all()
    assert str(cells["h3"].dtype) == "str"
    # The global mean res-9 cell is 0.105 km² (4 / 0.105 ≈ 38 cells), but at 43°N a cell is
    # 0.1258 km² (h3.cell_area): 4 / 0.1258 ≈ 31.8 cells. Centre containment gains or loses
    # whole cells along the 8 km edge: 31 to 33 cells are within 5 %.
    area = sum(h3.cell_area(cell, unit="km^2") for cell in cells["h3"])
    assert area == pytest.approx(4.0, rel=0.05)
    assert len(cells) in (31, 32, 33)


def test_b_two_adjacent_squares_share_no_cell_and_make_the_union():
    west, east = square(-2000, -1000, 2000), square(0, -1000, 2000)
    cells = cells_in_polygons(gpd.GeoSeries([west, east], index=[7, 8], crs=4326), res=9)

    assert not cells["h3"].duplicated().any()
    union = shapely.union_all([west, east])
    assert set(cells["h3"]) == set(h3.geo_to_cells(union, 9))
    # Each owner is the square that holds the cell's centre, as shapely sees it.
    lat, lng = np.array([h3.cell_to_latlng(cell) for cell in cells["h3"]]).T
    in_west = shapely.contains_xy(west, lng, lat)
    assert cells["owner"].to_numpy().tolist() == np.where(in_west, 7, 8).tolist()
    assert cells["owner"].dtype == np.int64


def test_overlapping_polygons_give_a_shared_cell_to_the_first_only():
    big, shifted = square(-1000, -1000, 2000), square(0, -1000, 2000)
    cells = cells_in_polygons(gpd.GeoSeries([big, shifted], index=["a", "b"], crs=4326), res=9)
    assert not cells["h3"].duplicated().any()
    assert set(cells.loc[cells["owner"] == "a", "h3"]) == set(h3.geo_to_cells(big, 9))
    assert set(cells.loc[cells["owner"] == "b", "h3"]) == (
        set(h3.geo_to_cells(shifted, 9)) - set(h3.geo_to_cells(big, 9)))


def test_c_a_tiny_polygon_gets_the_cell_of_its_representative_point():
    tiny = square(300, 300, 10)  # 10 m × 10 m: no res-9 cell centre (cells are ~380 m wide)
    assert h3.geo_to_cells(tiny, 9) == []
    cells = cells_in_polygons(gpd.GeoSeries([tiny], crs=4326), res=9)
    anchor = tiny.representative_point()
    assert cells.to_dict("list") == {"h3": [h3.latlng_to_cell(anchor.y, anchor.x, 9)],
                                     "owner": [0]}


def test_a_tiny_polygon_inside_another_repeats_that_cell_id():
    big, tiny = square(-1000, -1000, 2000), square(300, 300, 10)
    cells = cells_in_polygons(gpd.GeoSeries([big, tiny], index=["big", "tiny"], crs=4326),
                              res=9)
    anchor = tiny.representative_point()
    cell = h3.latlng_to_cell(anchor.y, anchor.x, 9)
    assert cells.loc[cells["owner"] == "tiny", "h3"].tolist() == [cell]
    assert cell in set(cells.loc[cells["owner"] == "big", "h3"])
    assert cells["h3"].duplicated().sum() == 1


def test_empty_and_missing_geometries_get_no_cell():
    polygons = gpd.GeoSeries([square(0, 0, 2000), None, shapely.Polygon()], crs=4326)
    cells = cells_in_polygons(polygons, res=8)
    assert set(cells["owner"]) == {0}


@pytest.mark.parametrize("res", [4, 11, 9.0, True, "9"])
def test_a_resolution_outside_5_to_10_is_refused(res):
    with pytest.raises(LayerSchemaError, match="10") as error:
        cells_in_polygons(gpd.GeoSeries([square(0, 0, 2000)], crs=4326), res=res)
    assert isinstance(error.value, ValueError)


def test_polygons_need_a_crs_and_polygonal_geometry():
    with pytest.raises(CRSError):
        cells_in_polygons(gpd.GeoSeries([square(0, 0, 2000)]), res=9)
    line = gpd.GeoSeries([shapely.LineString([(76.9, 43.2), (77.0, 43.3)])], index=["road"],
                         crs=4326)
    with pytest.raises(LayerSchemaError, match="road"):
        cells_in_polygons(line, res=9)


def test_polygons_in_a_projected_crs_are_taken_to_wgs84():
    polygon = square(-1000, -1000, 2000)
    in_utm = gpd.GeoSeries([polygon], crs=4326).to_crs(UTM_43N)
    assert set(cells_in_polygons(in_utm, res=9)["h3"]) == set(h3.geo_to_cells(polygon, 9))


def test_cell_polygons_are_h3s_boundaries_aligned_to_the_input():
    ids = pd.Series(sorted(h3.geo_to_cells(square(-1000, -1000, 2000), 9)))
    ids.index = ids.index * 10 + 3
    polygons = cell_polygons(ids)
    assert polygons.index.equals(ids.index)
    assert polygons.crs.to_epsg() == 4326
    first = polygons.iloc[0]
    corners = [(lng, lat) for lat, lng in h3.cell_to_boundary(ids.iloc[0])]
    assert np.array(first.exterior.coords)[:-1] == pytest.approx(np.array(corners))
    # Planar area in the equal-area projection against H3's spherical area: within 0.5 %.
    planar = polygons.to_crs(KAZAKHSTAN_EQUAL_AREA).area.to_numpy() / 1e6
    assert planar == pytest.approx(cell_area_km2(ids).to_numpy(), rel=5e-3)


def test_integer_ids_give_the_same_shapes_as_strings():
    ids = sorted(h3.geo_to_cells(square(0, 0, 1000), 9))
    as_int = np.array([h3.str_to_int(cell) for cell in ids], dtype=np.int64)
    assert cell_polygons(as_int).geom_equals(cell_polygons(ids)).all()


def test_cell_centres_are_h3s_centres():
    ids = sorted(h3.geo_to_cells(square(0, 0, 1000), 9))
    centres = cell_centres(ids)
    lat, lng = np.array([h3.cell_to_latlng(cell) for cell in ids]).T
    assert centres.x.to_numpy() == pytest.approx(lng)
    assert centres.y.to_numpy() == pytest.approx(lat)


def test_a_bad_cell_id_is_named():
    with pytest.raises(LayerSchemaError, match="not-a-cell"):
        cell_polygons(["8920e60849bffff", "not-a-cell"])


def test_points_to_cells_in_any_crs_and_missing_points():
    lngs, lats = [76.91, 76.95, 77.02], [43.20, 43.25, 43.31]
    points = gpd.GeoSeries(shapely.points(lngs, lats), index=["p", "q", "r"], crs=4326)
    expected = [h3.latlng_to_cell(lat, lng, 8) for lng, lat in zip(lngs, lats, strict=True)]
    assert points_to_cells(points.to_crs(UTM_43N), res=8).tolist() == expected

    with_gap = gpd.GeoSeries([shapely.Point(76.91, 43.2), None], index=[5, 6], crs=4326)
    cells = points_to_cells(with_gap, res=9)
    assert cells.index.tolist() == [5, 6]
    assert cells.iloc[0] == h3.latlng_to_cell(43.2, 76.91, 9)
    assert pd.isna(cells.iloc[1])


def test_areas_against_h3s_tables():
    # H3's table of mean areas: res 8 0.7373 km², res 9 0.1053 km².
    assert average_cell_area_km2(8) == pytest.approx(0.7373, abs=1e-4)
    assert average_cell_area_km2(9) == pytest.approx(0.1053, abs=1e-4)
    # A res-8 cell is the union of its 7 res-9 children, up to the notched edges: within 2 %.
    parent = h3.latlng_to_cell(43.25, 76.95, 8)
    children = h3.cell_to_children(parent, 9)
    assert cell_area_km2(children).sum() == pytest.approx(
        float(cell_area_km2([parent]).iloc[0]), rel=0.02)
