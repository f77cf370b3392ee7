"""A whole briefing through the real widgets, and the rules a patient meets on the way."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from kiosk.cli import main
from kiosk.config import load_config
from kiosk.content.schema import Form
from kiosk.session import Blocker, ScreenKind, Status
from kiosk.station import Station
from kiosk.store.models import (
    AuditEntry,
    BriefingRow,
    ComprehensionAnswer,
    Document,
    QuestionFlag,
    RiskAcknowledgement,
    SignatureRow,
)
from kiosk.store.staff import add_staff
from kiosk.ui.window import KioskWindow
from tests.session.fakes import FakeClock
from tests.ui.drive import (
    SHORT,
    acknowledge,
    begin,
    choose,
    english,
    key,
    kind,
    message,
    next_,
    scribble,
    scroll_to_end,
    sign_here,
    tap,
    type_date,
    walk_to,
    walk_to_a_long_risk,
)


def test_a_whole_briefing_through_the_widgets_is_stored_and_its_pdf_verifies(
    qtbot: QtBot,
    window: KioskWindow,
    prepared: str,
    station: Station,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    begin(qtbot, window)
    b = window.briefing
    assert b is not None
    form: Form = b.form
    flagged = form.risks[2].id
    seen = []
    while kind(window) is not ScreenKind.QUESTION:
        screen = b.current
        seen.append(screen.id)
        assert window.stack.currentWidget() is window.reading
        assert window.reading.title.text() == form.screen(screen.id).title
        if screen.kind is ScreenKind.RISK:
            next_(qtbot, window)  # not yet: the risk must be acknowledged first
            assert b.current == screen
            assert message(window) in (
                english(Blocker.RISK_NOT_READ),  # its end is below the fold
                english(Blocker.RISK_NOT_ACKNOWLEDGED),  # it fits: read as it showed
            )
            acknowledge(qtbot, window)
            assert window.reading.understood.isVisible()
            assert b.acknowledgements[screen.id].read_to_end_at is not None
            if screen.id == flagged:
                tap(qtbot, window.bottom.flag)
        next_(qtbot, window)
    assert seen == [
        s.id
        for s in b.screens
        if s.kind.value in {"about", "step", "risk", "options", "precautions"}
    ]

    first = form.questions[0]
    wrong = next(c.id for c in first.choices if c.id != first.answer)
    choose(qtbot, window, wrong)
    assert b.revisiting and b.current.id == first.teaches
    assert window.reading.revisit.isVisible()
    next_(qtbot, window)  # back to the question
    assert b.current.id == first.id
    choose(qtbot, window, first.answer)
    walk_to(qtbot, window, ScreenKind.REVIEW)
    assert form.risk(flagged).title in " ".join(t for t in _texts(window.review))
    next_(qtbot, window)
    assert kind(window) is ScreenKind.SIGN

    # What signing means is read first: Sign waits until the whole statement has been on screen.
    statement = window.sign.statement
    fits = statement.content_height() <= statement.viewport().height()
    assert window.bottom.primary.isEnabled() is fits
    scroll_to_end(qtbot, window.sign.statement)
    qtbot.waitUntil(window.bottom.primary.isEnabled)
    next_(qtbot, window)  # an empty pad is refused kindly
    assert b.status is Status.IN_PROGRESS
    assert message(window) == english("signature.empty")
    scribble(window.sign.pad)
    assert message(window) == ""  # drawn: "please sign in the box" is said no more
    with qtbot.waitSignal(window.pdf_finished, timeout=30_000) as made:
        next_(qtbot, window)
        assert kind(window) is ScreenKind.DONE
    assert made.args == [prepared]

    with station.store.reading() as session:
        row = session.get(BriefingRow, prepared)
        assert row is not None and row.status == "completed"
        acks = session.scalars(
            select(RiskAcknowledgement.risk_id).where(RiskAcknowledgement.briefing_id == prepared)
        ).all()
        assert sorted(acks) == sorted(r.id for r in form.risks)
        assert session.scalars(
            select(QuestionFlag.screen_id).where(QuestionFlag.briefing_id == prepared)
        ).all() == [flagged]
        answers = session.execute(
            select(ComprehensionAnswer.question_id, ComprehensionAnswer.correct)
            .where(ComprehensionAnswer.briefing_id == prepared)
            .order_by(ComprehensionAnswer.id)
        ).all()
        assert answers[0] == (first.id, False) and answers[1] == (first.id, True)
        assert len(answers) == len(form.questions) + 1
        signature = session.scalars(
            select(SignatureRow).where(SignatureRow.briefing_id == prepared)
        ).one()
        assert (
            signature.kind == "drawn" and signature.image_png and len(signature.strokes_json) > 100
        )
        document = session.scalars(select(Document).where(Document.briefing_id == prepared)).one()
        assert document.status == "made" and document.path
    assert window.done.pdf.text.text() == english("done.filed")
    assert not window.done.pdf.mark.isHidden()
    capsys.readouterr()
    pdf = load_config().documents_dir / document.path  # stored relative to the documents folder
    assert main(["verify", str(pdf)]) == 0, capsys.readouterr()


def _texts(widget: object) -> list[str]:
    from tests.ui.drive import texts

    return texts(widget)  # type: ignore[arg-type]


def test_a_double_tap_on_sign_makes_one_record(
    qtbot: QtBot, window: KioskWindow, prepared: str, station: Station
) -> None:
    begin(qtbot, window)
    walk_to(qtbot, window, ScreenKind.SIGN)
    sign_here(qtbot, window)
    with qtbot.waitSignal(window.pdf_finished, timeout=30_000):
        window.bottom.primary.click()
        window.bottom.primary.click()
        window.bottom.primary.click()
    with station.store.reading() as session:
        count = session.scalar(
            select(func.count())
            .select_from(SignatureRow)
            .where(SignatureRow.briefing_id == prepared)
        )
    assert count == 1
    assert kind(window) is ScreenKind.DONE


def test_back_works_from_every_screen_until_signing(
    qtbot: QtBot, window: KioskWindow, prepared: str
) -> None:
    begin(qtbot, window)
    b = window.briefing
    assert b is not None
    while kind(window) is not ScreenKind.SIGN:
        here = b.current
        if here.kind is ScreenKind.RISK and here.id not in b.acknowledgements:
            acknowledge(qtbot, window)
        if here.kind is ScreenKind.QUESTION and not b.answers_to(here.id):
            choose(qtbot, window, b.form.question(here.id).answer)
        next_(qtbot, window)
        there = b.current
        tap(qtbot, window.bottom.back)
        assert b.current == here, f"Back from {there.id} did not return to {here.id}"
        next_(qtbot, window)
        assert b.current == there
    assert window.bottom.back.isVisible()
    tap(qtbot, window.bottom.back)
    assert kind(window) is ScreenKind.REVIEW


def test_wrong_birth_dates_three_times_ask_for_staff(
    qtbot: QtBot, window: KioskWindow, prepared: str, station: Station
) -> None:
    tap(qtbot, window.welcome.start_button)
    for _attempt in range(3):
        type_date(qtbot, window.identity.keypad, "01011950")
        next_(qtbot, window)
        assert kind(window) is ScreenKind.IDENTITY
    assert window.briefing is not None and window.briefing.identity_locked
    assert window.identity.title.text() == english("identity.locked-title")
    assert any(english("blocker.identity-locked") in t for t in _texts(window))
    assert not window.identity.keypad.isVisible()
    assert not window.bottom.primary.isVisible()
    with station.store.reading() as session:
        rows = session.execute(
            select(AuditEntry.action, AuditEntry.detail).where(
                AuditEntry.subject == f"briefing:{prepared}",
                AuditEntry.action == "identity_rejected",
            )
        ).all()
    assert len(rows) == 3 and '"locked_out":true' in rows[-1][1]


def test_a_key_tapped_takes_back_what_was_said_of_the_date_before(
    qtbot: QtBot, window: KioskWindow, prepared: str
) -> None:
    """A reviewer corrected the date and still read "please enter your whole date of birth" (or
    "there is no month 14") beside the keys."""
    tap(qtbot, window.welcome.start_button)
    keypad = window.identity.keypad
    type_date(qtbot, keypad, "0314")
    next_(qtbot, window)
    assert message(window) == english("date.incomplete")
    tap(qtbot, key(keypad, "1"))
    assert message(window) == ""
    type_date(qtbot, keypad, "951")
    next_(qtbot, window)
    assert kind(window) is ScreenKind.ABOUT


def test_sign_tapped_before_the_statement_was_read_says_why(
    qtbot: QtBot, window: KioskWindow, prepared: str
) -> None:
    """Two reviewers tapped a waiting Sign again and again (Larger text: the statement does not
    fit) and nothing was said: a disabled button gets no click."""
    tap(qtbot, window.top.larger_button)
    begin(qtbot, window)
    walk_to(qtbot, window, ScreenKind.SIGN)
    statement = window.sign.statement
    assert statement.content_height() > statement.viewport().height()  # it must be scrolled
    scribble(window.sign.pad)
    sign = window.bottom.primary
    assert sign.isVisible() and not sign.isEnabled()
    qtbot.mouseClick(sign, Qt.MouseButton.LeftButton)  # a finger on it, as on any button
    assert message(window) == english("blocker.statement-not-read")
    scroll_to_end(qtbot, statement)
    qtbot.waitUntil(sign.isEnabled)
    assert message(window) == ""


def test_i_understand_tapped_before_the_risk_was_read_says_why(
    qtbot: QtBot, window: KioskWindow, prepared: str
) -> None:
    """A greyed "I understand this risk" said nothing when tapped (reviewers, Larger text): it
    says to read to the end first, until the risk has been read."""
    window.show_at(SHORT)
    tap(qtbot, window.top.larger_button)
    begin(qtbot, window)
    walk_to_a_long_risk(qtbot, window)  # it must be scrolled
    body = window.reading.body
    understand = window.reading.understand
    assert understand.isVisible() and not understand.isEnabled()
    qtbot.mouseClick(understand, Qt.MouseButton.LeftButton)
    assert message(window) == english("blocker.risk-not-read")
    scroll_to_end(qtbot, body)
    qtbot.waitUntil(understand.isEnabled)
    assert message(window) == ""


def test_without_a_prepared_briefing_the_patient_is_asked_to_see_staff(
    qtbot: QtBot, window: KioskWindow, station: Station, clock: FakeClock
) -> None:
    add_staff(station.store, "Sam Carter", "482916", clock.now())  # a kiosk set up for patients
    tap(qtbot, window.welcome.start_button)
    assert window.briefing is None
    assert window.welcome.message.text() == english("welcome.no-briefing")


def test_a_finger_tap_works_like_a_click(qtbot: QtBot, window: KioskWindow, prepared: str) -> None:
    from PySide6.QtCore import QPoint
    from PySide6.QtTest import QTest

    finger = QTest.createTouchDevice()
    start = window.welcome.start_button
    centre = start.mapTo(window, start.rect().center())
    QTest.touchEvent(window, finger).press(0, centre).commit()
    QTest.touchEvent(window, finger).release(0, centre + QPoint(1, 0)).commit()
    qtbot.waitUntil(lambda: kind(window) is ScreenKind.IDENTITY)
