"""Fixtures shared by the whole suite, and the one policy for tests that need outside things.

Outside CI, a test that needs PostGIS, a browser or ``../shared`` skips with a message that says
how to enable it. Under ``CI=true`` (or the ``QONYS_REQUIRE_*`` variables ``.ci/run`` sets) the
same test fails instead: in CI those tests must run, never skip.

``QONYS_TEST_HIDE=browser,postgis,qgis,gdal`` (any of them) makes this machine look like a fresh
one without those things: the lookups below find nothing, and so does the product's own lookup of
the browser (:func:`maps.pdf.find_chromium` honours ``QONYS_CHROMIUM`` first). ``.ci/run`` uses
it to prove that such tests skip rather than error where the things are absent.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
HIDDEN = frozenset(name.strip().upper() for name in os.environ.get("QONYS_TEST_HIDE", "").split(",")
                   if name.strip())
if "BROWSER" in HIDDEN:
    # A path that cannot exist, so that `qonys report --pdf` in a test fails as it would on a
    # machine without Chromium, although /usr/bin/chromium is on PATH.
    os.environ["QONYS_CHROMIUM"] = str(ROOT / "no-browser-QONYS_TEST_HIDE" / "chromium")
#: The browser the tests drive: the one the product would print with, else Debian's.
_BROWSER = os.environ.get("QONYS_CHROMIUM") or "/usr/bin/chromium"
CHROMIUM = Path(shutil.which(_BROWSER) or _BROWSER)


#: Tests that use one of these fixtures, or are marked ``browser`` or ``postgis``, are slow
#: (``pytest -m "not slow"`` leaves them out): the demo built once a session, a browser, PostGIS.
SLOW_FIXTURES = frozenset({"demo_workspace", "planned_demo", "demo_layers", "chromium_path",
                           "postgis_url"})


@pytest.hookimpl(tryfirst=True)  # before ``-m`` deselects by the marks
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    slow = pytest.mark.slow
    for item in items:
        if (SLOW_FIXTURES.intersection(getattr(item, "fixturenames", ()))
                or item.get_closest_marker("browser") or item.get_closest_marker("postgis")):
            item.add_marker(slow)


def hidden(name: str) -> bool:
    """Whether ``QONYS_TEST_HIDE`` asks to treat ``name`` (BROWSER, POSTGIS, QGIS, GDAL) as
    absent."""
    return name.upper() in HIDDEN


def _required(name: str) -> bool:
    return os.environ.get("CI") == "true" or os.environ.get(f"QONYS_REQUIRE_{name}") == "1"


def need(name: str, reason: str) -> None:
    """Skip (outside CI) or fail (in CI) the calling test because ``name`` is missing."""
    if _required(name):
        pytest.fail(f"{reason} (required under CI=true / QONYS_REQUIRE_{name}=1)")
    pytest.skip(reason)


@pytest.fixture
def english():
    """Messages in English, whatever QONYS_LANG says, so that a test can match their words."""
    from geo.i18n import current_language, set_language

    before = current_language()
    set_language("en")
    yield
    set_language(before)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` beside the project root, where the real test geodata lives."""
    if not (SHARED / "geodata").is_dir():
        need("SHARED", f"{SHARED} is absent: clone the project beside its shared/ folder")
    return SHARED


@pytest.fixture(scope="session")
def postgis_url() -> str:
    """URL of a PostgreSQL database with PostGIS, from ``QONYS_TEST_POSTGIS_URL``."""
    url = None if hidden("POSTGIS") else os.environ.get("QONYS_TEST_POSTGIS_URL")
    if not url:
        need(
            "POSTGIS",
            "PostGIS tests need QONYS_TEST_POSTGIS_URL, e.g. "
            "postgresql://postgres@127.0.0.1:5432/test with `CREATE EXTENSION postgis` done "
            "(`apt-get install postgresql-15-postgis-3`; .ci/run does it under CI=true)",
        )
    try:
        import sqlalchemy as sa

        engine = sa.create_engine(url)
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT postgis_version()"))
        engine.dispose()
    except Exception as exc:  # any failure to reach PostGIS is the same answer: not available
        need("POSTGIS", f"PostGIS at {url} is not usable: {exc}")
    return url


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    """Debian's Chromium, driven by playwright with ``executable_path`` (no browser download)."""
    if not CHROMIUM.exists():
        need("BROWSER", f"browser tests need Debian's chromium ({CHROMIUM} is absent): "
                        "apt-get install chromium, or set QONYS_CHROMIUM to a browser")
    return CHROMIUM


@pytest.fixture(scope="session")
def ogrinfo_path() -> str:
    """GDAL's ``ogrinfo`` command, an independent reader of the GeoPackage."""
    path = None if hidden("GDAL") else shutil.which("ogrinfo")
    if path is None:
        need("GDAL", "this test needs GDAL's ogrinfo: apt-get install gdal-bin")
    return path


