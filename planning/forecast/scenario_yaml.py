"""Reading scenario files: YAML with line numbers, checked values and ``based_on`` chains.

The format is described in :mod:`planning.forecast.scenario`, which builds a
:class:`planning.forecast.scenario.Scenario` from the files read here. Every problem names the file,
the line and the key; the problems of a file are collected and reported at once.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.constructor import SafeConstructor

from geo.errors import QonysError
from geo.i18n import LANGUAGES, N_, _
from layers.resources import data_dir
from planning.forecast.scenario_safe import ScenarioYamlRefused, compose_scenario, read_text

SCENARIOS_DIR = data_dir() / "scenarios"
#: Problems listed in a message; :attr:`ScenarioError.problems` holds them all.
MAX_PROBLEMS_SHOWN = 50
YEARS = (1900, 2200)
TOP_KEYS = ("name", "based_on", "label", "description", "horizon", "migration",
            "budget_tenge_per_year", "resettlement", "facilities", "sources", "norms",
            "programme")
ITEM_KEYS = {
    "resettlement": ("unit", "persons", "from", "to", "source"),
    "facilities": ("kind", "unit", "site", "lon", "lat", "capacity", "year", "name", "source"),
    "sources": ("network", "source_id", "zone", "add", "year", "name", "source"),
}
#: Sections of a norms file whose figures a scenario may override.
NORM_SECTIONS = ("growth", "housing", "facility_size", "utility_module", "costs", "centres",
                 "resettlement_programme")
NORM_FORMS = ("<network>.per_resident[.<region>]", "<network>.access.minutes",
              "<network>.target_share", "<section>.<figure>[.<region>]")


class ScenarioError(QonysError, ValueError):
    """A scenario file cannot be read, or does not fit the workspace or the norms.

    ``problems`` holds the problems one by one (file, line and key first).
    """

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = list(problems or [])


def raise_problems(path: Path | str, problems: list[str]) -> None:
    """Raise one :class:`ScenarioError` listing ``problems`` (nothing if there are none)."""
    if problems:
        head = _("Scenario {path}: {count} problem(s). Fix them all:",
                 path=path, count=len(problems))
        shown = [f"  - {p}" for p in problems[:MAX_PROBLEMS_SHOWN]]
        if len(problems) > MAX_PROBLEMS_SHOWN:  # a file of 9,000 bad lines: not 1 MB of text
            shown.append(_("  … and {count} more (fix these first)",
                            count=len(problems) - MAX_PROBLEMS_SHOWN))
        raise ScenarioError("\n".join([head, *shown]), problems)


def problem_at(file: str, line: int | None, key: str, text_key: str, **values: object) -> str:
    """One problem: file, line and key (none for the whole file), then what and the fix."""
    where = N_("{file}, line {line}, {key}: {problem}") if key else \
        N_("{file}, line {line}: {problem}")
    return _(where, file=file, line="?" if line is None else line, key=key,
             problem=_(text_key, **values))


def close_hint(value: object, known: Sequence[str]) -> str:
    """A "did you mean" text naming the entries of ``known`` close to ``value``, or ""."""
    close = difflib.get_close_matches(str(value), [str(k) for k in known], n=3, cutoff=0.6)
    return _(" (did you mean {candidates}?)", candidates=", ".join(close)) if close else ""


def _show(value: object) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 80 else text[:77] + "..."  # a list of thousands is no message


def _key(key: str, name: str) -> str:
    return f"{key}.{name}" if key else name


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


class _Reader:
    """Typed values of one file's YAML nodes; problems collected, never raised one by one."""

    def __init__(self, path: Path) -> None:
        self.path, self.file, self.problems = path, path.name, []

    def fail(self, line: int | None, key: str, text_key: str, **values: object) -> None:
        self.problems.append(problem_at(self.file, line, key, text_key, **values))

    def mapping(self, node: yaml.Node, key: str, allowed: Sequence[str] | None
                ) -> dict[str, yaml.Node]:
        if not isinstance(node, yaml.MappingNode):
            self.fail(_line(node), key, N_(
                    "expected key: value pairs (for example {{unit: ..., persons: 75000}})."))
            return {}
        out: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            name = str(key_node.value)
            where = _key(key, name)
            if allowed is not None and name not in allowed:
                self.fail(_line(key_node), where, N_(
                        "unknown key '{name}'{hint}. The allowed keys are: {allowed}."), name=name,
                          allowed=", ".join(allowed), hint=close_hint(name, allowed))
            elif name in out:
                self.fail(_line(key_node), where, N_(
                        "'{name}' is given twice (first on line {first}). Keep one."), name=name,
                          first=_line(out[name]))
            else:
                out[name] = value_node
        return out

    def value(self, node: yaml.Node) -> object:
        return SafeConstructor().construct_object(node, deep=True)

    def number(self, nodes: dict, name: str, key: str, line: int, *, required: bool = False,
               positive: bool = True, whole: bool = False, example: str = "1") -> float | None:
        if name not in nodes:
            if required:
                self.fail(line, key, N_(
                        "'{name}' is missing. Add it, for example "
                        "{name}: {example}."), name=name, example=example)
            return None
        value = self.value(nodes[name])
        ok = isinstance(value, int | float) and not isinstance(value, bool) \
            and math.isfinite(value)
        if not ok or (whole and value != int(value)):
            text_key = N_(
                    "{value} is not a whole number; give "
                    "{name} as a number such as {example}.") if whole else N_(
                    "{value} is not a number; give {name} as a number such as {example}.")
            self.fail(_line(nodes[name]), _key(key, name), text_key, value=_show(value),
                      name=name, example=example)
            return None
        if positive and value <= 0:
            self.fail(_line(nodes[name]), _key(key, name), N_(
                    "{name} is {value}; it must be greater than zero (for example {example})."),
                      value=_show(value), name=name, example=example)
            return None
        return int(value) if whole else float(value)

    def year(self, nodes: dict, name: str, key: str, line: int, *, required: bool = True
             ) -> int | None:
        year = self.number(nodes, name, key, line, required=required, whole=True,
                           example="2027")
        if year is not None and not YEARS[0] <= year <= YEARS[1]:
            self.fail(_line(nodes[name]), _key(key, name), N_(
                    "the year {value} is outside 1900-2200. Give the full year, "
                    "such as 2027."), value=year)
            return None
        return year

    def text(self, nodes: dict, name: str, key: str, line: int, *, required: bool = False,
             ids: bool = False) -> str | None:
        if name not in nodes:
            if required:
                self.fail(line, key, N_(
                        "'{name}' is missing. Add it, for example "
                        "{name}: {example}."), name=name, example='"..."')
            return None
        value = self.value(nodes[name])
        if ids and isinstance(value, int) and not isinstance(value, bool):
            value = str(value)  # KATO codes written without quotes
        if not isinstance(value, str) or not value.strip():
            self.fail(_line(nodes[name]), _key(key, name), N_(
                    "{value} is not text. Give {name} as text in quotes."),
                      value=_show(value), name=name)
            return None
        return value.strip()


