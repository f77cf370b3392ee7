"""Making a briefing's PDF: story, record attached, kiosk seal, written safely, its SHA-256 stored."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, tzinfo
from io import BytesIO
from pathlib import Path
from typing import Any

from pyhanko.pdf_utils import embed
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign.signers import Signer, SimpleSigner
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from kiosk.content.schema import Form
from kiosk.content.versions import SnapshotError
from kiosk.document import seal
from kiosk.document.anchor import anchor
from kiosk.document.drawing import Draw, DrawFailed, draw_here
from kiosk.document.fonts import FontError
from kiosk.document.language import Translations, content_in
from kiosk.document.record import BriefingRecord, RecordNotReady, load_record
from kiosk.files import install_file, make_private_dirs
from kiosk.i18n import MessageError, Words, words_for
from kiosk.practice import is_practice
from kiosk.store import audit
from kiosk.store.database import Store
from kiosk.store.models import BriefingRow, Document
from kiosk.store.versions import kept_in

ATTACHMENT = "briefing-record.json"
SYSTEM = "system"


class DocumentError(MessageError):
    """The PDF could not be made; the briefing itself is safe in the store. One sentence, what to do."""


def pdf_bytes(
    record: BriefingRecord,
    form: Form,
    signer: Signer,
    zone: tzinfo | None = None,
    language: str | None = None,
    clinic: str = "",
) -> bytes:
    """The finished, sealed PDF for a signed briefing (pure apart from the signature's own time),
    in the briefing's language (`language` overrides it: the pseudo-locale's tests). `form` is the
    procedure in that language (`kiosk.document.language.content_in`); `clinic` (the clinic_name
    setting) heads the title block and every footer."""
    # The layout modules bring reportlab: imported with the first PDF (the kiosk's: in the PDFs'
    # own process, kiosk.document.drawing), so the kiosk's first screen does not wait for them.
    from kiosk.document.story import build_story, p
    from kiosk.document.template import footer_text, render

    language = language or record.language
    words = words_for(language)
    story = build_story(record, form, words, zone, seal.certificate_sha256(signer))
    footer = footer_text(
        words, record.patient.name, record.briefing_id, record.form_version, record.content_sha256
    )
    if is_practice(record.kiosk_id):  # `kiosk practice`: no one's record, and every page says so
        story.insert(0, p(words("practice.pdf-notice"), "flag", rtl=words.right_to_left))
        footer = f"{words('practice.pdf-mark')} · {footer}"
    story, footer = with_clinic(story, footer, clinic, words)
    pdf = render(
        story,
        words=words,
        footer=footer,
        title=words("pdf.document-title", procedure=form.title),
        subject=f"briefing {record.briefing_id}",  # read by verify: not words, never translated
        lang=language,
        created=record.signed_at,
    )
    record_json = record.to_json()
    return seal.sign_pdf(pdf, signer, before=lambda w: embed_record(w, record_json, words))


def with_clinic(story: list[Any], footer: str, clinic: str, words: Words) -> tuple[list[Any], str]:
    """The clinic's name above the title block and at the start of every footer (none if unset)."""
    from kiosk.document.story import p

    clinic = " ".join(clinic.split())
    if not clinic:
        return story, footer
    return [p(clinic, "h2", rtl=words.right_to_left), *story], f"{clinic} · {footer}"


def embed_record(writer: IncrementalPdfFileWriter, record_json: bytes, words: Words) -> None:
    """Embed the machine-readable record as a file attachment in the update `writer` will write."""
    data = embed.EmbeddedFileObject.from_file_data(
        writer, data=record_json, mime_type="application/json"
    )
    spec = embed.FileSpec(
        file_spec_string=ATTACHMENT,
        embedded_data=data,
        description=words("pdf.attachment"),
    )
    embed.embed_file(writer, spec)


def attach_record(pdf: bytes, record_json: bytes, words: Words) -> bytes:
    """The PDF with the record attached in an update of its own (the seal then covers it): for
    a PDF sealed apart; `pdf_bytes` attaches and seals in one update."""
    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    embed_record(writer, record_json, words)
    out = BytesIO()
    writer.write(out)  # type: ignore[no-untyped-call]
    return out.getvalue()


def write_atomically(path: Path, data: bytes) -> str:
    """Put the PDF in place safely (temporary file, flush, rename; see kiosk.files), readable by the
    kiosk's user alone (a patient's record); its SHA-256."""
    install_file(path, data, 0o600, overwrite=True)
    return hashlib.sha256(data).hexdigest()


def pdf_name(record: BriefingRecord) -> str:
    """The file name: date and briefing id, never the patient's name."""
    return f"{record.signed_at:%Y-%m-%d}-{record.briefing_id}.pdf"


@dataclass(frozen=True)
class Made:
    briefing_id: str
    path: Path
    sha256: str


