"""The record's language: every stored row says the language and content of the screen it was given
on, the PDF is in the patient's language (the last chosen) and says so (a switch mid-way stays
visible), Arabic
reads right to left, and a PDF made before languages were recorded still verifies."""

from __future__ import annotations

import json
import re
import subprocess
import tomllib
import unicodedata
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from kiosk.content import Form, load_form, parse_form
from kiosk.document import seal
from kiosk.document.language import content_in
from kiosk.document.make import DocumentError, make_document
from kiosk.document.record import FORMAT_1, BriefingRecord, load_record
from kiosk.document.styles import MARGIN, PAGE, STYLES
from kiosk.document.verify import embedded_record, verify_pdf
from kiosk.store import Store
from kiosk.store.models import (
    BriefingRow,
    ComprehensionAnswer,
    QuestionFlag,
    RiskAcknowledgement,
    SignatureRow,
)
from tests.conftest import MILD
from tests.document.conftest import pdf_text
from tests.pdfsig import pdfsig
from tests.shared import walk_in_languages

EN = load_form(MILD)
ES = load_form(MILD.with_name("es.toml"))
LANGUAGES = {"en": EN, "es": ES}
TRANSLATIONS = {EN.id: {"es": ES}}
FORMS = {EN.id: EN}
FRAME_PADDING = 6  # reportlab's Frame pads its text on each side
NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)


def test_every_row_keeps_the_language_and_content_of_its_screen(store: Store) -> None:
    """Prepared in Spanish; after three risks (the fourth flagged first) the patient switches to
    English: the first rows say Spanish and its hash, the rest English and its hash, and the
    briefing's language is now the patient's choice, English (its content hash the source's)."""
    briefing_id = walk_in_languages(store, LANGUAGES, "es", switch_to="en", switch_after_risks=3)
    with store.reading() as s:
        briefing = s.get(BriefingRow, briefing_id)
        assert briefing is not None
        assert (briefing.language, briefing.content_sha256) == ("en", EN.content_sha256)
        acks = s.execute(
            select(RiskAcknowledgement.language, RiskAcknowledgement.content_sha256)
            .where(RiskAcknowledgement.briefing_id == briefing_id)
            .order_by(RiskAcknowledgement.id)
        ).all()
        assert [tuple(a) for a in acks] == [("es", ES.content_sha256)] * 3 + [
            ("en", EN.content_sha256)
        ] * (len(EN.risks) - 3)
        flag = s.execute(select(QuestionFlag).where(QuestionFlag.briefing_id == briefing_id))
        assert [(f.screen_id, f.language, f.content_sha256) for f in flag.scalars()] == [
            (EN.risks[3].id, "es", ES.content_sha256)
        ]
        answers = s.execute(
            select(ComprehensionAnswer.language).where(
                ComprehensionAnswer.briefing_id == briefing_id
            )
        ).scalars()
        assert set(answers) == {"en"}
        sig = s.execute(select(SignatureRow).where(SignatureRow.briefing_id == briefing_id))
        assert [(r.language, r.content_sha256) for r in sig.scalars()] == [
            ("en", EN.content_sha256)
        ]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "documents"


