"""The one exception hierarchy of qonys.

Every error qonys raises on purpose derives from :class:`QonysError` and also from the builtin
it resembles, so ``except ValueError`` keeps working for callers who do not know qonys. The
command line catches :class:`QonysError`, prints its message (already in the user's language
where it went through :mod:`geo.i18n`) and exits non-zero without a traceback.
"""

from __future__ import annotations


class QonysError(Exception):
    """Root of every error qonys raises on purpose."""


class InputFileError(QonysError, OSError):
    """A file the user named is missing, unreadable or not of the expected format."""


class LayerSchemaError(QonysError, ValueError):
    """A layer's columns, types, values or geometries do not fit its kind.

    Parameters
    ----------
    message
        The whole report, one problem a line.
    problems
        The problems one by one, so that callers can count or filter them.
    """

    def __init__(self, message: str, problems: list | None = None) -> None:
        super().__init__(message)
        self.problems = list(problems or [])


class CRSError(QonysError, ValueError):
    """A coordinate reference system is missing, ambiguous or cannot be transformed."""


class NormError(QonysError, ValueError):
    """A planning norm file is missing a value, a unit or its source."""


class StoreError(QonysError, OSError):
    """The workspace store cannot be opened, read or written."""


class OutputError(QonysError, OSError):
    """An output file (a report, a picture, a PDF) cannot be written where the user asked."""


class LayerNotFoundError(StoreError, KeyError):
    """The workspace holds no layer of that name."""

    def __str__(self) -> str:  # KeyError would print the message in quotes
        return str(self.args[0]) if self.args else ""


class MissingDependencyError(QonysError, ImportError):
    """An optional package is needed for this step and is not installed."""


def missing_dependency(package: str, *, extra: str, purpose: str) -> MissingDependencyError:
    """Build the error for an optional package that is not installed.

    Parameters
    ----------
    package
        The import name that failed.
    extra
        The qonys extra that installs it (``postgis``, ``osm``, ``dask``).
    purpose
        What the user was doing, for the message.

    Examples
    --------
    >>> str(missing_dependency("osmium", extra="osm", purpose="reading .pbf files"))[:27]
    'osmium is needed for readin'
    """
    msg = (
        f"{package} is needed for {purpose} and is not installed. "
        f"Install it with: pip install 'qonys[{extra}]'"
    )
    return MissingDependencyError(msg)
