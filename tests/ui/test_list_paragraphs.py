"""The options and the precautions on screen paragraph by paragraph, each its own label: the
introduction came as one text with a blank line in it, drawn as a gap twice the page's between
paragraphs (a reviewer at 1920x1080)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from kiosk.session import ScreenKind
from kiosk.ui.window import KioskWindow
from tests.ui.drive import begin, walk_to
from tests.ui.seen import settle


@pytest.mark.parametrize("kind", [ScreenKind.OPTIONS, ScreenKind.PRECAUTIONS])
def test_no_label_of_a_list_screen_holds_a_blank_line(
    qtbot: QtBot, window: KioskWindow, prepared: str, kind: ScreenKind
) -> None:
    begin(qtbot, window)
    walk_to(qtbot, window, kind)
    settle()
    shown = [
        w.text()
        for w in window.reading.body.column.findChildren(QLabel)
        if w.isVisibleTo(window) and w.text()
    ]
    assert len(shown) > 2
    assert all("\n" not in text for text in shown), [t for t in shown if "\n" in t]
