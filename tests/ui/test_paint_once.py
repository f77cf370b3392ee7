"""A new screen is painted once. Laying it out before its first paint can show the reading
column's scroll bar (its words outgrow the room); the scroll bar's own request to be painted then
came after the window's paint and painted its strip a second time, on every such screen."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QScrollBar
from pytestqt.qtbot import QtBot

from kiosk.session import ScreenKind
from kiosk.ui.window import KioskWindow
from tests.ui.drive import begin, forward, kind


class ScrollBarPaints(QObject):
    """Counts the paints of scroll bars anywhere in the application."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and isinstance(watched, QScrollBar):
            self.count += 1
        return False


def test_each_screen_paints_its_scroll_bar_once(
    qtbot: QtBot, window: KioskWindow, prepared: str
) -> None:
    begin(qtbot, window)
    app = QApplication.instance()
    assert app is not None
    b = window.briefing
    assert b is not None
    scrolled = []
    while kind(window) is not ScreenKind.SIGN:
        paints = ScrollBarPaints()
        app.installEventFilter(paints)
        try:
            forward(qtbot, window)
            for _ in range(5):  # what the tap left to do, paints included
                app.processEvents()
        finally:
            app.removeEventFilter(paints)
        assert paints.count <= 1, f"{b.current.id}: the scroll bar was painted {paints.count} times"
        scrolled += [b.current.id] if paints.count else []
    assert scrolled, "no screen of the walk showed a scroll bar: the test looked at nothing"
