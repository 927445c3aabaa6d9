"""maps without a browser: classes with known answers, palettes, escaping, offline page source."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from catalogues import TRANSLATED, catalogue, forms, said_in
from shapely.geometry import box
from test_maps_data import XSS, almaty, build_report, categories

from geo.errors import CRSError, MissingDependencyError
from maps import leaflet
from maps.classify import classify
from maps.palettes import categorical, diverging, sequential
from maps.report import Report
from maps.runtime import map_configs
from maps.text import format_number, format_value, script_json
from maps.web_layers import CategoryLayer, ChoroplethLayer
from maps.webmap import WebMap

NBSP = "\u00a0"


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The shared report's source."""
    path = build_report(tmp_path_factory.mktemp("report") / "report.html")
    return path.read_bytes().decode("utf-8")



# -- classification: answers worked out by hand ------------------------------------------------


def test_quantiles_of_one_to_ten() -> None:
    # numpy's linear percentiles of 1..10: the p-th lies at 1 + 9p, so 20% -> 2.8, 40% -> 4.6,
    # 60% -> 6.4, 80% -> 8.2, 100% -> 10; each class then holds two values.
    c = classify(pd.Series(np.arange(1.0, 11.0)), scheme="quantiles", k=5)
    assert c.bins == pytest.approx([2.8, 4.6, 6.4, 8.2, 10.0])
    assert c.yb.tolist() == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4]


def test_equal_interval_upper_bounds_are_inclusive() -> None:
    # 0..10 in 5 equal steps of 2: bounds 2, 4, 6, 8, 10; 2 belongs to the first class (<= 2).
    c = classify(pd.Series(np.arange(0.0, 11.0)), scheme="equal_interval", k=5)
    assert c.bins == pytest.approx([2, 4, 6, 8, 10])
    assert c.yb.tolist() == [0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4]


def test_natural_breaks_find_the_three_clusters() -> None:
    c = classify(pd.Series([1.0, 2, 3, 10, 11, 12, 20, 21, 22]), scheme="natural_breaks", k=3)
    assert c.bins == [3.0, 12.0, 22.0]
    assert c.yb.tolist() == [0, 0, 0, 1, 1, 1, 2, 2, 2]


def test_natural_breaks_on_many_values_are_quick_and_deterministic() -> None:
    values = pd.Series(np.random.default_rng(7).lognormal(size=5000))
    first = classify(values, scheme="natural_breaks", k=5)
    assert first.bins == classify(values, scheme="natural_breaks", k=5).bins
    assert first.bins == sorted(first.bins) and first.bins[-1] == values.max()


def test_user_breaks_get_the_maximum_added() -> None:
    c = classify(pd.Series(np.arange(1.0, 11.0)), scheme="user", breaks=[3, 6])
    assert c.bins == [3.0, 6.0, 10.0]
    assert c.yb.tolist() == [0, 0, 0, 1, 1, 1, 2, 2, 2, 2]


def test_missing_values_get_minus_one_and_the_index_is_kept() -> None:
    values = pd.Series([5.0, np.nan, 1.0, np.inf], index=["a", "b", "c", "d"])
    c = classify(values, scheme="equal_interval", k=2)
    assert c.minimum == 1.0 and c.bins == [3.0, 5.0]
    assert c.yb.to_dict() == {"a": 1, "b": -1, "c": 0, "d": -1}


def test_nullable_integers_and_ties() -> None:
    c = classify(pd.Series([4, 4, pd.NA, 4], dtype="Int64"), k=5)
    assert c.bins == [4.0] and c.yb.tolist() == [0, 0, -1, 0]
    assert classify(pd.Series([1.0, 1.0, 2.0]), scheme="natural_breaks", k=5).k == 2


def test_assign_clamps_values_outside_the_bins() -> None:
    c = classify(pd.Series([1.0, 2.0, 3.0, 4.0]), scheme="equal_interval", k=3)
    assert c.assign(pd.Series([-100.0, 100.0, np.nan])).tolist() == [0, 2, -1]


def test_labels_in_three_languages() -> None:
    c = classify(pd.Series([500.0, 1500.0, 2500.0]), scheme="equal_interval", k=2)
    assert c.labels("ru") == [f"от 500 до 1{NBSP}500", f"от 1{NBSP}500 до 2{NBSP}500"]
    assert c.labels("kk") == [f"500 – 1{NBSP}500 аралығы", f"1{NBSP}500 – 2{NBSP}500 аралығы"]
    assert c.labels("en", fmt="{:,.1f}") == ["500.0 to 1,500.0", "1,500.0 to 2,500.0"]


