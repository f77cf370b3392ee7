"""The PRACTICE banner across the top of every screen in practice mode (`kiosk practice`)."""

from __future__ import annotations

import math
from collections.abc import Callable
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


PADDING = (10, 2)
"""Room inside the banner's border (its style sheet's, 2 px), left and right, and above and below
its words (px), where no glyph's ink reaches (`_words_px`): the staff sign-in at 1280x800 under
the banner has not a pixel to spare."""


class PracticeBanner(Label):
    """PRACTICE, the sample patient's name and date of birth (what the identity screen asks), and,
    on Welcome, how to open staff mode with the practice account: what a newcomer needs, where they
    look. Past Welcome it is one line, so every screen keeps its room. Across the whole window, its
    words in a centred column no wider than `LINE_CHARACTERS` (its own side margins: a label in a
    layout with an alignment would lose its height for its width)."""

    def __init__(self, sample: Sample, walk_up: Callable[[], bool] = lambda: False) -> None:
        """`walk_up()`: whether patients type who they are (no sample briefing is prepared then:
        Welcome says to type any name and birth date, not the sample's)."""
        super().__init__()
        self.sample = sample
        self._walk_up = walk_up
        self.setProperty("role", "practice")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._welcome = True
        self._tall: dict[tuple[str, int], int] = {}
        """How tall its words are (`_words_px`), for the words and a width (the font of now)."""

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
            message = "practice.banner-walk-up-welcome" if self._walk_up() else "practice.banner"
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
        self._tall.clear()  # (another font, border, direction)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._column()

    def heightForWidth(self, width: int) -> int:
        """As tall as its words are at `width` (with the room beside them there, not the room of
        the width it has now), with the padding and the border above and below them."""
        side, room = self._room(width)
        margin = self.margin()
        return self._words_px(width - 2 * (side + margin)) + 2 * (room + margin)

    def _room(self, width: int) -> tuple[int, int]:
        """The room beside its words and above and below them, its border included, at `width`."""
        border = self.frameWidth()  # (the style sheet's: QLabel counts it among the margins)
        side, room = border + PADDING[0], border + PADDING[1]
        if self._welcome:  # Welcome's sentences in a column; past it, one line as wide as it needs
            line = self.fontMetrics().averageCharWidth() * LINE_CHARACTERS
            side = max(side, (width - line) // 2)
        return side, room

    def _column(self) -> None:
        side, room = self._room(self.width())
        margins = self.contentsMargins()
        if (margins.left(), margins.top()) != (side, room):
            self.setContentsMargins(side, room, side, room)

    def _words_px(self, width: int) -> int:
        """How tall the words are wrapped at `width`: their lines, and twice as much again as a
        glyph's ink reaches out of them (the words are centred in their room). Arabic, portrait:
        a tanween under the third line's last word reached 6 px under the line, and touched the
        border (QLabel measures the lines alone)."""
        said = self.text()
        tall = self._tall.get((said, width))
        if tall is not None:
            return tall
        layout, _tops, height = self.laid_out(max(width, 1))  # as drawn (Arabic's: leading apart)
        out = 0.0
        for run in layout.glyphRuns():
            font = run.rawFont()
            for glyph, at in zip(run.glyphIndexes(), run.positions(), strict=True):
                box = font.boundingRect(glyph).translated(at)  # its ink, where it is placed
                if not box.isEmpty():
                    out = max(out, -box.top(), box.bottom() - height)
        if len(self._tall) > 16:  # widths of windows since shown: keep the few of now
            self._tall.clear()
        tall = self._tall[(said, width)] = math.ceil(height + 2 * out)
        return tall
