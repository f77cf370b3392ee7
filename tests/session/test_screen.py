"""The screen model, without Qt: what each screen shows and allows, and every decision a page used to make."""

from __future__ import annotations

import pytest

from kiosk.content import Form
from kiosk.content.schema import Question
from kiosk.i18n import Msg, msg, words_for
from kiosk.session import Briefing, DrawnSignature, Patient, ScreenKind, Status
from kiosk.session import events as ev
from kiosk.session.screen import ScreenModel
from kiosk.session.view import Action, Filing, IdentityStep, Mark, Tone
from kiosk.session.views import READING
from tests import shared
from tests.conftest import MILD
from tests.session.drive import DOB, SIGNATURE, make_model, step, to_kind, typed
from tests.session.fakes import FakeClock, RecordingSink

EN = words_for("en")


@pytest.fixture
def sink() -> RecordingSink:
    return RecordingSink()


@pytest.fixture
def model(clock: FakeClock) -> ScreenModel:
    return make_model(clock, typed_signature=True)


@pytest.fixture
def prepared(form: Form, sink: RecordingSink, clock: FakeClock) -> Briefing:
    return Briefing(form, "b-1", sink, clock, patient=Patient("Ana Ruiz", DOB))


def said(message: Msg | None) -> str | None:
    return None if message is None else EN(message)


def first_question(model: ScreenModel, prepared: Briefing) -> tuple[Question, str]:
    """The briefing begun and walked to its first question: the question, and a wrong answer."""
    model.begin(prepared)
    to_kind(model, ScreenKind.QUESTION)
    b = model.briefing
    assert b is not None
    question = b.form.question(model.view.screen_id)
    return question, next(c.id for c in question.choices if c.id != question.answer)


def test_welcome_without_a_briefing_offers_start_and_nothing_personal(model: ScreenModel) -> None:
    view = model.view
    assert view.kind is ScreenKind.WELCOME
    assert view.primary is not None and view.primary[0] is Action.START
    assert view.person is None and view.progress is None
    model.unavailable(Msg("welcome.no-briefing"))
    assert said(model.view.refusal) == "Please ask a staff member to get your briefing ready."


def test_one_change_is_emitted_per_tap(model: ScreenModel, prepared: Briefing) -> None:
    seen: list[ScreenKind] = []
    model.events.changed.connect(lambda: seen.append(model.view.kind))
    model.begin(prepared)
    assert seen == [ScreenKind.IDENTITY]
    model.confirm_birth_date(typed("03141951"))
    assert seen == [ScreenKind.IDENTITY, ScreenKind.ABOUT]
    model.do(Action.BACK)
    assert model.view.identity_step is IdentityStep.CONFIRMED
    assert said(model.view.title) == "Thank you, Ana Ruiz"


def test_identity_counts_tries_left_and_locks(model: ScreenModel, prepared: Briefing) -> None:
    model.begin(prepared)
    view = model.view
    assert view.identity_step is IdentityStep.BIRTH_DATE
    assert view.primary is not None and view.primary[0] is Action.CONFIRM
    assert Action.NOT_ME in view.offers
    assert said(view.title) == "Hello, Ana Ruiz"
    model.confirm_birth_date(typed("01011950"))
    assert said(model.view.refusal) == (
        "That date of birth does not match our records. Please check it. You can try 2\u00a0more times."
    )
    model.confirm_birth_date(typed("01011950"))
    assert "1\u00a0more time." in str(said(model.view.refusal))
    model.confirm_birth_date(typed("01011950"))
    view = model.view
    assert view.identity_step is IdentityStep.LOCKED
    assert view.primary is None and said(view.notice) == "Please ask a staff member to help you."


def test_start_on_welcome_with_the_briefing_under_way_goes_on(
    model: ScreenModel, prepared: Briefing
) -> None:
    """Back from the birth date to Welcome, then Start: the same briefing goes on (Start did
    nothing and said nothing before); locked out, it shows the lock again, asking for staff."""
    model.begin(prepared)
    model.do(Action.BACK)
    assert model.view.kind is ScreenKind.WELCOME and model.briefing is prepared
    model.do(Action.START)
    assert model.view.identity_step is IdentityStep.BIRTH_DATE
    for _ in range(3):
        model.confirm_birth_date(typed("01011950"))
    model.do(Action.BACK)
    assert model.view.kind is ScreenKind.WELCOME
    model.do(Action.START)
    view = model.view
    assert view.identity_step is IdentityStep.LOCKED
    assert said(view.notice) == "Please ask a staff member to help you."


