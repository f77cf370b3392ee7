"""The words on (and spoken for) the keyboard's keys: message ids of the catalog, and their English
for the tests and robots that tap a key by its words."""

from __future__ import annotations

from kiosk.i18n import words_for

# Message ids of the words on (and spoken for) the keys.
SHIFT = "keys.shift"
SHIFT_SPOKEN = "keys.capital"
SPACE = "keys.space"
ACCENTS = "keys.accents-key"
ACCENTS_SPOKEN = "keys.accents"
LETTERS = "keys.letters-key"
LETTERS_SPOKEN = "keys.letters"
SCRIPT = "keys.arabic-key"
SCRIPT_SPOKEN = "keys.arabic"
LATIN_SPOKEN = "keys.latin"
HYPHEN_SPOKEN = "keys.hyphen"
APOSTROPHE_SPOKEN = "keys.apostrophe"
DELETE = "keys.delete"
DELETE_SPOKEN = "keys.delete-letter"
HOLD_HINT = "keys.hold-hint"
VARIANTS_SPOKEN = "keys.variants"

_ENGLISH = words_for("en")
SHIFT_TEXT = _ENGLISH(SHIFT)
BACK_TEXT = _ENGLISH(DELETE)
SPACE_TEXT = _ENGLISH(SPACE)
ACCENTS_TEXT = _ENGLISH(ACCENTS)
LETTERS_TEXT = _ENGLISH(LETTERS)
"""What the keys say in English, for the tests and robots that tap a key by its words."""
