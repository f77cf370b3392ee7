"""Check your understanding: one question, its choices as large buttons, and a kind word after answering."""

from __future__ import annotations

from functools import partial

from PySide6.QtWidgets import QPushButton, QVBoxLayout

from kiosk.session import Briefing
from kiosk.ui.pages.base import Page, Reading, button, label

RIGHT = "✓  That's right."
AGAIN = "Please try this question again."


class QuestionPage(Page):
    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        self.kind = label(role="muted")
        self.prompt = label(role="title")
        self.choices = Reading()
        self.feedback = label()
        layout.addWidget(self.kind)
        layout.addWidget(self.prompt)
        layout.addWidget(self.choices, 1)
        layout.addWidget(self.feedback)
        self._briefing: Briefing | None = None
        self.buttons: dict[str, QPushButton] = {}

    def show_briefing(self, briefing: Briefing) -> None:
        self._briefing = briefing
        question = briefing.form.question(briefing.current.id)
        ids = [q.id for q in briefing.form.questions]
        self.kind.setText(
            f"Check your understanding: question {ids.index(question.id) + 1} of {len(ids)}"
        )
        self.prompt.setText(question.prompt)
        answers = briefing.answers_to(question.id)
        last = answers[-1] if answers else None
        settled = last is not None and (last.correct or last.attempt >= 2)
        self.choices.clear()
        self.buttons = {}
        for choice in question.choices:
            b = button(choice.text, "choice", partial(self._answer, choice.id))
            b.setProperty("picked", "true" if last and last.choice_id == choice.id else "false")
            self.buttons[choice.id] = b
            self.choices.add(b)
        self.choices.finish()
        if last is None:
            self.feedback.setText("")
            self.feedback.setProperty("role", "")
        elif last.correct:
            self.feedback.setText(RIGHT)
            self.feedback.setProperty("role", "done")
        elif not settled:
            self.feedback.setText(AGAIN)
            self.feedback.setProperty("role", "notice")
        else:
            right = question.choice(question.answer).text
            self.feedback.setText(f"The answer is: {right}")
            self.feedback.setProperty("role", "notice")
        self.feedback.style().unpolish(self.feedback)
        self.feedback.style().polish(self.feedback)

    def _answer(self, choice_id: str) -> None:
        briefing = self._briefing
        if briefing is not None and self.attempt(lambda: briefing.answer_question(choice_id)):
            self.changed.emit()

    def forget(self) -> None:
        self._briefing = None
        self.choices.clear()
        self.buttons = {}
        for widget in (self.kind, self.prompt, self.feedback):
            widget.setText("")
