"""Not assessed is not zero, and a tie is not a coin toss: small cases worked out by hand."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from geo.errors import LayerSchemaError
from planning.norms import load_norms
from planning.notices import collect
from planning.provision import coverage
from planning.provision.assess import check_population, leave_out, locate_points
from planning.provision.readiness import summarise

GATE = pd.DataFrame({"transport_share": [1.0], "gate_open": [True]}, index=["u"])


def _networks(rows):
    return pd.DataFrame(rows, columns=["unit_id", "network", "networked", "supply",
                                       "provision", "headroom"])


def test_no_facility_within_a_walk_is_said_not_named_at_random():
    """1,000 residents, no school, kindergarten or polyclinic within a walk: supply 0 on all
    three, headroom (0 - D) / norm = -1,000 on each. Heat has room for 500. The minimum,
    -1,000, is shared by the three: the bottleneck is "no facility", the set all three."""
    nets = _networks([["u", "heat", True, 10.0, 1.4, 500.0],
                      ["u", "schools", True, 0.0, 0.0, -1000.0],
                      ["u", "kindergartens", True, 0.0, 0.0, -1000.0],
                      ["u", "polyclinics", True, 0.0, 0.0, -1000.0]])
    out = summarise(nets, GATE, basis="actual", target_share=0.8)
    assert out.loc["u", "bottleneck_actual"] == "no_facility"
    assert out.loc["u", "bottleneck_networks_actual"] == "schools+kindergartens+polyclinics"
    assert out.loc["u", "readiness_actual"] == -1000.0


def test_a_tie_of_two_with_supply_names_both():
    """Schools and kindergartens both leave -200 (both have some supply), polyclinics +50:
    the bottleneck names the two, in the norms' order."""
    nets = _networks([["u", "schools", True, 5.0, 0.8, -200.0],
                      ["u", "kindergartens", True, 3.0, 0.9, -200.0],
                      ["u", "polyclinics", True, 9.0, 1.1, 50.0]])
    out = summarise(nets, GATE, basis="actual", target_share=0.8)
    assert out.loc["u", "bottleneck_actual"] == "schools+kindergartens"


def test_one_lowest_network_is_the_bottleneck():
    nets = _networks([["u", "schools", True, 0.0, 0.0, -1000.0],
                      ["u", "kindergartens", True, 3.0, 0.9, -100.0]])
    out = summarise(nets, GATE, basis="actual", target_share=0.8)
    assert out.loc["u", "bottleneck_actual"] == "schools"
    assert out.loc["u", "bottleneck_networks_actual"] == "schools"


def test_a_network_left_out_is_nan_and_out_of_the_minimum():
    """Region r has no wastewater data: its rows become not networked with no headroom, and
    the minimum is that of heat (300), not wastewater's -1,000 from zero supply."""
    units = pd.DataFrame({"unit_id": ["u"], "region": ["r"]})
    nets = _networks([["u", "heat", True, 5.0, 1.2, 300.0],
                      ["u", "wastewater", False, 0.0, 0.0, -1000.0]])
    nets["basis"] = "actual"
    marked = leave_out(nets, units, {"r": {"wastewater"}})
    waste = marked[marked["network"] == "wastewater"].iloc[0]
    assert not waste["assessed"] and not waste["networked"]
    assert np.isnan(waste["headroom"]) and np.isnan(waste["supply"])
    assert marked[marked["network"] == "heat"].iloc[0]["assessed"]
    out = summarise(marked, GATE, basis="actual", target_share=0.8)
    assert out.loc["u", "headroom_min_actual"] == 300.0
    assert out.loc["u", "bottleneck_actual"] == "heat"
    # Nothing assessed at all: the bottleneck says so, not "no constraint".
    nothing = leave_out(nets.assign(basis="actual"), units, {"r": {"heat", "wastewater"}})
    out = summarise(nothing, GATE, basis="actual", target_share=0.8)
    assert out.loc["u", "bottleneck_actual"] == "not_assessed"
    assert np.isnan(out.loc["u", "readiness_actual"])


def test_points_without_unit_id_go_to_the_unit_they_lie_in():
    """Two unit squares side by side; points at x = 0.5 (in a), 1.5 (in b) and 5 (in none)."""
    units = gpd.GeoDataFrame({"unit_id": ["a", "b"]},
                             geometry=[shapely.box(0, 0, 1, 1), shapely.box(1, 0, 2, 1)],
                             crs=4326)
    grid = gpd.GeoDataFrame({"point_id": ["p1", "p2", "p3"], "persons": [1.0, 2.0, 3.0]},
                            geometry=gpd.points_from_xy([0.5, 1.5, 5.0], [0.5, 0.5, 0.5]),
                            crs=4326)
    with collect() as notices:
        located = locate_points(grid, units)
    assert located.set_index("point_id")["unit_id"].to_dict() == {"p1": "a", "p2": "b"}
    assert notices.texts("en") == [
        "3 points of population_grid have no unit_id (or one that names no unit): each is "
        "assigned to the unit it lies in; 1 points outside every unit are left out."]
    # An id of another numbering is as good as none: the point is located.
    with collect() as notices:
        foreign = locate_points(grid.assign(unit_id=["a", "zzz", None]), units)
    assert foreign.set_index("point_id")["unit_id"].to_dict() == {"p1": "a", "p2": "b"}
    assert notices.texts("en")[0].startswith("2 points")
    # A grid that has its unit_id is left as it is, without a word.
    with collect() as notices:
        same = locate_points(located, units)
    assert notices.texts() == [] and same is located


