"""The whole ranking: candidates, criteria, scores, ranks, explanations and sensitivity.

:func:`rank_centres` takes the workspace's frames (``qonys centres`` reads them) and returns
the three tables of the contract: the ``centres`` layer (one row per candidate), the
``centres_criteria`` table (each criterion's weight, source, whether it was assessed, its basis
and a note) and the ``centres_sensitivity`` table.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.errors import QonysError
from geo.i18n import LANGUAGES, _
from planning.centres import criteria as crit
from planning.centres.candidates import candidates as make_candidates
from planning.centres.explain import RUN_REASONS, Context, explanation
from planning.centres.score import ranks, sensitivity, weighted_score
from planning.centres.settings import CRITERIA, CentresSettings

#: The frames :func:`rank_centres` reads, by workspace layer name.
LAYERS = ("units", "settlements", "job_centres", "net_migration_official", "region_indicators",
          "readiness_units", "rural_potential")


class CentresError(QonysError, ValueError):
    """Nothing to rank: no district and no town with a population."""


@dataclass
class CentresResult:
    """What :func:`rank_centres` makes: the three tables of the contract."""

    centres: gpd.GeoDataFrame
    criteria: pd.DataFrame
    sensitivity: pd.DataFrame
    missing: dict
    #: Towns left out because they lie in no unit (across the border).
    towns_outside_units: int = 0
    #: Towns left out because they are a city ranked by its districts (Almaty, Astana, Shymkent).
    towns_in_city_districts: int = 0


def rank_centres(layers: dict[str, pd.DataFrame | None],
                 settings: CentresSettings) -> CentresResult:
    """Rank every district and town of ``layers`` as a centre of attraction.

    Parameters
    ----------
    layers
        Frames by the names of :data:`LAYERS`; an absent one (or ``None``) leaves its criterion
        not assessed, and every explanation says so.
    settings
        :func:`planning.centres.settings.centres_settings`.

    Raises
    ------
    CentresError
        If the units and settlements give no candidate at all.
    """
    cand = make_candidates(layers.get("units"), layers.get("settlements"))
    if cand.empty:
        raise CentresError(_("No candidate centre: the workspace's units and settlements give "
                             "no district and no town with a population. Load the layers "
                             "units and settlements, or run `qonys national`."))
    raw, missing = _criteria(cand, layers, settings)
    scores = pd.DataFrame({c: crit.scaled(raw[c]) for c in CRITERIA}, index=cand.index)
    score = weighted_score(scores, settings.weights)
    out = cand.copy()
    out["score"] = score
    out["rank"] = ranks(score)
    for c in CRITERIA:
        out[c] = raw[c]
    for c in CRITERIA:
        out[f"score_{c}"] = scores[c]
    out["spare_capacity_basis"] = crit.spare_capacity_basis(
        cand, raw["spare_capacity_residents"], layers.get("readiness_units"))
    years = crit.latest_net_migration(layers.get("net_migration_official"))["year"]
    out["outflow_year"] = cand["region"].map(years).astype(float).where(
        raw["outflow_persons"].notna())
    context = Context(total=int(out["rank"].notna().sum()), weights=settings.weights,
                      max_minutes=settings.max_minutes, missing=missing)
    records = out.drop(columns="geometry").to_dict("records")
    for lang in LANGUAGES:
        out[f"explanation_{lang}"] = [explanation(r, context, lang=lang) for r in records]
    out = out.sort_values(["rank", "candidate_kind"], na_position="last")
    out = out.reset_index().rename(columns={"index": "candidate_id"})
    table = criteria_table(out, settings, missing, layers)
    moved = sensitivity(scores, settings.weights, criteria=CRITERIA)
    return CentresResult(centres=gpd.GeoDataFrame(out, geometry="geometry", crs=cand.crs),
                         criteria=table, sensitivity=moved, missing=missing,
                         towns_outside_units=int(cand.attrs.get("towns_outside_units", 0)),
                         towns_in_city_districts=int(cand.attrs.get("towns_in_city_districts",
                                                                    0)))


def _criteria(cand, layers, settings) -> tuple[dict[str, pd.Series], dict]:
    """Each criterion's raw value, and why a criterion is assessed for nobody."""
    nan = pd.Series(np.nan, index=cand.index)
    missing, raw = {}, {}
    jobs = layers.get("job_centres")
    if jobs is None:
        missing["job_access"], raw["job_access"] = RUN_REASONS["no_job_centres"], nan
    elif not (pd.to_numeric(jobs.get("jobs", pd.Series(dtype=float)), errors="coerce") > 0).any():
        missing["job_access"], raw["job_access"] = RUN_REASONS["no_jobs"], nan
    else:
        jobs = jobs.to_crs(cand.crs) if jobs.crs is not None else jobs.set_crs(cand.crs)
        raw["job_access"] = crit.job_access(
            cand, jobs, max_minutes=settings.max_minutes, beta=settings.beta,
            detour_factor=settings.detour_factor, speed_kmh=settings.speed_kmh)
    raw["spare_capacity_residents"] = crit.spare_capacity_residents(
        cand, readiness=layers.get("readiness_units"),
        indicators=layers.get("region_indicators"),
        living_space_m2_per_person=settings.living_space_m2_per_person)
    indicators = layers.get("region_indicators")
    if layers.get("readiness_units") is None and indicators is None:
        missing["spare_capacity_residents"] = RUN_REASONS["no_spare"]
    elif raw["spare_capacity_residents"].isna().all() and not (
            indicators is not None
            and (indicators["indicator"] == "housing_commissioned_m2").any()):
        missing["spare_capacity_residents"] = RUN_REASONS["no_housing"]
    rural = layers.get("rural_potential")
    raw["rural_potential"] = crit.rural_potential(cand, rural,
                                                  criteria=settings.rural_criteria)
    if rural is None:
        missing["rural_potential"] = RUN_REASONS["no_rural_layer"]
    elif not set(settings.rural_criteria) & set(rural.columns):
        missing["rural_potential"] = RUN_REASONS["no_rural_columns"]
    migration = layers.get("net_migration_official")
    raw["outflow_persons"] = crit.outflow_persons(cand, migration)
    if migration is None:
        missing["outflow_persons"] = RUN_REASONS["no_net_migration"]
    return {k: v.rename(k) for k, v in raw.items()}, missing


