"""The signature pad: strokes from mouse and touch, once each, drawn as curves, and wiped clean by clear()."""

from __future__ import annotations

import math
from collections.abc import Sequence

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QImage, QMouseEvent, QPainterPath, QPointingDevice
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.i18n import words_for
from kiosk.session.signature import Point, Stroke
from kiosk.ui.theme import contrast
from kiosk.ui.widgets import signature_pad
from kiosk.ui.widgets.ink import (
    DOT_SIZE,
    HINT_INK,
    IMAGE_MARGIN,
    INK_WIDTH,
    PAPER,
    grey_png,
    smooth_path,
)
from kiosk.ui.widgets.signature_pad import SignaturePad

# The offscreen platform cannot resize a window to its layout's minimum and says so as a warning.

DARK = 80
"""Lightness below this is ink; the grey guides and their antialiased edges stay above it."""


@pytest.fixture
def pad(qtbot: QtBot) -> SignaturePad:
    widget = SignaturePad()
    widget.resize(800, 260)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture(scope="module")
def touchscreen() -> QPointingDevice:
    return QTest.createTouchDevice()


def wave(x0: int, y0: int, n: int = 30) -> list[QPoint]:
    return [QPoint(x0 + 8 * i, round(y0 + 40 * math.sin(i / 3))) for i in range(n)]


def mouse_stroke(qtbot: QtBot, pad: SignaturePad, points: list[QPoint]) -> None:
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=points[0])
    for p in points[1:]:
        qtbot.mouseMove(pad, p)
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=points[-1])


def touch_stroke(pad: SignaturePad, device: QPointingDevice, points: list[QPoint]) -> None:
    QTest.touchEvent(pad, device).press(0, points[0], pad).commit()
    for p in points[1:]:
        QTest.touchEvent(pad, device).move(0, p, pad).commit()
    QTest.touchEvent(pad, device).release(0, points[-1], pad).commit()


def dark_pixels(image: QImage) -> int:
    return sum(
        1
        for y in range(0, image.height(), 2)
        for x in range(0, image.width(), 2)
        if image.pixelColor(x, y).lightness() < DARK
    )


def test_a_new_pad_is_empty(pad: SignaturePad) -> None:
    assert pad.is_empty()
    assert pad.strokes() == ()
    assert pad.signature().problem() is not None
    assert dark_pixels(pad.grab().toImage()) == 0


def test_a_mouse_stroke_is_one_stroke_of_timed_points(qtbot: QtBot, pad: SignaturePad) -> None:
    points = wave(100, 120)
    with qtbot.waitSignal(pad.changed):
        mouse_stroke(qtbot, pad, points)
    (stroke,) = pad.strokes()
    assert [(p.x, p.y) for p in stroke.points] == [(q.x(), q.y()) for q in points]
    times = [p.t_ms for p in stroke.points]
    assert times[0] == 0
    assert times == sorted(times)
    assert times[-1] > times[0]
    assert not pad.is_empty()
    assert pad.signature().problem() is None


def test_moves_without_a_press_draw_nothing(qtbot: QtBot, pad: SignaturePad) -> None:
    for p in wave(100, 120):
        qtbot.mouseMove(pad, p)
    assert pad.strokes() == ()


def test_times_count_from_the_first_touch_across_strokes(pad: SignaturePad) -> None:
    def send(kind: QEvent.Type, x: float, t: int) -> None:
        buttons = (
            Qt.MouseButton.NoButton
            if kind == QEvent.Type.MouseButtonRelease
            else Qt.MouseButton.LeftButton
        )
        event = QMouseEvent(
            kind,
            QPointF(x, 100),
            QPointF(x, 100),
            Qt.MouseButton.LeftButton if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton,
            buttons,
            Qt.KeyboardModifier.NoModifier,
        )
        event.setTimestamp(t)
        QApplication.sendEvent(pad, event)

    send(QEvent.Type.MouseButtonPress, 100, 5000)
    send(QEvent.Type.MouseMove, 150, 5016)
    send(QEvent.Type.MouseButtonRelease, 200, 5033)
    send(QEvent.Type.MouseButtonPress, 300, 5400)
    send(QEvent.Type.MouseButtonRelease, 340, 5420)
    first, second = pad.strokes()
    assert [p.t_ms for p in first.points] == [0, 16, 33]
    assert [p.t_ms for p in second.points] == [400, 420]