def test_identity_refuses_an_impossible_date_without_using_a_try(
    model: ScreenModel, prepared: Briefing
) -> None:
    model.begin(prepared)
    assert not model.confirm_birth_date(typed("0231"))
    assert said(model.view.refusal) == "Please enter your whole date of birth: month, day and year."
    model.confirm_birth_date(typed("02301951"))
    assert said(model.view.refusal) == "There is no February 30. Please check the day."
    assert prepared.identity_attempts == 0


def test_walk_up_asks_the_name_then_the_birth_date_and_back_returns_to_the_name(
    form: Form, sink: RecordingSink, clock: FakeClock, model: ScreenModel
) -> None:
    model.begin(Briefing(form, "w-1", sink, clock))
    assert model.view.identity_step is IdentityStep.NAME
    # headed as the birth date's step is, not "Part 2 of 28" then "Checking it is you" (a reviewer)
    assert said(model.view.heading) == "Checking it is you"
    model.enter_name(" ")
    assert said(model.view.refusal) == "Please type your full name."
    model.enter_name("Nguyễn Thị Minh Khai ")
    view = model.view
    assert view.identity_step is IdentityStep.BIRTH_DATE and view.refusal is None
    assert said(view.title) == "Hello, Nguyễn Thị Minh Khai"
    model.do(Action.BACK)
    assert model.view.identity_step is IdentityStep.NAME
    model.enter_name("Nguyễn Thị Minh Khai")
    assert model.confirm_birth_date(typed("03141951"))
    assert model.briefing is not None and model.briefing.patient is not None
    assert model.briefing.patient.name == "Nguyễn Thị Minh Khai"


def test_a_risk_is_acknowledged_only_once_its_whole_text_was_on_screen(
    model: ScreenModel, prepared: Briefing, sink: RecordingSink
) -> None:
    model.begin(prepared)
    to_kind(model, ScreenKind.RISK)
    view = model.view
    assert view.must_read_to_end and not view.read_to_end
    assert not view.can(Action.ACKNOWLEDGE)
    model.do(Action.NEXT)
    assert said(model.view.refusal) == (
        "Please read to the end of this risk first. Slide the text up with your finger."
    )
    model.do(Action.ACKNOWLEDGE)
    assert said(model.view.refusal) == (
        "Please read to the end of this risk first. Slide the text up with your finger."
    )
    model.read_to_end()
    assert model.view.can(Action.ACKNOWLEDGE)
    model.do(Action.NEXT)
    assert said(model.view.refusal) == "Please tap “I understand this risk” before going on."
    model.do(Action.ACKNOWLEDGE)
    view = model.view
    assert view.acknowledged and Action.ACKNOWLEDGE not in view.offers and view.refusal is None
    ack = sink.events[-1]
    assert type(ack).__name__ == "RiskAcknowledged"
    assert ack.read_to_end_at is not None  # type: ignore[attr-defined]


def test_the_acknowledgement_and_next_are_different_actions(
    model: ScreenModel, prepared: Briefing
) -> None:
    model.begin(prepared)
    to_kind(model, ScreenKind.RISK)
    model.read_to_end()
    view = model.view
    assert view.primary is not None and view.primary[0] is Action.NEXT
    assert view.offers[Action.ACKNOWLEDGE].label != view.primary[1].label


def test_flaggable_screens_are_decided_by_the_model(model: ScreenModel, prepared: Briefing) -> None:
    model.begin(prepared)
    assert Action.FLAG not in model.view.offers  # identity
    to_kind(model, ScreenKind.STEP)
    assert said(model.view.offers[Action.FLAG].label) == "I have a question about this"
    model.do(Action.FLAG)
    assert model.view.flagged
    assert said(model.view.offers[Action.FLAG].label) == "Question noted for your surgeon"
    to_kind(model, ScreenKind.REVIEW)
    review = model.view
    assert Action.FLAG not in review.offers
    flagged = [line for line in review.lines if line.mark is Mark.QUESTION]
    assert [line.text for line in flagged] == ["Numbing and relaxing"]


def test_a_wrong_answer_rereads_then_is_not_left_looking_chosen(
    model: ScreenModel, prepared: Briefing
) -> None:
    question, wrong = first_question(model, prepared)
    model.answer(wrong)
    view = model.view
    assert view.kind is not ScreenKind.QUESTION  # the screen that teaches it
    assert said(view.notice) is not None and view.notice is not None
    model.do(Action.NEXT)
    view = model.view
    assert view.kind is ScreenKind.QUESTION
    assert not any(c.picked for c in view.choices)
    assert (
        view.feedback is not None and said(view.feedback.text) == "Please try this question again."
    )
    model.answer(question.answer)
    view = model.view
    assert [c.id for c in view.choices if c.picked] == [question.answer]
    assert view.feedback is not None and view.feedback.tone is Tone.DONE


