"""Every name the store accepts prints in real glyphs, embedded, in reading order, and literally.

What the PDF checks prove and why:

* `pdffonts`: every font in the file is embedded ("emb yes"), and each kiosk family is really used.
  The document starts in BASE_FONT (`SimpleDocTemplate(initialFontName=...)`), so reportlab's
  default Helvetica, which it references but never embeds, is not in the file at all.
* `pdftotext`: left-to-right names come back exactly as typed. Right-to-left names are drawn in
  visual order (reversed, Arabic as joined presentation forms); poppler turns them back into logical
  order word by word, wraps them in embedding controls and may move words around neutral
  punctuation (the hyphen in "בן-גוריון"). So for those the check is: with the bidi controls removed
  and NFKC applied (presentation forms back to plain letters), every word of the name is there,
  letter for letter, in reading order. The order on the page is proven on the markup itself (the
  visual string) and was checked by eye on a rendering (`pdftoppm -png -r 80`).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
from reportlab.platypus import Paragraph, SimpleDocTemplate  # type: ignore[import-untyped]

from kiosk.document import fontfiles, shaping
from kiosk.document.fonts import (
    ARABIC_FONT,
    BASE_FONT,
    BOLD_FONT,
    CJK_FONT,
    HEBREW_FONT,
    REPLACEMENT,
    check_fonts,
    missing_glyphs,
    paragraph_markup,
    register_fonts,
    visual_order,
)

LTR_NAMES = [
    "Zoë Ångström-Łukasiewicz",
    "Nguyễn Thị Minh Khai",
    "Αλέξανδρος Παπαδόπουλος",
    "Анна Каренина",
    "王小明",
    "山田 太郎",
    "やまだ たろう",
    'Jean "Johnny" D’Arcy & <b>Co</b>',
]
RTL_NAMES = ["דוד בן-גוריון", "محمد عبد الله"]
NAMES = LTR_NAMES + RTL_NAMES

POPPLER = pytest.mark.skipif(
    not (shutil.which("pdffonts") and shutil.which("pdftotext")), reason="needs poppler-utils"
)
BIDI_CONTROLS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e"))


def _text_of(markup: str) -> str:
    """The characters a markup string draws, tags removed and entities decoded."""
    text = re.sub(r"<[^>]+>", "", markup)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _fonts_of(markup: str) -> list[str]:
    return re.findall(r'<font name="([^"]+)">', markup)


# --- glyph coverage ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_every_script_has_a_font(name: str) -> None:
    assert missing_glyphs(name) == set()


@pytest.mark.parametrize(
    ("text", "missing"),
    [
        ("Anna \ue000", {"\ue000"}),  # private use: no agreed glyph, whatever a font has
        ("Anna \U0001f984", {"\U0001f984"}),  # an emoji none of the fonts draws
        ("Ann\ud800a", {"\ud800"}),  # a lone surrogate
    ],
)
def test_a_character_no_font_has_is_reported(text: str, missing: set[str]) -> None:
    assert missing_glyphs(text) == missing
    markup = paragraph_markup(text)
    assert _text_of(markup) == text.replace(next(iter(missing)), REPLACEMENT)
    assert _fonts_of(paragraph_markup(text, bold=True)) == [BOLD_FONT]  # a visible mark, not a box


def test_blanks_and_invisible_controls_are_not_reported_and_not_drawn() -> None:
    text = "Anna\u00a0Maria\u2003Lee\u200d\u200f\u00ad\ufe0f\x07"
    assert missing_glyphs(text) == set()
    assert _text_of(paragraph_markup(text)) == "Anna\u00a0Maria Lee"


# --- markup --------------------------------------------------------------------------------------


def test_markup_characters_print_literally() -> None:
    markup = paragraph_markup('Jean "Johnny" D’Arcy & <b>Co</b>')
    assert "<b>" not in markup
    assert "&amp; &lt;b&gt;Co&lt;/b&gt;" in markup
    assert _text_of(markup) == 'Jean "Johnny" D’Arcy & <b>Co</b>'


@pytest.mark.parametrize(
    ("name", "family"),
    [
        ("Zoë Ångström-Łukasiewicz", BASE_FONT),
        ("Nguyễn Thị Minh Khai", BASE_FONT),
        ("Αλέξανδρος Παπαδόπουλος", BASE_FONT),
        ("Анна Каренина", BASE_FONT),
        ("דוד בן-גוריון", HEBREW_FONT),
        ("محمد عبد الله", ARABIC_FONT),
        ("王小明", CJK_FONT),
        ("山田 太郎", CJK_FONT),
        ("やまだ たろう", CJK_FONT),
    ],
)
def test_each_script_is_one_run_in_its_own_font(name: str, family: str) -> None:
    # Base-font text is left bare so it takes the paragraph style's font (regular or bold).
    assert _fonts_of(paragraph_markup(name)) == ([] if family == BASE_FONT else [family])
    bold = {BASE_FONT: BOLD_FONT, CJK_FONT: CJK_FONT}.get(family, f"{family}-Bold")
    assert _fonts_of(paragraph_markup(name, bold=True)) == [bold]


def test_base_text_only_one_weight_has_is_pinned_to_that_face() -> None:
    """Bare text takes the style's face; a character only regular DejaVu has must not be bare."""
    markup = paragraph_markup("x\U0001d5a0y")  # MATHEMATICAL SANS-SERIF CAPITAL A: not in bold
    assert markup == f'x<font name="{BASE_FONT}">\U0001d5a0</font>y'


