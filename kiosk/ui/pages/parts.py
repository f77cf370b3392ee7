"""Small pieces the patient's pages share: the "more below" cue, a line with a mark before it, and
words measured before they are said."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QWidget

from kiosk.session.view import Mark, Tone
from kiosk.ui.icons import Glyph, pixmap
from kiosk.ui.pages.base import label
from kiosk.ui.theme import Look
from kiosk.ui.widgets.keys import set_flag

GLYPHS = {Mark.TICK: Glyph.TICK, Mark.CROSS: Glyph.CROSS, Mark.QUESTION: Glyph.QUESTION}

W = TypeVar("W", bound=QWidget)
Said = TypeVar("Said")


class WaitingTap(QObject):
    """A finger lifted from a greyed button: `tapped` fires (a disabled button gets no click, and
    one that says nothing when tapped leaves a patient tapping it again). The model says why the
    button waits."""

    tapped = Signal()

    def __init__(self, button: QWidget) -> None:
        super().__init__(button)
        self._button = button
        button.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self._button
            and event.type() == QEvent.Type.MouseButtonRelease
            and not self._button.isEnabled()
        ):
            self.tapped.emit()
        return False


class ScrollCue(QWidget):
    """“There is more below”, with a down arrow, under a text that goes on below the screen. Its
    room is kept when it is hidden, so the page never moves when it comes and goes."""

    def __init__(self, *, keep_room: bool = True) -> None:
        """`keep_room=False`: it takes room only while it shows (a page that needs the room more
        than a steady layout: the keys, the choices, the statement)."""
        super().__init__()
        self.setObjectName("moreBelow")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(12)
        self.arrow = QLabel()
        self.text = label(role="cue")
        row.addWidget(self.arrow, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.text, 1)
        self.keep_room(keep_room)
        self.hide()

    def keep_room(self, keep: bool) -> None:
        policy = self.sizePolicy()
        if policy.retainSizeWhenHidden() != keep:
            policy.setRetainSizeWhenHidden(keep)
            self.setSizePolicy(policy)

    def set_words(self, words: str, colour: str, px: int) -> None:
        self.text.setText(words)
        self.arrow.setPixmap(pixmap(Glyph.DOWN, colour, px))

    def show_more(self, more: bool) -> None:
        self.setVisible(more)


class MarkedLine(QWidget):
    """A line of text with a tick, a cross or a question mark before it (drawn, not typed)."""

    def __init__(self) -> None:
        super().__init__()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(12)
        self.mark = QLabel()
        self.mark.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.text = label()
        row.addWidget(self.mark, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.text, 1)

    def set_line(self, text: str, tone: Tone, mark: Mark | None, colour: str, px: int) -> None:
        self.text.setText(text)
        set_flag(self.text, "role", "" if tone is Tone.PLAIN else tone.value)
        if mark is None:
            self.mark.clear()
            self.mark.hide()
        else:
            # A question mark faces the reading direction (Arabic's ؟); a tick and a cross do not.
            mirrored = mark is Mark.QUESTION and self.isRightToLeft()
            self.mark.setPixmap(pixmap(GLYPHS[mark], colour, px, right_to_left=mirrored))
            self.mark.setFixedSize(px, px)
            self.mark.show()


class Measure(Generic[W]):
    """Words measured before they are said, so that a page keeps room for the longest of them and
    nothing moves when one comes: a widget like the one they will stand in, kept hidden (a child
    of the page, it wears the page's look), given each in turn."""

    def __init__(self, page: QWidget, widget: W) -> None:
        self.widget = widget
        widget.setParent(page)
        widget.hide()

    def tallest(self, width: int, say: Callable[[W, Said], object], items: Iterable[Said]) -> int:
        """The height the tallest of `items` takes at `width`, said by `say` (0 for none)."""
        self.widget.ensurePolished()
        tallest = 0
        for item in items:
            say(self.widget, item)
            tallest = max(tallest, self.widget.heightForWidth(width))
        return tallest


def say_notice(widget: QLabel, text: str) -> None:
    """Words said as a notice (a refusal, why a tap waits): for `Measure.tallest`, and the place."""
    set_flag(widget, "role", "notice")
    widget.setText(text)


def notice_lines(notice: QLabel, look: Look, lines: int = 2) -> int:
    """The height of `lines` lines of a notice, its padding included: the least room a page keeps
    for what it may say."""
    return lines * notice.fontMetrics().lineSpacing() + 2 * look.room(10)
