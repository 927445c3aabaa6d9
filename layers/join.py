"""Join statistics tables (CSV or XLSX) to a layer by KATO code or by place name.

``qonys join TABLE --to LAYER --on kato|name`` reads the table with :func:`read_statistics`,
joins it with :func:`join_statistics` and prints :meth:`JoinResult.report`, which lists every
row that did not match, on either side, and why. Nothing is guessed:

1. By KATO: the table's code (:func:`layers.names.normalise_kato`) equals the layer's ``kato``.
2. By name: the table's normalised name (:func:`layers.names.normalise_name`) equals the
   normalised ``name_ru``, ``name_kk``, ``name_en`` or plain ``name`` (OpenStreetMap's tag) of
   a layer row; the report says how many rows matched on each of those columns. If the table
   has a parent column (``parent``, ``oblast``, ``region``, ``область``, ``облыс`` ...) and the
   layer has ``parent_name_*`` columns, the parents must agree as well: first with the type
   word kept (``Алматы қаласы`` is the city, ``Алматы`` the oblast), else by the bare name.
3. A table row that fits several layer rows is ambiguous: an error listing them.
4. Several table rows that fit one layer row: BNS bulletins list a district beside its centre
   town (``Талғар ауданы``, ``Талғар қ.``) and a city administration beside its city
   (``Қонаев қ.ә.``, ``Қонаев қаласы``). For a layer of polygons (``prefer="units"``) the row
   whose type word names an administrative unit is taken, then one with no type word, then a
   populated place; for points (``"settlements"``) the other way round. The rows not taken are
   reported; a tie is an error and the layer row gets nothing.
5. A table column the layer already has with values (GeoPackage ignores case) is not brought
   by default (one with no value at all is filled): the others are joined and the report
   lists the ones kept. Named in ``columns``, it is an
   error, unless ``replace`` is given: then each matched layer row takes the table's value
   where the table has one, and every other row keeps its own.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from geo.errors import LayerSchemaError
from geo.i18n import _
from layers.join_match import LAYER_NAME_COLUMNS, RowMatcher, name_index
from layers.join_result import JoinResult
from layers.names import normalise_kato, normalise_name, split_name
from layers.read_stats import (
    KATO_HEADERS,
    PARENT_HEADERS,
    header_key,
    is_missing,
)

__all__ = ["JoinResult", "join_statistics"]


def join_statistics(
    layer_frame: pd.DataFrame,
    table: pd.DataFrame,
    *,
    on: str,
    columns: list[str] | None = None,
    layer_name: str,
    table_name: str,
    key: str | None = None,
    parent: str | None = None,
    prefer: str = "auto",
    rename: Mapping[str, str] | None = None,
    replace: bool = False,
) -> JoinResult:
    """Add a statistics table's columns to a layer, matching rows by KATO code or by name.

    Parameters
    ----------
    layer_frame
        The layer; it needs ``kato`` (``on="kato"``) or any of ``name_ru``, ``name_kk``,
        ``name_en``, ``name`` (``on="name"``), and may have ``parent_name_*`` columns.
    table
        The statistics, as :func:`read_statistics` returns them (its ``source_row`` index is
        reported beside the row number).
    on
        ``"kato"`` or ``"name"``.
    columns
        Table columns to bring; default all but the key and the parent column.
    layer_name, table_name
        Names for messages.
    key
        The table's key column; by default the column headed like a KATO code
        (:data:`KATO_HEADERS`), or for names the text column whose values match most layer
        rows.
    parent
        The table's parent (oblast) column for a name join; by default one headed as in
        :data:`PARENT_HEADERS`, if any.
    prefer
        Which of several table rows fitting one layer row is taken (see the module's rule 4):
        ``"units"``, ``"settlements"``, ``"none"`` (a tie is always an error) or ``"auto"``
        (units for polygons, settlements for points, else none).
    rename
        Table column → its name in the layer (``--map``); clashes are judged on the new name.
    replace
        Let the table's values replace those of layer columns of the same name (rule 5).

    Returns
    -------
    JoinResult

    Raises
    ------
    LayerSchemaError
        ``on`` is unknown, the layer lacks its key columns, or the table lacks the key or a
        chosen column.

    Examples
    --------
    >>> layer = pd.DataFrame({"name_kk": ["Медеу", "Алмалы"], "name_ru": ["Медеуский", None]})
    >>> table = pd.DataFrame({"район": ["Медеу ауданы", "Алатау ауданы"], "pop": [241263, 354899]})
    >>> result = join_statistics(layer, table, on="name", layer_name="units", table_name="t")
    >>> result.frame["pop"].tolist(), result.matched, result.unmatched_table["key"].tolist()
    ([241263.0, nan], 1, ['Алатау ауданы'])
    """
    if on not in ("kato", "name"):
        raise LayerSchemaError(_("Unknown way to join '{on}': use --on kato or --on name.", on=on))
    if prefer not in ("auto", "units", "settlements", "none"):
        raise LayerSchemaError(_("Unknown preference '{prefer}': auto, units, "
                                 "settlements or none.", prefer=prefer))
    source_rows = (list(table.index) if table.index.name == "source_row"
                   else [None] * len(table))
    table = table.reset_index(drop=True)
    available = ", ".join(map(str, table.columns))
    for col in (key, parent):
        if col is not None and col not in table.columns:
            raise LayerSchemaError(_("The table {table} has no column '{key}'. Its columns: "
                                     "{available}.", table=table_name, key=col,
                                      available=available))
    needed = (["kato"] if on == "kato"
              else [c for c in LAYER_NAME_COLUMNS if c in layer_frame.columns])
    if not needed or needed[0] not in layer_frame.columns:
        wanted = "kato" if on == "kato" else " / ".join(LAYER_NAME_COLUMNS)
        raise LayerSchemaError(_("The layer {layer} has no column {columns}, which joining by "
                                 "{on} needs. Load the layer with it, or map a column to it with "
                                 "--map.", layer=layer_name,
                                  columns=wanted, on=on))
    if on == "kato":
        layer_keys = [{normalise_kato(v)} - {None} for v in layer_frame["kato"]]
        key = key or _find_header(table, KATO_HEADERS)
        if key is None:
            raise LayerSchemaError(_("The table {table} has no KATO code column (looked for: "
                                     "{candidates}). Name it with --key. Its "
                                     "columns: {available}.", table=table_name,
                                      candidates=", ".join(KATO_HEADERS), available=available))
        split = [(normalise_kato(v), None) for v in table[key]]
        parent = None
        name_columns = []
    else:
        layer_keys = [{normalise_name(v) for v in r} - {""}
                      for r in layer_frame[needed].itertuples(index=False)]
        name_columns = needed
        parent = parent or _find_header(table, PARENT_HEADERS)
        key = key or _best_column(table, name_index(layer_keys), exclude=parent)
        if key is None:
            raise LayerSchemaError(_("No text column of the table {table} holds names of the "
                                     "layer {layer}. Name the column of names with --key, or join "
                                     "by KATO code.", table=table_name,
                                      layer=layer_name))
        split = [split_name(v) for v in table[key]]
    parent_cols = sorted((c for c in layer_frame.columns if str(c).startswith("parent_name")),
                         key=lambda c: [str(c).endswith(f"_{x}") for x in ("ru", "kk", "en")],
                         reverse=True)
    chosen = (list(columns) if columns is not None
              else [c for c in table.columns if c not in (key, parent)])
    absent = [c for c in chosen if c not in table.columns]
    if absent:
        raise LayerSchemaError(_("The table {table} has no columns {columns} chosen with "
                                 "--columns. Its columns: {available}.", table=table_name,
                                  columns=", ".join(map(str, absent)), available=available))
    return RowMatcher(layer_frame, table, key, split, source_rows, layer_name, table_name, on,
                      parent=parent if parent_cols else None, parent_cols=parent_cols,
                      prefer=_preference(layer_frame, prefer) if on == "name" else "none",
                      name_columns=name_columns, rename=dict(rename or {}), replace=replace,
                      explicit=columns is not None).run(layer_keys, chosen)


def _find_header(table: pd.DataFrame, names: tuple[str, ...]) -> str | None:
    keys = {header_key(c): c for c in reversed(table.columns)}
    return next((keys[n] for n in names if n in keys), None)


def _best_column(table: pd.DataFrame, index: dict, *, exclude: str | None) -> str | None:
    """The text column whose values match most layer names (the first one on a tie)."""
    best, hits = None, 0
    for col in table.columns:
        if col == exclude or pd.api.types.is_numeric_dtype(table[col]):
            continue
        found = sum(not is_missing(v) and normalise_name(v) in index for v in table[col])
        if found > hits:
            best, hits = col, found
    return best


def _preference(layer_frame: pd.DataFrame, prefer: str) -> str:
    if prefer != "auto":
        return prefer
    types = set(getattr(layer_frame, "geom_type", pd.Series(dtype=object)).dropna())
    if types and types <= {"Polygon", "MultiPolygon"}:
        return "units"
    if types and types <= {"Point", "MultiPoint"}:
        return "settlements"
    return "none"


