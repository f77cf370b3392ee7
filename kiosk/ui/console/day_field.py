"""A day at the desk, typed in numbers in the desk's order (console.prepare.date-format, the order
of a date of birth at Prepare; ISO 8601 too) or picked from a calendar that opens from its end.

It replaced Qt's QDateEdit, whose sections a reviewer could not type over: "Dec 1, 2026" typed
into From read Nov 1, 2026, and an export covered days nobody asked for, with no word. A typed
text that is no day is kept as typed and said (`unreadable`); the day it held before stays in use."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from PySide6.QtCore import QDate, QPoint, Qt, Signal
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QWidget

from kiosk.i18n import Msg, Words, msg
from kiosk.ui.icons import Glyph, icon
from kiosk.ui.staff.plan_steps import typed_date

ICON_PX = 16


def day_unreadable() -> Msg:
    """What a view says when a day typed is no day."""
    return msg("console.filter.day-unreadable", hint=msg("console.prepare.date-hint"))


def all_read(*fields: DayField) -> bool:
    """Whether every field shows the day it holds (none shows something typed that is no day)."""
    return all(field.is_read() for field in fields)


def tell_of(
    fields: tuple[DayField, DayField],
    say: Callable[[Msg | None], None],
    when_read: Callable[[], Msg | None] = lambda: None,
) -> None:
    """Have `say` tell `day_unreadable` when a day typed in one of `fields` is no day, and, once
    both show days again, `when_read()` (None: nothing): what was said of a day typed wrong had
    stood under two days typed right."""
    for field in fields:
        field.unreadable.connect(lambda: say(day_unreadable()))
        field.readable.connect(lambda: say(when_read()) if all_read(*fields) else None)


class DayField(QLineEdit):
    dateChanged = Signal(QDate)
    """A day typed and read, or picked: not emitted by setDate (as a view sets its own days)."""
    unreadable = Signal()
    """What was typed is no day: the view says console.filter.day-unreadable."""
    readable = Signal()
    """What was typed is a day (before `dateChanged`): a view takes back what it said of it."""

    def __init__(self, words: Words, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.words = words
        self._format = words("console.prepare.date-format")
        self._day = QDate.currentDate()
        self.setPlaceholderText(words("console.prepare.date-hint"))
        self.setText(self._day.toString(self._format))
        width = self.fontMetrics().horizontalAdvance(words("console.prepare.date-hint") + "00")
        self.setMinimumWidth(width + 3 * ICON_PX)
        self.picker = self.addAction(
            icon(Glyph.DOWN, self.palette().text().color().name(), ICON_PX),
            QLineEdit.ActionPosition.TrailingPosition,
        )
        self.picker.setToolTip(words("console.filter.pick-day"))
        self.picker.triggered.connect(self.open_calendar)
        self.calendar: QCalendarWidget | None = None
        self.editingFinished.connect(self._read)

    def date(self) -> QDate:
        """The day in use (the last one read or picked)."""
        return self._day

    def day(self) -> datetime.date:
        """The day in use, as Python's date."""
        d = self._day
        return datetime.date(d.year(), d.month(), d.day())

    def displayFormat(self) -> str:
        return self._format

    def is_read(self) -> bool:
        """Whether the text shown is the day in use (not something typed since that is no day)."""
        typed = typed_date(self.words, self.text())
        return typed is not None and QDate(typed.year, typed.month, typed.day) == self._day

    def setDate(self, day: QDate) -> None:
        self._day = day
        self.setText(day.toString(self._format))

    def _read(self) -> None:
        typed = typed_date(self.words, self.text())
        if typed is None:
            self.unreadable.emit()
            return
        day = QDate(typed.year, typed.month, typed.day)
        self.setText(day.toString(self._format))  # as it will be read back: 3/1 is 03/01
        changed, self._day = day != self._day, day
        self.readable.emit()  # (the day in use already this one: `all_read` asks it)
        if changed:
            self.dateChanged.emit(day)

    def open_calendar(self) -> None:
        calendar = QCalendarWidget(self)
        calendar.setWindowFlags(Qt.WindowType.Popup)
        calendar.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        calendar.setSelectedDate(self._day)
        calendar.clicked.connect(self._picked)
        calendar.move(self.mapToGlobal(QPoint(0, self.height())))
        calendar.destroyed.connect(self._calendar_gone)
        calendar.show()
        self.calendar = calendar

    def _calendar_gone(self) -> None:
        self.calendar = None

    def _picked(self, day: QDate) -> None:
        if self.calendar is not None:
            self.calendar.close()
        self.setText(day.toString(self._format))
        self._read()
