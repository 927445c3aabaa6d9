"""A source's frame brought to its layer kind's schema, the steps of :func:`layers.load.prepare`
that change the frame itself: columns renamed (:func:`rename_columns`), rows kept
(:func:`keep_rows`), polygons made points (:func:`to_points`) and values brought to the kind's
types (:func:`with_types`). Notes for the provenance are in English, whatever the language.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping

import numpy as np
import pandas as pd

from geo.i18n import _
from layers.catalogue import LayerKind
from layers.columns import ColumnMapping
from layers.validate import Problem


def to_points(frame, notes: list[str]):
    """Each polygon or line as a point inside it (``--points``)."""
    geoms = frame.geometry
    shaped = geoms.notna() & ~geoms.is_empty & ~geoms.geom_type.isin(["Point"])
    if shaped.any():
        frame = frame.copy()
        frame.loc[shaped, frame.geometry.name] = geoms[shaped].representative_point()
        notes.append(f"--points: {int(shaped.sum())} polygons or lines replaced by a point "
                     "inside each")
    return frame


def rename_columns(frame, mapping: ColumnMapping, spec: LayerKind, notes: list[str]):
    """Columns renamed as ``mapping`` says; a source's own column of a mapped name, or its own
    ``fid``, kept under another name; a units layer's ``unit_id`` from its ``kato``."""
    clashes = [c for c in frame.columns if c in set(mapping.renamed.values())
               and c not in mapping.renamed]
    if clashes:  # a source column already called like a mapped one keeps its data under *_source
        frame = frame.rename(columns={c: f"{c}_source" for c in clashes})
    frame = frame.rename(columns=mapping.renamed)
    # "fid" is the feature id of both stores: a source's own (a PostGIS key, an exported
    # GeoPackage's) is kept under another name.
    feature_ids = {c: f"source_{c.lower()}" for c in frame.columns
                   if isinstance(c, str) and c.lower() == "fid"}
    frame = frame.rename(columns=feature_ids)
    if spec.name == "units" and "unit_id" not in frame and "kato" in frame:
        frame["unit_id"] = frame["kato"]
        notes.append(_("unit_id taken from the KATO code", lang="en"))
    return frame


def keep_rows(frame, keep: Mapping[str, list[str]], label: str, found: list[Problem],
              notes: list[str]):
    """The rows whose columns match every ``--keep`` pattern (shell-style); a column that is
    not there is a problem added to ``found``."""
    mask = pd.Series(True, index=frame.index)
    for column, patterns in keep.items():
        if column not in frame:
            found.append(Problem(label, column, (), _("--keep names a column '{column}' that the "
                                                      "layer does not have", column=column),
                                 _("Use a column of the layer (after "
                                   "mapping): {columns}.", columns=", ".join(
                                     str(c) for c in frame.columns if c != "geometry"))))
            continue
        text = frame[column].map(_as_text)
        mask &= text.map(lambda v, p=patterns: v is not None and any(
            fnmatch.fnmatchcase(v, q) for q in p))
    kept = frame[mask]
    notes.append(_("kept {kept} of {total} rows ({rule})",
                   lang="en", kept=len(kept), total=len(frame),
                    rule=" ".join(f"{c}={'|'.join(p)}" for c, p in keep.items())))
    return kept


def _as_text(value: object) -> str | None:
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def with_types(frame, spec: LayerKind):
    """Bring the kind's columns to their types (validation has checked they convert)."""
    for column in (*spec.required, *spec.optional):
        if column.name not in frame:
            continue
        values = frame[column.name]
        if column.dtype == "str":
            frame[column.name] = _as_text_column(values)
        elif column.dtype == "int":
            frame[column.name] = pd.to_numeric(values).astype("Int64")
        elif column.dtype == "float":
            frame[column.name] = pd.to_numeric(values).astype("float64")
        elif column.dtype == "bool":
            frame[column.name] = values.map(_as_bool).astype("boolean")
    return frame


def _as_text_column(values: pd.Series) -> pd.Series:
    """Codes and names as text: ``751110000``, not ``751110000.0``, from a number column."""
    if pd.api.types.is_string_dtype(values) and values.dtype != object:
        return values
    if pd.api.types.is_integer_dtype(values):
        return values.astype("Int64").astype("str").where(values.notna())
    if pd.api.types.is_float_dtype(values):
        whole = values.dropna()
        if (whole == np.floor(whole)).all():
            return values.astype("Int64").astype("str").where(values.notna())
    return values.map(_as_text).astype("str")


_TRUE = {"1", "true", "yes", "y", "да", "иә", "t"}

_FALSE = {"0", "false", "no", "n", "нет", "жоқ", "f", ""}


def _as_bool(value: object) -> bool | None:
    if isinstance(value, bool | np.bool_):
        return bool(value)
    text = _as_text(value)
    if text is None:
        return None
    text = text.strip().casefold()
    return True if text in _TRUE else False if text in _FALSE else None
