"""What the report reads: a workspace without what a forecast needs still gets its report."""

from __future__ import annotations

import geopandas as gpd
import pytest
from shapely.geometry import box

from geo.errors import LayerNotFoundError
from layers.store import open_store
from planning.cli.pipeline import forecast_unstored
from planning.norms import load_norms
from planning.report.inputs import read_inputs


@pytest.fixture
def readiness_only(tmp_path) -> str:
    """A workspace holding readiness results and nothing else (no units, no roads)."""
    path = str(tmp_path / "w.gpkg")
    units = gpd.GeoDataFrame({"unit_id": ["u1"], "region": ["almaty"], "pop_year": [2024]},
                             geometry=[box(76.9, 43.2, 77.0, 43.3)], crs="EPSG:4326")
    with open_store(path) as store:
        store.write_layers({"readiness_units": units})
    return path


def test_default_forecast_gives_way_with_its_reason(readiness_only, english) -> None:
    with open_store(readiness_only) as store:
        inputs = read_inputs(store, norms=load_norms(), forecaster=forecast_unstored)
    # a 2024 count is rolled forward to the base year readiness uses, 2025 (workspace_base_year)
    assert inputs.year == 2025 and inputs.forecast is None
    assert "units" in inputs.forecast_problem  # the layer a forecast needs first
    assert inputs.gap is None and inputs.flows is None and inputs.cells == {}


def test_a_named_scenario_must_work(readiness_only, english) -> None:
    with open_store(readiness_only) as store:
        with pytest.raises(LayerNotFoundError, match="units"):
            read_inputs(store, norms=load_norms(), scenario="baseline",
                        forecaster=forecast_unstored)
        with pytest.raises(LayerNotFoundError, match="--compare baseline"):
            read_inputs(store, norms=load_norms(), compare="baseline",
                        forecaster=forecast_unstored)


def test_the_report_reads_and_never_forecasts(readiness_only, english) -> None:
    """Without the command line's forecaster, a scenario not run is said, never computed."""
    with open_store(readiness_only) as store:
        inputs = read_inputs(store, norms=load_norms())
        assert inputs.forecast is None
        assert "'baseline' has not been run" in inputs.forecast_problem
        assert f"qonys scenario run baseline --store {store.location}" in inputs.forecast_problem
        with pytest.raises(LayerNotFoundError, match="has not been run"):
            read_inputs(store, norms=load_norms(), scenario="baseline")


def test_no_readiness_no_report(tmp_path, english) -> None:
    with open_store(str(tmp_path / "empty.gpkg")) as store:
        store.write_layers({"other": gpd.GeoDataFrame(
            {"a": [1]}, geometry=[box(0, 0, 1, 1)], crs="EPSG:4326")})
        with pytest.raises(LayerNotFoundError, match="readiness_units"):
            read_inputs(store, norms=load_norms())
