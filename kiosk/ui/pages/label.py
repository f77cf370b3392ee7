"""A label whose wrapped right-to-left words are drawn where they were wrapped."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QTextLayout, QTextOption
from PySide6.QtWidgets import QLabel, QStyle, QWidget

_HORIZONTAL = (
    Qt.AlignmentFlag.AlignLeft
    | Qt.AlignmentFlag.AlignRight
    | Qt.AlignmentFlag.AlignHCenter
    | Qt.AlignmentFlag.AlignJustify
    | Qt.AlignmentFlag.AlignAbsolute
)


class Label(QLabel):
    """A plain-text label. Wrapped and right to left, it lays its lines out with `QTextLayout`
    and draws them itself.

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

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._keep_room()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LayoutDirectionChange:
            self._keep_room()
        super().changeEvent(event)

    def _keep_room(self) -> None:
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        self.setMargin(self.OVERHANG_PX if rtl else 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        if not (
            self.wordWrap()
            and self.layoutDirection() == Qt.LayoutDirection.RightToLeft
            and self.textFormat() == Qt.TextFormat.PlainText
            and self.text()
        ):
            super().paintEvent(event)
            return
        painter = QPainter(self)
        self.drawFrame(painter)
        m = self.margin()
        room = self.contentsRect().adjusted(m, m, -m, -m)
        align = QStyle.visualAlignment(Qt.LayoutDirection.RightToLeft, self.alignment())
        option = QTextOption(align & _HORIZONTAL)
        option.setWrapMode(QTextOption.WrapMode.WordWrap)
        option.setTextDirection(Qt.LayoutDirection.RightToLeft)
        # A label's "\n" is a line break within its one paragraph, as QLabel draws it.
        layout = QTextLayout(self.text().replace("\n", "\u2028"), self.font(), self)
        layout.setTextOption(option)
        layout.beginLayout()
        height = 0.0
        while (line := layout.createLine()).isValid():
            line.setLineWidth(room.width())
            line.setPosition(QPointF(0, height))
            height += line.height()
        layout.endLayout()
        top = float(room.top())
        if align & Qt.AlignmentFlag.AlignVCenter:
            top += (room.height() - height) / 2
        elif align & Qt.AlignmentFlag.AlignBottom:
            top += room.height() - height
        group = QPalette.ColorGroup.Active if self.isEnabled() else QPalette.ColorGroup.Disabled
        painter.setPen(self.palette().color(group, self.foregroundRole()))
        layout.draw(painter, QPointF(room.left(), max(top, float(room.top()))))
        painter.end()
