"""Icons drawn from paths, not characters: a tick, a cross, a question mark, arrows for Back and Next
(mirrored for right-to-left languages) and a down arrow for "more below"."""

from __future__ import annotations

import functools
from enum import StrEnum

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap


class Glyph(StrEnum):
    TICK = "tick"
    CROSS = "cross"
    QUESTION = "question"
    BACK = "back"
    """Points to where the reader came from: left, or right in a right-to-left language."""
    NEXT = "next"
    DOWN = "down"
    LARGER = "larger"
    CONTRAST = "contrast"
    GLOBE = "globe"
    """The languages: a globe, as most of the world's screens mark them."""
    SPEAKER = "speaker"
    """Listen: a loudspeaker and its sound (and Louder)."""
    QUIETER = "quieter"
    """Quieter: a loudspeaker and a minus (Listen's two waves beside it read as the same button)."""
    LOUDER = "louder"
    """Louder: a loudspeaker and a plus."""
    BOX = "box"
    """An empty box, to be ticked: on "I understand this risk" before it is tapped (a tick there
    would read as already done)."""


def _path(glyph: Glyph) -> tuple[QPainterPath, bool]:
    """The glyph in a 1×1 box, and whether it is filled (else stroked)."""
    p = QPainterPath()
    if glyph is Glyph.TICK:
        p.moveTo(0.15, 0.55)
        p.lineTo(0.4, 0.8)
        p.lineTo(0.88, 0.22)
    elif glyph is Glyph.CROSS:
        p.moveTo(0.2, 0.2)
        p.lineTo(0.8, 0.8)
        p.moveTo(0.8, 0.2)
        p.lineTo(0.2, 0.8)
    elif glyph is Glyph.QUESTION:
        p.moveTo(0.3, 0.32)
        p.cubicTo(0.3, 0.08, 0.72, 0.08, 0.72, 0.32)
        p.cubicTo(0.72, 0.48, 0.5, 0.5, 0.5, 0.66)
        p.moveTo(0.5, 0.84)
        p.lineTo(0.5, 0.86)
    elif glyph in (Glyph.BACK, Glyph.NEXT):
        p.moveTo(0.62, 0.18)
        p.lineTo(0.3, 0.5)
        p.lineTo(0.62, 0.82)
    elif glyph is Glyph.DOWN:
        p.moveTo(0.18, 0.36)
        p.lineTo(0.5, 0.68)
        p.lineTo(0.82, 0.36)
    elif glyph is Glyph.LARGER:  # a letter A and a plus sign
        p.moveTo(0.06, 0.9)
        p.lineTo(0.32, 0.14)
        p.lineTo(0.58, 0.9)
        p.moveTo(0.16, 0.62)
        p.lineTo(0.48, 0.62)
        p.moveTo(0.66, 0.3)
        p.lineTo(0.96, 0.3)
        p.moveTo(0.81, 0.15)
        p.lineTo(0.81, 0.45)
    elif glyph is Glyph.GLOBE:  # a circle, its meridian, its equator and two parallels
        p.addEllipse(QRectF(0.1, 0.1, 0.8, 0.8))
        p.addEllipse(QRectF(0.32, 0.1, 0.36, 0.8))
        p.moveTo(0.1, 0.5)
        p.lineTo(0.9, 0.5)
        p.moveTo(0.18, 0.3)
        p.lineTo(0.82, 0.3)
        p.moveTo(0.18, 0.7)
        p.lineTo(0.82, 0.7)
    elif glyph in (Glyph.SPEAKER, Glyph.QUIETER, Glyph.LOUDER):  # a loudspeaker, and …
        p.moveTo(0.08, 0.38)
        p.lineTo(0.26, 0.38)
        p.lineTo(0.48, 0.18)
        p.lineTo(0.48, 0.82)
        p.lineTo(0.26, 0.62)
        p.lineTo(0.08, 0.62)
        p.closeSubpath()
        if glyph is Glyph.SPEAKER:  # … its waves of sound
            p.moveTo(0.62, 0.36)
            p.quadTo(0.72, 0.5, 0.62, 0.64)
            p.moveTo(0.74, 0.24)
            p.quadTo(0.94, 0.5, 0.74, 0.76)
        else:  # … a minus, or a plus
            p.moveTo(0.6, 0.5)
            p.lineTo(0.94, 0.5)
            if glyph is Glyph.LOUDER:
                p.moveTo(0.77, 0.33)
                p.lineTo(0.77, 0.67)
    elif glyph is Glyph.BOX:
        p.addRoundedRect(QRectF(0.14, 0.14, 0.72, 0.72), 0.12, 0.12)
    else:  # CONTRAST: a circle, half filled
        p.addEllipse(QRectF(0.12, 0.12, 0.76, 0.76))
        p.moveTo(0.5, 0.12)
        p.arcTo(QRectF(0.12, 0.12, 0.76, 0.76), 90, 180)
        p.closeSubpath()
        return p, True
    return p, False


