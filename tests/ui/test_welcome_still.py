"""Welcome: no message moves Start. A reviewer saw “Please ask a staff member to get your briefing
ready.” lift Start 16 px (English, 1280x800), and a four-line Spanish message with Larger text lift
it 56 px: the room kept under Start held one line. Every message Welcome may say now stands under
Start and the “Read each screen aloud” switch, over room kept below them for the longest."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.i18n import Msg
from kiosk.session import ScreenKind
from kiosk.ui.window import KioskWindow
from kiosk.unavailable import NOT_READY, WELCOME_SAYS
from tests.ui.drive import kind, tap
from tests.ui.seen import settle

DISPLAYS = {
    "1280x800": QSize(1280, 800),
    "1920x1080": QSize(1920, 1080),
    "1080x1920": QSize(1080, 1920),
}
CASES = [
    pytest.param(size, larger, language, id=f"{name}-{'larger' if larger else 'normal'}-{language}")
    for name, size in DISPLAYS.items()
    for larger in (False, True)
    for language in ("en", "es", "ar")
]


def on_window(window: KioskWindow, widget: QWidget) -> QRect:
    return QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())


@pytest.mark.parametrize(("display", "larger", "language"), CASES)
def test_no_message_welcome_may_say_moves_start(
    qtbot: QtBot, window: KioskWindow, display: QSize, larger: bool, language: str
) -> None:
    """At each display, text size and language, with and without the read-aloud switch: Start
    stands where it stood without a message, whichever message Welcome says; each message is whole
    on screen, under Start and the switch."""
    window.show_at(display)
    if language != "en":
        tap(qtbot, window.welcome.languages.buttons[language])
    if larger:
        tap(qtbot, window.top.larger_button)
    welcome, model = window.welcome, window.model
    assert model is not None
    for listen in (False, True):
        model.offer_read_aloud(listen, False)
        model.unavailable(None)  # type: ignore[arg-type]  # (no message: as between patients)
        settle()
        assert kind(window) is ScreenKind.WELCOME and not welcome.message.isVisible()
        start = on_window(window, welcome.start_button)
        above = on_window(window, welcome.listen_button) if listen else start
        for said in WELCOME_SAYS:
            model.unavailable(Msg(said))
            settle()
            message = on_window(window, welcome.message)
            where = f"{said} (listen {listen})"
            assert welcome.message.isVisible(), where
            assert on_window(window, welcome.start_button) == start, where
            assert message.top() > above.bottom(), where
            assert message.bottom() < window.height(), where  # whole on screen
            height = welcome.message.heightForWidth(welcome.message.width())
            assert message.height() >= height, where  # every line of it


def test_a_kiosk_no_one_set_up_asks_the_patient_for_staff_in_a_message_welcome_keeps_room_for(
    qtbot: QtBot, window: KioskWindow
) -> None:
    """A fresh kiosk (no staff account): Start says NOT_READY, one of the messages Welcome keeps
    room for, and Start stays where it was."""
    start = on_window(window, window.welcome.start_button)
    tap(qtbot, window.welcome.start_button)
    assert window.model is not None and window.model.view.message == Msg(NOT_READY)
    assert NOT_READY in WELCOME_SAYS
    settle()
    assert on_window(window, window.welcome.start_button) == start
