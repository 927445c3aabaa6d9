"""The packages of a scenario's proposals: what a target unit can take at the horizon once the
facilities and utility expansions proposed for it are built, and the housing that limits it.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from planning.norms import Norms

log = logging.getLogger(__name__)



def packages(run, facilities, utilities, so_far: pd.Series, target: set[str], *,
              years: list[int]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One readiness constraint and one investment package per unit the programme targets.

    A unit takes arrivals only when every network it is on has room, so an investment in one
    network alone unlocks nobody where two are short; the phasing therefore funds, per unit, the
    package of the proposals that lift its minimum: the new facilities sited in it and the
    expansions of its zones (a zone's expansion counted in proportion to the unit's share of
    the zone's demand). The constraint ``ready:<unit>`` is the minimum headroom over the unit's
    networks each year, before the programme's arrivals; the package adds, at the horizon, the
    rise of that minimum.
    """
    nets = run.forecast.networks
    nets = nets[(nets["basis"] == "actual") & nets["networked"].fillna(False).astype(bool)
                & nets["unit_id"].isin(target)]
    horizon = max(run.forecast.years)
    zone_demand = run.forecast.networks.query("basis == 'actual' and year == @horizon") \
        .groupby(["network", "zone_id"])["demand"].sum()
    constraints, packages = [], []
    for unit_id, own in nets.groupby("unit_id"):
        room = own.pivot_table(index="year", columns="network", values="headroom")
        for year in years:
            back = float(so_far.get((unit_id, year), 0.0))
            constraints.append((f"ready:{unit_id}", "all", year,
                                float(room.loc[year].min()) + back))
        added = pd.Series(0.0, index=room.columns)
        parts, cost = [], 0.0
        for row in facilities[facilities["unit_id"] == unit_id].itertuples():
            if row.network in added.index:
                added[row.network] += row.capacity / run.norms.get(row.network,
                                                                   row.region).per_resident
                parts.append(row.proposal_id)
                cost += row.cost_tenge
        last = own[own["year"] == horizon].set_index("network")
        for row in utilities.itertuples():
            if row.network in last.index and last.loc[row.network, "zone_id"] == row.zone_id:
                share = last.loc[row.network, "demand"] / zone_demand[(row.network,
                                                                       row.zone_id)]
                added[row.network] += row.residents * share
                parts.append(row.proposal_id)
                cost += row.cost_tenge * share
        end = room.loc[horizon] + float(so_far.get((unit_id, horizon), 0.0))
        lift = float((end + added).min() - end.min())
        if parts and lift > 0:
            packages.append((f"P-{unit_id}", f"ready:{unit_id}", lift, cost, 0,
                             ",".join(parts)))
    return (pd.DataFrame(constraints, columns=["constraint_id", "network", "year", "headroom"]),
            pd.DataFrame(packages, columns=["investment_id", "constraint_id", "residents",
                                            "cost", "lead_years", "label"]))


def housing_persons(layers, norms: Norms) -> pd.DataFrame | None:
    housing = layers.get("housing")
    if housing is None or housing.empty:
        return None
    per_dwelling = norms.figure("housing", "persons_per_dwelling").value
    table = housing.groupby(["unit_id", "year"], as_index=False)["dwellings"].sum()
    table["persons"] = np.floor(table["dwellings"] * per_dwelling)
    return table[["unit_id", "year", "persons"]]
