"""Driving staff mode as staff would: typing on the on-screen keys, and checking that what shows fits
(shared by the staff tests; test modules never import each other)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from kiosk.ui import theme
from kiosk.ui.widgets.key_words import ACCENTS_TEXT, LETTERS_TEXT, SHIFT_TEXT
from kiosk.ui.widgets.keyboard import OnScreenKeyboard
from kiosk.ui.window import KioskWindow
from tests.ui.drive import key, tap
from tests.ui.seen import Finding, Kind, look, report, settle


def type_keys(qtbot: QtBot, keyboard: OnScreenKeyboard, text: str) -> None:
    """Type on the on-screen keys as staff would: the accents page for accented letters, Shift for a capital."""
    for ch in text:
        text_on_key = "Space" if ch == " " else ch
        accented = not ch.isascii()
        if accented != keyboard.accents_showing():
            tap(qtbot, key(keyboard, LETTERS_TEXT if keyboard.accents_showing() else ACCENTS_TEXT))
        shown = [b.text() for b in keyboard.findChildren(QAbstractButton) if b.isVisible()]
        if (
            text_on_key not in shown
        ):  # a capital (or a small letter) the keyboard does not offer now
            tap(qtbot, key(keyboard, SHIFT_TEXT))
        tap(qtbot, key(keyboard, text_on_key))
    if keyboard.accents_showing():
        tap(qtbot, key(keyboard, LETTERS_TEXT))


def staff_fits(window: KioskWindow, where: str) -> None:
    """The staff page on screen fits the window: nothing off screen, every button a fingertip's
    size, no text smaller than the body size, and no words cut, clipped or overlapping (each text's
    extent against its widget's visible rect). Measured as a person sees it: after the pending
    layouts have run, as they do before the next frame is painted."""
    settle()
    page = window.stack.currentWidget()
    assert page is window.staff
    room, need = window.stack.size(), page.minimumSizeHint()
    assert need.width() <= room.width() and need.height() <= room.height(), (
        f"{where}: the staff page needs {need.width()}×{need.height()} but has {room.width()}×{room.height()}"
    )
    screen = window.rect()
    # What a scroll area holds may go on below the screen: the area itself must be on it.
    held = {a.widget() for a in window.staff.findChildren(QScrollArea)}

    def in_scroll(widget: QWidget | None) -> bool:
        while widget is not None:
            if widget in held:
                return True
            widget = widget.parentWidget()
        return False

    for widget in window.staff.findChildren(QWidget):
        if widget.isVisible() and not in_scroll(widget):
            box = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
            assert screen.contains(box), f"{where}: {widget!r} is off screen at {box}"
    for b in window.findChildren(QAbstractButton):
        if b.isVisible():
            assert b.width() >= theme.TOUCH_PX and b.height() >= theme.TOUCH_PX, (
                f"{where}: {b.text()!r} is {b.width()}×{b.height()}"
            )
    for text in window.findChildren(QLabel):
        if text.isVisible() and text.text():
            assert text.font().pixelSize() >= theme.BASE_PX, (
                f"{where}: {text.text()[:30]!r} at {text.font().pixelSize()} px"
            )
    unread = (Kind.CUT, Kind.WORD, Kind.CLIPPED, Kind.OFF_WINDOW, Kind.OVERLAP)
    # a line longer than its field shows its end, where the cursor is, as any text field does
    typed = [e.text() for e in window.findChildren(QLineEdit) if e.isVisible() and e.text()]

    def scrolled(f: Finding) -> bool:
        return f.kind is Kind.CUT and any(t.startswith(f.text.rstrip("…")) for t in typed)

    cut = [f for f in look(window, where) if f.kind in unread and not scrolled(f)]
    assert not cut, report(cut)
