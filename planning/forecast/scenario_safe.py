"""Reading a scenario file's YAML within bounds: plain values only, in UTF-8, of a size that
takes at most a couple of seconds and tens of MB to read, whatever the file holds.

A scenario file is text that anyone may send, so :func:`compose_scenario` refuses, with the
file and line, before any Python object is built:

- a file larger than :data:`MAX_BYTES`;
- text that is not UTF-8 (a cp1251 file saved by an old editor), with the line of the first
  byte that is not;
- a tag other than YAML's plain ones (``!!python/object/apply:os.system`` and every other
  ``!!python/...`` or local ``!tag``): a scenario holds numbers, text, lists and mappings; a
  value its tag cannot read (``!!int abc``, ``2024-13-45`` read as a date), a merge key
  ``<<``, and a key that is a list or a mapping;
- more than :data:`MAX_NODES` values once every alias is expanded (a "billion laughs" file of a
  few hundred bytes expands to 10⁹ values: a plain reader takes minutes and GB); the count
  runs while the document is composed, each alias adding the size of what it refers to, so
  nothing is ever expanded to be counted, and a long file stops at the limit too;
- an alias inside the node it refers to (``a: &x [*x]``), which has no finite expansion;
- nesting deeper than :data:`MAX_DEPTH` levels (Python's recursion limit would end it in a
  traceback).

Aliases within these bounds are allowed: they are plain YAML.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from yaml.constructor import SafeConstructor

from geo.i18n import N_, _

#: The largest scenario file read, in bytes: the shipped ones are under 4 kB.
MAX_BYTES = 256_000
#: The most values (scalars, lists, mappings, keys included) a file may hold with its aliases
#: expanded: about 1,800 facilities of 11 values each, and PyYAML's pure-Python scanner needs
#: about a second for 20,000 values (each alias counts as what it refers to, but costs nothing).
MAX_NODES = 20_000
#: The deepest nesting of lists and mappings (a scenario needs about 5 levels).
MAX_DEPTH = 50

_YAML = "tag:yaml.org,2002:"
#: The tags a scenario may hold, written or implied: YAML's plain values. YAML 1.1's merge key
#: ``<<`` is refused with its own message: its constructor fails on anything but mappings.
PLAIN_TAGS = frozenset(_YAML + t for t in ("null", "bool", "int", "float", "str", "timestamp",
                                          "seq", "map"))
_NODE_OF_TAG = {_YAML + "seq": yaml.SequenceNode, _YAML + "map": yaml.MappingNode}
# What PyYAML's constructors raise on a value that does not fit its tag (``!!int abc``,
# ``!!bool maybe``, ``2024-13-45`` read as a date).
_VALUE_ERRORS = (yaml.YAMLError, ValueError, KeyError, AttributeError, TypeError, OverflowError)


class ScenarioYamlRefused(yaml.YAMLError):
    """A scenario file is refused before its values are built.

    ``line`` is the line (from 1) the problem is at, ``None`` for the whole file; ``problem`` is
    the message, in the user's language.
    """

    def __init__(self, line: int | None, problem: str) -> None:
        super().__init__(problem)
        self.line, self.problem = line, problem


class _BoundedLoader(yaml.SafeLoader):
    """A SafeLoader whose composer counts every node, aliases expanded, and the nesting."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._sizes: dict[int, int] = {}  # id(node) -> its size, aliases expanded
        self._depth = 0
        self._total = 0  # values so far, aliases expanded: checked as they come

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            node = self.anchors.get(event.anchor)
            if node is not None and id(node) not in self._sizes:  # still being composed
                raise ScenarioYamlRefused(event.start_mark.line + 1, _(
                    "the alias *{anchor} stands inside what it refers to (&{anchor}), so it has "
                    "no finite expansion. Remove it.", anchor=event.anchor))
            if node is not None:
                self._count(self._sizes[id(node)], event.start_mark)
            return super().compose_node(parent, index)  # an unknown alias: PyYAML says it
        self._count(1, self.peek_event().start_mark)
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise ScenarioYamlRefused(self.peek_event().start_mark.line + 1, _(
                "nested deeper than {limit} levels. A scenario needs a few: check the brackets "
                "and the indentation.", limit=MAX_DEPTH))
        node = super().compose_node(parent, index)
        self._depth -= 1
        self._check_tag(node)
        self._sizes[id(node)] = 1 + sum(self._sizes[id(child)] for child in _children(node))
        return node

    def _count(self, values: int, mark: yaml.Mark) -> None:
        """Add ``values`` to the running count, refusing the file at ``mark`` beyond the limit:
        the count stops a long file as early as an alias bomb."""
        self._total += values
        if self._total > MAX_NODES:
            raise ScenarioYamlRefused(mark.line + 1, _(
                "by here the file holds more than {limit} values (an alias *name counts as what "
                "it refers to), the limit of a scenario file. Write fewer values, or aliases not "
                "nested in each other.",
                limit=f"{MAX_NODES:,}".replace(",", " ")))

    def _check_tag(self, node: yaml.Node) -> None:
        """A plain tag, on a node of its kind, and a scalar its constructor reads: nothing
        can fail later, when the values are built."""
        line = node.start_mark.line + 1
        if node.tag == _YAML + "merge":
            raise ScenarioYamlRefused(line, _("the merge key << is not supported in a scenario. "
                                              "Write the keys out, or use based_on."))
        if node.tag not in PLAIN_TAGS:
            raise ScenarioYamlRefused(line, _("the tag {tag} is not allowed: a scenario file "
                                              "holds numbers, text, lists and mappings only. "
                                              "Remove the tag.", tag=_short(node.tag)))
        if not isinstance(node, _NODE_OF_TAG.get(node.tag, yaml.ScalarNode)):
            raise ScenarioYamlRefused(line, _("the tag {tag} does not fit the list or mapping "
                                              "that stands here. Remove "
                                              "the tag.", tag=_short(node.tag)))
        if isinstance(node, yaml.MappingNode):
            for key, __ in node.value:
                if not isinstance(key, yaml.ScalarNode):  # unhashable: no Python dict holds it
                    raise ScenarioYamlRefused(key.start_mark.line + 1,
                                              _("a key here is a list or a mapping; the keys of a "
                                                "scenario are names. Correct the key."))
        if isinstance(node, yaml.ScalarNode):
            try:
                SafeConstructor().construct_object(node)
            except _VALUE_ERRORS:
                raise ScenarioYamlRefused(line, _(
                    "'{value}' cannot be read as {tag}. Remove the tag, or put the value in "
                    "quotes to keep it as text.", value=node.value[:60],
                    tag=_short(node.tag))) from None


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return node.value
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _short(tag: str) -> str:
    return "!!" + tag[len(_YAML):] if tag.startswith(_YAML) else tag


