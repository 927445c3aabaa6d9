"""The resettlement programme's levers: its incentives, their cost and the take-up they buy.

A scenario's ``programme`` (see ``data/scenarios/README.md``) names the package a resettled
family receives, in MRP (the monthly calculation index), and quotas by destination region::

    programme:
      incentives:                       # MRP; an item left out is the norms' published one
        relocation_mrp_per_member: 70   # one-off, per family member
        rent_mrp_per_family_month: 30   # rent and utilities, per family and month
        rent_months: 12
        housing_certificate_mrp: 1625   # per family
        employer_subsidy_mrp: 400       # per family
        source: "..."                   # required
      quotas:                           # optional: persons a year by region of the units
        - {region: astana, persons: 20000, year: 2026, source: "..."}   # year: every year

The package per family is ``I = relocation x persons_per_family + rent x months + certificate
+ employer`` MRP; its price in tenge is ``I x mrp_tenge``, per person ``I x mrp_tenge /
persons_per_family`` (the norms' section ``resettlement_programme``, every figure sourced).

Take-up (the share of the planned who move) is logistic, anchored at the programme's 2025
result (5,213 moved of 9,653 planned, ``p0`` = 0.54) with the package of that year ``I0``::

    logit p = logit p0 + (e_I ln(I / I0) + e_R (r - 1)) / (1 - p0)

``r`` is the destination's readiness: the share of the unit's planned arrivals it can take in
the base year (its readiness, residents, of the actual population over the planned, at most 1;
0 in a deficit or behind a closed gate; 1, the anchor's, where readiness was not assessed).
At the anchor ``e_I`` is the elasticity of take-up to the package (d ln p / d ln I) and ``e_R``
its semi-elasticity to readiness (d ln p / d r): ASSUMPTIONS until an evaluation gives them,
and every table and report that shows a take-up says so.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import yaml

from geo.i18n import N_
from planning.forecast.scenario_yaml import close_hint
from planning.norms import Norms

#: The package's items (MRP), in the order of the formula.
INCENTIVES = ("relocation_mrp_per_member", "rent_mrp_per_family_month", "rent_months",
              "housing_certificate_mrp", "employer_subsidy_mrp")
QUOTA_KEYS = ("region", "persons", "year", "source")
SECTION = "resettlement_programme"
TAKE_UP_COLUMNS = ["unit_id", "year", "planned", "readiness_share", "take_up", "arrivals",
                   "tenge_per_person", "cost_tenge"]


@dataclass(frozen=True)
class ResettlementProgramme:
    """A scenario's programme: incentives (MRP, the norms' where not given) and quotas.

    Attributes
    ----------
    incentives
        ``{item: MRP}`` for the items the scenario gives (of :data:`INCENTIVES`).
    quotas
        ``region``, ``persons``, ``year`` (missing: every year), ``source`` and where each
        was written (``line``, ``file``, ``entry``).
    """

    incentives: dict[str, float]
    source: str
    quotas: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(
        columns=[*QUOTA_KEYS, "line", "file", "entry"]))
    file: str = ""
    #: Of the quotas list (else of the programme), for the problems of the whole list.
    line: int | None = None


def package_mrp(norms: Norms, incentives: dict[str, float] | None = None, *,
                anchor: bool = False) -> float:
    """The package per family in MRP (``anchor``: the 2025 package of the take-up anchor)."""
    given = dict(incentives or {})
    item = lambda key: given[key] if key in given else norms.figure(SECTION, key).value  # noqa: E731
    certificate = norms.figure(SECTION, "anchor_housing_certificate_mrp").value if anchor \
        else item("housing_certificate_mrp")
    family = norms.figure(SECTION, "persons_per_family").value
    return (item("relocation_mrp_per_member") * family
            + item("rent_mrp_per_family_month") * item("rent_months")
            + certificate + item("employer_subsidy_mrp"))


def tenge_per_person(norms: Norms, incentives: dict[str, float] | None = None) -> float:
    """What the programme pays for one person who moves, in tenge at the norms' MRP."""
    return (package_mrp(norms, incentives) * norms.figure(SECTION, "mrp_tenge").value
            / norms.figure(SECTION, "persons_per_family").value)


