"""The exact assignment of residents to facilities, on cases solved by hand and by networkx."""

from __future__ import annotations

import sys

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from geo.errors import LayerSchemaError, MissingDependencyError, QonysError
from planning.provision.assignment import assign, by_group, cross_boundary
from planning.provision.highs_quiet import AssignmentError

pytestmark = pytest.mark.usefixtures("english")


def _pairs(rows):
    return pd.DataFrame(rows, columns=["point", "facility", "minutes"])


def _flow_table(result):
    """{(point, facility): amount} of the positive flows."""
    flows = result.flows
    return {(p, f): pytest.approx(a, rel=1e-9)
            for p, f, a in zip(flows["point"], flows["facility"], flows["amount"], strict=True)}


def test_short_capacity_goes_to_the_nearer_point():
    # P0 needs 30 places 5 min away, P1 needs 40 places 10 min away; the school has 50.
    # Most served: min(30 + 40, 50) = 50. Among the ways to serve 50 (P0 gets a, P1 50 - a,
    # 10 <= a <= 30), travel 5a + 10(50 - a) = 500 - 5a is least at a = 30:
    # P0 30 (150 min), P1 20 (200 min), travel 350; P1 has 40 - 20 = 20 unserved.
    pairs = _pairs([(0, 0, 5.0), (1, 0, 10.0)])
    result = assign(pairs, np.array([30.0, 40.0]), np.array([50.0]))
    assert result.status == "optimal"
    assert result.objective == pytest.approx(50.0)
    assert result.travel == pytest.approx(350.0)
    assert _flow_table(result) == {(0, 0): 30.0, (1, 0): 20.0}
    assert result.by_point["served"].tolist() == pytest.approx([30.0, 20.0])
    assert result.by_point["unserved"].tolist() == pytest.approx([0.0, 20.0])
    # Both points have the school as nearest: 30 + 40 = 70 against 50 places, 20 overload.
    assert result.by_facility.loc[0, ["served", "nearest_demand", "overload"]].tolist() \
        == pytest.approx([50.0, 70.0, 20.0])


def test_a_point_with_two_choices_frees_the_only_choice_of_another():
    # P0 reaches F0 (2 min) and F1 (5 min); P1 reaches only F0 (3 min); 10 places needed and
    # 10 offered everywhere. Everyone to the nearest: P0 -> F0, P1 finds F0 full, served 10.
    # Optimum: P0 -> F1 (10 x 5 = 50), P1 -> F0 (10 x 3 = 30): served 20, travel 80.
    pairs = _pairs([(0, 0, 2.0), (0, 1, 5.0), (1, 0, 3.0)])
    result = assign(pairs, np.array([10.0, 10.0]), np.array([10.0, 10.0]))
    assert result.objective == pytest.approx(20.0)
    assert result.travel == pytest.approx(80.0)
    assert _flow_table(result) == {(0, 1): 10.0, (1, 0): 10.0}
    # The second phase may serve up to 1e-12 (relative) less than the first: not a resident.
    assert result.by_point["unserved"].tolist() == pytest.approx([0.0, 0.0], abs=1e-9)
    # F0 is nearest for both points (10 + 10 = 20 against 10 places): overloaded by 10,
    # although the assignment itself keeps it at capacity.
    facilities = result.by_facility
    assert facilities["served"].tolist() == pytest.approx([10.0, 10.0])
    assert facilities["nearest_demand"].tolist() == pytest.approx([20.0, 0.0])
    assert facilities["overload"].tolist() == pytest.approx([10.0, 0.0])


def test_overload_of_a_small_facility_nearest_to_three_points():
    # F0 has 15 places, F1 100. Points P0, P1, P2 need 10, 20, 30 and reach F0 in 5 min,
    # F1 in 20, 12 and 30 min; P3 needs 5 and reaches both in 7 min (a tie: F0 comes first).
    # nearest_demand F0 = 10 + 20 + 30 + 5 = 65, overload 65 - 15 = 50; F1: 0 and 0.
    # Everyone is served (65 <= 115). F0's 15 places go where they save the most minutes
    # per place against F1: P0 saves 15, P1 7, P2 25, P3 0, so P2 gets all 15.
    # Travel: P2 15 x 5 + 15 x 30 = 525; P0 10 x 20 = 200; P1 20 x 12 = 240; P3 5 x 7 = 35;
    # total 1000.
    pairs = _pairs([(0, 0, 5.0), (0, 1, 20.0), (1, 0, 5.0), (1, 1, 12.0),
                    (2, 0, 5.0), (2, 1, 30.0), (3, 0, 7.0), (3, 1, 7.0)])
    result = assign(pairs, np.array([10.0, 20.0, 30.0, 5.0]), np.array([15.0, 100.0]))
    assert result.objective == pytest.approx(65.0)
    assert result.travel == pytest.approx(1000.0)
    assert _flow_table(result) == {(0, 1): 10.0, (1, 1): 20.0, (2, 0): 15.0, (2, 1): 15.0,
                                   (3, 1): 5.0}
    facilities = result.by_facility
    assert facilities["nearest_demand"].tolist() == pytest.approx([65.0, 0.0])
    assert facilities["overload"].tolist() == pytest.approx([50.0, 0.0])
    assert facilities["served"].tolist() == pytest.approx([15.0, 50.0])


