"""The console's words for what the store holds (no Qt): a briefing's events, a question's state.
Statuses, risks and PDF states are worded as staff mode words them (kiosk.ui.staff.describe)."""

from __future__ import annotations

from datetime import datetime

from kiosk.i18n import Words, isolated
from kiosk.services.console import Cosigned, Event, Flag, RecordRow
from kiosk.ui.staff.describe import END_REASON, WITHDRAW_WHY, dated, facts, signer_lines

EVENTS = {
    "briefing_prepared": "console.event.prepared",
    "briefing_started": "console.event.started",
    "identity_confirmed": "console.event.identity-confirmed",
    "identity_rejected": "console.event.identity-rejected",
    "identity_disputed": "console.event.identity-disputed",
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


def moment(words: Words, at: datetime | None) -> str:
    """A moment on the desk, always with its date, in the staff member's locale: its medium date
    and short time ("Dec 2, 2026, 11:29 AM", "2 dic 2026, 11:29 a.m."). A time alone (today's
    rows) or the short date ("12/2/26": which is the month?) was misread by a reviewer. Empty
    for no moment."""
    from babel.dates import format_date

    if at is None:
        return ""
    local = at.astimezone()
    day = format_date(local.date(), format="medium", locale=words.locale)
    return words("format.date-time", date=day, time=words.time(local.time()))


def event_time(words: Words, at: datetime) -> str:
    """A moment in a briefing's events, to the second (seconds matter there), in the staff
    member's locale ("Dec 3, 2026, 9:30:15 AM")."""
    from babel.dates import format_datetime

    return format_datetime(at.astimezone(), format="medium", locale=words.locale)


def flag_state(words: Words, flag: Flag) -> str:
    if flag.answered_at is None:
        answered = words("console.questions.open")
    else:
        answered = words(
            "console.questions.answered-by",
            name=flag.answered_by or "",
            when=moment(words, flag.answered_at),
        )
    return answered


def answer_whole(words: Words, flag: Flag) -> str:
    """An answered question's answer as the desk shows it below the list: who answered, when, and
    the note whole (the list's cell has no room for it). Empty for an open question."""
    if flag.answered_at is None:
        return ""
    name, when = flag.answered_by or "", moment(words, flag.answered_at)
    if not flag.answer_note:
        return words("console.questions.answer-no-note", name=name, when=when)
    return words(
        "console.questions.answer-note", name=name, when=when, note=isolated(flag.answer_note)
    )


def told_state(words: Words, flag: Flag) -> str:
    if flag.told_at is None:
        return words("console.questions.not-told")
    return words(
        "console.questions.told-by",
        name=flag.told_by or "",
        when=moment(words, flag.told_at),
    )


def briefing_facts(
    words: Words, row: RecordRow, now: datetime, seen: Cosigned
) -> tuple[list[str], list[str]]:
    """A briefing's record at the desk: its facts, a line each, then who signs beside the patient
    (a line each). Staff mode's facts, but every moment with its date (staff mode gives today's
    as a time alone, read at the desk as "Prepared 10:55 AM" of an unknown day)."""
    never = words("staff.when.never")
    lines = facts(
        words, row, now, True, seen, stamp=lambda at: moment(words, at) or never, signers=False
    )
    return lines, signer_lines(words, seen, now, stamp=lambda at: dated(words, at))
