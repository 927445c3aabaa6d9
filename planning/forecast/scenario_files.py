"""Finding scenario files: by name or path in the search folders, and their ``based_on`` chains.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from geo.i18n import N_
from planning.forecast.scenario_yaml import (
    SCENARIOS_DIR,
    ScenarioFile,
    parse_file,
    problem_at,
    raise_problems,
)


def find_file(name: str, folders: Sequence[Path]) -> Path | None:
    """The first ``<name>.yaml`` (or ``.yml``) of ``folders``, or None."""
    for folder in folders:
        for suffix in (".yaml", ".yml"):
            if (candidate := Path(folder) / f"{name}{suffix}").is_file():
                return candidate
    return None


def is_path(text: str) -> bool:
    """Whether ``text`` is a path (a slash or a YAML suffix) rather than a name."""
    return "/" in text or "\\" in text or text.endswith((".yaml", ".yml"))


def available_names(folders: Sequence[Path]) -> str:
    """The names of the scenarios of ``folders``, for messages (``-`` if none)."""
    names = sorted({p.stem for folder in folders for p in list_scenarios(Path(folder))})
    return ", ".join(names) or "-"


def _parent(doc: ScenarioFile, search: Sequence[Path]) -> Path | None:
    """The file ``doc`` is based on; a problem in ``doc`` if there is none."""
    if doc.based_on is None:
        return None
    name, line = doc.based_on
    folders = [doc.path.parent, *search, SCENARIOS_DIR]
    if is_path(name):
        # only a file beside this one: based_on must not read (and echo in its problems) a
        # file elsewhere, such as ../../etc/shadow
        beside = not any(c in name for c in "/\\:") and name.endswith((".yaml", ".yml"))
        if not beside:
            doc.problems.append(problem_at(doc.path.name, line, "based_on",
                                           N_(
                                                   "'{name}' is neither a scenario name nor a "
                                                   "file beside this one. based_on takes a "
                                                   "scenario's name (baseline) or the name of a "
                                                   ".yaml file in the same folder, "
                                                   "without a path."), name=name))
            return None
        found = doc.path.parent / name
        found = found if found.is_file() else None
    else:
        found = find_file(name, folders)
    if found is None:
        doc.problems.append(problem_at(doc.path.name, line, "based_on", N_(
                "no scenario '{name}' to be based on (looked beside this file and in "
                "data/scenarios). Available: {available}."),
                                       name=name, available=available_names(folders)))
    return found


def read_chain(path: Path, search: Sequence[Path]) -> list[ScenarioFile]:
    """The files of the ``based_on`` chain, root first."""
    docs: list[ScenarioFile] = []
    seen: list[Path] = []
    current: Path | None = path
    while current is not None:
        if (resolved := current.resolve()) in seen:
            names = [p.name for p in seen[seen.index(resolved):]] + [current.name]
            raise_problems(path, [problem_at(docs[-1].path.name, docs[-1].based_on[1], "based_on",
                                             N_(
                                                     "based_on forms a cycle: {chain}. Remove "
                                                     "based_on from one "
                                                     "of these files."), chain=" -> ".join(names))])
        seen.append(resolved)
        docs.append(parse_file(current))
        current = _parent(docs[-1], search)
    return docs[::-1]


def list_scenarios(folder: Path | None = None) -> list[Path]:
    """The scenario files (``*.yaml``, ``*.yml``) of ``folder`` (default: data/scenarios/).

    Examples
    --------
    >>> "baseline" in [p.stem for p in list_scenarios()]
    True
    """
    folder = SCENARIOS_DIR if folder is None else Path(folder)
    if not folder.is_dir():
        return []
    return sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")])
