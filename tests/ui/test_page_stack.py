"""The window's stack of pages: the page on top fills it, and a change of page touches no other."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.session import ScreenKind
from kiosk.ui.window import KioskWindow
from tests.ui.drive import begin, kind, tap


class UpdatesSeen(QObject):
    """When `shown` is shown, whether `bystander` could still be repainted then."""

    def __init__(self, shown: QWidget, bystander: QWidget) -> None:
        super().__init__()
        self.bystander = bystander
        self.seen: list[bool] = []
        shown.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show:
            self.seen.append(self.bystander.updatesEnabled())
        return False


def test_a_change_of_page_touches_no_page_but_the_two(
    qtbot: QtBot, window: KioskWindow, prepared: str
) -> None:
    """QStackedWidget turned updates off and on for every widget of every page at each change of
    page (the signature pad of the hidden signing page too): 2 ms of every tap onto a new kind of
    screen."""
    watch = UpdatesSeen(window.reading, bystander=window.sign.pad)
    begin(qtbot, window)  # the birth date's Next: from the identity page to the first screen
    assert kind(window) is ScreenKind.ABOUT
    assert watch.seen == [True], "a hidden page's widgets had their updates turned off"
    assert window.stack.currentWidget() is window.reading and window.identity.isHidden()


def test_the_page_on_top_fills_the_stack_and_follows_its_size(
    qtbot: QtBot, window: KioskWindow, prepared: str
) -> None:
    stack = window.stack
    assert stack.currentWidget() is window.welcome
    assert window.welcome.geometry() == stack.rect() and stack.height() > 0
    tap(qtbot, window.welcome.start_button)
    assert window.identity.geometry() == stack.rect() and window.welcome.isHidden()
    window.resize(window.width() - 100, window.height() - 60)
    qtbot.waitUntil(lambda: window.identity.geometry() == stack.rect())
    assert window.identity.width() == stack.width() < 1280


def test_a_page_taken_out_is_hidden_and_the_first_page_is_on_top(
    qtbot: QtBot, window: KioskWindow
) -> None:
    stack = window.stack
    stack.setCurrentWidget(window.done)
    assert stack.currentWidget() is window.done and window.done.isVisible()
    stack.removeWidget(window.done)
    assert stack.indexOf(window.done) == -1 and window.done.isHidden()
    assert stack.currentWidget() is window.welcome and window.welcome.isVisible()
    assert stack.addWidget(window.done) == stack.count() - 1 and window.done.isHidden()
