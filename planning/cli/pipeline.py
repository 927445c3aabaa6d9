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
from geo.i18n import _, p_
from geo.regions import region_label
from layers.demo import DEFAULT_SEED, build_demo_layers
from layers.provenance import Provenance
from layers.resources import data_dir, read_yaml
from layers.store import Store
from layers.validate import check
from planning.norms import Norms, load_norms
from planning.notices import collect
from planning.population.base_year import roll_forward
from planning.provision import coverage
from planning.provision.assess import assess, check_population
from planning.provision.grid import GridResult, grid_readiness, layer_name
from planning.vocabulary import CAPACITY_UNIT_MESSAGES
from planning.workspace import (
    GAP_LAYER,
    INPUT_LAYERS,
    RESULT_EXACT,
    RESULT_NETWORKS,
    RESULT_NOTICES,
    RESULT_UNITS,
    SCHEMATIC_MARK,
    default_base_year,
    located,
    read_layers,
    schematic_note,
    workspace_base_year,
)

log = logging.getLogger(__name__)

#: The demo's credit, recorded in English; the report says it in its language.
DEMO_LICENCE = _("figures: BNS and the sources in data/; names and areas: geokz CC BY 4.0; town "
                 "coordinates: © OpenStreetMap contributors, ODbL 1.0; geometry and networks: "
                 "generated", lang="en")

Stage = Callable[[str], None]


@dataclass
class Timings:
    """Wall time of each stage, seconds, in the order they ran, and the process's CPU time
    (``cpu_seconds``: on a machine shared with other work, what the stage itself cost)."""

    seconds: dict[str, float] = field(default_factory=dict)
    cpu_seconds: dict[str, float] = field(default_factory=dict)

    def add(self, name: str, seconds: float, cpu_seconds: float) -> None:
        """Count ``seconds`` of wall time and ``cpu_seconds`` of CPU time to stage ``name``."""
        self.seconds[name] = self.seconds.get(name, 0.0) + seconds
        self.cpu_seconds[name] = self.cpu_seconds.get(name, 0.0) + cpu_seconds

    @contextmanager
    def stage(self, name: str, announce: Stage | None = None) -> Iterator[None]:
        """Time the block as stage ``name`` (a :mod:`geo.i18n` key ``stage.<name>``)."""
        if announce is not None:
            announce(name)
        start, cpu = time.perf_counter(), time.process_time()
        yield
        self.add(name, time.perf_counter() - start, time.process_time() - cpu)

    def stepper(self, announce: Stage | None = None) -> Stepper:
        """Time stages that a callee announces one after the other (see :class:`Stepper`)."""
        return Stepper(self, announce)


class Stepper:
    """Times a run of stages that follow each other: each call ends the running stage.

    Pass it as the ``progress``/``stage`` callback of a step that announces its own stages;
    :meth:`finish` ends the last one.
    """

    def __init__(self, timings: Timings, announce: Stage | None) -> None:
        self._timings, self._announce = timings, announce
        self._running: str | None = None
        self._since, self._cpu = time.perf_counter(), time.process_time()

    def __call__(self, name: str) -> None:
        self.finish()
        self._running = name
        self._since, self._cpu = time.perf_counter(), time.process_time()
        if self._announce is not None:
            self._announce(name)

    def finish(self) -> None:
        """End the running stage, if any."""
        if self._running is not None:
            self._timings.add(self._running, time.perf_counter() - self._since,
                              time.process_time() - self._cpu)
            self._running = None


def build_demo(store: Store, *, seed: int = DEFAULT_SEED, timings: Timings | None = None,
               announce: Stage | None = None) -> None:
    """Build the demo layers from ``data/`` and write them to ``store`` in one atomic write."""
    timings = timings or Timings()
    step = timings.stepper(announce)
    layers = build_demo_layers(seed=seed, progress=step)
    step.finish()
    with timings.stage("store", announce):
        for layer in layers:
            check(layer.frame, layer.kind, layer=layer.name)
        provenance = {
            layer.name: Provenance.generated(
                layer.frame, layer=layer.name, kind=layer.kind, rule=f"qonys demo (seed {seed}): "
                f"{layer.source}", licence=DEMO_LICENCE, note=SCHEMATIC_MARK)
            for layer in layers}
        frames = {layer.name: layer.frame for layer in layers}
        # The registered-actual gap is a layer of its own (qonys actual rewrites it).
        from planning.population.actual import gap_layer

        units = next(layer for layer in layers if layer.name == "units")
        frames[GAP_LAYER] = gap_layer(units.frame)
        provenance[GAP_LAYER] = Provenance.generated(
            frames[GAP_LAYER], layer=GAP_LAYER, kind="units", rule=f"qonys demo (seed {seed}): "
            "pop_actual - pop_registered", licence=DEMO_LICENCE, note=SCHEMATIC_MARK)
        for name, (frame, row) in demo_national_tables().items():
            frames[name], provenance[name] = frame, row
        store.write_layers(frames, provenance=provenance)


