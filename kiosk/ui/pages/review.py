"""Review: every risk and whether it was acknowledged, and the questions flagged for the surgeon."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout

from kiosk.i18n import Words
from kiosk.session.kinds import ScreenKind
from kiosk.session.view import Line, View
from kiosk.ui.pages.base import Page, Reading, label
from kiosk.ui.pages.parts import MarkedLine


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
        self.body.more.connect(self._set_more)
        self._lines: list[MarkedLine] = []
        self._paragraphs: list[QLabel] = []

    def draw(self, view: View, words: Words) -> None:
        self.title.setText(words.text(view.title or ""))
        body = self.body
        body.limit_width(self.line_px())
        px = self.look.px(30)

        def fill_line(row: MarkedLine, line: Line) -> None:
            row.set_line(words.text(line.text), line.tone, line.mark, self.colour(line.tone), px)

        # The rows are kept from briefing to briefing: each costs only its words, not its making.
        paragraphs = [words.text(p) for p in view.paragraphs]
        with body.refilling(len(view.lines) + len(paragraphs)):
            body.refill(self._lines, view.lines, MarkedLine, fill_line)
            body.refill(self._paragraphs, paragraphs, label, QLabel.setText, at=len(self._lines))
        body.verticalScrollBar().setValue(0)
        body.fit_content()
        body.check_soon()

    def forget(self) -> None:
        self.body.refill(self._lines, [], MarkedLine, lambda _row, _line: None)
        self.body.refill(self._paragraphs, [], label, QLabel.setText, at=len(self._lines))
        self.title.setText("")
