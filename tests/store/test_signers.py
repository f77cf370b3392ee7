"""Signers beside the patient: each stored with its audit row in one transaction, checked by the
events-vs-audit agreement, guarded append-only, and refused with one sentence when incomplete."""

from __future__ import annotations

import json
import random
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from kiosk.content import load_form
from kiosk.demo import signature
from kiosk.document.record import load_record
from kiosk.session import AbandonReason, Briefing
from kiosk.session.cosign import Cosigning, Plan, Representative
from kiosk.session.kinds import ScreenKind
from kiosk.session.signers import InterpreterMode, Signer, SignerError, SignerKind
from kiosk.store import InputError, Recorder, RecordError, Store, agreement
from kiosk.store.briefings import prepare_briefing
from kiosk.store.models import AuditEntry, BriefingRow, SignerRow, StaffUser
from kiosk.store.planned import NAMED, StoreCosigners, name_representative, planned_of
from kiosk.store.signers import add_signer, signers_of, witness
from kiosk.store.staff import add_staff
from tests.conftest import MILD
from tests.session.fakes import FakeClock

NOW = datetime(2026, 12, 4, 15, 0, tzinfo=UTC)
FORM = load_form(MILD)


def _briefing(store: Store) -> str:
    return prepare_briefing(
        store,
        FORM,
        name="Ana Ruiz",
        date_of_birth=date(1951, 3, 14),
        mrn="MRN-1",
        staff="Nurse Lee",
        now=NOW,
        practitioner="Dr. Okafor",
        planned_date=date(2026, 12, 18),
    )


def _staff_id(store: Store, name: str) -> int:
    with store.reading() as session:
        return session.execute(select(StaffUser.id).where(StaffUser.name == name)).scalar_one()


def _everyone(store: Store) -> list[Signer]:
    add_staff(store, "Nurse Lee", "482913", NOW)
    at = NOW + timedelta(minutes=20)
    return [
        Signer(
            SignerKind.REPRESENTATIVE,
            "Luis Ruiz",
            at,
            role="son",
            reason="the patient cannot hold a pen after a stroke",
            image_png=b"\x89PNG drawn",
        ),
        Signer(
            SignerKind.INTERPRETER,
            "Marta Gil",
            at + timedelta(seconds=30),
            role="medical interpreter",
            interpreter_id="LanguageLine 7781",
            language="es",
            mode=InterpreterMode.PHONE,
        ),
        Signer(
            SignerKind.WITNESS,
            "Nurse Lee",
            at + timedelta(seconds=60),
            role="staff witness",
            staff_id=_staff_id(store, "Nurse Lee"),
        ),
    ]


def test_every_signer_is_stored_with_its_audit_row_and_agrees(store: Store) -> None:
    briefing = _briefing(store)
    signers = _everyone(store)
    for signer in signers:
        add_signer(store, briefing, signer, actor="kiosk")
    assert signers_of(store, briefing) == signers
    with store.reading() as session:
        row = session.get(BriefingRow, briefing)
        assert row is not None
        assert (row.practitioner, row.planned_date) == ("Dr. Okafor", date(2026, 12, 18))
        details = [
            json.loads(d)
            for d in session.execute(
                select(AuditEntry.detail).where(AuditEntry.action == "signer_added")
            ).scalars()
        ]
        assert [d["kind"] for d in details] == ["representative", "interpreter", "witness"]
        assert [d["meaning"] for d in details] == [
            "signer.meaning.representative",
            "signer.meaning.interpreter",
            "signer.meaning.witness",
        ]
        assert all("Luis" not in json.dumps(d) for d in details)  # never a name in the audit
        assert agreement.disagreements(session) == []


def test_a_signer_row_without_its_audit_row_is_found(store: Store) -> None:
    briefing = _briefing(store)
    with store.sessions.begin() as session:  # written behind the recorder's back
        session.add(
            SignerRow(
                briefing_id=briefing,
                kind="witness",
                name="Someone",
                meaning="signer.meaning.witness",
                signed_at=NOW,
            )
        )
    with store.reading() as session:
        problems = agreement.disagreements(session)
    assert len(problems) == 1
    assert "in signers has no audit row" in problems[0]


def test_signers_are_append_only(store: Store) -> None:
    briefing = _briefing(store)
    add_signer(store, briefing, _everyone(store)[0], actor="kiosk")
    for sql in ("UPDATE signers SET name = 'X'", "DELETE FROM signers"):
        with pytest.raises(DBAPIError, match="append-only"), store.engine.begin() as conn:
            conn.execute(text(sql))
    assert [s.name for s in signers_of(store, briefing)] == ["Luis Ruiz"]


@pytest.mark.parametrize(
    ("signer", "field"),
    [
        (Signer(SignerKind.REPRESENTATIVE, "Luis Ruiz", NOW, reason="stroke"), "role"),
        (Signer(SignerKind.REPRESENTATIVE, "Luis Ruiz", NOW, role="son"), "reason"),
        (Signer(SignerKind.INTERPRETER, "Marta Gil", NOW, language="es"), "interpreter_id"),
        (
            Signer(SignerKind.INTERPRETER, "Marta Gil", NOW, interpreter_id="7781", language="es"),
            "mode",
        ),
        (Signer(SignerKind.WITNESS, "Nurse Lee", NOW), "staff_id"),
    ],
)
def test_an_incomplete_signer_is_refused_naming_the_field(
    store: Store, signer: Signer, field: str
) -> None:
    briefing = _briefing(store)
    with pytest.raises(SignerError) as refused:
        add_signer(store, briefing, signer, actor="kiosk")
    assert refused.value.field == field
    assert signers_of(store, briefing) == []


