"""The briefing PDF from a real signed briefing: what it shows, what it carries, how it is filed and verified."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

import pytest
from babel.lists import format_list
from reportlab.platypus import Spacer  # type: ignore[import-untyped]
from sqlalchemy import select

from kiosk.document import seal
from kiosk.document.make import (
    ATTACHMENT,
    DocumentError,
    attach_record,
    make_document,
    make_pending,
    pdf_bytes,
    pending,
)
from kiosk.document.record import load_record
from kiosk.document.story import build_story, when
from kiosk.document.template import footer_text, render
from kiosk.document.verify import Outcome, embedded_record, verify_pdf
from kiosk.i18n import words_for
from kiosk.store import Store
from kiosk.store.database import place_of
from kiosk.store.models import AuditEntry, Document
from tests.document.conftest import FLAGGED, FORM, SignedBriefing, pdf_text
from tests.pdfsig import pdfsig

NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
FORMS = {FORM.id: FORM}
EN = words_for("en")
FLAG_NOTE = EN("pdf.flagged", when="").removesuffix(": ")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "documents"


LABELS = (
    "pdf.patient",
    "pdf.date-of-birth",
    "pdf.mrn",
    "pdf.procedure",
    "pdf.content",
    "pdf.briefing",
    "pdf.kiosk",
    "pdf.signed",
)


def test_the_pdf_shows_everything_the_patient_saw_and_did(
    store: Store, signed: SignedBriefing, signer: seal.Signer, folder: Path
) -> None:
    briefing_id = signed("Zoë Ångström-Łukasiewicz")
    made = make_document(store, briefing_id, FORMS, signer, folder, NOW, zone=UTC)
    text = " ".join(pdf_text(made.path).split())  # one line, single spaces: wrapped lines join up
    with store.reading() as s:
        record = load_record(s, briefing_id)
    for needle in [
        EN("pdf.title"),
        *(EN(label) for label in LABELS),
        "Zoë Ångström-Łukasiewicz",
        EN.date(record.patient.date_of_birth),
        "MRN-0042",
        briefing_id,
        "kiosk-test",
        EN("pdf.content-version", form=FORM.id, version=FORM.version, sha256=FORM.content_sha256),
        EN("pdf.read"),
        EN("pdf.read-note"),
        EN("pdf.steps"),
        EN("pdf.risks"),
        EN("pdf.check"),
        EN("pdf.check-note"),
        EN("pdf.signature"),
        EN("pdf.meaning-label"),
        FORM.about.title,
        *(EN("pdf.step", n=n, title=step.title) for n, step in enumerate(FORM.steps, start=1)),
        *(item.title for item in FORM.options.items),
        *(item.title for item in FORM.precautions.items),
        *(" ".join(q.prompt.split()) for q in FORM.questions),
        FLAG_NOTE,
        EN("pdf.signed-by", name=record.patient.name),
        EN("pdf.signed-when", when=when(record.signed_at, UTC, EN)),
        " ".join(FORM.signing.statement.split()),
        EN("pdf.audit-head", hash=record.audit_head),
        EN("pdf.page", page=1, pages=len(pdf_text(made.path).split("\f")[:-1])),
    ]:
        assert " ".join(needle.split()) in text, needle  # a narrow no-break space joins up too
    for risk, ack in zip(FORM.risks, record.acknowledgements, strict=True):
        assert ack.risk_id == risk.id
        line = f"{risk.title} "
        assert line in text
        done = EN("pdf.acknowledged", count=11, when=when(ack.acknowledged_at, UTC, EN))
        assert " ".join(done.split()) in text
    assert "after 11 seconds on this screen" in text  # the plural by the count
    assert "November 23, 2026" in text  # the screens' date, by the locale (Babel)
    # the wrong first answer, the screen it sent the patient back to, and the second answer
    first = FORM.questions[0]
    teaches = FORM.screen(first.teaches).title
    assert EN("pdf.shown-again", title=teaches) in text
    assert EN("pdf.not-right") in text
    assert EN("pdf.seen-again", titles=EN("pdf.quoted", title=teaches)) in text
    # every page carries the footer
    pages = pdf_text(made.path).split("\f")[:-1]
    assert len(pages) >= 4
    for number, page in enumerate(pages, start=1):
        assert EN("pdf.page", page=number, pages=len(pages)) in page
        footer = EN(
            "pdf.footer",
            briefing=briefing_id,
            version=FORM.version,
            sha256=FORM.content_sha256[:12],
            name="",
        ).removesuffix(" · ")  # the name, last, wraps beside the page number
        assert footer in " ".join(page.split())


def test_the_flag_is_marked_on_its_screen(
    store: Store, signed: SignedBriefing, signer: seal.Signer, folder: Path
) -> None:
    made = make_document(store, signed(), FORMS, signer, folder, NOW, zone=UTC)
    text = " ".join(pdf_text(made.path).split())
    flagged_title = FORM.risk(FLAGGED).title
    after = text[text.index(flagged_title) :]
    # In the order the patient did them: the acknowledgement, then the question flagged after it.
    assert after.index(EN("pdf.acknowledged", count=2, when="")[:14]) < after.index(FLAG_NOTE)
    assert after.index(FLAG_NOTE) < after.index(
        FORM.risks[FORM.risks.index(FORM.risk(FLAGGED)) + 1].title
    )
    assert text.count(FLAG_NOTE) == 1


def test_the_record_inside_matches_the_store(
    store: Store, signed: SignedBriefing, signer: seal.Signer, folder: Path
) -> None:
    briefing_id = signed()
    made = make_document(store, briefing_id, FORMS, signer, folder, NOW)
    attached = embedded_record(made.path.read_bytes())
    assert attached is not None
    with store.reading() as s:
        assert attached == load_record(s, briefing_id).to_json()
        document = s.execute(
            select(Document).where(Document.briefing_id == briefing_id)
        ).scalar_one()
        actions = s.execute(select(AuditEntry.action).order_by(AuditEntry.seq)).scalars().all()
    data = json.loads(attached)
    assert data["format"] == "briefing-record/3"
    assert data["language"] == "en"
    assert {a["language"] for a in data["acknowledgements"]} == {"en"}
    assert data["signature"]["content_sha256"] == FORM.content_sha256
    assert data["patient"] == {
        "name": "Zoë Ångström-Łukasiewicz",
        "date_of_birth": "1951-03-14",
        "mrn": "MRN-0042",
    }
    assert data["content_sha256"] == FORM.content_sha256
    assert [a["risk_id"] for a in data["acknowledgements"]] == [r.id for r in FORM.risks]
    assert [f["screen_id"] for f in data["flags"]] == [FLAGGED]
    assert len(data["answers"]) == len(FORM.questions) + 1
    assert len(data["signature"]["strokes"]) == 2
    assert (document.status, document.path, document.sha256) == (
        "made",
        made.path.name,  # relative to the documents folder
        made.sha256,
    )
    assert actions[-1] == "document_made"
    assert "Zoë" not in made.path.name  # no personal detail in the file name


def test_sealed_pdf_passes_verify_and_pdfsig(
    store: Store, signed: SignedBriefing, signer: seal.Signer, folder: Path
) -> None:
    made = make_document(store, signed(), FORMS, signer, folder, NOW)
    verdict = verify_pdf(made.path.read_bytes(), store)
    assert verdict.intact, verdict.message
    assert verdict.message.startswith(f"intact: briefing {made.briefing_id}")
    report = pdfsig(made.path)
    assert report.valid, report.text
    assert report.whole_document, report.text


def test_one_flipped_byte_fails_verify(
    store: Store, signed: SignedBriefing, signer: seal.Signer, folder: Path
) -> None:
    made = make_document(store, signed(), FORMS, signer, folder, NOW)
    data = bytearray(made.path.read_bytes())
    spot = data.index(b"stream") + 200  # inside the first page's content, under the signature
    data[spot] ^= 0x01
    tampered = folder / "tampered.pdf"
    tampered.write_bytes(bytes(data))
    verdict = verify_pdf(bytes(data), store)
    assert not verdict.intact
    assert (
        verdict.message
        == "NOT intact: the signature does not match the file (it was changed after signing)"
    )
    report = pdfsig(tampered)
    assert not report.valid, report.text


def test_a_record_swapped_between_briefings_fails_verify(
    store: Store, signed: SignedBriefing, signer: seal.Signer, folder: Path
) -> None:
    """Even sealed with the kiosk's own key, pages of one briefing with the record of another fail."""
    first, second = signed("Ana Ruiz"), signed("Ben Okafor")
    make_document(store, first, FORMS, signer, folder, NOW)
    make_document(store, second, FORMS, signer, folder, NOW)
    with store.reading() as s:
        record_a, record_b = load_record(s, first), load_record(s, second)
    forged = seal.sign_pdf(
        attach_record(
            render(
                build_story(record_a, FORM, EN),
                words=EN,
                footer=footer_text(EN, "Ana Ruiz", first, FORM.version, FORM.content_sha256),
                title="x",
                subject=f"briefing {first}",
            ),
            record_b.to_json(),
            EN,
        ),
        signer,
    )
    verdict = verify_pdf(forged, store)
    assert not verdict.intact
    assert (
        verdict.message
        == f"NOT intact: the attached record is briefing {second}, but the pages are briefing {first}"
    )


