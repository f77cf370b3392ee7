"""A double tap counts as one tap (a quick or trembling finger), except on the keys of a keypad
or keyboard: the second tap of a double tap reaches the window as Qt's double click."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.session import ScreenKind
from kiosk.ui.window import KioskWindow
from tests.ui.drive import begin, key, kind, tap


def double_tap(window: KioskWindow, widget: QWidget) -> None:
    """Two taps in quick succession at the widget's centre, as the platform delivers them to the
    window: a press and release, then a second press that Qt reports as a double click."""
    handle = window.windowHandle()
    assert handle is not None
    at = widget.mapTo(window, widget.rect().center())
    QTest.mouseDClick(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)


def test_a_double_tap_on_next_moves_one_screen(
    qtbot: QtBot, window: KioskWindow, prepared: str
) -> None:
    begin(qtbot, window)
    assert window.briefing is not None
    first = window.briefing.current.id
    double_tap(window, window.bottom.primary)
    path = [s.id for s in window.briefing.screens]
    assert window.briefing.current.id == path[path.index(first) + 1]  # one on, not two
    tap(qtbot, window.bottom.primary)  # a tap after it is a tap
    assert window.briefing.current.id == path[path.index(first) + 2]


def test_a_double_tap_on_the_larger_text_toggle_leaves_it_on(
    qtbot: QtBot, window: KioskWindow
) -> None:
    double_tap(window, window.top.larger_button)
    assert window.top.larger_button.isChecked() and window.larger


def test_a_double_tap_on_a_keypad_key_types_it_twice(
    qtbot: QtBot, window: KioskWindow, prepared: str
) -> None:
    tap(qtbot, window.welcome.start_button)
    assert kind(window) is ScreenKind.IDENTITY
    keypad = window.identity.keypad
    double_tap(window, key(keypad, "1"))
    assert keypad.entry().fields == ("11", "", "")


def test_the_window_sees_the_second_tap_as_a_double_click(
    qtbot: QtBot, window: KioskWindow
) -> None:
    """What the tests above rest on: without the window dropping it, the second tap is a tap."""
    seen: list[bool] = []
    window.top.larger_button.toggled.connect(seen.append)
    window.touches.unwatch(window)
    try:
        double_tap(window, window.top.larger_button)
    finally:
        window.touches.watch(window)
    assert seen == [True, False]
