"""Static maps as PNG files: the bytes of a picture, one file per layer, and their names.

The pictures are :func:`maps.static.map_figure`'s; a file is written whole or not at all
(:func:`maps.files.atomic_output`), and the same map gives the same bytes (no date or
software name inside). :func:`write_report_pngs` draws a report's many pictures in worker
processes, one picture a task: each is drawn exactly as :func:`write_png` alone draws it, so
the files are the same bytes however many processes share the work.

Examples
--------
>>> png_names([])
[]
"""

from __future__ import annotations

import io
import logging
import multiprocessing
import os
import re
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import matplotlib as mpl
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from maps.files import atomic_output, make_folder
from maps.static import RC, map_figure
from maps.static_furniture import png_metadata

log = logging.getLogger(__name__)


def figure_png(figure: Figure, *, metadata: dict[str, str] | None = None) -> bytes:
    """``figure`` as PNG bytes at its own dpi, without a date or software name inside.

    Parameters
    ----------
    figure
        A figure, e.g. from :func:`maps.static.map_figure`.
    metadata
        PNG text chunks to write (keyword → text; see :func:`png_metadata`).

    Returns
    -------
    bytes
        The PNG file; the same figure always gives the same bytes.
    """
    buffer = io.BytesIO()
    with mpl.rc_context(RC):
        FigureCanvasAgg(figure).print_png(buffer, metadata={**(metadata or {}),
                                                            "Software": None})
    return buffer.getvalue()


def write_png(
    webmap: Any,
    path: str | os.PathLike[str],
    *,
    layer: int = 0,
    lang: str,
    sources: Sequence[str] = (),
    dpi: int = 150,
) -> Path:
    """Write one layer of ``webmap`` as a PNG file (whole or not at all).

    Parameters
    ----------
    webmap, layer, lang, sources, dpi
        As in :func:`maps.static.map_figure`.
    path
        The PNG file to write; its folder must exist. An existing file is replaced.

    Returns
    -------
    pathlib.Path
        ``path``.
    """
    path = Path(path)
    data = figure_png(map_figure(webmap, layer=layer, lang=lang, sources=sources, dpi=dpi),
                      metadata=png_metadata(webmap, sources))
    # A reader (or a PDF build) never sees half a picture: write aside, then rename over.
    with atomic_output(path) as staged:
        staged.write_bytes(data)
    log.debug("wrote %s (%d bytes)", path, len(data))
    return path


def png_names(maps: Sequence[Any]) -> list[list[str]]:
    """File names for every layer of ``maps`` that say the region and the layer.

    ``<region>-<layer>.png`` (``almaty-readiness.png``, ``almaty-heat-headroom.png``): the
    region is the one value of the layer's (or else the outline's) ``region`` column, left out
    where a layer spans several; the layer part comes from its column (``readiness_actual`` →
    ``readiness``, ``headroom_heat_actual`` → ``heat-headroom``, ``pop_gap`` → ``gap``). A name
    met again gets ``-2``, ``-3`` …, so that the names of one report are unique.

    Examples
    --------
    >>> import geopandas as gpd
    >>> from shapely.geometry import box
    >>> from maps.web_layers import CategoryLayer
    >>> from maps.webmap import WebMap
    >>> gdf = gpd.GeoDataFrame({"region": ["almaty"], "bottleneck_actual": ["heat"]},
    ...                        geometry=[box(76, 43, 77, 44)], crs="EPSG:4326")
    >>> layer = CategoryLayer(gdf, column="bottleneck_actual", name="B",
    ...                       categories={"heat": ("Heat", "#ff0000")})
    >>> png_names([WebMap(layers=[layer, layer])])
    [['almaty-bottleneck.png', 'almaty-bottleneck-2.png']]
    """
    taken: set[str] = set()
    names = []
    for webmap in maps:
        own = []
        for shown in webmap.layers:
            parts = [part for part in (_region_of(shown.gdf) or _region_of(webmap.outline),
                                       _layer_key(shown)) if part]
            stem = _slug("-".join(parts)) or "map"
            name, count = stem, 1
            while name in taken:
                count += 1
                name = f"{stem}-{count}"
            taken.add(name)
            own.append(f"{name}.png")
        names.append(own)
    return names


def write_pngs(
    webmap: Any,
    folder: str | os.PathLike[str],
    *,
    stem: str | None = None,
    names: Sequence[str] | None = None,
    lang: str,
    sources: Sequence[str] = (),
) -> list[Path]:
    """Write every layer of ``webmap`` as a PNG in ``folder``.

    Parameters
    ----------
    webmap, lang, sources
        As in :func:`maps.static.map_figure`.
    folder
        Where to write; made if missing.
    stem
        Files ``<stem>-1.png``, ``<stem>-2.png`` …: a plain name, no folder.
    names
        Else one file name per layer (see :func:`png_names`); default: those of
        ``png_names([webmap])``.

    Returns
    -------
    list[pathlib.Path]
        The files, in the order of the layers.

    Raises
    ------
    ValueError
        If ``stem`` or a name is empty or names a folder, or ``names`` has not one per layer.
    """
    if stem is not None:
        names = [f"{stem}-{index + 1}.png" for index in range(len(webmap.layers))]
    elif names is None:
        names = png_names([webmap])[0]
    names = [str(name) for name in names]
    for name in [stem] if stem is not None else names:
        if not name or Path(name).name != name or name in (".", ".."):
            msg = f"A file name is a plain name without folders, not {name!r}."
            raise ValueError(msg)
    if len(names) != len(webmap.layers):
        msg = f"{len(names)} file names for the {len(webmap.layers)} layers of the map."
        raise ValueError(msg)
    folder = Path(folder)
    make_folder(folder)
    return [write_png(webmap, folder / name, layer=index, lang=lang, sources=sources)
            for index, name in enumerate(names)]