@dataclass
class ScenarioFile:
    """What one file says, checked; its ``based_on`` is not followed yet."""

    path: Path
    based_on: tuple[str, int] | None = None
    scalars: dict[str, object] = field(default_factory=dict)
    texts: dict[str, dict[str, str]] = field(default_factory=dict)
    norms: dict[str, tuple[float, str, int]] = field(default_factory=dict)
    lists: dict[str, list[dict]] = field(default_factory=dict)
    lines: dict[str, tuple[str, int]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    #: The ``programme`` mapping, read later by :func:`read_programme_nodes`.
    programme_node: yaml.Node | None = None


def read_programme_nodes(doc: ScenarioFile, read: object) -> None:
    """Read ``doc``'s ``programme`` with ``read(reader, node)``, its problems joining the
    file's (the reader lives in :mod:`planning.forecast.programme`, which imports this module).
    """
    if doc.programme_node is None:
        return
    reader = _Reader(doc.path)
    reader.problems = doc.problems
    programme = read(reader, doc.programme_node)
    if programme is not None:
        doc.scalars["programme"] = programme


def parse_file(path: Path) -> ScenarioFile:
    doc = ScenarioFile(path)
    reader = _Reader(path)
    doc.problems = reader.problems
    try:
        root = compose_scenario(read_text(path))
    except OSError as exc:
        raise_problems(path, [_("Cannot read the scenario file {path}: {reason}. Check the path "
                                "and the permissions.",
                                path=path, reason=exc.strerror)])
    except ScenarioYamlRefused as exc:
        doc.problems.append(f"{path.name}: {exc.problem}" if exc.line is None else _(
            "{file}, line {line}: {problem}", file=path.name, line=exc.line, problem=exc.problem))
        return doc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        reader.fail(mark.line + 1 if mark else None, "", N_(
                "not valid YAML ({problem}). Fix the syntax there (indentation, colons, quotes, "
                "brackets)."),
                    problem=getattr(exc, "problem", None) or exc)
        return doc
    if root is None:
        reader.fail(1, "", N_(
                "the file is empty. Give at least based_on: baseline or horizon: 2030."))
        return doc
    nodes = reader.mapping(root, "", TOP_KEYS)
    for key, node in nodes.items():
        doc.lines[key] = (path.name, _line(node))
        _READ[key](reader, doc, nodes, key)
    return doc


def _read_scalar(reader: _Reader, doc: ScenarioFile, nodes: dict, key: str) -> None:
    line, before = _line(nodes[key]), len(reader.problems)
    if key in ("name", "based_on"):
        value = reader.text(nodes, key, "", line)
    elif key == "horizon":
        value = reader.year(nodes, key, "", line)
    elif key == "budget_tenge_per_year":  # null: no budget, also over a parent's
        value = None if reader.value(nodes[key]) is None else \
            reader.number(nodes, key, "", line, example="150000000000")
    else:
        value = _migration(reader, nodes[key])
    if len(reader.problems) > before:
        return
    if key == "based_on":
        doc.based_on = (str(value), line)
    else:
        doc.scalars[key] = value


def _migration(reader: _Reader, node: yaml.Node) -> str | float | None:
    if isinstance(node, yaml.MappingNode):
        return reader.number(reader.mapping(node, "migration", ("scale",)), "scale",
                             "migration", _line(node), required=True, example="1.5")
    value = reader.value(node)
    if value in ("trend", "none"):
        return value
    reader.fail(_line(node), "migration", N_(
            "{value} is not a migration setting. Give trend (the flows' trend), none (no "
            "migration) or {{scale: 1.5}} (the trend times 1.5)."), value=_show(value))
    return None


def _read_texts(reader: _Reader, doc: ScenarioFile, nodes: dict, key: str) -> None:
    items = reader.mapping(nodes[key], key, LANGUAGES)
    values = {lang: reader.text(items, lang, key, _line(nodes[key])) for lang in items}
    doc.texts[key] = {lang: v for lang, v in values.items() if v is not None}


def _read_list(reader: _Reader, doc: ScenarioFile, nodes: dict, key: str) -> None:
    node, records = nodes[key], []
    if not isinstance(node, yaml.SequenceNode):
        reader.fail(_line(node), key, N_(
                "expected a list of entries, each on its own line starting with '- '."))
        return
    for number, item in enumerate(node.value, start=1):
        entry = f"{key}[{number}]"
        fields = reader.mapping(item, entry, ITEM_KEYS[key])
        before = len(reader.problems)
        record = _ITEM[key](reader, fields, entry, _line(item))
        if len(reader.problems) == before:
            records.append({**record, "line": _line(item), "file": reader.file, "entry": entry})
    doc.lists[key] = records


def _resettlement_item(r: _Reader, f: dict, entry: str, line: int) -> dict:
    year_from = r.year(f, "from", entry, line)
    year_to = r.year(f, "to", entry, line, required=False)
    if year_from is not None and year_to is not None and year_to < year_from:
        r.fail(_line(f["to"]), f"{entry}.to", N_(
                "the last year {to} is before the first year {start}. Swap them."), to=year_to,
               start=year_from)
    return {"unit_id": r.text(f, "unit", entry, line, required=True, ids=True),
            "persons": r.number(f, "persons", entry, line, required=True, whole=True,
                                example="75000"),
            "year_from": year_from, "year_to": year_from if year_to is None else year_to,
            "source": r.text(f, "source", entry, line, required=True)}


def _facility_item(r: _Reader, f: dict, entry: str, line: int) -> dict:
    places = [p for p in ("unit", "site", "lon", "lat") if p in f]
    if sorted(places) not in (["unit"], ["site"], ["lat", "lon"]):
        r.fail(line, entry, N_(
                "give exactly one place: unit, site (of candidate_sites) or both lon and lat; "
                "given: {given}."), given=", ".join(places) or "-")
    lon = r.number(f, "lon", entry, line, positive=False, example="77.1")
    lat = r.number(f, "lat", entry, line, positive=False, example="43.8")
    if (lon is not None and abs(lon) > 180) or (lat is not None and abs(lat) > 90):
        r.fail(line, entry, N_(
                "lon {lon}, lat {lat} are out of range. Give WGS 84 longitude and latitude in "
                "degrees (for example lon: 77.07, lat: 43.87)."), lon=lon, lat=lat)
    capacity = r.number(f, "capacity", entry, line, example="1200")
    return {"kind": r.text(f, "kind", entry, line, required=True),
            "unit_id": r.text(f, "unit", entry, line, ids=True),
            "site_id": r.text(f, "site", entry, line, ids=True),
            "lon": math.nan if lon is None else lon, "lat": math.nan if lat is None else lat,
            "capacity": math.nan if capacity is None else capacity,
            "year": r.year(f, "year", entry, line), "name": r.text(f, "name", entry, line),
            "source": r.text(f, "source", entry, line)}


def _source_item(r: _Reader, f: dict, entry: str, line: int) -> dict:
    if ("source_id" in f) == ("zone" in f):
        r.fail(line, entry, N_(
                "give either source_id (expand an existing source) or zone (a new source in a "
                "zone), exactly one of them."))
    network = r.text(f, "network", entry, line, required=True)
    zone = r.text(f, "zone", entry, line, ids=True)
    name = r.text(f, "name", entry, line) or (zone and f"new {network} source in {zone}")
    return {"network": network, "source_id": r.text(f, "source_id", entry, line, ids=True),
            "zone_id": zone, "add": r.number(f, "add", entry, line, required=True,
                                             example="100"),
            "year": r.year(f, "year", entry, line), "name": name,
            "source": r.text(f, "source", entry, line, required=True)}


def _read_norms(reader: _Reader, doc: ScenarioFile, nodes: dict, key: str) -> None:
    for name, node in _flat_norms(reader, nodes[key], "").items():
        where, line = f"norms.{name}", _line(node)
        target = norm_target(name)
        if target is None:
            reader.fail(line, where, N_(
                    "a scenario cannot override this. Use one of: "
                    "{forms}; sections: {sections}."), forms="; ".join(NORM_FORMS),
                        sections=", ".join(NORM_SECTIONS))
            continue
        if not isinstance(node, yaml.MappingNode):
            reader.fail(line, where, N_(
                    'the value {value} has no source. Give it as {{value: ..., source: "..."}}: '
                    "every norm names its source, as in "
                    "data/norms."), value=_show(reader.value(node)))
            continue
        fields = reader.mapping(node, where, ("value", "source"))
        positive = target[0] not in ("growth", "target_share")
        value = reader.number(fields, "value", where, line, required=True, positive=positive,
                              example="0.0012")
        source = reader.text(fields, "source", where, line)
        if "source" not in fields:
            raw = reader.value(fields["value"]) if "value" in fields else "-"
            reader.fail(line, where, N_(
                    'the value {value} has no source. Give it as {{value: ..., source: "..."}}: '
                    "every norm names its source, as in data/norms."), value=_show(raw))
        if target[0] == "target_share" and value is not None and value > 1:
            reader.fail(line, where, N_(
                    "the share {value} is above 1. Give a share from 0 to 1 (0.8 "
                    "is 80%)."), value=value)
        elif value is not None and source is not None:
            doc.norms[name] = (value, source, line)
            doc.lines[where] = (reader.file, line)


def _flat_norms(reader: _Reader, node: yaml.Node, prefix: str) -> dict[str, yaml.Node]:
    """Dotted keys of nested mappings, down to a ``{value, source}`` mapping or a bare value."""
    out = {}
    for name, child in reader.mapping(node, _key("norms", prefix), None).items():
        key = f"{prefix}.{name}" if prefix else name
        leaf = not isinstance(child, yaml.MappingNode) or any(
            str(k.value) in ("value", "source") for k, __ in child.value)
        out.update({key: child} if leaf else _flat_norms(reader, child, key))
    return out


def norm_target(key: str) -> tuple[str, str, str | None, str | None] | None:
    """What a norm key overrides: (what, network or section, figure, region)."""
    parts = key.split(".")
    if parts[0] in NORM_SECTIONS and len(parts) in (2, 3):
        return ("growth" if parts[0] == "growth" else "figure", parts[0], parts[1],
                (parts[2:] or [None])[0])
    if len(parts) in (2, 3) and parts[1] == "per_resident":
        return ("per_resident", parts[0], None, (parts[2:] or [None])[0])
    if parts[1:] in (["access", "minutes"], ["target_share"]):
        return ("minutes" if parts[1] == "access" else "target_share", parts[0], None, None)
    return None


def _read_programme(reader: _Reader, doc: ScenarioFile, nodes: dict, key: str) -> None:
    # Read by planning.forecast.programme (see read_programme_nodes): its model imports this.
    doc.programme_node = nodes[key]


_READ = {**dict.fromkeys(("name", "based_on", "horizon", "migration",
                          "budget_tenge_per_year"), _read_scalar),
         "label": _read_texts, "description": _read_texts, "norms": _read_norms,
         "programme": _read_programme,
         **dict.fromkeys(ITEM_KEYS, _read_list)}
_ITEM = {"resettlement": _resettlement_item, "facilities": _facility_item,
         "sources": _source_item}
