"""A name in every script the kiosk promises prints right in the whole briefing PDF.

What proves it, script by script:

* every name is printable (`unprintable` is None) and its letters are drawn in its script's font;
* `pdffonts`: that font is embedded;
* `pdftotext` of the whole PDF never has U+FFFD (a character no font had) or U+25A0 (a box);
* scripts drawn one glyph per letter (Latin with any accents, Greek, Cyrillic, Armenian, Georgian,
  Ethiopic, Hangul, Han, Kana): the text comes back exactly as typed (NFC), "Signed by: <name>";
* right-to-left scripts: every letter is there (their visual order is proven in test_fonts.py);
* shaped scripts (Indic, Sinhala, Thai, Lao, Khmer, Myanmar): pdftotext -raw gives back, glyph for
  glyph in drawing order, the glyphs HarfBuzz itself chooses for each word in that font (computed
  here with uharfbuzz directly from the font file, not through the kiosk): conjuncts, vowel signs
  moved before their consonant, split vowels, subscript consonants. Each test name is one HarfBuzz
  changes (it is not one glyph per letter), so the check would fail on unshaped drawing.
  Glyphs with no character of their own come back as private-use characters (reportlab's ToUnicode),
  so copy and paste of such a name from the PDF gives the base letters, not the whole name.
  Mark positions are not in the text: they were checked by eye on pdftoppm renderings.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from reportlab.platypus import Paragraph  # type: ignore[import-untyped]

from kiosk.document import seal
from kiosk.document.fontfiles import fonts_dir
from kiosk.document.fontlist import FAMILIES
from kiosk.document.make import make_document
from kiosk.document.printable import unprintable
from kiosk.document.shaping import paragraph_markup
from kiosk.document.styles import STYLES, TEXT_WIDTH
from kiosk.store import Store
from tests.document.conftest import FORM, SignedBriefing, pdf_text
from tests.shared import (
    SCRIPT_FONT_FILES,
    SCRIPT_NAMES,
    SHAPED_SCRIPTS,
    extracted_pattern,
    font_file,
    harfbuzz_glyphs,
    harfbuzz_shaped,
)

RTL = {"hebrew", "arabic"}
FACE_OF_FILE = {
    face.file: face.name for f in FAMILIES for face in (f.regular, f.bold) if face is not None
}


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """Fonts do not depend on the database: these run on SQLite only."""
    return f"sqlite:///{tmp_path / 'data' / 'kiosk.db'}"


def _fonts_of(markup: str) -> set[str]:
    return set(re.findall(r'<font name="([^"]+)">', markup))


@pytest.mark.parametrize("script", list(SCRIPT_NAMES))
def test_the_name_is_printable_in_its_scripts_font(script: str) -> None:
    name = SCRIPT_NAMES[script]
    assert unprintable(name) is None
    expected = {FACE_OF_FILE[SCRIPT_FONT_FILES[script]]} if script in SCRIPT_FONT_FILES else set()
    assert _fonts_of(paragraph_markup(name)) == expected
    if script in SCRIPT_FONT_FILES:  # bold in the script's bold face; CJK and Hangul have none
        bold = FACE_OF_FILE.get(font_file(script, bold=True).name)
        assert _fonts_of(paragraph_markup(name, bold=True)) - {"KioskSans-Bold"} == (
            {bold} if bold else expected
        )


@pytest.mark.parametrize("script", sorted(SHAPED_SCRIPTS - {"thai"}))
def test_each_shaped_test_name_needs_shaping(script: str) -> None:
    """Guards the checks below: drawn one glyph per letter at its own place, these names would fail
    them. (The issue's สมชาย ใจดี needs no shaping at all; thai-stacked does.)"""
    path = font_file(script)
    with TTFont(path, lazy=True) as file:
        cmap = file.getBestCmap()
    words = SCRIPT_NAMES[script].split()
    substituted = any(harfbuzz_glyphs(path, w) != [cmap[ord(ch)] for ch in w] for w in words)
    assert substituted or _offsets(path, SCRIPT_NAMES[script])


def _offsets(path: Path, name: str) -> list[tuple[float, float]]:
    """HarfBuzz's mark offsets for the name, in reportlab's units (thousandths of an em)."""
    with TTFont(path, lazy=True) as file:
        upem = file["head"].unitsPerEm
    return [
        (round(x * 1000 / upem, 1), round(y * 1000 / upem, 1))
        for word in name.split()
        for _, x, y in harfbuzz_shaped(path, word)
        if x or y
    ]


@pytest.mark.parametrize("script", sorted(SHAPED_SCRIPTS))
def test_marks_go_where_harfbuzz_puts_them(script: str) -> None:
    """The positions HarfBuzz gives the marks (a Thai tone mark lowered onto a short letter, a
    Devanagari sign moved over its conjunct) reach the drawing, every one, in order."""
    name = SCRIPT_NAMES[script]
    para = Paragraph(paragraph_markup(name), STYLES["body"])
    para.wrap(TEXT_WIDTH, 1000)
    drawn = [
        (round(float(d.x_offset), 1), round(float(d.y_offset), 1))
        for line in para.blPara.lines
        for frag in line.words
        for d in getattr(frag.text, "__shapeData__", None) or ()
        if d.cluster >= 0 and (d.x_offset or d.y_offset)
    ]
    assert drawn == _offsets(font_file(script), name)


def test_zero_width_joiners_reach_the_shaper() -> None:
    """ශ්‍රී (Sinhala, with ZWJ: the touching form) keeps its joiner inside the Sinhala run."""
    markup = paragraph_markup("ශ්\u200dරී")
    assert markup == '<font name="KioskSinhala">ශ්\u200dරී</font>'
    assert paragraph_markup("Ana\u200dLee") == "AnaLee"  # elsewhere it is dropped, as before


def _embedded(path: Path) -> list[str]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in out.splitlines()[2:] if line.strip()]
    assert all(row[-5] == "yes" for row in rows), out
    return [row[0].split("+")[-1] for row in rows]


