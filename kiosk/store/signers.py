"""Signers beside the patient's own signature row: each stored with its audit row in one transaction,
and read back for the PDF and exports. The audit detail names the kind, never a person's name."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.session.signers import InterpreterMode, Signer, SignerKind, check
from kiosk.store import audit
from kiosk.store.database import Store
from kiosk.store.failures import RecordError
from kiosk.store.models import BriefingRow, BriefingStatus, PlannedSignerRow, SignerRow, StaffUser
from kiosk.store.rules import clean_name
from kiosk.store.staff import LoginResult, check_pin

ACTION = "signer_added"
ENDED = (BriefingStatus.ABANDONED.value,)


def add_signer(store: Store, briefing_id: str, signer: Signer, *, actor: str) -> int:
    """Store `signer` for the briefing with its audit row, in one transaction; returns the row's id.
    A briefing that is not in the record, or was abandoned, is refused (RecordError); a signer
    missing what its kind needs is refused (SignerError); a name that cannot be one (InputError)."""
    signer = check(signer)
    name = clean_name(signer.name, f"{signer.kind.value}_name")
    with store.sessions.begin() as session:
        status = session.execute(
            select(BriefingRow.status).where(BriefingRow.id == briefing_id)
        ).scalar_one_or_none()
        if status is None:
            raise RecordError(f"briefing {briefing_id} is not in the record")
        if status in ENDED:
            raise RecordError(f"briefing {briefing_id} is {status}: no one can sign it")
        row = SignerRow(
            briefing_id=briefing_id,
            kind=signer.kind.value,
            name=name,
            role=signer.role,
            reason=signer.reason,
            interpreter_id=signer.interpreter_id,
            language=signer.language,
            mode=signer.mode.value if signer.mode else None,
            meaning=signer.meaning,
            staff_id=signer.staff_id,
            image_png=signer.image_png,
            signed_at=signer.at,
        )
        session.add(row)
        session.flush()
        audit.append(
            session,
            at=signer.at,
            kiosk_id=store.kiosk_id,
            actor=actor,
            action=ACTION,
            subject=f"briefing:{briefing_id}",
            detail={"signer": row.id, "kind": signer.kind.value, "meaning": signer.meaning}
            | ({"staff": signer.staff_id} if signer.staff_id is not None else {})
            | ({"drawn": True} if signer.image_png else {}),
        )
        return row.id


def signer_rows(session: Session, briefing_id: str) -> list[SignerRow]:
    """The briefing's signer rows, in the order they signed."""
    return list(
        session.execute(
            select(SignerRow)
            .where(SignerRow.briefing_id == briefing_id)
            .order_by(SignerRow.signed_at, SignerRow.id)
        ).scalars()
    )


def signers_of(store: Store, briefing_id: str) -> list[Signer]:
    """The briefing's signers, in the order they signed."""
    with store.reading() as session:
        return signers_in(session, briefing_id)


def signers_in(session: Session, briefing_id: str) -> list[Signer]:
    """`signers_of`, in a session already open."""
    return [
        Signer(
            kind=SignerKind(r.kind),
            name=r.name,
            at=r.signed_at,
            role=r.role,
            reason=r.reason,
            interpreter_id=r.interpreter_id,
            language=r.language,
            mode=InterpreterMode(r.mode) if r.mode else None,
            staff_id=r.staff_id,
            image_png=r.image_png,
        )
        for r in signer_rows(session, briefing_id)
    ]


def witness(
    store: Store, briefing_id: str, name: str, pin: str, now: datetime, role: str | None = None
) -> LoginResult:
    """A staff member witnesses the briefing with their name and PIN (checked, locked out and
    audited exactly as a staff sign-in); on success their witness row is stored under their
    account, audited with them as the actor. Returns the sign-in's result either way."""
    result = check_pin(store, name, pin, now)
    if not result.ok or result.name is None:
        return result
    with store.reading() as session:
        staff_id = session.execute(
            select(StaffUser.id).where(StaffUser.name == result.name)
        ).scalar_one()
    signer = Signer(SignerKind.WITNESS, result.name, now, role=role, staff_id=staff_id)
    add_signer(store, briefing_id, signer, actor=result.name)
    return result


def planned_rows(session: Session, briefing_id: str) -> list[PlannedSignerRow]:
    """The signers staff planned for the briefing, in the order they were planned."""
    return list(
        session.execute(
            select(PlannedSignerRow)
            .where(PlannedSignerRow.briefing_id == briefing_id)
            .order_by(PlannedSignerRow.id)
        ).scalars()
    )
