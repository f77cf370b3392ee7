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
from tests.ui.drive import key, kind, next_, tap
from tests.ui.seen import look, problems, settle


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


@pytest.mark.parametrize("settings", [{"walk_up_mode": True}])
@pytest.mark.parametrize(
    ("size", "larger"),
    [(QSize(1080, 1920), False), (QSize(1280, 800), True)],
    ids=["portrait", "1280"],
)
def test_the_keys_that_turn_a_page_show_their_words_whole_on_either_page(
    qtbot: QtBot, window: KioskWindow, size: QSize, larger: bool
) -> None:
    """A reviewer in Arabic, in portrait, refused for a name not yet typed, turned to the Latin
    letters: the key back to the Arabic ones read "ب ﺗ", one letter gone and one cut. It was as
    wide as "abc", its words a moment before."""
    window.show_at(size)
    tap(qtbot, window.welcome.languages.buttons["ar"])
    if larger:
        tap(qtbot, window.top.larger_button)
    tap(qtbot, window.welcome.start_button)
    keys = window.identity.keyboard
    ar = words_for("ar")
    next_(qtbot, window)  # no name yet: refused (the keys' row laid out again under the refusal)
    settle()
    for turn, back in (("keys.letters-key", "keys.arabic-key"), ("keys.accents-key", None)):
        tap(qtbot, key(keys, ar(turn)))
        settle()
        found = problems(look(window, "identity"))
        assert not found, f"after {turn}: " + "; ".join(map(str, found))
        if back is not None:
            assert key(keys, ar(back)).isVisible()
