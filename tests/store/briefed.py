"""A prepared briefing walked through the real engine into a store, for the store's tests."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from kiosk.content import load_form
from kiosk.session import Briefing, Patient, ScreenKind
from kiosk.store import Recorder, Store
from kiosk.store.briefings import prepare_briefing
from tests.conftest import MILD
from tests.session.fakes import FakeClock

DOB = date(1951, 3, 14)
FORM = load_form(MILD)


def prepared(
    store: Store, clock: FakeClock, name: str = "Ana Ruiz", *, wait_ms: int | None = None
) -> Briefing:
    """A prepared briefing of the mild form, recorded into `store` (a patient's taps waiting
    `wait_ms` for a held database, or the whole busy timeout)."""
    briefing_id = prepare_briefing(
        store, FORM, name=name, date_of_birth=DOB, mrn="MRN-1", staff="Nurse Lee", now=clock.now()
    )
    return Briefing(
        FORM, briefing_id, Recorder(store, wait_ms=wait_ms), clock, patient=Patient(name, DOB)
    )


def walk_to(b: Briefing, kind: ScreenKind) -> None:
    while b.current.kind is not kind:
        if b.current.kind is ScreenKind.IDENTITY and not b.identity_confirmed:
            b.confirm_identity(DOB)
        if b.current.kind is ScreenKind.RISK:
            b.read_to_end()
            b.acknowledge_risk()
        if b.current.kind is ScreenKind.QUESTION and not b.answers_to(b.current.id):
            b.answer_question(FORM.question(b.current.id).answer)
        b.go_next()


def count(store: Store, model: type) -> int:
    with store.sessions() as s:
        return int(s.execute(select(func.count()).select_from(model)).scalar_one())
