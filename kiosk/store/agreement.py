"""Events and audit agree: every acknowledgement, flag, answer, signature, signer, listening and PDF row
has its audit row with the same facts, and every such audit row has its event row."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.store.models import (
    AuditEntry,
    ComprehensionAnswer,
    Document,
    ListeningRow,
    QuestionFlag,
    RiskAcknowledgement,
    SignatureRow,
    SignerRow,
)

SHOWN_AT_MOST = 3
"""How many disagreements a report names (the count says how many there are)."""


@dataclass(frozen=True)
class _Kind:
    """One kind of event: its audit action, its table, and how each side names an event and its facts."""

    action: str
    table: str
    what: Callable[[tuple[Any, ...]], str]
    """The event, from its key, as a sentence names it."""
    from_audit: Callable[[dict[str, Any]], tuple[tuple[Any, ...], Any]]
    """(key within the briefing, facts) from an audit row's detail."""


def _rows(session: Session, columns: Iterable[Any]) -> Iterable[Any]:
    return session.execute(select(*columns)).all()


_KINDS = (
    _Kind(
        "risk_acknowledged",
        "risk_acknowledgements",
        lambda key: f"the acknowledgement of {key[0]}",
        lambda d: ((d["risk"],), round(float(d["seconds_on_screen"]), 3)),
    ),
    _Kind(
        "question_flagged",
        "question_flags",
        lambda key: f"the question flagged on {key[0]}",
        lambda d: ((d["screen"],), None),
    ),
    _Kind(
        "question_answered",
        "comprehension_answers",
        lambda key: f"answer {key[1]} to {key[0]}",
        lambda d: ((d["question"], int(d["attempt"])), d["choice"]),
    ),
    _Kind("signed", "signatures", lambda key: "the signature", lambda d: ((), d["kind"])),
    _Kind(
        "signer_added",
        "signers",
        lambda key: f"signer row {key[0]}",
        lambda d: ((int(d["signer"]),), (d["kind"], d["meaning"])),
    ),
    _Kind(
        "listened",
        "listenings",
        lambda key: f"listening {key[0]}",
        lambda d: ((int(d["listening"]),), (d["screen"], bool(d["completed"]), d["audio_sha256"])),
    ),
    _Kind("document_made", "documents", lambda key: "the PDF", lambda d: ((), d["sha256"])),
)


def _event_rows(session: Session) -> dict[str, dict[tuple[Any, ...], Any]]:
    """Each table's rows as {(briefing id, *key): facts}."""
    acks = _rows(
        session,
        (
            RiskAcknowledgement.briefing_id,
            RiskAcknowledgement.risk_id,
            RiskAcknowledgement.seconds_on_screen,
        ),
    )
    flags = _rows(session, (QuestionFlag.briefing_id, QuestionFlag.screen_id))
    answers = _rows(
        session,
        (
            ComprehensionAnswer.briefing_id,
            ComprehensionAnswer.question_id,
            ComprehensionAnswer.attempt,
            ComprehensionAnswer.choice_id,
        ),
    )
    signatures = _rows(session, (SignatureRow.briefing_id, SignatureRow.kind))
    signers = _rows(
        session, (SignerRow.briefing_id, SignerRow.id, SignerRow.kind, SignerRow.meaning)
    )
    listenings = _rows(
        session,
        (
            ListeningRow.briefing_id,
            ListeningRow.number,
            ListeningRow.screen_id,
            ListeningRow.completed,
            ListeningRow.audio_sha256,
        ),
    )
    documents = session.execute(
        select(Document.briefing_id, Document.sha256).where(Document.status == "made")
    ).all()
    return {
        "risk_acknowledged": {(b, r): round(float(s), 3) for b, r, s in acks},
        "question_flagged": dict.fromkeys(flags),
        "question_answered": {(b, q, a): c for b, q, a, c in answers},
        "signed": {(b,): k for b, k in signatures},
        "signer_added": {(b, i): (k, m) for b, i, k, m in signers},
        "listened": {(b, n): (s, bool(c), a) for b, n, s, c, a in listenings},
        "document_made": {(b,): s for b, s in documents},
    }


def disagreements(session: Session) -> list[str]:
    """Every event row without its audit row, audit row without its event row, or pair whose facts
    differ, as sentences naming the briefing, the table and the audit row; empty when they agree."""
    kinds = {k.action: k for k in _KINDS}
    audited: dict[str, dict[tuple[Any, ...], tuple[int, Any]]] = {a: {} for a in kinds}
    query = (
        select(AuditEntry.seq, AuditEntry.action, AuditEntry.subject, AuditEntry.detail)
        .where(AuditEntry.action.in_(kinds))
        .order_by(AuditEntry.seq)
    )
    problems: list[str] = []
    for seq, action, subject, detail in session.execute(query):
        briefing = subject.removeprefix("briefing:")
        try:
            key, facts = kinds[action].from_audit(json.loads(detail))
        except (ValueError, KeyError, TypeError):
            problems.append(f"audit row {seq} ({action}) cannot be read")
            continue
        audited[action][(briefing, *key)] = (seq, facts)  # a PDF made again: its newest row
    stored = _event_rows(session)
    for action, kind in kinds.items():
        rows, audit_rows = stored[action], audited[action]
        for key, facts in rows.items():
            what = f"briefing {key[0]}: {kind.what(key[1:])}"
            if key not in audit_rows:
                problems.append(f"{what} in {kind.table} has no audit row")
            elif audit_rows[key][1] != facts:
                problems.append(
                    f"{what} in {kind.table} differs from audit row {audit_rows[key][0]}"
                )
        for key, (seq, _) in audit_rows.items():
            if key not in rows:
                what = f"briefing {key[0]}: {kind.what(key[1:])}"
                problems.append(f"{what} recorded by audit row {seq} is missing from {kind.table}")
    return problems
