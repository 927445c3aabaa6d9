"""``qonys national``: the national workspace, on a small folder made by hand and on the country.

The small folder has four districts (boxes) in three regions: a district and a town of regional
significance of Almaty Region, a city district of Almaty, and a district the bulletin lacks; OSM
places inside them and one far outside; employed and population for two regions. Its figures are
worked out by hand below; the whole country is built from ``data/national/``.
"""

from __future__ import annotations

import shutil

import geopandas as gpd
import numpy as np
import pandas as pd
import pyproj
import pytest
import shapely

from geo.errors import InputFileError
from geo.i18n import current_language, set_language
from layers import national
from layers.national_grid import place_weights
from layers.resources import data_dir
from layers.store import open_store
from layers.validate import check
from planning.cli.app import main
from planning.cli.commands.national import build_national

SOURCE = "hand-made test figure"
DISTRICTS = [  # kato, region, name_ru, box
    ("193200000", "190000000", "Первый", (76.0, 44.0, 76.5, 44.5)),
    ("191600000", "190000000", "Город", (76.5, 44.0, 77.0, 44.5)),
    ("751110000", "750000000", "Городской", (76.8, 43.2, 76.9, 43.3)),
    ("193400000", "190000000", "Без данных", (77.0, 44.0, 77.5, 44.5)),
]
POPULATION = [  # kato, pop_2023, bulletin name
    ("193200000", 30_000, "Бірінші ауданы"),
    ("191600000", 60_000, "Қала қ.ә."),
    ("751110000", 200_000, "Қалалық ауданы"),
]
PLACES = [  # id, place, population, lon, lat
    ("osm:1", "village", 1000, 76.1, 44.1),
    ("osm:2", "hamlet", None, 76.3, 44.4),
    ("osm:3", "town", 20_000, 76.25, 44.25),
    ("osm:4", "town", 50_000, 76.75, 44.25),
    ("osm:5", "hamlet", 40, 76.9, 44.45),
    ("osm:6", "town", 100_000, 76.85, 43.25),
    ("osm:7", "village", 500, 77.2, 44.2),
    ("osm:8", "village", 300, 80.0, 50.0),  # outside every district
]
INDICATORS = [  # region, year, indicator, value
    ("190000000", 2022, "employed", 1), ("190000000", 2022, "population", 1),
    ("190000000", 2023, "employed", 600_000), ("190000000", 2023, "population", 1_500_000),
    ("710000000", 2023, "employed", 700_000), ("710000000", 2023, "population", 1_000_000),
    ("750000000", 2023, "population", 2_200_000),
]


@pytest.fixture(autouse=True)
def _language_back():
    before = current_language()
    yield
    set_language(before)


@pytest.fixture
def folder(tmp_path):
    """The small national folder."""
    root = tmp_path / "national"
    root.mkdir()
    gpd.GeoDataFrame({
        "kato": [d[0] for d in DISTRICTS], "region": [d[1] for d in DISTRICTS],
        "name_ru": [d[2] for d in DISTRICTS], "name_kk": [d[2] for d in DISTRICTS],
        "name_en": [f"D{i}" for i in range(len(DISTRICTS))], "source": SOURCE,
    }, geometry=[shapely.box(*d[3]) for d in DISTRICTS], crs=4326).to_file(
        root / national.DISTRICTS_FILE, driver="GeoJSON")
    region = {d[0]: d[1] for d in DISTRICTS}
    pd.DataFrame({
        "kato": [p[0] for p in POPULATION], "region": [region[p[0]] for p in POPULATION],
        "name_ru": "x", "pop_2023": [p[1] for p in POPULATION],
        "source": [f"BNS bulletin, row {i}: {p[2]}" for i, p in enumerate(POPULATION)],
    }).to_csv(root / national.POPULATION_FILE, index=False)
    pd.DataFrame({
        "settlement_id": [p[0] for p in PLACES], "name": "n", "name_ru": "н", "name_kk": "н",
        "name_en": "n", "place": [p[1] for p in PLACES], "population": [p[2] for p in PLACES],
        "lon": [p[3] for p in PLACES], "lat": [p[4] for p in PLACES], "source": SOURCE,
    }).to_csv(root / national.PLACES_FILE, index=False)
    pd.DataFrame({"code": ["000000000", "190000000"], "level": ["country", "region"],
                  "area": "total", "year": 2023, "persons": [-100, -40], "source": SOURCE}
                 ).to_csv(root / national.MIGRATION_FILE, index=False)
    pd.DataFrame([{"region": r, "year": y, "indicator": i, "value": v, "unit": "persons",
                   "source": SOURCE} for r, y, i, v in INDICATORS]
                 ).to_csv(root / national.INDICATORS_FILE, index=False)
    shutil.copy(data_dir() / "national" / national.EMPLOYMENT_FILE, root)
    return root


