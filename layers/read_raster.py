"""Population rasters (WorldPop, GHS-POP: persons per cell) as points at the cell centres.

A population grid becomes a ``population_grid`` layer: one point per populated cell, with
``point_id`` ``"r<row>c<col>"`` (row and column counted from 0, as GDAL counts pixels and lines)
and ``persons``. Empty cells (0, NaN, the band's nodata value) are left out, so a country-size
raster that is mostly empty gives few points. The band is read block by block (the file's own
tiles or strips, cut further when a block is large) with GDAL's block cache held to a few
blocks, so the whole band is never in memory; only the populated cells are kept. Reading a band
of 144 million cells with 9 million populated took 1.4 s and 360 MB here; building the 9 million
points (ids and geometries) took 10 s and 2.8 GB more: the output, not the band, is the cost.

Two limits keep a hostile or mistaken file from taking the machine: a band of more than
:data:`MAX_CELLS` cells is refused before a cell is read (a 1,000,000 × 1,000,000 sparse
GeoTIFF would take hours to scan), and a read stops as soon as more than :data:`MAX_POINTS`
cells are populated (each point costs about 300 bytes once built). Kazakhstan at 100 m
(WorldPop, GHS-POP) is about 5.4 × 10⁸ cells with a few million populated, well inside both;
``QONYS_RASTER_MAX_CELLS`` and ``QONYS_RASTER_MAX_POINTS`` raise them on a bigger machine.

rasterio is imported lazily: it is the ``raster`` extra.
"""

from __future__ import annotations

import math
import os
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from geo.errors import CRSError, InputFileError, missing_dependency
from geo.i18n import _
from layers.provenance import checksum_of_file
from layers.sources import SourceData, crs_label
from layers.validate import Problem

if TYPE_CHECKING:
    import pyproj

#: The kind of layer this reader produces.
KIND = "population_grid"

# A window of at most 2**22 cells is 16 MB as float32 and 32 MB once converted to float64:
# a single-strip GeoTIFF whose "block" is the whole band is still read in bounded pieces.
_MAX_WINDOW_CELLS = 1 << 22
_CELLS_LISTED = 5
_MIN_CACHE_BYTES = 64 << 20

MAX_CELLS = 2_000_000_000
"""Cells of a band (width × height) above which a raster is refused unread."""
MAX_POINTS = 10_000_000
"""Populated cells above which a read stops: about 3 GB of points once built."""


