"""Typing a name instead of signing never counts the signing statement as read: a reviewer, in
Spanish in portrait with Larger text, was refused Sign on the finger's screen ("please read to the
end first"), tapped "I cannot sign with my finger", and Sign took the typed name at once though the
statement under the keys still said there was more below."""

from __future__ import annotations

from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot

from kiosk.session import ScreenKind
from kiosk.ui.window import KioskWindow
from tests.ui.drive import reach, tap
from tests.ui.seen import settle


def test_the_statement_is_not_read_by_switching_to_typing(
    qtbot: QtBot, window: KioskWindow, prepared: str
) -> None:
    reach(qtbot, window, QSize(1080, 1920), "es", ScreenKind.SIGN, larger=True)
    settle()
    model, page = window.model, window.sign
    assert model is not None
    assert not model.view.read_to_end  # (the case: the statement scrolls here)
    tap(qtbot, page.switch)  # "I cannot sign with my finger"
    qtbot.waitUntil(page.keyboard.isVisible)
    for _ in range(3):
        settle()
    assert not model.view.read_to_end, "switching to typing counted the statement as read"
    assert not model.view.can(model.view.primary[0])  # type: ignore[index]