@pytest.fixture
def built(folder):
    return national.build_national_layers(folder)


def test_units_kinds_population_and_area(built):
    units = built.layer("units").set_index("unit_id")
    assert units["kind"].to_dict() == {"193200000": "district", "191600000": "city",
                                       "751110000": "city_district", "193400000": "district"}
    assert np.isnan(units.loc["193400000", "pop_registered"])  # absent, never 0
    assert "not assessed" in units.loc["193400000", "source"]
    assert built.no_population == ["193400000"]
    geod = pyproj.Geod(ellps="WGS84")
    for unit_id, row in units.iterrows():
        geodesic = abs(geod.geometry_area_perimeter(row.geometry)[0]) / 1e6
        assert row["area_km2"] == pytest.approx(geodesic, rel=1e-3), unit_id


def test_regions_dissolved_with_reference_population(built):
    regions = built.layer("regions").set_index("unit_id")
    assert sorted(regions.index) == ["190000000", "750000000"]
    reference = pd.read_csv(data_dir() / "reference" / "places.csv", dtype={"code": str})
    expected = reference.set_index("code").loc["190000000", "pop_2023"]
    assert regions.loc["190000000", "pop_registered"] == expected
    assert regions.loc["190000000", "name_en"] == "Almaty Region"
    three = shapely.union_all([shapely.box(*d[3]) for d in DISTRICTS if d[1] == "190000000"])
    assert shapely.equals(shapely.normalize(regions.loc["190000000"].geometry),
                          shapely.normalize(three)) or \
        regions.loc["190000000"].geometry.symmetric_difference(three).area < 1e-9


def test_a_settlement_outside_every_district_is_reported_not_lost(built):
    settlements = built.layer("settlements").set_index("settlement_id")
    assert len(settlements) == len(PLACES)
    assert built.outside == ["osm:8"]
    assert pd.isna(settlements.loc["osm:8", "kato"])
    assert "outside every geokz district" in settlements.loc["osm:8", "source"]
    assert settlements.loc["osm:4", "kato"] == "191600000"
    assert settlements.loc["osm:4", "region"] == "190000000"


def test_job_centres_by_hand(built):
    jobs = built.layer("job_centres").set_index("job_centre_id")
    assert sorted(jobs.index) == ["osm:3", "osm:4", "osm:6"]  # towns with a population
    # Almaty Region, 2023 (the latest year): 600,000 employed of 1,500,000 = 0.4.
    assert jobs.loc["osm:3", "jobs"] == pytest.approx(20_000 * 0.4)
    assert jobs.loc["osm:4", "jobs"] == pytest.approx(50_000 * 0.4)
    # Almaty city gives no employed figure: the national ratio of the regions that give both
    # in 2023, (600,000 + 700,000) / (1,500,000 + 1,000,000) = 0.52.
    assert jobs.loc["osm:6", "jobs"] == pytest.approx(100_000 * 0.52)
    assert built.national_ratio_regions == ["750000000"]
    assert all(s.startswith("estimated") for s in jobs["source"])
    assert "region 190000000 in 2023" in jobs.loc["osm:3", "source"]
    assert "the country" in jobs.loc["osm:6", "source"]


def test_without_any_regional_figure_the_shipped_national_figure_is_used(folder):
    table = pd.read_csv(folder / national.INDICATORS_FILE)
    table[table["indicator"] != "employed"].to_csv(folder / national.INDICATORS_FILE, index=False)
    built = national.build_national_layers(folder)
    reference = pd.read_csv(data_dir() / "reference" / "places.csv")
    ratio = 9_000_000 / reference.loc[reference["kind"] == "oblast", "pop_2023"].sum()
    jobs = built.layer("job_centres").set_index("job_centre_id")
    assert jobs.loc["osm:3", "jobs"] == pytest.approx(20_000 * ratio)
    assert "sample survey of employment" in jobs.loc["osm:3", "source"]


