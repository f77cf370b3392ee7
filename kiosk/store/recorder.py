"""The briefing's event sink: each event committed in its own transaction, with its audit row, at once."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC
from typing import Any

from sqlalchemy.orm import Session

from kiosk.session import events as ev
from kiosk.session.signature import DrawnSignature
from kiosk.store import audit
from kiosk.store.database import Store
from kiosk.store.models import (
    Briefing,
    BriefingStatus,
    ComprehensionAnswer,
    Document,
    Patient,
    QuestionFlag,
    RiskAcknowledgement,
    Signature,
)
from kiosk.store.rules import check_date_of_birth, clean_name

PATIENT = "patient"


class RecordError(Exception):
    """An event the record refuses (for example a briefing that is not there or already finished)."""


class Recorder:
    """Implements the engine's EventSink: `record` returns only once the event is durably stored."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._handlers: dict[type[ev.Event], Callable[[Session, Any], dict[str, Any]]] = {
            ev.BriefingStarted: self._started,
            ev.IdentityConfirmed: self._identity_confirmed,
            ev.IdentityRejected: self._identity_rejected,
            ev.RiskAcknowledged: self._acknowledged,
            ev.QuestionFlagged: self._flagged,
            ev.QuestionAnswered: self._answered,
            ev.Signed: self._signed,
            ev.Abandoned: self._abandoned,
        }

    def record(self, event: ev.Event) -> None:
        handler = self._handlers[type(event)]
        with self.store.sessions.begin() as session:
            detail = handler(session, event)
            audit.append(
                session,
                at=event.at,
                kiosk_id=self.store.kiosk_id,
                actor=PATIENT,
                action=_action(event),
                subject=f"briefing:{event.briefing_id}",
                detail=detail,
            )

    # Each handler writes its rows and returns the audit detail (never a name: ids, times, counts).

    def _briefing(self, session: Session, briefing_id: str, *, live: bool = True) -> Briefing:
        briefing = session.get(Briefing, briefing_id, with_for_update=not self.store.is_sqlite)
        if briefing is None:
            raise RecordError(f"briefing {briefing_id} is not in the record")
        if live and briefing.status != BriefingStatus.IN_PROGRESS:
            raise RecordError(f"briefing {briefing_id} is {briefing.status}, not in progress")
        return briefing

    def _started(self, session: Session, e: ev.BriefingStarted) -> dict[str, Any]:
        briefing = session.get(Briefing, e.briefing_id, with_for_update=not self.store.is_sqlite)
        if briefing is None:  # walk-up: the row is born here
            briefing = Briefing(id=e.briefing_id, created_at=e.at, kiosk_id=self.store.kiosk_id)
            session.add(briefing)
        elif briefing.status != BriefingStatus.PREPARED:
            raise RecordError(f"briefing {e.briefing_id} is {briefing.status}, not prepared")
        elif (briefing.form_id, briefing.form_version, briefing.content_sha256) != (
            e.form_id,
            e.form_version,
            e.content_sha256,
        ):
            raise RecordError(f"briefing {e.briefing_id} was prepared for different content")
        briefing.form_id, briefing.form_version, briefing.content_sha256 = (
            e.form_id,
            e.form_version,
            e.content_sha256,
        )
        briefing.kiosk_id = self.store.kiosk_id
        briefing.status = BriefingStatus.IN_PROGRESS
        briefing.started_at = e.at
        return {"form": e.form_id, "version": e.form_version, "content_sha256": e.content_sha256}

    def _identity_confirmed(self, session: Session, e: ev.IdentityConfirmed) -> dict[str, Any]:
        briefing = self._briefing(session, e.briefing_id)
        if e.name is not None and e.date_of_birth is not None:
            patient = Patient(
                name=clean_name(e.name),
                date_of_birth=check_date_of_birth(e.date_of_birth, e.at.astimezone(UTC).date()),
                created_at=e.at,
            )
            session.add(patient)
            session.flush()
            briefing.patient_id = patient.id
            return {"walk_up": True}
        if briefing.patient_id is None:
            raise RecordError(f"briefing {e.briefing_id} has no patient to confirm")
        return {"walk_up": False}

    def _identity_rejected(self, session: Session, e: ev.IdentityRejected) -> dict[str, Any]:
        self._briefing(session, e.briefing_id)
        return {"attempt": e.attempt, "locked_out": e.locked_out}

    def _acknowledged(self, session: Session, e: ev.RiskAcknowledged) -> dict[str, Any]:
        self._briefing(session, e.briefing_id)
        session.add(
            RiskAcknowledgement(
                briefing_id=e.briefing_id,
                risk_id=e.risk_id,
                shown_at=e.shown_at,
                acknowledged_at=e.at,
                seconds_on_screen=e.seconds_on_screen,
            )
        )
        return {"risk": e.risk_id, "seconds_on_screen": e.seconds_on_screen}

    def _flagged(self, session: Session, e: ev.QuestionFlagged) -> dict[str, Any]:
        self._briefing(session, e.briefing_id)
        session.add(QuestionFlag(briefing_id=e.briefing_id, screen_id=e.screen_id, flagged_at=e.at))
        return {"screen": e.screen_id}

    def _answered(self, session: Session, e: ev.QuestionAnswered) -> dict[str, Any]:
        self._briefing(session, e.briefing_id)
        session.add(
            ComprehensionAnswer(
                briefing_id=e.briefing_id,
                question_id=e.question_id,
                choice_id=e.choice_id,
                correct=e.correct,
                attempt=e.attempt,
                answered_at=e.at,
                revisit_screen_id=e.revisit_screen_id,
            )
        )
        return {
            "question": e.question_id,
            "choice": e.choice_id,
            "correct": e.correct,
            "attempt": e.attempt,
        }

    def _signed(self, session: Session, e: ev.Signed) -> dict[str, Any]:
        briefing = self._briefing(session, e.briefing_id)
        sig = e.signature
        drawn = isinstance(sig, DrawnSignature)
        session.add(
            Signature(
                briefing_id=e.briefing_id,
                kind="drawn" if drawn else "typed",
                strokes_json=strokes_json(sig) if isinstance(sig, DrawnSignature) else "[]",
                typed_name=None
                if isinstance(sig, DrawnSignature)
                else clean_name(sig.typed_name, "typed_name"),
                attested_by=None
                if isinstance(sig, DrawnSignature)
                else clean_name(sig.attested_by, "attested_by"),
                image_png=sig.image_png if isinstance(sig, DrawnSignature) else None,
                screen_times_json=json.dumps(
                    [[t.screen_id, t.visits, t.seconds] for t in e.screen_times]
                ),
                signed_at=e.at,
            )
        )
        session.add(Document(briefing_id=e.briefing_id, status="pending"))
        briefing.status = BriefingStatus.COMPLETED
        briefing.ended_at = e.at
        session.flush()  # the unique signature per briefing refuses a second one here
        return {"kind": "drawn" if drawn else "typed"}

    def _abandoned(self, session: Session, e: ev.Abandoned) -> dict[str, Any]:
        briefing = self._briefing(session, e.briefing_id)
        briefing.status = BriefingStatus.ABANDONED
        briefing.ended_at = e.at
        briefing.end_reason = e.reason.value
        return {"reason": e.reason.value}


def strokes_json(signature: DrawnSignature) -> str:
    return json.dumps(
        [[[p.x, p.y, p.t_ms] for p in stroke.points] for stroke in signature.strokes],
        separators=(",", ":"),
    )


def _action(event: ev.Event) -> str:
    """`RiskAcknowledged` -> `risk_acknowledged`."""
    name = type(event).__name__
    return "".join("_" + c.lower() if c.isupper() and i else c.lower() for i, c in enumerate(name))