def test_suburb_demand_carried_by_city_facilities():
    # Talgar points t1 (40 places) and t2 (60); a city point c1 (100). Facilities: a Talgar
    # school (30 places), a city school (150), an Esik school (10).
    # t1: Talgar 5 min, city 20; t2: city 25, Esik 15; c1: city 10.
    # The Talgar and Esik schools are reached by one point each, so filling them adds to the
    # served total: t1 -> Talgar 30, t2 -> Esik 10. The city school (150) is wanted by t1's
    # remaining 10 (20 min), t2's remaining 50 (25 min) and c1's 100 (10 min): 160 > 150, so
    # the 10 places short fall on the longest trip, t2: t2 -> city 40. Served 190 of 200.
    pairs = pd.DataFrame({
        "point": ["t1", "t1", "t2", "t2", "c1"],
        "facility": ["talgar_school", "city_school", "city_school", "esik_school",
                     "city_school"],
        "minutes": [5.0, 20.0, 25.0, 15.0, 10.0],
    })
    demand = pd.Series({"t1": 40.0, "t2": 60.0, "c1": 100.0})
    capacity = pd.Series({"talgar_school": 30.0, "city_school": 150.0, "esik_school": 10.0})
    result = assign(pairs, demand, capacity)
    assert result.objective == pytest.approx(190.0)
    assert _flow_table(result) == {("t1", "talgar_school"): 30.0, ("t1", "city_school"): 10.0,
                                   ("t2", "esik_school"): 10.0, ("t2", "city_school"): 40.0,
                                   ("c1", "city_school"): 100.0}
    assert result.by_point.loc["t2", "unserved"] == pytest.approx(10.0)

    home = pd.Series({"t1": "talgar", "t2": "talgar", "c1": "almaty"})
    host = pd.Series({"talgar_school": "talgar", "city_school": "almaty",
                      "esik_school": "esik"})
    # Talgar: demand 40 + 60 = 100, served 30 + 10 + 10 + 40 = 90, at home 30, elsewhere
    # 10 + 40 (city) + 10 (Esik) = 60, share 60 / 90 = 2/3; the city carries 50 / 90 = 5/9.
    # Almaty: 100 needed, 100 served at home, nothing elsewhere.
    table = cross_boundary(result, home, host)
    assert table.index.tolist() == ["almaty", "talgar"]
    talgar = table.loc["talgar"]
    assert talgar[["demand", "served", "served_at_home", "served_elsewhere"]].tolist() \
        == pytest.approx([100.0, 90.0, 30.0, 60.0])
    assert talgar["share_served_elsewhere"] == pytest.approx(2 / 3)
    assert talgar["largest_carrier"] == "almaty"
    assert talgar["largest_carrier_share"] == pytest.approx(5 / 9)
    almaty = table.loc["almaty"]
    assert almaty[["demand", "served", "served_at_home", "served_elsewhere",
                   "share_served_elsewhere", "largest_carrier_share"]].tolist() \
        == pytest.approx([100.0, 100.0, 100.0, 0.0, 0.0, 0.0], abs=1e-9)
    assert pd.isna(almaty["largest_carrier"])

    matrix = by_group(result, home, host)
    assert {(h, s): a for h, s, a in matrix.itertuples(index=False)} == {
        ("almaty", "almaty"): pytest.approx(100.0), ("talgar", "almaty"): pytest.approx(50.0),
        ("talgar", "esik"): pytest.approx(10.0), ("talgar", "talgar"): pytest.approx(30.0)}


def test_matches_networkx_min_cost_max_flow():
    rng = np.random.default_rng(20240601)
    n_points, n_facilities = 300, 40
    demand = rng.integers(1, 21, n_points)
    capacity = rng.integers(20, 90, n_facilities)  # about 2200 places for about 3150 needed
    rows = []
    for point in range(n_points):
        reached = rng.choice(n_facilities, size=rng.integers(1, 7), replace=False)
        rows += [(point, int(f), int(rng.integers(1, 31))) for f in reached]
    pairs = _pairs(rows)

    graph = nx.DiGraph()
    for point in range(n_points):
        graph.add_edge("source", ("p", point), capacity=int(demand[point]), weight=0)
    for facility in range(n_facilities):
        graph.add_edge(("f", facility), "sink", capacity=int(capacity[facility]), weight=0)
    for point, facility, minutes in rows:
        graph.add_edge(("p", point), ("f", facility), capacity=int(demand[point]),
                       weight=minutes)
    flow = nx.max_flow_min_cost(graph, "source", "sink")
    served = sum(flow["source"].values())
    cost = nx.cost_of_flow(graph, flow)

    result = assign(pairs, demand, capacity)
    assert result.objective == pytest.approx(served, rel=1e-6)
    assert result.travel == pytest.approx(cost, rel=1e-6)
    assert result.by_point["served"].sum() == pytest.approx(served, rel=1e-6)
    assert (result.by_facility["served"] <= capacity + 1e-9).all()
    assert (result.by_point["served"] <= demand + 1e-9).all()
    assert (result.flows["amount"] > 0).all()

    nearest = np.zeros(n_facilities)
    for point, group in pairs.groupby("point"):
        best = group.sort_values(["minutes", "facility"]).iloc[0]
        nearest[int(best["facility"])] += demand[point]
    assert result.by_facility["nearest_demand"].to_numpy() == pytest.approx(nearest)
    assert result.by_facility["overload"].to_numpy() \
        == pytest.approx(np.maximum(nearest - capacity, 0))