def test_population_grid_by_hand(built):
    grid = built.layer("population_grid")
    assert grid["point_id"].is_unique
    # Everyone of the districts with a figure, and no one of the district without.
    assert grid["persons"].sum() == pytest.approx(30_000 + 60_000 + 200_000, rel=1e-9)
    assert "193400000" not in set(grid["unit_id"])
    by_unit = grid.groupby("unit_id")["persons"].sum()
    assert by_unit["193200000"] == pytest.approx(30_000)
    # District 1: the village weighs 1,000, the hamlet without a population the median of the
    # file's hamlets (40), the town 20,000.
    import h3

    village = h3.latlng_to_cell(44.1, 76.1, 8)
    row = grid.set_index("point_id").loc[village]
    assert row["persons"] == pytest.approx(30_000 * 1000 / 21_040)
    # The town covers a disc of its residents at 2,500 a km², cut to its district.
    town_persons = 30_000 * 20_000 / 21_040
    town_cells = grid[(grid["unit_id"] == "193200000")
                      & ~grid["point_id"].isin([village, h3.latlng_to_cell(44.4, 76.3, 8)])]
    assert len(town_cells) >= town_persons / 2500 / 0.9
    assert town_cells["persons"].sum() == pytest.approx(town_persons)
    # The city district: spread evenly over its cells (its town point is not used).
    city = grid[grid["unit_id"] == "751110000"]
    assert city["persons"].nunique() == 1 and len(city) > 10
    assert all(s.startswith("estimated") for s in grid["source"])


def test_place_weights_by_type():
    frame = pd.DataFrame({"place": ["town", "town", "hamlet"], "population": [10.0, None, None]})
    assert place_weights(frame).tolist() == [10.0, 10.0, 10.0]


def test_every_layer_validates(built):
    kinds = {layer.name: layer.kind for layer in built.layers}
    assert kinds["net_migration_official"] == "net_migration"
    assert kinds["region_indicators"] == "region_indicators"
    for layer in built.layers:
        check(layer.frame, layer.kind, layer=layer.name)


@pytest.mark.parametrize("name", [national.PLACES_FILE, national.DISTRICTS_FILE,
                                  national.INDICATORS_FILE, national.EMPLOYMENT_FILE])
def test_a_missing_file_is_named(folder, name):
    (folder / name).unlink()
    with pytest.raises(InputFileError, match=name):
        national.build_national_layers(folder)


def test_a_file_without_its_columns_is_named(folder):
    path = folder / national.MIGRATION_FILE
    pd.read_csv(path).drop(columns=["persons"]).to_csv(path, index=False)
    with pytest.raises(InputFileError, match=rf"{national.MIGRATION_FILE}.*persons"):
        national.build_national_layers(folder)


def test_a_number_that_is_text_is_named(folder, english):
    path = folder / national.POPULATION_FILE
    table = pd.read_csv(path, dtype=str)
    table.loc[1, "pop_2023"] = "60 000 чел."
    table.to_csv(path, index=False)
    with pytest.raises(InputFileError, match=rf"{national.POPULATION_FILE}, line 3"):
        national.build_national_layers(folder)


