"""The phasing model as arrays and the HiGHS linear program over the years still to plan.

:class:`PhasingData` holds the checked inputs of :func:`planning.proposals.phasing.plan_phasing` as
arrays; :class:`Horizon` is the linear program over the remaining years that the greedy plan
of :mod:`planning.proposals.phasing` solves again and again (see that module for the model).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from geo.errors import MissingDependencyError, QonysError
from geo.i18n import _
from planning.proposals.phasing_checks import SCHEMA

#: The second objective may cost this share of the most arrivals (so it stays feasible).
FLOOR_RTOL = 1e-9


class PhasingSolverError(QonysError, RuntimeError):
    """HiGHS found no optimum (a programming or numerical failure)."""


# --- the model's data -----------------------------------------------------------------------

@dataclass
class PhasingData:
    """The inputs as arrays: units x years, constraints x years, loads as triples."""

    years: np.ndarray
    units: pd.Index
    cum_wanted: np.ndarray      # (units, years)
    step_cap: np.ndarray        # (units, years): arrivals cap, inf where uncapped, 0 if closed
    closed: np.ndarray          # (units, years)
    constraints: pd.Index
    networks: list
    headroom: np.ndarray        # (constraints, years)
    load_k: np.ndarray
    load_u: np.ndarray
    load_share: np.ndarray
    invest: pd.DataFrame        # investments with position k, lead_years, label
    budget: np.ndarray
    subsidy: np.ndarray | None = None   # (units,): the programme's tenge per person arriving

    @property
    def least_share(self) -> np.ndarray:
        """The least positive share of each constraint's units (inf where none uses it)."""
        least = np.full(len(self.constraints), np.inf)
        np.minimum.at(least, self.load_k, self.load_share)
        return least

    @classmethod
    def build(cls, years: list[int], tables: dict, budget: float | Mapping) -> PhasingData:
        tables = {name: _clean(name, frame) for name, frame in tables.items()}
        wanted, cons, loads = tables["wanted"], tables["constraints"], tables["loads"]
        units = pd.Index(pd.unique(wanted["unit_id"]))
        grid = lambda frame, col: (frame.groupby(["unit_id", "year"])[col].sum()  # noqa: E731
                                   .unstack().reindex(index=units, columns=years))
        cum_wanted = grid(wanted, "persons").fillna(0.0).to_numpy(float).cumsum(axis=1)
        step_cap = np.full(cum_wanted.shape, np.inf)
        housing, gates = tables["housing"], tables["gates"]
        if housing is not None and len(housing):
            homes = grid(housing, "persons")
            listed = units.isin(housing["unit_id"])
            step_cap[listed] = homes.fillna(0.0).to_numpy(float)[listed]
        closed = np.zeros(cum_wanted.shape, dtype=bool)
        if gates is not None and len(gates):
            shut = gates.assign(shut=~gates["open"].astype(bool))
            closed = grid(shut, "shut").fillna(0).to_numpy(float) > 0
        step_cap[closed] = 0.0
        names = pd.Index(pd.unique(cons["constraint_id"]))
        headroom = (cons.pivot(index="constraint_id", columns="year", values="headroom")
                    .reindex(index=names, columns=years).ffill(axis=1).to_numpy(float))
        networks = cons.drop_duplicates("constraint_id").set_index("constraint_id")["network"]
        used = loads[loads["unit_id"].isin(units) & (loads["share"] > 0)]
        invest = _investments_frame(tables["investments"], names)
        if isinstance(budget, Mapping):
            money = np.array([float(budget.get(y, 0.0)) for y in years])
        else:
            money = np.full(len(years), float(budget))
        subsidy = tables.get("subsidy")
        pay = np.zeros(len(units)) if subsidy is None else (
            subsidy.set_index("unit_id")["tenge_per_person"].reindex(units).fillna(0.0)
            .to_numpy(float))
        return cls(np.asarray(years), units, cum_wanted, step_cap, closed, names,
                   networks.reindex(names).tolist(), headroom,
                   names.get_indexer(used["constraint_id"]), units.get_indexer(used["unit_id"]),
                   used["share"].to_numpy(float), invest, money, pay)


