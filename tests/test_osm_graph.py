"""Graphs from OSM files against answers by hand and against networkx.

The hand-drawn extract near Almaty is written here as OSM XML, and as PBF by pyosmium. Lengths
for the hand answers are straight lines in UTM 43N (pyproj), the CRS the graph is built in;
osmnx's own graph (its great-circle ``length``) is a second, independent answer, within the
0.4 % by which a sphere and UTM 43N disagree on lengths at 43°N (meridian and prime-vertical
radii of WGS 84 against 6,371,009 m: -0.09 % and +0.27 %; UTM scale -0.01 %).
The real PBF is checked against a networkx graph built here from the lines' coordinates.
"""

from __future__ import annotations

import math
import sys
import time

import geopandas as gpd
import networkx as nx
import numpy as np
import osmium
import osmnx
import pytest
import shapely
from pyproj import Transformer

from geo.errors import CRSError, InputFileError, MissingDependencyError
from layers.read_osm import read_osm
from planning.network.graph import (
    DEFAULT_SPEED_KMH,
    HIGHWAY_SPEED_KMH,
    NOT_DRIVABLE,
    GraphError,
    build_graph,
)
from planning.network.osm import graph_from_osm, roads_from_osm
from planning.network.travel import nearest, reach_pairs

WALK = 4.5
UTM43 = 32643
# id: (lon, lat). A diamond A-B-D / A-C-D, a one-way D->E with a detour E-G-D back, two
# parallel ways D-H, and a one-way street I->J that touches nothing else.
NODES = {
    "A": (1, 76.900, 43.200), "B": (2, 76.905, 43.205), "C": (3, 76.904, 43.195),
    "D": (4, 76.910, 43.200), "E": (5, 76.915, 43.200), "G": (6, 76.9125, 43.204),
    "H": (7, 76.910, 43.190), "I": (10, 76.950, 43.250), "J": (11, 76.952, 43.250),
}
# way id: (nodes, tags). Driving speeds by hand: 101 maxspeed 80; 102 residential, class 30;
# 103 tertiary, class 40, drawn E->D with oneway=-1 so traffic runs D->E; 104 maxspeed=walk is
# no number, so residential 30; 105 "30 mph" = 30 x 1.609344 = 48.28032; 106 KZ:urban = 60,
# faster than its parallel 105 although a service road; 107 a footway (walk only); 108 a
# one-way street off the network. 301 (a building) and 302 (a pedestrian area) are not roads.
WAYS = {
    101: ("ABD", {"highway": "secondary", "maxspeed": "80"}),
    102: ("ACD", {"highway": "residential"}),
    103: ("ED", {"highway": "tertiary", "oneway": "-1"}),
    104: ("EGD", {"highway": "residential", "maxspeed": "walk"}),
    105: ("DH", {"highway": "tertiary", "maxspeed": "30 mph"}),
    106: ("DH", {"highway": "service", "maxspeed": "KZ:urban"}),
    107: ("AD", {"highway": "footway"}),
    108: ("IJ", {"highway": "residential", "oneway": "yes"}),
    301: ("BCB", {"building": "yes"}),
    302: ("BCHB", {"highway": "pedestrian", "area": "yes"}),
}
DRIVE_KMH = {101: 80.0, 102: 30.0, 103: 40.0, 104: 30.0, 105: 48.28032, 106: 60.0, 108: 30.0}
MAIN = "ABCDEGH"  # the largest strongly connected component in both modes


def _xml(nodes: dict, ways: dict) -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<osm version="0.6" generator="test">']
    lines += [f'<node id="{i}" lat="{lat}" lon="{lon}" version="1"/>'
              for i, lon, lat in nodes.values()]
    for way_id, (refs, tags) in ways.items():
        lines.append(f'<way id="{way_id}" version="1">')
        lines += [f'<nd ref="{nodes[r][0]}"/>' for r in refs]
        lines += [f'<tag k="{k}" v="{v}"/>' for k, v in tags.items()]
        lines.append("</way>")
    return "\n".join([*lines, "</osm>"])


def _length(a: str, b: str) -> float:
    """Metres between two nodes in UTM 43N."""
    to_utm = Transformer.from_crs(4326, UTM43, always_xy=True)
    (x1, y1), (x2, y2) = (to_utm.transform(*NODES[n][1:]) for n in (a, b))
    return math.hypot(x2 - x1, y2 - y1)


def _minutes(metres: float, kmh: float) -> float:
    return metres / (kmh * 1000 / 60)



@pytest.fixture
def osm_file(tmp_path):
    path = tmp_path / "almaty.osm"
    path.write_text(_xml(NODES, WAYS), encoding="utf-8")
    return path


@pytest.fixture
def pbf_file(osm_file, tmp_path):
    path = tmp_path / "almaty.osm.pbf"
    with osmium.SimpleWriter(str(path)) as writer:
        for obj in osmium.FileProcessor(str(osm_file)):
            writer.add(obj)
    return path


