"""``qonys load`` and ``qonys validate``: any source into a layer of the workspace, or nothing.

:func:`prepare` turns what a reader read (:class:`~layers.sources.SourceData`) into a layer of
a catalogue kind, in this order, collecting every problem instead of stopping at the first:

1. rename columns to the schema (:mod:`layers.columns`: ``--map``, the alias table, cut
   shapefile names) and keep only the rows ``--keep`` asks for (:mod:`layers.conform`);
2. settle the CRS: the one given (``--crs``, which wins over the file's with a warning when
   they differ), else the file's, else the one the coordinates prove (degrees within
   Kazakhstan); Gauss-Krüger eastings get a proposal, not a guess (:mod:`geo.crs_guess`);
   swapped latitude and longitude are an error;
3. reproject to WGS 84, SK-42 through the transformation pinned for Kazakhstan
   (:mod:`geo.sk42`), and repair invalid geometries with ``make_valid``, reporting each;
4. check the layer against its kind (:mod:`layers.validate`) and bring values to its types.

:func:`load` writes the layer and its provenance only when no problem is an error; otherwise it
raises one :class:`~geo.errors.LayerSchemaError` listing them all, and the workspace stays as
it was (writes are atomic, see :mod:`layers.store`).

Rows in problems count from 1 in the source (the first feature, or the first data row of a
CSV), also after ``--keep`` dropped some. Problems are in the user's language; the provenance
notes are in English whatever the language, so the workspace's record reads the same for all.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from geo.errors import InputFileError, LayerSchemaError
from geo.i18n import _
from layers.catalogue import kind as catalogue_kind
from layers.columns import ColumnMapping, map_columns
from layers.conform import keep_rows, rename_columns, to_points, with_types
from layers.georeference import area_km2, georeference
from layers.provenance import OSM_SUFFIXES, Provenance, licence_at_load
from layers.sources import SourceData
from layers.store import Store, check_layer_name, redact_url
from layers.validate import ROW_INDEX, Problem, problems

log = logging.getLogger(__name__)

#: Readers by file suffix; anything else goes to GDAL (:mod:`layers.read_vector`).
RASTER_SUFFIXES = (".tif", ".tiff")
TABLE_SUFFIXES = (".csv", ".txt")
SHEET_SUFFIXES = (".xlsx",)


@dataclass
class Prepared:
    """A source made into a layer, with every problem found on the way.

    Attributes
    ----------
    frame
        The layer, in the workspace's CRS and the kind's types (meaningful when no error).
    kind, name
        The layer kind and the workspace layer name.
    problems
        Errors and warnings, in the order found.
    provenance
        What :func:`load` records for the layer.
    mapping
        How source columns were renamed.
    notes
        What the reader and the steps counted and decided (also in the provenance's note).
    replaced
        What :func:`load` wrote over: the layer's earlier ``row_count``, ``source`` and
        ``loaded_at`` (the last two ``None`` without provenance); ``None`` for a new layer.
    """

    frame: pd.DataFrame
    kind: str
    name: str
    problems: list[Problem]
    provenance: Provenance
    mapping: ColumnMapping = field(default_factory=ColumnMapping)
    replaced: dict | None = None
    notes: list[str] = field(default_factory=list)

    def replaced_text(self) -> str:
        """One line saying which layer the load wrote over, or ``""`` for a new one."""
        if self.replaced is None:
            return ""
        if self.replaced["source"] is None:
            return _("Replaced the layer {layer}: it held {rows} features (no provenance "
                     "recorded).",
                     layer=self.name, rows=self.replaced["row_count"])
        return _("Replaced the layer {layer}: it held {rows} features from {source}, loaded "
                 "{loaded}.",
                 layer=self.name, rows=self.replaced["row_count"],
                  source=self.replaced["source"], loaded=self.replaced["loaded_at"])

    @property
    def errors(self) -> list[Problem]:
        """The problems that stop a load."""
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        """The problems reported without stopping a load."""
        return [p for p in self.problems if not p.is_error]

    def report(self) -> str:
        """Every problem, errors first, one a line, with a summary line on top."""
        head = _("{source}: {errors} error(s), {warnings} warning(s)",
                 source=self.provenance.source, errors=len(self.errors),
                  warnings=len(self.warnings))
        error = _("error")
        lines = [f"  {error}: {p}" for p in self.errors]
        warning = _("warning")
        lines += [f"  {warning}: {p}" for p in self.warnings]
        return "\n".join([head, *lines])


def read_source(
    source: str | Path,
    *,
    kind: str,
    layer: str | None = None,
    encoding: str | None = None,
    crs: str | None = None,
    user_map: Mapping[str, str] | None = None,
) -> SourceData:
    """Read any supported source with the reader its form calls for.

    Parameters
    ----------
    source
        A file path, or a ``postgresql://`` URL (then ``layer`` names the table).
    kind
        The layer kind (chooses roads or facilities for an OSM file).
    layer, encoding, user_map
        Passed to the readers that use them.
    crs
        For a raster without CRS; for a GeoJSON, it overrules a ``crs`` member GDAL does not
        know (otherwise an error).

    Raises
    ------
    InputFileError
        If the source cannot be read (see the readers).
    """
    text = str(source)
    if text.lower().startswith(("postgresql://", "postgres://", "postgresql+")):
        from layers.read_postgis import read_postgis_table

        return read_postgis_table(text, layer=layer)
    path = Path(source)
    name = path.name.lower()
    if name.endswith(OSM_SUFFIXES):
        from layers.read_osm import read_osm

        if kind not in ("roads", "facilities"):
            raise InputFileError(_("An OpenStreetMap file ({file}) loads as roads or facilities, "
                                   "not '{kind}'. Use --kind roads or "
                                   "--kind facilities.", file=path, kind=kind))
        return read_osm(path, kind=kind)
    if name.endswith(RASTER_SUFFIXES):
        from layers.read_raster import read_population_raster

        return read_population_raster(path, crs=crs)
    if name.endswith(TABLE_SUFFIXES):
        from layers.read_table import read_csv

        return read_csv(path, encoding=encoding, user_map=user_map)
    if name.endswith(SHEET_SUFFIXES):
        return _read_sheet(path, sheet=layer)
    from layers.read_vector import read_vector

    return read_vector(path, layer=layer, encoding=encoding, crs_given=bool(crs))


def prepare(
    data: SourceData,
    *,
    kind: str,
    name: str | None = None,
    region: str | None = None,
    crs: str | None = None,
    user_map: Mapping[str, str] | None = None,
    keep: Mapping[str, list[str]] | None = None,
    licence: str = "",
    constants: Mapping[str, str] | None = None,
    points: bool = False,
) -> Prepared:
    """Make a read source into a layer of ``kind`` and find every problem.

    Parameters
    ----------
    data
        What a reader returned.
    kind
        A kind of :data:`layers.catalogue.KINDS`.
    name
        The workspace layer name (default: the kind).
    region
        A region to write into column ``region`` where it is empty.
    crs
        The CRS to use (``"EPSG:28413"``), overriding the source's.
    user_map
        ``--map`` pairs, source column → schema column.
    keep
        Schema column → glob patterns (``{"kato": ["75*"]}``): only rows matching one pattern
        of every column are kept.
    licence
        The source's licence, for provenance.
    constants
        ``--set`` pairs, schema column → one value for every row (``{"kind": "school"}``),
        written after renaming and before ``keep`` and validation; a column the source had
        is overwritten, and the note says so.
    points
        For a kind of points: each polygon or line becomes a point inside it (its
        representative point), e.g. candidate sites from grid cells or parcels (``--points``).

    Returns
    -------
    Prepared
    """
    spec = catalogue_kind(kind)
    name = _layer_name(name, kind)
    label = _label(data.source)
    found = list(data.problems)
    notes = list(data.notes)
    frame = data.frame.copy()
    frame.index = pd.RangeIndex(1, len(frame) + 1, name=ROW_INDEX)
    geometry_name = frame.geometry.name if _has_geometry(frame) else None
    plain = [c for c in frame.columns if c != geometry_name]
    mapping = map_columns(plain, kind=kind,
                          user_map={k: v for k, v in (user_map or {}).items()
                                    if v not in ("lon", "lat", "wkt")}, layer=label)
    found.extend(mapping.problems)
    frame = rename_columns(frame, mapping, spec, notes)
    for column, value in (constants or {}).items():
        had = column in frame
        frame[column] = value
        notes.append(f"--set {column}={value}" + (" (replacing the source's values)" if had
                                                  else ""))
    if region:
        frame["region"] = frame["region"].fillna(region) if "region" in frame else region
    if keep:
        frame = keep_rows(frame, keep, label, found, notes)
    if frame.empty:
        found.append(Problem(label, None, (), _("the layer has no "
                                                "features"), _("Check the file, the layer "
                                                                       "(--layer) and the --keep "
                                                                       "conditions.")))
    crs_used = None
    repairs = ""
    if spec.geometry is not None and geometry_name is not None and not frame.empty:
        frame, crs_used, repairs = georeference(frame, spec, crs, label, found, notes)
        if points and spec.geometry == "Point" and crs_used is not None:
            frame = to_points(frame, notes)
    no_crs = _("no coordinate reference "
               "system")  # already reported, with its cause, by georeference()
    if not frame.empty:  # an empty layer lacks every column: one problem says it all
        found.extend(_with_layer_name(p, name, frame)
                     for p in problems(frame, kind, layer=label, repaired=crs_used is not None)
                     if not (p.column == "geometry" and p.value == no_crs))
    if not any(p.is_error for p in found):
        frame = with_types(frame, spec)
        if kind == "units" and "area_km2" not in frame and geometry_name is not None:
            frame["area_km2"] = area_km2(frame)
            notes.append(_("area_km2 computed from the geometry in an equal-area projection of "
                           "Kazakhstan", lang="en"))
    provenance = Provenance(
        layer=name, kind=kind, source=data.source, checksum=data.checksum,
        crs_found=data.crs_found, crs_used=crs_used, encoding=data.encoding,
        row_count=len(frame), repairs=repairs,
        licence=licence_at_load(data.source, licence),
        note="; ".join([*notes, *([f"columns: {mapping.describe()}"] if mapping.renamed else [])]),
    )
    return Prepared(frame.reset_index(drop=True), kind, name, found, provenance, mapping,
                    notes=notes)


def load(
    source: str | Path,
    *,
    store: Store,
    kind: str,
    name: str | None = None,
    layer: str | None = None,
    region: str | None = None,
    encoding: str | None = None,
    crs: str | None = None,
    user_map: Mapping[str, str] | None = None,
    keep: Mapping[str, list[str]] | None = None,
    licence: str = "",
    constants: Mapping[str, str] | None = None,
    points: bool = False,
    announce: Callable[[str], None] | None = None,
) -> Prepared:
    """Read, prepare and write one layer into the workspace, or write nothing.

    Parameters are those of :func:`read_source` and :func:`prepare`; ``announce`` is called
    with each stage's name (``read``, ``check``, ``write``) for a progress display.

    Returns
    -------
    Prepared
        The layer as written; its warnings are for the user to read.

    Raises
    ------
    LayerSchemaError
        Listing every problem, if any is an error; nothing is written.
    InputFileError, CRSError, StoreError
        If the source cannot be read or the workspace written (nothing is written).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "flows.csv").write_text("откуда;куда;год;persons\\nA;B;2024;15\\n",
    ...                                      encoding="cp1251")
    >>> from layers.store import open_store
    >>> with open_store(folder / "ws.gpkg") as store:
    ...     done = load(folder / "flows.csv", store=store, kind="flows")
    ...     store.read_layer("flows")[["origin_id", "dest_id", "year", "persons"]].values.tolist()
    [['A', 'B', 2024, 15.0]]
    """
    _layer_name(name, kind)
    catalogue_kind(kind)
    step = announce or (lambda _stage: None)
    step("read")
    data = read_source(source, kind=kind, layer=layer, encoding=encoding, crs=crs,
                       user_map=user_map)
    step("check")
    prepared = prepare(data, kind=kind, name=name, region=region, crs=crs, user_map=user_map,
                       keep=keep, licence=licence, constants=constants, points=points)
    if prepared.errors:
        raise LayerSchemaError(prepared.report(), prepared.problems)
    step("write")
    prepared.replaced = _earlier(store, prepared.name)
    store.write_layers({prepared.name: prepared.frame},
                       provenance={prepared.name: prepared.provenance})
    log.info("loaded %s rows of %s into %s", len(prepared.frame), data.source, prepared.name)
    return prepared


# --- steps ------------------------------------------------------------------------------------

def _layer_name(name: str | None, kind: str) -> str:
    """The layer's name: ``name``, or the kind when none is given; a blank one (``--as ''``)
    is refused, since it would replace the kind's layer without a word."""
    if name is not None and not name.strip():
        msg = _("an empty layer name ({name!r}) would replace the layer '{kind}'. Give a name, "
                "e.g. --as {kind}_2, or leave --as out.", name=name, kind=kind)
        raise LayerSchemaError(msg, [msg])
    return check_layer_name(name if name is not None else kind, for_write=True)


