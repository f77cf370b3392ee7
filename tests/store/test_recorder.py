"""The recorder stores each event of a real briefing at once, on both engines, with its audit row."""

from __future__ import annotations

import json
import threading
import time
from datetime import date

import pytest
from sqlalchemy import select, text

from kiosk.session import (
    Briefing,
    DrawnSignature,
    FlowError,
    Patient,
    Point,
    ScreenKind,
    Status,
    Stroke,
)
from kiosk.session.events import Abandoned, AbandonReason, Signed
from kiosk.store import InputError, Recorder, RecordError, Store, audit, open_store, statements
from kiosk.store.briefings import patient_of, recover_interrupted
from kiosk.store.kept_models import ScreenShownRow
from kiosk.store.models import (
    AuditEntry,
    BriefingRow,
    ComprehensionAnswer,
    Document,
    QuestionFlag,
    RiskAcknowledgement,
    SignatureRow,
)
from tests.session.fakes import FakeClock
from tests.store.briefed import DOB, FORM, count, prepared, walk_to

SIGNATURE = DrawnSignature((Stroke((Point(0, 0, 0), Point(60, 40, 120), Point(120, 5, 260))),))


def test_a_whole_briefing_is_recorded(store: Store) -> None:
    clock = FakeClock()
    b = prepared(store, clock)
    b.go_next()
    b.confirm_identity(date(1951, 3, 15))
    walk_to(b, ScreenKind.RISK)
    clock.advance(9)
    b.read_to_end()
    b.acknowledge_risk()
    b.flag_question()
    walk_to(b, ScreenKind.QUESTION)
    q = FORM.questions[0]
    b.answer_question(next(c.id for c in q.choices if c.id != q.answer))
    b.go_next()
    b.answer_question(q.answer)
    walk_to(b, ScreenKind.SIGN)
    b.read_to_end()
    b.sign(SIGNATURE)

    with store.sessions() as s:
        row = s.get(BriefingRow, b.briefing_id)
        assert row is not None
        assert (row.status, row.form_id, row.content_sha256) == (
            "completed",
            "mild",
            FORM.content_sha256,
        )
        assert row.ended_at == clock.now()
        acks = (
            s.execute(select(RiskAcknowledgement).order_by(RiskAcknowledgement.id)).scalars().all()
        )
        assert [a.risk_id for a in acks] == [r.id for r in FORM.risks]
        assert acks[0].seconds_on_screen == 9
        assert acks[0].acknowledged_at.tzinfo is not None
        assert s.execute(select(QuestionFlag.screen_id)).scalars().all() == [FORM.risks[0].id]
        answers = (
            s.execute(select(ComprehensionAnswer).order_by(ComprehensionAnswer.id)).scalars().all()
        )
        assert (answers[0].correct, answers[0].revisit_screen_id) == (False, q.teaches)
        assert len(answers) == len(FORM.questions) + 1
        sig = s.execute(select(SignatureRow)).scalar_one()
        assert json.loads(sig.strokes_json) == [[[0, 0, 0], [60, 40, 120], [120, 5, 260]]]
        assert s.execute(select(Document.status)).scalar_one() == "pending"
        actions = s.execute(select(AuditEntry.action).order_by(AuditEntry.seq)).scalars().all()
        assert actions[:3] == ["briefing_prepared", "briefing_started", "identity_rejected"]
        assert actions.count("risk_acknowledged") == 8
        assert actions[-1] == "signed"
        assert audit.verify(s).ok
        # the audit log never carries the patient's name
        assert not any("Ana" in d for d in s.execute(select(AuditEntry.detail)).scalars())


def test_walk_up_patient_is_created_from_identity(store: Store) -> None:
    clock = FakeClock()
    b = Briefing(FORM, "walk-up-1", Recorder(store), clock)
    b.go_next()
    b.enter_identity("  Nguyễn Thị Minh Khai ", DOB)
    patient = patient_of(store, "walk-up-1")
    assert patient is not None
    assert patient.name == "Nguyễn Thị Minh Khai"


def test_a_refused_name_leaves_the_briefing_where_it_was(store: Store) -> None:
    b = Briefing(FORM, "walk-up-2", Recorder(store), FakeClock())
    b.go_next()
    with pytest.raises(InputError, match="name: must not be empty"):
        b.enter_identity("\u200b \u00a0", DOB)
    assert not b.identity_confirmed
    assert patient_of(store, "walk-up-2") is None


def test_signing_twice_gives_one_signature_even_past_the_engine(store: Store) -> None:
    clock = FakeClock()
    b = prepared(store, clock)
    walk_to(b, ScreenKind.SIGN)
    b.read_to_end()
    b.sign(SIGNATURE)
    b.read_to_end()
    with pytest.raises(FlowError):
        b.sign(SIGNATURE)
    # A second Signed event for the same briefing (a second engine, a replay) is refused by the store.
    with pytest.raises(RecordError, match="completed, not in progress"):
        Recorder(store).record(
            Signed(
                briefing_id=b.briefing_id,
                at=clock.now(),
                language="en",
                content_sha256=FORM.content_sha256,
                signature=SIGNATURE,
                screen_times=(),
            )
        )
    assert count(store, SignatureRow) == 1


def test_events_for_unknown_or_finished_briefings_are_refused(store: Store) -> None:
    clock = FakeClock()
    ghost = Briefing(FORM, "no-such-briefing", Recorder(store), clock, patient=Patient("A", DOB))
    ghost.status = Status.IN_PROGRESS
    ghost._index = 1  # on identity
    with pytest.raises(RecordError, match="not in the record"):
        ghost.confirm_identity(DOB)
    b = prepared(store, clock)
    b.go_next()
    b.abandon(AbandonReason.STAFF)
    late = Briefing(FORM, b.briefing_id, Recorder(store), clock, patient=Patient("Ana Ruiz", DOB))
    with pytest.raises(RecordError, match="abandoned, not prepared"):
        late.go_next()


