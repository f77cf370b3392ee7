"""In an Arabic PDF, a value in Latin letters or digits reads as it was written: a hash, an id, a
name, a time zone's offset. A reviewer read, on page 1's facts, the content hash with a semicolon
drawn at its start (";99249d…", the hash wrapping on) and every time's zone as "(00:00+غرينتش)".

The words are read off the page as a reader of Arabic reads them: each line's glyphs in the order
they are drawn (PDFium, by their position, not by any extractor's idea of the order), then from
the right, a stretch of Latin letters and digits (with the punctuation touching them, and the
spaces between such words) read from its left. Whatever punctuation is drawn against a value is
read as part of it, as the eye does."""

from __future__ import annotations

import re
from dataclasses import replace

from babel.dates import get_timezone_gmt

from kiosk.document import seal
from kiosk.document.make import pdf_bytes
from kiosk.document.record import BriefingRecord, SignerPart, load_record
from kiosk.document.shaping import paragraph_markup
from kiosk.store import Store
from tests.document.rtl_read import AR, BRIEFING, EN, NAME, ZONE, drawn_lines, latin, read
from tests.shared import walk_in_languages


def arabic_pdf(store: Store, signer: seal.Signer) -> tuple[BriefingRecord, list[list[str]]]:
    """A whole briefing in Arabic, with a representative, an interpreter and a witness, as read."""
    briefing_id = walk_in_languages(store, {"en": EN, "ar": AR}, "ar", name=NAME)
    with store.reading() as s:
        record = load_record(s, briefing_id)
    at = record.signed_at
    signers = [
        SignerPart("representative", "Luis Ruiz Jr.", "son.", None, None, None, None,
                   "signer.meaning.representative", at, "ab" * 32),
        SignerPart("interpreter", "Marta Gil", None, None, "LanguageLine 7781.", "es", "phone",
                   "signer.meaning.interpreter", at, None),
    ]  # fmt: skip
    record = replace(record, briefing_id=BRIEFING, practitioner="Dr. Okafor Jr.", signers=signers)
    pages = drawn_lines(pdf_bytes(record, AR, signer, ZONE))
    return record, [[read(line) for line in page] for page in pages]


def test_the_arabic_facts_read_as_written(store: Store, signer: seal.Signer) -> None:
    record, pages = arabic_pdf(store, signer)
    facts = "\n".join(line for line in pages[0] if latin(line))  # the values, not the labels
    # Each content hash right after its "SHA-256" (a long one wraps): nothing drawn against it.
    for sha256 in (record.content_sha256, AR.content_sha256):
        assert re.search(r"SHA-256\s+" + r"\s*".join(sha256) + r"(\s|$)", facts), sha256
    assert ";" not in facts
    for value in (BRIEFING, NAME, "Dr. Okafor Jr."):
        assert any(value in latin(line) for line in pages[0]), value
    # Every time's zone as Babel writes it for Arabic, its sign before its digits.
    gmt = get_timezone_gmt(record.signed_at.astimezone(ZONE), width="long", locale="ar")
    assert gmt == "غرينتش-05:00"
    times = [line for page in pages for line in page if "غرينتش" in line]
    assert len(times) > len(AR.risks)  # the signing, every acknowledgement, every answer
    for line in times:
        assert gmt in line, line
    # Every page's footer: the briefing and the patient.
    for page in pages:
        found = set().union(*(latin(line) for line in page[-3:]))
        assert BRIEFING in found and NAME in found, page[-3:]


def test_the_arabic_signer_lines_read_as_written(store: Store, signer: seal.Signer) -> None:
    _, pages = arabic_pdf(store, signer)
    text = "\n".join(line for page in pages for line in page)
    for value in ("Luis Ruiz Jr.", "son.", "Marta Gil", "LanguageLine 7781."):
        assert value in latin(text), value
    assert re.search(r"SHA-256\s+" + r"\s*".join("ab" * 32), text)  # the drawn signature's


def test_a_value_is_its_own_run_only_right_to_left() -> None:
    """The marks are read by the bidi step and never drawn; a left-to-right PDF gets none."""
    from kiosk.document.runs import code, own, zone

    assert code("1.2.0", rtl=False) == "1.2.0" and own(NAME, rtl=False) == NAME
    assert zone("GMT-05:00", rtl=False) == "GMT-05:00"
    assert zone("غرينتش+03:00", rtl=True) == "غرينتش\u2066+03:00\u2069"
    assert own(NAME, rtl=True) == f"\u2068{NAME}\u2069"
    markup = paragraph_markup(f"وقّعه: {own(NAME, rtl=True)}", right_to_left=True)
    assert NAME in markup and "\u2068" not in markup and "\u2069" not in markup
