"""A briefing signed by a legally authorized representative, with an interpreter and a witness,
through the real widgets: staff prepare it in staff mode (in Spanish, so an interpreter is offered),
the representative reads it ("You are reading this for …") and signs, the interpreter attests with a
drawing, a staff member witnesses with their PIN (a wrong one first). Then every signer is in the
store with its audit row, on the PDF (pdftotext), in FHIR (validated by fhir.resources), and the
PDF's seal is valid to poppler's pdfsig."""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from fhir.resources.R4B import get_fhir_model_class
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel, QScroller
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.config import load_config
from kiosk.i18n import words_for
from kiosk.records import Filters, export_fhir
from kiosk.session import ScreenKind
from kiosk.station import Station
from kiosk.store.models import AuditEntry, Document, SignatureRow, SignerRow
from kiosk.store.planned import planned_of
from kiosk.store.signers import signers_of
from kiosk.store.staff import add_staff
from kiosk.ui.staff import prepare
from kiosk.ui.window import KioskWindow
from tests.pdfsig import pdfsig
from tests.records.fhir_checks import validate
from tests.ui.drive import (
    draw,
    key,
    kind,
    next_,
    scribble,
    sign_here,
    tap,
    tap_on_screen,
    type_date,
    walk_to,
)
from tests.ui.staff_drive import type_keys

PATIENT = "Ana Ruiz"
WITNESS, PIN = "Nurse Lee", "482913"
ES = words_for("es")


@pytest.fixture
def nurse(station: Station) -> str:
    add_staff(station.store, WITNESS, PIN, datetime.now(UTC))
    return WITNESS


def prepare_with_signers(qtbot: QtBot, window: KioskWindow) -> None:
    """Staff mode: the patient, the language (Spanish), who signs, the interpreter; the check of
    it all; Prepare."""
    window.open_staff()
    tap(qtbot, window.staff.prepare_button)
    form = window.staff.prepare
    type_keys(qtbot, form.name_keys, PATIENT)
    tap(qtbot, form.next_button)
    type_date(qtbot, form.keypad, "03141951")
    tap(qtbot, form.next_button)
    tap(qtbot, form.next_button)  # no MRN
    assert form.step == prepare.CHOOSE, form.message.text()
    tap(qtbot, form.languages.buttons["es"])
    tap(qtbot, form.next_button)
    assert form.step == prepare.PLAN, form.message.text()
    plan = form.plan.plan_step
    type_keys(qtbot, plan.keys, "Dr Okafor")
    assert plan.practitioner.text() == "Dr Okafor"
    plan.type_into(plan.planned)  # the staff keys have no "/": the date's eight digits will do
    for digit in "12182030":
        tap(qtbot, key(plan.digits, digit))
    assert plan.planned_date() == date(2030, 12, 18)
    tap(qtbot, plan.representative)
    tap(qtbot, plan.witness)
    tap(qtbot, form.next_button)
    assert form.step == prepare.REP, form.message.text()
    rep = form.plan.rep_step
    type_keys(qtbot, rep.keys, "Luis Ruiz")
    tap(qtbot, form.next_button)  # no relationship: refused in one sentence
    assert form.step == prepare.REP
    assert form.message.text() == words_for("en")("staff.prepare.rep-relationship")
    rep.type_into(rep.relationship)
    type_keys(qtbot, rep.keys, "son")
    rep.type_into(rep.reason)
    type_keys(qtbot, rep.keys, "aphasia")
    tap(qtbot, form.next_button)
    assert form.step == prepare.INTERP, form.message.text()
    interp = form.plan.interp_step
    tap(qtbot, interp.helps)
    type_keys(qtbot, interp.keys, "Marta Gil")
    tap(qtbot, form.next_button)  # no ID or agency
    assert form.message.text() == words_for("en")("staff.prepare.interp-id")
    interp.type_into(interp.agency)
    type_keys(qtbot, interp.keys, "LL-")
    for digit in "7781":
        tap(qtbot, key(interp.digits, digit))
    tap(qtbot, interp.modes[next(iter(m for m in interp.modes if m.value == "in_person"))])
    tap(qtbot, form.next_button)
    assert form.step == prepare.CHECK, form.message.text()
    tap(qtbot, form.next_button)  # Prepare
    assert form.step == prepare.NAME and not form.message.isVisible(), form.message.text()
    tap(qtbot, window.staff.back_button)


