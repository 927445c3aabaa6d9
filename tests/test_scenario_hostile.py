"""Scenario files that are not plain YAML (issue 13): each ends in a message naming the file and
the line, fast and in little memory, whatever the file holds; nothing in it is executed."""

from __future__ import annotations

import time
import tracemalloc

import pytest

from planning.cli.app import main
from planning.forecast.scenario import ScenarioError, load_scenario
from planning.forecast.scenario_safe import MAX_BYTES, MAX_DEPTH, MAX_NODES


def _problem(path) -> str:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    (problem,) = caught.value.problems
    return problem


def _bomb(levels: int) -> str:
    """The "billion laughs": level a is a list of 9 strings, each next level a list of 9
    aliases of the one before; ``name`` refers to the last."""
    lines = ["based_on: baseline", 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels):
        before, this = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{this}: &{this} [" + ", ".join([f"*{before}"] * 9) + "]")
    lines.append(f"name: *{chr(ord('a') + levels - 1)}")
    return "\n".join(lines) + "\n"


def test_python_tags_are_refused_with_a_message(tmp_path, english):
    marker = tmp_path / "pwned"
    path = tmp_path / "evil.yaml"
    path.write_text(f"based_on: baseline\nhorizon: !!python/object/apply:os.system "
                    f"['touch {marker}']\n", encoding="utf-8")
    assert _problem(path) == (
        "evil.yaml, line 2: the tag !!python/object/apply:os.system is not allowed: a scenario "
        "file holds numbers, text, lists and mappings only. Remove the tag.")
    assert not marker.exists()


def test_a_local_tag_is_refused(tmp_path, english):
    path = tmp_path / "tagged.yaml"
    path.write_text("based_on: baseline\n\nlabel: !mine {en: x}\n", encoding="utf-8")
    assert _problem(path).startswith("tagged.yaml, line 3: the tag !mine is not allowed")


def test_an_alias_bomb_is_refused_fast_and_small(tmp_path, english):
    """The count runs as the file is read, each alias adding the size of what it refers to. By
    hand: line 1 holds 3 values (the root mapping, its key and value); line 2 the key a, its list
    and 9 strings: 11, so 14; line 3 the key b, its list and 9 × 10: 92, so 106; line 4 9 × 91
    and 2: 821, so 927; line 5 9 × 820 and 2: 7 382, so 8 309; line 6 the key e and its list,
    8 311, then 7 381 for each alias: 15 692, then 23 073 > 20 000 at its second alias. The
    whole file, 10⁹ strings expanded, used to take minutes and 3-6 GB."""
    assert MAX_NODES == 20_000
    path = tmp_path / "bomb.yaml"
    path.write_text(_bomb(9), encoding="utf-8")
    tracemalloc.start()
    start = time.perf_counter()
    try:
        problem = _problem(path)
    finally:
        elapsed = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert problem == (
        "bomb.yaml, line 6: by here the file holds more than 20 000 values (an alias "
        "*name counts as what it refers to), the limit of a scenario file. Write fewer values, "
        "or aliases not nested in each other.")
    assert elapsed < 5  # loosely: it takes milliseconds
    assert peak < 200e6


