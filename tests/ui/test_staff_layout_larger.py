"""Staff mode in the kiosk's Larger text, and on a window that turns, as a person sees it.

Staff stand at the same touchscreen as the patient; a patient who left "Larger text" on, or a
staff member who reads poorly and turned it on, saw staff mode in normal type. Each test drives
the real window, and on every staff screen measures what `tests.ui.staff_drive.staff_fits`
measures (each text's rendered extent against its widget's visible rect mapped to the window:
nothing cut, clipped, overlapping or off the window; the page within the room it has), and here
also that every word staff read is in the kiosk's Larger type (at least `window.look.body`; the
keys size their own words, by the screen).

- at Larger text, at 1280x800, 1920x1080 and 1080x1920: sign-in (names, PIN), the menu, closing
  the kiosk and ending a briefing (asked first), every step of preparing a briefing (and one
  with what to fix said), today's briefings (and their keys), a briefing, the flagged questions
  and answering one, the patients to brief again and the question before it, naming a
  representative (and what to fix), and "Are you still there?";
- on a window resized from portrait to landscape, to a wide one and back (a screen turned:
  nothing tells the window but its size), the screens with keys: the type and the keys follow
  the window's size, and everything fits it again (the portrait's keys and room stayed, and
  overlapped; the keyboard kept its wide screen's least width in portrait)."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from kiosk.content import load_form
from kiosk.demo import walk_through
from kiosk.i18n import words_for
from kiosk.session import Briefing, Patient
from kiosk.station import Station
from kiosk.store.briefings import prepare_briefing
from kiosk.store.staff import add_staff
from kiosk.ui import theme
from kiosk.ui.staff.keys import DigitRow, PinPad
from kiosk.ui.staff.sign_in import StaffSignIn
from kiosk.ui.widgets.keyboard import OnScreenKeyboard
from kiosk.ui.widgets.keypad import DateKeypad
from kiosk.ui.window import KioskWindow
from tests.conftest import MILD
from tests.session.fakes import FakeClock
from tests.ui.drive import key, tap, type_date
from tests.ui.seen import Kind, look, report, settle
from tests.ui.staff_drive import staff_fits
from tests.versions_forms import brief

DISPLAYS = {
    "1280x800": QSize(1280, 800),
    "1920x1080": QSize(1920, 1080),
    "1080x1920": QSize(1080, 1920),
}
PORTRAIT, LANDSCAPE, WIDE = DISPLAYS["1080x1920"], DISPLAYS["1280x800"], DISPLAYS["1920x1080"]
STAFF, PIN = "Dana Okafor", "482913"
OWN_KEYS = (OnScreenKeyboard, DateKeypad, DigitRow, PinPad)
"""Keys that size their words themselves, for the screen (never for the text size)."""
READ_MS = 10_000
"""How long a read off the screen's thread may take on a loaded machine (as staff tests allow)."""
UNREAD = (Kind.CUT, Kind.WORD, Kind.CLIPPED, Kind.OFF_WINDOW, Kind.OVERLAP)


@pytest.fixture
def staffed(station: Station, clock: FakeClock) -> str:
    add_staff(station.store, STAFF, PIN, clock.now())
    return STAFF


@pytest.fixture
def followed(station: Station, clock: FakeClock, prepared: str) -> None:
    """Something on each follow-up screen: a briefing waiting (`prepared`), one signed with a
    question flagged, and one given on an older version of its procedure, still ahead."""
    older = station.forms["mild"].model_copy(update={"version": "1.0.9"})
    planned = (clock.now() + timedelta(days=5)).date()
    brief(
        station.store, older, "Łukasz Wałęsa", date(1962, 8, 31), planned=planned, when=clock.now()
    )
    form = load_form(MILD)
    born = date(1950, 5, 6)
    signed = prepare_briefing(
        station.store, form, name="Ana Ruiz", date_of_birth=born, mrn="MRN-1001",
        staff="Sam Carter", now=clock.now() - timedelta(minutes=30),
    )  # fmt: skip
    b = Briefing(form, signed, station.recorder, clock, patient=Patient("Ana Ruiz", born))
    walk_through(b, random.Random(1), flag_risk=form.risks[1].id)


