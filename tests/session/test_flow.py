"""The briefing engine: the whole path, and each rule of PRODUCT.md enforced on its own."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from kiosk.content import Form, load_form, parse_form
from kiosk.session import (
    AbandonReason,
    Blocker,
    Briefing,
    DrawnSignature,
    FlowError,
    IdleState,
    IdleTimes,
    Patient,
    Point,
    ScreenKind,
    Status,
    Stroke,
    TypedSignature,
)
from kiosk.session import events as ev
from tests import shared
from tests.conftest import MILD
from tests.session.fakes import FakeClock, RecordingSink

DOB = date(1951, 3, 14)
SIGNATURE = DrawnSignature((Stroke((Point(0, 0, 0), Point(60, 40, 120), Point(120, 5, 260))),))


@pytest.fixture
def small(form_data: dict[str, Any]) -> Form:
    return parse_form(form_data, "small.toml")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def sink() -> RecordingSink:
    return RecordingSink()


@pytest.fixture
def briefing(small: Form, sink: RecordingSink, clock: FakeClock) -> Briefing:
    return Briefing(small, "b-1", sink, clock, patient=Patient("Ana Ruiz", DOB))


def advance_to(b: Briefing, screen_id: str) -> None:
    """Walk forward, doing what each screen asks, until `screen_id` shows."""
    while b.current.id != screen_id:
        kind = b.current.kind
        if kind is ScreenKind.IDENTITY and not b.identity_confirmed:
            assert b.patient is not None
            b.confirm_identity(b.patient.date_of_birth)
        elif kind is ScreenKind.RISK:
            b.read_to_end()
            b.acknowledge_risk()
        elif kind is ScreenKind.QUESTION and not b.answers_to(b.current.id):
            b.answer_question(b.form.question(b.current.id).answer)
        elif kind is ScreenKind.SIGN:
            b.read_to_end()
            b.sign(SIGNATURE)
            continue
        b.go_next()


# -- the whole briefing --------------------------------------------------------------------------


def test_a_whole_mild_briefing(sink: RecordingSink, clock: FakeClock) -> None:
    form = load_form(MILD)
    b = Briefing(form, "b-42", sink, clock, patient=Patient("Ana Ruiz", DOB, mrn="MRN-7"))
    seen = [b.current.id]

    def step(seconds: float = 5) -> None:
        clock.advance(seconds)
        b.go_next()
        seen.append(b.current.id)

    step()  # welcome -> identity
    assert not b.confirm_identity(date(1951, 3, 15))
    assert b.confirm_identity(DOB)
    step()
    while b.current.kind is not ScreenKind.QUESTION:
        if b.current.kind is ScreenKind.RISK:
            clock.advance(12)
            b.read_to_end()
            b.acknowledge_risk()
            if b.current.id == "risk-dural-tear":
                b.flag_question()
        step()
    first = form.questions[0]
    wrong = next(c.id for c in first.choices if c.id != first.answer)
    b.answer_question(wrong)
    assert b.revisiting
    assert b.current.id == first.teaches
    seen.append(b.current.id)
    step(20)  # back to the question
    assert b.current.id == first.id
    assert b.answer_question(first.answer).correct
    step()
    while b.current.kind is ScreenKind.QUESTION:
        b.answer_question(form.question(b.current.id).answer)
        step()
    assert b.current.kind is ScreenKind.REVIEW
    step()
    b.read_to_end()
    b.sign(SIGNATURE)
    seen.append(b.current.id)

    expected_path = (
        ["welcome", "identity", "about"] + [s.id for s in form.steps] + [r.id for r in form.risks]
    )
    expected_path += ["options", "precautions", first.id, first.teaches, first.id]
    expected_path += [q.id for q in form.questions[1:]] + ["review", "sign", "done"]
    assert seen == expected_path
    assert b.status is Status.COMPLETED
    assert b.current.kind is ScreenKind.DONE

    kinds = sink.kinds()
    assert kinds[:3] == ["BriefingStarted", "IdentityRejected", "IdentityConfirmed"]
    assert kinds.count("RiskAcknowledged") == 8
    assert kinds.count("QuestionFlagged") == 1
    assert kinds.count("QuestionAnswered") == len(form.questions) + 1
    assert kinds[-1] == "Signed"
    started = sink.events[0]
    assert isinstance(started, ev.BriefingStarted)
    assert (started.form_id, started.form_version, started.content_sha256) == (
        "mild", form.version, form.content_sha256,
    )  # fmt: skip
    acks = [e for e in sink.events if isinstance(e, ev.RiskAcknowledged)]
    assert [a.risk_id for a in acks] == [r.id for r in form.risks]
    assert all(a.seconds_on_screen == 12 for a in acks)
    assert all(e.briefing_id == "b-42" for e in sink.events)
    flagged = next(e for e in sink.events if isinstance(e, ev.QuestionFlagged))
    assert flagged.screen_id == "risk-dural-tear"
    answers = [e for e in sink.events if isinstance(e, ev.QuestionAnswered)]
    assert (answers[0].correct, answers[0].attempt, answers[0].revisit_screen_id) == (
        False,
        1,
        first.teaches,
    )
    assert (answers[1].correct, answers[1].attempt, answers[1].revisit_screen_id) == (True, 2, None)
    signed = sink.events[-1]
    assert isinstance(signed, ev.Signed)
    assert signed.signature == SIGNATURE
    times = {t.screen_id: t for t in signed.screen_times}
    assert times[first.teaches].visits == 2
    assert times[first.id].visits == 2
    assert list(times) == [s.id for s in b.screens if s.id in times]
    assert "done" not in times


# -- navigation ----------------------------------------------------------------------------------


def test_the_path_follows_the_product(briefing: Briefing) -> None:
    assert [s.kind.value for s in briefing.screens] == [
        "welcome", "identity", "about", "step", "step", "risk", "risk", "options", "precautions",
        "question", "question", "question", "question", "review", "sign", "done",
    ]  # fmt: skip
    assert briefing.progress == (1, 16)


def test_back_is_allowed_on_every_screen_until_signed(briefing: Briefing) -> None:
    assert not briefing.can_go_back()  # nothing before welcome
    with pytest.raises(FlowError):
        briefing.go_back()
    for screen in briefing.screens[1:-1]:
        advance_to(briefing, screen.id)
        assert briefing.can_go_back()
        position = briefing.progress[0]
        assert briefing.go_back() == briefing.screens[position - 2]
        briefing.go_next()
        assert briefing.current == screen
    briefing.read_to_end()
    briefing.sign(SIGNATURE)
    assert not briefing.can_go_back()
    with pytest.raises(FlowError):
        briefing.go_back()


def test_a_risk_cannot_be_left_forward_until_acknowledged(
    briefing: Briefing, sink: RecordingSink
) -> None:
    advance_to(briefing, "risk-a")
    assert briefing.blocker() is Blocker.RISK_NOT_READ
    with pytest.raises(FlowError) as caught:
        briefing.acknowledge_risk()  # its whole text has not been on screen yet
    assert caught.value.blocker is Blocker.RISK_NOT_READ
    briefing.read_to_end()
    assert briefing.has_read("risk-a") and "risk-a" not in briefing.acknowledgements
    assert briefing.blocker() is Blocker.RISK_NOT_ACKNOWLEDGED
    with pytest.raises(FlowError) as caught:
        briefing.go_next()
    assert caught.value.blocker is Blocker.RISK_NOT_ACKNOWLEDGED
    assert briefing.current.id == "risk-a"
    briefing.go_back()  # leaving backwards is fine
    briefing.go_next()
    briefing.read_to_end()
    briefing.acknowledge_risk()
    assert briefing.blocker() is None
    assert briefing.go_next().id == "risk-b"


def test_acknowledging_twice_records_once(briefing: Briefing, sink: RecordingSink) -> None:
    advance_to(briefing, "risk-a")
    briefing.read_to_end()
    first = briefing.acknowledge_risk()
    assert briefing.acknowledge_risk() is first
    assert sink.kinds().count("RiskAcknowledged") == 1


def test_acknowledgement_times_come_from_the_clock(briefing: Briefing, clock: FakeClock) -> None:
    advance_to(briefing, "risk-a")
    shown = clock.now()
    clock.advance(7)
    briefing.go_back()
    clock.advance(100)  # time on another screen does not count
    briefing.go_next()
    clock.advance(5.5)
    briefing.read_to_end()
    ack = briefing.acknowledge_risk()
    assert ack.shown_at == shown
    assert ack.acknowledged_at == shown + timedelta(seconds=112.5)
    assert ack.seconds_on_screen == 12.5
    assert briefing.seconds_on("risk-a") == 12.5
    assert briefing.seconds_on("step-two") == 100


def test_acknowledge_only_on_a_risk_screen(briefing: Briefing) -> None:
    advance_to(briefing, "step-one")
    briefing.read_to_end()
    with pytest.raises(FlowError, match="not on a risk screen"):
        briefing.acknowledge_risk()


def test_signing_cannot_be_reached_with_a_risk_outstanding(briefing: Briefing) -> None:
    advance_to(briefing, "review")
    assert briefing.risks_outstanding == []
    # The risk screens already make this impossible; the review and signing guard it a second time.
    del briefing.acknowledgements["risk-b"]
    assert briefing.blocker() is Blocker.RISKS_OUTSTANDING
    with pytest.raises(FlowError):
        briefing.go_next()
    briefing.acknowledgements["risk-b"] = briefing.acknowledgements["risk-a"]
    briefing.go_next()
    del briefing.acknowledgements["risk-b"]
    briefing.read_to_end()
    with pytest.raises(FlowError) as caught:
        briefing.sign(SIGNATURE)
    assert caught.value.blocker is Blocker.RISKS_OUTSTANDING


def test_sign_screen_waits_for_a_signature(briefing: Briefing) -> None:
    advance_to(briefing, "sign")
    assert briefing.blocker() is Blocker.NOT_SIGNED
    with pytest.raises(FlowError):
        briefing.go_next()


def test_sign_only_on_the_sign_screen(briefing: Briefing) -> None:
    advance_to(briefing, "review")
    briefing.read_to_end()
    with pytest.raises(FlowError, match="not on a sign screen"):
        briefing.sign(SIGNATURE)


# -- identity ------------------------------------------------------------------------------------


def test_identity_must_be_confirmed_to_go_on(briefing: Briefing) -> None:
    briefing.go_next()
    assert briefing.blocker() is Blocker.IDENTITY_NOT_CONFIRMED
    with pytest.raises(FlowError):
        briefing.go_next()
    assert briefing.confirm_identity(DOB)
    assert briefing.confirm_identity(date(2000, 1, 1))  # already confirmed: nothing more to check
    assert briefing.go_next().id == "about"


def test_three_wrong_birth_dates_mean_ask_staff(briefing: Briefing, sink: RecordingSink) -> None:
    briefing.go_next()
    wrong = date(1951, 4, 14)
    assert [briefing.confirm_identity(wrong) for _ in range(3)] == [False, False, False]
    assert briefing.identity_locked
    assert briefing.blocker() is Blocker.IDENTITY_LOCKED
    with pytest.raises(FlowError) as caught:
        briefing.confirm_identity(DOB)  # even the right date: staff must step in
    assert caught.value.blocker is Blocker.IDENTITY_LOCKED
    rejected = [e for e in sink.events if isinstance(e, ev.IdentityRejected)]
    assert [(e.attempt, e.locked_out) for e in rejected] == [(1, False), (2, False), (3, True)]


def test_walk_up_identity(small: Form, sink: RecordingSink, clock: FakeClock) -> None:
    b = Briefing(small, "b-2", sink, clock)
    b.go_next()
    with pytest.raises(FlowError, match="walk-up"):
        b.confirm_identity(DOB)
    b.enter_identity("Zoë Ångström", DOB)
    assert b.patient == Patient("Zoë Ångström", DOB)
    confirmed = sink.events[-1]
    assert isinstance(confirmed, ev.IdentityConfirmed)
    assert (confirmed.name, confirmed.date_of_birth) == ("Zoë Ångström", DOB)
    assert b.go_next().id == "about"


@pytest.mark.parametrize("walk_up", [False, True], ids=["prepared", "walk-up"])
def test_back_on_welcome_whoever_starts_again_proves_who_they_are(
    small: Form, sink: RecordingSink, clock: FakeClock, walk_up: bool
) -> None:
    """The patient confirmed who they are, went back to Welcome and walked away: the next person
    to touch Start is asked the birth date again before any screen of the briefing (reviewer: they
    went on as "Thank you, Rosa Muñoz", unchecked). A wrong date counts as a try."""
    b = Briefing(small, "b-3", sink, clock, patient=None if walk_up else Patient("Ana Ruiz", DOB))
    b.go_next()
    if walk_up:
        b.enter_identity("Rosa Muñoz", DOB)
    else:
        assert b.confirm_identity(DOB)
    assert b.go_back().kind is ScreenKind.WELCOME
    assert not b.identity_confirmed
    assert b.go_next().kind is ScreenKind.IDENTITY
    assert b.blocker() is Blocker.IDENTITY_NOT_CONFIRMED
    with pytest.raises(FlowError):
        b.go_next()
    assert not b.confirm_identity(date(1980, 1, 2)) and b.identity_attempts == 1
    assert b.confirm_identity(DOB) and b.identity_confirmed
    assert b.identity_attempts == 0  # proved: a slip at a later check does not count this one
    assert b.patient is not None and b.patient.name == ("Rosa Muñoz" if walk_up else "Ana Ruiz")
    assert b.go_next().id == "about"
    confirmed = [e for e in sink.events if isinstance(e, ev.IdentityConfirmed)]
    assert len(confirmed) == 2  # each proof is recorded


def test_prepared_briefing_refuses_walk_up_entry(briefing: Briefing) -> None:
    briefing.go_next()
    with pytest.raises(FlowError, match="prepared"):
        briefing.enter_identity("Someone Else", DOB)


def test_identity_only_on_the_identity_screen(briefing: Briefing) -> None:
    with pytest.raises(FlowError, match="not started"):
        briefing.confirm_identity(DOB)


# -- flags ---------------------------------------------------------------------------------------


def test_a_question_can_be_flagged_on_any_screen_once(
    briefing: Briefing, sink: RecordingSink
) -> None:
    with pytest.raises(FlowError):
        briefing.flag_question()  # nothing to flag before the briefing starts
    flagged = []
    for screen in briefing.screens[1:-1]:
        advance_to(briefing, screen.id)
        briefing.flag_question()
        briefing.flag_question()
        flagged.append(screen.id)
        assert briefing.is_flagged(screen.id)
    assert briefing.flags == flagged
    assert [e.screen_id for e in sink.events if isinstance(e, ev.QuestionFlagged)] == flagged


# -- comprehension -------------------------------------------------------------------------------


def test_a_wrong_answer_shows_the_teaching_screen_then_asks_again(briefing: Briefing) -> None:
    advance_to(briefing, "q-1")
    assert briefing.blocker() is Blocker.QUESTION_NOT_ANSWERED
    progress = briefing.progress
    answer = briefing.answer_question("b")
    assert not answer.correct
    assert briefing.current.id == "risk-a"
    assert briefing.current.kind is ScreenKind.RISK
    assert briefing.revisiting
    assert briefing.progress == progress
    assert briefing.blocker() is None  # already acknowledged; rereading never blocks
    assert briefing.go_back().id == "q-1"  # back returns to the question too
    assert not briefing.revisiting
    assert briefing.answer_question("b").attempt == 2  # a second wrong answer is recorded...
    assert briefing.current.id == "q-1"  # ...and does not send the patient round again
    assert briefing.go_next().id == "q-2"  # never used to block


def test_revisit_by_next_returns_to_the_question(briefing: Briefing) -> None:
    advance_to(briefing, "q-3")
    briefing.answer_question("b")
    assert briefing.current.id == "options"
    assert briefing.go_next().id == "q-3"
    assert briefing.answer_question("a").correct


def test_an_unknown_choice_is_refused(briefing: Briefing, sink: RecordingSink) -> None:
    advance_to(briefing, "q-1")
    before = len(sink.events)
    with pytest.raises(FlowError, match="not a choice"):
        briefing.answer_question("z")
    assert len(sink.events) == before


# -- signing -------------------------------------------------------------------------------------


def test_signing_happens_exactly_once(briefing: Briefing, sink: RecordingSink) -> None:
    advance_to(briefing, "sign")
    briefing.read_to_end()
    briefing.sign(SIGNATURE)
    briefing.read_to_end()
    with pytest.raises(FlowError) as caught:
        briefing.sign(SIGNATURE)
    assert caught.value.blocker is Blocker.FINISHED
    assert sink.kinds().count("Signed") == 1
    assert briefing.blocker() is Blocker.FINISHED
    with pytest.raises(FlowError):
        briefing.go_next()


@pytest.mark.parametrize(
    "signature",
    [
        DrawnSignature(()),
        DrawnSignature((Stroke((Point(5, 5, 0),)),)),
        TypedSignature("Ana Ruiz", ""),
    ],
    ids=["empty", "dot", "typed-without-staff"],
)
def test_an_unacceptable_signature_is_refused(
    briefing: Briefing, sink: RecordingSink, signature: Any
) -> None:
    advance_to(briefing, "sign")
    briefing.read_to_end()
    with pytest.raises(FlowError):
        briefing.sign(signature)
    assert "Signed" not in sink.kinds()
    assert briefing.status is Status.IN_PROGRESS
    briefing.read_to_end()
    briefing.sign(TypedSignature("Ana Ruiz", "Nurse Lee"))
    assert briefing.status is Status.COMPLETED


# -- inactivity ----------------------------------------------------------------------------------


def test_inactivity_warns_then_abandons(
    briefing: Briefing, clock: FakeClock, sink: RecordingSink
) -> None:
    assert briefing.check_idle() is IdleState.ACTIVE
    clock.advance(500)
    assert briefing.check_idle() is IdleState.ACTIVE  # the welcome screen waits forever
    advance_to(briefing, "risk-a")
    clock.advance(89.9)
    assert briefing.check_idle() is IdleState.ACTIVE
    clock.advance(0.1)
    assert briefing.check_idle() is IdleState.WARNING
    briefing.still_here()
    clock.advance(119)
    assert briefing.check_idle() is IdleState.WARNING
    clock.advance(1)
    assert briefing.check_idle() is IdleState.ENDED
    assert briefing.status is Status.ABANDONED
    abandoned = sink.events[-1]
    assert isinstance(abandoned, ev.Abandoned)
    assert abandoned.reason is AbandonReason.INACTIVITY
    assert briefing.check_idle() is IdleState.ENDED
    assert sink.kinds().count("Abandoned") == 1
    briefing.read_to_end()
    with pytest.raises(FlowError):
        briefing.acknowledge_risk()
    assert not briefing.can_go_back()


def test_a_briefing_locked_by_wrong_birth_dates_ends_saying_so(
    briefing: Briefing, clock: FakeClock, sink: RecordingSink
) -> None:
    """Staff read "nobody touched the screen" over three wrong dates: the reason is the lock."""
    briefing.go_next()  # Start: the birth date is asked
    for _ in range(3):
        assert not briefing.confirm_identity(date(1950, 1, 1))
    assert briefing.identity_locked
    clock.advance(90 + 120)
    assert briefing.check_idle() is IdleState.ENDED
    abandoned = sink.events[-1]
    assert isinstance(abandoned, ev.Abandoned)
    assert abandoned.reason is AbandonReason.IDENTITY


def test_every_intent_counts_as_activity(briefing: Briefing, clock: FakeClock) -> None:
    advance_to(briefing, "step-one")
    clock.advance(80)
    briefing.flag_question()
    clock.advance(80)
    assert briefing.check_idle() is IdleState.ACTIVE


def test_idle_times_are_settings(small: Form, sink: RecordingSink, clock: FakeClock) -> None:
    b = Briefing(small, "b-3", sink, clock, patient=Patient("A", DOB), idle=IdleTimes(10, 5))
    b.go_next()
    clock.advance(10)
    assert b.check_idle() is IdleState.WARNING
    clock.advance(5)
    assert b.check_idle() is IdleState.ENDED


def test_staff_can_abandon_and_an_unstarted_briefing_has_nothing_to_abandon(
    briefing: Briefing, sink: RecordingSink
) -> None:
    briefing.abandon(AbandonReason.STAFF)
    assert sink.events == []
    assert briefing.status is Status.NOT_STARTED
    briefing.go_next()
    briefing.abandon(AbandonReason.STAFF)
    assert briefing.status is Status.ABANDONED
    assert sink.kinds() == ["BriefingStarted", "Abandoned"]


# -- durability contract with the sink -----------------------------------------------------------


def test_nothing_changes_when_the_store_refuses_an_event(
    briefing: Briefing, sink: RecordingSink
) -> None:
    sink.fail_next = True
    with pytest.raises(OSError, match="disk full"):
        briefing.go_next()
    assert briefing.status is Status.NOT_STARTED
    assert briefing.current.id == "welcome"
    advance_to(briefing, "risk-a")
    sink.fail_next = True
    briefing.read_to_end()
    with pytest.raises(OSError, match="disk full"):
        briefing.acknowledge_risk()
    assert "risk-a" not in briefing.acknowledgements
    assert briefing.blocker() is Blocker.RISK_NOT_ACKNOWLEDGED
    briefing.read_to_end()
    briefing.acknowledge_risk()
    advance_to(briefing, "sign")
    sink.fail_next = True
    briefing.read_to_end()
    with pytest.raises(OSError, match="disk full"):
        briefing.sign(SIGNATURE)
    assert briefing.status is Status.IN_PROGRESS
    assert briefing.signature is None
    briefing.read_to_end()
    briefing.sign(SIGNATURE)
    assert briefing.signature == SIGNATURE


def test_events_carry_the_briefing_id_and_utc_times(
    briefing: Briefing, sink: RecordingSink
) -> None:
    advance_to(briefing, "done")
    assert {e.briefing_id for e in sink.events} == {"b-1"}
    assert all(e.at.utcoffset() == timedelta(0) for e in sink.events)
    assert isinstance(sink.events[-1], ev.Signed)


# -- languages -------------------------------------------------------------------------------


@pytest.fixture
def bilingual(sink: RecordingSink, clock: FakeClock) -> Briefing:
    return shared.bilingual(sink, clock)


def test_a_switch_of_language_keeps_the_screen_and_is_recorded_on_what_follows(
    bilingual: Briefing, sink: RecordingSink
) -> None:
    english = bilingual.form
    bilingual.switch_language("es")  # on Welcome: the briefing simply starts in Spanish
    spanish = bilingual.form
    assert bilingual.language == "es" and spanish.content_sha256 != english.content_sha256
    risk = next(s.id for s in bilingual.screens if s.kind is ScreenKind.RISK)
    advance_to(bilingual, risk)
    started = next(e for e in sink.events if isinstance(e, ev.BriefingStarted))
    assert (started.language, started.content_sha256) == ("es", spanish.content_sha256)
    assert started.procedure_sha256 == english.content_sha256  # the version prepared for

    assert bilingual.switch_language("en").id == risk  # mid-way: the same screen, now in English
    changed = sink.events[-1]
    assert isinstance(changed, ev.LanguageChanged)
    assert (changed.language, changed.screen_id) == ("en", risk)
    bilingual.read_to_end()
    bilingual.acknowledge_risk()
    bilingual.flag_question()
    ack, flag = sink.events[-2:]
    assert isinstance(ack, ev.RiskAcknowledged) and isinstance(flag, ev.QuestionFlagged)
    assert {(e.language, e.content_sha256) for e in (ack, flag)} == {("en", english.content_sha256)}
    # the risks acknowledged in either language count: the screens are the same
    assert risk not in bilingual.risks_outstanding


def test_a_language_not_offered_is_refused_and_changes_nothing(
    bilingual: Briefing, sink: RecordingSink
) -> None:
    with pytest.raises(FlowError, match="not offered"):
        bilingual.switch_language("fr")
    assert bilingual.language == "en" and sink.events == []
    assert bilingual.switch_language("en") is bilingual.current  # the same language: nothing to do
    assert sink.events == []


def test_text_read_in_one_language_is_read_again_in_the_next(bilingual: Briefing) -> None:
    """A risk read to its end in Spanish, then the language switched: "I understand this risk"
    waits for the English words to be read to their end (reviewer: it stayed enabled, and the
    acknowledgement was recorded in a language whose words had not all been on screen)."""
    bilingual.switch_language("es")
    risks = [s.id for s in bilingual.screens if s.kind is ScreenKind.RISK]
    advance_to(bilingual, risks[0])
    advance_to(bilingual, risks[1])  # the first read and acknowledged in Spanish: it stays so
    bilingual.read_to_end()
    assert bilingual.has_read(risks[1])
    bilingual.switch_language("en")
    assert not bilingual.has_read(risks[1]) and bilingual.blocker() is Blocker.RISK_NOT_READ
    with pytest.raises(FlowError) as refused:
        bilingual.acknowledge_risk()
    assert refused.value.blocker is Blocker.RISK_NOT_READ
    assert risks[0] in bilingual.acknowledgements  # what was given stays given
    bilingual.read_to_end()
    assert bilingual.acknowledge_risk().risk_id == risks[1]


def test_a_screen_reread_after_a_wrong_answer_is_headed_by_its_question(briefing: Briefing) -> None:
    """Its own heading ("Step 2 of 7") told a patient in the questions they were back among the
    steps; it names the question they return to."""
    from kiosk.session.views import Local, view_of

    advance_to(briefing, "q-1")
    briefing.answer_question("b")
    assert briefing.revisiting and briefing.place.id == "q-1"
    heading = view_of(briefing, Local()).heading
    assert heading is not None
    assert (heading.id, heading.args["n"]) == ("question.heading", 1)
