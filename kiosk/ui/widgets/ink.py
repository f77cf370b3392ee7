"""Ink on the signature pad's paper: its colours, strokes drawn as smooth curves, a tap as a dot,
and the signature's image as a small grey PNG (no Qt image codec needed)."""

from __future__ import annotations

import itertools
import struct
import zlib
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen, qGray

from kiosk.session.signature import Stroke

IMAGE_MARGIN = 12
"""Paper kept around the ink in the signature's image, in pad pixels."""

PAPER = QColor(255, 255, 255)
INK = QColor(17, 17, 34)
"""Near-black on the pad's own white: the same in every theme, and what the PDF shows."""
GUIDE = QColor(112, 112, 112)
"""The baseline and the paper's edge: quiet grey on white (contrast above 4.5:1)."""
HINT_INK = QColor(89, 89, 89)
"""The ✕ and "Sign here": darker grey, 7:1 on the white paper, as high contrast asks of text."""
INK_WIDTH = 3.5
DOT_SIZE = max(8.0, 3 * INK_WIDTH)
"""A tap is drawn as a round dot this wide (a stroke of one point would be a speck of the pen's
width nobody sees, while the screen says "That looks like a dot")."""


def smooth_path(points: Sequence[tuple[float, float]]) -> QPainterPath:
    """A path through the points as quadratic curves between successive midpoints, not a polyline.

    Each recorded point is a control point and each curve ends at the midpoint to the next, so
    the line turns smoothly; a single point becomes a dot (with a round cap).
    """
    path = QPainterPath()
    if not points:
        return path
    path.moveTo(*points[0])
    if len(points) == 1:
        path.lineTo(points[0][0] + 0.01, points[0][1])
        return path
    for (x0, y0), (x1, y1) in itertools.pairwise(points[1:]):
        path.quadTo(x0, y0, (x0 + x1) / 2, (y0 + y1) / 2)
    path.lineTo(*points[-1])
    return path


def dot_at(points: Sequence[tuple[float, float]]) -> QPointF | None:
    """Where to draw a stroke as a dot: the middle of a stroke that is a tap (no movement, or
    less than the dot's own size); None for a stroke that goes somewhere."""
    if not points:
        return None
    xs = [x for x, _ in points]
    ys = [y for _, y in points]
    if max(xs) - min(xs) >= DOT_SIZE or max(ys) - min(ys) >= DOT_SIZE:
        return None
    return QPointF((max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2)


def draw_stroke(painter: QPainter, points: Sequence[tuple[float, float]], colour: QColor) -> None:
    """A stroke in ink of `colour`: a smooth line, or a round dot DOT_SIZE wide for a tap."""
    dot = dot_at(points)
    if dot is None:
        painter.setPen(ink_pen(colour))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(smooth_path(points))
        return
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawEllipse(dot, DOT_SIZE / 2, DOT_SIZE / 2)


def paint_strokes(painter: QPainter, strokes: Sequence[Stroke], colour: QColor = INK) -> None:
    """The strokes in ink of `colour`, antialiased (on the pad, and in the signature's image)."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    for stroke in strokes:
        draw_stroke(painter, _xy(stroke), colour)


def ink_pen(colour: QColor = INK) -> QPen:
    pen = QPen(colour, INK_WIDTH)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


def _xy(stroke: Stroke) -> list[tuple[float, float]]:
    return [(p.x, p.y) for p in stroke.points]


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def grey_png(pixels: bytes, width: int, height: int) -> bytes:
    """A PNG of 8-bit greyscale pixels (`width` bytes a row, rows top to bottom, nothing between).

    Every row unfiltered (filter type 0), deflated at zlib's fastest level: ink on white paper is
    long runs of one byte, which deflate takes well as they are, so the filters Qt's PNG writer
    tries on every row (most of its time) buy nothing here, and the default level (6) would take
    four times as long for a file a sixth smaller (about 9 KB instead of 11 for a whole name)."""
    if len(pixels) != width * height or width < 1 or height < 1:
        raise ValueError("the pixels do not make a width x height image")
    rows = b"".join(b"\x00" + pixels[y * width : (y + 1) * width] for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale, no interlace
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(rows, 1))
        + _png_chunk(b"IEND", b"")
    )


def ink_rect(strokes: Sequence[Stroke], bounds: QRect) -> QRect:
    """Where the strokes are, with IMAGE_MARGIN of paper around them, within `bounds`."""
    if not strokes:
        return QRect(0, 0, 2 * IMAGE_MARGIN, 2 * IMAGE_MARGIN)
    inked = QRectF()
    for stroke in strokes:
        xy = _xy(stroke)
        dot = dot_at(xy)
        # half the pen (or the dot), its antialiased edge, the margin
        reach = (DOT_SIZE if dot is not None else INK_WIDTH) / 2 + 1 + IMAGE_MARGIN
        xs = [x for x, _ in xy] if dot is None else [dot.x()]
        ys = [y for _, y in xy] if dot is None else [dot.y()]
        inked = inked.united(
            QRectF(
                min(xs) - reach,
                min(ys) - reach,
                max(xs) - min(xs) + 2 * reach,
                max(ys) - min(ys) + 2 * reach,
            )
        )
    area = inked.toAlignedRect().intersected(bounds)
    return area if not area.isEmpty() else QRect(0, 0, 2 * IMAGE_MARGIN, 2 * IMAGE_MARGIN)


def strokes_png(strokes: Sequence[Stroke], bounds: QRect) -> bytes:
    """The strokes as the pad shows them, on white, cropped to them with a margin of paper
    (IMAGE_MARGIN) within `bounds`: an 8-bit greyscale PNG, in pad pixels. No strokes: a blank
    square.

    2 to 3 ms for a signature across a pad 1,800 pixels wide, where the whole pad in colour through
    QImage.save took 22 ms: the strokes are drawn in grey ink (the ink's own grey) into an RGB32
    image, Qt's fastest raster path, and any one colour channel of it is then the greyscale image."""
    area = ink_rect(strokes, bounds)
    image = QImage(area.size(), QImage.Format.Format_RGB32)
    image.fill(PAPER)
    painter = QPainter(image)
    painter.translate(-area.x(), -area.y())
    grey = qGray(INK.rgb())
    paint_strokes(painter, strokes, QColor(grey, grey, grey))
    painter.end()
    # RGB32 is 0xffRRGGBB in native byte order, 4 bytes a pixel and no padding: byte 1 of each
    # pixel is green (little-endian) or red (big-endian), equal here as the ink is grey.
    pixels = bytes(image.constBits())[1::4]
    return grey_png(pixels, image.width(), image.height())
