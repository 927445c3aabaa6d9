"""HiGHS run quietly: its banner once at most, its solver log off, its C-level output kept off
the terminal, and a failed run said in words.
"""

from __future__ import annotations

import contextlib
import os
import sys

from geo.errors import QonysError
from geo.i18n import _


class AssignmentError(QonysError, RuntimeError):
    """The solver found no optimal assignment (a programming or numerical failure)."""


_BANNER_SHOWN = False


def quiet_highs(highspy: object) -> object:
    """A ``highspy.Highs`` with its output off, whose banner never reaches the console.

    HiGHS prints its banner ("Running HiGHS 1.16.0 ... Copyright ...") on the C stdout when
    the process makes its first instance, before any option can be set; the descriptor is
    pointed at the null device for that one construction, and every instance gets
    ``output_flag=False`` so that no log line follows.
    """
    global _BANNER_SHOWN
    if _BANNER_SHOWN:
        highs = highspy.Highs()
    else:
        with _stdout_to_null():
            highs = highspy.Highs()
        _BANNER_SHOWN = True
    highs.setOptionValue("output_flag", False)
    return highs


@contextlib.contextmanager
def _stdout_to_null():
    sys.stdout.flush()
    try:
        saved = os.dup(1)
    except OSError:  # no descriptor 1 (a service without a console): nothing to hide
        yield
        return
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, 1)
        yield
    finally:
        _flush_c_stdout()  # what C buffered goes to the null device, not later to the console
        os.dup2(saved, 1)
        os.close(saved)
        os.close(null)


def _flush_c_stdout() -> None:
    try:
        import ctypes

        ctypes.CDLL(None).fflush(None)
    except (OSError, AttributeError, TypeError):  # no C library to ask (Windows): unbuffered
        pass


def run(highs: object, highspy: object, phase: str) -> None:
    """Run HiGHS; raise :class:`AssignmentError` unless it found the optimum."""
    highs.run()
    status = highs.getModelStatus()
    if status != highspy.HighsModelStatus.kOptimal:
        msg = _("HiGHS found no optimal assignment ({phase}): status '{status}'. Check that "
                "demand, capacities and minutes are finite non-negative numbers, and report a bug "
                "if they are.", phase=phase,
                 status=highs.modelStatusToString(status))
        raise AssignmentError(msg)
