"""Exact assignment of residents to facilities by linear programming (HiGHS).

This module owns the capacitated assignment behind the provision of schools, kindergartens and
polyclinics: who is served where when every facility has a capacity and residents only use
facilities within the norm's travel time. It also owns the tables that read the assignment by
territory, among them the use of facilities across the city boundary (how much of Talgar's
demand the city's facilities carry). The E2SFCA score lives in :mod:`planning.provision.e2sfca`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from geo.errors import LayerSchemaError, MissingDependencyError
from geo.i18n import _
from planning.provision.highs_quiet import (
    quiet_highs,
    run,
)

#: The served total of the second phase may fall this far (relative) below the first phase's
#: optimum, so that rounding never makes the second phase infeasible.
SERVED_RTOL = 1e-12
#: Flows below this share of the total demand or capacity are solver noise, not residents. It
#: is far above SERVED_RTOL: the second phase cannot trade served demand for visible flows.
NOISE_RTOL = 1e-9



@dataclass(frozen=True)
class Assignment:
    """Residents assigned to facilities, and what it means per point and per facility.

    Attributes
    ----------
    flows
        One row per point-facility pair that carries demand: ``point``, ``facility``,
        ``amount`` (in the norm's unit, always positive) and ``minutes``.
    by_point
        Indexed by point: ``demand``, ``served`` (assigned to some facility within the
        threshold) and ``unserved`` (``demand - served``: no capacity within reach).
    by_facility
        Indexed by facility: ``capacity``; ``served``, the demand the assignment sends there
        (never above capacity); ``nearest_demand``, the demand of the points whose nearest
        reachable facility is this one (ties go to the facility that comes first), the load the
        facility would see if everyone went to the nearest one (every given pair counts, a
        facility of zero capacity too); ``overload``,
        ``max(0, nearest_demand - capacity)``, the residents it would turn away. A planner
        reads ``overload`` as "overloaded": the assignment itself never exceeds a capacity.
    status
        ``"optimal"`` when HiGHS solved the program, ``"trivial"`` when no pair joins a point
        with demand to a facility with capacity and nothing was solved.
    objective
        The total served demand, the first objective (maximised).
    travel
        Sum of ``minutes * amount`` over the flows, the second objective (minimised with the
        served total held at its optimum).
    """

    flows: pd.DataFrame
    by_point: pd.DataFrame
    by_facility: pd.DataFrame
    status: str
    objective: float
    travel: float


def assign(pairs: pd.DataFrame, demand: pd.Series | np.ndarray,
           capacity: pd.Series | np.ndarray) -> Assignment:
    """Assign demand to facilities within reach, serving as much as capacities allow.

    Two linear programs are solved with HiGHS over the flows ``x`` of the given pairs: first
    maximise the served total ``sum(x)`` subject to ``sum_j x_ij <= demand_i``,
    ``sum_i x_ij <= capacity_j`` and ``x >= 0``; then, with the served total held at that
    optimum, minimise ``sum(minutes * x)``, so that among the assignments serving the most,
    residents go to nearer facilities. Unlike "everyone to the nearest", a point that reaches
    two facilities is sent to the farther one when that frees a place for a point that
    reaches only the nearer one.

    Parameters
    ----------
    pairs
        ``point``, ``facility`` and ``minutes``: the pairs within the norm's threshold. A pair
        given twice keeps its shortest time.
    demand
        Demand of each point in the norm's unit (places). A Series is indexed by the point ids
        that ``pairs`` uses; an array by position.
    capacity
        Capacity of each facility in the same unit, a Series indexed by facility id or an array.

    Returns
    -------
    Assignment
        Flows, and the tables by point and by facility (see :class:`Assignment` for what
        ``served``, ``nearest_demand`` and ``overload`` mean).

    Raises
    ------
    LayerSchemaError
        A column is missing, a value is negative or not finite, an id is repeated or unknown.
    MissingDependencyError
        highspy is not installed.
    AssignmentError
        HiGHS found no optimum.

    Examples
    --------
    Point 0 reaches facilities 0 and 1, point 1 only facility 0, ten places each: sending point
    0 to its nearest facility would leave point 1 unserved.

    >>> pairs = pd.DataFrame({"point": [0, 0, 1], "facility": [0, 1, 0],
    ...                       "minutes": [2.0, 5.0, 3.0]})
    >>> result = assign(pairs, np.array([10.0, 10.0]), np.array([10.0, 10.0]))
    >>> result.flows[["point", "facility", "amount"]].round(6).to_numpy().tolist()
    [[0.0, 1.0, 10.0], [1.0, 0.0, 10.0]]
    >>> result.by_facility["overload"].tolist()
    [10.0, 0.0]
    """
    demand = _amounts(demand, "demand")
    capacity = _amounts(capacity, "capacity")
    point, facility, minutes = _pair_positions(pairs, demand.index, capacity.index)
    d = demand.to_numpy()
    c = capacity.to_numpy()

    nearest = _nearest_demand(point, facility, minutes, d, len(c))
    useful = (d[point] > 0) & (c[facility] > 0)
    amount = np.zeros(len(point))
    status = "trivial"
    if useful.any():
        amount[useful] = _solve(point[useful], facility[useful], minutes[useful], d, c)
        status = "optimal"
    carried = amount > NOISE_RTOL * max(d.sum(), c.sum(), 1.0)
    point, facility, minutes, amount = (a[carried] for a in (point, facility, minutes, amount))

    served_at = np.bincount(point, amount, minlength=len(d))
    served_by = np.bincount(facility, amount, minlength=len(c))
    flows = pd.DataFrame({"point": demand.index.to_numpy()[point],
                          "facility": capacity.index.to_numpy()[facility],
                          "amount": amount, "minutes": minutes})
    by_point = pd.DataFrame({"demand": d, "served": np.minimum(served_at, d)}, index=demand.index)
    by_point["unserved"] = (by_point["demand"] - by_point["served"]).clip(lower=0.0)
    by_facility = pd.DataFrame({"capacity": c, "served": np.minimum(served_by, c),
                                "nearest_demand": nearest}, index=capacity.index)
    by_facility["overload"] = (by_facility["nearest_demand"] - by_facility["capacity"]).clip(0.0)
    return Assignment(flows, by_point, by_facility, status, float(amount.sum()),
                      float(minutes @ amount))


def by_group(assignment: Assignment, point_group: pd.Series | np.ndarray,
             facility_group: pd.Series | np.ndarray) -> pd.DataFrame:
    """Served demand from each home group to each facility group.

    Parameters
    ----------
    assignment
        The result of :func:`assign`.
    point_group
        The group of every point (its ``unit_id``, or its territory): a Series indexed by point
        id, or an array in the order of ``assignment.by_point``.
    facility_group
        The group of every facility, likewise.

    Returns
    -------
    pandas.DataFrame
        ``home``, ``served_in`` and ``amount``, one row per pair of groups that carries demand;
        ``.set_index(["home", "served_in"])["amount"].unstack()`` gives the matrix.

    Examples
    --------
    >>> pairs = pd.DataFrame({"point": [0, 1], "facility": [0, 0], "minutes": [5.0, 9.0]})
    >>> result = assign(pairs, np.array([30.0, 20.0]), np.array([40.0]))
    >>> table = by_group(result, np.array(["city", "talgar"]), np.array(["city"]))
    >>> table.round(6).to_numpy().tolist()
    [['city', 'city', 30.0], ['talgar', 'city', 10.0]]
    """
    frame = _flows_by_group(assignment, point_group, facility_group)
    return frame.groupby(["home", "served_in"], as_index=False, sort=True)["amount"].sum()


def cross_boundary(assignment: Assignment, point_territory: pd.Series | np.ndarray,
                   facility_territory: pd.Series | np.ndarray) -> pd.DataFrame:
    """Demand of each territory served by its own facilities and by its neighbours'.

    Parameters
    ----------
    assignment
        The result of :func:`assign`.
    point_territory
        Territory of every point (``"almaty"``, ``"talgar"`` ...): a Series indexed by point id,
        or an array in the order of ``assignment.by_point``.
    facility_territory
        Territory of every facility, likewise.

    Returns
    -------
    pandas.DataFrame
        Indexed by home territory: ``demand``, ``served``, ``served_at_home``,
        ``served_elsewhere``, ``share_served_elsewhere`` (of the served demand),
        ``largest_carrier`` (the outside territory that serves the most of it; missing when
        none does) and ``largest_carrier_share`` (of the served demand). Shares are NaN where
        nothing is served.

    Examples
    --------
    Talgar's 50 places are served 20 at home and 30 in the city:

    >>> pairs = pd.DataFrame({"point": [0, 0], "facility": [0, 1], "minutes": [5.0, 20.0]})
    >>> result = assign(pairs, np.array([50.0]), np.array([20.0, 100.0]))
    >>> table = cross_boundary(result, np.array(["talgar"]), np.array(["talgar", "almaty"]))
    >>> table.loc["talgar", ["served_at_home", "served_elsewhere"]].round(6).tolist()
    [20.0, 30.0]
    >>> table.loc["talgar", "largest_carrier"]
    'almaty'
    >>> round(float(table.loc["talgar", "largest_carrier_share"]), 6)
    0.6
    """
    homes = _labels(point_territory, assignment.by_point.index, "point_territory")
    frame = _flows_by_group(assignment, point_territory, facility_territory)
    outside = frame["home"].to_numpy() != frame["served_in"].to_numpy()
    by_point = assignment.by_point
    table = by_point[["demand", "served"]].groupby(homes, sort=True).sum()
    table.index.name = "territory"
    elsewhere = frame.loc[outside].groupby("home")["amount"].sum()
    table["served_elsewhere"] = elsewhere.reindex(table.index, fill_value=0.0)
    table.insert(2, "served_at_home", frame.loc[~outside].groupby("home")["amount"].sum()
                 .reindex(table.index, fill_value=0.0))
    served = table["served"].where(table["served"] > 0)
    table["share_served_elsewhere"] = table["served_elsewhere"] / served
    carriers = (frame.loc[outside].groupby(["home", "served_in"], as_index=False)["amount"].sum()
                .sort_values(["home", "amount", "served_in"], ascending=[True, False, True],
                             kind="stable")
                .drop_duplicates("home").set_index("home"))
    table["largest_carrier"] = carriers["served_in"].reindex(table.index)
    table["largest_carrier_share"] = (carriers["amount"].reindex(table.index, fill_value=0.0)
                                      / served)
    return table


def _solve(point: np.ndarray, facility: np.ndarray, minutes: np.ndarray, demand: np.ndarray,
           capacity: np.ndarray) -> np.ndarray:
    """Flows of the lexicographic optimum over pairs whose ends all have demand and capacity."""
    try:
        import highspy
    except ImportError as exc:
        raise MissingDependencyError(_("The exact assignment of residents to facilities needs the "
                                       "package highspy (HiGHS), which is not installed. Install "
                                       "it with: pip install highspy")) from exc
    points, point_row = np.unique(point, return_inverse=True)
    facilities, facility_row = np.unique(facility, return_inverse=True)
    n, n_rows = len(point), len(points) + len(facilities)
    upper = np.concatenate([demand[points], capacity[facilities]])

    # Column k has two nonzeros: its point's row and its facility's row (CSC, rows ascending).
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = n, n_rows
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.col_cost_ = np.ones(n)
    lp.col_lower_ = np.zeros(n)
    lp.col_upper_ = np.minimum(demand[point], capacity[facility])
    lp.row_lower_ = np.full(n_rows, -highspy.kHighsInf)
    lp.row_upper_ = upper
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.num_col_, lp.a_matrix_.num_row_ = n, n_rows
    lp.a_matrix_.start_ = np.arange(0, 2 * n + 1, 2, dtype=np.int32)
    lp.a_matrix_.index_ = np.column_stack([point_row, len(points) + facility_row]) \
        .ravel().astype(np.int32)
    lp.a_matrix_.value_ = np.ones(2 * n)

    highs = quiet_highs(highspy)
    highs.passModel(lp)
    # Maximising the served total is highly degenerate: the simplex method took 144 s on 20,000
    # points x 300 facilities (120,000 pairs) where the interior point method with crossover
    # takes 1 s. On 100,000 points x 500 facilities the two phases take 14 s and 21 s by
    # interior point, against 36 s for the second by a warm-started dual simplex.
    highs.setOptionValue("solver", "ipm")
    run(highs, highspy, "max served")
    # The floor is the first phase's own point, feasible for the second by construction.
    best = float(np.sum(highs.getSolution().col_value))
    columns = np.arange(n, dtype=np.int32)
    highs.addRow(best * (1 - SERVED_RTOL), highspy.kHighsInf, n, columns, np.ones(n))
    highs.changeColsCost(n, columns, np.asarray(minutes, dtype=float))
    highs.changeObjectiveSense(highspy.ObjSense.kMinimize)
    run(highs, highspy, "min travel")
    return np.clip(np.asarray(highs.getSolution().col_value), 0.0, None)












def _nearest_demand(point: np.ndarray, facility: np.ndarray, minutes: np.ndarray,
                    demand: np.ndarray, n_facilities: int) -> np.ndarray:
    """Demand of the points whose nearest reachable facility is each facility."""
    order = np.lexsort((facility, minutes, point))  # by point, then minutes, then facility
    first = np.ones(len(order), dtype=bool)
    first[1:] = point[order][1:] != point[order][:-1]
    nearest = order[first]
    return np.bincount(facility[nearest], demand[point[nearest]], minlength=n_facilities)


def _pair_positions(pairs: pd.DataFrame, points: pd.Index,
                    facilities: pd.Index) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Positions of each pair's point and facility, and its minutes; duplicates keep the least."""
    missing = [c for c in ("point", "facility", "minutes") if c not in pairs.columns]
    if missing:
        raise LayerSchemaError(_("The table of point-facility pairs lacks the columns: {columns}. "
                                 "It needs the columns point, "
                                 "facility and minutes.", columns=", ".join(missing)))
    minutes = pd.to_numeric(pairs["minutes"], errors="coerce").to_numpy(float)
    _check_amounts(minutes, pairs.index, "minutes")
    positions = []
    for column, index in (("point", points), ("facility", facilities)):
        position = index.get_indexer(pairs[column])
        unknown = position < 0
        if unknown.any():
            msg = _("The pairs name {count} ids in column '{what}' that are not in the inputs "
                    "(for example '{label}'). Build the pairs from the same points and "
                    "facilities.",
                    what=column, count=int(unknown.sum()),
                     label=pairs[column].to_numpy()[unknown][0])
            raise LayerSchemaError(msg)
        positions.append(position)
    point, facility = positions
    order = np.lexsort((minutes, facility, point))
    first = np.ones(len(order), dtype=bool)
    first[1:] = (point[order][1:] != point[order][:-1]) | \
                (facility[order][1:] != facility[order][:-1])
    keep = order[first]
    return point[keep], facility[keep], minutes[keep]


def _amounts(values: pd.Series | np.ndarray, what: str) -> pd.Series:
    """Demand or capacity as a float Series with unique ids, every value finite and >= 0."""
    if isinstance(values, pd.Series):
        series = pd.Series(pd.to_numeric(values, errors="coerce").to_numpy(float),
                           index=values.index)
    else:
        series = pd.Series(np.asarray(values, dtype=float).reshape(-1))
    duplicated = series.index.duplicated()
    if duplicated.any():
        msg = _("'{what}': the id '{label}' occurs more than once. Ids of points and facilities "
                "must be unique.", what=what,
                 label=series.index[duplicated][0])
        raise LayerSchemaError(msg)
    _check_amounts(series.to_numpy(), series.index, what)
    return series


def _check_amounts(values: np.ndarray, index: pd.Index, what: str) -> None:
    bad = ~np.isfinite(values) | (values < 0)
    if bad.any():
        msg = _("'{what}': {count} values are negative, missing or infinite (for example at "
                "'{label}': {value}). Fix them in the input layer.",
                what=what, count=int(bad.sum()),
                 label=index[bad][0], value=values[bad][0])
        raise LayerSchemaError(msg)


def _labels(groups: pd.Series | np.ndarray, index: pd.Index, what: str) -> np.ndarray:
    """Group labels aligned to ``index``: a Series by id, anything else by position."""
    if isinstance(groups, pd.Series):
        aligned = groups.reindex(index)
    else:
        array = np.asarray(groups, dtype=object).reshape(-1)
        if len(array) != len(index):
            msg = _("'{what}' has {given} values for {expected} items. Give one per item, in the "
                    "order of the assignment's table, or a Series "
                    "indexed by id.", what=what, given=len(array),
                     expected=len(index))
            raise LayerSchemaError(msg)
        aligned = pd.Series(array, index=index)
    missing = aligned.isna().to_numpy()
    if missing.any():
        msg = _("'{what}': {count} items have no group or territory (for example '{label}'). Give "
                "one for every point and every facility.",
                what=what, count=int(missing.sum()),
                 label=aligned.index[missing][0])
        raise LayerSchemaError(msg)
    return aligned.to_numpy()


def _flows_by_group(assignment: Assignment, point_group: pd.Series | np.ndarray,
                    facility_group: pd.Series | np.ndarray) -> pd.DataFrame:
    """The flows with the home group of their point and the group of their facility."""
    homes = _labels(point_group, assignment.by_point.index, "point_group")
    hosts = _labels(facility_group, assignment.by_facility.index, "facility_group")
    flows = assignment.flows
    return pd.DataFrame({
        "home": homes[assignment.by_point.index.get_indexer(flows["point"])],
        "served_in": hosts[assignment.by_facility.index.get_indexer(flows["facility"])],
        "amount": flows["amount"].to_numpy(),
    })
