"""Writing output files whole or not at all: a reader never sees half a page, picture or PDF."""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def atomic_output(path: Path) -> Iterator[Path]:
    """A temporary file beside ``path`` that replaces it only if the block succeeds.

    Beside, not in the system's temporary folder, so that :func:`os.replace` stays on one
    file system and is atomic. Only named here, not created (as :func:`tempfile.mkstemp` would,
    with mode 0600), so that the writer creates it with the user's usual permissions. On
    failure the temporary file is removed and an existing ``path`` is left as it was.

    Examples
    --------
    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "page.html"
    >>> with atomic_output(target) as staged:
    ...     _ = staged.write_text("<p>done</p>", encoding="utf-8")
    >>> target.read_text(encoding="utf-8"), sorted(p.name for p in target.parent.iterdir())
    ('<p>done</p>', ['page.html'])
    """
    staged = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
    try:
        yield staged
        os.replace(staged, path)
    finally:
        staged.unlink(missing_ok=True)