def read_population_raster(
    path: str | Path, *, band: int = 1, crs: str | pyproj.CRS | None = None
) -> SourceData:
    """Read a population raster into points at the centres of its populated cells.

    Parameters
    ----------
    path
        A raster GDAL can read, usually a GeoTIFF of persons per cell (WorldPop, GHS-POP).
    band
        The band to read, counted from 1.
    crs
        The CRS to use (``"EPSG:32643"``, a WKT or a :class:`pyproj.CRS`) when the file declares
        none. When the file declares a different one, the given CRS wins and a warning problem
        says so.

    Returns
    -------
    SourceData
        ``frame`` is a GeoDataFrame with ``point_id`` (``"r<row>c<col>"``, from 0), ``persons``
        (float, > 0) and point geometries at cell centres in the raster's CRS, ordered by row
        then column. ``crs_found`` is the file's CRS (``"EPSG:nnnn"`` when it carries a code,
        else its WKT; ``None`` when it has none). ``notes`` give the number of populated cells
        and the total of persons; cells with negative values are one error problem.

    Raises
    ------
    InputFileError
        The file is missing, is not a raster, is truncated, has no such band, is not
        georeferenced, or is rotated or sheared (not supported).
    CRSError
        The file declares no CRS and ``crs`` is not given, or ``crs`` is not a CRS.
    MissingDependencyError
        rasterio is not installed.
    """
    rasterio = _import_rasterio()
    from rasterio.errors import NotGeoreferencedWarning, RasterioError

    path = Path(path)
    if not path.is_file():
        raise InputFileError(_("The raster file {path} does not exist. Check the path and the "
                               "file name.", path=path))
    try:
        # An ungeoreferenced file is refused below with a clearer message than rasterio's.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", NotGeoreferencedWarning)
            src = rasterio.open(path)
    except RasterioError as exc:
        raise InputFileError(_("{path} cannot be read as a raster (GeoTIFF): {reason}. Check that "
                               "the file was downloaded completely and is a raster, for example "
                               "with `gdalinfo {path}`.",
                               path=path, reason=_reason(exc))) from exc
    with src:
        _check_grid(src, path, band)
        _check_size(src, path)
        frame_crs, crs_found, notes, problems = _resolve_crs(src.crs, crs, path)
        try:
            cells = _read_cells(src, band, path)
        except RasterioError as exc:
            raise InputFileError(_("{path} cannot be read as a raster (GeoTIFF): {reason}. Check "
                                   "that the file was downloaded completely and is a raster, for "
                                   "example with `gdalinfo {path}`.",
                                   path=path, reason=_reason(exc))) from exc
        transform = src.transform
        scale, offset = src.scales[band - 1], src.offsets[band - 1]

    rows, cols, persons, negative = cells
    frame = _points(rows, cols, persons, transform, frame_crs)
    if (scale, offset) != (1.0, 0.0):
        notes.append(_("values converted with the band's scale {scale} and offset {offset}",
                       scale=f"{scale:g}", offset=f"{offset:g}"))
    notes.append(_("band {band}: {points} populated cell(s), {total} persons in total (cell "
                   "{size_x} × {size_y} in the CRS's units)",
                   band=band, points=len(frame),
                    total=f"{float(persons.sum()):.1f}", size_x=f"{abs(transform.a):g}",
                    size_y=f"{abs(transform.e):g}"))
    if negative is not None:
        problems.append(negative)
    return SourceData(
        frame=frame,
        source=str(path),
        checksum=checksum_of_file(path),
        encoding=None,
        crs_found=crs_found,
        kind_hint=KIND,
        problems=problems,
        notes=notes,
    )


def _import_rasterio():  # -> module
    try:
        import rasterio
    except ImportError as exc:
        raise missing_dependency(
            "rasterio", extra="raster", purpose="reading population rasters"
        ) from exc
    return rasterio


def _reason(exc: BaseException) -> str:
    # rasterio's read errors say "See previous exception": GDAL's reason is the cause.
    cause = exc.__cause__ or exc.__context__
    if cause is None or str(cause) in str(exc):
        return str(exc)
    return f"{exc} ({cause})"


def _check_grid(src, path: Path, band: int) -> None:
    if not 1 <= band <= src.count:
        raise InputFileError(_("The raster {path} has no band {band}: it has {count} band(s). "
                               "Give a band from 1 to {count}.",
                               path=path, band=band, count=src.count))
    transform = src.transform
    # rasterio answers the identity when the file has no geotransform (only pixel numbers,
    # or ground control points): no real grid has 1-unit cells growing southwards from 0, 0.
    if transform.is_identity:
        raise InputFileError(_("The raster {path} is not georeferenced (no geotransform, only "
                               "pixel numbers). Georeference it in a GIS, or save it as a GeoTIFF "
                               "with its geotransform.", path=path))
    if transform.b != 0 or transform.d != 0:
        text = ", ".join(f"{v:g}" for v in transform.to_gdal())
        raise InputFileError(_("The raster {path} is rotated or sheared (geotransform "
                               "{transform}), which is not supported. Warp it to a north-up grid: "
                               "`gdalwarp {path} out.tif`.",
                               path=path, transform=f"({text})"))


def _limit(name: str, default: int) -> int:
    value = os.environ.get(name)
    if not value:
        return default
    try:
        return int(float(value))
    except ValueError:
        raise InputFileError(_("{name}={value} is not a number. Give a whole number of cells, for "
                               "example {name}=4000000000.",
                               name=name, value=value)) from None


