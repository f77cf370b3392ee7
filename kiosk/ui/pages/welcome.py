"""Welcome: touch to start. Nothing personal is ever shown here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QVBoxLayout

from kiosk.ui.pages.base import Page, button, label

if TYPE_CHECKING:
    from kiosk.session import Briefing

START = "Touch here to start"


class WelcomePage(Page):
    """Shown between patients. `start` asks the window for the next briefing."""

    start = Signal()
    primary_text = ""

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(24)
        layout.addStretch(1)
        title = label("Welcome", "title")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(title)
        intro = label(
            "This screen will explain your procedure, one step at a time, and what could go wrong. "
            "It takes about 15 minutes. You can go back at any time, and ask questions."
        )
        intro.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(intro)
        self.start_button = button(START, "primary", self.start.emit)
        layout.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignHCenter)
        self.message = label(role="notice", wrap=False)  # short; wrapping a centred label clips it
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.hide()
        layout.addWidget(self.message, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)

    def show_briefing(self, briefing: Briefing) -> None:
        """A briefing is open and the patient went back to the start: Start goes on with it."""
        self.message.hide()

    def say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def forget(self) -> None:
        self.say("")