@pytest.mark.parametrize(("pairs", "demand", "capacity"), [
    (_pairs([]), [10.0, 20.0], [5.0]),                        # no pair within the threshold
    (_pairs([(0, 0, 4.0), (1, 0, 6.0)]), [0.0, 0.0], [5.0]),  # nobody to serve
    (_pairs([(0, 0, 4.0), (1, 0, 6.0)]), [10.0, 20.0], [0.0]),  # no places
])
def test_nothing_to_solve_needs_no_solver(monkeypatch, pairs, demand, capacity):
    monkeypatch.setitem(sys.modules, "highspy", None)  # importing it now fails
    result = assign(pairs, np.array(demand), np.array(capacity))
    assert result.status == "trivial"
    assert result.objective == 0.0
    assert result.travel == 0.0
    assert result.flows.empty
    assert result.flows.columns.tolist() == ["point", "facility", "amount", "minutes"]
    assert result.by_point["served"].tolist() == [0.0, 0.0]
    assert result.by_point["unserved"].tolist() == demand
    assert result.by_facility["served"].tolist() == [0.0]


def test_nearest_demand_without_solving():
    # Zero capacity: nothing is served, but both points (10 + 20) have the facility as nearest,
    # so the planner sees an overload of 30.
    result = assign(_pairs([(0, 0, 4.0), (1, 0, 6.0)]), np.array([10.0, 20.0]), np.array([0.0]))
    assert result.by_facility.loc[0, ["nearest_demand", "overload"]].tolist() == [30.0, 30.0]


def test_empty_everything():
    result = assign(_pairs([]), np.array([]), np.array([]))
    assert result.by_point.empty and result.by_facility.empty and result.flows.empty
    table = cross_boundary(result, np.array([]), np.array([]))
    assert table.empty
    assert by_group(result, np.array([]), np.array([])).columns.tolist() \
        == ["home", "served_in", "amount"]


def test_a_pair_given_twice_keeps_its_shortest_time():
    # 10 places at 9 or 4 minutes: the 4 counts, travel 10 x 4 = 40.
    result = assign(_pairs([(0, 0, 9.0), (0, 0, 4.0)]), np.array([10.0]), np.array([50.0]))
    assert result.travel == pytest.approx(40.0)
    assert len(result.flows) == 1


def test_missing_highspy_names_the_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "highspy", None)
    with pytest.raises(MissingDependencyError, match="pip install highspy"):
        assign(_pairs([(0, 0, 1.0)]), np.array([1.0]), np.array([1.0]))


def test_solver_failure_is_a_qonys_error(monkeypatch):
    import highspy

    class NeverOptimal(highspy.Highs):
        def getModelStatus(self):
            return highspy.HighsModelStatus.kInfeasible

    monkeypatch.setattr(highspy, "Highs", NeverOptimal)
    with pytest.raises(AssignmentError, match="Infeasible") as caught:
        assign(_pairs([(0, 0, 1.0)]), np.array([1.0]), np.array([1.0]))
    assert isinstance(caught.value, QonysError) and isinstance(caught.value, RuntimeError)


@pytest.mark.parametrize(("pairs", "demand", "capacity", "match"), [
    (pd.DataFrame({"point": [0], "facility": [0]}), [1.0], [1.0], "minutes"),
    (_pairs([(0, 0, 1.0)]), [1.0], [-5.0], "-5"),
    (_pairs([(0, 0, np.nan)]), [1.0], [1.0], "minutes"),
    (_pairs([(0, 3, 1.0)]), [1.0], [1.0], "'3'"),
])
def test_bad_inputs_name_the_problem(pairs, demand, capacity, match):
    with pytest.raises(LayerSchemaError, match=match):
        assign(pairs, np.array(demand), np.array(capacity))


def test_groups_must_cover_every_point():
    result = assign(_pairs([(0, 0, 1.0)]), np.array([1.0, 2.0]), np.array([1.0]))
    with pytest.raises(LayerSchemaError, match="'1'"):
        cross_boundary(result, pd.Series({0: "talgar"}), np.array(["almaty"]))
    with pytest.raises(LayerSchemaError, match="1 values for 2"):
        by_group(result, np.array(["talgar"]), np.array(["almaty"]))
