"""The briefings table's model: rows read a page at a time on the worker thread (canFetchMore /
fetchMore as the view scrolls), read again when the store moves, emptied at sign-out."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from kiosk.i18n import Msg, Words, msg
from kiosk.services.console import ConsoleDesk, Cursor, DeskFilters, Listed, RecordRow, StaffError
from kiosk.ui.console.describe import moment
from kiosk.ui.jobs import Jobs
from kiosk.ui.staff.describe import kiosk_name, own, pdf_text, status_text

log = logging.getLogger(__name__)

COLUMNS = (
    "console.column.when",
    "console.column.patient",
    "console.column.mrn",
    "console.column.status",
    "console.column.kiosk",
    "console.column.procedure",
    "console.column.language",
    "console.column.risks",
    "console.column.questions",
    "console.column.pdf",
)
BRIEFING_ID = Qt.ItemDataRole.UserRole
"""The role under which every cell gives its briefing's id."""
WHEN, PATIENT, MRN, STATUS, KIOSK, PROCEDURE, LANGUAGE, RISKS, OPEN, PDF = range(len(COLUMNS))
TEXT_COLUMNS = (PATIENT,)
"""The column that takes the room the others leave (they are as wide as what they show)."""
WHOLE_COLUMNS = (WHEN, MRN, LANGUAGE, RISKS, OPEN)
"""Cut to fit the window only when cutting the others (a name, a status, a kiosk) is not enough."""

Parent = QModelIndex | QPersistentModelIndex


class BriefingTable(QAbstractTableModel):
    """Briefings across every kiosk, newest first, as the filters select them."""

    loaded = Signal()
    """A page (or a fresh read) arrived."""
    failed = Signal(object)
    """A read failed: the Msg to show."""

    def __init__(self, jobs: Jobs, words: Words) -> None:
        super().__init__()
        self.jobs = jobs
        self.words = words
        self.desk: ConsoleDesk | None = None
        self.filters = DeskFilters()
        self.rows: list[RecordRow] = []
        self.total: int | None = None
        self.now = datetime.now().astimezone()
        self._next: Cursor | None = None
        self._asked = 0
        self._busy = False

    # -- reading ---------------------------------------------------------------------------

    def show(self, desk: ConsoleDesk, filters: DeskFilters) -> None:
        """Read the first page for these filters; the rows shown stay until it arrives."""
        self.desk, self.filters = desk, filters
        self._ask(None, replace=True)

    def refresh(self) -> None:
        """Read again as many rows as are shown (the store moved): the same filters."""
        if self.desk is not None:
            self._ask(None, replace=True, limit=max(len(self.rows), 1))

    def canFetchMore(self, parent: Parent = QModelIndex()) -> bool:  # noqa: B008 - Qt's API
        return not parent.isValid() and self._next is not None and not self._busy

    def fetchMore(self, parent: Parent = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._ask(self._next, replace=False)

    def busy(self) -> bool:
        return self._busy

    def _ask(self, after: Cursor | None, *, replace: bool, limit: int | None = None) -> None:
        desk, filters = self.desk, self.filters
        assert desk is not None
        self._asked += 1
        asked = self._asked
        self._busy = True

        def work() -> tuple[Listed, datetime]:
            return desk.listing(filters, after, limit), desk.now()

        def done(result: tuple[Listed, datetime]) -> None:
            if asked == self._asked:
                self._busy = False
                self._arrived(*result, replace=replace)

        def failed(exc: Exception) -> None:
            if asked != self._asked:
                return
            self._busy = False
            if isinstance(exc, StaffError):
                told: Msg = exc.text
            else:
                log.error("the console's list could not be read: %s", type(exc).__name__)
                told = msg("console.store-failed")
            self.failed.emit(told)

        self.jobs.run(work, done, failed)

    def _arrived(self, listed: Listed, now: datetime, *, replace: bool) -> None:
        self.now = now
        if replace:
            same = [r.briefing_id for r in listed.rows] == [r.briefing_id for r in self.rows]
            if same and self.rows:
                self.rows = listed.rows
                self.dataChanged.emit(
                    self.index(0, 0), self.index(len(self.rows) - 1, len(COLUMNS) - 1)
                )
            else:
                self.beginResetModel()
                self.rows = listed.rows
                self.endResetModel()
            if listed.total is not None:
                self.total = listed.total
        elif listed.rows:
            self.beginInsertRows(
                QModelIndex(), len(self.rows), len(self.rows) + len(listed.rows) - 1
            )
            self.rows.extend(listed.rows)
            self.endInsertRows()
        self._next = listed.next
        self.loaded.emit()

    def clear(self) -> None:
        """Forget every row (sign-out): nothing of a patient stays in memory the view can show."""
        self._asked += 1
        self._busy = False
        self.beginResetModel()
        self.rows = []
        self.total = None
        self._next = None
        self.desk = None
        self.endResetModel()

    # -- what the view shows ---------------------------------------------------------------

    def rowCount(self, parent: Parent = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Parent = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,  # a heading cut to fit the window, whole on hover
        ):
            return self.words(COLUMNS[section])
        return None

    def data(self, index: Parent, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == BRIEFING_ID:
            return row.briefing_id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.text(row, index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (RISKS, OPEN):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def text(self, row: RecordRow, column: int) -> str:
        words = self.words
        if column == WHEN:
            return moment(words, row.happened_at)
        # A person's or a machine's words in their own direction: in Arabic, the MRN
        # "=HYPERLINK(1)" read "HYPERLINK(1)=" (a reviewer)
        if column == PATIENT:
            return own(words, row.patient_name) if row.patient_name else words("staff.list.walk-up")
        if column == MRN:
            return own(words, row.mrn) if row.mrn else ""
        if column == STATUS:
            return status_text(words, row, self.now)
        if column == KIOSK:
            return own(words, kiosk_name(words, row.kiosk_id))
        if column == PROCEDURE:
            return own(words, row.form_id)
        if column == LANGUAGE:
            return row.language_name
        if column == RISKS:
            return words(
                "console.list.risks",
                acknowledged=row.risks_acknowledged,
                total="?" if row.risks_total is None else words.number(row.risks_total),
            )
        if column == OPEN:
            return words.number(row.open_questions) if row.open_questions else ""
        return pdf_text(words, row) if row.status == "completed" else ""

    def briefing_id(self, row: int) -> str | None:
        return self.rows[row].briefing_id if 0 <= row < len(self.rows) else None
