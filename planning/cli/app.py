"""The ``qonys`` command line.

Every command takes ``--store PATH|URL`` (a GeoPackage path or a PostgreSQL URL; default
``$QONYS_STORE`` or ``./qonys.gpkg``) and ``--lang ru|kk|en`` (default ``$QONYS_LANG`` or ru).
The parser is assembled from the command modules of :mod:`planning.cli.commands`; each sets its
handler, so nothing here dispatches on a command's name. Errors of qonys become one message in
the chosen language and exit status 2, without a traceback. Logging is set up here and nowhere
else (``-v``).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from geo.errors import QonysError
from geo.i18n import LANGUAGES, _, set_language
from planning.cli.commands import COMMANDS
from planning.cli.options import HelpFormatter, common_options, language_of, translate_titles
from planning.cli.text import SafeFormatter, echo, safe_warnings
from planning.notices import collect


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``qonys`` and its commands, with help in the current language."""
    parser = argparse.ArgumentParser(
        prog="qonys", description=_("qonys: how ready each territory is to take more residents "
                                    "(infrastructure first, then resettlement)."), add_help=False,
        parents=[common_options(defaults=True)], formatter_class=HelpFormatter,
        epilog=_("Run `qonys COMMAND --help` for a command's options and an example."))
    translate_titles(parser)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True,
                                       title=_("commands"))
    for module in COMMANDS:
        module.add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``qonys``; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    # The help is in the chosen language, so the language is known before the parser is built.
    lang, unknown = language_of(argv)
    set_language(lang)
    if unknown is not None:
        echo(_("qonys: QONYS_LANG={value} is not a language of qonys ({choices}); using "
               "{fallback}.",
               value=unknown, choices=", ".join(LANGUAGES),
                fallback=lang), file=sys.stderr)
    args = build_parser().parse_args(argv)
    set_language(args.lang or lang)
    _configure_logging(args.verbose)
    safe_warnings()
    try:
        with collect() as notices:
            try:
                location = args.store or getattr(args, "store_default", None)
                return args.handler(args, location)
            finally:
                # Whatever the command found about its inputs, said once, in the chosen language.
                for text in notices.texts():
                    echo(text, file=sys.stderr)
    except QonysError as exc:
        echo(_("Error: {message}", message=exc), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        echo(_("Interrupted."), file=sys.stderr)
        return 130


def _configure_logging(verbosity: int) -> None:
    if verbosity <= 0:
        return
    level = logging.INFO if verbosity == 1 else logging.DEBUG
    handler = logging.StreamHandler()
    handler.setFormatter(SafeFormatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
    for name in ("geo", "layers", "planning", "maps"):
        logger = logging.getLogger(name)
        logger.setLevel(level)
        logger.addHandler(handler)


if __name__ == "__main__":
    sys.exit(main())
