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

from PySide6.QtCore import QObject, QSize, QTimer
from PySide6.QtGui import QColor, QPalette

from kiosk.ui.theme import BASE_PX, body_px

if TYPE_CHECKING:
    from kiosk.ui.theme import Look
    from kiosk.ui.window import KioskWindow

QUIET_MS = 700
"""The pages not on screen take a new look once nobody has touched the screen for this long (the
screen in the new look is painted first; a patient reading does not touch it)."""
BETWEEN_PAGES_MS = 20


def dress(window: KioskWindow, look: Look, size: QSize) -> None:
    """The frame's parts (and staff mode's page, while it is open) in `look`, the pages after;
    the keys sized for a display of `size`."""
    sheet = look.stylesheet()
    background = window.palette()
    background.setColor(QPalette.ColorRole.Window, QColor(look.palette.background))
    window.setPalette(background)
    window.setAutoFillBackground(True)
    for part in (window.top, window.bottom, window.practice):
        if part is not None:
            part.setStyleSheet(sheet)
    window.still_there.sheet = sheet  # hidden nearly always: styled when shown, or when quiet
    window.language_chooser.sheet = sheet
    if window.still_there.isVisible():
        window.still_there.restyle()
    if window.ready and (window.staff_mode.is_open or not window.staff.styleSheet()):
        window.staff.setStyleSheet(sheet)
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
