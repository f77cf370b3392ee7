"""A large date-of-birth keypad: month / day / year boxes, the date in words, and 12 big keys.

The helpers the touch widgets share (kiosk.ui.widgets.keys) stay importable from here.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpacerItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import Words, words_for
from kiosk.session.entry import DateEntry
from kiosk.ui.widgets.keys import (
    BORDER_ROOM,
    KEY_PADDING,
    backspace_glyph,
    give_glyph,
    give_in_turn,
    glyph_size,
    key_height_for,
    key_width_for,
    set_flag,
    set_font_px,
    shift_glyph,
    sizes_changed,
)

__all__ = [
    "BORDER_ROOM",
    "KEY_PADDING",
    "DateKeypad",
    "backspace_glyph",
    "give_glyph",
    "glyph_size",
    "key_height_for",
    "key_width_for",
    "set_flag",
    "set_font_px",
    "shift_glyph",
]

KEY_WIDTH = 132
KEY_HEIGHT = 72
ROWS = 4
"""Rows of keys: 1 2 3, 4 5 6, 7 8 9, Clear 0 Delete."""
TOUCH_PX = 64
"""The least height a key gives way to (the kiosk's smallest touch target, theme.TOUCH_PX)."""
DIGIT_FONT = 40
WORD_KEY_FONT = 28
FIELD_FONT = 52
LEAST_FIELD_FONT = 36
"""The boxes' type gives way to no less than this (at 1280×800) to stay as wide as the keys."""
FIELD_NAME_FONT = 24
SPELLED_FONT = 30
SPACING = 12
CLEAR_BELOW = 60
"""Room kept clear under the keys: Confirm about a key's height from Delete (it stood 16 px off)."""
LEAST_CLEAR_BELOW = 36
"""...on a short screen: with the frame's gap, the 48 px asked between Delete and a commit key."""

CLEAR = "keys.clear"
CLEAR_SPOKEN = "keys.clear-date"
DELETE = "keys.delete"
DELETE_DIGIT_SPOKEN = "keys.delete-digit"


class DateKeypad(QWidget):
    """Keys 1–9, Clear, 0 and Delete under the month / day / year boxes; it does not judge the date.

    Every word from the catalog (`set_words`). The digits keep a phone's order in every language;
    in right-to-left Clear and Delete change sides and Delete's arrow points the other way. Keys
    keep the size their text needs whatever happens around them (never squeezed by a notice).

    Object names for the theme: `dateKeypad`; `dateFieldName` (Month / Day / Year labels);
    `dateField` with properties `active` (the box the next digit goes into) and `placeholder`
    (still showing MM / DD / YYYY); `dateSeparator`; `dateSpelled`; keys `keypadDigit`,
    `keypadClear`, `keypadBack`.
    """

    changed = Signal()
    typed = Signal()
    """A key was tapped and the date changed (not a reset): a refusal said of the last date is
    old news once the patient types again."""

    def __init__(
        self, parent: QWidget | None = None, *, scale: float = 1.0, keep_clear: bool = False
    ) -> None:
        super().__init__(parent)
        self._keep_clear = keep_clear
        self.setObjectName("dateKeypad")
        self._entry = DateEntry()
        self._scale = scale
        self._given = 0
        """Height given up to a screen short of room (`give_way`)."""
        self._may_give = 0
        self._words = words_for("en")
        self._spelled_room_for: tuple[str, float] | None = None

        self._field_names: list[QLabel] = []
        self._fields: list[QLabel] = []
        self._separators: list[QLabel] = []
        display = QHBoxLayout()
        self._boxes: list[QBoxLayout] = [display]
        display.setSpacing(SPACING)
        display.addStretch(1)
        for i in range(3):  # month, day and year, in the order of the language
            if i:
                separator = QLabel("/")
                separator.setObjectName("dateSeparator")
                separator.setAlignment(Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignHCenter)
                self._separators.append(separator)
                display.addWidget(separator, 0, Qt.AlignmentFlag.AlignBottom)
            column = QVBoxLayout()
            column.setSpacing(4)
            label = QLabel()
            label.setObjectName("dateFieldName")
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            value = QLabel()
            value.setObjectName("dateField")
            value.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setBuddy(value)
            column.addWidget(label)
            column.addWidget(value)
            display.addLayout(column)
            self._boxes.append(column)
            self._field_names.append(label)
            self._fields.append(value)
        display.addStretch(1)

        self._spelled = QLabel()
        self._spelled.setObjectName("dateSpelled")
        self._spelled.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self._digit_keys: list[QPushButton] = []
        self._keys_box = QWidget(self)
        self._keys_box.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # a phone's order
        self._grid = QGridLayout(self._keys_box)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(SPACING)
        for n in range(10):
            key = self._key(str(n), "keypadDigit")
            key.clicked.connect(lambda _=False, d=str(n): self._press(d))
            self._digit_keys.append(key)
            row, col = (3, 1) if n == 0 else divmod(n - 1, 3)
            self._grid.addWidget(key, row, col)
        self._clear_key = self._key("", "keypadClear")
        self._clear_key.clicked.connect(self._clear)
        self._back_key = self._key("", "keypadBack")
        self._back_key.clicked.connect(self._backspace)
        give_glyph(self._back_key, backspace_glyph, self)
        self._place_word_keys()
        keys_row = QHBoxLayout()
        self._boxes.append(keys_row)
        keys_row.addStretch(1)
        keys_row.addWidget(self._keys_box)
        keys_row.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)  # the page gives the room around it (the style's 11
        # px each side cut the keys' last row under the practice banner)
        layout.setSpacing(SPACING)
        layout.addLayout(display)
        layout.addWidget(self._spelled)
        layout.addLayout(keys_row)
        # Under the keys, room kept clear (`keep_clear`): what the screen puts under the keypad,
        # Confirm on the identity page, stands well apart from Delete, for a hand that trembles.
        self._clear_below = QSpacerItem(0, 0)
        layout.addItem(self._clear_below)

        self._set_texts()
        self.set_scale(scale)
        self._refresh()

    def _key(self, text: str, name: str) -> QPushButton:
        key = QPushButton(text, self)
        key.setObjectName(name)
        key.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        key.setAutoDefault(False)
        # As wide as its column (at least its own text), as high as set: never squeezed.
        key.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        return key

    def _place_word_keys(self) -> None:
        """Clear at the start of the bottom row and Delete at its end, as the language reads."""
        pair = (self._clear_key, self._back_key)
        first, last = pair[::-1] if self.isRightToLeft() else pair
        self._grid.addWidget(first, 3, 0)
        self._grid.addWidget(last, 3, 2)
        for key in (first, last):  # their words and glyph read as the language does
            key.setLayoutDirection(self.layoutDirection())

    # -- public API --

    def entry(self) -> DateEntry:
        """The date typed so far; the screen holding the keypad checks it."""
        return self._entry

    def reset(self) -> None:
        """Clear the date from the state and the screen (a session ended: no birth date may stay)."""
        self._entry.clear()
        self._refresh()
        self.changed.emit()

    def words(self) -> Words:
        return self._words

    def set_words(self, words: Words) -> None:
        """Show every text in this language: labels, placeholders, keys, the date in words; the
        boxes in the order the language writes a date (a date begun in another order is cleared)."""
        self._words = words
        if words.date_order != self._entry.order:
            self._entry = DateEntry(words.date_order)
            self.changed.emit()
        self._set_texts()
        self.set_scale(self._scale)  # the keys and boxes are sized from the new words
        self._refresh()

    def scale(self) -> float:
        return self._scale

    def _field_width(self, i: int, px: float) -> int:
        """Wide enough for the digits and the placeholder, so the boxes never jump while typing."""
        font = QFont(self._fields[i].font())
        font.setPixelSize(round(px))
        font.setBold(True)
        metrics = QFontMetrics(font)
        widest = max(
            metrics.horizontalAdvance("0" * self._entry.lengths[i]),
            metrics.horizontalAdvance(self._words(self._entry.placeholders[i])),
        )
        return widest + round(0.8 * px)

    def _fields_width(self, px: float) -> int:
        font = QFont(self._fields[0].font())
        font.setPixelSize(round(px))
        slash = QFontMetrics(font).horizontalAdvance(" / ")
        boxes = sum(self._field_width(i, px) for i in range(len(self._fields)))
        return boxes + len(self._separators) * slash + 2 * len(self._separators) * SPACING

    def give_way(self, short: int) -> bool:
        """The screen is `short` px short of room for everything on it (or, negative, has that
        many to spare): the room kept clear under the keys gives it up first, then the keys (a
        quarter each row), then the boxes' type, each as far as it may; they take it back when
        there is room again (never counting more given than they may: the keys had kept 19 px
        a row given at 1920x1080, owed back from a passing short page). Whether they changed."""
        given = min(self._may_give, max(0, self._given + short))
        if given == self._given:
            return False
        self._given = given
        self.set_scale(self._scale)
        return True

    def set_scale(self, scale: float) -> None:
        """1.0 normal, larger on larger screens: fonts and keys grow together, each key at least as
        wide as its words need."""
        self._scale = scale
        for key in self._digit_keys:
            set_font_px(key, DIGIT_FONT * scale, bold=True)
        for key in (self._clear_key, self._back_key):
            set_font_px(key, WORD_KEY_FONT * scale, bold=True, padding=KEY_PADDING * scale)
        self._back_key.setIconSize(glyph_size(WORD_KEY_FONT * scale, 1.4))
        keys = (*self._digit_keys, self._clear_key, self._back_key)
        height = max(key_height_for(k, scale, least=KEY_HEIGHT * scale) for k in keys)
        # Every key as wide as the widest (Clear's or Delete's words, in a long language): the
        # middle column had kept the digits' width, a third narrower than the outer two.
        width = max(key_width_for(k, scale, least=KEY_WIDTH * scale) for k in keys)
        for column in range(3):
            self._grid.setColumnMinimumWidth(column, width)
            self._grid.setColumnStretch(column, 1)
        # The boxes no wider than the keys under them (a language's long placeholders would
        # push the words beside the keypad into a narrow column): their type gives way first,
        # never below the least a box shows at.
        keys_width = 3 * width + 2 * SPACING
        size = FIELD_FONT * scale
        need = self._fields_width(size)
        if need > keys_width:
            size = max(LEAST_FIELD_FONT * scale, size * keys_width / need)
        # On a screen short of room (`give_way`): the room under the keys first, down to what
        # keeps Confirm 48 px away; then the keys, never below what a fingertip and their words
        # need; then the boxes' type, never below its least; last, rather than cut the keys
        # (under practice mode's banner), the rest of that room.
        least = max(TOUCH_PX, *(key_height_for(k, scale) for k in keys))
        room = scale if self._keep_clear else 0
        clear, kept = round(CLEAR_BELOW * room), round(LEAST_CLEAR_BELOW * room)
        mays = (clear - kept, ROWS * max(0, height - least), int(size - LEAST_FIELD_FONT * scale))
        self._may_give = sum(mays) + kept
        self._given = min(self._given, self._may_give)
        shares = give_in_turn(self._given, (*mays, kept))
        height -= -(-shares[1] // ROWS)
        size -= shares[2]
        for key in keys:
            key.setMinimumWidth(width)
            key.setFixedHeight(height)
        self._clear_below.changeSize(0, clear - shares[0] - shares[3])  # measured: sizes_changed
        for label in self._field_names:
            set_font_px(label, FIELD_NAME_FONT * scale)
        for i, field in enumerate(self._fields):
            set_font_px(field, size, bold=True)
            field.setMinimumWidth(self._field_width(i, size))
        for separator in self._separators:
            set_font_px(separator, size)
        set_font_px(self._spelled, SPELLED_FONT * scale)
        # Room for the words even before they appear, so the keys do not move when they do.
        self._spelled.setMinimumHeight(self._spelled.fontMetrics().lineSpacing() + round(4 * scale))
        if self.isVisible():
            self._make_room_for_dates()
        for box in self._boxes:  # the boxes within measured again at once, not at the next
            box.invalidate()  # look: the page, measuring in between, left the last row cut
        sizes_changed(self._keys_box)

    # -- keys --

    def _press(self, digit: str) -> None:
        self._typed(self._entry.press_digit(digit))

    def _backspace(self) -> None:
        self._typed(self._entry.backspace())

    def _clear(self) -> None:
        if not self._entry.empty:
            self._entry.clear()
            self._typed(True)

    def _typed(self, changed: bool) -> None:
        if changed:
            self._refresh()
            self.changed.emit()
            self.typed.emit()

    def _set_texts(self) -> None:
        words = self._words
        for label, name in zip(self._field_names, self._entry.names, strict=True):
            label.setText(words(name))
        self._clear_key.setText(words(CLEAR))
        self._clear_key.setAccessibleName(words(CLEAR_SPOKEN))
        self._back_key.setText(words(DELETE))
        self._back_key.setAccessibleName(words(DELETE_DIGIT_SPOKEN))
        for field, name in zip(self._fields, self._entry.names, strict=True):
            field.setAccessibleName(words(name))

    def _refresh(self) -> None:
        entry = self._entry
        active = entry.active_field
        for i, (field, shown) in enumerate(zip(self._fields, entry.parts, strict=True)):
            field.setText(shown or self._words(entry.placeholders[i]))
            set_flag(field, "active", i == active)
            set_flag(field, "placeholder", not shown)
        value = entry.value
        spelled = self._words.date(value) if value is not None else ""
        self._spelled.setText(spelled)
        for key in self._digit_keys:
            key.setEnabled(not entry.complete)
        self._back_key.setEnabled(not entry.empty)
        self._clear_key.setEnabled(not entry.empty)
        self.setAccessibleDescription(spelled or self.display_text())

    def display_text(self) -> str:
        """What the three boxes show, joined by " / " (for tests and screen readers)."""
        return " / ".join(field.text() for field in self._fields)

    def spelled_text(self) -> str:
        return self._spelled.text()

    # -- room for the date in words, measured when first shown (dates need Babel: not at start) --

    def _make_room_for_dates(self) -> None:
        key = (self._words.language, self._scale)
        if self._spelled_room_for == key:
            return
        self._spelled_room_for = key
        self._spelled.ensurePolished()
        metrics = QFontMetrics(self._spelled.font())
        widest = max(
            metrics.horizontalAdvance(self._words.date(date(2000, month, 28)))
            for month in range(1, 13)
        )
        self._spelled.setMinimumWidth(widest + round(SPELLED_FONT * self._scale))

    def showEvent(self, event: QShowEvent) -> None:
        self._make_room_for_dates()
        super().showEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LayoutDirectionChange:
            self._place_word_keys()
            self._back_key.update()
        super().changeEvent(event)
