"""Static PNG maps (maps/static.py): colours, scale bar, texts, flows, points, files.

Pixels are read back from the PNG with :func:`matplotlib.image.imread`; the map's
``axes.transData`` takes map metres (UTM) to PNG pixels with the origin at the bottom left, so
row ``height - y`` of the image array is the pixel at display height ``y``.
"""

from __future__ import annotations

import io
import warnings

import geopandas as gpd
import numpy as np
import pytest
from matplotlib.collections import LineCollection, PatchCollection, PathCollection
from matplotlib.image import imread
from matplotlib.patches import Rectangle
from matplotlib.text import Text
from shapely.geometry import LineString, Point, Polygon, box
from test_maps_data import almaty, astana, readiness_classes, region_map

from geo.errors import LayerSchemaError
from geo.i18n import p_
from maps.classify import classify
from maps.overlays import FlowLayer, PointLayer
from maps.static import map_crs, map_figure
from maps.static_files import figure_png, png_names, write_png, write_pngs
from maps.static_furniture import scale_length
from maps.text import format_number
from maps.web_layers import CategoryLayer, ChoroplethLayer
from maps.webmap import WebMap

# Three 5 km squares in a row, in UTM 43N metres (the zone the map picks: see test_map_crs).
X0, Y0, SIDE = 650_000.0, 4_785_000.0, 5_000.0
LOW, HIGH, NO_DATA = "#E69F00", "#0072B2", "#D9D9D9"  # the last is maps.palettes.NO_DATA_COLOR


def squares(values: list[float]) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"value": values, "kind": ["a", "b", "a"][: len(values)]},
        geometry=[box(X0 + i * SIDE, Y0, X0 + (i + 1) * SIDE, Y0 + SIDE)
                  for i in range(len(values))],
        crs="EPSG:32643",
    )


def square_map(**options) -> WebMap:
    gdf = squares([10.0, 30.0, np.nan])
    # user breaks 20 and 40: 10 is in the first class, 30 in the second, NaN in none
    layer = ChoroplethLayer(gdf, column="value", name="Значение",
                            classes=classify(gdf["value"], scheme="user", breaks=[20.0, 40.0]),
                            colors=[LOW, HIGH])
    return WebMap(layers=[layer], title="Квадраты", **options)


def png_array(figure) -> np.ndarray:
    return imread(io.BytesIO(figure_png(figure)), format="png")


def pixel(image: np.ndarray, figure, x: float, y: float) -> np.ndarray:
    """RGB (0..1) of the PNG pixel at map coordinates ``(x, y)``."""
    axes = figure.axes[0]
    px, py = axes.transData.transform((x, y))
    return image[int(image.shape[0] - py), int(px), :3]


def rgb(color: str) -> np.ndarray:
    return np.array([int(color[i:i + 2], 16) for i in (1, 3, 5)]) / 255


def texts(figure) -> list[str]:
    """Every Text artist's text, with line breaks from wrapping read as spaces."""
    return [" ".join(t.get_text().split()) for t in figure.findobj(Text) if t.get_text()]


def test_map_crs_is_the_utm_zone_of_the_centre():
    # Almaty's squares lie near 76.8° E: zone floor((76.8 + 180) / 6) + 1 = 43.
    # Astana's lie at 71.40–71.55° E: floor(251.475 / 6) + 1 = 42.
    classes = readiness_classes()
    assert map_crs(region_map(almaty(), classes, category_first=False)) == "EPSG:32643"
    assert map_crs(region_map(astana(), classes, category_first=False)) == "EPSG:32642"
    assert map_crs(square_map()) == "EPSG:32643"


def test_each_square_has_its_colour_and_the_nan_one_the_no_data_colour():
    figure = map_figure(square_map(), lang="ru")
    image = png_array(figure)
    assert image.shape[:2] == (round(figure.get_figheight() * 150),
                               round(figure.get_figwidth() * 150))
    # 8-bit PNG: a colour comes back within half a step of 1/255
    for i, color in enumerate([LOW, HIGH, NO_DATA]):
        centre = pixel(image, figure, X0 + (i + 0.5) * SIDE, Y0 + SIDE / 2)
        np.testing.assert_allclose(centre, rgb(color), atol=1 / 255)
    # and outside the squares (just below the first one) the map face is white
    below = pixel(image, figure, X0 + SIDE / 2, Y0 - 300)
    np.testing.assert_allclose(below, [1.0, 1.0, 1.0], atol=1 / 255)


