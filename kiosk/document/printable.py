"""Whether a name can go on a briefing PDF: the one rule walk-up name entry and staff mode both ask
(through `name_problem` and kiosk.services.staff), before anything is stored.

A name is refused when it has emoji (the PDF draws in black and white from the kiosk's fonts, and
has none for them) or a character no kiosk font draws (CJK extension B and later, private use,
scripts the kiosk ships no font for). Everything else prints in real glyphs, shaped.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from kiosk.document.shaping import missing_glyphs
from kiosk.store.rules import InputError, clean_name


class Unprintable(StrEnum):
    EMOJI = "emoji"
    LETTERS = "letters"


_EMOJI: Final = (
    (0x2300, 0x23FF),  # technical: watch, hourglass, play buttons
    (0x2600, 0x27BF),  # miscellaneous symbols and dingbats: sun, heart, check marks
    (0x2B00, 0x2BFF),  # arrows and stars
    (0xFE0F, 0xFE0F),  # "draw the one before as an emoji"
    (0x20E3, 0x20E3),  # combining keycap
    (0x1F000, 0x1FAFF),  # mahjong to symbols and pictographs extended-A, flags, skin tones
    (0xE0020, 0xE007F),  # tag characters (subdivision flags)
)


def is_emoji(ch: str) -> bool:
    """An emoji or pictographic symbol, or a character that asks for emoji presentation."""
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in _EMOJI)


def unprintable(name: str) -> Unprintable | None:
    """Why `name` cannot be printed on the briefing PDF; None if every character of it can be."""
    if any(is_emoji(ch) for ch in name):
        return Unprintable.EMOJI
    if missing_glyphs(name):
        return Unprintable.LETTERS
    return None


def name_problem(name: str) -> str | None:
    """Why a name a walk-up patient typed cannot be used, as a message id; None if it can."""
    try:
        cleaned = clean_name(name)
    except InputError:
        return "name.type-full-name"
    if len(cleaned) < 2:  # (one letter: said so, not as if nothing had been typed)
        return "name.too-short"
    why = unprintable(cleaned)
    if why is Unprintable.EMOJI:
        return "name.emoji"
    if why is Unprintable.LETTERS:
        return "name.cannot-print"
    return None