def _nodes(graph, names: str) -> np.ndarray:
    """Graph node of each named OSM node, matched by coordinates."""
    points = gpd.GeoSeries([shapely.Point(NODES[n][1:]) for n in names], crs=4326)
    node, metres = graph.snap(points)
    assert metres.max() < 0.01
    return node


def _all_times(graph, names: str = MAIN) -> dict[tuple[str, str], float]:
    nodes = _nodes(graph, names)
    pairs = reach_pairs(graph, nodes, nodes, limit=np.inf)
    return {(names[o], names[t]): m for o, t, m in pairs.itertuples(index=False)}


def _osmnx_times(path, *, mode: str) -> dict[tuple[str, str], float]:
    """Shortest minutes on osmnx's own graph, by networkx, with the speeds of WAYS by hand."""
    g = osmnx.graph_from_xml(path, bidirectional=mode == "walk", simplify=False,
                             retain_all=True)
    kmh = {w: WALK for w in (*DRIVE_KMH, 107)} if mode == "walk" else DRIVE_KMH
    for u, v, key, data in list(g.edges(keys=True, data=True)):
        if data["osmid"] in kmh:
            data["minutes"] = _minutes(data["length"], kmh[data["osmid"]])
        else:
            g.remove_edge(u, v, key)
    name_of = {i: n for n, (i, _, _) in NODES.items()}
    found = {}
    for a in MAIN:
        lengths = nx.single_source_dijkstra_path_length(g, NODES[a][0], weight="minutes")
        found.update({(a, name_of[b]): m for b, m in lengths.items() if name_of[b] in MAIN})
    return found


def test_drive_times_by_hand(osm_file):
    graph = graph_from_osm(osm_file, mode="drive", walk_speed_kmh=WALK)
    got = _all_times(graph)
    ab, bd, ac, cd = _length("A", "B"), _length("B", "D"), _length("A", "C"), _length("C", "D")
    de, eg, gd, dh = _length("D", "E"), _length("E", "G"), _length("G", "D"), _length("D", "H")
    # A->D: by B at 80 (2 x 688 m = 1.03 min), not by C at 30 (about 2.7 min).
    assert _minutes(ab + bd, 80) < _minutes(ac + cd, 30)
    assert got["A", "D"] == pytest.approx(_minutes(ab + bd, 80), rel=1e-9)
    assert got["D", "A"] == pytest.approx(got["A", "D"], rel=1e-9)
    # B->C: B-A at 80 then A-C at 30, or B-D at 80 then D-C at 30 (C is nearer A).
    b_to_c = min(_minutes(ab, 80) + _minutes(ac, 30), _minutes(bd, 80) + _minutes(cd, 30))
    assert got["B", "C"] == pytest.approx(b_to_c, rel=1e-9)
    # One way: D->E directly (406 m at 40 = 0.61 min); E->D only round by G (977 m at 30).
    assert got["D", "E"] == pytest.approx(_minutes(de, 40), rel=1e-9)
    assert got["E", "D"] == pytest.approx(_minutes(eg + gd, 30), rel=1e-9)
    # Parallel ways D-H: the service road at KZ:urban 60 beats the tertiary at 30 mph.
    assert got["D", "H"] == pytest.approx(_minutes(dh, 60), rel=1e-9)
    assert got["H", "E"] == pytest.approx(_minutes(dh, 60) + _minutes(de, 40), rel=1e-9)
    # nearest() agrees: minutes from every node to D.
    to_d, _ = nearest(graph, _nodes(graph, "D"), direction="to")
    assert to_d[_nodes(graph, "E")[0]] == pytest.approx(_minutes(eg + gd, 30), rel=1e-9)
    # Kept: the 7 nodes of MAIN; edges: 4 diamond segments x 2 + D->E + 2 x 2 detour + D-H x 2.
    # I->J is one way, so I and J are components of one node each; I->J is dropped (162 m).
    report = graph.report
    assert (report.nodes, report.edges, report.components) == (7, 15, 3)
    assert report.dropped_nodes == 2
    assert report.dropped_km == pytest.approx(round(_length("I", "J") / 1000, 3), abs=1e-9)


def test_walk_times_by_hand(osm_file):
    graph = graph_from_osm(osm_file, mode="walk", walk_speed_kmh=WALK)
    got = _all_times(graph)
    # A->D on the footway (813 m at 75 m/min), shorter than by B (1376 m).
    assert got["A", "D"] == pytest.approx(_minutes(_length("A", "D"), WALK), rel=1e-9)
    # Walkers take the one-way street against its direction.
    assert got["E", "D"] == pytest.approx(_minutes(_length("D", "E"), WALK), rel=1e-9)
    # B->C by A: the pedestrian area (area=yes) and the building are not ways to walk.
    assert got["B", "C"] == pytest.approx(_minutes(_length("B", "A") + _length("A", "C"), WALK),
                                          rel=1e-9)
    assert graph.report.nodes == 7 and graph.report.dropped_nodes == 2


