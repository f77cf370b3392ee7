"""The patient's signature in the PDF: their finger strokes as the pad drew them on screen, smooth
curves through the points (not a line from point to point, which printed as a zigzag), scaled into a
box that stands where a line starts in the document's direction."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from reportlab.graphics.shapes import Circle, Drawing, Path, Rect  # type: ignore[import-untyped]
from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]

from kiosk.document.fonts import BASE_FONT

Point = tuple[float, float]
BOX = colors.HexColor("#9ca3af")
LINE_WIDTH = 1.4


def curves(points: Sequence[Point]) -> list[tuple[Point, Point, Point]]:
    """The stroke as the pad draws it (kiosk.ui.widgets.ink.smooth_path): from the first point, a
    quadratic curve to each midpoint between two recorded points, the earlier point its control,
    then a line to the last. Each (start, control, end); the last segment's control is its start."""
    if len(points) < 2:
        return []
    out: list[tuple[Point, Point, Point]] = []
    at = points[0]
    for (x0, y0), (x1, y1) in itertools.pairwise(points[1:]):
        end = ((x0 + x1) / 2, (y0 + y1) / 2)
        out.append((at, (x0, y0), end))
        at = end
    out.append((at, at, points[-1]))
    return out


def _path(points: Sequence[Point], colour: colors.Color) -> Path:
    path = Path(
        strokeColor=colour,
        strokeWidth=LINE_WIDTH,
        fillColor=None,
        strokeLineCap=1,
        strokeLineJoin=1,
    )
    path.moveTo(*points[0])
    for (x0, y0), (qx, qy), (x2, y2) in curves(points):
        # A quadratic curve as the cubic PDF draws: its controls two thirds of the way from
        # each end to the quadratic's one.
        path.curveTo(
            x0 + 2 / 3 * (qx - x0),
            y0 + 2 / 3 * (qy - y0),
            x2 + 2 / 3 * (qx - x2),
            y2 + 2 / 3 * (qy - y2),
            x2,
            y2,
        )
    return path


def signature_drawing(
    strokes: list[list[list[float]]],
    colour: colors.Color,
    right_to_left: bool = False,
    width: float = 120 * mm,
    height: float = 40 * mm,
) -> Drawing:
    """The finger strokes as vector curves, scaled into a box: crisp at any zoom. The box stands at
    the right in a right-to-left document, where its lines start."""
    drawing = Drawing(width, height, initialFontName=BASE_FONT)
    drawing.hAlign = "RIGHT" if right_to_left else "LEFT"
    drawing.add(Rect(0, 0, width, height, strokeColor=BOX, fillColor=None, strokeWidth=0.5))
    points = [pt for stroke in strokes for pt in stroke]
    if not points:
        return drawing
    xs, ys = [pt[0] for pt in points], [pt[1] for pt in points]
    span_x, span_y = max(max(xs) - min(xs), 1.0), max(max(ys) - min(ys), 1.0)
    margin = 3 * mm
    scale = min((width - 2 * margin) / span_x, (height - 2 * margin) / span_y)
    left = margin + ((width - 2 * margin) - span_x * scale) / 2
    bottom = margin + ((height - 2 * margin) - span_y * scale) / 2
    for stroke in strokes:
        # the pad's y grows downwards, the page's upwards
        placed = [
            (left + (pt[0] - min(xs)) * scale, bottom + (max(ys) - pt[1]) * scale) for pt in stroke
        ]
        if len(placed) >= 2 and len(set(placed)) > 1:
            drawing.add(_path(placed, colour))
        elif placed:  # a tap: a dot, as the pad shows it (the dot of an "i")
            x, y = placed[0]
            drawing.add(Circle(x, y, LINE_WIDTH, fillColor=colour, strokeColor=None))
    return drawing
