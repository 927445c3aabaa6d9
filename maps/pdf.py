"""The report as a PDF printed by headless Chromium (:mod:`maps.pdf_images` builds one without).

Two ways, because the report's maps are drawn by Leaflet's scripts:

* :func:`print_pdf` has headless Chromium print the HTML page written by
  :meth:`maps.report.Report.write`. The browser runs the maps' scripts, so the PDF shows the
  same maps as the page, as vectors. Paper size and margins come from the page's own
  ``@page`` rule (A4 in ``maps/web/page.css``): Chromium's command line has no paper
  option.
* :func:`maps.pdf_images.pdf_from_images` needs no browser: a title page, then one A4 page
  per PNG image of a map, laid out with matplotlib (the ``--pdf-from png`` fallback).

An HTML-to-PDF converter without a script engine (weasyprint) would print empty map frames,
so none is used. Both functions write atomically: the PDF appears at its path whole or not at
all, and a file already there is replaced only by a complete new one.

Examples
--------
>>> find_chromium(executable="/nonexistent/chromium")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
geo.errors.MissingDependencyError: ...apt-get install chromium...
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from geo.errors import InputFileError, MissingDependencyError, QonysError
from geo.i18n import _
from maps.files import atomic_output, make_folder

log = logging.getLogger(__name__)

CHROMIUM_ENV = "QONYS_CHROMIUM"
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

_STDERR_LINES = 20
# Chromium logs every failed D-Bus call on machines without a session bus; they never explain
# a failed print and would push the real cause out of the tail.
_STDERR_NOISE = re.compile(r"dbus", re.IGNORECASE)


def find_chromium(
    *, executable: str | os.PathLike[str] | None = None, lang: str | None = None
) -> Path:
    """The Chromium (or Chrome) program to print with.

    Parameters
    ----------
    executable
        A path or a program name; default: the ``QONYS_CHROMIUM`` environment variable, else
        the first of ``chromium``, ``chromium-browser``, ``google-chrome`` and
        ``google-chrome-stable`` on ``PATH``.
    lang
        Language of the error message; ``None`` for the current one.

    Returns
    -------
    pathlib.Path
        The executable.

    Raises
    ------
    MissingDependencyError
        Nothing executable was found; the message says how to install Chromium and that
        ``--pdf-from png`` builds the PDF without it.
    """
    env_value = os.environ.get(CHROMIUM_ENV)
    if executable is not None:
        found = shutil.which(os.fspath(executable))
        tried = _("path {path}", lang=lang, path=os.fspath(executable))
    elif env_value:
        found = shutil.which(env_value)
        tried = _("QONYS_CHROMIUM={path} variable", lang=lang, path=env_value)
    else:
        found = next((hit for name in CHROMIUM_NAMES if (hit := shutil.which(name))), None)
        tried = _("none of {names} is on PATH", lang=lang, names=", ".join(CHROMIUM_NAMES))
    if found is None:
        msg = _("Chromium was not found ({tried}). Install it with `apt-get install chromium` "
                "(Debian/Ubuntu) or set QONYS_CHROMIUM to its path. Without a browser, "
                "`--pdf-from png` builds the PDF from the static maps "
                "instead.", lang=lang, tried=tried)
        raise MissingDependencyError(msg)
    return Path(found)


def print_pdf(
    html_path: str | os.PathLike[str],
    pdf_path: str | os.PathLike[str],
    *,
    chromium: str | os.PathLike[str] | None = None,
    timeout_s: float = 120.0,
    virtual_time_budget_ms: int = 10_000,
    lang: str | None = None,
) -> Path:
    """Print an HTML report to PDF with headless Chromium, its maps drawn by their scripts.

    Chromium runs in a fresh temporary profile (``--user-data-dir``), so it never reads or
    changes a user's own, and with ``--no-sandbox``, so it also runs as root in a container.
    The page is a local file that loads nothing from the network. Paper size and margins are
    those of the page's ``@page`` CSS rule (A4 for :class:`maps.report.Report`).

    Parameters
    ----------
    html_path
        The HTML file, e.g. written by :meth:`maps.report.Report.write`.
    pdf_path
        Where to write the PDF; its folder is created if needed.
    chromium
        The browser's path or name; default: see :func:`find_chromium`.
    timeout_s
        Wall-clock seconds before the browser is stopped and the print counts as failed.
    virtual_time_budget_ms
        Virtual time the page gets to run its scripts and timers before printing; Chromium
        fast-forwards it, so a large budget costs little real time.
    lang
        Language of error messages; ``None`` for the current one.

    Returns
    -------
    pathlib.Path
        ``pdf_path``.

    Raises
    ------
    InputFileError
        ``html_path`` is not a file.
    MissingDependencyError
        No Chromium was found.
    QonysError
        Chromium failed, timed out or wrote no PDF; the message ends with the last lines of
        its error output. Nothing is left at ``pdf_path`` (a file already there is kept).
    """
    html_path = Path(html_path)
    if not html_path.is_file():
        msg = _("No HTML report at {path}: write the report first, "
                "then print it to PDF.", lang=lang, path=html_path)
        raise InputFileError(msg)
    browser = find_chromium(executable=chromium, lang=lang)
    pdf_path = Path(pdf_path)
    make_folder(pdf_path.parent)
    started = time.monotonic()
    with (
        tempfile.TemporaryDirectory(prefix="qonys-chromium-") as profile,
        atomic_output(pdf_path) as staged,
    ):
        command = [
            os.fspath(browser),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--no-pdf-header-footer",
            "--run-all-compositor-stages-before-draw",
            f"--virtual-time-budget={int(virtual_time_budget_ms)}",
            f"--user-data-dir={profile}",
            f"--print-to-pdf={staged}",
            html_path.resolve().as_uri(),
        ]
        # Chromium keeps crash reports and caches under the XDG folders even with a profile
        # of its own; pointing them into the temporary folder leaves the user's home as is.
        env = {**os.environ, "XDG_CONFIG_HOME": os.path.join(profile, "config"),
               "XDG_CACHE_HOME": os.path.join(profile, "cache")}
        log.debug("running %s", command)
        code, stderr = _run(command, env=env, timeout_s=timeout_s, html=html_path, lang=lang)
        if code != 0:
            msg = _("Chromium could not print {html} to PDF (exit code {code}). The last lines of "
                    "its output:\n{stderr}",
                    lang=lang, html=html_path, code=code,
                     stderr=_tail(stderr, lang=lang))
            raise QonysError(msg)
        if not _is_whole_pdf(staged):
            msg = _("Chromium exited without writing a PDF for {html}. The last lines of its "
                    "output:\n{stderr}", lang=lang, html=html_path,
                     stderr=_tail(stderr, lang=lang))
            raise QonysError(msg)
    log.info("printed %s to %s with %s in %.1f s", html_path, pdf_path, browser,
             time.monotonic() - started)
    return pdf_path


def _run(command: list[str], *, env: dict[str, str], timeout_s: float, html: Path,
         lang: str | None) -> tuple[int, str]:
    """Run Chromium; return its exit code and error output, or raise on timeout.

    It runs in a session of its own so that a timeout stops the browser's helper processes
    (renderer, GPU, zygote) too, not only the one that was started.
    """
    process = subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env=env, text=True, encoding="utf-8", errors="replace", start_new_session=True,
    )
    try:
        stdout, stderr = process.communicate(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        _stop(process)
        stdout, stderr = process.communicate()
        msg = _("Chromium did not print {html} within {seconds} s and was stopped. Allow more "
                "time, or build the PDF from the static maps with `--pdf-from png`. The last "
                "lines of its output:\n{stderr}",
                lang=lang, html=html, seconds=f"{timeout_s:g}",
                 stderr=_tail(stderr, lang=lang))
        raise QonysError(msg) from None
    if stdout.strip():
        log.debug("chromium: %s", stdout.strip())
    return process.returncode, stderr


def _stop(process: subprocess.Popen[Any]) -> None:
    """Kill the process group that ``process`` leads (only the process where there are none)."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (AttributeError, ProcessLookupError, PermissionError):
        process.kill()


def _tail(stderr: str, *, lang: str | None) -> str:
    """The last lines of Chromium's error output that may explain a failure."""
    lines = [line for line in stderr.splitlines() if line.strip()]
    telling = [line for line in lines if not _STDERR_NOISE.search(line)] or lines
    return "\n".join(telling[-_STDERR_LINES:]) or _("(no output)", lang=lang)


def _is_whole_pdf(path: Path) -> bool:
    """True if ``path`` exists, starts like a PDF and ends with an end-of-file marker."""
    if not path.is_file():
        return False
    size = path.stat().st_size
    with path.open("rb") as stream:
        head = stream.read(5)
        stream.seek(max(0, size - 1024))
        return head == b"%PDF-" and b"%%EOF" in stream.read()
