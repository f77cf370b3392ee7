"""The signature in the PDF: drawn as the pad drew it on screen (smooth curves, a tap a dot), in a
box at the start of a line in the document's direction."""

from __future__ import annotations

import itertools

from reportlab.graphics.shapes import Circle, Path, PolyLine  # type: ignore[import-untyped]
from reportlab.lib import colors  # type: ignore[import-untyped]

from kiosk.document.ink import curves, signature_drawing

INK = colors.HexColor("#1f4e79")


def test_a_stroke_is_the_pads_curves_through_midpoints_not_a_zigzag() -> None:
    points = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (20.0, 10.0)]
    segments = curves(points)
    # From the first point, a curve to each midpoint, the recorded point between its control.
    assert segments[0] == ((0.0, 0.0), (10.0, 0.0), (10.0, 5.0))
    assert segments[1] == ((10.0, 5.0), (10.0, 10.0), (15.0, 10.0))
    assert segments[-1][2] == (20.0, 10.0)  # and on to the last point
    for (_, _, end), (start, _, _) in itertools.pairwise(segments):
        assert end == start  # one unbroken line
    assert curves([(1.0, 1.0)]) == []


def test_the_drawing_holds_curves_and_a_tap_as_a_dot() -> None:
    stroke = [[x, 20.0 * (x % 2)] for x in range(10)]
    drawing = signature_drawing([stroke, [[4.0, 4.0]]], INK)
    kinds = [type(shape) for shape in drawing.contents]
    assert Path in kinds and Circle in kinds and PolyLine not in kinds
    path = next(s for s in drawing.contents if isinstance(s, Path))
    assert path.operators.count(2) == len(curves(stroke))  # a cubic curve for each piece


def test_the_box_stands_where_a_line_starts() -> None:
    assert signature_drawing([], INK).hAlign == "LEFT"
    assert signature_drawing([], INK, right_to_left=True).hAlign == "RIGHT"
