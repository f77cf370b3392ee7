"""The one rule for names the PDF cannot print: emoji, and characters no kiosk font draws."""

from __future__ import annotations

import pytest

from kiosk.document.printable import Unprintable, unprintable
from tests.shared import SCRIPT_NAMES


@pytest.mark.parametrize(
    "name",
    [
        "Ana 😀",
        "Ana ❤️",  # a heart with the emoji variation selector
        "Ana ❤",  # the same heart in a text font is still a picture, not a letter
        "Ana 👩🏽‍⚕️",  # a ZWJ sequence with a skin tone
        "🇲🇽 Ana",  # a flag: two regional indicators
        "Ana 1️⃣",  # a keycap
    ],
)
def test_emoji_are_refused_as_emoji(name: str) -> None:
    assert unprintable(name) is Unprintable.EMOJI


@pytest.mark.parametrize(
    "name",
    [
        "𠮷田 花子",  # U+20BB7: CJK extension B, in no kiosk font
        "Mei \ue000",  # private use: no font's drawing of it is the patient's letter
        "Ana 𓀀",  # Egyptian hieroglyphs: no font shipped
        "ᏣᎳᎩ",  # Cherokee: no font shipped
    ],
)
def test_letters_no_font_draws_are_refused(name: str) -> None:
    assert unprintable(name) is Unprintable.LETTERS


@pytest.mark.parametrize("script", list(SCRIPT_NAMES))
def test_every_promised_script_is_printable(script: str) -> None:
    assert unprintable(SCRIPT_NAMES[script]) is None


def test_symbols_of_everyday_names_are_not_emoji() -> None:
    assert unprintable("Mary-Jane O’Neil Jr. (née Smith) № 2") is None
