"""Leaflet's JavaScript and CSS, read at run time from an installed registry package.

Leaflet 1.9.4 comes from PyPI's ``django-js-lib-leaflet`` (import name ``js_lib_leaflet``),
which ships Leaflet's dist files and needs nothing else; it is never copied into this tree.
Pages inline both files: every ``url(...)`` in the stylesheet becomes a ``data:`` URI, the
source-map comment is dropped and nothing in the script can close its ``<script>`` element.

Every file inlined is checked against :data:`LEAFLET_SHA256` first, and a page is refused if one
differs: the pin in ``pyproject.toml`` says which release is installed, the hash says that its
files are the ones reviewed (a re-packaged or edited copy would otherwise reach every report
unseen, and the page's Content-Security-Policy allows any script it inlines). An upgrade of
Leaflet updates the table and the test that pins it (``tests/test_maps_leaflet_pin.py``).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import mimetypes
import re
from collections.abc import Callable
from importlib import resources
from importlib.resources.abc import Traversable

from geo.errors import MissingDependencyError
from geo.i18n import _

PACKAGE = "js_lib_leaflet"
DIST = ("static", "js_lib_leaflet")
#: The pinned release, for messages.
RELEASE = "django-js-lib-leaflet==1.9.4.1"
#: SHA-256 of each file inlined into a page (path inside :data:`DIST`), Leaflet 1.9.4's dist
#: files; the same as npm's ``leaflet@1.9.4`` (see the test that pins them).
LEAFLET_SHA256 = {
    "leaflet.js": "db49d009c841f5ca34a888c96511ae936fd9f5533e90d8b2c4d57596f4e5641a",
    "leaflet.css": "a7837102824184820dfa198d1ebcd109ff6d0ff9a2672a074b9a1b4d147d04c6",
    "images/layers.png": "1dbbe9d028e292f36fcba8f8b3a28d5e8932754fc2215b9ac69e4cdecf5107c6",
    "images/layers-2x.png": "066daca850d8ffbef007af00b06eac0015728dee279c51f3cb6c716df7c42edf",
    "images/marker-icon.png": "574c3a5cca85f4114085b6841596d62f00d7c892c7b03f28cbfa301deb1dc437",
}

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
        raise MissingDependencyError(_("HTML maps need the package django-js-lib-leaflet (Leaflet "
                                       "1.9.4), which is not installed. Install it with: pip "
                                       "install django-js-lib-leaflet==1.9.4.1")) from exc
    folder = root.joinpath(*DIST)
    if not folder.joinpath("leaflet.js").is_file():
        raise MissingDependencyError(_("HTML maps need the package django-js-lib-leaflet (Leaflet "
                                       "1.9.4), which is not installed. Install it with: pip "
                                       "install django-js-lib-leaflet==1.9.4.1"))
    return folder


@functools.cache
def leaflet_js() -> str:
    """Leaflet's minified script, ready to inline (no source-map comment)."""
    text = _text(pinned_bytes(dist_dir(), "leaflet.js"))
    return script_safe(_SOURCE_MAP.sub("", text))


@functools.cache
def leaflet_css() -> str:
    """Leaflet's stylesheet with every ``url(...)`` inlined as a ``data:`` URI."""
    folder = dist_dir()
    css = _text(pinned_bytes(folder, "leaflet.css"))
    return style_safe(inline_css_urls(_IE_BEHAVIOR.sub("", css), folder, read=pinned_bytes))


def pinned_bytes(folder: Traversable, name: str) -> bytes:
    """The bytes of Leaflet's file ``name`` (a path inside ``folder``), if its hash is pinned.

    Raises
    ------
    geo.errors.MissingDependencyError
        If the file's SHA-256 is not the one in :data:`LEAFLET_SHA256`, or it has none (the
        message names the file, both hashes and the command that reinstalls the pinned release).
    """
    path = folder.joinpath(*name.split("/"))
    data = path.read_bytes()
    found = hashlib.sha256(data).hexdigest()
    expected = LEAFLET_SHA256.get(name)
    if found != expected:
        pinned = (_("expected {expected}", expected=expected) if expected
                  else _("no hash is pinned for it"))
        msg = _("Leaflet's {name} at {path} is not the file qonys was checked against "
                "(SHA-256 {found}, {pinned}); a page would inline it unseen. Reinstall the "
                "pinned release: pip install --force-reinstall {release}. A deliberate upgrade "
                "of Leaflet updates LEAFLET_SHA256 in maps/leaflet.py and its test.",
                name=name, path=path, found=found, pinned=pinned, release=RELEASE)
        raise MissingDependencyError(msg)
    return data


def _text(data: bytes) -> str:
    """``data`` as UTF-8 text with every line ending ``\\n`` (leaflet.css ends its lines CRLF).

    The same text as a text-mode read gives (universal newlines); the hash is of the bytes.
    """
    return data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


def inline_css_urls(css: str, folder: Traversable, *,
                    read: Callable[[Traversable, str], bytes] | None = None) -> str:
    """Replace each relative ``url(path)`` in ``css`` by a ``data:`` URI of that file.

    Parameters
    ----------
    css
        Stylesheet text.
    folder
        The folder the stylesheet's relative paths start from.
    read
        ``read(folder, path)`` gives the bytes of the file at ``path`` (relative, ``/``
        separated), for example :func:`pinned_bytes`; by default the file as it is.

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
        path = _resolve(folder, target)
        if read is None:
            return f'url("{data_uri(path)}")'
        name = target.split("?")[0].split("#")[0]
        return f'url("{data_uri(path, data=read(folder, name))}")'

    return _CSS_URL.sub(replace, css)


def data_uri(path: Traversable, *, data: bytes | None = None) -> str:
    """The file at ``path`` (or ``data``, its bytes already read) as a base64 ``data:`` URI."""
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    payload = base64.b64encode(path.read_bytes() if data is None else data).decode("ascii")
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
