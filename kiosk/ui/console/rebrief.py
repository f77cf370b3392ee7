"""The Re-briefing view: patients briefed on an older version of a procedure whose procedure is
still ahead, across kiosks; prepare a re-briefing for one, for the next free kiosk, in the language
staff choose (at first that of the patient's last briefing). It shows the patient only what changed
(audited as briefing_prepared, naming the earlier briefing)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import Msg, Words, language_name, msg
from kiosk.services.console import ConsoleDesk, StaffError, StaleError
from kiosk.services.rebriefing import Outdated
from kiosk.ui.console.columns import FittedColumns
from kiosk.ui.console.reads import Reads, read_only_table, select_row, tell
from kiosk.ui.jobs import Jobs

COLUMNS = (
    "console.column.patient",
    "console.rebrief.born",
    "console.column.mrn",
    "console.rebrief.briefed",
    "console.rebrief.version",
    "console.rebrief.planned",
    "console.column.language",
)


class RebriefView(QWidget):
    def __init__(self, jobs: Jobs, words: Words, staff: Callable[[], str | None]) -> None:
        super().__init__()
        self.words = words
        self.staff = staff
        self.desk: ConsoleDesk | None = None
        self.reads = Reads(jobs)
        self.rows: list[Outdated] = []
        self.chosen_id: str | None = None
        """The earlier briefing of the patient staff chose: the one row highlighted, kept by this
        id when the list is read again (a row kept by its place held another patient once the
        rows above it moved), and none once a re-briefing is prepared for them."""
        layout = QVBoxLayout(self)
        self.note = QLabel(words("staff.rebrief.note-console"))
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.table = read_only_table(words, COLUMNS)
        self.columns = FittedColumns(self.table, (0,), range(1, 6))  # the name: the room left
        self.table.itemSelectionChanged.connect(self._follow)
        self.count = QLabel()
        layout.addWidget(self.count)
        layout.addWidget(self.table, 1)
        line = QHBoxLayout()
        line.addWidget(QLabel(words("staff.prepare.language")))
        self.language = QComboBox()
        """The languages the procedure's current version is offered in, for the patient chosen."""
        self.language.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.language.setMinimumContentsLength(8)
        line.addWidget(self.language)
        line.addStretch(1)
        self.prepare_button = QPushButton(words("console.rebrief.prepare"))
        self.prepare_button.clicked.connect(self.prepare)
        line.addWidget(self.prepare_button)
        layout.addLayout(line)
        self.message = QLabel()
        self.message.setObjectName("notice")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self._enable()

    def start(self, desk: ConsoleDesk) -> None:
        self.desk = desk
        self.reload()

    def refresh(self) -> None:
        self.reload()

    def reload(self, told: Msg | None = None, done: bool = False) -> None:
        desk = self.desk
        if desk is None:
            return
        self.reads.run(
            desk.rebriefs.outdated,
            lambda rows: self._show(rows, told, done),
            lambda why: tell(self.message, self.words(why)),
        )

    def _show(self, rows: list[Outdated], told: Msg | None, done: bool) -> None:
        w = self.words
        # Filled with the selection cleared and its signal held; then the patient chosen is
        # highlighted again if still listed, else no one is (staff choose).
        with QSignalBlocker(self.table):
            self.table.clearSelection()
            self.rows = rows
            self.table.setRowCount(len(rows))
            for i, row in enumerate(rows):
                cells = (
                    row.name,
                    w.value(row.date_of_birth),
                    row.mrn or "",
                    w.value(row.signed_at.astimezone().date()),
                    w("console.rebrief.versions", version=row.version, current=row.current_version),
                    w.value(row.planned_date) if row.planned_date else "",
                    language_name(row.language),
                )
                for column, text in enumerate(cells):
                    item = QTableWidgetItem(text)
                    item.setToolTip(text)  # the whole text of a cell cut to fit the window
                    self.table.setItem(i, column, item)
            again = next((n for n, r in enumerate(rows) if r.briefing_id == self.chosen_id), None)
            if again is not None:
                select_row(self.table, again)
            else:
                self.table.selectionModel().clearCurrentIndex()
        self.count.setText(w("console.rebrief.count", count=len(rows)))
        tell(self.message, w(told) if told else "", done)
        self._follow()

    def _highlighted(self) -> Outdated | None:
        picked = self.table.selectionModel().selectedRows()
        return self.rows[picked[0].row()] if picked and picked[0].row() < len(self.rows) else None

    def chosen(self) -> Outdated | None:
        """The patient chosen, while their row is the one highlighted."""
        row = self._highlighted()
        return row if row is not None and row.briefing_id == self.chosen_id else None

    def _follow(self) -> None:
        """The language and the button follow the row highlighted: another patient's row offers
        their procedure's languages, their last briefing's chosen; none highlighted, nothing."""
        row = self._highlighted()
        if row is None or row.briefing_id != self.chosen_id:
            self.chosen_id = row.briefing_id if row is not None else None
            self.language.clear()
            if row is not None and self.desk is not None:
                rebriefs = self.desk.rebriefs
                for lang in rebriefs.languages(row):
                    self.language.addItem(lang.name, lang.code)
                self.language.setCurrentIndex(
                    max(self.language.findData(rebriefs.language(row)), 0)
                )
        self._enable()

    def _enable(self) -> None:
        chosen = self.chosen() is not None
        self.prepare_button.setEnabled(chosen)
        self.language.setEnabled(chosen)

    def _choose_none(self) -> None:
        with QSignalBlocker(self.table):
            self.table.clearSelection()
            self.table.selectionModel().clearCurrentIndex()
        self._follow()

    def _choose_again(self, row: Outdated, language: object) -> None:
        """The write failed: the patient (and the language) stay chosen, to try again."""
        if row in self.rows:
            select_row(self.table, self.rows.index(row))
            self.language.setCurrentIndex(max(self.language.findData(language), 0))

    def prepare(self) -> None:
        desk, staff, row = self.desk, self.staff(), self.chosen()
        if desk is None or staff is None or row is None:
            return
        language = self.language.currentData()
        # Chosen once: a second click (a double click) finds no one chosen and prepares nothing.
        self._choose_none()
        try:
            desk.rebriefs.prepare(staff, row, str(language) if language else None)
        except StaleError as exc:
            self.reload(exc.text)
            return
        except StaffError as exc:
            tell(self.message, self.words(exc.text))
            self._choose_again(row, language)
            return
        self.reload(msg("staff.rebrief.prepared", name=row.name), done=True)

    def forget(self) -> None:
        self.reads.drop()
        self.desk = None
        self.rows = []
        self.chosen_id = None
        self.table.setRowCount(0)
        self.language.clear()
        self.count.setText("")
        self.message.setText("")
        self._enable()
