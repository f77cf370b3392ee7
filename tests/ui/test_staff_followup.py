"""Staff follow up at the kiosk through the real widgets: today's list and search, a briefing's PDF
printed, copied and made, flagged questions answered with a note; nothing left on screen after."""

from __future__ import annotations

import logging
import os
import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from kiosk.cli import main
from kiosk.content import load_form
from kiosk.demo import walk_through
from kiosk.records.followup import FollowUpError
from kiosk.session import Briefing, Patient
from kiosk.session.signers import InterpreterMode
from kiosk.station import Station
from kiosk.store.briefings import prepare_briefing
from kiosk.store.models import AuditEntry, BriefingRow, Document, QuestionFlag
from kiosk.ui.pages.base import WrapButton
from kiosk.ui.staff import briefings, questions
from kiosk.ui.window import KioskWindow
from tests.conftest import MILD
from tests.session.fakes import FakeClock
from tests.shared import fake_lp
from tests.ui.conftest import NAME
from tests.ui.drive import english, key, tap, texts
from tests.ui.staff_drive import staff_fits, type_keys

FORM = load_form(MILD)
SIGNED = "Ana Ruiz"


PERSONAL = (
    SIGNED,
    "Ruiz",
    NAME,
    "Ångström",
    "MRN-1001",
    "MRN-0042",
    "Ben Okafor",
    "drain",
    "Marta Gil",
)


@pytest.fixture(autouse=True)
def _nothing_personal_logged(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """Whatever staff do here, the log gets ids and counts, never a name, an MRN or a note."""
    caplog.set_level(logging.DEBUG, logger="kiosk")
    yield
    leaked = [r.getMessage() for r in caplog.records if any(p in r.getMessage() for p in PERSONAL)]
    assert leaked == []


def signed_briefing(station: Station, clock: FakeClock, *, flag: bool = True) -> str:
    """A briefing Ana Ruiz went through and signed (a risk flagged), its PDF not made yet."""
    briefing_id = prepare_briefing(
        station.store, FORM, name=SIGNED, date_of_birth=date(1950, 5, 6), mrn="MRN-1001",
        staff="Sam Carter", now=clock.now() - timedelta(minutes=30),
    )  # fmt: skip
    b = Briefing(
        FORM,
        briefing_id,
        station.recorder,
        clock,
        patient=Patient(SIGNED, date(1950, 5, 6), "MRN-1001"),
    )
    walk_through(b, random.Random(1), flag_risk=FORM.risks[1].id if flag else None)
    return briefing_id


def audited(station: Station, action: str) -> list[AuditEntry]:
    with station.store.reading() as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.action == action)))


def open_list(qtbot: QtBot, window: KioskWindow, count: int = 1) -> briefings.BriefingList:
    window.open_staff()
    tap(qtbot, window.staff.list_button)
    panel = window.staff.briefings
    assert window.staff.pages.currentWidget() is panel
    qtbot.waitUntil(lambda: len(panel.buttons) == count)  # read off the screen's thread
    return panel


def shown(panel: briefings.BriefingList) -> list[str]:
    return [b.words.text() for b in panel.buttons.values()]


def test_the_list_shows_today_with_status_and_a_search_narrows_it(
    qtbot: QtBot, window: KioskWindow, station: Station, clock: FakeClock, prepared: str
) -> None:
    signed = signed_briefing(station, clock)
    panel = open_list(qtbot, window, 2)
    assert sorted(panel.buttons) == sorted([signed, prepared])
    first, second = (panel.buttons[i].words.text() for i in (signed, prepared))
    assert SIGNED in first and english("staff.status.completed") in first
    assert english("staff.risks", count=8, acknowledged=8) in first
    assert english("staff.list.open-questions", count=1) in first
    assert english("staff.pdf.pending") in first
    assert NAME in second and english("staff.status.prepared") in second and "MRN-0042" in second

    tap(qtbot, panel.keys_button)  # the on-screen keys, for a search
    assert panel.keys.isVisible() and panel.digits.isVisible()
    for digit in "0042":
        tap(qtbot, key(panel.digits, digit))
    qtbot.waitUntil(lambda: list(panel.buttons) == [prepared])
    assert panel.heading.text() == english("staff.list.found", count=1)
    type_keys(qtbot, panel.keys, "x")
    qtbot.waitUntil(lambda: english(briefings.NOTHING_FOUND) in texts(panel))
    assert not panel.buttons
    staff_fits(window, "briefings, searching")


def test_an_old_prepared_briefing_is_listed_as_no_longer_offered(
    qtbot: QtBot, window: KioskWindow, station: Station, clock: FakeClock
) -> None:
    old = prepare_briefing(
        station.store, FORM, name="Ben Okafor", date_of_birth=date(1970, 7, 8), mrn=None,
        staff="Sam Carter", now=clock.now() - timedelta(hours=30),
    )  # fmt: skip
    panel = open_list(qtbot, window)
    (text,) = shown(panel)
    assert list(panel.buttons) == [old] and english("staff.status.expired") in text


