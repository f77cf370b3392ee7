"""The Re-briefing view: patients briefed on an older version of a procedure whose procedure is
still ahead, across kiosks; prepare a re-briefing for one, for the next free kiosk. It shows the
patient only what changed (audited as briefing_prepared, naming the earlier briefing)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import Msg, Words, msg
from kiosk.services.console import ConsoleDesk, StaffError, StaleError
from kiosk.services.rebriefing import Outdated
from kiosk.ui.console.columns import FittedColumns
from kiosk.ui.console.reads import Reads, read_only_table, tell
from kiosk.ui.jobs import Jobs

COLUMNS = (
    "console.column.patient",
    "console.rebrief.born",
    "console.column.mrn",
    "console.rebrief.briefed",
    "console.rebrief.version",
    "console.rebrief.planned",
)


class RebriefView(QWidget):
    def __init__(self, jobs: Jobs, words: Words, staff: Callable[[], str | None]) -> None:
        super().__init__()
        self.words = words
        self.staff = staff
        self.desk: ConsoleDesk | None = None
        self.reads = Reads(jobs)
        self.rows: list[Outdated] = []
        layout = QVBoxLayout(self)
        self.note = QLabel(words("staff.rebrief.note-console"))
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.table = read_only_table(words, COLUMNS)
        self.columns = FittedColumns(self.table, (0,))  # the patient's name takes the room left
        self.table.itemSelectionChanged.connect(self._enable)
        layout.addWidget(self.table, 1)
        line = QHBoxLayout()
        self.count = QLabel()
        line.addWidget(self.count, 1)
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
            )
            for column, text in enumerate(cells):
                self.table.setItem(i, column, QTableWidgetItem(text))
        self.count.setText(w("console.rebrief.count", count=len(rows)))
        tell(self.message, w(told) if told else "", done)
        self._enable()

    def chosen(self) -> Outdated | None:
        picked = self.table.selectionModel().selectedRows()
        return self.rows[picked[0].row()] if picked and picked[0].row() < len(self.rows) else None

    def _enable(self) -> None:
        self.prepare_button.setEnabled(self.chosen() is not None)

    def prepare(self) -> None:
        desk, staff, row = self.desk, self.staff(), self.chosen()
        if desk is None or staff is None or row is None:
            return
        try:
            desk.rebriefs.prepare(staff, row)
        except StaleError as exc:
            self.reload(exc.text)
            return
        except StaffError as exc:
            tell(self.message, self.words(exc.text))
            return
        self.reload(msg("staff.rebrief.prepared", name=row.name), done=True)

    def forget(self) -> None:
        self.reads.drop()
        self.desk = None
        self.rows = []
        self.table.setRowCount(0)
        self.count.setText("")
        self.message.setText("")
