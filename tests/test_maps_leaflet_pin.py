"""The Leaflet files inlined into every page are the ones of Leaflet 1.9.4, byte for byte.

Where the hashes come from (an independent source, not the installed package): on 2026-12-07,
``npm pack leaflet@1.9.4`` in /tmp fetched the npm registry's tarball ``leaflet-1.9.4.tgz``
(sha1 23fae724e282fa25745aff82ca4d394748db7d8d, integrity
sha512-nxS1ynzJOmOlHp+iL3FyWqK89GtNL8U8rvlMOsQdTTssxZwCXh8N2NB3GDQOL+YR3XnWyZAxwQixURb+FA74PA==,
both as ``npm view leaflet@1.9.4 dist`` gives them), and ``sha256sum`` of its ``package/dist/``
files gave the values below; the files of ``django-js-lib-leaflet==1.9.4.1`` hash the same. The
images are the three that ``leaflet.css`` names (``marker-icon-2x.png`` and
``marker-shadow.png`` are used by Leaflet's markers only, which the maps do not draw).
"""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest

from geo.errors import MissingDependencyError
from geo.i18n import current_language, set_language
from maps import leaflet

NPM_LEAFLET_1_9_4_SHA256 = {
    "leaflet.js": "db49d009c841f5ca34a888c96511ae936fd9f5533e90d8b2c4d57596f4e5641a",
    "leaflet.css": "a7837102824184820dfa198d1ebcd109ff6d0ff9a2672a074b9a1b4d147d04c6",
    "images/layers.png": "1dbbe9d028e292f36fcba8f8b3a28d5e8932754fc2215b9ac69e4cdecf5107c6",
    "images/layers-2x.png": "066daca850d8ffbef007af00b06eac0015728dee279c51f3cb6c716df7c42edf",
    "images/marker-icon.png": "574c3a5cca85f4114085b6841596d62f00d7c892c7b03f28cbfa301deb1dc437",
}


def test_the_installed_files_are_npm_leaflet_1_9_4():
    folder = leaflet.dist_dir()
    found = {name: hashlib.sha256(folder.joinpath(*name.split("/")).read_bytes()).hexdigest()
             for name in NPM_LEAFLET_1_9_4_SHA256}
    assert found == NPM_LEAFLET_1_9_4_SHA256


def test_the_runtime_pins_the_same_hashes():
    assert leaflet.LEAFLET_SHA256 == NPM_LEAFLET_1_9_4_SHA256


def test_every_file_a_page_inlines_is_pinned():
    css = leaflet.dist_dir().joinpath("leaflet.css").read_text(encoding="utf-8")
    named = {match.group("target") for match in leaflet._CSS_URL.finditer(css)}
    images = {target for target in named if not target.startswith("#")}
    assert {"leaflet.js", "leaflet.css", *images} == set(NPM_LEAFLET_1_9_4_SHA256)
    leaflet_css = leaflet.leaflet_css()
    assert not re.search(r"url\((?!\"data:)", leaflet_css)  # every url() became a data: URI


def changed_copy(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / "dist"
    shutil.copytree(Path(str(leaflet.dist_dir())), folder)
    path = folder / name
    path.write_bytes(path.read_bytes() + b"\n")
    return folder


def test_a_changed_script_is_refused_with_the_fix(tmp_path: Path):
    folder = changed_copy(tmp_path, "leaflet.js")
    with pytest.raises(MissingDependencyError) as caught:
        leaflet.pinned_bytes(folder, "leaflet.js")
    message = str(caught.value)
    assert "leaflet.js" in message and NPM_LEAFLET_1_9_4_SHA256["leaflet.js"] in message
    assert "pip install --force-reinstall django-js-lib-leaflet==1.9.4.1" in message


def test_a_changed_image_is_refused_before_it_is_inlined(tmp_path: Path):
    folder = changed_copy(tmp_path, "images/layers.png")
    css = leaflet._IE_BEHAVIOR.sub("", (folder / "leaflet.css").read_text(encoding="utf-8"))
    with pytest.raises(MissingDependencyError, match=r"images/layers\.png"):
        leaflet.inline_css_urls(css, folder, read=leaflet.pinned_bytes)


def test_a_file_without_a_pinned_hash_is_refused(tmp_path: Path, english):
    folder = changed_copy(tmp_path, "leaflet.js")
    with pytest.raises(MissingDependencyError, match="no hash is pinned"):
        leaflet.pinned_bytes(folder, "images/marker-shadow.png")


def test_the_inlined_text_has_the_line_ends_a_text_read_gives():
    # leaflet.css ends its lines CRLF; the page has always had them as "\n" (a text-mode read),
    # and the hash is of the bytes as npm ships them.
    raw = leaflet.dist_dir().joinpath("leaflet.css").read_bytes()
    assert b"\r\n" in raw
    assert "\r" not in leaflet.leaflet_css() and "\r" not in leaflet.leaflet_js()


def test_the_refusal_is_said_in_the_language_of_the_command(tmp_path: Path):
    folder = changed_copy(tmp_path, "leaflet.js")
    before = current_language()
    try:
        for lang, words in (("ru", "хеш не закреплён"), ("kk", "хеш бекітілмеген")):
            set_language(lang)
            with pytest.raises(MissingDependencyError, match=words):
                leaflet.pinned_bytes(folder, "images/marker-shadow.png")
    finally:
        set_language(before)
