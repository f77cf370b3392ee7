"""A question staff answer before a step they cannot take back (closing the kiosk, preparing a
patient's re-briefing): what it does in words, a way to keep things as they are, and the step.
Its buttons stand under the question, apart, never where the tap that asked it was; one under the
other where the screen is too narrow for both side by side (a portrait one, with Larger text)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QBoxLayout, QVBoxLayout, QWidget

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
        self.row = row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        row.setSpacing(GAP)
        self.keep_button = button(keep, keep_role, self.keep.emit)
        self.go_button = button(go, go_role, self.go.emit)
        row.addWidget(self.keep_button, 0, Qt.AlignmentFlag.AlignLeading)
        row.addStretch(1)
        row.addWidget(self.go_button, 0, Qt.AlignmentFlag.AlignLeading)
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
        self.fit()

    def fit(self) -> None:
        """The note's line and the two buttons' size for the words' type as it is now (shown, or
        in another type size: they kept the sizes worked out for the last one)."""
        for widget in (self.note, self.keep_button, self.go_button):
            widget.ensurePolished()
        self.note.setMaximumWidth(self.note.fontMetrics().averageCharWidth() * LINE_CHARACTERS)
        buttons = (self.keep_button, self.go_button)
        for b in buttons:
            b.setMinimumSize(0, 0)
        wide = max(b.sizeHint().width() for b in buttons)  # both as large as the larger one
        tall = max(b.sizeHint().height() for b in buttons)
        for b in buttons:
            b.setMinimumSize(wide, tall)
        self._place()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place()

    def _place(self) -> None:
        """Side by side where both fit the width, GAP apart; else "keep" over "go"."""
        need = 2 * self.keep_button.minimumWidth() + GAP
        across = need <= self.width()
        direction = QBoxLayout.Direction.LeftToRight if across else QBoxLayout.Direction.TopToBottom
        if self.row.direction() != direction:
            self.row.setDirection(direction)
