"""A report of 20,000 H3 cells stays under 5 MB and its geometry comes back where h3 puts it.

Size is a deterministic count of bytes, so it is a test; load time is measured by
``bench/report.py``.
"""

from __future__ import annotations

import geopandas as gpd
import h3
import numpy as np
import pytest
from shapely.geometry import Polygon

from maps.report import Report
from maps.runtime import map_configs
from planning.norms import load_norms
from planning.report.readiness import CELL_READINESS_BREAKS, readiness_map

ALMATY = (43.24, 76.95)
CELLS = 20_000


@pytest.fixture(scope="module")
def cells() -> gpd.GeoDataFrame:
    """20,000 res-9 cells around Almaty, with the columns of a scored cell layer."""
    ids = []
    for ring in range(200):
        ids += sorted(h3.grid_ring(h3.latlng_to_cell(*ALMATY, 9), ring))
        if len(ids) >= CELLS:
            break
    ids = ids[:CELLS]
    rng = np.random.default_rng(6)
    networks = np.array(["heat", "water", "schools", "transport", "none"])
    frame = {
        "unit_id": ids, "name_ru": ids, "name_kk": ids, "name_en": ids,
        "pop_registered": rng.integers(0, 900, CELLS),
        "pop_actual": rng.integers(0, 1000, CELLS),
        "readiness_actual": np.round(rng.normal(100, 600, CELLS), 1),
        "readiness_registered": np.round(rng.normal(120, 600, CELLS), 1),
        "bottleneck_actual": networks[rng.integers(0, 5, CELLS)],
        "bottleneck_registered": networks[rng.integers(0, 5, CELLS)],
    }
    polygons = [Polygon([(lng, lat) for lat, lng in h3.cell_to_boundary(c)]) for c in ids]
    return gpd.GeoDataFrame(frame, geometry=polygons, crs="EPSG:4326")


@pytest.mark.slow
def test_twenty_thousand_cells_stay_under_five_megabytes(cells: gpd.GeoDataFrame) -> None:
    report = Report("cells", lang="ru")
    report.add_map(readiness_map(cells, norms=load_norms(), lang="ru", schematic=True,
                                 breaks=CELL_READINESS_BREAKS, cell_map=True))
    page = report.to_html().encode("utf-8")
    assert len(page) < 5_000_000
    (config,) = map_configs(page.decode("utf-8")).values()
    # four layers (readiness and bottleneck, two bases) over one copy of the geometry
    assert len(config["layers"]) == 4 and len(config["shapes"]) == 1
    assert all(len(layer["k"]) == CELLS for layer in config["layers"])
    # The first cell decoded by hand lands on h3's own corners within a step and the
    # simplification tolerance (1/20,000 of the extent): a hexagon keeps its six corners.
    x0, y0, step = config["grid"]
    geometry = config["shapes"][0][0]
    flat = np.cumsum(np.asarray(geometry[1][0]).reshape(-1, 2), axis=0)
    decoded = np.column_stack([x0 + flat[:, 0] * step, y0 + flat[:, 1] * step])
    corners = np.array([(lng, lat) for lat, lng in h3.cell_to_boundary(cells["unit_id"][0])])
    assert decoded.shape == corners.shape == (6, 2)
    (south, west), (north, east) = config["bounds"]
    tolerance = max(north - south, east - west) / 20_000 + step
    assert np.abs(decoded - corners).max() <= tolerance
