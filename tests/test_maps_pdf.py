"""maps.pdf: the report printed by Chromium, and the PDF built from static map images.

The PDFs are read back with pypdf, an independent reader: page sizes from each page's
MediaBox, text from extract_text, and where images and filled shapes land from the page's
content stream (the q/Q/cm operators give the placement of every image; rg/m/l/f give the
colour and outline of every filled shape). Expected numbers are worked out by hand: A4 is
210 x 297 mm = 595.28 x 841.89 pt, the printable width is 210 - 2 x 12 mm = 186 mm =
527.24 pt and the printable height 297 - 2 x 15 mm = 267 mm = 756.85 pt (the margins of the
report's @page rule).

Chromium's own failures are made by small shell scripts that stand in for the browser (they
need no browser); the real prints are browser tests.
"""

from __future__ import annotations

import os
import re
import stat
import sys
import tempfile
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from matplotlib.image import imsave
from pypdf import PdfReader
from pypdf.generic import ContentStream
from shapely.geometry import Polygon

from geo.errors import InputFileError, MissingDependencyError, QonysError
from geo.i18n import LANGUAGES, _
from maps.classify import classify
from maps.pdf import find_chromium, print_pdf
from maps.pdf_images import pdf_from_images
from maps.report import Report
from maps.web_layers import ChoroplethLayer
from maps.webmap import WebMap

PT_PER_MM = 72 / 25.4
A4 = (595.0, 842.0)  # points, to within 1 pt
PRINTABLE_WIDTH = 186 * PT_PER_MM  # 527.24 pt
PRINTABLE_HEIGHT = 267 * PT_PER_MM  # 756.85 pt
MARGIN_X, MARGIN_Y = 12 * PT_PER_MM, 15 * PT_PER_MM
# Every Kazakh letter that Russian lacks, so that a missing glyph or a lost character shows.
KAZAKH_TITLE = "Әзірлік: Қонаев, Өңір, Ұлы, Үй, Іле, Ғ, Һ"
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="stand-in browsers are sh")


# --- helpers reading PDFs -------------------------------------------------------------------

def words(text: str) -> str:
    """``text`` with every run of white space as one space (wrapped lines join again)."""
    return re.sub(r"\s+", " ", text).strip()


def assert_a4(reader: PdfReader) -> None:
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(A4[0], abs=1)
        assert float(page.mediabox.height) == pytest.approx(A4[1], abs=1)


def multiply(m: list[float], ctm: list[float]) -> list[float]:
    """PDF's ``cm``: the new matrix m x CTM, in the [a b c d e f] row-vector form."""
    a, b, c, d, e, f = m
    aa, bb, cc, dd, ee, ff = ctm
    return [a * aa + b * cc, a * bb + b * dd, c * aa + d * cc, c * bb + d * dd,
            e * aa + f * cc + ee, e * bb + f * dd + ff]


def drawn_images(reader: PdfReader, page_index: int) -> list[tuple[tuple[int, int], tuple]]:
    """Each image a page draws: its (width, height) in pixels and its box (x0, y0, x1, y1) in pt.

    An image fills the unit square of the current transformation matrix, so its box is that
    square's corners through the matrix built by the cm operators (saved and restored by q/Q).
    """
    page = reader.pages[page_index]
    xobjects = page["/Resources"]["/XObject"]
    ctm, stack, found = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0], [], []
    for args, op in ContentStream(page.get_contents(), reader).operations:
        if op == b"q":
            stack.append(ctm)
        elif op == b"Q":
            ctm = stack.pop()
        elif op == b"cm":
            ctm = multiply([float(v) for v in args], ctm)
        elif op == b"Do":
            image = xobjects[args[0]].get_object()
            a, b, c, d, e, f = ctm
            xs = [a * u + c * v + e for u, v in ((0, 0), (1, 0), (0, 1), (1, 1))]
            ys = [b * u + d * v + f for u, v in ((0, 0), (1, 0), (0, 1), (1, 1))]
            found.append(((int(image["/Width"]), int(image["/Height"])),
                          (min(xs), min(ys), max(xs), max(ys))))
    return found


def rgb(hex_color: str) -> tuple[float, float, float]:
    return tuple(round(int(hex_color[i:i + 2], 16) / 255, 3) for i in (1, 3, 5))


