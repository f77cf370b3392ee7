"""A list screen's words in the PDF paragraph by paragraph: the options' introduction and each
option's words were given to ReportLab whole, and the blank line between their paragraphs, mere
white space to it, ran two paragraphs into one."""

from __future__ import annotations

from datetime import UTC

import pytest
from reportlab.platypus import Paragraph  # type: ignore[import-untyped]

from kiosk.content import load_form
from kiosk.content.schema import ItemList
from kiosk.document.story import _Page
from kiosk.i18n import words_for
from tests.conftest import MILD


@pytest.mark.parametrize("language", ["en", "es"])
def test_each_paragraph_of_a_list_screen_is_a_paragraph_of_its_own(language: str) -> None:
    form = load_form(MILD.with_name(f"{language}.toml"))
    page = _Page(words_for(language), UTC, {}, language)
    lists = [s for _, s in form.content_screens() if isinstance(s, ItemList)]
    assert lists
    for listing in lists:
        texts = [f.text for f in page.item_list(listing) if isinstance(f, Paragraph)]
        wanted = [*listing.paragraphs(), *(p for i in listing.items for p in i.paragraphs())]
        assert len(wanted) > len(listing.items) + 1  # (more than one paragraph somewhere)
        for paragraph in wanted:
            assert sum(paragraph in t for t in texts) == 1, paragraph
            assert any(t == paragraph for t in texts), paragraph  # alone, not run into another
