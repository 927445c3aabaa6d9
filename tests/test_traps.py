"""No silent trap (issue 13): unknown capacities, residents at one point, places off the roads,
facilities of other regions, a population of an earlier year. Hand-drawn networks with their
answers worked out below; one check on the real Almaty extract.

Capacity unknown: the street of test_readiness_by_hand (A, B, C; schools F1 = 300 places at pA
and F2 at (2000, 500)) with F2's capacity missing. F2 counts at the norm's standard size of a
school, facility_size.schools = 1,200 places. Registered demand A 120, B 240, C 120 places;
weights as there (A->F1 w 1; B->F1 13.33 min w 0.22; B->F2, C->F2 6.67 min w 0.68):
    R1 = 300 / (1 * 120 + 0.22 * 240) = 300 / 172.8 = 1.736111
    R2 = 1200 / (0.68 * 240 + 0.68 * 120) = 1200 / 244.8 = 4.901961
    A: 1 * R1 * 120 = 208.333 -> headroom (208.333 - 120) / 0.12 = 736.11, nothing estimated
    B: 0.22 * R1 * 240 = 91.667 from F1 plus 0.68 * R2 * 240 = 800 from F2 = 891.667
       -> headroom (891.667 - 240) / 0.12 = 5,430.56; estimated share 800 / 891.667 = 0.897196
    C: 0.68 * R2 * 120 = 400, all from F2 -> headroom (400 - 120) / 0.12 = 2,333.33, share 1
    (supply adds up: 208.333 + 891.667 + 400 = 1,500 = 300 + 1,200)

Off the network: a fourth unit D, a 1 km square 10 km north of the street, its residents at its
centre, 10 km from the nearest road (beyond roads.max_snap_m = 2,000 m): D's access is
unknown (bottleneck off_network, readiness NaN, road coverage 0), and A, B, C keep the figures
they have without D (D's residents reach nothing and are not counted as anyone's demand).
"""

from __future__ import annotations

import math

import geopandas as gpd
import networkx as nx
import numpy as np
import pandas as pd
import pytest
import shapely
from test_readiness_by_hand import X0, Y0, hand_layers

from geo.footprint import footprint_points
from geo.hexgrid import cells_in_polygons
from planning.forecast.model import forecast
from planning.network.graph import build_graph
from planning.norms import load_norms
from planning.notices import collect
from planning.population.base_year import roll_forward
from planning.provision import access
from planning.provision.assess import assess, demand_points, prepare_units

CRS = 32643


def _networks(result, basis="registered", network="schools"):
    table = result.networks
    return table[(table.basis == basis) & (table.network == network)].set_index("unit_id")


@pytest.mark.slow
def test_missing_capacity_is_the_norms_size_marked_estimated_and_said_once():
    layers, norms = hand_layers()
    facilities = layers["facilities"].copy()
    facilities.loc[facilities.facility_id == "F2", "capacity"] = np.nan
    layers["facilities"] = facilities
    with collect() as said:
        result = assess(layers, norms, year=2025)
    rows = _networks(result)
    assert rows.loc["A", "headroom"] == pytest.approx(736.111, abs=1e-2)
    assert rows.loc["B", "headroom"] == pytest.approx(5430.556, abs=1e-2)
    assert rows.loc["C", "headroom"] == pytest.approx(2333.333, abs=1e-2)
    assert rows["supply"].sum() == pytest.approx(1500.0)
    assert rows.loc["B", "estimated_share"] == pytest.approx(800 / 891.6667, abs=1e-6)
    assert rows.loc["C", "estimated_share"] == pytest.approx(1.0)
    assert rows.loc[["A", "B", "C"], "estimated"].tolist() == [False, True, True]
    # The other networks' capacities are given: nothing of theirs is estimated.
    assert not result.networks[result.networks.network != "schools"]["estimated"].any()
    # The units say it too: schools' figures are estimated wherever F2's places reach.
    units = result.units.set_index("unit_id")
    assert units["estimated_networks"].tolist() == ["", "schools", "schools"]
    assert units.loc["A", "readiness_estimated_registered"] == False  # noqa: E712
    exact = result.exact.facilities.set_index("facility_id")
    assert bool(exact.loc["F2", "capacity_estimated"].all())
    assert not exact.loc["F1", "capacity_estimated"].any()
    assert exact.loc["F2", "capacity"].iloc[0] == 1200.0
    # Said once (both bases, the exact assignment and all), naming the count and the size.
    estimated = [text for text in said.texts("en") if "no capacity" in text]
    assert len(estimated) == 1
    assert "1 of 2 facilities of 'schools'" in estimated[0] and "1,200 places" in estimated[0]
    russian = next(t for t in said.texts("ru") if "вместимость" in t)
    assert "1\u00a0200 мест" in russian and "places" not in russian