def filled_polygons(pdf: Path, colors: list[str]) -> dict[str, int]:
    """How many shapes outlined by line segments are filled in each of ``colors``.

    Leaflet draws a polygon as an SVG path of straight segments, which Chromium writes as
    m/l operators then a fill. The legend's swatches in the same colours are CSS boxes, written
    as ``re`` rectangles with no ``l`` segment, so they do not count.
    """
    wanted = {rgb(c): c for c in colors}
    counts = dict.fromkeys(colors, 0)
    reader = PdfReader(pdf)
    for page in reader.pages:
        fill, stack, segments = None, [], 0
        for args, op in ContentStream(page.get_contents(), reader).operations:
            if op == b"q":
                stack.append(fill)
            elif op == b"Q":
                fill = stack.pop()
            elif op == b"rg":
                fill = tuple(round(float(v), 3) for v in args)
            elif op == b"l":
                segments += 1
            elif op in (b"f", b"f*", b"F", b"B", b"B*", b"b", b"b*"):
                if fill in wanted and segments >= 2:
                    counts[wanted[fill]] += 1
                segments = 0
            elif op in (b"n", b"S", b"s"):
                segments = 0
    return counts


# --- pdf_from_images ------------------------------------------------------------------------

@pytest.fixture
def pngs(tmp_path: Path) -> list[Path]:
    """A wide (200 x 50 px) and a tall (40 x 160 px) PNG, both 4:1."""
    wide, tall = tmp_path / "wide.png", tmp_path / "tall.png"
    imsave(wide, np.tile(np.linspace(0, 1, 200), (50, 1)), cmap="viridis")
    imsave(tall, np.tile(np.linspace(0, 1, 160)[:, None], (1, 40)), cmap="magma")
    return [wide, tall]


@pytest.fixture
def images_pdf(tmp_path: Path, pngs: list[Path]) -> Path:
    import datetime as dt

    return pdf_from_images(
        pngs, tmp_path / "out" / "maps.pdf", title=KAZAKH_TITLE, lang="kk",
        subtitle="Сынақ есебі", notice="Сұлбалық геометрия: нақты шекаралар емес",
        captions=["Алматы агломерациясы", "Астана"], date=dt.date(2025, 3, 1),
    )


def test_images_pdf_is_a_title_page_then_one_a4_page_per_image(images_pdf: Path) -> None:
    reader = PdfReader(images_pdf)
    assert len(reader.pages) == 3
    assert_a4(reader)
    assert reader.metadata.title == KAZAKH_TITLE


def test_title_page_text_is_extractable_and_in_the_given_language(images_pdf: Path) -> None:
    text = words(PdfReader(images_pdf).pages[0].extract_text())
    for expected in (KAZAKH_TITLE, "Сынақ есебі", "Сұлбалық геометрия: нақты шекаралар емес",
                     "1. Алматы агломерациясы", "2. Астана"):
        assert expected in text
    # The fixed words are Kazakh, not the Russian default.
    assert _("Maps", lang="kk") in text
    assert _("Date: {date}", lang="kk", date="2025-03-01") in text
    assert _("Maps", lang="ru") not in text.split()
    # DejaVu Sans embedded as TrueType (a Type0/CID font), not as Type 3 glyph drawings.
    fonts = PdfReader(images_pdf).pages[0]["/Resources"]["/Font"]
    kinds = {(f.get_object()["/Subtype"], str(f.get_object()["/BaseFont"]).split("+")[-1])
             for f in fonts.values()}
    assert kinds == {("/Type0", "DejaVuSans"), ("/Type0", "DejaVuSans-Bold")}


@pytest.mark.slow
def test_each_image_fills_the_printable_area_keeping_its_aspect(images_pdf: Path) -> None:
    reader = PdfReader(images_pdf)
    [(wide_px, (x0, y0, x1, y1))] = drawn_images(reader, 1)
    assert wide_px == (200, 50)  # embedded at its own resolution
    # 4:1 and wide: the printable width limits it, so 527.24 pt across and 131.81 pt high.
    assert x1 - x0 == pytest.approx(PRINTABLE_WIDTH, abs=0.5)
    assert y1 - y0 == pytest.approx(PRINTABLE_WIDTH / 4, abs=0.5)
    assert x0 == pytest.approx(MARGIN_X, abs=0.5)
    assert y1 <= A4[1] - MARGIN_Y

    [(tall_px, (x0, y0, x1, y1))] = drawn_images(reader, 2)
    assert tall_px == (40, 160)
    # 1:4 and tall: the printable height less the one-line caption above it limits it.
    height = y1 - y0
    assert PRINTABLE_HEIGHT - 30 < height <= PRINTABLE_HEIGHT
    assert x1 - x0 == pytest.approx(height / 4, abs=0.5)
    assert y0 >= MARGIN_Y - 0.5
    assert x0 - 0 == pytest.approx(A4[0] - x1, abs=1)  # centred across the page
    assert words(reader.pages[2].extract_text()).startswith("Астана")


