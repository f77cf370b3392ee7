"""Input rules the store enforces for every front end: names, dates of birth, record numbers."""

from __future__ import annotations

import unicodedata
from datetime import date

from kiosk.store.models import NAME_MAX

MRN_MAX = 64
MAX_AGE_YEARS = 130
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
"""Embedding, override and isolate characters: they can make a name read differently than it is stored."""


class InputError(ValueError):
    """A value a person typed that the record cannot take; `field` names it, the message says what to do."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u180e\u2062\u2063\u2064")
"""Characters Unicode counts as letters or symbols that draw nothing: Hangul fillers, the braille blank."""


def _visible(ch: str) -> bool:
    if ch in BLANK_LETTERS:
        return False
    return not (
        ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Me")
    )


def clean_name(name: str, field: str = "name") -> str:
    """The name in NFC with outer blanks trimmed, or InputError if it cannot be a person's name."""
    normal = unicodedata.normalize("NFC", name).strip()
    if any(ch in BIDI_CONTROLS for ch in normal):
        raise InputError(
            field, "contains hidden text-direction characters; type the name again without them"
        )
    if not any(_visible(ch) for ch in normal):
        raise InputError(field, "must not be empty; type the full name")
    if any(unicodedata.category(ch) == "Cc" for ch in normal):
        raise InputError(field, "contains control characters; type the name again")
    if len(normal) > NAME_MAX:
        raise InputError(field, f"is longer than {NAME_MAX} characters; shorten it")
    return normal


def check_date_of_birth(dob: date, today: date) -> date:
    if dob > today:
        raise InputError("date_of_birth", "is in the future; check the year")
    if (today.year - dob.year) - ((today.month, today.day) < (dob.month, dob.day)) > MAX_AGE_YEARS:
        raise InputError("date_of_birth", f"gives an age over {MAX_AGE_YEARS}; check the year")
    return dob


def parse_date_of_birth(text: str, today: date) -> date:
    """A date typed as YYYY-MM-DD, which must be a real date, not in the future, age at most 130."""
    try:
        dob = date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(
            "date_of_birth", f"{text!r} is not a real date; use YYYY-MM-DD, like 1951-03-14"
        ) from None
    return check_date_of_birth(dob, today)


def clean_mrn(mrn: str | None) -> str | None:
    if mrn is None or not mrn.strip():
        return None
    value = unicodedata.normalize("NFC", mrn).strip()
    if len(value) > MRN_MAX or not all(ch.isprintable() for ch in value):
        raise InputError("mrn", f"must be at most {MRN_MAX} printable characters")
    return value