def _check_size(src, path: Path) -> None:
    cells = src.width * src.height
    limit = _limit("QONYS_RASTER_MAX_CELLS", MAX_CELLS)
    if cells > limit:
        raise InputFileError(_("The raster {path} is too large: {width} × {height} = {cells} "
                               "cells, the limit is {limit}. Cut out the area you need "
                               "(gdal_translate -projwin ...) or coarsen the cells (gdalwarp -tr "
                               "...); QONYS_RASTER_MAX_CELLS raises the limit on a bigger "
                               "machine. Nothing was read.", path=path, width=src.width,
                                height=src.height, cells=f"{cells:.3g}", limit=f"{limit:.3g}"))


def _resolve_crs(file_crs, given, path: Path):  # -> (pyproj.CRS, str | None, notes, problems)
    import pyproj

    found = None if file_crs is None else pyproj.CRS.from_wkt(file_crs.to_wkt())
    crs_found = None if found is None else crs_label(found)
    notes: list[str] = []
    problems: list[Problem] = []
    if given is None:
        if found is None:
            raise CRSError(_("The raster {path} declares no coordinate reference system. Give it "
                             "when loading (--crs EPSG:4326 for WGS 84 degrees, EPSG:32643 for "
                             "UTM 43N …) or write it into the file: `gdal_edit.py -a_srs "
                             "EPSG:4326 {path}`.", path=path))
        return found, crs_found, notes, problems
    try:
        wanted = pyproj.CRS.from_user_input(given)
    except pyproj.exceptions.CRSError as exc:
        raise CRSError(_("The CRS '{crs}' given for the raster {path} is not recognised: "
                         "{reason}. Give a code such as EPSG:4326.",
                         crs=given, path=path, reason=exc)) from exc
    wanted_text = crs_label(wanted)
    if found is None:
        notes.append(_("the file declares no CRS; the given {crs} was used", crs=wanted_text))
    elif not found.equals(wanted, ignore_axis_order=True):
        value = _("the file declares the CRS {found} but {given} was given; {given} is used",
                  found=crs_found, given=wanted_text)
        notes.append(value)
        problems.append(Problem(str(path), None, (), value, _("If the file's CRS is right, leave "
                                                              "out --crs."),
                                severity="warning"))
    return wanted, crs_found, notes, problems


