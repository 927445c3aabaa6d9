"""Real workspaces with optional layers missing: no traceback, and each missing piece named.

The base workspace is built once per module from real public data, through ``qonys load`` and
``qonys join`` as a user would: the geokz districts of Almaty (``--keep kato=75*``, 8 units),
their registered population from the BNS table of 1 Jan 2023 (`qonys join --on name`), roads and
facilities from the 2013 OpenStreetMap extract of Almaty, the populated places of the HOT
export inside the city's box as settlements, and the rest made here from published figures:
Almaty's water (capacity 1.3M m³/day, use about 700,000 m³/day, ../shared/facts/README.md),
wastewater equal to water use (the facts' own assumption), heat from CHP-2 (1,414 Gcal/h) and
CHP-3 (160 Gcal/h); a modelled population grid of points without ``unit_id``; one job centre;
housing, candidate sites and flows.

Running the five commands on all 2^10 subsets of the ten optional pieces would take hours; they
run on a representative set instead: everything, nothing optional, and each piece removed alone
(facilities, the heat, water and wastewater zones, the population grid, settlements, job centres,
housing, candidate sites, flows), each case a copy of the base written with the case's layers.
What every command decides first and says (:mod:`planning.provision.coverage`, also what ``qonys
check`` prints) is checked on all 1,024 subsets, in memory.
"""

from __future__ import annotations

import dataclasses
import io
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from layers.provenance import provenance_rows
from layers.store import open_store
from planning.cli.app import main

# A real workspace, and the five commands on each of its cases.
pytestmark = pytest.mark.slow

GEOKZ = "geodata/kz-admin-geokz/kaz_admbnda_adm2_2024.shp"
BNS = "geodata/kz-population-bns/DERIVED_bns_population_2023-01-01_selected.csv"
PBF = "geodata/osm-almaty-2013/almaty.osm.pbf"
PLACES = "geodata/kz-populated-places-osm/hotosm_kaz_populated_places_points_geojson.geojson"
#: Published figures (../shared/facts/README.md, "Water supply" and "Heat supply").
WATER_CAPACITY, WATER_USE = 1_300_000.0, 700_000.0
WATER_NORM = 0.30  # m³/day per resident, data/norms/default.yaml
CHP2, CHP3 = 1414.0, 160.0

#: Optional pieces: what a case leaves out, and the words its commands must then say.
PIECES = {
    "facilities": ("--kind facilities",),
    "heat_zone": ("heat", "--kind utility_zones"),
    "water_zone": ("water", "--kind utility_zones"),
    "wastewater_zone": ("wastewater", "--kind utility_zones"),
    "population_grid": ("--kind population_grid",),
    "settlements": ("--kind settlements",),
    "job_centres": ("--kind job_centres",),
    "housing": ("--kind housing",),
    "candidate_sites": ("--kind candidate_sites",),
    "flows": ("--kind flows",),
}
CASES = {"all": (), "none": tuple(PIECES), **{f"no_{p}": (p,) for p in PIECES}}


def run(*args: object) -> tuple[int, str]:
    """``qonys --lang en ARGS``: exit status and everything it printed. An exception other
    than the CLI's own exit would propagate and fail the test with its traceback."""
    out = io.StringIO()
    with redirect_stdout(out), redirect_stderr(out):
        try:
            status = main(["--lang", "en", *map(str, args)])
        except SystemExit as exc:  # argparse
            status = exc.code
    return status, out.getvalue()


def _load(store: Path, source: Path, kind: str, *extra: str) -> None:
    status, said = run("load", source, "--kind", kind, *extra, "--store", store)
    assert status == 0, said


