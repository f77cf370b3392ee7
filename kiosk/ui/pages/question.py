"""Check your understanding: one question, its choices as large buttons, and a kind word after answering."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from PySide6.QtWidgets import QPushButton, QVBoxLayout

from kiosk.session import Briefing
from kiosk.ui.pages.base import Page, Reading, button, label
from kiosk.ui.widgets.keypad import set_flag

RIGHT = "✓  That's right."
AGAIN = "Please try this question again."


class QuestionPage(Page):
    """The prompt, a large button for each choice, and a word on the answer given.

    The choice buttons are kept from question to question and given the next one's words (hidden
    when it has fewer): a new button costs its making, its styling and its deletion, where a kept
    one costs only its words, and an answer restyles only the buttons whose "picked" changed.
    """

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        self.kind = label(role="muted")
        self.prompt = label(role="title")
        self.choices = Reading()
        self.choices.finish()  # the buttons go in above this stretch
        self.feedback = label()
        layout.addWidget(self.kind)
        layout.addWidget(self.prompt)
        layout.addWidget(self.choices, 1)
        layout.addWidget(self.feedback)
        self._briefing: Briefing | None = None
        self.buttons: dict[str, QPushButton] = {}
        """The buttons on show, by the id of their choice."""
        self._pool: list[QPushButton] = []
        self._ids: list[str] = []
        """The choice each button of the pool stands for, in order."""
        self._shown: tuple[str, str] | None = None
        """The briefing and question the prompt and choices on the page are for."""

    def show_briefing(self, briefing: Briefing) -> None:
        self._briefing = briefing
        question = briefing.form.question(briefing.current.id)
        answers = briefing.answers_to(question.id)
        last = answers[-1] if answers else None
        settled = last is not None and (last.correct or last.attempt >= 2)
        ids = [q.id for q in briefing.form.questions]
        self.kind.setText(
            f"Check your understanding: question {ids.index(question.id) + 1} of {len(ids)}"
        )
        self.prompt.setText(question.prompt)
        self._fill([(c.id, c.text) for c in question.choices], last.choice_id if last else None)
        shown = (briefing.briefing_id, question.id)
        if shown != self._shown or not self.isVisible():
            # A new question starts at the top; an answer leaves the patient where they were.
            self.choices.verticalScrollBar().setValue(0)
            self._shown = shown
        if last is None:
            self.feedback.setText("")
            set_flag(self.feedback, "role", "")
        elif last.correct:
            self.feedback.setText(RIGHT)
            set_flag(self.feedback, "role", "done")
        elif not settled:
            self.feedback.setText(AGAIN)
            set_flag(self.feedback, "role", "notice")
        else:
            right = question.choice(question.answer).text
            self.feedback.setText(f"The answer is: {right}")
            set_flag(self.feedback, "role", "notice")

    def _fill(self, choices: Sequence[tuple[str, str]], picked: str | None) -> None:
        """A button for each (id, words) choice, the picked one marked; the rest emptied, hidden."""

        def fill(b: QPushButton, choice: tuple[str, str]) -> None:
            choice_id, words = choice
            b.setText(words)
            set_flag(b, "picked", "true" if choice_id == picked else "false")

        with self.choices.refilling(len(choices)):
            self.choices.refill(self._pool, choices, self._choice_button, fill)
        self._ids = [choice_id for choice_id, _ in choices]
        self.buttons = dict(zip(self._ids, self._pool, strict=False))

    def _choice_button(self) -> QPushButton:
        b = button("", "choice", partial(self._tapped, len(self._pool)))
        b.setProperty("picked", "false")
        return b

    def _tapped(self, n: int) -> None:
        if n < len(self._ids):
            self._answer(self._ids[n])

    def _answer(self, choice_id: str) -> None:
        briefing = self._briefing
        if briefing is not None and self.attempt(lambda: briefing.answer_question(choice_id)):
            self.changed.emit()

    def forget(self) -> None:
        self._briefing = None
        self._shown = None
        self._fill([], None)
        for widget in (self.kind, self.prompt, self.feedback):
            widget.setText("")
