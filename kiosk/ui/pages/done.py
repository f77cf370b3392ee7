"""Done: the briefing is saved; what happens next; then back to Welcome on its own."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout

from kiosk.i18n import Words
from kiosk.session.kinds import ScreenKind
from kiosk.session.view import Action, Copy, Filing, Mark, Tone, View
from kiosk.ui.pages.base import Page, Reading, button, label
from kiosk.ui.pages.parts import MarkedLine, ScrollCue

FILING = {Filing.MAKING: "done.filing", Filing.MADE: "done.filed", Filing.PENDING: "done.saved"}
COPY = {
    Copy.PRINTING: ("done.printing", Tone.PLAIN, None),
    Copy.PRINTED: ("done.printed", Tone.DONE, Mark.TICK),
    Copy.FAILED: ("done.print-failed", Tone.NOTICE, None),
}
"""What the done screen says of the patient's copy once they asked for it."""


class DonePage(Page):
    kinds = frozenset({ScreenKind.DONE})
    centre_column = True

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        self.title = label(role="title")
        layout.addWidget(self.title)
        self.body = Reading()
        layout.addWidget(self.body, 1)
        self.cue = ScrollCue()
        layout.addWidget(self.cue)
        self.cue.follow(self.body)
        # The last seconds before the screen goes back to Welcome, said (it had gone without a
        # word): under the words, in the room they leave (over them, it pushed every line down a
        # line as the patient read it); the words, "saved" and Finish stay where they are.
        self.returning = label(role="muted")
        self.returning.hide()
        layout.addWidget(self.returning)
        self.pdf = MarkedLine()
        layout.addWidget(self.pdf)
        self.staff = label(role="notice")
        self.staff.hide()
        layout.addWidget(self.staff)
        self.copy = MarkedLine()
        self.copy.hide()
        layout.addWidget(self.copy)
        self.print_button = button("", None, self._print)
        self.print_button.hide()
        layout.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignHCenter)
        self.finish = button("", "primary", self._finish)
        layout.addWidget(self.finish, 0, Qt.AlignmentFlag.AlignHCenter)
        self._shown: str | None = None

    def draw(self, view: View, words: Words) -> None:
        self.title.setText(words.text(view.title or ""))
        if self._shown != words.language or not self.body.content.count():
            self.body.limit_width(self.line_px())
            self.body.clear()
            for paragraph in view.paragraphs:
                self.body.add(label(words.text(paragraph)))
            self.body.finish()
            self.body.check_soon()
            self.cue.set_words(words("frame.more-below"), self.look.palette.text, self.look.px(28))
            self._shown = words.language
        filing = view.filing or Filing.MAKING
        made = filing is not Filing.MAKING
        tone = Tone.DONE if made else Tone.PLAIN
        self.pdf.set_line(
            words(FILING[filing]),
            tone,
            Mark.TICK if made else None,
            self.colour(tone),
            self.look.px(32),
        )
        self.staff.setText(words(view.staff_note) if view.staff_note else "")
        self.staff.setVisible(view.staff_note is not None)
        if view.primary is not None:
            self.finish.setText(words(view.primary[1].label))
        self._draw_copy(view, words)
        left = view.done_left
        if left is not None:
            self.returning.setText(words("done.returning", count=left))
        self.returning.setVisible(left is not None)

    def _draw_copy(self, view: View, words: Words) -> None:
        """“Print my copy” while it is offered, and what became of it once asked for."""
        offer = view.offer(Action.PRINT_COPY)
        self.print_button.setVisible(offer is not None)
        if offer is not None:
            self.print_button.setText(words(offer.label))
            self.print_button.setEnabled(offer.enabled)
        said = COPY.get(view.copy) if view.copy is not None else None
        self.copy.setVisible(said is not None)
        if said is not None:
            text, tone, mark = said
            self.copy.set_line(words(text), tone, mark, self.colour(tone), self.look.px(28))

    def _print(self) -> None:
        if self.model is not None:
            self.model.do(Action.PRINT_COPY)

    def _finish(self) -> None:
        if self.model is not None:
            self.model.do(Action.FINISH)

    def forget(self) -> None:
        self._shown = None
        self.body.clear()
        self.title.setText("")
        self.pdf.set_line("", Tone.PLAIN, None, "", 1)
        self.staff.setText("")
        self.staff.hide()
        self.copy.set_line("", Tone.PLAIN, None, "", 1)
        self.copy.hide()
        self.print_button.hide()
        self.returning.hide()
