"""The report as a PDF: printed by headless Chromium, or built from static map images.

Two ways, because the report's maps are drawn by Leaflet's scripts:

* :func:`print_pdf` has headless Chromium print the HTML page written by
  :meth:`maps.report.Report.write`. The browser runs the maps' scripts, so the PDF shows the
  same maps as the page, as vectors. Paper size and margins come from the page's own
  ``@page`` rule (A4 in :data:`maps.report.PAGE_CSS`): Chromium's command line has no paper
  option.
* :func:`pdf_from_images` needs no browser: a title page, then one A4 page per PNG image of a
  map, laid out with matplotlib (the ``--pdf-from png`` fallback).

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

import datetime as dt
import logging
import os
import re
import shutil
import signal
import subprocess
import tempfile
import textwrap
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo.errors import InputFileError, MissingDependencyError, QonysError
from geo.i18n import check_language, tr
from maps.files import atomic_output, make_folder

if TYPE_CHECKING:
    from matplotlib.figure import Figure

log = logging.getLogger(__name__)

CHROMIUM_ENV = "QONYS_CHROMIUM"
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

MM = 72.0 / 25.4  # points per millimetre
A4_PT = (210.0 * MM, 297.0 * MM)  # portrait width and height
# The same margins as the HTML report's @page rule, so that both PDFs look alike.
MARGIN_X_PT = 12.0 * MM
MARGIN_Y_PT = 15.0 * MM

_STDERR_LINES = 20
# Chromium logs every failed D-Bus call on machines without a session bus; they never explain
# a failed print and would push the real cause out of the tail.
_STDERR_NOISE = re.compile(r"dbus", re.IGNORECASE)
_TEXT_COLOR = "#1a1a1a"
_MUTED_COLOR = "#555555"
_LINE_SPACING = 1.3
# Mean advance of a DejaVu Sans character in em, a little generous, to wrap text by count.
_CHAR_EM = 0.62
_RC = {
    # Embedded TrueType (Type 42) fonts: viewers render, select and search the text as text;
    # matplotlib's default Type 3 fonts are glyph drawings that each viewer treats its own way.
    "pdf.fonttype": 42,
    # Shipped inside matplotlib, and it has every Kazakh letter (ә ғ қ ң ө ұ ү һ і).
    "font.family": "DejaVu Sans",
}


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
        tried = tr("pdf.tried_path", lang=lang, path=os.fspath(executable))
    elif env_value:
        found = shutil.which(env_value)
        tried = tr("pdf.tried_env", lang=lang, path=env_value)
    else:
        found = next((hit for name in CHROMIUM_NAMES if (hit := shutil.which(name))), None)
        tried = tr("pdf.tried_names", lang=lang, names=", ".join(CHROMIUM_NAMES))
    if found is None:
        msg = tr("pdf.no_chromium", lang=lang, tried=tried)
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
        msg = tr("pdf.html_missing", lang=lang, path=html_path)
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
            msg = tr("pdf.chromium_failed", lang=lang, html=html_path, code=code,
                     stderr=_tail(stderr, lang=lang))
            raise QonysError(msg)
        if not _is_whole_pdf(staged):
            msg = tr("pdf.chromium_no_pdf", lang=lang, html=html_path,
                     stderr=_tail(stderr, lang=lang))
            raise QonysError(msg)
    log.info("printed %s to %s with %s in %.1f s", html_path, pdf_path, browser,
             time.monotonic() - started)
    return pdf_path


def pdf_from_images(
    images: Sequence[str | os.PathLike[str]],
    pdf_path: str | os.PathLike[str],
    *,
    title: str,
    lang: str,
    subtitle: str | None = None,
    notice: str | None = None,
    captions: Sequence[str] | None = None,
    date: dt.date | None = None,
    sources: Sequence[str] = (),
) -> Path:
    """A PDF of static map images: a title page, one A4 portrait page per image, the sources.

    Each image is scaled to fit the printable area (A4 less the report's 15 mm and 12 mm
    margins, and its caption) with its aspect ratio kept, and embedded at its own resolution.

    Parameters
    ----------
    images
        PNG files of the maps (any format matplotlib reads), in page order.
    pdf_path
        Where to write the PDF; its folder is created if needed.
    title
        Title on the first page and in the PDF's metadata.
    lang
        ``ru``, ``kk`` or ``en``: the language of the page's fixed words.
    subtitle
        A line under the title.
    notice
        A boxed note on the title page, e.g. that the geometry is schematic.
    captions
        One caption per image, listed on the title page and shown above the image;
        default: the file names without extension.
    date
        Date on the title page; default: today.
    sources
        Where the data come from and under which licences (plain text, one item each),
        listed as text on the last pages, so that the credits the licences ask for are in the
        PDF's text and not only in the maps' pixels.

    Returns
    -------
    pathlib.Path
        ``pdf_path``.

    Raises
    ------
    ValueError
        No images, or not as many captions as images.
    InputFileError
        An image cannot be read; nothing is left at ``pdf_path``.
    """
    lang = check_language(lang)
    paths = [Path(image) for image in images]
    if not paths:
        msg = tr("pdf.no_images", lang=lang)
        raise ValueError(msg)
    labels = [path.stem for path in paths] if captions is None else [str(c) for c in captions]
    if len(labels) != len(paths):
        msg = tr("pdf.captions_mismatch", lang=lang, captions=len(labels), images=len(paths))
        raise ValueError(msg)
    date = date or dt.date.today()

    from matplotlib import rc_context
    from matplotlib.backends.backend_pdf import PdfPages

    metadata = {"Title": title, "Creator": "qonys"}
    if subtitle:
        metadata["Subject"] = subtitle
    source_pages = _text_pages(tr("maps.sources", lang=lang),
                               [str(item) for item in sources if str(item).strip()])
    pages = len(paths) + 1 + len(source_pages)
    pdf_path = Path(pdf_path)
    make_folder(pdf_path.parent)
    with (
        rc_context(_RC),
        atomic_output(pdf_path) as staged,
        PdfPages(staged, metadata=metadata) as pdf,
    ):
        pdf.savefig(_title_page(title=title, subtitle=subtitle, notice=notice, captions=labels,
                                date=date, lang=lang))
        for number, (path, caption) in enumerate(zip(paths, labels, strict=True), start=2):
            footer = tr("pdf.page", lang=lang, page=number, pages=pages)
            pdf.savefig(_image_page(_read_image(path, lang=lang), caption=caption,
                                    footer=footer))
        for number, page in enumerate(source_pages, start=len(paths) + 2):
            _footer(page, tr("pdf.page", lang=lang, page=number, pages=pages))
            pdf.savefig(page)
    log.info("wrote %d map pages to %s", len(paths), pdf_path)
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
        msg = tr("pdf.chromium_timeout", lang=lang, html=html, seconds=f"{timeout_s:g}",
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
    return "\n".join(telling[-_STDERR_LINES:]) or tr("pdf.no_stderr", lang=lang)


def _is_whole_pdf(path: Path) -> bool:
    """True if ``path`` exists, starts like a PDF and ends with an end-of-file marker."""
    if not path.is_file():
        return False
    size = path.stat().st_size
    with path.open("rb") as stream:
        head = stream.read(5)
        stream.seek(max(0, size - 1024))
        return head == b"%PDF-" and b"%%EOF" in stream.read()


def _read_image(path: Path, *, lang: str) -> Any:
    """The image's pixels, or :class:`InputFileError` naming the file."""
    from matplotlib.image import imread

    try:
        return imread(path)
    except (OSError, ValueError, SyntaxError) as exc:  # PIL raises SyntaxError on bad PNGs
        msg = tr("pdf.image_unreadable", lang=lang, path=path, error=exc)
        raise InputFileError(msg) from exc


