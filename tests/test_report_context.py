"""The maps' context built from a hand-made workspace: labels, outlines, major roads, views.

Three units near Almaty (two city districts by KATO 75…, one suburb of Almaty oblast, 19…,
shaped like an L so that its centroid lies outside it), two settlements (Almaty's centre, named
by qonys where the layer gives no Russian name, and a village that is also the suburb), a
motorway in two pieces and a residential street. Worked out by hand: only the motorway is
kept, as one merged line; the labels stand inside their units; the city view is the box of
the two districts; the oblast outlines are the city and the suburb.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
from shapely.geometry import LineString, Point, Polygon, box

from maps.classify import classify
from maps.context import context_js, encode_context
from maps.encode import Quantisation
from maps.web_layers import ChoroplethLayer
from maps.webmap import WebMap
from planning.report.context import build_context, major_roads, with_context

X, Y = 76.8, 43.2
# the suburb: an L whose centroid (in its notch) is not inside it
L_SHAPE = Polygon([(X + 0.3, Y), (X + 0.6, Y), (X + 0.6, Y + 0.1), (X + 0.4, Y + 0.1),
                   (X + 0.4, Y + 0.3), (X + 0.3, Y + 0.3)])


def decode_line(line: list[int], grid: Quantisation) -> np.ndarray:
    """Longitude/latitude of a flat delta-coded line, decoded as the page does: the running sum
    of the grid steps from the grid's corner (the test's own inverse of maps.encode)."""
    steps = np.cumsum(np.asarray(line, dtype=np.int64).reshape(-1, 2), axis=0)
    return np.column_stack([grid.x0 + steps[:, 0] * grid.step, grid.y0 + steps[:, 1] * grid.step])


def workspace() -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame, gpd.GeoDataFrame]:
    units = gpd.GeoDataFrame({
        "unit_id": ["751110000", "751210000", "195200000"],
        "kato": ["751110000", "751210000", "195200000"],
        "kind": ["city_district", "city_district", "suburban_district"],
        "region": ["almaty"] * 3,
        "name_ru": ["Алмалинский", "Алатауский", "Карасайский"],
        "name_kk": ["Алмалы", "Алатау", "Қарасай"],
        "name_en": ["Almaly", "Alatau", "Karasay"]},
        geometry=[box(X, Y, X + 0.1, Y + 0.1), box(X + 0.1, Y, X + 0.3, Y + 0.1), L_SHAPE],
        crs="EPSG:4326")
    settlements = gpd.GeoDataFrame({
        "settlement_id": ["almaty", "195200000"], "name_ru": [None, "Каскелен"],
        "name_kk": [None, "Қаскелең"], "name_en": ["Almaty", "Kaskelen"],
        "population": [2_000_000.0, 80_000.0]},
        geometry=[Point(X + 0.05, Y + 0.05), Point(X + 0.35, Y + 0.2)], crs="EPSG:4326")
    roads = gpd.GeoDataFrame({"highway": ["motorway", "motorway", "residential"]},
                             geometry=[LineString([(X, Y + 0.05), (X + 0.2, Y + 0.05)]),
                                       LineString([(X + 0.2, Y + 0.05), (X + 0.5, Y + 0.05)]),
                                       LineString([(X, Y + 0.08), (X + 0.1, Y + 0.08)])],
                             crs="EPSG:4326")
    return units, settlements, roads


def test_context_from_a_hand_made_workspace() -> None:
    units, settlements, roads = workspace()
    context = build_context(units, lang="ru", settlements=settlements, roads=roads)
    assert context.layers == ("units", "settlements", "roads")
    # only the motorway, its two pieces merged into one line from X to X + 0.5
    kept = context.roads.gdf
    assert kept["cls"].tolist() == ["motorway"]
    assert kept.geometry.iloc[0].length == pytest.approx(0.5)
    # labels: the places, then the units; in Russian, each unit's inside it
    labels = context.labels.gdf
    assert labels["text"].tolist() == ["Алматы", "Каскелен", "Алмалинский", "Алатауский",
                                       "Карасайский"]
    assert labels["kind"].tolist() == ["place", "place", "unit", "unit", "unit"]
    for label, unit in zip(labels.geometry.iloc[2:], units.geometry, strict=True):
        assert unit.contains(label)
    assert not L_SHAPE.contains(L_SHAPE.centroid)  # so the label is not at the centroid
    # the suburb gives way to the village that is the same place; the city's point stands
    # for its two districts, the village for the suburb
    assert labels["link"].tolist() == [-1, -1, -1, -1, 1]
    assert labels.loc[0, ["w", "s", "e", "n"]].tolist() == pytest.approx(
        [X, Y, X + 0.3, Y + 0.1])
    # oblast outlines: Almaty city (75: the two districts) and Almaty oblast (19: the suburb)
    outlines = context.outlines.gdf
    assert sorted(outlines["oblast"]) == ["19", "75"]
    city = outlines.geometry[outlines["oblast"] == "75"].iloc[0]
    assert city.symmetric_difference(box(X, Y, X + 0.3, Y + 0.1)).area == pytest.approx(0)
    # a view of the city: the box of its districts
    (view,) = context.views
    assert view.label == "Алматы: районы"
    assert np.ravel(view.bounds) == pytest.approx([Y, X, Y + 0.1, X + 0.3])


def test_encoded_for_one_map() -> None:
    units, settlements, roads = workspace()
    context = build_context(units, lang="kk", settlements=settlements, roads=roads)
    extent = [[Y - 0.5, X - 0.5], [Y + 0.5, X + 1.0]]
    grid = Quantisation.for_bounds(extent)
    config = encode_context(context, extent=extent, grid=grid, lang="kk")
    # the places first (by population), then the units by area (the L's 0.05 square
    # degrees, 0.02, 0.01): the larger wins where two collide
    assert [label["t"] for label in config["labels"]] == [
        "Алматы", "Қаскелең", "Қарасай", "Алатау", "Алмалы"]
    # each label at its point, five decimals
    point = context.labels.gdf.geometry.iloc[4]
    assert config["labels"][2]["p"] == [round(point.x, 5), round(point.y, 5)]
    assert config["labels"][2]["link"] == 1 and "link" not in config["labels"][3]
    assert config["labels"][1]["b"] == pytest.approx([X + 0.3, Y, X + 0.6, Y + 0.3])
    # the motorway decodes to its ends, within the grid's step
    (shape,) = config["roads"]["shape"]  # one (multi)line per class
    line = shape[1] if shape[0] == 2 else shape[1][0]
    ends = decode_line(line, grid)[[0, -1]]
    assert shape[0] in (2, 5) and np.allclose(ends, [[X, Y + 0.05], [X + 0.5, Y + 0.05]],
                                     atol=grid.step)
    assert config["scale"] == {"m": "м", "km": "км"}
    assert [v["label"] for v in config["views"]] == ["Алматы: аудандар"]
    assert config["all"] == "Бүкіл карта"


def test_far_maps_carry_none_of_it() -> None:
    units, settlements, roads = workspace()
    context = build_context(units, lang="en", settlements=settlements, roads=roads)
    far = [[50.0, 70.0], [51.0, 71.0]]  # Astana's map: nothing of Almaty's context
    config = encode_context(context, extent=far, grid=Quantisation.for_bounds(far), lang="en")
    assert config["labels"] == [] and config["roads"] is None and config["views"] == []
    # a map no larger than the city offers no city view
    city = [[Y, X], [Y + 0.1, X + 0.3]]
    config = encode_context(context, extent=city, grid=Quantisation.for_bounds(city), lang="en")
    assert config["views"] == []


def test_roads_without_a_class_are_major_by_speed() -> None:
    roads = gpd.GeoDataFrame({"speed_kmh": [90.0, 40.0]}, crs="EPSG:4326",
                             geometry=[LineString([(0, 0), (1, 0)]),
                                       LineString([(0, 1), (1, 1)])])
    assert major_roads(roads)["cls"].tolist() == ["trunk"]


def test_a_map_carries_its_context() -> None:
    units, settlements, roads = workspace()
    context = build_context(units, lang="en", settlements=settlements, roads=roads)
    layer = ChoroplethLayer(units.assign(v=[1.0, 2.0, 3.0]), column="v", name="v",
                            classes=classify(units.assign(v=[1.0, 2.0, 3.0])["v"], k=2),
                            colors=["#eeeeee", "#333333"])
    webmap = with_context(WebMap(layers=[layer]), context)
    html = webmap.to_html(lang="en", element_id="m1")
    assert '"context": {' in html or '"context":{' in html
    assert WebMap(layers=[layer]).config("en")["context"] is None
    assert "qonysContext" in context_js()


def test_cells_get_no_labels_and_a_region_without_suburbs_no_view() -> None:
    units, _, _ = workspace()
    units.loc[2, "kind"] = "hex"  # the suburb as a cell: no name of its own to show
    units.loc[2, "kato"] = "751110000"
    context = build_context(units, lang="en")
    assert context.labels.gdf["text"].tolist() == ["Almaly", "Alatau"]
    assert context.layers == ("units",) and context.roads is None
    assert context.views == []  # the city alone: it is the whole map already
