"""`kiosk verify`: is this PDF the intact, sealed record of a briefing, exactly as the store holds it?"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from io import BytesIO

from pypdf import PdfReader
from pypdf.errors import PdfReadError
from sqlalchemy import select

from kiosk.document import seal
from kiosk.document.make import ATTACHMENT
from kiosk.document.record import RecordNotReady, load_record
from kiosk.store.database import Store
from kiosk.store.models import Document


@dataclass(frozen=True)
class Verdict:
    intact: bool
    message: str
    """One line: what was proven, or the first reason the file cannot be trusted."""


def _fail(reason: str) -> Verdict:
    return Verdict(False, f"NOT intact: {reason}")


def embedded_record(pdf: bytes) -> bytes | None:
    """The record attached to the PDF, or None if there is none (or the file cannot be read)."""
    try:
        attachments = PdfReader(BytesIO(pdf)).attachments
    except (PdfReadError, ValueError, KeyError, OSError):
        return None
    found = attachments.get(ATTACHMENT)
    return found[0] if found else None


def verify_pdf(pdf: bytes, store: Store) -> Verdict:
    """Seal valid over the whole file; attached record equal to the store's; file SHA-256 as stored."""
    report = seal.verify_pdf(pdf)
    if not report.intact:
        return _fail(report.reason)
    attached = embedded_record(pdf)
    if attached is None:
        return _fail(f"the file has no attached {ATTACHMENT}, so it is not a briefing record")
    try:
        read = json.loads(attached)
        briefing_id, fmt = str(read["briefing_id"]), str(read.get("format"))
    except (ValueError, KeyError, TypeError, AttributeError):
        return _fail(f"the attached {ATTACHMENT} cannot be read")
    with store.reading() as session:
        try:
            # in the attached record's own format: a PDF made before languages were recorded
            # carries format 1, and the store's record (every row English) is compared in it
            stored = load_record(session, briefing_id).in_format(fmt)
            # (a format this kiosk does not know gives None: it differs from the store's)
        except RecordNotReady:
            return _fail(
                f"the attached record names briefing {briefing_id}, which the store does not hold signed"
            )
        document = session.execute(
            select(Document).where(Document.briefing_id == briefing_id)
        ).scalar_one()
    if attached != stored:
        return _fail(
            f"the attached record differs from what the store holds for briefing {briefing_id}"
        )
    subject = _subject(pdf)
    if subject != f"briefing {briefing_id}":
        return _fail(
            f"the attached record is briefing {briefing_id}, but the pages are {subject or 'unnamed'}"
        )
    digest = hashlib.sha256(pdf).hexdigest()
    if document.sha256 != digest:
        stored_sha = document.sha256 or "none yet (its PDF is pending)"
        return _fail(
            f"its SHA-256 {digest[:16]}… is not the one stored for briefing {briefing_id} ({stored_sha[:16]}…)"
        )
    return Verdict(
        True,
        f"intact: briefing {briefing_id}, sealed by {report.signer}; the signature covers the whole file, "
        "the attached record matches the store and the SHA-256 matches the stored one",
    )


def _subject(pdf: bytes) -> str | None:
    try:
        info = PdfReader(BytesIO(pdf)).metadata
    except (PdfReadError, ValueError, OSError):  # pragma: no cover - the seal check already read it
        return None
    return str(info.subject) if info and info.subject else None
