"""Briefings as a coordinator and the kiosk see them: prepare one, recover after a crash, read one back."""

from __future__ import annotations

import json
import uuid
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Select, or_, select

from kiosk.content.schema import Form
from kiosk.session.cosign import Plan
from kiosk.store import audit
from kiosk.store.database import Store
from kiosk.store.models import BriefingRow, BriefingStatus, PatientRow, RebriefingRow
from kiosk.store.planned import plan_signers
from kiosk.store.rules import check_date_of_birth, clean_mrn, clean_name
from kiosk.store.versions import keep

SYSTEM = "system"
ANY_KIOSK = "*"
"""The kiosk a briefing is addressed to when any may take it: whichever kiosk a patient touches
Start on first (no kiosk id can be this: they start with a letter or digit)."""


@dataclass(frozen=True)
class PreparedPatient:
    name: str
    date_of_birth: date
    mrn: str | None


def prepare_briefing(
    store: Store,
    form: Form,
    *,
    name: str,
    date_of_birth: date,
    mrn: str | None,
    staff: str,
    now: datetime,
    language: str | None = None,
    kiosk_id: str | None = None,
    practitioner: str | None = None,
    planned_date: date | None = None,
    earlier: tuple[str, dict[str, list[str]]] | None = None,
    plan: Plan | None = None,
) -> str:
    """A coordinator prepares a briefing for a named patient, in `language` (default: the language
    the procedure is written in), addressed to `kiosk_id` (default: this store's kiosk; ANY_KIOSK:
    the first kiosk a patient starts it on); returns its id. Which languages a kiosk offers is the
    caller's rule (kiosk.station.Station.languages_of). `practitioner` (who will perform the
    procedure) and `planned_date` are printed in the PDF's title block when given; `plan`: who
    signs beside the patient (kiosk.session.cosign), stored with it. `earlier`, for a re-briefing
    (kiosk.store.rebriefings): the earlier briefing's id and the screens that changed."""
    language = language or form.language
    keep(store, [form], form, now)
    patient = PatientRow(
        name=clean_name(name),
        date_of_birth=check_date_of_birth(date_of_birth, now.astimezone(UTC).date()),
        mrn=clean_mrn(mrn),
        created_at=now,
    )
    briefing_id = str(uuid.uuid4())
    with store.sessions.begin() as session:
        session.add(patient)
        session.flush()
        session.add(
            BriefingRow(
                id=briefing_id,
                patient_id=patient.id,
                form_id=form.id,
                form_version=form.version,
                content_sha256=form.content_sha256,
                language=language,
                kiosk_id=kiosk_id or store.kiosk_id,
                status=BriefingStatus.PREPARED,
                prepared_by=clean_name(staff, "staff"),
                created_at=now,
                practitioner=clean_name(practitioner, "practitioner") if practitioner else None,
                planned_date=planned_date,
            )
        )
        if earlier is not None:
            session.flush()
            session.add(
                RebriefingRow(
                    briefing_id=briefing_id,
                    earlier_id=earlier[0],
                    changes_json=json.dumps(earlier[1]),
                )
            )
        if plan is not None:
            plan_signers(session, briefing_id, plan)
        audit.append(
            session,
            at=now,
            kiosk_id=store.kiosk_id,
            actor=clean_name(staff, "staff"),
            action="briefing_prepared",
            subject=f"briefing:{briefing_id}",
            detail={"form": form.id, "version": form.version, "language": language}
            | ({"kiosk": kiosk_id} if kiosk_id else {})
            | ({"planned_date": planned_date.isoformat()} if planned_date else {})
            | ({"rebriefing_of": earlier[0], "changes": earlier[1]} if earlier else {})
            | ({"signers": _kinds(plan)} if plan is not None and not plan.empty else {}),
        )
    return briefing_id


def _kinds(plan: Plan) -> list[str]:
    """Who staff said signs beside the patient, by kind only (the audit log names no one)."""
    wanted = {
        "representative": plan.representative is not None,
        "interpreter": plan.interpreter is not None,
        "witness": plan.witness,
    }
    return [kind for kind, given in wanted.items() if given]


def patient_of(store: Store, briefing_id: str) -> PreparedPatient | None:
    with store.reading() as session:
        row = session.execute(
            select(PatientRow)
            .join(BriefingRow, BriefingRow.patient_id == PatientRow.id)
            .where(BriefingRow.id == briefing_id)
        ).scalar_one_or_none()
        return PreparedPatient(row.name, row.date_of_birth, row.mrn) if row else None


def recover_interrupted(store: Store, now: datetime) -> list[str]:
    """Briefings this kiosk left in progress (a crash, a power cut) become abandoned, each audited."""
    recovered = []
    with store.sessions.begin() as session:
        stale = session.execute(
            select(BriefingRow)
            .where(
                BriefingRow.status == BriefingStatus.IN_PROGRESS,
                BriefingRow.kiosk_id == store.kiosk_id,
            )
            .order_by(BriefingRow.started_at)
        ).scalars()
        for briefing in stale:
            briefing.status = BriefingStatus.ABANDONED
            briefing.ended_at = now
            briefing.end_reason = "interrupted"
            audit.append(
                session,
                at=now,
                kiosk_id=store.kiosk_id,
                actor=SYSTEM,
                action="abandoned",
                subject=f"briefing:{briefing.id}",
                detail={"reason": "interrupted"},
            )
            recovered.append(briefing.id)
    return recovered


