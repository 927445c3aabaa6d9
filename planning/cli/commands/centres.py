"""``qonys centres``: rank every district and town as an alternative centre of attraction."""

from __future__ import annotations

import argparse

from geo.i18n import _, current_language
from planning.cli.options import command
from planning.cli.text import echo

EXAMPLE = ("example:\n  qonys centres --store out/national.gpkg --top 10\n"
           "  qonys centres --scenario my_weights.yaml")
#: The layers ``qonys centres`` writes.
CENTRES_LAYER, CRITERIA_TABLE, SENSITIVITY_TABLE = ("centres", "centres_criteria",
                                                     "centres_sensitivity")


def add_parser(subparsers) -> None:
    """Register ``centres``."""
    parser = command(subparsers, "centres", _("rank every district and town as an alternative "
                                              "centre of attraction (jobs within reach, spare "
                                              "capacity, rural potential, the region's "
                                              "outflow) and store layer centres"), EXAMPLE,
                     handler=run)
    parser.add_argument("--top", type=int, default=10,
                        help=_("how many of the best candidates to print (default 10)"))
    parser.add_argument("--rural-layer", default="rural_potential", metavar="LAYER",
                        help=_("the layer of kind rural_potential to score (default "
                               "rural_potential)"))
    parser.add_argument("--scenario", default=None, metavar="FILE|NAME",
                        help=_("take the norms as this scenario overrides them (its "
                               "norms: centres.weights.job_access, ...); nothing else of it "
                               "is used"))


def read_centres_layers(store, *, rural_layer: str = "rural_potential") -> dict:
    """The frames :func:`planning.centres.rank.rank_centres` reads, those the store has.

    Raises
    ------
    LayerNotFoundError
        If the workspace has neither ``units`` nor ``settlements``.
    """
    from geo.errors import LayerNotFoundError
    from planning.centres.rank import LAYERS

    available = set(store.layer_names())
    if not {"units", "settlements"} & available:
        raise LayerNotFoundError(_("The workspace {store} has neither a units nor a settlements "
                                   "layer, so there is no candidate centre. Build the national "
                                   "workspace with `qonys national`, or load them with `qonys "
                                   "load FILE --kind units` and `--kind settlements`.",
                                   store=store.location))
    names = {name: name for name in LAYERS if name != "rural_potential"}
    names["rural_potential"] = rural_layer
    return {key: store.read_layer(name) for key, name in names.items() if name in available}


def run_centres(store, *, norms=None, rural_layer: str = "rural_potential"):
    """Rank the candidates of ``store`` and write the three layers in one atomic write."""
    from layers.provenance import Provenance
    from planning.centres.rank import rank_centres
    from planning.centres.settings import centres_settings
    from planning.norms import load_norms

    norms = norms or load_norms()
    settings = centres_settings(norms)
    layers = read_centres_layers(store, rural_layer=rural_layer)
    result = rank_centres(layers, settings)
    rule = (f"qonys centres, norms {norms.path.name}, weights {settings.weights}; read: "
            f"{', '.join(sorted(layers))}; travel times estimated from great-circle distances")
    note = ("estimated: travel times from distances; spare capacity from norms where no "
            "readiness result covers a candidate")
    frames = {CENTRES_LAYER: result.centres, CRITERIA_TABLE: result.criteria,
              SENSITIVITY_TABLE: result.sensitivity}
    kinds = {CENTRES_LAYER: "centres", CRITERIA_TABLE: "table", SENSITIVITY_TABLE: "table"}
    store.write_layers(frames, provenance={
        name: Provenance.generated(frame, layer=name, kind=kinds[name], rule=rule, note=note)
        for name, frame in frames.items()})
    return result


def run(args: argparse.Namespace, location: str | None) -> int:
    """Rank, store and print the best candidates and the sensitivity; returns the exit status."""
    from pathlib import Path

    from layers.store import open_store
    from planning.norms import load_norms

    norms = load_norms()
    if args.scenario:
        from planning.forecast.scenario import load_scenario

        norms = load_scenario(args.scenario, search=(Path.cwd(),)).apply_norms(norms)
    with open_store(location) as store:
        result = run_centres(store, norms=norms, rural_layer=args.rural_layer)
    _print(result, top=args.top)
    return 0


def _print(result, *, top: int) -> None:
    lang = current_language()
    centres = result.centres
    ranked = int(centres["rank"].notna().sum())
    echo(_("Layer centres: {ranked} candidates ranked of {total} (districts: {districts}, "
           "towns: {towns}).", ranked=ranked, total=len(centres),
           districts=int((centres["candidate_kind"] == "district").sum()),
           towns=int((centres["candidate_kind"] == "town").sum())))
    if result.towns_outside_units:
        echo(_("{count} town(s) lie in no unit (across the border): not candidates.",
               count=result.towns_outside_units))
    if result.towns_in_city_districts:
        echo(_("{count} town(s) lie in a city's district (Almaty, Astana, Shymkent): the city is "
               "ranked by its districts, not as a town.", count=result.towns_in_city_districts))
    for row in result.criteria.itertuples():
        echo(f"  {row.criterion:<26} {row.weight:>5.2f}  {getattr(row, f'note_{lang}')}")
    echo(_("The best {top}:", top=min(top, ranked)))
    for row in centres.head(max(top, 0)).itertuples():
        if row.rank != row.rank:  # NaN: the unranked come last
            break
        echo(f"{row.rank:>5.0f}  {getattr(row, f'name_{lang}')}  ({row.score:.2f})")
        echo(f"       {getattr(row, f'explanation_{lang}')}")
    echo(_("Sensitivity: Spearman rank correlation of the scores with one weight moved by -20 "
           "{percent} and +20 {percent} against the base scores:", percent="%"))
    for criterion, rows in result.sensitivity.groupby("criterion", sort=False):
        values = "  ".join("—" if v != v else f"{v:.3f}" for v in rows["spearman"])
        echo(f"  {criterion:<26} {values}")
