"""The list's filters: a period (or two dates), a status, a kiosk, a procedure, and a search by name
or MRN. It says `changed` once staff stop typing; `filters()` is what the list reads. The search box
is placed by the view, on a line of its own under the others: beside four lists that grow with their
longest choice, its hint was cut ("Buscar por nombre o número …", a reviewer at 1200x760)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from kiosk.i18n import Msg, Words, msg
from kiosk.services.console import (
    PERIODS,
    WITHDRAWN,
    BriefingStatus,
    Choices,
    DeskFilters,
    period_bounds,
)
from kiosk.ui.console.day_field import DayField, tell_of
from kiosk.ui.staff.describe import kiosk_name

SEARCH_DELAY_MS = 300
SEARCH_ROOM = 48
"""Beside the search hint's own width: the box's frame and margins, and its clear button."""
PERIOD_WORDS = {
    "today": "console.period.today",
    "week": "console.period.week",
    "month": "console.period.month",
    "quarter": "console.period.quarter",
    "all": "console.period.all",
    "between": "console.period.between",
}
STATUS_WORDS = {
    BriefingStatus.PREPARED: "staff.status.prepared",
    BriefingStatus.IN_PROGRESS: "staff.status.in-progress",
    BriefingStatus.COMPLETED: "staff.status.completed",
    BriefingStatus.ABANDONED: "staff.status.abandoned",
    WITHDRAWN: "staff.status.withdrawn",
}
DEFAULT_PERIOD = "month"


class FilterBar(QWidget):
    changed = Signal()
    refused = Signal(object)
    """A Msg: a day typed is no day (the list stays as it was read); once both are days, what
    there is to say of them (`problem`), or None."""

    def __init__(self, words: Words) -> None:
        super().__init__()
        self.words = words
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.period = QComboBox()
        for key in PERIODS:
            self.period.addItem(words(PERIOD_WORDS[key]), key)
        self.first = DayField(words)
        self.last = DayField(words)
        self.status = QComboBox()
        self.status.addItem(words("console.filter.any-status"), None)
        for status, message in STATUS_WORDS.items():
            self.status.addItem(words(message), status)
        self.kiosk = QComboBox()
        self.form = QComboBox()
        self.set_choices(Choices([], []))
        self.search = QLineEdit()
        self.search.setPlaceholderText(words("console.filter.search"))
        self.search.setClearButtonEnabled(True)
        self.search.setMaxLength(64)
        hint = self.search.fontMetrics().horizontalAdvance(self.search.placeholderText())
        self.search.setMinimumWidth(hint + SEARCH_ROOM)
        self.to = QLabel(words("console.filter.to"))
        for widget in (self.period, self.first, self.to, self.last, self.status, self.kiosk):
            row.addWidget(widget)
        row.addWidget(self.form)
        row.addStretch(1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.changed)
        self.search.textChanged.connect(self._timer.start)
        for combo in (self.period, self.status, self.kiosk, self.form):
            combo.currentIndexChanged.connect(self._now)
        for edit in (self.first, self.last):
            edit.dateChanged.connect(self._now)
        tell_of((self.first, self.last), self.refused.emit, self.problem)
        self.period.setCurrentIndex(PERIODS.index(DEFAULT_PERIOD))
        self._show_dates()

    def _now(self) -> None:
        self._show_dates()
        self._timer.stop()
        self.changed.emit()

    def _show_dates(self) -> None:
        between = self.period.currentData() == "between"
        for widget in (self.first, self.to, self.last):
            widget.setVisible(between)

    def set_choices(self, choices: Choices) -> None:
        """The kiosks and procedures the store has briefings for (the current choice kept)."""
        for combo, everything, values in (
            (self.kiosk, "console.filter.any-kiosk", choices.kiosks),
            (self.form, "console.filter.any-procedure", choices.forms),
        ):
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.words(everything), None)
            for value in values:
                shown = kiosk_name(self.words, value) if combo is self.kiosk else value
                combo.addItem(shown, value)
            at = combo.findData(chosen) if chosen is not None else 0
            combo.setCurrentIndex(max(at, 0))
            combo.blockSignals(False)

    def problem(self) -> Msg | None:
        """Why no list can be read for these filters (days the wrong way round); None if one can."""
        between = self.period.currentData() == "between"
        if between and self.first.day() > self.last.day():
            return msg("console.filter.days-reversed")
        return None

    def filters(self) -> DeskFilters:
        today = date.today()
        since, until = period_bounds(
            str(self.period.currentData()), today, self.first.day(),
            self.last.day(),
        )  # fmt: skip
        status = self.status.currentData()
        return DeskFilters(
            since=since,
            until=until,
            statuses=frozenset({str(status)}) if status else frozenset(),
            kiosk_id=self.kiosk.currentData(),
            form_id=self.form.currentData(),
            search=self.search.text().strip(),
        )

    def forget(self) -> None:
        """Empty the search (it may hold a name) without asking for a new list."""
        self._timer.stop()
        self.search.blockSignals(True)
        self.search.setText("")
        self.search.blockSignals(False)