def test_user_classes_below_every_value_are_labelled_open() -> None:
    c = classify(pd.Series([-5_000.0, 20_000.0]), scheme="user", breaks=[-50_000, 0, 50_000])
    assert c.bins == [-50_000.0, 0.0, 50_000.0] and c.yb.tolist() == [1, 2]
    assert c.labels("ru") == [f"−50{NBSP}000 и менее", f"от −50{NBSP}000 до 0",
                              f"от 0 до 50{NBSP}000"]
    assert c.labels("en")[0] == "−50,000 or less"


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"scheme": "jenks"}, ValueError),
        ({"scheme": "user"}, ValueError),
        ({"scheme": "user", "breaks": [5, 2]}, ValueError),
        ({"k": 0}, ValueError),
    ],
)
def test_bad_arguments_are_refused(kwargs: dict, error: type[Exception]) -> None:
    with pytest.raises(error):
        classify(pd.Series([1.0, 2.0, 3.0]), **kwargs)


def test_nothing_to_classify() -> None:
    with pytest.raises(ValueError, match="no finite value"):
        classify(pd.Series([np.nan, np.nan], name="x"))
    with pytest.raises(TypeError, match="Only numbers"):
        classify(pd.Series(["a", "b"]))


# -- palettes ------------------------------------------------------------------------------------


def test_palettes_are_colorbrewer_and_okabe_ito() -> None:
    assert sequential("YlGnBu", 5) == ["#FFFFCC", "#A1DAB4", "#41B6C4", "#2C7FB8", "#253494"]
    assert diverging("RdBu", 2) == ["#EF8A62", "#67A9CF"]
    assert len(diverging("PuOr", 11)) == 11 and len(sequential("OrRd", 9)) == 9
    assert categorical(3) == ["#E69F00", "#56B4E9", "#009E73"]
    for colors in (sequential("YlGnBu", 9), diverging("PuOr", 7), categorical(8)):
        assert all(re.fullmatch(r"#[0-9A-F]{6}", c) for c in colors)
        assert len(set(colors)) == len(colors)


@pytest.mark.parametrize("call", [lambda: sequential("Jet", 5), lambda: sequential("YlGnBu", 10),
                                  lambda: diverging("RdBu", 0), lambda: categorical(9)])
def test_palettes_refuse_what_they_do_not_have(call) -> None:
    with pytest.raises(ValueError):
        call()


# -- text ----------------------------------------------------------------------------------------


def test_numbers_follow_the_language() -> None:
    assert format_number(-1234567.891, "{:,.2f}", "ru") == f"−1{NBSP}234{NBSP}567,89"
    assert format_number(1234.5, "{:,.1f} Гкал/ч.", "kk") == f"1{NBSP}234,5 Гкал/ч."
    assert format_number(0.5, "{:.0%}", "en") == "50%"
    assert format_value(np.nan, lang="ru") == "—"
    assert format_value(0.873, lang="en") == "0.87"
    assert format_value(12000, lang="en") == "12,000"


