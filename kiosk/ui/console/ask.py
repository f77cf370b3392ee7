"""One seam for every question the console asks staff in a dialog (where to save a file, which
printer, why a briefing is withdrawn): each returns a plain value, so a test replaces it in one line."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QWidget


class DeskQuestions:
    home = Path.home()
    """Where a save dialog opens first."""

    def printer(self, parent: QWidget) -> QPrinter | None:
        """The printer staff choose (and its settings); None if they cancel."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, parent)
        return printer if dialog.exec() == QDialog.DialogCode.Accepted else None

    def save_path(self, parent: QWidget, title: str, suggested: Path) -> Path | None:
        """The file staff choose to write (the dialog asks before replacing one); None if they
        cancel."""
        chosen, _ = QFileDialog.getSaveFileName(parent, title, str(suggested))
        return Path(chosen) if chosen else None

    def choice(self, parent: QWidget, title: str, label: str, options: list[str]) -> int | None:
        """Which of `options` staff choose (its index); None if they cancel."""
        chosen, ok = QInputDialog.getItem(parent, title, label, options, 0, False)
        return options.index(chosen) if ok and chosen in options else None
