"""The QGIS project in the GeoPackage, opened by QGIS itself (Debian's python3-qgis).

The expected classes are the report's, computed here by the report's own functions on the same
data (maps.classify with planning.report.readiness.READINESS_BREAKS and maps.palettes.diverging
for readiness and headroom; planning.report.common.symmetric_classes and the report's
LOAD_COLORS for the gap), not by layers.styles; QGIS's ranges, colours, labels and the class it
gives every feature must equal them. Skipped without python3-qgis outside CI (see
tests/conftest.py; QONYS_REQUIRE_QGIS=1 under CI=true makes it required).
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import zipfile
from io import BytesIO
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from conftest import hidden, need
from shapely.geometry import box
from test_styles import QGIS_PYTHON, write

from geo.i18n import _, set_language
from geo.regions import region_label
from layers.qgis_project import PROJECT_NAME
from layers.store import open_store
from maps.classify import classify
from maps.palettes import diverging
from planning.report.common import symmetric_classes
from planning.report.flows import LOAD_COLORS
from planning.report.readiness import READINESS_BREAKS

REGIONS = ["almaty"] * 4 + ["astana"] * 3


def units() -> gpd.GeoDataFrame:
    """Seven units in two regions; readiness from a deficit of 70 000 to room for 60 000."""
    n = len(REGIONS)
    return gpd.GeoDataFrame({
        "unit_id": [f"u{i}" for i in range(n)],
        "name_ru": [f"Район {i}" for i in range(n)], "name_kk": [f"Аудан {i}" for i in range(n)],
        "name_en": [f"District {i}" for i in range(n)], "region": REGIONS,
        "pop_actual": np.arange(1, n + 1) * 10_000.0,
        "readiness_actual": [-70_000.0, -20_000, -5_000, 0, 3_000, 20_000, 60_000],
        "headroom_heat_actual": [-12_000.0, -1_000, 500, 8_000, 9_000, 30_000, 45_000],
        "headroom_schools_actual": [-60_000.0, -30_000, -11_000, -2_000, 1, 2, 3],
    }, geometry=[box(76.9 + i * 0.01, 43.2, 76.909 + i * 0.01, 43.209) for i in range(n)],
        crs="EPSG:4326")


def gap() -> gpd.GeoDataFrame:
    frame = units()[["unit_id", "name_ru", "name_kk", "name_en", "region", "geometry"]]
    return frame.assign(pop_registered=10_000.0,
                        pop_gap=[-300.0, 0, 150, 1_500, 2_500, -900, 40],
                        pop_gap_share=[-0.03, 0, 0.015, 0.15, 0.25, -0.09, 0.004])


QGIS_SCRIPT = r"""
import json, sys
from qgis.core import QgsApplication, QgsProject, QgsLayerTreeGroup, QgsLayerTreeLayer
app = QgsApplication([], False)
app.initQgis()
project = QgsProject.instance()
answer = {"read": project.read(sys.argv[1]), "groups": {}, "layers": {}}
def walk(group, path):
    for child in group.children():
        if isinstance(child, QgsLayerTreeGroup):
            answer["groups"][" / ".join(path + [child.name()])] = [
                c.layerId() for c in child.children() if isinstance(c, QgsLayerTreeLayer)]
            walk(child, path + [child.name()])
walk(project.layerTreeRoot(), [])
for layer_id, layer in project.mapLayers().items():
    renderer = layer.renderer()
    labeling = layer.labeling()
    found = {"valid": layer.isValid(), "name": layer.name(), "subset": layer.subsetString(),
             "type": renderer.type() if renderer else None,
             "labels": layer.labelsEnabled(),
             "label_field": labeling.settings().fieldName if labeling else None,
             "aliases": {f.name(): layer.attributeAlias(i)
                         for i, f in enumerate(layer.fields())}}
    if found["type"] == "graduatedSymbol":
        attr = renderer.classAttribute()
        found["attr"] = attr
        found["ranges"] = [[r.lowerValue(), r.upperValue(), r.label(),
                            r.symbol().color().name()] for r in renderer.ranges()]
        found["features"] = [[f["unit_id"], f[attr]] for f in layer.getFeatures()]
    answer["layers"][layer_id] = found
