"""A toggle that is on says so by more than its colour: its glyph carries a tick. A reviewer
measured Larger text, High contrast and Listen told on or off by the button's fill alone (and a
toggle shown as its glyph alone, at Larger text, had nothing else to tell it by)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon, QImage
from pytestqt.qtbot import QtBot

from kiosk.ui.icons import Glyph, toggle_icon
from kiosk.ui.window import KioskWindow
from tests.ui.drive import tap


def shape(image: QImage) -> set[tuple[int, int]]:
    """Where the glyph is drawn, whatever its colour."""
    return {
        (x, y)
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).alpha() > 128
    }


@pytest.mark.parametrize("glyph", [Glyph.LARGER, Glyph.CONTRAST, Glyph.SPEAKER, Glyph.GLOBE])
def test_on_and_off_differ_in_shape_not_only_in_colour(qtbot: QtBot, glyph: Glyph) -> None:
    drawn = toggle_icon(glyph, "#111111", "#FFFFFF", 40)
    off = drawn.pixmap(QSize(40, 40), QIcon.Mode.Normal, QIcon.State.Off).toImage()
    on = drawn.pixmap(QSize(40, 40), QIcon.Mode.Normal, QIcon.State.On).toImage()
    assert len(shape(on) ^ shape(off)) > 40


def test_larger_text_on_shows_its_tick(qtbot: QtBot, window: KioskWindow) -> None:
    button = window.top.larger_button
    size = button.iconSize()
    before = shape(button.icon().pixmap(size, QIcon.Mode.Normal, QIcon.State.On).toImage())
    tap(qtbot, button)
    assert button.isChecked()
    shown = button.icon().pixmap(size, QIcon.Mode.Normal, QIcon.State.On).toImage()
    plain = button.icon().pixmap(size, QIcon.Mode.Normal, QIcon.State.Off).toImage()
    assert shape(shown) != shape(plain) and before