@pytest.mark.slow
def test_given_capacity_is_not_estimated():
    layers, norms = hand_layers()
    with collect() as said:
        result = assess(layers, norms, year=2025)
    assert not result.networks["estimated"].any()
    assert not any("capacity" in text for text in said.texts("en"))


def _with_far_unit(layers):
    layers = dict(layers)
    far = shapely.box(X0, Y0 + 10_000, X0 + 1000, Y0 + 11_000)
    units = pd.concat([layers["units"], gpd.GeoDataFrame(
        {"unit_id": ["D"], "region": "test", "pop_registered": [500.0], "pop_actual": [500.0]},
        geometry=[far], crs=CRS)], ignore_index=True)
    points = pd.concat([layers["population_grid"], gpd.GeoDataFrame(
        {"point_id": ["pD"], "unit_id": ["D"], "persons": [500.0]},
        geometry=[shapely.Point(X0 + 500, Y0 + 10_500)], crs=CRS)], ignore_index=True)
    layers["units"] = gpd.GeoDataFrame(units, crs=CRS)
    layers["population_grid"] = gpd.GeoDataFrame(points, crs=CRS)
    return layers


@pytest.mark.slow
def test_unit_beyond_the_roads_is_unknown_not_a_closed_gate():
    layers, norms = hand_layers()
    before = assess(layers, norms, year=2025)
    with collect() as said:
        after = assess(_with_far_unit(layers), norms, year=2025)
    units = after.units.set_index("unit_id")
    assert units.loc["D", "bottleneck_actual"] == access.OFF_NETWORK
    assert math.isnan(units.loc["D", "readiness_actual"])
    assert math.isnan(units.loc["D", "transport_share_actual"])
    assert units.loc["D", "road_coverage"] == 0.0
    assert units.loc[["A", "B", "C"], "road_coverage"].tolist() == [1.0, 1.0, 1.0]
    rows = _networks(after)
    assert bool(rows.loc["D", "access_unknown"]) and not bool(rows.loc["D", "networked"])
    assert math.isnan(rows.loc["D", "headroom"])
    # A, B and C are as they were: D's residents are nobody's demand.
    old = _networks(before)
    for unit in ("A", "B", "C"):
        assert rows.loc[unit, "headroom"] == pytest.approx(old.loc[unit, "headroom"])
    old_units = before.units.set_index("unit_id")
    assert units.loc["C", "bottleneck_actual"] == old_units.loc["C", "bottleneck_actual"]
    # Said once, in each language, with no English inside the Russian text.
    off = [t for t in said.texts("en") if "do not cover" in t]
    assert len(off) == 1 and "cover 1 units: none of their residents (500)" in off[0]
    assert "10.0 km" in off[0]
    assert any("transport gate of 1 of 4 units is unknown" in t for t in said.texts("en"))
    russian = next(t for t in said.texts("ru") if "Дороги не покрывают" in t)
    assert "demand points" not in russian and "added as a walk" not in russian


@pytest.mark.slow
def test_forecast_says_off_network_and_no_flows_once_over_its_years():
    layers, norms = hand_layers()
    with collect() as said:
        result = forecast(_with_far_unit(layers), norms, base_year=2025, horizon=2027)
    keys = [key for key, _ in said.said.values()]
    assert keys.count("access.off_network_units") == 1
    assert keys.count("forecast.no_flows") == 1
    assert set(result.population["migration_source"]) == {"none"}
    with collect() as said:
        result = forecast(layers, norms, base_year=2025, horizon=2026,
                          net_migration=pd.Series({"A": 10.0}))
    assert "forecast.no_flows" not in said.said
    assert set(result.population["migration_source"]) == {"flows"}


