"""A date of birth typed month / day / year: padding, moving on, backspace, the words shown and every rule."""

from __future__ import annotations

from datetime import date

import pytest

from kiosk.i18n import Msg, words_for
from kiosk.session.entry import INCOMPLETE, DateEntry

EN = words_for("en")

TODAY = date(2025, 6, 15)


def said(message: Msg | None) -> str | None:
    """A date's message as the patient reads it in English."""
    return None if message is None else EN(message)


def checked(entry: DateEntry, today: date) -> tuple[date | None, str | None]:
    dob, problem = entry.check(today)
    return dob, said(problem)


def shown(entry: DateEntry) -> str:
    """The boxes as the keypad shows them in English: "03 / 14 / 19__"."""
    parts = [
        typed or EN(f"date.{name}-placeholder")
        for typed, name in zip(entry.parts, ("month", "day", "year"), strict=True)
    ]
    return " / ".join(parts)


def spelled(entry: DateEntry) -> str | None:
    return None if entry.value is None else EN.date(entry.value)


def typed(keys: str) -> DateEntry:
    entry = DateEntry()
    for key in keys:
        entry.press_digit(key)
    return entry


def test_empty_entry_shows_placeholders() -> None:
    entry = DateEntry()
    assert shown(entry) == "MM / DD / YYYY"
    assert entry.active_field == 0
    assert entry.empty
    assert not entry.complete
    assert spelled(entry) is None
    assert checked(entry, TODAY) == (None, said(INCOMPLETE))


def test_typing_fills_month_day_year_in_order() -> None:
    entry = DateEntry()
    seen = []
    for key in "03141951":
        entry.press_digit(key)
        seen.append(shown(entry))
    assert seen == [
        "0_ / DD / YYYY",
        "03 / DD / YYYY",
        "03 / 1_ / YYYY",
        "03 / 14 / YYYY",
        "03 / 14 / 1___",
        "03 / 14 / 19__",
        "03 / 14 / 195_",
        "03 / 14 / 1951",
    ]
    assert entry.complete
    assert entry.active_field is None
    assert entry.fields == ("03", "14", "1951")
    assert spelled(entry) == "March 14, 1951"
    assert checked(entry, TODAY) == (date(1951, 3, 14), None)


@pytest.mark.parametrize(
    ("keys", "text"),
    [
        ("3", "03 / DD / YYYY"),
        ("9", "09 / DD / YYYY"),
        ("2", "02 / DD / YYYY"),
        ("1", "1_ / DD / YYYY"),
        ("0", "0_ / DD / YYYY"),
        ("34", "03 / 04 / YYYY"),
        ("39", "03 / 09 / YYYY"),
        ("33", "03 / 3_ / YYYY"),
        ("32", "03 / 2_ / YYYY"),
        ("31", "03 / 1_ / YYYY"),
        ("347", "03 / 04 / 7___"),
    ],
)
def test_a_first_digit_that_cannot_start_two_becomes_0d_and_moves_on(keys: str, text: str) -> None:
    assert shown(typed(keys)) == text


def test_a_year_is_never_padded() -> None:
    assert shown(typed("03149")) == "03 / 14 / 9___"


def test_five_keys_spell_a_whole_date() -> None:
    entry = typed("371951")
    assert entry.complete
    assert spelled(entry) == "March 7, 1951"


def test_keys_after_completion_are_ignored() -> None:
    entry = typed("03141951")
    assert entry.press_digit("5") is False
    assert shown(entry) == "03 / 14 / 1951"


def test_a_non_digit_is_a_programming_error() -> None:
    entry = DateEntry()
    for bad in ("a", "12", "", "٣"):
        with pytest.raises(ValueError, match="not a digit"):
            entry.press_digit(bad)
    assert entry.empty


def test_backspace_undoes_one_press_and_crosses_fields() -> None:
    entry = typed("03141951")
    texts = []
    while entry.backspace():
        texts.append(shown(entry))
    assert texts == [
        "03 / 14 / 195_",
        "03 / 14 / 19__",
        "03 / 14 / 1___",
        "03 / 14 / YYYY",
        "03 / 1_ / YYYY",
        "03 / DD / YYYY",
        "0_ / DD / YYYY",
        "MM / DD / YYYY",
    ]
    assert entry.empty
    assert entry.backspace() is False


def test_backspace_removes_a_padded_field_in_one_step() -> None:
    entry = typed("35")
    assert shown(entry) == "03 / 05 / YYYY"
    entry.backspace()
    assert shown(entry) == "03 / DD / YYYY"
    entry.backspace()
    assert shown(entry) == "MM / DD / YYYY"
    entry.press_digit("1")
    assert shown(entry) == "1_ / DD / YYYY"


def test_backspace_then_typing_again_goes_back_into_the_field() -> None:
    entry = typed("03141951")
    entry.backspace()
    entry.press_digit("2")
    assert shown(entry) == "03 / 14 / 1952"
    assert spelled(entry) == "March 14, 1952"


def test_clear_empties_everything() -> None:
    entry = typed("0314195")
    entry.clear()
    assert shown(entry) == "MM / DD / YYYY"
    assert entry.empty
    assert entry.backspace() is False


def test_repr_does_not_show_the_date() -> None:
    assert "1951" not in repr(typed("03141951"))


