"""Write the small broken vector files and tables of ``tests/data/bad/``.

Run from the project root: ``python tests/data/make_bad_files.py`` (the rasters come from
``make_bad_rasters.py``). Every file is tiny and hand-made; what is wrong with each, and the error
qonys must give, is in ``tests/test_load_bad.py``.

- ``truncated.shp``: three squares near Almaty, with the ``.shp`` cut to 200 bytes.
- ``missing_dbf.shp``: the same squares with ``.shp``, ``.shx`` and ``.prj`` but no ``.dbf``.
- ``broken.geojson``: a FeatureCollection cut in the middle of its second feature.
- ``empty.geojson``: a FeatureCollection with no features.
- ``self_intersections.geojson``: units; row 2 is a bow tie (a ring crossing itself at its
  middle), row 3 a square with a spike back along one edge.
- ``swapped.csv``: settlements whose ``lon`` column holds latitudes and ``lat`` longitudes.
- ``duplicate_ids.csv``: facilities where rows 2 and 4 share the id ``sch-2``, with a negative
  capacity in row 3 and a non-number in row 5.
"""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import shapely

BAD = Path(__file__).resolve().parent / "bad"


def squares() -> gpd.GeoDataFrame:
    boxes = [shapely.box(76.90 + i * 0.01, 43.20, 76.905 + i * 0.01, 43.205) for i in range(3)]
    return gpd.GeoDataFrame({"unit_id": ["a", "b", "c"]}, geometry=boxes, crs="EPSG:4326")


def write_all() -> None:
    BAD.mkdir(parents=True, exist_ok=True)
    squares().to_file(BAD / "truncated.shp", encoding="UTF-8")
    data = (BAD / "truncated.shp").read_bytes()
    (BAD / "truncated.shp").write_bytes(data[:200])

    squares().to_file(BAD / "missing_dbf.shp", encoding="UTF-8")
    (BAD / "missing_dbf.dbf").unlink()
    (BAD / "missing_dbf.cpg").unlink()

    features = json.loads(squares().to_json(drop_id=True))
    text = json.dumps(features)
    (BAD / "broken.geojson").write_text(text[: text.index('"b"') + 10], encoding="utf-8")

    (BAD / "empty.geojson").write_text(
        '{"type": "FeatureCollection", "features": []}\n', encoding="utf-8")

    bow_tie = "POLYGON ((76.90 43.20, 76.92 43.22, 76.92 43.20, 76.90 43.22, 76.90 43.20))"
    spike = ("POLYGON ((76.93 43.20, 76.94 43.20, 76.95 43.20, 76.94 43.20, 76.94 43.21, "
             "76.93 43.21, 76.93 43.20))")
    units = gpd.GeoDataFrame(
        {"unit_id": ["ok", "bow", "spike"], "name_ru": ["Квадрат", "Бантик", "Шип"]},
        geometry=shapely.from_wkt([
            "POLYGON ((76.88 43.20, 76.89 43.20, 76.89 43.21, 76.88 43.21, 76.88 43.20))",
            bow_tie, spike]), crs="EPSG:4326")
    (BAD / "self_intersections.geojson").write_text(units.to_json(drop_id=True),
                                                    encoding="utf-8")

    (BAD / "swapped.csv").write_text(
        "settlement_id,name_ru,lon,lat\n"
        "talgar,Талгар,43.3036,77.2350\n"
        "kaskelen,Каскелен,43.2000,76.6200\n"
        "esik,Есик,43.3580,77.4580\n", encoding="utf-8")

    (BAD / "duplicate_ids.csv").write_text(
        "facility_id;kind;capacity;lon;lat\n"
        "sch-1;school;1200;76.91;43.25\n"
        "sch-2;school;900;76.92;43.25\n"
        "sch-3;school;-50;76.93;43.25\n"
        "sch-2;kindergarten;280;76.94;43.25\n"
        "sch-5;school;много;76.95;43.25\n", encoding="utf-8")


if __name__ == "__main__":
    write_all()
