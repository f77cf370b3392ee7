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


@pytest.mark.parametrize("contrast", [False, True], ids=["normal", "high-contrast"])
def test_a_question_noted_reads_as_a_note_with_a_tick_not_as_a_button(
    qtbot: QtBot, window: KioskWindow, prepared: str, contrast: bool
) -> None:
    """A reviewer read "Question noted for your surgeon" as one more button to tap: it kept its
    frame, thicker than before."""
    from kiosk.ui.theme import palette_for
    from tests.ui.drive import begin

    window.show_at(QSize(1280, 800))
    if contrast:
        tap(qtbot, window.top.contrast_button)
    begin(qtbot, window)
    flag = window.bottom.flag
    palette = palette_for(contrast)

    def edge() -> str:
        """The colour of the flag's frame, half way down its left edge, as the window shows it."""
        qtbot.waitUntil(lambda: flag.isVisible())
        where = flag.mapTo(window, flag.rect().topLeft())
        image = window.grab().toImage()
        return image.pixelColor(where.x() + 1, where.y() + flag.height() // 2).name().upper()

    assert edge() == palette.flag.upper() and flag.icon().isNull()
    tap(qtbot, flag)
    qtbot.waitUntil(lambda: flag.property("flagged") == "true")
    assert edge() == palette.background.upper()  # no frame: the page shows through
    assert not flag.icon().isNull()  # the tick, in the flag's colour