def _basis(criterion: str, settings: CentresSettings, centres: pd.DataFrame, layers,
           lang: str) -> str:
    if criterion == "job_access":
        return _("Hansen measure: the sum of jobs × exp(−{beta:.4f} × minutes) over the job "
                 "centres within {minutes:.0f} min (a job {half:.0f} min away counts half); "
                 "travel time estimated: great-circle km × {detour:.2f} ÷ {speed:.0f} km/h, "
                 "since there is no national road graph", lang=lang, beta=settings.beta,
                 minutes=settings.max_minutes, half=settings.half_weight_minutes,
                 detour=settings.detour_factor, speed=settings.speed_kmh)
    if criterion == "spare_capacity_residents":
        ready = int((centres["spare_capacity_basis"] == "readiness").sum())
        return _("residents the readiness model lets the unit take (qonys readiness) for "
                 "{ready:,.0f} candidates; elsewhere estimated from norms: the region's housing "
                 "commissioned in its latest year ÷ {m2:.0f} m² per person, by the candidate's "
                 "share of the region's population", lang=lang, ready=ready,
                 m2=settings.living_space_m2_per_person)
    if criterion == "rural_potential":
        rural = layers.get("rural_potential")
        given = [c for c in settings.rural_criteria if rural is not None and c in rural]
        return _("criteria of Order No 50 of the Minister of National Economy of 10 June 2025 "
                 "in the norms file ({listed:,.0f} of its 27; the layer gives {given}), each "
                 "scaled 0–1 across the candidates and weighted", lang=lang,
                 listed=len(settings.rural_criteria), given=", ".join(given) or "—")
    return _("−(net migration) of the candidate's region in its latest year (level region, "
             "area total): the outflow a centre there could catch", lang=lang)


def _note(criterion: str, centres: pd.DataFrame, missing: dict, lang: str, *,
          rural: tuple[list[str], list[str], list[str]] | None = None) -> str:
    assessed = int(centres[f"score_{criterion}"].notna().sum())
    text = _("assessed for {assessed:,.0f} of {total:,.0f} candidates", lang=lang,
             assessed=assessed, total=len(centres))
    if criterion in missing:
        text = _("not assessed: {why}", lang=lang, why=_(missing[criterion], lang=lang))
    if criterion == "rural_potential" and rural is not None:
        _given, lacking, other = rural
        if lacking:
            text += "; " + _("criteria of the norms file not in the layer, not assessed: "
                             "{columns}", lang=lang, columns=", ".join(lacking))
        if other:
            text += "; " + _("columns of the layer that are no criterion of the norms file, "
                             "not scored: {columns} (add each to centres.rural_criteria with "
                             "its block, direction, weight and source, or drop it)", lang=lang,
                             columns=", ".join(other))
    return text


def _source(criterion: str, settings: CentresSettings, layers) -> str:
    figures = {"job_access": ("job_access_max_minutes", "job_access_half_weight_minutes",
                              "detour_factor", "speed_kmh"),
               "spare_capacity_residents": ("living_space_m2_per_person",),
               "rural_potential": (), "outflow_persons": ()}[criterion]
    parts = [f"weight: {settings.weight_sources[criterion]}"]
    parts += [f"{key}: {settings.sources[f'centres.{key}']}" for key in figures]
    if criterion == "rural_potential":
        parts.append("Order No 50 of 10 June 2025, zan.kz G25NT000050")
    layer = {"job_access": "job_centres", "outflow_persons": "net_migration_official",
             "spare_capacity_residents": "region_indicators"}.get(criterion)
    frame = layers.get(layer) if layer else None
    if frame is not None and "source" in frame:
        given = sorted(set(frame["source"].dropna().astype(str)))[:3]
        parts.append(f"{layer}: " + "; ".join(given))
    return " | ".join(parts)


def criteria_table(centres: pd.DataFrame, settings: CentresSettings, missing: dict,
                   layers) -> pd.DataFrame:
    """The ``centres_criteria`` table: criterion, weight, source, assessed, basis, note.

    ``basis`` and ``note`` are in English (as stored provenance is), with ``basis_<lang>`` and
    ``note_<lang>`` beside them for ru, kk and en.
    """
    rows = []
    layer = layers.get("rural_potential")
    rural = None if layer is None else crit.rural_columns(layer, settings.rural_criteria)
    for criterion in CRITERIA:
        row = {"criterion": criterion, "weight": settings.weights[criterion],
               "source": _source(criterion, settings, layers),
               "assessed": bool(centres[f"score_{criterion}"].notna().any()),
               "basis": _basis(criterion, settings, centres, layers, "en"),
               "note": _note(criterion, centres, missing, "en", rural=rural)}
        for lang in LANGUAGES:
            row[f"basis_{lang}"] = _basis(criterion, settings, centres, layers, lang)
            row[f"note_{lang}"] = _note(criterion, centres, missing, lang, rural=rural)
        rows.append(row)
    return pd.DataFrame(rows)
