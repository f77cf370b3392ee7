"""The Export view: the briefings of a date range written as CSV, JSON, FHIR or a zip of the PDFs
(the same code as `kiosk records export`), on a thread of its own so the lists stay live, with a
progress bar and Cancel. A cancelled or failed export leaves nothing under the file's name."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import Msg, Words, msg
from kiosk.services.console import ConsoleDesk, StaffError
from kiosk.services.exporting import (
    ExportCancelled,
    Exported,
    Exporting,
    ExportRequest,
    days_problem,
    target_for,
)
from kiosk.services.staff import NAME_MAX
from kiosk.ui.console.ask import DeskQuestions
from kiosk.ui.console.day_field import DayField, all_read, day_unreadable, tell_of
from kiosk.ui.console.reads import tell
from kiosk.ui.jobs import Jobs

FORM_WIDTH = 640
DEFAULT_DAYS = 30
FORMAT_WORDS = {
    "csv": "console.export.format.csv",
    "csv-acknowledgements": "console.export.format.csv-acknowledgements",
    "json": "console.export.format.json",
    "fhir-bundle": "console.export.format.fhir-bundle",
    "fhir-ndjson": "console.export.format.fhir-ndjson",
    "pdf-zip": "console.export.format.pdf-zip",
}


class _Progress(QObject):
    """Carries (done, total) from the export's thread to the progress bar (a queued connection)."""

    told = Signal(int, int)