@pytest.fixture(scope="module")
def base(shared_dir, tmp_path_factory) -> Path:
    """The workspace with every optional layer (see the module's docstring)."""
    folder = tmp_path_factory.mktemp("real")
    ws = folder / "base.gpkg"
    _load(ws, shared_dir / GEOKZ, "units", "--keep", "kato=75*", "--region", "almaty",
          "--licence", "CC BY 4.0")
    # The join that the "no population" message advises, on the BNS table as published.
    status, said = run("join", shared_dir / BNS, "--to", "units", "--on", "name", "--columns",
                       "total", "--map", "total=pop_registered", "--store", ws)
    assert status == 0, said
    bns = pd.read_csv(shared_dir / BNS)
    city = bns[(bns["parent"] == "Алматы қаласы") & bns["unit_kk"].str.endswith(" ауданы")]
    city = city.rename(columns={"total": "pop_registered"})
    _load(ws, shared_dir / PBF, "roads", "--licence", "ODbL 1.0")
    _load(ws, shared_dir / PBF, "facilities", "--licence", "ODbL 1.0")
    with open_store(ws) as store:
        units = store.read_layer("units")
    assert len(units) == 8 and units["pop_registered"].sum() == city["pop_registered"].sum()
    area = shapely.union_all(units.geometry.to_numpy())
    minx, miny, maxx, maxy = area.bounds
    places = gpd.read_file(shared_dir / PLACES)
    places[places.within(shapely.box(minx, miny, maxx, maxy))].to_file(
        folder / "settlements.geojson")
    _load(ws, folder / "settlements.geojson", "settlements", "--licence", "ODbL 1.0")
    xs, ys = (a.ravel() for a in np.meshgrid(np.arange(minx, maxx, 0.02),
                                               np.arange(miny, maxy, 0.02)))
    inside = shapely.contains_xy(area, xs, ys)
    grid = gpd.GeoDataFrame({"point_id": [f"p{i}" for i in range(int(inside.sum()))],
                             "persons": 100.0},
                            geometry=gpd.points_from_xy(xs[inside], ys[inside]), crs=4326)
    grid.to_file(folder / "grid.geojson")
    _load(ws, folder / "grid.geojson", "population_grid")
    gpd.GeoDataFrame({"job_centre_id": ["centre"], "name_en": ["Republic Square"]},
                     geometry=gpd.points_from_xy([76.945], [43.238]), crs=4326).to_file(
        folder / "jobs.geojson")
    _load(ws, folder / "jobs.geojson", "job_centres")
    pd.DataFrame({"unit_id": units["unit_id"], "year": 2026, "dwellings": 1000.0}).to_csv(
        folder / "housing.csv", index=False)
    _load(ws, folder / "housing.csv", "housing")
    gpd.GeoDataFrame({"site_id": [f"s{i}" for i in range(len(units))],
                      "unit_id": units["unit_id"].to_numpy()},
                     geometry=units.geometry.representative_point().to_numpy(),
                     crs=4326).to_file(folder / "sites.geojson")
    _load(ws, folder / "sites.geojson", "candidate_sites")
    pd.DataFrame({"origin_id": "190000000",
                  "dest_id": np.repeat(units["unit_id"].to_numpy(), 3),
                  "year": np.tile([2021, 2022, 2023], len(units)), "persons": 500.0}).to_csv(
        folder / "flows.csv", index=False)
    _load(ws, folder / "flows.csv", "flows")
    plant = shapely.Point(76.93, 43.25)
    gpd.GeoDataFrame({"source_id": ["water", "wastewater", "chp2", "chp3"],
                      "network": ["water", "wastewater", "heat", "heat"],
                      "capacity": [WATER_CAPACITY, WATER_CAPACITY, CHP2, CHP3],
                      "load": [WATER_USE, WATER_USE, np.nan, np.nan],
                      "unit": ["m3/day", "m3/day", "Gcal/h", "Gcal/h"]},
                     geometry=[plant] * 4, crs=4326).to_file(folder / "sources.geojson")
    _load(ws, folder / "sources.geojson", "utility_sources")
    # The measured use is the zone's load (the catalogue's utility_zones.load).
    gpd.GeoDataFrame({"zone_id": ["z_heat", "z_water", "z_wastewater"],
                      "network": ["heat", "water", "wastewater"],
                      "load": [np.nan, WATER_USE, WATER_USE]},
                     geometry=[area.buffer(0.01)] * 3, crs=4326).to_file(
        folder / "zones.geojson")
    _load(ws, folder / "zones.geojson", "utility_zones")
    pd.DataFrame({"zone_id": ["z_water", "z_wastewater", "z_heat", "z_heat"],
                  "source_id": ["water", "wastewater", "chp2", "chp3"]}).to_csv(
        folder / "zone_sources.csv", index=False)
    _load(ws, folder / "zone_sources.csv", "zone_sources")
    return ws


def workspace_without(base: Path, left_out: tuple[str, ...], target: Path) -> Path:
    """A copy of ``base`` without the pieces ``left_out`` (a network's zones are rows of
    utility_zones; with no zone left the three utility layers go)."""
    with open_store(base) as store:
        frames = {name: store.read_layer(name) for name in store.layer_names()}
        records = {row.layer: row for row in provenance_rows(store.provenance())}
    for piece in left_out:
        if piece.endswith("_zone"):
            zones = frames["utility_zones"]
            frames["utility_zones"] = zones[zones["network"] != piece.removesuffix("_zone")]
        else:
            frames.pop(piece, None)
    if frames["utility_zones"].empty:
        for name in ("utility_zones", "utility_sources", "zone_sources"):
            frames.pop(name)
    provenance = {name: dataclasses.replace(records[name], row_count=len(frame))
                  for name, frame in frames.items()}
    with open_store(target) as store:
        store.write_layers(frames, provenance=provenance)
    return target


COMMANDS = (("readiness",), ("grid", "--region", "almaty", "--res", "8"),
            ("scenario", "run", "baseline"), ("propose", "--scenario", "baseline"),
            ("report", "--out", "{dir}/report.html"))


