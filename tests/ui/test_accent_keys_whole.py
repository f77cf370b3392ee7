"""The page of accented letters is four rows of keys, one more than the letters: on a 1280x800
screen with Larger text its last row was cut by 2 to 3 px where the patient signs by typing their
name. A short screen now draws the rows of keys closer instead; the walk-up name's keys are held
to the same."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot

from kiosk.i18n import words_for
from kiosk.session import ScreenKind
from kiosk.ui.widgets.keyboard import OnScreenKeyboard
from kiosk.ui.window import KioskWindow
from tests.ui.drive import begin, key, scroll_to_end, tap, walk_to

LANGUAGES = ["en", "es", "ar"]


def accents_whole(qtbot: QtBot, keyboard: OnScreenKeyboard, language: str) -> None:
    words = words_for(language)
    if keyboard.script_showing():  # Arabic starts on its own letters
        tap(qtbot, key(keyboard, words("keys.letters-key")))
    tap(qtbot, key(keyboard, words("keys.accents-key")))
    assert keyboard.accents_showing()
    keys = [k for k in keyboard.findChildren(type(key(keyboard, "ß"))) if k.isVisible()]
    cut = [
        (k.text(), k.visibleRegion().boundingRect().height(), k.height())
        for k in keys
        if k.visibleRegion().boundingRect().height() < k.height()
    ]
    assert not cut, cut


@pytest.mark.parametrize("language", LANGUAGES)
def test_signing_by_typing_the_name_shows_every_accent_key_whole(
    qtbot: QtBot, window: KioskWindow, prepared: str, language: str
) -> None:
    window.show_at(QSize(1280, 800))
    tap(qtbot, window.welcome.languages.buttons[language])
    begin(qtbot, window)
    tap(qtbot, window.top.larger_button)
    walk_to(qtbot, window, ScreenKind.SIGN)
    scroll_to_end(qtbot, window.sign.statement)
    tap(qtbot, window.sign.switch)
    accents_whole(qtbot, window.sign.keyboard, language)


@pytest.mark.parametrize("settings", [{"walk_up_mode": True}])
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_walk_up_name_shows_every_accent_key_whole(
    qtbot: QtBot, window: KioskWindow, language: str
) -> None:
    window.show_at(QSize(1280, 800))
    tap(qtbot, window.welcome.languages.buttons[language])
    tap(qtbot, window.welcome.start_button)
    tap(qtbot, window.top.larger_button)
    accents_whole(qtbot, window.identity.keyboard, language)
