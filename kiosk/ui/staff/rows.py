"""Rows of a staff step that give way on a narrow (portrait) screen: side by side where each part
fits whole, one under another where it would be cut."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, SignalInstance
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from kiosk.ui.pages.base import WrapButton
from kiosk.ui.widgets.keys import set_flag


def one_line(text: QLabel) -> int:
    """The width of `text`'s words on one line, with the room inside its box."""
    text.ensurePolished()
    margins = text.contentsMargins()
    words = text.fontMetrics().horizontalAdvance(text.text())
    return words + margins.left() + margins.right() + 2 * text.margin()


class Beside:
    """Two texts side by side where each fits on one line (a step's title, and where staff are
    in the steps); else the second under the first (in portrait, with Larger text, the title
    stood in a column of four lines of ten letters beside "Prepare a briefing · 3 of 6")."""

    def __init__(self, first: QLabel, second: QLabel, *, into: QBoxLayout) -> None:
        self.first, self.second = first, second
        self.row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.row.setSpacing(16)
        self.row.addWidget(first, 1)
        self.row.addWidget(second, 0, Qt.AlignmentFlag.AlignTop)
        into.addLayout(self.row)

    def place(self, width: int) -> None:
        need = one_line(self.first) + self.row.spacing() + one_line(self.second)
        across_or_down(self.row, need, width)


def across_or_down(row: QBoxLayout, need: int, width: int) -> None:
    """`row` side by side when `need` (its parts' widths, each on one line) fits in `width`; else
    one part under another."""
    direction = (
        QBoxLayout.Direction.LeftToRight if need <= width else QBoxLayout.Direction.TopToBottom
    )
    if row.direction() != direction:
        row.setDirection(direction)


HINT_CHARACTERS = 24
"""A hint stands beside its keys in a column this many characters wide, or more (in portrait, with
Larger text, the birth date's stood in four lines of eleven); else over them."""


def hint_beside(row: QBoxLayout, hint: QLabel, keys: QWidget, width: int) -> None:
    """`row` with `hint` beside `keys` where it has HINT_CHARACTERS a line; else over them."""
    room = hint.fontMetrics().averageCharWidth() * HINT_CHARACTERS
    across_or_down(row, keys.sizeHint().width() + row.spacing() + room, width)


def gone_on_typing(form: QWidget, gone: Callable[[], object], *changes: SignalInstance) -> None:
    """What was said goes (`gone`) once staff change what they typed: `form` (a line, or the
    lines in it), or any of `changes`: a refusal stood, wrong, over the whole date typed, the name
    typed, the relationship asked for, the note written, the PIN typed afresh."""
    lines = [form] if isinstance(form, QLineEdit) else form.findChildren(QLineEdit)
    for changed in (*changes, *(line.textChanged for line in lines)):
        changed.connect(gone)


class MessageBeside:
    """A message between a row's buttons where the row has the room for it in two lines at most
    (1280x800 has no height to spare), else on a line of its own above them (a portrait screen),
    its room kept there for two lines whether or not there is something to say, so that nothing
    above it moves when it comes."""

    LINES = 2

    def __init__(self, row: QHBoxLayout, above: QVBoxLayout, message: QLabel, at: int) -> None:
        self.row, self.above, self.message, self.at = row, above, message, at

    def place(self, width: int) -> None:
        row, message = self.row, self.message
        beside = self._buttons() + self._one_line() // self.LINES <= width
        holder, other = (row, self.above) if beside else (self.above, row)
        if holder.indexOf(message) < 0:
            other.removeWidget(message)
            if beside:
                row.insertWidget(self.at, message, 1)
            else:
                self.above.addWidget(message)
        policy = message.sizePolicy()
        policy.setRetainSizeWhenHidden(not beside)
        message.setSizePolicy(policy)
        margins = message.contentsMargins()
        lines = self.LINES * message.fontMetrics().lineSpacing() + margins.top() + margins.bottom()
        message.setMinimumHeight(0 if beside else lines)

    def gone_on_typing(self, form: QWidget, *changes: SignalInstance) -> None:
        gone_on_typing(form, self._gone, *changes)

    def _gone(self) -> None:
        if self.message.text():
            self.message.setText("")
            self.message.hide()

    def _buttons(self) -> int:
        """The row's width without the message: its buttons whole, and the room between them."""
        row, shown = self.row, 0
        width = row.contentsMargins().left() + row.contentsMargins().right()
        for n in range(row.count()):
            item = row.itemAt(n)
            widget = item.widget() if item is not None else None
            if widget is not None and widget is not self.message and not widget.isHidden():
                width += widget.sizeHint().width()
                shown += 1
        return width + row.spacing() * shown  # (one more gap: the message's)

    def _one_line(self) -> int:
        """The message's words on one line, and the room inside its box."""
        return one_line(self.message)


def picked(choice: WrapButton, on: bool) -> None:
    """A checkable choice chosen (or not) in the colours of a chosen answer, its words too."""
    set_flag(choice.words, "picked", "true" if on else "false")
