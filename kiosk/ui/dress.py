"""The window in a new look: each part of it takes the look's style sheet of its own.

A page takes a new one when it is next drawn (`Page.restyle`), and the pages not on screen one
by one after this frame (`restyle_rest`): a new look (Larger text, high contrast) restyles what
the patient sees now, within a frame, not every widget of every page (staff mode's page alone
holds two thirds of them, and takes the look when staff open it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QSize, QTimer
from PySide6.QtGui import QColor, QPalette

from kiosk.ui.theme import BASE_PX, body_px

if TYPE_CHECKING:
    from kiosk.ui.theme import Look
    from kiosk.ui.window import KioskWindow

AFTER_THE_FRAME_MS = 100
"""The pages not on screen start taking a new look this long after it is asked for: the screen
in the new look is painted first."""
BETWEEN_PAGES_MS = 20


def dress(window: KioskWindow, look: Look, size: QSize) -> None:
    """The frame's parts (and staff mode's page, while it is open) in `look`, the pages after;
    the keys sized for a display of `size`."""
    sheet = look.stylesheet()
    background = window.palette()
    background.setColor(QPalette.ColorRole.Window, QColor(look.palette.background))
    window.setPalette(background)
    window.setAutoFillBackground(True)
    for part in (window.top, window.bottom, window.still_there):
        part.setStyleSheet(sheet)
    if window.ready and (window.staff_mode.is_open or not window.staff.styleSheet()):
        window.staff.setStyleSheet(sheet)
    QTimer.singleShot(AFTER_THE_FRAME_MS, window, lambda: restyle_rest(window))
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


def restyle_rest(window: KioskWindow) -> None:
    """One page that has not the look yet takes it (each in its own turn of the event loop, so
    none holds up a frame), then the next, until all have it."""
    for page in window.distinct_pages:
        if page.restyle():
            QTimer.singleShot(BETWEEN_PAGES_MS, window, lambda: restyle_rest(window))
            return
