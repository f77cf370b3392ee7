"""From Review, one tap to see a risk or a flagged question again, and one tap back: the flow and
the screen model, without Qt."""

from __future__ import annotations

import pytest

from kiosk.content import Form
from kiosk.i18n import Msg, words_for
from kiosk.session import Briefing, FlowError, Patient, ScreenKind
from kiosk.session import events as ev
from kiosk.session.review_model import see_again
from kiosk.session.review_views import Row
from kiosk.session.screen import ScreenModel
from kiosk.session.view import Action, Mark, View
from tests.session.drive import DOB, SIGNATURE, make_model, step, to_kind
from tests.session.fakes import FakeClock, RecordingSink

EN = words_for("en")


@pytest.fixture
def sink() -> RecordingSink:
    return RecordingSink()


@pytest.fixture
def model(clock: FakeClock) -> ScreenModel:
    return make_model(clock)


@pytest.fixture
def b(form: Form, sink: RecordingSink, clock: FakeClock, model: ScreenModel) -> Briefing:
    """A briefing walked to Review, its first risk flagged on the way."""
    briefing = Briefing(form, "b-1", sink, clock, patient=Patient("Ana Ruiz", DOB))
    model.begin(briefing)
    first = form.risks[0].id
    for _ in range(100):
        if model.view.kind is ScreenKind.REVIEW:
            break
        if model.view.screen_id == first and not briefing.is_flagged(first):
            model.do(Action.FLAG)
        step(model)
    assert model.view.kind is ScreenKind.REVIEW
    return briefing


def primary_words(view: View) -> str:
    assert view.primary is not None
    return EN(view.primary[1].label)


def rows(view: View) -> list[Row]:
    return [line for line in view.lines if isinstance(line, Row)]


def test_every_risk_and_every_flagged_question_is_a_row_to_tap(
    model: ScreenModel, b: Briefing
) -> None:
    view = model.view
    risks = [r.id for r in b.form.risks]
    assert [r.screen_id for r in rows(view)] == [*risks, risks[0]] == b.reviewed
    headings = [line for line in view.lines if not isinstance(line, Row)]
    assert [EN(h.text) for h in headings] == [
        "You said you understand each risk:",
        "Your questions for the surgeon:",
    ]


def test_a_risk_tapped_on_review_shows_and_back_to_the_summary_returns(
    model: ScreenModel, b: Briefing, sink: RecordingSink, clock: FakeClock
) -> None:
    risk = b.form.risks[1]
    before = len(sink.events)
    visits = {t.screen_id: t.visits for t in b.screen_times()}
    see_again(model, risk.id)
    view = model.view
    assert (view.kind, view.screen_id) == (ScreenKind.RISK, risk.id)
    assert primary_words(view) == "Back to the summary"
    assert view.notice is None  # not "let's look at this again" (that is after a wrong answer)
    assert view.heading == Msg("reading.risk", {"n": 2, "total": len(b.form.risks)})
    # Its main action is the way back: no Back beside it doing the same (one button too many).
    assert view.acknowledged and Action.BACK not in view.offers
    clock.advance(30)
    model.do(Action.NEXT)
    assert model.view.kind is ScreenKind.REVIEW
    assert len(sink.events) == before  # moving about stores nothing; the time on it is kept
    times = {t.screen_id: t for t in b.screen_times()}
    assert times[risk.id].visits == visits[risk.id] + 1
    assert times["review"].visits == visits["review"] + 1


