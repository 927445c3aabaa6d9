"""Read vector files through GDAL: shapefiles (also zipped), GeoPackage, GeoJSON and the rest.

What GDAL does silently, this reader says out loud:

- a shapefile without its ``.dbf`` or ``.shx`` is an error naming the missing file (GDAL reads
  the geometries alone, or nothing);
- a ``.shp`` shorter than its header says is an error (GDAL reads what is there and drops the
  rest without a word);
- a ``.dbf`` without ``.cpg`` is decoded with :func:`layers.encoding.dbf_encoding`, not as
  ISO-8859-1; ``encoding=`` overrides;
- a ``.cpg`` naming a one-byte code page beside UTF-8 text is overruled, with a warning;
- a ``.dbf`` whose header gives impossible sizes (0 bytes), that is shorter than its header
  says, or whose record count is not the ``.shx``'s, is an error naming the sizes (GDAL reads
  no field, or part of the records);
- a number field holding text that is not a number (``1,5``, which GDAL reads as 1) is an
  error naming the rows;
- a zipped ``.shp``, ``.shx`` or ``.dbf`` over :data:`SHAPEFILE_MAX_BYTES` is not unpacked;
- fields of one name (``unit_id`` twice, ``NAME`` beside ``name``: a GeoPackage cannot hold
  both), or without a name, are an error naming the fields by number, in any format;
- a file with several layers needs ``layer=``; the error lists them;
- a GeoJSON (also zipped) whose ``crs`` member names a CRS GDAL does not know
  (``EPSG:999999``, read as WGS 84) is an error unless the CRS is given
  (:mod:`layers.geojson_crs`).
"""

from __future__ import annotations

import codecs
import hashlib
import warnings
import zipfile
from pathlib import Path
from typing import BinaryIO

import pandas as pd
import pyogrio

from geo.errors import InputFileError
from geo.i18n import _
from layers.dbf import dbf_bad_numbers, read_dbf_head
from layers.encoding import WRONG_CPG, EncodingGuess, dbf_encoding
from layers.file_checks import (
    SHP_HEADER,
    check_dbf,
    check_field_names,
    check_shp_index,
    check_shp_length,
)
from layers.geojson_crs import ZIP_TAIL_MAX, check_geojson_crs, file_ends, is_geojson
from layers.provenance import checksum_of_file
from layers.sources import SourceData, crs_label
from layers.validate import Problem

#: The files of a shapefile without which it cannot be read.
SHAPEFILE_PARTS = (".shp", ".shx", ".dbf")
#: The optional files that go with it.
SHAPEFILE_EXTRAS = (".prj", ".cpg")
#: The largest .shp, .shx or .dbf read from a zip: the shapefile format's own limit (its
#: offsets are 32-bit), so a larger member is a zip bomb or another format.
SHAPEFILE_MAX_BYTES = 2**31


def read_vector(
    path: str | Path, *, layer: str | None = None, encoding: str | None = None,
    crs_given: bool = False,
) -> SourceData:
    """Read a vector file.

    Parameters
    ----------
    path
        A ``.shp``, a ``.zip`` holding shapefiles (or another vector file), a ``.gpkg``, a
        ``.geojson``/``.json``, or any other format GDAL reads.
    layer
        The layer to read, where the file has several (a GeoPackage, a zip of shapefiles).
    encoding
        The text encoding of a shapefile's ``.dbf``; ``None`` decides it (see the module notes).
    crs_given
        Whether the user gave the CRS (``--crs``): then a GeoJSON's ``crs`` member that GDAL
        does not know is overruled, not an error.

    Returns
    -------
    SourceData
        With ``crs_found`` the CRS the file declares (``None`` without a ``.prj``).

    Raises
    ------
    InputFileError
        If the file is missing, incomplete, truncated, unreadable, or has several layers and
        ``layer`` is not given or not among them.
    """
    path = Path(path)
    if not path.exists():
        raise InputFileError(_("The file {file} does not exist. Check the path.", file=path))
    suffix = path.suffix.lower()
    if suffix == ".zip":
        return _read_zip(path, layer=layer, encoding=encoding, crs_given=crs_given)
    if suffix == ".shp":
        return _read_shapefile(path, encoding=encoding)
    target = _pick_layer(str(path), path, layer)
    frame = _read(str(path), path, layer=target)
    if is_geojson(path.name) and not crs_given:
        with path.open("rb") as handle:
            check_geojson_crs(file_ends(handle, path.stat().st_size), path.name,
                              getattr(frame, "crs", None))
    return SourceData(frame=frame, source=str(path), checksum=checksum_of_file(path),
                      encoding="utf-8", crs_found=crs_label(getattr(frame, "crs", None)))