def test_two_wrong_answers_settle_with_the_right_answer_shown(
    model: ScreenModel, prepared: Briefing
) -> None:
    question, wrong = first_question(model, prepared)
    model.answer(wrong)
    model.do(Action.NEXT)
    model.answer(wrong)
    view = model.view
    # The wrong answer is not left looking chosen (a reviewer took the filled one for right);
    # the right one is marked, as the feedback line names it.
    assert [c.id for c in view.choices if c.picked] == []
    assert [c.id for c in view.choices if c.answer] == [question.answer]
    # ... and the one they tapped is marked as theirs, not as right (a reviewer saw it unmarked).
    assert [c.id for c in view.choices if c.missed] == [wrong]
    right = question.choice(question.answer).text
    assert view.feedback is not None and said(view.feedback.text) == f"The answer is: {right}"


def test_a_question_says_why_next_waits_under_its_choices_not_in_the_frame(
    model: ScreenModel, prepared: Briefing
) -> None:
    """The frame's line under the page would take the room the choices need (larger text at
    1280x800: the top choice scrolled out of sight): a question says it where the word on the
    answer stands, and the frame keeps no line for it."""
    question, _ = first_question(model, prepared)
    assert model.view.message_in_page and model.view.feedback is None
    model.do(Action.NEXT)
    view = model.view
    assert view.kind is ScreenKind.QUESTION and view.message is None
    assert view.refusal is not None
    assert view.feedback is not None and view.feedback.tone is Tone.NOTICE
    assert view.feedback.text == view.refusal
    model.answer(question.answer)
    view = model.view
    assert view.refusal is None
    assert view.feedback is not None and view.feedback.tone is Tone.DONE


def test_a_question_names_beforehand_every_word_it_may_say_under_its_choices(
    model: ScreenModel, prepared: Briefing
) -> None:
    """The page keeps room for the longest of them, so that an answer never moves the choices (a
    reviewer saw the choices jump by a line when "The answer is: …" came): each word said under
    the choices, on Next before an answer, a wrong answer, a second and a right one, was named."""
    question, wrong = first_question(model, prepared)
    named = model.view.may_say
    assert {EN(line.text) for line in named} >= {
        EN("question.right"),
        EN("question.again"),
        EN("blocker.question-not-answered"),
    }
    said_lines = []
    model.do(Action.NEXT)  # before an answer: why Next waits
    said_lines.append(model.view.feedback)
    model.answer(wrong)
    while model.view.screen_id != question.id:  # a wrong answer: the risk read again
        model.do(Action.NEXT) if model.view.kind is not ScreenKind.RISK else model.acknowledge()
    said_lines.append(model.view.feedback)
    model.answer(wrong)  # the second: the answer named
    said_lines.append(model.view.feedback)
    assert all(line is not None for line in said_lines)
    assert [line in model.view.may_say for line in said_lines] == [True, True, True]
    assert model.view.may_say == named


def test_signing_names_beforehand_why_sign_may_do_nothing(
    model: ScreenModel, prepared: Briefing
) -> None:
    """The page keeps room beside Clear for the longest (a third line took it from the pad): the
    statement not read, nothing drawn, a dot; typing the name, its own refusals."""
    model.begin(prepared)
    to_kind(model, ScreenKind.SIGN)
    named = [line.text for line in model.view.may_say]
    model.waited(Action.SIGN)
    unread = model.view.notice
    model.read_to_end()
    model.sign(DrawnSignature(()))
    empty = model.view.notice
    assert unread is not None and empty is not None and unread != empty
    assert unread in named and empty in named and Msg("signature.dot") in named
    model.do(Action.TYPE_INSTEAD)
    assert Msg("signature.typed-empty") in [line.text for line in model.view.may_say]


def test_a_greyed_action_tapped_says_why_it_waits_until_the_text_was_read(
    model: ScreenModel, prepared: Briefing
) -> None:
    model.begin(prepared)
    to_kind(model, ScreenKind.RISK)
    offer = model.view.offer(Action.ACKNOWLEDGE)
    assert offer is not None and not offer.enabled
    model.waited(Action.ACKNOWLEDGE)
    assert said(model.view.refusal) == EN("blocker.risk-not-read")
    model.read_to_end()
    assert model.view.refusal is None and model.view.can(Action.ACKNOWLEDGE)
    model.waited(Action.NEXT)  # not waiting: nothing said
    assert model.view.refusal is None
    to_kind(model, ScreenKind.SIGN)
    model.waited(Action.SIGN)
    view = model.view
    assert view.message_in_page and view.message is None  # said by the page, beside Clear
    assert said(view.refusal) == EN("blocker.statement-not-read")


