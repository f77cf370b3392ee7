"""The PDF of a briefing signed by a representative, with an interpreter and a witness: every signer
printed with the 21 CFR 11.50 elements, the practitioner and planned date in the title block, the
record it carries naming them all, and the seal still valid (verify and pdfsig)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.document import seal
from kiosk.document.make import make_document
from kiosk.document.record import FORMAT_2, BriefingRecord
from kiosk.document.verify import embedded_record, verify_pdf
from kiosk.i18n import words_for
from kiosk.session.cosign import Interpreter, Plan
from kiosk.session.signers import InterpreterMode, Signer, SignerKind
from kiosk.store import Store
from kiosk.store.models import StaffUser
from kiosk.store.signers import add_signer
from kiosk.store.staff import add_staff
from tests.document.conftest import FORM, SignedBriefing, pdf_text
from tests.pdfsig import pdfsig

NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
SIGNED = datetime(2026, 11, 23, 14, 30, tzinfo=UTC)


def _sign_all(store: Store, briefing_id: str) -> None:
    add_staff(store, "Nurse Lee", "482913", NOW)
    with store.reading() as session:
        staff = session.execute(select(StaffUser.id)).scalar_one()
    for signer in (
        Signer(
            SignerKind.REPRESENTATIVE,
            "Luis Ruiz",
            SIGNED,
            role="son",
            reason="aphasia after a stroke",
            image_png=b"\x89PNG drawn",
        ),
        Signer(
            SignerKind.INTERPRETER,
            "Marta Gil",
            SIGNED + timedelta(minutes=1),
            interpreter_id="LanguageLine 7781",
            language="es",
            mode=InterpreterMode.PHONE,
        ),
        Signer(
            SignerKind.WITNESS,
            "Nurse Lee",
            SIGNED + timedelta(minutes=2),
            role="staff witness",
            staff_id=staff,
        ),
    ):
        add_signer(store, briefing_id, signer, actor="kiosk")


def test_every_signer_is_printed_with_name_time_and_meaning(
    store: Store, signed: SignedBriefing, signer: seal.Signer, tmp_path: Path
) -> None:
    briefing_id = signed(practitioner="Dr. Okafor", planned_date=date(2026, 12, 18))
    _sign_all(store, briefing_id)
    made = make_document(store, briefing_id, {FORM.id: FORM}, signer, tmp_path, NOW, zone=UTC)
    text = " ".join(pdf_text(made.path).split())
    en = words_for("en")
    for needle in [
        en("document.practitioner"),
        "Dr. Okafor",
        en("document.planned-date"),
        en.date(date(2026, 12, 18)),
        en("document.signer.representative"),
        en("pdf.signed-by", name="Luis Ruiz"),
        en("document.signer-role", role="son"),
        en("document.signer-reason", reason="aphasia after a stroke"),
        en("document.signer.interpreter"),
        en("pdf.signed-by", name="Marta Gil"),
        "LanguageLine 7781",
        en("document.mode.phone"),
        en("document.signer.witness"),
        en("pdf.signed-by", name="Nurse Lee"),
        en("document.signer-meaning", statement=en("signer.meaning.representative")),
        en("document.signer-meaning", statement=en("signer.meaning.interpreter")),
        en("document.signer-meaning", statement=en("signer.meaning.witness")),
        "2:31",  # the interpreter's time, in the PDF's zone
    ]:
        assert needle in text, needle
    record = json.loads(embedded_record(made.path.read_bytes()) or b"{}")
    assert [s["kind"] for s in record["signers"]] == ["representative", "interpreter", "witness"]
    assert (record["practitioner"], record["planned_date"]) == ("Dr. Okafor", "2026-12-18")
    verdict = verify_pdf(made.path.read_bytes(), store)
    assert verdict.intact, verdict.message
    report = pdfsig(made.path)
    assert report.valid, report.text
    assert report.whole_document, report.text


def test_a_briefing_signed_alone_prints_no_signers_and_no_plan(
    store: Store, signed: SignedBriefing, signer: seal.Signer, tmp_path: Path
) -> None:
    made = make_document(store, signed(), {FORM.id: FORM}, signer, tmp_path, NOW, zone=UTC)
    text = " ".join(pdf_text(made.path).split())
    en = words_for("en")
    assert en("document.practitioner") not in text
    assert en("document.signer.witness") not in text
    record = json.loads(embedded_record(made.path.read_bytes()) or b"{}")
    assert "signers" not in record
    assert "practitioner" not in record


def test_a_planned_signer_who_did_not_sign_is_named_as_such(
    store: Store,
    signed: SignedBriefing,
    signer: seal.Signer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Staff planned an interpreter and a witness; the interpreter attested, then the session
    ended on the witness's step (staff closed the kiosk). The PDF, made later, says the witness
    did not sign, and its record says so; a PDF made before records said it still verifies."""
    interpreter = Interpreter("Marta Gil", "LanguageLine 7781", "es", InterpreterMode.PHONE)
    briefing_id = signed(plan=Plan(interpreter=interpreter, witness=True))
    at = SIGNED + timedelta(minutes=1)
    add_signer(
        store, briefing_id, Plan(interpreter=interpreter).interpreter_signer(at), actor="kiosk"
    )
    made = make_document(store, briefing_id, {FORM.id: FORM}, signer, tmp_path, NOW, zone=UTC)
    text = " ".join(pdf_text(made.path).split())
    en = words_for("en")
    assert en("pdf.signed-by", name="Marta Gil") in text
    assert en("document.signer.witness") in text and en("document.unsigned") in text
    assert en("document.unsigned-named", name="Marta Gil") not in text
    record = json.loads(embedded_record(made.path.read_bytes()) or b"{}")
    assert record["unsigned"] == [{"kind": "witness", "name": None}]
    assert verify_pdf(made.path.read_bytes(), store).intact
    with monkeypatch.context() as m:  # the same PDF as a kiosk made it before this record format
        m.setattr(BriefingRecord, "to_json", lambda self: self.in_format(FORMAT_2))
        old = make_document(store, briefing_id, {FORM.id: FORM}, signer, tmp_path / "old", NOW)
    data = json.loads(embedded_record(old.path.read_bytes()) or b"{}")
    assert data["format"] == FORMAT_2 and "unsigned" not in data
    verdict = verify_pdf(old.path.read_bytes(), store)
    assert verdict.intact, verdict.message


def test_a_planned_interpreter_who_did_not_attest_is_named(
    store: Store, signed: SignedBriefing, signer: seal.Signer, tmp_path: Path
) -> None:
    interpreter = Interpreter("Marta Gil", "LanguageLine 7781", "es", InterpreterMode.VIDEO)
    briefing_id = signed(plan=Plan(interpreter=interpreter))
    made = make_document(store, briefing_id, {FORM.id: FORM}, signer, tmp_path, NOW, zone=UTC)
    text = " ".join(pdf_text(made.path).split())
    en = words_for("en")
    assert en("document.signer.interpreter") in text
    assert en("document.unsigned-named", name="Marta Gil") in text
    record = json.loads(embedded_record(made.path.read_bytes()) or b"{}")
    assert record["unsigned"] == [{"kind": "interpreter", "name": "Marta Gil"}]
    report = pdfsig(made.path)
    assert report.valid, report.text
