"""The reading screens: about the procedure, each step, each risk, the options and the precautions."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager, nullcontext
from itertools import zip_longest

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.content.schema import Item, Section
from kiosk.session import Briefing, ScreenKind
from kiosk.ui.pages.base import Page, Reading, button, card, label

KIND_NAMES = {
    ScreenKind.ABOUT: "About the procedure",
    ScreenKind.STEP: "Step {n} of {total}",
    ScreenKind.RISK: "Risk {n} of {total}",
    ScreenKind.OPTIONS: "If the procedure does not help",
    ScreenKind.PRECAUTIONS: "After the procedure",
}
REVISIT = "Let's look at this again. When you are ready, tap Next to go back to the question."
UNDERSTAND = "I understand this risk"
UNDERSTOOD = "✓  You have said you understand this risk."


class ReadingPage(Page):
    """Title and plain paragraphs; list screens add their items; risk screens add “I understand this risk”.

    The paragraphs and the items' cards are kept from screen to screen and given the next screen's
    words (hidden when it has fewer): a new label costs its making, its styling and its deletion,
    on every Next, where a kept one costs only its words.
    """

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        self.kind = label(role="muted")
        self.title = label(role="title")
        self.revisit = label(REVISIT, role="notice")
        self.body = Reading()
        self.body.finish()  # the rows go in above this stretch
        self._paragraphs: list[QLabel] = []
        self._cards: list[tuple[QFrame, QLabel, QLabel]] = []
        layout.addWidget(self.kind)
        layout.addWidget(self.title)
        layout.addWidget(self.revisit)
        layout.addWidget(self.body, 1)
        row = QHBoxLayout()
        self.understand = button(UNDERSTAND, "primary", self._acknowledge)
        self.understood = label(UNDERSTOOD, role="done")
        row.addWidget(self.understand)
        row.addWidget(self.understood, 1)
        layout.addLayout(row)
        self._briefing: Briefing | None = None
        self._shown: tuple[str, str, bool] | None = None
        """The briefing, screen and revisit the words on the page are for."""

    def show_briefing(self, briefing: Briefing) -> None:
        self._briefing = briefing
        screen = briefing.current
        shown = (briefing.briefing_id, screen.id, briefing.revisiting)
        if shown != self._shown or not self.isVisible():
            # The screen on show drawn again ("I understand this risk") keeps its words and where
            # the patient had scrolled to: only the risk's state below them changes.
            content = briefing.form.screen(screen.id)
            self.kind.setText(_kind_name(briefing, screen.kind, screen.id))
            self.title.setText(content.title)
            self.revisit.setVisible(briefing.revisiting)
            if isinstance(content, Section):
                paragraphs, items = content.paragraphs(), []
            else:
                paragraphs, items = [content.intro], content.items
            self._fill(paragraphs, items)
            self.body.verticalScrollBar().setValue(0)
            self._shown = shown
        is_risk = screen.kind is ScreenKind.RISK and not briefing.revisiting
        done = screen.id in briefing.acknowledgements
        self.understand.setVisible(is_risk and not done)
        self.understood.setVisible(screen.kind is ScreenKind.RISK and done)

    def _fill(self, paragraphs: Sequence[str], items: Sequence[Item]) -> None:
        """The paragraphs, then a card for each item; rows left over are emptied and hidden."""
        showing = sum(not w.isHidden() for w in self._paragraphs) + sum(
            not frame.isHidden() for frame, _, _ in self._cards
        )
        # Rows to show, beyond those showing already: each would lay out the column and ask the
        # display server where the pointer is; hiding the column around them does that once.
        appearing = len(paragraphs) + len(items) - showing
        with hidden_while_built(self.body.column) if appearing > 1 else nullcontext():
            rows = self.body.content
            while len(self._paragraphs) < len(paragraphs):
                paragraph = label()
                rows.insertWidget(len(self._paragraphs), paragraph)
                self._paragraphs.append(paragraph)
            while len(self._cards) < len(items):
                frame, inner = card()
                heading, text = label(role="heading"), label()
                inner.addWidget(heading)
                inner.addWidget(text)
                rows.insertWidget(len(self._paragraphs) + len(self._cards), frame)
                self._cards.append((frame, heading, text))
            for paragraph, words in zip_longest(self._paragraphs, paragraphs):
                paragraph.setText(words or "")
                paragraph.setVisible(words is not None)
            for n, (frame, heading, text) in enumerate(self._cards):
                item = items[n] if n < len(items) else None
                heading.setText(item.title if item else "")
                text.setText(item.body if item else "")
                frame.setVisible(item is not None)

    def _acknowledge(self) -> None:
        briefing = self._briefing
        if briefing is not None and self.attempt(briefing.acknowledge_risk):
            self.problem.emit("")  # a retry that worked: the earlier "could not be saved" goes
            self.changed.emit()

    def forget(self) -> None:
        self._briefing = None
        self._shown = None
        self._fill([], [])
        for widget in (self.kind, self.title):
            widget.setText("")


def _kind_name(briefing: Briefing, kind: ScreenKind, screen_id: str) -> str:
    form = briefing.form
    if kind is ScreenKind.STEP:
        ids = [s.id for s in form.steps]
        return KIND_NAMES[kind].format(n=ids.index(screen_id) + 1, total=len(ids))
    if kind is ScreenKind.RISK:
        ids = [r.id for r in form.risks]
        return KIND_NAMES[kind].format(n=ids.index(screen_id) + 1, total=len(ids))
    return KIND_NAMES[kind]


@contextmanager
def hidden_while_built(column: QWidget) -> Iterator[None]:
    """Hide a column of content that is on screen while widgets are shown in it, and show it after.

    Each widget shown into a visible window has Qt lay out its parents there and then, and ask the
    display server where the pointer is (a round trip, which waits for the server to finish drawing
    the last frame). Hidden, the column is laid out once, when it is shown again, and painted at
    the next turn of the event loop as before. A column not on screen (its page is not the current
    one) is left as it is: showing widgets in it costs nothing yet.
    """
    shown = column.isVisible()
    if shown:
        column.hide()
    try:
        yield
    finally:
        if shown:
            column.show()
