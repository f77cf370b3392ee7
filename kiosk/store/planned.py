"""Who staff said will sign beside the patient (kiosk.session.cosign.Plan), stored with the prepared
briefing and read back when the patient walks up; and the store's side of the steps after signing
(each signer's row with its audit row, the witness's PIN checked as a staff sign-in)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.session.clock import Clock
from kiosk.session.cosign import Interpreter, Plan, Representative, Witnessed
from kiosk.session.signers import InterpreterMode, Signer
from kiosk.store import audit
from kiosk.store.database import Store
from kiosk.store.failures import RecordError, held_up_as_busy
from kiosk.store.models import BriefingRow, BriefingStatus, PlannedSignerRow
from kiosk.store.rules import clean_name
from kiosk.store.signers import add_signer, planned_rows
from kiosk.store.signers import witness as store_witness
from kiosk.store.staff import LoginOutcome, list_staff

NAMED = "representative_named"
"""The audit action of a representative staff named during the briefing."""
PATIENT = "patient"
"""The audit actor of a representative's and an interpreter's row: given on the patient's screen."""


def plan_signers(session: Session, briefing_id: str, plan: Plan) -> None:
    """Store the plan's signers for the briefing, in the caller's transaction (InputError on a name
    the record cannot take)."""
    rep, interp = plan.representative, plan.interpreter
    if rep is not None:
        session.add(
            PlannedSignerRow(
                briefing_id=briefing_id, kind="representative",
                name=clean_name(rep.name, "representative_name"),
                role=rep.relationship.strip(), reason=rep.reason.strip(),
            )
        )  # fmt: skip
    if interp is not None:
        session.add(
            PlannedSignerRow(
                briefing_id=briefing_id, kind="interpreter",
                name=clean_name(interp.name, "interpreter_name"),
                interpreter_id=interp.interpreter_id.strip(), language=interp.language,
                mode=interp.mode.value,
            )
        )  # fmt: skip
    if plan.witness:
        session.add(PlannedSignerRow(briefing_id=briefing_id, kind="witness"))


def name_representative(
    store: Store, briefing_id: str, rep: Representative, *, staff: str, at: datetime
) -> None:
    """Staff name a legally authorized representative while the briefing is under way (before the
    signature): kept with the briefing's plan and audited under the staff member's name (the
    detail names the kind, never the person), in one transaction. RecordError if the briefing is
    no longer in progress (signed or ended meanwhile); InputError on a name the record cannot take."""
    with store.sessions.begin() as session:
        status = session.execute(
            select(BriefingRow.status).where(BriefingRow.id == briefing_id)
        ).scalar()
        if status != BriefingStatus.IN_PROGRESS.value:
            raise RecordError(f"briefing {briefing_id} is {status or 'not in the record'}")
        plan_signers(session, briefing_id, Plan(representative=rep))
        audit.append(
            session, at=at, kiosk_id=store.kiosk_id, actor=staff, action=NAMED,
            subject=f"briefing:{briefing_id}", detail={"kind": "representative"},
        )  # fmt: skip


def planned_of(store: Store, briefing_id: str) -> Plan:
    """The briefing's plan (an empty one when staff said nobody signs beside the patient)."""
    with store.reading() as session:
        return plan_in(session, briefing_id)


def plan_in(session: Session, briefing_id: str) -> Plan:
    """`planned_of`, in a session already open."""
    rep, interp, witness = None, None, False
    for r in planned_rows(session, briefing_id):
        if r.kind == "representative":
            rep = Representative(r.name or "", r.role or "", r.reason or "")
        elif r.kind == "interpreter":
            mode = InterpreterMode(r.mode or InterpreterMode.IN_PERSON)
            interp = Interpreter(r.name or "", r.interpreter_id or "", r.language or "", mode)
        else:
            witness = True
    return Plan(rep, interp, witness)


class StoreCosigners:
    """kiosk.session.cosign.Cosigners over the store, for one briefing."""

    def __init__(
        self, store: Store, briefing_id: str, clock: Clock, *, wait_ms: int | None = None
    ) -> None:
        """`wait_ms`: how long a write waits for a database another program holds before it fails
        as StoreBusy (the screen says it is saving and tries again); None: the busy timeout."""
        self.store = store if wait_ms is None else store.waiting(wait_ms)
        self.briefing_id = briefing_id
        self.clock = clock

    def add(self, signer: Signer) -> None:
        with held_up_as_busy():
            add_signer(self.store, self.briefing_id, signer, actor=PATIENT)

    def witness(self, name: str, pin: str) -> Witnessed:
        now: datetime = self.clock.now()
        with held_up_as_busy():
            result = store_witness(self.store, self.briefing_id, name, pin, now)
        if result.ok:
            return Witnessed(True)
        if result.outcome is LoginOutcome.LOCKED:
            return Witnessed(False, max(1, -(-result.locked_seconds // 60)))
        return Witnessed(False)

    def staff_names(self) -> Sequence[str]:
        return sorted((s.name for s in list_staff(self.store) if s.active), key=str.casefold)
