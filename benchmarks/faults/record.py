"""Holding the record to what the kiosk said: the questions every fault asks of the database afterwards."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import text

from kiosk.records.pdfs import pdf_file
from kiosk.store import Store, audit
from kiosk.store.database import integrity_problems

Ack = tuple[str, str]
"""(briefing id, risk id)."""


def acks(store: Store) -> set[Ack]:
    """Every acknowledgement in the record."""
    with store.reading() as session:
        rows = session.execute(text("SELECT briefing_id, risk_id FROM risk_acknowledgements"))
        return {(b, r) for b, r in rows}


def statuses(store: Store) -> dict[str, tuple[str, str | None]]:
    """Every briefing's (status, end reason)."""
    with store.reading() as session:
        rows = session.execute(text("SELECT id, status, end_reason FROM briefings"))
        return {b: (s, why) for b, s, why in rows}


def in_progress(store: Store) -> list[str]:
    return sorted(b for b, (s, _) in statuses(store).items() if s == "in_progress")


def pending_documents(store: Store) -> list[str]:
    with store.reading() as session:
        rows = session.execute(text("SELECT briefing_id FROM documents WHERE status = 'pending'"))
        return sorted(rows.scalars())


def missing_acks(store: Store, claimed: Iterable[Ack]) -> list[str]:
    """The claimed acknowledgements that are not in the record (what was lost)."""
    found = acks(store)
    return [f"ack {b} {r}" for b, r in sorted(set(claimed) - found)]


def sound(store: Store, documents_dir: Path | None = None) -> list[str]:
    """Everything that must hold after any fault, one sentence per problem: SQLite's integrity_check
    and foreign_key_check, the audit chain, an audit row for every acknowledgement, a signature and a
    document row for every completed briefing, and each made PDF on disk with its recorded SHA-256."""
    problems = integrity_problems(store.engine, full=True)
    with store.reading() as session:
        report = audit.verify(session)
        if not report.ok:
            problems.append(f"audit chain broken at row {report.broken_at}: {report.reason}")
        audited: set[Ack] = set()
        for subject, detail in session.execute(
            text("SELECT subject, detail FROM audit_log WHERE action = 'risk_acknowledged'")
        ):
            audited.add((subject.removeprefix("briefing:"), json.loads(detail)["risk"]))
        stored = {
            (b, r)
            for b, r in session.execute(
                text("SELECT briefing_id, risk_id FROM risk_acknowledgements")
            )
        }
        if audited != stored:
            problems.append(
                f"acknowledgements and their audit rows differ: {len(stored - audited)} without an audit row, "
                f"{len(audited - stored)} audited but not stored"
            )
        unsigned = session.execute(
            text(
                "SELECT count(*) FROM briefings b WHERE b.status = 'completed' AND ("
                " NOT EXISTS (SELECT 1 FROM signatures s WHERE s.briefing_id = b.id) OR"
                " NOT EXISTS (SELECT 1 FROM documents d WHERE d.briefing_id = b.id))"
            )
        ).scalar_one()
        if unsigned:
            problems.append(f"{unsigned} completed briefing(s) without a signature or document row")
        made = session.execute(
            text("SELECT briefing_id, path, sha256 FROM documents WHERE status = 'made'")
        ).all()
    for briefing_id, path, sha256 in made:
        # stored relative to the documents folder (absolute in rows older than 0007)
        pdf = Path(path) if documents_dir is None else pdf_file(path, documents_dir)
        if documents_dir is not None and pdf.parent != documents_dir:
            problems.append(f"briefing {briefing_id}: its PDF is recorded outside {documents_dir}")
        if not pdf.is_file():
            problems.append(
                f"briefing {briefing_id}: its PDF {pdf} is recorded as made but missing"
            )
        elif hashlib.sha256(pdf.read_bytes()).hexdigest() != sha256:
            problems.append(f"briefing {briefing_id}: its PDF does not match its recorded SHA-256")
    return problems


def leftovers(documents_dir: Path) -> list[Path]:
    """Half-written PDFs (temporary files) a fault left in the documents folder."""
    if not documents_dir.is_dir():
        return []
    return sorted(
        p for p in documents_dir.iterdir() if p.name.startswith(".") and p.suffix == ".tmp"
    )