def test_every_screen_says_where_the_patient_is_in_the_same_way(
    model: ScreenModel, prepared: Briefing
) -> None:
    """The line over the title names the part of the briefing ("Risk 2 of 8", "Other options"),
    never its own title again (the options screen once repeated its heading), and never a count of
    the whole ("Part 19 of 28" stood over the options and precautions, between "Risk 8 of 8" and
    "question 1 of 5": the bar shows the whole)."""
    model.begin(prepared)
    headings = {}
    while model.view.kind is not ScreenKind.SIGN:
        view = model.view
        assert view.heading is not None, f"{view.screen_id}: no heading"
        heading = EN(view.heading)
        assert heading != EN(view.title) if view.title else True
        headings[view.screen_id] = heading
        step(model)
    assert headings["options"] == "Other options"
    assert headings["precautions"] == "Looking after yourself"
    model.read_to_end()
    model.sign(SIGNATURE)
    assert model.view.kind is ScreenKind.DONE and model.view.heading is not None
    headings["done"] = EN(model.view.heading)  # "Part 28 of 28" stood over "Thank you"
    assert not any(h.startswith("Part ") for h in headings.values())


def test_signing_needs_the_statement_read_and_happens_once(
    model: ScreenModel, prepared: Briefing, sink: RecordingSink
) -> None:
    model.begin(prepared)
    to_kind(model, ScreenKind.SIGN)
    view = model.view
    assert len(view.paragraphs) == 3  # points, not one run-together block
    assert view.primary is not None and not view.primary[1].enabled
    assert said(view.primary[1].waiting) == "Please read what signing means to the end first."
    model.sign(SIGNATURE)
    assert said(model.view.refusal) == "Please read what signing means to the end first."
    model.read_to_end()
    assert model.view.can(Action.SIGN)
    assert model.view.primary is not None and model.view.primary[1].waiting is None
    model.sign(DrawnSignature(()))
    assert said(model.view.refusal) == "Please sign with your finger in the box."
    model.do(Action.SIGNATURE_DRAWN)  # a stroke in the box: the refusal is gone
    assert model.view.message is None
    model.sign(SIGNATURE)
    model.sign(SIGNATURE)
    assert [type(e).__name__ for e in sink.events].count("Signed") == 1
    view = model.view
    assert view.kind is ScreenKind.DONE and view.filing is Filing.MAKING
    assert Action.BACK not in view.offers


def test_typed_signature_is_offered_only_when_the_clinic_allows(
    clock: FakeClock, prepared: Briefing
) -> None:
    plain = make_model(clock)
    plain.begin(prepared)
    to_kind(plain, ScreenKind.SIGN)
    assert Action.TYPE_INSTEAD not in plain.view.offers


def test_done_returns_to_welcome_on_its_own(
    model: ScreenModel, prepared: Briefing, clock: FakeClock
) -> None:
    ended: list[bool] = []
    model.events.ended.connect(lambda: ended.append(True))
    model.begin(prepared)
    to_kind(model, ScreenKind.SIGN)
    model.read_to_end()
    model.sign(SIGNATURE)
    model.filed("b-1", Filing.MADE)
    assert model.view.filing is Filing.MADE
    clock.advance(44)
    model.tick()
    assert model.briefing is not None
    clock.advance(2)
    model.tick()
    assert model.briefing is None and ended == [True]
    assert model.view.kind is ScreenKind.WELCOME


def test_done_says_its_last_seconds_before_it_goes_back(
    model: ScreenModel, prepared: Briefing, clock: FakeClock
) -> None:
    """It went back to Welcome 45 s after signing without a word (a reviewer waited for staff)."""
    model.begin(prepared)
    to_kind(model, ScreenKind.SIGN)
    model.read_to_end()
    model.sign(SIGNATURE)
    assert model.view.kind is ScreenKind.DONE and model.view.done_left is None
    clock.advance(24)
    model.tick()
    assert model.view.done_left is None  # 21 s left: not yet
    clock.advance(1)
    model.tick()
    assert model.view.done_left == 20
    assert (
        said(msg("done.returning", count=20))
        == "For your privacy, this screen will be cleared in 20\u00a0seconds."
    )
    clock.advance(19)
    model.tick()
    assert model.view.done_left == 1
    clock.advance(1)
    model.tick()
    assert model.briefing is None and model.view.kind is ScreenKind.WELCOME
    assert model.view.done_left is None


