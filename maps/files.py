"""Writing output files whole or not at all: a reader never sees half a page, picture or PDF."""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path

from geo.errors import OutputError, QonysError
from geo.i18n import _


@contextlib.contextmanager
def atomic_output(path: Path) -> Iterator[Path]:
    """A temporary file beside ``path`` that replaces it only if the block succeeds.

    Beside, not in the system's temporary folder, so that :func:`os.replace` stays on one
    file system and is atomic. Only named here, not created (as :func:`tempfile.mkstemp` would,
    with mode 0600), so that the writer creates it with the user's usual permissions. On
    failure the temporary file is removed and an existing ``path`` is left as it was.

    A ``path`` that is a symbolic link is followed: the file it points to is replaced and the
    link stays. A ``path`` that is a directory, and a write that the system refuses (a full
    disk, a read-only file system, no permission), raise :class:`~geo.errors.OutputError` with
    the file and the reason.

    Examples
    --------
    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "page.html"
    >>> with atomic_output(target) as staged:
    ...     _ = staged.write_text("<p>done</p>", encoding="utf-8")
    >>> target.read_text(encoding="utf-8"), sorted(p.name for p in target.parent.iterdir())
    ('<p>done</p>', ['page.html'])
    """
    path = Path(os.path.realpath(path)) if Path(path).is_symlink() else Path(path)
    if path.is_dir():
        msg = _("{file} is a folder, not a file. Give a file name, for example {example}.",
                file=path, example=path / "report.html")
        raise OutputError(msg)
    staged = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
    try:
        try:
            yield staged
            os.replace(staged, path)
        except OSError as exc:
            if isinstance(exc, QonysError):  # already says what went wrong
                raise
            reason = exc.strerror or str(exc)
            msg = _("Could not write {file}: {reason}. The earlier file, if any, is untouched; "
                    "free some space, check the folder's permissions "
                    "or give another path.", file=path, reason=reason)
            raise OutputError(msg) from exc
    finally:
        staged.unlink(missing_ok=True)


def make_folder(folder: Path) -> None:
    """Create ``folder`` and its parents for an output, or raise :class:`~geo.errors.OutputError`
    with the reason (a read-only file system, no permission, a file in the way)."""
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        msg = _("Could not write {file}: {reason}. The earlier file, if any, is untouched; free "
                "some space, check the folder's permissions or give another path.",
                file=folder, reason=exc.strerror or str(exc))
        raise OutputError(msg) from exc
