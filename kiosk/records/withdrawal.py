"""Withdrawing a prepared briefing that was made for the wrong patient or is no longer wanted (no
Qt): it ends, never started, as abandoned with the end reason "withdrawn", so no kiosk offers it
(they offer prepared ones only) and the schema stays as it is; the audit log says who withdrew it,
when and why. A briefing a patient has started meanwhile is left alone."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from kiosk.records.followup import StaleError, briefing_subject
from kiosk.records.query import WITHDRAWN
from kiosk.store import audit
from kiosk.store.database import Store
from kiosk.store.models import AuditEntry, BriefingRow, BriefingStatus
from kiosk.store.rules import clean_name

ACTION = "briefing_withdrawn"
WRONG_PATIENT = "wrong-patient"
REASONS = (WRONG_PATIENT, "not-wanted")
"""Why staff withdraw a briefing: it was made for the wrong patient, or is no longer wanted."""


def withdraw(store: Store, briefing_id: str, *, staff: str, reason: str, now: datetime) -> None:
    """Withdraw a briefing still waiting for its patient; audited under `staff` with `reason` (of
    REASONS). StaleError if it is gone, or was started or ended meanwhile (it is kept as it is)."""
    if reason not in REASONS:
        raise ValueError(f"reason must be one of {REASONS}")
    actor = clean_name(staff, "staff")
    with store.sessions.begin() as session:
        if session.get(BriefingRow, briefing_id) is None:
            raise StaleError("problem.briefing-gone")
        done = session.execute(
            update(BriefingRow)
            .where(BriefingRow.id == briefing_id, BriefingRow.status == BriefingStatus.PREPARED)
            .values(status=BriefingStatus.ABANDONED, ended_at=now, end_reason=WITHDRAWN)
        )
        if done.rowcount != 1:  # type: ignore[attr-defined]
            raise StaleError("problem.not-waiting")
        audit.append(
            session,
            at=now,
            kiosk_id=store.kiosk_id,
            actor=actor,
            action=ACTION,
            subject=briefing_subject(briefing_id),
            detail={"reason": reason},
        )


def made_for_the_wrong_patient(session: Session, briefing_ids: Iterable[str]) -> set[str]:
    """Those of `briefing_ids` staff withdrew as made for the wrong patient (the audit log keeps why
    a briefing was withdrawn; its row says only that it was): the FHIR export marks their Consent
    entered-in-error, never a consent of the person named on it (a reviewer)."""
    subjects = [briefing_subject(b) for b in briefing_ids]
    found: set[str] = set()
    for start in range(0, len(subjects), 500):
        rows = session.execute(
            select(AuditEntry.subject, AuditEntry.detail).where(
                AuditEntry.subject.in_(subjects[start : start + 500]), AuditEntry.action == ACTION
            )
        )
        for subject, detail in rows:
            if json.loads(detail).get("reason") == WRONG_PATIENT:
                found.add(subject.removeprefix(briefing_subject("")))
    return found
