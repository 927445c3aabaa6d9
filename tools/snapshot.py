"""Record what qonys produces, and check later that a refactoring changed none of it.

``record DIR`` runs a fixed corpus of commands through the command line, in Russian, Kazakh and
English, on the demo and on the test corpus's bad files, and keeps:

* every layer and table of the planned demo's GeoPackage as a pickled frame (geometry as WKB),
* the full report in three languages and its static PNGs,
* each command's exit status, standard output and standard error, per language.

``compare OLD NEW`` says, file by file, what differs: frames are compared value by value
(``pandas.testing.assert_frame_equal``), everything else byte for byte. Paths of the temporary
folder and timings ("11.8 s") are written as placeholders in messages before they are kept, and
the store's load times (``loaded_at``) are dropped: they differ from run to run by nature, and
two recordings of the same commit compare equal (``compare`` of two records of one commit is
the check of the tool itself).

Run: ``.venv/bin/python tools/snapshot.py record out/snapshot-before`` (about five minutes),
then after the change ``record out/snapshot-after`` and
``compare out/snapshot-before out/snapshot-after``; the exit status is 1 when anything differs.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LANGS = ("ru", "kk", "en")
SCENARIO, BASE = "almaty_kaskelen_talgar", "baseline"
BAD = ROOT / "tests" / "data" / "bad"
SHARED = ROOT.parent / "shared" / "geodata"
TIMING = re.compile(r"\b\d+(?:[.,]\d+)?\s?(?:s|с|сек)\b")
# Columns that hold the moment a command ran: not part of what it computed.
MOMENTS = ("loaded_at", "created_at", "run_at", "written_at", "update_time")
#: A moment written in a message or a report ("2026-12-07T06:08:57+00:00", "2026-12-07 06:08 UTC").
MOMENT = re.compile(r"\b\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:\+00:00|Z| UTC)?")
#: The siting method of the recorded ``propose``: the greedy with swaps ends by itself on the
#: demo, where the exact solver stops at its time limit, so that a busy machine cannot change
#: which of two equal sites is chosen (proving every demo case optimal takes over ten minutes).
PROPOSE_METHOD = "heuristic"


def qonys(args: list[str], *, cwd: Path, lang: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, QONYS_LANG=lang, NO_COLOR="1", COLUMNS="100")
    # the entry point's function, wherever the command line's module lives
    run = "import importlib, sys; sys.exit(importlib.import_module('planning.cli').main())"
    return subprocess.run([sys.executable, "-c", run, "--lang", lang, *args], cwd=cwd, env=env,
                          capture_output=True, text=True, check=False)


def corpus(store: Path, work: Path) -> list[tuple[str, list[str]]]:
    """The commands whose messages are kept: (name, arguments), in order of running."""
    s = ["--store", str(store)]
    commands = [
        ("help", ["--help"]),
        ("check", [*s, "check"]),
        ("layers", [*s, "layers"]),
        ("kinds", ["kinds"]),
        ("scenario-run-baseline", [*s, "scenario", "run", BASE]),
        ("report-missing-store", ["--store", str(work / "absent.gpkg"), "report",
                                  "--out", str(work / "x.html")]),
        ("scenario-unknown", [*s, "scenario", "run", "no_such_scenario"]),
    ]
    for sub in ("demo", "readiness", "grid", "report", "check", "load", "validate", "join",
                "export", "layers", "kinds", "actual", "flows", "scenario", "propose"):
        commands.append((f"help-{sub}", [sub, "--help"]))
    for bad in sorted(BAD.glob("*")):
        if bad.suffix in (".geojson", ".csv", ".shp", ".tif"):
            commands.append((f"validate-{bad.name}", ["validate", str(bad), "--kind", "units"]))
    adm2 = SHARED / "kz-admin-geokz" / "kaz_admbnda_adm2_2024.shp"
    if adm2.exists():  # real districts, loaded as units without their population
        commands.append(("validate-geokz-adm2", ["validate", str(adm2), "--kind", "units"]))
    bns = SHARED / "kz-population-bns" / "city_population.csv"
    if bns.exists():
        commands.append(("join-bns", [*s, "join", str(bns), "--to", "units", "--on", "name"]))
    return commands


def clean(text: str, work: Path) -> str:
    """``text`` with the temporary folder, this checkout's folder, timings and moments masked."""
    text = text.replace(str(work), "<work>").replace(str(ROOT), "<root>")
    return TIMING.sub("<t>", MOMENT.sub("<moment>", text))