def _clean(name: str, frame: pd.DataFrame | None) -> pd.DataFrame | None:
    """A checked table with its numbers as floats and its years as integers."""
    if frame is None:
        return None
    frame = frame.reset_index(drop=True)
    numbers = {c: pd.to_numeric(frame[c]).astype(float) for c in SCHEMA[name][2] if c in frame}
    if "year" in frame:
        numbers["year"] = pd.to_numeric(frame["year"]).astype(int)
    return frame.assign(**numbers)


def _investments_frame(frame: pd.DataFrame, names: pd.Index) -> pd.DataFrame:
    """The investments with defaults filled and the position ``k`` of their constraint."""
    frame = frame.copy()
    lead = frame["lead_years"].fillna(0) if "lead_years" in frame else 0
    frame["lead_years"] = pd.Series(lead, index=frame.index).astype(int)
    frame["label"] = frame["label"].fillna("") if "label" in frame else ""
    frame["k"] = names.get_indexer(frame["constraint_id"])
    return frame


# --- the linear program over the remaining years --------------------------------------------

class Horizon:
    """The LP over the years ``t0 ..`` with the arrivals before ``t0`` fixed.

    Column ``(u, r)`` is ``y``, the cumulative arrivals of unit ``u`` from year ``t0`` through
    ``t0 + r``, bounded by the wanted not yet arrived. Rows: the year's arrivals
    ``y[u, r] - y[u, r-1]`` within ``[0, step_cap]``; then for each constraint and year,
    ``sum_u share * y[u, r] <= capacity - load already placed``; then, where the programme pays
    for arrivals, for each year ``sum_u subsidy_u * y[u, r] <= money``: what is left this year
    plus the budgets of the years after it, up to ``t0 + r`` (unspent money carries over).
    """

    def __init__(self, data: PhasingData, t0: int, past: np.ndarray) -> None:
        try:
            import highspy
        except ImportError as exc:
            raise MissingDependencyError(_("The phasing plan needs the package highspy (HiGHS), "
                                           "which is not installed. Install it with: pip install "
                                           "highspy")) from exc
        from scipy import sparse

        self.hs, self.data, self.t0 = highspy, data, t0
        n_u, n_r, n_k = len(data.units), len(data.years) - t0, len(data.constraints)
        self.shape = (n_u, n_r)
        self.past_load = np.bincount(data.load_k, data.load_share * past[data.load_u],
                                     minlength=n_k)
        #: Residents still to come, over the units using each constraint.
        self.to_come = np.bincount(data.load_k, (data.cum_wanted[:, -1] - past)[data.load_u],
                                   minlength=n_k)
        cols = np.arange(n_u * n_r).reshape(n_u, n_r)
        later = cols[:, 1:].ravel()
        cap_rows = n_u * n_r + data.load_k[:, None] * n_r + np.arange(n_r)
        pay = np.zeros(n_u) if data.subsidy is None else data.subsidy
        paid = np.flatnonzero(pay > 0)
        self.n_cap = n_k * n_r
        self.n_money = n_r if len(paid) else 0
        money_rows = n_u * n_r + self.n_cap + np.tile(np.arange(n_r), len(paid))
        rows = np.concatenate([cols.ravel(), later, cap_rows.ravel(), money_rows])
        index = np.concatenate([cols.ravel(), later - 1, cols[data.load_u].ravel(),
                                cols[paid].ravel()])
        values = np.concatenate([np.ones(n_u * n_r), -np.ones(len(later)),
                                 np.repeat(data.load_share, n_r), np.repeat(pay[paid], n_r)])
        matrix = sparse.csr_matrix((values, (rows, index)),
                                   shape=(n_u * n_r + self.n_cap + self.n_money, n_u * n_r))
        lp = highspy.HighsLp()
        lp.num_col_, lp.num_row_ = matrix.shape[1], matrix.shape[0]
        lp.sense_ = highspy.ObjSense.kMaximize
        cost = np.zeros(self.shape)
        cost[:, -1] = 1.0  # the most residents by the last year
        lp.col_cost_ = cost.ravel()
        lp.col_lower_ = np.zeros(lp.num_col_)
        upper = np.maximum(data.cum_wanted[:, t0:] - past[:, None], 0.0)
        lp.col_upper_ = upper.ravel()
        lp.row_lower_ = np.concatenate([np.zeros(n_u * n_r),
                                        np.full(self.n_cap + self.n_money, -highspy.kHighsInf)])
        lp.row_upper_ = np.concatenate([data.step_cap[:, t0:].ravel(), np.zeros(self.n_cap),
                                        np.full(self.n_money, highspy.kHighsInf)])
        lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
        lp.a_matrix_.num_col_, lp.a_matrix_.num_row_ = lp.num_col_, lp.num_row_
        lp.a_matrix_.start_ = matrix.indptr.astype(np.int32)
        lp.a_matrix_.index_ = matrix.indices.astype(np.int32)
        lp.a_matrix_.value_ = matrix.data
        self.lp = lp
        self.highs = self._fresh()
        self.cap_index = np.arange(n_u * n_r, n_u * n_r + self.n_cap, dtype=np.int32)
        start = n_u * n_r + self.n_cap
        self.money_index = np.arange(start, start + self.n_money, dtype=np.int32)
        self.rhs = np.zeros((n_k, n_r))
        self.money = np.full(self.n_money, np.inf)

    def most_arrivals(self, added: np.ndarray, money: float = np.inf) -> float:
        """The most residents that can arrive by the last year with ``added`` capacity and
        ``money`` left this year for the programme's payments (later years: their budgets).
        """
        if self.highs.getNumCol() == 0:
            return 0.0
        total = np.maximum(self.data.headroom[:, self.t0:] + added[:, self.t0:], 0.0)
        self.rhs = np.maximum(total - self.past_load[:, None], 0.0)
        self.highs.changeRowsBounds(self.n_cap, self.cap_index,
                                    np.full(self.n_cap, -self.hs.kHighsInf), self.rhs.ravel())
        if self.n_money:
            later = np.concatenate([[0.0], np.cumsum(self.data.budget[self.t0 + 1:])])
            self.money = np.maximum(money, 0.0) + later
            self.highs.changeRowsBounds(self.n_money, self.money_index,
                                        np.full(self.n_money, -self.hs.kHighsInf),
                                        np.minimum(self.money, self.hs.kHighsInf))
        self._run("most arrivals")
        return float(self.highs.getInfo().objective_function_value)

    def earliest(self, added: np.ndarray, money: float = np.inf
                 ) -> tuple[np.ndarray, np.ndarray, float]:
        """Cumulative arrivals ``y`` (units x years) of the earliest plan among the largest,
        the capacity rows' slack (constraints x years) and this year's money left unpaid
        (inf without payments).

        Solved from scratch: the optimum is not unique (who arrives first among equals), and
        a solver warm-started by the candidates tried before would pick by that history.
        """
        self.highs = self._fresh()
        best = self.most_arrivals(added, money)
        if self.highs.getNumCol() == 0:
            return np.zeros(self.shape), self.rhs, np.inf
        n = self.highs.getNumCol()
        last = np.arange(self.shape[0], dtype=np.int32) * self.shape[1] + self.shape[1] - 1
        self.highs.addRow(best - FLOOR_RTOL * max(best, 1.0), self.hs.kHighsInf, len(last),
                          last, np.ones(len(last)))
        self.highs.changeColsCost(n, np.arange(n, dtype=np.int32), np.ones(n))
        self._run("earliest arrivals")
        solution = self.highs.getSolution()
        y = np.clip(np.asarray(solution.col_value), 0.0, None).reshape(self.shape)
        row_value = np.asarray(solution.row_value)
        used = row_value[self.cap_index].reshape(self.rhs.shape)
        unpaid = float(self.money[0] - row_value[self.money_index[0]]) if self.n_money \
            else np.inf
        return y, self.rhs - used, unpaid

    def _fresh(self) -> object:
        from planning.provision.highs_quiet import quiet_highs

        highs = quiet_highs(self.hs)
        highs.passModel(self.lp)
        return highs

    def _run(self, phase: str) -> None:
        self.highs.run()
        status = self.highs.getModelStatus()
        if status != self.hs.HighsModelStatus.kOptimal:
            msg = _("HiGHS found no optimum of the phasing plan ({phase}): status '{status}'. "
                    "Report a bug with the input tables attached.", phase=phase,
                     status=self.highs.modelStatusToString(status))
            raise PhasingSolverError(msg)