def write_report_pngs(
    maps: Sequence[Any],
    folder: str | os.PathLike[str],
    *,
    lang: str,
    sources: Sequence[str] = (),
    workers: int | None = None,
) -> list[Path]:
    """Write every layer of every map in ``maps`` as a PNG in ``folder``, in worker processes.

    See :class:`ReportPngs`, which this runs to the end.

    Returns
    -------
    list[pathlib.Path]
        The files, map by map and layer by layer.
    """
    with ReportPngs(maps, folder, lang=lang, sources=sources, workers=workers) as drawing:
        return drawing.result()


class ReportPngs:
    """Every layer of every map as a PNG, drawn by worker processes while this one goes on.

    The files are named by :func:`png_names` and hold the same bytes as :func:`write_pngs`
    writes map by map: each picture is one task, drawn by the same code from the same map.
    Entering starts the workers and hands them every picture, so that this process can do
    something else (print the PDF) while they draw; :meth:`result` waits for the files.
    The workers are forked before that other work begins, so they start with the maps and
    the imported modules of this process (nothing is pickled but a picture's address) and no
    other thread is running when they are. Where processes cannot be forked (Windows, macOS'
    default) or one worker is asked for, :meth:`result` draws the pictures here, one after
    the other.

    Parameters
    ----------
    maps
        :class:`maps.webmap.WebMap` objects, e.g. the report's.
    folder
        Where to write; made if missing.
    lang, sources
        As in :func:`maps.static.map_figure`.
    workers
        Processes to draw in; default: the CPUs this process may use, at most one per picture.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder, ReportPngs([], folder, lang="en") as pngs:
    ...     pngs.result()
    []
    """

    def __init__(self, maps: Sequence[Any], folder: str | os.PathLike[str], *, lang: str,
                 sources: Sequence[str] = (), workers: int | None = None) -> None:
        self.folder = Path(folder)
        self._maps, self._lang, self._sources = list(maps), lang, tuple(sources)
        self._jobs = [(index, layer, self.folder / name)
                      for index, names in enumerate(png_names(self._maps))
                      for layer, name in enumerate(names)]
        asked = _usable_cpus() if workers is None else max(1, int(workers))
        self.workers = min(len(self._jobs), asked) \
            if "fork" in multiprocessing.get_all_start_methods() else 1
        self._pool: ProcessPoolExecutor | None = None
        self._futures: list[Any] = []

    def __enter__(self) -> ReportPngs:
        if self._jobs:
            make_folder(self.folder)
        if self.workers > 1:
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=multiprocessing.get_context("fork"),
                initializer=_adopt, initargs=(self._maps, self._lang, self._sources))
            # a forking pool starts all its workers at the first task, here in this thread
            self._futures = [self._pool.submit(_write_job, job) for job in self._jobs]
        return self

    def result(self) -> list[Path]:
        """The files, map by map and layer by layer, once all are written."""
        if self._pool is None:
            return [write_png(self._maps[index], path, layer=layer, lang=self._lang,
                              sources=self._sources) for index, layer, path in self._jobs]
        return [future.result() for future in self._futures]

    def __exit__(self, *exc_info: object) -> None:
        if self._pool is not None:
            # after an error elsewhere, pictures not yet begun are not drawn
            self._pool.shutdown(wait=True, cancel_futures=exc_info[0] is not None)


_ADOPTED: dict[str, Any] = {}


def _adopt(maps: Sequence[Any], lang: str, sources: tuple[str, ...]) -> None:
    """In a worker: keep the maps it was forked with (they are never pickled)."""
    _ADOPTED.update(maps=maps, lang=lang, sources=sources)


def _write_job(job: tuple[int, int, Path]) -> Path:
    index, layer, path = job
    return write_png(_ADOPTED["maps"][index], path, layer=layer, lang=_ADOPTED["lang"],
                     sources=_ADOPTED["sources"])


def _usable_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _region_of(frame: Any) -> str:
    """The one region of ``frame`` (its ``region`` column), or ``""``."""
    if frame is None or "region" not in getattr(frame, "columns", ()):
        return ""
    regions = set(frame["region"].dropna().astype(str))
    return regions.pop() if len(regions) == 1 else ""


def _layer_key(shown: Any) -> str:
    """What the layer shows, from its column: ``readiness``, ``heat-headroom``, ``gap-share``."""
    column = str(shown.column or "")
    cells = "h3" in shown.gdf.columns or "cell" in shown.gdf.columns
    column = column.removesuffix("_actual").replace("_actual_", "_")
    if column.startswith("headroom_"):
        column = column.removeprefix("headroom_") + "_headroom"
    column = {"pop_gap": "gap", "pop_gap_pct": "gap_share", "net": "net_migration",
              "persons": "flows", "network": "proposals", "status": "proposals_status",
              "readiness_diff": "readiness_difference", "pop_diff": "population_difference",
              }.get(column, column)
    return f"cells_{column}" if cells else column


def _slug(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))