def _read_shapefile(path: Path, *, encoding: str | None) -> SourceData:
    parts = {suffix: _sidecar(path, suffix) for suffix in (*SHAPEFILE_PARTS, *SHAPEFILE_EXTRAS)}
    missing = [suffix for suffix in SHAPEFILE_PARTS if parts[suffix] is None]
    if missing:
        names = ", ".join(path.with_suffix(s).name for s in missing)
        raise InputFileError(_("The shapefile {file} lacks {missing}. A shapefile is several "
                               "files of one name (.shp, .shx, .dbf, and best .prj and .cpg): "
                               "copy them all, or load a ZIP archive "
                               "holding them.", file=path, missing=names))
    with parts[".shp"].open("rb") as handle:
        shp_header = handle.read(SHP_HEADER)
    check_shp_length(path, shp_header, parts[".shp"].stat().st_size)
    cpg = parts[".cpg"].read_text(errors="replace") if parts[".cpg"] else None
    head = read_dbf_head(parts[".dbf"])
    shx_size = parts[".shx"].stat().st_size
    check_dbf(parts[".dbf"].name, head, parts[".dbf"].stat().st_size,
              shx=(parts[".shx"].name, shx_size))
    with parts[".shx"].open("rb") as handle:
        handle.seek(max(0, shx_size - 8))
        last_entry = handle.read(8) if shx_size >= SHP_HEADER + 8 else b""
    check_shp_index(path.name, shp_header, parts[".shx"].name, last_entry)
    guess = _encoding(encoding, head, cpg)
    frame = _read(str(path), path, encoding=guess.encoding)
    partly = _bad_numbers(parts[".dbf"], parts[".dbf"].name)
    partly += _cpg_problems(guess, cpg, parts[".cpg"].name if parts[".cpg"] else "")
    digest = hashlib.sha256()
    for suffix in (*SHAPEFILE_PARTS, *SHAPEFILE_EXTRAS):
        if parts[suffix] is not None:
            digest.update(bytes.fromhex(checksum_of_file(parts[suffix])))
    return SourceData(frame=frame, source=str(path), checksum=digest.hexdigest(),
                      encoding=guess.encoding, crs_found=crs_label(getattr(frame, "crs", None)),
                      notes=[_encoding_note(guess)], problems=partly)


