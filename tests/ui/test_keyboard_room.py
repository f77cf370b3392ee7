"""The name's keyboard in the room a short screen leaves (1280x800, Larger text, under practice
mode's PRACTICE banner): its accents in three rows where the keys are wide enough, so the pages
(as tall as the tallest) keep the hint on accents under the letters. A reviewer typing a
Vietnamese name found the hint gone with 70 px empty where it stood, and the accents' last row
cut."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from kiosk.ui.widgets.key_pages import WIDE_COLUMNS
from kiosk.ui.widgets.letters import ACCENT_ROWS
from kiosk.ui.window import KioskWindow
from tests.ui.drive import chosen_look, tap


@pytest.fixture
def settings() -> dict[str, object]:
    return {"walk_up_mode": True}


@pytest.fixture
def practice_banner() -> bool:
    return True


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_hint_on_accents_stays_and_the_accents_take_three_rows(
    qtbot: QtBot, window: KioskWindow, language: str
) -> None:
    chosen_look(qtbot, window, QSize(1280, 800), language)  # Larger text on
    tap(qtbot, window.welcome.start_button)
    keyboard = window.identity.keyboard
    qtbot.waitUntil(keyboard.isVisible)
    assert keyboard.hint_shown(), "the hint on accents went, though the pages had room for it"
    window.identity.name.setText("Nguy")  # small letters from here on
    qtbot.waitUntil(lambda: not keyboard.shift_active())
    tap(qtbot, keyboard.accents_key)
    accents = "".join(ACCENT_ROWS)
    keys = [
        k
        for k in keyboard.findChildren(QPushButton)
        if k.isVisible() and k.text() and k.text() in accents
    ]
    assert len(keys) == len(accents)
    assert len({k.y() for k in keys}) == len(accents) // WIDE_COLUMNS  # three rows of 16
