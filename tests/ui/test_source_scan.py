"""PySide6's look at each module imported after it (kiosk.ui.source_scan): the same answers as its
own, without each module's source read into lines and kept in `linecache`."""

from __future__ import annotations

import ast
import json
import linecache
import sys
from pathlib import Path

import pytest

import kiosk.session.view
import kiosk.ui.source_scan
import kiosk.ui.window

ROOT = Path(__file__).resolve().parents[2]


HOOKED = callable(getattr(sys.modules.get("shibokensupport.feature"), "_mod_uses_pyside", None))
"""This PySide6 looks at each module's source (a later one may not: the kiosk then changes
nothing, and there is nothing to test here but that)."""
hooked = pytest.mark.skipif(not HOOKED, reason="this PySide6 reads no module's source on import")


def _feature() -> object:
    return sys.modules["shibokensupport.feature"]


@pytest.mark.skipif(HOOKED, reason="this PySide6 reads each module's source on import")
def test_without_pysides_look_nothing_is_changed() -> None:
    assert not kiosk.ui.source_scan.install()


@pytest.mark.parametrize("entry", ["kiosk/ui/app.py", "kiosk/ui/console/app.py"])
def test_the_qt_entry_points_import_it_before_anything_else(entry: str) -> None:
    tree = ast.parse((ROOT / entry).read_text(encoding="utf-8"))
    imports = [n for n in tree.body if isinstance(n, ast.Import | ast.ImportFrom)]
    first = next(
        n for n in imports if not (isinstance(n, ast.ImportFrom) and n.module == "__future__")
    )
    assert isinstance(first, ast.Import) and first.names[0].name == "kiosk.ui.source_scan"


@hooked
def test_it_is_in_place_once() -> None:
    uses_pyside = getattr(_feature(), kiosk.ui.source_scan.ORIGINAL)
    assert hasattr(uses_pyside, "original")  # the byte search, over PySide's own
    assert kiosk.ui.source_scan.install()  # a second time changes nothing
    assert getattr(_feature(), kiosk.ui.source_scan.ORIGINAL) is uses_pyside


@hooked
@pytest.mark.parametrize("module", [kiosk.ui.window, kiosk.session.view, json, sys, pytest])
def test_it_answers_as_pyside_does(module: object) -> None:
    uses_pyside = getattr(_feature(), kiosk.ui.source_scan.ORIGINAL)
    assert uses_pyside(module) == uses_pyside.original(module)


@hooked
def test_a_module_imported_after_it_is_not_kept_in_linecache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "kiosk_scan_probe.py"
    source.write_text("from PySide6.QtCore import QObject\n\nVALUE = 1\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "kiosk_scan_probe", raising=False)
    probe = __import__("kiosk_scan_probe")  # an import statement's way (PySide's hook)
    assert probe.VALUE == 1
    table = getattr(_feature(), "pyside_feature_dict")  # noqa: B009  (PySide's own bookkeeping)
    assert table.get("kiosk_scan_probe") == 0  # looked at: a module that uses PySide
    assert str(source) not in linecache.cache
    uses_pyside = getattr(_feature(), kiosk.ui.source_scan.ORIGINAL)
    assert uses_pyside.original(probe)  # PySide's own look keeps it:
    assert str(source) in linecache.cache
    linecache.cache.pop(str(source))
