"""What a coordinator follows up at the kiosk: today's briefings, the questions patients flagged (answered
with a note), and a briefing's PDF printed or copied out. No Qt: staff mode shows what this returns."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select, update

from kiosk.content.schema import Form
from kiosk.files import install_file, make_private_dirs
from kiosk.i18n import MessageError
from kiosk.records.contents import Contents
from kiosk.records.pdfs import PdfUnusable, read_sealed
from kiosk.records.query import OPEN_FLAG, Filters, RecordRow, find_records, risk_totals
from kiosk.store import audit
from kiosk.store.briefings import ANY_KIOSK
from kiosk.store.database import Store
from kiosk.store.models import BriefingRow, BriefingStatus, PatientRow, QuestionFlag

SEARCH_DAYS = 90
"""A search looks this far back; the list without a search shows today only."""
SEARCH_LIMIT = 50
"""The most recent briefings a search shows; a narrower search finds the rest."""
WAITING_DAYS = 7
"""Briefings prepared on this kiosk and never started are listed this long (they are offered to
patients for a day: `kiosk.station.PREPARED_WINDOW`); older ones are left to `kiosk records list`."""
NOTE_MAX = 500
PRINT_TIMEOUT = 20.0


class FollowUpError(MessageError):
    """What staff asked for cannot be done; one sentence saying why and what to do."""


class StaleError(FollowUpError):
    """What staff looked at changed meanwhile (answered at another kiosk, say): show it afresh."""


def local_midnight(now: datetime) -> datetime:
    """The start of the kiosk's local day holding `now` (aware)."""
    local = now.astimezone()
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


def briefings_for_staff(
    store: Store, forms: Mapping[str, Form], now: datetime, search: str = ""
) -> list[RecordRow]:
    """Without `search`: every briefing of today (at any kiosk sharing the store), then those
    prepared on this kiosk in the last WAITING_DAYS days that still wait. With it: briefings of the
    last SEARCH_DAYS days whose patient name or MRN contains it, newest first, at most SEARCH_LIMIT."""
    totals = risk_totals(forms.values())
    text = search.strip()
    with store.reading() as session:
        if text:
            found = find_records(
                session, Filters(since=now - timedelta(days=SEARCH_DAYS), patient=text), totals
            )
            return list(reversed(found))[:SEARCH_LIMIT]
        today = find_records(session, Filters(since=local_midnight(now)), totals)
        waiting = find_records(
            session,
            Filters(
                since=now - timedelta(days=WAITING_DAYS),
                statuses=frozenset({BriefingStatus.PREPARED}),
            ),
            totals,
        )
    seen = {r.briefing_id for r in today}
    return today + [
        r
        for r in waiting
        if r.briefing_id not in seen and r.kiosk_id in (store.kiosk_id, ANY_KIOSK)
    ]


@dataclass(frozen=True)
class OpenQuestion:
    """A question a patient flagged that no staff member has answered yet."""

    flag_id: int
    briefing_id: str
    patient_name: str | None
    mrn: str | None
    screen_id: str
    screen_title: str
    """The screen's title in the form the patient saw, else its id (a version this kiosk lacks)."""
    flagged_at: datetime


def open_questions(store: Store, forms: Mapping[str, Form]) -> list[OpenQuestion]:
    """Every open flagged question, oldest first (whatever the day: an open question stays open)."""
    query = (
        select(
            QuestionFlag.id,
            QuestionFlag.briefing_id,
            PatientRow.name,
            PatientRow.mrn,
            QuestionFlag.screen_id,
            QuestionFlag.flagged_at,
            BriefingRow.content_sha256,
        )
        .join(BriefingRow, BriefingRow.id == QuestionFlag.briefing_id)
        .outerjoin(PatientRow, PatientRow.id == BriefingRow.patient_id)
        .where(OPEN_FLAG)
        .order_by(QuestionFlag.flagged_at, QuestionFlag.id)
    )
    out = []
    with store.reading() as session:
        by_sha = Contents(session, forms.values())
        for flag_id, briefing_id, name, mrn, screen_id, flagged_at, sha in session.execute(query):
            out.append(
                OpenQuestion(
                    flag_id,
                    briefing_id,
                    name,
                    mrn,
                    screen_id,
                    title_of(by_sha(sha), screen_id),
                    flagged_at,
                )
            )
    return out


def title_of(form: Form | None, screen_id: str) -> str:
    """The screen's title in `form` (the content the patient saw), or its id when this computer
    does not have that content."""
    return form.title_of(screen_id) if form is not None else screen_id


def answer_question(store: Store, flag_id: int, *, staff: str, note: str, now: datetime) -> None:
    """Mark a flagged question answered, with who, when and a short note; audited under `staff`.

    FollowUpError if the note is empty or too long, or the question is gone or already answered
    (by someone at another kiosk, say: their answer is kept)."""
    text = " ".join(note.split())
    if not text:
        raise FollowUpError("problem.note-missing")
    if len(text) > NOTE_MAX:
        raise FollowUpError("problem.note-too-long", NOTE_MAX)
    with store.sessions.begin() as session:
        flag = session.get(QuestionFlag, flag_id)
        if flag is None:
            raise StaleError("problem.question-gone")
        done = session.execute(
            update(QuestionFlag)
            .where(QuestionFlag.id == flag_id, OPEN_FLAG)
            .values(answered_by=staff, answered_at=now, answer_note=text)
        )
        if done.rowcount != 1:  # type: ignore[attr-defined]
            session.refresh(flag)
            raise StaleError("problem.question-answered", name=flag.answered_by)
        audit.append(
            session,
            at=now,
            kiosk_id=store.kiosk_id,
            actor=staff,
            action="flag_answered",
            subject=briefing_subject(flag.briefing_id),
            detail={"flag_id": flag_id, "screen_id": flag.screen_id, "note_chars": len(text)},
        )