@pytest.mark.parametrize("mode", ["drive", "walk"])
def test_times_match_networkx_on_osmnx_graph(osm_file, mode):
    ours = _all_times(graph_from_osm(osm_file, mode=mode, walk_speed_kmh=WALK))
    theirs = _osmnx_times(osm_file, mode=mode)
    assert set(ours) == set(theirs) and len(ours) == len(MAIN) ** 2
    for pair, minutes in theirs.items():
        assert ours[pair] == pytest.approx(minutes, rel=4e-3), pair


@pytest.mark.parametrize("mode", ["drive", "walk"])
def test_pbf_through_osmium_gives_the_osm_times(osm_file, pbf_file, mode):
    from_xml = graph_from_osm(osm_file, mode=mode, walk_speed_kmh=WALK)
    from_pbf = graph_from_osm(pbf_file, mode=mode, walk_speed_kmh=WALK)
    assert from_pbf.report == from_xml.report
    xml_times, pbf_times = _all_times(from_xml), _all_times(from_pbf)
    assert set(pbf_times) == set(xml_times)
    for pair, minutes in xml_times.items():
        assert pbf_times[pair] == pytest.approx(minutes, rel=1e-9), pair


def test_roads_from_osm_columns(osm_file, pbf_file):
    xml = roads_from_osm(osm_file, mode="drive")
    # osmnx edges (segments), one per direction of travel: ways 301 and 302 are gone.
    assert set(xml["osm_way"]) == set(DRIVE_KMH) | {107}
    assert set(xml["oneway"]) == {"yes"} and xml.crs.to_epsg() == 4326
    one_way = xml[xml["osm_way"] == 103]
    assert len(one_way) == 1  # drawn E->D, oneway=-1: the edge runs D->E
    assert shapely.get_coordinates(one_way.geometry.iloc[0]).tolist() == [
        list(NODES["D"][1:]), list(NODES["E"][1:])]
    assert (xml["osm_way"] == 101).sum() == 4  # 2 segments x 2 directions
    pbf = roads_from_osm(pbf_file)
    assert sorted(pbf["osm_way"]) == sorted([*DRIVE_KMH, 107])
    for frame in (xml, pbf):
        speed = frame.groupby("osm_way")["speed_kmh"].first()
        assert speed[101] == 80 and speed[105] == pytest.approx(48.28032)
        assert speed[106] == 60 and math.isnan(speed[104]) and math.isnan(speed[102])
    assert dict(zip(pbf["osm_way"], pbf["oneway"], strict=True)) == {
        101: "no", 102: "no", 103: "yes", 104: "no", 105: "no", 106: "no", 107: "no",
        108: "yes"}
    # ways of the walk graph from osmnx with bidirectional: the one-way 103 both ways.
    assert (roads_from_osm(osm_file, mode="walk")["osm_way"] == 103).sum() == 2


def test_real_xml_samples_agree_with_pyosmium(shared_dir):
    """osmnx (through graph_from_osm) and pyosmium (read_osm) read the same real XML files.

    Neither sample has oneway=-1, a roundabout or a motorway (test_read_osm.py), where the
    two readers' implied one-way rules would differ.
    """
    samples = shared_dir / "geodata" / "osm-samples"
    for name, crs in (("West-Oakland.osm.bz2", 32610),
                      ("planet-sample-10.068_48.135_10.071_48.137.osm", 32632)):
        for mode in ("drive", "walk"):
            ours = graph_from_osm(samples / name, mode=mode, crs=crs, walk_speed_kmh=WALK)
            other = build_graph(read_osm(samples / name, kind="roads").frame, mode=mode,
                                crs=crs, walk_speed_kmh=WALK)
            assert ours.report == other.report and ours.n_nodes > 10
            np.testing.assert_allclose(ours.xy, other.xy, atol=1e-6)
            diff = abs(ours.matrix - other.matrix)
            assert diff.max() < 1e-9 and ours.matrix.nnz == other.matrix.nnz


