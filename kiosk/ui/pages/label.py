"""A label whose wrapped right-to-left words are drawn where they were wrapped."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QLabel, QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QTextLayout

_HORIZONTAL = (
    Qt.AlignmentFlag.AlignLeft
    | Qt.AlignmentFlag.AlignRight
    | Qt.AlignmentFlag.AlignHCenter
    | Qt.AlignmentFlag.AlignJustify
    | Qt.AlignmentFlag.AlignAbsolute
)


class Label(QLabel):
    """A plain-text label. Wrapped and right to left, or with a sentence highlighted (`mark`: read
    aloud now), it lays its lines out with `QTextLayout` and draws them itself.

    Qt's own drawing of a wrapped plain text (QPainter's line breaking, which QLabel uses) places
    every right-to-left line that ends in a space one space's width left of the width it was
    wrapped to: the longest lines of an Arabic paragraph ran out of the label's left edge and were
    cut there ("مضاد" read "مضا"). The lines are the same (the same breaking, at the same width,
    with the same font): only where each is drawn differs. Left to right, or unwrapped, QLabel
    draws as it always does.

    A line starts flush with the label's right edge, and an Arabic letter's ink may reach a pixel
    or two past its advance (a vowel mark over a first "يُ"): right to left, the label keeps a
    margin of `OVERHANG_PX` for it, inside its own rect, where it is seen rather than cut.
    """

    OVERHANG_PX = 3
    RTL_LEADING = 0.15
    """Room between the lines of a wrapped right-to-left text, as a share of the font's height:
    at the font's own line height an Arabic mark under one line (a kasra) touched a mark over
    the next (a shadda), and the lines ran together."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._heights: dict[int, int] = {}
        """Height for a width, as QLabel works it out, for the words, font and room it has now.
        A layout asks each wrapped label for it many times a pass (about 380 times when "Larger
        text" lays a reading screen out again, at 11 µs each, wrapping the words every time)."""
        self._heights_of = text
        """The words `_heights` are for."""
        self._keep_room()
        self._marked: tuple[int, int, str, str] | None = None
        """The characters read aloud now (start, length), in their colours (text, background)."""

    def mark(self, start: int, length: int, text: str, background: str) -> None:
        """Highlight `length` characters from `start` (the sentence being read aloud)."""
        marked = (start, length, text, background)
        if marked != self._marked:
            self._marked = marked
            self.update()

    def unmark(self) -> None:
        if self._marked is not None:
            self._marked = None
            self.update()

    @property
    def marked(self) -> str:
        """The characters highlighted now ("" if none)."""
        if self._marked is None:
            return ""
        start, length = self._marked[:2]
        return self.text()[start : start + length]

    def setText(self, text: str) -> None:
        self._marked = None  # another text: what was read aloud is not in it
        super().setText(text)

    def setWordWrap(self, on: bool) -> None:
        self._heights.clear()
        super().setWordWrap(on)

    def heightForWidth(self, width: int) -> int:
        text = self.text()  # set through QLabel itself too (`QLabel.setText`, `clear`)
        if text != self._heights_of:
            self._heights.clear()
            self._heights_of = text
        height = self._heights.get(width)
        if height is None:
            if len(self._heights) > 16:  # widths of windows since shown: keep the few of now
                self._heights.clear()
            height = super().heightForWidth(width)
            leading = self.leading_px()
            if leading and height >= 0:  # QLabel's lines, each but the first a leading lower
                m = self.contentsMargins()
                room = width - m.left() - m.right() - 2 * self.margin()
                height += leading * (len(self.laid_out(room)[1]) - 1)
            self._heights[width] = height
        return height

    def leading_px(self, metrics: QFontMetrics | None = None) -> int:
        """The room kept between two lines of the label's words (none but wrapped right to left),
        in its font or the one `metrics` measures."""
        if not (self.wordWrap() and self.layoutDirection() == Qt.LayoutDirection.RightToLeft):
            return 0
        return round((metrics or self.fontMetrics()).height() * self.RTL_LEADING)

    def laid_out(self, width: int) -> tuple[QTextLayout, list[float], float]:
        """The words laid out in lines `width` px wide, as they are drawn: the layout, each line's
        top, and the height of them all."""
        from PySide6.QtGui import QTextLayout, QTextOption
        from PySide6.QtWidgets import QStyle

        align = QStyle.visualAlignment(self.layoutDirection(), self.alignment())
        option = QTextOption(align & _HORIZONTAL)
        option.setWrapMode(
            QTextOption.WrapMode.WordWrap if self.wordWrap() else QTextOption.WrapMode.NoWrap
        )
        option.setTextDirection(self.layoutDirection())
        # A label's "\n" is a line break within its one paragraph, as QLabel draws it.
        layout = QTextLayout(self.text().replace("\n", "\u2028"), self.font(), self)
        layout.setTextOption(option)
        leading = self.leading_px()
        tops: list[float] = []
        layout.beginLayout()
        height = 0.0
        while (line := layout.createLine()).isValid():
            line.setLineWidth(width if self.wordWrap() else 1_000_000)
            if tops:
                height += leading
            line.setPosition(QPointF(0, height))
            tops.append(height)
            height += line.height()
        layout.endLayout()
        return layout, tops, height

    def changeEvent(self, event: QEvent) -> None:
        # Any change of font, style, room (a style sheet's padding), direction: wrapped anew.
        self._heights.clear()
        if event.type() == QEvent.Type.LayoutDirectionChange:
            self._keep_room()
        super().changeEvent(event)

    def _keep_room(self) -> None:
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        self._heights.clear()
        self.setMargin(self.OVERHANG_PX if rtl else 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        if not (
            self.textFormat() == Qt.TextFormat.PlainText
            and self.text()
            and ((self.wordWrap() and rtl) or self._marked is not None)
        ):
            super().paintEvent(event)
            return
        self._draw_laid_out()

    def _draw_laid_out(self) -> None:
        """The text laid out with QTextLayout and drawn where it was wrapped, the mark included.

        Qt's text-layout and style classes are imported here, not with the module: Welcome is
        painted without them (their enumerations take Qt about 7 ms to make, at every start)."""
        from PySide6.QtGui import QTextCharFormat, QTextLayout
        from PySide6.QtWidgets import QStyle

        painter = QPainter(self)
        self.drawFrame(painter)
        m = self.margin()
        # The frame's room (a style sheet's border and padding at a line's start) is kept on the
        # side the words start from: contentsRect() keeps it on the left whatever the direction.
        inside = QStyle.visualRect(self.layoutDirection(), self.rect(), self.contentsRect())
        room = inside.adjusted(m, m, -m, -m)
        align = QStyle.visualAlignment(self.layoutDirection(), self.alignment())
        layout, _tops, height = self.laid_out(room.width())
        top = float(room.top())
        if align & Qt.AlignmentFlag.AlignVCenter:
            top += (room.height() - height) / 2
        elif align & Qt.AlignmentFlag.AlignBottom:
            top += room.height() - height
        group = QPalette.ColorGroup.Active if self.isEnabled() else QPalette.ColorGroup.Disabled
        painter.setPen(self.palette().color(group, self.foregroundRole()))
        marks = []
        if self._marked is not None:
            start, length, text, background = self._marked
            mark = QTextLayout.FormatRange()
            mark.start, mark.length = start, length
            look = QTextCharFormat()
            look.setForeground(QColor(text))
            look.setBackground(QColor(background))
            mark.format = look
            marks.append(mark)
        layout.draw(painter, QPointF(room.left(), max(top, float(room.top()))), marks)
        painter.end()


def lines_px(label: QLabel, lines: int) -> int:
    """The height of `lines` lines of `label`'s words as it draws them, a leading between each
    (`Label.leading_px`): the room kept for so many lines of Arabic held a line less."""
    leading = label.leading_px() if isinstance(label, Label) else 0
    return lines * label.fontMetrics().lineSpacing() + max(0, lines - 1) * leading
