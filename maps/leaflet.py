"""Leaflet's JavaScript and CSS, read at run time from an installed registry package.

Leaflet 1.9.4 comes from PyPI's ``django-js-lib-leaflet`` (import name ``js_lib_leaflet``),
which ships Leaflet's dist files and needs nothing else; it is never copied into this tree.
Pages inline both files: every ``url(...)`` in the stylesheet becomes a ``data:`` URI, the
source-map comment is dropped and nothing in the script can close its ``<script>`` element.
"""

from __future__ import annotations

import base64
import functools
import mimetypes
import re
from importlib import resources
from importlib.resources.abc import Traversable

from geo.errors import MissingDependencyError
from geo.i18n import tr

PACKAGE = "js_lib_leaflet"
DIST = ("static", "js_lib_leaflet")

_CSS_URL = re.compile(r"""url\(\s*(['"]?)(?P<target>[^'")]*)\1\s*\)""")
# Internet Explorer's VML behaviour (``behavior: url(#default#VML)``): not a file, not needed.
_IE_BEHAVIOR = re.compile(r"behavior\s*:\s*url\(\s*#[^)]*\)\s*;?")
_SOURCE_MAP = re.compile(r"^\s*//[#@]\s*sourceMappingURL=.*$", re.MULTILINE)
_CLOSE_SCRIPT = re.compile(r"</(script)", re.IGNORECASE)


def dist_dir() -> Traversable:
    """The folder of Leaflet's dist files inside the installed package.

    Raises
    ------
    geo.errors.MissingDependencyError
        If ``django-js-lib-leaflet`` is not installed (the message names the pip command).
    """
    try:
        root = resources.files(PACKAGE)
    except ModuleNotFoundError as exc:
        raise MissingDependencyError(tr("maps.err.leaflet_missing")) from exc
    folder = root.joinpath(*DIST)
    if not folder.joinpath("leaflet.js").is_file():
        raise MissingDependencyError(tr("maps.err.leaflet_missing"))
    return folder


@functools.cache
def leaflet_js() -> str:
    """Leaflet's minified script, ready to inline (no source-map comment)."""
    text = dist_dir().joinpath("leaflet.js").read_text(encoding="utf-8")
    return script_safe(_SOURCE_MAP.sub("", text))


@functools.cache
def leaflet_css() -> str:
    """Leaflet's stylesheet with every ``url(...)`` inlined as a ``data:`` URI."""
    folder = dist_dir()
    css = folder.joinpath("leaflet.css").read_text(encoding="utf-8")
    return style_safe(inline_css_urls(_IE_BEHAVIOR.sub("", css), folder))


def inline_css_urls(css: str, folder: Traversable) -> str:
    """Replace each relative ``url(path)`` in ``css`` by a ``data:`` URI of that file.

    Parameters
    ----------
    css
        Stylesheet text.
    folder
        The folder the stylesheet's relative paths start from.

    Returns
    -------
    str
        The stylesheet; ``data:`` URIs already present are kept.

    Raises
    ------
    ValueError
        If a ``url()`` points outside the package (a scheme, ``//host``, ``..``) or to a file
        that does not exist: a page must not load anything.
    """

    def replace(match: re.Match[str]) -> str:
        target = match.group("target").strip()
        if target.startswith("data:"):
            return match.group(0)
        return f'url("{data_uri(_resolve(folder, target))}")'

    return _CSS_URL.sub(replace, css)


def data_uri(path: Traversable) -> str:
    """The file at ``path`` as a base64 ``data:`` URI with its media type."""
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    payload = base64.b64encode(path.read_bytes()).decode("ascii")
    return f"data:{mime};base64,{payload}"


def _resolve(folder: Traversable, target: str) -> Traversable:
    """The file a relative stylesheet URL names, refusing anything outside ``folder``."""
    parts = target.split("?")[0].split("#")[0].split("/")
    if ":" in target or target.startswith("/") or ".." in parts or not target:
        msg = f"The stylesheet names {target!r}, which cannot be inlined from the package."
        raise ValueError(msg)
    path = folder.joinpath(*parts)
    if not path.is_file():
        msg = f"The stylesheet names {target!r}, which the package does not contain."
        raise ValueError(msg)
    return path


def script_safe(js: str) -> str:
    """``js`` with every ``</script`` written ``<\\/script`` (same meaning inside JS strings)."""
    return _CLOSE_SCRIPT.sub(r"<\\/\1", js)


def style_safe(css: str) -> str:
    """``css`` refusing any ``</style``, which would end the element early."""
    if "</style" in css.lower():
        msg = "A stylesheet to inline contains '</style'."
        raise ValueError(msg)
    return css
