"""Who the patient is, on the identity screen: a prepared briefing's birth date checked (a few
tries, then staff), or a walk-up patient's name and birth date taken. Each is recorded first, and
the briefing changes only once the record took it (kiosk.session.flow.Briefing's intents)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from kiosk.session.events import Event, IdentityConfirmed, IdentityDisputed, IdentityRejected
from kiosk.session.state import IDENTITY_ATTEMPTS, Blocker, FlowError, Patient

if TYPE_CHECKING:
    from kiosk.session.flow import Briefing

Emit = Callable[[Event], None]


def confirm(b: Briefing, date_of_birth: date, emit: Emit) -> bool:
    """Check the birth date typed against the prepared (or already entered) one. True if it matches."""
    if b.patient is None:
        raise FlowError("this is a walk-up briefing: use enter_identity")
    if b.identity_confirmed:
        return True
    if b.identity_locked:
        raise FlowError("too many wrong birth dates", Blocker.IDENTITY_LOCKED)
    at = b.now()
    if date_of_birth == b.patient.date_of_birth:
        emit(IdentityConfirmed(briefing_id=b.briefing_id, at=at))
        # Proved: tries start afresh should they be asked again (back on Welcome), not lock
        # the briefing partway on one slip.
        b.identity_confirmed, b.identity_attempts = True, 0
        return True
    attempt = b.identity_attempts + 1
    locked_out = attempt >= IDENTITY_ATTEMPTS
    emit(IdentityRejected(briefing_id=b.briefing_id, at=at, attempt=attempt, locked_out=locked_out))
    b.identity_attempts = attempt
    return False


def enter(b: Briefing, name: str, date_of_birth: date, emit: Emit) -> None:
    """Walk-up: the patient tells the kiosk who they are."""
    if b.patient is not None:
        raise FlowError("this briefing was prepared for a patient: use confirm_identity")
    emit(
        IdentityConfirmed(
            briefing_id=b.briefing_id, at=b.now(), name=name, date_of_birth=date_of_birth
        )
    )
    b.patient = Patient(name=name, date_of_birth=date_of_birth)
    b.identity_confirmed = True


def dispute(b: Briefing, emit: Emit) -> None:
    """A prepared briefing's patient is someone else, says whoever is at the kiosk: recorded."""
    if b.patient is None or b.walk_up:
        raise FlowError("only a prepared briefing's patient can be someone else")
    emit(IdentityDisputed(briefing_id=b.briefing_id, at=b.now()))