def _read_zip(path: Path, *, layer: str | None, encoding: str | None,
              crs_given: bool = False) -> SourceData:
    try:
        with zipfile.ZipFile(path) as archive:
            members = {m.filename: m for m in archive.infolist() if not m.is_dir()}
            shapefiles = sorted(n for n in members if n.lower().endswith(".shp"))
            if not shapefiles:
                inner = f"/vsizip/{path}"
                target = _pick_layer(inner, path, layer)
                frame = _read(inner, path, layer=target)
                geojson = [m for n, m in members.items() if is_geojson(n)]
                if len(geojson) > 1:  # GDAL names a lone file's layer after the zip
                    geojson = [m for m in geojson if Path(m.filename).stem == target]
                if len(geojson) == 1 and not crs_given:
                    with archive.open(geojson[0]) as handle:
                        # the tail only of a member small enough to unpack up to it
                        size = (geojson[0].file_size if geojson[0].file_size <= ZIP_TAIL_MAX
                                else 0)
                        check_geojson_crs(file_ends(handle, size),
                                          f"{path.name}!{geojson[0].filename}",
                                          getattr(frame, "crs", None))
                return SourceData(frame=frame, source=str(path), checksum=checksum_of_file(path),
                                  encoding="utf-8",
                                  crs_found=crs_label(getattr(frame, "crs", None)))
            chosen = _pick_member(shapefiles, path, layer)
            stem = chosen[: -len(".shp")]
            by_lower = {n.lower(): n for n in members}

            def part(suffix: str) -> str | None:
                return by_lower.get((stem + suffix).lower())

            missing = [s for s in SHAPEFILE_PARTS if part(s) is None]
            if missing:
                names = ", ".join(Path(stem).name + s for s in missing)
                raise InputFileError(_("The shapefile {file} lacks {missing}. A shapefile is "
                                       "several files of one name (.shp, .shx, .dbf, and best "
                                       ".prj and .cpg): copy them all, or load a ZIP archive "
                                       "holding them.", file=f"{path}!{chosen}",
                                        missing=names))
            if any(members[part(s)].flag_bits & 0x1 for s in SHAPEFILE_PARTS):
                raise InputFileError(_("The archive {file} is password-protected. Unpack it "
                                       "yourself and load the .shp file.", file=path.name))
            for suffix in SHAPEFILE_PARTS:  # before GDAL unpacks a bomb of zeros
                member = members[part(suffix)]
                if member.file_size > SHAPEFILE_MAX_BYTES:
                    raise InputFileError(_(
                        "{file} unpacks to {size} bytes ({packed} in the archive), over the "
                        "shapefile format's limit of {limit} bytes. Check the archive; load a "
                        "large layer as a GeoPackage.",
                        file=f"{path.name}!{member.filename}",
                        size=member.file_size, packed=member.compress_size,
                        limit=SHAPEFILE_MAX_BYTES))
            with archive.open(part(".shp")) as handle:
                header = handle.read(SHP_HEADER)
            check_shp_length(Path(f"{path}!{chosen}"), header, members[part(".shp")].file_size)
            cpg_name = part(".cpg")
            cpg = archive.read(cpg_name).decode(errors="replace") if cpg_name else None
            with archive.open(part(".dbf")) as handle:
                head = read_dbf_head(handle)
            dbf_name = f"{path.name}!{part('.dbf')}"
            check_dbf(dbf_name, head, members[part(".dbf")].file_size,
                      shx=(Path(part(".shx")).name, members[part(".shx")].file_size))
            shx = archive.read(part(".shx"))  # a zip member cannot seek: 8 bytes a shape
            check_shp_index(f"{path.name}!{chosen}", header, Path(part(".shx")).name,
                            shx[-8:] if len(shx) >= SHP_HEADER + 8 else b"")
    except zipfile.BadZipFile as exc:
        raise InputFileError(_("Could not read {file}: {reason}. Check that the file is complete "
                               "and of the format its extension says.",
                               file=path, reason=exc)) from exc
    guess = _encoding(encoding, head, cpg)
    frame = _read(f"/vsizip/{path}/{chosen}", path, encoding=guess.encoding)
    with zipfile.ZipFile(path) as archive, archive.open(part(".dbf")) as handle:
        partly = _bad_numbers(handle, dbf_name)
    partly += _cpg_problems(guess, cpg, f"{path.name}!{cpg_name}")
    return SourceData(frame=frame, source=f"{path}!{chosen}", checksum=checksum_of_file(path),
                      encoding=guess.encoding, crs_found=crs_label(getattr(frame, "crs", None)),
                      notes=[_encoding_note(guess)], problems=partly)


def _sidecar(path: Path, suffix: str) -> Path | None:
    """The file beside ``path`` with ``suffix``, in any letter case (``.DBF`` as ``.dbf``)."""
    for candidate in (path.with_suffix(suffix), path.with_suffix(suffix.upper())):
        if candidate.is_file():
            return candidate
    wanted = (path.stem + suffix).lower()
    return next((p for p in path.parent.glob(f"{path.stem}.*") if p.name.lower() == wanted), None)


def _encoding(given: str | None, dbf: bytes, cpg: str | None) -> EncodingGuess:
    if given:
        try:
            "".encode(given)
        except LookupError as exc:
            raise InputFileError(_("Unknown encoding '{encoding}'. Use, for example, cp1251, "
                                   "cp866 or utf-8.", encoding=given)) from exc
        return EncodingGuess(given, "given")
    return dbf_encoding(dbf, cpg=cpg)


