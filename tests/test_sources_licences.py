"""Every output names each loaded layer's source and licence, from the workspace's provenance.

A workspace is built from real public files as a GIS specialist would: the geokz district
boundaries of Almaty (CC BY 4.0, Alexander Rodionov, given with ``--licence``), the real 2013
OpenStreetMap extract as roads (no ``--licence``: ODbL 1.0 with its credit, which the format
itself implies), BNS populations joined by KATO, and hand-made heat, water and wastewater zones
and sources with no licence given. The report, every static PNG and both PDFs must then say
"CC BY 4.0", "© OpenStreetMap contributors" and "ODbL"; the three hand-made layers say
"licence not given". With only the city's 8 districts loaded, the region's title is "Almaty".
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import LineString, Point, box

from layers.provenance import OSM_LICENCE, Provenance, licence_at_load
from layers.resources import data_dir
from layers.store import open_store
from planning.cli.app import main

GEOKZ = "geodata/kz-admin-geokz/kaz_admbnda_adm2_2024.shp"
OSM = "geodata/osm-almaty-2013/almaty.osm.pbf"
GEOKZ_LICENCE = "CC BY 4.0 (geokz, Alexander Rodionov)"
# What every output must carry for the two licensed sources.
CREDITS = ("CC BY 4.0", "© OpenStreetMap contributors", "ODbL")
# The layers loaded below, with the file and licence each must be listed with: worked out from
# the commands themselves, not read back from qonys.
EXPECTED = {
    "units": ("kaz_admbnda_adm2_2024.shp; joined: kz_units_2023.csv", GEOKZ_LICENCE),
    "roads": ("almaty.osm.pbf", "© OpenStreetMap contributors, ODbL 1.0"),
    "utility_zones": ("zones.geojson", "licence not given"),
    "utility_sources": ("sources.csv", "licence not given"),
    "zone_sources": ("zone_sources.csv", "licence not given"),
}


def run(*args: str) -> None:
    assert main(["--lang", "en", *args]) == 0, args


def flat(text: str) -> str:
    """Whitespace (and line breaks of wrapped text) as single spaces."""
    return " ".join(text.split())


def page_text(page: str) -> str:
    """The visible text of an HTML page: no scripts, no tags, entities decoded."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return flat(html.unescape(re.sub(r"<[^>]+>", " ", body)))


