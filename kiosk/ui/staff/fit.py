"""Staff's screens in the room the window gives them, whatever the text size and however the
screen stands: a stack of screens as large as the one on top, and the keys that give way (their
rows closer, then their hint on accents gone) on a screen short of height, as the patient's name
screen does."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QStackedLayout, QWidget

from kiosk.ui.widgets.key_pages import KeyPages
from kiosk.ui.widgets.keyboard import OnScreenKeyboard
from kiosk.ui.widgets.keypad import DateKeypad
from kiosk.ui.widgets.keys import sizes_changed


class _TopLayout(QStackedLayout):
    """A stacked layout that asks for the room of the widget on top only."""

    def minimumSize(self) -> QSize:
        top = self.currentWidget()
        return QSize(0, 0) if top is None else top.minimumSizeHint().expandedTo(top.minimumSize())

    def sizeHint(self) -> QSize:
        top = self.currentWidget()
        return QSize(0, 0) if top is None else top.sizeHint().expandedTo(self.minimumSize())

    def hasHeightForWidth(self) -> bool:
        top = self.currentWidget()
        return top is not None and top.hasHeightForWidth()

    def heightForWidth(self, width: int) -> int:
        top = self.currentWidget()
        if top is None or not top.hasHeightForWidth():
            return -1
        return max(top.heightForWidth(width), self.minimumSize().height())


class Stack(QWidget):
    """A stack of screens or steps as large as the one on top (a QStackedWidget asks for the room
    of the largest of them all: staff mode's prepare steps and panels, each with its keys, asked
    together for more than a 1280x800 screen has with Larger text, and squeezed the one shown)."""

    currentChanged = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self._stack = _TopLayout(self)
        self._stack.setContentsMargins(0, 0, 0, 0)
        self._stack.currentChanged.connect(self._changed)

    def _changed(self, index: int) -> None:
        self.updateGeometry()  # the boxes around it ask for its room again: another's
        self.currentChanged.emit(index)

    def addWidget(self, widget: QWidget) -> int:
        return self._stack.addWidget(widget)

    def count(self) -> int:
        return self._stack.count()

    def widget(self, index: int) -> QWidget | None:
        return self._stack.widget(index)

    def indexOf(self, widget: QWidget | None) -> int:
        return self._stack.indexOf(widget) if widget is not None else -1

    def currentIndex(self) -> int:
        return self._stack.currentIndex()

    def currentWidget(self) -> QWidget | None:
        return self._stack.currentWidget()

    def setCurrentIndex(self, index: int) -> None:
        self._stack.setCurrentIndex(index)

    def setCurrentWidget(self, widget: QWidget) -> None:
        self._stack.setCurrentWidget(widget)


def short_by(screen: QWidget) -> int:
    """How much more height `screen` needs than it has (negative: to spare), measured afresh (a
    layout keeps the sizes it worked out until its pending requests are handled), its wrapped
    lines counted at the width they have."""
    layout = screen.layout()
    if layout is None:
        return 0
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    layout.invalidate()
    need = layout.totalMinimumSize().height()
    if layout.hasHeightForWidth():  # (the least: a list that scrolls is not asked for its rows)
        need = max(need, layout.totalMinimumHeightForWidth(screen.width()))
    return need - screen.height()


def keys_give_way(screen: QWidget) -> None:
    """The keys on `screen` in the room it has: as they were made when there is room; else a date
    keypad's room under its keys, then its keys (`DateKeypad.give_way`), and the keyboards' rows
    closer together, and if still short, their hint on accents gone (the accents key says it
    too), the rows as far apart again as the room allows."""
    if not screen.isVisible() or screen.height() <= 0:
        return
    for pad in screen.findChildren(DateKeypad):
        for _ in range(4):  # it gives (or takes back) what it may, measured again each time
            if not pad.isVisibleTo(screen) or not pad.give_way(short_by(screen)):
                break
    boards = [k for k in screen.findChildren(OnScreenKeyboard) if k.isVisibleTo(screen)]
    for board in boards:
        board.give_way(0)
        board.show_hint(True)
    if not boards or (short := short_by(screen)) <= 0:
        return
    for board in boards:
        board.give_way(short)
    if (short := short_by(screen)) <= 0:
        return
    for board in boards:
        board.show_hint(False)
        board.give_way(0)
    if (short := short_by(screen)) > 0:
        for board in boards:
            board.give_way(short)


def keys_across(page: QWidget, room: int) -> None:
    """Each keyboard on `page` told the width it may have in a `room` that wide, and measured
    again: it lays its accents out for its own width only, and its least width is that of its
    rows (turned from a wide screen to a portrait one, its accents stayed in rows of sixteen,
    wider than the screen)."""
    for board in page.findChildren(OnScreenKeyboard):
        width = min(board.maximumWidth(), room)
        if board.width() != width:
            before = board.size()
            board.resize(width, board.height())
            if not board.isVisible():  # told now, not once shown: its rows laid out for it now
                QCoreApplication.sendEvent(board, QResizeEvent(board.size(), before))
        measured_again(board)


def measured_again(board: OnScreenKeyboard) -> None:
    """`board`'s pages of keys measured again: the keyboard has the boxes around it do so when
    its rows change, not its pages, and these kept the size of the rows they had (sixteen
    accents a row once they were twelve again, keys of another screen's height)."""
    for pages in board.findChildren(KeyPages):
        sizes_changed(pages)
