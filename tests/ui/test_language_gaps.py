"""The list of languages: at least 24 px between two languages, and between the last and Close,
edge to edge as drawn (a reviewer measured Close 11 px under Español: a shaky finger closes the
list instead of choosing)."""

from __future__ import annotations

from itertools import pairwise

import pytest
from PySide6.QtCore import QRect, QSize
from pytestqt.qtbot import QtBot

from kiosk.ui.window import KioskWindow
from tests.ui.drive import LEAST_GAP, chosen_look, drawn, tap


@pytest.mark.parametrize(
    "size", [QSize(1280, 800), QSize(1080, 1920)], ids=["1280x800", "portrait"]
)
def test_languages_and_close_stand_24_px_apart(
    qtbot: QtBot, window: KioskWindow, prepared: str, size: QSize
) -> None:
    chosen_look(qtbot, window, size, "en")  # Larger text
    tap(qtbot, window.welcome.start_button)
    tap(qtbot, window.top.contrast_button)  # as the reviewer had it
    tap(qtbot, window.top.language_button)
    chooser = window.language_chooser
    qtbot.waitUntil(chooser.isVisible)
    column = [drawn(b, window) for b in chooser.buttons.buttons.values()]
    column.append(drawn(chooser.close_button, window))
    column.sort(key=QRect.top)
    gaps = [below.top() - above.bottom() - 1 for above, below in pairwise(column)]
    assert min(gaps) >= LEAST_GAP, gaps
