"""The registration stream: a hand-counted case across two partitions, equal in memory and on
Dask (synchronous, threaded and a LocalCluster), Parquet and CSV, the refusals, and the CLI."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from planning.population.flow_problems import FlowDataError
from planning.population.flows import flows_from_registrations
from planning.population.places import known_places
from planning.population.registration_stream import parse_size, read_registration_stream

pytest.importorskip("dask")
pytest.importorskip("pyarrow")

# Two districts of Almaty (KATO of data/demo/units_2023.csv); 190000000 Almaty Region and
# 710000000 Astana are oblasts of data/reference/places.csv; RUS and UZB are countries there.
ALMALY, ALATAU = "751110000", "751210000"
UNITS = pd.DataFrame({"unit_id": [ALMALY, ALATAU], "lon": [76.9088, 76.8348],
                      "lat": [43.2522, 43.2988]})
COLUMNS = ["record_id", "date", "origin_id", "dest_id", "flow_kind"]
JANUARY = [("r1", "2024-01-10", "190000000", ALMALY, None),     # stream row 1
           ("r2", "2024-01-11", ALMALY, ALATAU, None),           # 2
           ("r3", "12.01.2024", "RUS", ALMALY, None),            # 3 external
           ("r4", "2024-01-13", "XX", ALMALY, None)]             # 4 unknown origin
FEBRUARY = [("r2", "2024-01-11", ALMALY, ALATAU, None),          # 5 = row 2, other partition
            ("r5", "2024-02-01", "710000000", ALMALY, "external"),  # 6 contradicts: internal
            ("r6", "2024-02-02", ALATAU, "UZB", None),           # 7 external
            ("r7", "2024-02-03", "190000000", ALMALY, None)]     # 8


@pytest.fixture
def known():
    return known_places(UNITS)


def _write(folder, parts, kind="parquet"):
    for name, rows in parts.items():
        path = folder / f"{name}/part-0.{kind}"
        path.parent.mkdir(parents=True, exist_ok=True)
        frame = pd.DataFrame(rows, columns=COLUMNS)
        if kind == "parquet":
            frame.to_parquet(path, index=False)
        else:
            frame.to_csv(path, index=False)
    return folder


@pytest.fixture
def stream(tmp_path):
    return _write(tmp_path / "stream", {"date=2024-01": JANUARY, "date=2024-02": FEBRUARY})


def _equal(a, b):
    for name in ("flows", "duplicates", "unknown", "conflicts"):
        pd.testing.assert_frame_equal(getattr(a.check, name), getattr(b.check, name),
                                      check_dtype=False, obj=name)
    assert (a.check.records, a.check.used) == (b.check.records, b.check.used)
    pd.testing.assert_frame_equal(a.files, b.files)


def _hand_counted(result):
    check = result.check
    flows = {(r.origin_id, r.dest_id, r.year, r.flow_kind): r.persons
             for r in check.flows.itertuples()}
    assert flows == {("190000000", ALMALY, 2024, "internal"): 2.0,   # rows 1 and 8
                     (ALMALY, ALATAU, 2024, "internal"): 1.0,        # row 5 counted once
                     ("RUS", ALMALY, 2024, "external"): 1.0,
                     ("710000000", ALMALY, 2024, "external"): 1.0,   # the given kind kept
                     (ALATAU, "UZB", 2024, "external"): 1.0}
    assert (check.records, check.used) == (8, 6)
    assert check.duplicates[["row", "first_row", "record_id", "file", "file_row"]].values.tolist() \
        == [[5, 2, "r2", "date=2024-02/part-0.parquet", 1]]
    assert check.unknown.values.tolist() == [["XX", "origin_id", 1, (4,)]]
    assert check.conflicts[["row", "flow_kind", "derived", "file_row"]].values.tolist() == [
        [6, "external", "internal", 2]]
    assert result.files.values.tolist() == [["date=2024-01/part-0.parquet", 1, 4],
                                            ["date=2024-02/part-0.parquet", 5, 4]]


def test_hand_counted_stream_equal_in_memory_and_on_dask(stream, known):
    memory = read_registration_stream(stream, known=known, memory_limit_bytes=10**9)
    dask = read_registration_stream(stream, known=known, memory_limit_bytes=0,
                                    scheduler="synchronous")
    assert (memory.path_taken, dask.path_taken) == ("memory", "dask")
    _hand_counted(memory)
    _hand_counted(dask)
    _equal(memory, dask)
    threads = read_registration_stream(stream, known=known, memory_limit_bytes=0,
                                       scheduler="threads")
    _equal(memory, threads)


def test_hashes_spilled_to_a_folder_or_held_in_memory_give_one_answer(stream, known, tmp_path,
                                                                       monkeypatch):
    from planning.population import stream_dask

    memory = read_registration_stream(stream, known=known, memory_limit_bytes=10**9)
    spill = tmp_path / "shared"
    spill.mkdir()
    monkeypatch.setenv(stream_dask.SPILL_ENV, str(spill))
    seen = []
    real_save = stream_dask.np.save
    monkeypatch.setattr(stream_dask.np, "save", lambda path, part: (seen.append(path),
                                                                    real_save(path, part)))
    spilled = read_registration_stream(stream, known=known, memory_limit_bytes=0,
                                       scheduler="synchronous")
    _hand_counted(spilled)
    _equal(memory, spilled)
    assert seen and all(str(path).startswith(str(spill)) for path in seen)
    assert list(spill.iterdir()) == []  # the hashes are removed with their folder
    with stream_dask._spill_folder("tcp://10.0.0.5:8786") as remote:
        assert remote is not None  # QONYS_DASK_SPILL_DIR names a folder every worker sees
    monkeypatch.delenv(stream_dask.SPILL_ENV)
    with stream_dask._spill_folder("tcp://10.0.0.5:8786") as remote:
        assert remote is None  # a remote cluster's disks are unknown: hashes stay in memory
    with stream_dask._spill_folder("tcp://127.0.0.1:8786") as local:
        assert local is not None


def test_stream_equals_the_records_counted_at_once(stream, known):
    records = pd.DataFrame(JANUARY + FEBRUARY, columns=COLUMNS)
    direct = flows_from_registrations(records, known=known, layer="stream")
    memory = read_registration_stream(stream, known=known, memory_limit_bytes=10**9)
    pd.testing.assert_frame_equal(direct.flows, memory.check.flows)
    pd.testing.assert_frame_equal(direct.unknown, memory.check.unknown)


def test_csv_stream_as_parquet(tmp_path, known, stream):
    csv = _write(tmp_path / "csv", {"2024-01": JANUARY, "2024-02": FEBRUARY}, kind="csv")
    memory = read_registration_stream(csv, known=known, memory_limit_bytes=10**9)
    dask = read_registration_stream(csv, known=known, memory_limit_bytes=0,
                                    scheduler="synchronous")
    _equal(memory, dask)
    parquet = read_registration_stream(stream, known=known, memory_limit_bytes=0,
                                       scheduler="synchronous")
    pd.testing.assert_frame_equal(memory.check.flows.drop(columns="source"),
                                  parquet.check.flows.drop(columns="source"), check_dtype=False)
    assert memory.check.duplicates["file"].tolist() == ["2024-02/part-0.csv"]


def _random_stream(folder, rng, *, months=6, per_month=3000, with_ids=True):
    codes = np.array([ALMALY, ALATAU, "190000000", "710000000", "750000000", "RUS", "UZB",
                      "XX"])
    weights = np.array([20, 20, 15, 15, 15, 6, 6, 3], float)
    earlier = None
    for month in range(months):
        n = per_month
        day = rng.integers(1, 28, n)
        frame = pd.DataFrame({
            "record_id": [f"m{month}-{i}" for i in range(n)],
            "date": [f"2023-{month + 1:02d}-{d:02d}" for d in day],
            "origin_id": rng.choice(codes, n, p=weights / weights.sum()),
            "dest_id": rng.choice(codes, n, p=weights / weights.sum()),
            "flow_kind": rng.choice(np.array([None, "internal", "external"], object), n,
                                    p=[0.9, 0.05, 0.05])})
        if not with_ids:
            frame = frame.drop(columns="record_id")
        if earlier is not None:  # 2 % repeat records of the month before
            frame.iloc[: n // 50] = earlier.iloc[: n // 50].to_numpy()
        frame.iloc[n // 2: n // 2 + 30] = frame.iloc[n // 2 - 30: n // 2].to_numpy()
        earlier = frame
        path = folder / f"date=2023-{month + 1:02d}" / "part-0.parquet"
        path.parent.mkdir(parents=True)
        frame.to_parquet(path, index=False, row_group_size=1000)
    return folder


@pytest.mark.parametrize("with_ids", [True, False])
def test_random_stream_equal_in_memory_and_on_dask(tmp_path, known, monkeypatch, with_ids):
    from planning.population import stream_parts

    monkeypatch.setattr(stream_parts, "ROWS_PER_PIECE", 1500)  # two batches a file
    monkeypatch.setattr(stream_parts, "ROWS_PER_CHUNK", 400)  # chunks across row groups
    folder = _random_stream(tmp_path / "s", np.random.default_rng(7), with_ids=with_ids)
    memory = read_registration_stream(folder, known=known, memory_limit_bytes=10**10)
    dask = read_registration_stream(folder, known=known, memory_limit_bytes=0,
                                    scheduler="threads")
    _equal(memory, dask)
    assert len(memory.check.duplicates) >= 5 * 60 + 6 * 30 - 10  # across and within months
    assert (memory.check.duplicates["file"] != memory.check.duplicates["file"].shift()).any()


@pytest.mark.parametrize("kind", ["parquet", "csv"])
def test_chunks_are_the_file_read_whole_a_few_rows_at_a_time(tmp_path, known, kind):
    from planning.population.stream_parts import _chunks, pieces_of, stream_files

    folder = _random_stream(tmp_path / "s", np.random.default_rng(5), months=2)
    if kind == "csv":
        for path in folder.rglob("*.parquet"):
            pd.read_parquet(path).to_csv(path.with_suffix(".csv"), index=False)
            path.unlink()
    files = stream_files(folder)
    (piece, *_rest) = pieces_of(files, folder, kind)
    whole = (pd.read_parquet(files[0]) if kind == "parquet"
             else pd.read_csv(files[0], dtype=str)).astype(object)
    whole.index = pd.RangeIndex(1, len(whole) + 1, name="source_row")
    chunks = list(_chunks(piece, rows=700))
    assert [len(c) for c in chunks] == [700, 700, 700, 700, 200]  # 3000 rows of the month
    pd.testing.assert_frame_equal(pd.concat(chunks).astype(object), whole)


def test_dask_passes_hold_one_chunk_at_a_time(tmp_path, known, monkeypatch):
    from planning.population import stream_dask, stream_parts

    monkeypatch.setattr(stream_parts, "ROWS_PER_CHUNK", 500)
    held = []
    prepare = stream_dask._prepare
    monkeypatch.setattr(stream_dask, "_prepare", lambda raw, *a: (held.append(len(raw)),
                                                                  prepare(raw, *a))[1])
    folder = _random_stream(tmp_path / "s", np.random.default_rng(11), months=2)
    memory = read_registration_stream(folder, known=known, memory_limit_bytes=10**10)
    dask = read_registration_stream(folder, known=known, memory_limit_bytes=0,
                                    scheduler="synchronous")
    _equal(memory, dask)
    assert held == [500] * 24  # 2 files of 3000 rows, 6 chunks each, in both passes


def test_bad_values_in_chunks_of_csv_named_as_read_whole(tmp_path, known, english, monkeypatch):
    from planning.population import stream_parts

    bad = [("r9", "2024-02-30", ALMALY, ALATAU, None), ("r10", "2024-02-01", None, ALATAU,
                                                         "sideways"), *FEBRUARY,
           ("r11", "2024-02-31", ALMALY, ALATAU, None)]
    folder = _write(tmp_path / "s", {"2024-01": JANUARY, "2024-02": bad}, kind="csv")
    errors = []
    for limit, chunk in ((10**9, None), (0, 2)):
        if chunk:
            monkeypatch.setattr(stream_parts, "ROWS_PER_CHUNK", chunk)
        with pytest.raises(FlowDataError) as caught:
            read_registration_stream(folder, known=known, memory_limit_bytes=limit,
                                     scheduler="synchronous")
        errors.append(caught.value)
    assert str(errors[0]) == str(errors[1])
    assert [(p.layer, p.column, p.rows) for p in errors[1].problems] == [
        ("2024-02/part-0.csv", "date", (1,)), ("2024-02/part-0.csv", "date", (7,)),
        ("2024-02/part-0.csv", "origin_id", (2,)), ("2024-02/part-0.csv", "flow_kind", (2,))]


def test_local_cluster_equal_in_memory(stream, known):
    distributed = pytest.importorskip("distributed")
    memory = read_registration_stream(stream, known=known, memory_limit_bytes=10**9)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        dask = read_registration_stream(stream, known=known, memory_limit_bytes=0,
                                        scheduler=client)
    assert dask.scheduler.startswith("Client")
    _equal(memory, dask)


@pytest.mark.slow
def test_local_cluster_of_processes_equal_in_memory(tmp_path, known):
    distributed = pytest.importorskip("distributed")
    folder = _random_stream(tmp_path / "s", np.random.default_rng(3))
    memory = read_registration_stream(folder, known=known, memory_limit_bytes=10**10)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        dask = read_registration_stream(folder, known=known, memory_limit_bytes=0,
                                        scheduler=client.scheduler.address)
    _equal(memory, dask)


def test_bad_values_named_by_file_and_equal_on_both_paths(tmp_path, known, english):
    bad = [("r9", "2024-02-30", ALMALY, ALATAU, None), ("r10", "2024-02-01", None, ALATAU,
                                                         "sideways")]
    folder = _write(tmp_path / "s", {"2024-01": JANUARY, "2024-02": [*bad, *FEBRUARY]})
    errors = []
    for limit in (10**9, 0):
        with pytest.raises(FlowDataError) as caught:
            read_registration_stream(folder, known=known, memory_limit_bytes=limit,
                                     scheduler="synchronous")
        errors.append(caught.value)
    assert errors[0].problems == errors[1].problems
    assert str(errors[0]) == str(errors[1])
    assert [(p.layer, p.column, p.rows) for p in errors[0].problems] == [
        ("2024-02/part-0.parquet", "date", (1,)), ("2024-02/part-0.parquet", "origin_id", (2,)),
        ("2024-02/part-0.parquet", "flow_kind", (2,))]
    assert "2024-02-30" in str(errors[0]) and "YYYY-MM-DD" in str(errors[0])


def test_missing_column_mixed_schemas_and_unreadable_file_collected(tmp_path, known, english):
    folder = _write(tmp_path / "s", {"a": JANUARY})
    pd.DataFrame(FEBRUARY, columns=COLUMNS).drop(columns="dest_id").to_parquet(
        folder / "b.parquet")
    pd.DataFrame(FEBRUARY, columns=COLUMNS).assign(extra=1).to_parquet(folder / "c.parquet")
    (folder / "d.parquet").write_bytes(b"not a parquet file")
    with pytest.raises(FlowDataError) as caught:
        read_registration_stream(folder, known=known, memory_limit_bytes=0,
                                 scheduler="synchronous")
    found = {(p.layer, p.column) for p in caught.value.problems}
    assert found == {("b.parquet", "dest_id"), ("c.parquet", None), ("d.parquet", None)}
    text = str(caught.value)
    assert "Add the column 'dest_id'" in text and "extra" in text and "cannot be read" in text


def test_parse_size():
    assert parse_size("2GB") == 2 * 10**9 and parse_size("1.5 GiB") == 3 * 2**29
    assert parse_size(123) == 123
    with pytest.raises(FlowDataError):
        parse_size("lots")


@pytest.fixture
def almaty(tmp_path):
    import geopandas as gpd
    import shapely

    from layers.store import open_store

    path = tmp_path / "ws.gpkg"
    units = gpd.GeoDataFrame({"unit_id": [ALMALY, ALATAU]},
                             geometry=[shapely.box(76.88, 43.23, 76.93, 43.27),
                                       shapely.box(76.80, 43.27, 76.86, 43.32)], crs="EPSG:4326")
    with open_store(path) as store:
        store.write_layers({"units": units})
    return path


def test_cli_stream_in_memory_and_on_dask(stream, almaty, capsys, english, monkeypatch):
    from layers.store import open_store
    from planning.cli.app import main

    outputs = []
    for limit, scheduler in (("1GB", []), ("0", ["--scheduler", "synchronous"])):
        assert main(["--lang", "en", "flows", "--store", str(almaty), "--stream", str(stream),
                     "--memory-limit", limit, *scheduler]) == 0
        outputs.append(capsys.readouterr().out)
        with open_store(almaty) as store:
            flows = store.read_layer("flows_from_registrations")
        assert flows["persons"].sum() == 6.0
    assert "read in memory" in outputs[0] and "read through Dask (synchronous)" in outputs[1]
    for text in outputs:
        assert "8 rows read, 6 used" in text and "Unknown code 'XX'" in text
    monkeypatch.setenv("QONYS_DASK_SCHEDULER", "threads")
    assert main(["--lang", "en", "flows", "--store", str(almaty), "--stream", str(stream),
                 "--memory-limit", "0"]) == 0
    assert "read through Dask (threads)" in capsys.readouterr().out


def test_cli_failed_stream_leaves_the_store(tmp_path, almaty, capsys, english):
    from planning.cli.app import main

    folder = _write(tmp_path / "bad", {"a": [*JANUARY, ("r9", "someday", ALMALY, ALATAU, None)]})
    before = almaty.read_bytes()
    assert main(["--lang", "en", "flows", "--store", str(almaty), "--stream", str(folder),
                 "--memory-limit", "0", "--scheduler", "synchronous"]) == 2
    error = capsys.readouterr().err
    assert "a/part-0.parquet, column date, rows 5" in error and "someday" in error
    assert almaty.read_bytes() == before


@pytest.mark.slow
def test_default_scheduler_is_a_local_cluster_of_processes(stream, known, monkeypatch):
    pytest.importorskip("distributed")
    monkeypatch.delenv("QONYS_DASK_SCHEDULER", raising=False)
    memory = read_registration_stream(stream, known=known, memory_limit_bytes=10**9)
    dask = read_registration_stream(stream, known=known, memory_limit_bytes=0)
    assert dask.scheduler.startswith("LocalCluster")
    _equal(memory, dask)