def _windows(src, band: int, max_cells: int):  # -> Iterator[rasterio.windows.Window]
    """The band's blocks, each cut into runs of whole rows of at most ``max_cells`` cells."""
    from rasterio.windows import Window

    for __, block in src.block_windows(band):
        step = max(1, max_cells // max(1, block.width))
        for start in range(0, block.height, step):
            height = min(step, block.height - start)
            yield Window(block.col_off, block.row_off + start, block.width, height)


def _empty_mask(data: np.ndarray, nodata: float | None) -> np.ndarray:
    """Cells holding no value: NaN, or the band's nodata compared in the band's own type."""
    empty = np.isnan(data) if data.dtype.kind == "f" else np.zeros(data.shape, dtype=bool)
    if nodata is None or math.isnan(nodata):
        return empty
    if data.dtype.kind == "f":
        return empty | (data == data.dtype.type(nodata))
    info = np.iinfo(data.dtype)
    # A nodata that the integer type cannot hold marks no cell (casting it would wrap around).
    if float(nodata).is_integer() and info.min <= nodata <= info.max:
        return empty | (data == int(nodata))
    return empty


def _read_cells(src, band: int, path: Path):
    """Rows, columns and persons of the populated cells, row-major, and the negative problem."""
    import rasterio

    nodata = src.nodatavals[band - 1]
    scale, offset = src.scales[band - 1], src.offsets[band - 1]
    # Cell indices fit in int32 (GDAL's own limit for a dimension): half the memory of int64.
    index = np.int32 if max(src.height, src.width) < 2**31 else np.int64
    rows, cols, values = [], [], []
    negative = _Negatives()
    most, populated = _limit("QONYS_RASTER_MAX_POINTS", MAX_POINTS), 0
    # Every block is read once, so GDAL's block cache (5 % of RAM by default) would only fill
    # with blocks already done: it is kept to a few blocks while this band is read.
    height, width = src.block_shapes[band - 1]
    block_bytes = height * width * np.dtype(src.dtypes[band - 1]).itemsize
    with rasterio.Env(GDAL_CACHEMAX=max(_MIN_CACHE_BYTES, 2 * block_bytes)):
        for window in _windows(src, band, _MAX_WINDOW_CELLS):
            data = src.read(band, window=window)
            r, c = np.nonzero(~_empty_mask(data, nodata))
            raw = data[r, c]
            persons = raw.astype(np.float64) * scale + offset
            r = r.astype(index) + index(window.row_off)
            c = c.astype(index) + index(window.col_off)
            keep = persons > 0
            populated += int(np.count_nonzero(keep))
            if populated > most:
                raise InputFileError(_("The raster {path} has more than {limit} populated cells "
                                       "(passed at row {row}): that many points will not fit in "
                                       "memory. Coarsen the cells (gdalwarp -tr ... -r sum) or "
                                       "cut out the area; QONYS_RASTER_MAX_POINTS raises the "
                                       "limit.",
                                       path=path, limit=f"{most:,}",
                                        row=int(window.row_off)))
            rows.append(r[keep])
            cols.append(c[keep])
            values.append(persons[keep])
            below = persons < 0
            if below.any():
                negative.add(r[below], c[below], persons[below], raw[below])
    rows_all = np.concatenate(rows) if rows else np.empty(0, index)
    cols_all = np.concatenate(cols) if cols else np.empty(0, index)
    values_all = np.concatenate(values) if values else np.empty(0, np.float64)
    del rows, cols, values
    # Tiles side by side are read one after the other: sort into row-major order, so that the
    # result does not depend on the file's layout (strips are already in order).
    key = rows_all.astype(np.int64) * src.width + cols_all
    if np.any(key[1:] < key[:-1]):
        order = np.argsort(key, kind="stable")
        rows_all, cols_all, values_all = rows_all[order], cols_all[order], values_all[order]
    return rows_all, cols_all, values_all, negative.problem(path)


class _Negatives:
    """Counts the cells with negative values, keeping the first few and the smallest."""

    def __init__(self) -> None:
        self.count = 0
        self.first: list[tuple[int, int]] = []
        self.smallest = math.inf
        self.smallest_raw = None

    def add(self, rows: np.ndarray, cols: np.ndarray, persons: np.ndarray, raw: np.ndarray) -> None:
        self.count += len(rows)
        # nonzero() is row-major within a window, so its first cells are the window's smallest.
        head = zip(rows[:_CELLS_LISTED].tolist(), cols[:_CELLS_LISTED].tolist(), strict=True)
        self.first = sorted([*self.first, *head])[:_CELLS_LISTED]
        at = int(np.argmin(persons))
        if persons[at] < self.smallest:
            self.smallest, self.smallest_raw = float(persons[at]), raw[at]

    def problem(self, path: Path) -> Problem | None:
        if not self.count:
            return None
        cells = ", ".join(f"r{r}c{c}" for r, c in self.first)
        return Problem(
            str(path), "persons", (),
            _("{count} cell(s) with a negative number of persons (smallest {minimum}), for "
              "example {cells} (r<row>c<column>, counted from 0); they were skipped",
              count=self.count, minimum=f"{self.smallest:g}",
               cells=cells),
            # The raw value, as the file stores it, is what gdal_edit.py must be given.
            _("If this is a no-data value, declare it: `gdal_edit.py -a_nodata {minimum} {path}`; "
              "otherwise correct the cells.",
              minimum=str(self.smallest_raw), path=path),
        )


def _points(rows: np.ndarray, cols: np.ndarray, persons: np.ndarray, transform, crs):
    """The GeoDataFrame of cell centres (``transform`` has no rotation: checked before)."""
    import geopandas as gpd
    import pandas as pd
    import shapely

    xs = transform.c + transform.a * (cols + 0.5)
    ys = transform.f + transform.e * (rows + 0.5)
    # A comprehension over Python ints is twice as fast as pandas' string concatenation here.
    ids = [f"r{r}c{c}" for r, c in zip(rows.tolist(), cols.tolist(), strict=True)]
    return gpd.GeoDataFrame(
        {"point_id": pd.Series(ids, dtype=object), "persons": persons.astype(np.float64)},
        geometry=shapely.points(xs, ys),
        crs=crs,
    )
