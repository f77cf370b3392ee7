"""The Briefings view: filters over a table of briefings across every kiosk (read lazily, a page
at a time), and below it the briefing chosen, with its events."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QItemSelection, Qt, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import Msg, Words, isolated
from kiosk.services.console import WITHDRAW_REASONS, ConsoleDesk, Cosigned, Event, RecordRow
from kiosk.ui.console.ask import DeskQuestions
from kiosk.ui.console.briefing import BriefingPane
from kiosk.ui.console.columns import FittedColumns
from kiosk.ui.console.filters import FilterBar
from kiosk.ui.console.pdf import PdfPane
from kiosk.ui.console.reads import Reads, rows_table, select_row
from kiosk.ui.console.table import TEXT_COLUMNS, WHOLE_COLUMNS, BriefingTable
from kiosk.ui.jobs import Jobs
from kiosk.ui.staff.describe import WITHDRAW_WHY

log = logging.getLogger(__name__)

OPEN_DELAY_MS = 250
"""A row chosen this long opens (arrowing through rows opens, and audits, only where staff stop)."""


class BriefingsView(QWidget):
    def __init__(
        self, jobs: Jobs, words: Words, staff: Callable[[], str | None], ask: DeskQuestions
    ) -> None:
        super().__init__()
        self.words = words
        self.staff = staff
        self.ask = ask
        ask.words = words  # its dialogs' own buttons in the console's language
        self.desk: ConsoleDesk | None = None
        self.shown: RecordRow | None = None
        """The briefing shown below the list (whom a withdrawal names)."""
        self.reads = Reads(jobs)
        self.choice_reads = Reads(jobs)
        layout = QVBoxLayout(self)
        self.bar = FilterBar(words)
        self.bar.changed.connect(self.reload)
        self.bar.refused.connect(self.say)
        layout.addWidget(self.bar)
        line = QHBoxLayout()
        self.count = QLabel()
        self.count.setObjectName("muted")
        line.addWidget(self.count, 1)
        line.addWidget(self.bar.search, 1)
        layout.addLayout(line)
        self.model = BriefingTable(jobs, words)
        self.model.loaded.connect(self._loaded)
        self.model.failed.connect(self._failed)
        self.table = QTableView()
        self.table.setModel(self.model)
        rows_table(self.table)
        self.columns = FittedColumns(self.table, TEXT_COLUMNS, WHOLE_COLUMNS)
        self.table.setWordWrap(False)
        self.table.selectionModel().selectionChanged.connect(self._chosen)
        self.pane = BriefingPane(words)
        self.pane.withdraw_wanted.connect(self.withdraw)
        self.pdf = PdfPane(jobs, words, staff, ask)
        self.below = QTabWidget()
        self.below.addTab(self.pane, words("console.briefing.events"))
        self.below.addTab(self.pdf, words("console.briefing.pdf"))
        self.below.currentChanged.connect(self._pdf_wanted)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.below)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout.addWidget(split, 1)
        self.message = QLabel()
        self.message.setObjectName("notice")
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)
        self._open_timer = QTimer(self)
        self._open_timer.setSingleShot(True)
        self._open_timer.setInterval(OPEN_DELAY_MS)
        self._open_timer.timeout.connect(self._open_chosen)

    def start(self, desk: ConsoleDesk) -> None:
        self.desk = desk
        self.pdf.start(desk)
        self.choice_reads.run(desk.choices, self.bar.set_choices, self.say)
        self.reload()

    def reload(self) -> None:
        """The list afresh for the filters as they are now; the look is audited (never the search text)."""
        if self.desk is None:
            return
        problem = self.bar.problem()
        if problem is not None:  # "no briefings match" had been said of days the wrong way round
            self.model.clear()
            self.count.setText("")
            self.say(problem)
            return
        filters = self.bar.filters()
        self.count.setText(self.words("console.reading"))
        self.model.show(self.desk, filters)
        staff = self.staff()
        if staff is not None:
            desk = self.desk
            self.reads.jobs.run(
                lambda: desk.action(staff, "console_listed", filters.for_audit()),
                lambda _: None,
                lambda exc: log.error("a look at the list was not audited: %s", type(exc).__name__),
            )

    def refresh(self) -> None:
        """The store moved: read the rows shown again (and the kiosks and procedures)."""
        if self.desk is None or self.model.busy() or self.bar.problem() is not None:
            return
        self.choice_reads.run(self.desk.choices, self.bar.set_choices, self.say)
        self.model.refresh()

    def _loaded(self) -> None:
        self.say(None)
        total = self.model.total or 0
        shown = len(self.model.rows)
        if not total:
            self.count.setText(self.words("console.list.none"))
        elif shown < total:
            self.count.setText(self.words("console.list.count", count=total, shown=shown))
        else:
            self.count.setText(self.words("console.list.all", count=total))
        if self.pane.briefing_id and all(
            r.briefing_id != self.pane.briefing_id for r in self.model.rows
        ):
            self.pane.forget()  # the filters left it out: what shows below is in the list
            self.pdf.forget()
            self.shown = None
        self._reselect()

    def _reselect(self) -> None:
        """After a fresh read, the briefing open below stays chosen in the list if it is there."""
        chosen = self.pane.briefing_id
        if chosen is None:
            return
        for n, row in enumerate(self.model.rows):
            if row.briefing_id == chosen:
                current = self.table.selectionModel().selectedRows()
                if not current or current[0].row() != n:
                    self.table.blockSignals(True)
                    select_row(self.table, n)
                    self.table.blockSignals(False)
                return

    def _failed(self, told: Msg) -> None:
        self.count.setText("")
        self.say(told)

    def say(self, told: Msg | None) -> None:
        self.message.setText(self.words(told) if told else "")
        self.message.setVisible(told is not None)

    def _chosen(self, selected: QItemSelection, _: QItemSelection) -> None:
        if selected.indexes():
            self._open_timer.start()

    def _open_chosen(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        briefing_id = self.model.briefing_id(rows[0].row()) if rows else None
        if briefing_id is not None and briefing_id != self.pane.briefing_id:
            self.open_briefing(briefing_id)

    def open_briefing(self, briefing_id: str) -> None:
        staff, desk = self.staff(), self.desk
        if staff is None or desk is None:
            return
        self.reads.run(
            lambda: (*desk.briefing(staff, briefing_id), desk.cosigned(briefing_id), desk.now()),
            self._show,
            self.say,
        )

    def _show(self, found: tuple[RecordRow, list[Event], Cosigned, datetime]) -> None:
        row, events, seen, now = found
        self.shown = row
        self.pane.show_briefing(row, events, now, seen)
        if self.pdf.briefing_id != row.briefing_id:
            self.pdf.forget()
        self._pdf_wanted()

    def _pdf_wanted(self) -> None:
        """The PDF tab shows the briefing open above; it is read when the tab is looked at."""
        chosen = self.pane.briefing_id
        if self.below.currentWidget() is self.pdf and chosen and self.pdf.briefing_id != chosen:
            self.pdf.show_pdf(chosen)

    def withdraw(self, briefing_id: str) -> None:
        """Ask why, naming the patient (staff check it is the right one) and choosing no reason
        for them, then withdraw the briefing (no kiosk offers it any more); shown afresh."""
        staff, desk, row = self.staff(), self.desk, self.shown
        if staff is None or desk is None or row is None or row.briefing_id != briefing_id:
            return
        words = self.words
        name = isolated(row.patient_name or words("staff.list.walk-up"))
        born = row.date_of_birth or words("staff.when.never")
        asked = (
            words("console.withdraw.patient", name=name),
            words("staff.detail.born", date=born),
            words("console.withdraw.why"),
        )
        options = [words(WITHDRAW_WHY[reason]) for reason in WITHDRAW_REASONS]
        chosen = self.ask.choice(self, words("console.withdraw.title"), "\n".join(asked), options)
        if chosen is None:
            return
        reason = WITHDRAW_REASONS[chosen]

        def done(_: object) -> None:
            self.pane.tell(words("console.withdraw.done"))
            self.open_briefing(briefing_id)
            self.model.refresh()

        self.reads.run(lambda: desk.withdraw(staff, briefing_id, reason), done, self.say)

    def forget(self) -> None:
        """Sign-out: every row, the search and the briefing shown are emptied."""
        self._open_timer.stop()
        self.reads.drop()
        self.choice_reads.drop()
        self.desk = None
        self.model.clear()
        self.shown = None
        self.pane.forget()
        self.pdf.forget()
        self.bar.forget()
        self.count.setText("")
        self.say(None)