@pytest.mark.slow
def test_real_pbf_drive_matches_networkx(shared_dir):
    path = shared_dir / "geodata" / "osm-samples" / "honduras-sample.osm.pbf"
    with pytest.raises(CRSError, match="honduras"):  # outside Kazakhstan: crs must be given
        graph_from_osm(path, mode="drive", walk_speed_kmh=WALK)
    crs = 32616  # UTM 16N: lon -87.65 to -87.00
    started = time.perf_counter()
    graph = graph_from_osm(path, mode="drive", crs=crs, walk_speed_kmh=WALK)
    build_seconds = time.perf_counter() - started
    # networkx built here from the lines' vertices, keyed by exact lon/lat (no rounding).
    lines = roads_from_osm(path)
    lines = lines[~lines["highway"].isin(NOT_DRIVABLE)]
    projected = lines.to_crs(crs)
    g = nx.DiGraph()
    for wgs, utm, highway, kmh, oneway in zip(lines.geometry, projected.geometry,
                                              lines["highway"], lines["speed_kmh"],
                                              lines["oneway"], strict=True):
        if not kmh > 0:
            kmh = HIGHWAY_SPEED_KMH.get(highway, DEFAULT_SPEED_KMH)
        keys = [tuple(c) for c in shapely.get_coordinates(wgs)]
        xy = shapely.get_coordinates(utm)
        for i in range(len(keys) - 1):
            minutes = _minutes(math.dist(xy[i], xy[i + 1]), kmh)
            pairs = [(keys[i], keys[i + 1])] + ([] if oneway == "yes"
                                                else [(keys[i + 1], keys[i])])
            for u, v in pairs:
                if u != v and minutes < g.get_edge_data(u, v, {}).get("w", np.inf):
                    g.add_edge(u, v, w=minutes)
    largest = max(nx.strongly_connected_components(g), key=len)
    assert graph.report.nodes == len(largest) > 50_000
    assert graph.report.dropped_nodes == g.number_of_nodes() - len(largest)
    assert graph.report.edges == g.subgraph(largest).number_of_edges()
    keys = sorted(largest)
    rng = np.random.default_rng(7)
    sources = [keys[i] for i in rng.choice(len(keys), 20, replace=False)]
    targets = [keys[i] for i in rng.choice(len(keys), 10, replace=False)]
    ours_of = {}
    for group in (sources, targets):
        points = gpd.GeoSeries(shapely.points(np.array(group)), crs=4326)
        node, metres = graph.snap(points)
        assert metres.max() < 0.01
        ours_of.update(zip(group, node, strict=True))
    pairs = reach_pairs(graph, np.array([ours_of[s] for s in sources]),
                        np.array([ours_of[t] for t in targets]), limit=np.inf)
    ours = {(o, t): m for o, t, m in pairs.itertuples(index=False)}
    assert len(ours) == 200  # every pair is reachable inside the component
    for i, source in enumerate(sources):
        theirs = nx.single_source_dijkstra_path_length(g, source, weight="w")
        for j, target in enumerate(targets):
            assert ours[i, j] == pytest.approx(theirs[target], abs=1e-6)
    assert build_seconds < 30, build_seconds


def test_errors_name_the_file_and_the_fix(tmp_path, english):
    missing = tmp_path / "nowhere.osm"
    with pytest.raises(InputFileError, match=r"nowhere\.osm does not exist"):
        graph_from_osm(missing, mode="drive", walk_speed_kmh=WALK)
    other = tmp_path / "roads.geojson"
    other.write_text("{}")
    with pytest.raises(InputFileError, match=r"roads\.geojson does not look like"):
        roads_from_osm(other)
    garbage = tmp_path / "garbage.osm"
    garbage.write_text("hello")
    with pytest.raises(InputFileError, match=r"garbage\.osm.*download it again"):
        roads_from_osm(garbage)
    kml = tmp_path / "kml.osm"
    kml.write_text('<?xml version="1.0"?><kml><Placemark/></kml>')
    with pytest.raises(InputFileError, match=r"kml\.osm holds no OpenStreetMap data"):
        roads_from_osm(kml)
    clipped = tmp_path / "clipped.osm"
    clipped.write_text(_xml({"A": NODES["A"], "B": NODES["B"]},
                            {1: ("AB", {"highway": "primary"})}).replace(
        '<nd ref="2"/>', '<nd ref="2"/><nd ref="99"/>'))
    with pytest.raises(InputFileError, match=r"clipped\.osm.*--strategy complete_ways"):
        roads_from_osm(clipped)
    paths = tmp_path / "paths.osm"
    paths.write_text(_xml(NODES, {107: WAYS[107], 301: WAYS[301]}))
    with pytest.raises(GraphError, match=r"paths\.osm has no road for 'drive'.*footway: 2"):
        graph_from_osm(paths, mode="drive", walk_speed_kmh=WALK)
    assert graph_from_osm(paths, mode="walk", walk_speed_kmh=WALK).n_nodes == 2
    with pytest.raises(GraphError, match="'cycle'"):
        roads_from_osm(paths, mode="cycle")


def test_missing_osmnx_names_the_extra(osm_file, monkeypatch):
    monkeypatch.setitem(sys.modules, "osmnx", None)  # makes `import osmnx` fail
    with pytest.raises(MissingDependencyError, match=r"qonys\[osm\]"):
        roads_from_osm(osm_file)
