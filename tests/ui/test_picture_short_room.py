"""A picture with too little room beside its words goes after them, in their scroll, and is seen
whole once they are read to the end (in the signed PDF, it is among what the patient read).

The smallest kiosk (1280x800, Larger text, Spanish, under practice mode's banner) had too little
room beside "Symptoms may not go away" while the frame kept a message line under every page; the
words have that room now, and only a shorter window takes this path."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, QSize
from pytestqt.qtbot import QtBot

from kiosk.session import ScreenKind
from kiosk.ui.window import KioskWindow
from tests.ui.drive import acknowledge, begin, chosen_look, kind, next_, scroll_to_end
from tests.ui.seen import settle

SHORT = QSize(1280, 680)
"""Shorter than any kiosk's screen: "Symptoms may not go away" has too little room beside its words."""


@pytest.mark.parametrize("practice_banner", [False, True], ids=["kiosk", "practice"])
def test_a_picture_short_of_room_beside_the_words_is_seen_whole_after_them(
    qtbot: QtBot, window: KioskWindow, prepared: str, practice_banner: bool
) -> None:
    chosen_look(qtbot, window, SHORT, "es")
    begin(qtbot, window)
    b = window.briefing
    assert b is not None
    page = window.reading
    while b.current.id != "risk-no-relief":
        assert kind(window) is not ScreenKind.QUESTION
        if kind(window) is ScreenKind.RISK:
            acknowledge(qtbot, window)
        next_(qtbot, window)
    settle()
    viewport = page.body.viewport()
    assert viewport.isAncestorOf(page.picture) and page.picture.isVisible()
    scroll_to_end(qtbot, page.body)
    settle()
    box = QRect(page.picture.mapTo(viewport, QPoint(0, 0)), page.picture.size())
    assert viewport.rect().contains(box), (box, viewport.rect())