class ExportView(QWidget):
    def __init__(self, words: Words, staff: Callable[[], str | None], ask: DeskQuestions) -> None:
        super().__init__()
        self.words = words
        self.staff = staff
        self.ask = ask
        self.exporting: Exporting | None = None
        self.jobs = Jobs(self)  # its own thread: a long export never holds up the lists
        self._stop = threading.Event()
        self.progress = _Progress(self)
        self.progress.told.connect(self._told, Qt.ConnectionType.QueuedConnection)
        outer = QVBoxLayout(self)
        title = QLabel(words("console.export.title"))
        title.setObjectName("heading")
        outer.addWidget(title)
        how = QLabel(words("console.export.how"))
        how.setWordWrap(True)
        outer.addWidget(how)
        holder = QWidget()
        holder.setMaximumWidth(FORM_WIDTH)
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        self.format = QComboBox()
        for key, words_id in FORMAT_WORDS.items():
            self.format.addItem(words(words_id), key)
        form.addRow(words("console.export.format"), self.format)
        self.first = DayField(words)
        self.last = DayField(words)
        tell_of((self.first, self.last), self.say)
        form.addRow(words("console.export.first"), self.first)
        form.addRow(words("console.export.last"), self.last)
        self.patient = QLineEdit()
        self.patient.setPlaceholderText(words("console.export.patient-hint"))
        self.patient.setMaxLength(NAME_MAX)
        form.addRow(words("console.export.patient"), self.patient)
        column.addLayout(form)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_button = QPushButton(words("console.export.cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        buttons.addWidget(self.cancel_button)
        self.button = QPushButton(words("console.export.start"))
        self.button.clicked.connect(self.choose_file)
        buttons.addWidget(self.button)
        column.addLayout(buttons)
        self.bar = QProgressBar()
        column.addWidget(self.bar)
        self.count = QLabel()
        self.count.setObjectName("muted")
        column.addWidget(self.count)
        outer.addWidget(holder)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.message)
        outer.addStretch(1)
        self.folder = Path.home()
        self.forget()

    def start(self, desk: ConsoleDesk) -> None:
        self.exporting = Exporting(desk)
        self.folder = self.ask.home
        today = desk.now().astimezone().date()
        self.set_days(today - timedelta(days=DEFAULT_DAYS - 1), today)

    def set_days(self, first: date, last: date) -> None:
        self.first.setDate(QDate(first.year, first.month, first.day))
        self.last.setDate(QDate(last.year, last.month, last.day))

    def request(self, target: Path) -> ExportRequest:
        return ExportRequest(
            str(self.format.currentData()), self.first.day(), self.last.day(), target,
            self.patient.text(),
        )  # fmt: skip

    def running(self) -> bool:
        return self.jobs.pending() > 0

    def choose_file(self) -> None:
        """Ask where to write, then export there."""
        if self.exporting is None or self.running():
            return
        if not all_read(self.first, self.last):  # never the days typed before
            self.say(day_unreadable())
            return
        fmt, first, last = str(self.format.currentData()), self.first.day(), self.last.day()
        reversed_days = days_problem(first, last)
        if reversed_days is not None:  # said before the save dialog: nothing to name yet
            self.say(reversed_days)
            return
        suggested = self.folder / self.exporting.default_name(fmt, first, last)
        target = self.ask.save_path(self, self.words("console.export.save-title"), suggested)
        if target is not None:
            self.export_to(target)

    def export_to(self, target: Path) -> None:
        exporting, staff = self.exporting, self.staff()
        if exporting is None or staff is None or self.running():
            return
        if not all_read(self.first, self.last):
            self.say(day_unreadable())
            return
        fmt = str(self.format.currentData())
        # The file takes the format's ending when staff typed none ("november" -> november.zip);
        # another format's ending is refused by `problem` (kiosk.services.exporting)
        named, taken = target_for(fmt, target.expanduser().absolute())
        request = self.request(named)
        problem = taken or exporting.problem(request)
        if problem is not None:
            self.say(problem)
            return
        self.folder = request.target.parent
        self._stop = stop = threading.Event()
        self.say(msg("console.export.working"), done=True)
        self.bar.setRange(0, 0)  # busy until the first count arrives
        self.bar.show()
        self.count.setText("")
        self._busy(True)
        told = self.progress.told.emit
        self.jobs.run(
            lambda: exporting.run(staff, request, told, stop), self._finished, self._failed
        )

    def cancel(self) -> None:
        """Stop the export at its next step; nothing is left under the file's name."""
        self._stop.set()
        self.cancel_button.setEnabled(False)

    def _told(self, done: int, total: int) -> None:
        if not self.running():
            return
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        # The PDFs' export counts the signed briefings it copies, not every briefing of the days
        pdfs = self.format.currentData() == "pdf-zip"
        progress = "console.export.progress-pdfs" if pdfs else "console.export.progress"
        self.count.setText(self.words(progress, count=total, done=done))

    def _finished(self, result: Exported) -> None:
        if self.exporting is None:
            return  # signed out meanwhile: the screen stays empty
        self._busy(False)
        self.bar.setRange(0, 1)
        self.bar.setValue(1)
        if result.pdfs is None:
            done = self.words("console.export.done", count=result.briefings, path=str(result.path))
        else:  # how many PDFs the zip holds, and how many briefings have none there (and where)
            done = self.words("console.export.pdfs-done", count=result.pdfs, path=str(result.path))
            if result.without_pdf:
                done += " " + self.words("console.export.pdfs-without", count=result.without_pdf)
        tell(self.message, done, True)
        if result.left_out:
            self.count.setText(self.words("console.export.left-out", count=result.left_out))

    def _failed(self, exc: Exception) -> None:
        if self.exporting is None:
            return
        self._busy(False)
        self.bar.hide()
        self.count.setText("")
        if isinstance(exc, ExportCancelled):
            self.say(msg("console.export.cancelled"))
        elif isinstance(exc, StaffError):
            self.say(exc.text)
        else:
            self.say(msg("console.store-failed"))

    def _busy(self, busy: bool) -> None:
        for widget in (self.format, self.first, self.last, self.button):
            widget.setEnabled(not busy)
        self.cancel_button.setEnabled(busy)
        self.cancel_button.setVisible(busy)

    def say(self, told: Msg | None, done: bool = False) -> None:
        if not self.running():  # an earlier export's "100%" and count stood over a refusal
            self.bar.hide()
            self.count.setText("")
        tell(self.message, self.words(told) if told else "", done)

    def forget(self) -> None:
        """Sign-out: a running export stops (nothing left behind) and the messages go."""
        self._stop.set()
        self.exporting = None
        self._busy(False)
        self.bar.hide()
        self.count.setText("")
        self.patient.setText("")  # a name typed leaves the screen with the staff member
        self.say(None)
