"""The steps after the signature without Qt: the path a plan makes, the representative addressed and
stored once, the interpreter's attestation, the witness's PIN (wrong, locked, right), a store that
refuses, and the done screen's clock waiting for the last signer."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

import pytest

from kiosk.content import Form
from kiosk.i18n import words_for
from kiosk.session import Briefing, DrawnSignature, Patient, Point, ScreenKind, Status, Stroke
from kiosk.session.cosign import (
    Cosigning,
    Interpreter,
    Plan,
    Representative,
    Witnessed,
    check_plan,
    represent,
)
from kiosk.session.screen import ScreenModel
from kiosk.session.signers import InterpreterMode, Signer, SignerError, SignerKind
from kiosk.session.state import FlowError
from kiosk.session.view import Action
from tests.session.drive import make_model, to_kind
from tests.session.fakes import FakeClock, RecordingSink

DOB = date(1951, 3, 14)
EN = words_for("en")
SIGNATURE = DrawnSignature(
    (Stroke((Point(0, 0, 0), Point(60, 40, 120), Point(120, 5, 260))),), b"png"
)
REP = Representative("Luis Ruiz", "son", "aphasia")
INTERP = Interpreter("Marta Gil", "LL-7781", "es", InterpreterMode.PHONE)


class Cosigners:
    """The store's side, remembered: the signers added, the PINs tried; `fail` refuses the next."""

    def __init__(self) -> None:
        self.added: list[Signer] = []
        self.tried: list[tuple[str, str]] = []
        self.fail = False

    def add(self, signer: Signer) -> None:
        if self.fail:
            self.fail = False
            raise OSError("disk full")
        self.added.append(signer)

    def witness(self, name: str, pin: str) -> Witnessed:
        self.tried.append((name, pin))
        if pin == "000000":
            return Witnessed(False, locked_minutes=5)
        if pin != "482913":
            return Witnessed(False)
        self.added.append(Signer(SignerKind.WITNESS, name, DOB_AT, staff_id=1))
        return Witnessed(True)

    def staff_names(self) -> Sequence[str]:
        return ["Nurse Lee", "Sam Carter"]


DOB_AT = FakeClock().now()


@pytest.fixture
def store() -> Cosigners:
    return Cosigners()


def briefing(form: Form, clock: FakeClock, store: Cosigners, plan: Plan | None) -> Briefing:
    """A prepared briefing with `plan`'s steps (None: the patient signs alone)."""
    return Briefing(
        form, "b-1", RecordingSink(), clock, patient=Patient("Ana Ruiz", DOB),
        cosign=Cosigning(plan, store, clock) if plan is not None else None,
    )  # fmt: skip


def signed(model: ScreenModel) -> None:
    to_kind(model, ScreenKind.SIGN)
    model.read_to_end()
    model.sign(SIGNATURE)


def test_the_plan_puts_its_steps_between_signing_and_done(
    form: Form, clock: FakeClock, store: Cosigners
) -> None:
    kinds = [s.kind for s in briefing(form, clock, store, Plan(REP, INTERP, True)).screens]
    assert kinds[-4:] == [
        ScreenKind.SIGN,
        ScreenKind.INTERPRETER,
        ScreenKind.WITNESS,
        ScreenKind.DONE,
    ]
    kinds = [s.kind for s in briefing(form, clock, store, Plan(REP)).screens]
    assert kinds[-2:] == [ScreenKind.SIGN, ScreenKind.DONE]
    assert Plan().empty and Plan().steps == ()


def test_a_plan_missing_what_a_signer_needs_names_the_field(clock: FakeClock) -> None:
    with pytest.raises(SignerError) as no_relationship:
        check_plan(Plan(replace(REP, relationship=" ")), clock.now())
    assert no_relationship.value.field == "role"
    with pytest.raises(SignerError) as no_reason:
        check_plan(Plan(replace(REP, reason="")), clock.now())
    assert no_reason.value.field == "reason"
    with pytest.raises(SignerError) as no_id:
        check_plan(Plan(interpreter=replace(INTERP, interpreter_id="")), clock.now())
    assert no_id.value.field == "interpreter_id"
    with pytest.raises(SignerError) as no_name:
        check_plan(Plan(interpreter=replace(INTERP, name=" ")), clock.now())
    assert no_name.value.field == "name"
    assert check_plan(Plan(REP, INTERP, True), clock.now()).witness