def in_larger_type(root: QWidget, body: int, where: str) -> None:
    """Every word on `root` staff read, in at least the `body` size (the keys' own words aside)."""

    def keys(widget: QWidget) -> bool:
        parent = widget.parentWidget()
        while parent is not None:
            if isinstance(parent, OWN_KEYS):
                return True
            parent = parent.parentWidget()
        return False

    small = [
        f"{w.text()[:30]!r} at {w.font().pixelSize()} px"
        for w in root.findChildren(QWidget)
        if isinstance(w, QLabel | QAbstractButton | QLineEdit) and w.isVisible() and w.text()
        if not isinstance(w, OWN_KEYS) and not keys(w) and w.font().pixelSize() < body
    ]
    assert not small, f"{where}: under the {body} px of Larger text: {small}"


def whole(root: QWidget, where: str) -> None:
    """Every word on `root` (a window of its own) whole, as `staff_fits` counts it."""
    settle()
    cut = [f for f in look(root, where) if f.kind in UNREAD]
    assert not cut, report(cut)


def seen(window: KioskWindow, where: str) -> None:
    staff_fits(window, where)
    in_larger_type(window.staff, window.look.body, where)


def walk(qtbot: QtBot, window: KioskWindow, check: Callable[[str], None]) -> None:
    """Every staff screen, `check`ed on the way."""
    page = window.staff
    window.open_staff()
    check("menu")
    tap(qtbot, page.leave_button)
    check("close the kiosk?")
    tap(qtbot, page.leave_confirm.keep_button)
    page.ask_end()
    check("end this briefing?")
    page.show_menu()
    tap(qtbot, page.prepare_button)
    form = page.prepare
    tap(qtbot, form.next_button)  # no name yet: what to fix is said
    check("prepare: the name, and what to fix")
    form.name.setText("Łukasz Wałęsa-Kowalczyk")
    tap(qtbot, form.next_button)
    type_date(qtbot, form.keypad, "08311962")
    check("prepare: the birth date")
    tap(qtbot, form.next_button)
    form.mrn.setText("A-1234")
    check("prepare: the MRN")
    tap(qtbot, form.next_button)
    tap(qtbot, form.languages.buttons["es"])  # an interpreter's step follows
    check("prepare: the procedure and the language")
    tap(qtbot, form.next_button)
    tap(qtbot, form.plan.plan_step.representative)
    check("prepare: who performs and who signs")
    tap(qtbot, form.next_button)
    rep = form.plan.rep_step
    for field, text in (
        (rep.name, "Luis Ruiz"),
        (rep.relationship, "son"),
        (rep.reason, "aphasia"),
    ):
        field.setText(text)
    check("prepare: the representative")
    tap(qtbot, form.next_button)
    tap(qtbot, form.plan.interp_step.helps)
    form.plan.interp_step.name.setText("Marta Gil")
    form.plan.interp_step.agency.setText("LL-7781")
    check("prepare: an interpreter")
    tap(qtbot, form.next_button)
    check("prepare: the check")
    tap(qtbot, form.cancel_button)
    tap(qtbot, page.list_button)
    listed = page.briefings
    qtbot.waitUntil(lambda: len(listed.buttons) == 3, timeout=READ_MS)
    check("today's briefings")
    tap(qtbot, next(iter(listed.buttons.values())))
    qtbot.waitUntil(lambda: page.detail.row is not None, timeout=READ_MS)
    check("a briefing")
    tap(qtbot, page.detail.menu_button)
    qtbot.waitUntil(lambda: len(listed.buttons) == 3, timeout=READ_MS)
    tap(qtbot, listed.keys_button)
    check("today's briefings, the keys shown")
    tap(qtbot, listed.menu_button)
    tap(qtbot, page.questions_button)
    questions = page.questions
    qtbot.waitUntil(lambda: len(questions.buttons) == 1, timeout=READ_MS)
    check("flagged questions")
    tap(qtbot, next(iter(questions.buttons.values())))
    check("answering a question")
    tap(qtbot, questions.menu_button)
    tap(qtbot, questions.menu_button)
    tap(qtbot, page.rebrief_button)
    rebrief = page.rebrief
    qtbot.waitUntil(lambda: len(rebrief.buttons) == 1, timeout=READ_MS)
    check("briefed on an older version")
    tap(qtbot, next(iter(rebrief.buttons.values())))
    check("prepare a re-briefing?")
    tap(qtbot, rebrief.confirm.keep_button)
    tap(qtbot, rebrief.menu_button)
    page.open_represent()
    tap(qtbot, page.represent.save_button)  # nobody named: what to fix is said
    check("someone signs for the patient, and what to fix")
    page.show_menu()
    window.staff_mode.still_there.draw(25)
    check("are you still there?")
    window.staff_mode.still_there.draw(None)


