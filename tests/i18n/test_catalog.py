"""The message catalog: compiled catalogs up to date, every id the code names has words, plurals and
dates by the locale, and the pseudo-locale longer, accented and with its placeholders intact."""

from __future__ import annotations

import ast
import re
from datetime import date, datetime, time
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

from kiosk.i18n import (
    CATALOGS,
    PSEUDO,
    SOURCE,
    MessageError,
    MonthName,
    languages,
    msg,
    words_for,
)
from kiosk.i18n.build import expected
from kiosk.i18n.pseudo import pseudo

PACKAGE = Path(__file__).resolve().parents[2] / "kiosk"
ID = re.compile(r"^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+$")
PLACEHOLDER = re.compile(r"\{(\w+)\}")
TRANSLATED = [language for language in languages() if language != SOURCE]
"""Every shipped catalog but the source's (the pseudo-locale is made, not shipped)."""


def source_ids() -> set[str]:
    with (CATALOGS / "en.po").open("rb") as f:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(f) if m.id}


def catalog(language: str) -> Catalog:
    with (CATALOGS / f"{language}.po").open("rb") as f:
        return read_po(f, locale=language.replace("-", "_"))


def forms(message: Message) -> tuple[str, ...]:
    """A message's words: one string, or one per plural form."""
    string = message.string
    return (string,) if isinstance(string, str) else tuple(string)


def by_id(language: str) -> dict[str, Message]:
    return {m.id if isinstance(m.id, str) else m.id[0]: m for m in catalog(language) if m.id}


def placeholders(words: tuple[str, ...]) -> set[str]:
    return {name for text in words for name in PLACEHOLDER.findall(text)}


def ids_named_in_code() -> dict[str, str]:
    """Every string literal in kiosk/ shaped like a message id whose first part is a catalog's
    section (`risk.understand`), with the file naming it."""
    sections = {i.split(".")[0] for i in source_ids()}
    found: dict[str, str] = {}
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = node.value
                if ID.match(text) and text.split(".")[0] in sections:
                    found.setdefault(text, str(path.relative_to(PACKAGE.parent)))
    return found


def test_compiled_catalogs_are_up_to_date() -> None:
    for path, data in expected().items():
        assert path.exists() and path.read_bytes() == data, (
            f"{path.name} is stale: run `python -m kiosk.i18n.build`"
        )


def test_every_message_the_code_names_has_english_words() -> None:
    known = source_ids()
    missing = {i: where for i, where in ids_named_in_code().items() if i not in known}
    assert not missing, f"message ids with no words in en.po: {missing}"


def test_every_english_message_is_named_by_the_code() -> None:
    named = set(ids_named_in_code())
    unused = sorted(source_ids() - named)
    assert not unused, f"messages in en.po that no code names (remove them or use them): {unused}"


def test_plurals_follow_the_count() -> None:
    en = words_for("en")
    assert "in 1\u00a0second." in en("still-there.countdown", count=1)
    assert "in 30\u00a0seconds." in en(msg("still-there.countdown", count=30))


@pytest.mark.parametrize("language", ["en", "es", "ar"])
def test_a_counted_word_stays_on_the_line_of_its_count(language: str) -> None:
    """A reviewer read "…se cerrará en 24" over a lone "segundos." (and the same in Arabic): a
    count and the word after it are never broken apart."""
    said = words_for(language)("still-there.countdown", count=24)
    assert f"{words_for(language).number(24)}\u00a0" in said


def test_dates_times_and_numbers_follow_the_locale() -> None:
    en = words_for("en")
    assert en.date(date(1948, 3, 14)) == "March 14, 1948"
    assert en.value(datetime(2026, 12, 3, 9, 30)) == "December 3, 2026, 9:30\u202fAM"
    assert en.time(time(14, 5)) == "2:05\u202fPM"
    assert en.number(12345) == "12,345"
    assert en("date.no-such-day", month=MonthName(2), day=30) == (
        "There is no February 30. Please check the day."
    )


def test_a_value_named_in_a_message_is_never_lost_to_a_bad_translation(
    caplog: pytest.LogCaptureFixture,
) -> None:
    en = words_for("en")
    assert en("identity.hello") == "Hello, {name}"  # the pattern, never an exception
    assert "names a value it was not given" in caplog.text


def test_a_message_repr_never_shows_its_values() -> None:
    assert "Zoë" not in repr(msg("identity.hello", name="Zoë"))


@pytest.mark.parametrize(
    "text",
    [
        "Next",
        "Hello, {name}",
        "Part {at} of {total}",
        "A much longer sentence that wraps on screens.",
    ],
)
def test_pseudo_is_longer_accented_bracketed_and_keeps_placeholders(text: str) -> None:
    shown = pseudo(text)
    assert shown.startswith("[") and shown.endswith("]")
    assert len(shown) >= len(text) * 1.3
    assert re.findall(r"\{\w+\}", shown) == re.findall(r"\{\w+\}", text)
    plain = re.sub(r"\{\w+\}", "", shown)
    assert not re.search(r"[a-zA-Z]{3}", plain), f"unaccented English left in {shown!r}"


def test_the_pseudo_locale_has_every_message() -> None:
    fake = words_for(PSEUDO)
    for message_id in source_ids():
        words = fake(message_id, count=2, name="N", at=1, total=2, n=1, title="T", answer="A")
        assert words.startswith("["), message_id


