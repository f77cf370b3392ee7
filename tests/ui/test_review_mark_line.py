"""Each review row's mark sits on the first line of its words, centred on it: not at the row's top,
above the words' baseline (a reviewer saw every ✓ stand high at 1920×1080), nor centred on the
whole block when the words wrap."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QTextLayout, QTextOption
from pytestqt.qtbot import QtBot

from kiosk.session import ScreenKind
from kiosk.ui.pages.parts import MarkedLine
from kiosk.ui.window import KioskWindow
from tests.ui.drive import begin, tap, walk_to
from tests.ui.seen import settle

SLACK_PX = 2


def first_line_centre(window: KioskWindow, line: MarkedLine) -> float:
    """Where the middle of the first line of `line`'s words is drawn, in the window."""
    text = line.text
    box = text.contentsRect().adjusted(text.margin(), text.margin(), -text.margin(), -text.margin())
    layout = QTextLayout(text.text(), text.font())
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    lines = []
    while (made := layout.createLine()).isValid():
        made.setLineWidth(box.width())
        lines.append((made.y(), made.height()))
    layout.endLayout()
    tall = sum(h for _, h in lines)
    top = box.top()
    if text.alignment() & Qt.AlignmentFlag.AlignVCenter:
        top += (box.height() - tall) / 2
    elif text.alignment() & Qt.AlignmentFlag.AlignBottom:
        top += box.height() - tall
    y, h = lines[0]
    return text.mapTo(window, box.topLeft()).y() - box.top() + top + y + h / 2


def mark_centre(window: KioskWindow, line: MarkedLine) -> float:
    """Where the middle of `line`'s mark is drawn (its picture, centred in the mark's box)."""
    mark = line.mark
    box = mark.contentsRect()
    return mark.mapTo(window, box.topLeft()).y() + box.height() / 2


def test_each_mark_is_centred_on_the_first_line_of_its_words(
    qtbot: QtBot, window: KioskWindow, prepared: str
) -> None:
    window.show_at(QSize(1920, 1080))
    tap(qtbot, window.welcome.languages.buttons["es"])
    begin(qtbot, window)
    walk_to(qtbot, window, ScreenKind.REVIEW)
    settle()
    marked = [
        slot.shown for slot in window.review._lines if slot.isVisible() and slot.mark.isVisible()
    ]
    assert marked
    for line in marked:
        off = mark_centre(window, line) - first_line_centre(window, line)
        assert abs(off) <= SLACK_PX, (line.text.text(), off)
