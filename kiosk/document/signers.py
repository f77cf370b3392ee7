"""The PDF's part for the signers beside the patient (representative, interpreter, witness), each
with the 21 CFR 11.50 elements: printed name, date and time, and the meaning of their signature."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer  # type: ignore[import-untyped]

from kiosk.document.record import BriefingRecord, SignerPart, UnsignedPart

if TYPE_CHECKING:
    from kiosk.document.story import _Page

TITLE = {
    "patient": "document.signer.patient",
    "representative": "document.signer.representative",
    "witness": "document.signer.witness",
    "interpreter": "document.signer.interpreter",
}
"""Each kind of signer's heading (kiosk.session.signers.SignerKind)."""
MODE = {
    "in_person": "document.mode.in-person",
    "phone": "document.mode.phone",
    "video": "document.mode.video",
}
"""How an interpreter took part (kiosk.session.signers.InterpreterMode)."""


def plan_rows(page: _Page, record: BriefingRecord) -> list[tuple[str, Flowable]]:
    """The title block's rows for who performs the procedure and when, where staff gave them."""
    w, rows = page.words, []
    if record.practitioner:
        rows.append((w("document.practitioner"), page.p(page.own(record.practitioner))))
    if record.planned_date:
        rows.append((w("document.planned-date"), page.p(w.date(record.planned_date))))
    return rows


def signers_block(page: _Page, record: BriefingRecord) -> list[Flowable]:
    """One block per signer, in the order they signed, then one for each signer staff planned who
    did not sign; nothing when the patient signed alone."""
    out: list[Flowable] = []
    for signer in record.signers:
        out += [CondPageBreak(50 * mm), KeepTogether(_signer(page, signer)), Spacer(1, 3 * mm)]
    for missing in record.unsigned:
        out += [KeepTogether(_unsigned(page, missing)), Spacer(1, 3 * mm)]
    return out


def _unsigned(page: _Page, u: UnsignedPart) -> list[Flowable]:
    """A planned signer's heading and, in its place, that they did not sign."""
    w = page.words
    said = w("document.unsigned-named", name=page.own(u.name)) if u.name else w("document.unsigned")
    return [page.c(w(TITLE[u.kind]), "h2"), page.p(said, bold=True)]


def _signer(page: _Page, s: SignerPart) -> list[Flowable]:
    w = page.words
    lines: list[Flowable] = [
        page.c(w(TITLE[s.kind]), "h2"),
        page.p(w("pdf.signed-by", name=page.own(s.name)), bold=True),
    ]
    if s.role:
        lines.append(page.p(w("document.signer-role", role=page.own(s.role))))
    if s.reason:
        lines.append(page.p(w("document.signer-reason", reason=page.own(s.reason))))
    if s.kind == "interpreter" and s.mode:
        detail = w(
            "document.interpreter-detail",
            id=page.own(s.interpreter_id or ""),
            language=w.language_named(s.language or ""),
            mode=w(MODE[s.mode]),
        )
        lines.append(page.p(detail))
    lines += [
        page.p(w("pdf.signed-when", when=page.when(s.signed_at))),
        page.c(w("document.signer-meaning", statement=w(s.meaning)), "small"),
    ]
    if s.image_sha256:
        lines.append(page.p(w("document.signer-drawn", sha256=s.image_sha256), "small"))
    return lines
