"""A briefing's PDF at the console: its pages shown (rendered off the GUI thread by
kiosk.services.documents), printed, saved as a copy where staff choose, or, while it is pending,
made (on the kiosk that signed it). Each action is audited under the staff member's name."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import Msg, Words, msg
from kiosk.services.console import ConsoleDesk, StaffError
from kiosk.services.documents import DeskDocuments, Page, Shown
from kiosk.ui.console.ask import DeskQuestions
from kiosk.ui.console.reads import Reads, tell
from kiosk.ui.jobs import Jobs

log = logging.getLogger(__name__)

PAGE_WIDTH = 720
"""Pixels across a page as shown (times the screen's pixel ratio)."""
PRINT_DPI = 300
"""The most a page is rendered at for a printer."""


def image_of(page: Page) -> QImage:
    """A page's pixels as a QImage that owns its copy."""
    image = QImage(page.pixels, page.width, page.height, page.stride, QImage.Format.Format_RGB888)
    return image.copy()


def print_pages(printer: QPrinter, pages: Iterator[Page]) -> int:
    """Paint each page on the printer, fitted to its page (QPainter on a QPrinter is safe off the
    GUI thread); how many pages. StaffError if the printer cannot be opened."""
    painter = QPainter()
    if not painter.begin(printer):
        raise StaffError(msg("console.pdf.print-failed"))
    count = 0
    try:
        for page in pages:
            if count:
                printer.newPage()
            area = painter.viewport()
            scale = min(area.width() / page.width, area.height() / page.height)
            width, height = int(page.width * scale), int(page.height * scale)
            painter.drawImage(QRect(0, 0, width, height), image_of(page))
            count += 1
    finally:
        painter.end()
    return count


class PdfPane(QWidget):
    """The PDF of the briefing chosen in the list."""

    def __init__(
        self, jobs: Jobs, words: Words, staff: Callable[[], str | None], ask: DeskQuestions
    ) -> None:
        super().__init__()
        self.jobs = jobs
        self.words = words
        self.staff = staff
        self.ask = ask
        self.reads = Reads(jobs)
        self.documents: DeskDocuments | None = None
        self.briefing_id: str | None = None
        self.shown: Shown | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.state = QLabel()
        self.state.setWordWrap(True)
        row.addWidget(self.state, 1)
        self.print_button = QPushButton(words("console.pdf.print"))
        self.print_button.clicked.connect(self.print_pdf)
        self.copy_button = QPushButton(words("console.pdf.save-copy"))
        self.copy_button.clicked.connect(self.save_copy)
        self.make_button = QPushButton(words("console.pdf.make"))
        self.make_button.clicked.connect(self.make_pdf)
        for button in (self.print_button, self.copy_button, self.make_button):
            row.addWidget(button)
        layout.addLayout(row)
        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)
        self.scroller.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.holder = QWidget()
        self.holder.setObjectName("pages")
        self.pages = QVBoxLayout(self.holder)
        self.pages.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.scroller.setWidget(self.holder)
        layout.addWidget(self.scroller, 1)
        self.page_labels: list[QLabel] = []
        self.forget()

    def start(self, desk: ConsoleDesk) -> None:
        self.documents = DeskDocuments(desk)

    def show_pdf(self, briefing_id: str) -> None:
        """Read and render the briefing's PDF on the worker thread; show its pages."""
        documents = self.documents
        if documents is None:
            return
        if briefing_id != self.briefing_id:
            self._clear_pages()
            self.shown = None
        self.briefing_id = briefing_id
        self._buttons()
        self.say(msg("console.reading"), done=True)
        ratio = self.devicePixelRatioF()
        width = int(PAGE_WIDTH * ratio)
        self.reads.run(lambda: documents.show(briefing_id, width), self._arrived, self._refused)

    def _refused(self, told: Msg) -> None:
        """The PDF cannot be shown (altered, not on this computer): no page of it stays."""
        self.shown = None
        self._clear_pages()
        self._buttons()
        self.say(told)

    def _arrived(self, shown: Shown) -> None:
        self.shown = shown
        self._clear_pages()
        ratio = self.devicePixelRatioF()
        for page in shown.pages:
            pixmap = QPixmap.fromImage(image_of(page))
            pixmap.setDevicePixelRatio(ratio)
            label = QLabel()
            label.setPixmap(pixmap)
            label.setFrameShape(QLabel.Shape.Box)
            self.pages.addWidget(label)
            self.page_labels.append(label)
        row = shown.row
        if shown.pages:
            self.say(msg("console.pdf.pages", count=len(shown.pages)), done=True)
        elif row.pdf_status == "pending":
            told = "console.pdf.pending" if shown.can_make else "console.pdf.pending-elsewhere"
            self.say(msg(told, kiosk=row.kiosk_id))
        else:
            self.say(msg("console.pdf.none"), plain=True)
        self._buttons()

    def _buttons(self, busy: bool = False) -> None:
        shown = self.shown
        made = shown is not None and bool(shown.pages)
        self.print_button.setVisible(made)
        self.copy_button.setVisible(made)
        self.make_button.setVisible(shown is not None and shown.can_make)
        for button in (self.print_button, self.copy_button, self.make_button):
            button.setEnabled(not busy)

    def _act(self, work: Callable[[], Any], working: Msg, done: Callable[[Any], Msg]) -> None:
        briefing_id = self.briefing_id
        self._buttons(busy=True)
        self.say(working, done=True)

        def finished(result: Any) -> None:
            if self.briefing_id == briefing_id:
                self._buttons()
                self.say(done(result), done=True)

        def failed(told: Msg) -> None:
            if self.briefing_id == briefing_id:
                self._buttons()
                self.say(told)

        self.reads.run(work, finished, failed)

    def save_copy(self) -> None:
        documents, staff, shown = self.documents, self.staff(), self.shown
        if documents is None or staff is None or shown is None or not shown.pages:
            return
        name = (shown.row.pdf_path or "briefing.pdf").replace("\\", "/").rsplit("/", 1)[-1]
        target = self.ask.save_path(
            self, self.words("console.pdf.save-title"), self.ask.home / name
        )
        if target is None:
            return
        briefing_id = shown.row.briefing_id
        self._act(
            lambda: documents.save_copy(staff, briefing_id, target),
            msg("console.pdf.saving"),
            lambda path: msg("console.pdf.saved", path=str(path)),
        )

    def print_pdf(self) -> None:
        documents, staff, shown = self.documents, self.staff(), self.shown
        if documents is None or staff is None or shown is None or not shown.pages:
            return
        try:
            printer = self.ask.printer(self)
        except StaffError as exc:  # no printer set up here: a copy can still be saved
            self.say(exc.text)
            return
        if printer is None:
            return
        briefing_id = shown.row.briefing_id
        dpi = min(printer.resolution(), PRINT_DPI)

        def work() -> int:
            count = print_pages(printer, documents.pages_at(staff, briefing_id, dpi))
            documents.printed(staff, briefing_id, printer.printerName())
            return count

        self._act(work, msg("console.pdf.printing"), lambda n: msg("console.pdf.printed", count=n))

    def make_pdf(self) -> None:
        documents, staff, briefing_id = self.documents, self.staff(), self.briefing_id
        if documents is None or staff is None or briefing_id is None:
            return

        def made(_: object) -> Msg:
            self.show_pdf(briefing_id)
            return msg("console.reading")

        self._act(lambda: documents.make(staff, briefing_id), msg("console.pdf.making"), made)

    def say(self, told: Msg | None, done: bool = False, plain: bool = False) -> None:
        tell(self.state, self.words(told) if told else "", done, plain)

    def _clear_pages(self) -> None:
        for label in self.page_labels:
            self.pages.removeWidget(label)
            label.deleteLater()
        self.page_labels = []

    def forget(self) -> None:
        """Another briefing, or sign-out: no page of this one stays on screen."""
        self.reads.drop()
        self.briefing_id = None
        self.shown = None
        self._clear_pages()
        self._buttons()
        self.say(None)
