"""A large date-of-birth keypad: month / day / year boxes, the date in words, and 12 big keys."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.session.entry import FIELD_NAMES, DateEntry

KEY_WIDTH = 132
KEY_HEIGHT = 72
DIGIT_FONT = 40
WORD_KEY_FONT = 28
FIELD_FONT = 52
FIELD_NAME_FONT = 24
SPELLED_FONT = 30
SPACING = 12

CLEAR_TEXT = "Clear"
BACK_TEXT = "⌫ Delete"


def set_font_px(widget: QWidget, px: float, *, bold: bool = False) -> None:
    """Font size set on the widget's own style sheet, so an application sheet cannot shrink it.

    The application sheet still gives the family and every colour: only the size is taken here.
    """
    weight = " font-weight: bold;" if bold else ""
    widget.setStyleSheet(f"font-size: {round(px)}px;{weight}")


def set_flag(widget: QWidget, name: str, value: bool | str) -> None:
    """Set a dynamic property a style sheet selects on (`[active="true"]`) and style the widget
    again, if it changed (styling again is what costs, and only this widget needs it)."""
    if widget.property(name) == value:
        return
    widget.setProperty(name, value)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


class DateKeypad(QWidget):
    """Keys 1–9, Clear, 0 and Back under a display of `DateEntry.text`; it does not judge the date.

    Object names for the theme: `dateKeypad`; `dateFieldName` (Month / Day / Year labels);
    `dateField` with properties `active` (the box the next digit goes into) and `placeholder`
    (still showing MM / DD / YYYY); `dateSeparator`; `dateSpelled`; keys `keypadDigit`,
    `keypadClear`, `keypadBack`.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, scale: float = 1.0) -> None:
        super().__init__(parent)
        self.setObjectName("dateKeypad")
        self._entry = DateEntry()
        self._scale = scale

        self._field_names: list[QLabel] = []
        self._fields: list[QLabel] = []
        self._separators: list[QLabel] = []
        display = QHBoxLayout()
        display.setSpacing(SPACING)
        display.addStretch(1)
        for i, name in enumerate(FIELD_NAMES):
            if i:
                separator = QLabel("/")
                separator.setObjectName("dateSeparator")
                separator.setAlignment(Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignHCenter)
                self._separators.append(separator)
                display.addWidget(separator, 0, Qt.AlignmentFlag.AlignBottom)
            column = QVBoxLayout()
            column.setSpacing(4)
            label = QLabel(name)
            label.setObjectName("dateFieldName")
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            value = QLabel()
            value.setObjectName("dateField")
            value.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setBuddy(value)
            column.addWidget(label)
            column.addWidget(value)
            display.addLayout(column)
            self._field_names.append(label)
            self._fields.append(value)
        display.addStretch(1)

        self._spelled = QLabel()
        self._spelled.setObjectName("dateSpelled")
        self._spelled.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self._digit_keys: list[QPushButton] = []
        keys = QGridLayout()
        keys.setSpacing(SPACING)
        for n in range(10):
            key = self._key(str(n), "keypadDigit")
            key.clicked.connect(lambda _=False, d=str(n): self._press(d))
            self._digit_keys.append(key)
            row, col = (3, 1) if n == 0 else divmod(n - 1, 3)
            keys.addWidget(key, row, col)
        self._clear_key = self._key(CLEAR_TEXT, "keypadClear")
        self._clear_key.setAccessibleName("Clear the whole date")
        self._clear_key.clicked.connect(self._clear)
        self._back_key = self._key(BACK_TEXT, "keypadBack")
        self._back_key.setAccessibleName("Back: remove the last digit")
        self._back_key.clicked.connect(self._backspace)
        keys.addWidget(self._clear_key, 3, 0)
        keys.addWidget(self._back_key, 3, 2)
        keys_row = QHBoxLayout()
        keys_row.addStretch(1)
        keys_row.addLayout(keys)
        keys_row.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setSpacing(SPACING)
        layout.addLayout(display)
        layout.addWidget(self._spelled)
        layout.addLayout(keys_row)

        self.set_scale(scale)
        self._refresh()

    def _key(self, text: str, name: str) -> QPushButton:
        key = QPushButton(text, self)
        key.setObjectName(name)
        key.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        key.setAutoDefault(False)
        key.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        return key

    # -- public API --

    def entry(self) -> DateEntry:
        """The date typed so far; the screen holding the keypad checks it."""
        return self._entry

    def reset(self) -> None:
        """Clear the date from the state and the screen (a session ended: no birth date may stay)."""
        self._entry.clear()
        self._refresh()
        self.changed.emit()

    def scale(self) -> float:
        return self._scale

    def set_scale(self, scale: float) -> None:
        """1.0 normal, about 1.3 for the larger-text choice: fonts and keys grow together."""
        self._scale = scale
        for key in self._digit_keys:
            set_font_px(key, DIGIT_FONT * scale, bold=True)
        for key in (self._clear_key, self._back_key):
            set_font_px(key, WORD_KEY_FONT * scale, bold=True)
        for key in (*self._digit_keys, self._clear_key, self._back_key):
            key.setMinimumSize(round(KEY_WIDTH * scale), round(KEY_HEIGHT * scale))
        for label in self._field_names:
            set_font_px(label, FIELD_NAME_FONT * scale)
        for i, field in enumerate(self._fields):
            set_font_px(field, FIELD_FONT * scale, bold=True)
            # Wide enough for "YYYY" / "MM" in the big font, so the boxes never jump while typing.
            chars = 4 if i == 2 else 2
            field.setMinimumWidth(round((chars * 0.75 + 0.8) * FIELD_FONT * scale))
        for separator in self._separators:
            set_font_px(separator, FIELD_FONT * scale)
        set_font_px(self._spelled, SPELLED_FONT * scale)
        # Room for the words even before they appear, so the keys do not move when they do.
        self._spelled.setMinimumHeight(round(SPELLED_FONT * scale * 1.6))

    # -- keys --

    def _press(self, digit: str) -> None:
        if self._entry.press_digit(digit):
            self._refresh()
            self.changed.emit()

    def _backspace(self) -> None:
        if self._entry.backspace():
            self._refresh()
            self.changed.emit()

    def _clear(self) -> None:
        if not self._entry.empty:
            self._entry.clear()
            self._refresh()
            self.changed.emit()

    def _refresh(self) -> None:
        entry = self._entry
        active = entry.active_field
        for i, (field, shown) in enumerate(zip(self._fields, entry.parts, strict=True)):
            field.setText(shown)
            set_flag(field, "active", i == active)
            set_flag(field, "placeholder", not entry.fields[i])
        spelled = entry.spelled or ""
        self._spelled.setText(spelled)
        for key in self._digit_keys:
            key.setEnabled(not entry.complete)
        self._back_key.setEnabled(not entry.empty)
        self._clear_key.setEnabled(not entry.empty)
        self.setAccessibleDescription(spelled or entry.text)

    def display_text(self) -> str:
        """What the three boxes show, joined as `DateEntry.text` is (for tests and screen readers)."""
        return " / ".join(field.text() for field in self._fields)

    def spelled_text(self) -> str:
        return self._spelled.text()