def test_an_older_copy_is_named_by_its_sha256(
    store: Store, signed: SignedBriefing, signer: seal.Signer, folder: Path
) -> None:
    briefing_id = signed()
    old = make_document(store, briefing_id, FORMS, signer, folder, NOW).path.read_bytes()
    make_document(
        store, briefing_id, FORMS, signer, folder, NOW
    )  # reprinted: a new seal, new bytes
    verdict = verify_pdf(old, store)
    assert not verdict.intact
    assert "is not the one stored for briefing" in verdict.message


def test_files_that_are_not_briefing_records(store: Store, signer: seal.Signer) -> None:
    assert verify_pdf(b"not a pdf", store).message.startswith(
        "NOT intact: the file cannot be read as a PDF"
    )
    plain = render([Spacer(1, 10)], words=EN, footer="x", title="x", subject="x")
    assert verify_pdf(plain, store).message == "NOT intact: no signature"
    sealed_plain = seal.sign_pdf(plain, signer)
    assert (
        verify_pdf(sealed_plain, store).message
        == f"NOT intact: the file has no attached {ATTACHMENT}, so it is not a briefing record"
    )
    junk = seal.sign_pdf(attach_record(plain, b"{nonsense", EN), signer)
    assert (
        verify_pdf(junk, store).message == f"NOT intact: the attached {ATTACHMENT} cannot be read"
    )
    ghost = seal.sign_pdf(
        attach_record(plain, json.dumps({"briefing_id": "nope"}).encode(), EN), signer
    )
    verdict = verify_pdf(ghost, store)
    assert verdict.outcome is Outcome.NOT_IN_STORE
    sealed_by = verdict.message.split("though its seal by ")[1].split(" is intact")[0]
    assert sealed_by.startswith("CN=kiosk-7")
    assert (
        verdict.message
        == f"NOT intact: briefing nope is not in the store searched ({place_of(store.engine.url)}), "
        f"though its seal by {sealed_by} is intact; verify it on the kiosk that made it, or with "
        "--trust CERT.pem"
    )


