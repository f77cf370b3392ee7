"""A question staff answer before a step they cannot take back (closing the kiosk, preparing a
patient's re-briefing): what it does in words, a way to keep things as they are, and the step.
Its buttons stand under the question, apart, never where the tap that asked it was."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.ui.pages.base import button, label

LINE_CHARACTERS = 68
"""The question wraps at about this many characters, as a reading screen's lines do."""
GAP = 48
"""At least this much room between the two answers (the touch rule asks for 24)."""


class Confirm(QWidget):
    """`title` and `note`, then "keep" (leading) and "go" (trailing), as large as each other."""

    go = Signal()
    keep = Signal()

    def __init__(self, go: str, keep: str, *, go_role: str | None, keep_role: str | None) -> None:
        super().__init__()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(16)
        self.title = label(role="title")
        self.note = label()
        column.addWidget(self.title)
        column.addWidget(self.note)
        column.addSpacing(16)
        row = QHBoxLayout()
        row.setSpacing(GAP)
        self.keep_button = button(keep, keep_role, self.keep.emit)
        self.go_button = button(go, go_role, self.go.emit)
        row.addWidget(self.keep_button)
        row.addStretch(1)
        row.addWidget(self.go_button)
        column.addLayout(row)
        column.addStretch(1)

    def ask(self, title: str, note: str) -> None:
        """The question: a title (none: the note alone) and what the step does."""
        self.title.setText(title)
        self.title.setVisible(bool(title))
        self.note.setText(note)
        self.note.setVisible(bool(note))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.note.setMaximumWidth(self.note.fontMetrics().averageCharWidth() * LINE_CHARACTERS)
        buttons = (self.keep_button, self.go_button)
        for b in buttons:
            b.setMinimumSize(0, 0)
        wide = max(b.sizeHint().width() for b in buttons)  # both as large as the larger one
        tall = max(b.sizeHint().height() for b in buttons)
        for b in buttons:
            b.setMinimumSize(wide, tall)
