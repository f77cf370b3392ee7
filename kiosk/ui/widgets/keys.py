"""What the touch widgets share: fonts set on a widget's own sheet, flags a style sheet selects
on, keys sized from their text, and glyphs (Delete, Shift) drawn as icons that mirror."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QIcon,
    QIconEngine,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
    QTransform,
)
from PySide6.QtWidgets import QAbstractButton, QLabel, QPushButton, QWidget

from kiosk.ui.typeset import refit

KEY_PADDING = 16
"""Room between a word key's text (or glyph) and its border, each side, at scale 1."""
BORDER_ROOM = 4
"""A key's border at its widest (pressed), each side: never counted as room for the text."""
GLYPH_GAP = 10
"""Between a key's glyph and its words, at scale 1."""


def set_font_px(widget: QWidget, px: float, *, bold: bool = False, padding: float = 0) -> None:
    """Font size set on the widget's own style sheet, so an application sheet cannot shrink it.

    The application sheet still gives the family and every colour: only the size (and, for a
    key with words, the room left and right of them) is taken here.
    """
    weight = " font-weight: bold;" if bold else ""
    room = f" padding: 0 {round(padding)}px;" if padding else ""
    sheet = f"font-size: {round(px)}px;{weight}{room}"
    if widget.styleSheet() != sheet:  # (Qt styles the widget again even for the same sheet)
        widget.setStyleSheet(sheet)


def sizes_changed(widget: QWidget) -> None:
    """`widget`'s size changed: every box it stands in, up to the window, works out its size
    again at the next look, shown or not. Each box keeps the sizes of what is in it until told:
    a page measured just after its keys grew or shrank read the old sizes, and its keypad's last
    row was left cut."""
    box: QWidget | None = widget
    while box is not None and not box.isWindow():
        layout = box.layout()
        if layout is not None:
            layout.invalidate()
        box.updateGeometry()
        box = box.parentWidget()


def set_flag(widget: QWidget, name: str, value: bool | str) -> None:
    """Set a dynamic property a style sheet selects on (`[active="true"]`) and style the widget
    again, if it changed (styling again is what costs, and only this widget needs it)."""
    if widget.property(name) == value:
        return
    widget.setProperty(name, value)
    if name == "role":
        refit(widget)  # a title that became a heading takes the heading's size
    if not widget.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
        return  # styled when first shown, with the flag as it is then (and QStyle not yet loaded)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    if isinstance(widget, QLabel):
        # A label takes its style sheet's padding as contents margins only on a style change:
        # without it, a line that became a notice had its box with no room inside it.
        QCoreApplication.sendEvent(widget, QEvent(QEvent.Type.StyleChange))
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


def key_width_for(
    key: QPushButton, scale: float, *, least: float = 0, texts: Sequence[str] = ()
) -> int:
    """The width a key needs so its words (and glyph) never touch its border: the text measured
    in the key's own font, the glyph and its gap, KEY_PADDING each side and the border at its
    widest; never less than `least` nor than what the style asks for. `texts`: the words it shows
    in turn, measured for the widest (sized for the words it had, the key back to the Arabic
    letters showed them cut as its page turned)."""
    key.ensurePolished()
    metrics = QFontMetrics(key.font())
    need = max(metrics.horizontalAdvance(text) for text in (key.text(), *texts))
    if not key.icon().isNull():
        shown = any((key.text(), *texts))
        need += key.iconSize().width() + (round(GLYPH_GAP * scale) if shown else 0)
    need += 2 * round(KEY_PADDING * scale) + 2 * BORDER_ROOM
    return max(round(least), need, key.sizeHint().width())


def give_in_turn(given: int, mays: tuple[int, ...]) -> list[int]:
    """`given` px shared out in turn: each part gives all it may (`mays`) before the next gives
    any; what none may give is not given."""
    shares = []
    for may in mays:
        shares.append(max(0, min(given, may)))
        given -= shares[-1]
    return shares


def key_height_for(key: QPushButton, scale: float, *, least: float = 0) -> int:
    """The height a key needs for its text's line (and glyph) with room above and below."""
    key.ensurePolished()
    line = max(QFontMetrics(key.font()).height(), key.iconSize().height())
    return max(round(least), line + round(12 * scale) + 2 * BORDER_ROOM)


# -- the keypad ------------------------------------------------------------------------------


def words_or_glyphs(
    row: Sequence[QPushButton], glyphed: Mapping[QPushButton, str], room: int, spacing: int,
    width_of: Callable[[QPushButton], int],
) -> bool:  # fmt: skip
    """A row of keys no wider than `room`: the keys of `glyphed` (each with a glyph) show their
    words (`glyphed[key]`) while the row with them fits, else their glyph alone (the words stay
    their spoken names). Each key at least `width_of` it. True: the glyphs stand alone."""
    for key, words in glyphed.items():
        key.setText(words)
    need = sum(width_of(key) for key in row) + spacing * (len(row) - 1)
    alone = need > room
    for key in row:
        if alone and key in glyphed:
            key.setText("")
        key.setMinimumWidth(width_of(key))
    return alone
