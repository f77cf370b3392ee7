"""One seam for every question the console asks staff in a dialog (where to save a file, why a
briefing is withdrawn): each returns a plain value, so a test replaces it in one line."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QWidget


class DeskQuestions:
    def save_path(self, parent: QWidget, title: str, suggested: Path) -> Path | None:
        """The file staff choose to write (the dialog asks before replacing one); None if they
        cancel."""
        chosen, _ = QFileDialog.getSaveFileName(parent, title, str(suggested))
        return Path(chosen) if chosen else None

    def text(self, parent: QWidget, title: str, label: str) -> str | None:
        """A line of text staff type (a reason, say); None if they cancel."""
        typed, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal)
        return typed if ok else None
