"""A date of birth typed on a keypad, month / day / year, as plain Python: what it shows and whether it can be."""

from __future__ import annotations

import calendar
from datetime import MINYEAR, date

from kiosk.i18n import MonthName, Msg, msg

MAX_AGE_YEARS = 130
"""The same limit the store enforces (kiosk.store.rules); repeated here because the session stays store-free."""

FIELD_NAMES = ("date.month", "date.day", "date.year")
"""The message ids naming the three boxes."""
FIELD_LENGTHS = (2, 2, 4)
PLACEHOLDERS = ("date.month-placeholder", "date.day-placeholder", "date.year-placeholder")
"""The message ids of what an untouched box shows ("MM", "DD", "YYYY" in English)."""

_FIRST_DIGIT_PADS = ("23456789", "456789", "")
"""A first digit that can only start a one-digit value: it becomes 0d and the next field starts."""

INCOMPLETE = msg("date.incomplete")


class DateEntry:
    """The state behind a date keypad: exactly 2 digits month, 2 day, 4 year, moving on by itself.

    Every key press is taken (nothing is silently refused, which would confuse); a date that
    cannot be is explained by `problem` and `check()`. Backspace undoes the last key press, so a
    month padded to "03" from a single "3" is removed in one step.
    """

    def __init__(self) -> None:
        self._fields = ["", "", ""]
        self._presses: list[tuple[int, int]] = []
        """(field index, how many characters that press added), newest last."""

    # -- intents --

    def press_digit(self, d: str) -> bool:
        """Type one digit; False (and nothing changes) when the date is already complete."""
        if len(d) != 1 or d not in "0123456789":
            raise ValueError(f"not a digit: {d!r}")
        field = self.active_field
        if field is None:
            return False
        added = "0" + d if not self._fields[field] and d in _FIRST_DIGIT_PADS[field] else d
        self._fields[field] += added
        self._presses.append((field, len(added)))
        return True

    def backspace(self) -> bool:
        """Undo the last key press, crossing back into the previous field; False if nothing was typed."""
        if not self._presses:
            return False
        field, count = self._presses.pop()
        self._fields[field] = self._fields[field][:-count]
        return True

    def clear(self) -> None:
        self._fields = ["", "", ""]
        self._presses.clear()

    # -- what the display shows --

    @property
    def fields(self) -> tuple[str, str, str]:
        """The digits typed so far in month, day and year (each possibly empty or partial)."""
        return (self._fields[0], self._fields[1], self._fields[2])

    @property
    def parts(self) -> tuple[str, str, str]:
        """Each field as typed so far: "" while untouched (its box shows its placeholder), "1_"
        while partial, "12" when full."""
        shown = [
            typed.ljust(FIELD_LENGTHS[i], "_") if typed else ""
            for i, typed in enumerate(self._fields)
        ]
        return (shown[0], shown[1], shown[2])

    @property
    def active_field(self) -> int | None:
        """Index of the field the next digit goes into (0 month, 1 day, 2 year); None when complete."""
        for i, typed in enumerate(self._fields):
            if len(typed) < FIELD_LENGTHS[i]:
                return i
        return None

    @property
    def empty(self) -> bool:
        return not self._presses

    @property
    def complete(self) -> bool:
        return self.active_field is None

    @property
    def value(self) -> date | None:
        """The date once complete and a real calendar date (shown in words beside the boxes); else None."""
        if not self.complete or self.problem is not None:
            return None
        month, day, year = (int(f) for f in self._fields)
        if year < MINYEAR:
            return None
        return date(year, month, day)

    # -- whether it can be a date of birth --

    @property
    def problem(self) -> Msg | None:
        """A message for a date that cannot exist, as soon as that is certain; None otherwise.

        Known without today's date: month 00 or over 12, day 00 or over 31, a day the month
        does not have (February 30 even before the year is typed; February 29 once it is).
        """
        month_text, day_text, year_text = self._fields
        month = int(month_text) if len(month_text) == 2 else None
        if month is not None and not 1 <= month <= 12:
            return msg("date.no-such-month", month=month_text)
        if len(day_text) < 2:
            return None
        day = int(day_text)
        if day == 0:
            return msg("date.no-day-zero")
        if day > 31:
            return msg("date.day-too-large", day=day)
        if month is None:
            return None
        if month == 2 and day == 29:
            if len(year_text) < 4 or int(year_text) < MINYEAR:
                return None
            year = int(year_text)
            if not calendar.isleap(year):
                return msg("date.no-leap-day", year=str(year))
            return None
        longest = 29 if month == 2 else calendar.monthrange(2000, month)[1]
        if day > longest:
            return msg("date.no-such-day", month=MonthName(month), day=day)
        return None

    def check(self, today: date) -> tuple[date | None, Msg | None]:
        """The date typed, or one kind message saying what to check; exactly one of the two is None."""
        if not self.complete:
            return None, INCOMPLETE
        if self.problem is not None:
            return None, self.problem
        month, day, year = (int(f) for f in self._fields)
        too_old = msg("date.too-old", count=MAX_AGE_YEARS)
        if year < MINYEAR:
            return None, too_old
        dob = date(year, month, day)
        if dob > today:
            if dob.year > today.year:
                return None, msg("date.future-year")
            return None, msg("date.future-day")
        age = (today.year - dob.year) - ((today.month, today.day) < (dob.month, dob.day))
        if age > MAX_AGE_YEARS:
            return None, too_old
        return dob, None

    def __repr__(self) -> str:
        # A birth date is personal: a log line or a test failure should not print it.
        return f"<DateEntry {sum(len(f) for f in self._fields)} of 8 digits>"
