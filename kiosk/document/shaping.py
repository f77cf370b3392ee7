"""Shaping for the briefing PDF: every name the store accepts prints in real glyphs, in reading order.

reportlab draws one glyph per character, left to right, with no bidi of its own (that needs
rlbidi, which the kiosk does not ship). Its HarfBuzz shaping is used only for the scripts that
cannot do without it (Indic, Sinhala, Thai, Lao, Khmer, Myanmar: kiosk.document.harfbuzz); this
module picks their font and keeps ZWJ/ZWNJ for them. For the rest it does, once per string, what a
text engine would do:

1. normalise: NFC, every blank except NO-BREAK SPACE becomes a plain space;
2. shape Arabic with arabic_reshaper (letters become their joined initial/medial/final
   presentation forms); this needs the logical order, so it comes before any reordering;
3. reorder to visual order with python-bidi (the Unicode bidi algorithm in its Rust core) and
   mirror brackets and quotes inside right-to-left runs (rule L4, which python-bidi 0.6 leaves out);
4. drop invisible format characters (RLM, soft hyphen, variation selectors ...; ZWJ and ZWNJ
   too, except inside a run of a HarfBuzz-shaped script, where they choose the conjunct form);
5. split the visual string into runs by the font that has the glyph (the script's own font first
   for the blocks kiosk.document.fontlist gives it, then every family in the table's order: the
   base font, Hebrew, Arabic, CJK, ...), escape each run and wrap every
   run not in the base font in `<font name="...">` (base-font text is left bare, to take the
   paragraph style's weight, unless bold is asked for).

Pointed Hebrew (niqqud) is the one exception to "the script's own font first": without a shaper,
Noto Sans Hebrew puts every point at the left edge of its letter (a shin dot would read as a sin
dot), while DejaVu Sans places its points for unshaped drawing. So a name with Hebrew points prints
its Hebrew in DejaVu Sans; unpointed Hebrew, as names are usually written, prints in Noto.

A character no font has is drawn as U+FFFD (a visible replacement mark, never .notdef) and is
reported by `missing_glyphs`. Private-use characters always count as missing: what a font draws for
them is not the character the patient typed.

Known limits: bidi is applied to the whole string as one line, so a right-to-left name that wraps
onto a second line has its lines in the wrong order (names are short; give them a wide cell).
Arabic vowel marks (harakat) are dropped by the reshaper, as in everyday Arabic writing.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from typing import Final

import arabic_reshaper  # type: ignore[import-untyped]
from bidi import get_base_level, get_display  # type: ignore[import-untyped]
from bidi.mirror import MIRRORED  # type: ignore[import-untyped]

from kiosk.document.fontfiles import (
    ARABIC_FONT,
    BASE_FONT,
    BOLD_FONT,
    CJK_FONT,
    HEBREW_FONT,
    REPLACEMENT,
    Face,
    Fonts,
    loaded,
)
from kiosk.document.fontlist import FAMILIES, SHAPED_FACES

_HEBREW_RANGES: Final = ((0x0590, 0x05FF), (0xFB1D, 0xFB4F))
_ARABIC_RANGES: Final = (
    (0x0600, 0x06FF),
    (0x0750, 0x077F),
    (0x0870, 0x08FF),
    (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFF),
)
_CJK_RANGES: Final = (
    (0x2E80, 0x2FFF),  # radicals
    (0x3000, 0x303F),  # CJK punctuation
    (0x3040, 0x31FF),  # kana, bopomofo
    (0x3200, 0x33FF),  # enclosed, compatibility
    (0x3400, 0x4DBF),  # extension A
    (0x4E00, 0x9FFF),  # unified ideographs
    (0xF900, 0xFAFF),  # compatibility ideographs
    (0xFF00, 0xFFEF),  # half- and full-width forms
    (0x20000, 0x3FFFF),  # extensions B and later
)
_PREFERRED: Final = (
    (_HEBREW_RANGES, HEBREW_FONT),
    (_ARABIC_RANGES, ARABIC_FONT),
    (_CJK_RANGES, CJK_FONT),
    *((family.ranges, family.family) for family in FAMILIES if family.ranges),
)
"""A script's own font comes first for its letters, so a word never mixes two designs."""

