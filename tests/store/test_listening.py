"""What the patient listened to: one row per Listen, stored with its audit row in one transaction,
checked by the events-vs-audit agreement, guarded append-only; on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from kiosk.content import load_form
from kiosk.session import Briefing, Patient, ScreenKind
from kiosk.session.events import AbandonReason
from kiosk.session.listening import Listens, audio_sha256
from kiosk.speech.listening import Clip
from kiosk.store import Recorder, Store, agreement
from kiosk.store.briefings import prepare_briefing
from kiosk.store.models import AuditEntry, ListeningRow
from tests.conftest import MILD
from tests.session.fakes import FakeClock
from tests.shared import unguard

CLIPS = tuple(Clip(f"Sentence {n}.", Path(f"{n:03d}.wav"), 1.5, f"{n:064x}") for n in range(1, 4))
VOICE = "espeak-ng 1.51 en-us"
FORM = load_form(MILD)
DOB = date(1951, 3, 14)


def _on_first_screen(store: Store, clock: FakeClock) -> Briefing:
    """A prepared briefing through the real flow and store, on its first reading screen."""
    briefing_id = prepare_briefing(
        store, FORM, name="Ana Ruiz", date_of_birth=DOB, mrn=None, staff="Nurse Lee",
        now=clock.now(),
    )  # fmt: skip
    b = Briefing(FORM, briefing_id, Recorder(store), clock, patient=Patient("Ana Ruiz", DOB))
    b.go_next()
    b.confirm_identity(DOB)
    b.go_next()
    assert b.current.kind is ScreenKind.ABOUT
    return b


def _listen(store: Store) -> str:
    """A briefing on its first reading screen, listened to twice: stopped, then to its end."""
    clock = FakeClock()
    b = _on_first_screen(store, clock)
    listens = Listens(lambda: b, clock.now, lambda exc: False)
    listens.started(b.current.id, CLIPS, VOICE, automatic=False)
    listens.sentence(1)
    clock.advance(4)
    listens.ended(False)  # stopped during the second sentence
    listens.started(b.current.id, CLIPS, VOICE, automatic=True)
    for n in range(3):
        listens.sentence(n)
    clock.advance(5)
    listens.ended(True)
    return b.briefing_id


def test_each_listening_is_stored_with_its_audit_row_and_agrees(store: Store) -> None:
    _listen(store)
    with store.reading() as session:
        rows = session.execute(select(ListeningRow).order_by(ListeningRow.number)).scalars().all()
        assert [(r.number, r.screen_id, r.completed, r.heard, r.sentences) for r in rows] == [
            (1, "about", False, 2, 3),
            (2, "about", True, 3, 3),
        ]
        assert {r.audio_sha256 for r in rows} == {audio_sha256(CLIPS)}
        assert [r.automatic for r in rows] == [False, True]
        assert rows[0].voice == VOICE and rows[0].language == "en"
        assert (rows[0].ended_at - rows[0].started_at).total_seconds() == 4
        details = [
            json.loads(d)
            for d in session.execute(
                select(AuditEntry.detail).where(AuditEntry.action == "listened")
            ).scalars()
        ]
        assert [(d["listening"], d["screen"], d["completed"]) for d in details] == [
            (1, "about", False),
            (2, "about", True),
        ]
        assert agreement.disagreements(session) == []


def test_the_audio_is_named_by_every_clip() -> None:
    other = (*CLIPS[:2], Clip("Sentence 3.", Path("003.wav"), 1.5, "f" * 64))
    assert audio_sha256(other) != audio_sha256(CLIPS)
    assert audio_sha256(CLIPS) == audio_sha256(tuple(CLIPS))


def test_listening_rows_are_append_only(store: Store) -> None:
    _listen(store)
    for sql in ("UPDATE listenings SET completed = true", "DELETE FROM listenings"):
        with pytest.raises(DBAPIError, match="append-only"), store.engine.begin() as conn:
            conn.execute(text(sql))


def test_a_listening_deleted_or_changed_behind_the_guards_is_named(store: Store) -> None:
    briefing = _listen(store)
    unguard(store, "listenings")
    with store.engine.begin() as conn:
        conn.execute(text("DELETE FROM listenings WHERE number = 1"))
        conn.execute(text("UPDATE listenings SET completed = false WHERE number = 2"))
    with store.reading() as session:
        problems = agreement.disagreements(session)
    assert len(problems) == 2
    assert any(
        f"briefing {briefing}: listening 2 in listenings differs from audit row" in p
        for p in problems
    )
    assert any(
        f"briefing {briefing}: listening 1 recorded by audit row" in p
        and p.endswith("is missing from listenings")
        for p in problems
    )


def test_a_listening_is_not_kept_off_the_screen_or_outside_a_briefing_under_way(
    store: Store,
) -> None:
    clock = FakeClock()
    b = _on_first_screen(store, clock)
    listens = Listens(lambda: b, clock.now, lambda exc: False)
    listens.started("a-screen-not-shown", CLIPS, VOICE, automatic=False)
    assert not listens.listening
    listens.ended(True)
    listens.started(b.current.id, (), VOICE, automatic=False)  # no audio: nothing heard
    assert not listens.listening
    listens.started(b.current.id, CLIPS, VOICE, automatic=False)
    assert listens.listening
    b.abandon(AbandonReason.STAFF)
    listens.ended(True)  # the briefing ended meanwhile: nothing to add to it
    with store.reading() as session:
        assert session.execute(select(ListeningRow)).first() is None