def test_hebrew_is_in_visual_order() -> None:
    assert _text_of(paragraph_markup("דוד בן-גוריון")) == "ןוירוג-ןב דוד"


def test_arabic_is_joined_then_reversed() -> None:
    drawn = _text_of(paragraph_markup("محمد عبد الله"))
    # Joined forms, right to left: Allah ligature, then ʿabd (final dal, medial ba, initial ʿayn),
    # then Muhammad (final dal, medial mim, medial ha, initial mim).
    assert drawn == "\ufdf2 \ufeaa\ufe92\ufecb \ufeaa\ufee4\ufea4\ufee3"


def test_arabic_letters_round_trip_to_the_name() -> None:
    """Reading the drawn string right to left and undoing the joined forms gives the name back."""
    drawn = _text_of(paragraph_markup("محمد عبد الله"))
    assert unicodedata.normalize("NFKC", drawn[::-1]) == "محمد عبد الله"


def test_a_mixed_name_keeps_its_latin_order_and_reverses_only_the_hebrew() -> None:
    markup = paragraph_markup("Dr. דוד לוי Cohen")
    assert _text_of(markup) == "Dr. יול דוד Cohen"
    assert markup.startswith("Dr. ") and markup.endswith("Cohen")
    assert _fonts_of(markup) == [HEBREW_FONT]


def test_a_right_to_left_name_with_latin_puts_the_latin_on_the_left() -> None:
    assert _text_of(paragraph_markup("שרה Smith")) == "Smith הרש"


def test_brackets_and_quotes_are_mirrored_inside_right_to_left_text() -> None:
    assert _text_of(paragraph_markup("כהן (לוי)")) == "(יול) ןהכ"
    assert _text_of(paragraph_markup("عبد «الكبير»")).startswith("«")
    assert _text_of(paragraph_markup("Anna (Lee)")) == "Anna (Lee)"


def test_python_bidi_levels_are_read() -> None:
    """The mirroring needs python-bidi's resolved levels; an upgrade that hides them fails here."""
    assert shaping._levels("אב (c)") == [1, 1, 1, 1, 2, 1]


def test_pointed_hebrew_uses_the_font_that_places_points_without_a_shaper() -> None:
    markup = paragraph_markup("שָׁלוֹם", bold=True)
    assert _fonts_of(markup) == [BOLD_FONT]
    # Marks stay before their letter in the reversed run: shin's points come right before it.
    assert _text_of(markup).endswith("\u05c1\u05b8\u05e9")


