"""The date keypad gives up height only while its page is on screen. Asked again and again on the
identity page while it was not shown, at the size of a new widget (480 px tall), the keys had
"given" 756 px, took as many turns to take them back, and the page was left measured on
shortened rows: the last row cut on a portrait screen in Arabic with Larger text (under load)."""

from __future__ import annotations

from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot

from kiosk.ui.window import KioskWindow
from tests.ui.drive import chosen_look, tap
from tests.ui.seen import clip, settle


def test_the_keypad_gives_nothing_before_it_is_shown_and_is_whole_when_it_is(
    qtbot: QtBot, window: KioskWindow, prepared: str
) -> None:
    chosen_look(qtbot, window, QSize(1080, 1920), "ar")
    keypad = window.identity.keypad
    assert not keypad.isVisible()
    assert keypad._given == 0
    tap(qtbot, window.welcome.start_button)
    settle()
    for key in (*keypad._digit_keys, keypad._clear_key, keypad._back_key):
        seen = clip(window, key)
        assert seen.visible == seen.full, (key.text(), seen)
