"""The translation helper of qonys: gettext catalogues in Russian and Kazakh, English as source.

Every user-facing string is written in English where it is said, marked for extraction, and
translated from the catalogues ``geo/locale/<lang>/LC_MESSAGES/qonys.po`` (compiled to ``.mo``
beside them, package data). Russian (``ru``, the default) and Kazakh (``kk``) have catalogues;
English (``en``) is the source text itself. The command line sets the language once with
:func:`set_language` (``--lang``, or ``QONYS_LANG``); library code asks one of the helpers:

``_(text, **values)``
    a message.
``p_(context, text, **values)``
    a message whose English is shared by texts that Russian or Kazakh say differently.
``n_(singular, plural, count=n, **values)`` and ``np_(context, singular, plural, count=n, ...)``
    a message whose form depends on the whole number ``count``, chosen by the catalogue's
    ``Plural-Forms`` (Russian one / few / many: "1 новый объект", "3 новых объекта", "321 новый
    объект").
``N_``, ``NP_``, ``NN_``, ``NNP_``
    mark a message without translating it yet, for tables chosen at run time (a network's name
    by its key); :func:`_` translates such a :class:`Message` later.

Texts are :meth:`str.format` templates with named placeholders, formatted only when values are
given. Numbers are written in the language's own way: a field with a format spec
(``{n:,.0f}``, ``{cost:.1f}``) is formatted the English way, then, for ``ru`` and ``kk``, its
thousands separator becomes a non-breaking space and its decimal point a comma ("47 830",
"12,0 млрд").

Examples
--------
>>> _("Error: {message}", lang="kk", message="x")
'Қате: x'
>>> [n_("{count:,.0f} place", "{count:,.0f} places", lang="ru", count=n) for n in (1, 3, 1005)]
['1 место', '3 места', '1\xa0005 мест']
"""

from __future__ import annotations

import gettext
import numbers
import os
import string
from dataclasses import dataclass
from functools import cache
from pathlib import Path

LANGUAGES: tuple[str, ...] = ("ru", "kk", "en")
DEFAULT_LANGUAGE = "ru"
#: The gettext domain: ``qonys.po`` / ``qonys.mo`` under :data:`LOCALE_DIR`.
DOMAIN = "qonys"
LOCALE_DIR = Path(__file__).with_name("locale")

# An unknown $QONYS_LANG must not break every later message; the command line says so.
_current = os.environ.get("QONYS_LANG", DEFAULT_LANGUAGE)
_current = _current if _current in LANGUAGES else DEFAULT_LANGUAGE


@dataclass(frozen=True)
class Message:
    """A marked message not yet translated: what ``N_`` and its kin return.

    ``plural`` is set for a message with a number (its ``count`` chooses the form), ``context``
    for one whose English is shared by other messages.
    """

    text: str
    plural: str | None = None
    context: str | None = None


def N_(text: str) -> Message:
    """Mark ``text`` for the catalogue; translate it later with :func:`_`."""
    return Message(text)


def NP_(context: str, text: str) -> Message:
    """Mark ``text`` in ``context`` for the catalogue; translate it later with :func:`_`."""
    return Message(text, context=context)


def NN_(singular: str, plural: str) -> Message:
    """Mark a message with a number for the catalogue; translate it later with :func:`_`."""
    return Message(singular, plural)


def NNP_(context: str, singular: str, plural: str) -> Message:
    """Mark a message with a number, in ``context``; translate it later with :func:`_`."""
    return Message(singular, plural, context)


def _(text: str | Message, /, lang: str | None = None, **values: object) -> str:
    """``text`` in ``lang`` (default: the current language), formatted with ``values``.

    Parameters
    ----------
    text
        The English source text, or a :class:`Message` marked by ``N_`` and its kin.
    lang
        ``ru``, ``kk`` or ``en``; ``None`` for the current language.
    **values
        Values for the template's ``{placeholders}``; ``count`` chooses a plural form.

    Returns
    -------
    str
        The formatted text.
    """
    message = text if isinstance(text, Message) else Message(text)
    lang = check_language(lang or _current)
    found = _translations(lang)
    if message.plural is None:
        template = (found.gettext(message.text) if message.context is None
                    else found.pgettext(message.context, message.text))
    else:
        n = _whole(values["count"])
        template = (found.ngettext(message.text, message.plural, n) if message.context is None
                    else found.npgettext(message.context, message.text, message.plural, n))
    return _FORMATTERS[lang].vformat(template, (), values) if values else template


def p_(context: str, text: str, /, lang: str | None = None, **values: object) -> str:
    """:func:`_` of ``text`` in a message ``context``."""
    return _(Message(text, context=context), lang, **values)


def n_(singular: str, plural: str, /, lang: str | None = None, **values: object) -> str:
    """:func:`_` of a message whose form the whole number ``values["count"]`` chooses."""
    return _(Message(singular, plural), lang, **values)


def np_(context: str, singular: str, plural: str, /, lang: str | None = None,
        **values: object) -> str:
    """:func:`n_` in a message ``context``."""
    return _(Message(singular, plural, context), lang, **values)


def set_language(lang: str) -> None:
    """Set the language of every later translation without an explicit ``lang``.

    Parameters
    ----------
    lang
        One of :data:`LANGUAGES`.
    """
    global _current
    _current = check_language(lang)


def current_language() -> str:
    """The language the helpers use by default."""
    return _current


def check_language(lang: str) -> str:
    """Return ``lang`` if qonys speaks it, else raise ``ValueError`` naming the choices."""
    if lang not in LANGUAGES:
        msg = f"Unknown language {lang!r}: use one of {', '.join(LANGUAGES)}."
        raise ValueError(msg)
    return lang


@cache
def _translations(lang: str) -> gettext.NullTranslations:
    """The compiled catalogue of ``lang``; English is the source text, so it has none.

    A missing ``.mo`` is an error, not a silent fall back to English: it means a broken
    installation (the catalogues are package data).
    """
    if lang == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=[lang])


def _whole(count: object) -> int:
    """``count`` as the whole number gettext's plural rules take (its size: -3 reads as 3)."""
    number = abs(count)  # type: ignore[arg-type]
    whole = int(number)
    if whole != number:
        msg = f"A plural form needs a whole count, got {count!r}: round it first."
        raise TypeError(msg)
    return whole


class _LocalNumbers(string.Formatter):
    """``str.format`` that writes formatted numbers in the language's convention."""

    def __init__(self, separators: dict[int, str] | None) -> None:
        super().__init__()
        self.separators = separators

    def format_field(self, value: object, format_spec: str) -> str:
        text = format(value, format_spec)
        if (self.separators and format_spec and isinstance(value, numbers.Real)
                and not isinstance(value, bool)):
            return text.translate(self.separators)
        return text


# Russian and Kazakh write 1 234,5: a non-breaking space between thousands, a decimal comma.
_COMMA_DECIMAL = str.maketrans({",": "\u00a0", ".": ","})
_FORMATTERS = {lang: _LocalNumbers(_COMMA_DECIMAL if lang in ("ru", "kk") else None)
               for lang in LANGUAGES}