@pytest.mark.parametrize("display", DISPLAYS.values(), ids=DISPLAYS.keys())
def test_every_staff_screen_is_whole_in_larger_text(
    qtbot: QtBot,
    window: KioskWindow,
    station: Station,
    staffed: str,
    followed: None,
    display: QSize,
) -> None:
    window.show_at(display)
    tap(qtbot, window.top.larger_button)
    assert window.look.larger and window.look.body == theme.body_px(display, larger=True)
    name = f"{display.width()}x{display.height()}, Larger text"
    words = words_for(station.staff_language)
    dialog = StaffSignIn(window, station, words("staff.mode-reason"), words)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    for step in ("sign-in", "sign-in: the PIN"):
        whole(dialog, f"{name}: {step}")
        in_larger_type(dialog, window.look.body, f"{name}: {step}")
        if step == "sign-in":
            tap(qtbot, key(dialog, STAFF))
            qtbot.waitUntil(dialog.pad.isVisible)
    dialog.reject()
    walk(qtbot, window, lambda screen: seen(window, f"{name}: {screen}"))


def test_staff_screens_follow_the_window_as_it_turns(
    qtbot: QtBot, window: KioskWindow, station: Station, followed: None
) -> None:
    """Shown on a portrait screen in Larger text, then the window resized (as a turned screen
    resizes it: nothing else tells the window) to landscape, wide and portrait again: the screen
    on top as it turns, and the others as they are opened after."""
    window.show_at(PORTRAIT)
    tap(qtbot, window.top.larger_button)
    page = window.staff

    def turn(size: QSize) -> str:
        window.resize(size)
        settle()
        assert window.size() == size
        assert page.font().pixelSize() == theme.body_px(size, larger=True)
        return f"turned to {size.width()}x{size.height()}"

    def answering() -> None:
        page.show_menu()
        tap(qtbot, page.questions_button)
        qtbot.waitUntil(lambda: len(page.questions.buttons) == 1, timeout=READ_MS)
        tap(qtbot, next(iter(page.questions.buttons.values())))

    def mrn() -> None:
        page.show_menu()
        tap(qtbot, page.prepare_button)
        page.prepare.steps.setCurrentIndex(2)  # a line, the digits and the keyboard

    def represent() -> None:
        page.show_menu()
        page.open_represent()

    window.open_staff()
    answering()
    turned = turn(LANDSCAPE)
    staff_fits(window, f"answering a question, {turned}")
    for screen, opened in (("the MRN", mrn), ("someone signs", represent)):
        opened()
        staff_fits(window, f"{screen}, {turned}")
    mrn()
    for size in (WIDE, PORTRAIT):  # the keys' accents in rows of sixteen, then twelve again
        staff_fits(window, f"the MRN, {turn(size)}")
    for screen, opened in (("answering a question", answering), ("someone signs", represent)):
        opened()
        staff_fits(window, f"{screen}, turned back to portrait")
    page.show_menu()
    tap(qtbot, page.leave_button)
    staff_fits(window, f"close the kiosk?, {turn(LANDSCAPE)}")
