"""The population raster reader, on small rasters whose answers are worked out by hand."""

from __future__ import annotations

import hashlib
import shutil
import sys
from pathlib import Path

import numpy as np
import pytest
from affine import Affine

from geo import i18n
from geo.errors import CRSError, InputFileError, MissingDependencyError
from layers import read_raster
from layers.read_raster import read_population_raster
from layers.validate import problems

rasterio = pytest.importorskip("rasterio")

DATA = Path(__file__).resolve().parent / "data"
NO_CRS = DATA / "bad" / "raster_no_crs.tif"
UTM43 = "EPSG:32643"
ORIGIN = Affine(100.0, 0.0, 600_000.0, 0.0, -100.0, 4_800_000.0)  # 100 m cells, north-up
NAN = np.nan



def write(path: Path, values, *, crs=UTM43, transform=ORIGIN, nodata=None, **options) -> Path:
    values = np.asarray(values)
    height, width = values.shape
    profile = {"driver": "GTiff", "width": width, "height": height, "count": 1,
               "dtype": values.dtype.name, "nodata": nodata, **options}
    if crs is not None:
        profile["crs"] = crs
    if transform is not None:
        profile["transform"] = transform
    with rasterio.open(path, "w", **profile) as dst:
        dst.write(values, 1)
    return path


def test_hand_raster_gives_points_at_cell_centres(tmp_path):
    """3 rows × 4 columns, nodata -1, 100 m cells from x 600000, y 4800000 (UTM 43N).

    values              kept (persons > 0, not NaN, not -1)
    0     12.5  -1   3      r0c1 12.5, r0c3 3
    NaN   7     0    1.5    r1c1 7,    r1c3 1.5
    2     0     100  -1     r2c0 2,    r2c2 100        total 126.0 persons, 6 points

    centre x = 600000 + 100 (col + 0.5): 600050, 600150, 600250, 600350 for cols 0..3;
    centre y = 4800000 - 100 (row + 0.5): 4799950, 4799850, 4799750 for rows 0..2.
    """
    values = np.array([[0, 12.5, -1, 3], [NAN, 7, 0, 1.5], [2, 0, 100, -1]], dtype="float32")
    path = write(tmp_path / "pop.tif", values, nodata=-1)

    data = read_population_raster(path)

    frame = data.frame
    assert list(frame["point_id"]) == ["r0c1", "r0c3", "r1c1", "r1c3", "r2c0", "r2c2"]
    assert list(frame["persons"]) == [12.5, 3.0, 7.0, 1.5, 2.0, 100.0]
    assert list(frame.geometry.x) == [600150, 600350, 600150, 600350, 600050, 600250]
    assert list(frame.geometry.y) == [4799950, 4799950, 4799850, 4799850, 4799750, 4799750]
    assert frame.crs.to_epsg() == 32643
    assert data.crs_found == "EPSG:32643"
    assert data.kind_hint == "population_grid"
    assert data.source == str(path)
    assert data.checksum == hashlib.sha256(path.read_bytes()).hexdigest()
    assert data.problems == []
    assert any("126.0" in note for note in data.notes)
    # The frame fits the catalogue's population_grid kind as it is.
    assert problems(frame, "population_grid") == []


def test_total_note_in_english(tmp_path, english):
    path = write(tmp_path / "pop.tif", np.array([[1.25, 0], [0, 2.5]], dtype="float64"))
    notes = read_population_raster(path).notes
    assert notes == ["band 1: 2 populated cell(s), 3.8 persons in total (cell 100 × 100 in the "
                     "CRS's units)"]  # 1.25 + 2.5 = 3.75, written with one decimal: 3.8


def test_integer_band_with_nodata(tmp_path):
    """uint16 with nodata 65535: 0 and 65535 are empty; 5 and 7 are kept (12 persons)."""
    values = np.array([[5, 65535], [0, 7]], dtype="uint16")
    data = read_population_raster(write(tmp_path / "int.tif", values, nodata=65535))
    assert list(data.frame["point_id"]) == ["r0c0", "r1c1"]
    assert list(data.frame["persons"]) == [5.0, 7.0]
    assert data.frame["persons"].dtype == np.float64


def test_no_crs_raises_with_the_file_and_the_fix(english):
    with pytest.raises(CRSError) as caught:
        read_population_raster(NO_CRS)
    message = str(caught.value)
    assert str(NO_CRS) in message
    assert "--crs EPSG:" in message
    assert f"gdal_edit.py -a_srs EPSG:4326 {NO_CRS}" in message


