"""``qonys check``: before a model runs, what it will assess, estimate and leave out.

Reads the workspace (never writes) and prints, per region and topic, the state of
:mod:`planning.provision.coverage` with its reason and the command that supplies what is missing.
Exit status 0, or 2 when the workspace has no units.
"""

from __future__ import annotations

import argparse

from geo.errors import LayerNotFoundError, LayerSchemaError
from geo.i18n import N_, NP_, _, current_language
from maps.text import format_number
from planning.cli.options import command
from planning.cli.text import echo

#: The messages of cover state by key, chosen at run time, marked for the catalogue.
COVER_STATE_MESSAGES = {
    "assessed": N_("assessed"),
    "estimated": NP_("cover.state_estimated", "estimated"),
    "not_assessed": N_("not assessed"),
}

EXAMPLE = "example:\n  qonys check --store almaty.gpkg --lang en"
ROADS_COMMAND = "qonys load city.osm.pbf --kind roads"


def add_parser(subparsers) -> None:
    """Register ``check``."""
    command(subparsers, "check", _("say, before a model runs, what it will assess, estimate and "
                                   "leave out with what the workspace holds, and which command "
                                   "supplies the rest"), EXAMPLE, handler=run)


def run(args: argparse.Namespace, location: str | None) -> int:
    """Print the coverage of the workspace at ``location``; returns the exit status."""
    from layers.store import open_store
    from planning.norms import load_norms
    from planning.provision.assess import check_population
    from planning.provision.coverage import OTHER_TOPICS, coverage, topic_label
    from planning.workspace import INPUT_LAYERS, PLANNING_LAYERS

    norms = load_norms()
    with open_store(location) as store:
        names = set(store.layer_names())
        if "units" not in names:
            raise LayerNotFoundError(_("The workspace {store} has no layer '{layer}'. Load it, or "
                                       "run `qonys demo`.", store=store.location,
                                        layer="units"))
        layers = {name: store.read_layer(name) for name in (*INPUT_LAYERS, *PLANNING_LAYERS)
                  if name in names and name != "roads"}
        where = store.location
    lines = [_("What qonys will assess with what the workspace {store} holds:", store=where)]
    units = layers["units"]
    try:
        check_population(units)
        population = None
    except LayerSchemaError as exc:
        population = str(exc)
    if population is not None:
        pop_registered = _("Registered population")
        state_not_assessed = _("not assessed")
        lines.append(f"  {pop_registered}: {state_not_assessed} — "
                     f"{population}")
    if "roads" not in names:
        said_state_not_assessed = _("not assessed")
        lines.append(f"  roads: {said_state_not_assessed} — "
                     + _("no layer roads: without roads neither the walk to facilities nor the "
                         "transport gate can be computed, and qonys readiness will not run. Load "
                         "them: {command}", command=ROADS_COMMAND))
    statuses = coverage(layers, norms, roads="roads" in names)
    counts = {"assessed": 0, "estimated": 0, "not_assessed": 0}
    regions = units["region"].astype(str) if "region" in units else None
    for region in dict.fromkeys(s.region for s in statuses):
        own = units if regions is None else units[regions == region]
        # Unknown is not zero: without pop_registered the count is a dash.
        residents = format_number(own["pop_registered"].sum(), "{:,.0f}",
                                   current_language()) if population is None else "—"
        lines.append("")
        lines.append(_("Region {region}: {units} units, {residents} registered residents",
                       region=region, units=len(own), residents=residents))
        order = [*norms.capacity_networks, "transport", *OTHER_TOPICS]
        for status in sorted((s for s in statuses if s.region == region),
                             key=lambda s: order.index(s.topic) if s.topic in order else 99):
            counts[status.state] += 1
            state = COVER_STATE_MESSAGES.get(status.state)
            lines.append(f"  {topic_label(status.topic, norms)}: "
                         f"{_(state)} — {status.text()}")
    lines.append("")
    lines.append(_("In all: {assessed} assessed, {estimated} estimated, {not_assessed} not "
                   "assessed.", **counts))
    echo("\n".join(lines))
    return 0