def test_facilities_of_another_region_are_not_attached():
    """A school 300 km away (another region's) is beyond the graph's extent plus 15 minutes'
    walk plus 2 km: it is left out, not attached by a 300 km walk."""
    layers, norms = hand_layers()
    graph = build_graph(layers["roads"], mode="walk", crs=CRS, walk_speed_kmh=4.5)
    points = demand_points(prepare_units(layers["units"]), layers["population_grid"])
    elsewhere = gpd.GeoDataFrame({"facility_id": ["X"], "kind": ["school"],
                                  "capacity": [500.0]},
                                 geometry=[shapely.Point(X0 + 300_000, Y0)], crs=CRS)
    facilities = pd.concat([layers["facilities"], elsewhere], ignore_index=True)
    with collect() as said:
        on_foot = access.walk_access(points, gpd.GeoDataFrame(facilities, crs=CRS), graph,
                                     norms)
    kept = on_foot.sites.set_index("facility_id")["in_reach"]
    assert kept.to_dict() == {"F1": True, "F2": True, "K": True, "P": True, "X": False}
    x_node = on_foot.site_nodes[on_foot.sites["facility_id"] == "X"][0]
    assert on_foot.graph.matrix[x_node].nnz == 0 and on_foot.graph.matrix[:, x_node].nnz == 0
    assert not said.said  # nothing far, nothing off the network
    # A school just inside the reach (1 km east of the street's end) is attached, 1 km off.
    near = elsewhere.assign(geometry=[shapely.Point(X0 + 3500, Y0 + 500)])
    on_foot = access.walk_access(points, near, graph, norms)
    assert on_foot.sites["in_reach"].tolist() == [True]
    assert on_foot.graph.matrix[on_foot.site_nodes[0]].nnz == 1


def _long_unit():
    """A 3 km x 400 m unit along a street, schools at both ends, 3,000 residents."""
    unit = gpd.GeoDataFrame({"unit_id": ["L"], "region": "test", "pop_registered": [3000.0],
                             "pop_actual": [3000.0]},
                            geometry=[shapely.box(X0, Y0 + 300, X0 + 3000, Y0 + 700)], crs=CRS)
    # A vertex every 100 m: points join the street where they stand, not at its far ends.
    roads = gpd.GeoDataFrame({"speed_kmh": [30.0]}, crs=CRS, geometry=[
        shapely.LineString([(X0 + x, Y0 + 500) for x in range(0, 3001, 100)])])
    schools = gpd.GeoDataFrame({"facility_id": ["W", "E"], "kind": "school",
                                "capacity": [300.0, 300.0]}, crs=CRS,
                               geometry=[shapely.Point(X0, Y0 + 500),
                                         shapely.Point(X0 + 3000, Y0 + 500)])
    return {"units": unit, "roads": roads, "facilities": schools}


@pytest.mark.slow
def test_residents_spread_over_the_unit_reach_both_ends():
    """At the unit's centre, the residents are 1,500 m (20 min) from either school: beyond 15
    minutes, no school counts and supply is 0. Spread over the unit's H3 cells, those near each
    end reach its school, and E2SFCA hands out all of both schools' 600 places (the supply of
    every reached facility adds up to its capacity)."""
    layers = _long_unit()
    norms = load_norms()
    one_point = gpd.GeoDataFrame({"unit_id": ["L"], "persons": [1.0]}, crs=CRS,
                                 geometry=[shapely.Point(X0 + 1500, Y0 + 500)])
    at_centre = assess({**layers, "population_grid": one_point}, norms, year=2025, exact=False)
    assert _networks(at_centre).loc["L", "supply"] == 0.0
    with collect() as said:
        spread = assess(layers, norms, year=2025, exact=False)
    assert _networks(spread).loc["L", "supply"] == pytest.approx(600.0)
    assert spread.units.set_index("unit_id").loc["L", "pop_spread"] == "area"
    text = next(t for t in said.texts("en") if "spread over the unit's area" in t)
    assert "the residents of 1 of 1 units" in text
    # The sample is the unit's res-9 H3 cells (centres inside it), counted by h3 itself.
    cells = cells_in_polygons(layers["units"].set_index("unit_id").geometry, res=9)
    points = footprint_points(layers["units"].set_index("unit_id").geometry)
    assert len(points) == len(cells) >= 8


