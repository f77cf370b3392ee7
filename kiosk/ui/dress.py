"""The window in a new look: each part of it takes the look's style sheet of its own.

A page takes a new one when it is next drawn (`Page.restyle`), and the pages not on screen one
by one while nobody touches the screen (`Restyler`): a new look (Larger text, high contrast)
restyles what the patient sees now, within a frame, not every widget of every page (staff mode's
page alone holds two thirds of them, and takes the look when staff open it). Restyling a page
holds the screen's thread for tens of milliseconds, so it waits for a quiet moment: a tap is
never kept waiting behind a page the patient is not looking at.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QObject, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QPalette, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.ui.theme import BASE_PX, Look, Palette, body_px
from kiosk.ui.typeset import wear

if TYPE_CHECKING:
    from kiosk.ui.window import KioskWindow

QUIET_MS = 700
"""The pages not on screen take a new look once nobody has touched the screen for this long (the
screen in the new look is painted first; a patient reading does not touch it)."""
BETWEEN_PAGES_MS = 20


def restyle_window(window: KioskWindow, palette: Palette) -> Look:
    """The window's look for its display (the screen, or the window's own size when shown in
    one), text size and reading direction, in `palette`: its direction, margins and parts dressed
    in it. Sizes follow the display, never the content, so a long page never makes text grow."""
    screen = window.screen()
    size = window.display or (screen.size() if screen is not None else QSize(1280, 800))
    rtl = window.words.right_to_left
    look = Look(palette, body_px(size, window.larger), window.larger, rtl, body_px(size))
    window.setLayoutDirection(
        Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
    )
    margin = look.room(20)
    layout = window.layout()
    assert layout is not None  # the window's column: frame, pages, frame
    layout.setContentsMargins(margin, look.room(12), margin, look.room(16))
    layout.setSpacing(look.room(12))
    dress(window, look, size)
    return look


class PageStack(QWidget):
    """The pages, one on top, filling the room the frame leaves them.

    Not a QStackedWidget: its layout, at every change of page, turned updates off and on again for
    every widget of every page (hidden ones too: staff mode's forms, the keyboards' keys), walked
    the window's whole focus chain, and asked the pages for their sizes. That was 2 ms of every tap
    onto a new kind of screen. Here the page on top is shown at the stack's size and the one before
    it hidden; a page not on top is never measured. The stack asks nothing of the window's layout
    either: the window's size is the screen's, and the page on top lays itself out in what is left
    between the bars (a page that needs more is a bug the layout tests catch)."""

    def __init__(self) -> None:
        super().__init__()
        self._pages: list[QWidget] = []
        self._current: QWidget | None = None
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)

    def addWidget(self, page: QWidget) -> int:
        """Add `page` under the others (the first one added is on top); its index."""
        if page not in self._pages:
            page.setParent(self)
            self._pages.append(page)
            if self._current is None:
                self._current = page
                page.setGeometry(self.rect())
                page.show()
            else:
                page.hide()
        return self._pages.index(page)

    def removeWidget(self, page: QWidget) -> None:
        """Take `page` out of the stack (hidden; it keeps its parent). The first page is on top
        if it was."""
        if page not in self._pages:
            return
        self._pages.remove(page)
        if page is self._current:
            self._current = None
            if self._pages:
                self.setCurrentWidget(self._pages[0])
        page.hide()

    def setCurrentWidget(self, page: QWidget) -> None:
        if page is self._current or page not in self._pages:
            return
        before, self._current = self._current, page
        page.setGeometry(self.rect())
        page.show()  # shown first, then the other hidden: nothing is painted in between
        if before is not None:
            before.hide()

    def currentWidget(self) -> QWidget | None:
        return self._current

    def indexOf(self, page: QWidget) -> int:
        return self._pages.index(page) if page in self._pages else -1

    def count(self) -> int:
        return len(self._pages)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._current is not None:
            self._current.setGeometry(self.rect())


def dress(window: KioskWindow, look: Look, size: QSize) -> None:
    """The frame's parts (and staff mode's page, while it is open) in `look`, the pages after;
    the keys sized for a display of `size`."""
    background = window.palette()
    background.setColor(QPalette.ColorRole.Window, QColor(look.palette.background))
    window.setPalette(background)
    window.setAutoFillBackground(True)
    for part in (window.top, window.bottom, window.practice):
        if part is not None:
            wear(part, look)
    window.still_there.look = look  # hidden nearly always: styled when shown, or when quiet
    window.language_chooser.look = look
    if window.still_there.isVisible():
        window.still_there.restyle()
    staff = window.staff_mode if window.ready else None  # (its screens made when first opened)
    if staff is not None and staff.built and (staff.is_open or not window.staff.styleSheet()):
        window.staff.setStyleSheet(
            look.stylesheet(sized=True)
        )  # (window.look is not this look yet)
    window.restyler.start()
    portrait = size.height() > size.width()
    words = window.words
    for page in window.distinct_pages:
        page.set_look(look)
        set_portrait = getattr(page, "set_portrait", None)
        if set_portrait is not None:
            set_portrait(portrait)
    window.top.set_words(words, look)
    window.bottom.set_look(look, words)
    # The keys are large already: they follow the screen, not the "Larger text" toggle. Every
    # keyboard, keypad and pad in the window, the staff page's included, is scaled here.
    keys = body_px(size) / BASE_PX
    if keys != window.keys_scale:  # "Larger text" leaves the keys as they are: nothing to do
        window.keys_scale = keys
        for kind in window.scaled:
            for widget in window.findChildren(kind):
                cast("Any", widget).set_scale(keys)


class Restyler(QObject):
    """Gives the window's pages not on screen the look, one page per turn of the event loop, while
    nobody touches the screen: `start` after a new look, `touched` at every touch (it waits
    QUIET_MS again)."""

    def __init__(self, window: KioskWindow) -> None:
        super().__init__(window)
        self._window = window
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.step)

    def start(self) -> None:
        self._timer.start(QUIET_MS)

    def touched(self) -> None:
        if self._timer.isActive():
            self._timer.start(QUIET_MS)

    def pending(self) -> bool:
        """Whether some page is still to take the look."""
        return self._timer.isActive()

    def due_in_ms(self) -> int:
        """How long until the next page takes the look (-1: none is waiting)."""
        return self._timer.remainingTime()

    def step(self) -> None:
        """One page that has not the look yet takes it; the next one in the next turn."""
        parts = (
            *(p.restyle for p in self._window.distinct_pages),
            self._window.still_there.restyle,
        )
        for restyle in parts:
            if restyle():
                self._timer.start(BETWEEN_PAGES_MS)
                return
