"""Preparing at the desk for the next free kiosk: the first choice of Prepare, listed as waiting at
any kiosk, and offered by a kiosk that was not named."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.i18n import isolated, msg, words_for
from kiosk.session import Briefing
from kiosk.store.staff import add_staff
from kiosk.ui.console.table import COLUMNS
from tests.session.fakes import FakeClock
from tests.shared import open_station
from tests.ui.console_drive import PIN, STAFF, console, sign_in

EN = words_for("en")
KIOSK_COLUMN = COLUMNS.index("console.column.kiosk")


def test_a_briefing_for_the_next_free_kiosk_is_offered_by_any(qtbot: QtBot, tmp_path: Path) -> None:
    clock = FakeClock(datetime.now(UTC))
    with open_station(tmp_path, clock, kiosk_id="kiosk-7") as station:
        add_staff(station.store, STAFF, PIN, clock.now())
        for window in console(qtbot):
            sign_in(qtbot, window)
            view = window.prepare
            window.tabs.setCurrentWidget(view)
            qtbot.waitUntil(lambda: view.kiosk.count() > 1)  # noqa: B023
            assert view.kiosk.currentText() == EN("staff.kiosk.any")  # the first choice
            view.name.setText("Lena Fischer")
            qtbot.keyClicks(view.born, "3/14/1951")
            view.button.click()
            done = msg("console.prepare.done-any", name=isolated("Lena Fischer"))
            assert view.message.text() == EN(done)
            offered = station.next_briefing()  # kiosk-7 was not named, and offers it
            assert isinstance(offered, Briefing) and offered.patient is not None
            assert offered.patient.name == "Lena Fischer"
            listing = window.briefings
            window.tabs.setCurrentWidget(listing)
            listing.reload()
            qtbot.waitUntil(lambda: listing.model.rowCount() == 1)  # noqa: B023
            kiosk = listing.model.index(0, KIOSK_COLUMN).data()
            assert kiosk == EN("staff.kiosk.any")