def test_a_blank_name_an_unknown_or_abandoned_briefing_is_refused(store: Store) -> None:
    briefing = _briefing(store)
    blank = Signer(SignerKind.REPRESENTATIVE, "  ", NOW, role="son", reason="stroke")
    with pytest.raises(InputError, match="representative_name"):
        add_signer(store, briefing, blank, actor="kiosk")
    named = Signer(SignerKind.REPRESENTATIVE, "Luis Ruiz", NOW, role="son", reason="stroke")
    with pytest.raises(RecordError, match="not in the record"):
        add_signer(store, "no-such-briefing", named, actor="kiosk")
    with store.sessions.begin() as session:
        session.execute(
            BriefingRow.__table__.update()  # type: ignore[attr-defined]
            .where(BriefingRow.id == briefing)
            .values(status="abandoned")
        )
    with pytest.raises(RecordError, match="abandoned"):
        add_signer(store, briefing, named, actor="kiosk")
    with store.reading() as session:
        assert session.execute(select(SignerRow.id)).all() == []


def test_a_witness_signs_with_their_name_and_pin(store: Store) -> None:
    briefing = _briefing(store)
    add_staff(store, "Nurse Lee", "482913", NOW)
    wrong = witness(store, briefing, "Nurse Lee", "000000", NOW)
    assert not wrong.ok
    assert signers_of(store, briefing) == []  # a wrong PIN witnesses nothing
    right = witness(store, briefing, "Nurse Lee", "482913", NOW, role="staff witness")
    assert right.ok
    (signed,) = signers_of(store, briefing)
    assert (signed.kind, signed.name, signed.role) == (
        SignerKind.WITNESS,
        "Nurse Lee",
        "staff witness",
    )
    assert signed.staff_id == _staff_id(store, "Nurse Lee")
    with store.reading() as session:
        actor = session.execute(
            select(AuditEntry.actor).where(AuditEntry.action == "signer_added")
        ).scalar_one()
        assert actor == "Nurse Lee"
        assert agreement.disagreements(session) == []


def test_a_walk_up_with_a_witness_required_keeps_its_plan_and_the_record_names_the_missing_witness(
    store: Store,
) -> None:
    """Walk-up briefings take their witness from the setting, not from staff: the plan is stored
    when the briefing's row is born, so a session ended on the witness step (staff closed the
    kiosk) leaves a record that says the witness did not sign."""
    clock = FakeClock(NOW)
    briefing_id = "0c0ffee0-0000-4000-8000-000000000001"
    cosign = Cosigning(Plan(witness=True), StoreCosigners(store, briefing_id, clock), clock)
    b = Briefing(FORM, briefing_id, Recorder(store), clock, cosign=cosign)
    while b.current.kind is not ScreenKind.WITNESS:
        clock.advance(7)
        kind = b.current.kind
        if kind is ScreenKind.IDENTITY and not b.identity_confirmed:
            b.enter_identity("Ana Ruiz", date(1951, 3, 14))
        elif kind is ScreenKind.RISK and b.current.id not in b.acknowledgements:
            b.read_to_end()
            b.acknowledge_risk()
        elif kind is ScreenKind.QUESTION and not b.answers_to(b.current.id):
            b.answer_question(FORM.question(b.current.id).answer)
        elif kind is ScreenKind.SIGN:
            b.read_to_end()
            b.sign(signature(random.Random(1)))
            continue
        b.go_next()
    with store.reading() as session:
        record = load_record(session, briefing_id)
    assert [(u.kind, u.name) for u in record.unsigned] == [("witness", None)]
    b2 = Briefing(FORM, "0c0ffee0-0000-4000-8000-000000000002", Recorder(store), clock)
    b2.go_next()  # a walk-up without a witness: no plan stored
    with store.reading() as session:
        kinds = session.execute(text("SELECT briefing_id FROM planned_signers")).scalars().all()
    assert kinds == [briefing_id]


def test_staff_name_a_representative_during_a_briefing_audited_under_their_name(
    store: Store,
) -> None:
    clock = FakeClock(NOW)
    briefing_id = "0c0ffee0-0000-4000-8000-000000000003"
    b = Briefing(FORM, briefing_id, Recorder(store), clock)
    b.go_next()  # started: the walk-up's row is born
    rep = Representative("Luis Ruiz", "son", "aphasia after a stroke")
    name_representative(store, briefing_id, rep, staff="Nurse Lee", at=clock.now())
    assert planned_of(store, briefing_id).representative == rep
    with store.reading() as session:
        row = session.execute(select(AuditEntry).where(AuditEntry.action == NAMED)).scalar_one()
        assert agreement.disagreements(session) == []
    assert (row.actor, row.subject) == ("Nurse Lee", f"briefing:{briefing_id}")
    assert "Luis" not in row.detail and json.loads(row.detail) == {"kind": "representative"}
    b.abandon(AbandonReason.STAFF)
    with pytest.raises(RecordError, match="abandoned"):
        name_representative(store, briefing_id, rep, staff="Nurse Lee", at=clock.now())