def test_the_pdf_is_in_the_language_the_patient_chose_and_states_it(
    store: Store, signer: seal.Signer, folder: Path
) -> None:
    """Prepared in English, the patient switches to Spanish after three risks and signs in it:
    their copy is in Spanish, and what they gave on English screens says so."""
    briefing_id = walk_in_languages(store, LANGUAGES, "en", switch_to="es", switch_after_risks=3)
    made = make_document(store, briefing_id, FORMS, signer, folder, NOW, translations=TRANSLATIONS)
    text = " ".join(pdf_text(made.path).split())
    assert ES.about.title in text and ES.risks[0].title in text  # the procedure in Spanish
    assert EN.about.title not in text
    # the language, named in its own words, and the one some screens were given in (page 1 had
    # said only "Español" of a briefing partly given in English: a reviewer), named as Spanish
    # names it ("algunas pantallas en English" was a reviewer's too)
    assert "Idioma Español; algunas pantallas en inglés" in text
    assert "Registro de la sesión informativa" in text  # the fixed words from es.po
    # es.toml has no reviewer yet: the signed copy says so (the kiosk's log alone had)
    assert ES.translation is not None and not ES.translation.reviewed_by
    assert "Un traductor médico calificado todavía no ha revisado esta traducción." in text
    assert "diciembre" in text or "noviembre" in text  # dates by the Spanish locale
    # The content hash as recorded (the exports carry it), and the hash of the words printed,
    # es.toml's as `kiosk forms check` shows it: the English file's alone was printed (a reviewer).
    joined = "".join(text.split())  # (a long hash may wrap on the content line)
    assert EN.content_sha256 in joined and ES.content_sha256 in joined
    assert "textoenespañol:SHA-256" in joined
    assert EN.content_sha256[:12] in text.split("sha256")[-1]  # the footer: as recorded
    # the switch stays visible: the three acknowledgements and the flag given before it
    assert text.count("Hecho en una pantalla en inglés") == 3 + 1 and "English" not in text
    assert b"/Lang (es)" in made.path.read_bytes()
    verdict = verify_pdf(made.path.read_bytes(), store)
    assert verdict.intact, verdict.message
    report = pdfsig(made.path)
    assert report.valid and report.whole_document, report.text
    attached = embedded_record(made.path.read_bytes())
    assert attached is not None
    data = json.loads(attached)
    assert data["format"] == "briefing-record/3" and data["language"] == "es"
    assert [a["language"] for a in data["acknowledgements"]][:4] == ["en", "en", "en", "es"]


def test_a_pdf_in_a_language_this_kiosk_lacks_stays_pending_with_one_sentence(
    store: Store, signer: seal.Signer, folder: Path
) -> None:
    briefing_id = walk_in_languages(store, LANGUAGES, "es")
    with pytest.raises(DocumentError) as refused:
        make_document(store, briefing_id, FORMS, signer, folder, NOW)  # no Spanish given
    said = str(refused.value)
    assert "mild (es)" in said and ES.content_sha256[:12] in said and "\n" not in said


OLD_FIELDS = {
    "format", "briefing_id", "kiosk_id", "form_id", "form_version", "content_sha256",
    "started_at", "signed_at", "patient", "acknowledgements", "flags", "answers", "signature",
    "audit_head",
}  # fmt: skip
"""The attached record's fields as PDFs made before languages were recorded have them."""


