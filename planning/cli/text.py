"""What the command line prints, made safe for a terminal.

Names, ids and values come from users' files: an ANSI escape sequence in a unit's name
(``"\\x1b[31mRED\\x1b[0m"``) would recolour, move the cursor or retitle the terminal when
printed raw (issue 18). Every print of :mod:`planning.cli.app` and its sub-modules goes through
:func:`echo`, which shows control characters as Python escapes (``\\x1b``); new lines and tabs,
which the command line's own layout uses, stay as they are. Log lines
(:class:`SafeFormatter`) and Python's warnings (:func:`safe_warnings`) go through the same
:func:`terminal_safe`.
"""

from __future__ import annotations

import logging
import re
import sys
import warnings

# C0 controls but tab and newline, DEL, C1 controls, and the bidirectional overrides and
# isolates that make text read in another order than it is written
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: object) -> str:
    """``text`` with every control character written as its escape.

    Examples
    --------
    >>> terminal_safe("\\x1b[31mRED\\x1b[0m")
    '\\\\x1b[31mRED\\\\x1b[0m'
    >>> terminal_safe("a\\tb\\nc\\rd")
    'a\\tb\\nc\\\\rd'
    """
    return _UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), str(text))


def echo(*values: object, file=None, sep: str = " ", end: str = "\n") -> None:
    """:func:`print`, with every value passed through :func:`terminal_safe`."""
    print(*(terminal_safe(v) for v in values), sep=sep, end=end,
          file=sys.stdout if file is None else file)


class SafeFormatter(logging.Formatter):
    """A log formatter whose lines are :func:`terminal_safe` (log messages name files and
    layers too)."""

    def format(self, record: logging.LogRecord) -> str:
        return terminal_safe(super().format(record))


def safe_warnings() -> None:
    """Make Python's warnings, which may quote a file's values (GDAL's do), print through
    :func:`terminal_safe` too."""
    plain = warnings.formatwarning
    if getattr(plain, "terminal_safe", False):
        return

    def formatwarning(*args, **kwargs) -> str:
        return terminal_safe(plain(*args, **kwargs))

    formatwarning.terminal_safe = True
    warnings.formatwarning = formatwarning
