"""The question flag stands at least 24 px from Back beside it and, where it takes a row of its
own on a portrait screen, from the main action below it, edge to edge as drawn (a reviewer
measured it 16 px from Back and 12 px over "Siguiente": a finger reaching for Next filed a question
for the surgeon, which cannot be taken back)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from kiosk.session import ScreenKind
from kiosk.ui.window import KioskWindow
from tests.ui.drive import LEAST_GAP, begin, chosen_look, drawn, tap, walk_to


@pytest.mark.parametrize(
    ("size", "language"),
    [(QSize(1280, 800), "en"), (QSize(1080, 1920), "es")],
    ids=["1280x800-en", "portrait-es"],
)
def test_the_flag_stands_24_px_from_back_and_next(
    qtbot: QtBot, window: KioskWindow, prepared: str, size: QSize, language: str
) -> None:
    chosen_look(qtbot, window, size, language)  # Larger text
    begin(qtbot, window)
    walk_to(qtbot, window, ScreenKind.RISK)
    bottom = window.bottom
    flag, back, main = (drawn(b, window) for b in (bottom.flag, bottom.back, bottom.primary))
    assert bottom.flag.isVisible()
    for other in (back, main):
        if other.top() > flag.bottom():  # a row of its own, over them
            gap = other.top() - flag.bottom() - 1
        else:  # beside it, on either side (mirrored in Arabic)
            gap = max(other.left() - flag.right(), flag.left() - other.right()) - 1
        assert gap >= LEAST_GAP, (flag, other)


@pytest.mark.parametrize("practice_banner", [True, False], ids=["practice", "kiosk"])
@pytest.mark.parametrize("settings", [{"walk_up_mode": True}])
@pytest.mark.parametrize(
    ("size", "language"),
    [(QSize(1280, 800), "ar"), (QSize(1280, 800), "en"), (QSize(1080, 1920), "es")],
    ids=["1280x800-ar", "1280x800-en", "portrait-es"],
)
def test_the_name_keyboard_stands_24_px_over_next(
    qtbot: QtBot, window: KioskWindow, size: QSize, language: str
) -> None:
    """A reviewer's Arabic walk-up: Delete, on the keyboard's last row, stood 14 px over Next."""
    from PySide6.QtWidgets import QAbstractButton

    chosen_look(qtbot, window, size, language)  # Larger text
    tap(qtbot, window.welcome.start_button)
    keyboard = window.identity.keyboard
    qtbot.waitUntil(keyboard.isVisible)
    keys = [k for k in keyboard.findChildren(QAbstractButton) if k.isVisible()]
    lowest = max(drawn(k, window).bottom() for k in keys)
    for action in (window.bottom.primary, window.bottom.back):
        assert drawn(action, window).top() - lowest - 1 >= LEAST_GAP, action.text()


@pytest.mark.parametrize("language", ["es", "ar"])
def test_toggles_one_over_another_stand_24_px_apart_on_a_portrait_screen(
    qtbot: QtBot, window: KioskWindow, prepared: str, language: str
) -> None:
    """A reviewer measured Larger text 6 px over High contrast, Spanish at 1080x1920."""
    chosen_look(qtbot, window, QSize(1080, 1920), language)  # Larger text
    for screen in ("welcome", "risk"):
        if screen == "risk":
            begin(qtbot, window)
            walk_to(qtbot, window, ScreenKind.RISK)
        top = window.top
        toggles = [
            b for b in top.findChildren(QPushButton) if b.isVisible() and b is not top.corner
        ]
        boxes = [drawn(b, window) for b in toggles]
        rows = sorted({box.top() for box in boxes})
        assert len(rows) >= 2, f"{screen}: one row, nothing to measure"
        for upper in boxes:
            for lower in boxes:
                if lower.top() > upper.bottom():
                    assert lower.top() - upper.bottom() - 1 >= LEAST_GAP, (screen, upper, lower)


@pytest.mark.parametrize("language", ["es"])
def test_the_words_stand_apart_from_the_scroll_bar(
    qtbot: QtBot, window: KioskWindow, prepared: str, language: str
) -> None:
    """A reviewer saw a line's last word run 1 px from the scroll bar (Spanish, portrait, Larger
    text); mirrored in Arabic, where the bar is at the left."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QLabel

    from kiosk.ui.pages.scroll import BAR_GAP
    from tests.ui.drive import walk_to_a_long_risk

    chosen_look(qtbot, window, QSize(1280, 800), language)  # Larger text
    begin(qtbot, window)
    walk_to_a_long_risk(qtbot, window)
    body = window.reading.body
    bar = body.verticalScrollBar()
    assert bar.isVisible()
    bar_left = bar.mapTo(window, QPoint(0, 0)).x()
    bar_right = bar_left + bar.width()
    for label in body.widget().findChildren(QLabel):
        if not label.isVisible() or not label.text():
            continue
        left = label.mapTo(window, label.contentsRect().topLeft()).x()
        right = left + label.contentsRect().width()
        gap = bar_left - right if language == "es" else left - bar_right
        assert gap >= BAR_GAP, (label.text()[:30], gap)


@pytest.mark.parametrize("rtl", [False, True], ids=["ltr", "rtl"])
def test_the_room_from_the_bar_is_on_the_bar_s_side(qtbot: QtBot, rtl: bool) -> None:
    """In Arabic the bar is at the left, and Qt mirrors no margin: the room is set on its side,
    and moves with the language."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtWidgets import QLabel

    from kiosk.ui.pages.scroll import BAR_GAP, Reading

    area = Reading()
    qtbot.addWidget(area)
    labels = [QLabel("word " * 60) for _ in range(6)]
    for label in labels:
        label.setWordWrap(True)
        area.content.addWidget(label)
    direction = Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
    area.setLayoutDirection(direction)
    area.resize(400, 200)
    area.show()
    bar = area.verticalScrollBar()

    def apart() -> bool:
        if not bar.isVisible():
            return False
        edge = bar.mapTo(area, QPoint(0, 0)).x()
        for label in labels:
            left = label.mapTo(area, QPoint(0, 0)).x()
            gap = left - (edge + bar.width()) if rtl else edge - (left + label.width())
            if gap < BAR_GAP:
                return False
        return True

    qtbot.waitUntil(apart)
    area.setLayoutDirection(Qt.LayoutDirection.LeftToRight if rtl else direction)
    rtl = False
    qtbot.waitUntil(apart)
