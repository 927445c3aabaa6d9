"""Text that reaches a page: HTML escaping, JSON safe inside ``<script>``, localised numbers.

Every value from user data goes through :func:`escape` (HTML) or :func:`script_json`
(JavaScript) before it reaches a page; numbers go through :func:`format_value` so that a
Russian or Kazakh reader sees ``1 234,5`` where an English reader sees ``1,234.5``.

Examples
--------
>>> escape("<img src=x onerror=alert(1)>")
'&lt;img src=x onerror=alert(1)&gt;'
>>> format_number(1234.5, "{:,.1f}", "ru")
'1\\xa0234,5'
>>> format_number(-1234.5, "{:,.1f}", "en")
'−1,234.5'
>>> format_value(float("nan"), lang="en")
'—'
"""

from __future__ import annotations

import html
import json
import math
import numbers
import string
from typing import Any

import pandas as pd

MISSING = "—"
"""What a missing value (NaN, None, NA) is shown as: an em dash."""

_NBSP = "\u00a0"
_MINUS = "\u2212"
# Russian and Kazakh write 1 234,5: a (non-breaking) space between thousands, a decimal comma.
_COMMA_DECIMAL = str.maketrans({",": _NBSP, ".": ","})
_LOCAL_SEPARATORS = {"ru": _COMMA_DECIMAL, "kk": _COMMA_DECIMAL}
_SCRIPT_UNSAFE = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def escape(text: object) -> str:
    """``text`` as HTML text or attribute value: ``& < > " '`` become character references."""
    return html.escape(str(text), quote=True)


def script_json(obj: Any) -> str:
    """Compact JSON of ``obj`` that is safe to place inside an inline ``<script>``.

    ``<``, ``>``, ``&``, U+2028 and U+2029 are written as ``\\u`` escapes, so no value can close
    the script element, open an HTML comment or break a JavaScript string. Those characters only
    ever occur inside JSON strings, where the escape means the same character. Non-ASCII text
    (Cyrillic) stays as UTF-8, which is half the size of ``\\u`` escapes.

    Parameters
    ----------
    obj
        Anything :func:`json.dumps` accepts; NaN and infinities are refused.

    Returns
    -------
    str
        The JSON text.
    """
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, replacement in _SCRIPT_UNSAFE.items():
        text = text.replace(char, replacement)
    return text


def is_missing(value: object) -> bool:
    """True for ``None``, NaN, ``pd.NA`` and ``NaT``."""
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # list-like values are not missing scalars
        return False


def format_number(value: float, fmt: str, lang: str) -> str:
    """Format a number with ``fmt`` (``str.format`` syntax) in the conventions of ``lang``.

    ``fmt`` is written the English way (``"{:,.0f}"``); for ``ru`` and ``kk`` the number's
    thousands separator becomes a non-breaking space and its decimal point a comma. Literal
    text around the placeholder is kept as it is. A minus sign is the typographic U+2212.

    Parameters
    ----------
    value
        The number.
    fmt
        A template with exactly one replacement field, e.g. ``"{:,.1f} %"``.
    lang
        ``ru``, ``kk`` or ``en``.

    Returns
    -------
    str
        The formatted number.
    """
    parts = []
    separators = _LOCAL_SEPARATORS.get(lang, {})
    for literal, field, spec, _conversion in string.Formatter().parse(fmt):
        parts.append(literal)
        if field is not None:
            number = format(value, spec or "").replace("-", _MINUS)
            parts.append(number.translate(separators))
    return "".join(parts)


def default_format(value: float) -> str:
    """A readable format for a number with no format of its own.

    Integers and numbers of 100 or more get thousands separators and no decimals; smaller
    fractions keep two decimals (a provision ratio of 0.87 stays 0.87).
    """
    if float(value).is_integer() or abs(value) >= 100:
        return "{:,.0f}"
    return "{:,.2f}"


def format_value(value: object, fmt: str | None = None, *, lang: str) -> str:
    """Any table or tooltip value as display text (not yet HTML-escaped).

    Parameters
    ----------
    value
        A number, string, or missing value.
    fmt
        Format for numbers; ``None`` for :func:`default_format`.
    lang
        ``ru``, ``kk`` or ``en``, for the number conventions.

    Returns
    -------
    str
        :data:`MISSING` for missing values, a localised number, or ``str(value)``.
    """
    if is_missing(value):
        return MISSING
    if is_number(value):
        number = float(value)  # type: ignore[arg-type]
        if not math.isfinite(number):
            return MISSING
        return format_number(number, fmt or default_format(number), lang)
    return str(value)


def is_number(value: object) -> bool:
    """True for real numbers (numpy ones too), not for booleans."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool)
