"""The touchscreen's log: no PIN in the database or the logs, and no patient's details in the logs,
after a whole briefing through the real widgets at DEBUG; and a log folder it cannot write never
stops the kiosk."""

from __future__ import annotations

import io
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.cli import main
from kiosk.logs import Logging, start_logging
from kiosk.session import ScreenKind
from kiosk.station import Station
from kiosk.store.staff import LoginOutcome
from kiosk.ui.staff.sign_in import StaffSignIn
from kiosk.ui.window import KioskWindow
from tests.ui.conftest import NAME
from tests.ui.drive import begin, key, kind, next_, sign_here, tap, walk_to

PIN = "482913"
WRONG_PIN = "135790"
STAFF = "Dana Okafor"
MRN = "MRN-0042"  # the `prepared` fixture's
BIRTH_DATE = ("1951-03-14", "03/14/1951", "14/03/1951", "14.03.1951", "March 14, 1951", "14 March 1951", "03141951", "19510314")  # fmt: skip


@pytest.fixture
def debug_log(tmp_path: Path) -> Iterator[Logging]:
    """The kiosk's log into this test's data folder at DEBUG, as the touchscreen sets it up."""
    setup = start_logging(tmp_path / "data", "DEBUG", console=sys.stderr)
    yield setup
    setup.close()


def add_staff(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """`kiosk staff add` as IT runs it: the PIN typed twice on standard input."""
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PIN}\n{PIN}\n"))
    assert main(["staff", "add", STAFF]) == 0
    assert capsys.readouterr().out == f"staff added: {STAFF} (active)\n"


def sign_in(qtbot: QtBot, window: KioskWindow, station: Station, pin: str) -> StaffSignIn:
    """The real sign-in dialog: tap the name, tap the PIN's digits, tap Sign in."""
    dialog = StaffSignIn(window, station, "Staff mode")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    tap(qtbot, key(dialog, STAFF))
    for digit in pin:
        tap(qtbot, key(dialog.pad, digit))
    assert dialog.pad.field.displayText() != pin  # dots on the screen, never the digits
    tap(qtbot, dialog.ok)
    return dialog


def files(data: Path) -> list[Path]:
    """The database file (and its write-ahead log, if any) and every log file."""
    db = [data / name for name in ("kiosk.db", "kiosk.db-wal") if (data / name).exists()]
    return db + sorted((data / "logs").iterdir())


def test_no_pin_in_the_database_or_logs_and_no_patient_details_in_the_logs(
    debug_log: Logging,
    qtbot: QtBot,
    window: KioskWindow,
    prepared: str,
    station: Station,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    add_staff(monkeypatch, capsys)
    assert station.staff_login(STAFF, WRONG_PIN).outcome is LoginOutcome.WRONG
    assert station.staff_login(STAFF, PIN).ok
    assert sign_in(qtbot, window, station, WRONG_PIN).signed_in is None
    assert sign_in(qtbot, window, station, PIN).signed_in == STAFF

    begin(qtbot, window)  # the prepared patient confirms their date of birth on the keypad
    walk_to(qtbot, window, ScreenKind.SIGN, flag=window.briefing.form.risks[0].id)  # type: ignore[union-attr]
    sign_here(qtbot, window)
    with qtbot.waitSignal(window.pdf_finished, timeout=30_000):
        next_(qtbot, window)
    assert kind(window) is ScreenKind.DONE
    debug_log.close()

    data = tmp_path / "data"
    found = files(data)
    logs = [p for p in found if p.parent.name == "logs"]
    assert {p.name for p in logs} == {"kiosk.log", "commands.log"}
    kiosk_log = (data / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert f"briefing {prepared}: PDF made" in kiosk_log  # the log is not empty: ids, not names
    assert "DEBUG" in kiosk_log or "INFO" in kiosk_log
    for path in found:
        raw = path.read_bytes()
        for pin in (PIN, WRONG_PIN):
            assert pin.encode() not in raw, f"a PIN is in {path.name}"
            assert pin.encode("utf-16-le") not in raw, f"a PIN is in {path.name}"
    personal = [
        NAME,
        unicodedata.normalize("NFD", NAME),
        *NAME.replace("-", " ").split(),
        "Angstrom",
        "Oberg",
        MRN,
        *BIRTH_DATE,
    ]
    for path in logs:
        text = path.read_bytes().decode("utf-8")
        for detail in personal:
            assert detail.casefold() not in text.casefold(), f"{detail!r} is in {path.name}"


def run_kiosk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(Path(sys.executable).with_name("kiosk")), *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_touchscreen_logs_its_start_and_stop(tmp_path: Path) -> None:
    assert run_kiosk("init").returncode == 0
    result = run_kiosk("--windowed", "--exit-when-ready")
    assert result.returncode == 0, result.stderr
    assert "kiosk:" not in result.stderr
    lines = (tmp_path / "data" / "logs" / "kiosk.log").read_text(encoding="utf-8").splitlines()
    assert " INFO kiosk.cli: kiosk 0.1.0 starting: kiosk id " in lines[0]
    assert ", SQLite database, config " in lines[0]
    assert any(
        "INFO kiosk.startup: pending PDFs: 0 made, 0 still pending" in line for line in lines
    )
    assert lines[-1].endswith("INFO kiosk.cli: kiosk stopped (exit status 0)")


def test_a_log_folder_the_kiosk_cannot_write_does_not_stop_it(tmp_path: Path) -> None:
    folder = tmp_path / "data" / "logs"
    folder.parent.mkdir()
    folder.write_text("a file where the folder should be")
    result = run_kiosk("--windowed", "--exit-when-ready")
    assert result.returncode == 0, result.stderr
    said = [line for line in result.stderr.splitlines() if line.startswith("kiosk:")]
    assert said == [
        f"kiosk: the log cannot be written in {folder} (it is a file, not a folder); it goes to "
        "the console (stderr) instead until the kiosk's user can write there."
    ]
    assert "INFO kiosk.cli: kiosk stopped (exit status 0)" in result.stderr  # the lines follow
    assert "Traceback" not in result.stderr
