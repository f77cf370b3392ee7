"""A screen's words start where its title does: the paragraphs of a reading screen, the answers
of a question and the words of the done screen stand in one column with the title over them.
They were centred in their scroll area, which is wider than a line, and stood 15 to 25 px in
from the title on a wide screen (at the right in Arabic, they stood in from its right edge)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.session import ScreenKind
from kiosk.ui.window import KioskWindow
from tests.ui.drive import begin, chosen_look, next_, walk_to
from tests.ui.seen import on_window, settle

EDGE_PX = 4
"""A choice's border and rounding stand a few pixels in from its box."""


def _edges(window: KioskWindow, widget: QWidget) -> tuple[int, int]:
    r = on_window(window, widget, widget.contentsRect())
    return r.left(), r.right()


def _aligned(window: KioskWindow, title: QWidget, below: QWidget, right_to_left: bool) -> None:
    side = 1 if right_to_left else 0
    assert abs(_edges(window, below)[side] - _edges(window, title)[side]) <= EDGE_PX, (
        _edges(window, title),
        _edges(window, below),
    )


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_words_stand_under_the_title(
    qtbot: QtBot, window: KioskWindow, prepared: str, language: str
) -> None:
    chosen_look(qtbot, window, QSize(1920, 1080), language)
    begin(qtbot, window)
    rtl = language == "ar"
    settle()
    page = window.reading
    paragraph = next(w for w in page.body.column.findChildren(QWidget) if w.isVisible())
    _aligned(window, page.title, paragraph, rtl)  # About, its picture beside the words
    next_(qtbot, window)
    settle()
    paragraph = next(w for w in page.body.column.findChildren(QWidget) if w.isVisible())
    _aligned(window, page.title, paragraph, rtl)  # a step
    walk_to(qtbot, window, ScreenKind.QUESTION)
    settle()
    question = window.question
    choice = next(b for b in question.buttons.values() if b.isVisible())
    _aligned(window, question.prompt, choice, rtl)