def kept_content(session: Session, record: BriefingRecord) -> Form | None:
    """The content the patient read, in the briefing's language, as kept in the store; None if it
    was not kept. DocumentError if what is kept is damaged."""
    shown = {p.content_sha256 for p in record.parts() if p.language == record.language}
    try:
        return kept_in(session, record.content_sha256, record.language, shown)
    except SnapshotError as exc:
        raise DocumentError("problem.pdf-failed", briefing=record.briefing_id, reason=exc) from None


def current_content(
    record: BriefingRecord, forms: Mapping[str, Form], translations: Translations | None
) -> Form | None:
    """The forms folder's content for the record, if it is still the version briefed."""
    source = forms.get(record.form_id)
    if source is None or source.content_sha256 != record.content_sha256:
        raise DocumentError(
            "problem.content-missing",
            briefing=record.briefing_id,
            form=record.form_id,
            version=record.form_version,
            sha256=record.content_sha256[:12],
        )
    return content_in(record, source, translations)


def make_document(
    store: Store,
    briefing_id: str,
    forms: Mapping[str, Form],
    signer: Signer,
    folder: Path,
    now: datetime,
    zone: tzinfo | None = None,
    translations: Translations | None = None,
    checkpoint: Path | None = None,
    clinic: str = "",
    draw: Draw = draw_here,
) -> Made:
    """Make, seal and file the PDF of a signed briefing, and record where it is and its SHA-256,
    in the briefing's language (its content from `translations`, by procedure id and language);
    then a signed checkpoint of the audit chain into `checkpoint` (kiosk.store.checkpoint).
    `draw` draws and seals it: here, or in a process of its own (kiosk.document.drawing).

    A failure leaves the briefing complete in the store with its PDF still pending, and no
    half-written file under the final name.
    """
    with store.reading() as session:
        try:
            record = load_record(session, briefing_id)
        except RecordNotReady as exc:
            raise DocumentError(exc.text.id, briefing=briefing_id) from None
        form = kept_content(session, record)  # the version the patient read, kept by its hash
    if form is None:  # a briefing from before versions were kept: the forms folder's, if the same
        form = current_content(record, forms, translations)
    if form is None:  # the translation the patient read is not (or no longer) on this kiosk
        shown = [p.content_sha256 for p in record.parts() if p.language == record.language]
        raise DocumentError(
            "problem.content-missing",
            briefing=briefing_id,
            form=f"{record.form_id} ({record.language})",
            version=record.form_version,
            sha256=(shown or [record.content_sha256])[0][:12],
        )
    try:
        data = draw(record, form, signer, zone, clinic)
    except (FontError, seal.SealError, DrawFailed) as exc:
        raise DocumentError("problem.pdf-failed", briefing=briefing_id, reason=exc) from None
    path = folder / pdf_name(record)
    try:
        make_private_dirs(folder)  # its names are patients' briefings
        sha256 = write_atomically(path, data)
    except OSError as exc:
        raise DocumentError(
            "problem.pdf-unwritable", path=path, reason=exc.strerror or exc
        ) from None
    with store.sessions.begin() as session:
        session.execute(
            update(Document)
            .where(Document.briefing_id == briefing_id)
            # relative to the documents folder: a data folder copied elsewhere finds its own files
            .values(
                status="made",
                path=path.name,
                sha256=sha256,
                made_at=now,
                certificate_sha256=seal.certificate_sha256(signer),
            )
        )
        audit.append(
            session,
            at=now,
            kiosk_id=store.kiosk_id,
            actor=SYSTEM,
            action="document_made",
            subject=f"briefing:{briefing_id}",
            detail={"sha256": sha256, "file": path.name},
        )
    if isinstance(signer, SimpleSigner):
        anchor(store, checkpoint, signer, now)
    return Made(briefing_id, path, sha256)


def pending(store: Store) -> list[str]:
    """This kiosk's signed briefings whose PDF has not been made yet, oldest first.

    Each kiosk makes its own briefings' PDFs, sealed with its own key into its own folder.
    """
    with store.reading() as session:
        rows = session.execute(
            select(Document.briefing_id)
            .join(BriefingRow, BriefingRow.id == Document.briefing_id)
            .where(Document.status == "pending", BriefingRow.kiosk_id == store.kiosk_id)
            .order_by(Document.id)
        )
        return list(rows.scalars())


def make_pending(
    store: Store,
    forms: Mapping[str, Form],
    signer: Signer,
    folder: Path,
    now: datetime,
    translations: Translations | None = None,
    checkpoint: Path | None = None,
    clinic: str = "",
) -> tuple[list[Made], list[str]]:
    """Make every pending PDF (at start, and by `kiosk doctor --repair`): what was made, what failed and why."""
    made, failed = [], []
    for briefing_id in pending(store):
        try:
            made.append(
                make_document(
                    store,
                    briefing_id,
                    forms,
                    signer,
                    folder,
                    now,
                    translations=translations,
                    checkpoint=checkpoint,
                    clinic=clinic,
                )
            )
        except DocumentError as exc:
            failed.append(str(exc))
    return made, failed