#: Real tables of ``data/national/`` the demo carries as they are (issue 16): the report's
#: demographic balance and push-and-pull sections read them. Table -> file.
DEMO_NATIONAL_TABLES = {"region_indicators": "region_indicators.csv"}


def demo_national_tables() -> dict[str, tuple[pd.DataFrame, Provenance]]:
    """The tables of :data:`DEMO_NATIONAL_TABLES` whose file exists, with their provenance.

    They are official figures, not generated: their provenance names the file and the licence
    of ``data/national/sources.yaml``, and each row keeps its own ``source``.
    """
    from layers.provenance import checksum_of_frame

    folder = data_dir() / "national"
    about = read_yaml(folder / "sources.yaml").get("files", {}) \
        if (folder / "sources.yaml").exists() else {}
    tables = {}
    for name, file in DEMO_NATIONAL_TABLES.items():
        path = folder / file
        if not path.exists():
            continue
        frame = pd.read_csv(path, dtype={"region": str})
        tables[name] = (frame, Provenance(
            layer=name, kind=name, source=f"data/national/{file}",
            checksum=checksum_of_frame(frame), crs_found=None, crs_used=None, encoding="utf-8",
            row_count=len(frame), licence=str(about.get(file, {}).get("licence", "")),
            note=_("carried into the demo as published")))
    return tables


def run_readiness(store: Store, *, norms: Norms | None = None, year: int | None = None,
                  timings: Timings | None = None, announce: Stage | None = None):
    """Assess readiness from the layers in ``store`` and write the results back to it.

    What the user should be told (networks not assessed or estimated, a population grid
    located by its points) is said once (:func:`planning.notices.say`).

    Returns
    -------
    planning.provision.assess.Assessment
    """
    timings = timings or Timings()
    norms = norms or load_norms()
    year = year or default_base_year()
    with timings.stage("readiness", announce):
        available = set(store.layer_names())  # a missing workspace says so here
        for name in ("units", "roads"):
            if name not in available:
                raise LayerNotFoundError(_("The workspace {store} has no layer '{layer}'. Load "
                                           "it, or run `qonys demo`.", store=store.location,
                                            layer=name))
        layers = {name: store.read_layer(name)
                  for name in (*INPUT_LAYERS, "constraints") if name in available}
        with collect() as notices:
            check_population(layers["units"])
            layers["units"] = roll_forward(layers["units"], norms, year=year)
            result = assess(layers, norms, year=year)
            coverage.say_notices(coverage.coverage(layers, norms), norms,
                                 also=coverage.READINESS_TOPICS)
        for region, graphs in result.graphs.items():
            for graph in (graphs.walk, graphs.drive):
                log.info("%s, %s: %s", region, graph.mode, graph.report.message())
        rule = f"qonys readiness, base year {year}, norms {norms.path.name}"
        tables = {RESULT_UNITS: result.units, RESULT_NETWORKS: result.networks,
                  RESULT_NOTICES: notices.table()}
        if result.exact is not None:
            tables.update({layer: getattr(result.exact, part)
                           for part, layer in RESULT_EXACT.items()})
        provenance = {name: Provenance.generated(frame, layer=name, kind="table", rule=rule)
                      for name, frame in tables.items()}
        provenance[RESULT_UNITS] = Provenance.generated(
            result.units, layer=RESULT_UNITS, kind="units", rule=rule,
            note=schematic_note(store))
        store.write_layers(tables, provenance=provenance)
    return result


