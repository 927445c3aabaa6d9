"""What several ``qonys`` commands print the same way: the outputs, the timings, a bottleneck."""

from __future__ import annotations

from pathlib import Path

from geo.i18n import _
from planning.cli.text import echo


def print_outputs(store: str | None, report: Path, timings) -> None:
    """Where the workspace and the report were written, and how long it took."""
    lines = [_("Outputs:")]
    if store is not None:
        workspace = _("workspace (GeoPackage/PostGIS)")
        lines.append(f"  {workspace}: {store}")
    said_report = _("report (one HTML file, opens with no network)")
    lines.append(f"  {said_report}: {report}")
    if timings is not None:
        lines.append(timing_line(timings))
    echo("\n".join(lines))


def timing_line(timings) -> str:
    """``  12.3 s (facts 1.0 s, ...)``."""
    parts = ", ".join(f"{k} {v:.1f} s" for k, v in timings.seconds.items())
    return f"  {sum(timings.seconds.values()):.1f} s ({parts})"


def bottleneck_label(value, norms) -> str:
    """The bottleneck network's name in the current language."""
    from planning.provision.readiness import label

    return label(value, norms)
