"""The reading screens: about the procedure, each step, each risk, the options and the precautions."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout

from kiosk.content.schema import ItemList, Section
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
    """Title and plain paragraphs; list screens add their items; risk screens add “I understand this risk”."""

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        self.kind = label(role="muted")
        self.title = label(role="title")
        self.revisit = label(REVISIT, role="notice")
        self.body = Reading()
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

    def show_briefing(self, briefing: Briefing) -> None:
        self._briefing = briefing
        screen = briefing.current
        content = briefing.form.screen(screen.id)
        self.kind.setText(_kind_name(briefing, screen.kind, screen.id))
        self.title.setText(content.title)
        self.revisit.setVisible(briefing.revisiting)
        self.body.clear()
        if isinstance(content, Section):
            for paragraph in content.paragraphs():
                self.body.add(label(paragraph))
        else:
            self._items(content)
        self.body.finish()
        is_risk = screen.kind is ScreenKind.RISK and not briefing.revisiting
        done = screen.id in briefing.acknowledgements
        self.understand.setVisible(is_risk and not done)
        self.understood.setVisible(screen.kind is ScreenKind.RISK and done)

    def _items(self, content: ItemList) -> None:
        self.body.add(label(content.intro))
        for item in content.items:
            frame, inner = card()
            inner.addWidget(label(item.title, "heading"))
            inner.addWidget(label(item.body))
            self.body.add(frame)

    def _acknowledge(self) -> None:
        briefing = self._briefing
        if briefing is not None and self.attempt(briefing.acknowledge_risk):
            self.problem.emit("")  # a retry that worked: the earlier "could not be saved" goes
            self.changed.emit()

    def forget(self) -> None:
        self._briefing = None
        self.body.clear()
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