def test_no_crs_message_in_russian():
    before = i18n.current_language()
    i18n.set_language("ru")
    try:
        with pytest.raises(CRSError, match="не указана система координат") as caught:
            read_population_raster(NO_CRS)
    finally:
        i18n.set_language(before)
    assert str(NO_CRS) in str(caught.value)


def test_no_crs_reads_with_a_given_crs(english):
    """tests/data/make_bad_rasters.py: 0.01° cells from lon 76.90, lat 43.30.

    0    1.5  2    0
    3    0    4.5  5        7 cells, 1.5 + 2 + 3 + 4.5 + 5 + 6 + 7 = 29 persons
    0    6    0    7
    r0c1 centre: lon 76.90 + 0.015 = 76.915, lat 43.30 - 0.005 = 43.295.
    """
    data = read_population_raster(NO_CRS, crs="EPSG:4326")
    frame = data.frame
    assert len(frame) == 7
    assert frame["persons"].sum() == 29.0
    assert frame["point_id"].iloc[0] == "r0c1"
    assert frame.geometry.iloc[0].x == pytest.approx(76.915, abs=1e-12)
    assert frame.geometry.iloc[0].y == pytest.approx(43.295, abs=1e-12)
    assert frame.crs.to_epsg() == 4326
    assert data.crs_found is None  # the file declared none
    assert "the file declares no CRS; the given EPSG:4326 was used" in data.notes
    assert data.problems == []


def test_the_committed_no_crs_file_is_what_the_script_writes(tmp_path):
    sys.path.insert(0, str(DATA))
    try:
        import make_bad_rasters
    finally:
        sys.path.remove(str(DATA))
    fresh = make_bad_rasters.write_no_crs(tmp_path / "again.tif")
    assert fresh.read_bytes() == NO_CRS.read_bytes()


def test_a_given_crs_different_from_the_file_wins_with_a_warning(tmp_path, english):
    path = write(tmp_path / "pop.tif", np.array([[1.0]], dtype="float32"))
    data = read_population_raster(path, crs="EPSG:32642")
    assert data.frame.crs.to_epsg() == 32642
    assert data.crs_found == "EPSG:32643"
    [warning] = data.problems
    assert warning.severity == "warning"
    assert "EPSG:32643" in warning.value and "EPSG:32642" in warning.value
    # The same CRS as the file's is no news.
    assert read_population_raster(path, crs="EPSG:32643").problems == []


def test_an_unknown_crs_is_a_crs_error(tmp_path):
    path = write(tmp_path / "pop.tif", np.array([[1.0]], dtype="float32"))
    with pytest.raises(CRSError, match="EPSG:99999999"):
        read_population_raster(path, crs="EPSG:99999999")


def test_a_crs_without_code_is_found_as_wkt(tmp_path):
    """A Gauss-Krüger zone 13 on Krassowsky without a datum has no EPSG code of its own.

    pyproj's low-confidence guess would call it Beijing 1954 (DESIGN.md, known traps): the
    reader keeps the WKT instead of any code.
    """
    legacy = ("+proj=tmerc +lat_0=0 +lon_0=75 +k=1 +x_0=13500000 +y_0=0 +ellps=krass "
              "+units=m +no_defs")
    transform = Affine(100.0, 0.0, 13_540_000.0, 0.0, -100.0, 4_790_000.0)
    path = write(tmp_path / "gk.tif", np.array([[1.0]], dtype="float32"), crs=legacy,
                 transform=transform)
    data = read_population_raster(path)
    assert not data.crs_found.startswith("EPSG:")
    assert "Krassovsky" in data.crs_found
    assert data.frame.geometry.iloc[0].x == 13_540_050.0


def test_negative_cells_are_one_error_problem(tmp_path, english):
    """int16, nodata -9999:

    -5   2   -9999        negatives: r0c0 -5, r1c0 -1, r1c2 -7 → 3 cells, smallest -7
    -1   0   -7           kept: r0c1 (2 persons) only
    """
    values = np.array([[-5, 2, -9999], [-1, 0, -7]], dtype="int16")
    path = write(tmp_path / "neg.tif", values, nodata=-9999)
    data = read_population_raster(path)
    assert list(data.frame["point_id"]) == ["r0c1"]
    [problem] = data.problems
    assert problem.is_error
    assert problem.layer == str(path)
    assert problem.column == "persons"
    assert problem.value.startswith("3 cell(s) with a negative number of persons (smallest -7)")
    assert "r0c0, r1c0, r1c2" in problem.value
    assert f"gdal_edit.py -a_nodata -7 {path}" in problem.fix


