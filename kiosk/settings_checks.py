"""What each setting allows: a check per kind of value, returning what is allowed when a value is
not (else None). Declared with the settings in kiosk.config; kept here so that file stays the list."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any


def kiosk_id(value: str) -> str | None:
    if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}", value):
        return None
    return "1 to 64 letters, digits, dots, hyphens or underscores, starting with a letter or digit"


IDLE_WARNING_MAX = 600
"""Seconds without a touch before "Are you still there?" at most (10 minutes): longer, and a
patient's details stay on an unattended screen."""
IDLE_END_MAX = 300
"""Further seconds before the screen is wiped at most (5 minutes), for the same reason."""
DAYS_MAX = 3650
"""Days a re-briefing is looked for at most (10 years)."""


def _before_the_wipe(most: int, said: str) -> Callable[[int], str | None]:
    """A time before the privacy wipe: 1 to `most` seconds (`said`: how long that is)."""

    def check(value: int) -> str | None:
        if 0 < value <= most:
            return None
        return (
            f"a whole number of seconds from 1 to {most} ({said}): the privacy wipe must not wait "
            "longer with a patient's details on an unattended screen"
        )

    return check


idle_warning = _before_the_wipe(IDLE_WARNING_MAX, "10 minutes")
idle_end = _before_the_wipe(IDLE_END_MAX, "5 minutes")


def days(value: int) -> str | None:
    if 0 < value <= DAYS_MAX:
        return None
    return f"a whole number of days from 1 to {DAYS_MAX} (10 years)"


def log_level(value: str) -> str | None:
    return (
        None
        if value in ("DEBUG", "INFO", "WARNING", "ERROR")
        else "one of DEBUG, INFO, WARNING, ERROR"
    )


def procedure_id(value: str) -> str | None:
    if re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", value):
        return None
    return "a procedure id: lowercase letters and digits joined by hyphens, as `kiosk forms list` shows"


def languages(value: str) -> str | None:
    codes = [c.strip() for c in value.split(",")] if value.strip() else []
    if all(re.fullmatch(r"[a-z]{2,3}(-[A-Z]{2})?", c) for c in codes) and len(set(codes)) == len(
        codes
    ):
        return None
    return 'language codes separated by commas, each once, the main one first (e.g. "en, es, ar" or ["en", "es", "ar"]), or empty for every shipped language'


LANGUAGES_WRITTEN = 'language codes in quotes, as text (languages = "en, es") or as a list (languages = ["en", "es"])'


def codes_as_text(value: object) -> str | None:
    """A list of language codes as the text the `languages` setting holds (["en", "es"] is
    "en, es"); None for anything else, such as an item that is itself a comma-separated text."""
    if isinstance(value, list) and all(isinstance(v, str) and "," not in v for v in value):
        return ", ".join(v.strip() for v in value)
    return None


VOICES_FORMAT = re.compile(r"\s*([a-z]{2,3})\s*=\s*([A-Za-z0-9_+./-]+)\s*")


def parse_voices(value: str) -> dict[str, str]:
    """The `speech_voices` setting ("en=mb-us2, es=es-419") as {language: voice}; ValueError
    naming what is wrong."""
    voices: dict[str, str] = {}
    for part in value.split(",") if value.strip() else []:
        found = VOICES_FORMAT.fullmatch(part)
        if found is None or found[1] in voices:
            raise ValueError(
                'each language once, as LANGUAGE=VOICE separated by commas (e.g. "en=mb-us2, '
                'es=es-419"), or empty for the voices the kiosk ships with'
            )
        voices[found[1]] = found[2]
    return voices


def speech_voices(value: str) -> str | None:
    try:
        parse_voices(value)
    except ValueError as exc:
        return str(exc)
    return None


def absolute(value: str) -> str | None:
    if value == "" or Path(value).expanduser().is_absolute():
        return None
    return "an absolute path (a relative one would depend on the folder the kiosk starts in), or empty for the default"


def database_url(value: str) -> str | None:
    if value.startswith("sqlite:///") and not Path(value.removeprefix("sqlite:///")).is_absolute():
        return '"sqlite:////absolute/path/kiosk.db" (an absolute path, four slashes on Linux)'
    if value == "" or value.startswith(("sqlite:///", "postgresql://", "postgresql+psycopg://")):
        return None
    return (
        'empty (the embedded SQLite file), "sqlite:///PATH" or "postgresql+psycopg://USER@HOST/DB"'
    )


def paths(value: list[Any]) -> str | None:
    if all(isinstance(v, str) and v and Path(v).expanduser().is_absolute() for v in value):
        return None
    return 'a list of absolute paths in quotes, e.g. ["/etc/kiosk/trust/kiosk-7.pem"]'


def uri(value: str) -> str | None:
    if value == "" or re.fullmatch(r"(https?://[^\s/]+\S*|urn:[a-z0-9][a-z0-9-]*:\S+)", value):
        return None
    return 'a URI such as "https://hospital.example/mrn" or "urn:oid:1.2.3.4", or empty'


def base_url(value: str) -> str | None:
    if value == "" or re.fullmatch(r"https?://[^\s/]+\S*", value):
        return None
    return 'an http(s) URL the clinic serves the PDFs under, e.g. "https://records.example/briefings/", or empty'


def password_source(value: str) -> str | None:
    if value == "" or (value.startswith(("env:", "file:")) and len(value) > 5):
        return None
    return '"env:VARIABLE" or "file:/path" (the password itself never goes in this file)'
