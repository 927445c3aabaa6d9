"""The public names of planning's rooms, imported when first asked for (PEP 562).

A room's ``__init__`` names what it exports and the module each name lives in; importing the
room loads none of them, so that ``import planning.cli`` does not load the forecast.

Examples
--------
>>> getattr_, dir_ = lazy_exports("planning.forecast", {"forecast": "model"})
>>> getattr_("forecast").__module__
'planning.forecast.model'
>>> getattr_("nothing")
Traceback (most recent call last):
...
AttributeError: module 'planning.forecast' has no attribute 'nothing'
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping


def lazy_exports(package: str, exports: Mapping[str, str]) -> tuple[Callable[[str], object],
                                                                    Callable[[], list[str]]]:
    """The module ``__getattr__`` and ``__dir__`` of ``package`` that export ``exports``.

    Parameters
    ----------
    package
        The room's dotted name (its ``__name__``).
    exports
        Public name → the room's module (``"model"`` for ``planning.forecast.model``).
    """

    def module_getattr(name: str) -> object:
        if name in exports:
            return getattr(importlib.import_module(f"{package}.{exports[name]}"), name)
        msg = f"module {package!r} has no attribute {name!r}"
        raise AttributeError(msg)

    def module_dir() -> list[str]:
        own = vars(sys.modules[package]) if package in sys.modules else {}
        return sorted(set(own) | set(exports))

    return module_getattr, module_dir