def test_footprint_leaves_out_constraints_and_prefers_settlements():
    unit = gpd.GeoSeries([shapely.box(X0, Y0, X0 + 2000, Y0 + 1000)], index=["U"], crs=CRS)
    west = gpd.GeoSeries([shapely.box(X0 - 500, Y0 - 500, X0 + 1000, Y0 + 1500)], crs=CRS)
    points = footprint_points(unit, constraints=west)
    x = points.to_crs(CRS).geometry.x.to_numpy() - X0
    # A res-9 cell reaches about 220 m from its centre (0.126 km² here): cells centred west
    # of x = 750 lie wholly in the constraint and weigh nothing; those east of 1,250, wholly.
    assert points["weight"][x < 750].sum() == pytest.approx(0.0)
    assert (points["weight"][x > 1250] > 0).all() and (x < 750).any()
    assert points["weight"].sum() == pytest.approx(1.0)
    assert set(points["spread"]) == {"area"}
    towns = gpd.GeoDataFrame({"population": [900.0, 100.0, np.nan]}, crs=CRS, geometry=[
        shapely.Point(X0 + 100, Y0 + 500), shapely.Point(X0 + 1900, Y0 + 500),
        shapely.Point(X0 + 1000, Y0 + 500)])
    points = footprint_points(unit, settlements=towns, constraints=west)
    assert sorted(points["weight"].round(6)) == [0.1, 0.9]
    assert set(points["spread"]) == {"settlements"}


def test_population_of_an_earlier_year_is_rolled_forward_and_said():
    """Almaty's 0.91 % and Astana's 1.08 % a year (growth.natural): 100,000 of 2023 become
    100,910 then 101,828 in Almaty; 50,000 of 2024 in Astana become 50,540 in 2025."""
    norms = load_norms()
    units = pd.DataFrame({"unit_id": ["a", "b", "c"], "region": ["almaty", "astana", "almaty"],
                          "pop_registered": [100000.0, 50000.0, 7000.0],
                          "pop_actual": [100000.0, 50000.0, 7000.0],
                          "pop_year": [2023, 2024, 2025]})
    with collect() as said:
        out = roll_forward(units, norms, year=2025)
    assert out["pop_registered"].tolist() == [101828.0, 50540.0, 7000.0]
    assert out["pop_year"].tolist() == [2025, 2025, 2025]
    assert out["pop_year_loaded"].tolist() == [2023, 2024, 2025]
    text = said.texts("en")[0]
    assert "2 of 3 units are of 2023, 2024" in text and "0.91%, 1.08%" in text
    with collect() as said:
        same = roll_forward(units.drop(columns="pop_year"), norms, year=2025)
    assert same["pop_registered"].tolist() == [100000.0, 50000.0, 7000.0]
    assert list(said.said) == ["base_year.no_pop_year"]


@pytest.fixture(scope="module")
def almaty(shared_dir, tmp_path_factory):
    """The real Almaty workspace: geokz districts, BNS 2023 populations, OSM roads and schools."""
    from layers.store import open_store
    from planning.cli.app import main

    store = str(tmp_path_factory.mktemp("almaty") / "ws.gpkg")
    geo = shared_dir / "geodata"
    pbf = str(geo / "osm-almaty-2013/almaty.osm.pbf")
    for args in ([str(geo / "kz-admin-geokz/kaz_admbnda_adm2_2024.shp"), "--kind", "units",
                  "--keep", "kato=75*", "--region", "almaty"],
                 [pbf, "--kind", "roads"], [pbf, "--kind", "facilities"]):
        assert main(["--lang", "en", "load", *args, "--store", store]) == 0
    bns = pd.read_csv(geo / "kz-population-bns/DERIVED_bns_population_2023-01-01_selected.csv")
    bns = bns[(bns.parent == "Алматы қаласы") & (bns.unit_kk != "Алматы қаласы")]
    total = {name.split()[0]: float(value) for name, value in zip(bns.unit_kk, bns.total,
                                                                   strict=True)}
    with open_store(store) as workspace:
        units = workspace.read_layer("units")
        units["pop_registered"] = [total[name.split()[0]] for name in units["name_kk"]]
        layers = {"units": units, "roads": workspace.read_layer("roads"),
                  "facilities": workspace.read_layer("facilities")}
    return layers


