"""The options that several ``qonys`` commands share, defined once, and the sub-parser factory.

Every command takes ``--store``, ``--lang`` and ``-v`` (:func:`common_options`); the command
modules of :mod:`planning.cli.commands` make their sub-parser with :func:`command` and take the
shared ``--year``, ``--region``/``--res`` and source options from here. Help texts go through
:func:`geo.i18n.tr`, so the parser must be built after the language is known
(:func:`language_of`).
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Sequence

from geo.errors import LayerSchemaError, QonysError
from geo.i18n import DEFAULT_LANGUAGE, LANGUAGES, _

#: A command's handler: ``handler(args, location)`` returns the exit status.
Handler = Callable[[argparse.Namespace, "str | None"], int]


class UsageError(QonysError, ValueError):
    """A command given the wrong number of arguments."""


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """argparse's layout, with its own words ("usage:") in the chosen language."""

    def add_usage(self, usage, actions, groups, prefix=None) -> None:
        super().add_usage(usage, actions, groups,
                          prefix=_("usage: ") if prefix is None else prefix)


def language_of(argv: Sequence[str], environ: dict | None = None) -> tuple[str, str | None]:
    """The language of ``qonys``: ``--lang`` in ``argv``, else ``$QONYS_LANG``, else ru.

    Read before the parser is built, since the parser's help is in that language. Returns the
    language and, when ``$QONYS_LANG`` names no language of qonys and is not overridden, that
    value (the caller warns; an unknown ``--lang`` is the parser's error).
    """
    environ = os.environ if environ is None else environ
    given = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            given = argv[i + 1]
        elif arg.startswith("--lang="):
            given = arg.partition("=")[2]
    if given in LANGUAGES:
        return given, None
    env = environ.get("QONYS_LANG", "").strip()
    if env in LANGUAGES:
        return env, None
    if not env or given is not None:  # an unknown --lang: the parser says so
        return DEFAULT_LANGUAGE, None
    return DEFAULT_LANGUAGE, env


def common_options(*, defaults: bool) -> argparse.ArgumentParser:
    """``--store``, ``--lang``, ``-v`` and ``-h``, with their defaults or without.

    A command's own copy is made without defaults, so that it does not overwrite what was
    given before the command (``qonys --lang en load ...``).
    """

    def default(value: object) -> object:
        return value if defaults else argparse.SUPPRESS

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                        help=_("show this help message and exit"))
    common.add_argument("--store", metavar="PATH|URL", default=default(None),
                        help=_("workspace: a GeoPackage path or a postgresql:// URL (default: "
                               "$QONYS_STORE or ./qonys.gpkg)"))
    common.add_argument("--lang", choices=LANGUAGES, default=default(None),
                        help=_("language of messages, help and reports (default: $QONYS_LANG or "
                               "ru)"))
    common.add_argument("-v", "--verbose", action="count", default=default(0),
                        help=_("log what happens (-vv for more)"))
    return common


def translate_titles(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Give the parser's two groups their titles in the chosen language."""
    # argparse names them at construction through its own gettext domain, which has no kk
    parser._positionals.title = _("positional arguments")
    parser._optionals.title = _("options")
    return parser


def command(subparsers, name: str, text: str, example: str, *,
            handler: Handler) -> argparse.ArgumentParser:
    """A sub-parser of ``qonys`` with the common options, an example and its ``handler``."""
    parser = subparsers.add_parser(name, help=text, description=text, add_help=False,
                                   parents=[common_options(defaults=False)], epilog=example,
                                   formatter_class=HelpFormatter)
    parser.set_defaults(handler=handler)
    return translate_titles(parser)


def year_option(parser: argparse.ArgumentParser) -> None:
    """``--year``: the base year of a readiness assessment."""
    parser.add_argument("--year", type=int, default=None, help=_("base year: sources commissioned "
                                                                 "later are left out"))


def cell_options(parser: argparse.ArgumentParser) -> None:
    """``--region`` and ``--res``: run on a region's H3 cells instead of every unit."""
    parser.add_argument("--region", default=None, help=_("run on this region's H3 cells instead "
                                                         "of every unit (with --res)"))
    parser.add_argument("--res", type=int, choices=(8, 9), default=9,
                        help=_("H3 resolution of --region (default 9)"))


def cells(args: argparse.Namespace) -> tuple[str, int] | None:
    """The ``(region, res)`` of :func:`cell_options`, or ``None`` for every unit."""
    return (args.region, args.res) if args.region else None


def source_options(parser: argparse.ArgumentParser) -> None:
    """What ``load`` and ``validate`` take to read a source."""
    from layers.catalogue import KINDS

    parser.add_argument("source", help=_("file path, or postgresql:// URL with --layer"))
    parser.add_argument("--kind", required=True, choices=tuple(KINDS), metavar="KIND",
                        help=_("layer kind: {kinds}", kinds=", ".join(KINDS)))
    parser.add_argument("--layer", default=None, help=_("the source's layer (GeoPackage, zip) or "
                                                        "table (PostGIS)"))
    parser.add_argument("--region", default=None, help=_("region written into column region"))
    parser.add_argument("--encoding", default=None, help=_("text encoding of a .dbf or CSV "
                                                           "(default: detected)"))
    parser.add_argument("--crs", default=None, help=_("CRS of the source, e.g. EPSG:28413"))
    parser.add_argument("--map", action="append", default=[], metavar="SRC=DEST",
                        help=_("map a source column to a schema column (repeatable)"))
    parser.add_argument("--set", action="append", default=[], metavar="COLUMN=VALUE",
                        help=_("give every row this value in a schema column, before the checks, "
                               "e.g. kind=school (repeatable)"))
    parser.add_argument("--points", action="store_true", help=_("for a kind of points: take a "
                                                                "point inside each polygon or "
                                                                "line (candidate sites from grid "
                                                                "cells or parcels)"))
    parser.add_argument("--keep", action="append", default=[], metavar="COLUMN=PATTERN",
                        help=_("keep only rows whose column matches a glob, e.g. kato=75* "
                               "(repeatable; patterns of one column are alternatives)"))


def pairs(values: list[str], option: str) -> dict[str, str]:
    """``["a=b", ...]`` of a repeatable option as ``{"a": "b"}``."""
    found = {}
    for value in values:
        source, sep, target = value.partition("=")
        if not sep or not source.strip() or not target.strip():
            msg = _("'{value}' is not a SOURCE=TARGET pair for "
                    "{option}.", value=value, option=option)
            raise LayerSchemaError(msg, [msg])
        found[source.strip()] = target.strip()
    return found


def keep(values: list[str]) -> dict[str, list[str]]:
    """``--keep COLUMN=PATTERN`` values as ``{column: [pattern, ...]}``."""
    found: dict[str, list[str]] = {}
    for value in values:
        column, sep, pattern = value.partition("=")
        if not sep or not column.strip():
            msg = _("'{value}' is not a SOURCE=TARGET pair for {option}.",
                    value=value, option="--keep")
            raise LayerSchemaError(msg, [msg])
        found.setdefault(column.strip(), []).append(pattern)
    return found
