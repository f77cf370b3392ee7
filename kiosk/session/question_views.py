"""The `View` of a question ("Check your understanding"): its choices as the answers given leave
them, and every word it may say under them. A pure function of the briefing, no Qt."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.i18n import msg
from kiosk.session.kinds import ScreenKind
from kiosk.session.state import Blocker
from kiosk.session.view import NEXT, Action, Choice, Line, Mark, Tone, View

if TYPE_CHECKING:
    from kiosk.session.flow import Briefing


def question_view(b: Briefing) -> View:
    """A question, its choices as the answers given leave them, and the word on the last answer."""
    question = b.form.question(b.current.id)
    answers = b.answers_to(question.id)
    last = answers[-1] if answers else None
    settled = last is not None and (last.correct or last.attempt >= 2)
    asked_again = last is not None and not settled
    shown_right = settled and last is not None and not last.correct
    choices = tuple(
        # A wrong answer is never left looking chosen: asked again, or settled (the right one is
        # marked then, as the feedback line names it).
        Choice(
            c.id,
            c.text,
            picked=last is not None and last.correct and c.id == last.choice_id,
            answer=shown_right and c.id == question.answer,
            missed=shown_right and last is not None and c.id == last.choice_id,
        )
        for c in question.choices
    )
    right, again, answer_is, _ = may_say = (
        Line(msg("question.right"), Tone.DONE, Mark.TICK),
        Line(msg("question.again"), Tone.NOTICE),
        Line(msg("question.answer-is", answer=question.choice(question.answer).text), Tone.NOTICE),
        Line(msg(Blocker.QUESTION_NOT_ANSWERED.value), Tone.NOTICE),  # Next before an answer
    )
    if last is None:
        feedback = None
    elif last.correct:
        feedback = right
    elif asked_again:
        feedback = again
    else:
        feedback = answer_is
    ids = [q.id for q in b.form.questions]
    return View(
        kind=ScreenKind.QUESTION,
        screen_id=question.id,
        heading=msg("question.heading", n=ids.index(question.id) + 1, total=len(ids)),
        title=question.prompt,
        choices=choices,
        feedback=feedback,
        may_say=may_say,
        primary=(Action.NEXT, NEXT),
    )
