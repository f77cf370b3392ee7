"""Welcome keeps the room its message takes: when Start finds no briefing ("Please ask a staff
member…", or the records out of reach), the message comes under Start and nothing above it moves
(a reviewer saw Welcome's words and Start jump up 20 px as it came)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QSize
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.station import Station
from kiosk.store.staff import add_staff
from kiosk.ui.window import KioskWindow
from tests.ui.drive import chosen_look, english, tap


@pytest.mark.parametrize(
    ("size", "language", "larger"),
    [
        (QSize(1920, 1080), "en", False),
        (QSize(1280, 800), "es", True),
        (QSize(1080, 1920), "ar", True),
    ],
)
def test_the_message_takes_room_kept_for_it_and_nothing_moves(
    qtbot: QtBot, window: KioskWindow, station: Station, size: QSize, language: str, larger: bool
) -> None:
    add_staff(station.store, "Sam Carter", "482916", station.clock.now())  # set up for patients
    chosen_look(qtbot, window, size, language, larger=larger)
    welcome = window.welcome
    parts = (welcome.title, welcome.intro, welcome.start_button)
    QApplication.processEvents()  # the look just chosen laid out (its posted layout requests)
    before = [w.mapTo(window, QPoint(0, 0)) for w in parts]
    tap(qtbot, welcome.start_button)
    assert window.briefing is None and welcome.message.isVisible()
    assert welcome.message.text() == english("welcome.no-briefing") or language != "en"
    shown = welcome.message
    qtbot.waitUntil(lambda: shown.height() >= shown.heightForWidth(shown.width()))  # laid out whole
    assert [w.mapTo(window, QPoint(0, 0)) for w in parts] == before
