"""Done: the briefing is saved; what happens next; then back to Welcome on its own."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QVBoxLayout

from kiosk.session import Briefing
from kiosk.ui.pages.base import Page, Reading, button, label

MAKING = "Your signed briefing is being filed…"
MADE = "✓  Your signed briefing is saved and filed."


class DonePage(Page):
    primary_text = ""
    finished = Signal()

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        title = label("Thank you", "title")
        layout.addWidget(title)
        self.body = Reading()
        layout.addWidget(self.body, 1)
        self.pdf = label(role="muted")
        layout.addWidget(self.pdf)
        self.staff = label(role="notice")
        self.staff.hide()
        layout.addWidget(self.staff)
        self.finish = button("Finish", "primary", self.finished.emit)
        layout.addWidget(self.finish, 0, Qt.AlignmentFlag.AlignHCenter)

    def show_briefing(self, briefing: Briefing) -> None:
        if self.body.content.count():
            return
        for paragraph in briefing.form.closing.body.split("\n\n"):
            self.body.add(label(paragraph.strip()))
        self.body.finish()

    def making(self) -> None:
        self.pdf.setText(MAKING)
        self.staff.hide()

    def made(self) -> None:
        self.pdf.setText(MADE)

    def failed(self, for_staff: str) -> None:
        """The PDF could not be made: the briefing is saved; staff read why."""
        self.pdf.setText("✓  Your signed briefing is saved.")
        self.staff.setText(f"For staff: the PDF is pending. {for_staff}")
        self.staff.show()

    def forget(self) -> None:
        self.body.clear()
        self.pdf.setText("")
        self.staff.setText("")
        self.staff.hide()
