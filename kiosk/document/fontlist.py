"""The fonts the kiosk ships, as data: for each script its font files, the Unicode blocks they are
the first choice for, and whether HarfBuzz must shape them. The PDF (kiosk.document.fontfiles), the
font subsetting script (assets/fonts/subset_fonts.py) and the screen (kiosk.ui.fonts) read it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

Ranges = tuple[tuple[int, int], ...]

BASE_FONT: Final = "KioskSans"
BOLD_FONT: Final = "KioskSans-Bold"
HEBREW_FONT: Final = "KioskHebrew"
ARABIC_FONT: Final = "KioskArabic"
CJK_FONT: Final = "KioskCJK"
HANGUL_FONT: Final = "KioskHangul"

COMMON: Final[Ranges] = (
    (0x0020, 0x007E),  # ASCII: digits and punctuation stay in the script's font inside a word
    (0x00A0, 0x00A0),
    (0x00AD, 0x00AD),
    (0x200B, 0x200D),  # zero width space, ZWNJ, ZWJ: they steer Indic conjuncts
    (0x2010, 0x2014),
    (0x2018, 0x201D),
    (0x2026, 0x2026),
    (0x25CC, 0x25CC),  # dotted circle: what HarfBuzz draws under a mark with no letter
)
"""Kept in every subset script font besides its own blocks."""

_DANDA: Final = ((0x0964, 0x0965),)  # the Indic full stops, shared by the scripts of India


@dataclass(frozen=True)
class Face:
    name: str
    """The font's name in reportlab (and the `<font name=...>` of paragraph markup)."""
    file: str
    covers: str
    sample: str
    """Characters this file must draw; if it does not, it is not the font the kiosk ships."""


@dataclass(frozen=True)
class Family:
    family: str
    regular: Face
    bold: Face | None
    """None: bold text in this script prints in the regular face."""
    ranges: Ranges = ()
    """The blocks this family is tried first for (empty: only as a fallback, in table order)."""
    shaped: bool = False
    """Drawn through HarfBuzz (reportlab's `shaping`): conjuncts, reordered vowels, stacked marks."""


def _noto(
    script: str, covers: str, sample: str, ranges: Ranges, *, shaped: bool, bold: bool = True
) -> Family:
    family = f"Kiosk{script}"
    return Family(
        family,
        Face(family, f"NotoSans{script}-Regular.ttf", covers, sample),
        Face(f"{family}-Bold", f"NotoSans{script}-Bold.ttf", f"bold {covers}", sample)
        if bold
        else None,
        ranges,
        shaped,
    )


FAMILIES: Final = (
    Family(
        BASE_FONT,
        Face(BASE_FONT, "DejaVuSans.ttf", "Latin, Greek, Cyrillic and Vietnamese", "ÅŁễΩЖ"),
        Face(BOLD_FONT, "DejaVuSans-Bold.ttf", "bold Latin, Greek and Cyrillic", "ÅŁễΩЖ"),
    ),
    Family(
        HEBREW_FONT,
        Face(HEBREW_FONT, "NotoSansHebrew-Regular.ttf", "Hebrew", "אבג"),
        Face(f"{HEBREW_FONT}-Bold", "NotoSansHebrew-Bold.ttf", "bold Hebrew", "אבג"),
    ),
    Family(
        ARABIC_FONT,
        Face(ARABIC_FONT, "NotoSansArabic-Regular.ttf", "Arabic", "\u0645\ufee3\ufeaa"),
        Face(f"{ARABIC_FONT}-Bold", "NotoSansArabic-Bold.ttf", "bold Arabic", "\ufee3"),
    ),
    Family(
        CJK_FONT,
        Face(CJK_FONT, "DroidSansFallbackFull.ttf", "Chinese and Japanese", "山田やまダ王"),
        None,
    ),
    _noto("Armenian", "Armenian", "Աբգ", ((0x0530, 0x058F), (0xFB13, 0xFB17)), shaped=False),
    _noto(
        "Georgian",
        "Georgian",
        "აბგ",
        ((0x10A0, 0x10FF), (0x1C90, 0x1CBF), (0x2D00, 0x2D2F)),
        shaped=False,
    ),
    _noto(
        "Devanagari",
        "Devanagari (Hindi, Marathi, Nepali)",
        "कखग",
        ((0x0900, 0x097F), (0xA8E0, 0xA8FF), (0x1CD0, 0x1CFF)),
        shaped=True,
    ),
    _noto("Bengali", "Bengali", "কখগ", ((0x0980, 0x09FF), *_DANDA), shaped=True),
    _noto("Gurmukhi", "Gurmukhi (Punjabi)", "ਕਖਗ", ((0x0A00, 0x0A7F), *_DANDA), shaped=True),
    _noto("Gujarati", "Gujarati", "કખગ", ((0x0A80, 0x0AFF), *_DANDA), shaped=True),
    _noto("Tamil", "Tamil", "கஙச", ((0x0B80, 0x0BFF), *_DANDA), shaped=True),
    _noto("Telugu", "Telugu", "కఖగ", ((0x0C00, 0x0C7F), *_DANDA), shaped=True),
    _noto("Kannada", "Kannada", "ಕಖಗ", ((0x0C80, 0x0CFF), *_DANDA), shaped=True),
    _noto("Malayalam", "Malayalam", "കഖഗ", ((0x0D00, 0x0D7F), *_DANDA), shaped=True),
    _noto("Sinhala", "Sinhala", "කඛග", ((0x0D80, 0x0DFF), (0x111E1, 0x111F4)), shaped=True),
    _noto("Thai", "Thai", "กขค", ((0x0E00, 0x0E7F),), shaped=True),
    _noto("Lao", "Lao", "ກຂຄ", ((0x0E80, 0x0EFF),), shaped=True),
    _noto("Khmer", "Khmer", "កខគ", ((0x1780, 0x17FF), (0x19E0, 0x19FF)), shaped=True),
    _noto(
        "Myanmar",
        "Myanmar (Burmese)",
        "ကခဂ",
        ((0x1000, 0x109F), (0xA9E0, 0xA9FF), (0xAA60, 0xAA7F)),
        shaped=True,
    ),
    _noto(
        "Ethiopic",
        "Ethiopic (Amharic, Tigrinya)",
        "ሀለሐ",
        ((0x1200, 0x139F), (0x2D80, 0x2DDF), (0xAB00, 0xAB2F), (0x1E7E0, 0x1E7FF)),
        shaped=False,
    ),
    Family(
        HANGUL_FONT,
        Face(HANGUL_FONT, "KioskHangulGothic-Regular.ttf", "Korean (Hangul)", "김민준"),
        None,
        (
            (0x1100, 0x11FF),
            (0x3130, 0x318F),
            (0xA960, 0xA97F),
            (0xAC00, 0xD7AF),
            (0xD7B0, 0xD7FF),
        ),
    ),
)
"""In the order a character is looked for when no family claims its block."""

SHAPED_FACES: Final = frozenset(
    face.name for f in FAMILIES if f.shaped for face in (f.regular, f.bold) if face is not None
)
