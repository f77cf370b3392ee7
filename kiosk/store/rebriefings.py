"""Re-briefing when a procedure's content changes: the patients briefed on an older version whose
procedure is still ahead, and a re-briefing prepared for one of them that shows only the screens
that changed, linked to the earlier briefing."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import and_, or_, select

from kiosk.content.diff import Change, diff_forms
from kiosk.content.schema import Form
from kiosk.store.briefings import prepare_briefing
from kiosk.store.database import Store
from kiosk.store.models import BriefingRow, BriefingStatus, PatientRow, RebriefingRow
from kiosk.store.versions import kept_form

Changes = dict[str, list[str]]
"""A re-briefing's screens by what happened to them: "added", "changed", "removed" (reading
screens, in path order), and "version" (the earlier briefing's version, one item)."""


class RebriefError(Exception):
    """The earlier briefing cannot be briefed again (gone, not signed, or on the current version)."""


@dataclass(frozen=True)
class Outdated:
    """A patient's latest briefing on a procedure, given on an older version than the current one."""

    briefing_id: str
    name: str
    date_of_birth: date
    mrn: str | None
    form_id: str
    version: str
    """The version they were briefed on."""
    current_version: str
    signed_at: datetime
    planned_date: date | None
    language: str


def _person(name: str, date_of_birth: date) -> tuple[str, date]:
    return " ".join(name.casefold().split()), date_of_birth


class _People:
    """Patients known by MRN or by name and birth date: the same person across briefings."""

    def __init__(self) -> None:
        self.mrns: set[str] = set()
        self.names: set[tuple[str, date]] = set()

    def add(self, name: str, date_of_birth: date, mrn: str | None) -> None:
        if mrn:
            self.mrns.add(mrn)
        self.names.add(_person(name, date_of_birth))

    def __contains__(self, who: tuple[str, date, str | None]) -> bool:
        name, date_of_birth, mrn = who
        return bool(mrn and mrn in self.mrns) or _person(name, date_of_birth) in self.names


def outdated(
    store: Store, forms: Mapping[str, Form], now: datetime, within_days: int
) -> list[Outdated]:
    """Patients briefed on an older version of a procedure this kiosk has, whose planned date is
    today or later (or, without one, signed in the last `within_days` days), and who have no
    briefing on the current version yet (prepared, under way or signed), matched by MRN or by name
    and birth date; each patient once (their latest briefing), soonest planned date first."""
    if not forms:
        return []
    today, since = now.date(), now - timedelta(days=within_days)
    current = {form_id: form.content_sha256 for form_id, form in forms.items()}
    with store.reading() as session:
        done = _People()
        for name, dob, mrn in session.execute(
            select(PatientRow.name, PatientRow.date_of_birth, PatientRow.mrn)
            .join(BriefingRow, BriefingRow.patient_id == PatientRow.id)
            .where(
                BriefingRow.content_sha256.in_(current.values()),
                BriefingRow.status != BriefingStatus.ABANDONED,
            )
        ):
            done.add(name, dob, mrn)
        rows = session.execute(
            select(BriefingRow, PatientRow)
            .join(PatientRow, BriefingRow.patient_id == PatientRow.id)
            .where(
                BriefingRow.status == BriefingStatus.COMPLETED,
                BriefingRow.form_id.in_(current.keys()),
                BriefingRow.content_sha256.not_in(current.values()),
                or_(
                    BriefingRow.planned_date >= today,
                    and_(BriefingRow.planned_date.is_(None), BriefingRow.ended_at >= since),
                ),
            )
            .order_by(BriefingRow.ended_at.desc(), BriefingRow.id)
        ).all()
    found: list[Outdated] = []
    seen = _People()
    for briefing, patient in rows:
        who = (patient.name, patient.date_of_birth, patient.mrn)
        if who in done or who in seen:
            continue
        seen.add(*who)
        found.append(
            Outdated(
                briefing.id, patient.name, patient.date_of_birth, patient.mrn, briefing.form_id,
                briefing.form_version, forms[briefing.form_id].version,
                briefing.ended_at or briefing.created_at, briefing.planned_date, briefing.language,
            )
        )  # fmt: skip
    return sorted(found, key=lambda o: (o.planned_date or date.max, o.signed_at))


def changes_since(earlier: Form | None, form: Form) -> Changes:
    """The reading screens of `form` that are new or changed since `earlier` (every one when the
    earlier version was never kept), and those it no longer has."""
    reading = {screen.id for _, screen in form.content_screens()}
    if earlier is None:
        return {"added": [], "changed": [s.id for _, s in form.content_screens()], "removed": []}
    diff = diff_forms(earlier, form)
    earlier_reading = {screen.id for _, screen in earlier.content_screens()}
    return {
        "added": [c.screen_id for c in diff if c.change is Change.ADDED and c.screen_id in reading],
        "changed": [
            c.screen_id for c in diff if c.change is Change.CHANGED and c.screen_id in reading
        ],
        "removed": [
            c.screen_id
            for c in diff
            if c.change is Change.REMOVED and c.screen_id in earlier_reading
        ],
        "version": [earlier.version],
    }


def prepare_rebriefing(
    store: Store,
    earlier_id: str,
    form: Form,
    *,
    staff: str,
    now: datetime,
    language: str | None = None,
    kiosk_id: str | None = None,
) -> str:
    """Prepare a re-briefing on `form` (the current version) for the patient of `earlier_id`, in
    the earlier briefing's language unless `language` is given, with its practitioner and planned
    date; it shows only the screens that changed (kiosk.session.rebrief). RebriefError if the earlier
    briefing is not a signed briefing of this procedure on another version."""
    with store.reading() as session:
        row = session.execute(
            select(BriefingRow, PatientRow)
            .join(PatientRow, BriefingRow.patient_id == PatientRow.id)
            .where(BriefingRow.id == earlier_id)
        ).first()
        if row is None:
            raise RebriefError(f"briefing {earlier_id} is not in the record")
        earlier, patient = row
        if earlier.status != BriefingStatus.COMPLETED or earlier.form_id != form.id:
            raise RebriefError(f"briefing {earlier_id} is not a signed briefing on {form.id}")
        if earlier.content_sha256 == form.content_sha256:
            raise RebriefError(f"briefing {earlier_id} was given on the current version")
        changes = changes_since(kept_form(session, earlier.content_sha256), form)
    return prepare_briefing(
        store, form, name=patient.name, date_of_birth=patient.date_of_birth, mrn=patient.mrn,
        staff=staff, now=now, language=language or earlier.language, kiosk_id=kiosk_id,
        practitioner=earlier.practitioner, planned_date=earlier.planned_date,
        earlier=(earlier_id, changes),
    )  # fmt: skip


def changes_of(store: Store, briefing_id: str) -> tuple[str, Changes] | None:
    """A re-briefing's earlier briefing and changed screens; None for a whole briefing."""
    with store.reading() as session:
        row = session.get(RebriefingRow, briefing_id)
        return None if row is None else (row.earlier_id, json.loads(row.changes_json))
