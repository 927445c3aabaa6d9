"""The report's PNGs drawn by worker processes are the files one process draws.

The known answer is :func:`maps.static_files.write_pngs` run map by map in this process: the
pool must give the same names in the same order and the same bytes (hence the same pixels).
"""

from __future__ import annotations

import multiprocessing

import geopandas as gpd
import pytest
from shapely.geometry import Polygon
from test_maps_data import almaty, astana, readiness_classes, region_map
from test_maps_static import headroom_map

from geo.errors import LayerSchemaError
from maps.classify import classify
from maps.static_files import ReportPngs, png_names, write_pngs, write_report_pngs
from maps.web_layers import ChoroplethLayer
from maps.webmap import WebMap

pytestmark = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(),
                                reason="the worker processes are forked (not on this system)")


def report_maps() -> list[WebMap]:
    classes = readiness_classes()
    return [region_map(almaty(), classes, category_first=False), headroom_map(almaty()),
            region_map(astana(), classes, category_first=True)]


def test_two_workers_write_the_bytes_one_process_writes(tmp_path):
    maps = report_maps()
    serial = [path for webmap, names in zip(maps, png_names(maps), strict=True)
              for path in write_pngs(webmap, tmp_path / "serial", names=names, lang="ru",
                                     sources=["БНС"])]
    with ReportPngs(maps, tmp_path / "pool", lang="ru", sources=["БНС"], workers=2) as pngs:
        assert pngs.workers == 2  # really in two processes, not the serial fallback
        pooled = pngs.result()
    assert [p.name for p in pooled] == [p.name for p in serial] == [
        "almaty-can-take.png", "almaty-bottleneck.png", "almaty-heat-headroom.png",
        "almaty-schools-headroom.png", "astana-bottleneck.png", "astana-can-take.png"]
    assert all(p.parent == tmp_path / "pool" for p in pooled)
    for one, two in zip(serial, pooled, strict=True):
        assert one.read_bytes() == two.read_bytes(), one.name
    assert sorted(p.name for p in (tmp_path / "pool").iterdir()) == sorted(p.name for p in pooled)


def test_one_worker_draws_here_and_gives_the_same_files(tmp_path):
    maps = report_maps()[:1]
    pooled = write_report_pngs(maps, tmp_path / "pool", lang="en", workers=2)
    with ReportPngs(maps, tmp_path / "here", lang="en", workers=1) as pngs:
        assert pngs.workers == 1
        here = pngs.result()
    assert [p.read_bytes() for p in here] == [p.read_bytes() for p in pooled]


def test_a_picture_that_fails_in_a_worker_raises_its_own_error(tmp_path):
    empty = gpd.GeoDataFrame({"value": [1.0, 2.0]}, geometry=[Polygon(), Polygon()],
                             crs="EPSG:4326")
    nothing = WebMap(layers=[ChoroplethLayer(empty, column="value", name="v",
                                             classes=classify(empty["value"], k=2),
                                             colors=["#E69F00", "#0072B2"])], title="Пусто")
    with pytest.raises(LayerSchemaError, match="На карте «Пусто» нечего рисовать"):
        write_report_pngs([*report_maps()[:1], nothing], tmp_path, lang="ru", workers=2)
