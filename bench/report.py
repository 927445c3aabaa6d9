"""Benchmark of the HTML report: file size and Chromium load time against folium's plain output.

For each N (default 100, 2,000 and 20,000) it builds N H3 resolution-8 cells around Almaty
(43.24 N, 76.95 E: the first N of a big enough disk, nearest rings first) with fixed
pseudo-random ``pop``, ``readiness`` (some negative) and ``bottleneck`` columns, and writes:

* a qonys report (:class:`maps.report.Report`) with one :class:`maps.webmap.WebMap` of two
  layers, as the real report draws H3 cells: a readiness choropleth (user breaks
  ``[-1000, -100, 0, 100, 1000]``, ``diverging("RdBu", 6)``) and a bottleneck category layer,
  tooltip name / readiness / bottleneck / pop;
* folium's plain output of the same two layers (``folium.GeoJson`` coloured by the same classes,
  a ``GeoJsonTooltip`` of the same fields, a ``LayerControl``, no tiles). It links Leaflet,
  jQuery, Bootstrap, fonts... from CDNs, so its file does not hold what ours inlines (Leaflet
  among others): the size ratio compares what a user is handed, not what the browser runs.

Each page is opened ``--runs`` times in headless Debian Chromium (a fresh page each time, qonys
and folium taking turns) and timed from ``page.goto`` to the map drawn and painted; the
median of the runs is kept: it is the typical load, unmoved by one run slowed by the machine's
other work (the mean is) and not the luckiest run either (the minimum is).

Prints one ``name=value`` a line (sizes in MB of 10^6 bytes, times in seconds):

* ``report_size_mb_N``, ``folium_size_mb_N``, ``size_ratio_vs_folium_N`` (ours / folium);
* ``report_load_s_N``, ``folium_load_s_N``, ``load_ratio_vs_folium_N`` (ours / folium);
* ``folium_aborted_requests_N``: the requests of folium's page answered by nothing (see below);
* ``report_20000_size_target_ratio`` (size / 5 MB) and ``report_20000_load_target_ratio``
  (load / 3 s), when 20,000 is among the sizes: the targets are under 5 MB and under 3 s on a
  2-core machine, met when the ratio is at most 1.

The browser here has no internet. Requests for ``leaflet.js`` and ``leaflet.css`` are answered
from the installed ``django-js-lib-leaflet`` (the files the qonys page inlines) so that folium's
map still draws; every other request that is not a file (jQuery, Bootstrap, fonts, Leaflet's
images) is aborted and counted.

Then the planned demo's full report, the one an official reads (``qonys report --scenario
almaty_kaskelen_talgar --compare baseline --lang ru``), made in a temporary folder from a demo
built there (``qonys demo``, ``scenario run baseline``, ``propose --scenario
almaty_kaskelen_talgar``) or, with ``--store``, from a copy of an existing planned workspace.
It is opened ``--runs`` times at 1,400 px wide (median kept) and prints, each with its
``NAME_target_ratio`` (value / target, met when at most 1):

* ``answer_px``: the bottom of the element marked ``data-qonys-answer`` (the summary's last
  line), in px from the top of the page (target 1,200: on the first screen or one scroll); when
  the page has no such element, stderr says so and neither line is printed;
* ``page_px``: the document's height (target 25,000, with long tables folded);
* ``report_mb``: the file's size (target 3 MB);
* ``load_s``: ``goto`` to the ``load`` event (target 1.5 s);
* ``all_maps_drawn_s``: ``goto`` until every map has drawn the features of its shown layer
  (maps/runtime.py sets ``data-drawn`` on the map's figure; target 1.5 s). The maps off the
  first screens are built after ``load``, a few per task, with nobody scrolling: the time is when
  a reader who jumps anywhere finds every map ready.

Then, from the same workspace, the working group's loop: ``qonys report --scenario
almaty_kaskelen_talgar --compare baseline --lang ru --png DIR --pdf FILE`` (Chromium's print),
run as a user runs it (a fresh Python, its imports included) and timed from start to exit:

* ``report_png_pdf_s`` and ``report_png_pdf_target_ratio`` (÷ 10 s, the target of issue 19 on
  2 cores);
* ``report_png_pdf_cpu_s``: the CPU seconds of the command and every process it waited for
  (PNG workers, Chromium), user and system: on a machine shared with other work it says what
  the wall time would be on an idle one (wall ≥ CPU / cores);
* ``report_html_s``, ``report_pngs_s`` (the PNGs drawn, Chromium printing meanwhile) and
  ``report_pdf_s`` (the print alone), as the command logs them with ``-v``;
* ``report_pngs``: how many PNG files it wrote.

Run: ``.venv/bin/python bench/report.py [--sizes 100,2000,20000] [--runs 3]
[--out out/bench-report] [--store planned.gpkg] [--no-demo | --demo-only]``; the HTML files
stay in ``--out`` for a human to open. Progress goes to stderr; stdout holds only the
``name=value`` lines.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import geopandas as gpd
import h3
import numpy as np
from shapely.geometry import Polygon

from layers.vocabulary import NETWORK_MESSAGES

# bench/planning.py shares its name with the planning package: run as a script, this folder
# comes first on sys.path and must be taken off it before the project's packages are imported.
sys.path[:] = [entry for entry in sys.path
               if Path(entry or ".").resolve() != Path(__file__).resolve().parent]

from geo.i18n import _  # noqa: E402
from maps.classify import Classes, classify  # noqa: E402
from maps.leaflet import dist_dir  # noqa: E402
from maps.palettes import NO_DATA_COLOR, categorical, diverging  # noqa: E402
from maps.report import Report  # noqa: E402
from maps.web_layers import CategoryLayer, ChoroplethLayer  # noqa: E402
from maps.webmap import WebMap  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu"]
VIEWPORT = {"width": 1280, "height": 900}
LOAD_TIMEOUT_MS = 600_000  # folium's 20,000 paths are slow: that is what is measured

SEED = 20240601
CENTRE = (43.24, 76.95)  # Almaty, lat / lon
RES = 8
LANG = "ru"
BREAKS = [-1_000.0, -100.0, 0.0, 100.0, 1_000.0]  # planning.report.contents.CELL_READINESS_BREAKS
NETWORKS = ("heat", "water", "transport", "schools")
MAP_HEIGHT_PX = 520  # the real report's maps
# The real report's feature style (maps/runtime.py), given to folium too.
STROKE = {"color": "#525252", "weight": 0.8, "opacity": 0.9, "fillOpacity": 0.8}

MB = 1e6
SIZE_TARGET_MB = 5.0
LOAD_TARGET_S = 3.0
TARGET_N = 20_000

DEMO_SCENARIO = "almaty_kaskelen_talgar"
DEMO_VIEWPORT = {"width": 1400, "height": 900}
TARGETS = {"answer_px": 1_200.0, "page_px": 25_000.0, "report_mb": 3.0, "load_s": 1.5,
           "all_maps_drawn_s": 1.5}
PNG_PDF_TARGET_S = 10.0
PART_SECONDS = re.compile(r"report_(html|pngs|pdf)_s=([0-9.]+)")
ANSWER = """() => {
  const el = document.querySelector('[data-qonys-answer]');
  return el ? el.getBoundingClientRect().bottom + window.scrollY : null;
}"""
PAGE_HEIGHT = "() => document.documentElement.scrollHeight"
# Resolves once the frame after next has begun: by then the frame holding the map is painted.
PAINTED = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
QONYS_DRAWN = """attr => {
  const maps = document.querySelectorAll('.qm-map');
  return maps.length > 0 && Array.from(maps).every(m => m.hasAttribute(attr));
}"""
FOLIUM_DRAWN = "n => document.querySelectorAll('.leaflet-overlay-pane path').length >= n"
OVERLAY_PATHS = "() => document.querySelectorAll('.leaflet-overlay-pane path').length"
DRAWN_COUNTS = "() => Array.from(document.querySelectorAll('.qm-map'), m => m.dataset.drawn)"


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# -- data -----------------------------------------------------------------------------------------
def h3_cells(n: int, *, seed: int = SEED) -> gpd.GeoDataFrame:
    """The first ``n`` resolution-8 cells around Almaty with fixed pseudo-random columns.

    Cells are ordered by ring (then id), so every ``n`` is a compact patch; the columns come
    from ``numpy.random.default_rng(seed)``. :func:`main` makes the largest ``n`` once and
    takes the first rows of it for the smaller ones, so they are the start of the larger.
    """
    origin = h3.latlng_to_cell(*CENTRE, RES)
    k = 0
    while 3 * k * (k + 1) + 1 < n:  # cells in a disk of radius k (no pentagon near Almaty)
        k += 1
    disk = sorted(h3.grid_disk(origin, k), key=lambda c: (h3.grid_distance(origin, c), c))[:n]
    if len(disk) < n:
        msg = f"The disk of radius {k} holds {len(disk)} cells, fewer than {n}."
        raise RuntimeError(msg)
    rng = np.random.default_rng(seed)
    # Swap (lat, lon) to (lon, lat): shapely and GeoJSON put x first.
    polygons = [Polygon([(lon, lat) for lat, lon in h3.cell_to_boundary(c)]) for c in disk]
    return gpd.GeoDataFrame(
        {"name": disk,
         "pop": rng.integers(0, 4_000, n),
         # about a third below zero and a few beyond ±1000, so all six classes are used
         "readiness": np.round(rng.normal(250.0, 600.0, n), 1),
         "bottleneck": rng.choice(NETWORKS, n)},
        geometry=polygons, crs="EPSG:4326")


def readiness_classes(cells: gpd.GeoDataFrame) -> tuple[Classes, list[str]]:
    """The readiness classes and their colours, as ``planning.report.contents`` makes them."""
    classes = classify(cells["readiness"], scheme="user", breaks=BREAKS)
    return classes, diverging("RdBu", len(BREAKS) + 1)[:classes.k]


def categories() -> dict[str, tuple[str, str]]:
    """Bottleneck network -> (label, colour)."""
    colors = categorical(len(NETWORKS))
    return {key: (_(NETWORK_MESSAGES[key], lang=LANG), color)
            for key, color in zip(NETWORKS, colors, strict=True)}


def tooltip_labels() -> dict[str, str]:
    basis = _("actual", lang=LANG)
    return {"name": _("Unit", lang=LANG),
            "readiness": _("Can take ({basis})", lang=LANG, basis=basis),
            "bottleneck": _("Bottleneck ({basis})", lang=LANG, basis=basis),
            "pop": _("Actual population", lang=LANG)}


def layer_names() -> tuple[str, str]:
    basis = _("actual population", lang=LANG)
    return (_("Readiness per cell ({basis})", lang=LANG, basis=basis),
            _("Bottleneck ({basis})", lang=LANG, basis=basis))


# -- the two pages --------------------------------------------------------------------------------
def write_qonys(cells: gpd.GeoDataFrame, path: Path) -> Path:
    """A qonys report with one map of the cells' two layers."""
    classes, colors = readiness_classes(cells)
    tooltip = tooltip_labels()
    readiness_name, bottleneck_name = layer_names()
    layers = [
        ChoroplethLayer(cells, column="readiness", name=readiness_name, classes=classes,
                        colors=colors, tooltip=tooltip,
                        legend_title=_("Residents (minus: deficit)", lang=LANG)),
        CategoryLayer(cells, column="bottleneck", name=bottleneck_name,
                      categories=categories(), tooltip=tooltip),
    ]
    report = Report(_("How ready each territory is to take more residents", lang=LANG), lang=LANG)
    report.add_map(WebMap(layers=layers, height_px=MAP_HEIGHT_PX))
    return report.write(path)


