"""``qonys demo`` end to end: the workspace, its layers, and the report in a real browser."""

from __future__ import annotations

import subprocess
from pathlib import Path

import geopandas as gpd
import pyogrio
import pytest
from conftest import drop_postgis_schema

from planning.cli.app import main

DATA_MODEL_LAYERS = {"units", "settlements", "population_grid", "flows", "utility_sources",
                     "utility_zones", "zone_sources", "roads", "facilities", "candidate_sites",
                     "constraints", "housing"}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


@pytest.fixture(scope="module")
def demo(demo_workspace: Path) -> Path:
    """The folder of the session's ``qonys demo`` (conftest): its workspace and report.html."""
    return demo_workspace.parent


def test_workspace_has_the_data_model(demo):
    layers = {name for name, _ in pyogrio.list_layers(demo / "qonys-demo.gpkg")}
    assert layers >= DATA_MODEL_LAYERS
    assert {"readiness_units", "readiness_networks"} <= layers


def test_units_of_all_three_regions(demo):
    units = gpd.read_file(demo / "qonys-demo.gpkg", layer="units")
    assert units.crs.to_epsg() == 4326
    counts = units.groupby("region").size().to_dict()
    # Almaty: 8 city districts, 5 suburban districts and Konaev, each suburb less its centre
    # town, and 6 towns; Astana: 5 + Kosshy (the town is the whole unit) + Tselinograd and
    # Akmol; Shymkent: 5 + 4 suburban districts and their 4 towns.
    assert counts == {"almaty": 20, "astana": 8, "shymkent": 13}
    towns = set(units.loc[units.kind.isin(["town", "satellite_city"]), "name_en"])
    assert {"Kaskelen", "Talgar", "Otegen Batyr", "Esik", "Uzynagash", "Konaev", "Kosshy",
            "Akmol", "Aksu (Aksukent)", "Lenger", "Kazygurt", "Temirlan"} <= towns
    # City totals are the published ones (BNS, 1 Nov 2024); Astana's actual is 1.9M.
    city = units[units.kind == "city_district"].groupby("region")
    assert city.pop_registered.sum().to_dict() == {"almaty": 2280296, "astana": 1511807,
                                                   "shymkent": 1249581}
    assert city.pop_actual.sum()["astana"] == 1_900_000
    assert units.source.str.len().gt(0).all()
    # Only the centre towns' outlines are generated; every other unit has its real geokz
    # district boundary (issue 13).
    is_town = units.kind == "town"
    assert is_town.sum() == 6 + 1 + 4
    assert units.geometry_source[is_town].str.startswith("generated: schematic").all()
    assert units.geometry_source[~is_town].str.startswith("real boundary: geokz 1.0.2").all()


def test_units_never_overlap(demo):
    units = gpd.read_file(demo / "qonys-demo.gpkg", layer="units")
    for _, region in units.groupby("region"):
        pairs = gpd.sjoin(region, region, predicate="overlaps")
        assert pairs.empty, pairs[["unit_id_left", "unit_id_right"]]


def test_readiness_for_seven_networks_and_both_bases(demo):
    networks = gpd.read_file(demo / "qonys-demo.gpkg", layer="readiness_networks")
    assert set(networks.network) == {"heat", "water", "wastewater", "schools",
                                     "kindergartens", "polyclinics"}
    assert set(networks.basis) == {"registered", "actual"}
    units = gpd.read_file(demo / "qonys-demo.gpkg", layer="readiness_units")
    assert set(units.bottleneck_actual) <= {"heat", "water", "wastewater", "schools",
                                            "kindergartens", "polyclinics", "transport", "none",
                                            "no_facility"}
    assert units.transport_share_actual.between(0, 1).all()
    # Suburbs heat themselves: not networked, flagged, and never their bottleneck.
    heat = networks[(networks.network == "heat") & ~networks.networked.astype(bool)]
    assert not heat.empty and heat.headroom.isna().all()
    suburbs = units[~units.kind.eq("city_district")]
    assert not suburbs.bottleneck_actual.eq("heat").any()


