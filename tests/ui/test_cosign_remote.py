"""An interpreter who helped by phone or video is not at the kiosk: their screen offers no box to
sign in (they had been asked to "sign in the box first"), says that the staff member with the
patient taps for them, and is read whole; the tap stores them with no drawing."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from kiosk.content import load_form
from kiosk.i18n import words_for
from kiosk.session import ScreenKind
from kiosk.session.cosign import Interpreter, Plan
from kiosk.session.signers import InterpreterMode
from kiosk.station import Station
from kiosk.store.briefings import prepare_briefing
from kiosk.ui.window import KioskWindow
from tests.conftest import MILD
from tests.session.fakes import FakeClock
from tests.ui.conftest import DOB, NAME
from tests.ui.drive import kind, next_, sign_here, tap, type_date, walk_to
from tests.ui.matrix import Eye, Unreadable
from tests.ui.seen import problems, report

INTERPRETER = Interpreter("Marta Gil", "LL-7781", "es", InterpreterMode.PHONE)


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("mode", [InterpreterMode.PHONE, InterpreterMode.VIDEO])
def test_an_interpreter_by_phone_or_video_is_not_asked_to_draw(
    qtbot: QtBot,
    window: KioskWindow,
    station: Station,
    clock: FakeClock,
    mode: InterpreterMode,
    language: str,
) -> None:
    prepare_briefing(
        station.store, load_form(MILD), name=NAME, date_of_birth=DOB, mrn=None,
        staff="Sam Carter", now=clock.now(), plan=Plan(None, replace(INTERPRETER, mode=mode)),
    )  # fmt: skip
    window.show_at(QSize(1280, 800))
    tap(qtbot, window.welcome.languages.buttons[language])
    tap(qtbot, window.top.larger_button)
    tap(qtbot, window.welcome.start_button)
    type_date(qtbot, window.identity.keypad, "03141951")
    next_(qtbot, window)
    walk_to(qtbot, window, ScreenKind.SIGN)
    sign_here(qtbot, window)
    next_(qtbot, window)
    assert kind(window) is ScreenKind.INTERPRETER
    page = window.interpreter
    assert not page.pad.isVisible() and not page.clear.isVisible()
    # Nor their name alone where the box would be (the title names them).
    assert not page.who.isVisible() and INTERPRETER.name in page.title.text()
    said = " ".join(w.text() for w in page._points)  # (the page's points, as drawn)
    assert words_for(language)("cosign.interpreter.remote") in said
    eye = Eye(window)
    eye.allowed |= {INTERPRETER.name, INTERPRETER.interpreter_id}
    eye.check("interpreter, by phone or video")
    bad = problems(eye.findings)
    if bad:
        raise Unreadable(report(bad))
    with qtbot.waitSignal(window.pdf_finished, timeout=30_000):
        next_(qtbot, window)
    assert kind(window) is ScreenKind.DONE


def test_the_interpreters_heading_is_said_once(
    qtbot: QtBot, window: KioskWindow, station: Station, clock: FakeClock
) -> None:
    """ "Interpreter" stood in the top bar and again over the page's title (a reviewer, in Arabic)."""
    prepare_briefing(
        station.store, load_form(MILD), name=NAME, date_of_birth=DOB, mrn=None,
        staff="Sam Carter", now=clock.now(), plan=Plan(None, INTERPRETER, witness=True),
    )  # fmt: skip
    tap(qtbot, window.welcome.start_button)
    type_date(qtbot, window.identity.keypad, "03141951")
    next_(qtbot, window)
    walk_to(qtbot, window, ScreenKind.SIGN)
    sign_here(qtbot, window)
    next_(qtbot, window)
    assert kind(window) is ScreenKind.INTERPRETER
    heading = window.top.where.text()
    assert heading == words_for("en")("cosign.interpreter.heading")
    page = window.interpreter
    shown = [w.text() for w in page.findChildren(QLabel) if w.isVisible() and w.text()]
    assert heading not in shown, shown