def write_folium(cells: gpd.GeoDataFrame, path: Path) -> Path:
    """folium's plain page of the same two layers, coloured by the same classes."""
    import folium

    classes, colors = readiness_classes(cells)
    codes = classes.assign(cells["readiness"]).to_numpy()
    # Colours by cell id, so that folium's features carry only the tooltip's columns.
    readiness_fill = {name: colors[code] if code >= 0 else NO_DATA_COLOR
                      for name, code in zip(cells["name"], codes, strict=True)}
    category_fill = {key: color for key, (__, color) in categories().items()}
    tooltip = tooltip_labels()
    readiness_name, bottleneck_name = layer_names()
    west, south, east, north = cells.total_bounds
    fmap = folium.Map(tiles=None, height=MAP_HEIGHT_PX)
    fmap.fit_bounds([[south, west], [north, east]])
    # Only the first layer is shown at first, as on the qonys map.
    folium.GeoJson(
        cells, name=readiness_name,
        style_function=lambda f: {**STROKE, "fillColor": readiness_fill[f["properties"]["name"]]},
        tooltip=folium.GeoJsonTooltip(fields=list(tooltip), aliases=list(tooltip.values())),
    ).add_to(fmap)
    folium.GeoJson(
        cells, name=bottleneck_name, show=False,
        style_function=lambda f: {**STROKE,
                                  "fillColor": category_fill[f["properties"]["bottleneck"]]},
        tooltip=folium.GeoJsonTooltip(fields=list(tooltip), aliases=list(tooltip.values())),
    ).add_to(fmap)
    folium.LayerControl().add_to(fmap)
    fmap.save(str(path))
    return path


