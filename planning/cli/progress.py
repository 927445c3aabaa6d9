"""Progress of long commands on the terminal (rich), silent when output is not a terminal."""

from __future__ import annotations

from types import TracebackType

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from geo.i18n import N_, _

#: The messages of stage by key, chosen at run time, marked for the catalogue.
STAGE_MESSAGES = {
    "cells": N_("Filling the region with H3 cells"),
    "districts": N_("Districts, regions and places"),
    "check": N_("checking"),
    "facts": N_("Reading published facts"),
    "forecast": N_("Forecast year by year"),
    "geometry": N_("Unit geometry: real districts, schematic towns"),
    "grid": N_("Readiness per H3 cell"),
    "networks": N_("Generating networks and facilities"),
    "phasing": N_("Phasing under the budget"),
    "population": N_("Spreading residents over cells"),
    "read": N_("reading the source"),
    "readiness": N_("Computing readiness"),
    "report": N_("Building the report"),
    "score": N_("Scoring readiness per cell"),
    "siting": N_("Siting new facilities"),
    "store": N_("Writing the workspace"),
    "utilities": N_("Sizing utility expansions"),
    "write": N_("writing the workspace"),
}

#: The stages of ``qonys demo`` in order, each a ``stage.<name>`` key of geo.i18n.
DEMO_STAGES = ("facts", "geometry", "networks", "store", "readiness", "grid", "report")
#: The stages of ``qonys national``.
NATIONAL_STAGES = ("facts", "districts", "population", "store")
#: The stages of ``qonys grid``.
GRID_STAGES = ("cells", "population", "score", "store")
#: The stages of ``qonys load``.
LOAD_STAGES = ("read", "check", "write")


class StageProgress:
    """Shows which stage runs, with a bar over ``stages``; off when not a terminal."""

    def __init__(self, stages: tuple[str, ...] = DEMO_STAGES) -> None:
        self._stages = stages
        console = Console(stderr=True)
        self._progress = Progress(SpinnerColumn(), TextColumn("{task.description}"),
                                  TimeElapsedColumn(), console=console,
                                  disable=not console.is_terminal, transient=False)
        self._task = None

    def __enter__(self) -> StageProgress:
        self._progress.__enter__()
        self._task = self._progress.add_task("qonys", total=len(self._stages))
        return self

    def stage(self, name: str) -> None:
        """Announce that stage ``name`` begins."""
        done = self._stages.index(name) if name in self._stages else None
        self._progress.update(self._task, description=_(STAGE_MESSAGES[name]), completed=done)

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if exc_type is None:
            self._progress.update(self._task, completed=len(self._stages))
        self._progress.__exit__(exc_type, exc, tb)
