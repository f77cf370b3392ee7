"""An answer's note typed on the on-screen keys as a coordinator writes it: letters, digits and the
punctuation a note needs ("Explained nerve risk, 1-2%."; the keys had letters, digits, ' and -)."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot

from kiosk.content import load_form
from kiosk.demo import walk_through
from kiosk.session import Briefing, Patient
from kiosk.station import Station
from kiosk.store.briefings import prepare_briefing
from kiosk.store.models import QuestionFlag
from kiosk.ui.staff.questions import QuestionList
from kiosk.ui.window import KioskWindow
from tests.conftest import MILD
from tests.session.fakes import FakeClock
from tests.ui.drive import key, tap
from tests.ui.staff_drive import staff_fits, type_keys

FORM = load_form(MILD)
NOTE = "Explained nerve risk, 1-2%. Call: 555/0100 (today)?"
PUNCTUATION = ".,:/%()?"
"""Typed on the row above the keyboard (its letters have ' and - only)."""


def flagged(station: Station, clock: FakeClock) -> None:
    """A signed briefing whose patient flagged a risk for the surgeon."""
    dob = date(1950, 5, 6)
    briefing_id = prepare_briefing(
        station.store, FORM, name="Ana Ruiz", date_of_birth=dob, mrn="MRN-1001",
        staff="Sam Carter", now=clock.now() - timedelta(minutes=30),
    )  # fmt: skip
    b = Briefing(FORM, briefing_id, station.recorder, clock, patient=Patient("Ana Ruiz", dob))
    walk_through(b, random.Random(1), flag_risk=FORM.risks[1].id)


def open_question(qtbot: QtBot, window: KioskWindow) -> QuestionList:
    window.open_staff()
    tap(qtbot, window.staff.questions_button)
    panel = window.staff.questions
    qtbot.waitUntil(lambda: len(panel.buttons) == 1)
    tap(qtbot, next(iter(panel.buttons.values())))
    assert panel.note.isVisible()
    return panel


def type_note(qtbot: QtBot, panel: QuestionList, text: str) -> None:
    """Letters, the space, ' and - on the keyboard; digits and punctuation on the row above it."""
    row = panel.digits
    for ch in text:
        if ch.isdigit() or ch in PUNCTUATION:
            if (ch in PUNCTUATION) != getattr(row, "symbols_showing", False):
                flip = getattr(row, "flip", None)
                assert flip is not None, f"no key for {ch!r}"
                tap(qtbot, flip)
            tap(qtbot, key(row, ch))
        else:
            type_keys(qtbot, panel.keys, ch)


@pytest.mark.parametrize("display", [QSize(1280, 800), QSize(1080, 1920)], ids=str)
def test_a_note_with_punctuation_is_typed_on_the_keys(
    qtbot: QtBot, window: KioskWindow, station: Station, clock: FakeClock, display: QSize
) -> None:
    flagged(station, clock)
    window.show_at(display)
    panel = open_question(qtbot, window)
    flip = getattr(panel.digits, "flip", None)
    assert flip is not None, "no key for punctuation"
    assert flip.height() >= 64 and flip.width() >= 64
    staff_fits(window, "a note's keys, digits")
    type_note(qtbot, panel, NOTE)
    assert panel.note.text() == NOTE
    assert panel.digits.symbols_showing
    staff_fits(window, "a note's keys, punctuation")
    (flag_id,) = panel.buttons
    tap(qtbot, panel.answer_button)
    qtbot.waitUntil(lambda: not panel.buttons, timeout=10_000)
    with station.store.reading() as session:
        flag = session.get(QuestionFlag, flag_id)
        assert flag is not None and flag.answer_note == NOTE
