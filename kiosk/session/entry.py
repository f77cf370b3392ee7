"""A date of birth typed on a keypad, in the order the patient's language writes dates (month / day /
year in English, day / month / year in Spanish and Arabic), as plain Python: what it shows and
whether it can be."""

from __future__ import annotations

import calendar
from datetime import MINYEAR, date

from kiosk.i18n import MonthName, Msg, msg

MAX_AGE_YEARS = 130
"""The same limit the store enforces (kiosk.store.rules); repeated here because the session stays store-free."""

MONTH_DAY_YEAR = ("month", "day", "year")
"""The order of the boxes unless told otherwise (kiosk.i18n.Words.date_order gives a language's)."""
FIELD_NAMES = {"month": "date.month", "day": "date.day", "year": "date.year"}
"""The message ids naming each box."""
FIELD_LENGTHS = {"month": 2, "day": 2, "year": 4}
PLACEHOLDERS = {
    "month": "date.month-placeholder",
    "day": "date.day-placeholder",
    "year": "date.year-placeholder",
}
"""The message ids of what an untouched box shows ("MM", "DD", "YYYY" in English)."""

_FIRST_DIGIT_PADS = {"month": "23456789", "day": "456789", "year": ""}
"""A first digit that can only start a one-digit value: it becomes 0d and the next field starts."""

INCOMPLETE = msg("date.incomplete")


def refusals() -> tuple[Msg, ...]:
    """Each kind of refusal a date may get (`DateEntry.problem`, `check`), with its longest
    values: a page keeps room for the tallest, so nothing moves when one is said."""
    no_such_days = (msg("date.no-such-day", month=MonthName(m), day=31) for m in (2, 4, 6, 9, 11))
    return (
        INCOMPLETE,
        msg("date.no-such-month", month="00"),
        msg("date.no-day-zero"),
        msg("date.day-too-large", day=99),
        msg("date.no-leap-day", year="1999"),
        *no_such_days,
        msg("date.too-old", count=MAX_AGE_YEARS),
        msg("date.future-year"),
        msg("date.future-day"),
    )


class DateEntry:
    """The state behind a date keypad: exactly 2 digits month, 2 day, 4 year, in `order`, moving on
    by itself.

    Every key press is taken (nothing is silently refused, which would confuse); a date that
    cannot be is explained by `problem` and `check()`. Backspace undoes the last key press, so a
    month padded to "03" from a single "3" is removed in one step.
    """

    def __init__(self, order: tuple[str, str, str] = MONTH_DAY_YEAR) -> None:
        if sorted(order) != sorted(MONTH_DAY_YEAR):
            raise ValueError(f"not an order of month, day and year: {order}")
        self.order = order
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
        pads = _FIRST_DIGIT_PADS[self.order[field]]
        added = "0" + d if not self._fields[field] and d in pads else d
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
        """The digits typed so far in each box, in `order` (each possibly empty or partial)."""
        return (self._fields[0], self._fields[1], self._fields[2])

    @property
    def names(self) -> tuple[str, ...]:
        """The message ids naming the boxes, in `order`."""
        return tuple(FIELD_NAMES[k] for k in self.order)

    @property
    def placeholders(self) -> tuple[str, ...]:
        """The message ids of what each untouched box shows, in `order`."""
        return tuple(PLACEHOLDERS[k] for k in self.order)

    @property
    def lengths(self) -> tuple[int, ...]:
        """How many digits each box takes, in `order`."""
        return tuple(FIELD_LENGTHS[k] for k in self.order)

    def _month_day_year(self) -> tuple[str, str, str]:
        typed = dict(zip(self.order, self._fields, strict=True))
        return typed["month"], typed["day"], typed["year"]

    @property
    def parts(self) -> tuple[str, str, str]:
        """Each field as typed so far: "" while untouched (its box shows its placeholder), "1_"
        while partial, "12" when full."""
        shown = [
            typed.ljust(length, "_") if typed else ""
            for typed, length in zip(self._fields, self.lengths, strict=True)
        ]
        return (shown[0], shown[1], shown[2])

    @property
    def active_field(self) -> int | None:
        """Index (in `order`) of the box the next digit goes into; None when complete."""
        for i, (typed, length) in enumerate(zip(self._fields, self.lengths, strict=True)):
            if len(typed) < length:
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
        month, day, year = (int(f) for f in self._month_day_year())
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
        month_text, day_text, year_text = self._month_day_year()
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
        month, day, year = (int(f) for f in self._month_day_year())
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