_JOINERS: Final = "\u200c\u200d"
"""ZWNJ and ZWJ: invisible, but in a shaped script they choose between a conjunct and its parts."""

_HEBREW_POINTS: Final = ((0x0591, 0x05C7),)

_DEFAULT_IGNORABLE: Final = (
    (0x034F, 0x034F),  # combining grapheme joiner
    (0x115F, 0x1160),  # Hangul fillers
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),  # Mongolian variation selectors
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),  # variation selectors
    (0xFFA0, 0xFFA0),
    (0xE0000, 0xE0FFF),  # tags, variation selectors supplement
)

_VISIBLE_FORMAT: Final = ((0x0600, 0x0605), (0x06DD, 0x06DD), (0x070F, 0x070F), (0x08E2, 0x08E2))
"""Format characters that do have a visible sign (Arabic number signs and the like)."""

_RESHAPER: Final = arabic_reshaper.ArabicReshaper()
_LEVELS_RE: Final = re.compile(r"levels:\s*\[(.*?)\]", re.S)
_LEVEL_RE: Final = re.compile(r"Level\(\s*(\d+)")


def _in(cp: int, ranges: Iterable[tuple[int, int]]) -> bool:
    return any(lo <= cp <= hi for lo, hi in ranges)


@functools.lru_cache(maxsize=4096)
def _preferred(cp: int) -> tuple[str, ...]:
    """The families that claim `cp`'s block, in table order (cached: every character of every
    paragraph of the PDF asks)."""
    return tuple(family for ranges, family in _PREFERRED if _in(cp, ranges))


def _invisible(ch: str) -> bool:
    """Format characters and default-ignorables: they steer layout and have nothing to draw."""
    if _in(ord(ch), _VISIBLE_FORMAT):
        return False
    return unicodedata.category(ch) == "Cf" or _in(ord(ch), _DEFAULT_IGNORABLE)


@functools.lru_cache(maxsize=4096)
def _ignored(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch) == "Cc" or _invisible(ch)


def _normalise(text: str) -> str:
    """NFC; blanks other than NO-BREAK SPACE become spaces, lone surrogates become U+FFFD."""
    text = unicodedata.normalize("NFC", text)
    return "".join(
        " "
        if ch.isspace() and ch != "\u00a0"
        else REPLACEMENT
        if unicodedata.category(ch) == "Cs"
        else ch
        for ch in text
    )


def _shape(text: str) -> str:
    """Arabic letters in their joined forms; the logical order is kept. Other text is unchanged."""
    if not any(_in(ord(ch), _ARABIC_RANGES) for ch in text):
        return text
    shaped: str = _RESHAPER.reshape(text)
    return shaped


def _has_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)


def _levels(text: str, base_dir: str | None = None) -> list[int] | None:
    """The resolved bidi level of each character, from python-bidi's Rust core; None if unknown."""
    info = get_display(text, base_dir=base_dir, debug=True)
    match = _LEVELS_RE.search(info) if isinstance(info, str) else None
    if match is None:
        return None
    per_byte = [int(level) for level in _LEVEL_RE.findall(match.group(1))]
    if len(per_byte) != len(text.encode("utf-8")):
        return None
    levels: list[int] = []
    offset = 0
    for ch in text:
        levels.append(per_byte[offset])
        offset += len(ch.encode("utf-8"))
    return levels


def _reorder(levels: list[int]) -> list[int]:
    """Rule L2: logical indexes in visual order, reversing runs from the highest level down."""
    order = list(range(len(levels)))
    odd = [level for level in levels if level % 2]
    if not odd:
        return order
    for level in range(max(levels), min(odd) - 1, -1):
        i = 0
        while i < len(order):
            if levels[order[i]] < level:
                i += 1
                continue
            j = i
            while j < len(order) and levels[order[j]] >= level:
                j += 1
            order[i:j] = order[i:j][::-1]
            i = j
    return order