def test_aliases_within_the_limit_are_plain_yaml(tmp_path, english):
    """Four levels and ``name``: 3 + 11 + 92 + 821 + 7 382 values (see the bomb above), and
    ``name`` 1 + 7 381, 15 691 in all, under the limit: read, then reported as a name that is
    not text (the message shows the start of the value, not its 6 561 strings)."""
    path = tmp_path / "four.yaml"
    path.write_text(_bomb(4), encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    *unknown_keys, problem = caught.value.problems  # a, b, c, d are no scenario keys
    assert [p.split(":")[0] for p in unknown_keys] == [
        f"four.yaml, line {n}, {key}" for n, key in zip((2, 3, 4, 5), "abcd", strict=True)]
    # the line of the value, which an alias shares with its anchor (&d, line 5)
    assert problem.startswith("four.yaml, line 5, name: [[[['lol', 'lol', 'lol',")
    assert problem.endswith("... is not text. Give name as text in quotes.")
    assert len(problem) < 400
    shared = tmp_path / "shared.yaml"
    shared.write_text("based_on: baseline\nlabel: &l {en: Shared, ru: Общий, kk: Ортақ}\n"
                      "description: *l\n", encoding="utf-8")
    scenario = load_scenario(shared)
    assert scenario.label == scenario.description == {"en": "Shared", "ru": "Общий",
                                                      "kk": "Ортақ"}


def test_a_recursive_alias_is_refused(tmp_path, english):
    path = tmp_path / "loop.yaml"
    path.write_text("based_on: baseline\nhorizon: &x\n  - 1\n  - *x\n", encoding="utf-8")
    assert _problem(path) == (
        "loop.yaml, line 4: the alias *x stands inside what it refers to (&x), so it has no "
        "finite expansion. Remove it.")


def test_deep_nesting_is_refused(tmp_path, english):
    path = tmp_path / "deep.yaml"
    path.write_text("based_on: baseline\nhorizon: " + "[" * 5000 + "]" * 5000 + "\n",
                    encoding="utf-8")
    assert _problem(path) == (
        f"deep.yaml, line 2: nested deeper than {MAX_DEPTH} levels. A scenario needs a few: "
        "check the brackets and the indentation.")


def test_a_cp1251_file_names_its_line(tmp_path, english):
    """"Базовый" in cp1251 starts with 0xC1 (Б), on line 3; UTF-8 has no byte 0xC1 at all."""
    path = tmp_path / "cp.yaml"
    path.write_bytes('based_on: baseline\nlabel:\n  ru: "Базовый"\n'.encode("cp1251"))
    assert _problem(path) == (
        "cp.yaml, line 3: the text is not UTF-8 (byte 0xC1); the file seems saved in cp1251 "
        "(Windows-1251). Save it as UTF-8 (Notepad: Save As → Encoding UTF-8).")


@pytest.mark.slow
def test_a_long_file_stops_at_the_limit(tmp_path, english):
    """20 000 one-digit values on one line, under the byte limit (40 kB): the count stops the
    scanner at the limit, on line 2 (the root, its key and value, the key horizon and its
    list: 5 values, then 19 995 ones fit), not after PyYAML has read the whole line."""
    path = tmp_path / "long.yaml"
    path.write_text("based_on: baseline\nhorizon: [" + "1, " * 30_000 + "1]\n",
                    encoding="utf-8")
    start = time.perf_counter()
    assert _problem(path).startswith("long.yaml, line 2: by here the file holds more than "
                                     "20 000 values")
    assert time.perf_counter() - start < 5


def test_a_message_lists_50_problems_and_counts_the_rest(tmp_path, english):
    path = tmp_path / "many.yaml"
    path.write_text("based_on: baseline\nnorms:\n" + "".join(
        f"  heat.per_resident.r{i}: 1\n" for i in range(80)), encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert len(caught.value.problems) == 80  # each norm without its source
    lines = str(caught.value).splitlines()
    assert len(lines) == 1 + 50 + 1
    assert lines[-1] == "  … and 30 more (fix these first)"


def test_a_file_too_large_is_not_read(tmp_path, english):
    path = tmp_path / "huge.yaml"
    path.write_text("based_on: baseline\n" + "# padding\n" * (MAX_BYTES // 10), encoding="utf-8")
    size = path.stat().st_size
    assert size > MAX_BYTES
    assert _problem(path) == (
        f"huge.yaml: the file has {size} bytes; a scenario file has at most {MAX_BYTES}. Check "
        "that this is a scenario file, and take data out of it: layers are loaded with qonys "
        "load.")


def test_the_command_says_it_without_a_traceback(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bomb.yaml").write_text(_bomb(9), encoding="utf-8")
    status = main(["--lang", "en", "scenario", "run", "bomb.yaml",
                   "--store", str(tmp_path / "ws.gpkg")])
    err = capsys.readouterr().err
    assert status == 2
    assert "bomb.yaml, line 6: by here the file holds more than 20 000" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(("value", "said"), [
    ("!!int abc", "'abc' cannot be read as !!int. Remove the tag, or put the value in quotes "
                  "to keep it as text."),
    ("!!bool maybe", "'maybe' cannot be read as !!bool."),
    ("2024-13-45", "'2024-13-45' cannot be read as !!timestamp."),  # month 13: no date
    ("!!str [1]", "the tag !!str does not fit the list or mapping that stands here."),
    ("{<<: 5}", "the merge key << is not supported in a scenario. Write the keys out, or use "
                "based_on."),
    ("{[1, 2]: x}", "a key here is a list or a mapping; the keys of a scenario are names."),
])
def test_values_their_constructor_cannot_build(tmp_path, english, value, said):
    """Each of these stopped PyYAML's SafeConstructor with ValueError, KeyError or
    ConstructorError; they are refused while the file is composed, before any value is built."""
    path = tmp_path / "values.yaml"
    path.write_text(f"based_on: baseline\nhorizon: {value}\n", encoding="utf-8")
    assert _problem(path).startswith(f"values.yaml, line 2: {said}")