def test_a_crossed_risk_can_be_acknowledged_from_review_and_is_ticked_there(
    model: ScreenModel, b: Briefing, sink: RecordingSink
) -> None:
    risk = b.form.risks[0]
    del b.acknowledgements[risk.id]  # (the risk screens make this impossible: Review guards it)
    del b.read_whole[risk.id]
    model.do(Action.NEXT)
    assert model.view.kind is ScreenKind.REVIEW  # not signed with a risk outstanding
    crossed = rows(model.view)[0]
    assert (crossed.screen_id, crossed.mark) == (risk.id, Mark.CROSS)
    see_again(model, risk.id)
    view = model.view
    assert view.screen_id == risk.id and view.must_read_to_end and not view.acknowledged
    assert view.offers[Action.ACKNOWLEDGE].enabled is False  # read it to its end first, as ever
    model.read_to_end()
    model.do(Action.ACKNOWLEDGE)
    stored = [e for e in sink.events if isinstance(e, ev.RiskAcknowledged)]
    assert stored[-1].risk_id == risk.id
    assert model.view.acknowledged
    assert primary_words(model.view) == "Back to the summary"
    model.do(Action.NEXT)
    ticked = rows(model.view)[0]
    assert (model.view.kind, ticked.mark) == (ScreenKind.REVIEW, Mark.TICK)
    model.do(Action.NEXT)
    assert model.view.kind is ScreenKind.SIGN


def test_a_crossed_risk_left_unacknowledged_still_returns_and_stays_crossed(
    model: ScreenModel, b: Briefing
) -> None:
    risk = b.form.risks[0]
    del b.acknowledgements[risk.id]
    see_again(model, risk.id)
    assert not model.view.acknowledged
    model.do(Action.NEXT)  # "Back to the summary" never waits
    assert model.view.kind is ScreenKind.REVIEW
    assert rows(model.view)[0].mark is Mark.CROSS


def test_a_flagged_question_seen_again_is_answered_there_without_a_detour(
    form: Form, sink: RecordingSink, clock: FakeClock, model: ScreenModel
) -> None:
    briefing = Briefing(form, "b-2", sink, clock, patient=Patient("Ana Ruiz", DOB))
    model.begin(briefing)
    to_kind(model, ScreenKind.QUESTION)
    question = form.question(model.view.screen_id)
    model.do(Action.FLAG)
    to_kind(model, ScreenKind.REVIEW)
    see_again(model, question.id)
    assert (model.view.kind, model.view.screen_id) == (ScreenKind.QUESTION, question.id)
    assert primary_words(model.view) == "Back to the summary"
    wrong = next(c.id for c in question.choices if c.id != question.answer)
    model.answer(wrong)  # recorded as any answer; no screen to read again from here
    answered = [e for e in sink.events if isinstance(e, ev.QuestionAnswered)][-1]
    assert (answered.choice_id, answered.revisit_screen_id) == (wrong, None)
    assert model.view.screen_id == question.id
    model.do(Action.NEXT)
    assert model.view.kind is ScreenKind.REVIEW


def test_only_reviews_rows_are_shown_again_and_only_from_review(
    model: ScreenModel, b: Briefing, sink: RecordingSink
) -> None:
    before = len(sink.events)
    with pytest.raises(FlowError, match="not on the review"):
        b.see_again(b.form.steps[0].id)  # a step was not flagged: no row for it
    see_again(model, b.form.risks[0].id)
    with pytest.raises(FlowError, match="not on a review screen"):
        b.see_again(b.form.risks[1].id)
    see_again(model, b.form.risks[1].id)  # the model: a tap off Review does nothing
    assert model.view.screen_id == b.form.risks[0].id
    assert len(sink.events) == before


def test_what_is_signed_counts_the_screens_seen_from_review(
    model: ScreenModel, b: Briefing, sink: RecordingSink
) -> None:
    risk = b.form.risks[1].id
    see_again(model, risk)
    model.do(Action.NEXT)
    model.do(Action.NEXT)
    model.read_to_end()
    model.sign(SIGNATURE)
    signed = next(e for e in sink.events if isinstance(e, ev.Signed))
    times = {t.screen_id: t.visits for t in signed.screen_times}
    assert times[risk] == 2 and times["review"] == 2
    assert [s.screen_id for s in signed.screens_shown].count(risk) == 1  # shown in one language