def test_units_without_population_name_the_column_and_the_join(english):
    units = pd.DataFrame({"unit_id": ["a", "b"]})
    with pytest.raises(LayerSchemaError, match="pop_registered is missing") as caught:
        check_population(units)
    assert "qonys join TABLE --to units --on kato" in str(caught.value)
    with pytest.raises(LayerSchemaError, match="empty for the units b"):
        check_population(units.assign(pop_registered=[10.0, None]))


def test_coverage_of_a_workspace_with_heat_zones_only(english):
    """Heat has a zone and a source; water and wastewater have none: not assessed, with the
    command that loads zones. Facilities hold schools only: kindergartens and polyclinics are
    not assessed; two of the three schools lack a capacity: schools are estimated."""
    box = shapely.box(76.8, 43.1, 77.0, 43.3)
    units = gpd.GeoDataFrame({"unit_id": ["u"], "region": ["almaty"],
                              "pop_registered": [1000.0]}, geometry=[box], crs=4326)
    layers = {
        "units": units,
        "utility_zones": gpd.GeoDataFrame({"zone_id": ["h"], "network": ["heat"]},
                                          geometry=[box], crs=4326),
        "utility_sources": gpd.GeoDataFrame(
            {"source_id": ["chp"], "network": ["heat"], "capacity": [10.0],
             "unit": ["Gcal/h"]}, geometry=[box.centroid], crs=4326),
        "zone_sources": pd.DataFrame({"zone_id": ["h"], "source_id": ["chp"]}),
        "facilities": gpd.GeoDataFrame(
            {"facility_id": ["s1", "s2", "s3"], "kind": "school",
             "capacity": [800.0, np.nan, np.nan]},
            geometry=[box.centroid] * 3, crs=4326),
    }
    found = {s.topic: s for s in coverage.coverage(layers, load_norms())}
    assert found["heat"].state == coverage.ASSESSED
    for network in ("water", "wastewater"):
        assert found[network].state == coverage.NOT_ASSESSED
        assert "qonys load zones.gpkg --kind utility_zones" in found[network].text("en")
    assert found["schools"].state == coverage.ESTIMATED
    assert "2 of 3" in found["schools"].text("en")
    assert found["kindergartens"].state == coverage.NOT_ASSESSED
    assert found["migration"].state == coverage.NOT_ASSESSED
    # no roads: no travel time, so the gate is not assessed; it is no network, so the
    # networks left out of the minimum stay the four without data
    assert found["transport"].state == coverage.NOT_ASSESSED
    assert "--kind roads" in found["transport"].text("en")
    assert coverage.not_assessed(list(found.values())) == {
        "almaty": {"water", "wastewater", "kindergartens", "polyclinics"}}
    lines = coverage.notices(list(found.values()), load_norms(), lang="ru")
    assert any(line.startswith("Не оценивается — водоснабжение") for line in lines)
    # Said once per command, and rendered in each language from the same notice.
    with collect() as notices:
        coverage.say_notices(list(found.values()), load_norms())
        coverage.say_notices(list(found.values()), load_norms())
    table = notices.table()
    water = table[table["en"].str.startswith("Not assessed — water:")]
    assert len(water) == 1
    assert water["kk"].iloc[0].startswith("Бағаланбайды — сумен жабдықтау:")
    assert "qonys load zones.gpkg --kind utility_zones" in water["ru"].iloc[0]


def _transport_layers(**extra):
    box = shapely.box(76.8, 43.1, 77.0, 43.3)
    units = gpd.GeoDataFrame({"unit_id": ["u"], "region": ["almaty"],
                              "pop_registered": [1000.0]}, geometry=[box], crs=4326)
    return {"units": units,
            "settlements": gpd.GeoDataFrame({"place": ["city"], "name": ["Almaty"]},
                                            geometry=[box.centroid], crs=4326),
            "job_centres": gpd.GeoDataFrame({"jobs": [500.0]}, geometry=[box.centroid],
                                            crs=4326), **extra}


@pytest.mark.parametrize(("roads", "given", "state"), [
    (None, {}, coverage.NOT_ASSESSED),       # no roads layer: nothing to time a trip on
    (None, {"roads": "empty"}, coverage.NOT_ASSESSED),
    (None, {"roads": "one"}, coverage.ASSESSED),
    (True, {}, coverage.ASSESSED),          # a caller that left the roads unread says so
    (False, {"roads": "one"}, coverage.NOT_ASSESSED),
])
def test_transport_is_assessed_only_with_roads(roads, given, state, english):
    """The centre and a job centre are there in every case; only the roads differ."""
    line = gpd.GeoDataFrame({"highway": ["primary"]},
                            geometry=[shapely.LineString([(76.8, 43.2), (77.0, 43.2)])],
                            crs=4326)
    layers = _transport_layers(**{k: line.iloc[:0] if v == "empty" else line
                                  for k, v in given.items()})
    found = {s.topic: s for s in coverage.coverage(layers, load_norms(), roads=roads)}
    assert found["transport"].state == state
    if state == coverage.NOT_ASSESSED:
        assert found["transport"].text("en") == (
            "no layer roads: no travel time to the centre or a job centre can be computed. "
            "Supplied by: qonys load city.osm.pbf --kind roads")
    else:
        assert "1 job centre(s)" in found["transport"].text("en")
    assert "transport" not in coverage.not_assessed(list(found.values())).get("almaty", set())


def test_check_without_roads_says_transport_not_assessed(tmp_path, capsys, english):
    from layers.store import open_store
    from planning.cli.app import main

    path = str(tmp_path / "w.gpkg")
    with open_store(path) as store:
        store.write_layers(_transport_layers())
    assert main(["--lang", "en", "check", "--store", path]) == 0
    out = capsys.readouterr().out
    assert "transport: not assessed — no layer roads" in out
    assert "transport: assessed" not in out
