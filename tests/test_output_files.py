"""Output files (report pages, PNGs, PDFs) end in a message, not a traceback, when the path is a
folder or the system refuses the write, and a symbolic link to a report stays a link."""

from __future__ import annotations

import errno
import os

import pytest

from geo.errors import OutputError
from maps.files import atomic_output, make_folder
from maps.report import Report


def test_a_folder_as_the_page_is_named_with_an_example(tmp_path, english):
    with pytest.raises(OutputError) as caught:
        Report("t", lang="en").write(tmp_path)
    text = str(caught.value)
    assert f"{tmp_path} is a folder" in text
    assert str(tmp_path / "report.html") in text
    assert list(tmp_path.iterdir()) == []


def test_a_symlink_keeps_pointing_at_the_new_page(tmp_path):
    real = tmp_path / "shared" / "report.html"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "latest.html"
    link.symlink_to(real)
    Report("t", lang="en").write(link)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert "<!DOCTYPE html>" in real.read_text(encoding="utf-8")
    assert sorted(p.name for p in real.parent.iterdir()) == ["report.html"]


def test_a_full_disk_leaves_the_earlier_file_and_no_temporary(tmp_path, english):
    target = tmp_path / "report.html"
    target.write_text("earlier", encoding="utf-8")
    with pytest.raises(OutputError) as caught, atomic_output(target) as staged:
        staged.write_text("half", encoding="utf-8")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))  # as the writer would meet it
    assert "No space left on device" in str(caught.value) and str(target) in str(caught.value)
    assert target.read_text(encoding="utf-8") == "earlier"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]


def test_a_folder_that_cannot_be_made_is_a_message(tmp_path, english):
    blocker = tmp_path / "maps"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    with pytest.raises(OutputError) as caught:
        make_folder(blocker / "almaty")
    assert str(blocker / "almaty") in str(caught.value)
