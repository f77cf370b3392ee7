"""`kiosk verify`: is this PDF the intact, sealed record of a briefing, exactly as the store holds it,
or (with a trust list, without any store) sealed by a kiosk certificate the reader trusts?"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from enum import IntEnum
from io import BytesIO

from pypdf import PdfReader
from pypdf.errors import PdfReadError
from sqlalchemy import select

from kiosk.document import seal
from kiosk.document.make import ATTACHMENT
from kiosk.document.record import RecordNotReady, load_record
from kiosk.store.checkpoint import colons
from kiosk.store.database import Store, place_of
from kiosk.store.models import BriefingRow, Document

BRIEFING_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


class Outcome(IntEnum):
    """What `kiosk verify` found, as its exit status (2 is argparse's: the command was mistyped)."""

    INTACT = 0
    """Genuine and matching this store (or, with a trust list, sealed by a trusted certificate)."""
    CHANGED = 1
    """Changed, not a briefing record, or sealed by a certificate that is not trusted."""
    NOT_IN_STORE = 3
    """Sealed intact, but its briefing is not in the store searched."""
    MISFILED = 4
    """Genuine, but filed under another briefing's name (copied over that briefing's PDF)."""
    STORE_DAMAGED = 5
    """The store's own record of the briefing is damaged: `kiosk audit verify` says how."""
    NOT_CHECKED = 6
    """The PDF could not be checked: the file, a trust file, the settings or the store could not
    be read (the sentence says which). Not a verdict on the PDF: a mistyped path read "changed"."""


@dataclass(frozen=True)
class Verdict:
    outcome: Outcome
    message: str
    """One line: what was proven, or the first reason the file cannot be trusted."""

    @property
    def intact(self) -> bool:
        return self.outcome is Outcome.INTACT


def _fail(reason: str, outcome: Outcome = Outcome.CHANGED) -> Verdict:
    return Verdict(outcome, f"NOT intact: {reason}")


def embedded_record(pdf: bytes) -> bytes | None:
    """The record attached to the PDF, or None if there is none (or the file cannot be read)."""
    try:
        attachments = PdfReader(BytesIO(pdf)).attachments
    except (PdfReadError, ValueError, KeyError, OSError):
        return None
    found = attachments.get(ATTACHMENT)
    return found[0] if found else None


def briefing_of(pdf: bytes) -> str | None:
    """The briefing a PDF's attached record names, None if it has no readable record."""
    attached = embedded_record(pdf)
    try:
        return str(json.loads(attached)["briefing_id"]) if attached else None
    except (ValueError, KeyError, TypeError):
        return None


def verify_pdf(
    pdf: bytes, store: Store | None, *, name: str = "", trusted: frozenset[str] = frozenset()
) -> Verdict:
    """Seal valid over the whole file; attached record equal to the store's; file SHA-256 as stored;
    the file (`name`) not named for another briefing. With `trusted` (certificate SHA-256s), the seal
    must also be by one of them; with no `store`, that is all that is checked."""
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
    sealed_by = f"{report.signer} (certificate SHA-256 {colons(report.certificate_sha256)})"
    if trusted and report.certificate_sha256 not in trusted:
        return _fail(
            f"sealed by {sealed_by}, which is not in the trust list: a look-alike certificate, "
            "whatever name it carries"
        )
    if store is None:
        problem = _named_elsewhere(pdf, briefing_id, name)
        if problem is not None:
            return problem
        return Verdict(
            Outcome.INTACT,
            f"intact: briefing {briefing_id}, sealed by {sealed_by}, which the trust list holds; "
            "the signature covers the whole file (not compared with a store)",
        )
    return _against_store(pdf, attached, briefing_id, fmt, store, sealed_by, name)


def _named_elsewhere(pdf: bytes, briefing_id: str, name: str) -> Verdict | None:
    """The pages or the file's name are another briefing's: why, or None."""
    subject = _subject(pdf)
    if subject != f"briefing {briefing_id}":
        return _fail(
            f"the attached record is briefing {briefing_id}, but the pages are {subject or 'unnamed'}"
        )
    named = set(BRIEFING_ID.findall(name))
    if named and briefing_id not in named:
        return _fail(
            f"this is the genuine PDF of briefing {briefing_id}, filed under briefing "
            f"{sorted(named)[0]}'s name (copied over its PDF); restore that briefing's PDF "
            "from a backup",
            Outcome.MISFILED,
        )
    return None


def _against_store(
    pdf: bytes,
    attached: bytes,
    briefing_id: str,
    fmt: str,
    store: Store,
    sealed_by: str,
    name: str,
) -> Verdict:
    with store.reading() as session:
        try:
            # in the attached record's own format: a PDF made before languages were recorded
            # carries format 1, and the store's record (every row English) is compared in it
            stored = load_record(session, briefing_id).in_format(fmt)
            # (a format this kiosk does not know gives None: it differs from the store's)
        except RecordNotReady as exc:
            if session.get(BriefingRow, briefing_id) is None:
                return _fail(
                    f"briefing {briefing_id} is not in the store searched "
                    f"({place_of(store.engine.url)}), though its seal by {sealed_by} is intact; "
                    "verify it on the kiosk that made it, or with --trust CERT.pem",
                    Outcome.NOT_IN_STORE,
                )
            return _fail(
                f"the store's own record of briefing {briefing_id} is damaged ({exc}); "
                "run `kiosk audit verify`",
                Outcome.STORE_DAMAGED,
            )
        document = session.execute(
            select(Document).where(Document.briefing_id == briefing_id)
        ).scalar_one_or_none()
    if attached != stored:
        return _fail(
            f"the attached record differs from what the store holds for briefing {briefing_id}"
        )
    problem = _named_elsewhere(pdf, briefing_id, name)
    if problem is not None:
        return problem
    if document is None:
        return _fail(
            f"the store has no document row for briefing {briefing_id}; run `kiosk audit verify`",
            Outcome.STORE_DAMAGED,
        )
    digest = hashlib.sha256(pdf).hexdigest()
    if document.sha256 != digest:
        stored_sha = document.sha256 or "none yet (its PDF is pending)"
        return _fail(
            f"its SHA-256 {digest[:16]}… is not the one stored for briefing {briefing_id} ({stored_sha[:16]}…)"
        )
    return Verdict(
        Outcome.INTACT,
        f"intact: briefing {briefing_id}, sealed by {sealed_by}; the signature covers the whole "
        "file, the attached record matches the store and the SHA-256 matches the stored one",
    )


def _subject(pdf: bytes) -> str | None:
    try:
        info = PdfReader(BytesIO(pdf)).metadata
    except (PdfReadError, ValueError, OSError):  # pragma: no cover - the seal check already read it
        return None
    return str(info.subject) if info and info.subject else None
