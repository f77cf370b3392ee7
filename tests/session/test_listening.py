"""The session decides what is kept of listening, without Qt: a Listen on a screen of a briefing
under way, stored when it ends (stopped by signing too); the volume the patient's for their session."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from kiosk.content import load_form
from kiosk.session import Briefing, DrawnSignature, Patient, Point, ScreenKind, Stroke
from kiosk.session import events as ev
from kiosk.session.listening import LOUD, QUIET
from kiosk.session.screen import ScreenModel
from kiosk.session.view import Action
from kiosk.speech.listening import Clip
from tests.conftest import MILD
from tests.session.fakes import FakeClock, RecordingSink

FORM = load_form(MILD)
DOB = date(1951, 3, 14)
CLIPS = tuple(Clip(f"{n}.", Path(f"{n:03d}.wav"), 1.0, f"{n:064x}") for n in range(3))
SIGNATURE = DrawnSignature((Stroke((Point(0, 0, 0), Point(60, 40, 120), Point(120, 5, 260))),))


def _model(clock: FakeClock) -> ScreenModel:
    return ScreenModel(
        today=lambda: date(2026, 12, 3),
        monotonic=clock.monotonic,
        not_saved=lambda exc: isinstance(exc, OSError),
        check_name=lambda name: None,
        now=clock.now,
    )


def _listened(sink: RecordingSink) -> list[ev.Listened]:
    return [e for e in sink.events if isinstance(e, ev.Listened)]


def test_welcome_is_not_kept_a_briefings_screen_is_and_signing_stops_it_first() -> None:
    clock, sink = FakeClock(), RecordingSink()
    model = _model(clock)
    model.listening.started("welcome", CLIPS, "v", automatic=False)  # no briefing yet
    model.listening.ended(True)
    b = Briefing(FORM, "b-1", sink, clock, patient=Patient("Ana Ruiz", DOB))
    model.begin(b)
    model.listening.started("identity", CLIPS, "v", automatic=False)
    clock.advance(2)
    model.listening.ended(True)
    b.confirm_identity(DOB)
    while b.current.kind is not ScreenKind.SIGN:
        if b.current.kind is ScreenKind.RISK:
            b.read_to_end()
            b.acknowledge_risk()
        if b.current.kind is ScreenKind.QUESTION:
            b.answer_question(FORM.question(b.current.id).answer)
        model.do(Action.NEXT)
    model.read_to_end()
    model.listening.started("sign", CLIPS, "v", automatic=True)
    model.listening.sentence(1)
    model.sign(SIGNATURE)  # while it reads: the listening is stored first, then the signature
    kinds = sink.kinds()
    assert kinds[-2:] == ["Listened", "Signed"]
    heard = _listened(sink)
    assert [(e.number, e.screen_id, e.completed, e.heard, e.automatic) for e in heard] == [
        (1, "identity", True, 3, False),
        (2, "sign", False, 2, True),
    ]
    assert (heard[0].at - heard[0].started_at).total_seconds() == 2
    model.listening.started("done", CLIPS, "v", automatic=False)  # signed: nothing more kept
    model.listening.ended(True)
    assert len(_listened(sink)) == 2


def test_a_listening_that_cannot_be_stored_is_logged_and_the_screen_goes_on() -> None:
    clock, sink = FakeClock(), RecordingSink()
    model = _model(clock)
    b = Briefing(FORM, "b-1", sink, clock, patient=Patient("Ana Ruiz", DOB))
    model.begin(b)
    model.listening.started("identity", CLIPS, "v", automatic=False)
    sink.fail_next = True  # the disk is full
    model.listening.ended(False)
    assert _listened(sink) == [] and not model.listening.listening
    model.listening.started("identity", CLIPS, "v", automatic=False)
    model.listening.ended(True)
    assert [e.number for e in _listened(sink)] == [2]  # numbers are never reused


def test_quieter_is_for_this_patient_only() -> None:
    model = _model(FakeClock())
    assert model.listening.volume == LOUD
    model.listening.set_quiet(True)
    assert model.listening.volume == QUIET < LOUD
    model.end()
    assert not model.listening.quiet and model.listening.volume == LOUD