def run_grid(store: Store, *, region: str, res: int, spread: str = "auto",
             norms: Norms | None = None, year: int | None = None,
             timings: Timings | None = None, announce: Stage | None = None) -> GridResult:
    """Score readiness per H3 cell of ``region`` and write the cells to ``store``.

    The layer is :func:`planning.provision.grid.layer_name` (``grid_almaty_r9``), of kind ``units``
    (``kind`` = ``hex``), replacing an earlier one of the same name.
    """
    timings = timings or Timings()
    norms = norms or load_norms()
    year = year or default_base_year()
    available = set(store.layer_names())
    for name in ("units", "roads"):
        if name not in available:
            raise LayerNotFoundError(_("The workspace {store} has no layer '{layer}'. Load it, or "
                                       "run `qonys demo`.",
                                       store=store.location, layer=name))
    layers = {name: store.read_layer(name)
              for name in (*INPUT_LAYERS, "constraints") if name in available}
    check_population(layers["units"])
    layers["units"] = roll_forward(layers["units"], norms, year=year)
    layers = located(layers)
    stage = timings.stepper(announce)
    result = grid_readiness(layers, norms, region=region, res=res, year=year, spread=spread,
                            stage=stage)
    coverage.say_notices(coverage.coverage(layers, norms), norms,
                         also=coverage.READINESS_TOPICS)
    stage("store")
    name = layer_name(region, res)
    rule = (f"qonys grid --region {region} --res {res}, residents spread by {result.spread}, "
            f"base year {year}, norms {norms.path.name}")
    store.write_layers({name: result.cells}, provenance={
        name: Provenance.generated(result.cells, layer=name, kind="units", rule=rule,
                                   note=schematic_note(store))})
    stage.finish()
    return result


@dataclass
class ReportFiles:
    """What ``qonys report`` wrote."""

    html: Path
    pngs: list[Path] = field(default_factory=list)
    pdf: Path | None = None
    #: wall seconds of ``html`` (reading the workspace, building and writing the page),
    #: ``pngs`` (drawing them, and Chromium's print of the PDF, which runs meanwhile) and
    #: ``pdf`` (the print alone)
    seconds: dict[str, float] = field(default_factory=dict)


def run_report(store: Store, path: Path, *, lang: str, scenario: str | Path | None = None,
               compare: str | Path | None = None, png_dir: Path | None = None,
               pdf: Path | None = None, pdf_from: str = "chromium",
               norms: Norms | None = None, timings: Timings | None = None,
               announce: Stage | None = None) -> ReportFiles:
    """Write the HTML report of ``store`` to ``path``; with ``png_dir`` and ``pdf``, those too.

    Parameters
    ----------
    store
        The workspace (read only).
    path
        The HTML file.
    lang
        ``ru``, ``kk`` or ``en``.
    scenario, compare
        See :func:`planning.report.inputs.read_inputs`.
    png_dir
        Folder for a static PNG of every map layer (``<region>-<layer>.png``).
    pdf
        A PDF of the report, printed by headless Chromium (``pdf_from="chromium"``, which runs
        the maps' scripts) or assembled from the static PNGs (``pdf_from="png"``).
    """
    from planning.report.contents import build_report
    from planning.report.inputs import read_inputs

    timings = timings or Timings()
    norms = norms or load_norms()
    with timings.stage("report", announce):
        # the parts are timed apart from the command's stages (bench/report.py prints them)
        parts = Timings()
        with parts.stage("html"):
            schematic = schematic_note(store) == SCHEMATIC_MARK
            inputs = read_inputs(store, norms=norms, scenario=scenario, compare=compare,
                                 forecaster=forecast_unstored,
                                 schematic=schematic)
            coverage.say_notices(inputs.statuses, norms)
            # a national report without readiness uses no per-resident norm: none is cited
            sources = _sources(store, norms, lang, schematic=schematic, units=inputs.units) \
                if inputs.readiness else []
            report, maps = build_report(inputs, norms=norms, sources=sources, lang=lang)
            files = ReportFiles(report.write(path))
        from maps.static_files import ReportPngs

        drawn = png_dir is not None or (pdf is not None and pdf_from == "png")
        folder = png_dir if png_dir is not None else path.with_name(path.stem + "-maps")
        # each PNG carries one line: its map's data credit (webmap.attribution); the full list
        # of sources is the report's and the PDF's, once
        with parts.stage("pngs"), ReportPngs(maps if drawn else [], folder, lang=lang) as drawing:
            if pdf is not None and pdf_from == "chromium":
                # Chromium prints the HTML while the worker processes draw the PNGs
                with parts.stage("pdf"):
                    files.pdf = _write_pdf(report, files, pdf, pdf_from=pdf_from, lang=lang,
                                           schematic=schematic)
            files.pngs = drawing.result()
        if pdf is not None and pdf_from == "png":
            with parts.stage("pdf"):
                files.pdf = _write_pdf(report, files, pdf, pdf_from=pdf_from, lang=lang,
                                       schematic=schematic)
        files.seconds = parts.seconds
        log.info("report parts: %s", " ".join(f"report_{name}_s={seconds:.3f}"
                                              for name, seconds in parts.seconds.items()))
    return files