def test_script_json_cannot_close_a_script() -> None:
    text = script_json({"name": "</script><b>&\u2028\u2029"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\u2028" not in text and "\u2029" not in text
    assert json.loads(text) == {"name": "</script><b>&\u2028\u2029"}


# -- Leaflet from its package ----------------------------------------------------------------------


def test_leaflet_css_images_are_data_uris() -> None:
    css = leaflet.leaflet_css()
    urls = re.findall(r"url\(\s*['\"]?([^'\")]*)", css)
    assert len(urls) >= 3 and all(u.startswith("data:image/png;base64,") for u in urls)
    assert "behavior" not in css
    assert "sourceMappingURL" not in leaflet.leaflet_js()
    assert "</script" not in leaflet.leaflet_js().lower()


def test_missing_leaflet_names_the_pip_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, leaflet.PACKAGE, None)
    leaflet.leaflet_js.cache_clear()
    try:
        with pytest.raises(MissingDependencyError, match="pip install django-js-lib-leaflet"):
            leaflet.leaflet_js()
    finally:
        leaflet.leaflet_js.cache_clear()


def test_css_urls_outside_the_package_are_refused() -> None:
    with pytest.raises(ValueError, match="cannot be inlined"):
        leaflet.inline_css_urls("a { background: url(https://cdn.example/x.png) }",
                                leaflet.dist_dir())
    with pytest.raises(ValueError, match="does not contain"):
        leaflet.inline_css_urls("a { background: url(images/nope.png) }", leaflet.dist_dir())


# -- the page: offline, escaped, compact --------------------------------------------------------


def test_user_values_are_escaped_everywhere(page: str) -> None:
    assert f"<td>{XSS.replace('<', '&lt;').replace('>', '&gt;')}</td>" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<img src=x" not in page  # neither in HTML nor raw in the maps' JSON
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in page
    assert 'href="javascript:' not in page


def test_nothing_points_outside_the_document(page: str) -> None:
    loads = re.findall(r"<(?:script|link|img|iframe|embed|object|source|audio|video)\b[^>]*>",
                       page, flags=re.IGNORECASE)
    assert all(not re.search(r"\b(?:src|href|data)\s*=", tag, re.IGNORECASE) for tag in loads)
    assert not re.search(r"""\bsrc\s*=\s*["']?(?:https?:)?//""", page)
    assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", page)
    assert "@import" not in page
    for style in re.findall(r"<style>(.*?)</style>", page, re.DOTALL):
        targets = re.findall(r"url\(\s*['\"]?([^'\")]*)", style)
        assert all(t.startswith("data:") for t in targets)


def test_content_security_policy_allows_only_the_page_scripts(page: str) -> None:
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)[1]
    assert "default-src 'none'" in policy and "img-src data:;" in policy
    scripts = re.findall(r"<script>(.*?)</script>", page, re.DOTALL)
    # Leaflet with the map script, the tables' script, and one call per map
    assert len(scripts) == 4
    for script in scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy


def decoded_rings(cfg: dict, shape: int) -> list[np.ndarray]:
    """The outer ring of each feature of a shape, decoded by hand: x0 + step * running sum."""
    x0, y0, step = cfg["grid"]
    rings = []
    for geometry in cfg["shapes"][shape]:
        assert geometry[0] == 3  # a polygon
        flat = np.asarray(geometry[1][0], dtype=np.int64).reshape(-1, 2)
        assert flat.dtype.kind == "i"
        steps = np.cumsum(flat, axis=0)
        rings.append(np.column_stack([x0 + steps[:, 0] * step, y0 + steps[:, 1] * step]))
    return rings


def test_geometry_is_compact_shared_and_quantised(page: str) -> None:
    configs = map_configs(page)
    assert sorted(configs) == ["map-1", "map-2"]
    for cfg in configs.values():
        # two layers colour the same three squares: the geometry is written once
        assert len(cfg["shapes"]) == 1 and [lay["shape"] for lay in cfg["layers"]] == [0, 0]
        assert all(len(lay["k"]) == 3 for lay in cfg["layers"])
    # Astana's squares are 0.05° wide: extent 0.15° / 50,000 = 3e-6°, below the finest step,
    # so the step is 1e-5° and the corners come back exactly; a square's ring is its 4 corners.
    cfg = configs["map-2"]
    assert cfg["grid"][2] == pytest.approx(1e-5)
    rings = decoded_rings(cfg, 0)
    expected = [np.array([[71.45 + i * 0.05, 51.10], [71.45 + i * 0.05, 51.15],
                          [71.40 + i * 0.05, 51.15], [71.40 + i * 0.05, 51.10]]) for i in range(3)]
    for ring, corners in zip(rings, expected, strict=True):
        assert np.allclose(ring, corners, atol=1e-6)
    assert '"bbox"' not in page and '"id":' not in page
    assert '"type":"Feature"' not in page.replace(" ", "")


def test_geometry_is_reprojected_and_bounds_fit_it(page: str) -> None:
    cfg = map_configs(page)["map-1"]
    (south, west), (north, east) = cfg["bounds"]
    assert 43.1 < south < north < 43.4 and 76.7 < west < east < 77.1
    ring = decoded_rings(cfg, 0)[0]
    step = cfg["grid"][2]
    assert all(west - step <= x <= east + step and south - step <= y <= north + step
               for x, y in ring)


