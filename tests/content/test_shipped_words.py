"""The words of the shipped translations keep the facts a patient counts on: every number of the
English, on the same screen; and the Arabic is Arabic, with one kind of digit."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import MILD

NOT_WORDS = {"id", "answer", "teaches", "language", "version", "translation", "file"}
"""Keys whose values are not words a patient reads (ids, the right answer, the file's facts, a
picture's file name)."""


def texts(value: object, where: str = "") -> Iterator[tuple[str, str]]:
    """Every text a patient reads in a form file's table, with its key path."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, inner in value.items():
            if key not in NOT_WORDS:
                yield from texts(inner, f"{where}.{key}" if where else key)
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            yield from texts(inner, f"{where}[{i}]")


def read(path: Path) -> dict[str, str]:
    with path.open("rb") as f:
        return dict(texts(tomllib.load(f)))


def numbers(text: str) -> list[str]:
    return sorted(re.findall(r"\d+", text))


@pytest.mark.parametrize("language", ["es", "ar"])
def test_a_translation_keeps_every_number_where_the_english_has_it(language: str) -> None:
    english, translated = read(MILD), read(MILD.parent / f"{language}.toml")
    assert set(translated) == set(english)
    changed = {
        key: (numbers(text), numbers(translated[key]))
        for key, text in english.items()
        if numbers(text) != numbers(translated[key])
    }
    assert not changed, f"numbers differ from the English in {language}.toml: {changed}"


def test_the_arabic_is_arabic_with_western_digits() -> None:
    """Western digits only (as Babel writes `ar` and the keypad shows), and no Latin word but the
    procedure's name and the abbreviation doctors say (DVT)."""
    arabic = read(MILD.parent / "ar.toml")
    latin = {w for text in arabic.values() for w in re.findall(r"[A-Za-z]+", text)}
    assert latin == {"mild", "DVT"}
    indic = [
        key for key, text in arabic.items() if re.search(r"[\u0660-\u0669\u06f0-\u06f9]", text)
    ]
    assert not indic, f"Arabic-Indic digits in {indic}"
    for key, text in arabic.items():
        assert re.search(r"[\u0600-\u06ff]", text), f"{key} has no Arabic words"