@pytest.mark.slow
@pytest.mark.parametrize("case", list(CASES))
def test_every_command_runs_and_names_what_is_missing(base, tmp_path, case):
    """Each command ends with 0 (or 2 with one clear message), never with an exception; every
    piece left out is named in what the commands print, with the command that supplies it;
    a network left out is NaN in the results, never zero, and out of the minimum."""
    ws = workspace_without(base, CASES[case], tmp_path / "ws.gpkg")
    said = {}
    for command in COMMANDS:
        args = [a.format(dir=tmp_path) for a in command]
        status, text = run(*args, "--store", ws)
        assert status in (0, 2), (command, text)
        assert "Traceback" not in text, (command, text)
        if status == 2:
            assert text.count("Error: ") == 1, (command, text)
        said[command[0]] = text
    everything = "\n".join(said.values())
    for piece in CASES[case]:
        for words in PIECES[piece]:
            assert words in everything, (piece, words, everything)
    with open_store(ws) as store:
        networks = store.read_layer("readiness_networks")
        units = store.read_layer("readiness_units").set_index("unit_id")
    left = {p.removesuffix("_zone") for p in CASES[case] if p.endswith("_zone")}
    if "facilities" in CASES[case]:
        left |= {"schools", "kindergartens", "polyclinics"}
    gone = networks[networks["network"].isin(left)]
    assert gone["headroom"].isna().all() and not gone["assessed"].any()
    assert not gone["networked"].any()
    # The minimum is over the networks assessed and on: recomputed from the long table.
    actual = networks[(networks["basis"] == "actual") & networks["networked"].astype(bool)]
    least = actual.groupby("unit_id")["headroom"].min()
    assert np.allclose(units.loc[least.index, "headroom_min_actual"], least)
    for network in left:
        assert units[f"headroom_{network}_actual"].isna().all()
    report = (tmp_path / "report.html").read_text(encoding="utf-8")
    for network in left:
        assert f"{network}: not assessed" in report
        for command in ("readiness", "grid", "scenario", "propose", "report"):
            assert said[command].count(f"Not assessed — {network}:") == 1, (command, network)


def test_water_headroom_is_the_published_spare_capacity(base, tmp_path):
    """With the water zone's load measured, the units' water headroom sums to the spare
    capacity over the norm: (1,300,000 - 700,000) m³/day / 0.30 m³/day = 2,000,000 residents,
    whatever the districts' populations. Heat has no measured load: its headroom is capacity
    over the norm minus the residents, (1,414 + 160) Gcal/h / 0.00125 - 2,161,695 =
    1,259,200 - 2,161,695 = -902,495 residents."""
    ws = workspace_without(base, (), tmp_path / "ws.gpkg")
    status, text = run("readiness", "--store", ws)
    assert status == 0, text
    with open_store(ws) as store:
        networks = store.read_layer("readiness_networks")
    water = networks[(networks["network"] == "water") & (networks["basis"] == "registered")]
    assert water["headroom"].sum() == pytest.approx((WATER_CAPACITY - WATER_USE) / WATER_NORM)
    heat = networks[(networks["network"] == "heat") & (networks["basis"] == "registered")]
    assert heat["headroom"].sum() == pytest.approx(-902_495)
    # The grid's points carry no unit_id: each was put in the district it lies in.
    with open_store(ws) as store:
        points = len(store.read_layer("population_grid"))
    # Every lattice point was made inside the districts' union: none is left out.
    assert (f"{points} points of population_grid have no unit_id (or one that names no unit): "
            "each is assigned to the unit it lies in; 0 points outside every unit") in text


def test_cells_with_no_facility_within_a_walk_say_so(base, tmp_path):
    """A cell none of whose residents reaches a school, kindergarten or polyclinic has headroom
    -residents on all three (supply 0): its bottleneck is "no facility", never "schools" by
    the order of the columns. Heat keeps a supply share in every cell, so it is never tied."""
    ws = workspace_without(base, (), tmp_path / "ws.gpkg")
    status, text = run("grid", "--region", "almaty", "--res", "8", "--store", ws)
    assert status == 0, text
    with open_store(ws) as store:
        cells = store.read_layer("grid_almaty_r8")
    social = ("schools", "kindergartens", "polyclinics")
    nothing = np.logical_and.reduce([
        np.isclose(cells[f"headroom_{n}_actual"], -cells["pop_actual"]) for n in social])
    nothing &= cells["gate_open_actual"].astype(bool).to_numpy()
    nothing &= cells["pop_actual"].to_numpy() > 0
    assert nothing.sum() > 0
    assert set(cells.loc[nothing, "bottleneck_actual"]) == {"no_facility"}
    assert set(cells.loc[nothing, "bottleneck_networks_actual"]) == {"+".join(social)}
    assert "no facility within a walk" in text


