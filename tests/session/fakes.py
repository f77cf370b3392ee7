"""Test doubles for the briefing: a clock the test moves by hand and a sink that remembers events;
and a patient's walk through the screen model (a typed date, on to a kind of screen)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from kiosk.session import DrawnSignature, Point, ScreenKind, Stroke
from kiosk.session.entry import DateEntry
from kiosk.session.events import Event
from kiosk.session.screen import ScreenModel
from kiosk.session.view import Action, IdentityStep


class FakeClock:
    def __init__(self, start: datetime | None = None) -> None:
        self.start = start or datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
        self.elapsed = 0.0

    def now(self) -> datetime:
        return self.start + timedelta(seconds=self.elapsed)

    def monotonic(self) -> float:
        return 1000.0 + self.elapsed

    def advance(self, seconds: float) -> None:
        self.elapsed += seconds


class RecordingSink:
    def __init__(self) -> None:
        self.events: list[Event] = []
        self.fail_next = False

    def record(self, event: Event) -> None:
        if self.fail_next:
            self.fail_next = False
            raise OSError("disk full")
        self.events.append(event)

    def kinds(self) -> list[str]:
        return [type(e).__name__ for e in self.events]


DOB = date(1951, 3, 14)
TODAY = date(2026, 12, 3)
SIGNATURE = DrawnSignature((Stroke((Point(0, 0, 0), Point(60, 40, 120), Point(120, 5, 260))),))


def names(name: str) -> str | None:
    return None if len(name.strip()) >= 2 else "name.type-full-name"


def typed(digits: str) -> DateEntry:
    entry = DateEntry()
    for d in digits:
        entry.press_digit(d)
    return entry


def to_kind(model: ScreenModel, kind: ScreenKind) -> None:
    """Walk forward as a patient would until a screen of `kind` shows."""
    for _ in range(100):
        view = model.view
        if view.kind is kind:
            return
        if view.identity_step is IdentityStep.BIRTH_DATE:
            assert model.confirm_birth_date(typed("03141951"))
            continue
        if view.kind is ScreenKind.RISK and not view.acknowledged:
            model.read_to_end()
            model.do(Action.ACKNOWLEDGE)
        if view.kind is ScreenKind.QUESTION and not any(c.picked for c in view.choices):
            b = model.briefing
            assert b is not None
            model.answer(b.form.question(view.screen_id).answer)
        model.do(Action.NEXT)
    raise AssertionError(f"never reached {kind}")