def test_a_representative_signs_with_an_interpreter_and_a_witness(
    qtbot: QtBot, window: KioskWindow, station: Station, nurse: str, tmp_path: Path
) -> None:
    prepare_with_signers(qtbot, window)
    tap(qtbot, window.welcome.start_button)
    assert kind(window) is ScreenKind.IDENTITY and window.words.language == "es"
    b = window.briefing
    assert b is not None and b.cosign is not None
    plan = planned_of(station.store, b.briefing_id)
    assert plan.representative is not None and plan.representative.relationship == "son"
    assert plan.interpreter is not None and plan.interpreter.language == "es" and plan.witness
    assert window.identity.title.text() == ES("identity.hello", name="Luis Ruiz")
    assert ES("cosign.reading-for", patient=PATIENT) in window.identity.instruction.text()
    type_date(qtbot, window.identity.keypad, "03141951")
    next_(qtbot, window)
    walk_to(qtbot, window, ScreenKind.SIGN)
    page = window.sign
    # (the name and the date each isolated for the bidirectional algorithm: no mark to read)
    assert page.who.text().lstrip("\u2068").startswith("Luis Ruiz")
    assert page.behalf.text() == ES("cosign.reading-for", patient=PATIENT)
    shown = [w.text() for w in page._points]
    assert shown[0] == ES("signer.meaning.representative")
    sign_here(qtbot, window)
    next_(qtbot, window)

    # The interpreter attests, with a drawing; nothing is filed yet.
    assert kind(window) is ScreenKind.INTERPRETER, window.bottom.message.text()
    with station.store.reading() as session:
        assert session.scalars(select(Document.status)).one() == "pending"  # not made yet
        assert [r.kind for r in session.scalars(select(SignerRow))] == ["representative"]
    assert window.interpreter.who.text() == "Marta Gil"
    scribble(window.interpreter.pad)
    tap(qtbot, window.bottom.primary)

    # The witness: a wrong PIN first (one sentence, nothing stored), then theirs.
    assert kind(window) is ScreenKind.WITNESS
    witness = window.witness
    assert QScroller.hasScroller(
        witness.names.viewport()
    )  # a long list of staff: a finger scrolls it
    assert list(witness._choices) == [WITNESS] and witness._choices[WITNESS].isChecked()  # the
    # one name there is is chosen already (a reviewer had to find and tap it)
    tap_on_screen(qtbot, witness._choices[WITNESS])  # through the list's finger scrolling
    for digit in "111111":
        tap(qtbot, witness.keys[digit])
    tap(qtbot, window.bottom.primary)
    assert kind(window) is ScreenKind.WITNESS
    assert window.bottom.message.text() == ES("staff.sign-in.no-match")
    assert witness.pin_typed == ""
    with station.store.reading() as session:
        assert len(session.scalars(select(SignerRow)).all()) == 2
    for digit in PIN:
        tap(qtbot, witness.keys[digit])
        assert window.bottom.message.text() == ""  # said until they typed again
    assert witness.pin_typed == PIN
    with qtbot.waitSignal(window.pdf_finished, timeout=30_000):
        tap(qtbot, window.bottom.primary)
    assert kind(window) is ScreenKind.DONE

    briefing_id = b.briefing_id
    signers = signers_of(station.store, briefing_id)
    assert [(s.kind.value, s.name) for s in signers] == [
        ("representative", "Luis Ruiz"),
        ("interpreter", "Marta Gil"),
        ("witness", WITNESS),
    ]
    rep, interp, wit = signers
    assert (rep.role, rep.reason) == ("son", "aphasia") and rep.image_png
    assert (interp.interpreter_id, interp.language, interp.mode) == ("LL-7781", "es", "in_person")
    assert interp.image_png and wit.staff_id is not None and wit.image_png is None
    with station.store.reading() as session:
        audited = session.scalars(
            select(AuditEntry).where(
                AuditEntry.subject == f"briefing:{briefing_id}",
                AuditEntry.action == "signer_added",
            )
        ).all()
        assert [json.loads(a.detail)["kind"] for a in audited] == [
            "representative",
            "interpreter",
            "witness",
        ]
        assert audited[-1].actor == WITNESS
        failed = session.scalars(
            select(AuditEntry).where(AuditEntry.action.like("%login_failed%"))
        ).all()
        assert failed, "the wrong PIN is audited as a failed sign-in"
        document = session.scalars(
            select(Document).where(Document.briefing_id == briefing_id)
        ).one()

    pdf = load_config().documents_dir / document.path
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    for word in (
        "Luis Ruiz",
        "Marta Gil",
        WITNESS,
        "LL-7781",
        "Dr Okafor",
        ES("document.signer.representative"),
        ES("document.signer.interpreter"),
        ES("document.signer.witness"),
        ES("document.signed-for", name=PATIENT),
        ES("pdf.signed-by", name="Luis Ruiz"),
    ):
        assert word in flat, word
    report = pdfsig(pdf)
    assert report.valid and report.whole_document, report.text

    target = tmp_path / "fhir.json"
    export_fhir(station.store, target, Filters(), by="Auditor", documents=tmp_path / "out")
    data = json.loads(target.read_text(encoding="utf-8"))
    get_fhir_model_class("Bundle").model_validate(data)
    resources = [e["resource"] for e in data["entry"]]
    for resource in resources:
        validate(resource)
    (person,) = [r for r in resources if r["resourceType"] == "RelatedPerson"]
    assert person["name"] == [{"text": "Luis Ruiz"}]
    (provenance,) = [r for r in resources if r["resourceType"] == "Provenance"]
    people = ("Luis Ruiz", "Marta Gil", WITNESS)  # beside the kiosk's own seal
    shown = [s["who"].get("display") for s in provenance["signature"]]
    assert [who for who in shown if who in people] == list(people)


