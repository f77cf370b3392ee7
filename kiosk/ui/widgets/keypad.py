"""A large date-of-birth keypad: month / day / year boxes, the date in words, and 12 big keys.

Also the helpers the touch widgets share: fonts set on a widget's own sheet, flags a style sheet
selects on, keys sized from their text, and glyphs (Delete, Shift) drawn as icons that mirror.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import shiboken6
from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QIcon,
    QIconEngine,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
    QShowEvent,
    QTransform,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import Words, words_for
from kiosk.session.entry import FIELD_LENGTHS, FIELD_NAMES, PLACEHOLDERS, DateEntry

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

KEY_PADDING = 16
"""Room between a word key's text (or glyph) and its border, each side, at scale 1."""
BORDER_ROOM = 4
"""A key's border at its widest (pressed), each side: never counted as room for the text."""
GLYPH_GAP = 10
"""Between a key's glyph and its words, at scale 1."""

CLEAR = "keys.clear"
CLEAR_SPOKEN = "keys.clear-date"
DELETE = "keys.delete"
DELETE_DIGIT_SPOKEN = "keys.delete-digit"


def set_font_px(widget: QWidget, px: float, *, bold: bool = False, padding: float = 0) -> None:
    """Font size set on the widget's own style sheet, so an application sheet cannot shrink it.

    The application sheet still gives the family and every colour: only the size (and, for a
    key with words, the room left and right of them) is taken here.
    """
    weight = " font-weight: bold;" if bold else ""
    room = f" padding: 0 {round(padding)}px;" if padding else ""
    widget.setStyleSheet(f"font-size: {round(px)}px;{weight}{room}")


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


# -- glyphs ----------------------------------------------------------------------------------


def backspace_glyph(box: QRectF) -> QPainterPath:
    """A key cap pointing back (left, in left-to-right text) with a cross in it: Delete."""
    x, y, w, h = box.x(), box.y(), box.width(), box.height()
    path = QPainterPath(QPointF(x + 0.32 * w, y))
    path.lineTo(x + w, y)
    path.lineTo(x + w, y + h)
    path.lineTo(x + 0.32 * w, y + h)
    path.lineTo(x, y + h / 2)
    path.closeSubpath()
    for (x0, y0), (x1, y1) in (((0.5, 0.3), (0.8, 0.7)), ((0.8, 0.3), (0.5, 0.7))):
        path.moveTo(x + x0 * w, y + y0 * h)
        path.lineTo(x + x1 * w, y + y1 * h)
    return path


def shift_glyph(box: QRectF) -> QPainterPath:
    """An outlined arrow pointing up: Shift (filled while capitals are on)."""
    x, y, w, h = box.x(), box.y(), box.width(), box.height()
    path = QPainterPath(QPointF(x + w / 2, y))
    for px, py in ((1, 0.55), (0.72, 0.55), (0.72, 1), (0.28, 1), (0.28, 0.55), (0, 0.55)):
        path.lineTo(x + px * w, y + py * h)
    path.closeSubpath()
    return path


