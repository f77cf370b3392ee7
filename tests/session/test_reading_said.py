"""A reading screen says why a tap did nothing right under its words, where "There is more below"
stands: the frame keeps no line for it under the page (at 1920x1080 with Larger text, that line
took 146 px of a risk's room and held the cue far under "I understand this risk")."""

from __future__ import annotations

from kiosk.i18n import msg
from kiosk.session import Briefing, Patient, ScreenKind
from kiosk.session.screen import ScreenModel
from kiosk.session.view import Action
from kiosk.session.views import READING
from tests.session.drive import DOB, make_model, to_kind
from tests.session.fakes import FakeClock, RecordingSink


def _begun(clock: FakeClock, form: object) -> ScreenModel:
    model = make_model(clock)
    model.begin(Briefing(form, "b-1", RecordingSink(), clock, patient=Patient("Ana Ruiz", DOB)))  # type: ignore[arg-type]
    return model


def test_every_reading_screen_says_it_in_the_page(clock: FakeClock, form: object) -> None:
    model = _begun(clock, form)
    to_kind(model, ScreenKind.ABOUT)
    seen = set()
    while model.view.kind is not ScreenKind.QUESTION:
        view = model.view
        seen.add(view.kind)
        assert view.kind in READING and view.message_in_page, view.screen_id
        if view.kind is ScreenKind.RISK:
            model.read_to_end()
            model.do(Action.ACKNOWLEDGE)
        model.do(Action.NEXT)
    assert seen == READING


def test_a_risk_says_why_next_waits_under_its_words(clock: FakeClock, form: object) -> None:
    model = _begun(clock, form)
    to_kind(model, ScreenKind.RISK)
    model.do(Action.NEXT)
    view = model.view
    assert view.message_in_page
    assert view.message == view.refusal == msg("blocker.risk-not-read")
    assert view.notice is None
    model.read_to_end()
    assert model.view.refusal is None


def test_the_reread_screens_word_is_no_refusal(clock: FakeClock, form: object) -> None:
    """A wrong answer sends the patient back to read a screen again: "let's look at this again"
    stands over its words (`notice`), and is not why a tap did nothing (Listen says a refusal)."""
    model = _begun(clock, form)
    to_kind(model, ScreenKind.QUESTION)
    b = model.briefing
    assert b is not None
    question = b.form.question(model.view.screen_id)
    model.answer(next(c.id for c in question.choices if c.id != question.answer))
    view = model.view
    assert view.kind in READING and b.revisiting
    assert view.notice == msg("reading.revisit")
    assert view.message_in_page and view.refusal is None


def test_a_risk_says_tap_i_understand_by_that_button(clock: FakeClock, form: object) -> None:
    """Next on a risk read but not acknowledged: "Please tap “I understand this risk”…" is about
    that button, and said by it (said under the words, it pushed the button down, away from the
    finger it asked for); why the risk waits to be read is about the words, and said under them."""
    model = _begun(clock, form)
    to_kind(model, ScreenKind.RISK)
    model.waited(Action.ACKNOWLEDGE)  # the greyed button tapped before the end was on screen
    assert model.view.message == msg("blocker.risk-not-read") and model.view.said_by is None
    model.do(Action.NEXT)
    assert model.view.message == msg("blocker.risk-not-read") and model.view.said_by is None
    model.read_to_end()
    model.do(Action.NEXT)
    view = model.view
    assert view.message == view.refusal == msg("blocker.risk-not-acknowledged")
    assert view.message_in_page and view.said_by is Action.ACKNOWLEDGE
    model.do(Action.ACKNOWLEDGE)
    assert model.view.message is None and model.view.said_by is None
