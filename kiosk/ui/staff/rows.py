"""Rows of a staff step that give way on a narrow (portrait) screen: side by side where each part
fits whole, one under another where it would be cut."""

from __future__ import annotations

from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QVBoxLayout

from kiosk.ui.pages.base import WrapButton
from kiosk.ui.widgets.keys import set_flag


def across_or_down(row: QBoxLayout, need: int, width: int) -> None:
    """`row` side by side when `need` (its parts' widths, each on one line) fits in `width`; else
    one part under another."""
    direction = (
        QBoxLayout.Direction.LeftToRight if need <= width else QBoxLayout.Direction.TopToBottom
    )
    if row.direction() != direction:
        row.setDirection(direction)


class MessageBeside:
    """A message between a row's buttons where the row has the room for it (1280x800 has no
    height to spare), else on a line of its own above them (a portrait screen)."""

    def __init__(self, row: QHBoxLayout, above: QVBoxLayout, message: QLabel, at: int) -> None:
        self.row, self.above, self.message, self.at = row, above, message, at
        self._need = 0
        """What the row needs with the message in it, measured the last time it was."""

    def place(self, width: int) -> None:
        row, message = self.row, self.message
        if row.indexOf(message) >= 0 and not message.isHidden():
            row.invalidate()
            self._need = row.minimumSize().width()
        beside = self._need <= width
        holder, other = (row, self.above) if beside else (self.above, row)
        if holder.indexOf(message) < 0:
            other.removeWidget(message)
            if beside:
                row.insertWidget(self.at, message, 1)
            else:
                self.above.addWidget(message)


def picked(choice: WrapButton, on: bool) -> None:
    """A checkable choice chosen (or not) in the colours of a chosen answer, its words too."""
    set_flag(choice.words, "picked", "true" if on else "false")