def test_a_pending_pdf_is_made_then_printed_and_copied_each_audited(
    qtbot: QtBot,
    window: KioskWindow,
    station: Station,
    clock: FakeClock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    signed = signed_briefing(station, clock)
    bin_dir, spooled = tmp_path / "bin", tmp_path / "spooled"
    fake_lp(bin_dir, f'printf "%s\\n" "$@" > {spooled}')
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")

    panel = open_list(qtbot, window)
    tap(qtbot, panel.buttons[signed])
    detail = window.staff.detail
    assert window.staff.pages.currentWidget() is detail
    qtbot.waitUntil(lambda: detail.title.text() == SIGNED)  # read off the screen's thread
    born = english("staff.detail.born-mrn", date=date(1950, 5, 6), mrn="MRN-1001")
    assert born == "Born May 6, 1950 · MRN MRN-1001" and born in detail.facts.text()
    # the language the patient was briefed in, by its own name (reviewers found none)
    assert english("staff.detail.language", language="English") in detail.facts.text()
    # Which question is open, not only how many (a reviewer could not tell).
    flagged = FORM.risk(FORM.risks[1].id).title
    assert english("staff.detail.open-question", title=flagged) in detail.facts.text()
    assert detail.make_button.isVisible()
    assert not detail.print_button.isVisible() and not detail.copy_button.isVisible()
    staff_fits(window, "a briefing with its PDF pending")

    row = detail.make_button.mapTo(window, QPoint(0, 0)).y()  # the PDF's buttons, said nothing
    tap(qtbot, detail.make_button)  # sealed on the worker thread: the screen stays live
    qtbot.waitUntil(lambda: detail.message.text() == english("staff.detail.made"))
    # What a tap's result says takes room under the buttons, never moving them under the finger.
    assert detail.print_button.mapTo(window, QPoint(0, 0)).y() == row
    assert not detail.make_button.isVisible()
    assert f"{english('staff.pdf.made')} · SHA-256" in detail.facts.text()
    with station.store.reading() as session:
        doc = session.scalars(select(Document).where(Document.briefing_id == signed)).one()
    assert doc.status == "made" and doc.path
    capsys.readouterr()
    pdf = station.config.documents_dir / doc.path  # stored relative to the documents folder
    assert main(["verify", str(pdf)]) == 0

    tap(qtbot, detail.print_button)
    qtbot.waitUntil(lambda: detail.message.text() == english("staff.detail.printed"))
    assert spooled.read_text().splitlines() == ["--", str(pdf)]

    tap(qtbot, detail.copy_button)
    copy = station.config.copies_dir / Path(doc.path).name
    qtbot.waitUntil(lambda: detail.message.text() == english("staff.detail.copied", path=copy))
    assert copy.read_bytes() == pdf.read_bytes()
    for action in ("pdf_made_by_staff", "pdf_printed", "pdf_copied"):
        assert [e.actor for e in audited(station, action)] == ["Sam Carter"], action

    pdf.write_bytes(b"%PDF-1.7 replaced")
    tap(qtbot, detail.print_button)  # an altered file is never printed
    qtbot.waitUntil(lambda: "has changed since it was sealed" in detail.message.text())
    assert len(audited(station, "pdf_printed")) == 1
    tap(qtbot, detail.menu_button)
    assert window.staff.pages.currentWidget() is panel and detail.facts.text() == ""


def test_a_flagged_question_is_answered_with_a_note_under_the_staff_name(
    qtbot: QtBot, window: KioskWindow, station: Station, clock: FakeClock
) -> None:
    signed = signed_briefing(station, clock)
    window.open_staff()
    button = window.staff.questions_button
    qtbot.waitUntil(lambda: button.text() == english("staff.questions.title", count=1))
    tap(qtbot, button)
    panel = window.staff.questions
    qtbot.waitUntil(lambda: len(panel.buttons) == 1)
    (flag_id,) = panel.buttons
    title = FORM.risk(FORM.risks[1].id).title
    assert (
        SIGNED in panel.buttons[flag_id].words.text()
        and title in panel.buttons[flag_id].words.text()
    )

    tap(qtbot, panel.buttons[flag_id])
    assert panel.asked.text() == english("staff.questions.asked", name=SIGNED, title=title)
    staff_fits(window, "answering a question")
    tap(qtbot, panel.answer_button)  # no note yet
    assert panel.message.text() == "Write a short note on how the question was answered."
    type_keys(qtbot, panel.keys, "Dr Lee called")
    assert panel.message.text() == ""  # said until staff wrote
    for digit in "2":
        tap(qtbot, key(panel.digits, digit))
    assert panel.note.text() == "Dr Lee called2"
    tap(
        qtbot,
        next(
            b
            for b in panel.findChildren(WrapButton)
            if b.words.text() == english("staff.questions.by-phone")
        ),
    )
    assert panel.note.text() == "Answered by phone"
    clock.advance(60)
    tap(qtbot, panel.answer_button)
    qtbot.waitUntil(lambda: panel.message.text() == english("staff.questions.answered"))
    assert not panel.buttons and english(questions.NO_QUESTIONS) in texts(panel)
    with station.store.reading() as session:
        flag = session.get(QuestionFlag, flag_id)
        assert flag is not None and flag.briefing_id == signed
        assert (flag.answered_by, flag.answer_note) == ("Sam Carter", "Answered by phone")
        assert flag.answered_at is not None and flag.answered_at == clock.now()
    (entry,) = audited(station, "flag_answered")
    assert entry.actor == "Sam Carter" and entry.subject == f"briefing:{signed}"
    tap(qtbot, panel.menu_button)
    assert window.staff.pages.currentWidget() is window.staff.menu
    qtbot.waitUntil(lambda: button.text() == english("staff.menu.questions"))


def test_a_question_answered_meanwhile_elsewhere_is_not_answered_twice(
    qtbot: QtBot, window: KioskWindow, station: Station, clock: FakeClock
) -> None:
    signed_briefing(station, clock)
    window.open_staff()
    tap(qtbot, window.staff.questions_button)
    panel = window.staff.questions
    qtbot.waitUntil(lambda: len(panel.buttons) == 1)
    (flag_id,) = panel.buttons
    tap(qtbot, panel.buttons[flag_id])
    station.answer_question("Dana Okafor", flag_id, "Answered at the desk")  # another kiosk
    panel.note.setText("Me too")
    tap(qtbot, panel.answer_button)
    qtbot.waitUntil(lambda: "already answered by Dana Okafor" in panel.message.text())
    assert not panel.buttons
    with station.store.reading() as session:
        flag = session.get(QuestionFlag, flag_id)
        assert flag is not None and flag.answered_by == "Dana Okafor"


def test_nothing_of_the_follow_up_stays_on_screen_after_staff_mode(
    qtbot: QtBot, window: KioskWindow, station: Station, clock: FakeClock, prepared: str
) -> None:
    signed = signed_briefing(station, clock)
    panel = open_list(qtbot, window, 2)
    tap(qtbot, panel.buttons[signed])
    qtbot.waitUntil(lambda: window.staff.detail.title.text() == SIGNED)
    clock.advance(station.idle.warning_after)
    window.tick()  # staff walked away: staff mode closes by itself
    assert window.stack.currentWidget() is window.welcome
    assert not [t for t in texts() if SIGNED in t or NAME in t or "MRN-" in t]

    window.open_staff()
    tap(qtbot, window.staff.questions_button)
    qtbot.waitUntil(lambda: len(window.staff.questions.buttons) == 1)
    tap(qtbot, next(iter(window.staff.questions.buttons.values())))
    window.staff.questions.note.setText("Called her back about the drain")
    window.staff_mode.close()
    assert not [t for t in texts() if SIGNED in t or "drain" in t]
    assert window.staff.questions.note.isUndoAvailable() is False


def test_another_kiosks_briefing_is_shown_but_its_pdf_is_left_to_that_kiosk(
    qtbot: QtBot, window: KioskWindow, station: Station, clock: FakeClock
) -> None:
    signed = signed_briefing(station, clock)
    with station.store.sessions.begin() as session:  # as if signed at the kiosk by the door
        session.execute(update(BriefingRow).where(BriefingRow.id == signed).values(kiosk_id="door"))
    panel = open_list(qtbot, window)
    at_door = english("staff.list.at-kiosk", kiosk="door")
    assert (
        panel.buttons[signed].words.text().endswith(f"{english('staff.pdf.pending')} · {at_door}")
    )
    tap(qtbot, panel.buttons[signed])
    detail = window.staff.detail
    qtbot.waitUntil(lambda: english("staff.detail.kept", kiosk="door") in detail.facts.text())
    assert not any(
        b.isVisible() for b in (detail.make_button, detail.print_button, detail.copy_button)
    )
    with pytest.raises(FollowUpError, match="signed on kiosk door; its PDF is made there"):
        station.make_pending_pdf("Sam Carter", signed)


def test_a_pdf_made_meanwhile_is_not_made_twice(
    qtbot: QtBot, window: KioskWindow, station: Station, clock: FakeClock
) -> None:
    signed = signed_briefing(station, clock)
    panel = open_list(qtbot, window)
    tap(qtbot, panel.buttons[signed])
    detail = window.staff.detail
    qtbot.waitUntil(detail.make_button.isVisible)
    first = station.make_pdf(signed)  # the patient's own PDF job finished meanwhile
    tap(qtbot, detail.make_button)
    qtbot.waitUntil(lambda: detail.message.text() == "This briefing's PDF is already made.")
    assert not detail.make_button.isVisible() and detail.print_button.isVisible()
    assert audited(station, "pdf_made_by_staff") == []
    with station.store.reading() as session:
        doc = session.scalars(select(Document).where(Document.briefing_id == signed)).one()
    assert (doc.path, doc.sha256) == (first.path.name, first.sha256)


def test_rows_replies_and_reasons_are_read_whole_on_a_portrait_screen(
    qtbot: QtBot, window: KioskWindow, station: Station, clock: FakeClock, prepared: str
) -> None:
    """On a portrait kiosk the briefings' rows read "h · Completed · …", the quick replies
    "wered by ph", the reasons to withdraw "ade for the wrong patie" (reviewers): cut at both ends,
    one line each. Their words wrap now."""
    from PySide6.QtCore import QSize

    window.show_at(QSize(1080, 1920))
    signed_briefing(station, clock)
    panel = open_list(qtbot, window, 2)
    staff_fits(window, "briefings, portrait")
    tap(qtbot, panel.buttons[prepared])
    detail = window.staff.detail
    qtbot.waitUntil(lambda: detail.withdraw_button.isVisible())
    tap(qtbot, detail.withdraw_button)
    assert detail.reason_buttons["wrong-patient"].isVisible()
    staff_fits(window, "why withdraw, portrait")
    window.staff_mode.close()
    window.open_staff()
    tap(qtbot, window.staff.questions_button)
    questions = window.staff.questions
    qtbot.waitUntil(lambda: len(questions.buttons) == 1)
    staff_fits(window, "questions, portrait")
    tap(qtbot, next(iter(questions.buttons.values())))
    staff_fits(window, "answering a question, portrait")


def test_a_long_record_scrolls_and_its_buttons_stay_on_screen(
    qtbot: QtBot,
    window: KioskWindow,
    station: Station,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A patient who listened on every screen leaves a line a Listen: 30 of them with the record's
    facts are taller than 1280x800. The lines scroll under the title; Print and Copy stay whole on
    screen (the facts pushed the window's layout past its height, the buttons off the screen)."""
    from kiosk.records.listened import Heard

    signed = signed_briefing(station, clock)
    station.make_pdf(signed)
    heard = [
        Heard(FORM.about.id, FORM.about.title, clock.now(), n % 2 == 0, 3, 16, False, "v")
        for n in range(30)
    ]
    monkeypatch.setattr("kiosk.services.staff.StaffDesk.listened", lambda self, _id: heard)
    panel = open_list(qtbot, window)
    tap(qtbot, panel.buttons[signed])
    detail = window.staff.detail
    qtbot.waitUntil(detail.print_button.isVisible)
    assert detail.facts.text().count("\n") >= 40
    staff_fits(window, "a long record")


def test_a_briefings_page_names_who_signs_beside_the_patient(
    qtbot: QtBot, window: KioskWindow, station: Station, clock: FakeClock
) -> None:
    """Staff planned an interpreter and a witness: the briefing's page names them, the
    practitioner and the planned date (it showed none of them), and that nobody signed yet."""
    from kiosk.session.cosign import Interpreter, Plan

    interpreter = Interpreter("Marta Gil", "LanguageLine 7781", "es", InterpreterMode.VIDEO)
    planned = prepare_briefing(
        station.store, FORM, name="Ben Okafor", date_of_birth=date(1970, 7, 8), mrn=None,
        staff="Sam Carter", now=clock.now(), language="es", practitioner="Dr. Adeyemi",
        planned_date=date(2026, 12, 18), plan=Plan(interpreter=interpreter, witness=True),
    )  # fmt: skip
    panel = open_list(qtbot, window)
    tap(qtbot, panel.buttons[planned])
    detail = window.staff.detail
    qtbot.waitUntil(lambda: detail.title.text() == "Ben Okafor")
    facts = detail.facts.text().splitlines()
    waiting = english("staff.detail.cosigner-waiting")
    for line in (
        english("staff.detail.practitioner", name="Dr. Adeyemi"),
        english("staff.detail.planned-date", date=date(2026, 12, 18)),
        "Interpreter: Marta Gil · LanguageLine 7781 · Español, by video · not signed",
        english("staff.detail.witness-planned", state=waiting),
    ):
        assert line in facts
    staff_fits(window, "a briefing with its signers planned")
    tap(qtbot, detail.menu_button)
    assert "Marta Gil" not in detail.facts.text() and detail.cosigned.plan.empty
