"""The boundary is enforced, not hoped for: PySide6 stays inside kiosk.ui, and the contract has teeth."""

from __future__ import annotations

import ast
import pkgutil
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import kiosk
from tests.conftest import ROOT

LINT_IMPORTS = str(Path(sys.executable).with_name("lint-imports"))


def _contracts() -> list[dict[str, object]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts: list[dict[str, object]] = config["tool"]["importlinter"]["contracts"]
    return contracts


def test_every_module_outside_ui_is_under_the_contract() -> None:
    qt_free = {f"kiosk.{m.name}" for m in pkgutil.iter_modules(kiosk.__path__) if m.name != "ui"}
    pyside_contract = next(c for c in _contracts() if "PySide6" in c["forbidden_modules"])  # type: ignore[operator]
    assert qt_free == set(pyside_contract["source_modules"])  # type: ignore[arg-type]


def test_the_contracts_hold() -> None:
    result = subprocess.run([LINT_IMPORTS], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_pyside_import_outside_ui_breaks_the_build(tmp_path: Path) -> None:
    shutil.copytree(
        ROOT / "kiosk", tmp_path / "kiosk", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    (tmp_path / "kiosk" / "session" / "sneaky.py").write_text(
        "from PySide6 import QtCore\n", encoding="utf-8"
    )
    result = subprocess.run(
        [LINT_IMPORTS], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "kiosk.session.sneaky -> PySide6" in result.stdout


def test_no_test_module_imports_another() -> None:
    """What several test modules share lives in a helper module (tests/ui/drive.py,
    tests/ui/staff_drive.py, tests/shared.py, conftest), never in a test module: importing one
    runs its module-level code and collects nothing of it, and couples two tests' files."""
    found = []
    for path in sorted((ROOT / "tests").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = (
                [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else []
            )
            for name in names:
                if name.startswith("tests.") and name.rsplit(".", 1)[-1].startswith("test_"):
                    found.append(f"{path.relative_to(ROOT)} imports {name}")
    assert not found, found


MODULE_LINES = 400


def test_no_module_of_the_kiosk_is_past_400_lines() -> None:
    """A module past ~400 lines is asking to be split (STYLE.md): each one is held to it."""
    package = ROOT / "kiosk"
    long = {
        str(path.relative_to(ROOT)): lines
        for path in sorted(package.rglob("*.py"))
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MODULE_LINES
    }
    assert not long, f"split these modules (lines each): {long}"
