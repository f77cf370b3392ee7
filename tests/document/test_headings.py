"""A heading never ends a page: in every language shipped, each section's heading (and its note),
each screen's and each item's heading is laid out on the same page as the first words under it.
A reviewer found the Spanish PDF's page 1 ending with "Lo que leyó el paciente" and page 2 with
"Los pasos del procedimiento", their screens on the next page.

Where each flowable went is asked of ReportLab itself (the page it was laid out on), so the test
reads the same in a right-to-left language as in any other."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC
from functools import partial

import pytest
from reportlab.platypus import Flowable, SimpleDocTemplate, Spacer  # type: ignore[import-untyped]
from reportlab.platypus.doctemplate import ActionFlowable  # type: ignore[import-untyped]

from kiosk.content import Form, load_form
from kiosk.document import seal, template
from kiosk.document.make import pdf_bytes
from kiosk.document.record import BriefingRecord, load_record
from kiosk.i18n import languages
from kiosk.store import Store
from tests.conftest import MILD
from tests.shared import walk_in_languages

HEADINGS = {"h1", "h2", "h3"}
FORMS = {language: load_form(MILD.with_name(f"{language}.toml")) for language in languages()}
CLINICS = ("", "St Anne's Clinic")
"""Two layouts of the same briefing: the clinic's name above the title moves every page break."""

Placed = list[tuple[int, Flowable]]


def style_of(flowable: Flowable) -> str:
    """The paragraph style's name, right to left or not ("h1-rtl" is an "h1")."""
    style = getattr(flowable, "style", None)
    return str(getattr(style, "name", "")).removesuffix("-rtl")


def placed(monkeypatch: pytest.MonkeyPatch, make: Callable[[], bytes]) -> Placed:
    """Each flowable `make` lays out, with the page it is laid out on, in order."""
    found: Placed = []

    class Recording(SimpleDocTemplate):  # type: ignore[misc]
        def afterFlowable(self, flowable: Flowable) -> None:
            found.append((self.page, flowable))

    with monkeypatch.context() as m:
        m.setattr(template, "SimpleDocTemplate", Recording)
        make()
    return found


def page_ends(found: Placed) -> dict[int, tuple[Flowable | None, Flowable]]:
    """Each page's last flowable that shows something, with the one before it on that page."""
    shown = [(n, f) for n, f in found if not isinstance(f, Spacer | ActionFlowable)]
    ends: dict[int, tuple[Flowable | None, Flowable]] = {}
    for i, (page, flowable) in enumerate(shown):
        before = shown[i - 1][1] if i and shown[i - 1][0] == page else None
        ends[page] = (before, flowable)
    return ends


def is_heading(before: Flowable | None, flowable: Flowable) -> bool:
    """A heading, or the note under a section's heading (which is part of it)."""
    if style_of(flowable) in HEADINGS:
        return True
    return style_of(flowable) == "small" and before is not None and style_of(before) == "h1"


def text_of(flowable: Flowable) -> str:
    """The words of a paragraph, right to left or not."""
    if hasattr(flowable, "getPlainText"):
        return str(flowable.getPlainText())
    return str(getattr(flowable, "text", flowable))


def record_in(store: Store, language: str) -> tuple[BriefingRecord, Form]:
    """A whole briefing in `language` (a flag, every risk acknowledged, signed), and its form."""
    briefing_id = walk_in_languages(store, FORMS, language, name="María José García")
    with store.reading() as s:
        return load_record(s, briefing_id), FORMS[language]


@pytest.mark.parametrize("language", languages())
def test_no_page_ends_with_a_heading(
    store: Store, signer: seal.Signer, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    assert {"en", "es", "ar"} <= set(FORMS)  # the languages shipped, each with its words
    record, form = record_in(store, language)
    for clinic in CLINICS:
        found = placed(monkeypatch, partial(pdf_bytes, record, form, signer, UTC, clinic=clinic))
        ends = page_ends(found)
        assert len(ends) > 5, "long enough to break pages"
        last = max(ends)
        stranded = [
            (page, text_of(flowable))
            for page, (before, flowable) in ends.items()
            if page != last and is_heading(before, flowable)
        ]
        assert not stranded, (language, clinic, stranded)


def test_a_heading_is_kept_with_a_block_kept_together() -> None:
    """ReportLab's keepWithNext leaves a heading alone before a KeepTogether (a pictured screen, a
    risk): here the heading goes into it, the block opened (never one KeepTogether in another)."""
    from reportlab.platypus import KeepTogether, Paragraph

    from kiosk.document.fontfiles import register_fonts
    from kiosk.document.styles import STYLES
    from kiosk.document.together import kept_with_next

    register_fonts()  # (the styles' faces: this test makes no PDF that would register them)
    h1, note = Paragraph("Steps", STYLES["h1"]), Paragraph("Each screen", STYLES["small"])
    note.keepWithNext = 1
    screen = KeepTogether([Paragraph("Step 1", STYLES["h2"]), Paragraph("Words", STYLES["body"])])
    after = Paragraph("More", STYLES["body"])
    (kept, rest) = kept_with_next([h1, note, screen, after])
    assert isinstance(kept, KeepTogether) and rest is after
    assert kept._content[:2] == [h1, note] and kept._content[2:] == screen._content
    assert not any(isinstance(f, KeepTogether) for f in kept._content)
    assert kept_with_next([after, h1]) == [after, h1]  # nothing after it: as it is
