"""The `View` of the steps after the signature (the interpreter's, the witness's), and the screens
that address a representative: pure functions of the briefing and its plan, no Qt."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from kiosk.i18n import language_name, msg
from kiosk.session.cosign import staff_names
from kiosk.session.kinds import ScreenKind
from kiosk.session.signers import MODE_WORDS, InterpreterMode
from kiosk.session.view import Action, Choice, IdentityStep, Offer, View

if TYPE_CHECKING:
    from kiosk.session.flow import Briefing


def step_view(b: Briefing) -> View:
    """The interpreter's or the witness's screen."""
    assert b.cosign is not None
    plan = b.cosign.plan
    if b.current.kind is ScreenKind.INTERPRETER:
        i = plan.interpreter
        assert i is not None
        detail = msg(
            "cosign.interpreter.detail",
            id=i.interpreter_id,
            language=language_name(i.language),
            mode=msg(MODE_WORDS[i.mode]),
        )
        # By phone or video, the interpreter is not at the screen: nothing to draw, and the staff
        # member beside the patient taps for them (they had been asked to sign in the box).
        here = i.mode is InterpreterMode.IN_PERSON
        how = msg("cosign.interpreter.may-draw" if here else "cosign.interpreter.remote")
        return View(
            kind=ScreenKind.INTERPRETER, screen_id="interpreter",
            heading=msg("cosign.interpreter.heading"),
            title=msg("cosign.interpreter.title", name=i.name),
            paragraphs=(msg("signer.meaning.interpreter"), detail, how),
            primary=(Action.ATTEST, Offer(msg("cosign.interpreter.attest"))),
            offers={Action.CLEAR_SIGNATURE: Offer(msg("sign.clear"))} if here else {},
            person=i.name,
        )  # fmt: skip
    return View(
        kind=ScreenKind.WITNESS, screen_id="witness",
        heading=msg("cosign.witness.heading"), title=msg("cosign.witness.title"),
        paragraphs=(msg("signer.meaning.witness"), msg("cosign.witness.how")),
        choices=tuple(Choice(name, name, False) for name in staff_names(b)),
        primary=(Action.CONFIRM, Offer(msg("cosign.witness.confirm"))),
    )  # fmt: skip


def representing(b: Briefing, view: View) -> View:
    """With a representative, the identity and signing screens address them: "Hello, {them}",
    "You are reading this for {patient}", and they sign under a representative's statement."""
    plan = b.cosign.plan if b.cosign is not None else None
    rep = plan.representative if plan is not None else None
    if rep is None or b.patient is None:
        return view
    reading_for = msg("cosign.reading-for", patient=b.patient.name)
    if view.kind is ScreenKind.IDENTITY:
        if view.identity_step is IdentityStep.BIRTH_DATE:
            return replace(
                view,
                title=msg("identity.hello", name=rep.name),
                paragraphs=(reading_for, msg("cosign.patient-birth-date")),
                on_behalf=reading_for,
                person=rep.name,
            )
        if view.identity_step is IdentityStep.CONFIRMED:
            return replace(
                view,
                title=msg("identity.confirmed", name=rep.name),
                paragraphs=(reading_for, *view.paragraphs),
                on_behalf=reading_for,
                person=rep.name,
            )
        return view
    if view.kind is ScreenKind.SIGN:
        return replace(
            view,
            paragraphs=(msg("signer.meaning.representative"), *view.paragraphs),
            on_behalf=reading_for,
            person=rep.name,
        )
    return view
