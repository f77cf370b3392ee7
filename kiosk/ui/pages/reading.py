"""The reading screens: about the procedure, each step, each risk, the options and the precautions."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout

from kiosk.i18n import Words
from kiosk.session.kinds import ScreenKind
from kiosk.session.view import Action, Card, Mark, Tone, View
from kiosk.ui.icons import Glyph, icon
from kiosk.ui.pages.base import Page, Reading, button, card, label
from kiosk.ui.pages.parts import MarkedLine


class ReadingPage(Page):
    """Title and plain paragraphs; list screens add their items; risk screens add “I understand this
    risk”, which can be tapped once the whole text has been on screen.

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
        self.body = Reading(hug=True)
        self.body.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._paragraphs: list[QLabel] = []
        self._cards: list[QFrame] = []
        layout.addWidget(self.title)
        layout.addWidget(self.revisit)
        layout.addWidget(self.body)
        row = QHBoxLayout()
        row.setSpacing(16)
        self.understand = button("", "acknowledge", self._acknowledge)
        self.understood = MarkedLine()
        row.addWidget(self.understand, 1)
        row.addWidget(self.understood, 1)
        layout.addLayout(row)
        layout.addStretch(1)
        self.body.at_end.connect(self._read_to_end)
        self.body.more.connect(self._set_more)
        self._shown: tuple[str, bool, str] | None = None
        """The screen, reread or not, and language the words on the page are for."""

    def draw(self, view: View, words: Words) -> None:
        shown = (view.screen_id, view.notice is not None, words.language)
        if shown != self._shown or not self.isVisible():
            # The screen on show drawn again ("I understand this risk") keeps its words and where
            # the patient had scrolled to: only the risk's state below them changes.
            self.body.limit_width(self.line_px())
            self.title.setText(words.text(view.title or ""))
            self.revisit.setText(words(view.notice) if view.notice else "")
            self.revisit.setVisible(view.notice is not None)
            self._fill([words.text(p) for p in view.paragraphs], view.cards)
            self.body.verticalScrollBar().setValue(0)
            self.body.fit_content()  # as tall as the new words
            self._shown = shown
            self.body.check_soon()
        offer = view.offers.get(Action.ACKNOWLEDGE)
        self.understand.setVisible(offer is not None)
        if offer is not None:
            self.understand.setText(words(offer.label))
            self.understand.setEnabled(offer.enabled)
            colour = self.look.palette.done if offer.enabled else self.look.palette.disabled_text
            px = self.look.px(32)
            self.understand.setIcon(icon(Glyph.TICK, colour, px))
            self.understand.setIconSize(QSize(px, px))
        done = view.kind is ScreenKind.RISK and view.acknowledged
        self.understood.setVisible(done)
        if done:
            self.understood.set_line(
                words("risk.understood"),
                Tone.DONE,
                Mark.TICK,
                self.look.palette.done,
                self.look.px(32),
            )

    def _fill(self, paragraphs: Sequence[str], items: Sequence[Card]) -> None:
        """The paragraphs, then a card for each item; rows left over are emptied and hidden."""
        body = self.body
        with body.refilling(len(paragraphs) + len(items)):
            body.refill(self._paragraphs, paragraphs, label, QLabel.setText)
            body.refill(self._cards, items, _card, _fill_card, at=len(self._paragraphs))

    def _acknowledge(self) -> None:
        if self.model is not None:
            self.model.do(Action.ACKNOWLEDGE)

    def _read_to_end(self) -> None:
        if self.model is not None and self.isVisible():
            self.model.read_to_end()

    def forget(self) -> None:
        self._shown = None
        self._fill([], [])
        for widget in (self.title, self.revisit):
            widget.setText("")


def _card() -> QFrame:
    frame, inner = card()
    inner.addWidget(label(role="heading"))
    inner.addWidget(label())
    return frame


def _fill_card(frame: QFrame, item: Card) -> None:
    heading, text = frame.findChildren(QLabel)
    heading.setText(item.title)
    text.setText(item.body)
