"""The console's words for what the store holds (no Qt): a briefing's events, a question's state.
Statuses, risks and PDF states are worded as staff mode words them (kiosk.ui.staff.describe)."""

from __future__ import annotations

from datetime import datetime

from kiosk.i18n import Words
from kiosk.services.console import Event, Flag
from kiosk.ui.staff.describe import END_REASON, WITHDRAW_WHY

EVENTS = {
    "briefing_prepared": "console.event.prepared",
    "briefing_started": "console.event.started",
    "identity_confirmed": "console.event.identity-confirmed",
    "identity_rejected": "console.event.identity-rejected",
    "risk_shown": "console.event.risk-shown",
    "risk_acknowledged": "console.event.risk-acknowledged",
    "question_flagged": "console.event.flagged",
    "question_answered": "console.event.answered",
    "listened": "console.event.listened",
    "signed": "console.event.signed",
    "abandoned": "console.event.abandoned",
    "document_made": "console.event.pdf-made",
    "pdf_made_by_staff": "console.event.pdf-made",
    "flag_answered": "console.event.flag-answered",
    "surgeon_told": "console.event.surgeon-told",
    "pdf_printed": "console.event.pdf-printed",
    "pdf_copied": "console.event.pdf-copied",
    "briefing_withdrawn": "console.event.withdrawn",
    "briefing_ended_by_staff": "console.event.ended-by-staff",
}
SIGNED = {"drawn": "staff.detail.drawn", "typed": "staff.detail.typed"}
WHO = {"patient": "console.who.patient", "system": "console.who.kiosk"}


def event_text(words: Words, event: Event) -> str:
    """What happened, in one line for staff."""
    message = EVENTS.get(event.kind)
    if message is None:
        return words("console.event.other", action=event.kind)
    if event.kind == "question_answered":
        message = (
            "console.event.answered-right" if event.correct else "console.event.answered-wrong"
        )
    if event.kind == "abandoned" and event.detail in END_REASON:
        reason = words(END_REASON[event.detail])
    elif event.kind == "briefing_withdrawn" and event.detail in WITHDRAW_WHY:
        reason = words(WITHDRAW_WHY[event.detail])
    elif event.kind == "signed" and event.detail in SIGNED:
        reason = words(SIGNED[event.detail])
    else:
        reason = event.detail or ""
    return words(
        message,
        screen=event.screen_title or event.screen_id or "",
        seconds=round(event.seconds or 0.0, 1),
        attempt=event.attempt or 1,
        detail=reason,
    )


def who(words: Words, event: Event) -> str:
    """Who did it: the patient, the kiosk itself, or the staff member by name."""
    message = WHO.get(event.actor)
    return words(message) if message else event.actor


def when_short(words: Words, at: datetime | None, now: datetime) -> str:
    """A time in a table cell: the time today, else the short date and time in the staff
    member's locale ("12/3/26, 9:30 PM")."""
    from babel.dates import format_datetime

    if at is None:
        return ""
    local = at.astimezone()
    if local.date() == now.astimezone().date():
        return words.time(local.time())
    return format_datetime(local, format="short", locale=words.locale)


def event_time(words: Words, at: datetime) -> str:
    """A moment in a briefing's events, to the second (seconds matter there), in the staff
    member's locale ("Dec 3, 2026, 9:30:15 AM")."""
    from babel.dates import format_datetime

    return format_datetime(at.astimezone(), format="medium", locale=words.locale)


def flag_state(words: Words, flag: Flag, now: datetime) -> str:
    if flag.answered_at is None:
        answered = words("console.questions.open")
    else:
        answered = words(
            "console.questions.answered-by",
            name=flag.answered_by or "",
            when=when_short(words, flag.answered_at, now),
        )
    return answered


def told_state(words: Words, flag: Flag, now: datetime) -> str:
    if flag.told_at is None:
        return words("console.questions.not-told")
    return words(
        "console.questions.told-by",
        name=flag.told_by or "",
        when=when_short(words, flag.told_at, now),
    )
