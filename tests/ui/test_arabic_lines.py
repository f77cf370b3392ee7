"""Wrapped Arabic stands in lines apart: a mark under one line never touches a mark over the next,
and the label is as tall as the lines it draws (nothing cut at its foot)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kiosk.ui.fonts import load_fonts
from kiosk.ui.pages.base import label
from kiosk.ui.theme import STANDARD, Look
from kiosk.ui.typeset import wear

# The about screen's second paragraph, as the Arabic form has it: a shadda and a kasra in the
# first lines ("تضيّق", "القطني") stood on the marks of the line under them.
MARKED = (
    "يعالج هذا الإجراء تضيّق القناة الشوكية القطنية. «القطني» يعني أسفل الظهر. و«التضيّق» يعني "
    "أن القناة الشوكية أصبحت ضيّقة. والقناة الشوكية هي المكان الذي توجد فيه أعصاب العمود الفقري. "
    "وعندما تضيق، تضغط على الأعصاب."
)


def ink_bands(image: QImage) -> list[tuple[int, int]]:
    """The runs of pixel rows with any ink on them (from the top), as (first, last) rows."""
    background = image.pixelColor(0, 0)
    bands: list[tuple[int, int]] = []
    for y in range(image.height()):
        inked = any(image.pixelColor(x, y) != background for x in range(image.width()))
        if not inked:
            continue
        if bands and bands[-1][1] == y - 1:
            bands[-1] = (bands[-1][0], y)
        else:
            bands.append((y, y))
    return bands


@pytest.mark.parametrize("body_px", [24, 32, 40])
def test_each_line_of_arabic_stands_apart_and_whole(qtbot: QtBot, body_px: int) -> None:
    load_fonts()
    part = QWidget()
    qtbot.addWidget(part)
    part.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    QVBoxLayout(part).setContentsMargins(0, 0, 0, 0)
    words = label(MARKED, "body")
    part.layout().addWidget(words)  # type: ignore[union-attr]
    part.layout().addStretch(1)  # type: ignore[union-attr]
    wear(part, Look(STANDARD, body_px, right_to_left=True))
    width = 30 * body_px
    part.resize(width, 40 * body_px)
    part.show()
    qtbot.waitExposed(part)
    qtbot.waitUntil(lambda: words.height() == words.heightForWidth(width))
    metrics, room = words.fontMetrics(), width - 2 * words.margin()
    wrapped = metrics.boundingRect(QRect(0, 0, room, 100_000), Qt.TextFlag.TextWordWrap, MARKED)
    lines = wrapped.height() // metrics.lineSpacing()
    assert lines >= 3, f"the paragraph took {lines} lines at {width} px: not a test of lines"
    bands = ink_bands(words.grab().toImage())
    assert len(bands) == lines, (
        f"{len(bands)} bands of ink for the lines drawn at {body_px} px: marks of one line "
        f"touch the next ({bands})"
    )
    assert bands[-1][1] < words.height() - 1, "the last line's marks cut at the label's foot"