def test_idle_warns_then_ends_keeping_what_was_acknowledged(
    model: ScreenModel, prepared: Briefing, clock: FakeClock
) -> None:
    model.begin(prepared)
    clock.advance(91)
    model.tick()
    assert model.view.still_there == 29
    model.still_here()
    assert model.view.still_there is None
    clock.advance(121)
    model.tick()
    assert model.briefing is None
    assert prepared.status is Status.ABANDONED


def test_a_failed_save_says_so_and_changes_nothing(
    model: ScreenModel, prepared: Briefing, sink: RecordingSink
) -> None:
    model.begin(prepared)
    to_kind(model, ScreenKind.RISK)
    model.read_to_end()
    sink.fail_next = True
    model.do(Action.ACKNOWLEDGE)
    assert said(model.view.refusal) == (
        "That could not be saved just now. Please tap again, or ask a staff member."
    )
    assert not model.view.acknowledged
    model.do(Action.ACKNOWLEDGE)
    assert model.view.acknowledged and model.view.refusal is None


def test_a_start_the_store_refuses_leaves_welcome_with_nothing_kept(
    model: ScreenModel, prepared: Briefing, sink: RecordingSink
) -> None:
    sink.fail_next = True
    assert not model.begin(prepared)
    assert model.briefing is None
    view = model.view
    assert view.kind is ScreenKind.WELCOME
    assert said(view.refusal) == (
        "That could not be saved just now. Please tap again, or ask a staff member."
    )
    assert model.begin(prepared)
    assert model.view.kind is ScreenKind.IDENTITY and model.view.refusal is None


def test_staff_mode_closes_after_the_idle_time_without_a_touch(clock: FakeClock) -> None:
    from kiosk.session.staffing import StaffSession

    staff = StaffSession(90, clock.monotonic)
    assert not staff.open and not staff.timed_out()
    staff.opened("Sam Carter")
    clock.advance(80)
    staff.touched()
    clock.advance(80)
    assert not staff.timed_out()
    clock.advance(10)
    assert staff.timed_out()
    staff.closed()
    assert staff.staff is None and not staff.timed_out()


def test_a_change_made_while_a_screen_is_drawn_reaches_every_listener_last() -> None:
    """Drawing a screen can change the model (its text fits, so it has been read to the end):
    no listener may be left with the view from before that change."""
    from kiosk.session.changes import Event

    event = Event()
    state = {"read": False}
    seen: list[tuple[str, bool]] = []

    def page() -> None:
        view = state["read"]  # what the page draws, taken before it draws
        if not view:
            state["read"] = True  # the page found its text on screen whole
            event.emit()
        seen.append(("page", view))

    def bar() -> None:
        seen.append(("bar", state["read"]))

    event.connect(page)
    event.connect(bar)
    event.emit()
    assert seen[-2:] == [("page", True), ("bar", True)]  # each drew the view after the change


# -- languages ---------------------------------------------------------------------------------


@pytest.fixture
def bilingual(sink: RecordingSink, clock: FakeClock) -> Briefing:
    return shared.bilingual(sink, clock)


def test_welcome_offers_each_language_by_its_own_name_and_the_briefing_starts_in_the_chosen_one(
    clock: FakeClock, bilingual: Briefing, sink: RecordingSink
) -> None:
    model = make_model(clock)
    assert model.view.languages == ()  # one language offered: nothing to choose
    model.offer_languages(["en", "es"])
    choices = model.view.languages
    assert [(c.code, c.name, c.chosen) for c in choices] == [
        ("en", "English", True),
        ("es", "Español", False),
    ]
    model.choose_language("es")
    assert model.words.language == "es" and model.view.languages[1].chosen
    model.choose_language("fr")  # not offered: nothing changes
    assert model.words.language == "es"
    assert model.begin(bilingual)
    assert bilingual.language == "es" and model.words.language == "es"
    started = sink.events[0]
    assert isinstance(started, ev.BriefingStarted) and started.language == "es"
    model.end()  # the next patient starts in the clinic's main language again
    assert model.words.language == "en" and model.view.languages[0].chosen


