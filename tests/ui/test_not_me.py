"""“This is not me” on a prepared briefing: whoever is at the screen is sent to staff, and the
other patient's name and the keys to try their birth date go from the screen (a reviewer saw the
name stay, and the keys still take a date)."""

from __future__ import annotations

from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot

from kiosk.session import ScreenKind
from kiosk.ui.window import KioskWindow
from tests.ui.conftest import NAME
from tests.ui.drive import chosen_look, english, kind, tap
from tests.ui.seen import settle, texts_of


def test_this_is_not_me_takes_the_name_and_the_keys_away(
    qtbot: QtBot, window: KioskWindow, prepared: str
) -> None:
    chosen_look(qtbot, window, QSize(1280, 800), "en", larger=False)
    tap(qtbot, window.welcome.start_button)
    page = window.identity
    assert kind(window) is ScreenKind.IDENTITY and page.keypad.isVisible()
    assert any(NAME in t.words for t in texts_of(window))
    tap(qtbot, page.not_me)  # asked first: one tap by mistake had locked the briefing
    settle()
    shown = [t.words for t in texts_of(window)]
    assert english("identity.not-me-sure") in shown and any(NAME in t for t in shown), shown
    assert page.not_me.text() == english("identity.not-me-yes") and page.keypad.isVisible()
    tap(qtbot, page.not_me)
    settle()
    shown = [t.words for t in texts_of(window)]
    assert not any(NAME in t for t in shown), shown
    assert not page.keypad.isVisible() and not page.not_me.isVisible()
    assert english("identity.not-me-said") in shown
    # Staff are told what happened, and whose briefing it is (they read only "a briefing is open").
    window.open_staff()
    note = window.staff.briefing_note.text()
    assert note == english("staff.menu.briefing-disputed", name=NAME)
    assert window.staff.end_button.isVisible()
