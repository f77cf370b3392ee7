"""Small pieces the patient's pages share: the "more below" cue (alone, or in one place under a text
with why a tap did nothing), a line with a mark before it, and words measured before they are
said, or cut at a whole line."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.session.view import Mark, Tone
from kiosk.ui.icons import Glyph, pixmap
from kiosk.ui.pages.base import label
from kiosk.ui.pages.label import Label, lines_px
from kiosk.ui.pages.scroll import SLACK_PX, Reading
from kiosk.ui.theme import Look
from kiosk.ui.widgets.keys import set_flag

UNLIMITED = (1 << 24) - 1
"""Qt's largest widget size (QWIDGETSIZE_MAX): no limit."""
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
        self._area: QAbstractScrollArea | None = None
        self._more = self._scrolls = False  # what the area it follows said last (`follow`)
        self.hide()

    def scrolls(self, area: QAbstractScrollArea) -> None:
        """A tap on it slides `area`'s words up by most of what shows, as a finger would (a
        reviewer saw an older patient tap the arrow, and nothing happen)."""
        self._area = area

    def follow(self, area: Reading) -> None:
        """Shown while `area` has more below, and a tap on it slides its words up. A cue that
        takes room only while it shows goes once the words would be whole in its room too: kept
        while they fitted only without it, it held a refused birth date's last line cut, "more
        below" said under it and the page empty below (Spanish, Larger text, 1280x800)."""
        area.more.connect(lambda more: self._follow(area, more=more))
        area.scrolls.connect(lambda scrolls: self._follow(area, scrolls=scrolls))
        self.scrolls(area)

    def _follow(
        self, area: Reading, *, more: bool | None = None, scrolls: bool | None = None
    ) -> None:
        self._more = self._more if more is None else more
        self._scrolls = self._scrolls if scrolls is None else scrolls
        keeps = self.sizePolicy().retainSizeWhenHidden()
        self.show_more(self._more and (keeps or self._scrolls))
        # The room it gives the words when it goes (its gap over it not counted: never more than
        # it gives, or it would come back the moment it went).
        width = self.width() if self.isVisible() else area.width()
        area.spare = 0 if keeps or self.isHidden() else self.heightForWidth(max(1, width))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self._area is None:
            super().mousePressEvent(event)  # (not taken: the page under it has it)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._area is not None and self.rect().contains(event.position().toPoint()):
            bar = self._area.verticalScrollBar()
            bar.setValue(bar.value() + max(1, bar.pageStep() * 4 // 5))

    def keep_room(self, keep: bool) -> None:
        policy = self.sizePolicy()
        if policy.retainSizeWhenHidden() != keep:
            policy.setRetainSizeWhenHidden(keep)
            self.setSizePolicy(policy)

    def set_words(self, words: str, colour: str, px: int) -> None:
        self.text.setText(words)
        self.arrow.setPixmap(pixmap(Glyph.DOWN, colour, px))

    def show_more(self, more: bool) -> None:
        if more != self.isHidden():
            return
        self.setVisible(more)
        # Its column laid out again with it or without it: shown while the column's layout was
        # waiting to be laid out (its page just put on screen), it was left 0 px tall.
        parent = self.parentWidget()
        column = parent.layout() if parent is not None else None
        if column is not None:
            column.invalidate()


class UnderWords(QWidget):
    """Right under a text that scrolls (`area`), in one place: why a tap did nothing, or “There is
    more below” while there is. A message about reading the words stands for the cue, as the frame's
    line did ("Please read to the end of this risk first. Slide the text up…"); another (why Next
    waits for the button under the words) takes the cue's place while there is no more below, and
    stands under the cue while there is. The frame keeps no line for them under the page: their
    room is the words' room otherwise.

    While the text is longer than its room, the cue's room is kept, shown or not (read to its end,
    the text does not grow a line and jump); a message takes the room it needs and keeps it until
    the next words (`start_over`), so the text does not shrink and grow again with it. With
    nothing to say and the text whole, it takes no room at all. Held (`hold`), what it takes is
    the words' room: what stands under them does not move."""

    def __init__(self, area: Reading, gap: int) -> None:
        """`gap`: the spacing over it in the page's column (given back with its room)."""
        super().__init__()
        self.area = area
        self.gap = gap
        self._column = column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.setAlignment(Qt.AlignmentFlag.AlignTop)  # right under the words
        self.cue = ScrollCue(keep_room=False)
        self.cue.scrolls(area)
        self.message = label(role="notice")
        self.message.hide()
        column.addWidget(self.cue)
        column.addWidget(self.message)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._more = False
        self._scrolls = False
        self._held = 0
        """The room a message took on these words."""
        self._for_cue = True
        """The message said is about reading the words: it stands for the cue."""
        self._both = False
        """A message not about reading has stood under the cue on these words: room for both."""
        self._base: int | None = None
        """Held: the height the words and this place keep between them (`hold`)."""
        self._to_end = False
        """Held with the words whole or read to their end: they are kept at their end (their
        last line over the message, not "There is more below" there)."""
        self._whole = False
        """Held at their end: the first line in view is whole (`whole_lines`)."""
        self._rechecked = False
        area.scrolls.connect(self._set_scrolls)
        area.more.connect(self._set_more)
        area.verticalScrollBar().rangeChanged.connect(self._range)  # after the area's own
        area.installEventFilter(self)  # its width is this one's: the cue's height follows it
        area.viewport().installEventFilter(self)  # the words' width: where their lines fall
        self.hide()

    def say(self, text: str, *, for_cue: bool = True) -> None:
        """Why a tap did nothing ("" for nothing), said here. `for_cue`: it is about reading the
        words, and stands for the cue; else it is said under the cue while there is more below."""
        if text != self.message.text() or for_cue != self._for_cue:
            self.message.setText(text)
            self._for_cue = for_cue
            self._fit()

    def hold(self, slack: int = 0) -> None:
        """From now until the next words, what is said here takes the words' room: they and this
        place stay as tall as they are now (with `slack`, room left empty under them), and what
        stands under them (“I understand this risk”) does not move. Whole or read to their end,
        the words are kept at their end (the patient read them: no "more below" is said)."""
        if self._base is None:
            shown = self.height() + self.gap if self.isVisible() else 0
            self._base = self.area.height() + shown + slack
            self._to_end = self._whole = not self._more
            self._column.setAlignment(Qt.AlignmentFlag.AlignBottom)  # what is said, over the button
            self._fit()

    def cue_room(self, width: int) -> int:
        """The room the cue takes under words `width` px wide, with the gap over it."""
        self.cue.text.ensurePolished()
        return self.cue.heightForWidth(width) + self.gap

    @property
    def held(self) -> bool:
        return self._base is not None

    def start_over(self) -> None:
        """New words, or the words' own room given back (what was said is done with): a
        message's room is not kept for them, nor the words held."""
        self._held = 0
        self._both = self._to_end = self._whole = self._rechecked = False
        if self._base is not None:
            self._base = None
            self.area.setMaximumHeight(UNLIMITED)
            self._column.setAlignment(Qt.AlignmentFlag.AlignTop)
        self._fit()

    def _set_scrolls(self, scrolls: bool) -> None:
        self._scrolls = scrolls
        self._fit()

    def _set_more(self, more: bool) -> None:
        bar = self.area.verticalScrollBar()
        if more and self._whole and (self._to_end or bar.value() >= bar.maximum() - SLACK_PX):
            # Held at their end, the words' room is being laid out (they have just outgrown it,
            # or the scroll bar's range is a pass behind their height): nothing more to read.
            if not self._rechecked:  # asked again once it is laid out
                self._rechecked = True
                self.area.recheck()
            return
        self._more = more
        self._fit()

    def _range(self, _least: int, end: int) -> None:
        if self._to_end and end > SLACK_PX:
            self._to_end = False
            self.area.verticalScrollBar().setValue(end)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and (
            watched is self.area or (self._whole and watched is self.area.viewport())
        ):
            self._fit()
        return False

    def _fit(self) -> None:
        said = bool(self.message.text())
        more = self._more and self._scrolls
        for_cue = said and self._for_cue
        self._both = self._both or (said and not for_cue and more)
        self.message.setVisible(said)
        self.message.setObjectName("moreBelow" if for_cue and more else "")
        self.cue.keep_room(self._both and self._scrolls)  # the message under it stays put
        self.cue.setVisible(more and not for_cue)
        width = max(1, self.area.width())
        if said:
            self.message.ensurePolished()
            self._held = max(self._held, self.message.heightForWidth(width))
        cue = self.cue_room(width) - self.gap if self._scrolls else 0
        room = cue + self._held if self._both else max(cue, self._held)
        # What the words get back once they are whole: the cue's room past a message's, with the
        # gap over it when nothing is left here.
        left = self._held + self.gap if self._held else 0
        self.area.spare = room + self.gap - left if cue else 0
        if self._base is not None and room:  # held: the words give what this place takes
            most = max(1, self._base - room - self.gap)
            if self._whole and not self._more:  # held at their end: the first line in view is
                whole = whole_lines(self.area, most)  # whole, the part of a line over it here
                room, most = room + most - whole, whole
            if self.area.maximumHeight() != most:
                self.area.setMaximumHeight(most)
        if self.minimumHeight() != room:
            self.setMinimumHeight(room)
        self.setVisible(room > 0)


def whole_lines(area: Reading, room: int) -> int:
    """The most of `room` that holds the end of `area`'s words with no line cut over them: the
    words' height from the first line (or row that is not words) whose top is in view when they
    are scrolled to their end. Worked out from the rows at the width the words have, as the area
    works out their height (a label's place is its last layout's until the next)."""
    view = area.viewport().width()
    width = min(view if view > 0 else area.width(), area.column.maximumWidth())
    words = area.content_height(width)
    if room >= words:
        return room
    rows = area.content
    y = rows.contentsMargins().top()
    tops = []
    for n in range(rows.count()):
        item = rows.itemAt(n)
        row = item.widget() if item is not None else None
        if item is None or row is None or row.isHidden():
            continue
        if isinstance(row, Label) and row.wordWrap():  # its lines where it draws them
            m = row.contentsMargins()
            inner = width - m.left() - m.right() - 2 * row.margin()
            tops += [y + m.top() + row.margin() + round(t) for t in row.laid_out(inner)[1]]
        else:
            tops.append(y)
        tall = row.heightForWidth(width) if row.hasHeightForWidth() else item.sizeHint().height()
        y += tall + rows.spacing()
    whole = [top for top in tops if words - room <= top < words]
    return words - min(whole) if whole else room  # (a line taller than the room: as it is)


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
    return lines_px(notice, lines) + 2 * look.room(10)