def _a4_figure() -> Figure:
    """An empty A4 portrait figure (sizes in inches)."""
    from matplotlib.figure import Figure

    return Figure(figsize=(A4_PT[0] / 72.0, A4_PT[1] / 72.0))


def _wrap(text: str, *, size: float) -> list[str]:
    """``text`` broken into lines that fit the printable width at font ``size`` points."""
    width = A4_PT[0] - 2 * MARGIN_X_PT
    chars = max(10, int(width / (_CHAR_EM * size)))
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        lines.extend(textwrap.wrap(paragraph, chars) or [""])
    return lines


class _Column:
    """Text blocks placed down a page from its top margin (positions in points)."""

    def __init__(self, figure: Figure) -> None:
        self.figure = figure
        self.top = A4_PT[1] - MARGIN_Y_PT

    def fits(self, size: float, lines: int = 1) -> bool:
        """Whether ``lines`` lines at ``size`` points still fit above the bottom margin."""
        return self.top - lines * size * _LINE_SPACING >= MARGIN_Y_PT

    def add(self, text: str, *, size: float, gap: float, bold: bool = False,
            color: str = _TEXT_COLOR, box: bool = False) -> None:
        """One block of wrapped text, then ``gap`` points of space."""
        lines = _wrap(text, size=size)
        pad = 0.4 * size if box else 0.0
        bbox = None
        if box:  # like the map notice of the HTML report
            bbox = {"boxstyle": f"square,pad={pad / size:.2f}", "facecolor": "#fff8dc",
                    "edgecolor": "#c9a227", "linewidth": 0.8}
        self.figure.text(
            (MARGIN_X_PT + pad) / A4_PT[0], (self.top - pad) / A4_PT[1], "\n".join(lines),
            fontsize=size, fontweight="bold" if bold else "normal", color=color,
            ha="left", va="top", linespacing=_LINE_SPACING, bbox=bbox,
        )
        self.top -= len(lines) * size * _LINE_SPACING + 2 * pad + gap


