"""The PRACTICE banner across the top of every screen in practice mode (`kiosk practice`)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from kiosk.i18n import Words
from kiosk.practice import Sample


class PracticeBanner(QLabel):
    """PRACTICE, the sample patient's name and date of birth (what the identity screen asks), and,
    on Welcome, how to open staff mode with the practice account: what a newcomer needs, where they
    look. Past Welcome it is one line, so every screen keeps its room."""

    def __init__(self, sample: Sample) -> None:
        super().__init__()
        self.sample = sample
        self.setProperty("role", "practice")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setTextFormat(Qt.TextFormat.PlainText)

    def draw(self, words: Words, *, welcome: bool) -> None:
        s = self.sample
        self.setText(
            words(
                "practice.banner" if welcome else "practice.banner-short",
                name=s.name,
                born=words.date(s.date_of_birth),
                staff=s.staff,
                pin=s.pin,
            )
        )
