"""A briefing's record in words for staff: when, where it stands, its risks and its PDF (no Qt)."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from datetime import datetime

from kiosk.i18n import Words, isolated, language_name
from kiosk.services.staff import ANY_KIOSK, PREPARED_WINDOW, Cosigned, Heard, RecordRow
from kiosk.session.signers import MODE_WORDS, InterpreterMode, Signer, SignerKind

STATUS = {
    "prepared": "staff.status.prepared",
    "in_progress": "staff.status.in-progress",
    "completed": "staff.status.completed",
    "abandoned": "staff.status.abandoned",
}
END_REASON = {
    "inactivity": "staff.end.inactivity",
    "staff": "staff.end.staff",
    "identity": "staff.end.identity",
    "crash": "staff.end.crash",
    "interrupted": "staff.end.crash",
    "someone-else": "staff.end.someone-else",
}
WITHDRAW_WHY = {
    "wrong-patient": "staff.withdraw.wrong-patient",
    "not-wanted": "staff.withdraw.not-wanted",
}
"""Why staff withdrew a prepared briefing (kiosk.services.staff.WITHDRAW_REASONS), in words."""
PDF = {"made": "staff.pdf.made", "pending": "staff.pdf.pending"}
DOT = " · "
"""Between the parts of one line (a mark, not a word)."""


def kiosk_name(words: Words, kiosk_id: str) -> str:
    """A kiosk as staff read it; one prepared for any kiosk says so."""
    return words("staff.kiosk.any") if kiosk_id == ANY_KIOSK else kiosk_id


Stamp = Callable[[datetime | None], str]
"""How a moment of a briefing is written where it is read (staff mode, the desk)."""


def when(words: Words, at: datetime | None, now: datetime) -> str:
    """A time as staff read it: the time today, the date and time on another day (the kiosk's zone)."""
    if at is not None and at.astimezone().date() == now.astimezone().date():
        return words.time(at.astimezone().time())
    return dated(words, at)


def dated(words: Words, at: datetime | None) -> str:
    """A time with its date, whatever the day (the kiosk's zone)."""
    if at is None:
        return words("staff.when.never")
    local = at.astimezone()
    return words("staff.when.other-day", date=local.date(), time=local.time())


def status_text(words: Words, row: RecordRow, now: datetime) -> str:
    if row.status == "prepared" and now - row.created_at > PREPARED_WINDOW:
        return words("staff.status.expired")
    if row.status == "abandoned" and row.end_reason == "withdrawn":
        return words("staff.status.withdrawn")
    if row.status == "abandoned" and row.end_reason:
        reason = END_REASON.get(row.end_reason)
        return words(
            "staff.status.abandoned-why",
            reason=words(reason) if reason else row.end_reason,
        )
    if row.waits_for_staff:  # locked out, or "This is not me": stopped at its first screen
        return words("staff.status.waits-for-staff")
    status = STATUS.get(row.status)
    return words(status) if status else row.status


def risks_text(words: Words, row: RecordRow) -> str:
    if row.risks_total is None:
        return words("staff.risks-unknown", acknowledged=row.risks_acknowledged)
    return words("staff.risks", count=row.risks_total, acknowledged=row.risks_acknowledged)


def pdf_text(words: Words, row: RecordRow) -> str:
    return words(PDF.get(row.pdf_status or "", "staff.pdf.none"))


def summary(words: Words, row: RecordRow, now: datetime, here: str) -> str:
    """Two lines for a list: who and when; then where the briefing stands (and at which kiosk,
    when not this one)."""
    who = DOT.join(
        part
        for part in (
            when(words, row.happened_at, now),
            _own(row.patient_name) if row.patient_name else words("staff.list.walk-up"),
            row.mrn,
        )
        if part
    )
    state = [
        row.form_id,
        _own(row.language_name),
        status_text(words, row, now),
        risks_text(words, row),
    ]
    if row.open_questions:
        state.append(words("staff.list.open-questions", count=row.open_questions))
    if row.status == "completed":
        state.append(pdf_text(words, row))
    if row.kiosk_id != here:
        state.append(words("staff.list.at-kiosk", kiosk=kiosk_name(words, row.kiosk_id)))
    return f"{who}\n{DOT.join(state)}"


def facts(
    words: Words,
    row: RecordRow,
    now: datetime,
    ours: bool,
    seen: Cosigned | None = None,
    *,
    stamp: Stamp | None = None,
    signers: bool = True,
) -> list[str]:
    """One briefing's record, a line a fact, for the detail screen; with `seen`, the practitioner
    and planned date after the procedure, and (`signers`) who signs beside the patient after the
    patient. `stamp` writes its moments (staff mode's `when`, by default)."""
    seen = seen or Cosigned()
    stamp = stamp or (lambda at: when(words, at, now))
    born = row.date_of_birth or words("staff.when.never")
    if row.signed_at:
        how = words("staff.detail.typed" if row.signature_kind == "typed" else "staff.detail.drawn")
        signed = words("staff.detail.signed", when=stamp(row.signed_at), how=how)
    else:
        signed = words("staff.detail.not-signed")
    prepared = stamp(row.created_at)
    pdf = [pdf_text(words, row)]
    if row.pdf_sha256:
        pdf.append(words("staff.detail.sha", sha=row.pdf_sha256[:16]))
    if not ours and row.pdf_status:
        pdf.append(words("staff.detail.kept", kiosk=row.kiosk_id))
    return [
        words("staff.detail.born-mrn", date=born, mrn=row.mrn)
        if row.mrn
        else words("staff.detail.born", date=born),
        words("staff.detail.procedure", form=row.form_id, version=row.form_version),
        *procedure_lines(words, seen),
        words("staff.detail.language", language=row.language_name),
        words("staff.detail.status", status=status_text(words, row, now)),
        words("staff.detail.prepared-by", when=prepared, staff=row.prepared_by)
        if row.prepared_by
        else words("staff.detail.prepared", when=prepared),
        words(
            "staff.detail.started",
            started=stamp(row.started_at),
            ended=stamp(row.ended_at),
        ),
        signed,
        *(signer_lines(words, seen, now) if signers else ()),
        risks_text(words, row),
        words("staff.detail.questions", flagged=row.questions_flagged, open=row.open_questions),
        DOT.join(pdf),
        words("staff.detail.id", id=row.briefing_id),
    ]


def procedure_lines(words: Words, seen: Cosigned) -> list[str]:
    """Who performs the procedure and when, where staff said so when they prepared the briefing."""
    lines = []
    if seen.practitioner:
        lines.append(words("staff.detail.practitioner", name=seen.practitioner))
    if seen.planned_date:
        lines.append(words("staff.detail.planned-date", date=seen.planned_date))
    return lines


def signer_lines(
    words: Words,
    seen: Cosigned,
    now: datetime,
    waiting: str | None = None,
    stamp: Stamp | None = None,
) -> list[str]:
    """Who signs beside (or for) the patient, a line each, planned or not, and whether they signed
    yet (none: nobody does). `waiting`: what stands for one planned who has not signed; `stamp`
    writes when they signed (staff mode's `when`, by default)."""
    stamp = stamp or (lambda at: when(words, at, now))
    lines = []
    signed = {s.kind: s for s in seen.signed}
    plan, waiting = seen.plan, waiting or words("staff.detail.cosigner-waiting")
    rep, reason = signed.get(SignerKind.REPRESENTATIVE), ""
    if rep is not None:
        lines.append(_representative(words, rep.name, rep.role or "", _signed(words, rep, stamp)))
        reason = rep.reason or ""
    elif plan.representative is not None:
        r = plan.representative
        lines.append(_representative(words, r.name, r.relationship, waiting))
        reason = r.reason
    if reason.strip():  # as staff gave it (a reviewer could not check what was typed)
        lines.append(words("staff.detail.representative-reason", reason=_own(reason)))
    interpreter = signed.get(SignerKind.INTERPRETER)
    if interpreter is not None:
        i = interpreter
        state = _signed(words, i, stamp)
        lines.append(_interpreter(words, i.name, i.interpreter_id, i.language, i.mode, state))
    elif plan.interpreter is not None:
        p = plan.interpreter
        lines.append(_interpreter(words, p.name, p.interpreter_id, p.language, p.mode, waiting))
    witness = signed.get(SignerKind.WITNESS)
    if witness is not None:
        lines.append(
            words(
                "staff.detail.witness",
                name=_own(witness.name),
                state=_signed(words, witness, stamp),
            )
        )
    elif plan.witness:
        lines.append(words("staff.detail.witness-planned", state=waiting))
    return lines


def own(words: Words, text: str) -> str:
    """A name or a screen's title set into a line in its own direction, where either reads right to
    left: an English title between Arabic quotes drew its quote at its other end ("Allergic
    reaction»»", a reviewer)."""
    return isolated(text) if words.right_to_left else _own(text)


def _own(text: str) -> str:
    """A person's words set apart in their own direction when they read right to left: an Arabic
    name and relationship in an English line read "(علي (ابن" (a reviewer)."""
    rtl = any(unicodedata.bidirectional(c) in ("R", "AL") for c in text)
    return isolated(text) if rtl else text


def _representative(words: Words, name: str, relationship: str, state: str) -> str:
    return words(
        "staff.detail.representative", name=_own(name), relationship=_own(relationship), state=state
    )


def _interpreter(
    words: Words,
    name: str,
    their_id: str | None,
    language: str | None,
    mode: InterpreterMode | None,
    state: str,
) -> str:
    return words(
        "staff.detail.interpreter",
        name=_own(name),
        id=their_id or "",
        language=language_name(language) if language else "",
        mode=words(MODE_WORDS[mode]) if mode else "",
        state=state,
    )


def _signed(words: Words, signer: Signer, stamp: Stamp) -> str:
    return words("staff.detail.cosigner-signed", when=stamp(signer.at))


KIOSK_SCREENS = {"identity": "identity.heading", "review": "review.heading", "sign": "sign.heading"}
"""The kiosk's own screens a patient can listen to, by the heading they saw there."""


def listened_lines(words: Words, heard: list[Heard], now: datetime) -> list[str]:
    """What the patient listened to, a line a Listen (one line saying none when there was none)."""
    if not heard:
        return [words("staff.detail.listened-none")]
    out = []
    for h in heard:
        heading = KIOSK_SCREENS.get(h.screen_id)
        screen = words(heading) if heading else (h.title or h.screen_id)
        at = when(words, h.started_at, now)
        if h.completed:
            out.append(words("staff.detail.listened-whole", screen=screen, when=at))
        else:
            out.append(
                words(
                    "staff.detail.listened-stopped",
                    screen=screen,
                    when=at,
                    heard=h.heard,
                    sentences=h.sentences,
                )
            )
    return out
