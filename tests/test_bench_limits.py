"""bench/limits.py: its verdict on a case, and its cases run as the bench runs them."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parent.parent / "bench" / "limits.py"


@pytest.fixture(scope="module")
def limits():
    spec = importlib.util.spec_from_file_location("bench_limits", _PATH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_verdict_by_hand(limits):
    assert limits.verdict(4.9, 499.0, 2, ["Error: too large"]) == "pass"
    assert limits.verdict(5.1, 501.0, 1, ["Traceback (most recent call last):"]) == (
        "fail: exit status 1, traceback, peak 501 MB > 500 MB, 5.1 s > 5 s")


@pytest.mark.slow
def test_a_case_is_measured_in_its_own_process(limits, tmp_path):
    """A child that allocates 300 MB and exits 2 peaks above 300 MB (its own, not the
    bench's) and fails the 500 MB target only when it allocates 600 MB."""
    import sys

    script = "import sys; b = bytearray({n} << 20); b[::4096] = b'x' * len(b[::4096]); sys.exit(2)"
    wall, peak, code, _ = limits.measured([sys.executable, "-c", script.format(n=300)],
                                          cwd=tmp_path, env={})
    assert code == 2 and 300 < peak < 500
    assert limits.verdict(wall, peak, code, []) == "pass"
    wall, peak, code, _ = limits.measured([sys.executable, "-c", script.format(n=600)],
                                          cwd=tmp_path, env={})
    assert peak > 600 and limits.verdict(wall, peak, code, []).startswith("fail: peak")


@pytest.mark.slow
def test_a_large_caller_does_not_raise_the_case_s_peak(limits, tmp_path):
    """Forked straight from a caller holding 700 MB, a child of 300 MB read 700 MB (Linux
    gives it the peak of what it was forked from; a pytest that had run Dask read 566 MB).
    Through the launcher it reads its own 300 MB."""
    import sys

    held = bytearray(700 << 20)
    held[::4096] = b"x" * len(held[::4096])
    script = "import sys; b = bytearray(300 << 20); b[::4096] = b'x' * len(b[::4096]); sys.exit(2)"
    _, peak, code, _ = limits.measured([sys.executable, "-c", script], cwd=tmp_path, env={})
    assert code == 2 and 300 < peak < 500
    del held
