"""The dashboard's charts, drawn with QPainter (no chart library): horizontal bars (one colour, or
stacked parts with a legend) and horizontal box plots on a shared axis. They draw the numbers they
are given; every figure is computed outside kiosk/ui (kiosk.records.dashboard)."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

ROW = 24
"""Pixels a row of a chart takes."""
LABEL_MAX = 300
"""The widest a row's label may be (longer ones are cut with an ellipsis; the CSV has them whole)."""
GAP = 8
INK = QColor("#222222")
GRID = QColor("#d0d0d0")
BOX = QColor("#1565c0")


@dataclass(frozen=True)
class Series:
    """One part of a stacked bar: its name in the legend and its colour."""

    name: str
    colour: str


@dataclass(frozen=True)
class Bar:
    """A row of a bar chart: its label, the size of each part, and the words at its end. `of`:
    the whole the bar is a share of ("1 of 2 briefings": 2), drawn as the chart's full width; 0
    for a count scaled against the chart's longest bar."""

    label: str
    parts: tuple[float, ...]
    text: str
    of: float = 0


def bar_scale(bar: Bar, longest: float) -> float:
    """The value the chart's full width stands for on this bar's row: its whole when it is a share
    ("1 of 2" and "2 of 8" are half and a quarter of the width, not both full because each tops
    its chart), else the chart's longest bar."""
    return max(bar.of, sum(bar.parts)) if bar.of > 0 else longest or 1


@dataclass(frozen=True)
class Box:
    """A row of a box plot: its label, the five numbers, and the words at its end."""

    label: str
    five: tuple[float, float, float, float, float]
    text: str


class _Chart(QWidget):
    def __init__(self, empty: str) -> None:
        super().__init__()
        self.empty = empty
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._cut: list[tuple[QRectF, str]] = []
        """Each label drawn cut to its room, and where: whole on hover (a reviewer could not read
        "How big is the cut for the mild proc…", the very question the chart is about)."""

    def rows(self) -> int:
        """Rows of data (a subclass counts its own)."""
        return 0

    def extra_rows(self) -> int:
        return 0

    def sizeHint(self) -> QSize:
        return QSize(640, ROW * max(1, self.rows() + self.extra_rows()) + GAP)

    def minimumSizeHint(self) -> QSize:
        return QSize(320, self.sizeHint().height())

    def label_width(self, labels: list[str]) -> int:
        metrics = self.fontMetrics()
        widest = max((metrics.horizontalAdvance(t) for t in labels), default=0) + 2  # rounding
        return min(LABEL_MAX, widest) + GAP

    def draw_label(self, painter: QPainter, text: str, y: int, width: int) -> None:
        shown = self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, width - GAP)
        painter.setPen(INK)
        room = QRectF(0, y, width - GAP, ROW)
        if shown != text:
            self._cut.append((room, text))
        painter.drawText(room, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, shown)

    def whole_label(self, at: QPoint) -> str | None:
        """The whole of a label drawn cut at `at`; None where there is none."""
        return next((text for room, text in self._cut if room.contains(QPointF(at))), None)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            whole = self.whole_label(event.pos())
            if whole is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), whole, self)
            return True
        return super().event(event)

    def draw_empty(self, painter: QPainter) -> None:
        painter.setPen(INK)
        painter.drawText(
            self.rect(), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self.empty
        )


