"""The house's plan, checked: which floor and which room may import which.

Every import is read from the source (``ast``), those made inside functions and under
``TYPE_CHECKING`` included, and the graph is checked with networkx:

- the packages import one way: ``geo`` nothing of ours; ``layers`` and ``maps`` only ``geo``;
  ``planning`` any of them (``geo`` ← ``layers`` ← ``planning`` → ``maps`` → ``geo``);
- inside ``planning``, a room imports only rooms of a lower rank (:data:`RANKS`);
- no module imports itself back through any chain (no circle);
- nothing imports another room's module whose name starts with ``_``.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import networkx as nx
import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("geo", "layers", "planning", "maps")
#: What each package may import of ours.
ALLOWED = {"geo": {"geo"}, "layers": {"geo", "layers"}, "maps": {"geo", "maps"},
           "planning": set(PACKAGES)}
#: Rooms of planning/ (and its loose modules) by floor: one imports only lower numbers.
RANKS = {
    "planning.vocabulary": 0, "planning.exports": 0,
    "planning.notices": 1, "planning.norms": 1,
    "planning.network": 2,
    "planning.provision": 3, "planning.population": 3,
    "planning.forecast": 4, "planning.centres": 4,
    "planning.proposals": 5,
    "planning.workspace": 6,
    "planning.report": 7,
    "planning.cli": 8,
}


def module_files(root: Path = ROOT) -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            name = ".".join(path.relative_to(root).with_suffix("").parts)
            found[name.removesuffix(".__init__")] = path
    return found


def import_graph(root: Path = ROOT) -> nx.DiGraph:
    """Module → module it imports (of ours), each edge with the line that imports."""
    modules = module_files(root)
    graph = nx.DiGraph()
    for name, path in modules.items():
        graph.add_node(name)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                continue
            for target in targets:
                if target in modules and target != name:
                    graph.add_edge(name, target, line=f"{path.relative_to(root)}:{node.lineno}")
    return graph


def room(module: str) -> str | None:
    """The room of a planning module (``planning.forecast.model`` → ``planning.forecast``)."""
    parts = module.split(".")
    if parts[0] != "planning" or len(parts) == 1:
        return None
    return ".".join(parts[:2])


def broken_rules(graph: nx.DiGraph) -> list[str]:
    problems = []
    for source, target, data in graph.edges(data=True):
        where = data["line"]
        if target.split(".")[0] not in ALLOWED[source.split(".")[0]]:
            problems.append(f"{where}: {source} imports {target} (a floor above it)")
        rooms = room(source), room(target)
        if None not in rooms and rooms[0] != rooms[1]:
            if rooms[1] not in RANKS or rooms[0] not in RANKS:
                problems.append(f"{where}: {rooms} not ranked in RANKS")
            elif RANKS[rooms[1]] >= RANKS[rooms[0]]:
                problems.append(f"{where}: {rooms[0]} imports {target}, of a room not below it")
            if target.split(".")[-1].startswith("_"):
                problems.append(f"{where}: {source} imports {target}, another room's private "
                                "module")
    for cycle in nx.simple_cycles(graph):
        problems.append("import circle: " + " → ".join([*cycle, cycle[0]]))
    return problems


def test_the_house_keeps_its_plan() -> None:
    assert broken_rules(import_graph()) == []


def test_every_room_is_ranked() -> None:
    rooms = {room(m) for m in module_files() if room(m)} - {"planning.__main__"}
    assert rooms == set(RANKS)


@pytest.mark.parametrize(("source", "target", "broken"), [
    ("layers.x", "planning.y", "a floor above it"),
    ("maps.x", "layers.y", "a floor above it"),
    ("planning.provision.x", "planning.report.y", "not below it"),
    ("planning.report.x", "planning.forecast._y", "private module"),
])
def test_the_check_sees_a_broken_rule(source, target, broken) -> None:
    graph = nx.DiGraph()
    graph.add_edge(source, target, line="here:1")
    assert any(broken in problem for problem in broken_rules(graph))


def test_the_check_sees_a_circle_made_inside_a_function(tmp_path) -> None:
    for package in PACKAGES:
        (tmp_path / package).mkdir()
    (tmp_path / "layers" / "a.py").write_text("from layers.b import x\n")
    (tmp_path / "layers" / "b.py").write_text("def f():\n    from layers.a import y\n")
    assert broken_rules(import_graph(tmp_path)) in (
        ["import circle: layers.a → layers.b → layers.a"],
        ["import circle: layers.b → layers.a → layers.b"])  # networkx starts where it likes


def test_layers_alone_class_by_quantiles_and_planning_gives_the_reports() -> None:
    """The floor below asks the report for its classes only through the name planning gave;
    without it a layer's style is the one layers gives any graduated column, by quantiles."""
    import geopandas as gpd
    from shapely.geometry import box

    import planning  # noqa: F401  (names the report's classes)
    from layers import styles, styles_report

    values = np.arange(1.0, 11.0) * 10_000
    frame = gpd.GeoDataFrame({"readiness_actual": values},
                             geometry=[box(i, 0, i + 1, 1) for i in range(10)], crs="EPSG:4326")

    def uppers(style) -> list[float]:
        return [float(x) for x in re.findall(r'<range [^>]*upper="([^"]+)"', style.qml)]

    spec = styles_report._REPORT_CLASSES
    try:
        styles_report.use_report_classes(None)
        assert styles_report.report_classes(values, column="readiness_actual") is None
        alone = styles.style_for(frame, layer="readiness_units", kind="units")
        # numpy's linear quantiles of 10,000..100,000 at 0.2 .. 1, worked by hand: 10,000 (1 + 9q)
        assert uppers(alone) == pytest.approx([28_000, 46_000, 64_000, 82_000, 100_000])
        assert '<classificationMethod id="Quantile"' in alone.qml
    finally:
        styles_report.use_report_classes(spec)
    bounds, _, _ = styles_report.report_classes(values, column="headroom")
    assert bounds[1:-1] == [-50_000.0, -10_000.0, 0.0, 10_000.0, 50_000.0]  # READINESS_BREAKS
    reported = styles.style_for(frame, layer="readiness_units", kind="units")
    assert uppers(reported)[:5] == [-50_000.0, -10_000.0, 0.0, 10_000.0, 50_000.0]
