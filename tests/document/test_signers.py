"""The PDF of a briefing signed by a representative, with an interpreter and a witness: every signer
printed with the 21 CFR 11.50 elements, the practitioner and planned date in the title block, the
record it carries naming them all, and the seal still valid (verify and pdfsig)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from kiosk.document import seal
from kiosk.document.make import make_document
from kiosk.document.verify import embedded_record, verify_pdf
from kiosk.i18n import words_for
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
