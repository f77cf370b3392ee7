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


def test_a_scroll_bars_track_shows_in_high_contrast(
    qtbot: QtBot, window: KioskWindow, prepared: str
) -> None:
    """High contrast: the track was black on black, so only the handle showed and nothing said how
    much was left to read (a reviewer). The track has an edge in the border colour now."""
    from kiosk.session import ScreenKind
    from tests.ui.drive import acknowledge, kind, next_, tap
    from tests.ui.seen import settle

    # In Spanish, with Larger text, at least one risk's words are longer than their room (in
    # English, every risk now fits).
    tap(qtbot, window.welcome.languages.buttons["es"])
    begin(qtbot, window)
    tap(qtbot, window.top.larger_button)
    tap(qtbot, window.top.contrast_button)
    palette = palette_for(True)
    bar = window.reading.body.verticalScrollBar()
    for _ in range(40):  # (a walk through the risks, not past them)
        settle()
        if kind(window) is ScreenKind.RISK and bar.maximum() > 0:
            break
        if kind(window) is ScreenKind.RISK:
            acknowledge(qtbot, window)
        next_(qtbot, window)
    assert kind(window) is ScreenKind.RISK and bar.maximum() > 0, "no risk scrolls"
    image = bar.grab().toImage()
    below_handle = image.height() - image.width()  # the handle stands at the top, at value 0
    edge = image.pixelColor(1, below_handle).name().upper()
    inside = image.pixelColor(image.width() // 2, below_handle).name().upper()
    assert edge == palette.border.upper() and inside == palette.background.upper()
