"""``qonys propose`` tells what it needs and what it left out (issue 13): candidate sites,
``--time-limit``, the proposals not printed, and no HiGHS banner on the console."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Point, box

from layers.store import open_store
from planning.cli.app import build_parser, main
from planning.cli.commands import propose as cli_plan
from planning.cli.options import UsageError
from planning.norms import load_norms

ROOT = Path(__file__).resolve().parents[1]


def _python(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, check=True, env={"PYTHONPATH": str(ROOT), "PATH": ""})
    return done.stdout


@pytest.mark.slow
def test_highs_banner_stays_out_of_the_output():
    # A bare highspy.Highs() prints the banner on the C stdout of a fresh process ...
    bare = _python("import highspy; print('before'); highspy.Highs(); print('after')")
    assert "Running HiGHS" in bare
    # ... the project's constructor does not, for the first instance or any later one.
    quiet = _python("import highspy; from planning.provision.assignment import quiet_highs\n"
                    "print('before'); h = quiet_highs(highspy); h2 = quiet_highs(highspy)\n"
                    "print('after', h.getOptionValue('output_flag')[1])")
    assert quiet.split() == ["before", "after", "False"]


def test_time_limit_reaches_the_siting(monkeypatch, tmp_path):
    args = build_parser().parse_args(["propose", "--scenario", "baseline", "--time-limit",
                                      "90"])
    assert args.time_limit == 90.0
    for bad in ("0", "-5", "soon", "inf"):
        with pytest.raises(SystemExit):
            build_parser().parse_args(["propose", "--scenario", "baseline", "--time-limit",
                                       bad])
    seen = {}

    def fake(store, scenario, **options):
        seen.update(options)
        raise UsageError("stop here")

    monkeypatch.setattr("planning.cli.pipeline_plan.run_propose", fake)
    store = tmp_path / "ws.gpkg"
    with open_store(store) as opened:
        opened.write_layers({"units": gpd.GeoDataFrame(
            {"unit_id": ["u1"]}, geometry=[box(0, 0, 1, 1)], crs=4326)})
    assert main(["propose", "--scenario", "baseline", "--time-limit", "90", "--store",
                 str(store), "--lang", "en"]) == 2
    assert seen["time_limit"] == 90.0


def test_without_candidate_sites_it_says_how_to_make_them(tmp_path, english):
    store = tmp_path / "ws.gpkg"
    with open_store(store) as opened:
        opened.write_layers({"units": gpd.GeoDataFrame(
            {"unit_id": ["u1"]}, geometry=[box(0, 0, 1, 1)], crs=4326)})
        text = cli_plan._no_sites_text(opened)
        assert "no candidate sites" in text
        assert "qonys load sites.gpkg --kind candidate_sites" in text
        assert "grid" not in text  # no grid in this workspace to offer
        opened.write_layers({"grid_almaty_r9": gpd.GeoDataFrame(
            {"h3": ["89"], "unit_id": ["89"], "parent_unit_id": ["u1"]},
            geometry=[box(0, 0, 0.1, 0.1)], crs=4326)})
        text = cli_plan._no_sites_text(opened)
        assert ("qonys export grid_almaty_r9 --to cells.gpkg, then qonys load cells.gpkg "
                "--kind candidate_sites --map h3=site_id --map parent_unit_id=unit_id "
                "--points") in text
        opened.write_layers({"candidate_sites": gpd.GeoDataFrame(
            {"site_id": ["s1"]}, geometry=[Point(0.5, 0.5)], crs=4326)})
        assert cli_plan._no_sites_text(opened) == ""


def test_grid_cells_become_candidate_sites_by_the_proposed_commands(tmp_path, capsys):
    store = tmp_path / "ws.gpkg"
    cells = gpd.GeoDataFrame({"h3": ["c1", "c2"], "unit_id": ["c1", "c2"],
                              "parent_unit_id": ["u1", "u2"]},
                             geometry=[box(76.90, 43.20, 76.91, 43.21),
                                       box(76.91, 43.20, 76.92, 43.21)], crs=4326)
    with open_store(store) as opened:
        opened.write_layers({"grid_almaty_r9": cells})
    out = tmp_path / "cells.gpkg"
    assert main(["export", "grid_almaty_r9", "--to", str(out), "--store", str(store)]) == 0
    assert main(["load", str(out), "--kind", "candidate_sites", "--map", "h3=site_id",
                 "--map", "parent_unit_id=unit_id", "--points", "--store", str(store),
                 "--lang", "en"]) == 0
    sites = gpd.read_file(store, layer="candidate_sites")
    assert sites["site_id"].tolist() == ["c1", "c2"]
    assert sites["unit_id"].tolist() == ["u1", "u2"]
    # A square's representative point lies inside it.
    assert all(c.contains(p) for c, p in zip(cells.geometry, sites.geometry, strict=True))
    assert "2 polygons or lines replaced by a point inside each" in capsys.readouterr().out


def _run_stub():
    return SimpleNamespace(scenario=SimpleNamespace(name="s1"), norms=load_norms())


def test_console_says_how_many_proposals_it_did_not_print(capsys, english):
    # 13 facilities and 2 utility expansions without a phasing plan: 10 printed, 5 not.
    facilities = gpd.GeoDataFrame(
        {"proposal_id": [f"F{i:03d}" for i in range(1, 14)], "cost_tenge": 1e9,
         "explanation_en": [f"school {i}" for i in range(1, 14)]},
        geometry=[Point(0, 0)] * 13, crs=4326)
    utilities = pd.DataFrame({"proposal_id": ["U001", "U002"], "cost_tenge": 2e9,
                              "explanation_en": ["heat", "water"]})
    proposals = SimpleNamespace(facilities=facilities, utilities=utilities, phasing=None,
                                horizon=2030, unsited=(("almaty", "schools", 1200.0),))
    cli_plan._print_proposals(_run_stub(), proposals, "ws.gpkg", name="s1")
    out = capsys.readouterr().out
    assert "F010: school 10" in out and "F011" not in out
    assert ("… and 5 more: see layers proposals_s1_facilities, proposals_s1_utilities"
            in out)
    # the region by its title, the deficit in the network's unit
    assert "no candidate site in their region (no new facility proposed): Almaty " \
           "agglomeration: schools 1,200 places" in out