def test_cell_layer_keeps_the_residents_of_almaty(demo):
    cells = gpd.read_file(demo / "qonys-demo.gpkg", layer="grid_almaty_r8")
    units = gpd.read_file(demo / "qonys-demo.gpkg", layer="units")
    almaty = units[units.region == "almaty"]
    # Whole persons per cell, each unit's total kept exactly (rounded to whole persons).
    by_unit = cells.groupby("parent_unit_id")[["pop_registered", "pop_actual"]].sum()
    expected = almaty.set_index("unit_id")[["pop_registered", "pop_actual"]].round()
    assert (by_unit.reindex(expected.index).fillna(0) == expected).all().all()
    assert cells.h3.str.len().eq(15).all() and cells.h3.str.startswith("88").all()  # res 8
    # no_facility: no school, kindergarten or polyclinic within a walk (a tie, not one of them)
    assert set(cells.bottleneck_actual) <= {"heat", "water", "wastewater", "schools",
                                            "kindergartens", "polyclinics", "transport", "none",
                                            "no_facility"}


def test_gdal_ogrinfo_opens_the_workspace(demo, ogrinfo_path):
    result = subprocess.run([ogrinfo_path, "-ro", "-so", str(demo / "qonys-demo.gpkg"), "units"],
                            capture_output=True, text=True, check=True)
    assert "Feature Count: 41" in result.stdout
    assert "GPKG" in result.stdout


@pytest.mark.browser
def test_report_opens_offline_in_chromium(demo, chromium_path):
    from playwright.sync_api import sync_playwright

    report = demo / "report.html"
    requests, problems = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium_path), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.on("request", lambda r: requests.append(r.url))
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.goto(report.as_uri())
        page.wait_for_load_state("load")
        # maps below the first screens are built a few per task after "load" (maps/runtime.py)
        page.wait_for_function(
            "() => [...document.querySelectorAll('.qm-map')].every(m => m.dataset.drawn)")
        drawn = page.eval_on_selector_all(".qm-map", "ms => ms.map(m => Number(m.dataset.drawn))")
        notice = page.inner_text("body")
        browser.close()
    assert problems == []
    assert [u for u in requests if not u.startswith("data:")] == [report.as_uri()]
    # Almaty comes first: its units' readiness, their networks' headroom, then every cell of
    # its res-8 layer; then Astana's and Shymkent's units, twice each.
    cells = pyogrio.read_info(demo / "qonys-demo.gpkg", layer="grid_almaty_r8")["features"]
    assert cells > 100
    assert drawn[:7] == [20, 20, cells, 8, 8, 13, 13]
    assert "Схематичная геометрия" in notice and "границы районов реальные (geokz)" in notice


@pytest.mark.postgis
def test_postgis_store_gives_the_same_results(demo, postgis_url, tmp_path):
    import uuid

    from layers.store import open_store

    schema = f"qonys_demo_{uuid.uuid4().hex[:8]}"
    url = f"{postgis_url}?schema={schema}"
    try:
        assert main(["demo", "--store", url, "--out", str(tmp_path)]) == 0
        with open_store(url) as store:
            in_postgis = store.read_layer("readiness_units").set_index("unit_id").sort_index()
        in_gpkg = gpd.read_file(demo / "qonys-demo.gpkg", layer="readiness_units")
        in_gpkg = in_gpkg.set_index("unit_id").sort_index()
        for column in ("readiness_actual", "readiness_registered", "headroom_water_actual"):
            assert in_postgis[column].to_numpy() == pytest.approx(in_gpkg[column].to_numpy(),
                                                                 nan_ok=True)
        assert (in_postgis.bottleneck_actual == in_gpkg.bottleneck_actual).all()
        assert (tmp_path / "report.html").exists()
    finally:
        drop_postgis_schema(postgis_url, schema)


def test_report_has_the_national_sections(demo):
    from geo.i18n import _

    page = (demo / "report.html").read_text(encoding="utf-8")
    # the real region_indicators of data/national: the balance is assessed, and the push and
    # pull fit runs on the demo's generated flows and says on its face that it is no finding
    assert _("Demographic balance by year (—: not assessed that year)", lang="ru") in page
    assert _("The flows are generated (as in the demo): this fit shows the method on generated "
             "flows and is not a finding about why people leave.", lang="ru") in page
    assert _("Effects on the flows between regions", lang="ru") in page
    assert _("Not assessed: {reason}.", lang="ru",
             reason=_("run `qonys centres`", lang="ru")) in page
