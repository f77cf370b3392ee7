"""Review: every risk and whether it was acknowledged, and the questions flagged for the surgeon.

Each risk and each flagged question is a large button, the whole row: tapped, its screen shows
again, and "Back to the summary" comes back here (kiosk.session.review_views decides which).
"There is more below" stands right under the rows while there is, as on every page that scrolls,
and so does why a tap did nothing: the frame keeps no lines for it under the page, whose room is
the rows'."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from kiosk.i18n import Words
from kiosk.session.kinds import ScreenKind
from kiosk.session.review_model import see_again
from kiosk.session.review_views import Row
from kiosk.session.view import Line, View
from kiosk.ui.icons import Glyph, pixmap
from kiosk.ui.pages.base import LaidOutButton, Page, Reading, label
from kiosk.ui.pages.parts import MarkedLine, UnderWords

ROW_GAP = 24
"""Room between two rows, in px at 1280×800 (never less on any screen): a finger that lands
between two rows touches neither, as between a question's choices."""
ROOM = (20, 12, 20, 12)
"""Room around a row's mark, words and arrow (left, top, right, bottom)."""


class FirstLine(QObject):
    """Keeps a `MarkedLine`'s mark centred on the first line of its words (it stood at their top,
    above the line's middle wherever the words are taller than the mark; centred on the whole
    block, it would stand between the lines of words that wrap). `fit` after each `set_line`;
    new words' size, font or style sheet fits it again. The room over the mark is taken from the
    words' height, never added to the row's: the row is as tall as it was."""

    REFIT = frozenset(
        {QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.Polish, QEvent.Type.Resize}
    )

    def __init__(self, line: MarkedLine) -> None:
        super().__init__(line)
        self.line = line
        policy = line.mark.sizePolicy()
        policy.setVerticalPolicy(QSizePolicy.Policy.Ignored)  # (its minimum, the mark, still holds)
        line.mark.setSizePolicy(policy)
        line.text.installEventFilter(self)

    def fit(self) -> None:
        mark, words = self.line.mark, self.line.text
        if mark.isHidden():
            return
        px = mark.minimumWidth()  # (`set_line` makes it px by px)
        top = words.contentsRect().top() + words.margin()
        # A row taller than its words (a finger's height) has them in its middle.
        spare = max(0, words.height() - words.heightForWidth(words.width()))
        if words.alignment() & Qt.AlignmentFlag.AlignVCenter:
            top += spare // 2
        elif words.alignment() & Qt.AlignmentFlag.AlignBottom:
            top += spare
        drop = max(0, top + (QFontMetrics(words.font()).height() - px) // 2)
        if mark.contentsMargins().top() != drop or mark.maximumHeight() != px + drop:
            mark.setContentsMargins(0, drop, 0, 0)
            mark.setMinimumHeight(px)
            mark.setMaximumHeight(px + drop)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in self.REFIT:
            self.fit()
        return False


class RowButton(LaidOutButton):
    """A row to tap: its mark and words as the line they were, and an arrow at its end that points
    on (to the left in a right-to-left language). The whole row is the target."""

    def __init__(self) -> None:
        super().__init__("choice")
        self.line = MarkedLine()
        self.arrow = QLabel()
        for part in (self.line, self.arrow):
            part.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.arrow.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        row = QHBoxLayout(self)
        row.setContentsMargins(*ROOM)
        row.setSpacing(16)
        row.addWidget(self.line, 1)
        row.addWidget(self.arrow, 0, Qt.AlignmentFlag.AlignVCenter)


class ReviewLine(QWidget):
    """One line of the review: a heading ("You said you understand each risk:") as words, or a risk or
    a flagged question as a `RowButton` (the other kept hidden, for the next screen's lines)."""

    def __init__(self) -> None:
        super().__init__()
        self.column = column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.heading = MarkedLine()
        self.button = RowButton()
        self.marks = (FirstLine(self.heading), FirstLine(self.button.line))
        column.addWidget(self.heading)
        column.addWidget(self.button)
        self.button.hide()

    @property
    def shown(self) -> MarkedLine:
        """The line drawn: the heading's, or the button's."""
        return self.heading if self.button.isHidden() else self.button.line

    @property
    def mark(self) -> QLabel:
        return self.shown.mark


class ReviewPage(Page):
    kinds = frozenset({ScreenKind.REVIEW})
    centre_column = True

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        self.title = label(role="title")
        self.body = Reading()
        layout.addWidget(self.title)
        layout.addWidget(self.body, 1)
        # Right under the rows, with its arrow, while there are more below (the frame's line had
        # said it at the window's foot, far under them, with no arrow; two lines of it in Arabic).
        # Its room is kept while the rows scroll, and given back to them when they all fit.
        self.under = UnderWords(self.body, layout.spacing())
        layout.addWidget(self.under)
        self._lines: list[ReviewLine] = []
        self._paragraphs: list[QLabel] = []
        self._kept = 0
        """How far the list was scrolled when a row was tapped (0: from the top)."""
        self._rows: tuple[object, ...] = ()
        """What the rows were last drawn from (the title, lines and paragraphs, words, look)."""
        self._targets: list[str] = []
        """The screen each line shows again when tapped ("" for a heading), in their order."""

    def draw(self, view: View, words: Words) -> None:
        said = view.message if view.message_in_page else None
        # Why a tap did nothing (the store held it up, say), right under the rows.
        self.under.say(words(said) if said is not None else "", for_cue=False)
        rows = (view.title, view.lines, view.paragraphs, words.language, self.look)
        if rows == self._rows and self.isVisible():  # only what is said under them changed:
            return  # the rows stay where the patient scrolled them
        self._rows = rows
        self.title.setText(words.text(view.title or ""))
        self.under.cue.set_words(
            words("frame.more-below"), self.look.palette.text, self.look.px(28)
        )
        body = self.body
        body.limit_width(self.line_px())
        px = self.look.px(30)
        # Rows apart by ROW_GAP: the column's spacing, and half the rest above and below each row
        # (a heading and the closing words stand closer, as before: the review fits its room).
        pad = -(-(max(ROW_GAP, self.look.room(ROW_GAP)) - body.content.spacing()) // 2)
        arrow = pixmap(
            Glyph.NEXT, self.look.palette.button_text, px, right_to_left=words.right_to_left
        )

        def fill_line(slot: ReviewLine, line: Line) -> None:
            target = line.screen_id if isinstance(line, Row) else ""
            slot.heading.setVisible(not target)
            slot.column.setContentsMargins(0, pad if target else 0, 0, pad if target else 0)
            slot.button.setVisible(bool(target))
            text = words.text(line.text)
            slot.shown.set_line(text, line.tone, line.mark, self.colour(line.tone), px)
            slot.marks[bool(target)].fit()
            if target:
                slot.button.setAccessibleName(text)
                slot.button.arrow.setPixmap(arrow)
                slot.button.arrow.setFixedSize(px, px)

        # The rows are kept from briefing to briefing: each costs only its words, not its making.
        paragraphs = [words.text(p) for p in view.paragraphs]
        self._targets = [line.screen_id if isinstance(line, Row) else "" for line in view.lines]
        with body.refilling(len(view.lines) + len(paragraphs)):
            body.refill(self._lines, view.lines, self._line, fill_line)
            body.refill(self._paragraphs, paragraphs, label, QLabel.setText, at=len(self._lines))
        body.fit_content()
        # Back from a row seen again, the list where it was (the next flagged row is below it);
        # else from its top.
        kept, self._kept, bar = self._kept, 0, body.verticalScrollBar()
        bar.setValue(kept)
        if kept:  # (and once the page is laid out on screen: its range is final then)
            QTimer.singleShot(0, self, lambda: bar.setValue(kept))
        body.check_soon()

    def _line(self) -> ReviewLine:
        slot = ReviewLine()
        slot.button.clicked.connect(partial(self._tapped, len(self._lines)))
        return slot

    def _tapped(self, n: int) -> None:
        """A risk or a flagged question tapped: its screen, shown again."""
        if n < len(self._targets) and self._targets[n] and self.model is not None:
            self._kept = self.body.verticalScrollBar().value()
            see_again(self.model, self._targets[n])

    def forget(self) -> None:
        self._targets, self._kept, self._rows = [], 0, ()
        self.under.say("")
        self.body.refill(self._lines, [], self._line, lambda _row, _line: None)
        self.body.refill(self._paragraphs, [], label, QLabel.setText, at=len(self._lines))
        self.title.setText("")