def _write_pdf(report, files: ReportFiles, pdf: Path, *, pdf_from: str, lang: str,
               schematic: bool) -> Path:
    """The report as PDF: Chromium's print of the HTML, or the static maps on A4 pages."""
    from maps.pdf import print_pdf
    from maps.pdf_images import pdf_from_images

    if pdf_from == "chromium":
        return print_pdf(files.html, pdf)
    notice = p_("report.demo_notice",
                "Schematic geometry: town outlines, roads, facilities and utility zones are "
                "generated; district boundaries are real (geokz)",
                lang=lang) if schematic else None
    return pdf_from_images(files.pngs, pdf, title=report.title, lang=lang,
                           subtitle=report.subtitle, notice=notice, sources=report.source_texts)










def _sources(store: Store, norms: Norms, lang: str, *, schematic: bool,
             units: pd.DataFrame | None = None) -> list[tuple[str, str | None, str | None]]:
    entries: list[tuple[str, str | None, str | None]] = []
    if schematic:
        references = read_yaml(data_dir() / "demo" / "sources.yaml")["references"]
        entries += [(r["label"], r.get("url"), r.get("note")) for r in references]
    if store.has_layer("utility_sources"):
        sources = store.read_layer("utility_sources")
        for row in sources.to_dict(orient="records"):  # name and source are optional columns
            name = row.get("name") if pd.notna(row.get("name")) else row["source_id"]
            note = row.get("source") if pd.notna(row.get("source")) else None
            unit = CAPACITY_UNIT_MESSAGES.get(row['unit'])
            entries.append((_("{name}: {capacity:,.0f} {unit}", lang=lang, name=name,
                               capacity=float(row["capacity"]),
                               unit=_(unit, lang=lang) if unit is not None else row["unit"]),
                            None, note))
    for network, regional in norms.by_network.items():
        for region, norm in regional.items():
            if norm.per_resident_source:
                where = _("default", lang=lang) if region == "default" else \
                    region_label(region, lang, units=units)
                entries.append((_("{network} ({region}): {value:g} "
                                  "{unit} per resident", lang=lang, region=where,
                                   network=norms.label(network, lang),
                                   value=norm.per_resident,
                                   unit=norms.unit_label(network, lang)),
                                None, norm.per_resident_source))
    return entries


def forecast_from_base_year(layers: dict[str, pd.DataFrame], scenario, norms: Norms, *,
                            cells: tuple[str, int] | None = None):
    """Run ``scenario`` on ``layers`` from the workspace's base year; returns the run and the
    layers it ran on.

    Units counted before the base year are brought to it, as readiness does, and said.
    """
    from planning.forecast import scenario_run

    base_year = workspace_base_year(layers["units"])
    layers = {**layers, "units": roll_forward(layers["units"], norms, year=base_year)}
    run = scenario_run.run_scenario(layers, scenario, norms, base_year=base_year, cells=cells)
    return run, layers


def forecast_unstored(store: Store, scenario, norms: Norms,
                      workspace: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The result tables of ``scenario`` computed now for a report, not stored.

    ``workspace`` keeps the input layers once read (a report's second scenario reuses them).
    """
    from planning.forecast import scenario_run

    if not workspace:
        workspace.update(read_layers(store))
    run, _layers = forecast_from_base_year(workspace, scenario, norms)
    return scenario_run.result_tables(run)
