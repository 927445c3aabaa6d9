"""The README's tutorial "Your own data: Almaty step by step", run exactly as written.

The shell block of that section is split into commands; each ``qonys ...`` line runs as
``python -m planning.cli ...`` in a folder laid out like a clone beside ``../shared`` (``docs``
and ``../shared`` are links), so the README's relative paths mean what they mean for a user.
The answers are worked out here, independently of qonys: the schools of the extract counted
with pyosmium tag by tag, each district's population read from the BNS table, the water
provision from the published capacity and load, and the sources the report must name.

Steps and answers that fail today because of bugs other work of issue 13 fixes are marked
``xfail(strict=True)`` with the bug in the reason, so that they flip to a failure (and the mark
comes off) as soon as the fix is merged.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT

from layers.store import open_store

# Every step runs the command line in a subprocess on the real extract: minutes in all.
pytestmark = pytest.mark.slow

README = (ROOT / "README.md").read_text(encoding="utf-8")
HEADING = "## Your own data: Almaty step by step"
PBF = "geodata/osm-almaty-2013/almaty.osm.pbf"
BNS = "geodata/kz-population-bns/DERIVED_bns_population_2023-01-01_selected.csv"

# Published figures (../shared/facts/README.md, "Water supply": kaz.inform.kz 2026-03-04).
WATER_CAPACITY = 1_300_000.0  # m³/day, the sources
WATER_USE = 700_000.0  # m³/day, the measured load

# Steps that stop today, each with the bug that stops it (none since h/notassessed).
FAILING_TODAY: dict[str, str] = {}


def tutorial_commands(readme: str) -> list[list[str]]:
    """The tutorial's commands, each as argv, in order; ``export`` lines included."""
    start = readme.index(HEADING)
    end = readme.find("\n## ", start + len(HEADING))
    section = readme[start:end if end > 0 else None]
    blocks = re.findall(r"```sh\n(.*?)```", section, flags=re.DOTALL)
    assert blocks, f"no ```sh block under {HEADING!r}"
    commands = []
    for block in blocks:
        for line in block.replace("\\\n", " ").splitlines():
            argv = shlex.split(line, comments=True)
            if argv:
                commands.append(argv)
    return commands


def step_id(number: int, argv: list[str]) -> str:
    """``07-load-facilities``: the step's number, command and ``--kind``."""
    kind = argv[argv.index("--kind") + 1] if "--kind" in argv else ""
    return "-".join(part for part in (f"{number:02d}", argv[1], kind) if part)


COMMANDS = [argv for argv in tutorial_commands(README) if argv[0] == "qonys"]
STEPS = [step_id(number, argv) for number, argv in enumerate(COMMANDS, start=1)]