def walk_up_to_sign(
    qtbot: QtBot, window: KioskWindow, station: Station, *, witness_required: bool
) -> None:
    """A walk-up patient at 1280x800 types their name and birth date and walks to signing."""
    from dataclasses import replace

    values = {**station.config.values, "walk_up_mode": True, "witness_required": witness_required}
    station.config = replace(station.config, values=values)
    window.show_at(QSize(1280, 800))
    tap(qtbot, window.welcome.start_button)
    window.identity.name.setText(PATIENT)
    next_(qtbot, window)
    type_date(qtbot, window.identity.keypad, "03141951")
    next_(qtbot, window)
    walk_to(qtbot, window, ScreenKind.SIGN)


def test_the_witness_step_waits_for_a_name_and_the_done_screen_for_the_witness(
    qtbot: QtBot, window: KioskWindow, station: Station, nurse: str, clock: object
) -> None:
    """Walk-up with `witness_required`: no name tapped is one sentence, and the PIN typed before
    it is kept (a reviewer typed it again); the one name there is is chosen already; the step does
    not time out into Welcome while staff come over."""
    add_staff(station.store, "Lee Park", "135790", datetime.now(UTC))
    walk_up_to_sign(qtbot, window, station, witness_required=True)
    sign_here(qtbot, window)
    next_(qtbot, window)
    assert kind(window) is ScreenKind.WITNESS
    witness = window.witness
    assert not any(c.isChecked() for c in witness._choices.values())  # two names: none chosen
    for digit in "2468":
        tap(qtbot, witness.keys[digit])
    tap(qtbot, window.bottom.primary)  # no name tapped
    assert window.bottom.message.text() == words_for("en")("cosign.witness.choose-name")
    assert witness.pin_typed == "2468"
    tap(qtbot, witness._choices["Lee Park"])  # the name now: the PIN typed stays
    assert witness.pin_typed == "2468"
    tap(qtbot, witness._choices[nurse])  # another person: their own PIN, typed afresh
    assert witness.pin_typed == ""
    clock.advance(600)  # type: ignore[attr-defined]
    window.tick()
    assert kind(window) is ScreenKind.WITNESS, "the witness step waits for the witness"


