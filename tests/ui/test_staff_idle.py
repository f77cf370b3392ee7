"""Staff mode left untouched: “Are you still there?” with the seconds left and a button to stay,
before it closes; once closed for that, the next staff sign-in says why the work is gone, and the
patient's Welcome shows nothing of what was typed. (It had closed at 90 s without a word.)"""

from __future__ import annotations

from typing import Protocol

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.i18n import words_for
from kiosk.station import Station
from kiosk.ui.window import KioskWindow
from tests.session.fakes import FakeClock
from tests.ui.drive import key, tap, texts
from tests.ui.staff_drive import staff_fits, type_keys


class Asked(Protocol):
    """The sign-in the tests answer (tests/ui/conftest.py): why staff were asked, each time."""

    asked: list[str]


NAMES = {"ar": "محمد", "en": "Zoë Ångström"}


@pytest.fixture
def settings(request: pytest.FixtureRequest) -> dict[str, object]:
    return {"languages": request.param}


def type_name(qtbot: QtBot, window: KioskWindow, language: str) -> str:
    form = window.staff.prepare
    name = NAMES[language]
    if language == "ar":  # the keys start on the Arabic letters
        for letter in name:
            tap(qtbot, key(form.name_keys, letter))
    else:
        type_keys(qtbot, form.name_keys, name)
    assert form.name.text() == name
    return name


@pytest.mark.parametrize("settings", ["ar, en", "en, es"], indirect=True)
def test_staff_are_asked_if_still_there_then_told_why_staff_mode_closed(
    qtbot: QtBot,
    window: KioskWindow,
    station: Station,
    clock: FakeClock,
    interaction: Asked,
) -> None:
    language = station.staff_language
    words = words_for(language)
    idle = station.idle.warning_after
    warned = min(station.idle.end_after_warning, idle / 2)
    window.open_staff()
    assert interaction.asked[-1] == words("staff.mode-reason")
    tap(qtbot, window.staff.prepare_button)
    name = type_name(qtbot, window, language)
    still = window.staff_mode.still_there

    clock.advance(idle - warned - 1)
    window.tick()
    assert not still.isVisible()
    clock.advance(1)
    window.tick()
    assert still.isVisible(), "no warning before staff mode closes"
    assert still.title.text() == words("staff.idle.title")
    assert still.countdown.text() == words("staff.idle.countdown", count=round(warned))
    assert still.stay_button.text() == words("staff.idle.stay")
    staff_fits(window, "are you still there? (staff)")
    tap(qtbot, still.stay_button)
    qtbot.waitUntil(lambda: not still.isVisible())
    assert window.stack.currentWidget() is window.staff
    assert window.staff.prepare.name.text() == name, "staying kept what was typed"

    clock.advance(idle - 1)  # the time starts again from the tap
    window.tick()
    assert still.isVisible() and window.stack.currentWidget() is window.staff
    clock.advance(1)
    window.tick()
    assert window.stack.currentWidget() is window.welcome
    assert not still.isVisible()
    assert not [t for t in texts() if name in t], "what was typed is still on a screen"

    window.open_staff()  # the next sign-in says why the work is gone
    told = words("staff.mode-reason-idle")
    assert interaction.asked[-1] == told and name not in told
    assert window.staff.prepare.name.text() == ""
    window.staff_mode.close()
    window.open_staff()  # closed by staff this time: nothing more to tell
    assert interaction.asked[-1] == words("staff.mode-reason")


@pytest.mark.parametrize("settings", ["en, es"], indirect=True)
def test_a_touch_anywhere_on_the_warning_stays(
    qtbot: QtBot, window: KioskWindow, station: Station, clock: FakeClock
) -> None:
    window.open_staff()
    still = window.staff_mode.still_there
    clock.advance(station.idle.warning_after - 5)
    window.tick()
    assert still.isVisible()
    handle = window.windowHandle()  # as the platform delivers a press: to the window first
    assert handle is not None
    at = still.title.mapTo(window, still.title.rect().center())
    QTest.mouseClick(handle, Qt.MouseButton.LeftButton, pos=at)
    qtbot.waitUntil(lambda: not still.isVisible())
    clock.advance(5)
    window.tick()
    assert window.stack.currentWidget() is window.staff and not still.isVisible()