def test_legend_and_tooltip_texts(page: str) -> None:
    for label in (f"от 500 до 5{NBSP}000", f"от 5{NBSP}000 до 10{NBSP}667", "нет данных",
                  "теплоснабжение", "Слои", "Источники"):
        assert label in page
    cfg = map_configs(page)["map-2"]
    layer = cfg["layers"][0]
    assert layer["labels"] == ["Единица", "Узкое место"]

    def column(index: int) -> list[str]:
        col = cfg["columns"][index]
        return [col["v"][i] for i in col["i"]] if "i" in col else col["v"]

    assert [column(c) for c in layer["columns"]] == [
        ["Есиль", "Сарыарка", "Косшы"], ["школы", "—", "теплоснабжение"]]
    assert layer["k"] == [3, 4, 0]
    assert f'<td class="num" data-v="12000">12{NBSP}000</td>' in page
    assert '<td class="num">—</td>' in page


def test_i18n_keys_of_maps_are_translated() -> None:
    """Every message the maps package says is in both catalogues and is not English."""
    own = said_in("maps/")
    assert len(own) >= 8
    for (context, msgid), (_ids, where) in own.items():
        for lang in TRANSLATED:
            message = catalogue(lang).get(msgid, context=context)
            assert message is not None and all(forms(message)), (where, lang)
            assert forms(message)[0] != msgid, (where, lang)


# -- layers and maps refuse what they cannot draw safely -----------------------------------------


def test_layers_check_their_inputs() -> None:
    gdf = almaty()
    classes = classify(gdf["can_take_actual"], k=2)
    with pytest.raises(ValueError, match="2 classes but 3 colours"):
        ChoroplethLayer(gdf, column="can_take_actual", name="x", classes=classes,
                        colors=sequential("YlGnBu", 3))
    with pytest.raises(ValueError, match="#RRGGBB"):
        ChoroplethLayer(gdf, column="can_take_actual", name="x", classes=classes,
                        colors=["#fff", "red;background:url(//x)"])
    with pytest.raises(KeyError, match="nope"):
        CategoryLayer(gdf, column="nope", name="x", categories=categories())
    with pytest.raises(CRSError):
        CategoryLayer(gdf.set_crs(None, allow_override=True), column="bottleneck_actual",
                      name="x", categories=categories())


def test_unknown_categories_are_other() -> None:
    gdf = almaty().assign(bottleneck_actual=["heat", "gas", None])
    layer = CategoryLayer(gdf, column="bottleneck_actual", name="x", categories=categories())
    assert layer.codes().tolist() == [0, 5, 4]
    assert [label for _, label in layer.legend_rows("en")][-2:] == ["no data", "other"]


def test_tiles_only_when_named_and_then_allowed_by_the_policy() -> None:
    gdf = gpd.GeoDataFrame({"v": [1.0]}, geometry=[box(0, 0, 1, 1)], crs="EPSG:4326")
    layer = ChoroplethLayer(gdf, column="v", name="v", classes=classify(gdf["v"], k=1),
                            colors=["#FF0000"])
    assert '"tiles":null' in WebMap(layers=[layer]).to_html(lang="en")
    with pytest.raises(ValueError, match="http"):
        WebMap(layers=[layer], tiles_url="javascript:alert(1)")
    rep = Report("t", lang="en")
    rep.add_map(WebMap(layers=[layer], tiles_url="https://tiles.akimat.local:8443/{z}/{x}/{y}.png",
                       tiles_attribution="<b>Akimat</b>"))
    html = rep.to_html()
    assert "img-src data: https://tiles.akimat.local:8443;" in html
    assert "&amp;lt;b&amp;gt;Akimat" not in html and "\\u0026lt;b\\u0026gt;Akimat" in html


def test_report_write_is_utf8_and_returns_the_path(tmp_path: Path) -> None:
    rep = Report("Қоныс", lang="kk", subtitle="Ақмола")
    rep.add_table(pd.DataFrame({"a": []}))
    path = rep.write(tmp_path / "sub" / "r.html")
    text = path.read_bytes().decode("utf-8")
    assert path == tmp_path / "sub" / "r.html" and '<html lang="kk">' in text
    assert "Жолдар жоқ." in text and "Дереккөздер" not in text
    assert "<script" not in text and "leaflet" not in text  # no map, no Leaflet
    assert [p.name for p in (tmp_path / "sub").iterdir()] == ["r.html"]
