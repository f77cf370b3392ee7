"""A walk-up patient whose name is written in Arabic, on a kiosk in English or Spanish that offers
Arabic, types it on the name's keys: they had Latin letters only unless the screen was in Arabic
(staff's keys had had the Arabic page for a session already)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot

from kiosk.i18n import words_for
from kiosk.session import ScreenKind
from kiosk.ui.window import KioskWindow
from tests.ui.drive import key, kind, tap


@pytest.mark.parametrize("settings", [{"walk_up_mode": True}])
@pytest.mark.parametrize("language", ["en", "es"])
def test_a_walk_up_name_in_arabic_letters_on_a_kiosk_in_another_language(
    qtbot: QtBot, window: KioskWindow, language: str
) -> None:
    window.show_at(QSize(1280, 800))
    tap(qtbot, window.welcome.languages.buttons[language])
    tap(qtbot, window.welcome.start_button)
    assert kind(window) is ScreenKind.IDENTITY
    keys = window.identity.keyboard
    assert keys.isVisible() and not keys.script_showing()  # the screen's own letters first
    # (Room enough: Delete keeps its words; only a row too wide for the page shows glyphs alone.)
    delete = words_for(language)("keys.delete")
    assert key(keys, delete).text() == delete
    tap(qtbot, key(keys, words_for(language)("keys.arabic-key")))
    assert keys.script_showing()
    for letter in "سلمى":
        tap(qtbot, key(keys, letter))
    assert window.identity.name.text() == "سلمى"
