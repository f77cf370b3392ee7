"""The screens a representative, an interpreter and a witness see, at every display, text size,
theme and language of the layout matrix (tests/ui/test_layout_matrix.py): identity addressed to
the representative ("You are reading this for …"), signing for the patient, the interpreter's step
(and with a drawing), the witness's step (a name chosen, a wrong PIN refused) and done.

Each combination walks one briefing prepared with all three signers, through the real widgets, and
asks `tests.ui.seen.look` on every one of those screens what a person sees (see the matrix's
docstring for what is measured). SEEN_SHOTS=/some/folder saves each screen looked at."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot

from kiosk.content import load_form
from kiosk.i18n import PSEUDO
from kiosk.session import ScreenKind
from kiosk.session.cosign import Interpreter, Plan, Representative
from kiosk.session.signers import InterpreterMode
from kiosk.station import Station
from kiosk.store.briefings import prepare_briefing
from kiosk.store.staff import add_staff
from kiosk.ui.window import KioskWindow
from tests.conftest import MILD
from tests.session.fakes import FakeClock
from tests.ui.drive import (
    kind,
    message,
    next_,
    scribble,
    sign_here,
    tap,
    tap_on_screen,
    type_date,
    walk_to,
)
from tests.ui.matrix import RIGHT_DATE, Eye, Unreadable, combinations, longest_moment
from tests.ui.seen import problems, report

PATIENT, REPRESENTATIVE, INTERPRETER = "Zoë Ångström-Öberg", "Luis Ruiz-Ångström", "Marta Gil"
WITNESS = "Nurse Lee"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(longest_moment())


@pytest.fixture
def cosigned(station: Station) -> str:
    """A briefing prepared with a representative, an interpreter and a witness; a staff account."""
    now = station.clock.now()
    for name in (WITNESS, "Priya Natarajan", "Tomás Ferreira-Castellanos"):
        add_staff(station.store, name, "482913", now)
    plan = Plan(
        Representative(REPRESENTATIVE, "son", "aphasia after a stroke"),
        Interpreter(INTERPRETER, "LL-7781", "es", InterpreterMode.IN_PERSON),
        witness=True,
    )
    return prepare_briefing(
        station.store, load_form(MILD), name=PATIENT, date_of_birth=datetime(1951, 3, 14).date(),
        mrn=None, staff="Sam Carter", now=now, plan=plan,
    )  # fmt: skip


def walk(qtbot: QtBot, window: KioskWindow, eye: Eye) -> None:
    eye.allowed |= {REPRESENTATIVE, INTERPRETER, WITNESS, "LL-7781"}
    eye.allowed |= {"Priya Natarajan", "Tomás Ferreira-Castellanos"}
    tap(qtbot, window.welcome.start_button)
    assert kind(window) is ScreenKind.IDENTITY
    eye.check("identity, for the patient")
    type_date(qtbot, window.identity.keypad, RIGHT_DATE)
    next_(qtbot, window)
    walk_to(qtbot, window, ScreenKind.SIGN)
    eye.check("sign, for the patient")
    sign_here(qtbot, window)
    next_(qtbot, window)
    assert kind(window) is ScreenKind.INTERPRETER, message(window)
    eye.check("interpreter")
    scribble(window.interpreter.pad)
    eye.check("interpreter, drawn")
    next_(qtbot, window)
    assert kind(window) is ScreenKind.WITNESS, message(window)
    eye.check("witness")
    tap_on_screen(qtbot, window.witness._choices[WITNESS])  # through the list's finger scrolling
    keys = window.witness.keys
    for digit in "1111":
        tap(qtbot, keys[digit])
    next_(qtbot, window)
    assert message(window)
    eye.check("witness, wrong PIN")
    for digit in "482913":
        tap(qtbot, keys[digit])
    with qtbot.waitSignal(window.pdf_finished, timeout=30_000):
        next_(qtbot, window)
    eye.check("done, witnessed")


@pytest.mark.parametrize(("display", "larger", "contrast", "language"), list(combinations()))
def test_every_cosign_screen_can_be_read_whole(
    qtbot: QtBot,
    window: KioskWindow,
    cosigned: str,
    display: QSize,
    larger: bool,
    contrast: bool,
    language: str,
) -> None:
    window.show_at(display)
    if language == PSEUDO:
        assert window.model is not None
        window.model.set_home_language(language)
    else:
        tap(qtbot, window.welcome.languages.buttons[language])
    if larger:
        tap(qtbot, window.top.larger_button)
    if contrast:
        tap(qtbot, window.top.contrast_button)
    shots = os.environ.get("SEEN_SHOTS")
    test_id = os.environ.get("PYTEST_CURRENT_TEST", "").split("[")[-1].split("]")[0]
    eye = Eye(
        window,
        Path(shots) / f"cosign-{test_id}" if shots else None,
        catalog_only=language == PSEUDO,
    )
    walk(qtbot, window, eye)
    bad = problems(eye.findings)
    if bad:
        raise Unreadable(f"{len(bad)} findings on {len(eye.screens)} screens:\n{report(bad)}")