def test_interrupted_briefings_become_abandoned_at_the_next_start(store: Store) -> None:
    clock = FakeClock()
    b = prepared(store, clock)
    walk_to(b, ScreenKind.RISK)
    b.read_to_end()
    b.acknowledge_risk()
    done = prepared(store, clock)
    walk_to(done, ScreenKind.SIGN)
    done.read_to_end()
    done.sign(SIGNATURE)
    assert recover_interrupted(store, clock.now()) == [b.briefing_id]
    assert recover_interrupted(store, clock.now()) == []
    with store.sessions() as s:
        row = s.get(BriefingRow, b.briefing_id)
        assert row is not None and (row.status, row.end_reason) == ("abandoned", "interrupted")
        assert audit.verify(s).ok
    assert count(store, RiskAcknowledgement) == 8 + 1  # kept, not lost


def test_sign_and_abandon_racing_on_postgresql_cannot_both_win(fresh_postgres: str) -> None:
    """Two processes end the same briefing at once: the second waits for the first's lock, then is refused."""
    store = open_store(fresh_postgres, "kiosk-test")
    try:
        clock = FakeClock()
        b = prepared(store, clock)
        walk_to(b, ScreenKind.SIGN)
        recorder = Recorder(store)
        outcome: list[BaseException | None] = []
        with store.engine.connect() as first:
            first.begin()
            recorder._finish(
                first,
                statements.COMPLETE,
                b.briefing_id,
                {"status": "completed", "ended_at": clock.now()},
            )

            def abandon() -> None:
                try:
                    recorder.record(ev_abandoned(b.briefing_id, clock))
                    outcome.append(None)
                except BaseException as exc:
                    outcome.append(exc)

            racer = threading.Thread(target=abandon)
            racer.start()
            wait_until_blocked(store)  # the racer has read "in progress" and waits on the row lock
            first.commit()
            racer.join(timeout=30)
        assert len(outcome) == 1
        assert isinstance(outcome[0], RecordError)
        assert "completed, not in progress" in str(outcome[0])
        with store.reading() as s:
            row = s.get(BriefingRow, b.briefing_id)
            assert row is not None
            assert row.status == "completed"
    finally:
        store.close()


def ev_abandoned(briefing_id: str, clock: FakeClock) -> Abandoned:
    return Abandoned(briefing_id=briefing_id, at=clock.now(), reason=AbandonReason.STAFF)


def wait_until_blocked(store: Store, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    probe = text(
        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()"
    )
    while time.monotonic() < deadline:
        with store.engine.connect() as conn:
            if conn.execute(probe).scalar():
                return
        time.sleep(0.02)
    raise AssertionError("the racing writer never waited on the row lock")


def test_the_rows_a_signature_writes_read_back_as_sqlalchemy_writes_them(store: Store) -> None:
    """Signing writes its rows straight on SQLite's driver (kiosk.store.statements): the times in
    the text SQLAlchemy writes (so they sort and compare with the others), every screen shown once
    with its hash, the briefing ended at the signature's time; on PostgreSQL through Core."""
    clock = FakeClock()
    b = prepared(store, clock)
    walk_to(b, ScreenKind.SIGN)
    b.read_to_end()
    clock.advance(5)
    expected = {(x.screen_id, x.language, x.screen_sha256) for x in b.screens_shown(b.languages)}
    b.sign(SIGNATURE)
    with store.reading() as s:
        sig = s.execute(select(SignatureRow)).scalar_one()
        row = s.get(BriefingRow, b.briefing_id)
        shown = s.execute(select(ScreenShownRow)).scalars().all()
        assert row is not None and row.status == "completed"
        assert sig.signed_at == row.ended_at == clock.now()
        assert (sig.kind, sig.typed_name, sig.attested_by, sig.language) == (
            "drawn",
            None,
            None,
            "en",
        )
        assert len(expected) > 10
        assert sorted((r.screen_id, r.language, r.screen_sha256) for r in shown) == sorted(expected)
        if store.is_sqlite:
            texts = s.execute(
                text(
                    "SELECT b.started_at, b.ended_at, s.signed_at FROM briefings b "
                    "JOIN signatures s ON s.briefing_id = b.id"
                )
            ).one()
            started, ended, signed = texts
            assert isinstance(started, str)  # written by SQLAlchemy
            assert ended == signed and len(ended) == len(started) and ended[10] == started[10]
            assert ended > started


def test_a_typed_signature_with_its_staff_attestation(store: Store) -> None:
    from kiosk.session import TypedSignature

    b = prepared(store, FakeClock())
    walk_to(b, ScreenKind.SIGN)
    b.read_to_end()
    b.sign(TypedSignature(" Ana Ruiz ", "Nurse Lee"))
    with store.reading() as s:
        sig = s.execute(select(SignatureRow)).scalar_one()
    assert (sig.kind, sig.strokes_json, sig.typed_name, sig.attested_by) == (
        "typed",
        "[]",
        "Ana Ruiz",
        "Nurse Lee",
    )


def test_this_is_not_me_is_kept_in_the_audit_log(store: Store) -> None:
    """Someone at the kiosk said a prepared briefing's patient is not them: a wrong-patient event,
    kept (the record had said only that staff later ended the briefing)."""
    b = prepared(store, FakeClock())
    b.go_next()
    b.dispute_identity()
    with store.sessions() as s:
        actions = s.execute(select(AuditEntry.action).order_by(AuditEntry.seq)).scalars().all()
        assert actions[-1] == "identity_disputed"
        assert audit.verify(s).ok
