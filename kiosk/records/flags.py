"""The questions patients flagged, across every kiosk, for the coordinator's desk (no Qt): open or
answered (by whom, when, with what note), and whether the surgeon has been told. Answering is
kiosk.records.followup's; telling the surgeon is an audit row of its own (append-only, chained)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from kiosk.content.schema import Form
from kiosk.records.contents import Contents
from kiosk.records.followup import FollowUpError, StaleError, briefing_subject, title_of
from kiosk.records.query import OPEN_FLAG
from kiosk.store import audit
from kiosk.store.database import Store
from kiosk.store.models import AuditEntry, BriefingRow, PatientRow, QuestionFlag

SURGEON_TOLD = "surgeon_told"
"""The audit action that marks a flagged question as passed on to the surgeon."""
LIMIT = 500
"""The most flags one list shows (newest first when it is every flag)."""


class Which(StrEnum):
    OPEN = "open"
    """Not answered yet."""
    UNTOLD = "untold"
    """The surgeon has not been told yet (answered or not)."""
    ALL = "all"


@dataclass(frozen=True)
class Flag:
    flag_id: int
    briefing_id: str
    patient_name: str | None
    mrn: str | None
    kiosk_id: str
    form_id: str
    screen_id: str
    screen_title: str
    flagged_at: datetime
    answered_by: str | None
    answered_at: datetime | None
    answer_note: str | None
    told_by: str | None = None
    told_at: datetime | None = None

    @property
    def open(self) -> bool:
        return self.answered_at is None


def flags(
    session: Session, forms: Mapping[str, Form], which: Which = Which.OPEN, limit: int = LIMIT
) -> list[Flag]:
    """The flagged questions `which` selects: open and untold ones oldest first (the order to work
    through them), all of them newest first."""
    by_sha = Contents(session, forms.values())
    where: list[ColumnElement[bool]] = []
    if which is Which.OPEN:
        where.append(OPEN_FLAG)
    query = (
        select(
            QuestionFlag,
            PatientRow.name,
            PatientRow.mrn,
            BriefingRow.kiosk_id,
            BriefingRow.form_id,
            BriefingRow.content_sha256,
        )
        .join(BriefingRow, BriefingRow.id == QuestionFlag.briefing_id)
        .outerjoin(PatientRow, PatientRow.id == BriefingRow.patient_id)
        .where(*where)
    )
    if which is Which.ALL:
        query = query.order_by(QuestionFlag.flagged_at.desc(), QuestionFlag.id.desc())
    else:
        query = query.order_by(QuestionFlag.flagged_at, QuestionFlag.id)
    found: list[Flag] = []
    rows = session.execute(query).all()
    told = told_of(session, {r[0].briefing_id for r in rows}) if rows else {}
    for flag, name, mrn, kiosk, form_id, sha in rows:
        by, at = told.get(flag.id, (None, None))
        if which is Which.UNTOLD and at is not None:
            continue
        found.append(
            Flag(
                flag.id,
                flag.briefing_id,
                name,
                mrn,
                kiosk,
                form_id,
                flag.screen_id,
                title_of(by_sha(sha), flag.screen_id),
                flag.flagged_at,
                flag.answered_by,
                flag.answered_at,
                flag.answer_note,
                by,
                at,
            )
        )
        if len(found) >= limit:
            break
    return found


def told_of(session: Session, briefings: set[str]) -> dict[int, tuple[str, datetime]]:
    """Flag id -> (who told the surgeon, when), the first time it was marked."""
    out: dict[int, tuple[str, datetime]] = {}
    subjects = [briefing_subject(b) for b in briefings]
    for start in range(0, len(subjects), 500):
        rows = session.execute(
            select(AuditEntry.actor, AuditEntry.at, AuditEntry.detail)
            .where(
                AuditEntry.subject.in_(subjects[start : start + 500]),
                AuditEntry.action == SURGEON_TOLD,
            )
            .order_by(AuditEntry.seq)
        )
        for actor, at, detail in rows:
            flag_id = json.loads(detail).get("flag_id")
            if isinstance(flag_id, int):
                out.setdefault(flag_id, (actor, at))
    return out


def tell_surgeon(store: Store, flag_id: int, *, staff: str, now: datetime) -> None:
    """Mark that the surgeon has been told of a flagged question; audited under `staff`.
    StaleError if the question is gone or someone marked it already (their mark is kept)."""
    with store.sessions.begin() as session:
        flag = session.get(QuestionFlag, flag_id)
        if flag is None:
            raise StaleError("problem.question-gone")
        told = told_of(session, {flag.briefing_id}).get(flag_id)
        if told is not None:
            raise StaleError("problem.surgeon-told", name=told[0])
        audit.append(
            session,
            at=now,
            kiosk_id=store.kiosk_id,
            actor=staff,
            action=SURGEON_TOLD,
            subject=briefing_subject(flag.briefing_id),
            detail={"flag_id": flag_id, "screen_id": flag.screen_id},
        )


__all__ = ["SURGEON_TOLD", "Flag", "FollowUpError", "StaleError", "Which", "flags", "tell_surgeon"]
