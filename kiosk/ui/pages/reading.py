"""The reading screens: about the procedure, each step, each risk, the options and the precautions."""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from kiosk.i18n import Words
from kiosk.session.kinds import ScreenKind
from kiosk.session.view import Action, Card, Figure, Mark, Tone, View
from kiosk.ui.icons import Glyph, pixmap
from kiosk.ui.pages.base import Page, Reading, WrapButton, card, label
from kiosk.ui.pages.parts import MarkedLine, UnderWords, WaitingTap
from kiosk.ui.typeset import refit
from kiosk.ui.widgets.picture import Picture

if TYPE_CHECKING:
    from kiosk.session.screen import ScreenModel

PICTURE_WIDTH = 0.4
"""Landscape: the picture beside the words takes at most this share of the page's width."""
PICTURE_HEIGHT = 0.3
"""Portrait: the picture above the words takes at most this share of the page's height."""
TEXT_LINES = 4
"""The words keep at least this many lines of room beside or under the picture (they scroll)."""
AHEAD_MS = 50
"""The next screen's picture is drawn this long after a screen changed (it has been painted by
then; a patient reads for seconds before Next)."""
SMALLEST = 160
"""A picture beside or above the words is at least this tall (at 1280×800); with less room there
(larger text, a long language, a notice) it goes after the words, in their scroll."""
SCROLLED = 1.5
"""A picture after the words is at most this many times SMALLEST tall (and no taller than the
words' room, so that it is on screen whole once scrolled to)."""
SCROLLED_LEAST = 64
"""Less room for the words than this (px at 1280×800) and no picture is shown at all."""


class Place(Enum):
    """Where a reading screen's picture stands."""

    BESIDE = "beside"
    ABOVE = "above"
    SCROLLED = "scrolled"