def record(out: Path) -> None:
    if out.exists():
        shutil.rmtree(out)
    (out / "messages").mkdir(parents=True)
    with tempfile.TemporaryDirectory(prefix="qonys-snapshot-") as folder:
        work = Path(folder)
        store = work / "out" / "demo" / "qonys-demo.gpkg"
        steps = [("demo", ["demo", "--out", str(work)]),
                 ("scenario-run", ["--store", str(store), "scenario", "run", BASE]),
                 ("propose", ["--store", str(store), "propose", "--scenario", SCENARIO,
                              "--method", PROPOSE_METHOD])]
        for name, args in steps:
            done = qonys(args, cwd=work, lang="ru")
            keep(out, name, "ru", done, work)
            print(f"{name}: exit {done.returncode}", file=sys.stderr)
        for lang in LANGS:
            report = work / f"report-{lang}.html"
            done = qonys(["--store", str(store), "report", "--scenario", SCENARIO,
                          "--compare", BASE, "--out", str(report), "--png",
                          str(work / f"png-{lang}")], cwd=work, lang=lang)
            keep(out, "report", lang, done, work)
            (out / report.name).write_text(clean(report.read_text(encoding="utf-8"), work),
                                           encoding="utf-8")
            shutil.copytree(work / f"png-{lang}", out / f"png-{lang}")
            print(f"report {lang}: exit {done.returncode}", file=sys.stderr)
        frames(store, out / "layers", work)
        for lang in LANGS:
            for name, args in corpus(store, work):
                keep(out, name, lang, qonys(args, cwd=work, lang=lang), work)
            print(f"messages {lang}: done", file=sys.stderr)


def keep(out: Path, name: str, lang: str, done: subprocess.CompletedProcess, work: Path) -> None:
    text = (f"exit {done.returncode}\n--- stdout\n{clean(done.stdout, work)}"
            f"--- stderr\n{clean(done.stderr, work)}")
    (out / "messages" / f"{name}.{lang}.txt").write_text(text, encoding="utf-8")


def masked(frame, work: Path):
    """``frame`` with the temporary folder masked in its text columns (a QGIS project, stored
    zipped and hex-encoded, is unpacked to its text first)."""
    import binascii
    import io
    import zipfile

    import pandas as pd

    frame = frame.copy()
    for column in frame.columns:
        if not (pd.api.types.is_object_dtype(frame[column])
                or pd.api.types.is_string_dtype(frame[column])):  # pandas 3 has a str dtype
            continue
        def one(value):
            if isinstance(value, str) and value.startswith("504b0304"):  # a zip, hex-encoded
                archive = zipfile.ZipFile(io.BytesIO(binascii.unhexlify(value)))
                value = "\n".join(archive.read(n).decode("utf-8") for n in archive.namelist())
            return clean(value, work) if isinstance(value, str) else value
        frame[column] = frame[column].map(one)
    return frame


def frames(store: Path, out: Path, work: Path) -> None:
    import geopandas as gpd
    import pandas as pd
    import pyogrio

    out.mkdir()
    for name, _geometry_type in pyogrio.list_layers(store):
        frame = pyogrio.read_dataframe(store, layer=name)
        frame = frame.drop(columns=[c for c in MOMENTS if c in frame.columns])
        if isinstance(frame, gpd.GeoDataFrame) and frame.geometry.name in frame:
            frame = pd.DataFrame(frame.assign(**{frame.geometry.name: frame.geometry.to_wkb()}))
        masked(frame, work).to_pickle(out / f"{name}.pkl")
    with sqlite3.connect(store) as db:  # tables the GeoPackage keeps beside its layers
        names = [row[0] for row in db.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'gpkg%' "
            "AND name NOT LIKE 'rtree%' AND name NOT LIKE 'sqlite%'")]
        for name in names:
            if not (out / f"{name}.pkl").exists():
                frame = pd.read_sql(f'SELECT * FROM "{name}"', db)
                frame = frame.drop(columns=[c for c in MOMENTS if c in frame.columns])
                masked(frame, work).to_pickle(out / f"{name}.pkl")


def compare(old: Path, new: Path) -> int:
    import pandas as pd

    mine = {p.relative_to(old) for p in old.rglob("*") if p.is_file()}
    theirs = {p.relative_to(new) for p in new.rglob("*") if p.is_file()}
    problems = [f"only in {old}: {p}" for p in sorted(mine - theirs)]
    problems += [f"only in {new}: {p}" for p in sorted(theirs - mine)]
    for path in sorted(mine & theirs):
        a, b = old / path, new / path
        if path.suffix == ".pkl":
            try:
                pd.testing.assert_frame_equal(pd.read_pickle(a), pd.read_pickle(b))
            except AssertionError as exc:
                problems.append(f"{path}: {str(exc).splitlines()[0]}")
        elif a.read_bytes() != b.read_bytes():
            problems.append(f"{path}: the bytes differ")
    for line in problems:
        print(line)
    print(f"{len(mine & theirs)} files compared, {len(problems)} differences", file=sys.stderr)
    return 1 if problems else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("record").add_argument("out", type=Path)
    both = commands.add_parser("compare")
    both.add_argument("old", type=Path)
    both.add_argument("new", type=Path)
    args = parser.parse_args()
    if args.command == "record":
        record(args.out)
        return 0
    return compare(args.old, args.new)


if __name__ == "__main__":
    sys.exit(main())
