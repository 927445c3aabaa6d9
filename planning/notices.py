"""What a command must say about its inputs, said once however often the model meets it.

The readiness model runs per region and, in a forecast, per year: a warning logged where it is
found would repeat a dozen times. Code that finds an estimate or a gap calls :func:`say` with a
text key of :mod:`geo.i18n`; inside :func:`collect` (the command line wraps every command in
one) each notice is kept once, by its ``once`` key, and the command prints it at the end in the
chosen language. Outside any collection a notice is logged at once as a warning.

Stored results carry the notices too: :meth:`Notices.table` is one row per notice with its
text in Russian, Kazakh and English, which ``qonys readiness`` writes as ``readiness_notices``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

import pandas as pd

from geo.i18n import LANGUAGES, tr

log = logging.getLogger(__name__)

class Key(str):
    """A parameter that is itself a text key: rendered in the notice's language."""


_active: ContextVar[tuple[Notices, ...]] = ContextVar("qonys_notices", default=())


@dataclass
class Notices:
    """Notices said during a :func:`collect` block, in the order first said.

    Attributes
    ----------
    said
        ``once`` key -> (text key, parameters); the first saying of a ``once`` key wins.
    """

    said: dict[str, tuple[str, dict]] = field(default_factory=dict)

    def add(self, key: str, once: str, params: dict) -> None:
        """Keep the notice unless one of the same ``once`` key was said before."""
        self.said.setdefault(once, (key, params))

    def texts(self, lang: str | None = None) -> list[str]:
        """Each notice in ``lang`` (default: the current language)."""
        return [_render(key, params, lang) for key, params in self.said.values()]

    def table(self) -> pd.DataFrame:
        """One row per notice: ``notice`` (its once key), ``key`` and its text per language.

        Examples
        --------
        >>> with collect() as notices:
        ...     say("base_year.later", units=2, year=2025, years="2026")
        ...     say("base_year.later", units=3, year=2025, years="2027")
        >>> notices.table()["notice"].tolist(), notices.texts("en")[0][:32]
        (['base_year.later'], 'The populations of 2 units are c')
        """
        rows = [{"notice": once, "key": key,
                 **{lang: _render(key, params, lang) for lang in LANGUAGES}}
                for once, (key, params) in self.said.items()]
        return pd.DataFrame(rows, columns=["notice", "key", *LANGUAGES])


def say(key: str, *, once: str | None = None, **params: object) -> None:
    """Say the notice ``key`` (a :mod:`geo.i18n` text) once per command.

    Parameters
    ----------
    key
        The text's key; ``params`` fill its template.
    once
        What makes two notices the same (default: the key): one per network, say.
    """
    collectors = _active.get()
    if not collectors:
        log.warning(_render(key, params, None))
        return
    for notices in collectors:
        notices.add(key, once or key, dict(params))


@contextmanager
def collect() -> Iterator[Notices]:
    """Collect the notices said inside the block; an enclosing collection gets them too."""
    notices = Notices()
    token = _active.set((*_active.get(), notices))
    try:
        yield notices
    finally:
        _active.reset(token)


def _render(key: str, params: dict, lang: str | None) -> str:
    values = {name: tr(value, lang=lang) if isinstance(value, Key) else value
              for name, value in params.items()}
    return tr(key, lang=lang, **values)