def test_a_pdf_made_before_languages_were_recorded_still_verifies(
    store: Store, signer: seal.Signer, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An English briefing's PDF made the old way (record format 1, no language anywhere) is
    intact against the store that now keeps languages; a Spanish record has no format-1 form."""
    english = walk_in_languages(store, LANGUAGES, "en", name="Ana Ruiz")
    with monkeypatch.context() as m:
        m.setattr(BriefingRecord, "to_json", lambda self: self.in_format(FORMAT_1))
        old = make_document(store, english, FORMS, signer, folder, NOW)
    attached = embedded_record(old.path.read_bytes())
    assert attached is not None
    data = json.loads(attached)
    assert data["format"] == FORMAT_1 and set(data) == OLD_FIELDS
    assert "language" not in data["acknowledgements"][0]
    assert "content_sha256" not in data["signature"]
    verdict = verify_pdf(old.path.read_bytes(), store)
    assert verdict.intact, verdict.message
    spanish = walk_in_languages(store, LANGUAGES, "es", name="Ben Okafor")
    with store.reading() as s:
        assert load_record(s, spanish).in_format(FORMAT_1) is None
        assert load_record(s, english).in_format("briefing-record/9") is None


ARABIC_BODY = "بداية AAA " + "هذه كلمات عربية في فقرة طويلة تملأ عدة أسطر " * 12 + "نهاية ZZZ"


def arabic() -> Form:
    """The mild procedure as an Arabic translation: its about screen a long Arabic paragraph with
    a marker after its first word and at its end (the rest stays as it is: the structure counts)."""
    data: dict[str, Any] = tomllib.loads(MILD.read_text(encoding="utf-8"))
    data["language"] = "ar"
    data["translation"] = {"source_version": data["version"], "translated_by": "test"}
    data["about"]["body"] = ARABIC_BODY
    return parse_form(data, "ar.toml", MILD.parent)


def words_at(path: Path) -> list[tuple[str, float, float]]:
    """Each word pdftotext finds on page 1: its text (NFKC: Arabic presentation forms as letters),
    its right edge and its top."""
    out = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(path), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    found = re.findall(
        r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">(.*?)</word>', out
    )
    return [(unicodedata.normalize("NFKC", w), float(x), float(y)) for y, x, w in found]


def test_an_arabic_pdf_reads_right_to_left(store: Store, signer: seal.Signer, folder: Path) -> None:
    ar = arabic()
    briefing_id = walk_in_languages(store, {"en": EN, "ar": ar}, "ar", name="محمد حسن")
    made = make_document(
        store, briefing_id, FORMS, signer, folder, NOW, translations={EN.id: {"ar": ar}}
    )
    assert b"/Lang (ar)" in made.path.read_bytes()
    words = words_at(made.path)
    (first,) = [w for w in words if w[0] == "AAA"]
    (last,) = [w for w in words if w[0] == "ZZZ"]
    right = PAGE[0] - MARGIN - FRAME_PADDING
    # the paragraph's first words are on its first line, at the right; its last on the last line
    assert first[2] < last[2]
    assert last[2] - first[2] > 3 * STYLES["body"].leading  # it wraps over several lines
    for top in (first[2], last[2]):
        edge = max(x for _, x, y in words if abs(y - top) < 7)  # Latin sits lower
        assert edge == pytest.approx(right, abs=2)  # right-aligned, the short last line too
    # The footer mirrored: "page 1 of N" at the left, the briefing's line ending at the right.
    bottom = max(y for _, _, y in words)
    footer = [(w, x) for w, x, y in words if y > bottom - 20]
    (of,) = [x for w, x in footer if w in ("من", "نم")]  # as pdftotext reads it, either way
    assert of < PAGE[0] / 4 and max(x for _, x in footer) == pytest.approx(PAGE[0] - MARGIN, abs=2)
    assert "\ufffd" not in pdf_text(made.path) and "\u25a0" not in pdf_text(made.path)
    assert verify_pdf(made.path.read_bytes(), store).intact


def test_the_content_in_the_briefings_language_must_be_the_one_shown(store: Store) -> None:
    briefing_id = walk_in_languages(store, LANGUAGES, "es")
    with store.reading() as s:
        record = load_record(s, briefing_id)
    assert content_in(record, EN, TRANSLATIONS) is ES
    edited = ES.model_copy(update={"title": "Otro título"})
    assert content_in(record, EN, {EN.id: {"es": edited}}) is None  # not what the patient read
    assert content_in(record, EN, None) is None


def test_a_latin_line_of_an_arabic_paragraph_is_ordered_as_arabic_puts_it() -> None:
    """The seal's line wraps so that its last line holds only the command: on its own it read
    left to right, the full stop at the right and the quotes unmirrored (reviewers)."""
    from kiosk.document.shaping import visual_order

    line = "«kiosk verify FILE.pdf»."
    assert visual_order(line) == line  # a line of a left-to-right paragraph: as it is
    # Of a right-to-left one: the sentence's end at the left, the quotes facing the Arabic way.
    assert visual_order(line, right_to_left=True) == ".«kiosk verify FILE.pdf»"