def visual_order(text: str, right_to_left: bool = False) -> str:
    """`text` (already shaped) in left-to-right drawing order, brackets mirrored (rules L1-L4).

    `right_to_left`: the line is part of a right-to-left paragraph, whatever its first strong
    letter (a wrapped line of an Arabic sentence may hold only a command in Latin letters: its
    quotes and full stop still stand as Arabic puts them). Otherwise the line's own first strong
    letter sets its direction.

    Combining marks stay where python-bidi puts them in a reversed run: before their base letter.
    That is what the right-to-left fonts here expect without a shaper: their zero-width marks are
    drawn to the right of the pen, onto the letter that follows.
    """
    if not right_to_left and not _has_rtl(text):
        return text
    base_dir = "R" if right_to_left else None
    display: str = get_display(text, base_dir=base_dir)
    levels = _levels(text, base_dir)
    if levels is None:
        return display  # python-bidi changed its debug output: order right, brackets unmirrored
    # L1: blanks at the end of the line go back to the paragraph level.
    base = 1 if right_to_left else int(get_base_level(text))
    for i in range(len(text) - 1, -1, -1):
        if not (text[i].isspace() or _invisible(text[i])):
            break
        levels[i] = base
    order = _reorder(levels)
    if "".join(text[i] for i in order) != display:
        return display
    # L4: inside right-to-left runs, brackets and quotes take their mirror image.
    return "".join(MIRRORED.get(text[i], text[i]) if levels[i] % 2 else text[i] for i in order)


def _sticky(ch: str) -> bool:
    """Blanks, punctuation, symbols and marks stay in the font of the run they are in."""
    return unicodedata.category(ch)[0] in "ZPSM"


def _pointed_hebrew(text: str) -> bool:
    return any(_in(ord(ch), _HEBREW_POINTS) and unicodedata.category(ch) == "Mn" for ch in text)


def _face_for(
    ch: str,
    current: Face | None,
    families: dict[str, tuple[Face, ...]],
    pointed: bool,
    fonts: Fonts,
) -> Face:
    cp = ord(ch)
    if unicodedata.category(ch) in ("Co", "Cs"):
        return families[BASE_FONT][0]
    order = list(_preferred(cp))
    if pointed and order == [HEBREW_FONT]:
        order = [BASE_FONT, HEBREW_FONT]
    keeps = current is not None and _sticky(ch) and current.draws(cp)
    if keeps and (not order or any(current in families.get(f, ()) for f in order)):
        assert current is not None
        return current  # a danda stays in the Bengali face, punctuation in its word's face
    order += list(families)  # every family, in the order they are tried
    for family in order:
        for face in families.get(family, ()):
            if face.draws(cp):
                return face
    for face in fonts.regular_chain:  # a bold face lacks it: the regular one beats a box
        if face.draws(cp):
            return face
    return families[BASE_FONT][0]


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_plain: set[str] = set()
_not_plain: set[str] = set()


def _is_plain(ch: str, fonts: Fonts) -> bool:
    """Whether `ch`, in a string of such characters only, is drawn in the base face as it is: a
    space or a visible character of no script with a font of its own (no right-to-left, no joining,
    no mark), that both weights of the base font draw. `paragraph_markup` gives such a string
    without looking at each character (most of an English or Spanish PDF)."""
    if ch == " ":
        return True
    cp = ord(ch)
    return (
        not _ignored(ch)
        and ch not in _JOINERS
        and not _preferred(cp)
        and unicodedata.category(ch)[0] not in "MC"
        and unicodedata.bidirectional(ch) not in ("R", "AL", "AN")
        and fonts.faces[BASE_FONT].draws(cp)
        and fonts.faces[BOLD_FONT].draws(cp)
        and next(iter(fonts.regular_families)) == BASE_FONT
    )