def test_units_without_population_say_which_column_and_how(shared_dir, tmp_path):
    """geokz districts alone have no population: every model command ends with the one
    message naming the layer, the column and the join that supplies it."""
    ws = tmp_path / "ws.gpkg"
    _load(ws, shared_dir / GEOKZ, "units", "--keep", "kato=75*", "--region", "almaty")
    _load(ws, shared_dir / PBF, "roads")
    for command in COMMANDS[:4]:
        status, text = run(*command, "--store", ws)
        assert status == 2, (command, text)
        assert "The layer units has no population: the column pop_registered is missing" in text
        assert "qonys join TABLE --to units --on kato" in text
        assert "Traceback" not in text


def test_check_tells_before_the_model_runs(base, tmp_path):
    """``qonys check`` on a workspace without wastewater zones and without flows: per region and
    network what is assessed, estimated and not assessed, with the commands."""
    ws = workspace_without(base, ("wastewater_zone", "flows"), tmp_path / "ws.gpkg")
    status, text = run("check", "--store", ws)
    assert status == 0, text
    assert "Region almaty: 8 units, 2,161,695 registered residents" in text
    lines = {line.split(":")[0].strip(): line for line in text.splitlines() if ":" in line}
    assert "not assessed" in lines["wastewater"]
    assert "qonys load zones.gpkg --kind utility_zones" in lines["wastewater"]
    assert lines["water"].split()[1] == "assessed"
    assert "not assessed" in lines["migration in the forecast"]
    assert "--kind flows" in lines["migration in the forecast"]
    # The 2013 extract's schools have no capacity: estimated, and the join that adds it named.
    assert "estimated" in lines["schools"] and "--columns capacity" in lines["schools"]
    # Nothing was written: check only reads.
    with open_store(ws) as store:
        assert "readiness_units" not in store.layer_names()


def test_not_assessed_is_said_once_in_the_chosen_language(base, tmp_path):
    """Without the wastewater zone, ``qonys --lang ru readiness`` says it once, in Russian,
    with the command that loads zones; and ``--lang kk`` in Kazakh."""
    ws = workspace_without(base, ("wastewater_zone",), tmp_path / "ws.gpkg")
    status, text = run("--lang", "ru", "readiness", "--store", ws)
    assert status == 0, text
    assert text.count("Не оценивается — водоотведение") == 1
    assert "qonys load zones.gpkg --kind utility_zones" in text
    assert "not assessed" not in text.lower()
    status, text = run("--lang", "kk", "check", "--store", ws)
    assert status == 0, text
    assert "су бұру: бағаланбайды" in text


def frames_without(frames: dict, left_out: tuple[str, ...]) -> dict:
    """``frames`` without the pieces ``left_out``, as :func:`workspace_without` writes them."""
    frames = dict(frames)
    for piece in left_out:
        if piece.endswith("_zone") and "utility_zones" in frames:
            zones = frames["utility_zones"]
            frames["utility_zones"] = zones[zones["network"] != piece.removesuffix("_zone")]
        else:
            frames.pop(piece, None)
    if "utility_zones" in frames and frames["utility_zones"].empty:
        for name in ("utility_zones", "utility_sources", "zone_sources"):
            frames.pop(name)
    return frames


def test_every_subset_is_told_with_its_command(base):
    """All 2^10 subsets of the optional pieces, where that is cheap: what ``qonys check``
    prints and every command says first (planning.provision.coverage, the one decision they share),
    on the real layers in memory. Each piece left out is named with the ``--kind`` that supplies
    it; a network whose data is there is never "not assessed"; nothing raises."""
    from itertools import combinations

    from planning.norms import load_norms
    from planning.provision import coverage

    norms = load_norms()
    with open_store(base) as store:
        frames = {name: store.read_layer(name) for name in store.layer_names()}
    network_of = {"heat_zone": ["heat"], "water_zone": ["water"],
                  "wastewater_zone": ["wastewater"],
                  "facilities": ["schools", "kindergartens", "polyclinics"]}
    told = 0
    for size in range(len(PIECES) + 1):
        for left_out in combinations(PIECES, size):
            statuses = coverage.coverage(frames_without(frames, left_out), norms)
            text = "\n".join(s.text("en") for s in statuses if s.state != coverage.ASSESSED)
            for piece in left_out:
                for words in PIECES[piece]:
                    if words.startswith("--kind"):
                        assert words in text, (left_out, piece, text)
            state = {s.topic: s.state for s in statuses}
            for piece, networks in network_of.items():
                for network in networks:
                    gone = piece in left_out
                    assert (state[network] == coverage.NOT_ASSESSED) == gone, (
                        left_out, network, state[network])
            told += 1
    assert told == 2 ** len(PIECES)