print("ANSWER " + json.dumps(answer), flush=True)
project.clear()
app.exitQgis()
"""


def open_in_qgis(uri: str) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    probe = subprocess.run([QGIS_PYTHON, "-c", "import qgis.core"], env=env,
                           capture_output=True, check=False) \
        if Path(QGIS_PYTHON).exists() and not hidden("QGIS") else None
    if probe is None or probe.returncode != 0:
        need("QGIS", "QGIS tests need Debian's python3-qgis: "
                     "apt-get install --no-install-recommends python3-qgis")
    done = subprocess.run([QGIS_PYTHON, "-c", QGIS_SCRIPT, uri], env=env, capture_output=True,
                          text=True, check=False, timeout=600)
    lines = [line for line in done.stdout.splitlines() if line.startswith("ANSWER ")]
    assert done.returncode == 0 and lines, done.stderr
    return json.loads(lines[-1].removeprefix("ANSWER "))


@pytest.fixture
def workspace(tmp_path: Path):
    set_language("ru")
    path = tmp_path / "ws.gpkg"
    with open_store(path) as store:
        write(store, readiness_units=(units(), "units"), population_gap=(gap(), "units"))
    return path


def test_the_project_is_a_zipped_qgs_in_qgis_projects(workspace: Path) -> None:
    with sqlite3.connect(workspace) as database:
        rows = database.execute("SELECT name, metadata, content FROM qgis_projects").fetchall()
    assert [row[0] for row in rows] == [PROJECT_NAME]
    assert json.loads(rows[0][1])["last_modified_user"] == "qonys"
    archive = zipfile.ZipFile(BytesIO(bytes.fromhex(rows[0][2])))  # QGIS stores it as hex
    assert archive.namelist() == [f"{PROJECT_NAME}.qgs"]
    assert archive.read(f"{PROJECT_NAME}.qgs").startswith(b"<!DOCTYPE qgis")


def expected(column: str, values: pd.Series) -> tuple[list[float], list[str], list[str],
                                                       pd.Series]:
    """The report's classes of ``values``: inner breaks, colours, labels, class of each."""
    if column == "pop_gap":
        classes, fmt = symmetric_classes(values)
        colors = list(LOAD_COLORS)
    else:
        classes, fmt = classify(values, scheme="user", breaks=READINESS_BREAKS), "{:,.0f}"
        colors = diverging("RdBu", len(READINESS_BREAKS) + 1)
    return (classes.bins[:-1], [c.lower() for c in colors[:classes.k]],
            classes.labels("ru", fmt), classes.assign(values))


def qgis_class(ranges: list, value: float) -> int:
    """The range QGIS draws ``value`` in: the first with lower <= value <= upper."""
    return next(i for i, (low, high, *__) in enumerate(ranges) if low <= value <= high)


@pytest.mark.slow
def test_qgis_opens_the_project_with_the_reports_classes_groups_and_labels(
        workspace: Path) -> None:
    answer = open_in_qgis(f"geopackage:{workspace}?projectName={PROJECT_NAME}")
    assert answer["read"]
    layers = answer["layers"]
    assert layers and all(layer["valid"] for layer in layers.values())
    names = {layer_id: layer["name"] for layer_id, layer in layers.items()}
    data = {"readiness_units": units(), "population_gap": gap()}
    for region in ("almaty", "astana"):
        group = _("Region: {region}", lang="ru", region=region_label(region, "ru"))
        inside = [names[i] for i in answer["groups"][group]]
        assert inside == [_("Readiness", lang="ru"),
                          _("Gap", lang="ru")]
        said_networks = _("Headroom by network", lang="ru")
        networks = answer["groups"][f"{group} / {said_networks}"]
        assert [names[i] for i in networks] == [_("heat", lang="ru"),
                                                _("schools", lang="ru")]
        shown = answer["groups"][group] + networks
        for layer_id in shown:
            layer = layers[layer_id]
            assert layer["subset"] == f"\"region\" = '{region}'"
            assert layer["type"] == "graduatedSymbol"
            assert layer["labels"] and layer["label_field"] == "name_ru"
            table = "population_gap" if layer["attr"] == "pop_gap" else "readiness_units"
            frame = data[table]
            breaks, colors, labels, classes = expected(layer["attr"], frame[layer["attr"]])
            ranges = layer["ranges"]
            assert [r[1] for r in ranges[:-1]] == breaks
            assert [r[3] for r in ranges] == colors
            assert [r[2] for r in ranges] == labels
            # every feature of the region in the class the report gives it
            by_id = dict(zip(frame["unit_id"], classes, strict=True))
            features = layer["features"]
            assert sorted(f[0] for f in features) == sorted(
                frame.loc[frame["region"] == region, "unit_id"])
            assert all(qgis_class(ranges, value) == by_id[unit] for unit, value in features)
            assert layer["aliases"]["name_kk"] == "Название (kk)"
        readiness = layers[answer["groups"][group][0]]
        assert readiness["aliases"]["readiness_actual"] == _(
            "Can take ({basis})", lang="ru", basis=_("actual", lang="ru"))