def test_scale_bar_is_five_km_and_as_long_as_one_square():
    figure = map_figure(square_map(), lang="ru")
    image = png_array(figure)
    axes = figure.axes[0]
    (bar,) = [a for a in axes.patches if isinstance(a, Rectangle) and a.get_gid() == "qm-scale-bar"]
    label = next(t for t in axes.texts if t.get_gid() == "qm-scale-label")
    # The map is 15 km of squares plus margins: a fifth of its width lies between 3.16 km and
    # 7.07 km (the geometric middles of 2 & 5 km and 5 & 10 km), so 5 km is the nearest round
    # length; its label is "5 км".
    x_lo, x_hi = axes.get_xlim()
    assert 3_162 < (x_hi - x_lo) / 5 < 7_071
    assert bar.get_width() == 5_000.0
    assert label.get_text() == "5 км"
    # The dark run of the bar in the PNG, along the row through its middle ...
    box_px = bar.get_window_extent()
    row = image[int(image.shape[0] - (box_px.y0 + box_px.y1) / 2), :, :3]
    dark = row.max(axis=1) < 0.3
    middle = int((box_px.x0 + box_px.x1) / 2)
    assert dark[middle]
    left = middle - np.argmin(dark[middle::-1])  # first non-dark pixel going left
    right = middle + np.argmin(dark[middle:])
    bar_px = right - left
    # ... is as long as one 5 km square drawn by the same axes (within 2 px of antialiasing).
    square_px = (axes.transData.transform((X0 + SIDE, Y0))[0]
                 - axes.transData.transform((X0, Y0))[0])
    assert square_px > 100  # a real length at 150 dpi, not a degenerate map
    assert abs(bar_px - square_px) <= 2


@pytest.mark.parametrize(("width_m", "expected"), [
    (16_500.0, 5_000.0),   # a fifth is 3.3 km: 5 km is 1.52× off, 2 km 1.65×
    (9_000.0, 2_000.0),    # 1.8 km: 2 km is 1.11× off
    (4_000.0, 1_000.0),    # 800 m: 1 km is 1.25× off, 500 m 1.6×
    (2_000.0, 500.0),      # 400 m: 500 m is 1.25× off, 200 m 2×
])
def test_scale_length_is_round(width_m, expected):
    assert scale_length(width_m) == expected


def test_small_map_labels_its_scale_in_metres():
    small = gpd.GeoDataFrame({"value": [1.0, 2.0]},
                             geometry=[box(X0, Y0, X0 + 400, Y0 + 400),
                                       box(X0 + 400, Y0, X0 + 800, Y0 + 400)],
                             crs="EPSG:32643")
    layer = ChoroplethLayer(small, column="value", name="v", classes=classify(small["value"],
                            k=2), colors=[LOW, HIGH])
    figure = map_figure(WebMap(layers=[layer]), lang="en")
    axes = figure.axes[0]
    label = next(t for t in axes.texts if t.get_gid() == "qm-scale-label")
    # A map under a kilometre across (the smallest extent, 1 km, plus margins) gets 200 m:
    # a fifth of about 1.1 km is 220 m.
    assert label.get_text() == "200 m"


