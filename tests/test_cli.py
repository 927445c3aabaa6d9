"""The command line: help with examples, errors as one message without a traceback."""

from __future__ import annotations

import subprocess
import sys

import pytest

from planning.cli.app import build_parser, main


@pytest.mark.parametrize("command", ["demo", "national", "readiness", "report", "layers"])
def test_every_command_has_store_and_an_example(command, capsys):
    with pytest.raises(SystemExit):
        main([command, "--help"])
    text = capsys.readouterr().out
    assert "--store" in text
    assert "example:" in text and f"qonys {command}" in text


def test_missing_workspace_is_one_clear_message(tmp_path, capsys):
    missing = tmp_path / "nothing.gpkg"
    status = main(["readiness", "--store", str(missing), "--lang", "en"])
    err = capsys.readouterr().err
    assert status == 2
    assert str(missing) in err
    assert "qonys demo --store" in err  # the fix, not only the fault
    assert "Traceback" not in err
    assert not missing.exists()  # reading never creates an empty workspace


@pytest.mark.slow
def test_layers_lists_provenance(tmp_path, capsys):
    store = tmp_path / "w.gpkg"
    assert main(["demo", "--store", str(store), "--lang", "kk"]) == 0
    capsys.readouterr()
    assert main(["layers", "--store", str(store), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "units" in out and "generated: qonys demo" in out
    # The kk demo writes its report in Kazakh.
    assert "Аумақтардың" in (tmp_path / "report.html").read_text(encoding="utf-8")


def test_parser_rejects_unknown_language():
    with pytest.raises(SystemExit):
        build_parser().parse_args(["demo", "--lang", "de"])


@pytest.mark.slow
def test_light_imports():
    """`import planning` pulls no folium, and the PostGIS drivers only when used."""
    code = ("import planning.cli.app, planning.cli.pipeline, sys; "
            "bad = [m for m in ('folium', 'sqlalchemy', 'geoalchemy2', 'psycopg') "
            "if m in sys.modules]; assert not bad, bad")
    subprocess.run([sys.executable, "-c", code], check=True)