class ReadingPage(Page):
    """Title and plain paragraphs; list screens add their items; risk screens add “I understand this
    risk”, which can be tapped once the whole text has been on screen. A screen with a picture shows
    it beside the words on a landscape screen, above them on a portrait one, never at the cost of
    the words' room: they keep their lines and scroll as ever.

    The paragraphs and the items' cards are kept from screen to screen and given the next screen's
    words (hidden when it has fewer): a new label costs its making, its styling and its deletion,
    on every Next, where a kept one costs only its words.
    """

    kinds = frozenset(
        {
            ScreenKind.ABOUT,
            ScreenKind.STEP,
            ScreenKind.RISK,
            ScreenKind.OPTIONS,
            ScreenKind.PRECAUTIONS,
        }
    )
    centre_column = True

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        self.title = label(role="title")
        self.revisit = label(role="notice")
        # The words as tall as they are, "I understand this risk" right under them and the room
        # left over below it (a portrait screen has much), not between the words and the button.
        self.body = Reading(hug=True, hold_end=True)
        self.body.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._paragraphs: list[QLabel] = []
        self._cards: list[QFrame] = []
        self.picture = Picture()
        self.picture.hide()
        self._ahead: Figure | None = None
        self._ahead_timer = QTimer(self)
        self._ahead_timer.setSingleShot(True)
        self._ahead_timer.timeout.connect(self._draw_ahead)
        # The title, the notice and the words in one column; on a landscape screen the picture
        # stands after that column in reading order (right of it, or left in a right-to-left
        # language), on a portrait one inside it, above the words (`_place_picture`).
        self.words = QVBoxLayout()
        self.words.setSpacing(12)
        self.words.addWidget(self.title)
        self.words.addWidget(self.revisit)
        self.words.addWidget(self.body)
        # Right under the words: "There is more below" while there is, or why a tap did nothing
        # (the frame keeps no line under this page: its room is the words').
        self.under = UnderWords(self.body, self.words.spacing())
        self.words.addWidget(self.under)
        self.words.addStretch(1)  # beside a taller picture, the words stay together at the top
        self.pair = QHBoxLayout()
        self.pair.addLayout(self.words, 1)
        self.pair.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignTop)
        self._placed = Place.BESIDE
        self._text_px = 0
        layout.addLayout(self.pair)
        row = QHBoxLayout()
        row.setSpacing(16)
        self.understand = WrapButton("acknowledge", self._acknowledge)
        self.understand.words.setProperty("role", "acknowledge")
        self.understand.words.setAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        WaitingTap(self.understand).tapped.connect(self._acknowledge_waits)
        self.understood = MarkedLine()
        row.addWidget(self.understand, 1)
        row.addWidget(self.understood, 1)
        layout.addLayout(row)
        # Under "I understand this risk", in the room the page has there: why Next waits for it
        # (as wide as the words, at their side: beside a picture, its lines were 79 characters).
        self.refused = label(role="notice")
        self.refused.hide()
        under_row = QHBoxLayout()
        under_row.addWidget(self.refused, 1)
        under_row.addStretch(0)
        layout.addLayout(under_row)
        layout.addStretch(1)
        self._under_row: bool | None = None
        """Whether a word about "I understand this risk" is said under it on these words (room
        there for it), or over it, under the words (decided once, when first said)."""
        self.body.at_end.connect(self._read_to_end)
        self.body.more.connect(self._set_more)
        self._shown: tuple[str, bool, str] | None = None
        """The screen, reread or not, and language the words on the page are for."""

    def bind(self, model: ScreenModel) -> None:
        super().bind(model)
        model.events.changed.connect(self._look_ahead)

    def _look_ahead(self) -> None:
        """Whatever the screen, the next one's picture is drawn once this one is painted."""
        ahead = self.model.view.ahead if self.model is not None else None
        if ahead is not None and ahead != self._ahead:
            self._ahead_timer.start(AHEAD_MS)
        self._ahead = ahead

    def _draw_ahead(self) -> None:
        if self._ahead is not None:
            self.picture.prepare(self._ahead)

    def draw(self, view: View, words: Words) -> None:
        shown = (view.screen_id, view.notice is not None, words.language)
        if shown != self._shown or not self.isVisible():
            # The screen on show drawn again ("I understand this risk") keeps its words and where
            # the patient had scrolled to: only the risk's state below them changes.
            self.body.start_over()  # before the new words come in
            self.under.start_over()
            self._under_row = None
            self.body.limit_width(self.line_px())
            self.title.setText(words.text(view.title or ""))
            self.revisit.setText(words(view.notice) if view.notice else "")
            self.revisit.setVisible(view.notice is not None)
            self._fill([words.text(p) for p in view.paragraphs], view.cards)
            self.picture.show_figure(view.figure)
            self.body.fit_content()  # as tall as the new words
            self._shown = shown
            self.body.check_soon()
        self.under.cue.set_words(
            words("frame.more-below"), self.look.palette.text, self.look.px(28)
        )
        offer = view.offers.get(Action.ACKNOWLEDGE)
        self.understand.setVisible(offer is not None)
        if offer is not None:
            self.understand.set_words(words(offer.label))
            self.understand.setEnabled(offer.enabled)
            colour = self.look.palette.done if offer.enabled else self.look.palette.disabled_text
            px = self.look.px(32)
            self.understand.set_mark(pixmap(Glyph.BOX, colour, px))  # ticked once tapped
        done = view.kind is ScreenKind.RISK and view.acknowledged
        self.understood.setVisible(done)
        if view.kind is ScreenKind.RISK:  # its words known before the tap, for the room they take
            self.understood.set_line(
                words("risk.understood"),
                Tone.DONE,
                Mark.TICK,
                self.look.palette.done,
                self.look.px(32),
            )
        said = view.message if view.message_in_page else None
        self._say(words(said) if said is not None else "", view.said_by is Action.ACKNOWLEDGE)
        if done and said is None and self.under.held:
            # Tapped at last: the words had given their room to "Please tap…" over the button;
            # they take it back (they stayed cut short, a line half shown, over empty room).
            self.under.start_over()
        self._centre()  # the picture and the words' column, for this screen's words

    def _say(self, text: str, by_button: bool) -> None:
        """Why a tap did nothing. About "I understand this risk" (`by_button`: tap it first), under
        it where the page has room for it there, else over it, under the words; about reading
        them, in the place of "There is more below". Said over the button, the words give it their
        room: the button the patient is asked to tap never moves, and no line of the words is left
        cut without "There is more below" (it shows over the message while there is more)."""
        under_row = False
        if by_button and text:
            if self._under_row is None:  # where, decided once for these words
                self._under_row = self._room_under_row(text)
            under_row = self._under_row
        self.refused.setText(text if under_row else "")
        self.refused.setVisible(under_row)
        if text and not under_row and not self.understand.isHidden():
            slack = self.words.itemAt(self.words.count() - 1)  # under the words, beside a picture
            self.under.hold(slack.geometry().height() if slack is not None else 0)
        self.under.say("" if under_row else text, for_cue=not by_button)

    def _room_under_row(self, text: str) -> bool:
        """Whether `text` fits in the room the page leaves empty under "I understand this risk"."""
        layout = self.layout()
        assert layout is not None
        layout.activate()  # the page as it stands, laid out for these words
        stretch = layout.itemAt(layout.count() - 1)
        room = stretch.geometry().height() if stretch is not None else 0
        width = self.body.width()  # the words' (beside a picture, narrower than the row)
        self.refused.setMaximumWidth(width)
        self.refused.setText(text)
        self.refused.ensurePolished()
        return self.refused.heightForWidth(width) + layout.spacing() <= room

    def _centre(self) -> None:
        self._place_picture()
        super()._centre()

    def column_px(self) -> int:
        if self.picture.isHidden() or self._placed is not Place.BESIDE:
            return self.line_px()
        return self._text_px + self.pair.spacing() + self.picture.width()

    def _landscape(self) -> bool:
        return self.width() >= self.height()

    def _place_picture(self) -> None:
        """The picture's size and place, and the words' width, for the room the page has: beside
        the words (landscape) or above them (portrait) where it can be at least SMALLEST tall;
        else after the words, in their scroll, as tall as their room, so that it is on screen
        whole before "I understand this risk" can be tapped (it is in the signed PDF)."""
        line = self.line_px()
        if self.picture.figure is None:
            self.body.limit_width(line)
            return
        gap = self.look.px(32)
        self.pair.setSpacing(gap)
        room = max(1, self.width() - self.look.px(40))
        smallest = self.look.px(SMALLEST)
        words_room = self._picture_height(0, 0)  # the words' own height, the notice's aside
        if self._landscape():
            if words_room >= smallest:  # beside the words, it takes none of their height
                self._put_picture(Place.BESIDE)
                size = self.picture.fit(round(room * PICTURE_WIDTH), words_room)
                self._text_px = min(line, room - size.width() - gap)
                self.body.limit_width(self._text_px)
                return
        else:
            lines = TEXT_LINES * self.body.fontMetrics().lineSpacing()
            tall = min(round(self.height() * PICTURE_HEIGHT), self._picture_height(gap, lines))
            if tall >= smallest:
                self._put_picture(Place.ABOVE)
                self.picture.fit(min(line, room), tall)
                self.body.limit_width(line)
                return
        self._put_picture(Place.SCROLLED)
        tall = min(words_room - self.body.content.spacing(), round(smallest * SCROLLED))
        self.picture.setVisible(tall >= self.look.px(SCROLLED_LEAST))
        self.picture.fit(min(line, room), tall)
        self.body.limit_width(line)
        self.body.fit_content()  # the words and the picture after them: ask for their height

    def _put_picture(self, place: Place) -> None:
        """Move the picture beside the words, above them, or into their scroll after them."""
        if place is self._placed:
            return
        for layout in (self.pair, self.words, self.body.content):
            if layout.indexOf(self.picture) >= 0:
                layout.removeWidget(self.picture)
        if place is Place.BESIDE:
            self.pair.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignTop)
        elif place is Place.ABOVE:
            self.words.insertWidget(2, self.picture, 0, Qt.AlignmentFlag.AlignHCenter)
        else:
            self.body.content.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignHCenter)
        self._placed = place
        if self.picture.figure is not None:
            self.picture.show()  # a widget given a new parent is hidden until shown

    def _picture_height(self, gap: int, lines: int) -> int:
        """The most the picture may be tall: the page's height less the title, the notice, the
        "I understand" row, "There is more below" under the words (as when they scroll), the
        spacing between them, `gap` and `lines` (the words' own room)."""
        layout = self.layout()
        spacing = layout.spacing() if layout is not None else 0
        taken = self.title.heightForWidth(self.line_px()) + spacing
        taken += self.under.cue_room(self.line_px())
        if not self.revisit.isHidden():
            taken += self.revisit.heightForWidth(self.line_px()) + spacing
        if not (self.understand.isHidden() and self.understood.isHidden()):
            # The taller of "I understand this risk" and the line it becomes, whichever shows: the
            # room is the same before the tap and after (the picture moved and shrank with it).
            width = max(self.understand.width(), self.understood.width(), 1)
            taken += max(_tall(self.understand, width), _tall(self.understood, width)) + spacing
        return self.height() - taken - gap - lines

    def _fill(self, paragraphs: Sequence[str], items: Sequence[Card]) -> None:
        """The paragraphs, then a card for each item; rows left over are emptied and hidden."""
        body = self.body
        with body.refilling(len(paragraphs) + len(items)):
            body.refill(self._paragraphs, paragraphs, label, QLabel.setText)
            body.refill(self._cards, items, _card, _fill_card, at=len(self._paragraphs))

    def _acknowledge(self) -> None:
        if self.model is not None:
            self.model.do(Action.ACKNOWLEDGE)

    def _acknowledge_waits(self) -> None:
        if self.model is not None:
            self.model.waited(Action.ACKNOWLEDGE)

    def _read_to_end(self) -> None:
        if self.model is not None and not self.drawing and self.isVisible():
            self.model.read_to_end()

    def forget(self) -> None:
        self._shown = None
        self._ahead = None
        self._ahead_timer.stop()
        self._fill([], [])
        self.picture.show_figure(None)
        for widget in (self.title, self.revisit, self.refused):
            widget.setText("")


def _tall(widget: QWidget, width: int) -> int:
    """A widget's height at `width`, from its words where they wrap."""
    if widget.hasHeightForWidth():
        return widget.heightForWidth(width)
    return widget.sizeHint().height()


def _card() -> QFrame:
    frame, inner = card()
    inner.addWidget(label(role="heading"))
    inner.addWidget(label())
    return frame


def _fill_card(frame: QFrame, item: Card) -> None:
    """The card's heading, then a label for each paragraph (more made as needed; those left over
    emptied and hidden): a paragraph apart from the next by the card's spacing, not a blank line."""
    inner = frame.layout()
    assert inner is not None
    labels = [w for w in frame.findChildren(QLabel) if w.parent() is frame]
    while len(labels) < 1 + len(item.body):
        labels.append(label())
        inner.addWidget(labels[-1])
        refit(labels[-1])  # in the page's text size before it is measured
    labels[0].setText(item.title)
    for n, text in enumerate(labels[1:]):
        shown = n < len(item.body)
        text.setText(item.body[n] if shown else "")
        text.setVisible(shown)
