"""One briefing's events in time order, from the store (no Qt): each risk shown and acknowledged
(with its seconds on screen), questions flagged and answered, the signature, the PDF, and what staff
did about it. The audit log holds every event; the risk rows add when each risk was first shown."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.content.schema import Form
from kiosk.records.contents import Contents
from kiosk.records.followup import briefing_subject, title_of
from kiosk.store.models import AuditEntry, BriefingRow, QuestionFlag, RiskAcknowledgement

LEFT_OUT = frozenset({"console_briefing_viewed"})
"""Audit rows about a briefing that are not events of it (staff looking at it)."""


@dataclass(frozen=True)
class Event:
    """One thing that happened to a briefing. `kind` is the audit action (or `risk_shown`);
    the other fields are filled where the kind has them."""

    at: datetime
    kind: str
    actor: str
    kiosk_id: str
    screen_id: str | None = None
    screen_title: str | None = None
    """The screen's title in the content the patient saw (its id if that version is not here)."""
    seconds: float | None = None
    correct: bool | None = None
    attempt: int | None = None
    detail: str | None = None
    """A value that needs no words of its own: an end reason, a signature kind, a note, a file name."""


def timeline(session: Session, briefing_id: str, forms: Mapping[str, Form]) -> list[Event]:
    """Every event of the briefing, oldest first; empty if there is no such briefing."""
    sha = session.execute(
        select(BriefingRow.content_sha256).where(BriefingRow.id == briefing_id)
    ).scalar_one_or_none()
    if sha is None:
        return []
    form = Contents(session, forms.values())(sha)  # (a form updated since: the kept one)
    notes: dict[int, str | None] = dict(
        session.execute(
            select(QuestionFlag.id, QuestionFlag.answer_note).where(
                QuestionFlag.briefing_id == briefing_id
            )
        ).all()
    )
    events: list[tuple[datetime, int, Event]] = []
    rows = session.execute(
        select(AuditEntry)
        .where(AuditEntry.subject == briefing_subject(briefing_id))
        .order_by(AuditEntry.seq)
    ).scalars()
    for row in rows:
        if row.action in LEFT_OUT:
            continue
        event = _event(row, json.loads(row.detail), form, notes)
        events.append((row.at, 2 * row.seq, event))
    shown = session.execute(
        select(RiskAcknowledgement.risk_id, RiskAcknowledgement.shown_at, BriefingRow.kiosk_id)
        .join(BriefingRow, BriefingRow.id == RiskAcknowledgement.briefing_id)
        .where(RiskAcknowledgement.briefing_id == briefing_id)
    )
    for risk_id, shown_at, kiosk in shown:
        event = Event(shown_at, "risk_shown", "patient", kiosk, risk_id, title_of(form, risk_id))
        events.append((shown_at, -1, event))
    events.sort(key=lambda e: (e[0], e[1]))
    return [e for _, _, e in events]


def _event(
    row: AuditEntry, detail: dict[str, Any], form: Form | None, notes: Mapping[int, str | None]
) -> Event:
    screen = detail.get("risk") or detail.get("screen") or detail.get("question")
    screen = screen or detail.get("screen_id")
    flag_id = detail.get("flag_id")
    text: str | None = (
        detail.get("reason") or detail.get("kind") or detail.get("file") or detail.get("printer")
    )
    if row.action == "flag_answered" and isinstance(flag_id, int):
        text = notes.get(flag_id) or text
    seconds = detail.get("seconds_on_screen")
    return Event(
        at=row.at,
        kind=row.action,
        actor=row.actor,
        kiosk_id=row.kiosk_id,
        screen_id=screen,
        screen_title=title_of(form, screen) if screen else None,
        seconds=float(seconds) if seconds is not None else None,
        correct=detail.get("correct"),
        attempt=detail.get("attempt"),
        detail=str(text) if text is not None else None,
    )
