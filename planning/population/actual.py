"""The actual (served) population of each unit, reconciled from proxies the user loads.

DESIGN.md asks to plan for the people actually served, not only the registered: Astana's
networks serve about 1.9M residents against 1.5M registered. No one figure measures them, so
this module reads several proxies (layer kind ``population_proxies``: ``unit_id``, ``proxy``,
``value``, ``year``) and reconciles them into one estimate with a range, keeping its inputs.

Method
------
1. **Which rows.** For each unit and proxy the row of the latest year up to ``year`` (every
   year when ``year`` is None) is used; older rows are listed as superseded.
2. **One estimate per proxy.** Proxy *k* gives e_k = value_k / r_k residents. The per-resident
   figure r_k is, for a proxy naming a ``per_resident_network`` in the norms' ``proxies``
   section (``water_m3_day``, ``heat_gcal_h``), that network's norm for the unit's region;
   for the others, the proxy's own ``per_resident``. Its relative standard deviation s_k is
   the proxy's ``rel_sd``. Not used: a network proxy whose regional norm was derived from the
   load (``derived_from_load``, Astana's heat), because load / norm would only give back the
   population the norm was derived from; and a zero value, which has no logarithm.
3. **Combination.** A relative error is an error of ln e_k, so the estimates are combined in
   log space by inverse-variance weighting: w_k = 1 / s_k², mu = Σ w_k ln e_k / Σ w_k,
   sigma = 1 / sqrt(Σ w_k).
4. **Disagreement.** chi2 = Σ w_k (ln e_k - mu)². With k >= 2 estimates and chi2 > k - 1 they
   disagree more than their uncertainties allow, and sigma is multiplied by the Birge ratio
   sqrt(chi2 / (k - 1)) (R. T. Birge, 1932), so that the range covers their spread.
5. **Result.** pop_actual = exp(mu) and the range exp(mu -/+ 1.96 sigma), rounded to whole
   persons. A unit without a usable proxy keeps its loaded ``pop_actual`` (method ``loaded``)
   or else its ``pop_registered`` (method ``registered``), with low = high = that value.

Examples
--------
Almaty's metered residential water use of 210,000 m3/day over the water norm of 0.30 m3/day:

>>> from planning.norms import load_norms
>>> units = pd.DataFrame({"unit_id": ["alm"], "region": ["almaty"], "pop_registered": [650e3]})
>>> proxies = pd.DataFrame({"unit_id": ["alm"], "proxy": ["water_m3_day"],
...                         "value": [210e3], "year": [2024]})
>>> row = estimate_actual(units, proxies, load_norms()).units.iloc[0]
>>> print(f"{row.pop_actual:,.0f} {row.pop_actual_method}, gap {row.pop_gap:,.0f}")
700,000 proxies, gap 50,000
>>> row.pop_actual_inputs
'water_m3_day 2024: 210,000 / 0.3 = 700,000'
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.errors import NormError, QonysError
from geo.i18n import _
from layers.validate import row_numbers
from planning.norms import Norms

log = logging.getLogger(__name__)

#: The proxies of the shipped ``data/norms/default.yaml``. A norms file may define others: the
#: ones known to a call are those of the norms it is given (:func:`known_proxies`).
PROXIES = ("water_m3_day", "heat_gcal_h", "polyclinic_attached", "school_enrolled",
           "mobile_subscribers")
#: Two-sided 95% quantile of the normal distribution: the range is exp(mu -/+ Z95 sigma).
Z95 = 1.96
#: Columns :func:`estimate_actual` gives each unit and :func:`apply_estimate` writes.
ACTUAL_COLUMNS = ["pop_actual", "pop_actual_low", "pop_actual_high", "pop_actual_method",
                  "pop_actual_inputs", "n_proxies", "pop_gap", "pop_gap_share"]
ESTIMATE_COLUMNS = ["unit_id", "proxy", "year", "value", "per_resident", "estimate", "rel_sd",
                    "weight", "used", "note"]
_PROXY_COLUMNS = ("unit_id", "proxy", "value", "year")
_UNIT_COLUMNS = ("unit_id", "pop_registered")
_NAME_COLUMNS = ("name_ru", "name_kk", "name_en")


class ActualPopulationError(QonysError, ValueError):
    """The proxies (or the units) cannot be read: every problem, one a line.

    Attributes
    ----------
    problems
        The problems one by one, each a translated line naming row, column, value and fix.
    """

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = list(problems or [])


@dataclass(frozen=True)
class ActualEstimate:
    """The actual population of each unit, how it was reached, and how far its proxies agree.

    Attributes
    ----------
    units
        Aligned to the units' index: ``unit_id``, ``pop_registered`` and :data:`ACTUAL_COLUMNS`.
    estimates
        One row per unit and proxy row considered (:data:`ESTIMATE_COLUMNS`); ``weight`` is 0
        and ``note`` says why where a row is not used.
    disagreement
        Aligned to the units' index: ``unit_id``, ``n_proxies``, ``chi2``, ``birge_ratio``
        (NaN with fewer than two proxies) and ``widened`` (the range was widened by it).
    """

    units: pd.DataFrame
    estimates: pd.DataFrame
    disagreement: pd.DataFrame


def known_proxies(norms: Norms) -> tuple[str, ...]:
    """The proxy names of a norms file's ``proxies`` section.

    Examples
    --------
    >>> from planning.norms import load_norms
    >>> known_proxies(load_norms()) == PROXIES
    True
    """
    return tuple(str(name) for name in ((norms.sections or {}).get("proxies") or {}))


def estimate_actual(units: pd.DataFrame, proxies: pd.DataFrame, norms: Norms, *,
                    year: int | None = None, layer: str = "population_proxies") -> ActualEstimate:
    """Reconcile the proxies of each unit into its actual population (see the module's method).

    Parameters
    ----------
    units
        ``unit_id``, ``pop_registered``, optionally ``region`` (for regional norms) and a
        loaded or published ``pop_actual``.
    proxies
        A ``population_proxies`` layer: ``unit_id``, ``proxy``, ``value``, ``year``.
    norms
        The norms: its ``proxies`` section and the networks' per-resident figures.
    year
        Use, per unit and proxy, the latest row up to this year (None: the latest of all).
    layer
        The proxies' layer or file name, for messages.

    Raises
    ------
    ActualPopulationError
        Listing at once every unknown proxy, unknown unit, duplicate (unit_id, proxy, year),
        missing or negative value, missing year and missing column.
    NormError
        If a proxy's entry in the norms lacks its per-resident figure or ``rel_sd``.
    """
    known = known_proxies(norms)
    _validate(units, proxies, known, layer)
    considered = _considered(proxies, year)
    regions = _regions(units)
    estimates = _estimate_rows(considered, regions, norms)
    combined = _combine(estimates)
    table = _unit_table(units, combined)
    keys = units["unit_id"].astype(str)
    disagreement = pd.DataFrame({
        "unit_id": units["unit_id"],
        "n_proxies": table["n_proxies"],
        "chi2": keys.map(combined["chi2"]).astype(float),
        "birge_ratio": keys.map(combined["birge_ratio"]).astype(float),
        "widened": keys.map(combined["birge_ratio"]).astype(float).gt(1.0),
    }, index=units.index)
    log.info("actual population: %d of %d units from proxies, %d widened by disagreement",
             int((table["pop_actual_method"] == "proxies").sum()), len(table),
             int(disagreement["widened"].sum()))
    return ActualEstimate(table, estimates, disagreement)


def apply_estimate(units_gdf: gpd.GeoDataFrame, estimate: ActualEstimate) -> gpd.GeoDataFrame:
    """The units layer with its actual population replaced by ``estimate``'s.

    Units are matched by ``unit_id``; a unit the estimate does not cover keeps its
    ``pop_actual`` and gets empty new columns. Geometry and every other column are kept.
    """
    result = units_gdf.copy()
    found = estimate.units.assign(key=estimate.units["unit_id"].astype(str))
    found = found.drop_duplicates("key").set_index("key")
    keys = result["unit_id"].astype(str)
    covered = keys.isin(found.index)
    for column in ACTUAL_COLUMNS:
        values = keys.map(found[column])
        if column == "pop_actual" and "pop_actual" in result.columns:
            values = values.where(covered, result["pop_actual"])
        result[column] = values
    return result


def gap_layer(units_gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The gap between actual and registered population as a layer of its own.

    Columns: ``unit_id``, the names present, ``region``, ``pop_registered``, ``pop_actual``,
    ``pop_gap``, ``pop_gap_share``, ``pop_actual_low`` and ``pop_actual_high`` if present, and
    the geometry.
    """
    frame = units_gdf.copy()
    if "pop_gap" not in frame.columns:
        frame["pop_gap"] = frame["pop_actual"] - frame["pop_registered"]
    if "pop_gap_share" not in frame.columns:
        frame["pop_gap_share"] = _share(frame["pop_gap"], frame["pop_registered"])
    wanted = ["unit_id", *_NAME_COLUMNS, "region", "pop_registered", "pop_actual", "pop_gap",
              "pop_gap_share", "pop_actual_low", "pop_actual_high"]
    kept = [c for c in wanted if c in frame.columns]
    return gpd.GeoDataFrame(frame[kept], geometry=frame.geometry, crs=units_gdf.crs)


# --- validation ---

def _validate(units: pd.DataFrame, proxies: pd.DataFrame, known: tuple[str, ...],
              layer: str) -> None:
    """Collect every problem of the two tables and raise them in one error."""
    found = [_("layer '{layer}' has no column {column}. Add it, or rename an existing column when "
               "loading.", layer="units", column=c)
             for c in _UNIT_COLUMNS if c not in units.columns]
    found += [_("layer '{layer}' has no column {column}. Add it, or rename an existing column "
                "when loading.", layer=layer, column=c)
              for c in _PROXY_COLUMNS if c not in proxies.columns]
    if "unit_id" in units.columns:
        repeated = units["unit_id"].astype(str).duplicated()
        found += [_("units layer, row {row}, column {column}: '{value}' appears above already. "
                    "Each unit needs one unit_id: merge or rename the rows.",
                    row=row, column="unit_id", value=value)
                  for row, value in zip(row_numbers(units)[repeated.to_numpy()],
                                        units["unit_id"][repeated], strict=True)]
    if not any(c not in proxies.columns for c in _PROXY_COLUMNS):
        unit_ids = set(units["unit_id"].astype(str)) if "unit_id" in units.columns else None
        found += _proxy_problems(proxies, known, unit_ids)
    if found:
        lines = "\n".join(f"  - {p}" for p in found)
        msg = _("Layer '{layer}' (population proxies) cannot be used: {count} problems found. Fix "
                "them all and load the layer again:\n{lines}",
                layer=layer, count=len(found), lines=lines)
        raise ActualPopulationError(msg, found)


def _proxy_problems(proxies: pd.DataFrame, known: tuple[str, ...],
                    unit_ids: set[str] | None) -> list[str]:
    """Row by row, in row order: unknown proxy or unit, bad value or year, duplicates."""
    rows = row_numbers(proxies)
    values = pd.to_numeric(proxies["value"], errors="coerce")
    years = pd.to_numeric(proxies["year"], errors="coerce")
    year_ok = years.notna() & (years == years.round())
    key = pd.DataFrame({"u": proxies["unit_id"].astype(str), "p": proxies["proxy"].astype(str),
                        "y": years.where(year_ok)})
    first_row = {}
    found = []
    for i, row in enumerate(rows):
        proxy, unit_id = proxies["proxy"].iloc[i], proxies["unit_id"].iloc[i]
        if str(proxy) not in known:
            found.append(_("row {row}, column {column}: unknown proxy '{value}'. Use one of the "
                           "known ones ({known}) or add it to the proxies section of the norms "
                           "file.",
                           row=row, column="proxy", value=proxy,
                            known=", ".join(known)))
        if unit_ids is not None and str(unit_id) not in unit_ids:
            found.append(_("row {row}, column {column}: unit '{value}' is not in the units layer. "
                           "Correct the id (it must match the units' unit_id, including its type: "
                           "text or number) or remove the row.",
                           row=row, column="unit_id", value=unit_id))
        value = values.iloc[i]
        if pd.isna(value) or not np.isfinite(value) or value < 0:
            found.append(_("row {row}, column {column}: value '{value}' is missing, negative or "
                           "not a number. Give a number of at least zero in the proxy's own unit, "
                           "or remove the row.", row=row, column="value",
                            value=proxies["value"].iloc[i]))
        if not year_ok.iloc[i]:
            found.append(_("row {row}, column {column}: year '{value}' is missing or not a whole "
                           "number. Give the year the value refers to "
                           "(for example 2024).", row=row, column="year",
                            value=proxies["year"].iloc[i]))
            continue
        triple = (key["u"].iloc[i], key["p"].iloc[i], int(key["y"].iloc[i]))
        if triple in first_row:
            found.append(_("row {row}, columns {columns}: ({value}) is given already in row "
                           "{first}. Keep one row per unit, proxy and year.",
                           row=row, columns="unit_id, proxy, year",
                            value=", ".join(map(str, triple)), first=first_row[triple]))
        else:
            first_row[triple] = row
    return found


# --- the estimate ---

def _considered(proxies: pd.DataFrame, year: int | None) -> pd.DataFrame:
    """Rows up to ``year``, each flagged ``latest`` for its unit and proxy."""
    rows = pd.DataFrame({"unit_id": proxies["unit_id"].to_numpy(),
                         "key": proxies["unit_id"].astype(str).to_numpy(),
                         "proxy": proxies["proxy"].astype(str).to_numpy(),
                         "year": pd.to_numeric(proxies["year"]).astype(int).to_numpy(),
                         "value": pd.to_numeric(proxies["value"]).astype(float).to_numpy()})
    if year is not None:
        rows = rows[rows["year"] <= year]
    newest = rows.groupby(["key", "proxy"])["year"].transform("max")
    # Rows stay in the user's order: the inputs text lists proxies as they were loaded.
    return rows.assign(latest=rows["year"] == newest, newest=newest).reset_index(drop=True)


def _regions(units: pd.DataFrame) -> dict[str, str | None]:
    """Each unit's region (None where unknown: the norms' default applies)."""
    if "region" not in units.columns:
        return {}
    return {str(u): (None if pd.isna(r) else str(r))
            for u, r in zip(units["unit_id"], units["region"], strict=True)}


def _proxy_figures(norms: Norms, proxy: str, region: str | None) -> tuple[float, float, str]:
    """(per_resident, rel_sd, why not used or "") of ``proxy`` in ``region``."""
    entry = norms.sections["proxies"][proxy]
    if entry.get("rel_sd") is None:
        raise NormError(_("The norms file {path} has no value for {key}. Add it with its source.",
                          path=norms.path, key=f"proxies.{proxy}.rel_sd"))
    network = entry.get("per_resident_network")
    if network is not None:
        if network not in norms.by_network:
            raise NormError(_("The norms file {path} has no value for {key}. Add it with its "
                              "source.",
                              path=norms.path, key=f"networks.{network}"))
        norm = norms.get(network, region)
        note = _("not used: the {network} norm of region {region} was derived from this load and "
                 "the population, so the estimate would be circular",
                 network=network, region=region or "default") \
            if norm.derived_from_load else ""
        return float(norm.per_resident), float(entry["rel_sd"]), note
    if entry.get("per_resident") is None:
        raise NormError(_("The norms file {path} has no value for {key}. Add it "
                          "with its source.", path=norms.path,
                           key=f"proxies.{proxy}.per_resident"))
    return float(entry["per_resident"]), float(entry["rel_sd"]), ""


def _estimate_rows(considered: pd.DataFrame, regions: dict[str, str | None],
                   norms: Norms) -> pd.DataFrame:
    """The long table: each considered row's estimate, weight and whether it is used."""
    records = []
    for row in considered.itertuples(index=False):
        per_resident, rel_sd, note = _proxy_figures(norms, row.proxy, regions.get(row.key))
        if not row.latest:
            note = _("not used: a later value exists ({year})", year=int(row.newest))
        elif not note and row.value == 0:
            note = _("not used: a zero value gives no estimate (the unit is probably not on the "
                     "network)")
        used = not note
        records.append({"unit_id": row.unit_id, "proxy": row.proxy, "year": row.year,
                        "value": row.value, "per_resident": per_resident,
                        "estimate": row.value / per_resident, "rel_sd": rel_sd,
                        "weight": 1.0 / rel_sd**2 if used else 0.0, "used": used,
                        "note": note})
    table = pd.DataFrame(records, columns=ESTIMATE_COLUMNS)
    return table.astype({"used": bool}) if records else table.astype(
        {"value": float, "estimate": float, "weight": float, "used": bool})


def _combine(estimates: pd.DataFrame) -> pd.DataFrame:
    """Per unit (by ``unit_id`` as text): mu, sigma, chi2, Birge ratio, k and inputs text."""
    used = estimates[estimates["used"]].assign(key=lambda t: t["unit_id"].astype(str))
    used = used.assign(log_e=np.log(used["estimate"].astype(float)))
    columns = ["mu", "sigma", "chi2", "birge_ratio", "k", "inputs"]
    if used.empty:
        return pd.DataFrame(columns=columns).astype({c: float for c in columns[:-1]})
    rows = {}
    for key, group in used.groupby("key", sort=False):
        weight, log_e = group["weight"].to_numpy(float), group["log_e"].to_numpy(float)
        mu = float(np.sum(weight * log_e) / np.sum(weight))
        chi2 = float(np.sum(weight * (log_e - mu) ** 2))
        k = len(group)
        birge = float(np.sqrt(chi2 / (k - 1))) if k >= 2 else np.nan
        # Widen only: estimates that agree better than expected do not narrow the range.
        sigma = float(1.0 / np.sqrt(np.sum(weight))) * (birge if birge > 1.0 else 1.0)
        rows[key] = {"mu": mu, "sigma": sigma, "chi2": chi2 if k >= 2 else np.nan,
                     "birge_ratio": birge, "k": k, "inputs": _inputs_text(group)}
    return pd.DataFrame.from_dict(rows, orient="index", columns=columns)


def _inputs_text(group: pd.DataFrame) -> str:
    """``water_m3_day 2024: 210,000 / 0.3 = 700,000; ...`` for the proxies used."""
    return "; ".join(f"{r.proxy} {r.year}: {_number(r.value)} / {r.per_resident:g} = "
                     f"{r.estimate:,.0f}" for r in group.itertuples(index=False))


def _number(value: float) -> str:
    """Large or whole figures with thousands separators, small ones with 4 digits."""
    return f"{value:,.0f}" if abs(value) >= 1000 or float(value).is_integer() else f"{value:.4g}"


def _unit_table(units: pd.DataFrame, combined: pd.DataFrame) -> pd.DataFrame:
    """Each unit's actual population, range, method, inputs and gap, aligned to ``units``."""
    keys = units["unit_id"].astype(str)
    registered = pd.to_numeric(units["pop_registered"], errors="coerce").astype(float)
    loaded = pd.to_numeric(units["pop_actual"], errors="coerce").astype(float) \
        if "pop_actual" in units.columns else pd.Series(np.nan, index=units.index)
    mu, sigma = keys.map(combined["mu"]).astype(float), keys.map(combined["sigma"]).astype(float)
    from_proxies = mu.notna()
    inputs = combined["inputs"].to_dict()
    fallback = loaded.where(loaded.notna(), registered)
    method = np.where(from_proxies, "proxies", np.where(loaded.notna(), "loaded", "registered"))
    actual = np.exp(mu).round().where(from_proxies, fallback)
    table = pd.DataFrame({
        "unit_id": units["unit_id"],
        "pop_registered": registered,
        "pop_actual": actual,
        "pop_actual_low": np.exp(mu - Z95 * sigma).round().where(from_proxies, fallback),
        "pop_actual_high": np.exp(mu + Z95 * sigma).round().where(from_proxies, fallback),
        "pop_actual_method": method,
        "pop_actual_inputs": [inputs.get(key, "") for key in keys],
        "n_proxies": keys.map(combined["k"]).fillna(0).astype(int),
        "pop_gap": actual - registered,
    }, index=units.index)
    table["pop_gap_share"] = _share(table["pop_gap"], registered)
    return table


def _share(gap: pd.Series, registered: pd.Series) -> pd.Series:
    """gap / registered, NaN where nobody is registered."""
    registered = pd.to_numeric(registered, errors="coerce").astype(float)
    return (gap / registered.where(registered > 0)).astype(float)