def test_the_language_can_change_on_any_screen_and_the_screen_stays(
    clock: FakeClock, bilingual: Briefing, sink: RecordingSink
) -> None:
    model = make_model(clock)
    model.offer_languages(["en", "es"])
    assert model.begin(bilingual)
    to_kind(model, ScreenKind.RISK)
    screen = model.view.screen_id
    english_title = model.view.title
    model.do(Action.LANGUAGES)
    assert model.view.choosing_language
    model.choose_language("es")
    view = model.view
    assert (view.screen_id, view.choosing_language) == (screen, False)
    assert view.title != english_title and model.words.language == "es"
    changed = sink.events[-1]
    assert isinstance(changed, ev.LanguageChanged) and changed.screen_id == screen
    model.do(Action.LANGUAGES)
    model.do(Action.LANGUAGES)  # opened and closed again: nothing changed
    assert not model.view.choosing_language and model.words.language == "es"


def test_a_language_switch_the_store_refuses_keeps_the_screen_as_it_was(
    clock: FakeClock, form: Form
) -> None:
    from kiosk.content.catalog import load_procedure

    class Failing(RecordingSink):
        fail = False

        def record(self, event: ev.Event) -> None:
            if self.fail:
                raise OSError("disk full")
            super().record(event)

    sink = Failing()
    procedure = load_procedure(MILD.parent)
    b = Briefing(
        form, "b-3", sink, clock, patient=Patient("A B", DOB), languages=procedure.translations
    )
    model = make_model(clock)
    model.offer_languages(["en", "es"])
    assert model.begin(b)
    to_kind(model, ScreenKind.STEP)
    sink.fail = True
    model.choose_language("es")
    assert b.language == "en" and model.words.language == "en"
    assert said(model.view.message) == EN("problem.not-saved")


def test_reading_aloud_is_offered_only_with_audio_chosen_per_patient_and_reset_after(
    model: ScreenModel,
) -> None:
    assert not model.view.read_aloud_offered
    model.set_read_aloud(True)  # no audio rendered: nothing to choose
    assert not model.view.read_aloud
    model.offer_read_aloud(True, default=False)
    assert model.view.read_aloud_offered and not model.view.read_aloud
    model.set_read_aloud(True)  # the patient's choice on Welcome
    assert model.view.read_aloud
    model.end()  # the next patient starts with the clinic's choice again
    assert not model.view.read_aloud
    model.offer_read_aloud(True, default=True)  # the `read_aloud` setting
    assert model.view.read_aloud
    model.set_read_aloud(False)
    model.end()
    assert model.view.read_aloud
    model.stopped_reading()  # "Stop" on a screen read to them: no more screens read as they open
    assert not model.view.read_aloud
    model.end()
    assert model.view.read_aloud


def test_a_reading_screen_with_a_picture_hands_the_page_its_bytes_and_words(
    model: ScreenModel, prepared: Briefing, form: Form
) -> None:
    model.begin(prepared)
    to_kind(model, ScreenKind.ABOUT)
    about = form.about.picture
    figure = model.view.figure
    assert about is not None and figure is not None
    assert (figure.svg, figure.alt, figure.sha256) == (about.svg, about.alt, about.sha256)
    assert figure.svg.startswith(b"<svg")
    to_kind(model, ScreenKind.RISK)
    assert form.risks[0].picture is None and model.view.figure is None


def test_each_screen_names_the_next_screens_picture_to_draw_ahead(
    model: ScreenModel, prepared: Briefing
) -> None:
    """Every screen of the walk names the picture of the screen after it (the page draws it while
    this one is read), or none when that screen has none; the done screen names none."""
    model.begin(prepared)
    b = prepared
    seen = 0
    while b.current.kind is not ScreenKind.SIGN:
        view = model.view
        at = b.screens.index(b.current)
        following = b.screens[at + 1]
        picture = None
        if following.kind in READING:
            picture = b.form.screen(following.id).picture
        if picture is None:
            assert view.ahead is None, b.current.id
        else:
            assert view.ahead is not None and view.ahead.sha256 == picture.sha256, b.current.id
            seen += 1
        step(model)
    assert seen >= 3  # the about screen's from identity, and the steps'


def test_typing_the_birth_date_again_takes_back_what_was_said_of_the_last(
    model: ScreenModel, prepared: Briefing
) -> None:
    """A reviewer corrected the date and still read "there is no month 14" above it."""
    model.begin(prepared)
    model.confirm_birth_date(typed("1403"))
    assert said(model.view.refusal) is not None
    model.do(Action.DATE_TYPED)
    assert model.view.refusal is None