def postgis_engine(url: str):  # -> (the sqlalchemy module, an Engine)
    """SQLAlchemy and an engine on ``url`` (psycopg 3), for tests that check PostGIS past the
    store."""
    import sqlalchemy as sa

    parsed = sa.engine.make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return sa, sa.create_engine(parsed)


def drop_postgis_schema(url: str, schema: str) -> None:
    """Drop a test's PostGIS schema and its rows in the shared ``layer_styles`` table (QGIS
    reads that table from the search path, so the store writes styles there)."""
    sa, engine = postgis_engine(url)
    try:
        with engine.begin() as conn:
            if conn.execute(sa.text("SELECT to_regclass('layer_styles')")).scalar() is not None:
                conn.execute(sa.text("DELETE FROM layer_styles WHERE f_table_schema = :schema"),
                             {"schema": schema})
            conn.execute(sa.schema.DropSchema(schema, cascade=True, if_exists=True))
    finally:
        engine.dispose()


@pytest.fixture(params=["gpkg", pytest.param("postgis", marks=pytest.mark.postgis)])
def location(request: pytest.FixtureRequest, tmp_path: Path):
    """A workspace that does not exist yet, in each store: a .gpkg path, or a PostGIS URL with a
    new schema (dropped after the test, with its rows of layer_styles)."""
    if request.param == "gpkg":
        yield str(tmp_path / "ws.gpkg")
        return
    import secrets

    url = request.getfixturevalue("postgis_url")
    schema = f"qonys_test_{secrets.token_hex(6)}"
    yield f"{url}{'&' if '?' in url else '?'}schema={schema}"
    drop_postgis_schema(url, schema)


@pytest.fixture()
def workspace(tmp_path: Path) -> Path:
    """A GeoPackage workspace holding one unit, ``kept``: a refused or failed load must leave it
    byte for byte as it was. Test files that need another workspace define their own."""
    import geopandas as gpd
    import shapely

    from layers.store import open_store

    path = tmp_path / "ws.gpkg"
    units = gpd.GeoDataFrame({"unit_id": ["kept"]}, geometry=[shapely.box(76.9, 43.2, 77, 43.3)],
                             crs="EPSG:4326")
    with open_store(path) as store:
        store.write_layers({"units": units})
    return path


@pytest.fixture()
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``tmp_path`` as the working directory, so that messages name files as the test gave
    them."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _digest(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="session")
def demo_workspace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """``qonys demo`` run once a session: the workspace ``qonys-demo.gpkg``, with the demo's
    ``report.html`` (Russian) beside it.

    About 20 seconds, so every test that reads the demo shares it (and is marked slow, see
    :data:`SLOW_FIXTURES`). Never write to it: :func:`demo_copy` gives a test its own. The
    session ends with an error if the file changed.
    """
    from planning.cli.app import main

    out = tmp_path_factory.mktemp("demo")
    store = out / "qonys-demo.gpkg"
    assert main(["demo", "--store", str(store), "--out", str(out)]) == 0
    built = _digest(store)
    yield store
    assert _digest(store) == built, f"a test wrote into the shared demo workspace {store}"


def demo_copy(workspace: Path, folder: Path) -> Path:
    """A copy of a shared workspace (:func:`demo_workspace`, :func:`planned_demo`) in
    ``folder``, for a test that may write to it."""
    folder.mkdir(parents=True, exist_ok=True)
    copy = folder / "qonys-demo.gpkg"
    shutil.copyfile(workspace, copy)
    return copy


@pytest.fixture(scope="session")
def demo_layers() -> dict:
    """The demo's layers as :func:`layers.demo.build_demo_layers` makes them (name -> frame),
    built once a session (3 s) for the tests that check them in memory. Never modify them."""
    from layers.demo import build_demo_layers

    return {layer.name: layer.frame for layer in build_demo_layers()}


#: The scenario the planned demo is proposed for: the Almaty working group's question.
PLANNED_SCENARIO = "almaty_kaskelen_talgar"


@pytest.fixture(scope="session")
def planned_demo(tmp_path_factory: pytest.TempPathFactory, demo_workspace: Path) -> Iterator[Path]:
    """The demo workspace with the Kaskelen–Talgar scenario's proposals, built once a session.

    A copy of :func:`demo_workspace`, then ``qonys scenario run baseline`` (the comparison's
    base) and ``qonys propose``: about a minute more, so the report's tests share it. Never
    write to it: :func:`planned_copy` gives a test its own.
    """
    from planning.cli.app import main

    store = demo_copy(demo_workspace, tmp_path_factory.mktemp("planned-demo"))
    assert main(["scenario", "run", "baseline", "--store", str(store)]) == 0
    assert main(["propose", "--scenario", PLANNED_SCENARIO, "--store", str(store)]) == 0
    built = _digest(store)
    yield store
    assert _digest(store) == built, f"a test wrote into the shared planned demo {store}"


def planned_copy(planned_demo: Path, folder: Path) -> Path:
    """A copy of the planned demo's workspace in ``folder``, for a test that may write to it."""
    return demo_copy(planned_demo, folder)