def test_each_touch_is_one_stroke(
    qtbot: QtBot, pad: SignaturePad, touchscreen: QPointingDevice
) -> None:
    with qtbot.waitSignal(pad.changed):
        touch_stroke(pad, touchscreen, wave(100, 120))
    touch_stroke(pad, touchscreen, wave(400, 120, 10))
    strokes = pad.strokes()
    assert [len(s.points) for s in strokes] == [30, 10]
    assert all(
        a.t_ms <= b.t_ms for s in strokes for a, b in zip(s.points, s.points[1:], strict=False)
    )
    assert pad.signature().problem() is None


def test_a_second_finger_is_ignored(pad: SignaturePad, touchscreen: QPointingDevice) -> None:
    QTest.touchEvent(pad, touchscreen).press(0, QPoint(100, 100), pad).commit()
    QTest.touchEvent(pad, touchscreen).move(0, QPoint(150, 110), pad).press(
        1, QPoint(600, 50), pad
    ).commit()
    QTest.touchEvent(pad, touchscreen).move(0, QPoint(200, 120), pad).move(
        1, QPoint(650, 60), pad
    ).commit()
    QTest.touchEvent(pad, touchscreen).release(0, QPoint(200, 120), pad).release(
        1, QPoint(650, 60), pad
    ).commit()
    (stroke,) = pad.strokes()
    assert [(p.x, p.y) for p in stroke.points] == [(100, 100), (150, 110), (200, 120)]


def test_mouse_events_made_from_touch_are_not_recorded_again(
    pad: SignaturePad, touchscreen: QPointingDevice
) -> None:
    points = wave(100, 120, 10)
    touch_stroke(pad, touchscreen, points)
    # What a platform sends after a touch: the same stroke as mouse events from the touchscreen.
    for kind, p, buttons in (
        (QEvent.Type.MouseButtonPress, points[0], Qt.MouseButton.LeftButton),
        (QEvent.Type.MouseMove, points[5], Qt.MouseButton.LeftButton),
        (QEvent.Type.MouseButtonRelease, points[-1], Qt.MouseButton.NoButton),
    ):
        button = (
            Qt.MouseButton.NoButton if kind == QEvent.Type.MouseMove else Qt.MouseButton.LeftButton
        )
        event = QMouseEvent(
            kind,
            QPointF(p),
            QPointF(p),
            QPointF(p),
            button,
            buttons,
            Qt.KeyboardModifier.NoModifier,
            touchscreen,
        )
        QApplication.sendEvent(pad, event)
    assert len(pad.strokes()) == 1


def ink_across(image: QImage, y: int) -> int:
    """How many pixels of row y are ink."""
    return sum(1 for x in range(image.width()) if image.pixelColor(x, y).lightness() < DARK)


