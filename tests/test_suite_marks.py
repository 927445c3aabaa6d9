"""The suite's own ``slow`` marking (tests/conftest.py): which tests ``make test-fast`` leaves out.

A test is slow when it uses the session's demo, a browser or PostGIS (through their fixtures, or
the ``browser`` and ``postgis`` marks), whether or not its file marks it; the others stay in
the fast part unless they are marked ``slow`` themselves.
"""

from __future__ import annotations

import pytest
from conftest import SLOW_FIXTURES, pytest_collection_modifyitems


class Item:
    """What the hook reads of a collected test: its fixtures and marks."""

    def __init__(self, fixturenames: tuple[str, ...], marks: tuple[str, ...] = ()) -> None:
        self.fixturenames = fixturenames
        self.marks = [getattr(pytest.mark, name) for name in marks]

    def get_closest_marker(self, name: str):
        return next((mark for mark in self.marks if mark.name == name), None)

    def add_marker(self, mark) -> None:
        self.marks.append(mark)

    @property
    def slow(self) -> bool:
        return self.get_closest_marker("slow") is not None


@pytest.mark.parametrize("fixture", sorted(SLOW_FIXTURES))
def test_a_test_using_a_slow_fixture_is_slow(fixture: str) -> None:
    item = Item(("tmp_path", fixture))
    pytest_collection_modifyitems([item])
    assert item.slow


@pytest.mark.parametrize("mark", ["browser", "postgis"])
def test_a_browser_or_postgis_test_is_slow(mark: str) -> None:
    item = Item(("tmp_path",), marks=(mark,))
    pytest_collection_modifyitems([item])
    assert item.slow


def test_other_tests_stay_fast() -> None:
    item = Item(("tmp_path", "english", "shared_dir", "workspace"))
    pytest_collection_modifyitems([item])
    assert not item.slow


def test_the_demos_and_outside_things_count() -> None:
    assert {"demo_workspace", "planned_demo", "demo_layers", "chromium_path",
            "postgis_url"} <= SLOW_FIXTURES


def test_no_test_left_fast_uses_the_demo_a_browser_or_postgis(
        request: pytest.FixtureRequest) -> None:
    """No collected test without the ``slow`` mark (all of them under ``-m "not slow"``) uses
    the demo, a browser or PostGIS: checked in the whole run as in the fast one."""
    fast = [item for item in request.session.items if item.get_closest_marker("slow") is None]
    assert request.node in fast
    for item in fast:
        assert not SLOW_FIXTURES.intersection(getattr(item, "fixturenames", ())), item.nodeid
        assert item.get_closest_marker("browser") is None, item.nodeid