def test_a_problem_is_a_message_on_screen_and_english_in_the_terminal() -> None:
    problem = MessageError("problem.note-too-long", 500)
    assert problem.text == msg("problem.note-too-long", 500)
    assert str(problem) == "The note is longer than 500 characters; shorten it."
    assert words_for(PSEUDO)(problem.text) != str(problem)
    assert "500" in words_for(PSEUDO)(problem.text)


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_shipped_catalog_translates_every_message(language: str) -> None:
    """Words for every English id (no message falls back to English on a patient's screen), as
    many plural forms as the catalog's Plural-Forms says, and the English message's values: the
    same names in all, and every one but the count in each form (a language may say one or two
    in words)."""
    english, translated = by_id(SOURCE), by_id(language)
    plurals = catalog(language).num_plurals
    assert sorted(set(english) - set(translated)) == [], f"untranslated in {language}.po"
    assert sorted(set(translated) - set(english)) == [], f"not in en.po, in {language}.po"
    for message_id, source in english.items():
        message = translated[message_id]
        words, wanted = forms(message), placeholders(forms(source))
        assert all(w.strip() for w in words), f"{language}: {message_id} has empty words"
        assert not message.fuzzy, f"{language}: {message_id} is fuzzy (left out of the .mo)"
        if source.pluralizable:
            assert message.pluralizable and len(words) == plurals, (
                f"{language}: {message_id} needs {plurals} plural forms, has {len(words)}"
            )
        else:
            assert not message.pluralizable, f"{language}: {message_id} is not a plural"
        assert placeholders(words) == wanted, f"{language}: {message_id} changes its values"
        for k, text in enumerate(words):
            missing = wanted - {"count"} - set(PLACEHOLDER.findall(text))
            assert not missing, f"{language}: {message_id} form {k} lacks {missing}"


def test_arabic_plurals_take_the_form_of_each_count() -> None:
    """Arabic has six forms: zero, one, two, 3 to 10, 11 to 99, and the rest (100...)."""
    ar = words_for("ar")
    said = {n: ar("staff.list.open-questions", count=n) for n in (0, 1, 2, 3, 11, 100)}
    assert said == {
        0: "لا أسئلة مفتوحة",
        1: "سؤال واحد مفتوح",
        2: "سؤالان مفتوحان",
        3: "3\u00a0أسئلة مفتوحة",
        11: "11\u00a0سؤالًا مفتوحًا",
        100: "100\u00a0سؤال مفتوح",
    }
    assert " 103\u00a0ثوانٍ." in ar("still-there.countdown", count=103)  # 103 is "few", as 3


@pytest.mark.parametrize("language", [SOURCE, *TRANSLATED])
def test_no_message_carries_markup(language: str) -> None:
    """Every message is read on a screen or a page, not in a terminal: a reviewer read
    "(the `lp` command of CUPS is missing)" on the staff screen, backticks and all."""
    marked = {
        mid: text
        for mid, message in by_id(language).items()
        for text in forms(message)
        if "`" in text or "**" in text
    }
    assert not marked, marked


@pytest.mark.parametrize("language", ["en", "es", "ar"])
def test_a_count_stays_on_one_line(language: str) -> None:
    """A reviewer read "Compruebe lo que entendió: pregunta 1 de" over a lone "5" (portrait,
    Larger text): the number, its word and the total are kept together."""
    from kiosk.i18n import counted

    words = words_for(language)
    heading = counted(words("question.heading", n=1, total=5))
    assert heading.count("\u00a0") == 2
    last = heading.split(" ")[-1]  # (str.split() would break at a no-break space too)
    assert last.split("\u00a0") == words("question.heading", n=1, total=5).split(" ")[-3:]


DATE_WORDS = {
    "en": {"day": "day", "month": "month", "year": "year"},
    "es": {"day": "día", "month": "mes", "year": "año"},
    "ar": {"day": "اليوم", "month": "الشهر", "year": "السنة"},
}
"""How each shipped language names a date's parts in the sentences that say what to type."""


@pytest.mark.parametrize("language", sorted(DATE_WORDS))
def test_every_date_hint_gives_the_order_the_date_is_typed_in(language: str) -> None:
    """A reviewer read "Mes, día y año" over boxes for Día / Mes / Año, and typed 07041958 month
    first as the Arabic hint said, to be stored as 7 April; the planned date was read day first
    under a label saying MM/DD. Every hint now gives the language's own order (its short date
    format, as the keypad's boxes stand)."""
    words = words_for(language)
    order = words.date_order
    named = DATE_WORDS[language]
    for hint in ("staff.prepare.birth-hint", "staff.date-incomplete"):
        text = words(hint).casefold()
        found = sorted(order, key=lambda part: text.index(named[part]))
        assert tuple(found) == order, (hint, text)
    typed = words("console.prepare.date-format")  # as the console and staff mode read it
    letters = {"d": "day", "M": "month", "y": "year"}
    assert tuple(dict.fromkeys(letters[c] for c in typed if c in letters)) == order
    shown = words("console.prepare.date-hint")
    assert shown in words("staff.prepare.planned-date")  # the label shows the same hint


def test_an_arabic_date_box_shows_no_letter_repeated() -> None:
    """Arabic letters join: "سسسس" in the empty year box read as one unknown word to a reviewer, not
    as "four digits of the year" (English's "YYYY" is a convention Arabic has not). The boxes show
    dashes, and staff's hint names the parts in words."""
    words = words_for("ar")
    for part in ("day", "month", "year"):
        shown = words(f"date.{part}-placeholder")
        letters = [c for c in shown if c.isalpha()]
        assert len(set(letters)) == len(letters), (part, shown)  # no letter twice
    hint = words("console.prepare.date-hint")
    assert all(len(set(part)) == len(part) for part in hint.split("/")), hint