def take_up(norms: Norms, incentives: dict[str, float] | None,
            readiness_share: pd.Series) -> pd.Series:
    """The share of the planned who move, per unit (see the module for the formula).

    Examples
    --------
    The 2025 package into a ready destination gives the anchor, 5,213 / 9,653 of 2025:

    >>> from planning.norms import load_norms
    >>> norms = load_norms()
    >>> old = {"housing_certificate_mrp": 1160}
    >>> round(float(take_up(norms, old, pd.Series([1.0]))[0]), 2)
    0.54
    """
    p0 = norms.figure(SECTION, "take_up_anchor").value
    e_i = norms.figure(SECTION, "incentive_elasticity").value
    e_r = norms.figure(SECTION, "readiness_elasticity").value
    ratio = package_mrp(norms, incentives) / package_mrp(norms, anchor=True)
    share = readiness_share.astype(float).clip(0.0, 1.0)
    logit = (math.log(p0 / (1 - p0))
             + (e_i * math.log(ratio) + e_r * (share.to_numpy() - 1.0)) / (1 - p0))
    return pd.Series(1.0 / (1.0 + np.exp(-logit)), index=readiness_share.index, name="take_up")


def readiness_share(planned: pd.DataFrame, readiness: pd.Series) -> pd.Series:
    """Per unit: the residents it can take over its planned persons, within 0..1.

    ``readiness`` is the base year's ``readiness_actual`` by unit (negative: a deficit or a
    closed gate, so 0; missing: not assessed, the anchor's 1).
    """
    total = planned.groupby("unit_id")["persons"].sum().astype(float)
    room = readiness.reindex(total.index).astype(float).clip(lower=0.0)
    share = (room / total.where(total > 0)).clip(0.0, 1.0)
    return share.fillna(1.0).rename("readiness_share")


def apply_take_up(planned: pd.DataFrame, norms: Norms, programme: ResettlementProgramme,
                  readiness: pd.Series) -> pd.DataFrame:
    """The planned arrivals (``unit_id``, ``year``, ``persons``) with take-up and cost.

    ``arrivals`` are whole persons: each unit's total is ``round(planned x take_up)``, spread
    over its years as the planned are, by the largest remainder (ties to the earlier year).
    Columns: :data:`TAKE_UP_COLUMNS`.
    """
    share = readiness_share(planned, readiness)
    rate = take_up(norms, programme.incentives, share)
    price = tenge_per_person(norms, programme.incentives)
    rows = []
    for unit, group in planned.sort_values(["unit_id", "year"]).groupby("unit_id", sort=True):
        persons = group["persons"].to_numpy(float)
        exact = persons * float(rate[unit])
        whole = np.floor(exact)
        extra = round(float(exact.sum())) - int(whole.sum())
        order = np.argsort(-(exact - whole), kind="stable")[:max(extra, 0)]
        whole[order] += 1
        rows += [(unit, int(y), int(p), float(share[unit]), float(rate[unit]), int(a), price,
                  a * price) for y, p, a in zip(group["year"], persons, whole, strict=True)]
    return pd.DataFrame(rows, columns=TAKE_UP_COLUMNS)


