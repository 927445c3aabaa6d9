"""The programme's payments in the phasing budget: a tenge of subsidy against a tenge of school.

The tiny case, worked by hand. One year, a budget of 100 tenge. Unit A wants 10 residents and
has room for 10; unit B wants 10 and has no room until a school (+10 residents) is built for
50 tenge. The programme pays ``c`` tenge for every resident who arrives.

* Without the school, A's 10 arrive for ``10 c``: ``min(10, 100 / c)`` arrivals.
* With the school, 50 tenge are left to pay arrivals in A and B: ``min(20, 50 / c)``.

So the school unlocks ``min(20, 50 / c) - min(10, 100 / c)`` residents: at ``c = 6`` that is
8.33 - 10 < 0 (not funded: the 60 tenge of subsidy buy more arrivals than the school), at
``c = 4`` it is 12.5 - 10 = 2.5 > 0 (funded, and the 50 tenge left pay 12.5 arrivals), at
``c = 5`` exactly 0 (not funded). Without payments the school is funded and all 20 arrive.
"""

from __future__ import annotations

import pandas as pd
import pytest

from planning.proposals.phasing import PhasingError, plan_phasing


def plan(subsidy: float | None):
    return plan_phasing(
        years=[2026], budget=100.0,
        wanted=pd.DataFrame({"unit_id": ["A", "B"], "year": 2026, "persons": [10.0, 10.0]}),
        constraints=pd.DataFrame({"constraint_id": ["zA", "zB"], "network": "schools",
                                  "year": 2026, "headroom": [10.0, 0.0]}),
        loads=pd.DataFrame({"constraint_id": ["zA", "zB"], "unit_id": ["A", "B"],
                            "share": 1.0}),
        investments=pd.DataFrame({"investment_id": ["school"], "constraint_id": ["zB"],
                                  "residents": [10.0], "cost": [50.0]}),
        subsidy=None if subsidy is None else pd.DataFrame(
            {"unit_id": ["A", "B"], "tenge_per_person": subsidy}))


def test_dear_subsidies_leave_the_school_unbuilt():
    result = plan(6.0)
    assert result.investments["funded_year"].isna().all()
    arrived = result.arrivals.set_index("unit_id")
    assert arrived["arrived"].tolist() == pytest.approx([10.0, 0.0])
    assert arrived.at["B", "held_by"] == "zB"
    spent = result.spent.iloc[0]
    assert (spent["investments"], spent["programme"], spent["carried"]) == \
        pytest.approx((0.0, 60.0, 40.0))


def test_cheap_subsidies_fund_the_school_and_spend_the_rest_on_arrivals():
    result = plan(4.0)
    school = result.investments.iloc[0]
    assert school["funded_year"] == 2026
    assert school["unlocked"] == pytest.approx(2.5)
    assert result.arrivals["arrived"].sum() == pytest.approx(12.5)
    spent = result.spent.iloc[0]
    assert (spent["investments"], spent["programme"], spent["spent"], spent["carried"]) == \
        pytest.approx((50.0, 50.0, 100.0, 0.0), abs=1e-6)
    assert set(result.arrivals["held_by"]) <= {"budget", "zB", ""}


def test_break_even_is_not_funded_and_no_payments_fund_the_school():
    assert plan(5.0).investments["funded_year"].isna().all()
    free = plan(None)
    assert free.investments.iloc[0]["funded_year"] == 2026
    assert free.arrivals["arrived"].sum() == pytest.approx(20.0)
    assert free.spent.iloc[0]["programme"] == 0.0


def test_money_carried_into_a_second_year_pays_the_waiting():
    # Two years, 30 tenge each, 6 a resident, room for all 10 of A: 5 arrive in 2026 (30 / 6),
    # the rest in 2027, held in 2026 by the budget.
    result = plan_phasing(
        years=[2026, 2027], budget=30.0,
        wanted=pd.DataFrame({"unit_id": ["A"], "year": [2026], "persons": [10.0]}),
        constraints=pd.DataFrame({"constraint_id": ["zA"], "network": ["heat"],
                                  "year": [2026], "headroom": [10.0]}),
        loads=pd.DataFrame({"constraint_id": ["zA"], "unit_id": ["A"], "share": [1.0]}),
        investments=pd.DataFrame(columns=["investment_id", "constraint_id", "residents",
                                          "cost"]),
        subsidy=pd.DataFrame({"unit_id": ["A"], "tenge_per_person": [6.0]}))
    assert result.arrivals["arrived"].tolist() == pytest.approx([5.0, 5.0])
    assert result.arrivals["held_by"].tolist() == ["budget", ""]
    assert result.spent["programme"].tolist() == pytest.approx([30.0, 30.0])


def test_a_negative_payment_is_refused(english):
    with pytest.raises(PhasingError) as caught:
        plan(-1.0)
    assert "negative value -1.0" in str(caught.value)


def test_the_report_says_the_budget_holds_a_unit(english):
    from planning.norms import load_norms
    from planning.report.summary import _why

    last = pd.DataFrame({"waiting": [5.0], "held_by": ["budget"]})
    assert _why(last, {"year": None}, norms=load_norms(), lang="en") == (
        "the budget is spent: the programme's payments for arrivals come out of it")