@pytest.mark.slow
def test_real_almaty_counts_more_than_two_schools_once_spread(almaty):
    """Every school some resident reaches within 15 minutes on foot hands out all its places
    (E2SFCA), and each counts at 1,200 places (no capacity in OSM): total supply / 1,200 is
    the number of schools reached. networkx counts them independently on the same graph."""
    norms = load_norms()
    units = prepare_units(almaty["units"])
    points = demand_points(units, None)
    result = assess(almaty, norms, year=2025, exact=False)
    schools = result.networks[(result.networks.network == "schools")
                              & (result.networks.basis == "registered")]
    counted = schools["supply"].sum() / 1200.0

    graph = access.region_graphs(almaty["roads"], units.geometry, norms).walk
    on_foot = access.walk_access(points, almaty["facilities"], graph, norms)
    matrix = on_foot.graph.matrix.tocoo()
    g = nx.DiGraph()
    g.add_weighted_edges_from(zip(matrix.row.tolist(), matrix.col.tolist(),
                                  matrix.data.tolist(), strict=True))
    g.add_nodes_from(range(on_foot.graph.n_nodes))
    sources = set(on_foot.point_nodes[~on_foot.point_off].tolist())
    reached = nx.multi_source_dijkstra_path_length(g, sources, cutoff=15.0)
    _school_sites, school_nodes = on_foot.of_network("schools")
    by_networkx = sum(1 for node in school_nodes.tolist() if node in reached)
    assert counted == pytest.approx(by_networkx, abs=1e-6)
    assert by_networkx > 2


@pytest.mark.slow
def test_each_notice_is_said_once_per_command_in_russian(tmp_path, capsys):
    """`qonys readiness` and `qonys scenario run` (which scores every year to 2030) say each
    notice once, in Russian; `readiness_notices` stores them in the three languages."""
    from layers.store import open_store
    from planning.cli.app import main

    layers, _ = hand_layers()
    layers = _with_far_unit(layers)
    facilities = layers["facilities"].copy()
    facilities.loc[facilities.facility_id == "F2", "capacity"] = np.nan
    layers["facilities"] = facilities
    layers["units"] = layers["units"].assign(pop_year=2024)
    store = str(tmp_path / "ws.gpkg")
    with open_store(store) as workspace:
        workspace.write_layers({name: frame.to_crs(4326) if hasattr(frame, "crs") else frame
                                for name, frame in layers.items()})
    for command in (["readiness"], ["scenario", "run", "baseline"]):
        assert main(["--lang", "ru", *command, "--store", store]) == 0
        err = capsys.readouterr().err
        for start in ("Дороги не покрывают 1 единиц", "У 1 из 2 учреждений сети «школы»"):
            assert err.count(start) == 1, (command, err)
        assert "added as a walk" not in err and "demand points" not in err
    with open_store(store) as workspace:
        notices = workspace.read_layer("readiness_notices").set_index("notice")
        units = workspace.read_layer("readiness_units").set_index("unit_id")
    assert {"base_year.rolled", "capacity.schools", "access.off_network_units"} <= set(
        notices.index)
    assert "2024" in notices.loc["base_year.rolled", "en"]
    # 1,000 residents of 2024 in the test region grow by the default 1.0 % to 1,010 in 2025.
    assert units.loc["A", "pop_registered"] == 1010.0
    assert units.loc["D", "bottleneck_actual"] == "off_network"


@pytest.mark.slow
def test_partly_covered_unit_is_assessed_on_the_residents_the_roads_reach():
    """Half of C's residents (a second point 10.5 km south of the street) are off the roads:
    C counts the 500 registered at pC, demand 60 school places. By hand:
        R1 = 300 / (120 + 0.22 * 240) = 1.736111 (unchanged)
        R2 = 200 / (0.68 * 240 + 0.68 * 60) = 200 / 204 = 0.980392
        B: (0.22 * R1 + 0.68 * R2) * 240 = (0.381944 + 0.666667) * 240 = 251.667
           -> (251.667 - 240) / 0.12 = 97.22
        C: 0.68 * R2 * 60 = 40 -> (40 - 60) / 0.12 = -166.67; road coverage 0.5"""
    layers, norms = hand_layers()
    grid = layers["population_grid"]
    extra = gpd.GeoDataFrame({"point_id": ["pC2"], "unit_id": ["C"], "persons": [1000.0]},
                             geometry=[shapely.Point(X0 + 2500, Y0 - 10_000)], crs=CRS)
    layers["population_grid"] = gpd.GeoDataFrame(pd.concat([grid, extra], ignore_index=True),
                                                 crs=CRS)
    with collect() as said:
        result = assess(layers, norms, year=2025)
    rows = _networks(result)
    assert rows.loc["B", "headroom"] == pytest.approx(97.222, abs=1e-2)
    assert rows.loc["C", "headroom"] == pytest.approx(-166.667, abs=1e-2)
    assert rows.loc["C", "road_coverage"] == pytest.approx(0.5)
    assert result.units.set_index("unit_id").loc["C", "road_coverage"] == pytest.approx(0.5)
    assert "access.off_network_part" in said.said