def pixmap(glyph: Glyph, colour: str, px: int, *, right_to_left: bool = False) -> QPixmap:
    """The glyph at `px` pixels square in `colour`; Back and Next turned to the reading direction.

    Drawn once per glyph, colour, size and direction (a new look asks for the same few again);
    a QPixmap is shared until written, and nobody writes these."""
    return _drawn(glyph, colour, px, right_to_left)


@functools.lru_cache(maxsize=64)
def _drawn(glyph: Glyph, colour: str, px: int, right_to_left: bool) -> QPixmap:
    image = QPixmap(px, px)
    image.fill(Qt.GlobalColor.transparent)
    path, filled = _path(glyph)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    mirrored = (glyph is Glyph.NEXT) != right_to_left
    if mirrored:
        painter.translate(px, 0)
        painter.scale(-1, 1)
    painter.scale(px, px)
    pen = QPen(QColor(colour), 0.11)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    if filled:
        painter.setBrush(QColor(colour))
    painter.drawPath(path)
    if filled:  # the circle's outline, over its filled half
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(QRectF(0.12, 0.12, 0.76, 0.76))
    painter.end()
    return image


def icon(glyph: Glyph, colour: str, px: int, *, right_to_left: bool = False) -> QIcon:
    return QIcon(pixmap(glyph, colour, px, right_to_left=right_to_left))


def leading_icon(glyph: Glyph, colour: str, px: int, *, right_to_left: bool = False) -> QIcon:
    """The glyph before a button's words, a little smaller, with room between it and them (a
    button's own gap is 4 px: a tick stood against its word)."""
    image = QPixmap(px, px)
    image.fill(Qt.GlobalColor.transparent)
    small = round(px * 0.78)
    painter = QPainter(image)
    painter.drawPixmap(
        px - small if right_to_left else 0, (px - small) // 2, pixmap(glyph, colour, small)
    )
    painter.end()
    return QIcon(image)


def toggle_icon(glyph: Glyph, off: str, on: str, px: int) -> QIcon:
    """A toggle's glyph: in `off` on the plain button; while it is checked, in `on` (on the main
    action's colour: a glyph in the plain text colour was black on dark blue there) and a little
    smaller, a tick at its foot: on or off was told by the button's colour alone."""
    both = QIcon(pixmap(glyph, off, px))
    both.addPixmap(_ticked(glyph, on, px), QIcon.Mode.Normal, QIcon.State.On)
    return both


@functools.lru_cache(maxsize=16)
def _ticked(glyph: Glyph, colour: str, px: int) -> QPixmap:
    image = QPixmap(px, px)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    small = round(px * 0.78)
    painter.drawPixmap(0, 0, pixmap(glyph, colour, small))
    tick = round(px * 0.5)
    painter.drawPixmap(px - tick, px - tick, pixmap(Glyph.TICK, colour, tick))
    painter.end()
    return image
