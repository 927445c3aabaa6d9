"""The messages the code marks and the catalogues that translate them, for the i18n tests."""

from __future__ import annotations

import re
import string
from functools import cache
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from geo.i18n import LOCALE_DIR

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("geo", "layers", "planning", "maps")
TRANSLATED = ("ru", "kk")


@cache
def said(*where: str) -> dict[tuple, tuple[tuple[str, ...], str]]:
    """(context, msgid) -> (msgid and msgid_plural, where) of every message the code marks
    (in the folders ``where``, default the four packages), found as ``pybabel extract`` finds
    them (babel.cfg's keywords)."""
    with (ROOT / "babel.cfg").open() as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    found = {}
    for package in where or PACKAGES:
        for filename, lineno, message, _comments, context in extract_from_dir(
                ROOT / package, method_map, options_map):
            ids = message if isinstance(message, tuple) else (message,)
            found[(context, ids[0])] = (ids, f"{package}/{filename}:{lineno}")
    return found


@cache
def catalogue(lang: str):
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "qonys.po").open("rb") as fh:
        return read_po(fh, locale=lang)


def forms(message) -> list[str]:
    """The translation's templates: itself, or each of its plural forms."""
    return list(message.string) if isinstance(message.string, tuple | list) else [message.string]


def fields(template: str) -> set[str]:
    """The placeholders' names of a ``str.format`` template (``{count:,d}`` -> ``count``)."""
    return {re.split(r"[.\[!]", name)[0] for _, name, _, _ in string.Formatter().parse(template)
            if name is not None}




def said_in(prefix: str) -> dict[tuple, tuple[tuple[str, ...], str]]:
    """The messages of :func:`said` marked in the files whose path starts with ``prefix``."""
    return {key: found for key, found in said().items() if found[1].startswith(prefix)}