def checked_pdf(row: RecordRow, here: str, documents: Path) -> tuple[Path, bytes]:
    """The briefing's PDF file and bytes, which must be this kiosk's and match the SHA-256 stored
    when it was sealed; else FollowUpError, in words for staff."""
    if row.pdf_status == "made" and row.kiosk_id != here:
        raise FollowUpError("problem.pdf-elsewhere", kiosk=row.kiosk_id)
    try:
        return read_sealed(row, documents)
    except PdfUnusable as problem:
        if problem.kind == "pending":
            raise FollowUpError("problem.pdf-not-made") from None
        if problem.kind == "unreadable":
            raise FollowUpError(
                "problem.pdf-unreadable", path=problem.path, reason=problem.reason
            ) from None
        raise FollowUpError("problem.pdf-changed", path=problem.path) from None


def copy_pdf(
    store: Store,
    row: RecordRow,
    folder: Path,
    *,
    staff: str,
    now: datetime,
    create: bool,
    documents: Path,
) -> Path:
    """Copy the briefing's checked PDF into `folder` (a shared chart folder, a USB drive), written
    safely, readable by its owner only (0600, as the kiosk's own files); audited under `staff`. The folder is made only
    when `create` (the default folder in the data folder): a missing drive or share is said, never
    replaced by a folder on the kiosk's own disk. FollowUpError (one sentence) if it cannot be."""
    path, data = checked_pdf(row, store.kiosk_id, documents)
    if not folder.is_dir():
        if not create:
            raise FollowUpError("problem.copies-missing", folder=folder)
        try:
            make_private_dirs(folder)
        except OSError as exc:
            raise FollowUpError(
                "problem.copies-unmakeable", folder=folder, reason=exc.strerror
            ) from None
    target = folder / path.name
    try:
        install_file(target, data, 0o600, overwrite=True)  # a patient's PDF: as private as its own
    except OSError as exc:
        raise FollowUpError(
            "problem.copy-failed", folder=folder, reason=exc.strerror or exc
        ) from None
    audit_briefing(
        store, row.briefing_id, "pdf_copied", staff, now,
        {"sha256": row.pdf_sha256 or "", "file": target.name, "folder": str(folder)},
    )  # fmt: skip
    return target


def print_command(path: Path, printer: str) -> Sequence[str]:
    """The print spooler command for this platform (CUPS `lp` on Linux and macOS)."""
    return ["lp", *(["-d", printer] if printer else []), "--", str(path)]


def print_pdf(
    store: Store,
    row: RecordRow,
    printer: str,
    *,
    staff: str,
    now: datetime,
    documents: Path,
    action: str = "pdf_printed",
) -> None:
    """Send the briefing's checked PDF to the printer (the system's default when `printer` is
    empty); audited under `staff` as `action`. FollowUpError (one sentence) if the spooler
    refuses it."""
    path, _ = checked_pdf(row, store.kiosk_id, documents)
    if sys.platform == "win32":  # pragma: no cover - Windows prints through the PDF viewer's verb
        if printer:
            raise FollowUpError("problem.printer-by-name")
        try:
            os.startfile(path, "print")  # type: ignore[attr-defined]
        except OSError as exc:
            raise FollowUpError("problem.print-failed", reason=exc) from None
    else:
        command = print_command(path, printer)
        if shutil.which(command[0]) is None:
            raise FollowUpError("problem.no-print-service")
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=PRINT_TIMEOUT, check=False
            )
        except subprocess.TimeoutExpired:
            raise FollowUpError("problem.printer-silent") from None
        if done.returncode != 0:
            reason = (done.stderr or done.stdout).strip().splitlines()
            raise FollowUpError(
                "problem.printer-refused",
                reason=reason[-1] if reason else f"exit {done.returncode}",
            )
    audit_briefing(
        store, row.briefing_id, action, staff, now,
        {"sha256": row.pdf_sha256 or "", "printer": printer or "default"},
    )  # fmt: skip


def briefing_subject(briefing_id: str) -> str:
    """How the audit log names a briefing: exports read a briefing's events by it."""
    return f"briefing:{briefing_id}"


def audit_briefing(
    store: Store, briefing_id: str, action: str, staff: str, now: datetime, detail: dict[str, str]
) -> None:
    """One audit row about a briefing, under the staff member's name, in a transaction of its own."""
    audit.record(
        store,
        at=now,
        actor=staff,
        action=action,
        subject=briefing_subject(briefing_id),
        detail=detail,
    )


def record_of(store: Store, forms: Mapping[str, Form], briefing_id: str) -> RecordRow:
    """One briefing's row as the list shows it, read afresh (after a PDF was made, say)."""
    with store.reading() as session:
        rows = find_records(
            session, Filters(), risk_totals(forms.values()), briefing_id=briefing_id
        )
    if rows:
        return rows[0]
    raise StaleError("problem.briefing-gone")
