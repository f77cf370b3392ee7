"""The audit log: append a row chained by SHA-256 to the one before, and walk the chain to prove it."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, bindparam, insert, select, text
from sqlalchemy.orm import Session

from kiosk.store.database import Store
from kiosk.store.hot import HotStatement
from kiosk.store.models import AuditEntry

GENESIS = "0" * 64
_PG_AUDIT_LOCK = 0x6B696F736B  # one advisory lock id: appends from every kiosk take turns


def entry_hash(
    *,
    seq: int,
    at: datetime,
    kiosk_id: str,
    actor: str,
    action: str,
    subject: str,
    detail: str,
    prev_hash: str,
) -> str:
    """SHA-256 of the row's facts in canonical JSON, including the previous row's hash."""
    fields = {
        "seq": seq,
        "at": at.isoformat(timespec="microseconds"),
        "kiosk_id": kiosk_id,
        "actor": actor,
        "action": action,
        "subject": subject,
        "detail": detail,
        "prev_hash": prev_hash,
    }
    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


_HEAD = HotStatement(
    select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)
)
_INSERT = HotStatement(
    insert(AuditEntry).values(
        {c.name: bindparam(c.name, type_=c.type) for c in AuditEntry.__table__.columns}
    )
)
_PG_LOCK = text("SELECT pg_advisory_xact_lock(:key)")


def append(
    db: Session | Connection,
    *,
    at: datetime,
    kiosk_id: str,
    actor: str,
    action: str,
    subject: str,
    detail: dict[str, Any] | None = None,
) -> str:
    """Add one row to the chain inside the caller's transaction (which commits it with the event).

    Returns the new row's hash, the head of the chain.
    """
    conn = db.connection() if isinstance(db, Session) else db
    if conn.dialect.name == "postgresql":
        conn.execute(_PG_LOCK, {"key": _PG_AUDIT_LOCK})
    head = _HEAD.first(conn)
    row: dict[str, Any] = {
        "seq": head[0] + 1 if head else 1,
        "at": at.astimezone(UTC),  # read back as UTC, so hashed as UTC
        "kiosk_id": kiosk_id,
        "actor": actor,
        "action": action,
        "subject": subject,
        "detail": json.dumps(
            detail or {}, sort_keys=True, separators=(",", ":"), ensure_ascii=False
        ),
        "prev_hash": head[1] if head else GENESIS,
    }
    row["hash"] = entry_hash(**row)
    _INSERT.first(conn, row)
    return str(row["hash"])


@dataclass(frozen=True)
class ChainReport:
    rows: int
    head: str
    """The hash of the last row (GENESIS for an empty log): quote it to pin the log's state."""
    broken_at: int | None = None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_at is None


def record(
    store: Store, *, at: datetime, actor: str, action: str, subject: str, detail: dict[str, Any]
) -> str:
    """One row in a transaction of its own, for an action that changes nothing else (a staff
    member printing a PDF, opening staff mode). Returns the new head of the chain."""
    with store.sessions.begin() as session:
        return append(
            session,
            at=at,
            kiosk_id=store.kiosk_id,
            actor=actor,
            action=action,
            subject=subject,
            detail=detail,
        )


def verify(session: Session) -> ChainReport:
    """Walk the whole chain in order; name the first row that does not fit and why."""
    query = select(AuditEntry).order_by(AuditEntry.seq).execution_options(yield_per=2000)
    rows = session.execute(query).scalars()
    try:
        return _walk(rows)
    finally:
        rows.close()


def _walk(rows: Iterable[AuditEntry]) -> ChainReport:
    expected_seq, prev, count = 1, GENESIS, 0
    for row in rows:
        count += 1
        if row.seq != expected_seq:
            reason = f"row {expected_seq} is missing (the next row is {row.seq})"
            return ChainReport(count, prev, row.seq, reason)
        if row.prev_hash != prev:
            reason = "its link to the previous row does not match (a row before it was changed or removed)"
            return ChainReport(count, prev, row.seq, reason)
        recomputed = entry_hash(
            seq=row.seq,
            at=row.at,
            kiosk_id=row.kiosk_id,
            actor=row.actor,
            action=row.action,
            subject=row.subject,
            detail=row.detail,
            prev_hash=row.prev_hash,
        )
        if recomputed != row.hash:
            reason = "its contents do not match its hash (the row was edited)"
            return ChainReport(count, prev, row.seq, reason)
        expected_seq, prev = row.seq + 1, row.hash
    return ChainReport(count, prev)


def head(session: Session) -> str:
    """The hash of the newest row, GENESIS if the log is empty."""
    value = session.execute(
        select(AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)
    ).scalar()
    return value or GENESIS
