"""The reading screens: about the procedure, each step, each risk, the options and the precautions."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout

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
        self._cards: list[QFrame] = []
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
        body = self.body
        with body.refilling(len(paragraphs) + len(items)):
            body.refill(self._paragraphs, paragraphs, label, QLabel.setText)
            body.refill(self._cards, items, _card, _fill_card, at=len(self._paragraphs))

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


def _card() -> QFrame:
    frame, inner = card()
    inner.addWidget(label(role="heading"))
    inner.addWidget(label())
    return frame


def _fill_card(frame: QFrame, item: Item) -> None:
    heading, text = frame.findChildren(QLabel)
    heading.setText(item.title)
    text.setText(item.body)