def test_no_images_is_a_value_error_that_names_the_fix(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="PNG") as caught:
        pdf_from_images([], tmp_path / "x.pdf", title="T", lang="en")
    assert "at least one" in str(caught.value)
    assert not (tmp_path / "x.pdf").exists()


def test_captions_must_match_images(tmp_path: Path, pngs: list[Path]) -> None:
    with pytest.raises(ValueError, match="captions"):
        pdf_from_images(pngs, tmp_path / "x.pdf", title="T", lang="en", captions=["one"])


def test_a_bad_image_leaves_an_existing_pdf_untouched(tmp_path: Path, pngs: list[Path]) -> None:
    target = tmp_path / "maps.pdf"
    target.write_bytes(b"the old PDF")
    bad = tmp_path / "bad.png"
    bad.write_text("not a PNG")
    with pytest.raises(InputFileError, match=r"bad\.png"):
        pdf_from_images([pngs[0], bad], target, title="T", lang="en")
    assert target.read_bytes() == b"the old PDF"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.png", "maps.pdf", "tall.png",
                                                           "wide.png"]


# --- find_chromium ----------------------------------------------------------------------------

def stand_in(folder: Path, name: str, body: str = "exit 0") -> Path:
    """An executable shell script that takes a browser's place; ``$out`` and ``$profile`` hold
    the --print-to-pdf and --user-data-dir values it was given."""
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / name
    script.write_text(
        "#!/bin/sh\n"
        'for arg in "$@"; do\n'
        '  case "$arg" in\n'
        '    --print-to-pdf=*) out="${arg#--print-to-pdf=}" ;;\n'
        '    --user-data-dir=*) profile="${arg#--user-data-dir=}" ;;\n'
        "  esac\n"
        "done\n"
        f"{body}\n"
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return script


@pytest.mark.parametrize("lang", LANGUAGES)
def test_missing_chromium_says_how_to_install_it(tmp_path: Path, lang: str) -> None:
    with pytest.raises(MissingDependencyError) as caught:
        find_chromium(executable=tmp_path / "no-such-chromium", lang=lang)
    message = str(caught.value)
    assert "apt-get install chromium" in message
    assert "--pdf-from png" in message
    assert "no-such-chromium" in message
    assert isinstance(caught.value, ImportError)  # callers may catch the builtin


@posix_only
def test_chromium_is_looked_up_given_then_env_then_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    given = stand_in(tmp_path / "given", "my-browser")
    from_env = stand_in(tmp_path / "env", "chromium")
    on_path = tmp_path / "bin"
    stand_in(on_path, "google-chrome")
    stand_in(on_path, "chromium-browser")
    monkeypatch.setenv("PATH", str(on_path))
    monkeypatch.setenv("QONYS_CHROMIUM", str(from_env))
    assert find_chromium(executable=given) == given
    assert find_chromium() == from_env
    monkeypatch.delenv("QONYS_CHROMIUM")
    # chromium-browser comes before google-chrome in the documented order.
    assert find_chromium() == on_path / "chromium-browser"
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(MissingDependencyError, match="google-chrome-stable"):
        find_chromium(lang="en")


# --- print_pdf with stand-in browsers ---------------------------------------------------------

@pytest.fixture
def html(tmp_path: Path) -> Path:
    path = tmp_path / "report.html"
    path.write_text("<!DOCTYPE html><title>t</title><p>t</p>", encoding="utf-8")
    return path


@posix_only
def test_print_pdf_runs_chromium_in_a_fresh_profile(tmp_path: Path, html: Path) -> None:
    args, existed = tmp_path / "args.txt", tmp_path / "profile-existed"
    fake = stand_in(tmp_path / "bin", "chromium", (
        f'printf "%s\\n" "$@" > "{args}"\n'
        f'[ -d "$profile" ] && [ -z "$(ls -A "$profile")" ] && touch "{existed}"\n'
        "printf '%%PDF-1.4\\n%%%%EOF\\n' > \"$out\""
    ))
    target = print_pdf(html, tmp_path / "pdf" / "report.pdf", chromium=fake,
                       virtual_time_budget_ms=5000)
    assert target.read_bytes() == b"%PDF-1.4\n%%EOF\n"
    given = args.read_text().splitlines()
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                 "--run-all-compositor-stages-before-draw", "--virtual-time-budget=5000"):
        assert flag in given
    assert given[-1] == html.resolve().as_uri()
    profile = next(a.split("=", 1)[1] for a in given if a.startswith("--user-data-dir="))
    assert existed.exists()  # an empty folder while the browser ran...
    assert not Path(profile).exists()  # ...and removed afterwards
    staged = next(a.split("=", 1)[1] for a in given if a.startswith("--print-to-pdf="))
    assert Path(staged).parent == target.parent and Path(staged) != target
    assert sorted(p.name for p in target.parent.iterdir()) == ["report.pdf"]


