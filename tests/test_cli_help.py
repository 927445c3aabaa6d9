"""The command line's help in the chosen language: ``--lang``, else ``$QONYS_LANG``, else ru
(issue 15), for the top level and for the commands; an unknown ``$QONYS_LANG`` falls back to ru
with a warning."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from geo.i18n import current_language, set_language
from planning.cli.app import main
from planning.cli.options import language_of

ROOT = Path(__file__).resolve().parents[1]

# A phrase of each help, per language: the top level, and two commands.
PHRASES = {
    (): {"ru": "показать эту справку и выйти", "kk": "осы анықтаманы көрсетіп, шығу",
         "en": "show this help message and exit"},
    ("report",): {"ru": "написать отчёт", "kk": "есеп жазу", "en": "write the report"},
    ("propose",): {"ru": "годовой бюджет в тенге", "kk": "теңгемен жылдық бюджет",
                   "en": "annual budget in tenge"},
}
USAGE = {"ru": "использование: qonys", "kk": "қолданылуы: qonys", "en": "usage: qonys"}
OPTIONS = {"ru": "\nпараметры:\n", "kk": "\nпараметрлер:\n", "en": "\noptions:\n"}


@pytest.fixture(autouse=True)
def _language_back():
    """main() sets the process's language; give the next test the one it had."""
    before = current_language()
    yield
    set_language(before)


def _help(argv: list[str], capsys, monkeypatch, env: str | None = None) -> tuple[str, str]:
    if env is None:
        monkeypatch.delenv("QONYS_LANG", raising=False)
    else:
        monkeypatch.setenv("QONYS_LANG", env)
    with pytest.raises(SystemExit) as exit_:
        main([*argv, "--help"])
    assert exit_.value.code == 0
    captured = capsys.readouterr()
    return captured.out, captured.err


@pytest.mark.parametrize("command", list(PHRASES))
@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_help_in_the_chosen_language(command, lang, capsys, monkeypatch):
    out, _ = _help([*command, "--lang", lang], capsys, monkeypatch)
    assert out.startswith(USAGE[lang])
    assert OPTIONS[lang] in out  # argparse's own words too
    assert PHRASES[command][lang] in out
    for other in {"ru", "kk", "en"} - {lang}:
        assert PHRASES[command][other] not in out


@pytest.mark.parametrize("command", list(PHRASES))
def test_help_follows_qonys_lang(command, capsys, monkeypatch):
    out, err = _help(list(command), capsys, monkeypatch, env="kk")
    assert PHRASES[command]["kk"] in out
    assert err == ""


def test_help_defaults_to_russian(capsys, monkeypatch):
    out, _ = _help([], capsys, monkeypatch)
    assert PHRASES[()]["ru"] in out


@pytest.mark.parametrize("argv", [["--lang", "en", "report"], ["report", "--lang", "en"],
                                  ["report", "--lang=en"]])
def test_lang_beats_qonys_lang(argv, capsys, monkeypatch):
    out, err = _help(argv, capsys, monkeypatch, env="kk")
    assert PHRASES[("report",)]["en"] in out
    assert err == ""


def test_unknown_qonys_lang_falls_back_to_russian_with_a_warning(capsys, monkeypatch):
    out, err = _help(["report"], capsys, monkeypatch, env="de")
    assert PHRASES[("report",)]["ru"] in out
    assert "QONYS_LANG=de" in err and "ru, kk, en" in err


def test_unknown_qonys_lang_is_silent_under_lang(capsys, monkeypatch):
    out, err = _help(["--lang", "kk"], capsys, monkeypatch, env="de")
    assert PHRASES[()]["kk"] in out
    assert err == ""


def test_qonys_lang_sets_the_language_of_messages(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("QONYS_LANG", "en")
    assert main(["readiness", "--store", str(tmp_path / "none.gpkg")]) == 2
    assert capsys.readouterr().err.startswith("Error: ")


def test_language_of():
    assert language_of([], {}) == ("ru", None)
    assert language_of([], {"QONYS_LANG": "kk"}) == ("kk", None)
    assert language_of(["--lang", "en"], {"QONYS_LANG": "kk"}) == ("en", None)
    assert language_of(["--lang=kk", "--lang", "en"], {}) == ("en", None)  # the last, as argparse
    assert language_of([], {"QONYS_LANG": "de"}) == ("ru", "de")
    assert language_of(["--lang", "de"], {"QONYS_LANG": "kk"}) == ("kk", None)  # parser's error
    assert language_of(["--", "--lang", "en"], {}) == ("ru", None)


def test_python_m_help_in_kazakh():
    env = {**os.environ, "QONYS_LANG": "kk", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "planning.cli", "report", "--help"],
                          capture_output=True, text=True, env=env, cwd=ROOT, check=True)
    assert PHRASES[("report",)]["kk"] in done.stdout