# -- the browser ----------------------------------------------------------------------------------
class OfflineRoutes:
    """Answers Leaflet's two files from the installed package and aborts every other fetch.

    Aborting favours folium slightly: a real browser would download jQuery, Bootstrap and the
    fonts before the page's ``load``; here each fails at once, with no download time.
    """

    def __init__(self) -> None:
        folder = dist_dir()
        self.files = {name: folder.joinpath(name).read_bytes()
                      for name in ("leaflet.js", "leaflet.css")}
        self.types = {"leaflet.js": "application/javascript", "leaflet.css": "text/css"}
        self.aborted: list[str] = []

    def handle(self, route: Any) -> None:
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in ("file", "data"):
            route.continue_()
            return
        name = parts.path.rsplit("/", 1)[-1]
        if name in self.files:
            route.fulfill(status=200, body=self.files[name], content_type=self.types[name],
                          headers={"Access-Control-Allow-Origin": "*"})
            return
        self.aborted.append(url)
        route.abort()


def time_qonys(browser: Any, path: Path, n: int) -> float:
    """Seconds from ``goto`` to every qonys map drawn and painted; checks the drawn count."""
    page = browser.new_page(viewport=VIEWPORT)
    routes = OfflineRoutes()
    page.route("**/*", routes.handle)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        start = time.perf_counter()
        page.goto(path.resolve().as_uri(), timeout=LOAD_TIMEOUT_MS)
        # the runtime marks a drawn map with data-drawn: the features of its active layer
        page.wait_for_function(QONYS_DRAWN, arg="data-drawn", timeout=LOAD_TIMEOUT_MS)
        page.evaluate(PAINTED)
        seconds = time.perf_counter() - start
        drawn = [int(d) for d in page.evaluate(DRAWN_COUNTS)]
    finally:
        page.close()
    if errors or routes.aborted:
        progress(f"  qonys {n}: errors {errors}, requests {routes.aborted}")
    if drawn != [n]:
        msg = f"The qonys map of {n} cells drew {drawn} features."
        raise RuntimeError(msg)
    return seconds


