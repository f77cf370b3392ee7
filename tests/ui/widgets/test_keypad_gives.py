"""The date keypad on a screen short of room: it gives height in turn (the room kept under the keys,
the keys, the boxes' type), takes all of it back when the room comes back, and is measured at once
after either."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kiosk.i18n import words_for
from kiosk.ui.widgets.keypad import DateKeypad
from kiosk.ui.widgets.keys import give_in_turn


@pytest.fixture
def holder(qtbot: QtBot) -> QWidget:
    """A window holding a keypad (in Spanish: long words on Clear and Delete, long placeholders)."""
    window = QWidget()
    pad = DateKeypad(window, keep_clear=True)
    pad.set_words(words_for("es"))
    QVBoxLayout(window).addWidget(pad)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    pad.set_scale(pad.scale())  # sized again now it is styled, as the kiosk's window does
    return window


@pytest.fixture
def pad(holder: QWidget) -> DateKeypad:
    found = holder.findChild(DateKeypad)
    assert found is not None
    return found


def heights(pad: DateKeypad) -> tuple[int, list[int]]:
    return pad.minimumSizeHint().height(), [k.height() for k in pad.findChildren(QPushButton)]


def settled() -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest.value)
    QApplication.processEvents()


def test_what_was_given_comes_back_whole_when_the_room_does(pad: DateKeypad) -> None:
    """The count had run on past what the keys could give: at 1920x1080 the keys gave 42 px a row
    to a page passing through 687 px, could give 32, and kept 19 given once it was 801 px tall."""
    settled()
    before = heights(pad)
    assert pad.give_way(10_000)
    settled()
    short = heights(pad)
    assert short[0] < before[0] and all(h < b for h, b in zip(short[1], before[1], strict=True))
    assert pad.give_way(-(before[0] - short[0]))  # exactly the room it gave
    settled()
    assert heights(pad) == before


def test_the_keypad_is_measured_at_once_after_it_gives_or_takes_back(pad: DateKeypad) -> None:
    """The boxes within it kept their old sizes until the next turn of the event loop: the page,
    measuring in between, took too little room back and left the keys' last row cut."""
    settled()
    for short in (10_000, -30, -10_000):
        pad.give_way(short)
        at_once = pad.minimumSizeHint().height()
        settled()
        assert pad.minimumSizeHint().height() == at_once, short


def test_room_is_given_in_turn() -> None:
    assert give_in_turn(0, (24, 24, 12)) == [0, 0, 0]
    assert give_in_turn(30, (24, 24, 12)) == [24, 6, 0]
    assert give_in_turn(55, (24, 24, 12)) == [24, 24, 7]
    assert give_in_turn(100, (24, 24, 12)) == [24, 24, 12]
    assert give_in_turn(5, (0, 3, 12)) == [0, 3, 2]