def test_typing_a_name_to_sign_then_a_switch_of_language_types_on_and_reads_again(
    clock: FakeClock, bilingual: Briefing
) -> None:
    """A switch of language asks for the statement's new words to be read before Sign. Typing a
    name, the statement stands under the keys (or behind a button there): the patient types on (a
    reviewer, sent back to the finger's box, had to find "I cannot sign with my finger" again)."""
    model = make_model(clock, typed_signature=True)
    model.offer_languages(["en", "es"])
    assert model.begin(bilingual)
    to_kind(model, ScreenKind.SIGN)
    model.read_to_end()
    model.do(Action.TYPE_INSTEAD)
    assert model.view.typed_signature
    model.choose_language("es")
    view = model.view
    assert view.typed_signature and not view.read_to_end
    sign = view.offer(Action.SIGN)
    assert sign is not None and not sign.enabled  # the new words read first
    model.read_to_end()
    assert model.view.typed_signature and model.view.read_to_end


def asked_again(model: ScreenModel, b: Briefing) -> None:
    """A walk-up patient types who they are, goes back to Welcome, and someone touches Start."""
    model.begin(b)
    model.enter_name("Rosa Muñoz")
    assert model.confirm_birth_date(typed("03141951"))
    while model.kind is not ScreenKind.WELCOME:
        model.do(Action.BACK)
    model.do(Action.START)


def test_a_walk_up_asked_again_after_welcome_shows_no_name(
    form: Form, sink: RecordingSink, clock: FakeClock, model: ScreenModel
) -> None:
    """Back on Welcome, the next touch of Start asks the birth date again: for a walk-up without the
    name the last patient typed (a stranger read "Hello, Rosa Muñoz"; a reviewer)."""
    b = Briefing(form, "w-2", sink, clock)
    asked_again(model, b)
    view = model.view
    assert view.identity_step is IdentityStep.BIRTH_DATE and said(view.title) == "Welcome back"
    assert view.person == "" and "Rosa" not in " ".join(str(said(m)) for m in view.paragraphs)
    assert model.confirm_birth_date(typed("03141951")) and model.kind is ScreenKind.ABOUT


def test_this_is_not_me_on_a_walk_up_asked_again_ends_it_for_the_next_walk_up(
    form: Form, sink: RecordingSink, clock: FakeClock, model: ScreenModel
) -> None:
    """Someone new at a walk-up's "Welcome back" taps "This is not me": that briefing ends (kept,
    with why) and Welcome is theirs, with a fresh name screen on Start. It had only said to ask
    staff, and the newcomer waited out the idle limit (a reviewer). A prepared briefing still sends
    whoever it is to staff: it was made for one patient."""
    b = Briefing(form, "w-3", sink, clock)
    asked_again(model, b)
    assert Action.NOT_ME in model.view.offers
    ended: list[bool] = []
    model.events.ended.connect(lambda: ended.append(True))
    model.do(Action.NOT_ME)
    assert ended == [] and model.briefing is b  # asked first: to start again, not for staff
    assert said(model.view.notice) == said(msg("identity.not-me-sure-new"))
    model.do(Action.NOT_ME)
    assert ended == [True] and model.briefing is None and model.kind is ScreenKind.WELCOME
    assert b.status is Status.ABANDONED
    abandoned = [e for e in sink.events if isinstance(e, ev.Abandoned)]
    assert [e.reason for e in abandoned] == [ev.AbandonReason.SOMEONE_ELSE]
    model.begin(Briefing(form, "w-4", sink, clock))
    assert model.view.identity_step is IdentityStep.NAME and model.view.person == ""


def test_this_is_not_me_on_a_prepared_briefing_sends_them_to_staff(
    model: ScreenModel, prepared: Briefing
) -> None:
    model.begin(prepared)
    assert model.view.person == prepared.patient.name  # type: ignore[union-attr]
    model.do(Action.NOT_ME)
    model.do(Action.NOT_ME)
    assert model.briefing is prepared and prepared.status is not Status.ABANDONED
    # Its patient's name and the keys to try their birth date are gone (a reviewer saw both stay).
    view = model.view
    assert view.identity_step is IdentityStep.LOCKED and view.primary is None
    assert not view.person and Action.NOT_ME not in view.offers
    assert said(view.title) == "This briefing is waiting for a staff member"
    assert (
        said(view.notice) == "Please ask a staff member. They will find your own briefing for you."
    )
    model.do(Action.BACK)  # and whoever comes next is sent to staff too
    model.do(Action.START)
    assert model.view.identity_step is IdentityStep.LOCKED and not model.view.person