def _all_plain(text: str, fonts: Fonts) -> bool:
    chars = set(text)
    if chars <= _plain:
        return unicodedata.is_normalized("NFC", text)
    if chars & _not_plain:
        return False
    for ch in chars - _plain:
        (_plain if _is_plain(ch, fonts) else _not_plain).add(ch)
    return chars <= _plain and unicodedata.is_normalized("NFC", text)


_decided: dict[tuple[str, str | None, bool, bool], tuple[Face, str, str | None]] = {}
"""Each character's face, as drawn and its run's font, by the face of the character before it:
the same for every paragraph (the fonts never change once loaded), so decided once."""
_DECIDED_MAX: Final = 50_000


def paragraph_markup(text: str, bold: bool = False, right_to_left: bool = False) -> str:
    """Paragraph markup that prints `text` (untrusted) literally, in real glyphs, in reading order.

    For the paragraph style's own font (BASE_FONT or BOLD_FONT) the text is left bare, so it takes
    the style's weight; every other run is wrapped in `<font name="...">` naming the face that
    draws it. reportlab's font tag sets the weight too, so such runs are regular unless `bold` is
    given: pass `bold=True` for bold text (or a bold style) and every run, Latin included, is
    wrapped in its bold face (CJK has none: it stays regular). `right_to_left`: a line of a
    right-to-left paragraph (`visual_order`).
    """
    fonts = loaded()
    plain = text and _all_plain(text, fonts)
    if plain and (not right_to_left or visual_order(text, True) == text):
        # one run in the base face, in the order given
        return f'<font name="{BOLD_FONT}">{_escape(text)}</font>' if bold else _escape(text)
    families = fonts.bold_families if bold else fonts.regular_families
    both_weights = (fonts.faces[BASE_FONT], fonts.faces[BOLD_FONT])
    normal = _normalise(text)
    pointed = _pointed_hebrew(normal)
    visual = visual_order(_shape(normal), right_to_left)
    runs: list[tuple[str | None, list[str]]] = []
    current: Face | None = None
    for ch in visual:
        if ch in _JOINERS and current is not None and current.name in SHAPED_FACES:
            runs[-1][1].append(ch)  # HarfBuzz reads it; it draws nothing
            continue
        if ch not in " \u00a0" and _ignored(ch):
            continue
        key = (ch, current.name if current is not None else None, bold, pointed)
        decided = _decided.get(key)
        if decided is None:
            face = _face_for(ch, current, families, pointed, fonts)
            drawn = ch
            if not face.draws(ord(ch)) or unicodedata.category(ch) in ("Co", "Cs"):
                drawn = REPLACEMENT
            bare = not bold and all(f.draws(ord(drawn)) for f in both_weights)
            decided = (face, drawn, None if bare and face is both_weights[0] else face.name)
            if len(_decided) > _DECIDED_MAX:
                _decided.clear()
            _decided[key] = decided
        face, ch, font = decided
        if runs and runs[-1][0] == font:
            runs[-1][1].append(ch)
        else:
            runs.append((font, [ch]))
        current = face
    return "".join(
        _escape("".join(chars))
        if font is None
        else f'<font name="{font}">{_escape("".join(chars))}</font>'
        for font, chars in runs
    )


def missing_glyphs(text: str) -> set[str]:
    """Characters of `text` no kiosk font can draw (blanks and invisible controls are ignored).

    Arabic is checked in the joined forms that are really printed as well as as typed; private-use
    characters are always reported.
    """
    fonts = loaded()
    candidates = set(unicodedata.normalize("NFC", text)) | set(_shape(_normalise(text)))
    return {
        ch
        for ch in candidates
        if not _ignored(ch)
        and (
            unicodedata.category(ch) in ("Co", "Cs")
            or not any(face.draws(ord(ch)) for face in fonts.faces.values())
        )
    }
