"""The steps behind the commands: build the demo, assess readiness, write the report.

Each step reads what it needs from the workspace and writes what it makes back to it, so
that ``qonys demo`` is ``build`` then ``readiness`` then ``report`` on the same store.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from geo.errors import LayerNotFoundError
from geo.i18n import tr
from layers.demo import DEFAULT_SEED, build_demo_layers
from layers.provenance import Provenance
from layers.resources import data_dir, read_yaml
from layers.store import Store
from layers.validate import check
from planning.assess import assess
from planning.norms import Norms, load_norms
from planning.report import build_report

log = logging.getLogger(__name__)

INPUT_LAYERS = ("units", "population_grid", "facilities", "roads", "utility_zones",
                "utility_sources", "zone_sources", "settlements")
RESULT_UNITS = "readiness_units"
RESULT_NETWORKS = "readiness_networks"
SCHEMATIC_MARK = "schematic"
DEMO_LICENCE = ("figures: BNS and the sources in data/; names and areas: geokz CC BY 4.0; "
                "town coordinates: OpenStreetMap ODbL 1.0; geometry and networks: generated")

Stage = Callable[[str], None]


@dataclass
class Timings:
    """Wall time of each stage, seconds, in the order they ran."""

    seconds: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def stage(self, name: str, announce: Stage | None = None) -> Iterator[None]:
        """Time the block as stage ``name`` (a :mod:`geo.i18n` key ``stage.<name>``)."""
        if announce is not None:
            announce(name)
        start = time.perf_counter()
        yield
        self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - start


def build_demo(store: Store, *, seed: int = DEFAULT_SEED, timings: Timings | None = None,
               announce: Stage | None = None) -> None:
    """Build the demo layers from ``data/`` and write them to ``store`` in one atomic write."""
    timings = timings or Timings()
    current = {"name": None, "start": time.perf_counter()}

    def step(key: str) -> None:
        now = time.perf_counter()
        if current["name"] is not None:
            timings.seconds[current["name"]] = now - current["start"]
        current["name"], current["start"] = key.removeprefix("stage."), now
        if announce is not None:
            announce(current["name"])

    layers = build_demo_layers(seed=seed, progress=step)
    timings.seconds[current["name"]] = time.perf_counter() - current["start"]
    with timings.stage("store", announce):
        for layer in layers:
            check(layer.frame, layer.kind, layer=layer.name)
        provenance = {
            layer.name: Provenance.generated(
                layer.frame, layer=layer.name, kind=layer.kind, rule=f"qonys demo (seed {seed}): "
                f"{layer.source}", licence=DEMO_LICENCE, note=SCHEMATIC_MARK)
            for layer in layers}
        store.write_layers({layer.name: layer.frame for layer in layers}, provenance=provenance)


def run_readiness(store: Store, *, norms: Norms | None = None, year: int | None = None,
                  timings: Timings | None = None, announce: Stage | None = None):
    """Assess readiness from the layers in ``store`` and write the results back to it.

    Returns
    -------
    planning.assess.Assessment
    """
    timings = timings or Timings()
    norms = norms or load_norms()
    year = year or _base_year()
    with timings.stage("readiness", announce):
        available = set(store.layer_names())  # a missing workspace says so here
        for name in ("units", "roads"):
            if name not in available:
                raise LayerNotFoundError(tr("err.layer_missing", store=store.location,
                                            layer=name))
        layers = {name: store.read_layer(name) for name in INPUT_LAYERS if name in available}
        result = assess(layers, norms, year=year)
        units = result.units
        store.write_layers(
            {RESULT_UNITS: units, RESULT_NETWORKS: result.networks},
            provenance={
                RESULT_UNITS: Provenance.generated(
                    units, layer=RESULT_UNITS, kind="units",
                    rule=f"qonys readiness, base year {year}, norms {norms.path.name}",
                    note=_schematic_note(store)),
                RESULT_NETWORKS: Provenance.generated(
                    result.networks, layer=RESULT_NETWORKS, kind="table",
                    rule=f"qonys readiness, base year {year}, norms {norms.path.name}"),
            })
    return result


def run_report(store: Store, path: Path, *, lang: str, norms: Norms | None = None,
               timings: Timings | None = None, announce: Stage | None = None) -> Path:
    """Write the HTML report of the readiness results in ``store`` to ``path``."""
    timings = timings or Timings()
    norms = norms or load_norms()
    with timings.stage("report", announce):
        if RESULT_UNITS not in store.layer_names():
            raise LayerNotFoundError(tr("err.layer_missing", store=store.location,
                                        layer=RESULT_UNITS))
        units = store.read_layer(RESULT_UNITS)
        year = int(units["pop_year"].dropna().iloc[0]) if "pop_year" in units and \
            units["pop_year"].notna().any() else _base_year()
        schematic = _schematic_note(store) == SCHEMATIC_MARK
        report = build_report(units, norms=norms, year=year, lang=lang, schematic=schematic,
                              sources=_sources(store, norms, lang, schematic=schematic))
        path.parent.mkdir(parents=True, exist_ok=True)
        return report.write(path)


def _base_year() -> int:
    return int(read_yaml(data_dir() / "demo" / "base_year.yaml")["base_year"])


def _schematic_note(store: Store) -> str:
    """``schematic`` when the workspace's units were generated by the demo."""
    provenance = store.provenance()
    units = provenance[provenance["layer"] == "units"]
    return SCHEMATIC_MARK if (units["note"] == SCHEMATIC_MARK).any() else ""


def _sources(store: Store, norms: Norms, lang: str, *,
             schematic: bool) -> list[tuple[str, str | None, str | None]]:
    entries: list[tuple[str, str | None, str | None]] = []
    if schematic:
        references = read_yaml(data_dir() / "demo" / "sources.yaml")["references"]
        entries += [(r["label"], r.get("url"), r.get("note")) for r in references]
    if store.has_layer("utility_sources"):
        sources = store.read_layer("utility_sources")
        for row in sources.itertuples():
            entries.append((f"{row.name}: {row.capacity:,.0f} {row.unit}", None, row.source))
    for network, regional in norms.by_network.items():
        for region, norm in regional.items():
            if norm.per_resident_source:
                entries.append((f"{tr('network.' + network, lang=lang)} ({region}): "
                                f"{norm.per_resident:g} {norm.unit} per resident", None,
                                norm.per_resident_source))
    return entries


def stage_table(timings: Timings) -> pd.DataFrame:
    """Stage timings as a small table, for the command line and the benchmark."""
    return pd.DataFrame({"stage": list(timings.seconds), "seconds": list(timings.seconds.values())})
