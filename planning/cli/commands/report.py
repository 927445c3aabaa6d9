"""``qonys report``: write the report as one HTML file, and PNG maps or a PDF if asked."""

from __future__ import annotations

import argparse
from pathlib import Path

from geo.i18n import _, current_language
from planning.cli.options import command
from planning.cli.output import print_outputs
from planning.cli.text import echo

EXAMPLE = ("example:\n  qonys report --store out/demo/qonys-demo.gpkg --lang kk "
           "--out out/report-kk.html\n  qonys report --scenario almaty_kaskelen_talgar "
           "--compare baseline --pdf out/report.pdf --png out/report-maps")


def add_parser(subparsers) -> None:
    """Register ``report``."""
    parser = command(subparsers, "report", _("write the report: one HTML file that opens with no "
                                             "network (readiness, networks, gap, flows, forecast, "
                                             "scenarios, proposals)"), EXAMPLE, handler=run)
    parser.add_argument("--out", type=Path, default=Path("out/report.html"),
                        help=_("HTML file to write (default: out/report.html)"))
    parser.add_argument("--scenario", default=None, help=_("scenario whose forecast and proposals "
                                                           "to show: a shipped name or a YAML "
                                                           "file (default: baseline where the "
                                                           "workspace allows; forecast for the "
                                                           "report if not yet run)"))
    parser.add_argument("--compare", default=None, metavar="SCENARIO",
                        help=_("also show the difference of --scenario from this scenario"))
    parser.add_argument("--png", type=Path, default=None, metavar="DIR",
                        help=_("also write a static PNG of every map layer into DIR"))
    parser.add_argument("--pdf", type=Path, default=None, metavar="FILE",
                        help=_("also write the report as PDF"))
    parser.add_argument("--pdf-from", choices=("chromium", "png"), default="chromium",
                        help=_("print the PDF with headless Chromium (runs the maps; default) or "
                               "assemble it from the static PNG maps"))


def run(args: argparse.Namespace, location: str | None) -> int:
    """Write the report of the workspace at ``location``; returns the exit status."""
    from layers.store import open_store
    from planning.cli import pipeline

    with open_store(location) as store:
        files = pipeline.run_report(store, args.out, lang=current_language(),
                                    scenario=args.scenario, compare=args.compare,
                                    png_dir=args.png, pdf=args.pdf, pdf_from=args.pdf_from)
        print_outputs(None, files.html, None)
        if files.pngs:
            report_pngs = _("static PNG maps ({count})", count=len(files.pngs))
            echo(f"  {report_pngs}: {files.pngs[0].parent}")
        if files.pdf is not None:
            echo(f"  PDF: {files.pdf}")
    return 0
