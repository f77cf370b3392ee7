"""Who signs a briefing beside the patient, as staff read it in a briefing's detail: the plan made
when it was prepared (and a representative named during it), who signed, and the practitioner and
planned date staff gave (no Qt)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from kiosk.session.cosign import Plan
from kiosk.session.signers import Signer, SignerKind
from kiosk.store.database import Store
from kiosk.store.models import BriefingRow
from kiosk.store.planned import plan_in
from kiosk.store.signers import signers_in


@dataclass(frozen=True)
class Cosigned:
    """A briefing's plan for its signers and who signed beside (or for) the patient."""

    plan: Plan = field(default_factory=Plan)
    signed: tuple[Signer, ...] = ()
    """Representatives, interpreters and witnesses who signed, in the order they did."""
    practitioner: str | None = None
    planned_date: date | None = None


def cosigned(store: Store, briefing_id: str) -> Cosigned:
    """The briefing's signers planned and signed (an empty Cosigned: none, or no such briefing)."""
    with store.reading() as session:  # one read of the three
        found = session.execute(
            select(BriefingRow.practitioner, BriefingRow.planned_date).where(
                BriefingRow.id == briefing_id
            )
        ).first()
        if found is None:
            return Cosigned()
        signers = signers_in(session, briefing_id)
        plan = plan_in(session, briefing_id)
    signed = tuple(s for s in signers if s.kind is not SignerKind.PATIENT)
    return Cosigned(plan, signed, found.practitioner, found.planned_date)
