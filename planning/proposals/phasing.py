"""Phasing: infrastructure first, then resettlement, year by year under an annual budget.

The plan resettles people into a unit only in years when every network the unit uses can take
them, and funds investments in the order of the residents they unlock per tenge.

Model
-----
Years ``t`` are the plan's years (``2026 .. 2030``); ``T`` is the last. For unit ``u``:

* ``wanted`` (``unit_id, year, persons``) is the resettlement programme. Arrivals may come later
  than wanted (the rest is carried forward), never earlier: cumulative arrivals by ``t`` stay
  at most the cumulative wanted by ``t``. Rows of one unit and year add up.
* ``housing`` (``unit_id, year, persons``) caps the arrivals of that unit in that year (homes
  finished that year; unused homes are not carried over). A listed unit gets no homes in a year
  it does not list; a unit absent from the table is not capped. Rows add up.
* ``gates`` (``unit_id, year, open``): a closed transport gate stops arrivals in that year
  (a year listed closed in any row is closed); a year not listed is open.
* ``constraints`` (``constraint_id, network, year, headroom``): a shared capacity ``k`` (a
  utility zone of one network, or a unit's facility network) takes ``headroom_k,t`` more
  residents by ``t`` without investment, net of organic growth. A year not listed repeats the
  last listed one; the first plan year must be listed. A negative headroom is a deficit: no
  one may arrive in a unit using ``k`` until investments cover it.
* ``loads`` (``constraint_id, unit_id, share``): a new resident of ``u`` takes ``share`` of
  ``k``'s headroom (1 for a zone of one network, less where the unit is split across zones).
* ``investments`` (``investment_id, constraint_id, residents, cost``; optional ``lead_years``,
  default 0, and ``label``): ``residents`` more headroom in ``k`` from year
  ``funded + lead_years`` on, for ``cost`` tenge.
* ``budget``: tenge per year (one number for every year, or a mapping year -> tenge, a year
  not given gets 0). Unspent money is carried over to the next year in full (no discounting).
* ``subsidy`` (``unit_id, tenge_per_person``): what the resettlement programme pays for each
  resident arriving in ``u`` (its incentives, :mod:`planning.forecast.programme`), out of the
  same budget as the investments: a year's arrivals cost ``sum_u subsidy_u x arrived``, and the
  money paid and still to come in later years bounds them. A unit not listed costs nothing.

Arrivals are a stock against headroom: for every ``k`` and ``t``,
``sum_u share_ku * (arrivals of u up to t) <= max(0, headroom_k,t + residents of k's
investments commissioned by t)``.

Algorithm
---------
For each year ``t`` in order, with the arrivals of earlier years fixed:

1. Fund investments greedily. For every affordable unfunded investment ``i``, ``unlocked_i`` is
   the most residents that can arrive over ``t .. T`` with the funded set plus ``i``, minus the
   same with the funded set alone, each a linear program solved by HiGHS. Fund the best
   ``unlocked / cost`` among those with ``unlocked > 0`` (ties: lower cost, then id) and
   repeat until nothing affordable unlocks anyone. Where the programme pays for arrivals, the
   money an investment costs is taken from what could pay them: ``unlocked_i`` is the most
   arrivals with ``i`` and the money left after its cost, minus the same without ``i``, so
   that a tenge of school competes with a tenge of subsidy (an investment that unlocks fewer
   residents than its cost would pay in subsidies unlocks none, and is not funded).
2. Fix year ``t``'s arrivals: among the plans over ``t .. T`` that let the most residents
   arrive, the one with the most resident-years (the sum over years of the cumulative
   arrivals), so that people arrive as early as the networks allow.

The arrivals given the investments are exact (linear programs, arrivals continuous). The
choice of investments is a greedy heuristic on a knapsack-like problem: it can miss a pair of
investments that unlock nothing alone but much together (two halves of a deficit), and a
cheaper plan of the same effect.

``held_by`` names what holds a unit with residents still waiting in a year: ``gate`` if the
gate is closed, ``housing`` if that year's homes are full, ``budget`` if the year's money is
spent and the unit's arrivals cost money (none of its constraints tight that year), else the
capacity constraint of the
unit that is tight in the optimum (no headroom left) at the earliest year from ``t`` on, the
first in the ``constraints`` table among equals. An unfunded investment in that constraint
(see the investments table) is what the budget did not reach.

The inputs are checked in :mod:`planning.proposals.phasing_checks`; the model's arrays and the
linear program live in :mod:`planning.proposals.phasing_lp`.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from geo.i18n import _
from planning.proposals.phasing_checks import PhasingError, check_inputs
from planning.proposals.phasing_lp import Horizon, PhasingData, PhasingSolverError

__all__ = ["Phasing", "PhasingError", "PhasingSolverError", "plan_phasing"]

log = logging.getLogger(__name__)

#: Residents below this share of the total wanted are solver noise, not people.
NOISE_RTOL = 1e-7


@dataclass(frozen=True)
class Phasing:
    """A phasing plan.

    Attributes
    ----------
    investments
        One row per investment: ``investment_id``, ``constraint_id``, ``network``, ``label``,
        ``cost`` (tenge), ``residents``, ``lead_years``, ``funded_year`` and
        ``commissioned_year`` (missing if not funded), ``unlocked`` (residents it unlocked when
        funded), ``unlocked_per_mtenge`` (per million tenge) and ``order`` (1, 2, ... in the
        order funded). Funded rows first.
    arrivals
        One row per unit and year: ``wanted`` (cumulative wanted by then), ``arrived`` (that
        year), ``cumulative``, ``waiting`` (wanted but not arrived yet) and ``held_by`` (``''``
        when no one waits, else ``gate``, ``housing`` or a ``constraint_id``).
    spent
        One row per year: ``budget``, ``available`` (budget plus what was carried in),
        ``investments`` (infrastructure funded), ``programme`` (the programme's payments for
        the year's arrivals), ``spent`` (both) and ``carried`` (to the next year).
    """

    investments: pd.DataFrame
    arrivals: pd.DataFrame
    spent: pd.DataFrame

    def summary(self, *, lang: str | None = None) -> str:
        """Per year, what is funded and how many arrive, in ``lang`` (default: current)."""
        arrivals, funded = self.arrivals, self.investments
        years = self.spent["year"].tolist()
        lines = [_("Phasing plan {first}–{last}: {arrived:,.0f} of {wanted:,.0f} residents "
                   "arrive, {spent:,.0f} tenge spent.",
                   lang=lang, first=years[0], last=years[-1],
                    arrived=float(arrivals["arrived"].sum()),
                    wanted=float(arrivals.groupby("unit_id")["wanted"].max().sum()),
                    spent=float(self.spent["spent"].sum()))] if years else []
        for year in years:
            done = funded[funded["funded_year"] == year]
            items = ", ".join(_("{id} (+{residents:,.0f} residents, {cost:,.0f} tenge)",
                                lang=lang, id=row.investment_id,
                                 residents=float(row.residents), cost=float(row.cost))
                              for row in done.itertuples())
            now = arrivals[arrivals["year"] == year]
            lines.append(_("{year}: {funded}; {arrived:,.0f} arrive, "
                           "{waiting:,.0f} wait.", lang=lang, year=year,
                            funded=_("funded: {items}", lang=lang, items=items) if items
                            else _("nothing funded", lang=lang),
                            arrived=float(now["arrived"].sum()),
                            waiting=float(now["waiting"].sum())))
        return "\n".join(lines)


def plan_phasing(*, years: Sequence[int], wanted: pd.DataFrame, constraints: pd.DataFrame,
                 loads: pd.DataFrame, investments: pd.DataFrame,
                 budget: float | Mapping[int, float], housing: pd.DataFrame | None = None,
                 gates: pd.DataFrame | None = None,
                 subsidy: pd.DataFrame | None = None) -> Phasing:
    """Plan investments and arrivals year by year (see the module docstring for the model).

    Parameters
    ----------
    years
        The plan's years, integers in any order.
    wanted, constraints, loads, investments, housing, gates, subsidy
        The tables of the module docstring; ``housing``, ``gates`` and ``subsidy`` are
        optional.
    budget
        Tenge per year, or a mapping year -> tenge.

    Returns
    -------
    Phasing
        Investments funded, arrivals per unit and year, and money per year.

    Raises
    ------
    PhasingError
        Listing every problem of the inputs at once.
    MissingDependencyError
        highspy is not installed.
    PhasingSolverError
        HiGHS found no optimum.

    Examples
    --------
    Unit A wants 100 residents in 2026; its zone has no headroom; an expansion adds 100 for
    50 tenge; 40 tenge a year: funded in 2027 (40 + 40 >= 50), the residents arrive then.

    >>> plan = plan_phasing(
    ...     years=[2026, 2027], budget=40.0,
    ...     wanted=pd.DataFrame({"unit_id": ["A"], "year": [2026], "persons": [100.0]}),
    ...     constraints=pd.DataFrame({"constraint_id": ["z"], "network": ["heat"],
    ...                               "year": [2026], "headroom": [0.0]}),
    ...     loads=pd.DataFrame({"constraint_id": ["z"], "unit_id": ["A"], "share": [1.0]}),
    ...     investments=pd.DataFrame({"investment_id": ["x"], "constraint_id": ["z"],
    ...                               "residents": [100.0], "cost": [50.0]}))
    >>> plan.arrivals[["year", "arrived", "held_by"]].values.tolist()
    [[2026, 0.0, 'z'], [2027, 100.0, '']]
    >>> plan.spent["carried"].tolist()
    [40.0, 30.0]
    """
    tables = {"wanted": wanted, "constraints": constraints, "loads": loads,
              "investments": investments, "housing": housing, "gates": gates,
              "subsidy": subsidy}
    check_inputs(years, tables, budget)
    data = PhasingData.build(sorted(int(y) for y in years), tables, budget)
    return _plan(data)


# --- the greedy plan ------------------------------------------------------------------------

def _plan(data: PhasingData) -> Phasing:
    n_u, n_y = data.cum_wanted.shape
    tol = NOISE_RTOL * max(1.0, float(data.cum_wanted[:, -1].sum()) if n_u else 1.0)
    invest = data.invest
    funded_at = np.full(len(invest), -1)
    unlocked = np.full(len(invest), np.nan)
    order: list[int] = []
    added = np.zeros((len(data.constraints), n_y))
    past = np.zeros(n_u)
    arrived = np.zeros((n_u, n_y))
    held = np.full((n_u, n_y), "", dtype=object)
    money = np.zeros((n_y, 4))  # available, investments, programme, carried
    carried = 0.0
    for t0, year in enumerate(data.years):
        horizon = Horizon(data, t0, past)
        available, spent = carried + data.budget[t0], 0.0
        while True:
            pick = _best_investment(horizon, data, added, funded_at, available - spent, t0, tol)
            if pick is None:
                break
            i, gain = pick
            funded_at[i], unlocked[i] = t0, gain
            order.append(i)
            spent += invest.at[i, "cost"]
            added += _capacity(data, i, year)
            log.info("%s: funded %s, unlocks %.0f residents", year, invest.at[i, "investment_id"],
                     gain)
        y, slack, unpaid = horizon.earliest(added, available - spent)
        arrived[:, t0] = np.where(y[:, 0] > tol, y[:, 0], 0.0)
        past += arrived[:, t0]
        waiting = data.cum_wanted[:, t0] - past
        poor = unpaid <= tol * max(1.0, float(data.subsidy.max(initial=0.0)))
        for u in np.flatnonzero(waiting > tol):
            held[u, t0] = _holder(data, u, t0, arrived[u, t0], slack, tol,
                                  poor=poor and data.subsidy[u] > 0)
        paid = float(data.subsidy @ arrived[:, t0])
        carried = available - spent - paid
        money[t0] = available, spent, paid, carried
    return Phasing(_investments_table(data, funded_at, unlocked, order),
                   _arrivals_table(data, arrived, held, tol),
                   pd.DataFrame({"year": data.years, "budget": data.budget,
                                 "available": money[:, 0], "investments": money[:, 1],
                                 "programme": money[:, 2], "spent": money[:, 1] + money[:, 2],
                                 "carried": money[:, 3]}))


def _capacity(data: PhasingData, i: int, year: int) -> np.ndarray:
    """Headroom added by investment ``i`` funded in ``year``, constraints x years."""
    row = data.invest.loc[i]
    added = np.zeros((len(data.constraints), len(data.years)))
    added[row["k"], data.years >= year + row["lead_years"]] = row["residents"]
    return added


def _best_investment(horizon: Horizon, data: PhasingData, added: np.ndarray, funded_at: np.ndarray,
                     money: float, t0: int, tol: float) -> tuple[int, float] | None:
    """The affordable unfunded investment unlocking the most residents per tenge, if any.

    Candidates are tried by an upper bound of their ratio: ``residents`` more headroom on ``k``
    lets at most ``residents / least share`` more residents of the units using ``k`` arrive,
    and no more than are still to come there; other units gain nothing, since no share is
    negative. Once the bound falls below the best ratio found, no later candidate can win.
    """
    invest = data.invest
    cost = invest["cost"].to_numpy()
    k = invest["k"].to_numpy()
    open_ = ((funded_at < 0) & (cost <= money + 1e-9 * max(money, 1.0))
             & (data.years[t0] + invest["lead_years"].to_numpy() <= data.years[-1]))
    bound = np.minimum(invest["residents"].to_numpy() / data.least_share[k], horizon.to_come[k])
    open_ &= bound > tol
    if not open_.any():
        return None
    with np.errstate(divide="ignore"):
        bound_ratio = np.where(cost > 0, bound / np.where(cost > 0, cost, 1.0), math.inf)
    base = horizon.most_arrivals(added, money)
    best: tuple[float, float, str, int, float] | None = None
    for i in sorted(np.flatnonzero(open_), key=lambda i: -bound_ratio[i]):
        if best is not None and bound_ratio[i] < best[0] * (1 - 1e-9):
            break
        # A tenge of the investment is a tenge the programme cannot pay arrivals with.
        gain = horizon.most_arrivals(added + _capacity(data, i, data.years[t0]),
                                     money - cost[i]) - base
        if gain > tol:
            ratio = gain / cost[i] if cost[i] > 0 else math.inf
            key = (ratio, cost[i], str(invest.at[i, "investment_id"]), i, gain)
            if best is None or _better(key, best):
                best = key
    return None if best is None else (best[3], best[4])


def _better(key: tuple, best: tuple) -> bool:
    """A higher ratio wins; among equal ratios (to 1e-9) the lower cost, then the lower id."""
    if not math.isclose(key[0], best[0], rel_tol=1e-9):
        return key[0] > best[0]
    return key[1:3] < best[1:3]


def _holder(data: PhasingData, u: int, t0: int, arrived: float, slack: np.ndarray,
            tol: float, *, poor: bool = False) -> str:
    """What holds unit ``u`` in year ``t0``: gate, housing, its tight constraint this year, the
    programme's money (``budget``: this year's is spent and ``u``'s arrivals are paid for) or
    its constraint tight later."""
    if data.closed[u, t0]:
        return "gate"
    if arrived >= data.step_cap[u, t0] - tol:
        return "housing"
    mine = np.sort(data.load_k[data.load_u == u])
    if poor and not (len(mine) and (slack[mine, 0] <= tol).any()):
        return "budget"
    if not len(mine):
        return ""
    tight = slack[mine] <= tol  # (its constraints, years from t0)
    if tight.any():
        first_year = np.flatnonzero(tight.any(axis=0))[0]
        return str(data.constraints[mine[np.flatnonzero(tight[:, first_year])[0]]])
    return str(data.constraints[mine[np.argmin(slack[mine].min(axis=1))]])


# --- result tables --------------------------------------------------------------------------

def _investments_table(data: PhasingData, funded_at: np.ndarray, unlocked: np.ndarray,
                       order: list[int]) -> pd.DataFrame:
    invest = data.invest
    funded = funded_at >= 0
    year = pd.array(np.where(funded, data.years[np.maximum(funded_at, 0)], 0), dtype="Int64")
    year[~funded] = pd.NA
    rank = np.zeros(len(invest), dtype=int)
    rank[order] = np.arange(1, len(order) + 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        per_mtenge = unlocked / invest["cost"].to_numpy() * 1e6
    table = pd.DataFrame({
        "investment_id": invest["investment_id"], "constraint_id": invest["constraint_id"],
        "network": [data.networks[k] for k in invest["k"]], "label": invest["label"],
        "cost": invest["cost"], "residents": invest["residents"],
        "lead_years": invest["lead_years"], "funded_year": year,
        "commissioned_year": year + pd.array(invest["lead_years"], dtype="Int64"),
        "unlocked": unlocked, "unlocked_per_mtenge": np.where(funded, per_mtenge, np.nan),
        "order": pd.array(np.where(funded, rank, 0), dtype="Int64")})
    table.loc[~funded, "order"] = pd.NA
    table["_rank"] = np.where(funded, rank, len(invest) + 1)
    return (table.sort_values("_rank", kind="stable").drop(columns="_rank")
            .reset_index(drop=True))


def _arrivals_table(data: PhasingData, arrived: np.ndarray, held: np.ndarray,
                    tol: float) -> pd.DataFrame:
    n_u, n_y = arrived.shape
    cumulative = arrived.cumsum(axis=1)
    waiting = data.cum_wanted - cumulative
    return pd.DataFrame({
        "unit_id": np.repeat(data.units.to_numpy(), n_y), "year": np.tile(data.years, n_u),
        "wanted": data.cum_wanted.ravel(), "arrived": arrived.ravel(),
        "cumulative": cumulative.ravel(), "waiting": np.where(waiting > tol, waiting, 0.0).ravel(),
        "held_by": held.ravel().astype(str)})