def test_the_representative_is_addressed_and_signs_for_the_patient(
    form: Form, clock: FakeClock, store: Cosigners
) -> None:
    model = make_model(clock)
    model.begin(briefing(form, clock, store, Plan(REP)))
    view = model.view
    assert EN(view.title) == "Hello, Luis Ruiz"  # type: ignore[arg-type]
    assert [EN(p) for p in view.paragraphs] == [  # type: ignore[arg-type]
        "You are reading this for Ana Ruiz.",
        EN("cosign.patient-birth-date"),
    ]
    to_kind(model, ScreenKind.SIGN)
    view = model.view
    assert view.person == "Luis Ruiz" and view.on_behalf is not None
    assert EN(view.paragraphs[0]) == EN("signer.meaning.representative")  # type: ignore[arg-type]
    model.read_to_end()
    model.sign(SIGNATURE)
    assert model.view.kind is ScreenKind.DONE
    (rep,) = store.added
    assert (rep.kind, rep.name, rep.role, rep.reason) == (
        SignerKind.REPRESENTATIVE,
        "Luis Ruiz",
        "son",
        "aphasia",
    )
    assert rep.image_png == b"png" and rep.meaning == "signer.meaning.representative"


def test_a_failed_signature_does_not_store_the_representative_twice(
    form: Form, clock: FakeClock, store: Cosigners
) -> None:
    model = make_model(clock)
    b = briefing(form, clock, store, Plan(REP))
    model.begin(b)
    to_kind(model, ScreenKind.SIGN)
    model.read_to_end()
    b._sink.fail_next = True  # type: ignore[attr-defined]
    model.sign(SIGNATURE)
    assert model.view.kind is ScreenKind.SIGN and EN(model.view.refusal) == EN("problem.not-saved")  # type: ignore[arg-type]
    model.sign(SIGNATURE)
    assert model.view.kind is ScreenKind.DONE and len(store.added) == 1


def test_the_interpreter_attests_then_the_witness_with_their_pin(
    form: Form, clock: FakeClock, store: Cosigners
) -> None:
    model = make_model(clock)
    model.begin(briefing(form, clock, store, Plan(None, INTERP, True)))
    signed(model)
    view = model.view
    assert view.kind is ScreenKind.INTERPRETER and view.person == "Marta Gil"
    assert view.primary is not None and view.primary[0] is Action.ATTEST
    assert Action.BACK not in view.offers  # signed: no way back into the briefing
    model.cosign.attest_interpreter(DrawnSignature(()))  # a tap, nothing drawn
    (interp,) = store.added
    assert (interp.mode, interp.language, interp.image_png) == (InterpreterMode.PHONE, "es", None)

    view = model.view
    assert view.kind is ScreenKind.WITNESS
    assert [c.id for c in view.choices] == ["Nurse Lee", "Sam Carter"]
    model.cosign.witness("", "482913")
    assert EN(model.view.message) == "Please tap your name first."  # type: ignore[arg-type]
    model.cosign.witness("Nurse Lee", "111111")
    assert EN(model.view.message) == EN("staff.sign-in.no-match")  # type: ignore[arg-type]
    model.cosign.typing()  # typed again: what was refused goes, once
    assert model.view.message is None and model.view.kind is ScreenKind.WITNESS
    model.cosign.witness("Nurse Lee", "000000")
    assert EN(model.view.message) == EN("staff.sign-in.locked", count=5)  # type: ignore[arg-type]
    assert model.view.kind is ScreenKind.WITNESS and len(store.added) == 1
    model.cosign.witness("Nurse Lee", "482913")
    assert model.view.kind is ScreenKind.DONE and model.view.message is None
    assert [s.kind for s in store.added] == [SignerKind.INTERPRETER, SignerKind.WITNESS]


def test_a_dot_is_no_interpreter_signature_and_a_refused_store_keeps_the_step(
    form: Form, clock: FakeClock, store: Cosigners
) -> None:
    model = make_model(clock)
    model.begin(briefing(form, clock, store, Plan(None, INTERP)))
    signed(model)
    model.cosign.attest_interpreter(DrawnSignature((Stroke((Point(1, 1, 0),)),)))
    assert EN(model.view.message) == EN("signature.dot")  # type: ignore[arg-type]
    assert not store.added and model.view.kind is ScreenKind.INTERPRETER
    store.fail = True
    model.cosign.attest_interpreter(None)
    assert EN(model.view.message) == EN("problem.not-saved")  # type: ignore[arg-type]
    assert model.view.kind is ScreenKind.INTERPRETER
    model.cosign.attest_interpreter(None)
    assert model.view.kind is ScreenKind.DONE and len(store.added) == 1


