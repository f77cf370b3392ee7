"""A finger signature pad: touch or mouse strokes kept as vectors, drawn as smooth curves, cheap to repaint."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QElapsedTimer,
    QEvent,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QEventPoint,
    QInputDevice,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPixmap,
    QResizeEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.i18n import Words, words_for
from kiosk.session.signature import DrawnSignature, Point, Stroke
from kiosk.ui.widgets.ink import (
    DOT_SIZE,
    GUIDE,
    HINT_INK,
    INK,
    INK_WIDTH,
    PAPER,
    _xy,
    dot_at,
    ink_pen,
    ink_rect,
    paint_strokes,
    smooth_path,
    strokes_png,
)

MIN_WIDTH = 600
MIN_HEIGHT = 220
HINT_FONT = 28
HINT = "sign.pad-hint"
NAME = "sign.pad-name"
BASELINE_AT = 0.72
"""The baseline's height as a share of the pad's, leaving room for descenders below it."""
AHEAD_MS = 150
"""The signature's image is made this long after a stroke ends, if no other has begun."""
CLOCK_SKEW_MS = 60_000
"""Event timestamps further than this from the pad's own clock are not trusted."""


class SignaturePad(QWidget):
    """Records a finger (or mouse) signature as strokes of timed points in widget pixels.

    Finished strokes are drawn once into a cached pixmap; only the stroke under the finger is
    drawn on each move, and only around its newest points. `clear()` forgets the strokes and the
    cache, so nothing of a signature stays on screen when a session ends.
    Object name for the theme: `signaturePad` (the pad paints its own white paper and ink).
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, scale: float = 1.0) -> None:
        super().__init__(parent)
        self.setObjectName("signaturePad")
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._words = words_for("en")
        self.setAccessibleName(self._words(NAME))
        self._scale = scale
        self._strokes: list[Stroke] = []
        self._points: list[Point] = []
        self._path = QPainterPath()
        """The settled part of the stroke under the finger (all but the last half segment)."""
        self._cache: QPixmap | None = None
        self._png: tuple[tuple[int, QSize], bytes] | None = None
        """The signature's image (`image_png`), for the strokes and size it was made for."""
        self._ahead = QTimer(self)
        self._ahead.setSingleShot(True)
        self._ahead.setInterval(AHEAD_MS)
        self._ahead.timeout.connect(self.image_png)
        self._clock = QElapsedTimer()
        self._first_timestamp = 0
        self._last_t = 0
        self._touch_id: int | None = None
        self._mouse_down = False
        self.set_scale(scale)

    # -- public API --

    def strokes(self) -> tuple[Stroke, ...]:
        return tuple(self._strokes)

    def is_empty(self) -> bool:
        return not self._strokes and not self._points

    def signature(self) -> DrawnSignature:
        """The finished strokes and a PNG of them (`image_png`)."""
        return DrawnSignature(self.strokes(), self.image_png())

    def image_png(self) -> bytes:
        """The ink as the pad shows it, on white, cropped to the strokes (`ink.strokes_png`).

        Made ahead, a moment after the last stroke ends (`AHEAD_MS`: the finger is then on its way
        to Sign), so the tap on Sign need not (2 ms at 1920x1080); made now if it was not yet."""
        key = (len(self._strokes), self.size())
        if self._png is None or self._png[0] != key:
            self._png = (key, strokes_png(self._strokes, self.rect()))
        return self._png[1]

    def ink_rect(self) -> QRect:
        """Where the finished strokes are, with IMAGE_MARGIN of paper around them, within the pad."""
        return ink_rect(self._strokes, self.rect())

    def clear(self) -> None:
        """Forget every stroke and the drawn image; the pad shows only its empty guides again."""
        self._strokes.clear()
        self._png = None
        self._ahead.stop()
        self._points.clear()
        self._path = QPainterPath()
        self._cache = None
        self._clock.invalidate()
        self._first_timestamp = 0
        self._last_t = 0
        self._touch_id = None
        self._mouse_down = False
        self.update()
        self.changed.emit()

    def words(self) -> Words:
        return self._words

    def set_words(self, words: Words) -> None:
        """The hint on the paper and the name a screen reader says, in this language."""
        self._words = words
        self.setAccessibleName(words(NAME))
        self.update()

    def scale(self) -> float:
        return self._scale

    def set_scale(self, scale: float) -> None:
        self._scale = scale
        self.setMinimumSize(round(MIN_WIDTH * scale), round(MIN_HEIGHT * scale))
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(round(900 * self._scale), round(300 * self._scale))

    # -- input: touch --

    def event(self, e: QEvent) -> bool:
        kind = e.type()
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd):
            assert isinstance(e, QTouchEvent)
            self._touch(e)
            e.accept()
            return True
        if kind == QEvent.Type.TouchCancel:
            self._abandon_stroke()
            e.accept()
            return True
        return super().event(e)

    def _touch(self, e: QTouchEvent) -> None:
        points = e.points()
        if self._touch_id is None:
            if e.type() != QEvent.Type.TouchBegin and not any(
                p.state() == QEventPoint.State.Pressed for p in points
            ):
                return
            # Only the first finger writes; a resting palm or a second finger is ignored.
            first = next((p for p in points if p.state() == QEventPoint.State.Pressed), points[0])
            self._touch_id = first.id()
            self._begin(first.position(), e.timestamp())
            if e.type() != QEvent.Type.TouchEnd and first.state() != QEventPoint.State.Released:
                return
        point = next((p for p in points if p.id() == self._touch_id), None)
        if point is None:
            return
        self._extend(point.position(), e.timestamp())
        if e.type() == QEvent.Type.TouchEnd or point.state() == QEventPoint.State.Released:
            self._touch_id = None
            self._finish_stroke()

    # -- input: mouse (a mouse, a pen, or a touch screen that only sends mouse events) --

    def _from_touch(self, e: QMouseEvent) -> bool:
        """A mouse event made from a touch we already handle: recording it would draw the stroke twice."""
        device = e.device()
        touch = device is not None and device.type() == QInputDevice.DeviceType.TouchScreen
        return touch or self._touch_id is not None

    def mousePressEvent(self, e: QMouseEvent) -> None:
        e.accept()
        if self._from_touch(e) or e.button() != Qt.MouseButton.LeftButton or self._mouse_down:
            return
        self._mouse_down = True
        self._begin(e.position(), e.timestamp())

    def mouseMoveEvent(self, e: QMouseEvent) -> None:
        e.accept()
        if self._mouse_down and not self._from_touch(e):
            self._extend(e.position(), e.timestamp())

    def mouseReleaseEvent(self, e: QMouseEvent) -> None:
        e.accept()
        if not self._mouse_down or self._from_touch(e) or e.button() != Qt.MouseButton.LeftButton:
            return
        self._extend(e.position(), e.timestamp())
        self._mouse_down = False
        self._finish_stroke()

    # -- strokes --

    def _t_ms(self, timestamp: int) -> int:
        """Milliseconds since the pad was first touched: the event's own time, else the pad's clock."""
        if not self._clock.isValid():
            self._clock.start()
            self._first_timestamp = timestamp
        elapsed = self._clock.elapsed()
        t = elapsed
        if timestamp and self._first_timestamp:
            from_event = timestamp - self._first_timestamp
            if from_event >= 0 and abs(from_event - elapsed) <= CLOCK_SKEW_MS:
                t = from_event
        self._last_t = max(self._last_t, t)
        return self._last_t

    def _point(self, pos: QPointF, timestamp: int) -> Point:
        x = min(max(pos.x(), 0.0), float(self.width()))
        y = min(max(pos.y(), 0.0), float(self.height()))
        return Point(round(x, 1), round(y, 1), self._t_ms(timestamp))

    def _begin(self, pos: QPointF, timestamp: int) -> None:
        self._ahead.stop()  # drawing: the image waits for the finger to lift
        point = self._point(pos, timestamp)
        self._points = [point]
        self._path = QPainterPath()
        self._path.moveTo(point.x, point.y)
        if not self._strokes:
            self.update()  # the hint goes as soon as drawing starts
        else:
            self._update_around(self._points)

    def _extend(self, pos: QPointF, timestamp: int) -> None:
        if not self._points:
            return
        point = self._point(pos, timestamp)
        last = self._points[-1]
        if (point.x, point.y) == (last.x, last.y):
            return
        self._points.append(point)
        if len(self._points) >= 3:
            b = self._points[-2]
            self._path.quadTo(b.x, b.y, (b.x + point.x) / 2, (b.y + point.y) / 2)
        self._update_around(self._points[-3:])

    def _live_path(self) -> QPainterPath:
        if len(self._points) == 1:
            return smooth_path(_xy(Stroke(tuple(self._points))))
        live = QPainterPath(self._path)
        live.lineTo(self._points[-1].x, self._points[-1].y)
        return live

    def _finish_stroke(self) -> None:
        if not self._points:
            return
        stroke = Stroke(tuple(self._points))
        self._strokes.append(stroke)
        self._points = []
        self._path = QPainterPath()
        if self._cache is not None:
            painter = QPainter(self._cache)
            paint_strokes(painter, [stroke])
            painter.end()
        self._update_around(stroke.points)
        self._ahead.start()
        self.changed.emit()

    def _abandon_stroke(self) -> None:
        self._touch_id = None
        self._mouse_down = False
        if self._points:
            self._points = []
            self._path = QPainterPath()
            self.update()

    def _update_around(self, points: Sequence[Point]) -> None:
        xs = [p.x for p in points]
        ys = [p.y for p in points]
        margin = max(INK_WIDTH, DOT_SIZE) / 2 + 3
        self.update(
            QRectF(
                min(xs) - margin,
                min(ys) - margin,
                max(xs) - min(xs) + 2 * margin,
                max(ys) - min(ys) + 2 * margin,
            ).toAlignedRect()
        )

    # -- painting --

    def _ensure_cache(self) -> QPixmap:
        ratio = self.devicePixelRatioF()
        size = self.size() * ratio
        if self._cache is None or self._cache.size() != size:
            cache = QPixmap(size)
            cache.setDevicePixelRatio(ratio)
            cache.fill(Qt.GlobalColor.transparent)
            painter = QPainter(cache)
            paint_strokes(painter, self._strokes)
            painter.end()
            self._cache = cache
        return self._cache

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LayoutDirectionChange:
            self.update()  # the ✕ moves to the other end of the baseline
        super().changeEvent(e)

    def resizeEvent(self, e: QResizeEvent) -> None:
        self._cache = None
        super().resizeEvent(e)

    def paintEvent(self, e: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setClipRect(e.rect())
        painter.fillRect(e.rect(), PAPER)
        self._paint_guides(painter)
        if self._strokes:  # an empty pad has no strokes' pixels to make or lay over it
            painter.drawPixmap(0, 0, self._ensure_cache())
        if self._points:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            dot = dot_at(_xy(Stroke(tuple(self._points))))
            if dot is not None:  # a finger just down, or hardly moved: a dot already
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(INK)
                painter.drawEllipse(dot, DOT_SIZE / 2, DOT_SIZE / 2)
            else:
                painter.setPen(ink_pen())
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawPath(self._live_path())
        painter.end()

    def _paint_guides(self, painter: QPainter) -> None:
        """The paper's edge, the baseline with a ✕ at its start (the right end in right-to-left),
        and the hint ("Sign here") until the first touch."""
        s = self._scale
        margin = 36 * s
        baseline = round(self.height() * BASELINE_AT) + 0.5
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(GUIDE, 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(QRectF(self.rect()).adjusted(1, 1, -1, -1))
        painter.drawLine(QPointF(margin, baseline), QPointF(self.width() - margin, baseline))
        font = self.font()
        font.setPixelSize(round(HINT_FONT * s))
        painter.setFont(font)
        painter.setPen(HINT_INK)
        text_height = painter.fontMetrics().height()
        start = self.width() - margin - text_height if self.isRightToLeft() else margin
        cross = QRectF(start, baseline - text_height - 4, text_height, text_height)
        arm = text_height * 0.28  # a drawn ✕: a mark, not a word, the same in every language
        centre = cross.center()
        cross_pen = QPen(HINT_INK, max(2.0, 3 * s))
        cross_pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(cross_pen)
        for dx in (-arm, arm):
            painter.drawLine(centre + QPointF(-arm, dx), centre + QPointF(arm, -dx))
        painter.setPen(HINT_INK)
        if self.is_empty():
            hint = QRectF(0, baseline - text_height - 4, self.width(), text_height)
            painter.drawText(hint, Qt.AlignmentFlag.AlignCenter, self._words(HINT))
