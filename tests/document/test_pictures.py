"""A form's pictures print in the briefing PDF right after the same words the screen showed (kept on
one page with their last paragraph), drawn from the content's bytes; the file stays signed and
intact."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime
from itertools import takewhile
from pathlib import Path

from PIL import Image
from reportlab.platypus import KeepTogether  # type: ignore[import-untyped]

from kiosk.document import seal
from kiosk.document.figure import _drawing, _Figure, warm
from kiosk.document.make import make_document
from kiosk.document.record import load_record
from kiosk.document.story import build_story
from kiosk.document.verify import verify_pdf
from kiosk.i18n import words_for
from kiosk.store import Store
from tests.document.conftest import FORM, SignedBriefing
from tests.pdfsig import pdfsig

NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
BONE = (243, 233, 204)
"""The pictures' bone colour (#F3E9CC): on a page only where a picture is drawn."""


def figures(flowables: list[object]) -> list[tuple[str, _Figure]]:
    """Each picture of the story, with the words printed just before it."""
    found: list[tuple[str, _Figure]] = []
    before = ""

    def walk(items: list[object]) -> None:
        nonlocal before
        for flowable in items:
            if isinstance(flowable, KeepTogether):
                walk(flowable._content)
            elif isinstance(flowable, _Figure):
                found.append((before, flowable))
            elif hasattr(flowable, "getPlainText"):
                before = flowable.getPlainText()

    walk(flowables)
    return found


def test_each_picture_follows_its_screens_words_on_the_same_page(
    store: Store, signed: SignedBriefing
) -> None:
    with store.reading() as s:
        record = load_record(s, signed())
    story = build_story(record, FORM, words_for("en"))
    printed = figures(story)
    pictured = [screen for _, screen in FORM.content_screens() if screen.picture is not None]
    assert len(printed) == len(pictured) == 9
    for (before, flowable), screen in zip(printed, pictured, strict=True):
        assert screen.picture is not None
        last = screen.paragraphs()[-1] if hasattr(screen, "paragraphs") else ""
        assert " ".join(before.split()) == last, screen.id  # right after the screen's last words
        assert flowable.width > 150 and flowable.height > 100
    # A screen with a picture is one block: its heading never ends a page before its picture.
    blocks = [item for item in story if isinstance(item, KeepTogether) and figures([item])]
    titled = [screen for screen in pictured if hasattr(screen, "title")]

    def headings(block: KeepTogether) -> str:
        """The block's opening headings: the screen's own, after a section's kept with it."""
        leading = takewhile(lambda f: f.getKeepWithNext(), block._content)
        return " | ".join(f.getPlainText() for f in leading)

    for screen in titled:
        assert any(screen.title in headings(block) for block in blocks), screen.id
    bare = {"picture": None}
    plain = FORM.model_copy(
        update={
            "about": FORM.about.model_copy(update=bare),
            "steps": [step.model_copy(update=bare) for step in FORM.steps],
            "risks": [risk.model_copy(update=bare) for risk in FORM.risks],
        }
    )
    assert not figures(build_story(record, plain, words_for("en")))


def test_the_pictures_print_and_the_pdf_stays_sealed(
    store: Store, signed: SignedBriefing, signer: seal.Signer, tmp_path: Path
) -> None:
    made = make_document(store, signed(), {FORM.id: FORM}, signer, tmp_path / "pdfs", NOW, zone=UTC)
    path = made.path
    assert pdfsig(path).valid
    assert verify_pdf(path.read_bytes(), store).intact
    subprocess.run(["pdftoppm", "-png", "-r", "20", str(path), str(tmp_path / "p")], check=True)
    pages = sorted(tmp_path.glob("p-*.png"))
    with_pictures = 0
    for page in pages:
        image = Image.open(page).convert("RGB")
        pixels = [image.getpixel((x, y)) for x in range(image.width) for y in range(image.height)]
        bone = [px for px in pixels if isinstance(px, tuple) and _near(px, BONE)]
        if len(bone) > 20:
            with_pictures += 1
    assert with_pictures >= 3, f"pictures on {with_pictures} of {len(pages)} pages"


def _near(pixel: tuple[int, ...], colour: tuple[int, int, int]) -> bool:
    return all(abs(a - b) < 12 for a, b in zip(pixel[:3], colour, strict=True))


def test_the_pictures_are_parsed_ahead_once() -> None:
    """`warm` (on the kiosk's worker thread once it is ready) leaves the first PDF nothing to parse."""
    _drawing.cache_clear()
    warm([FORM, FORM])
    info = _drawing.cache_info()
    assert (info.currsize, info.misses) == (9, 9)
    pictured = [p for _, p in FORM.pictures()]
    assert all(_drawing(p.svg) is _drawing(p.svg) for p in pictured)
    assert _drawing.cache_info().misses == 9