def read_text(path: Path) -> str:
    """The text of a scenario file, refused if too large or not UTF-8.

    Raises
    ------
    ScenarioYamlRefused
        With the line of the first byte that is not UTF-8, and whether the text reads as
        cp1251 (the usual cause).
    OSError
        If the file cannot be read.
    """
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ScenarioYamlRefused(None, _("the file has {size} bytes; a scenario file has at most "
                                          "{limit}. Check that this is a scenario file, and take "
                                          "data out of it: layers are loaded with "
                                          "qonys load.", size=size,
                                           limit=MAX_BYTES))
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        try:
            raw.decode("cp1251")
        except UnicodeDecodeError:
            key = N_("the text is not UTF-8 (byte {byte}). Save the file as UTF-8.")
        else:
            key = N_(
                    "the text is not UTF-8 (byte {byte}); the file seems saved in cp1251 "
                    "(Windows-1251). Save it as UTF-8 (Notepad: Save As → Encoding UTF-8).")
        raise ScenarioYamlRefused(line, _(key, byte=f"0x{raw[exc.start]:02X}")) from None


def compose_scenario(text: str) -> yaml.Node | None:
    """The YAML node tree of a scenario file's text, within the module's bounds.

    Returns
    -------
    yaml.Node or None
        The root node (``None`` for an empty document); aliases are shared nodes, not copies.

    Raises
    ------
    ScenarioYamlRefused
        If a bound is crossed or a tag is not a plain one.
    yaml.YAMLError
        If the text is not YAML.

    Examples
    --------
    >>> compose_scenario("a: &x [1, 2]\\nb: *x\\n").value[1][1].value[0].value
    '1'
    """
    loader = _BoundedLoader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()
