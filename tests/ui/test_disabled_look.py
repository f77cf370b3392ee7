"""A main action that waits (Sign before its statement was read) looks it: a reviewer found the
disabled Sign as blue as the Sign that works, told apart only by a dashed edge."""

from __future__ import annotations

from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from kiosk.ui.theme import palette_for
from kiosk.ui.window import KioskWindow
from tests.ui.drive import begin


def fill(window: KioskWindow) -> QColor:
    """The colour the main button is filled with: a point inside its edge, left of its words."""
    button = window.bottom.primary
    image = button.grab().toImage()
    return image.pixelColor(button.width() // 12, button.height() // 2)


def test_the_main_button_waiting_is_not_filled_like_the_one_that_works(
    qtbot: QtBot, window: KioskWindow, prepared: str
) -> None:
    begin(qtbot, window)
    palette = palette_for(window.high_contrast)
    button = window.bottom.primary
    assert button.isEnabled()
    assert fill(window).name().upper() == palette.primary.upper()
    button.setEnabled(False)
    assert fill(window).name().upper() == palette.button.upper()
