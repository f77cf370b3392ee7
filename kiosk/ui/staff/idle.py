"""“Are you still there?” in staff mode, the seconds before it closes for want of a touch: staff
who stepped away for a moment come back to what they were typing (it had gone without a word)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from kiosk.i18n import Words
from kiosk.ui.pages.base import button, label
from kiosk.ui.staff.fit import Stack


class StillThere(QWidget):
    """A page of the staff page's stack, over whichever step it covers (kept as it was, and shown
    again on staying): a title, the seconds left, and a large button to stay (a touch anywhere on
    it does too: staff mode counts every touch)."""

    stay = Signal()

    def __init__(self, pages: Stack, words: Words) -> None:
        super().__init__()
        self.words = words
        self._pages = pages
        self._under: QWidget | None = None
        """The step it covers, shown again once staff stay."""
        column = QVBoxLayout(self)
        column.addStretch(1)
        self.title = label(words("staff.idle.title"), "title")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(self.title)
        self.countdown = label()
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(self.countdown)
        column.addSpacing(24)
        self.stay_button: QPushButton = button(words("staff.idle.stay"), "primary", self.stay.emit)
        column.addWidget(self.stay_button, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(1)
        pages.addWidget(self)

    @property
    def shown(self) -> bool:
        return self._pages.currentWidget() is self

    def draw(self, seconds: int | None) -> None:
        """The seconds left before staff mode closes, over the step; None: the step again."""
        if seconds is None:
            under, self._under = self._under, None
            if self.shown:
                self._pages.setCurrentIndex(self._pages.indexOf(under) if under is not None else 0)
            return
        self.countdown.setText(self.words("staff.idle.countdown", count=seconds))
        if not self.shown:
            self._under = self._pages.currentWidget()
            self._pages.setCurrentWidget(self)
