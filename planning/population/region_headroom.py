"""The readiness headroom of each region, as a covariate of the push-and-pull model.

The readiness model (:mod:`planning.provision.readiness`) says, per unit, how many more
residents it can take: ``readiness_actual`` (else ``readiness_registered``), the lowest network
headroom where the transport gate is open, at most zero where it is closed (a deficit stays
negative). The push-and-pull fit joins on regions
(:mod:`planning.population.region_push_pull`), so the headroom is summed over the workspace's
units of each region and enters, in thousands of residents, at the origin and the destination.

Decisions:

- **A region is assessed only when every unit of it in the workspace has a figure.** A unit
  missing from ``readiness_units``, or with no readiness figure (on no network that could be
  assessed), leaves its region's headroom unknown: it is never summed as 0.
- **All or nothing for a fit.** The covariate enters only when every region of the pairs the
  fit would keep is assessed; otherwise it is *not assessed* for that fit, left out with the
  reason (:data:`NOT_ASSESSED_MESSAGES`) and the regions that lack it, and the fit runs on the
  other covariates. Dropping the pairs of the regions without readiness instead would make the
  fit of a city workspace (its readiness covers one region) a fit of nothing.
- **Not a log.** A region's sum can be zero or negative (a deficit); a log would have to clip
  it, which hides the deficit. One thousand residents more of headroom changes the flow by
  ``exp(coef) - 1``.
- **The workspace's units, not the whole region.** Where the workspace holds part of a region,
  the headroom is that part's; the report and ``qonys flows --push-pull`` say the figure is the
  sum over the workspace's units.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from geo.i18n import N_, _, current_language
from planning.population.flow_problems import normalise_codes

#: The covariate's key in the fit.
HEADROOM = "readiness_headroom_thousand"
#: The readiness model's figure per unit, in the order looked for.
READINESS_COLUMNS = ("readiness_actual", "readiness_registered")
RESIDENTS_PER_UNIT = 1000.0

#: Why the headroom was left out of a fit, by key.
NOT_ASSESSED_MESSAGES = {
    "no_readiness": N_("the workspace has no readiness results (run `qonys readiness`)"),
    "no_column": N_("the readiness results have no column readiness_actual or "
                    "readiness_registered (run `qonys readiness` again)"),
    "regions": N_("no readiness figure for every unit of the regions {regions}"),
    "constant": N_("the same at every region of the fit"),
}


@dataclass(frozen=True)
class RegionHeadroom:
    """The headroom per region and whether the fit can use it.

    Attributes
    ----------
    values
        Thousands of residents, indexed by region code: the regions whose every unit in the
        workspace has a readiness figure.
    basis
        The readiness column summed (``readiness_actual`` or ``readiness_registered``), or
        ``None``.
    reason
        ``""`` where the fit uses the headroom, else a key of :data:`NOT_ASSESSED_MESSAGES`.
    lacking
        The regions of the fit without a headroom (for ``reason == "regions"``).
    """

    values: pd.Series
    basis: str | None
    reason: str = ""
    lacking: tuple[str, ...] = ()

    @property
    def assessed(self) -> bool:
        return self.reason == ""


def region_headroom(readiness: pd.DataFrame | None, regions_of_units: pd.Series) -> RegionHeadroom:
    """Sum the readiness of the workspace's units per region, in thousands of residents.

    Parameters
    ----------
    readiness
        The table ``readiness_units`` (``unit_id`` and ``readiness_actual`` or
        ``readiness_registered``), or ``None`` when the workspace has none.
    regions_of_units
        Each unit's region code, indexed by ``unit_id``
        (:func:`planning.population.region_push_pull.unit_regions`).

    Examples
    --------
    Region ``r1`` has two units that can take 1,500 and -500 residents; ``r2`` has a unit
    without a figure, so it is not assessed.

    >>> ready = pd.DataFrame({"unit_id": ["a", "b", "c"],
    ...                       "readiness_actual": [1500.0, -500.0, np.nan]})
    >>> regions = pd.Series(["r1", "r1", "r2"], index=["a", "b", "c"])
    >>> region_headroom(ready, regions).values.to_dict()
    {'r1': 1.0}
    """
    empty = pd.Series(dtype=float, name=HEADROOM)
    if readiness is None:
        return RegionHeadroom(values=empty, basis=None, reason="no_readiness")
    table = readiness.reset_index() if "unit_id" not in readiness else readiness
    basis = next((c for c in READINESS_COLUMNS if c in table), None)
    if basis is None:
        return RegionHeadroom(values=empty, basis=None, reason="no_column")
    figures = pd.Series(pd.to_numeric(table[basis], errors="coerce").to_numpy(float),
                        index=normalise_codes(table["unit_id"].astype(str)).to_numpy())
    figures = figures[~figures.index.duplicated()]
    regions = regions_of_units.dropna()
    regions = regions[~regions.index.duplicated()]
    own = figures.reindex(regions.index.astype(str))
    frame = pd.DataFrame({"region": regions.to_numpy(), "residents": own.to_numpy(float)})
    known = np.isfinite(frame["residents"]).groupby(frame["region"]).all()
    summed = frame.groupby("region")["residents"].sum() / RESIDENTS_PER_UNIT
    values = summed[known.reindex(summed.index).to_numpy(bool)].rename(HEADROOM)
    return RegionHeadroom(values=values.astype(float), basis=basis)


def headroom_for_fit(headroom: RegionHeadroom, regions: set[str]) -> RegionHeadroom:
    """Whether ``headroom`` can enter a fit whose pairs run between ``regions``."""
    if not headroom.assessed:
        return headroom
    lacking = tuple(sorted(regions - set(headroom.values.index)))
    if lacking:
        return RegionHeadroom(values=headroom.values, basis=headroom.basis, reason="regions",
                              lacking=lacking)
    used = headroom.values.reindex(sorted(regions)).to_numpy(float)
    if len(used) and np.ptp(used) == 0:
        return RegionHeadroom(values=headroom.values, basis=headroom.basis, reason="constant")
    return headroom


def headroom_note(headroom: RegionHeadroom, *, lang: str | None = None,
                  names: Mapping[str, str] | pd.Series | None = None) -> str:
    """One sentence on the headroom covariate: what entered, or why it is not assessed.

    ``names`` gives region names by code for the regions that lack it (default: the names of
    ``data/reference/places.csv`` in ``lang``, else the codes).
    """
    if headroom.assessed:
        return _("Readiness headroom: the residents the workspace's units of each region can "
                 "still take ({column}, summed over the units, in thousands), at both ends of "
                 "each pair.", lang=lang, column=headroom.basis)
    if names is None:
        from planning.population.places import place_names

        names = place_names(lang or current_language()) if headroom.lacking else {}
    shown = [str(names.get(code, code)) for code in headroom.lacking]
    more = len(shown) - 5
    regions = ", ".join(shown[:5]) + (f" (+{more})" if more > 0 else "")
    reason = _(NOT_ASSESSED_MESSAGES[headroom.reason], lang=lang, regions=regions)
    return _("Readiness headroom: not assessed, {reason}; the fit leaves it out.", lang=lang,
             reason=reason)
