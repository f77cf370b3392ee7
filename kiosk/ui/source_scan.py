"""PySide6's look into each module imported after it, made a search of the file's bytes.

Once PySide6 is imported, its import hook asks of every module imported from then on whether its
source names PySide6 (`shibokensupport.feature._mod_uses_pyside`: PySide's `__feature__` switches,
`snake_case` and `true_property`, apply only to the modules that use it). It asks
`inspect.getsource`, which reads each file, decodes it, splits it into lines and keeps them in
`linecache` for the life of the process: about 70 modules by the time Welcome is painted (the
standard library's largest among them, `typing`, `inspect`, `logging`, each met again in an import
statement), 13 ms of the kiosk's start on this machine, and their text held in memory.

Here the same question is answered by searching the module's `.py` file as bytes, with nothing kept;
a module without one (built in, compiled, in a zip) is asked PySide's own way. The kiosk selects no
feature, so the answers only keep PySide's bookkeeping as it was. Should a later PySide6 lay its
support out differently, nothing is changed and the kiosk starts as before.

Imported first by the kiosk's Qt entry points (kiosk.ui.app, kiosk.ui.console.app).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

import PySide6.QtCore  # noqa: F401  (PySide's import hook and its feature support come with it)

ORIGINAL = "_mod_uses_pyside"


def searcher(original: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    """`original`'s answer, from the module's file read as bytes where it has a `.py` file."""

    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return original(module)
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:  # (as inspect finds no source: not a module that uses PySide)
            return False

    uses_pyside.original = original  # type: ignore[attr-defined]
    return uses_pyside


def install() -> bool:
    """Put the byte search in the place of PySide's own; whether it could be."""
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, ORIGINAL, None)
    if feature is None or not callable(original):
        return False
    if not hasattr(original, "original"):
        setattr(feature, ORIGINAL, searcher(original))
    return True


install()
