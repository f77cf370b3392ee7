"""A tap the database held up (another program holds it): the screen says it is saving, changes only
once the store took the tap, keeps the order of taps, and gives up with a sentence after a while."""

from __future__ import annotations

import pytest

from kiosk.content import Form
from kiosk.i18n import Msg, words_for
from kiosk.session import Briefing, Patient, ScreenKind, Status
from kiosk.session import events as ev
from kiosk.session.screen import ScreenModel
from kiosk.session.view import Action
from tests.session.drive import DOB, SIGNATURE, TODAY, names, to_kind, typed
from tests.session.fakes import FakeClock

EN = words_for("en")
SAVING = EN(Msg("problem.saving"))
NOT_SAVED = EN(Msg("problem.not-saved"))


class Held(Exception):
    """What the store raises when another program held the database past the tap's wait."""


class HeldSink:
    """Stores events, except while `held`: then every event fails as held up."""

    def __init__(self) -> None:
        self.events: list[ev.Event] = []
        self.held = False
        self.tries = 0

    def record(self, event: ev.Event) -> None:
        self.tries += 1
        if self.held:
            raise Held("another program holds the database")
        self.events.append(event)


@pytest.fixture
def prepared(form: Form, sink: HeldSink, clock: FakeClock) -> Briefing:
    return Briefing(form, "b-1", sink, clock, patient=Patient("Ana Ruiz", DOB))


@pytest.fixture
def sink() -> HeldSink:  # the briefing's store (`prepared` records into it)
    return HeldSink()


@pytest.fixture
def model(clock: FakeClock) -> ScreenModel:
    return ScreenModel(
        today=lambda: TODAY,
        monotonic=clock.monotonic,
        now=clock.now,
        not_saved=lambda exc: isinstance(exc, Held | OSError),
        busy=lambda exc: isinstance(exc, Held),
        check_name=names,
        saving_seconds=10.0,
    )


def said(model: ScreenModel) -> str | None:
    message = model.view.refusal
    return None if message is None else EN(message)


def on_a_risk(model: ScreenModel, prepared: Briefing) -> str:
    model.begin(prepared)
    to_kind(model, ScreenKind.RISK)
    model.read_to_end()
    return model.view.screen_id


def test_a_held_up_acknowledgement_says_saving_and_is_stored_once_the_database_is_free(
    model: ScreenModel,
    prepared: Briefing,
    sink: HeldSink,
    clock: FakeClock,
) -> None:
    risk = on_a_risk(model, prepared)
    changes: list[str | None] = []
    model.events.changed.connect(lambda: changes.append(said(model)))
    sink.held = True
    model.do(Action.ACKNOWLEDGE)
    assert model.saving and said(model) == SAVING
    assert risk not in prepared.acknowledgements and not model.view.acknowledged
    # Retries while it is still held change nothing on screen.
    clock.advance(1.0)
    model.retry()
    assert changes == [SAVING] and model.saving
    sink.held = False
    clock.advance(1.0)
    model.retry()
    assert not model.saving and said(model) is None
    assert risk in prepared.acknowledgements and model.view.acknowledged
    assert [type(e) for e in sink.events].count(ev.RiskAcknowledged) == 1
    assert changes == [SAVING, None]
    model.retry()  # nothing held: nothing happens
    assert changes == [SAVING, None]


def test_other_taps_wait_their_turn_while_one_is_saving(
    model: ScreenModel,
    prepared: Briefing,
    sink: HeldSink,
    clock: FakeClock,
) -> None:
    risk = on_a_risk(model, prepared)
    sink.held = True
    model.do(Action.ACKNOWLEDGE)
    tries = sink.tries
    model.do(Action.FLAG)  # refused without touching the store: the acknowledgement comes first
    model.do(Action.NEXT)
    assert sink.tries == tries and said(model) == SAVING
    assert model.view.screen_id == risk and risk not in prepared.flags
    sink.held = False
    model.retry()
    model.do(Action.FLAG)
    stored = [type(e) for e in sink.events]
    assert stored.index(ev.RiskAcknowledged) < stored.index(ev.QuestionFlagged)


def test_a_tap_held_up_too_long_is_given_up_with_the_sentence_and_can_be_tapped_again(
    model: ScreenModel,
    prepared: Briefing,
    sink: HeldSink,
    clock: FakeClock,
) -> None:
    risk = on_a_risk(model, prepared)
    sink.held = True
    model.do(Action.ACKNOWLEDGE)
    clock.advance(9.5)
    model.retry()
    assert model.saving and said(model) == SAVING
    clock.advance(1.0)
    model.retry()
    assert not model.saving and said(model) == NOT_SAVED
    assert risk not in prepared.acknowledgements
    sink.held = False
    model.do(Action.ACKNOWLEDGE)
    assert risk in prepared.acknowledgements and said(model) is None


def test_a_held_up_signature_ends_on_the_done_screen_once_stored(
    model: ScreenModel,
    prepared: Briefing,
    sink: HeldSink,
    clock: FakeClock,
) -> None:
    model.begin(prepared)
    to_kind(model, ScreenKind.SIGN)
    model.read_to_end()
    sink.held = True
    model.sign(SIGNATURE)
    assert model.view.kind is ScreenKind.SIGN and prepared.status is Status.IN_PROGRESS
    sink.held = False
    model.retry()
    assert model.view.kind is ScreenKind.DONE and prepared.status is Status.COMPLETED
    clock.advance(60)
    model.tick()  # the done screen's seconds were counted from the stored signature
    assert model.briefing is None


def test_a_held_up_birth_date_goes_on_to_the_first_screen_once_stored(
    model: ScreenModel,
    prepared: Briefing,
    sink: HeldSink,
) -> None:
    model.begin(prepared)
    sink.held = True
    assert not model.confirm_birth_date(typed("03141951"))  # the keypad keeps the date
    assert model.view.kind is ScreenKind.IDENTITY and said(model) == SAVING
    sink.held = False
    model.retry()
    assert model.view.kind is ScreenKind.ABOUT


def test_a_held_up_start_on_welcome_is_not_held_the_patient_touches_start_again(
    model: ScreenModel,
    prepared: Briefing,
    sink: HeldSink,
) -> None:
    sink.held = True
    assert not model.begin(prepared)
    assert not model.saving and model.view.kind is ScreenKind.WELCOME
    assert said(model) == NOT_SAVED
    sink.held = False
    assert model.begin(prepared)


def test_the_patient_leaving_drops_a_held_tap(
    model: ScreenModel,
    prepared: Briefing,
    sink: HeldSink,
) -> None:
    on_a_risk(model, prepared)
    sink.held = True
    model.do(Action.ACKNOWLEDGE)
    model.end()
    sink.held = False
    model.retry()
    assert not model.saving and ev.RiskAcknowledged not in [type(e) for e in sink.events]
