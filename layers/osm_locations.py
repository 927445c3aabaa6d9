"""The locations of an OpenStreetMap XML file's nodes, checked as written (issue 18).

pyosmium stops at ``lat="nan"`` without naming the node, reads ``lat="1e400"`` as 0 and takes
``lat="95"`` for a node missing from the file (its ways "cut at the extract's edge"), all
without a word about the value. :func:`refuse_bad_locations` names such nodes by id; it reads
the XML once more, line by line, decompressed as it goes. A ``.pbf`` stores locations as
integers in range and is not read again.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

from geo.errors import InputFileError
from geo.i18n import _

#: How many nodes a message lists (all are counted).
LISTED = 10


def refuse_bad_locations(path: Path, fmt: str) -> None:
    """Raise naming the nodes of :func:`bad_location_nodes`, if any."""
    nodes = bad_location_nodes(path, fmt)
    if nodes:
        listed = ", ".join(f"{oid} (lat={lat!r}, lon={lon!r})"
                           for oid, lat, lon in nodes[:LISTED])
        raise InputFileError(_("{path}: {count} node(s) without a valid location (lat within ±90, "
                               "lon ±180): {nodes}. Correct or remove these nodes, or download "
                               "the extract again.",
                               path=path.name, nodes=listed,
                                count=len(nodes)))


_NODE_TAG = re.compile(rb"<node\b[^>]*>")
_ATTRIBUTE = re.compile(rb"""\b(id|lat|lon)\s*=\s*["']([^"']*)["']""")


def bad_location_nodes(path: Path, fmt: str) -> list[tuple[str, str, str]]:
    """The XML nodes whose ``lat`` or ``lon`` is not a finite number within ±90 / ±180, as
    (id, lat, lon) in the file's order; ``[]`` for a ``.pbf`` (its coordinates are integers).
    The file is read line by line, decompressed as it goes."""
    import bz2
    import gzip

    if fmt == "pbf":
        return []
    opener = {"osm.bz2": bz2.open, "osm.gz": gzip.open}.get(fmt, open)
    bad = []
    with opener(path, "rb") as handle:
        for line in handle:
            for tag in _NODE_TAG.findall(line):
                values = {k.decode(): v.decode(errors="replace")
                          for k, v in _ATTRIBUTE.findall(tag)}
                if "lat" not in values and "lon" not in values:
                    continue  # a deleted node of a history file: osmium says its ways are cut
                if not (_degrees(values.get("lat"), 90) and _degrees(values.get("lon"), 180)):
                    bad.append((values.get("id", "?"), values.get("lat", ""),
                                values.get("lon", "")))
    return bad


def _degrees(text: str | None, limit: float) -> bool:
    try:
        value = float(text)
    except (TypeError, ValueError):
        return False
    return math.isfinite(value) and -limit <= value <= limit