def test_the_steps_wait_for_their_signers_and_done_then_returns_to_welcome(
    form: Form, clock: FakeClock, store: Cosigners
) -> None:
    model = make_model(clock)
    b = briefing(form, clock, store, Plan(witness=True))
    model.begin(b)
    signed(model)
    assert b.status is Status.COMPLETED and model.view.kind is ScreenKind.WITNESS
    clock.advance(3600)
    model.tick()
    assert model.briefing is b, "the witness step does not time out into Welcome"
    model.cosign.witness("Nurse Lee", "482913")
    assert model.view.kind is ScreenKind.DONE
    clock.advance(10)
    model.tick()
    assert model.briefing is b  # the done screen's own time starts at the last step
    clock.advance(60)
    model.tick()
    assert model.briefing is None


def test_the_steps_refuse_intents_off_their_screen(
    form: Form, clock: FakeClock, store: Cosigners
) -> None:
    model = make_model(clock)
    model.begin(briefing(form, clock, store, Plan(None, INTERP, True)))
    model.cosign.attest_interpreter(None)
    model.cosign.witness("Nurse Lee", "482913")
    assert not store.added and not store.tried and model.view.kind is ScreenKind.IDENTITY


@pytest.mark.parametrize("plan", [None, Plan(witness=True)], ids=["alone", "with-witness"])
def test_a_representative_named_by_staff_during_the_briefing_is_addressed_and_signs(
    form: Form, clock: FakeClock, store: Cosigners, plan: Plan | None
) -> None:
    """Staff name a representative on the sign screen (the patient cannot sign): from then on
    the screen speaks to them and their row is stored before the signature, whether or not the
    briefing had a plan of its own (a witness's step stays after it)."""
    model = make_model(clock)
    b = briefing(form, clock, store, plan)
    model.begin(b)
    to_kind(model, ScreenKind.SIGN)
    assert model.view.person != "Luis Ruiz"
    represent(b, REP, lambda planned: Cosigning(planned, store, clock))
    model.redraw()
    view = model.view
    assert view.person == "Luis Ruiz" and view.on_behalf is not None
    assert EN(view.paragraphs[0]) == EN("signer.meaning.representative")  # type: ignore[arg-type]
    model.read_to_end()
    model.sign(SIGNATURE)
    assert model.view.kind is (ScreenKind.WITNESS if plan else ScreenKind.DONE)
    assert [s.kind for s in store.added] == [SignerKind.REPRESENTATIVE]


def test_a_representative_named_while_the_patient_types_their_name_signs_by_drawing(
    form: Form, clock: FakeClock, store: Cosigners
) -> None:
    """The patient had chosen to type their name: once a representative is named, the screen is
    the pad again (the statement, now starting with theirs, on screen to be read), a new signer
    number tells the page to drop what was drawn or typed, and Sign waits for the statement."""
    model = make_model(clock, typed_signature=True)
    b = briefing(form, clock, store, None)
    model.begin(b)
    to_kind(model, ScreenKind.SIGN)
    model.read_to_end()
    model.do(Action.TYPE_INSTEAD)
    before = model.view
    assert before.typed_signature and before.can(Action.SIGN)
    represent(b, REP, lambda planned: Cosigning(planned, store, clock))
    model.cosign.represented()
    view = model.view
    assert not view.typed_signature and view.signer == before.signer + 1
    assert Action.CLEAR_SIGNATURE in view.offers and not view.can(Action.SIGN)
    model.read_to_end()
    assert model.view.can(Action.SIGN) and model.view.signer == view.signer


def test_a_representative_cannot_be_named_once_the_patient_signed(
    form: Form, clock: FakeClock, store: Cosigners
) -> None:
    model = make_model(clock)
    b = briefing(form, clock, store, Plan(witness=True))
    model.begin(b)
    signed(model)
    with pytest.raises(FlowError, match="not in progress"):
        represent(b, REP, lambda planned: None)
    assert b.cosign is not None and b.cosign.plan.representative is None


@pytest.mark.parametrize("mode", list(InterpreterMode))
def test_only_an_interpreter_at_the_kiosk_is_offered_the_box_to_sign_in(
    form: Form, clock: FakeClock, store: Cosigners, mode: InterpreterMode
) -> None:
    """An interpreter on the phone or on video is not at the screen: they were asked to "sign in
    the box first". The staff member with the patient taps for them, and the screen says so."""
    model = make_model(clock)
    model.begin(briefing(form, clock, store, Plan(None, replace(INTERP, mode=mode))))
    signed(model)
    view = model.view
    here = mode is InterpreterMode.IN_PERSON
    assert view.kind is ScreenKind.INTERPRETER
    assert (Action.CLEAR_SIGNATURE in view.offers) is here
    told = {p.id for p in view.paragraphs if hasattr(p, "id")}
    assert ("cosign.interpreter.may-draw" in told) is here
    assert ("cosign.interpreter.remote" in told) is not here
    model.cosign.attest_interpreter(None)
    assert view.primary is not None and model.view.kind is ScreenKind.DONE
    assert store.added[-1].image_png is None