@dataclass
class Step:
    argv: list[str]
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture(scope="module")
def tutorial(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Every step's outcome, by step id, and the folder it ran in (``"folder"``)."""
    root = tmp_path_factory.mktemp("tutorial")
    (root / "shared").symlink_to(shared_dir, target_is_directory=True)
    clone = root / "qonys"
    clone.mkdir()
    (clone / "docs").symlink_to(ROOT / "docs", target_is_directory=True)
    env = {name: value for name, value in os.environ.items() if not name.startswith("QONYS_")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    steps: dict = {"folder": clone}
    commands = iter(COMMANDS)
    number = 0
    for argv in tutorial_commands(README):
        if argv[0] == "export":
            for assignment in argv[1:]:
                name, _, value = assignment.partition("=")
                env[name] = value
            continue
        assert argv[0] == "qonys", f"the tutorial runs only qonys and export: {argv}"
        assert argv == next(commands)
        number += 1
        done = subprocess.run([sys.executable, "-m", "planning.cli", *argv[1:]], cwd=clone,
                              env=env, capture_output=True, text=True, timeout=600, check=False)
        steps[step_id(number, argv)] = Step(argv, done.returncode, done.stdout, done.stderr)
    steps["store"] = clone / env["QONYS_STORE"]
    return steps


def test_the_tutorial_is_the_path_from_files_to_report() -> None:
    commands = [" ".join(argv[:2]) for argv in COMMANDS]
    assert commands[0] == "qonys load" and commands[-1] == "qonys report"
    kinds = [argv[argv.index("--kind") + 1] for argv in COMMANDS if "--kind" in argv]
    assert kinds == ["units", "utility_sources", "utility_zones", "zone_sources", "roads",
                     "facilities"]
    assert {"qonys join", "qonys check", "qonys readiness", "qonys grid"} <= set(commands)


@pytest.mark.parametrize("step", [
    pytest.param(step, marks=pytest.mark.xfail(strict=True, reason=FAILING_TODAY[name]))
    if (name := step.split("-")[1]) in FAILING_TODAY else step
    for step in STEPS])
def test_step_runs_without_a_traceback(tutorial: dict, step: str) -> None:
    done = tutorial[step]
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    assert done.returncode == 0, f"{shlex.join(done.argv)}\n{done.stderr[-3000:]}"


def test_each_district_has_its_bns_population(tutorial: dict, shared_dir: Path) -> None:
    # Table 3 lists Almaty city's districts under the parent "Алматы қаласы" as
    # "<Kazakh name> ауданы"; geokz's ADM2_KK is the bare Kazakh name.
    table = pd.read_csv(shared_dir / BNS)
    city = table[(table["parent"] == "Алматы қаласы") & table["unit_kk"].str.endswith(" ауданы")]
    published = {name.removesuffix(" ауданы"): int(total)
                 for name, total in zip(city["unit_kk"], city["total"], strict=True)}
    assert len(published) == 8 and sum(published.values()) == 2_161_695  # the city's own row
    with open_store(str(tutorial["store"])) as store:
        units = store.read_layer("units")
    assert dict(zip(units["name_kk"], units["pop_registered"].astype(int), strict=True)) \
        == published



def test_the_2023_populations_are_rolled_forward_to_2025(tutorial: dict, shared_dir: Path) -> None:
    # The readiness step says so; by hand: two years at Almaty's natural increase of 0.91 % a
    # year (data/norms/default.yaml: 18,824 in Jan-Nov 2024 x 12/11 over 2.25M), compounded,
    # 1.0091 ** 2 = 1.01828281; in whole persons each year, so at most 0.5 x 1.0091 + 0.5 off.
    with open_store(str(tutorial["store"])) as store:
        units = store.read_layer("units").set_index("unit_id")
        ready = store.read_layer("readiness_units").set_index("unit_id").loc[units.index]
    assert (units["pop_year"] == 2023).all()
    expected = units["pop_registered"] * 1.0091 ** 2
    assert (ready["pop_registered"] - expected).abs().max() <= 0.5 * 1.0091 + 0.5
    assert "2023" in tutorial[next(s for s in STEPS if s.endswith("-readiness"))].stderr

def test_water_provision_is_capacity_over_load(tutorial: dict, shared_dir: Path) -> None:
    """One zone over every district, with a measured load: each district's demand is its share
    of 700,000 m³/day, its supply the same share of 1.3M, so provision is 1.3 / 0.7 = 1.857
    in each, and the city's headroom is (1.3M - 0.7M) / the norm in residents."""
    facts = (shared_dir / "facts" / "README.md").read_text(encoding="utf-8")
    assert "| Almaty | use about 700,000 m³/day; source capacity 1.3M m³/day;" in facts
    with open_store(str(tutorial["store"])) as store:
        units = store.read_layer("units").set_index("unit_id")
        networks = store.read_layer("readiness_networks")
    water = networks[(networks["network"] == "water") & (networks["basis"] == "registered")]
    water = water.set_index("unit_id").loc[units.index]
    # The 2023 figures are rolled forward to the base year by one growth rate for all, in
    # whole persons: each share moves by at most 2 x 0.5 / 181,412 (the smallest district),
    # under 1e-5.
    share = units["pop_registered"] / units["pop_registered"].sum()
    assert water["provision"].tolist() == pytest.approx([13 / 7] * 8, rel=1e-9)
    assert water["demand"].tolist() == pytest.approx((WATER_USE * share).tolist(), rel=1e-5)
    assert water["supply"].tolist() == pytest.approx((WATER_CAPACITY * share).tolist(),
                                                     rel=1e-5)
    norm = water["norm_per_resident"].iloc[0]
    assert norm == 0.30  # data/norms/default.yaml: 300 l per resident per day
    assert water["headroom"].sum() == pytest.approx((WATER_CAPACITY - WATER_USE) / norm)


# Names that make an ``amenity=school`` some other school (music, art, sport, driving, police),
# and names that make a bare building a school. Lower case.
OTHER_SCHOOLS = ("музык", "искусств", "художеств", "хореограф", "танц", "спорт", "дюсш",
                 "автошкол", "автомектеп", "вождени", "милиц", "полиц", "music", "sport",
                 "driving", "police")
KINDERGARTEN_NAMES = ("детский сад", "детсад", "ясли", "балабақша", "kindergarten")
SCHOOL_NAMES = ("школа", "школы", "гимнази", "лицей", "мектеп", "мектеб", "school")
HEALTH_NAMES = ("поликлин", "больниц", "госпитал", "аурухана", "емхана", "hospital")
SAME_PLACE_M = 50.0  # a school's entrance node is at most this far from its grounds' outline


def is_school(tags: dict) -> bool:
    """``amenity=school`` not named as another kind of school or a kindergarten, or a bare
    building named as a school (``Школа …``, ``Гимназия …``, ``СШ 16``)."""
    name = tags.get("name", "").lower().replace("ё", "е")
    if any(word in name for word in OTHER_SCHOOLS + KINDERGARTEN_NAMES):
        return False
    if tags.get("amenity") == "school":
        return True
    if "amenity" in tags or "healthcare" in tags or "building" not in tags:
        return False
    words = name.replace(".", " ").replace("№", " ").split()
    return not any(word in name for word in HEALTH_NAMES) and (
        any(word in name for word in SCHOOL_NAMES)
        or any(w == "сш" or (w.startswith("сш") and w[2:3].isdigit()) for w in words))


def schools_by_pyosmium(path: Path) -> int:
    """Schools of an OpenStreetMap file, counted from the raw tags with pyosmium.

    Nodes, closed ways and multipolygons that :func:`is_school`; one school mapped twice counts
    once: a node within 50 m of a school's outline, an outline inside a larger one, two objects
    of the same name within 50 m. Distances in UTM 43N metres.
    """
    import osmium
    import shapely
    from pyproj import Transformer

    to_utm = Transformer.from_crs(4326, 32643, always_xy=True)
    factory = osmium.geom.WKBFactory()
    found = []  # (id, name, point, outline or None)

    def metres(shape):
        return shapely.transform(shape, lambda xy: list(zip(*to_utm.transform(*xy.T),
                                                            strict=True)))

    class Schools(osmium.SimpleHandler):
        def node(self, node) -> None:
            if is_school(dict(node.tags)):
                point = metres(shapely.Point(node.location.lon, node.location.lat))
                found.append((f"n{node.id}", node.tags.get("name", ""), point, None))

        def area(self, area) -> None:  # closed ways and multipolygon relations
            if is_school(dict(area.tags)):
                shape = metres(shapely.from_wkb(factory.create_multipolygon(area)))
                found.append((f"a{area.id}", area.tags.get("name", ""),
                              shape.representative_point(), shape))

    Schools().apply_file(str(path), locations=True)
    same = {oid: {oid} for oid, *_ in found}

    def one(a: str, b: str) -> None:
        merged = same[a] | same[b]
        for oid in merged:
            same[oid] = merged

    outlines = [(oid, shape) for oid, _, _, shape in found if shape is not None]
    for oid, _, point, shape in found:
        if shape is None:  # the nearest outline within 50 m
            near = [(other.distance(point), o) for o, other in outlines
                    if other.distance(point) <= SAME_PLACE_M]
            if near:
                one(oid, min(near)[1])
        else:
            for o, other in outlines:
                if o != oid and other.area >= shape.area and other.covers(point):
                    one(oid, o)
    for i, (a, name, point, shape) in enumerate(found):
        for b, other_name, other_point, other_shape in found[i + 1:]:
            if name and " ".join(name.lower().split()) == " ".join(other_name.lower().split()) \
                    and (shape or point).distance(other_shape or other_point) <= SAME_PLACE_M:
                one(a, b)
    return len({frozenset(group) for group in same.values()})


def test_schools_are_the_extract_s_schools(tutorial: dict, shared_dir: Path) -> None:
    # amenity=school on 34 nodes and 35 closed ways (no relation), 3 bare buildings named
    # "Гимназия №27", "СШ №16", "СШ № 43"; less 3 other schools (2 music, 1 police) and 5
    # nodes within 50 m of their school's outline: 34 + 35 + 3 - 3 - 5 = 64.
    expected = schools_by_pyosmium(shared_dir / PBF)
    assert expected == 64
    with open_store(str(tutorial["store"])) as store:
        facilities = store.read_layer("facilities")
    assert int((facilities["kind"] == "school").sum()) == expected


def test_report_names_every_source(tutorial: dict) -> None:
    page = (tutorial["folder"] / "out" / "almaty-report.html").read_text(encoding="utf-8")
    for source in ("CC BY 4.0", "OpenStreetMap", "ODbL"):
        assert source in page, source


@pytest.fixture(scope="module")
def bench_real():
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_real", ROOT / "bench" / "real.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop(spec.name, None)


def test_the_bench_times_the_same_steps(bench_real) -> None:
    assert bench_real.tutorial_commands(README) == tutorial_commands(README)
    names = [bench_real.step_name(argv) for argv in COMMANDS]
    assert len(set(names)) == len(names)  # one name=value line per step and measure
    assert names[-3:] == ["readiness", "grid", "report"]


def test_the_bench_measures_each_process_on_its_own(tmp_path: Path) -> None:
    # Linux counts in a child's peak the copy of its parent at the fork, so the bench runs in a
    # process of its own that imports nothing heavy, as `make bench` runs it; here too. A child
    # that holds 200 MB of bytes peaks above 200 MB; a bare interpreter stays far below; one
    # that fails says its last line of stderr.
    script = """
import importlib.util, json, os, sys
spec = importlib.util.spec_from_file_location("bench_real", sys.argv[1])
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)
big = [sys.executable, "-c", "b = bytearray(200 * 2**20); b[::4096] = b'x' * len(b[::4096])"]
small = [sys.executable, "-c", "import sys; print('warming up', file=sys.stderr); "
         "raise SystemExit('boom: no such layer')"]
print(json.dumps([bench.measured(argv, cwd=sys.argv[2], env=dict(os.environ))
                  for argv in (big, small)]))
"""
    done = subprocess.run([sys.executable, "-c", script, str(ROOT / "bench" / "real.py"),
                           str(tmp_path)], capture_output=True, text=True, check=True)
    (_, big_peak, big_status), (_, small_peak, small_status) = json.loads(done.stdout)
    assert big_status == "ok" and big_peak >= 200
    assert small_status == "failed: boom: no such layer" and small_peak < 100


def test_the_forecast_starts_in_the_year_readiness_was_assessed_for(tutorial: dict,
                                                                     tmp_path: Path) -> None:
    """Readiness rolls the 2023 counts forward to the base year 2025; the report's baseline
    forecast and a scenario run must start there too, from the same residents (they started in
    2023, from the unrolled counts, before)."""
    page = (tutorial["folder"] / "out/almaty-report.html").read_text(encoding="utf-8")
    assert "2025–2030" in page and "2023–2030" not in page
    store = tmp_path / "copy.gpkg"
    store.write_bytes(Path(tutorial["store"]).read_bytes())
    done = subprocess.run([sys.executable, "-m", "planning.cli", "--lang", "en", "scenario",
                           "run", "baseline", "--store", str(store)], cwd=ROOT,
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    with open_store(str(store)) as opened:
        population = opened.read_layer("scenario_baseline_population")
        assessed = opened.read_layer("readiness_units").set_index("unit_id")
    assert int(population["year"].min()) == 2025
    first = population[population["year"] == 2025].set_index("unit_id")
    assert first["pop_registered"].round().to_dict() == \
        assessed["pop_registered"].round().to_dict()


def test_the_report_marks_every_figure_built_on_the_schools_estimated(tutorial: dict) -> None:
    """No school of the 2013 extract has a capacity (OSM gives none): all 64 count at the
    norm's 1,200 places. The report says it in its own language (ru): in the notices section,
    on the maps' face, in the tooltips and the table's footnote, with "≈" on exactly the
    readiness figures whose bottleneck is the schools (readiness_estimated_* of the results)."""
    import html as html_module

    from geo.i18n import _, p_

    page = html_module.unescape(
        (tutorial["folder"] / "out/almaty-report.html").read_text(encoding="utf-8"))
    with open_store(str(tutorial["store"])) as store:
        units = store.read_layer("readiness_units")
        stored = store.read_layer("readiness_notices")
    assert "access.capacity_estimated" in set(stored["key"])
    section = page.split(_("What qonys assumed and left out",
                           lang="ru") + "</h2>", 1)[1].split("<h2", 1)[0]
    for text in stored["ru"]:
        assert f"<li>{text}</li>" in section
    # every school figure is estimated: each district's schools' supply rests on them
    assert units["estimated_networks"].str.contains("schools").all()
    line = "школы: 64 из 64 учреждений без вместимости, учтены по 1\u00a0200 мест"
    assert line in page  # the tooltips' data
    # the headroom map shows the schools' layer: its face says their figures are estimated
    notices = re.findall(r'role="note">(.*?)</div>', page, flags=re.S)
    prefix = _("Figures for {networks} are estimated: capacities unknown",
               lang="ru", networks="|").split("|")[0]
    assert any(n.startswith(prefix) and "школы" in n for n in notices), notices
    units_table = p_("report.units_table", "Units", lang="ru")
    caption = f"<caption>{units_table}</caption>"
    table = page.split(caption, 1)[1].split("</table>", 1)[0]
    marked = int(units["readiness_estimated_actual"].sum()
                 + units["readiness_estimated_registered"].sum())
    assert table.count(">≈\u00a0") == marked