@dataclass(frozen=True)
class Waiting:
    """A briefing a coordinator prepared on this kiosk, waiting for its patient."""

    briefing_id: str
    form_id: str
    content_sha256: str
    patient: PreparedPatient
    language: str
    """The language staff prepared it in."""
    changes: dict[str, list[str]] | None = None
    """A re-briefing's changed screens (added, changed, removed ids); None for a whole briefing."""


def _waiting(since: datetime, *columns: Any) -> Select[Any]:
    """Briefings prepared since `since` on any kiosk and not yet started, with their patients,
    the oldest first."""
    return (
        select(*columns)
        .join(PatientRow, BriefingRow.patient_id == PatientRow.id)
        .where(BriefingRow.status == BriefingStatus.PREPARED, BriefingRow.created_at >= since)
        .order_by(BriefingRow.created_at, BriefingRow.id)
    )


def next_prepared(
    store: Store, since: datetime, passed_over: Collection[str] = ()
) -> Waiting | None:
    """The oldest briefing prepared on this kiosk (or for any kiosk) since `since` and not yet
    started, if any, but those `passed_over` (by id). Two kiosks may offer one prepared for any:
    the first to start it takes it (the recorder's start claims it only while it is still
    prepared)."""
    with store.reading() as session:
        query = (
            _waiting(
                since,
                BriefingRow.id,
                BriefingRow.form_id,
                BriefingRow.content_sha256,
                BriefingRow.language,
                PatientRow,
                RebriefingRow.changes_json,
            )
            .outerjoin(RebriefingRow, RebriefingRow.briefing_id == BriefingRow.id)
            .where(BriefingRow.kiosk_id.in_((store.kiosk_id, ANY_KIOSK)))
        )
        if passed_over:
            query = query.where(BriefingRow.id.not_in(list(passed_over)))
        row = session.execute(query.limit(1)).first()
        if row is None:
            return None
        briefing_id, form_id, sha, language, patient, changes = row
        return Waiting(
            briefing_id,
            form_id,
            sha,
            PreparedPatient(patient.name, patient.date_of_birth, patient.mrn),
            language,
            json.loads(changes) if changes else None,
        )


@dataclass(frozen=True)
class AlreadyWaiting:
    """A briefing prepared for the same patient, still waiting for them."""

    created_at: datetime
    prepared_by: str | None


@dataclass(frozen=True)
class OnRecord:
    """The patient an MRN was last prepared for."""

    name: str
    date_of_birth: date


def mrn_on_record(store: Store, mrn: str) -> OnRecord | None:
    """The patient a briefing was last prepared for under `mrn`, on any kiosk at any time, leaving
    out briefings staff withdrew (one prepared for the wrong patient, or with a typo, would keep
    the MRN from its owner); None if the MRN is on no other briefing."""
    kept = or_(
        BriefingRow.status != BriefingStatus.ABANDONED,
        BriefingRow.end_reason.is_(None),
        BriefingRow.end_reason != "withdrawn",  # kiosk.records.withdrawal.WITHDRAWN
    )
    with store.reading() as session:
        row = session.execute(
            select(PatientRow.name, PatientRow.date_of_birth)
            .join(BriefingRow, BriefingRow.patient_id == PatientRow.id)
            .where(PatientRow.mrn == mrn, kept)
            .order_by(PatientRow.created_at.desc(), PatientRow.id.desc())
            .limit(1)
        ).first()
    return None if row is None else OnRecord(row.name, row.date_of_birth)


def waiting_for(
    store: Store, name: str, date_of_birth: date, mrn: str | None, since: datetime
) -> AlreadyWaiting | None:
    """A briefing prepared since `since` on any kiosk and not started, for the same patient: the
    same MRN, or the same name (case and spaces aside) and birth date unless both have an MRN and
    they differ. None if there is none."""

    def folded(text: str) -> str:
        return " ".join(text.split()).casefold()

    same = PatientRow.date_of_birth == date_of_birth
    with store.reading() as session:
        rows = session.execute(
            _waiting(
                since,
                BriefingRow.created_at,
                BriefingRow.prepared_by,
                PatientRow.name,
                PatientRow.date_of_birth,
                PatientRow.mrn,
            ).where(or_(same, PatientRow.mrn == mrn) if mrn else same)
        ).all()
    for created_at, prepared_by, their_name, their_birth, their_mrn in rows:
        if mrn and their_mrn == mrn:
            return AlreadyWaiting(created_at, prepared_by)
        if mrn and their_mrn:  # two MRNs, not the same: two patients
            continue
        if their_birth == date_of_birth and folded(their_name) == folded(name):
            return AlreadyWaiting(created_at, prepared_by)
    return None