def _title_page(*, title: str, subtitle: str | None, notice: str | None, captions: list[str],
                date: dt.date, lang: str) -> Figure:
    """Title, subtitle, notice, date and the numbered list of the maps."""
    figure = _a4_figure()
    column = _Column(figure)
    column.add(title, size=20, gap=8, bold=True)
    if subtitle:
        column.add(subtitle, size=13, gap=10, color=_MUTED_COLOR)
    if notice:
        column.add(notice, size=10.5, gap=12, bold=True, box=True)
    column.add(tr("pdf.date", lang=lang, date=date.isoformat()), size=10.5, gap=22,
               color=_MUTED_COLOR)
    column.add(tr("pdf.maps", lang=lang), size=14, gap=6, bold=True)
    for index, caption in enumerate(captions, start=1):
        entry = f"{index}. {caption}"
        # Keep room for the "and N more" line below the last entry shown.
        if not column.fits(10.5, len(_wrap(entry, size=10.5)) + 1):
            more = tr("pdf.more_maps", lang=lang, count=len(captions) - index + 1)
            column.add(more, size=10.5, gap=0, color=_MUTED_COLOR)
            break
        column.add(entry, size=10.5, gap=3)
    return figure


def _image_page(pixels: Any, *, caption: str, footer: str) -> Figure:
    """The caption, the image as large as fits with its aspect kept, and a page footer."""
    figure = _a4_figure()
    column = _Column(figure)
    column.add(caption, size=12, gap=6, bold=True)
    box_width = A4_PT[0] - 2 * MARGIN_X_PT
    box_height = column.top - MARGIN_Y_PT
    rows, cols = pixels.shape[:2]
    scale = min(box_width / cols, box_height / rows)
    width, height = cols * scale, rows * scale
    left = MARGIN_X_PT + (box_width - width) / 2  # centred across, hung from the caption
    bottom = column.top - height
    axes = figure.add_axes((left / A4_PT[0], bottom / A4_PT[1], width / A4_PT[0],
                            height / A4_PT[1]))
    # "none": vector backends embed the pixels as they are and let the viewer scale them.
    axes.imshow(pixels, interpolation="none", aspect="auto")
    axes.set_axis_off()
    _footer(figure, footer)
    return figure


def _footer(figure: Figure, text: str) -> None:
    figure.text(0.5, MARGIN_Y_PT / 2 / A4_PT[1], text, fontsize=8, color=_MUTED_COLOR,
                ha="center", va="center")


def _text_pages(heading: str, items: list[str], *, size: float = 9.5) -> list[Figure]:
    """A heading and a numbered list over as many A4 pages as it needs (none without items)."""
    pages: list[Figure] = []
    column = None
    for index, item in enumerate(items, start=1):
        entry = f"{index}. {item}"
        if column is None or not column.fits(size, len(_wrap(entry, size=size))):
            pages.append(_a4_figure())
            column = _Column(pages[-1])
            if len(pages) == 1:
                column.add(heading, size=14, gap=8, bold=True)
        column.add(entry, size=size, gap=3)
    return pages
