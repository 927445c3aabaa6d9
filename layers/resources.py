"""Where the files of ``data/`` are, in a checkout and in an installed qonys.

``data/`` is shipped as package data beside ``geo``, ``layers``, ``planning`` and ``maps``
(see docs/decisions.md), so the same relative path works from a clone and after
``pip install .``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

import geo
from geo.errors import InputFileError


def data_dir() -> Path:
    """The ``data/`` folder of this qonys.

    Raises
    ------
    InputFileError
        If it is missing (a broken install), with the fix.
    """
    path = Path(geo.__file__).resolve().parent.parent / "data"
    if not (path / "norms").is_dir():
        msg = (
            f"qonys's data folder was not found at {path}. Reinstall qonys with "
            "`pip install .` from a clone, or run `make demo`."
        )
        raise InputFileError(msg)
    return path


def read_yaml(path: Path) -> dict[str, Any]:
    """Read a YAML file into a dict, with errors that name the file and the line.

    Raises
    ------
    InputFileError
        If the file is missing, is not valid YAML, or is not a mapping at its top level.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        msg = f"Cannot read {path}: {exc.strerror}."
        raise InputFileError(msg) from exc
    try:
        content = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f", line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", exc)
        msg = f"{path}{where}: not valid YAML ({problem}). Fix the syntax there."
        raise InputFileError(msg) from exc
    if not isinstance(content, dict):
        msg = f"{path}: expected a mapping of keys to values at the top level."
        raise InputFileError(msg)
    return content
