"""Typing a name instead of signing, the keys offer the letters the patient's name is written in,
as the identity screen's do: a patient whose name is written in Arabic, reading in Spanish, types
it in Arabic (a reviewer found only the Latin letters and the Spanish accents)."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from kiosk.content import load_form
from kiosk.session import ScreenKind
from kiosk.station import Station
from kiosk.store.briefings import prepare_briefing
from kiosk.ui.widgets.letters import written_in
from kiosk.ui.window import KioskWindow
from tests.conftest import MILD
from tests.session.fakes import FakeClock
from tests.ui.conftest import DOB
from tests.ui.drive import key, reach, tap


def test_a_name_is_written_in_the_languages_whose_letters_it_has() -> None:
    assert written_in("سمير الحسن", ["en", "es", "ar"]) == ("ar",)
    assert written_in("Zoë Ångström-Öberg", ["en", "es", "ar"]) == ()
    assert written_in("سمير", ["en", "es"]) == ()  # Arabic not offered here


def script_key(window: KioskWindow) -> QPushButton | None:
    key_ = window.sign.keyboard.findChild(QPushButton, "keyboardScriptKey")
    return key_ if key_ is not None and key_.isVisible() else None


def test_a_patient_reading_spanish_types_their_arabic_name_in_arabic(
    qtbot: QtBot, window: KioskWindow, station: Station, clock: FakeClock
) -> None:
    prepare_briefing(
        station.store, load_form(MILD), name="سمير الحسن", date_of_birth=DOB, mrn="MRN-0043",
        staff="Sam Carter", now=clock.now(),
    )  # fmt: skip
    reach(qtbot, window, QSize(1920, 1080), "es", ScreenKind.SIGN, larger=False)
    page = window.sign
    tap(qtbot, page.switch)  # "I cannot sign with my finger": the name typed instead
    qtbot.waitUntil(page.keyboard.isVisible)
    arabic = script_key(window)
    assert arabic is not None, "no key for the letters the name is written in"
    tap(qtbot, arabic)
    for letter in "سمير":
        tap(qtbot, key(page.keyboard, letter))
    assert page.typed.text() == "سمير"


def test_a_latin_name_gets_no_other_letters(
    qtbot: QtBot, window: KioskWindow, prepared: str
) -> None:
    """(Zoë's keys: the Latin page and its accents, as before; no key she does not need.)"""
    reach(qtbot, window, QSize(1920, 1080), "es", ScreenKind.SIGN, larger=False)
    tap(qtbot, window.sign.switch)
    qtbot.waitUntil(window.sign.keyboard.isVisible)
    assert script_key(window) is None
