"""The records out of reach while the kiosk runs (a database server stopped, a file taken away):
Start and a staff sign-in say so on screen. A reviewer stopped PostgreSQL under a running kiosk:
Start did nothing, a right PIN just cleared, and each tap logged an unhandled error."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from kiosk.i18n import words_for
from kiosk.station import Station
from kiosk.store.staff import add_staff
from kiosk.ui.staff.sign_in import StaffSignIn
from kiosk.ui.window import KioskWindow
from tests.session.fakes import FakeClock
from tests.ui.conftest import FakeInteraction
from tests.ui.drive import key, tap

EN = words_for("en")
STAFF, PIN = "Dana Okafor", "482913"


class Records:
    """The database file taken away under the running kiosk (its connections closed), and put
    back: a read meets an empty file with no tables, as a kiosk meets a server that went down."""

    def __init__(self, station: Station) -> None:
        self.station = station
        self.path = Path(str(station.store.engine.url.database))
        self.aside = self.path.with_name("aside")

    def take_away(self) -> None:
        self.aside.mkdir()
        for f in self.path.parent.glob(f"{self.path.name}*"):
            if not f.name.endswith(".lock"):
                f.rename(self.aside / f.name)
        self.station.store.engine.dispose()

    def put_back(self) -> None:
        self.station.store.engine.dispose()
        self.path.unlink(missing_ok=True)
        for f in self.aside.iterdir():
            f.replace(self.path.parent / f.name)
        self.aside.rmdir()


@pytest.fixture
def records(station: Station, clock: FakeClock) -> Iterator[Records]:
    add_staff(station.store, STAFF, PIN, clock.now())
    records = Records(station)
    yield records
    if records.aside.exists():
        records.put_back()


@pytest.fixture
def away(records: Records) -> None:
    records.take_away()


def test_start_says_the_records_cannot_be_reached(
    qtbot: QtBot, window: KioskWindow, away: None, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    tap(qtbot, window.welcome.start_button)
    assert window.briefing is None
    assert window.welcome.message.isVisible()
    assert window.welcome.message.text() == EN("welcome.records-unreachable")
    said = [r for r in caplog.records if "could not be read" in r.getMessage()]
    assert said and all(r.levelno == logging.WARNING and r.exc_info is None for r in said)
    assert not [r for r in caplog.records if r.levelno >= logging.CRITICAL]


def _sign_in(qtbot: QtBot, window: KioskWindow, station: Station) -> StaffSignIn:
    dialog = StaffSignIn(window, station, "Staff mode")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_staff_sign_in_says_the_records_cannot_be_reached_rather_than_no_staff(
    qtbot: QtBot, window: KioskWindow, station: Station, away: None
) -> None:
    dialog = _sign_in(qtbot, window, station)
    said = [t.text() for t in dialog.findChildren(QLabel) if t.isVisible()]
    assert EN("staff.store-failed") in said and EN("staff.sign-in.no-staff") not in said


def test_a_right_pin_says_the_records_cannot_be_reached_rather_than_clearing(
    qtbot: QtBot, window: KioskWindow, station: Station, records: Records
) -> None:
    dialog = _sign_in(qtbot, window, station)
    tap(qtbot, key(dialog, STAFF))
    qtbot.waitUntil(dialog.pad.isVisible)
    records.take_away()  # the server goes down while staff type their PIN
    for digit in PIN:
        tap(qtbot, key(dialog.pad, digit))
    tap(qtbot, dialog.ok)
    assert dialog.signed_in is None
    assert dialog.message.text() == EN("staff.store-failed")
    records.put_back()
    for digit in PIN:
        tap(qtbot, key(dialog.pad, digit))
    tap(qtbot, dialog.ok)
    assert dialog.signed_in == STAFF  # back once the records are


def test_staff_mode_opens_when_its_opening_cannot_be_recorded(
    qtbot: QtBot,
    window: KioskWindow,
    interaction: FakeInteraction,
    records: Records,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Signed in a moment before the records went: staff mode opens (to close the kiosk, say),
    and the log says what could not be recorded."""
    interaction.answer = STAFF
    records.take_away()
    window.open_staff()
    assert window.staff_mode.is_open
    assert any("staff_mode_opened could not be recorded" in r.getMessage() for r in caplog.records)
    records.put_back()
    window.staff_mode.close()
