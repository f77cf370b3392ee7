"""An on-screen keyboard for typing a name: QWERTY, a page of accented letters, and capitals by themselves."""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.widgets.keypad import set_flag, set_font_px

LETTER_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
ACCENT_ROWS = (
    "àáâäãåąæçćčè",
    "éêëęğìíîïıłñ",
    "ńòóôöõőøœřśš",
    "şßùúûüűýÿźżž",
)
"""Grouped by the letter they look like, so a patient finds é near e: 48 letters, 12 a row."""

UNIT = 112
"""Width of one letter key, in px; it does not grow with scale, so the keyboard stays within 1280 px."""
SPACING = 8
KEY_HEIGHT = 64
LETTER_FONT = 34
ACCENT_FONT = 32
WORD_FONT = 26
HALF_COLUMNS = 20
"""The letter page and the bottom row sit on a grid of half keys, so rows can be offset like a real keyboard."""

SHIFT_TEXT = "⇧ Shift"
BACK_TEXT = "⌫ Delete"
SPACE_TEXT = "Space"
ACCENTS_TEXT = "àé…"
LETTERS_TEXT = "abc"
CAPITAL_AFTER = " -"
"""A name starts again after these: the next letter is offered as a capital."""

WIDTH = 10 * UNIT + 9 * SPACING
"""The whole keyboard's widest: 1192 px."""
MIN_WIDTH = 12 * 64 + 11 * SPACING
"""The narrowest it gets (portrait screens): 856 px, every key still at least 64 px wide."""


def capital(letter: str) -> str:
    """The capital a Shift key gives: one letter (ß stays ß, dotless ı gives I)."""
    upper = letter.upper()
    return upper if len(upper) == 1 else letter