class BarChart(_Chart):
    """Horizontal bars, one a row; a bar of several parts is stacked, with a legend above."""

    def __init__(self, empty: str, series: list[Series]) -> None:
        super().__init__(empty)
        self.series = series
        self.bars: list[Bar] = []

    def set_bars(self, bars: list[Bar]) -> None:
        self.bars = bars
        self.updateGeometry()
        self.update()

    def rows(self) -> int:
        return len(self.bars)

    def extra_rows(self) -> int:
        return 1 if len(self.series) > 1 and self.bars else 0

    def paintEvent(self, event: QPaintEvent) -> None:
        self._cut.clear()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not self.bars:
            self.draw_empty(painter)
            return
        metrics = self.fontMetrics()
        left = self.label_width([b.label for b in self.bars])
        right = max(metrics.horizontalAdvance(b.text) for b in self.bars) + GAP
        span = max(1, self.width() - left - right - GAP)
        longest = max((sum(b.parts) for b in self.bars), default=0)
        top = 0
        if self.extra_rows():
            at = float(left)
            for s in self.series:
                painter.fillRect(QRectF(at, top + 7, 10, 10), QColor(s.colour))
                painter.setPen(INK)
                painter.drawText(
                    QRectF(at + 14, top, 400, ROW), Qt.AlignmentFlag.AlignVCenter, s.name
                )
                at += 14 + metrics.horizontalAdvance(s.name) + 3 * GAP
            top += ROW
        for n, bar in enumerate(self.bars):
            y = top + n * ROW
            self.draw_label(painter, bar.label, y, left)
            x = float(left)
            whole = bar_scale(bar, longest)
            for part, s in zip(bar.parts, self.series, strict=False):
                width = span * part / whole
                painter.fillRect(QRectF(x, y + 4, width, ROW - 8), QColor(s.colour))
                x += width
            painter.setPen(INK)
            painter.drawText(
                QRectF(x + GAP / 2, y, right, ROW), Qt.AlignmentFlag.AlignVCenter, bar.text
            )
        painter.end()


class BoxChart(_Chart):
    """Horizontal box plots on one axis: whiskers from the least to the most, a box from the first
    to the third quartile, a line at the median; the axis in `unit` along the top."""

    def __init__(self, empty: str, unit: str, number: Callable[[float], str]) -> None:
        super().__init__(empty)
        self.unit = unit
        self.number = number
        """How a tick's value is written (the staff member's locale, by Babel)."""
        self.boxes: list[Box] = []

    def set_boxes(self, boxes: list[Box]) -> None:
        self.boxes = boxes
        self.updateGeometry()
        self.update()

    def rows(self) -> int:
        return len(self.boxes)

    def extra_rows(self) -> int:
        return 1 if self.boxes else 0

    def paintEvent(self, event: QPaintEvent) -> None:
        self._cut.clear()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not self.boxes:
            self.draw_empty(painter)
            return
        metrics = self.fontMetrics()
        left = self.label_width([b.label for b in self.boxes])
        right = max(metrics.horizontalAdvance(b.text) for b in self.boxes) + GAP
        span = max(1, self.width() - left - right - 2 * GAP)
        most = max(b.five[4] for b in self.boxes) or 1.0
        step = nice_step(most)

        def at(value: float) -> float:
            return left + span * value / (math.ceil(most / step) * step)

        bottom = ROW * (len(self.boxes) + 1)
        tick = 0.0
        while tick <= math.ceil(most / step) * step + 1e-9:
            x = at(tick)
            painter.setPen(QPen(GRID))
            painter.drawLine(int(x), ROW, int(x), bottom)
            painter.setPen(INK)
            painter.drawText(
                QRectF(x - 30, 0, 60, ROW),
                Qt.AlignmentFlag.AlignCenter,
                self.number(round(tick, 6)),
            )
            tick += step
        painter.drawText(
            QRectF(0, 0, left - GAP, ROW),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            self.unit,
        )
        for n, box in enumerate(self.boxes):
            y = ROW * (n + 1)
            middle = y + ROW / 2
            self.draw_label(painter, box.label, y, left)
            low, q1, median, q3, high = (at(v) for v in box.five)
            painter.setPen(QPen(INK, 1))
            painter.drawLine(int(low), int(middle), int(q1), int(middle))
            painter.drawLine(int(q3), int(middle), int(high), int(middle))
            painter.fillRect(QRectF(q1, y + 5, max(q3 - q1, 1), ROW - 10), BOX.lighter(170))
            painter.drawRect(QRectF(q1, y + 5, max(q3 - q1, 1), ROW - 10))
            painter.setPen(QPen(BOX, 2))
            painter.drawLine(int(median), y + 4, int(median), y + ROW - 4)
            painter.setPen(INK)
            painter.drawText(
                QRectF(at(most) + GAP, y, right, ROW), Qt.AlignmentFlag.AlignVCenter, box.text
            )
        painter.end()


def nice_step(most: float) -> float:
    """A round step for an axis up to `most`: 1, 2 or 5 times a power of ten, 4 to 10 ticks."""
    if most <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(most))
    for factor in (0.1, 0.2, 0.5, 1.0, 2.0, 5.0):
        if most / (factor * power) <= 10:
            return factor * power
    return 10.0 * power
