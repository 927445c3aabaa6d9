"""The phasing plan (infrastructure first, then resettlement) on cases worked out by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from geo.errors import QonysError
from planning.proposals.phasing import PhasingError, plan_phasing

pytestmark = pytest.mark.usefixtures("english")

YEARS = [1, 2, 3]


def _wanted(*rows):
    return pd.DataFrame(rows, columns=["unit_id", "year", "persons"])


def _constraints(*rows, network="heat"):
    return pd.DataFrame([(k, network, y, h) for k, y, h in rows],
                        columns=["constraint_id", "network", "year", "headroom"])


def _loads(*rows):
    return pd.DataFrame(rows, columns=["constraint_id", "unit_id", "share"])


def _investments(*rows):
    return pd.DataFrame(rows, columns=["investment_id", "constraint_id", "residents", "cost",
                                       "lead_years"])


NO_INVESTMENTS = _investments()


def _table(plan, unit):
    """The arrivals of one unit, indexed by year."""
    return plan.arrivals[plan.arrivals["unit_id"] == unit].set_index("year")


def test_the_budget_forces_an_order():
    # A and B each on their own constraint with headroom 0, each wanting 1,000 in year 1.
    # iA: +1,000 for 100 tenge (10 residents/tenge); iB: +600 for 100 (6/tenge); 100 a year.
    # Year 1: both unlock their whole residents over years 1..3 (1,000 and 600); 10 > 6, so
    #   iA is funded and 1,000 arrive in A; nothing is left for iB (100 - 100 = 0).
    # Year 2: 100 again, iB is funded: 600 arrive in B.  Year 3: nothing left to fund, 100
    #   is carried; B still waits 1,000 - 600 = 400, held by its constraint kB.
    plan = plan_phasing(
        years=YEARS, budget=100.0,
        wanted=_wanted(("A", 1, 1000.0), ("B", 1, 1000.0)),
        constraints=_constraints(("kA", 1, 0.0), ("kB", 1, 0.0)),
        loads=_loads(("kA", "A", 1.0), ("kB", "B", 1.0)),
        investments=_investments(("iA", "kA", 1000.0, 100.0, 0), ("iB", "kB", 600.0, 100.0, 0)))
    inv = plan.investments.set_index("investment_id")
    assert inv["funded_year"].tolist() == [1, 2]
    assert inv["order"].tolist() == [1, 2]
    assert inv["unlocked"].tolist() == pytest.approx([1000.0, 600.0])
    # 1,000 residents / 100 tenge = 10 per tenge = 10,000,000 per million tenge.
    assert inv["unlocked_per_mtenge"].tolist() == pytest.approx([1e7, 6e6])
    a, b = _table(plan, "A"), _table(plan, "B")
    assert a["arrived"].tolist() == pytest.approx([1000.0, 0.0, 0.0])
    assert b["arrived"].tolist() == pytest.approx([0.0, 600.0, 0.0])
    assert b["waiting"].tolist() == pytest.approx([1000.0, 400.0, 400.0])
    assert b["held_by"].tolist() == ["kB", "kB", "kB"]
    assert a["held_by"].tolist() == ["", "", ""]
    assert b["wanted"].tolist() == [1000.0, 1000.0, 1000.0]
    assert plan.spent["spent"].tolist() == [100.0, 100.0, 0.0]
    assert plan.spent["carried"].tolist() == [0.0, 0.0, 100.0]
    text = plan.summary(lang="en")
    assert "1: funded: iA (+1,000 residents, 100 tenge); 1,000 arrive, 1,000 wait." in text
    assert "3: nothing funded; 0 arrive, 400 wait." in text
    assert "финансируется: iA" in plan.summary(lang="ru")


def test_equal_ratios_fund_the_cheaper_first():
    # i1: +1,000 for 100 and i2: +500 for 50 both unlock 10 residents per tenge. 100 a year.
    # Year 1: the cheaper i2 first (50 left), then i1 costs 100 > 50: 500 arrive in B.
    # Year 2: 50 + 100 = 150 >= 100: i1 is funded, 50 carried; 1,000 arrive in A.
    plan = plan_phasing(
        years=[1, 2], budget=100.0,
        wanted=_wanted(("A", 1, 1000.0), ("B", 1, 500.0)),
        constraints=_constraints(("kA", 1, 0.0), ("kB", 1, 0.0)),
        loads=_loads(("kA", "A", 1.0), ("kB", "B", 1.0)),
        investments=_investments(("i1", "kA", 1000.0, 100.0, 0), ("i2", "kB", 500.0, 50.0, 0)))
    inv = plan.investments.set_index("investment_id")
    assert inv.loc[["i2", "i1"], "funded_year"].tolist() == [1, 2]
    assert inv.loc[["i2", "i1"], "order"].tolist() == [1, 2]
    assert plan.spent["carried"].tolist() == [50.0, 50.0]
    assert _table(plan, "A")["arrived"].tolist() == pytest.approx([0.0, 1000.0])


def test_a_shared_zone_is_checked_once_for_all_its_units():
    # A and B share the heat zone Z (headroom 500); B is split across zones, so one resident
    # of B takes 0.5 of Z. Schools: A's takes 400, B's takes 300. Both want 1,000 in year 1.
    # Most arrivals: a + b with a + 0.5 b <= 500, a <= 400, b <= 300.
    # a + b = (a + 0.5 b) + 0.5 b <= 500 + 0.5 * 300 = 650, reached only at b = 300,
    # a = 500 - 150 = 350 (<= 400). A sum of unit headrooms (500 + 500) would overshoot.
    plan = plan_phasing(
        years=[1, 2], budget=0.0,
        wanted=_wanted(("A", 1, 1000.0), ("B", 1, 1000.0)),
        constraints=_constraints(("Z", 1, 500.0), ("school_A", 1, 400.0),
                                 ("school_B", 1, 300.0)),
        loads=_loads(("Z", "A", 1.0), ("Z", "B", 0.5), ("school_A", "A", 1.0),
                     ("school_B", "B", 1.0)),
        investments=NO_INVESTMENTS)
    a, b = _table(plan, "A"), _table(plan, "B")
    assert a["arrived"].tolist() == pytest.approx([350.0, 0.0])
    assert b["arrived"].tolist() == pytest.approx([300.0, 0.0])
    assert (a["cumulative"] + 0.5 * b["cumulative"] <= 500.0 + 1e-6).all()
    # A's school has 50 left: Z holds A. For B both Z and its school are full in year 1:
    # the first tight one in the constraints table is named.
    assert a["held_by"].tolist() == ["Z", "Z"]
    assert b["held_by"].tolist() == ["Z", "Z"]


def test_housing_caps_the_arrivals_of_each_year():
    # 1,000 wanted in year 1, 300 homes a year, ample heat: 300, 300, 300; 100 still wait in
    # year 3 (1,000 - 900), held by housing.
    plan = plan_phasing(
        years=YEARS, budget=0.0, wanted=_wanted(("A", 1, 1000.0)),
        constraints=_constraints(("k", 1, 10_000.0)), loads=_loads(("k", "A", 1.0)),
        investments=NO_INVESTMENTS,
        housing=pd.DataFrame({"unit_id": ["A"] * 3, "year": YEARS, "persons": [300.0] * 3}))
    a = _table(plan, "A")
    assert a["arrived"].tolist() == pytest.approx([300.0, 300.0, 300.0])
    assert a["cumulative"].tolist() == pytest.approx([300.0, 600.0, 900.0])
    assert a["waiting"].tolist() == pytest.approx([700.0, 400.0, 100.0])
    assert a["held_by"].tolist() == ["housing"] * 3


def test_a_closed_gate_delays_arrivals():
    # 500 wanted in year 1, headroom 1,000, the transport gate opens only in year 2:
    # 0 arrive in year 1 (held by the gate), all 500 in year 2.
    plan = plan_phasing(
        years=[1, 2], budget=0.0, wanted=_wanted(("A", 1, 500.0)),
        constraints=_constraints(("k", 1, 1000.0)), loads=_loads(("k", "A", 1.0)),
        investments=NO_INVESTMENTS,
        gates=pd.DataFrame({"unit_id": ["A", "A"], "year": [1, 2], "open": [False, True]}))
    a = _table(plan, "A")
    assert a["arrived"].tolist() == pytest.approx([0.0, 500.0])
    assert a["held_by"].tolist() == ["gate", ""]


def test_a_deficit_must_be_covered_before_anyone_arrives():
    # Headroom -200 (a deficit); 1,000 wanted in year 1; 50 tenge a year.
    # Year 1: "small" (+150 for 10) leaves max(0, -200 + 150) = 0: unlocks nobody.
    #   "big" (+500 for 50) gives -200 + 500 = 300: unlocks 300 (6 per tenge): funded;
    #   300 arrive. Nothing is left for "small".
    # Year 2: now "small" adds 150 on top of 300: unlocks 150 (15 per tenge): funded for 10,
    #   40 carried; 150 arrive, 1,000 - 450 = 550 wait.
    plan = plan_phasing(
        years=[1, 2], budget=50.0, wanted=_wanted(("A", 1, 1000.0)),
        constraints=_constraints(("k", 1, -200.0)), loads=_loads(("k", "A", 1.0)),
        investments=_investments(("small", "k", 150.0, 10.0, 0), ("big", "k", 500.0, 50.0, 0)))
    inv = plan.investments.set_index("investment_id")
    assert inv.loc["big", "funded_year"] == 1
    assert inv.loc["small", "funded_year"] == 2
    assert inv.loc["small", "unlocked"] == pytest.approx(150.0)
    a = _table(plan, "A")
    assert a["arrived"].tolist() == pytest.approx([300.0, 150.0])
    assert a["waiting"].tolist() == pytest.approx([700.0, 550.0])
    assert plan.spent["carried"].tolist() == [0.0, 40.0]


def test_a_deficit_alone_lets_no_one_arrive():
    # Headroom -200 and only the small investment (+150): -50 stays a deficit, nothing is
    # funded, nobody arrives, and all 100 tenge are carried to the end.
    plan = plan_phasing(
        years=[1, 2], budget=50.0, wanted=_wanted(("A", 1, 1000.0)),
        constraints=_constraints(("k", 1, -200.0)), loads=_loads(("k", "A", 1.0)),
        investments=_investments(("small", "k", 150.0, 10.0, 0)))
    assert plan.investments["funded_year"].isna().all()
    assert _table(plan, "A")["arrived"].tolist() == [0.0, 0.0]
    assert _table(plan, "A")["held_by"].tolist() == ["k", "k"]
    assert plan.spent["carried"].tolist() == [50.0, 100.0]


def test_lead_time_delays_the_capacity():
    # Funded in year 1 with a lead of 1 year: commissioned in year 2; the 400 arrive then.
    plan = plan_phasing(
        years=[1, 2], budget=100.0, wanted=_wanted(("A", 1, 400.0)),
        constraints=_constraints(("k", 1, 0.0)), loads=_loads(("k", "A", 1.0)),
        investments=_investments(("plant", "k", 400.0, 100.0, 1)))
    inv = plan.investments.set_index("investment_id")
    assert (inv.loc["plant", "funded_year"], inv.loc["plant", "commissioned_year"]) == (1, 2)
    a = _table(plan, "A")
    assert a["arrived"].tolist() == pytest.approx([0.0, 400.0])
    assert a["held_by"].tolist() == ["k", ""]


def test_a_lead_beyond_the_horizon_unlocks_nothing():
    # Funded in year 2 at the earliest useful... a lead of 5 commissions it after year 2:
    # it would unlock nobody within the plan, so it is not funded.
    plan = plan_phasing(
        years=[1, 2], budget=100.0, wanted=_wanted(("A", 1, 400.0)),
        constraints=_constraints(("k", 1, 0.0)), loads=_loads(("k", "A", 1.0)),
        investments=_investments(("far", "k", 400.0, 100.0, 5)))
    assert plan.investments["funded_year"].isna().all()


def test_unspent_budget_is_carried_over():
    # Costs 150, 100 a year. Year 1: 100 < 150, carried 100. Year 2: 100 + 100 = 200: funded,
    # 50 carried. Year 3: 50 + 100 = 150, nothing to fund, 150 carried. 500 arrive in year 2.
    plan = plan_phasing(
        years=YEARS, budget={1: 100.0, 2: 100.0, 3: 100.0}, wanted=_wanted(("A", 1, 500.0)),
        constraints=_constraints(("k", 1, 0.0)), loads=_loads(("k", "A", 1.0)),
        investments=_investments(("pipe", "k", 500.0, 150.0, 0)))
    assert plan.investments["funded_year"].tolist() == [2]
    assert plan.spent["available"].tolist() == [100.0, 200.0, 150.0]
    assert plan.spent["carried"].tolist() == [100.0, 50.0, 150.0]
    assert _table(plan, "A")["arrived"].tolist() == pytest.approx([0.0, 500.0, 0.0])


def test_arrivals_are_never_earlier_than_wanted_and_headroom_shrinks():
    # 300 wanted in year 2 only; headroom 1,000 in years 1-2, 200 from year 3 (organic growth
    # takes the rest). Cumulative arrivals by year 3 must fit 200, so only 200 may arrive, in
    # year 2 (not year 1: not wanted yet); 100 wait, held by k from year 2 on.
    plan = plan_phasing(
        years=YEARS, budget=0.0, wanted=_wanted(("A", 2, 300.0)),
        constraints=_constraints(("k", 1, 1000.0), ("k", 3, 200.0)),
        loads=_loads(("k", "A", 1.0)), investments=NO_INVESTMENTS)
    a = _table(plan, "A")
    assert a["arrived"].tolist() == pytest.approx([0.0, 200.0, 0.0])
    assert a["held_by"].tolist() == ["", "k", "k"]


def test_with_every_investment_funded_the_arrivals_match_scipy():
    # An independent solver: with money for everything, the total by the last year equals
    # scipy's linprog optimum of max sum(x) s.t. shares @ x <= headroom + investments, x <= wanted.
    from scipy.optimize import linprog

    rng = np.random.default_rng(7)
    units, zones = [f"u{i}" for i in range(6)], [f"z{j}" for j in range(4)]
    share = rng.choice([0.0, 0.5, 1.0], size=(4, 6), p=[0.5, 0.2, 0.3])
    want = rng.integers(100, 1000, size=6).astype(float)
    head = rng.integers(-100, 800, size=4).astype(float)
    extra = rng.integers(0, 500, size=4).astype(float)
    plan = plan_phasing(
        years=[1, 2], budget=1e9, wanted=_wanted(*zip(units, [1] * 6, want, strict=True)),
        constraints=_constraints(*zip(zones, [1] * 4, head, strict=True)),
        loads=_loads(*[(zones[j], units[i], share[j, i]) for j in range(4) for i in range(6)
                       if share[j, i] > 0]),
        investments=_investments(*[(f"i{j}", zones[j], extra[j], 1.0, 0) for j in range(4)]))
    best = linprog(-np.ones(6), A_ub=share, b_ub=np.maximum(head + extra, 0.0),
                   bounds=list(zip([0.0] * 6, want, strict=True)), method="highs")
    assert plan.arrivals.groupby("year")["arrived"].sum().sum() == pytest.approx(-best.fun)
    # Arriving early is preferred: the total possible arrives in year 1 already.
    assert plan.arrivals.query("year == 2")["arrived"].sum() == pytest.approx(0.0, abs=1e-6)


def test_every_input_problem_is_reported_at_once():
    with pytest.raises(PhasingError) as caught:
        plan_phasing(
            years=YEARS, budget={1: 100.0, 9: -5.0},
            wanted=_wanted(("A", 7, 100.0)),
            constraints=_constraints(("k", 1, 0.0)).drop(columns="headroom"),
            loads=_loads(("nowhere", "A", 1.0)),
            investments=_investments(("i", "k", 100.0, -50.0, 0), ("j", "ghost", 10.0, 1.0, 0)),
            gates=pd.DataFrame({"unit_id": ["A"], "year": [1], "open": ["maybe"]}))
    error = caught.value
    assert isinstance(error, QonysError) and isinstance(error, ValueError)
    text = str(error)
    assert "problem(s) in its input" in text
    expected = [
        "wanted, column year, rows 1: year 7 is outside the plan",
        "constraints, column headroom: column missing",
        "loads, column constraint_id, rows 1: the constraint 'nowhere' is not in the table",
        "investments, column cost, rows 1: negative value -50",
        "investments, column constraint_id, rows 2: the constraint 'ghost'",
        "gates, column open, rows 1: not true or false: 'maybe'",
        "budget[9]: the budget -5.0 is not a finite non-negative number",
        "budget[9]: year 9 is outside the plan",
    ]
    for line in expected:
        assert line in text
    assert len(error.problems) == len(expected)
    assert "Keep one row" not in text


def test_problems_speak_russian_by_default_language():
    from geo.i18n import set_language

    set_language("ru")
    try:
        with pytest.raises(PhasingError, match="отрицательное значение -1"):
            plan_phasing(years=[1], budget=0.0, wanted=_wanted(("A", 1, -1.0)),
                         constraints=_constraints(), loads=_loads(), investments=NO_INVESTMENTS)
    finally:
        set_language("en")
