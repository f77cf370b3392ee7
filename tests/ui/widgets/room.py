"""Measuring a key as a patient sees it: does its text (and glyph) fit inside, clear of the border?"""

from __future__ import annotations

from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QPushButton

from kiosk.ui.widgets.keypad import BORDER_ROOM

CLEAR_PX = 8
"""The least room between a key's text (or glyph) and its border, each side."""


def room_left(key: QPushButton) -> int:
    """Pixels to spare each side of what the key shows: its text measured in its own font, and its
    glyph with the gap the style leaves (4 px) beside it, inside the border at its widest."""
    need = QFontMetrics(key.font()).horizontalAdvance(key.text())
    if not key.icon().isNull():
        need += key.iconSize().width() + (4 if key.text() else 0)
    inside = key.width() - 2 * BORDER_ROOM
    return (inside - need) // 2


def fits(key: QPushButton) -> bool:
    tall = max(
        QFontMetrics(key.font()).height(), key.iconSize().height() if not key.icon().isNull() else 0
    )
    return room_left(key) >= CLEAR_PX and key.height() - 2 * BORDER_ROOM >= tall
