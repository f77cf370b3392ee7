"""What the PDFs' own process (kiosk.document.drawing) does as it starts, ahead of its first PDF:
reportlab, pyHanko, the layout and the seal imported, the forms' pictures parsed, and a rehearsal
PDF drawn and sealed for each form, so the faces its words need are read and the text they shape
is cached before a patient's PDF is asked for. Faces no form needs (a name in another script) are
read the first time a PDF needs them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

from pyhanko.sign.signers import Signer

from kiosk.content.schema import Form
from kiosk.document import figure
from kiosk.document.fonts import loaded
from kiosk.document.make import pdf_bytes
from kiosk.document.record import AckPart, AnswerPart, BriefingRecord, PatientPart, SignaturePart

REHEARSAL_AT = datetime(2026, 1, 5, 10, 0, tzinfo=UTC)


def warm(forms: Iterable[Form], signer: Signer | None) -> None:
    """The fonts prepared, every picture parsed, and with a signer, each form's rehearsal drawn."""
    loaded()  # FontError if a font file cannot be read
    forms = list(forms)
    figure.warm(forms)
    if signer is not None:
        for form in forms:
            pdf_bytes(rehearsal(form), form, signer)


def rehearsal(form: Form) -> BriefingRecord:
    """A whole briefing of `form` for nobody: every risk acknowledged, every answer right, a line
    for a signature; drawn only to be thrown away."""
    at = REHEARSAL_AT
    shown = form.language, form.content_sha256
    step = timedelta(seconds=20)
    return BriefingRecord(
        briefing_id="rehearsal",
        kiosk_id="rehearsal",
        form_id=form.id,
        form_version=form.version,
        content_sha256=form.content_sha256,
        language=form.language,
        started_at=at,
        signed_at=at + step * (len(form.risks) + len(form.questions) + 1),
        patient=PatientPart("A B", date(1950, 1, 1), None),
        acknowledgements=[
            AckPart(r.id, at + step * i, at + step * (i + 1), 20.0, *shown)
            for i, r in enumerate(form.risks)
        ],
        flags=[],
        answers=[AnswerPart(q.id, q.answer, True, 1, at, None, *shown) for q in form.questions],
        signature=SignaturePart(
            kind="drawn",
            strokes=[[[10.0, 50.0, 0.0], [200.0, 40.0, 300.0], [380.0, 60.0, 600.0]]],
            typed_name=None,
            attested_by=None,
            signed_at=at,
            screen_times=[],
            language=form.language,
            content_sha256=form.content_sha256,
        ),
        audit_head="0" * 64,
    )