def test_negative_cells_listed_are_the_first_five_in_row_order(tmp_path):
    """A tiled raster (2 tiles side by side) with -1 in every cell of row 0 and row 17.

    32 + 32 negative cells; the first five in row order are r0c0 … r0c4, although the tiles
    are read one after the other.
    """
    values = np.ones((32, 32), dtype="float32")
    values[0, :] = -1
    values[17, :] = -2
    path = write(tmp_path / "neg.tif", values, tiled=True, blockxsize=16, blockysize=32)
    [problem] = read_population_raster(path).problems
    assert problem.value.startswith("64 ")
    assert "r0c0, r0c1, r0c2, r0c3, r0c4 " in problem.value
    assert "-2" in problem.value


def test_scale_and_offset_of_the_band_apply(tmp_path):
    """Stored 2 and 4 with scale 0.5 and offset 1: persons 2 and 3."""
    path = tmp_path / "scaled.tif"
    with rasterio.open(path, "w", driver="GTiff", width=2, height=1, count=1, dtype="uint8",
                       crs=UTM43, transform=ORIGIN) as dst:
        dst.write(np.array([[2, 4]], dtype="uint8"), 1)
        dst.scales = (0.5,)
        dst.offsets = (1.0,)
    data = read_population_raster(path)
    assert list(data.frame["persons"]) == [2.0, 3.0]


def test_blockwise_equals_the_whole_band(tmp_path, monkeypatch):
    """16 rows × 32 columns in 16 × 16 tiles: 2 blocks side by side, so reading block by block
    visits r0c16 before r1c0. The expected points come from the whole band read at once and
    numpy's nonzero (row-major), independently of the reader's windows."""
    rng = np.random.default_rng(7)
    values = rng.integers(0, 4, size=(16, 32)).astype("float32")  # about a quarter are 0
    values[rng.random((16, 32)) < 0.1] = -200.0  # nodata
    path = write(tmp_path / "tiles.tif", values, nodata=-200, tiled=True, blockxsize=16,
                 blockysize=16)

    with rasterio.open(path) as src:
        assert len(list(src.block_windows(1))) == 2
        assert len(list(read_raster._windows(src, 1, read_raster._MAX_WINDOW_CELLS))) == 2
        whole = src.read(1)
    rows, cols = np.nonzero(whole > 0)
    expected_ids = [f"r{r}c{c}" for r, c in zip(rows, cols, strict=True)]
    expected_x = 600_000 + 100 * (cols + 0.5)

    data = read_population_raster(path)
    assert list(data.frame["point_id"]) == expected_ids
    assert list(data.frame["persons"]) == list(whole[rows, cols].astype(float))
    assert list(data.frame.geometry.x) == list(expected_x)

    # Blocks cut into windows of 3 rows (50 cells // 16 columns) give the same answer.
    monkeypatch.setattr(read_raster, "_MAX_WINDOW_CELLS", 50)
    with rasterio.open(path) as src:
        windows = list(read_raster._windows(src, 1, read_raster._MAX_WINDOW_CELLS))
    assert len(windows) == 2 * 6  # 16 rows per block: 3+3+3+3+3+1
    assert max(w.height * w.width for w in windows) == 48
    again = read_population_raster(path)
    assert again.frame.equals(data.frame)


def test_a_raster_with_no_populated_cell_gives_an_empty_frame(tmp_path):
    data = read_population_raster(write(tmp_path / "zero.tif", np.zeros((2, 2), "float32")))
    assert len(data.frame) == 0
    assert list(data.frame.columns) == ["point_id", "persons", "geometry"]
    assert data.frame.crs.to_epsg() == 32643