def _encoding_note(guess: EncodingGuess) -> str:
    return f"encoding {guess.encoding} ({guess.how})"


def _cpg_problems(guess: EncodingGuess, cpg: str | None, name: str) -> list[Problem]:
    """A warning when the text was read as UTF-8 against its ``.cpg``."""
    if guess.how != WRONG_CPG:
        return []
    return [Problem(name, None, (), _("the .cpg names the code page '{cpg}', but the text is "
                                      "UTF-8: read as UTF-8", cpg=(cpg or "").strip()),
                    _("Check the names; if they are right, correct the .cpg to UTF-8. Otherwise "
                      "give --encoding."), severity="warning")]


def _pick_member(names: list[str], path: Path, layer: str | None) -> str:
    if layer is None:
        if len(names) == 1:
            return names[0]
        raise InputFileError(_("{file} holds several layers: {layers}. Choose one with --layer "
                               "NAME.", file=path, layers=", ".join(
            Path(n).stem for n in names)))
    for name in names:
        if Path(name).stem == layer or name == layer:
            return name
    raise InputFileError(_("{file} has no layer '{layer}'. It has: "
                           "{layers}.", file=path, layer=layer,
                            layers=", ".join(Path(n).stem for n in names)))


def _pick_layer(location: str, path: Path, layer: str | None) -> str | None:
    try:
        names = [str(name) for name, __ in pyogrio.list_layers(location)]
    except Exception as exc:  # pyogrio's DataSourceError and GDAL's own
        raise InputFileError(_("Could not read {file}: {reason}. Check that the file is complete "
                               "and of the format its extension says.",
                               file=path, reason=_reason(exc))) from exc
    if layer is not None:
        if layer not in names:
            raise InputFileError(_("{file} has no layer '{layer}'. It "
                                   "has: {layers}.", file=path, layer=layer,
                                    layers=", ".join(names) or "-"))
        return layer
    if len(names) > 1:
        raise InputFileError(_("{file} holds several layers: {layers}. Choose one with --layer "
                               "NAME.",
                               file=path, layers=", ".join(names)))
    return names[0] if names else None


def _read(location: str, path: Path, *, layer: str | None = None,
          encoding: str | None = None) -> pd.DataFrame:
    with warnings.catch_warnings():
        # said with the rows by _bad_numbers, in the user's language
        warnings.filterwarnings("ignore", message=r"(?s).*parsed incompletely",
                                category=RuntimeWarning)
        try:
            frame = pyogrio.read_dataframe(location, layer=layer, encoding=_gdal_codec(encoding))
        except Exception as exc:
            raise InputFileError(_("Could not read {file}: {reason}. Check that the file is "
                                   "complete and of the format its extension says.",
                                   file=path, reason=_reason(exc))) from exc
    geometry = getattr(frame, "_geometry_column_name", None)
    # a shapefile's fields are its .dbf's
    named = path.with_suffix(".dbf") if path.suffix.lower() == ".shp" else path
    check_field_names([c for c in frame.columns if c != geometry], named)
    return frame


def _gdal_codec(encoding: str | None) -> str | None:
    """A Python codec name as GDAL's iconv knows it: ``koi8_r`` is Python's alone (iconv
    says ``koi8-r``, Python's canonical name; GDAL failed on the detected KOI8-R)."""
    if not encoding:
        return None
    try:
        return codecs.lookup(encoding).name
    except LookupError:  # a .cpg's name Python does not know: iconv may
        return encoding


def _bad_numbers(dbf: Path | BinaryIO, name: str) -> list[Problem]:
    """Number fields GDAL would read in part (``1,5`` as 1): errors naming the rows, since the
    figure read is not the figure written."""
    return [Problem(name, field, rows, _("'{value}' is not written as a number (GDAL would read "
                                         "only its start)", value=value),
                    _("Correct the field's values in the file (a dot as the decimal mark, no "
                      "other signs), or copy the file again from its source."))
            for field, (rows, value) in dbf_bad_numbers(dbf).items()]


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 300 else text[:297] + "..."
