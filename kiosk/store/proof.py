"""What proves the audit chain whole beyond its own links: the signed checkpoint beside the database,
the signature rows sealed into the newest PDFs, and the event tables that must agree with it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.store import agreement, checkpoint
from kiosk.store.models import AuditEntry


@dataclass(frozen=True)
class Sealed:
    """A PDF's claim about the chain: the hash of its briefing's `signed` row (its record's audit_head)."""

    file: str
    briefing_id: str
    audit_head: str


@dataclass(frozen=True)
class Finding:
    ok: bool
    detail: str
    """One sentence: what agreed, or every problem found (the first few named)."""


def anchored(
    session: Session, path: Path, cert: x509.Certificate | None, sealed: list[Sealed]
) -> Finding:
    """Does the chain reach as far as the checkpoint in `path` (signed by `cert`) and hold the
    signature row of every PDF in `sealed`?"""
    problems: list[str] = []
    said = "no checkpoint yet"
    if cert is None:
        said = "checkpoint not checked (no signing certificate)"
    else:
        try:
            found = checkpoint.read(path, cert)
        except checkpoint.CheckpointError as exc:
            problems.append(str(exc).rstrip("."))
            found = None
        if found is not None:
            problem = checkpoint.disagreement(session, found)
            if problem:
                problems.append(problem)
            said = f"{found.describe()} (row {found.rows}) agrees"
    heads = {s.audit_head for s in sealed}
    present = set(
        session.execute(select(AuditEntry.hash).where(AuditEntry.hash.in_(heads))).scalars()
        if heads
        else ()
    )
    for s in sealed:
        if s.audit_head not in present:
            problems.append(
                f"the signature row of briefing {s.briefing_id}, sealed in {s.file}, "
                "is missing from the chain"
            )
    if problems:
        return Finding(False, "; ".join(problems))
    if not sealed:
        return Finding(True, said)
    # (after "no checkpoint yet", "and so do the PDFs" read as nonsense: a reviewer)
    pdfs = f"the newest {len(sealed)} PDF(s) have their signature rows in the chain"
    return Finding(True, f"{said}; {pdfs}")


def agree(session: Session) -> Finding:
    """Do the event tables and the audit rows agree, both ways?"""
    problems = agreement.disagreements(session)
    if not problems:
        return Finding(True, "every event row has its audit row and every audit row its event")
    more = len(problems) - agreement.SHOWN_AT_MOST
    detail = "; ".join(problems[: agreement.SHOWN_AT_MOST])
    return Finding(False, detail + (f" (and {more} more)" if more > 0 else ""))
