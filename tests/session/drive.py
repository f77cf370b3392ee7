"""Driving the screen model without Qt, as a patient would: shared by the screen model's tests."""

from __future__ import annotations

from datetime import date

from kiosk.session import DrawnSignature, Point, ScreenKind, Stroke
from kiosk.session.entry import DateEntry
from kiosk.session.screen import ScreenModel
from kiosk.session.view import Action, IdentityStep
from tests.session.fakes import FakeClock

TODAY = date(2026, 12, 3)
DOB = date(1951, 3, 14)
SIGNATURE = DrawnSignature((Stroke((Point(0, 0, 0), Point(60, 40, 120), Point(120, 5, 260))),))


def names(name: str) -> str | None:
    return None if len(name.strip()) >= 2 else "name.type-full-name"


def make_model(clock: FakeClock, **kwargs: object) -> ScreenModel:
    return ScreenModel(
        today=lambda: TODAY,
        monotonic=clock.monotonic,
        not_saved=lambda exc: isinstance(exc, OSError),
        check_name=names,
        now=clock.now,
        **kwargs,  # type: ignore[arg-type]
    )


def typed(digits: str) -> DateEntry:
    entry = DateEntry()
    for d in digits:
        entry.press_digit(d)
    return entry


def to_kind(model: ScreenModel, kind: ScreenKind) -> None:
    """Walk forward as a patient would until a screen of `kind` shows."""
    for _ in range(100):
        if model.view.kind is kind:
            return
        step(model)
    raise AssertionError(f"never reached {kind}")


def step(model: ScreenModel) -> None:
    """One step forward as a patient would take it: the birth date confirmed, or the screen's risk
    acknowledged or question answered rightly, then Next."""
    view = model.view
    if view.identity_step is IdentityStep.BIRTH_DATE:
        assert model.confirm_birth_date(typed("03141951"))
        return
    if view.kind is ScreenKind.RISK and not view.acknowledged:
        model.read_to_end()
        model.do(Action.ACKNOWLEDGE)
    if view.kind is ScreenKind.QUESTION and not any(c.picked for c in view.choices):
        b = model.briefing
        assert b is not None
        model.answer(b.form.question(view.screen_id).answer)
    model.do(Action.NEXT)
