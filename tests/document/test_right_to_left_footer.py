"""An Arabic footer too long for one line (a long clinic name) reads right: its lines in reading
order, each line's words in order. A reviewer read "St" on the first line and "Anne's Clinic ..."
on the next: the footer was ordered for drawing as one line and only then wrapped.

Read off the page as tests.document.test_right_to_left_runs reads it: each line's glyphs as PDFium
places them, then from the right (a stretch of Latin letters and digits from its left)."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from reportlab.platypus import Paragraph  # type: ignore[import-untyped]

from kiosk.document import seal
from kiosk.document.fonts import register_fonts
from kiosk.document.make import pdf_bytes
from kiosk.document.record import load_record
from kiosk.document.runs import FSI, LRI, PDI, RLI, code, each_line_whole, own
from kiosk.document.shaping import paragraph_markup
from kiosk.document.styles import FOOTER_HEIGHT, STYLES
from kiosk.document.template import FOOTER_WIDTH, footer_markup
from kiosk.store import Store
from tests.document.rtl_read import AR, BRIEFING, EN, NAME, ZONE, drawn_lines, read
from tests.shared import walk_in_languages

CLINIC = "St Anne's Clinic of the Holy Cross, Springfield"
"""The reviewer's: the footer takes two lines."""
LONGER = f"{CLINIC}, Department of Orthopaedic and Spinal Surgery, Outpatient Procedures"
"""Long enough that the line breaks inside the patient's name (NAME), the footer's last value."""
LABEL = re.compile(r"صفحة \d+ من \d+$")
MARKS = dict.fromkeys(map(ord, LRI + RLI + FSI + PDI))


def footers(store: Store, signer: seal.Signer, clinic: str, language: str) -> list[list[str]]:
    """Each page's footer lines, read in the PDF's direction, the page label left out."""
    briefing_id = walk_in_languages(store, {"en": EN, "ar": AR}, language, name=NAME)
    with store.reading() as s:
        record = replace(load_record(s, briefing_id), briefing_id=BRIEFING)
    form = AR if language == "ar" else EN
    pages = drawn_lines(pdf_bytes(record, form, signer, ZONE, clinic=clinic))
    found = []
    for page in pages:
        lines = [read(line) for line in page] if language == "ar" else page
        labelled = max(i for i, line in enumerate(lines) if ("صفحة" in line or "Page" in line))
        found.append([LABEL.sub("", re.sub(r"Page \d+ of \d+$", "", lines[labelled]))])
        found[-1] += lines[labelled + 1 :]
    return found


@pytest.mark.parametrize("clinic", [CLINIC, LONGER])
def test_a_wrapped_arabic_footer_reads_in_order(
    store: Store, signer: seal.Signer, clinic: str
) -> None:
    pages = footers(store, signer, clinic, "ar")
    assert len(pages) > 1
    for lines in pages:
        assert len(lines) > 1, lines  # it wraps
        assert lines[0].startswith(CLINIC), lines  # the first words first
        # every line's words in order: the lines, read one after the other, are the footer
        said = " ".join(lines)
        assert said.startswith(f"{clinic} · جلسة الشرح {BRIEFING} · إصدار المحتوى 1.3.0، sha256 ")
        assert said.endswith(f" · {NAME}"), said
    if clinic == LONGER:  # the name is broken across lines and each part reads as written
        assert pages[0][-2].endswith(" · John") and pages[0][-1] == "Smith Jr.", pages[0]
    else:
        assert pages[0][-1].endswith(f" · {NAME}"), pages[0]


def test_a_wrapped_footer_left_to_right_is_as_it_was(store: Store, signer: seal.Signer) -> None:
    for lines in footers(store, signer, CLINIC, "en"):
        assert lines[0].startswith(f"{CLINIC} · Briefing {BRIEFING}"), lines
        assert lines[-1].endswith(NAME), lines
    footer = f"{CLINIC} · Briefing {BRIEFING} · content version 1.3.0"
    assert footer_markup(footer, right_to_left=False) == paragraph_markup(
        footer.replace(" · ", " ·\u00a0")
    )


def test_a_short_arabic_footer_is_one_line() -> None:
    footer = f"جلسة الشرح {LRI}{BRIEFING}{PDI}"
    assert footer_markup(footer, right_to_left=True) == paragraph_markup(footer, right_to_left=True)


def test_a_value_broken_across_lines_stays_one_run_in_each() -> None:
    """An isolate open at a line's end is closed there and opened again on the next line, a first
    strong isolate as the direction its whole value resolved to."""
    lines = ["الاسم · \u2068John", "Smith Jr.\u2069 · \u2068محمد", "عبد Jr.\u2069"]
    assert each_line_whole(lines) == [
        f"الاسم · {LRI}John{PDI}",
        f"{LRI}Smith Jr.{PDI} · {RLI}محمد{PDI}",
        f"{RLI}عبد Jr.{PDI}",
    ]
    assert [line.translate(MARKS) for line in each_line_whole(lines)] == [
        line.translate(MARKS) for line in lines
    ]
    assert each_line_whole(["plain", "lines"]) == ["plain", "lines"]


def _wrapped(footer: str, right_to_left: bool) -> list[str]:
    """The footer's lines as drawn: right to left, each line's glyphs from the left of the page."""
    markup = footer_markup(footer, right_to_left)
    if right_to_left:
        return [re.sub(r"<[^>]+>", "", line).strip() for line in markup.split("<br/>")]
    para = Paragraph(markup, STYLES["footer"])
    para.wrap(FOOTER_WIDTH, FOOTER_HEIGHT)
    lines = (
        para.blPara.lines
    )  # (words, or a line's fragments where the name is in a font of its own)
    return [
        "".join(f.text for f in ln.words) if hasattr(ln, "words") else " ".join(ln[1])
        for ln in lines
    ]


@pytest.mark.parametrize("right_to_left", [False, True], ids=["en", "ar"])
def test_no_footer_line_ends_with_a_dot_that_heads_the_next(right_to_left: bool) -> None:
    """A reviewer's Arabic footer (practice mode) ended its first line with "·", the patient's name
    alone on the next: a "·" goes over with what it heads."""
    register_fonts()
    name = own("فاطمة الزهراء", right_to_left)
    for n in range(20, 90, 2):
        clinic = f"Clinic {'x' * n}"
        if right_to_left:
            footer = f"{clinic} · جلسة الشرح {code(BRIEFING, True)} · sha256 99249d4a887c · {name}"
        else:
            footer = f"{clinic} · Briefing {BRIEFING} · sha256 99249d4a887c · {name}"
        lines = _wrapped(footer, right_to_left)
        ends = [line[0] if right_to_left else line[-1] for line in lines if line]
        assert "·" not in ends, (n, lines)