def time_folium(browser: Any, path: Path, n: int) -> tuple[float, int]:
    """Seconds from ``goto`` to folium's paths drawn and painted, and the requests aborted."""
    page = browser.new_page(viewport=VIEWPORT)
    routes = OfflineRoutes()
    page.route("**/*", routes.handle)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        start = time.perf_counter()
        page.goto(path.resolve().as_uri(), wait_until="load", timeout=LOAD_TIMEOUT_MS)
        page.wait_for_function(FOLIUM_DRAWN, arg=n, timeout=LOAD_TIMEOUT_MS)
        page.evaluate(PAINTED)
        seconds = time.perf_counter() - start
        paths = page.evaluate(OVERLAY_PATHS)
    finally:
        page.close()
    if errors:
        progress(f"  folium {n}: errors {errors}")
    if paths != n:
        msg = f"folium's map of {n} cells drew {paths} paths."
        raise RuntimeError(msg)
    return seconds, len(routes.aborted)


def launch(playwright: Any) -> Any:
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS)


# -- main -----------------------------------------------------------------------------------------
def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100,2000,20000",
                        help="numbers of polygons, comma separated")
    parser.add_argument("--runs", type=int, default=3, help="median of this many loads")
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "bench-report",
                        help="folder of the HTML files (kept)")
    parser.add_argument("--store", type=Path, default=None,
                        help="a planned demo workspace (demo, scenario run baseline, propose) "
                             "to copy instead of building one")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--no-demo", action="store_true", help="skip the demo's full report")
    which.add_argument("--demo-only", action="store_true",
                       help="measure only the demo's full report")
    args = parser.parse_args()
    if args.store is not None and not args.store.is_file():
        parser.error(f"--store {args.store} is not a file: give a planned demo GeoPackage")
    try:
        args.sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        parser.error(f"--sizes takes whole numbers separated by commas, not {args.sizes!r}")
    if not args.sizes or min(args.sizes) < 1 or args.runs < 1:
        parser.error("--sizes and --runs must be at least 1")
    return args


