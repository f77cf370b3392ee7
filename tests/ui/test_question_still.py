"""A question holds still: what is said under its choices, a wrong answer read again, the answer
named, never moves a choice or changes the question's size.

A reviewer, at 1280x800 with Larger text under practice mode's PRACTICE banner, saw the question
drop from the title's size to a heading's when "Please try this question again" came (the
choices moved up about 30 px), and the choices below the right answer jump when it was marked
(its words turned bold and took a line more)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot

from kiosk.session import ScreenKind
from kiosk.ui.window import KioskWindow
from tests.ui.drive import begin, forward, next_, pick, tap


@pytest.fixture
def practice_banner() -> bool:
    return True


def _looks(window: KioskWindow) -> tuple[object, list[tuple[int, int]]]:
    """The question's role (its size) and each choice's top and height on the window."""
    page = window.question
    shown = [b for b in page.buttons.values() if not b.isHidden()]
    return page.prompt.property("role"), [
        (b.mapTo(window, b.rect().topLeft()).y(), b.height()) for b in shown
    ]


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_question_holds_still_through_its_answers(
    qtbot: QtBot, window: KioskWindow, prepared: str, language: str
) -> None:
    assert window.model is not None
    window.show_at(QSize(1280, 800))
    window.model.set_home_language(language)
    tap(qtbot, window.top.larger_button)
    begin(qtbot, window, "03141951")
    b = window.briefing
    assert b is not None
    roles = set()
    questions = 0
    while b.current.kind is not ScreenKind.SIGN:
        if b.current.kind is not ScreenKind.QUESTION:
            forward(qtbot, window)
            continue
        question = b.form.question(b.current.id)
        wrong = [c.id for c in question.choices if c.id != question.answer]
        qtbot.waitUntil(window.question.isVisible)
        first = _looks(window)
        roles.add(first[0])
        seen = {}
        if questions % 2 == 0:  # wrong twice: asked again after the risk is read again, then named
            for n, choice in enumerate((wrong[0], wrong[-1])):
                pick(qtbot, window, choice)
                while b.current.id != question.id:
                    forward(qtbot, window)
                qtbot.waitUntil(window.question.feedback.isVisible)
                seen[f"wrong {n + 1}"] = _looks(window)
        else:  # Next before an answer, then the right one
            next_(qtbot, window)
            qtbot.waitUntil(window.question.feedback.isVisible)
            seen["next before an answer"] = _looks(window)
            pick(qtbot, window, question.answer)
            seen["right"] = _looks(window)
        for when, looks in seen.items():
            assert looks == first, f"{question.id}: {when}: {looks} (first shown: {first})"
        questions += 1
        next_(qtbot, window)
    assert questions == 5
    assert "title" in roles  # the question is in the title's size where it fits
