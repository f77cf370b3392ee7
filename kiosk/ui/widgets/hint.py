"""The keyboard's line on how to find accents: wrapped short of a reading line, centred, and as
tall as its words at the width it will have (a long language takes two lines)."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QWidget

from kiosk.ui.widgets.keys import set_font_px

HINT_FONT = 24
HINT_LINE = 80
"""The hint wraps at this many characters (one sentence: a line of it in English)."""


class AccentHint(QWidget):
    """A row holding the hint (`label`, object name `keyboardHint`), centred."""

    def __init__(self) -> None:
        super().__init__()
        self.label = QLabel()
        self.label.setObjectName("keyboardHint")
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        centre = QHBoxLayout(self)
        centre.setContentsMargins(0, 0, 0, 0)
        centre.addStretch(1)
        centre.addWidget(self.label, 1000)
        centre.addStretch(1)

    def set_scale(self, scale: float) -> None:
        set_font_px(self.label, max(HINT_FONT * scale, HINT_FONT))
        self.label.setMaximumWidth(self.label.fontMetrics().averageCharWidth() * HINT_LINE)

    def fit(self, room: int, holders: tuple[QWidget, ...]) -> bool:
        """As tall as the words wrapped within `room` px (or a reading line); when that changes,
        `holders` (the page, the stack of pages, the keyboard) ask for the room too, at the next
        turn of the event loop (asked while being laid out, it is not heard). Whether it did."""
        label = self.label
        metrics = label.fontMetrics()
        width = max(1, min(metrics.averageCharWidth() * HINT_LINE, room))
        # Measured from the words (the label's own answer counts its minimum height, set here).
        flags = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignCenter)
        box = metrics.boundingRect(QRect(0, 0, width, 10_000), flags, label.text())
        lines = box.height() if label.text() else 0
        tall = max(lines, metrics.lineSpacing()) + 8
        if tall == label.minimumHeight():
            return False
        label.setMinimumHeight(tall)
        for widget in (self, *holders):
            QTimer.singleShot(0, widget, widget.updateGeometry)
        return True