def test_cli_builds_and_summarises(folder, tmp_path, capsys):
    store = tmp_path / "out" / "n.gpkg"
    assert main(["national", "--data", str(folder), "--store", str(store), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "job_centres: 3" in out and "settlements: 8" in out
    assert "193400000" in out and "1 OSM place(s) lie outside" in out
    from planning.report.sources import layer_sources

    with open_store(str(store)) as opened:
        assert opened.read_layer("units")["unit_id"].tolist() == [d[0] for d in DISTRICTS]
        # Recorded as made from the files, so the report lists every layer among its sources.
        sources = {entry.layer: entry for entry in layer_sources(opened)}
    assert set(sources) >= {"units", "regions", "settlements", "job_centres", "population_grid",
                            "net_migration_official", "region_indicators"}
    assert "ODbL" in sources["settlements"].licence and "CC BY 4.0" in sources["units"].licence
    assert national.PLACES_FILE in sources["job_centres"].source


def test_cli_missing_folder_is_one_message(tmp_path, capsys):
    status = main(["national", "--data", str(tmp_path / "none"), "--store",
                   str(tmp_path / "n.gpkg"), "--lang", "en"])
    err = capsys.readouterr().err
    assert status == 2 and national.DISTRICTS_FILE in err and "Traceback" not in err


@pytest.fixture(scope="module")
def country(tmp_path_factory):
    """The whole country, built from data/national into a GeoPackage (about 3 s)."""
    path = tmp_path_factory.mktemp("national") / "kz.gpkg"
    with open_store(str(path)) as store:
        built = build_national(store)
        layers = {name: store.read_layer(name) for name in
                  ("units", "regions", "population_grid", "settlements", "job_centres")}
    return built, layers


def test_the_country(country):
    built, layers = country
    units = layers["units"]
    assert len(units) == 224 and units["unit_id"].is_unique
    assert len(layers["regions"]) == 20
    populated = units["pop_registered"].dropna()
    assert (populated > 0).all()
    grid = layers["population_grid"]
    assert grid["persons"].sum() == pytest.approx(populated.sum(), rel=1e-6)
    assert 10_000 <= len(grid) <= 20_000
    assert grid["point_id"].is_unique
    raw = pd.read_csv(data_dir() / "national" / national.PLACES_FILE)
    assert len(layers["settlements"]) == len(raw)
    assert len(built.outside) == layers["settlements"]["kato"].isna().sum()
    assert set(units["kind"]) == {"district", "city", "city_district"}
    assert (units["kind"] == "city_district").sum() == 18
    assert (layers["job_centres"]["jobs"] > 0).all()
    for layer in built.layers:
        check(layers.get(layer.name, layer.frame), layer.kind, layer=layer.name)


def test_national_grid_without_networks_is_not_assessed(folder):
    """With no roads, facilities or utility zones every cell is found and populated, and every
    readiness figure is not assessed (NaN, never 0); the district without a figure is listed."""
    from planning.cli.pipeline_national import national_grid
    from planning.norms import load_norms
    from planning.population.base_year import roll_forward

    built = national.build_national_layers(folder)
    layers = {name: built.layer(name) for name in ("units", "population_grid", "settlements",
                                                     "job_centres")}
    norms = load_norms()
    grid = national_grid(layers, norms, res=8, year=2025)
    assert not grid.assessed
    assert set(grid.missing_layers) == {"roads", "facilities", "utility_zones"}
    assert grid.units_left_out == ["193400000"]
    cells = grid.cells
    assert (cells["bottleneck_registered"] == "not_assessed").all()
    assert cells["readiness_registered"].isna().all() and cells["can_take_actual"].isna().all()
    assert cells["gate_open_registered"].isna().all()
    units = built.layer("units")
    rolled = roll_forward(units[units["pop_registered"].notna()], norms, year=2025)
    assert cells["pop_registered"].sum() == pytest.approx(rolled["pop_registered"].sum())
    assert set(cells["parent_unit_id"]) == {"193200000", "191600000", "751110000"}


def test_bench_is_a_list_of_measurements(monkeypatch):
    import importlib.util
    import sys

    path = data_dir().parent / "bench" / "national.py"
    spec = importlib.util.spec_from_file_location("bench_national", path)
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)  # its dataclass looks itself up there
    monkeypatch.setattr(sys, "path", list(sys.path))  # it takes its own folder off the path
    spec.loader.exec_module(module)
    names = [measure.__name__ for measure in module.MEASUREMENTS]
    assert names[:2] == ["national_build", "grid_national_r8_populated"]


def test_a_district_without_a_weighing_place_is_at_its_representative_point():
    import h3

    from layers.national_grid import population_grid

    box = shapely.box(70.0, 45.0, 70.5, 45.5)
    units = gpd.GeoDataFrame({"unit_id": ["a", "b"], "kind": "district",
                              "pop_registered": [1000.0, 500.0]},
                             geometry=[box, shapely.box(70.5, 45.0, 71.0, 45.5)], crs=4326)
    settlements = gpd.GeoDataFrame(
        {"settlement_id": ["p"], "place": ["village"], "population": [0.0], "kato": ["a"]},
        geometry=[shapely.Point(70.1, 45.1)], crs=4326)
    grid = population_grid(units, settlements).set_index("unit_id")
    anchor = box.representative_point()
    assert grid.loc["a", "point_id"] == h3.latlng_to_cell(anchor.y, anchor.x, 8)
    assert grid.loc["a", "persons"] == 1000.0 and "representative point" in grid.loc["a", "source"]
    assert grid["persons"].sum() == 1500.0
