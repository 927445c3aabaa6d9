"""One module per ``qonys`` command (``scenario`` is one module for its three actions).

Each module has ``add_parser(subparsers)``, which makes its sub-parser with
:func:`planning.cli.options.command` and sets its handler; :func:`planning.cli.app.build_parser`
calls them in the order of :data:`COMMANDS`, which is the order of ``qonys --help``.
"""

from __future__ import annotations

from planning.cli.commands import (
    actual,
    centres,
    check,
    demo,
    export,
    flows,
    grid,
    join,
    kinds,
    layers,
    load,
    national,
    propose,
    readiness,
    report,
    scenario,
    validate,
)

COMMANDS = (demo, national, readiness, grid, report, check, load, validate, join, export, layers,
            kinds, actual, flows, scenario, propose, centres)
