"""The first page is not left bare under its title block: a reviewer's Spanish PDF had nothing
under it, its first screen (words and picture, kept together) a little too tall for the rest of
the page and moved whole to the next. Now a pictured screen that misses the page's end starts
there when much of the page is left, its picture going with its last words, or, missing it by
little, is drawn with a smaller picture."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.content import load_form
from kiosk.document import seal
from kiosk.document.make import make_document
from kiosk.i18n import languages
from kiosk.store import Store
from tests.conftest import MILD
from tests.document.conftest import pdf_text
from tests.document.rtl_read import drawn_lines, read
from tests.shared import walk_in_languages

FORMS = {language: load_form(MILD.with_name(f"{language}.toml")) for language in languages()}
NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)


@pytest.mark.parametrize("language", sorted(FORMS))
def test_the_first_screen_starts_on_the_first_page(
    store: Store, signer: seal.Signer, tmp_path: Path, language: str
) -> None:
    form = FORMS[language]
    briefing_id = walk_in_languages(store, FORMS, language)
    source = FORMS["en"]
    translations = {source.id: {k: f for k, f in FORMS.items() if k != "en"}}
    made = make_document(
        store, briefing_id, {source.id: source}, signer, tmp_path, NOW, zone=UTC,
        translations=translations,
    )  # fmt: skip
    if language == "ar":  # each line as a reader of Arabic reads it
        first = " ".join(read(line) for line in drawn_lines(made.path.read_bytes())[0])
    else:
        first = " ".join(pdf_text(made.path).split("\f")[0].split())
    assert " ".join(form.about.title.split()) in first


def test_a_screen_missing_the_page_by_a_little_keeps_its_picture_smaller() -> None:
    from io import BytesIO

    from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]
    from reportlab.platypus import Paragraph  # type: ignore[import-untyped]

    from kiosk.document.figure import LEAST, with_figure
    from kiosk.document.fontfiles import register_fonts
    from kiosk.document.styles import STYLES, TEXT_WIDTH

    register_fonts()
    step = FORMS["en"].steps[0]
    assert step.picture is not None
    words = [Paragraph(step.title, STYLES["h2"]), Paragraph("Words.", STYLES["body"])]
    (block,) = with_figure(words, step.picture, rtl=False)
    block.canv = Canvas(BytesIO())
    figure = block.figure
    block.wrap(TEXT_WIDTH, 10_000)
    whole = block._H
    assert block.split(TEXT_WIDTH, whole - 10) == block._content  # on this page, no break
    assert LEAST * figure.full <= figure.width < figure.full
    kept = block.split(TEXT_WIDTH, whole - 0.6 * figure.full)  # too far: the next page, whole
    assert figure.width == figure.full and len(kept) == len(block._content) + 1
