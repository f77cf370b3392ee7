"""Review: every risk and whether it was acknowledged, and the questions flagged for the surgeon."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from kiosk.i18n import Words
from kiosk.session.kinds import ScreenKind
from kiosk.session.view import View
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

    def draw(self, view: View, words: Words) -> None:
        self.title.setText(words.text(view.title or ""))
        body = self.body
        body.limit_width(self.line_px())
        body.clear()
        for line in view.lines:
            row = MarkedLine()
            row.set_line(
                words.text(line.text),
                line.tone,
                line.mark,
                self.colour(line.tone),
                self.look.px(30),
            )
            body.add(row)
        for paragraph in view.paragraphs:
            body.add(label(words.text(paragraph)))
        body.finish()
        body.check_soon()

    def forget(self) -> None:
        self.body.clear()
        self.title.setText("")