def test_a_text_file_named_tif_is_an_input_file_error(tmp_path):
    path = tmp_path / "population.tif"
    # Not a table of numbers either: GDAL reads "x,y,z" lines as an XYZ grid.
    path.write_text("Population of Talgar district, 2023\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="not recognized") as caught:
        read_population_raster(path)
    assert str(path) in str(caught.value)


def test_a_truncated_geotiff_is_an_input_file_error(tmp_path):
    values = np.arange(256 * 256, dtype="float32").reshape(256, 256)
    whole = write(tmp_path / "whole.tif", values, tiled=True, blockxsize=64, blockysize=64,
                  compress="deflate")
    cut = tmp_path / "cut.tif"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    with pytest.raises(InputFileError) as caught:
        read_population_raster(cut)
    assert str(cut) in str(caught.value)
    assert "IReadBlock failed" in str(caught.value)  # GDAL's reason, not only rasterio's


def test_a_missing_file_is_an_input_file_error(tmp_path):
    with pytest.raises(InputFileError, match=r"absent\.tif"):
        read_population_raster(tmp_path / "absent.tif")


def test_a_missing_band_is_an_input_file_error(tmp_path, english):
    path = write(tmp_path / "pop.tif", np.ones((1, 1), "float32"))
    with pytest.raises(InputFileError, match="has no band 2: it has 1 band"):
        read_population_raster(path, band=2)


def test_a_rotated_raster_is_not_supported(tmp_path, english):
    rotated = Affine(100.0, 10.0, 600_000.0, 10.0, -100.0, 4_800_000.0)
    path = write(tmp_path / "rot.tif", np.ones((2, 2), "float32"), transform=rotated)
    with pytest.raises(InputFileError, match="rotated or sheared") as caught:
        read_population_raster(path)
    assert str(path) in str(caught.value)


def test_a_raster_without_geotransform_is_not_georeferenced(tmp_path, english):
    path = tmp_path / "pixels.tif"
    with pytest.warns(rasterio.errors.NotGeoreferencedWarning):
        write(path, np.ones((2, 2), "float32"), crs=None, transform=None)
    with pytest.raises(InputFileError, match="not georeferenced"):
        read_population_raster(path)


def test_without_rasterio_the_error_says_how_to_install(monkeypatch, tmp_path):
    copy = shutil.copy(NO_CRS, tmp_path / "x.tif")
    monkeypatch.setitem(sys.modules, "rasterio", None)  # import rasterio now raises ImportError
    with pytest.raises(MissingDependencyError, match=r"pip install 'qonys\[raster\]'"):
        read_population_raster(copy)


def sparse(path: Path, size: int) -> Path:
    """A tiled GeoTIFF of ``size`` × ``size`` cells with no tile written: a few hundred bytes
    on disk, as a hostile or mistaken file can be."""
    profile = {"driver": "GTiff", "width": size, "height": size, "count": 1, "dtype": "float32",
               "crs": UTM43, "transform": ORIGIN, "tiled": True, "blockxsize": 4096,
               "blockysize": 4096, "sparse_ok": True, "compress": "deflate", "BIGTIFF": "YES"}
    with rasterio.open(path, "w", **profile):
        pass
    return path


@pytest.mark.parametrize("size", [100_000, 1_000_000])
def test_a_huge_band_is_refused_before_a_cell_is_read(tmp_path, english, size):
    import time

    path = sparse(tmp_path / "huge.tif", size)
    assert path.stat().st_size < 10_000_000
    started = time.monotonic()
    with pytest.raises(InputFileError) as caught:
        read_population_raster(path)
    assert time.monotonic() - started < 5
    text = str(caught.value)
    assert f"{size} × {size} = {size * size:.3g} cells" in text
    assert "the limit is 2e+09" in text and "gdal_translate -projwin" in text


def test_a_band_just_under_the_limit_is_read(tmp_path, monkeypatch):
    monkeypatch.setenv("QONYS_RASTER_MAX_CELLS", "12")
    path = write(tmp_path / "r.tif", np.ones((3, 4), dtype="float32"))
    assert len(read_population_raster(path).frame) == 12
    monkeypatch.setenv("QONYS_RASTER_MAX_CELLS", "11")
    with pytest.raises(InputFileError, match="4 × 3"):
        read_population_raster(path)


def test_too_many_populated_cells_stop_the_read(tmp_path, monkeypatch, english):
    path = write(tmp_path / "r.tif", np.ones((5, 5), dtype="float32"))
    monkeypatch.setenv("QONYS_RASTER_MAX_POINTS", "25")
    assert len(read_population_raster(path).frame) == 25  # at the limit: read
    monkeypatch.setenv("QONYS_RASTER_MAX_POINTS", "24")
    with pytest.raises(InputFileError, match="more than 24 populated cells"):
        read_population_raster(path)
    monkeypatch.setenv("QONYS_RASTER_MAX_POINTS", "lots")
    with pytest.raises(InputFileError, match="QONYS_RASTER_MAX_POINTS=lots is not a number"):
        read_population_raster(path)
