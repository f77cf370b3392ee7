"""The PRACTICE banner across the top of every screen in practice mode (`kiosk practice`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QResizeEvent

from kiosk.i18n import Words
from kiosk.practice import Sample
from kiosk.ui.pages.label import Label

if TYPE_CHECKING:
    from kiosk.session import Briefing

LINE_CHARACTERS = 70
"""Welcome's banner wraps at about this many characters: a line across a whole screen is hard to
follow (it says how to open staff mode). Past Welcome it is one line across the window (at 70, a
longer name in Spanish wrapped it to two, and the screen below lost the room)."""


PADDING = (12, 4)
"""Room inside the banner's border, left and right, and above and below its words (px)."""


class PracticeBanner(Label):
    """PRACTICE, the sample patient's name and date of birth (what the identity screen asks), and,
    on Welcome, how to open staff mode with the practice account: what a newcomer needs, where they
    look. Past Welcome it is one line, so every screen keeps its room. Across the whole window, its
    words in a centred column no wider than `LINE_CHARACTERS` (its own side margins: a label in a
    layout with an alignment would lose its height for its width)."""

    def __init__(self, sample: Sample) -> None:
        super().__init__()
        self.sample = sample
        self.setProperty("role", "practice")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._welcome = True

    def draw(
        self,
        words: Words,
        *,
        welcome: bool,
        staff: bool = False,
        of: Briefing | None = None,
    ) -> None:
        """`welcome`: how to open staff mode too; `staff` (signing in): the practice account.
        `of`: the briefing under way, whose patient it names past Welcome (staff may have prepared
        another: the banner named the sample patient over "Hello, Jane Doe", and a trainee typed
        the sample's birth date); a walk-up patient's, until they have typed theirs, none."""
        s = self.sample
        self._welcome = welcome
        patient = of.patient if of is not None and not welcome else None
        name, born = (patient.name, patient.date_of_birth) if patient else (s.name, s.date_of_birth)
        if welcome:
            message = "practice.banner"
        elif staff:
            message = "practice.banner-staff"
        elif (
            of is not None and patient is None
        ):  # a walk-up patient's to type (it named the sample)
            message = "practice.banner-walk-up"
        else:
            message = "practice.banner-short"
        self.setText(
            words(
                message,
                name=name,
                born=words.date(born),
                staff=s.staff,
                pin=s.pin,
            )
        )
        self._column()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._column()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._column()

    def _column(self) -> None:
        side, room = PADDING
        if self._welcome:  # Welcome's sentences in a column; past it, one line as wide as it needs
            line = self.fontMetrics().averageCharWidth() * LINE_CHARACTERS
            side = max(side, (self.width() - line) // 2)
        margins = self.contentsMargins()
        if (margins.left(), margins.top()) != (side, room):
            self.setContentsMargins(side, room, side, room)
