"""The README's tables are the code's: the layer catalogue and the column alias table."""

from __future__ import annotations

from pathlib import Path

from layers.catalogue import catalogue_markdown
from layers.columns import aliases_markdown

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_readme_shows_the_catalogue():
    assert catalogue_markdown() in README


def test_readme_shows_the_alias_table():
    assert aliases_markdown() in README
