"""The pages' own scripts and styles, read from the ``.js`` and ``.css`` files in ``maps/web/``.

The files are package data (``pyproject.toml`` ships ``maps/web/*``), so a plain
``pip install .`` carries them, and an editor, a linter or a browser's devtools can open them as
what they are. Each file is read once per process.

A value that Python puts into a file (a threshold both sides must agree on) is written in the file
as ``@NAME@``: upper-case letters, digits and ``_`` between two ``@``, which neither JavaScript
nor CSS uses (``@media`` and ``@page`` are lower case). :func:`web_asset` refuses a file whose
placeholders are not all filled, or a value for a placeholder the file lacks, so that a renamed
placeholder cannot slip into a page unfilled.

Examples
--------
>>> web_asset("context.js", AREA_PX=220).count("var AREA_PX = 220,")
1
>>> web_asset("context.js")
Traceback (most recent call last):
...
ValueError: maps/web/context.js has placeholders without a value: @AREA_PX@.
"""

from __future__ import annotations

import functools
import re
from importlib import resources

from geo.errors import MissingDependencyError
from geo.i18n import _

#: The folder of the files, inside the ``maps`` package.
FOLDER = "web"
_PLACEHOLDER = re.compile(r"@([A-Z][A-Z0-9_]*)@")


def asset_names() -> list[str]:
    """The names of every file in ``maps/web/``, sorted."""
    folder = resources.files("maps").joinpath(FOLDER)
    return sorted(entry.name for entry in folder.iterdir()
                  if entry.is_file() and entry.name.endswith((".js", ".css")))


@functools.cache
def _read(name: str) -> str:
    """The text of ``maps/web/<name>``, every line ending ``\\n``, nothing added or removed."""
    path = resources.files("maps").joinpath(FOLDER, name)
    if not path.is_file():
        # An editable install reads the tree; a wheel holds what package-data listed.
        msg = _("maps/{folder}/{name} is missing from the installed qonys package (looked in "
                "{path}). Reinstall qonys from a checkout that has the file (`pip install .`); "
                "if it is a new file, pyproject.toml's [tool.setuptools.package-data] must list "
                "maps/{folder}/ for it to be shipped.", folder=FOLDER, name=name, path=path)
        raise MissingDependencyError(msg)
    # A checkout with CRLF line ends (git's autocrlf on Windows) must give the same page bytes,
    # and so the same script hashes in its Content-Security-Policy, as any other.
    text = path.read_bytes().decode("utf-8")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def web_asset(name: str, **values: object) -> str:
    """The file ``maps/web/<name>`` with each ``@NAME@`` replaced by ``str(values[NAME])``.

    Parameters
    ----------
    name
        The file's name, for example ``"map.js"``.
    **values
        One value per placeholder of the file, no more, no fewer.

    Returns
    -------
    str
        The script or stylesheet, ready for :func:`maps.leaflet.script_safe` or
        :func:`maps.leaflet.style_safe`.

    Raises
    ------
    geo.errors.MissingDependencyError
        If the file is not in the installed package (a broken install: the message names the
        file and the fix).
    ValueError
        If a placeholder of the file has no value, or a value has no placeholder.
    """
    text = _read(name)
    found = set(_PLACEHOLDER.findall(text))
    unfilled = sorted(found - values.keys())
    if unfilled:
        names = ", ".join(f"@{key}@" for key in unfilled)
        msg = f"maps/{FOLDER}/{name} has placeholders without a value: {names}."
        raise ValueError(msg)
    unknown = sorted(values.keys() - found)
    if unknown:
        names = ", ".join(f"@{key}@" for key in unknown)
        msg = f"maps/{FOLDER}/{name} has no placeholder {names} to fill."
        raise ValueError(msg)
    if not found:
        return text
    return _PLACEHOLDER.sub(lambda match: str(values[match.group(1)]), text)
