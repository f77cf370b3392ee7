"""Who signs and when, over the signing box: when it does not fit one line, the name stands over
the date and time, with no "·" left at a line's end (a reviewer read "Alex Sample ·")."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot

from kiosk.session import ScreenKind
from kiosk.ui.window import KioskWindow
from tests.ui.drive import begin, tap, walk_to


@pytest.mark.parametrize("larger", [False, True])
@pytest.mark.parametrize("display", [QSize(1280, 800), QSize(1080, 1920)], ids=["wide", "tall"])
def test_no_line_of_who_signs_ends_in_a_dot(
    qtbot: QtBot, window: KioskWindow, prepared: str, display: QSize, larger: bool
) -> None:
    window.show_at(display)
    if larger:
        tap(qtbot, window.top.larger_button)
    begin(qtbot, window)
    walk_to(qtbot, window, ScreenKind.SIGN)
    who = window.sign.who
    metrics, room = who.fontMetrics(), who.contentsRect().width()
    text = who.text()
    if "\n" in text:
        assert "·" not in text
    else:
        assert metrics.horizontalAdvance(text) <= room, (text, room)  # one line, whole
