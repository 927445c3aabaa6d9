"""The pages' scripts and styles in ``maps/web/``: read, filled, shipped, each one used."""

from __future__ import annotations

import fnmatch
import re
import tomllib
from pathlib import Path

import pytest

from geo.errors import MissingDependencyError
from maps.folds import folds_head
from maps.runtime import assets_html
from maps.tables import tables_head
from maps.web_assets import asset_names, web_asset

ROOT = Path(__file__).resolve().parents[1]
WEB = ROOT / "maps" / "web"
# A call with the file's name as a literal: how every module names the file it uses.
_USE = re.compile(r"""web_asset\(\s*["']([^"']+)["']""")
_PLACEHOLDER = re.compile(r"@[A-Z][A-Z0-9_]*@")


def used_names() -> set[str]:
    return {name for path in (ROOT / "maps").glob("*.py")
            for name in _USE.findall(path.read_text(encoding="utf-8"))}


def test_every_file_in_the_folder_is_used_and_every_used_file_exists():
    on_disk = {path.name for path in WEB.iterdir() if path.is_file()}
    assert on_disk == set(asset_names()), "maps/web/ holds something that is not .js or .css"
    assert used_names() == on_disk


def test_the_package_data_ships_every_file():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]
    assert "maps" in config["setuptools"]["packages"]
    patterns = config["setuptools"]["package-data"]["maps"]
    for name in asset_names():
        assert any(fnmatch.fnmatch(f"web/{name}", pattern) for pattern in patterns), name


def test_a_missing_file_names_itself_and_the_fix():
    with pytest.raises(MissingDependencyError) as caught:
        web_asset("nothing-here.js")
    message = str(caught.value)
    assert "maps/web/nothing-here.js" in message
    assert "pip install ." in message and "package-data" in message


def test_an_unfilled_or_unknown_placeholder_is_refused():
    with pytest.raises(ValueError, match=r"maps/web/tables\.js .*without a value: @CARDS_ABOVE@"):
        web_asset("tables.js")
    with pytest.raises(ValueError, match=r"no placeholder @CARD_ABOVE@"):
        web_asset("tables.js", CARDS_ABOVE=2, CARD_ABOVE=3)
    with pytest.raises(ValueError, match=r"no placeholder @AREA_PX@"):
        web_asset("map.js", AREA_PX=220)


def test_a_file_is_returned_as_stored_and_filled_where_marked():
    assert web_asset("sync.css") == (WEB / "sync.css").read_bytes().decode("utf-8")
    # stored with "\n" line ends, as the Python strings they were (the loader also folds CRLF)
    assert b"\r" not in b"".join((WEB / name).read_bytes() for name in asset_names())
    filled = web_asset("tables.css", FIRST_FOLDED=11)
    assert "nth-child(n+11)" in filled and "@" not in filled.replace("@media", "")


def test_no_placeholder_reaches_a_page():
    marked = [name for name in asset_names()
              if _PLACEHOLDER.search((WEB / name).read_text(encoding="utf-8"))]
    assert marked  # the scheme is in use: the check below is not empty
    head = assets_html() + tables_head() + folds_head()
    assert not _PLACEHOLDER.search(head)
