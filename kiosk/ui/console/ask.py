"""One seam for every question the console asks staff in a dialog (where to save a file, which
printer, why a briefing is withdrawn): each returns a plain value, so a test replaces it in one line."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import SOURCE, Words, msg, words_for
from kiosk.services.console import StaffError

WIDTH_CHARS = 48
"""The least width of a dialog, in average characters of its font: a name or a question on a line
or two, not a cramped box of wrapped words."""


class ChoiceDialog(QDialog):
    """Which of `options`: none chosen when it opens (one click of OK must not record an answer
    staff never gave), OK enabled once one is. `label`'s lines stand a line each above them, the
    first of several (what it is about: whose briefing) as a heading."""

    def __init__(
        self, parent: QWidget | None, title: str, label: str, options: list[str], words: Words
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * WIDTH_CHARS)
        layout = QVBoxLayout(self)
        lines = label.split("\n")
        self.lines: list[QLabel] = []
        for n, line in enumerate(lines):
            text = QLabel(line)
            text.setWordWrap(True)
            if n == 0 and len(lines) > 1:
                text.setObjectName("heading")
            layout.addWidget(text)
            self.lines.append(text)
        self.answers = QButtonGroup(self)
        self.answers.setExclusive(True)
        for n, option in enumerate(options):
            answer = QRadioButton(option)
            self.answers.addButton(answer, n)
            layout.addWidget(answer)
        buttons = QDialogButtonBox()
        self.ok: QPushButton = buttons.addButton(
            words("console.choice.ok"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel: QPushButton = buttons.addButton(
            words("console.choice.cancel"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.ok.setEnabled(False)
        self.ok.setDefault(True)  # Enter: OK once an answer is chosen, nothing before
        self.answers.idToggled.connect(self._toggled)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _toggled(self, _: int, __: bool) -> None:
        self.ok.setEnabled(self.chosen() is not None)

    def chosen(self) -> int | None:
        """The answer chosen (its index), or None while none is."""
        n = self.answers.checkedId()
        return n if n >= 0 else None

    def accept(self) -> None:
        if self.chosen() is not None:  # OK is disabled until then; Enter goes nowhere either
            super().accept()


def print_dialog(printer: QPrinter, parent: QWidget) -> QPrintDialog:
    """The print dialog, with no "Print to File (PDF)": that wrote an unsealed copy that could be
    taken for the signed PDF (a reviewer found it chosen for them). "Save a copy" saves the PDF."""
    dialog = QPrintDialog(printer, parent)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, False)
    return dialog


def printers() -> list[str]:
    """The printers Qt finds set up on this computer (CUPS's, Windows'), by name."""
    return [p.printerName() for p in QPrinterInfo.availablePrinters() if p.printerName()]


class DeskQuestions:
    home = Path.home()
    """Where a save dialog opens first: the `copies_dir` setting's folder once the desk has its
    settings (`open_in`), as staff mode saves its copies there; else the home folder."""
    words = words_for(SOURCE)
    """The words of its own dialogs' buttons: the console's language (the views given it say
    which)."""

    def printer(self, parent: QWidget) -> QPrinter | None:
        """The printer staff choose (and its settings); None if they cancel. StaffError, in one
        sentence, when this computer has no printer: said before any dialog (a reviewer got a
        print dialog naming no printer, then "The printer could not be opened"), and again if
        the dialog gives back a printer without a name (no default printer, none chosen)."""
        no_printer = StaffError(msg("console.pdf.no-printer"))
        if not printers():
            raise no_printer
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = print_dialog(printer, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        if not printer.printerName():
            raise no_printer
        return printer

    def open_in(self, folder: Path) -> None:
        """Save dialogs open in `folder` when it is one (a reviewer's opened in /root)."""
        self.home = folder if folder.is_dir() else Path.home()

    def save_path(self, parent: QWidget, title: str, suggested: Path) -> Path | None:
        """The file staff choose to write (the dialog asks before replacing one), offered as files
        of the suggested name's kind ("PDF files (*.pdf)"); None if they cancel."""
        suffix = suggested.suffix
        kind = (
            self.words("console.save.files-of", kind=suffix[1:].upper(), pattern=f"*{suffix}")
            if suffix
            else ""
        )
        chosen, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), kind)
        return Path(chosen) if chosen else None

    def choice(self, parent: QWidget, title: str, label: str, options: list[str]) -> int | None:
        """Which of `options` staff choose (its index), none chosen for them; None if they cancel.
        `label`: what is asked, a line each (whom it is about first)."""
        dialog = ChoiceDialog(parent, title, label, options, self.words)
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            return dialog.chosen() if accepted else None
        finally:
            dialog.deleteLater()
