"""Test doubles for the briefing: a clock the test moves by hand and a sink that remembers events."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from kiosk.session.events import Event


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