def _label(source: str) -> str:
    if "://" in source:
        return redact_url(source)
    return Path(source.split("!")[0]).name + (f"!{source.split('!', 1)[1]}" if "!" in source
                                               else "")


def _earlier(store: Store, name: str) -> dict | None:
    """The row count, source and load time of the layer ``name`` the store holds, if any."""
    if not store.has_layer(name):
        return None
    records = store.provenance()
    mine = records[records["layer"] == name]
    if mine.empty:
        return {"row_count": len(store.read_layer(name)), "source": None, "loaded_at": None}
    row = mine.iloc[-1]
    return {"row_count": int(row["row_count"]), "source": _label(str(row["source"])),
            "loaded_at": str(row["loaded_at"])}


def _with_layer_name(problem: Problem, name: str, frame: pd.DataFrame) -> Problem:
    """A "fill it in later" warning whose fix is the join command for this very layer."""
    if problem.severity != "warning" or problem.value != _("no value given"):
        return problem
    on = "kato" if "kato" in frame and frame["kato"].notna().any() else "name"
    # Where some rows have a value, the join must be allowed to write into the column.
    some = problem.column in frame and frame[problem.column].notna().any()
    return dataclasses.replace(problem, fix=_("Add {column} before the model runs, from a table "
                                              "(CSV or XLSX) with the key and a {column} column: "
                                              "qonys join TABLE --to {layer} --on {on} --columns "
                                              "{column}{replace}.", column=problem.column,
                                               layer=name, on=on,
                                               replace=" --replace" if some else ""))


def _has_geometry(frame: pd.DataFrame) -> bool:
    import geopandas as gpd

    return isinstance(frame, gpd.GeoDataFrame) and frame._geometry_column_name in frame


def _read_sheet(path: Path, *, sheet: str | None) -> SourceData:
    from layers.provenance import checksum_of_file
    from layers.read_stats import read_statistics

    table, encoding = read_statistics(path, sheet=sheet)
    return SourceData(frame=table, source=str(path), checksum=checksum_of_file(path),
                      encoding=encoding)