def test_visual_order_leaves_left_to_right_text_alone() -> None:
    for name in LTR_NAMES:
        assert visual_order(name) == name


# --- registration and health ---------------------------------------------------------------------


def test_register_fonts_loads_once_and_is_idempotent(monkeypatch: pytest.MonkeyPatch) -> None:
    """The later calls load nothing; how long they take is measured in benchmarks/bench_pdf.py."""
    register_fonts()
    first = {name: pdfmetrics.getFont(name) for name in (BASE_FONT, BOLD_FONT, CJK_FONT)}

    def load_again() -> None:
        raise AssertionError("the fonts were loaded a second time")

    monkeypatch.setattr(fontfiles, "_load", load_again)
    for _ in range(3):
        register_fonts()
    assert {name: pdfmetrics.getFont(name) for name in first} == first


def test_check_fonts_is_quiet_when_all_is_well() -> None:
    assert check_fonts() == []


def test_check_fonts_names_a_missing_a_broken_and_a_wrong_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = fontfiles.fonts_dir()
    for font in real.glob("*.ttf"):
        shutil.copy(font, tmp_path)
    (tmp_path / "NotoSansArabic-Bold.ttf").unlink()
    (tmp_path / "NotoSansHebrew-Bold.ttf").write_bytes(b"not a font")
    shutil.copy(real / "DejaVuSans.ttf", tmp_path / "DroidSansFallbackFull.ttf")
    monkeypatch.setattr(fontfiles, "fonts_dir", lambda: tmp_path)

    problems = check_fonts()

    assert len(problems) == 3, problems
    missing, broken, wrong = sorted(problems, key=lambda p: ("Arabic" not in p, "Hebrew" not in p))
    assert "NotoSansArabic-Bold.ttf is missing" in missing and "reinstall" in missing
    assert "NotoSansHebrew-Bold.ttf cannot be read" in broken
    assert "DroidSansFallbackFull.ttf has no glyph" in wrong and "Chinese and Japanese" in wrong


# --- the PDF -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def names_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "names.pdf"
    style = ParagraphStyle("name", fontName=BASE_FONT, fontSize=14, leading=20)
    story = [
        Paragraph(paragraph_markup(name, bold=bold), style)
        for name in NAMES
        for bold in (False, True)
    ]
    SimpleDocTemplate(str(path), initialFontName=BASE_FONT).build(story)
    return path


@POPPLER
def test_every_font_in_the_pdf_is_embedded(names_pdf: Path) -> None:
    out = subprocess.run(
        ["pdffonts", str(names_pdf)], capture_output=True, text=True, check=True
    ).stdout
    rows = [line.split() for line in out.splitlines()[2:] if line.strip()]
    assert rows
    for row in rows:
        # name type... encoding emb sub uni object generation: emb is the fifth column from the end
        assert row[-5] == "yes", f"{row[0]} is not embedded"
    embedded = {row[0].split("+", 1)[-1] for row in rows}
    assert embedded == {
        "DejaVuSans",
        "DejaVuSans-Bold",
        "NotoSansHebrew-Regular",
        "NotoSansHebrew-Bold",
        "NotoSansArabic-Regular",
        "NotoSansArabic-Bold",
        "DroidSansFallback",
    }


@pytest.fixture(scope="module")
def names_text(names_pdf: Path) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("needs poppler-utils")
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(names_pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


@POPPLER
@pytest.mark.parametrize("name", LTR_NAMES)
def test_left_to_right_names_come_back_exactly(names_text: str, name: str) -> None:
    assert names_text.splitlines().count(name) == 2  # regular and bold


@POPPLER
def test_markup_in_a_name_is_printed_as_text(names_text: str) -> None:
    assert "& <b>Co</b>" in names_text


@POPPLER
@pytest.mark.parametrize("name", RTL_NAMES)
def test_right_to_left_names_come_back_word_for_word(names_text: str, name: str) -> None:
    plain = unicodedata.normalize("NFKC", names_text.translate(BIDI_CONTROLS))
    for word in re.split(r"[ -]", name):
        assert plain.count(word) == 2, word  # regular and bold
