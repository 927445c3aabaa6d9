"""``qonys report``: write the report as one HTML file, and PNG maps or a PDF if asked."""

from __future__ import annotations

import argparse
from pathlib import Path

from geo.i18n import current_language, tr
from planning.cli.options import command
from planning.cli.output import print_outputs
from planning.cli.text import echo

EXAMPLE = ("example:\n  qonys report --store out/demo/qonys-demo.gpkg --lang kk "
           "--out out/report-kk.html\n  qonys report --scenario almaty_kaskelen_talgar "
           "--compare baseline --pdf out/report.pdf --png out/report-maps")


def add_parser(subparsers) -> None:
    """Register ``report``."""
    parser = command(subparsers, "report", tr("cli.help.report"), EXAMPLE, handler=run)
    parser.add_argument("--out", type=Path, default=Path("out/report.html"),
                        help=tr("cli.help.report_out"))
    parser.add_argument("--scenario", default=None, help=tr("cli.help.report_scenario"))
    parser.add_argument("--compare", default=None, metavar="SCENARIO",
                        help=tr("cli.help.report_compare"))
    parser.add_argument("--png", type=Path, default=None, metavar="DIR",
                        help=tr("cli.help.png"))
    parser.add_argument("--pdf", type=Path, default=None, metavar="FILE",
                        help=tr("cli.help.pdf"))
    parser.add_argument("--pdf-from", choices=("chromium", "png"), default="chromium",
                        help=tr("cli.help.pdf_from"))


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
            echo(f"  {tr('cli.report_pngs', count=len(files.pngs))}: {files.pngs[0].parent}")
        if files.pdf is not None:
            echo(f"  PDF: {files.pdf}")
    return 0