@pytest.mark.parametrize(
    ("keys", "problem"),
    [
        ("00", "There is no month 00. Please check the month."),
        ("13", "There is no month 13. Please check the month."),
        ("19", "There is no month 19. Please check the month."),
        ("0100", "There is no day 00. Please check the day."),
        ("0132", "No month has 32 days. Please check the day."),
        ("0139", "No month has 39 days. Please check the day."),
        ("0230", "There is no February 30. Please check the day."),
        ("0231", "There is no February 31. Please check the day."),
        ("0431", "There is no April 31. Please check the day."),
        ("0631", "There is no June 31. Please check the day."),
        ("0931", "There is no September 31. Please check the day."),
        ("1131", "There is no November 31. Please check the day."),
    ],
)
def test_an_impossible_month_or_day_is_named_as_soon_as_it_is_typed(
    keys: str, problem: str
) -> None:
    entry = typed(keys)
    assert said(entry.problem) == problem
    for key in "19510000"[: 8 - len(entry.fields[0]) - len(entry.fields[1])]:
        entry.press_digit(key)
    assert entry.complete
    assert spelled(entry) is None
    assert checked(entry, TODAY) == (None, problem)


@pytest.mark.parametrize("keys", ["0131", "0331", "0531", "0731", "0831", "1031", "1231", "0430"])
def test_the_last_day_of_every_month_is_accepted(keys: str) -> None:
    entry = typed(keys + "1960")
    assert entry.problem is None
    dob, problem = checked(entry, TODAY)
    assert problem is None
    assert dob is not None
    assert (dob.month, dob.day) == (int(keys[:2]), int(keys[2:]))


@pytest.mark.parametrize("year", ["1952", "1960", "2000", "2024", "1904"])
def test_february_29_in_a_leap_year(year: str) -> None:
    entry = typed("0229" + year)
    assert spelled(entry) == f"February 29, {year}"
    assert checked(entry, TODAY) == (date(int(year), 2, 29), None)


@pytest.mark.parametrize("year", ["1951", "1900", "2023", "1999"])
def test_february_29_in_a_common_year(year: str) -> None:
    entry = typed("0229")
    assert entry.problem is None
    for key in year[:3]:
        entry.press_digit(key)
    assert entry.problem is None
    entry.press_digit(year[3])
    problem = f"There is no February 29 in {year}. Please check the day and the year."
    assert said(entry.problem) == problem
    assert spelled(entry) is None
    assert checked(entry, TODAY) == (None, problem)


def test_today_is_a_possible_birth_date_and_tomorrow_is_not() -> None:
    assert checked(typed("06152025"), TODAY) == (TODAY, None)
    assert checked(typed("06162025"), TODAY) == (
        None,
        "That date is in the future. Please check the month and day.",
    )


def test_a_future_year_asks_to_check_the_year() -> None:
    entry = typed("01012051")
    assert spelled(entry) == "January 1, 2051"
    assert checked(entry, TODAY) == (None, "That date is in the future. Please check the year.")


def test_age_130_is_accepted_and_over_130_asks_to_check_the_year() -> None:
    assert checked(typed("06151895"), TODAY) == (date(1895, 6, 15), None)
    assert checked(typed("06161894"), TODAY) == (date(1894, 6, 16), None)
    too_old = "That would make you older than 130. Please check the year."
    assert checked(typed("06151894"), TODAY) == (None, too_old)
    assert checked(typed("01010195"), TODAY) == (None, too_old)


def test_year_zero_is_too_old_not_a_crash() -> None:
    entry = typed("01010000")
    assert entry.problem is None
    assert checked(entry, TODAY) == (
        None,
        "That would make you older than 130. Please check the year.",
    )
    assert checked(typed("02290000"), TODAY)[0] is None


def test_check_gives_exactly_one_of_date_or_sentence() -> None:
    for keys in ("", "0314", "03141951", "13141951", "02301951", "01012099"):
        dob, problem = checked(typed(keys), TODAY)
        assert (dob is None) != (problem is None)


def test_a_language_that_writes_the_day_first_types_it_first() -> None:
    """Spanish and Arabic write 14/03/1951: a patient typing their birth date that way was told
    "there is no month 14" (or, for 05/03, used up a try on the wrong date)."""
    entry = DateEntry(words_for("es").date_order)
    assert entry.order == ("day", "month", "year")
    assert entry.names == ("date.day", "date.month", "date.year")
    for d in "14031951":
        entry.press_digit(d)
    assert entry.fields == ("14", "03", "1951")
    assert entry.value == date(1951, 3, 14)
    assert entry.check(date(2026, 12, 3)) == (date(1951, 3, 14), None)


def test_day_first_a_lone_digit_that_can_only_be_a_day_moves_on() -> None:
    entry = DateEntry(("day", "month", "year"))
    entry.press_digit("5")  # no day is 50 or more: 05, and on to the month
    entry.press_digit("2")  # no month is 20 or more: 02
    assert entry.fields == ("05", "02", "")
    assert entry.active_field == 2
    entry = DateEntry(("day", "month", "year"))
    for d in "3113":
        entry.press_digit(d)
    assert said(entry.problem) == said(_month_13()) is not None


def _month_13() -> Msg | None:
    """What a month-first entry says of month 13."""
    entry = DateEntry()
    for d in "13":
        entry.press_digit(d)
    return entry.problem


def test_english_writes_the_month_first_spanish_and_arabic_the_day() -> None:
    assert words_for("en").date_order == ("month", "day", "year")
    assert words_for("ar").date_order == ("day", "month", "year")
    with pytest.raises(ValueError, match="not an order of month, day and year"):
        DateEntry(("day", "day", "year"))