def test_a_write_failure_leaves_the_briefing_complete_and_its_pdf_pending(
    store: Store,
    signed: SignedBriefing,
    signer: seal.Signer,
    folder: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    briefing_id = signed()

    def disk_full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", disk_full)
        with pytest.raises(DocumentError) as caught:
            make_document(store, briefing_id, FORMS, signer, folder, NOW)
    message = str(caught.value)
    assert message.startswith(f"{folder}/")
    assert "No space left on device" in message
    assert "“kiosk doctor --repair”" in message
    assert list(folder.iterdir()) == []  # no half-written file, no temporary left behind
    assert pending(store) == [briefing_id]
    with store.reading() as s:
        assert (
            load_record(s, briefing_id).signature.kind == "drawn"
        )  # the briefing itself is intact
    made, failed = make_pending(
        store, FORMS, signer, folder, NOW
    )  # space is back: the next start makes it
    assert ([m.briefing_id for m in made], failed) == ([briefing_id], [])
    assert pending(store) == []
    assert verify_pdf(made[0].path.read_bytes(), store).intact


def test_an_unwritable_folder_is_named(
    store: Store, signed: SignedBriefing, signer: seal.Signer, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    briefing_id = signed()
    with pytest.raises(DocumentError, match="cannot write the PDF"):
        make_document(store, briefing_id, FORMS, signer, blocker / "documents", NOW)
    assert pending(store) == [briefing_id]
    made, failed = make_pending(store, FORMS, signer, blocker / "documents", NOW)
    assert made == []
    assert len(failed) == 1


def test_changed_content_is_printed_from_the_version_kept_not_the_forms_folder(
    store: Store, signed: SignedBriefing, signer: seal.Signer, folder: Path
) -> None:
    """The version briefed was kept when the briefing was prepared: a forms folder that changed
    since (or lost the procedure) still makes the PDF of what the patient saw. A briefing whose
    content was never kept is refused (tests/document/test_kept_versions.py)."""
    briefing_id = signed()
    edited = FORM.model_copy(update={"version": "1.0.1"})
    made = make_document(store, briefing_id, {FORM.id: edited}, signer, folder, NOW)
    again = make_document(store, briefing_id, {}, signer, folder / "again", NOW)
    assert pdf_text(made.path) == pdf_text(again.path)
    assert "1.0.1" not in pdf_text(made.path)


def test_an_unsigned_briefing_has_no_pdf(store: Store, signer: seal.Signer, folder: Path) -> None:
    with pytest.raises(
        DocumentError, match="Briefing nope is not in the record; there is no PDF to make"
    ):
        make_document(store, "nope", FORMS, signer, folder, NOW)


def test_pdf_bytes_is_a_function_of_record_and_content(
    store: Store, signed: SignedBriefing, signer: seal.Signer
) -> None:
    with store.reading() as s:
        record = load_record(s, signed())
    first, second = pdf_bytes(record, FORM, signer, UTC), pdf_bytes(record, FORM, signer, UTC)
    assert embedded_record(first) == embedded_record(second) == record.to_json()


def test_each_kiosk_makes_only_its_own_pending_pdfs(store: Store, signed: SignedBriefing) -> None:
    briefing_id = signed()
    assert pending(store) == [briefing_id]
    other = Store(store.engine, store.sessions, "kiosk-other")
    assert pending(other) == []


def test_a_font_or_seal_failure_leaves_the_pdf_pending(
    store: Store,
    signed: SignedBriefing,
    signer: seal.Signer,
    folder: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    briefing_id = signed()

    def broken(*args: object, **kwargs: object) -> bytes:
        raise seal.SealError("the key cannot sign")

    monkeypatch.setattr(seal, "sign_pdf", broken)
    with pytest.raises(DocumentError, match="the PDF could not be made \\(the key cannot sign\\)"):
        make_document(store, briefing_id, FORMS, signer, folder, NOW)
    made, failed = make_pending(store, FORMS, signer, folder, NOW)
    assert made == []
    assert len(failed) == 1
    assert pending(store) == [briefing_id]


def test_flags_on_questions_and_the_kiosks_own_screens_are_marked(
    store: Store, signer: seal.Signer, folder: Path
) -> None:
    from kiosk.session import Briefing, Patient, ScreenKind
    from kiosk.store import Recorder
    from kiosk.store.briefings import prepare_briefing
    from tests.document.conftest import DOB, wave
    from tests.session.fakes import FakeClock

    clock = FakeClock(NOW)
    briefing_id = prepare_briefing(
        store, FORM, name="Ana Ruiz", date_of_birth=DOB, mrn=None, staff="Nurse", now=clock.now()
    )
    b = Briefing(FORM, briefing_id, Recorder(store), clock, patient=Patient("Ana Ruiz", DOB))
    b.go_next()
    b.confirm_identity(DOB)
    b.flag_question()  # on the identity screen
    while b.current.kind is not ScreenKind.SIGN:
        if b.current.kind is ScreenKind.RISK:
            b.read_to_end()
            b.acknowledge_risk()
        if b.current.kind is ScreenKind.QUESTION and not b.answers_to(b.current.id):
            if b.current.id == FORM.questions[1].id:
                b.flag_question()
            b.answer_question(FORM.question(b.current.id).answer)
        if b.current.kind is ScreenKind.REVIEW:
            b.flag_question()
        b.go_next()
    b.read_to_end()
    b.sign(wave())
    path = make_document(store, briefing_id, FORMS, signer, folder, NOW, zone=UTC).path
    text = " ".join(pdf_text(path).split())
    assert text.count(FLAG_NOTE) == 3
    for heading in ("identity.heading", "review.heading"):
        on_screen = EN("pdf.flagged-on", screen=EN(heading), when="").removesuffix(": ")
        assert on_screen in text
    question = " ".join(FORM.questions[1].prompt.split())
    assert (
        text.index(question)
        < text.index(f"{FLAG_NOTE}: ")
        < text.index(" ".join(FORM.questions[2].prompt.split()))
    )
    # All three on the first page too, in the order flagged, for the surgeon (a reviewer found
    # them eleven pages apart).
    titles = [EN("identity.heading"), FORM.questions[1].prompt, EN("review.heading")]
    listed = EN(
        "pdf.questions-list",
        titles=format_list([EN("pdf.quoted", title=t) for t in titles], locale="en"),
    )
    first_page = " ".join(pdf_text(path).split("\f")[0].split())
    assert " ".join(listed.split()) in first_page


def test_a_briefing_without_a_question_says_so_on_its_first_page(
    store: Store, signer: seal.Signer, folder: Path
) -> None:
    from tests.shared import walk_in_languages

    briefing_id = walk_in_languages(store, {"en": FORM}, "en")
    made = make_document(store, briefing_id, FORMS, signer, folder, NOW, zone=UTC)
    first_page = " ".join(pdf_text(made.path).split("\f")[0].split())
    assert f"{EN('pdf.questions')} {EN('pdf.questions-none')}" in first_page


def test_the_clinic_heads_the_title_block_and_every_footer_and_the_date_is_real(
    store: Store, signed: SignedBriefing, signer: seal.Signer, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    with store.reading() as s:
        record = load_record(s, signed())
    path = tmp_path / "clinic.pdf"
    path.write_bytes(pdf_bytes(record, FORM, signer, UTC, clinic="  St Anne's   Clinic "))
    reader = PdfReader(path)
    pages = [page.extract_text() for page in reader.pages]
    assert len(pages) > 1
    assert pages[0].lstrip().startswith("St Anne's Clinic")  # above the title block
    for text in pages:
        assert "St Anne's Clinic · " in text  # the footer of every page
    assert record.signed_at is not None
    created = reader.metadata.creation_date if reader.metadata else None
    assert created is not None and created.year > 2000
    assert created == record.signed_at.astimezone(UTC).replace(microsecond=0)
    plain = pdf_bytes(record, FORM, signer, UTC)  # no clinic_name set: no clinic line
    assert "St Anne" not in "".join(p.extract_text() for p in PdfReader(BytesIO(plain)).pages)


def test_a_pictured_screen_is_on_one_page_and_pages_are_not_wasted(
    store: Store, signed: SignedBriefing, signer: seal.Signer, folder: Path
) -> None:
    """Each step's heading, its last words (and so its picture, kept with them) share a page, and
    keeping them so costs no page of its own: the briefing stays at nine pages (a KeepTogether
    inside another breaks the page before every step, which made fourteen)."""
    import subprocess

    made = make_document(store, signed(), FORMS, signer, folder, NOW, zone=UTC)
    pages = subprocess.run(
        ["pdftotext", str(made.path), "-"], capture_output=True, text=True, check=True
    ).stdout.split("\f")[:-1]
    flat = [" ".join(page.split()) for page in pages]
    assert len(flat) <= 9, len(flat)
    for step in FORM.steps:
        if step.picture is None:
            continue
        last = " ".join(step.paragraphs()[-1].split())
        assert any(step.title in page and last in page for page in flat), step.id


def test_the_documents_folder_is_the_kiosks_alone(
    store: Store, signed: SignedBriefing, signer: seal.Signer, tmp_path: Path
) -> None:
    """Its files' names are patients' briefings: a folder set outside the data folder (which is
    the kiosk's alone) was made readable by everyone (755)."""
    import stat

    folder = tmp_path / "elsewhere" / "documents"
    made = make_document(store, signed(), FORMS, signer, folder, NOW)
    assert made.path.parent == folder
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