def test_staff_closing_the_kiosk_on_the_witness_step_make_its_pdf_which_names_the_missing_witness(
    qtbot: QtBot, window: KioskWindow, station: Station, nurse: str
) -> None:
    """The patient signed; staff close the kiosk before anyone witnessed. The PDF is made then
    (not at the next start), and says the witness did not sign."""
    walk_up_to_sign(qtbot, window, station, witness_required=True)
    sign_here(qtbot, window)
    next_(qtbot, window)
    assert kind(window) is ScreenKind.WITNESS
    briefing_id = window.briefing.briefing_id  # type: ignore[union-attr]
    window.open_staff()
    tap(qtbot, window.staff.leave_button)  # asked first
    with qtbot.waitSignal(window.filer.finished, timeout=30_000) as made:
        tap(qtbot, window.staff.leave_confirm.go_button)
    assert made.args == [briefing_id]
    assert not window.isVisible()
    with station.store.reading() as session:
        document = session.execute(
            select(Document).where(Document.briefing_id == briefing_id)
        ).scalar_one()
    assert document.status == "made" and document.path
    text = subprocess.run(
        ["pdftotext", str(station.config.documents_dir / document.path), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    en = words_for("en")
    assert en("document.signer.witness") in text
    assert en("document.unsigned")[:40] in " ".join(text.split())


def name_representative(qtbot: QtBot, window: KioskWindow) -> None:
    """Staff open staff mode over the briefing under way and name Luis Ruiz, the patient's son (a
    missing relationship refused in one sentence first); back on the patient's screen."""
    window.open_staff()
    page = window.staff
    assert page.represent_button.isVisibleTo(page.menu)
    tap(qtbot, page.represent_button)
    panel = page.represent
    assert page.pages.currentWidget() is panel
    type_keys(qtbot, panel.step.keys, "Luis Ruiz")
    tap(qtbot, panel.save_button)
    assert panel.message.text() == words_for("en")("staff.prepare.rep-relationship")
    panel.step.type_into(panel.step.relationship)
    type_keys(qtbot, panel.step.keys, "son")
    assert not panel.message.isVisible()  # said until staff typed what it asked for
    panel.step.type_into(panel.step.reason)
    type_keys(qtbot, panel.step.keys, "aphasia")
    tap(qtbot, panel.save_button)


def test_staff_name_a_representative_on_the_sign_screen_who_then_signs(
    qtbot: QtBot, window: KioskWindow, station: Station
) -> None:
    """A walk-up patient reaches signing, draws a line and cannot go on: staff name a
    representative, and the sign screen now speaks to them, on an empty pad (nothing of the
    patient's line is kept); they sign. The representative is stored like a planned one, the
    signature holds only their strokes, and naming them is audited under the staff member's name."""
    from kiosk.store.planned import NAMED

    window.open_staff()  # between patients: no briefing to name a representative for
    assert window.staff.menu.isVisible() and not window.staff.represent_button.isVisible()
    tap(qtbot, window.staff.back_button)
    walk_up_to_sign(qtbot, window, station, witness_required=False)
    # In larger text the statement is longer than its room: the representative's is seen to wait
    # for them to read it (at normal text it fits, and is read as it shows).
    tap(qtbot, window.top.larger_button)
    briefing_id = window.briefing.briefing_id  # type: ignore[union-attr]
    pad = window.sign.pad
    draw(pad, [(pad.width() * 0.2, pad.height() * 0.5), (pad.width() * 0.5, pad.height() * 0.6)])
    assert len(pad.strokes()) == 1
    name_representative(qtbot, window)
    assert window.stack.currentWidget() is window.sign and kind(window) is ScreenKind.SIGN
    assert pad.is_empty()
    assert window.model is not None and window.model.view.person == "Luis Ruiz"
    first = next(
        p for p in window.sign.statement.findChildren(QLabel) if p.property("role") == "point"
    )
    assert first.text() == words_for("en")("signer.meaning.representative")
    assert window.briefing is not None and not window.briefing.has_read("sign")
    window.open_staff()  # named already: not offered again
    assert window.staff.menu.isVisible() and not window.staff.represent_button.isVisible()
    tap(qtbot, window.staff.back_button)
    sign_here(qtbot, window)
    next_(qtbot, window)
    assert kind(window) is ScreenKind.DONE
    [rep] = signers_of(station.store, briefing_id)
    assert (rep.name, rep.role, rep.reason) == ("Luis Ruiz", "son", "aphasia")
    with station.store.reading() as session:
        actors = session.scalars(select(AuditEntry.actor).where(AuditEntry.action == NAMED)).all()
    assert actors == ["Sam Carter"]
    with station.store.reading() as session:
        strokes = session.scalars(
            select(SignatureRow.strokes_json).where(SignatureRow.briefing_id == briefing_id)
        ).one()
    assert len(json.loads(strokes)) == 2  # the representative's wave and cross, not the line


def test_a_representative_named_while_the_patient_types_their_name_signs_by_drawing(
    qtbot: QtBot, window: KioskWindow, station: Station
) -> None:
    """The patient had chosen to type their name and begun: once staff name a representative, the
    screen is back to the pad, the typed name is gone, and the statement (now starting with the
    representative's point) is on screen to be read whole before Sign."""
    walk_up_to_sign(qtbot, window, station, witness_required=False)
    sign = window.sign
    tap(qtbot, sign.switch)
    assert sign.keyboard.isVisible()  # (the statement under the keys, where there is room)
    sign.typed.setText("Ana")
    name_representative(qtbot, window)
    assert sign.pad.isVisible() and not sign.keyboard.isVisible() and sign.typed.text() == ""
    assert sign.statement_box.isVisible()
    sign_here(qtbot, window)  # Sign waits for the statement's end to have been on screen
    next_(qtbot, window)
    assert kind(window) is ScreenKind.DONE