def test_title_legend_north_sources_and_notice_are_texts():
    sources = ["Бюро национальной статистики", "Схематичная геометрия"]
    webmap = region_map(almaty(), readiness_classes(), category_first=False)
    figure = map_figure(webmap, lang="ru", sources=sources)
    found = texts(figure)
    assert "Алматинская агломерация" in found
    assert "Готовность" in found
    assert "Может принять, жителей" in found
    # Quantiles of 500, 3 500, 8 000, 12 000, 25 000 (Astana's NaN left out) in thirds:
    # positions 4/3 and 8/3 -> 3 500 + 4 500 / 3 = 5 000 and 8 000 + 4 000 * 2/3 = 10 666.7.
    sep = format_number(1000, "{:,.0f}", "ru")[1]  # the no-break space the layer writes
    assert sep in ("\u00a0", "\u202f")
    legend = figure.legends[0]
    labels = [t.get_text() for t in legend.get_texts()]
    assert labels == [f"от 500 до 5{sep}000", f"от 5{sep}000 до 10{sep}667",
                      f"от 10{sep}667 до 25{sep}000"]
    assert [t.get_text() for t in legend.get_texts()] == [
        label for _, label in webmap.layers[0].legend_rows("ru")]
    assert "С" in found
    assert ("Источники: Бюро национальной статистики; Схематичная геометрия") in found
    assert p_("maps.schematic_notice",
              "Schematic geometry: town outlines, roads, facilities and utility zones are "
              "generated; district boundaries are real (geokz)", lang="ru") in found
    notice = next(t for t in figure.axes[0].texts if t.get_gid() == "qm-notice")
    assert notice.get_bbox_patch().get_facecolor()[:3] == pytest.approx(tuple(rgb("#FFF8DB")))


def test_second_layer_title_and_no_notice_without_one():
    webmap = region_map(astana(), readiness_classes(), category_first=True)
    webmap.notice = None
    figure = map_figure(webmap, layer=1, lang="en")
    found = texts(figure)
    assert "Готовность" in found and "N" in found
    assert not any(t.get_gid() == "qm-notice" for t in figure.findobj(Text))
    assert not any(t.get_gid() == "qm-sources" for t in figure.findobj(Text))
    # Сарыарка has no value: the readiness legend ends with "no data" (given in English)
    assert [t.get_text() for t in figure.legends[0].get_texts()][-1] == "no data"