@pytest.fixture(scope="module")
def real(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The workspace, its report with PNGs and a PDF from the PNGs."""
    folder = tmp_path_factory.mktemp("real")
    ws = str(folder / "ws.gpkg")
    run("load", str(shared_dir / GEOKZ), "--kind", "units", "--keep", "kato=75*",
        "--region", "almaty", "--licence", GEOKZ_LICENCE, "--store", ws)
    run("load", str(shared_dir / OSM), "--kind", "roads", "--store", ws)
    run("join", str(shared_dir / "facts/kz_units_2023.csv"), "--to", "units", "--on", "kato",
        "--columns", "pop_registered_2023", "--map", "pop_registered_2023=pop_registered",
        "--store", ws)
    with open_store(ws) as store:
        city = store.read_layer("units")
    # One zone per network over the whole city, its source at the centre: enough for the
    # report to assess every network (the capacities are round, made up, and say nothing).
    gpd.GeoDataFrame({"zone_id": ["heat-1", "water-1", "ww-1"],
                      "network": ["heat", "water", "wastewater"]},
                     geometry=[city.geometry.union_all()] * 3, crs=city.crs
                     ).to_file(folder / "zones.geojson", driver="GeoJSON")
    pd.DataFrame({"source_id": ["chp", "intake", "wwtp"],
                  "network": ["heat", "water", "wastewater"],
                  "capacity": [5000.0, 800000.0, 640000.0],
                  "unit": ["Gcal/h", "m3/day", "m3/day"], "lon": [76.95] * 3,
                  "lat": [43.25] * 3}).to_csv(folder / "sources.csv", index=False)
    pd.DataFrame({"zone_id": ["heat-1", "water-1", "ww-1"],
                  "source_id": ["chp", "intake", "wwtp"]}
                 ).to_csv(folder / "zone_sources.csv", index=False)
    run("load", str(folder / "zones.geojson"), "--kind", "utility_zones", "--store", ws)
    run("load", str(folder / "sources.csv"), "--kind", "utility_sources", "--store", ws)
    run("load", str(folder / "zone_sources.csv"), "--kind", "zone_sources", "--store", ws)
    run("readiness", "--store", ws)
    run("report", "--store", ws, "--out", str(folder / "report.html"), "--png",
        str(folder / "png"), "--pdf", str(folder / "report.pdf"), "--pdf-from", "png")
    return {"ws": ws, "folder": folder, "html": (folder / "report.html").read_text("utf-8"),
            "pngs": sorted((folder / "png").glob("*.png")), "pdf": folder / "report.pdf"}


@pytest.mark.slow
def test_an_osm_file_gets_odbl_and_its_credit_at_load(real):
    with open_store(real["ws"]) as store:
        licences = store.provenance().set_index("layer")["licence"]
    assert licences["roads"] == "© OpenStreetMap contributors, ODbL 1.0"  # no --licence given
    assert licences["units"] == GEOKZ_LICENCE
    assert licences["utility_zones"] == ""  # nothing is made up for a file of unknown origin


def test_licence_at_load_keeps_what_the_user_said():
    assert licence_at_load("x/almaty.osm.pbf", "ODbL 1.0") == OSM_LICENCE
    assert licence_at_load("extract.osm.bz2", "") == OSM_LICENCE
    # an OSM-format file of the user's own: their licence, untouched
    assert licence_at_load("akimat.osm", "internal use only") == "internal use only"
    assert licence_at_load("roads.shp", "") == ""
    assert licence_at_load("postgresql://db/x.pbf", "") == ""


@pytest.mark.slow
def test_report_lists_every_layer_with_source_licence_and_time(real):
    page = real["html"]
    section = page[page.index("Data and their licences</h2>"):page.index('class="sources"')]
    rows = [[html.unescape(re.sub(r"<[^>]+>", "", cell)) for cell in
             re.findall(r"<td[^>]*>(.*?)</td>", row)]
            for row in re.findall(r"<tr>(.*?)</tr>", section)]
    rows = [row for row in rows if row]
    listed = {row[0]: (row[2], row[3]) for row in rows}
    assert listed == EXPECTED  # readiness_units and the other results are not data: not listed
    for row in rows:
        assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC", row[4]), row
    text = page_text(page)
    for credit in CREDITS:
        assert credit in text
    # ODbL's credit links to OpenStreetMap's copyright page (a link, not a load)
    assert 'href="https://www.openstreetmap.org/copyright"' in page


@pytest.mark.slow
def test_every_map_names_its_sources_on_its_face(real):
    credits = [html.unescape(c) for c in
               re.findall(r'<div class="qm-attribution">(.*?)</div>', real["html"])]
    maps = real["html"].count('class="qm-map"')
    assert maps > 0 and len(credits) == maps
    for credit in credits:
        assert credit.startswith("Data: ")
        for word in CREDITS:
            assert word in credit
        assert "utility_sources, utility_zones, zone_sources: licence not given" in credit


@pytest.mark.slow
def test_every_png_carries_the_sources_in_its_picture_and_text_chunks(real):
    from PIL import Image

    from maps.static import map_figure
    from planning.norms import load_norms
    from planning.report.contents import build_report
    from planning.report.inputs import read_inputs

    assert real["pngs"]
    for path in real["pngs"]:
        with Image.open(path) as image:
            source = image.text["Source"]
        for word in CREDITS:
            assert word in source, path
        # short: the map's credit line only; the norms and capacities are in the report and
        # the PDF, once
        assert "per resident" not in source and "“Sources”" not in source
    # the words drawn under each map: the figure's own sources text
    norms = load_norms()
    with open_store(real["ws"]) as store:
        _, maps = build_report(read_inputs(store, norms=norms), norms=norms, sources=[],
                               lang="en")
    assert len(maps) > 0
    for webmap in maps:
        figure = map_figure(webmap, lang="en")
        drawn = [t.get_text() for t in figure.texts if t.get_gid() == "qm-sources"]
        assert len(drawn) == 1
        for word in CREDITS:
            assert word in flat(drawn[0])


@pytest.mark.slow
def test_pdf_from_pngs_lists_the_sources_as_text(real):
    from pypdf import PdfReader

    reader = PdfReader(real["pdf"])
    text = flat(" ".join(page.extract_text() for page in reader.pages))
    for word in CREDITS:
        assert word in text
    for layer, (_, licence) in EXPECTED.items():
        assert f"{layer} (" in text and licence in text
    # the title page, one page per PNG, then the sources
    assert len(reader.pages) > len(real["pngs"]) + 1


@pytest.mark.slow
def test_pdf_printed_by_chromium_names_the_sources(real, chromium_path):
    from pypdf import PdfReader

    from maps.pdf import print_pdf

    pdf = print_pdf(real["folder"] / "report.html", real["folder"] / "printed.pdf",
                    chromium=chromium_path)
    text = flat(" ".join(page.extract_text() for page in PdfReader(pdf).pages))
    for word in CREDITS:
        assert word in text
    assert "licence not given" in text


@pytest.mark.slow
def test_a_city_only_workspace_is_titled_by_its_city(real):
    headings = [html.unescape(h) for h in re.findall(r"<h2[^>]*>(.*?)</h2>", real["html"])]
    assert "Almaty" in headings
    assert "agglomeration" not in page_text(real["html"])


@pytest.mark.slow
def test_the_demo_units_make_an_agglomeration_and_the_city_alone_does_not(real):
    from geo.regions import region_label

    demo = pd.read_csv(data_dir() / "demo" / "units_2023.csv", dtype={"kato": str})
    with open_store(real["ws"]) as store:
        city = store.read_layer("units")
    assert region_label("almaty", "en", units=demo) == "Almaty agglomeration"
    assert region_label("almaty", "ru", units=demo) == "Алматинская агломерация"
    assert region_label("almaty", "en", units=city) == "Almaty"
    assert region_label("almaty", "kk", units=city) == "Алматы"
    # without kinds, the KATO codes tell: 19… is Almaty oblast's, outside the city (75…)
    assert region_label("almaty", "en", units=demo.drop(columns="kind")) == \
        "Almaty agglomeration"
    only_city = demo[demo["kind"] == "city_district"].drop(columns="kind")
    assert region_label("almaty", "en", units=only_city) == "Almaty"
    # units that prove nothing keep the full title
    unknown = pd.DataFrame({"region": ["almaty"], "unit_id": ["a1"]})
    assert region_label("almaty", "en", units=unknown) == "Almaty agglomeration"


def test_history_finds_each_layers_origin(location):
    """In each store (GeoPackage, PostGIS): the origin of each layer from its history."""
    from planning.report.sources import credit_line, layer_sources

    units = gpd.GeoDataFrame({"unit_id": ["u1"]}, geometry=[box(76, 43, 77, 44)],
                             crs="EPSG:4326")
    roads = gpd.GeoDataFrame({"highway": ["primary"]},
                             geometry=[LineString([(76, 43), (77, 44)])], crs="EPSG:4326")
    points = gpd.GeoDataFrame({"facility_id": ["f1"], "kind": ["school"]},
                              geometry=[Point(76.5, 43.5)], crs="EPSG:4326")
    table = pd.DataFrame({"unit_id": ["u1"], "readiness": [1.0]})

    def loaded(frame, layer, kind, source, licence=""):
        return Provenance(layer=layer, kind=kind, source=source, checksum="0" * 64,
                          crs_found=None, crs_used="EPSG:4326", encoding=None,
                          row_count=len(frame), licence=licence,
                          note="joined ../stats/pop.csv (sha256 0123…, utf-8) on kato: 1 rows")

    with open_store(location) as store:
        store.write_layers(
            {"units": units, "facilities": points, "roads": roads},
            provenance={
                "units": loaded(units, "units", "units", "/home/gis/districts.shp",
                                "CC BY 4.0"),
                # a workspace loaded before licences of OSM files were recorded
                "facilities": loaded(points, "facilities", "facilities", "old.osm.pbf"),
                "roads": Provenance.generated(roads, layer="roads", kind="roads",
                                              rule="qonys demo (seed 1): generated roads",
                                              note="schematic")})
        # qonys actual rewrites units; readiness writes a result
        store.write_layers({"units": units, "readiness_units": table}, provenance={
            "units": Provenance.generated(units, layer="units", kind="units",
                                          rule="qonys actual"),
            "readiness_units": Provenance.generated(table, layer="readiness_units",
                                                    kind="table", rule="qonys readiness")})
        found = {e.layer: e for e in layer_sources(store)}
    assert list(found) == ["units", "roads", "facilities"]  # catalogue order, no result
    assert found["units"].licence == "CC BY 4.0"
    assert found["units"].source_text("en") == "districts.shp; joined: pop.csv"
    assert found["facilities"].licence == OSM_LICENCE
    assert found["roads"].generated
    assert found["roads"].source_text("en") == \
        "generated by qonys: qonys demo (seed 1): generated roads"
    assert found["roads"].licence_text("ru") == "лицензия не указана"
    assert credit_line(found.values(), lang="en", layers=["units", "facilities"]) == \
        f"Data: units: CC BY 4.0; facilities: {OSM_LICENCE}"


def test_the_web_maps_credit_is_escaped():
    from maps.web_layers import ChoroplethLayer
    from maps.webmap import WebMap

    frame = gpd.GeoDataFrame({"v": [1.0]}, geometry=[box(76, 43, 77, 44)], crs="EPSG:4326")
    from maps.classify import classify

    layer = ChoroplethLayer(frame, column="v", name="v", classes=classify(frame["v"], k=1),
                            colors=["#cccccc"])
    fragment = WebMap(layers=[layer], attribution="<img src=x onerror=alert(1)>").to_html()
    assert '<div class="qm-attribution">&lt;img src=x onerror=alert(1)&gt;</div>' in fragment


@pytest.mark.slow
def test_pdf_sources_run_over_as_many_pages_as_they_need(tmp_path):
    from matplotlib.figure import Figure
    from pypdf import PdfReader

    from maps.pdf_images import pdf_from_images

    figure = Figure(figsize=(2, 2))
    figure.savefig(tmp_path / "map.png")
    items = [f"layer{n:03d} — file{n:03d}.shp — CC BY 4.0" for n in range(150)]
    pdf = pdf_from_images([tmp_path / "map.png"], tmp_path / "out.pdf", title="T", lang="en",
                          sources=items)
    pages = PdfReader(pdf).pages
    text = flat(" ".join(page.extract_text() for page in pages[2:]))
    # A4 less its 15 mm margins is 841.89 - 85.04 = 756.85 pt high; an item is one line of
    # 9.5 pt × 1.3 = 12.35 pt, then 3 pt: n items take 15.35 (n - 1) + 12.35 pt. The first
    # page also holds the heading (14 × 1.3 + 8 = 26.2 pt): 47 items there, 49 on the next
    # ones, so 150 items take 47 + 49 + 49 + 5: 4 pages
    assert len(pages) == 2 + 4
    for n, item in enumerate(items, start=1):
        assert text.count(f"{n}. {item}") == 1
    assert pages[-1].extract_text().strip().endswith("Page 6 of 6")