@posix_only
@pytest.mark.parametrize(("body", "expected"), [
    ('echo "boom: the GPU process crashed" >&2\nexit 3', r"boom: the GPU process crashed"),
    # Exit code 0, but the PDF is cut off: no %%EOF at its end.
    ("printf '%%PDF-1.4\\nhalf' > \"$out\"", r"Chromium exited without writing a PDF"),
    # Exit code 0 and no file at all.
    ("exit 0", r"Chromium exited without writing a PDF"),
])
def test_a_failed_print_leaves_an_existing_pdf_untouched(
    tmp_path: Path, html: Path, body: str, expected: str
) -> None:
    fake = stand_in(tmp_path / "bin", "chromium", body)
    target = tmp_path / "report.pdf"
    target.write_bytes(b"the old PDF")
    with pytest.raises(QonysError, match=expected) as caught:
        print_pdf(html, target, chromium=fake, lang="en")
    if "exit 3" in body:
        assert "exit code 3" in str(caught.value)
    assert target.read_bytes() == b"the old PDF"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bin", "report.html", "report.pdf"]


def _running(pid: int) -> bool:
    """Whether ``pid`` is a live process (a zombie waiting to be reaped is not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


@posix_only
@pytest.mark.slow
def test_a_hung_browser_is_stopped_with_its_children(tmp_path: Path, html: Path) -> None:
    pid_file = tmp_path / "child.pid"
    fake = stand_in(tmp_path / "bin", "chromium",
                    f'sleep 60 &\necho $! > "{pid_file}"\necho "still loading" >&2\nwait')
    started = time.monotonic()
    with pytest.raises(QonysError, match=r"within 0\.5 s") as caught:
        print_pdf(html, tmp_path / "report.pdf", chromium=fake, timeout_s=0.5, lang="en")
    assert time.monotonic() - started < 10
    assert "still loading" in str(caught.value)
    assert not (tmp_path / "report.pdf").exists()
    if Path("/proc").is_dir():  # the browser's helper (here: sleep) went with it
        child = int(pid_file.read_text())
        deadline = time.monotonic() + 5
        while _running(child) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _running(child)


def test_print_pdf_needs_the_html_file(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match=r"missing\.html"):
        print_pdf(tmp_path / "missing.html", tmp_path / "x.pdf", lang="en")


# --- print_pdf with real Chromium -------------------------------------------------------------

COLORS = ["#E41A1C", "#377EB8", "#4DAF4A"]


def triangle_report(path: Path) -> Path:
    """A heading, one map of three triangles and a table; each triangle in its own class.

    Values 100, 200, 300 in three equal intervals (bounds 166.7, 233.3, 300) put one triangle in
    each class, so each colour of ``COLORS`` fills exactly one triangle. Triangles, not boxes:
    an axis-aligned box could come out of the PDF as a rectangle like a legend swatch.
    """
    triangles = [Polygon([(76.0 + i * 0.1, 43.0), (76.1 + i * 0.1, 43.0),
                          (76.05 + i * 0.1, 43.08)]) for i in range(3)]
    units = gpd.GeoDataFrame({"name": ["Алатау", "Талгар", "Қонаев"],
                              "residents": [100.0, 200.0, 300.0]},
                             geometry=triangles, crs="EPSG:4326")
    classes = classify(units["residents"], scheme="equal_interval", k=3)
    assert classes.yb.tolist() == [0, 1, 2]
    layer = ChoroplethLayer(units, column="residents", name="Жители", classes=classes,
                            colors=COLORS)
    report = Report("Отчёт для печати", lang="ru")
    report.add_heading("Карта: Қонаев ауданы")
    report.add_map(WebMap(layers=[layer], title="Треугольники", height_px=300))
    report.add_table(pd.DataFrame(units.drop(columns="geometry")),
                     columns={"name": "Единица", "residents": "Жители"})
    return report.write(path)


@pytest.fixture(scope="module")
def printed(chromium_path: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The triangle report printed as it is, and printed again with its scripts removed.

    HOME and the temporary folder point into the test's folder, so that the test can see
    whether the print left anything behind in either.
    """
    folder = tmp_path_factory.mktemp("print")
    home, temp = folder / "home", folder / "temp"
    home.mkdir()
    temp.mkdir()
    html = triangle_report(folder / "report.html")
    scriptless = folder / "scriptless.html"
    scriptless.write_text(re.sub(r"<script>.*?</script>", "", html.read_text("utf-8"),
                                 flags=re.DOTALL), encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HOME", str(home))
        for name in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "QONYS_CHROMIUM"):
            patch.delenv(name, raising=False)
        patch.setattr(tempfile, "tempdir", str(temp))
        pdf = print_pdf(html, folder / "out" / "report.pdf", chromium=chromium_path)
        bare = print_pdf(scriptless, folder / "out" / "scriptless.pdf", chromium=chromium_path)
    return {"pdf": pdf, "bare": bare, "home": home, "temp": temp}


