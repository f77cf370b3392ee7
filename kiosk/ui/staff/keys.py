"""Keys staff type with: a line with no context menu, digits (and a note's punctuation) for an MRN,
a search or a note, a PIN pad. Digits keep a phone's order in every language: never mirrored."""

from __future__ import annotations

from functools import partial
from typing import TypeVar

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk.i18n import SOURCE, Words, words_for
from kiosk.ui.pages.base import button
from kiosk.ui.widgets.key_pages import LETTER_FONT, SPACING
from kiosk.ui.widgets.keyboard import KEY_HEIGHT, WIDTH
from kiosk.ui.widgets.keypad import backspace_glyph, give_glyph, glyph_size, set_font_px

L = TypeVar("L", bound=QLineEdit)

STAFF_WORDS = words_for(SOURCE)
"""Staff mode's words (English until staff mode has a language of its own)."""

DIGITS = "1234567890"
SYMBOLS = ".,:;?/%()+"
"""The punctuation a note needs, in place of the digits ("Explained nerve risk, 1-2%."; the
keyboard has the apostrophe and the hyphen)."""


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


def _row_key() -> QPushButton:
    key = QPushButton()  # sized here, like the keyboard's keys, not by the theme
    key.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    key.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return key


class DigitRow(QWidget):
    """0–9 for the lines the keyboard has no digits for; as wide as the keyboard, 1 at the left in
    every language (as the patient's keypad: a row of digits is never mirrored).

    `symbols`: one key more turns the row into the punctuation a note needs (SYMBOLS) and back,
    its words in these."""

    def __init__(self, target: QLineEdit, symbols: Words | None = None) -> None:
        super().__init__()
        self.target = target
        self.setObjectName("digitRow")
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(SPACING)
        self.keys: list[QPushButton] = []
        for n in range(len(DIGITS)):
            key = _row_key()
            key.clicked.connect(partial(self._type, key))
            grid.addWidget(key, 0, n)
            self.keys.append(key)
        self._words = symbols
        self.symbols_showing = False
        self.flip: QPushButton | None = None
        """The key that turns the row to punctuation and back (None: digits only)."""
        if symbols is not None:
            self.flip = _row_key()
            self.flip.clicked.connect(lambda: self.show_symbols(not self.symbols_showing))
            grid.addWidget(self.flip, 0, len(DIGITS))
        self.setMaximumWidth(WIDTH)
        self._scale = 0.0
        self.show_symbols(False)
        self.set_scale(1.0)

    def _type(self, key: QPushButton) -> None:
        self.target.insert(key.text())

    def show_symbols(self, shown: bool) -> None:
        """The punctuation on the keys (if the row has it), or the digits."""
        self.symbols_showing = shown and self.flip is not None
        for key, char in zip(self.keys, SYMBOLS if self.symbols_showing else DIGITS, strict=True):
            key.setText(char)
        if self.flip is not None and self._words is not None:
            words = self._words
            if self.symbols_showing:
                self.flip.setText(words("staff.keys.digits-key"))
                self.flip.setAccessibleName(words("staff.keys.digits"))
            else:
                self.flip.setText(words("staff.keys.symbols-key"))
                self.flip.setAccessibleName(words("staff.keys.symbols"))

    def scale(self) -> float:
        return self._scale

    def set_scale(self, scale: float) -> None:
        self._scale = scale
        for key in (*self.keys, *([self.flip] if self.flip is not None else [])):
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


PIN_KEY_HEIGHT = 80
"""A PIN key's least height where the screen has the room (a short one gives a little of it)."""


class PinPad(QWidget):
    """Digits for a PIN. The PIN is shown only as dots and is never logged.

    As the patient's date keypad: the digits in a phone's order in every language (a coordinator
    types a PIN by habit, and five wrong ones lock the account); in right-to-left Clear and Delete
    change sides and Delete's arrow points the other way."""

    def __init__(self, words: Words = STAFF_WORDS, key_size: QSize | None = None) -> None:
        """`key_size`: keys at least this large, their digits in proportion (a portrait screen has
        the room); else the look's touch size."""
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.field = pin_field()
        layout.addWidget(self.field)
        self.keys_box = QWidget()
        self.keys_box.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # a phone's order
        self._grid = grid = QGridLayout(self.keys_box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(10)
        if key_size is not None:  # a sheet of its own: the look's sheet sets a button's least size
            w, h = key_size.width(), key_size.height()
            self.setStyleSheet(
                f"QPushButton {{ min-width: {w}px; min-height: {h}px; font-size: {h * 3 // 10}px; }}"
            )
            grid.setSpacing(h // 8)
        for n, digit in enumerate(DIGITS):
            b = button(digit, None, partial(self._digit, digit))
            grid.addWidget(b, *((3, 1) if digit == "0" else divmod(n, 3)))
        self.clear_key = button(words("keys.clear"), None, self.field.clear)
        self.delete_key = button(words("keys.delete"), None, self.field.backspace)
        self.delete_key.setAccessibleName(words("keys.delete-digit"))
        give_glyph(self.delete_key, backspace_glyph, self)
        self.set_key_height(PIN_KEY_HEIGHT)
        self._place_word_keys()
        layout.addWidget(self.keys_box)

    def set_key_height(self, height: int) -> None:
        """Each key at least 96 px wide and `height` tall (PIN_KEY_HEIGHT; less on a short screen)."""
        for key in self.keys_box.findChildren(QPushButton):
            key.setMinimumSize(96, height)

    def _place_word_keys(self) -> None:
        """Clear at the start of the bottom row and Delete at its end, as the language reads."""
        rtl = self.isRightToLeft()
        first, last = (
            (self.delete_key, self.clear_key) if rtl else (self.clear_key, self.delete_key)
        )
        self._grid.addWidget(first, 3, 0)
        self._grid.addWidget(last, 3, 2)
        for key in (first, last):  # their words and glyph read as the language does
            key.setLayoutDirection(self.layoutDirection())

    def showEvent(self, event: QShowEvent) -> None:
        self.delete_key.ensurePolished()  # its glyph about a capital's height, beside its words
        self.delete_key.setIconSize(glyph_size(self.delete_key.font().pixelSize(), 1.4))
        # Every column as wide as the widest key (Delete's words and glyph): the pad symmetric.
        keys = self.keys_box.findChildren(QPushButton)
        widest = max(key.sizeHint().width() for key in keys)
        for column in range(3):
            self._grid.setColumnMinimumWidth(column, widest)
        super().showEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LayoutDirectionChange:
            self._place_word_keys()
            self.delete_key.update()
        super().changeEvent(event)

    def _digit(self, digit: str) -> None:
        if len(self.field.text()) < self.field.maxLength():
            self.field.setText(self.field.text() + digit)

    @property
    def pin(self) -> str:
        return self.field.text()

    def reset(self) -> None:
        self.field.clear()