def sync_playwright_or_exit() -> Any:
    """playwright's ``sync_playwright``, or exit 2 saying what to install."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        progress("bench/report.py needs playwright: .venv/bin/pip install -e '.[test]'")
        sys.exit(2)
    if not CHROMIUM.exists():
        progress(f"bench/report.py needs Debian's Chromium at {CHROMIUM}: apt-get install chromium")
        sys.exit(2)
    return sync_playwright


def main() -> None:
    args = parse_args()
    sync_playwright = sync_playwright_or_exit()
    args.out.mkdir(parents=True, exist_ok=True)
    sizes = [] if args.demo_only else args.sizes
    all_cells = h3_cells(max(sizes)) if sizes else None
    results: dict[int, dict[str, float]] = {}
    demo: dict[str, float] = {}
    page, loop = (None, {}) if args.no_demo else demo_report(args)
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            for n in sizes:
                results[n] = measure(browser, all_cells.iloc[:n], n, args)
            if page is not None:
                demo = measure_demo(browser, page, runs=args.runs)
        finally:
            browser.close()
    for n, figures in results.items():
        for name, value in figures.items():
            print(f"{name}_{n}={value:.3f}" if isinstance(value, float) else f"{name}_{n}={value}")
    if TARGET_N in results:
        print(f"report_{TARGET_N}_size_target_ratio="
              f"{results[TARGET_N]['report_size_mb'] / SIZE_TARGET_MB:.3f}")
        print(f"report_{TARGET_N}_load_target_ratio="
              f"{results[TARGET_N]['report_load_s'] / LOAD_TARGET_S:.3f}")
    for name, value in demo.items():
        print(f"{name}={value:.0f}" if name.endswith("_px") else f"{name}={value:.3f}")
        print(f"{name}_target_ratio={value / TARGETS[name]:.3f}")
    for name, value in loop.items():
        print(f"{name}={value:.0f}" if name == "report_pngs" else f"{name}={value:.3f}")


# -- the planned demo's full report ---------------------------------------------------------------
def qonys(*argv: str | Path) -> None:
    """Run a ``qonys`` command of this checkout; its output goes to stderr, a failure exits."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])}
    command = [sys.executable, "-m", "planning.cli", *map(str, argv)]
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=env, stdout=sys.stderr, stderr=sys.stderr,
                          check=False)
    if done.returncode != 0:
        progress(f"`qonys {' '.join(map(str, argv))}` failed ({done.returncode})")
        sys.exit(1)
    words = []
    for arg in map(str, argv):  # the command's words, before its options
        if arg.startswith("-"):
            break
        words.append(arg)
    progress(f"qonys {' '.join(words)}: {time.perf_counter() - start:.1f} s")


def demo_report(args: argparse.Namespace) -> tuple[Path, dict[str, float]]:
    """The planned demo's full ru report, in ``--out``, and the figures of its PNG/PDF loop.

    Its workspace is made in a temp folder (see :func:`report_png_pdf`).
    """
    target = args.out / "demo-report-ru.html"
    with tempfile.TemporaryDirectory(prefix="qonys-bench-") as folder:
        store = Path(folder) / "qonys-demo.gpkg"
        if args.store is not None:
            shutil.copyfile(args.store, store)  # the report may write to its workspace
        else:
            qonys("demo", "--store", store, "--out", folder)
            qonys("scenario", "run", "baseline", "--store", store)
            qonys("propose", "--scenario", DEMO_SCENARIO, "--store", store)
        qonys("report", "--store", store, "--scenario", DEMO_SCENARIO, "--compare", "baseline",
              "--lang", "ru", "--out", target)
        loop = report_png_pdf(store, args.out / "demo-loop")
    return target, loop