@pytest.mark.browser
def test_printed_report_has_its_text_on_a4(printed: dict[str, Path]) -> None:
    reader = PdfReader(printed["pdf"])
    assert_a4(reader)
    text = words(" ".join(page.extract_text() for page in reader.pages))
    assert "Карта: Қонаев ауданы" in text
    assert "Талгар" in text  # a cell of the table
    assert reader.metadata.title == "Отчёт для печати"


@pytest.mark.browser
def test_printed_report_has_the_map_drawn_by_its_scripts(printed: dict[str, Path]) -> None:
    # Leaflet's script turns each feature into an SVG path, which Chromium prints as a vector
    # polygon filled in the class colour: one triangle per colour. The same page with its
    # scripts removed prints the map's empty frame and its legend only (the legend's swatches
    # share the colours but are rectangles), so it must count none: the check tells a drawn
    # map from an empty one.
    assert filled_polygons(printed["pdf"], COLORS) == dict.fromkeys(COLORS, 1)
    assert filled_polygons(printed["bare"], COLORS) == dict.fromkeys(COLORS, 0)


@pytest.mark.browser
def test_print_leaves_nothing_in_home_or_temp(printed: dict[str, Path]) -> None:
    assert list(printed["home"].iterdir()) == []  # no ~/.config/chromium, no ~/.cache
    assert list(printed["temp"].iterdir()) == []  # the temporary profile is gone
    assert sorted(p.name for p in printed["pdf"].parent.iterdir()) == ["report.pdf",
                                                                       "scriptless.pdf"]
    assert os.access(printed["pdf"], os.R_OK)


# --- every layer of a multi-layer map is printed ------------------------------------------------

#: Three colours per layer, nine in all: each fills exactly one triangle in its own layer.
LAYER_COLORS = [["#E41A1C", "#377EB8", "#4DAF4A"], ["#984EA3", "#FF7F00", "#A65628"],
                ["#F781BF", "#1B9E77", "#7570B3"]]
LAYER_TITLES = ["Слой первый", "Слой второй", "Слой третий"]
SCREEN_ONLY = "Слои переключаются справа вверху"


def layered_map() -> WebMap:
    """Three triangles, three layers, each colouring one triangle per colour of its own."""
    triangles = [Polygon([(76.0 + i * 0.1, 43.0), (76.1 + i * 0.1, 43.0),
                          (76.05 + i * 0.1, 43.08)]) for i in range(3)]
    units = gpd.GeoDataFrame({"name": ["Алатау", "Талгар", "Қонаев"], "region": "almaty",
                              "residents": [100.0, 200.0, 300.0]},
                             geometry=triangles, crs="EPSG:4326")
    classes = classify(units["residents"], scheme="equal_interval", k=3)
    return WebMap(layers=[ChoroplethLayer(units, column="residents", name=title, classes=classes,
                                          colors=colors, legend_title=title)
                          for title, colors in zip(LAYER_TITLES, LAYER_COLORS, strict=True)],
                  title="Три слоя", height_px=300)