def check_quotas(programme: ResettlementProgramme | None, planned: pd.DataFrame,
                 units: pd.DataFrame | None) -> list[tuple[str, int | None, str, str, dict]]:
    """Problems of the quotas: ``(file, line, key, text_key, values)``, none when all fit.

    ``planned`` is the resettlement by unit and year; ``units`` the workspace's units (with
    ``region``). Each region planned for needs a quota once any is given; the planned persons
    of a region and year may not exceed its quota.
    """
    if programme is None or programme.quotas.empty:
        return []
    if units is None or "region" not in units:
        return [(programme.file, programme.line, "programme.quotas", N_(
            "quotas are by region, and the workspace's units have no region column. Add "
            "one (qonys join) or remove the quotas."), {})]
    regions = units.set_index(units["unit_id"].astype(str))["region"].astype(str)
    known = sorted(set(regions))
    by_region = planned.assign(region=planned["unit_id"].map(regions)).groupby(
        ["region", "year"])["persons"].sum()
    problems = []
    quotas = programme.quotas
    for row in quotas.itertuples():
        key = f"{row.entry}.region"
        if row.region not in known:
            problems.append((row.file, row.line, key, N_(
                "'{value}' is not a region of the units{hint}. Regions: {regions}."),
                {"value": row.region, "hint": close_hint(row.region, known),
                 "regions": ", ".join(known)}))
            continue
        years = [row.year] if not pd.isna(row.year) else sorted(
            {y for r, y in by_region.index if r == row.region})
        for year in years:
            persons = int(by_region.get((row.region, int(year)), 0))
            if persons > row.persons:
                problems.append((row.file, row.line, f"{row.entry}.persons", N_(
                    "{persons:,} persons are planned to {region} in {year}, more than its "
                    "quota of {quota:,}. Plan fewer there or raise the quota."),
                    {"persons": persons, "region": row.region, "year": int(year),
                     "quota": int(row.persons)}))
    covered = set(quotas["region"])
    for region in sorted({r for r, __ in by_region.index} - covered):
        problems.append((programme.file, programme.line, "programme.quotas", N_(
            "resettlement is planned to {region}, which has no quota. Add a quota for "
            "{region} or plan elsewhere."), {"region": region}))
    return problems


def read_programme(reader, node: yaml.Node) -> ResettlementProgramme | None:
    """The ``programme`` mapping of a scenario file, read by ``reader`` (problems collected).

    ``reader`` is the scenario file's :class:`planning.forecast.scenario_yaml._Reader`.
    """
    line = node.start_mark.line + 1
    fields = reader.mapping(node, "programme", ("incentives", "quotas"))
    before = len(reader.problems)
    incentives, source = {}, ""
    if "incentives" not in fields:
        reader.fail(line, "programme", N_(
            "'incentives' is missing. Give the package, for example incentives: "
            "{{housing_certificate_mrp: 1625, source: \"...\"}}."))
    else:
        items = reader.mapping(fields["incentives"], "programme.incentives",
                               (*INCENTIVES, "source"))
        where = fields["incentives"].start_mark.line + 1
        for name in INCENTIVES:
            value = reader.number(items, name, "programme.incentives", where, positive=False,
                                  example="70")
            if value is not None and value < 0:
                reader.fail(where, f"programme.incentives.{name}", N_(
                    "{name} is {value}; an incentive cannot be negative. Give 0 or more."),
                    name=name, value=value)
            elif value is not None:
                incentives[name] = value
        source = reader.text(items, "source", "programme.incentives", where, required=True)
    rows = []
    quotas = fields.get("quotas")
    if quotas is not None and not isinstance(quotas, yaml.SequenceNode):
        reader.fail(line, "programme.quotas", N_(
            "expected a list of entries, each on its own line starting with '- '."))
    elif quotas is not None:
        for number, item in enumerate(quotas.value, start=1):
            entry = f"programme.quotas[{number}]"
            at = item.start_mark.line + 1
            values = reader.mapping(item, entry, QUOTA_KEYS)
            region = reader.text(values, "region", entry, at, required=True, ids=True)
            persons = reader.number(values, "persons", entry, at, required=True, whole=True,
                                    example="2820")
            year = reader.year(values, "year", entry, at, required=False)
            text = reader.text(values, "source", entry, at, required=True)
            rows.append({"region": region, "persons": persons,
                         "year": math.nan if year is None else year, "source": text,
                         "line": at, "file": reader.file, "entry": entry})
    if len(reader.problems) > before:
        return None
    return ResettlementProgramme(incentives, str(source),
                                 pd.DataFrame(rows, columns=[*QUOTA_KEYS, "line", "file",
                                                             "entry"]),
                                 file=reader.file,
                                 line=line if quotas is None else quotas.start_mark.line + 1)
