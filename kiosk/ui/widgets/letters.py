"""The letters a name is typed with: QWERTY's rows, a page of common accented letters, the Arabic
letters, and every
other Latin letter found from Unicode's own data (each letter's variants, for a long press), with
the rule for capitals. No Qt: the keyboard lays these out."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import cache

LETTER_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
ACCENT_ROWS = (
    "àáâäãåąæçćčè",
    "éêëęğìíîïıłñ",
    "ńòóôöõőøœřśš",
    "şßùúûüűýÿźżž",
)
"""Grouped by the letter they look like, so a patient finds é near e: 48 letters, 12 a row. Every
other accented letter is a long press away (`variants`)."""

ARABIC_ROWS = ("ضصثقفغعهخحجد", "شسيبلاتنمكطأ", "ذئءؤرىةوزظإآ")
"""The Arabic letters in the places of the common Arabic keyboard (ض where Q is), the forms of
alif with hamza and madda at the ends of the rows (three rows, as the Latin page: the keyboard
is no taller). Arabic has no capitals; its letters join by themselves as typed."""

HOME_ROW_MORE = {"es": "ñ"}
"""Letters a language's own keyboard has in its home row, after l (Spanish: ñ, where a Spanish
patient looks for it); the row then starts under q rather than half a key in."""

SCRIPTS = {"ar": ARABIC_ROWS}
"""The languages whose patients' names are written in letters of their own: a page of them."""


def written_in(name: str, languages: Iterable[str]) -> tuple[str, ...]:
    """Those of `languages` with letters of their own (`SCRIPTS`) that `name` is written in."""
    return tuple(
        language
        for language in languages
        if language in SCRIPTS and any(ch in row for row in SCRIPTS[language] for ch in name)
    )


CAPITAL_AFTER = " -"
"""A name starts again after these: the next letter is offered as a capital."""

SENTENCES = "sentences"
"""A line's property (`setProperty(SENTENCES, True)`): it is written in sentences, not a name."""


def capital_next(before: str, *, sentences: bool = False) -> bool:
    """Whether the letter typed after `before` is offered as a capital: at the start, and after
    a space or hyphen in a name; in sentences (a note, a reason), only where one starts (a note
    read "Answered in person Aa A": every word began with a capital, as a name's do)."""
    if not sentences:
        return not before or before[-1] in CAPITAL_AFTER
    said = before.rstrip()
    return not said or (said[-1] in ".!?" and said != before)


OTHER_LETTERS = {
    "a": "æ",
    "d": "đð",
    "e": "ə",
    "h": "ħ",
    "i": "ı",
    "l": "ł",
    "n": "ŋ",
    "o": "øœ",
    "s": "ß",
    "t": "þŧ",
}
"""Letters that are not a base letter with marks (Unicode gives them no decomposition) but that a
patient looks for under it: đ under d (Vietnamese), ł under l (Polish), ø and œ under o."""

_MARK_ORDER = (
    "\u0300\u0301\u0302\u0303\u0308\u030a\u0327\u0328\u030c\u0304\u0306\u0307\u030b\u031b"
    "\u0323\u0309"
)
"""Grave, acute, circumflex, tilde, diaeresis, ring, cedilla, ogonek, caron, macron, breve, dot,
double acute, horn, dot below, hook: the order a letter's forms are shown in, common ones first."""

_LATIN_BLOCKS = (range(0x00C0, 0x0250), range(0x1E00, 0x1F00))
"""Latin-1 Supplement, Latin Extended-A and B, Latin Extended Additional: every precomposed Latin
letter (Vietnamese's are in the last)."""


@cache
def _latin_small_letters() -> tuple[str, ...]:
    return tuple(
        c
        for block in _LATIN_BLOCKS
        for c in map(chr, block)
        if unicodedata.name(c, "").startswith("LATIN SMALL LETTER")
    )


WRITTEN = {"es": "áéíóúüñ"}
"""The letters with marks each language writes: under their key, right after the plain letter (a
reviewer's Spanish patient held E for é among 27 forms, Vietnamese's first)."""


def _order(letter: str) -> tuple[int, ...]:
    """One mark before two (é before ế), then by the marks, common ones first."""
    marks = unicodedata.normalize("NFD", letter)[1:]
    return (
        len(marks),
        *(_MARK_ORDER.index(m) if m in _MARK_ORDER else len(_MARK_ORDER) + ord(m) for m in marks),
    )


@cache
def variants(letter: str, language: str = "") -> tuple[str, ...]:
    """The letter and every precomposed Latin letter made from it with marks (`_made_from`: its
    NFD starts with the same letter and has the letter's marks): the ones `language` writes first
    (`WRITTEN`), then those with one mark, common marks first, then those with more; for a plain
    letter also OTHER_LETTERS and their forms. Lowercase in, lowercase out: `e` gives
    `e è é ê ë ẽ ē ĕ ė ę ě … ề ế ễ ể … ə`; in Spanish, `e é è ê …`."""
    lower = letter.lower() if len(letter.lower()) == 1 else letter
    bases = (lower, *OTHER_LETTERS.get(lower, ""))
    first = WRITTEN.get(language, "")
    found: list[str] = []
    for base in bases:
        made = [c for c in _latin_small_letters() if c != base and _made_from(c, base)]
        found += [base, *sorted(made, key=lambda c: (c not in first, _order(c)))]
    return tuple(dict.fromkeys(found))


def _made_from(letter: str, base: str) -> bool:
    """Whether `letter` is `base` with more marks: the same first letter in NFD, and every mark of
    `base` among its own (NFD may order them differently: ệ is e, dot below, circumflex)."""
    have, want = unicodedata.normalize("NFD", letter), unicodedata.normalize("NFD", base)
    if have[0] != want[0]:
        return False
    marks = list(have[1:])
    for mark in want[1:]:
        if mark not in marks:
            return False
        marks.remove(mark)
    return True


def capital(letter: str) -> str:
    """The capital a Shift key gives: one letter (ß stays ß, dotless ı gives I)."""
    upper = letter.upper()
    return upper if len(upper) == 1 else letter
