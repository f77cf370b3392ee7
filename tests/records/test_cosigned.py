"""Who signs beside the patient, as staff read it on a briefing's page: the plan made when it was
prepared, then who signed and when; the practitioner and the planned date (reviewers: a briefing's
page showed none of them, though staff had planned an interpreter and a witness)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from kiosk.i18n import words_for
from kiosk.records.cosigned import Cosigned, cosigned
from kiosk.session.cosign import Interpreter, Plan, Representative
from kiosk.session.signers import InterpreterMode, Signer, SignerKind
from kiosk.store import Store
from kiosk.store.briefings import prepare_briefing
from kiosk.store.models import StaffUser
from kiosk.store.signers import add_signer
from kiosk.store.staff import add_staff
from kiosk.ui.staff.describe import signer_lines, when
from tests.records.conftest import FORM

NOW = datetime(2026, 12, 6, 10, 0, tzinfo=UTC)
INTERPRETER = Interpreter("Marta Gil", "LanguageLine 7781", "es", InterpreterMode.PHONE)


def prepared(store: Store, plan: Plan) -> str:
    return prepare_briefing(
        store, FORM, name="Ana Ruiz", date_of_birth=date(1950, 5, 6), mrn=None, staff="Sam",
        now=NOW, language="es", practitioner="Dr. Okafor", planned_date=date(2026, 12, 18),
        plan=plan,
    )  # fmt: skip


def nurse_lee(store: Store, at: datetime) -> Signer:
    """A witness: a staff member, signed in with their PIN."""
    add_staff(store, "Nurse Lee", "482913", NOW)
    with store.reading() as session:
        staff = session.execute(select(StaffUser.id)).scalar_one()
    return Signer(SignerKind.WITNESS, "Nurse Lee", at, staff_id=staff)


def test_the_plan_is_shown_before_anyone_signed_then_each_signature_with_its_time(
    store: Store,
) -> None:
    en = words_for("en")
    briefing_id = prepared(store, Plan(interpreter=INTERPRETER, witness=True))
    seen = cosigned(store, briefing_id)
    assert (seen.practitioner, seen.planned_date) == ("Dr. Okafor", date(2026, 12, 18))
    waiting = en("staff.detail.cosigner-waiting")
    interpreter = en(
        "staff.detail.interpreter", name="Marta Gil", id="LanguageLine 7781", language="Español",
        mode=en("document.mode.phone"), state=waiting,
    )  # fmt: skip
    assert (
        interpreter == "Interpreter: Marta Gil · LanguageLine 7781 · Español, by phone · not signed"
    )
    assert signer_lines(en, seen, NOW) == [
        interpreter,
        en("staff.detail.witness-planned", state=waiting),
    ]

    at = NOW + timedelta(minutes=20)
    add_signer(
        store, briefing_id, Plan(interpreter=INTERPRETER).interpreter_signer(at), actor="kiosk"
    )
    add_signer(store, briefing_id, nurse_lee(store, at), actor="kiosk")
    lines = signer_lines(en, cosigned(store, briefing_id), NOW)
    signed = en("staff.detail.cosigner-signed", when=when(en, at, NOW))
    assert lines[0].endswith(f"by phone · {signed}")
    assert lines[1] == en("staff.detail.witness", name="Nurse Lee", state=signed)


def test_a_representative_named_and_a_witness_the_clinic_requires_are_listed_too(
    store: Store,
) -> None:
    en = words_for("en")
    rep = Representative("Luis Ruiz", "son", "aphasia after a stroke")
    briefing_id = prepared(store, Plan(representative=rep))
    assert signer_lines(en, cosigned(store, briefing_id), NOW) == [
        en(
            "staff.detail.representative",
            name="Luis Ruiz",
            relationship="son",
            state=en("staff.detail.cosigner-waiting"),
        ),
        # why the patient cannot sign, as staff gave it (a reviewer could not check it)
        en("staff.detail.representative-reason", reason="aphasia after a stroke"),
    ]
    # no witness was planned, but the clinic's setting asked for one: the one who signed is listed
    add_signer(store, briefing_id, nurse_lee(store, NOW), actor="kiosk")
    assert signer_lines(en, cosigned(store, briefing_id), NOW)[-1].startswith("Witness: Nurse Lee")


def test_nobody_planned_says_nothing_and_an_unknown_briefing_reads_empty(store: Store) -> None:
    en = words_for("en")
    assert signer_lines(en, cosigned(store, prepared(store, Plan())), NOW) == []
    assert cosigned(store, "no-such-briefing") == Cosigned()


def test_a_name_in_right_to_left_letters_keeps_its_own_direction_in_a_staff_line() -> None:
    """A representative "علي", the patient's son "ابن": the English line read "(علي (ابن"."""
    from kiosk.i18n import isolated

    seen = Cosigned(plan=Plan(Representative("علي", "ابن", "stroke"), None, False))
    line, why = signer_lines(words_for("en"), seen, NOW)
    assert f"{isolated('علي')} ({isolated('ابن')})" in line and why.endswith("stroke")
    latin = Cosigned(plan=Plan(Representative("Luis Ruiz", "son", "aphasia"), None, False))
    assert "Luis Ruiz (son)" in signer_lines(words_for("en"), latin, NOW)[0]