def test_kazakh_letters_and_narrow_spaces_have_glyphs():
    gdf = squares([10.0, 30.0, 50.0])
    layer = CategoryLayer(gdf, column="kind", name="Қабат әғқңөұүһі",
                          categories={"a": ("1\u202f000 адам", LOW), "b": ("Үй", HIGH)})
    webmap = WebMap(layers=[layer], title="Ақмола облысы",
                    notice=p_("maps.schematic_notice",
                              "Schematic geometry: town outlines, roads, facilities and utility "
                              "zones are generated; district boundaries are real "
                              "(geokz)", lang="kk"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph … missing from font(s)" is a UserWarning
        figure = map_figure(webmap, lang="kk", sources=["Ұлттық статистика бюросы"])
        figure_png(figure)
    found = texts(figure)
    assert "Т" in found
    assert "Дереккөздер: Ұлттық статистика бюросы" in found


def test_dollar_signs_are_not_mathtext():
    gdf = squares([10.0, 30.0, 50.0])
    # "$x^{$" between two dollars is broken mathtext: drawing it as math raises ValueError.
    layer = CategoryLayer(gdf, column="kind", name="Цена $x^{$",
                          categories={"a": ("5 $ <b>", LOW), "b": ("$x^{$ 10", HIGH)})
    figure = map_figure(WebMap(layers=[layer], title="$ и $"), lang="ru", sources=["$1$"])
    assert figure_png(figure).startswith(b"\x89PNG")
    found = texts(figure)
    assert "5 $ <b>" in found and "$x^{$ 10" in found and "Источники: $1$" in found
    assert all(not t.get_parse_math() for t in figure.findobj(Text))


def test_flow_layer_widths_and_arrowheads():
    a, b = (76.80, 43.20), (76.95, 43.25)
    flows = gpd.GeoDataFrame({"persons": [1200.0, 300.0]},
                             geometry=[LineString([a, b]), LineString([b, a])], crs="EPSG:4326")
    layer = FlowLayer(flows, column="persons", name="Потоки", k=2)
    outline = squares([1.0, 2.0, 3.0])
    figure = map_figure(WebMap(layers=[layer], title="Миграция", outline=outline), lang="ru")
    axes = figure.axes[0]
    (lines,) = [c for c in axes.collections if c.get_gid() == "qm-flows"]
    (heads,) = [c for c in axes.collections if c.get_gid() == "qm-arrowheads"]
    (drawn_outline,) = [c for c in axes.collections if c.get_gid() == "qm-outline"]
    assert isinstance(lines, LineCollection) and isinstance(heads, PatchCollection)
    # Two classes take the thinnest and thickest web widths, 2 and 12 px; px * 72 / 96 points.
    assert list(lines.get_linewidths()) == [9.0, 1.5]
    assert len(heads.get_paths()) == 2 and len(drawn_outline.get_paths()) == 3
    handles = figure.legends[0].legend_handles
    assert [h.get_linewidth() for h in handles] == [1.5, 9.0]
    image = png_array(figure)
    # the thick flow's middle is its colour (#0072B2 at 85 % over white)
    # 76.80–76.95° E is UTM zone 43, the map's
    thick = layer.gdf.to_crs("EPSG:32643").geometry.iloc[0]
    point = thick.interpolate(0.5, normalized=True)
    expected = 0.85 * rgb("#0072B2") + 0.15
    np.testing.assert_allclose(pixel(image, figure, point.x, point.y), expected, atol=2 / 255)


def test_point_layer_circle_sizes_and_colours():
    centres = [(X0 + (i + 0.5) * SIDE, Y0 + SIDE / 2) for i in range(3)]
    points = gpd.GeoDataFrame({"kind": ["a", "b", "a"], "capacity": [0.0, 25.0, 100.0]},
                              geometry=[Point(c) for c in centres], crs="EPSG:32643")
    layer = PointLayer(points, column="kind", name="Школы", size_column="capacity",
                       categories={"a": ("существующие", LOW), "b": ("новые", HIGH)})
    figure = map_figure(WebMap(layers=[layer]), lang="ru")
    (circles,) = [c for c in figure.axes[0].collections if c.get_gid() == "qm-points"]
    assert isinstance(circles, PathCollection)
    # Radii sqrt(0/100), sqrt(25/100), sqrt(100/100) of 4..14 px: 4, 9, 14 px; diameters in
    # points 6, 13.5, 21; scatter sizes are their squares, drawn largest first.
    assert list(circles.get_sizes()) == [441.0, 182.25, 36.0]
    image = png_array(figure)
    # the largest circle's centre: #E69F00 at 90 % opacity over white
    np.testing.assert_allclose(pixel(image, figure, *centres[2]), 0.9 * rgb(LOW) + 0.1,
                               atol=2 / 255)
    assert [h.get_markersize() for h in figure.legends[0].legend_handles] == [9.0, 9.0]


@pytest.mark.slow
def test_write_pngs_one_file_per_layer_and_same_bytes(tmp_path):
    webmap = region_map(almaty(), readiness_classes(), category_first=False)
    first = write_pngs(webmap, tmp_path / "a", stem="almaty", lang="ru", sources=["БНС"])
    again = write_pngs(webmap, tmp_path / "b", stem="almaty", lang="ru", sources=["БНС"])
    assert [p.name for p in first] == ["almaty-1.png", "almaty-2.png"]
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["almaty-1.png", "almaty-2.png"]
    for one, two in zip(first, again, strict=True):
        assert one.read_bytes() == two.read_bytes()
        assert one.read_bytes().startswith(b"\x89PNG")
    assert first[0].read_bytes() != first[1].read_bytes()
    # write_png replaces a file and leaves no temporary file beside it
    write_png(webmap, first[0], layer=1, lang="ru", sources=["БНС"])
    assert first[0].read_bytes() == first[1].read_bytes()
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["almaty-1.png", "almaty-2.png"]


def test_bad_layer_and_stem_are_refused(tmp_path):
    webmap = square_map()
    with pytest.raises(IndexError):
        map_figure(webmap, layer=1, lang="ru")
    with pytest.raises(ValueError, match="plain name"):
        write_pngs(webmap, tmp_path, stem="../x", lang="ru")
    with pytest.raises(ValueError, match="Unknown language"):
        map_figure(webmap, lang="de")


def test_a_map_without_geometries_says_so():
    empty = gpd.GeoDataFrame({"value": [1.0, 2.0]}, geometry=[Polygon(), Polygon()],
                             crs="EPSG:4326")
    layer = ChoroplethLayer(empty, column="value", name="v",
                            classes=classify(empty["value"], k=2), colors=[LOW, HIGH])
    with pytest.raises(LayerSchemaError, match="На карте «Пусто» нечего рисовать"):
        map_figure(WebMap(layers=[layer], title="Пусто"), lang="ru")


def headroom_map(gdf: gpd.GeoDataFrame) -> WebMap:
    """Two headroom layers named as the report names its columns (headroom_<network>_actual)."""
    frame = gdf.assign(headroom_heat_actual=[1.0, -2.0, 3.0][: len(gdf)],
                       headroom_schools_actual=[-1.0, 2.0, 3.0][: len(gdf)])
    layers = [ChoroplethLayer(frame, column=column, name=column,
                              classes=classify(frame[column], scheme="user", breaks=[0.0]),
                              colors=[LOW, HIGH])
              for column in ("headroom_heat_actual", "headroom_schools_actual")]
    return WebMap(layers=layers)


def test_png_names_say_region_and_layer_and_are_unique():
    classes = readiness_classes()
    almaty_map = region_map(almaty(), classes, category_first=False)
    almaty_map.layers[0].column = "readiness_actual"  # the report's column names
    astana_map = region_map(astana(), classes, category_first=True)
    # a layer without a region column takes the outline's region
    flows = squares([1.0, 2.0])
    flow_map = WebMap(layers=[ChoroplethLayer(flows, column="value", name="v",
                                              classes=classify(flows["value"], k=2),
                                              colors=[LOW, HIGH])],
                      outline=almaty()[["region", "geometry"]])
    names = png_names([almaty_map, headroom_map(almaty()), astana_map, almaty_map, flow_map])
    assert names == [
        ["almaty-readiness.png", "almaty-bottleneck.png"],
        ["almaty-heat-headroom.png", "almaty-schools-headroom.png"],
        ["astana-bottleneck.png", "astana-can-take.png"],
        ["almaty-readiness-2.png", "almaty-bottleneck-2.png"],  # met again: numbered
        ["almaty-value.png"],
    ]


def test_write_pngs_names_files_by_region_and_layer(tmp_path):
    written = write_pngs(headroom_map(almaty()), tmp_path, lang="ru")
    assert [p.name for p in written] == ["almaty-heat-headroom.png",
                                         "almaty-schools-headroom.png"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [p.name for p in written]
    with pytest.raises(ValueError, match="2 layers"):
        write_pngs(headroom_map(almaty()), tmp_path, names=["one.png"], lang="ru")


def test_the_sources_under_a_png_are_one_line_that_fits_the_map():
    # the report's credit line of the demo's readiness maps: about 190 characters
    credit = ("Данные: цифры: БНС и источники в data/; названия и площади: geokz CC BY 4.0; "
              "координаты городов: © участники OpenStreetMap, ODbL 1.0; геометрия и сети: "
              "сгенерированы")
    webmap = square_map(attribution=credit)
    figure = map_figure(webmap, lang="ru")
    source = next(t for t in figure.findobj(Text) if t.get_gid() == "qm-sources")
    assert "\n" not in source.get_text()
    assert source.get_text() == f"Источники: {credit}"  # whole: the licences ask for it
    renderer = figure.canvas.get_renderer()
    box = source.get_window_extent(renderer)
    assert box.x0 >= 0 and box.x1 <= figure.bbox.width  # within the picture
    assert source.get_fontsize() >= 5.0
    # a short credit keeps the usual size
    short = next(t for t in map_figure(square_map(attribution="БНС"), lang="ru").findobj(Text)
                 if t.get_gid() == "qm-sources")
    assert short.get_fontsize() == 7.0 and short.get_text() == "Источники: БНС"
