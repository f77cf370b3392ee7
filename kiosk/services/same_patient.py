"""Before a briefing is prepared (at the kiosk or the desk): is it for a patient the records already
know, and is it the same one (no Qt)?"""

from __future__ import annotations

import logging
from datetime import date, datetime

from sqlalchemy.exc import SQLAlchemyError

from kiosk.i18n import isolated, msg
from kiosk.records.query import fold
from kiosk.services.errors import StaffError
from kiosk.station import PREPARED_WINDOW
from kiosk.store.briefings import mrn_on_record, waiting_for
from kiosk.store.database import Store

log = logging.getLogger(__name__)


def check_patient(store: Store, name: str, dob: date, mrn: str | None, now: datetime) -> None:
    """StaffError if the briefing cannot be prepared for this patient: the MRN is on record for
    another patient, or a briefing for this one is already waiting. A store that cannot be read
    is left to the write to say."""
    try:
        mrn_held_by_another(store, name, dob, mrn)
        already_waiting(store, name, dob, mrn, now)
    except (SQLAlchemyError, OSError) as exc:
        log.warning("the patient's earlier briefings could not be read: %s", type(exc).__name__)


def mrn_held_by_another(store: Store, name: str, dob: date, mrn: str | None) -> None:
    """StaffError if `mrn` was last prepared for another name (case, accents and spaces aside) or
    another birth date: a second patient under one MRN was taken for the first (a reviewer: the
    first's waiting briefing refused, the first dropped from the re-briefing list)."""
    if not mrn:
        return
    held = mrn_on_record(store, mrn)
    if held is None:
        return
    if held.date_of_birth == dob and _same_name(held.name, name):
        return
    raise StaffError(
        msg(
            "staff.prepare.mrn-other-patient",
            mrn=isolated(mrn),
            name=isolated(held.name),
            born=held.date_of_birth,
        )
    )


def already_waiting(store: Store, name: str, dob: date, mrn: str | None, now: datetime) -> None:
    """StaffError if a briefing for this patient is already waiting (prepared on any kiosk within
    PREPARED_WINDOW, not started): a second one briefed the patient twice, and the export counted
    them as two patients (a reviewer)."""
    found = waiting_for(store, name, dob, mrn, now - PREPARED_WINDOW)
    if found is not None:
        when = found.created_at.astimezone()
        raise StaffError(
            msg("staff.prepare.already-waiting", when=when, staff=found.prepared_by or "-")
        )


def _same_name(one: str, other: str) -> bool:
    return fold(" ".join(one.split())) == fold(" ".join(other.split()))
