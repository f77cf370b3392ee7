"""A wrapped right-to-left paragraph is drawn where it was wrapped: none of its words cut at an edge."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from kiosk.ui.fonts import load_fonts
from kiosk.ui.pages.label import Label
from tests.ui.seen import Kind, look, settle

WORDS = (
    "ولتقليل هذا الخطر، يستخدم الفريق طرق التعقيم. أي إبقاء الأدوات والجلد خالية من الجراثيم. "
    "وقد يُعطى لك أيضًا مضاد حيوي لمنع العدوى. ويُسمّى هذا «الوقاية بالمضادات الحيوية»."
)


def cut_at(qtbot: QtBot, make: type[QLabel], width: int) -> list[str]:
    """What the eye finds cut at the edges of a label of that class, `width` px wide."""
    window = QWidget()
    qtbot.addWidget(window)
    window.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    window.setStyleSheet("QWidget { background: white; color: black; font-size: 40px; }")
    paragraph = make(WORDS, window)
    paragraph.setWordWrap(True)
    paragraph.setFixedWidth(width)
    paragraph.setFixedHeight(paragraph.heightForWidth(width))
    window.resize(width, paragraph.height())
    window.show()
    qtbot.waitExposed(window)
    settle()
    return [f.detail for f in look(window, "made") if f.kind is Kind.INK_AT_EDGE]


def test_qts_own_drawing_cuts_arabic_lines_and_the_kiosks_label_does_not(qtbot: QtBot) -> None:
    load_fonts()
    widths = range(560, 1040, 24)
    # Qt's own drawing puts a line that ends in a space a space's width left of where it wrapped
    # it: at some width among these, the longest line runs out of the left edge. The eye sees it.
    assert any(cut_at(qtbot, QLabel, w) for w in widths)
    # The kiosk's label draws every line where it was wrapped, with room for a letter's overhang.
    assert {w: cut_at(qtbot, Label, w) for w in widths} == {w: [] for w in widths}
