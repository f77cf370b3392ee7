"""A reading screen's words take the room the page has before they scroll. In portrait with
Larger text in Spanish, "Cerrar el corte" opened with its last line below the fold, "There is
more below" said, and 470 px of the page empty under it: a scroll bar shown a moment earlier
took its width from the words, they wrapped a line longer than their room, and it stayed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QSpacerItem
from pytestqt.qtbot import QtBot

from kiosk.session import ScreenKind
from kiosk.ui.window import KioskWindow
from tests.ui.drive import begin, chosen_look, forward
from tests.ui.seen import settle


@pytest.mark.parametrize("language", ["es", "en", "ar"])
def test_words_scroll_only_when_the_page_has_no_room_left_for_them(
    qtbot: QtBot, window: KioskWindow, prepared: str, language: str
) -> None:
    chosen_look(qtbot, window, QSize(1080, 1920), language)
    begin(qtbot, window)
    page = window.reading
    layout = page.layout()
    assert layout is not None
    room = next(
        layout.itemAt(i) for i in range(layout.count()) if isinstance(layout.itemAt(i), QSpacerItem)
    )  # what the page leaves empty under the words and "I understand this risk"
    b = window.briefing
    assert b is not None
    while b.current.kind is not ScreenKind.QUESTION:
        settle()
        body = page.body
        line = body.fontMetrics().lineSpacing()
        if body.verticalScrollBar().isVisible():
            spare = room.geometry().height()
            assert spare < line, f"{b.current.id}: scrolls with {spare} px empty under it"
        forward(qtbot, window)