class OnScreenKeyboard(QWidget):
    """Types into a QLineEdit without a physical keyboard; never takes focus from it.

    Shift is one-shot; the next letter is offered as a capital by itself at the start of the
    text and after a space or hyphen (pressing Shift then turns that off for one letter). The
    accents key shows a page of accented letters; after one of them is typed, the letters return.

    Object names for the theme: `onScreenKeyboard`; keys `keyboardKey` (letters, hyphen,
    apostrophe), `keyboardShift` (checkable; `:checked` while capitals are offered),
    `keyboardAccents` (property `accents` true while that page shows), `keyboardSpace`,
    `keyboardBack`.
    """

    typed = Signal()

    def __init__(
        self, target: QLineEdit | None = None, parent: QWidget | None = None, *, scale: float = 1.0
    ) -> None:
        super().__init__(parent)
        self.setObjectName("onScreenKeyboard")
        self._target: QLineEdit | None = None
        self._shift = False
        self._scale = scale

        self._letter_keys: list[tuple[QPushButton, str]] = []
        self._accent_keys: list[tuple[QPushButton, str]] = []
        self._word_keys: list[QPushButton] = []

        self._pages = QStackedWidget(self)
        self._pages.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        letters = QWidget()
        letter_grid = self._grid(letters, HALF_COLUMNS)
        for row, keys in enumerate(LETTER_ROWS):
            start = (0, 1, 3)[row]  # offset by 0, ½ and 1½ keys, as on a real keyboard
            for i, letter in enumerate(keys):
                key = self._letter_key(letter, self._letter_keys)
                letter_grid.addWidget(key, row, start + 2 * i, 1, 2)
        accents = QWidget()
        accent_grid = self._grid(accents, len(ACCENT_ROWS[0]))
        for row, keys in enumerate(ACCENT_ROWS):
            for i, letter in enumerate(keys):
                key = self._letter_key(letter, self._accent_keys)
                accent_grid.addWidget(key, row, i)
        self._pages.addWidget(letters)
        self._pages.addWidget(accents)

        bottom = QWidget(self)
        bottom_grid = self._grid(bottom, HALF_COLUMNS)
        self._shift_key = self._word_key(SHIFT_TEXT, "keyboardShift", "Capital letter")
        self._shift_key.setCheckable(True)
        self._shift_key.clicked.connect(self._toggle_shift)
        self._accents_key = self._word_key(ACCENTS_TEXT, "keyboardAccents", "Accented letters")
        self._accents_key.clicked.connect(self._toggle_accents)
        hyphen = self._char_key("-", "Hyphen")
        space = self._word_key(SPACE_TEXT, "keyboardSpace", "Space")
        space.clicked.connect(lambda: self.insert(" "))
        apostrophe = self._char_key("'", "Apostrophe")
        self._back_key = self._word_key(BACK_TEXT, "keyboardBack", "Back: remove the last letter")
        self._back_key.clicked.connect(self.backspace)
        column = 0
        for key, halves in (
            (self._shift_key, 3),
            (self._accents_key, 3),
            (hyphen, 2),
            (space, 7),
            (apostrophe, 2),
            (self._back_key, 3),
        ):
            bottom_grid.addWidget(key, 0, column, 1, halves)
            column += halves

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING)
        layout.addWidget(self._pages)
        layout.addWidget(bottom)

        self.set_scale(scale)
        self.set_target(target)

    # -- building --

    def _grid(self, page: QWidget, columns: int) -> QGridLayout:
        grid = QGridLayout(page)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(SPACING)
        width = -(-(MIN_WIDTH - (columns - 1) * SPACING) // columns)
        for c in range(columns):
            grid.setColumnStretch(c, 1)
            grid.setColumnMinimumWidth(c, width)
        return grid

    def _button(self, text: str, name: str) -> QPushButton:
        key = QPushButton(text)
        key.setObjectName(name)
        key.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        key.setAutoDefault(False)
        key.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        return key

    def _letter_key(self, letter: str, keys: list[tuple[QPushButton, str]]) -> QPushButton:
        key = self._button(letter, "keyboardKey")
        key.clicked.connect(lambda _=False, k=key: self._type_letter(k))
        keys.append((key, letter))
        return key

    def _char_key(self, char: str, spoken: str) -> QPushButton:
        key = self._button(char, "keyboardKey")
        key.setAccessibleName(spoken)
        key.clicked.connect(lambda: self.insert(char))
        self._word_keys.append(key)
        return key

    def _word_key(self, text: str, name: str, spoken: str) -> QPushButton:
        key = self._button(text, name)
        key.setAccessibleName(spoken)
        self._word_keys.append(key)
        return key

    # -- public API --

    def target(self) -> QLineEdit | None:
        return self._target

    def set_target(self, target: QLineEdit | None) -> None:
        """Type into this line edit from now on (None: the keys do nothing)."""
        if self._target is not None:
            self._target.cursorPositionChanged.disconnect(self._sync_shift)
            self._target.textChanged.disconnect(self._sync_shift)
            self._target.destroyed.disconnect(self._target_gone)
        self._target = target
        if target is not None:
            target.cursorPositionChanged.connect(self._sync_shift)
            target.textChanged.connect(self._sync_shift)
            target.destroyed.connect(self._target_gone)
        self._sync_shift()

    def insert(self, text: str) -> None:
        """Insert text at the target's cursor (replacing a selection), in NFC."""
        if self._target is None:
            return
        self._target.insert(unicodedata.normalize("NFC", text))
        self.typed.emit()

    def backspace(self) -> None:
        """Remove the selection, or the character before the cursor."""
        if self._target is None:
            return
        self._target.backspace()
        self.typed.emit()

    def shift_active(self) -> bool:
        """True while the next letter will be a capital."""
        return self._shift

    def accents_showing(self) -> bool:
        return self._pages.currentIndex() == 1

    def show_letters(self) -> None:
        """Back to the plain letters page (e.g. when the screen is shown again)."""
        self._set_page(0)

    def scale(self) -> float:
        return self._scale

    def set_scale(self, scale: float) -> None:
        """1.0 normal, about 1.3 larger: fonts and key heights grow; the width stays within 1280 px."""
        self._scale = scale
        self.setMaximumWidth(round(WIDTH * max(scale, 1.0)))
        height = round(KEY_HEIGHT * scale)
        for key, _ in self._letter_keys:
            set_font_px(key, LETTER_FONT * scale, bold=True)
            key.setMinimumWidth(64)
            key.setFixedHeight(height)
        for key, _ in self._accent_keys:
            set_font_px(key, ACCENT_FONT * scale, bold=True)
            key.setMinimumWidth(64)
            key.setFixedHeight(height)
        for key in self._word_keys:
            bold = key.objectName() == "keyboardKey"
            set_font_px(key, (LETTER_FONT if bold else WORD_FONT) * scale, bold=True)
            key.setMinimumWidth(64)
            key.setFixedHeight(height)

    # -- keys --

    def _type_letter(self, key: QPushButton) -> None:
        accent = self.accents_showing()
        self.insert(key.text())
        if accent:
            self._set_page(0)

    def _toggle_shift(self) -> None:
        self._set_shift(not self._shift)

    def _toggle_accents(self) -> None:
        self._set_page(0 if self.accents_showing() else 1)

    def _set_page(self, index: int) -> None:
        self._pages.setCurrentIndex(index)
        self._accents_key.setText(LETTERS_TEXT if index else ACCENTS_TEXT)
        self._accents_key.setAccessibleName("Plain letters" if index else "Accented letters")
        set_flag(self._accents_key, "accents", bool(index))

    def _sync_shift(self) -> None:
        """Offer a capital at the start of the text and after a space or hyphen; else small letters."""
        target = self._target
        if target is None:
            self._set_shift(False)
            return
        before = target.text()[: target.cursorPosition()]
        self._set_shift(not before or before[-1] in CAPITAL_AFTER)

    def _set_shift(self, on: bool) -> None:
        self._shift_key.setChecked(on)
        if on == self._shift:
            return  # relabelling 64 keys costs a layout pass: only when capitals come or go
        self._shift = on
        for key, letter in (*self._letter_keys, *self._accent_keys):
            key.setText(capital(letter) if on else letter)

    def _target_gone(self) -> None:
        self._target = None
        self._set_shift(False)