def test_a_dot_is_not_a_signature_but_shows_as_a_dot(qtbot: QtBot, pad: SignaturePad) -> None:
    qtbot.mouseClick(pad, Qt.MouseButton.LeftButton, pos=QPoint(300, 120))
    (stroke,) = pad.strokes()
    assert len(stroke.points) == 1
    problem = pad.signature().problem()
    assert problem is not None and "dot" in problem
    # A round dot a patient can see where the finger was: at least 8 px, about 3 pens wide.
    assert max(8, 3 * INK_WIDTH) <= DOT_SIZE
    shown = pad.grab(QRect(280, 100, 40, 40)).toImage()
    across = ink_across(shown, 20)
    down = sum(1 for y in range(shown.height()) if shown.pixelColor(20, y).lightness() < DARK)
    assert across >= 8 and down >= 8 and abs(across - down) <= 1, (across, down)
    assert across >= DOT_SIZE - 2
    # The image kept with the signature shows the same dot.
    image = QImage.fromData(pad.signature().image_png or b"")
    assert ink_across(image, image.height() // 2) >= 8


def test_a_very_short_stroke_is_a_dot_too(qtbot: QtBot, pad: SignaturePad) -> None:
    mouse_stroke(qtbot, pad, [QPoint(300, 120), QPoint(302, 121), QPoint(303, 121)])
    shown = pad.grab(QRect(280, 100, 40, 40)).toImage()
    assert ink_across(shown, 21) >= 8


def test_a_finger_just_down_shows_a_dot_at_once(
    pad: SignaturePad, touchscreen: QPointingDevice
) -> None:
    QTest.touchEvent(pad, touchscreen).press(0, QPoint(300, 120), pad).commit()
    shown = pad.grab(QRect(280, 100, 40, 40)).toImage()
    assert ink_across(shown, 20) >= 8
    QTest.touchEvent(pad, touchscreen).release(0, QPoint(300, 120), pad).commit()


def test_the_drawing_shows_and_the_png_matches_it(qtbot: QtBot, pad: SignaturePad) -> None:
    mouse_stroke(qtbot, pad, wave(100, 120))
    assert dark_pixels(pad.grab().toImage()) > 20
    signature = pad.signature()
    assert signature.image_png is not None and signature.image_png.startswith(b"\x89PNG")
    image = QImage.fromData(signature.image_png)
    assert image.format() == QImage.Format.Format_Grayscale8
    # The ink and a margin of paper: the wave spans x 100 to 332, y 80 to 160 or so.
    area = pad.ink_rect()
    assert image.size() == area.size()
    assert area.contains(QRect(100, 82, 232, 76)) and pad.rect().contains(area)
    slack = 2 * (IMAGE_MARGIN + 4)  # the margin and the pen, each side
    assert area.width() < 232 + slack and area.height() < 80 + slack
    # Pixel for pixel the ink the pad shows there (its guides are below and left of it).
    shown = pad.grab(area).toImage()
    worst = max(
        abs(image.pixelColor(x, y).lightness() - shown.pixelColor(x, y).lightness())
        for y in range(image.height())
        for x in range(image.width())
    )
    assert dark_pixels(image) > 20 and worst <= 12, worst
    for x, y in ((0, 0), (image.width() - 1, image.height() - 1)):
        assert image.pixelColor(x, y).lightness() == 255  # the margin is paper


def test_grey_png_decodes_to_the_same_pixels() -> None:
    width, height = 7, 3
    pixels = bytes((x * 37 + y * 91) % 256 for y in range(height) for x in range(width))
    image = QImage.fromData(grey_png(pixels, width, height))
    assert (image.width(), image.height()) == (width, height)
    assert [image.pixelColor(x, y).red() for y in range(height) for x in range(width)] == list(
        pixels
    )
    with pytest.raises(ValueError, match="width x height"):
        grey_png(pixels, width + 1, height)


def test_clear_wipes_strokes_and_every_drawn_pixel(qtbot: QtBot, pad: SignaturePad) -> None:
    mouse_stroke(qtbot, pad, wave(100, 120))
    mouse_stroke(qtbot, pad, wave(400, 120))
    assert dark_pixels(pad.grab().toImage()) > 20
    with qtbot.waitSignal(pad.changed):
        pad.clear()
    assert pad.strokes() == ()
    assert pad.is_empty()
    assert dark_pixels(pad.grab().toImage()) == 0
    image = QImage.fromData(pad.signature().image_png or b"")
    assert not image.isNull()
    white = image.pixelColor(0, 0)
    assert (white.red(), white.green(), white.blue()) == (255, 255, 255)
    assert all(
        image.pixel(x, y) == image.pixel(0, 0)
        for y in range(0, image.height(), 3)
        for x in range(0, image.width(), 3)
    )


def test_clear_during_a_stroke_forgets_it(pad: SignaturePad, touchscreen: QPointingDevice) -> None:
    QTest.touchEvent(pad, touchscreen).press(0, QPoint(100, 100), pad).commit()
    QTest.touchEvent(pad, touchscreen).move(0, QPoint(300, 150), pad).commit()
    assert dark_pixels(pad.grab().toImage()) > 0  # drawn live, before the finger lifts
    pad.clear()
    QTest.touchEvent(pad, touchscreen).release(0, QPoint(300, 150), pad).commit()
    assert pad.strokes() == ()
    assert dark_pixels(pad.grab().toImage()) == 0


def test_the_hint_goes_once_drawing_starts(qtbot: QtBot, pad: SignaturePad) -> None:
    def hint_pixels() -> int:
        image = pad.grab().toImage()
        middle = image.width() // 2
        baseline = round(image.height() * 0.72)
        return sum(
            1
            for y in range(baseline - 45, baseline - 5)
            for x in range(middle - 60, middle + 60)
            if image.pixelColor(x, y).lightness() < 200
        )

    assert hint_pixels() > 20
    mouse_stroke(qtbot, pad, wave(60, 60, 5))
    assert hint_pixels() == 0
    pad.clear()
    assert hint_pixels() > 20


def test_a_stroke_survives_a_resize(qtbot: QtBot, pad: SignaturePad) -> None:
    mouse_stroke(qtbot, pad, wave(100, 120))
    pad.resize(1000, 320)
    qtbot.waitUntil(lambda: pad.width() == 1000)
    assert dark_pixels(pad.grab().toImage()) > 20


def test_strokes_are_drawn_as_curves_through_midpoints() -> None:
    points = [(0.0, 0.0), (10.0, 20.0), (20.0, 0.0), (30.0, 20.0)]
    path = smooth_path(points)
    kinds = [path.elementAt(i).type for i in range(path.elementCount())]
    assert QPainterPath.ElementType.CurveToElement in kinds
    assert kinds[0] == QPainterPath.ElementType.MoveToElement
    # The first curve ends halfway between the second and third points, and the path at the last.
    curve_ends = [
        (path.elementAt(i + 2).x, path.elementAt(i + 2).y)
        for i, kind in enumerate(kinds)
        if kind == QPainterPath.ElementType.CurveToElement
    ]
    assert curve_ends[0] == (15.0, 10.0)
    assert path.currentPosition() == QPointF(30.0, 20.0)


def test_one_point_is_a_dot_and_none_is_nothing() -> None:
    assert smooth_path([]).isEmpty()
    assert smooth_path([(5.0, 5.0)]).elementCount() == 2


def test_points_outside_the_pad_are_kept_inside(pad: SignaturePad) -> None:
    for kind, x in (
        (QEvent.Type.MouseButtonPress, 100),
        (QEvent.Type.MouseMove, 5000),
        (QEvent.Type.MouseButtonRelease, 5000),
    ):
        button = (
            Qt.MouseButton.NoButton if kind == QEvent.Type.MouseMove else Qt.MouseButton.LeftButton
        )
        QApplication.sendEvent(
            pad,
            QMouseEvent(
                kind,
                QPointF(x, -40),
                QPointF(x, -40),
                button,
                Qt.MouseButton.LeftButton,
                Qt.KeyboardModifier.NoModifier,
            ),
        )
    (stroke,) = pad.strokes()
    assert stroke.points[-1] == Point(float(pad.width()), 0.0, stroke.points[-1].t_ms)


@pytest.mark.parametrize("scale", [1.0, 1.3])
def test_the_pad_is_large_and_grows_with_scale(qtbot: QtBot, scale: float) -> None:
    pad = SignaturePad(scale=scale)
    qtbot.addWidget(pad)
    assert pad.minimumWidth() >= 600 * scale and pad.minimumHeight() >= 220 * scale
    assert pad.testAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)