class Glyph(QIconEngine):
    """An icon drawn from a path in its key's own text colour, mirrored in right-to-left.

    The glyph is drawn at paint time, so it follows the theme (and high contrast) and the
    direction without being made again: a thin halo in the key's background colour keeps it
    clear on a checked key's colour too. `filled_when_on` fills the shape for a checked key.
    """

    def __init__(
        self,
        shape: Callable[[QRectF], QPainterPath],
        key: QAbstractButton,
        follows: QWidget | None = None,
        *,
        mirrors: bool = True,
        filled_when_on: bool = False,
    ) -> None:
        super().__init__()
        self._shape = shape
        self._key = key
        self._follows = follows or key
        """The widget whose direction the glyph takes (a key in a left-to-right block of digits
        still points as the screen's language reads)."""
        self._mirrors = mirrors
        self._filled_when_on = filled_when_on

    def clone(self) -> QIconEngine:
        return Glyph(
            self._shape,
            self._key,
            self._follows,
            mirrors=self._mirrors,
            filled_when_on=self._filled_when_on,
        )

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        image = QPixmap(size)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
        painter.end()
        return image

    def scaledPixmap(
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        image = QPixmap(size * scale)
        image.setDevicePixelRatio(scale)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
        painter.end()
        return image

    def mirrored(self) -> bool:
        follows = self._follows
        return self._mirrors and shiboken6.isValid(follows) and follows.isRightToLeft()

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        if not shiboken6.isValid(self._key):
            return
        palette = self._key.palette()
        group = (
            QPalette.ColorGroup.Disabled
            if mode == QIcon.Mode.Disabled
            else QPalette.ColorGroup.Active
        )
        ink = palette.color(group, QPalette.ColorRole.ButtonText)
        halo = palette.color(group, QPalette.ColorRole.Button)
        line = max(2.0, rect.height() / 9)
        box = QRectF(rect).adjusted(line, line, -line, -line)
        path = self._shape(box)
        if self.mirrored():
            centre = box.center().x()
            path = QTransform(-1, 0, 0, 1, 2 * centre, 0).map(path)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(pen(halo, line + 2))
        painter.drawPath(path)
        if self._filled_when_on and state == QIcon.State.On:
            painter.setBrush(ink)
        painter.setPen(pen(ink, line))
        painter.drawPath(path)
        painter.restore()


def pen(colour: QColor, width: float) -> QPen:
    p = QPen(colour, width)
    p.setCapStyle(Qt.PenCapStyle.RoundCap)
    p.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return p


def glyph_size(font_px: float, aspect: float) -> QSize:
    """The size of a key's glyph beside words of `font_px`: about a capital's height."""
    height = round(font_px * 0.8)
    return QSize(round(height * aspect), height)


def give_glyph(
    key: QPushButton,
    shape: Callable[[QRectF], QPainterPath],
    follows: QWidget | None = None,
    *,
    mirrors: bool = True,
    filled_when_on: bool = False,
) -> None:
    """Draw `shape` as the key's icon (beside its words), in its text colour."""
    key.setIcon(QIcon(Glyph(shape, key, follows, mirrors=mirrors, filled_when_on=filled_when_on)))


def key_width_for(key: QPushButton, scale: float, *, least: float = 0) -> int:
    """The width a key needs so its words (and glyph) never touch its border: the text measured
    in the key's own font, the glyph and its gap, KEY_PADDING each side and the border at its
    widest; never less than `least` nor than what the style asks for."""
    key.ensurePolished()
    need = QFontMetrics(key.font()).horizontalAdvance(key.text())
    if not key.icon().isNull():
        need += key.iconSize().width() + (round(GLYPH_GAP * scale) if key.text() else 0)
    need += 2 * round(KEY_PADDING * scale) + 2 * BORDER_ROOM
    return max(round(least), need, key.sizeHint().width())


def key_height_for(key: QPushButton, scale: float, *, least: float = 0) -> int:
    """The height a key needs for its text's line (and glyph) with room above and below."""
    key.ensurePolished()
    line = max(QFontMetrics(key.font()).height(), key.iconSize().height())
    return max(round(least), line + round(12 * scale) + 2 * BORDER_ROOM)


# -- the keypad ------------------------------------------------------------------------------


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

    def __init__(self, parent: QWidget | None = None, *, scale: float = 1.0) -> None:
        super().__init__(parent)
        self.setObjectName("dateKeypad")
        self._entry = DateEntry()
        self._scale = scale
        self._given = 0
        """Height each row of keys gave up to a screen short of room (`give_way`)."""
        self._words = words_for("en")
        self._spelled_room_for: tuple[str, float] | None = None

        self._field_names: list[QLabel] = []
        self._fields: list[QLabel] = []
        self._separators: list[QLabel] = []
        display = QHBoxLayout()
        display.setSpacing(SPACING)
        display.addStretch(1)
        for i in range(len(FIELD_NAMES)):
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
        keys_row.addStretch(1)
        keys_row.addWidget(self._keys_box)
        keys_row.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setSpacing(SPACING)
        layout.addLayout(display)
        layout.addWidget(self._spelled)
        layout.addLayout(keys_row)

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
        first, last = (
            (self._back_key, self._clear_key)
            if self.isRightToLeft()
            else (
                self._clear_key,
                self._back_key,
            )
        )
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
        """Show every text in this language: labels, placeholders, keys, the date in words."""
        self._words = words
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
            metrics.horizontalAdvance("0" * FIELD_LENGTHS[i]),
            metrics.horizontalAdvance(self._words(PLACEHOLDERS[i])),
        )
        return widest + round(0.8 * px)

    def _fields_width(self, px: float) -> int:
        font = QFont(self._fields[0].font())
        font.setPixelSize(round(px))
        slash = QFontMetrics(font).horizontalAdvance(" / ")
        boxes = sum(self._field_width(i, px) for i in range(len(self._fields)))
        return boxes + len(self._separators) * slash + 2 * len(self._separators) * SPACING

    def give_way(self, short: int) -> None:
        """The screen is `short` px short of room for everything on it (or, negative, has that
        many to spare): the keys give up height for it, a quarter each row, as far as they may,
        and take it back when there is room again."""
        given = max(0, self._given + -(-short // ROWS))
        if given != self._given:
            self._given = given
            self.set_scale(self._scale)

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
        # Given up to a screen short of room (`give_way`), never below what a fingertip and the
        # key's words need.
        least = max(TOUCH_PX, *(key_height_for(k, scale) for k in keys))
        height = max(least, height - self._given)
        # The outer columns as wide as the wider of Clear and Delete, so the pad stays symmetric.
        outer = max(
            key_width_for(k, scale, least=KEY_WIDTH * scale)
            for k in (self._clear_key, self._back_key)
        )
        for column, width in enumerate((outer, round(KEY_WIDTH * scale), outer)):
            self._grid.setColumnMinimumWidth(column, width)
        for key in (*self._digit_keys, self._clear_key, self._back_key):
            key.setMinimumWidth(key_width_for(key, scale, least=KEY_WIDTH * scale))
            key.setFixedHeight(height)
        for label in self._field_names:
            set_font_px(label, FIELD_NAME_FONT * scale)
        # The boxes no wider than the keys under them (a language's long placeholders would
        # push the words beside the keypad into a narrow column): their type gives way first,
        # never below the least a box shows at.
        keys_width = 2 * outer + round(KEY_WIDTH * scale) + 2 * SPACING
        size = FIELD_FONT * scale
        need = self._fields_width(size)
        if need > keys_width:
            size = max(LEAST_FIELD_FONT * scale, size * keys_width / need)
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

    def _set_texts(self) -> None:
        words = self._words
        for label, name in zip(self._field_names, FIELD_NAMES, strict=True):
            label.setText(words(name))
        self._clear_key.setText(words(CLEAR))
        self._clear_key.setAccessibleName(words(CLEAR_SPOKEN))
        self._back_key.setText(words(DELETE))
        self._back_key.setAccessibleName(words(DELETE_DIGIT_SPOKEN))
        for field, name in zip(self._fields, FIELD_NAMES, strict=True):
            field.setAccessibleName(words(name))

    def _refresh(self) -> None:
        entry = self._entry
        active = entry.active_field
        for i, (field, shown) in enumerate(zip(self._fields, entry.parts, strict=True)):
            field.setText(shown or self._words(PLACEHOLDERS[i]))
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
