"""The window is painted with Welcome alone, then given its station: a touch on Start in between is
answered once the kiosk is ready, never lost and never answered twice."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from pytestqt.qtbot import QtBot

from kiosk.session import ScreenKind
from kiosk.station import Station
from kiosk.ui.window import KioskWindow
from tests.ui.conftest import FakeInteraction


def test_start_touched_before_the_station_is_attached_begins_once_it_is(
    qtbot: QtBot, station: Station, interaction: FakeInteraction, prepared: str
) -> None:
    window = KioskWindow()
    qtbot.addWidget(window)
    window.show_at(QSize(1280, 800))
    qtbot.waitExposed(window)
    assert not window.ready
    assert window.stack.currentWidget() is window.welcome
    assert not window.bottom.isVisible()

    qtbot.mouseClick(window.welcome.start_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.welcome.start_button, Qt.MouseButton.LeftButton)
    assert window.briefing is None  # nothing to start with yet, and nothing said
    assert not window.welcome.message.isVisible()

    window.attach(station, interaction)  # type: ignore[arg-type]
    assert window.ready
    assert window.briefing is not None and window.briefing.briefing_id == prepared
    assert window.briefing.current.kind is ScreenKind.IDENTITY
    assert window.stack.currentWidget() is window.identity
    assert window.bottom.isVisible()
    window.jobs.wait(20_000)
    window.allow_close = True
    window.close()


def test_closing_before_the_station_is_attached_needs_staff_too(qtbot: QtBot) -> None:
    window = KioskWindow()
    qtbot.addWidget(window)
    window.show_at(QSize(1280, 800))
    qtbot.waitExposed(window)
    window.close()  # Alt+F4 while the store opens: refused, and no staff sign-in to offer yet
    assert window.isVisible()
    window.allow_close = True
    window.close()
    assert not window.isVisible()


def test_the_staff_corner_answers_on_the_first_welcome(
    qtbot: QtBot, station: Station, interaction: FakeInteraction
) -> None:
    """As the kiosk starts: Welcome painted first, the station attached after. A reviewer held the
    very corner of the first Welcome for 3.5 s and nothing opened: the corner's cover was made
    once the top bar had been laid out, and took its place only when the bar next moved."""
    from PySide6.QtCore import QPoint

    window = KioskWindow()
    qtbot.addWidget(window)
    window.show_at(QSize(1280, 800))
    qtbot.waitExposed(window)
    window.attach(station, interaction)  # type: ignore[arg-type]
    assert window.childAt(QPoint(1, 1)) is window.screen_corner
    window.jobs.wait(20_000)
    window.allow_close = True
    window.close()