def test_the_hint_and_name_come_from_the_catalog(qtbot: QtBot, pad: SignaturePad) -> None:
    english = words_for("en")
    assert pad.accessibleName() == english("sign.pad-name")
    before = pad.grab().toImage()
    pad.set_words(words_for("en-XA"))
    assert pad.accessibleName() == words_for("en-XA")("sign.pad-name")
    assert pad.grab().toImage() != before  # the hint is drawn in the new words


def test_the_hint_is_readable_in_high_contrast(pad: SignaturePad) -> None:
    # The pad paints its own paper in every theme: its words keep 7:1 on it, as high contrast asks.
    assert contrast(HINT_INK.name(), PAPER.name()) >= 7
    window = QWidget()
    window.setStyleSheet("QWidget { background: #000000; color: #FFFFFF; }")
    inside = SignaturePad(window)
    inside.resize(800, 260)
    image = inside.grab().toImage()
    assert image.pixelColor(400, 40).lightness() == 255  # still white paper
    window.deleteLater()


def test_the_cross_marks_the_start_of_the_line_as_the_language_reads(
    qtbot: QtBot, pad: SignaturePad
) -> None:
    def marks(x0: int, x1: int) -> int:
        image = pad.grab().toImage()
        baseline = round(image.height() * 0.72)
        return sum(
            1
            for y in range(baseline - 45, baseline - 5)
            for x in range(x0, x1)
            if image.pixelColor(x, y).lightness() < 200
        )

    w = pad.width()
    assert marks(20, 100) > 10 and marks(w - 100, w - 20) == 0
    pad.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    assert marks(20, 100) == 0 and marks(w - 100, w - 20) > 10


def test_the_image_is_made_once_the_finger_lifts_not_on_the_tap_on_sign(
    qtbot: QtBot, pad: SignaturePad, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[int] = []
    real = signature_pad.strokes_png

    def counted(strokes: Sequence[Stroke], bounds: QRect) -> bytes:
        made.append(len(strokes))
        return real(strokes, bounds)

    monkeypatch.setattr(signature_pad, "strokes_png", counted)
    mouse_stroke(qtbot, pad, wave(100, 120))
    mouse_stroke(qtbot, pad, wave(100, 180))  # begun at once: the image waits for this one too
    qtbot.waitUntil(lambda: made == [2])
    png = pad.signature().image_png
    assert made == [2], "the tap on Sign made the image again"
    assert png == real(pad.strokes(), pad.rect())
    mouse_stroke(qtbot, pad, wave(100, 60))
    assert pad.signature().image_png == real(pad.strokes(), pad.rect())  # asked before: made now
    assert made == [2, 3]
    pad.clear()
    assert pad.signature().image_png == real((), pad.rect()) and made == [2, 3, 0]
