"""Keys staff type with: a line with no context menu, digits for an MRN or a search, a PIN pad."""

from __future__ import annotations

from functools import partial
from typing import TypeVar

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk.i18n import SOURCE, Words, words_for
from kiosk.ui.pages.base import button
from kiosk.ui.widgets.key_pages import LETTER_FONT, SPACING
from kiosk.ui.widgets.keyboard import KEY_HEIGHT, WIDTH
from kiosk.ui.widgets.keypad import set_font_px

L = TypeVar("L", bound=QLineEdit)

STAFF_WORDS = words_for(SOURCE)
"""Staff mode's words (English until staff mode has a language of its own)."""


def text_field(placeholder: str, length: int) -> QLineEdit:
    """A line staff type into with the on-screen keys."""
    return staff_line(QLineEdit(), placeholder, length)


def staff_line(field: L, placeholder: str, length: int) -> L:
    """`field` set as every line staff type into: no context menu (no paste of stray text)."""
    field.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
    field.setMaxLength(length)
    field.setPlaceholderText(placeholder)
    return field


def wipe(field: QLineEdit) -> None:
    field.setText("")  # setText, not clear(): it also drops the undo history


class DigitRow(QWidget):
    """0–9 for the MRN field, which the name keyboard has no keys for; as wide as the keyboard."""

    def __init__(self, target: QLineEdit) -> None:
        super().__init__()
        self.target = target
        self.setObjectName("digitRow")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(SPACING)
        self.keys: list[QPushButton] = []
        for n, digit in enumerate("1234567890"):
            key = QPushButton(digit)  # sized here, like the keyboard's keys, not by the theme
            key.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            key.clicked.connect(partial(self._type, digit))
            key.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            grid.addWidget(key, 0, n)
            self.keys.append(key)
        self.setMaximumWidth(WIDTH)
        self._scale = 0.0
        self.set_scale(1.0)

    def _type(self, digit: str) -> None:
        self.target.insert(digit)

    def scale(self) -> float:
        return self._scale

    def set_scale(self, scale: float) -> None:
        self._scale = scale
        for key in self.keys:
            set_font_px(key, LETTER_FONT * scale, bold=True)
            key.setMinimumWidth(64)
            key.setFixedHeight(round(KEY_HEIGHT * scale))


def pin_field() -> QLineEdit:
    """Where a PIN shows as dots: typed on keys only, never pasted, at most 12 digits."""
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setReadOnly(True)
    field.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    field.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
    field.setMaxLength(12)
    return field


class PinPad(QWidget):
    """Digits for a PIN. The PIN is shown only as dots and is never logged."""

    def __init__(self, words: Words = STAFF_WORDS, key_size: QSize | None = None) -> None:
        """`key_size`: keys at least this large, their digits in proportion (a portrait screen has
        the room); else the look's touch size."""
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.field = pin_field()
        layout.addWidget(self.field)
        grid = QGridLayout()
        grid.setSpacing(10)
        if key_size is not None:  # a sheet of its own: the look's sheet sets a button's least size
            w, h = key_size.width(), key_size.height()
            self.setStyleSheet(
                f"QPushButton {{ min-width: {w}px; min-height: {h}px; font-size: {h * 3 // 10}px; }}"
            )
            grid.setSpacing(h // 8)
        clear, delete = words("keys.clear"), words("staff.pin.delete")
        actions = {clear: self.field.clear, delete: self.field.backspace}
        keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", clear, "0", delete]
        for n, key in enumerate(keys):
            b = button(key, None, actions.get(key, partial(self._digit, key)))
            b.setMinimumSize(96, 80)
            if key == delete:
                b.setAccessibleName(words("keys.delete"))
            grid.addWidget(b, n // 3, n % 3)
        layout.addLayout(grid)

    def _digit(self, digit: str) -> None:
        if len(self.field.text()) < self.field.maxLength():
            self.field.setText(self.field.text() + digit)

    @property
    def pin(self) -> str:
        return self.field.text()

    def reset(self) -> None:
        self.field.clear()