def test_this_is_not_me_is_asked_once_before_staff_are_called(
    model: ScreenModel, prepared: Briefing, sink: RecordingSink
) -> None:
    """One tap on "This is not me" (just over Back) locked the briefing until staff came, with no
    question asked (a reviewer). The first tap asks; the second calls staff; anything else between
    (a digit, Back) takes the question back."""
    model.begin(prepared)
    model.do(Action.NOT_ME)
    view = model.view
    assert view.identity_step is IdentityStep.BIRTH_DATE and view.person  # nothing happened yet
    assert said(view.offers[Action.NOT_ME].label) == "Yes, this is not me"
    assert said(view.message or view.notice) == said(msg("identity.not-me-sure"))
    assert not [e for e in sink.events if isinstance(e, ev.IdentityDisputed)]
    model.do(Action.DATE_TYPED)  # they typed a digit after all: it is them
    assert said(model.view.offers[Action.NOT_ME].label) == "This is not me"
    model.do(Action.NOT_ME)
    model.do(Action.NOT_ME)
    assert model.view.identity_step is IdentityStep.LOCKED
    assert len([e for e in sink.events if isinstance(e, ev.IdentityDisputed)]) == 1


def test_this_is_not_me_is_recorded_and_said_in_the_kiosks_words(
    form: Form, sink: RecordingSink, clock: FakeClock
) -> None:
    """A reviewer's "This is not me" on a briefing prepared in Arabic was kept nowhere (the record
    said only that staff ended it), and the person who said it was answered in Arabic."""
    from kiosk.content.catalog import load_procedure

    procedure = load_procedure(MILD.parent)
    b = Briefing(
        form, "b-9", sink, clock, patient=Patient("A B", DOB), languages=procedure.translations,
        language="ar",
    )  # fmt: skip
    model = make_model(clock)
    model.offer_languages(["en", "es", "ar"])
    assert model.begin(b) and model.words.language == "ar"
    model.do(Action.NOT_ME)
    model.do(Action.NOT_ME)
    disputed = [e for e in sink.events if isinstance(e, ev.IdentityDisputed)]
    assert [e.briefing_id for e in disputed] == ["b-9"]
    assert model.words.language == "en" and b.status is not Status.ABANDONED
    assert model.view.identity_step is IdentityStep.LOCKED


def test_locked_out_then_back_on_welcome_the_next_person_is_not_told_they_typed_it(
    model: ScreenModel, prepared: Briefing
) -> None:
    """Three wrong birth dates, Back to Welcome: whoever touched Start next read "We could not
    check your date of birth", though they never typed one (a reviewer). They read that the
    briefing waits for staff, and are still sent to staff."""
    model.begin(prepared)
    for _ in range(3):
        model.confirm_birth_date(typed("01011950"))
    assert model.view.identity_step is IdentityStep.LOCKED
    assert said(model.view.title) == "We could not check your date of birth"
    model.do(Action.BACK)
    assert model.kind is ScreenKind.WELCOME
    model.do(Action.START)
    view = model.view
    assert view.identity_step is IdentityStep.LOCKED and view.primary is None
    assert said(view.title) == "This briefing is waiting for a staff member"
    assert said(view.notice) == "Please ask a staff member to help you."


def test_a_person_who_typed_the_wrong_dates_themselves_reads_why(
    model: ScreenModel, prepared: Briefing
) -> None:
    """Back to Welcome by mistake, Start again, then three wrong dates typed by the same person:
    they read that their date could not be checked, not only that staff are awaited."""
    model.begin(prepared)
    model.do(Action.BACK)
    model.do(Action.START)
    for _ in range(3):
        model.confirm_birth_date(typed("01011950"))
    assert said(model.view.title) == "We could not check your date of birth"


@pytest.mark.parametrize("kind", [ScreenKind.OPTIONS, ScreenKind.PRECAUTIONS])
def test_a_list_screen_gives_its_paragraphs_one_by_one(
    model: ScreenModel, prepared: Briefing, kind: ScreenKind
) -> None:
    """The options' introduction came as one text with a blank line in it, drawn as a gap twice the
    page's between paragraphs (a reviewer); each card's words likewise. Each is a paragraph now."""
    model.begin(prepared)
    to_kind(model, kind)
    view = model.view
    texts = [*view.paragraphs, *(p for card in view.cards for p in card.body)]
    assert texts and all("\n" not in t and t == t.strip() for t in texts), texts
    content = prepared.form.screen(view.screen_id)
    joined = " ".join(" ".join(t.split()) for t in texts)
    assert " ".join(content.intro.split()) in joined  # type: ignore[union-attr]
