"""Every fixed word on the briefing PDF comes from the message catalog: made in the pseudo-locale,
the PDF shows each `pdf.*` message in its accented, bracketed form and no English word is left
that is not the form's content, the patient's details or the locale's own date words."""

from __future__ import annotations

import re
import subprocess
from datetime import UTC
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.pofile import read_po

from kiosk.document import seal
from kiosk.document.make import pdf_bytes
from kiosk.document.record import BriefingRecord, load_record
from kiosk.i18n import CATALOGS, PSEUDO, language_name, msg, words_for
from kiosk.store import Store
from tests.document.conftest import FORM, SignedBriefing

PLACEHOLDER = re.compile(r"\{[^{}]*\}")
NOT_IN_THIS_PDF = {
    "pdf.not-acknowledged",
    "pdf.not-answered",
    "pdf.typed",
    "pdf.no-mrn",
    "pdf.flagged-on",
    "pdf.given-in",
    "pdf.language-also",
    "pdf.heard-in",
    "pdf.questions-none",
    "pdf.content-translated",
    "pdf.translation-unreviewed",
}
"""Messages for what this briefing does not have (every risk acknowledged, a drawn signature, no
flag on the kiosk's own screens, no switch of language, no translation); test_make shows them in
English, test_languages the switch and a translation's content hash, test_listened a screen heard
in another language, test_make a briefing without a question."""
METADATA = {"pdf.document-title", "pdf.creator", "pdf.attachment"}
"""Messages in the file's properties and attachment, not on its pages: checked with pdfinfo."""


def pdf_ids() -> list[str]:
    with (CATALOGS / "en.po").open("rb") as f:
        ids = [m.id if isinstance(m.id, str) else m.id[0] for m in read_po(f) if m.id]
    return [i for i in ids if i.startswith("pdf.")]


def fragments(message_id: str) -> list[str]:
    """The pseudo words of a message around its values (each as it shows on one line)."""
    names = {name.strip("{}") for name in PLACEHOLDER.findall(words_for("en")(message_id))}
    cut = "\x00"
    values = dict.fromkeys(names - {"count"}, cut)
    shown = words_for(PSEUDO)(msg(message_id, count=2, **values))
    return [" ".join(part.split()) for part in re.split(r"\x00|\b2\b", shown) if part.strip()]


@pytest.fixture
def made(
    store: Store, signed: SignedBriefing, signer: seal.Signer, tmp_path: Path
) -> tuple[Path, BriefingRecord]:
    with store.reading() as s:
        record = load_record(s, signed())
    path = tmp_path / "pseudo.pdf"
    path.write_bytes(pdf_bytes(record, FORM, signer, UTC, language=PSEUDO))
    return path, record


def test_every_fixed_word_comes_from_the_catalog(made: tuple[Path, BriefingRecord]) -> None:
    path, record = made
    # in reading order, not laid out: a label wrapped in its table cell stays in one piece
    raw = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    text = " ".join(raw.stdout.split())
    for message_id in pdf_ids():
        if message_id in NOT_IN_THIS_PDF | METADATA:
            continue
        for part in fragments(message_id):
            assert part in text, f"{message_id}: {part!r} not in the pseudo-locale PDF"
    # What is left once the pseudo words are gone: content, the patient's details, ids, and the
    # locale's own words for dates (Babel's, not the code's). No other English word.
    allowed = {w.lower() for w in re.findall(r"[A-Za-z]+", _content(record))}
    en_us = Locale.parse("en_US")
    allowed |= {m.lower() for m in en_us.months["format"]["wide"].values()}
    allowed |= {"am", "pm", "gmt", "utc"}
    allowed |= {language_name(record.language).lower()}  # the language by its own name (Babel's)
    left = sorted({w for w in re.findall(r"[A-Za-z]{3,}", text) if w.lower() not in allowed})
    assert not left, f"English words on the PDF that are not from the catalog: {left}"


def test_the_file_properties_are_in_the_language(made: tuple[Path, BriefingRecord]) -> None:
    path, _ = made
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    fake = words_for(PSEUDO)
    assert fake("pdf.document-title", procedure=FORM.title) in info
    assert f"Creator:         {fake('pdf.creator')}" in info
    assert "Subject:         briefing " in info  # for verify: an id, never words


def _content(record: BriefingRecord) -> str:
    """Every word the PDF shows that is not the kiosk's: the form's and the record's."""
    texts = [
        FORM.id,
        FORM.title,
        FORM.full_name,
        FORM.signing.statement,
        record.briefing_id,
        record.kiosk_id,
        record.content_sha256,
        record.audit_head,
        record.patient.name,
        record.patient.mrn or "",
    ]
    for section in (FORM.about, *FORM.steps, *FORM.risks):
        texts += [section.title, *section.paragraphs()]
    for listing in (FORM.options, FORM.precautions):
        texts += [listing.title, listing.intro]
        texts += [t for item in listing.items for t in (item.title, item.body)]
    for question in FORM.questions:
        texts += [question.prompt, *(c.text for c in question.choices)]
    return " ".join(texts)