@pytest.mark.parametrize("script", list(SCRIPT_NAMES))
def test_a_briefing_pdf_prints_the_name(
    store: Store, signed: SignedBriefing, signer: seal.Signer, tmp_path: Path, script: str
) -> None:
    name = SCRIPT_NAMES[script]
    made = make_document(
        store, signed(name), {FORM.id: FORM}, signer, tmp_path, datetime.now(UTC), zone=UTC
    )
    text = pdf_text(made.path)
    raw = subprocess.run(
        ["pdftotext", "-raw", str(made.path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "\ufffd" not in text + raw and "\u25a0" not in text + raw

    embedded = _embedded(made.path)
    if script in SCRIPT_FONT_FILES:
        with TTFont(font_file(script), lazy=True) as file:
            postscript = file["name"].getDebugName(6)
        assert postscript in embedded, embedded

    if script in SHAPED_SCRIPTS:
        for word in name.split():
            assert re.search(extracted_pattern(font_file(script), word), raw), word
    elif script in RTL:
        visible = unicodedata.normalize("NFKC", text)
        assert all(ch in visible for ch in name if not ch.isspace() and ch != "-")
    else:
        nfc = unicodedata.normalize("NFC", text)
        assert f"Signed by: {unicodedata.normalize('NFC', name)}" in nfc


def test_the_bundled_fonts_are_the_ones_the_table_names() -> None:
    """Every file fontlist names is in assets/fonts, and nothing else is there unused."""
    named = {face.file for f in FAMILIES for face in (f.regular, f.bold) if face is not None}
    shipped = {path.name for path in fonts_dir().glob("*.ttf")}
    assert named == shipped


def test_without_harfbuzz_the_shaped_scripts_are_refused_and_doctor_says_why(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A broken install must not print a Hindi name with its conjuncts in pieces: it refuses it."""
    from reportlab.pdfbase import ttfonts  # type: ignore[import-untyped]

    from kiosk.document import fontfiles, harfbuzz
    from kiosk.document.printable import Unprintable

    monkeypatch.setattr(ttfonts, "uharfbuzz", None)
    monkeypatch.setattr(fontfiles, "_fonts", None)  # loaded again, as in a new process
    assert harfbuzz.MISSING in fontfiles.check_fonts()
    assert unprintable(SCRIPT_NAMES["devanagari"]) is Unprintable.LETTERS
    assert unprintable(SCRIPT_NAMES["hangul"]) is None  # drawn glyph by glyph: no shaper needed