def report_png_pdf(store: Path, folder: Path) -> dict[str, float]:
    """Time ``qonys report --png --pdf`` of ``store`` into ``folder``, as a user runs it."""
    if folder.exists():
        shutil.rmtree(folder)  # every PNG counted is one this run wrote
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])}
    command = [sys.executable, "-m", "planning.cli", "report", "-v", "--store", str(store),
               "--scenario", DEMO_SCENARIO, "--compare", "baseline", "--lang", "ru",
               "--out", str(folder / "report.html"), "--png", str(folder / "maps"),
               "--pdf", str(folder / "report.pdf")]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True,
                          check=False)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    sys.stderr.write(done.stdout + done.stderr)
    if done.returncode != 0:
        progress(f"`qonys report --png --pdf` failed ({done.returncode})")
        sys.exit(1)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    figures = {"report_png_pdf_s": seconds,
               "report_png_pdf_target_ratio": seconds / PNG_PDF_TARGET_S,
               "report_png_pdf_cpu_s": cpu}
    figures.update({f"report_{name}_s": float(value)
                    for name, value in PART_SECONDS.findall(done.stderr)})
    figures["report_pngs"] = float(len(list((folder / "maps").glob("*.png"))))
    progress(f"qonys report --png --pdf: {seconds:.1f} s ({cpu:.1f} s CPU)")
    return figures


def measure_demo(browser: Any, path: Path, *, runs: int) -> dict[str, float]:
    """Median load and drawing times of ``path`` at 1,400 px, its size and heights."""
    loads, drawn, answers, heights = [], [], [], []
    for run in range(runs):
        page = browser.new_page(viewport=DEMO_VIEWPORT)
        errors: list[str] = []
        page.on("pageerror", lambda exc, errors=errors: errors.append(str(exc)))
        try:
            start = time.perf_counter()
            page.goto(path.resolve().as_uri(), wait_until="load", timeout=LOAD_TIMEOUT_MS)
            loads.append(time.perf_counter() - start)
            # maps off the first screens are built a few per task after "load": nobody scrolls
            page.wait_for_function(QONYS_DRAWN, arg="data-drawn", timeout=LOAD_TIMEOUT_MS)
            page.evaluate(PAINTED)
            drawn.append(time.perf_counter() - start)
            page.evaluate("() => window.scrollTo(0, 0)")
            answers.append(page.evaluate(ANSWER))
            heights.append(page.evaluate(PAGE_HEIGHT))
        finally:
            page.close()
        if errors:
            progress(f"  demo report: errors {errors}")
        progress(f"demo report: run {run + 1}: load {loads[-1]:.3f} s, "
                 f"maps drawn {drawn[-1]:.3f} s")
    figures: dict[str, float] = {}
    if answers[-1] is None:
        progress("demo report: no element has data-qonys-answer: answer_px not measured")
    else:
        figures["answer_px"] = float(answers[-1])
    figures.update(page_px=float(heights[-1]), report_mb=path.stat().st_size / MB,
                   load_s=statistics.median(loads), all_maps_drawn_s=statistics.median(drawn))
    return figures


def measure(browser: Any, cells: gpd.GeoDataFrame, n: int,
            args: argparse.Namespace) -> dict[str, float | int]:
    """Write both pages of ``n`` cells and time their loads."""
    start = time.perf_counter()
    ours = write_qonys(cells, args.out / f"qonys_{n}.html")
    progress(f"{n}: qonys written in {time.perf_counter() - start:.2f} s")
    start = time.perf_counter()
    theirs = write_folium(cells, args.out / f"folium_{n}.html")
    progress(f"{n}: folium written in {time.perf_counter() - start:.2f} s")
    ours_s, theirs_s, aborted = [], [], set()
    for run in range(args.runs):  # taking turns, so both see the machine in the same state
        ours_s.append(time_qonys(browser, ours, n))
        seconds, count = time_folium(browser, theirs, n)
        theirs_s.append(seconds)
        aborted.add(count)
        progress(f"{n}: run {run + 1}: qonys {ours_s[-1]:.3f} s, folium {seconds:.3f} s "
                 f"({count} requests aborted)")
    ours_mb, theirs_mb = ours.stat().st_size / MB, theirs.stat().st_size / MB
    ours_load, theirs_load = statistics.median(ours_s), statistics.median(theirs_s)
    return {
        "report_size_mb": ours_mb, "folium_size_mb": theirs_mb,
        "size_ratio_vs_folium": ours_mb / theirs_mb,
        "report_load_s": ours_load, "folium_load_s": theirs_load,
        "load_ratio_vs_folium": ours_load / theirs_load,
        "folium_aborted_requests": max(aborted),
    }


if __name__ == "__main__":
    main()
