"""The signature pad holds still under the finger: on a portrait screen, reading the statement to
its end took "There is more below" away and moved the pad 60 px up (Spanish, Larger text)."""

from __future__ import annotations

from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot

from kiosk.session import ScreenKind
from kiosk.ui.window import KioskWindow
from tests.ui.drive import begin, chosen_look, scroll_to_end, walk_to
from tests.ui.seen import on_window, settle


def test_the_pad_does_not_move_when_the_statement_is_read(
    qtbot: QtBot, window: KioskWindow, prepared: str
) -> None:
    chosen_look(qtbot, window, QSize(1080, 1920), "es")
    begin(qtbot, window)
    walk_to(qtbot, window, ScreenKind.SIGN)
    settle()
    page = window.sign
    assert page.cue.isVisible(), "the statement fits: nothing to read to its end here"
    before = on_window(window, page.pad)
    scroll_to_end(qtbot, page.statement)
    settle()
    assert not page.cue.isVisible()
    assert on_window(window, page.pad) == before
