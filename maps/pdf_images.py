"""The report as a PDF built from static map images, with no browser (``--pdf-from png``).

A title page, then one A4 portrait page per PNG image of a map, then the sources, laid out with
matplotlib; :mod:`maps.pdf` prints the HTML page instead. The PDF is written atomically: it
appears at its path whole or not at all.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo.errors import InputFileError
from geo.i18n import _, check_language
from maps.files import atomic_output, make_folder

if TYPE_CHECKING:
    from matplotlib.figure import Figure

log = logging.getLogger(__name__)

MM = 72.0 / 25.4  # points per millimetre
A4_PT = (210.0 * MM, 297.0 * MM)  # portrait width and height
# The same margins as the HTML report's @page rule, so that both PDFs look alike.
MARGIN_X_PT = 12.0 * MM
MARGIN_Y_PT = 15.0 * MM

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
        msg = _("No map images for the PDF: pass at least one PNG file (save the maps as static "
                "images first).", lang=lang)
        raise ValueError(msg)
    labels = [path.stem for path in paths] if captions is None else [str(c) for c in captions]
    if len(labels) != len(paths):
        msg = _("Give as many captions ({captions}) as images ({images}).",
                lang=lang, captions=len(labels), images=len(paths))
        raise ValueError(msg)
    date = date or dt.date.today()

    from matplotlib import rc_context
    from matplotlib.backends.backend_pdf import PdfPages

    metadata = {"Title": title, "Creator": "qonys"}
    if subtitle:
        metadata["Subject"] = subtitle
    source_pages = _text_pages(_("Sources", lang=lang),
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
            footer = _("Page {page} of {pages}", lang=lang, page=number, pages=pages)
            pdf.savefig(_image_page(_read_image(path, lang=lang), caption=caption,
                                    footer=footer))
        for number, page in enumerate(source_pages, start=len(paths) + 2):
            _footer(page, _("Page {page} of {pages}", lang=lang, page=number, pages=pages))
            pdf.savefig(page)
    log.info("wrote %d map pages to %s", len(paths), pdf_path)
    return pdf_path


def _read_image(path: Path, *, lang: str) -> Any:
    """The image's pixels, or :class:`InputFileError` naming the file."""
    from matplotlib.image import imread

    try:
        return imread(path)
    except (OSError, ValueError, SyntaxError) as exc:  # PIL raises SyntaxError on bad PNGs
        msg = _("Cannot read the map image {path}: {error}", lang=lang, path=path, error=exc)
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
    column.add(_("Date: {date}", lang=lang, date=date.isoformat()), size=10.5, gap=22,
               color=_MUTED_COLOR)
    column.add(_("Maps", lang=lang), size=14, gap=6, bold=True)
    for index, caption in enumerate(captions, start=1):
        entry = f"{index}. {caption}"
        # Keep room for the "and N more" line below the last entry shown.
        if not column.fits(10.5, len(_wrap(entry, size=10.5)) + 1):
            more = _("… and {count} more", lang=lang, count=len(captions) - index + 1)
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
