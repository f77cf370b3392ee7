"""`kiosk` alone starts the touchscreen on the embedded store; a store it cannot use is one sentence."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.cli import main


def test_bare_kiosk_starts_the_touchscreen_and_paints_its_first_screen(
    qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--windowed", "--exit-after-paint"]) == 0
    assert (tmp_path / "data" / "kiosk.db").exists()
    assert capsys.readouterr().err == ""


def test_a_database_that_is_not_one_is_named_and_left_alone(
    qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "data" / "kiosk.db"
    db.parent.mkdir(parents=True)
    db.write_bytes(b"this is not a database" * 100)
    assert main(["--windowed", "--exit-after-paint"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("kiosk touchscreen: ") and str(db) in err
    assert err.count("\n") == 1
    assert db.read_bytes() == b"this is not a database" * 100
