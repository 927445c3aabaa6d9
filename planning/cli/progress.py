"""Progress of long commands on the terminal (rich), silent when output is not a terminal."""

from __future__ import annotations

from types import TracebackType

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from geo.i18n import tr

#: The stages of ``qonys demo`` in order, each a ``stage.<name>`` key of geo.i18n.
DEMO_STAGES = ("facts", "geometry", "networks", "store", "readiness", "grid", "report")
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
        self._progress.update(self._task, description=tr(f"stage.{name}"), completed=done)

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if exc_type is None:
            self._progress.update(self._task, completed=len(self._stages))
        self._progress.__exit__(exc_type, exc, tb)
