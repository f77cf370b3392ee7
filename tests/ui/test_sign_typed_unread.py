"""Typing a name instead of signing never counts the signing statement as read: a reviewer, in
Spanish in portrait with Larger text, was refused Sign on the finger's screen ("please read to the
end first"), tapped "I cannot sign with my finger", and Sign took the typed name at once though the
statement under the keys still said there was more below."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot

from kiosk.session import ScreenKind
from kiosk.ui.window import KioskWindow
from tests.ui.drive import begin, chosen_look, tap, walk_to
from tests.ui.seen import settle


@pytest.mark.parametrize(
    ("display", "language"),
    [(QSize(1080, 1920), "es"), (QSize(1280, 800), "ar")],
    ids=["portrait-es", "1280x800-ar"],
)
def test_the_statement_is_not_read_by_switching_to_typing(
    qtbot: QtBot, window: KioskWindow, prepared: str, display: QSize, language: str
) -> None:
    chosen_look(qtbot, window, display, language, larger=True)
    begin(qtbot, window)
    walk_to(qtbot, window, ScreenKind.SIGN)
    settle()
    model, page = window.model, window.sign
    assert model is not None
    if model.view.read_to_end:
        pytest.skip("the whole statement is on screen at once here: read as it shows")
    tap(qtbot, page.switch)  # "I cannot sign with my finger"
    qtbot.waitUntil(page.keyboard.isVisible)
    for _ in range(3):
        settle()
    assert not model.view.read_to_end, "switching to typing counted the statement as read"
    assert not model.view.can(model.view.primary[0])  # type: ignore[index]
