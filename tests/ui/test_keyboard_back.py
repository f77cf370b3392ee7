"""The name's keyboard as it was, after Back from the birth date. A reviewer at 1280x800 with
Larger text found it 28 px taller, its rows further apart and an empty line under its hint: shown
again, it was first laid out narrower than its place, the hint wrapped in two lines there, and
the boxes it stands in kept that height once it had its width again."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from kiosk.ui.window import KioskWindow
from tests.ui.drive import next_, tap
from tests.ui.seen import settle


def keyboard_seen(window: KioskWindow) -> tuple[QRect, int, int]:
    """Where the keyboard is in the window, and its hint's height beside its words' height."""
    keyboard = window.identity.keyboard
    hint = keyboard.findChild(QLabel, "keyboardHint")
    assert hint is not None and hint.isVisible()
    words = hint.heightForWidth(hint.width())
    return QRect(keyboard.mapTo(window, QPoint(0, 0)), keyboard.size()), hint.height(), words


@pytest.mark.parametrize("settings", [{"walk_up_mode": True}])
@pytest.mark.parametrize("size", [QSize(1280, 800), QSize(1920, 1080)], ids=["1280", "1920"])
def test_the_keyboard_is_as_it_was_after_back_from_the_birth_date(
    qtbot: QtBot, window: KioskWindow, size: QSize
) -> None:
    window.show_at(size)
    tap(qtbot, window.welcome.start_button)
    tap(qtbot, window.top.larger_button)
    window.identity.name.setText("Nguyễn Thị Ánh")
    settle()
    first = keyboard_seen(window)
    next_(qtbot, window)
    qtbot.waitUntil(lambda: not window.identity.keyboard.isVisible())
    tap(qtbot, window.bottom.back)
    qtbot.waitUntil(window.identity.keyboard.isVisible)
    settle()
    again = keyboard_seen(window)
    assert again == first, f"after Back the keyboard was at {again}, first at {first}"
    _, hint, words = again
    assert hint <= words + 12, f"the hint's row is {hint} px for words {words} px tall"