@pytest.mark.slow
def test_the_png_pdf_has_every_layer_of_a_map_once(tmp_path: Path) -> None:
    from PIL import Image

    from maps.static_files import write_pngs

    pngs = write_pngs(layered_map(), tmp_path / "maps", lang="ru")
    assert [p.name for p in pngs] == ["almaty-residents.png", "almaty-residents-2.png",
                                      "almaty-residents-3.png"]
    pdf = pdf_from_images(pngs, tmp_path / "maps.pdf", title="Три слоя", lang="ru",
                          captions=LAYER_TITLES, sources=["БНС", "geokz CC BY 4.0"])
    reader = PdfReader(pdf)
    drawn = [len(drawn_images(reader, index)) for index in range(len(reader.pages))]
    assert drawn == [0, 1, 1, 1, 0]  # title page, one page per layer, the sources
    # each map page draws its own layer's picture: the pixels are those of its PNG (matplotlib
    # lists every image in every page's resources and draws its rows bottom up)
    for page, png in zip(reader.pages[1:4], pngs, strict=True):
        names = [args[0] for args, op in ContentStream(page.get_contents(), reader).operations
                 if op == b"Do"]
        assert len(names) == 1
        image = page["/Resources"]["/XObject"][names[0]].get_object().decode_as_image()
        shown = np.asarray(image.convert("RGB"))
        expected = np.asarray(Image.open(png).convert("RGB"))
        assert np.array_equal(shown, expected) or np.array_equal(shown[::-1], expected)
    text = words(" ".join(page.extract_text() for page in reader.pages))
    assert all(title in text for title in LAYER_TITLES)
    assert "1. БНС 2. geokz CC BY 4.0" in text  # the full list once, at the end


def layered_report(path: Path) -> Path:
    report = Report("Печать всех слоёв", lang="ru")
    report.add_heading("Три слоя")
    report.add_html(f'<p class="qm-screen-only">{SCREEN_ONLY}</p>')
    report.add_map(layered_map())
    return report.write(path)


@pytest.mark.browser
def test_chromium_prints_every_layer_and_no_screen_only_text(chromium_path: Path,
                                                             tmp_path: Path) -> None:
    # Each layer's three colours fill one triangle each in the printed PDF: nine in all (only
    # the first three before the print made small multiples); the legends of all three layers
    # are text of the PDF; the sentence only a screen needs is not.
    html = layered_report(tmp_path / "report.html")
    pdf = print_pdf(html, tmp_path / "report.pdf", chromium=chromium_path)
    colors = [color for layer in LAYER_COLORS for color in layer]
    assert filled_polygons(pdf, colors) == dict.fromkeys(colors, 1)
    text = words(" ".join(page.extract_text() for page in PdfReader(pdf).pages))
    assert all(title in text for title in LAYER_TITLES)
    assert SCREEN_ONLY not in text


@pytest.mark.browser
def test_print_media_draws_one_small_multiple_per_layer_and_restores_the_page(
        chromium_path: Path, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    html = layered_report(tmp_path / "report.html")
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=str(chromium_path),
                                         args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(html.as_uri())
        page.wait_for_function("document.getElementById('map-1').dataset.drawn === '3'")
        page.click("#map-1 input.qm-switch[value='2']")  # the reader's choice, kept after
        page.emulate_media(media="print")
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        cells = page.eval_on_selector_all("#map-1 .qm-print-cell", """cells => cells.map(c => ({
            layer: c.dataset.layer, caption: c.querySelector('figcaption').textContent,
            fills: Array.from(c.querySelectorAll('svg.qm-print-shot path'))
                .map(p => p.getAttribute('fill')).filter(f => f && f !== 'none'),
            width: c.querySelector('svg.qm-print-shot').getBoundingClientRect().width,
            legend: c.querySelector('.qm-legend') !== null}))""")
        live_shown = page.eval_on_selector("#map-1 .qm-canvas", "e => getComputedStyle(e).display")
        hidden_text = page.eval_on_selector(".qm-screen-only", "e => getComputedStyle(e).display")
        active_in_print = page.get_attribute("#map-1", "data-active-layer")
        page.evaluate("window.dispatchEvent(new Event('afterprint'))")
        page.emulate_media(media="screen")
        left = page.eval_on_selector_all(".qm-print-multiples", "e => e.length")
        active_after = page.get_attribute("#map-1", "data-active-layer")
        browser.close()
    assert [c["layer"] for c in cells] == ["0", "1", "2"]
    assert [c["caption"] for c in cells] == LAYER_TITLES
    for cell, colors in zip(cells, LAYER_COLORS, strict=True):
        assert sorted(f.upper() for f in cell["fills"]) == sorted(colors)
        assert cell["width"] > 100 and cell["legend"]
    assert live_shown == "none" and hidden_text == "none"
    assert active_in_print == active_after == "2" and left == 0
    assert errors == []
